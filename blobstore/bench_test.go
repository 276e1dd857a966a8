package blobstore_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/certwatch/certwatch/blobstore"
)

// BenchmarkPutGet stores a new blob and reads it back, in a directory
// (synced to disk) and in the in-process S3 server over loopback HTTP.
// Bytes per op are the blob's size (each op writes and reads it once).
func BenchmarkPutGet(b *testing.B) {
	for _, fx := range fixtures {
		for _, size := range []int{64 << 10, 1 << 20} {
			b.Run(fmt.Sprintf("%s/%dKiB", fx.name, size>>10), func(b *testing.B) {
				st := fx.new(b).open(b, blobstore.Options{})
				ctx := context.Background()
				data := body(9, size)
				b.SetBytes(int64(size))
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					binary.LittleEndian.PutUint64(data, uint64(i)) // a new blob each time
					sum := blobstore.Sum(data)
					if err := st.Put(ctx, sum, data); err != nil {
						b.Fatal(err)
					}
					got, err := st.Get(ctx, sum)
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != size {
						b.Fatalf("got %d bytes", len(got))
					}
				}
			})
		}
	}
}

// BenchmarkPutGetPlainFile is the reference for BenchmarkPutGet/dir: the
// least the same work can cost with the os package (hash, temporary file,
// write, sync, rename, sync the directory, read back, hash), without the
// store's existence check, limits, slots and context checks.
func BenchmarkPutGetPlainFile(b *testing.B) {
	for _, size := range []int{64 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			root := b.TempDir()
			data := body(9, size)
			b.SetBytes(int64(size))
			for i := 0; b.Loop(); i++ {
				binary.LittleEndian.PutUint64(data, uint64(i))
				sum := blobstore.Sum(data)
				path := filepath.Join(root, filepath.FromSlash(blobstore.Key(sum)))
				if err := plainPut(path, data); err != nil {
					b.Fatal(err)
				}
				got, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				if blobstore.Sum(got) != sum {
					b.Fatal("read back other bytes")
				}
			}
		})
	}
}

func plainPut(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	f, err := os.CreateTemp(dir, "tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

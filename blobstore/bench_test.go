package blobstore_test

import (
	"context"
	"encoding/binary"
	"fmt"
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

package blobstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/pgstore"
)

// The PostgreSQL backend keeps its evidence bytes in a *Store.
var _ pgstore.Blobs = (*blobstore.Store)(nil)

// body returns n pseudo-random bytes, different for each seed.
func body(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestBehaviour runs every behaviour against each kind of store.
func TestBehaviour(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, f fixture)
	}{
		{"round trip and layout", testRoundTrip},
		{"second put writes nothing", testIdempotent},
		{"mismatched sum refused", testMismatch},
		{"malformed sums refused", testBadSums},
		{"missing blob", testMissing},
		{"corrupted blob refused", testCorrupted},
		{"truncated blob refused and repaired", testTruncated},
		{"put over the size limit refused", testPutTooLarge},
		{"get over the size limit refused unread", testGetTooLarge},
		{"cancelled context", testCancelled},
		{"32 concurrent writers", testConcurrent},
	}
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) { tc.run(t, fx.new(t)) })
			}
		})
	}
}

func testRoundTrip(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	for _, n := range []int{0, 1, 4096, 1 << 20} {
		data := body(1, n)
		sum := blobstore.Sum(data)
		if err := st.Put(ctx, sum, data); err != nil {
			t.Fatalf("put %d bytes: %v", n, err)
		}
		got, err := st.Get(ctx, sum)
		if err != nil {
			t.Fatalf("get %d bytes: %v", n, err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("get %d bytes: got %d different bytes", n, len(got))
		}
		has, err := st.Has(ctx, sum)
		if err != nil || !has {
			t.Fatalf("has %d bytes = %v, %v; want true", n, has, err)
		}
		key := "sha256/" + sum[:2] + "/" + sum[2:4] + "/" + sum
		if blobstore.Key(sum) != key {
			t.Fatalf("Key(%s) = %s, want %s", sum, blobstore.Key(sum), key)
		}
		raw, ok := f.raw(t, key)
		if !ok || !bytes.Equal(raw, data) {
			t.Fatalf("%d bytes: not stored as is under %s (found %v, %d bytes)", n, key, ok, len(raw))
		}
	}
	if d, ok := f.(*dirFixture); ok {
		checkDirModes(t, d.root)
	}
}

// checkDirModes checks that a directory store keeps its blobs private and
// holds nothing but blobs (no sidecar or temporary files).
func checkDirModes(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = fs.ModeDir | 0o700
		} else if !blobstore.ValidSum(d.Name()) {
			t.Errorf("unexpected file %s in the store", path)
		}
		if info.Mode() != want {
			t.Errorf("%s: mode %v, want %v", path, info.Mode(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testIdempotent(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	data := body(2, 10_000)
	sum := blobstore.Sum(data)
	if err := st.Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	before := f.version(t, blobstore.Key(sum))
	for range 3 {
		if err := st.Put(ctx, sum, data); err != nil {
			t.Fatalf("second put: %v", err)
		}
	}
	if after := f.version(t, blobstore.Key(sum)); after != before {
		t.Fatalf("putting the same blob again rewrote it (version %s → %s)", before, after)
	}
}

func testMismatch(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	claimed := blobstore.Sum([]byte("the page as fetched"))
	err := st.Put(ctx, claimed, []byte("other bytes"))
	if !errors.Is(err, blobstore.ErrMismatch) {
		t.Fatalf("put with a wrong sum: %v, want ErrMismatch", err)
	}
	if !strings.Contains(err.Error(), claimed) || !strings.Contains(err.Error(), blobstore.Sum([]byte("other bytes"))) {
		t.Errorf("error %q should name the claimed and the actual sum", err)
	}
	if _, ok := f.raw(t, blobstore.Key(claimed)); ok {
		t.Fatal("a blob was written under a sum that is not its hash")
	}
	if has, err := st.Has(ctx, claimed); err != nil || has {
		t.Fatalf("has = %v, %v after a refused put", has, err)
	}
}

func testBadSums(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	good := blobstore.Sum([]byte("x"))
	for _, sum := range []string{
		"",
		strings.ToUpper(good),
		good[:63],
		good + "0",
		good[:63] + "g",
		"../../../../etc/passwd",
		"sha256/" + good,
		strings.Repeat("é", 32),
	} {
		if err := st.Put(ctx, sum, []byte("x")); !errors.Is(err, blobstore.ErrBadSum) {
			t.Errorf("put %q: %v, want ErrBadSum", sum, err)
		}
		if _, err := st.Get(ctx, sum); !errors.Is(err, blobstore.ErrBadSum) {
			t.Errorf("get %q: %v, want ErrBadSum", sum, err)
		}
		if _, err := st.Has(ctx, sum); !errors.Is(err, blobstore.ErrBadSum) {
			t.Errorf("has %q: %v, want ErrBadSum", sum, err)
		}
	}
}

func testMissing(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	sum := blobstore.Sum([]byte("never stored"))
	_, err := st.Get(ctx, sum)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("get of a missing blob: %v, want fs.ErrNotExist", err)
	}
	if !strings.Contains(err.Error(), sum) {
		t.Errorf("error %q should name the sum", err)
	}
	if has, err := st.Has(ctx, sum); err != nil || has {
		t.Fatalf("has = %v, %v for a missing blob", has, err)
	}
}

func testCorrupted(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	data := body(3, 50_000)
	sum := blobstore.Sum(data)
	if err := st.Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(data)
	bad[25_000] ^= 0x01 // one bit flipped on disk
	f.damage(t, blobstore.Key(sum), bad)
	got, err := st.Get(ctx, sum)
	if !errors.Is(err, blobstore.ErrCorrupt) || got != nil {
		t.Fatalf("get of a corrupted blob: %d bytes, %v; want ErrCorrupt and no bytes", len(got), err)
	}
	if !strings.Contains(err.Error(), blobstore.Sum(bad)) {
		t.Errorf("error %q should name the hash of the bytes found", err)
	}
	// A same-length blob is not rewritten (documented): Get keeps refusing it.
	if err := st.Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(ctx, sum); !errors.Is(err, blobstore.ErrCorrupt) {
		t.Fatalf("get after put over a same-length corrupted blob: %v, want ErrCorrupt", err)
	}
}

func testTruncated(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	data := body(4, 50_000)
	sum := blobstore.Sum(data)
	if err := st.Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 4096, len(data) - 1} {
		f.damage(t, blobstore.Key(sum), data[:n])
		if _, err := st.Get(ctx, sum); !errors.Is(err, blobstore.ErrCorrupt) {
			t.Fatalf("get of a blob truncated to %d bytes: %v, want ErrCorrupt", n, err)
		}
		if err := st.Put(ctx, sum, data); err != nil {
			t.Fatalf("put over a truncated blob: %v", err)
		}
		got, err := st.Get(ctx, sum)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("get after a put over a blob truncated to %d bytes: %d bytes, %v", n, len(got), err)
		}
	}
}

func testPutTooLarge(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{MaxSize: 1024})
	ctx := context.Background()
	fits := body(5, 1024)
	if err := st.Put(ctx, blobstore.Sum(fits), fits); err != nil {
		t.Fatalf("put of exactly MaxSize bytes: %v", err)
	}
	big := body(5, 1025)
	err := st.Put(ctx, blobstore.Sum(big), big)
	if !errors.Is(err, blobstore.ErrTooLarge) {
		t.Fatalf("put over MaxSize: %v, want ErrTooLarge", err)
	}
	if _, ok := f.raw(t, blobstore.Key(blobstore.Sum(big))); ok {
		t.Fatal("a blob over MaxSize was written")
	}
}

func testGetTooLarge(t *testing.T, f fixture) {
	const limit = 1 << 20
	st := f.open(t, blobstore.Options{MaxSize: limit})
	ctx := context.Background()
	big := body(6, 32<<20)
	sum := blobstore.Sum(big)
	// Stored behind the store's back, e.g. by a deployment with a larger limit.
	f.damage(t, blobstore.Key(sum), big)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := st.Get(ctx, sum)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, blobstore.ErrTooLarge) || got != nil {
		t.Fatalf("get of a 32 MiB blob with a 1 MiB limit: %d bytes, %v; want ErrTooLarge", len(got), err)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(len(big))) {
		t.Errorf("error %q should give the blob's size", err)
	}
	// Reading the blob would allocate 32 MiB; refusing it from its size
	// allocates next to nothing (the in-process S3 server's own buffers
	// included).
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Fatalf("get of a blob over the limit allocated %d bytes: it read the blob", alloc)
	}
}

func testCancelled(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := body(7, 1000)
	sum := blobstore.Sum(data)
	if err := st.Put(ctx, sum, data); !errors.Is(err, context.Canceled) {
		t.Fatalf("put with a cancelled context: %v", err)
	}
	if _, ok := f.raw(t, blobstore.Key(sum)); ok {
		t.Fatal("put with a cancelled context wrote the blob")
	}
	if err := st.Put(context.Background(), sum, data); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(ctx, sum); !errors.Is(err, context.Canceled) {
		t.Fatalf("get with a cancelled context: %v", err)
	}
	if _, err := st.Has(ctx, sum); !errors.Is(err, context.Canceled) {
		t.Fatalf("has with a cancelled context: %v", err)
	}
}

// testConcurrent has 32 goroutines put one shared blob and one of their
// own, then read both back.
func testConcurrent(t *testing.T, f fixture) {
	st := f.open(t, blobstore.Options{MaxInFlight: 8})
	ctx := context.Background()
	shared := body(8, 200_000)
	sharedSum := blobstore.Sum(shared)
	const n = 32
	own := make([][]byte, n)
	for i := range own {
		own[i] = body(100+uint64(i), 20_000+i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			for _, data := range [][]byte{shared, own[i]} {
				sum := blobstore.Sum(data)
				if err := st.Put(ctx, sum, data); err != nil {
					errs <- fmt.Errorf("goroutine %d: %w", i, err)
					return
				}
				got, err := st.Get(ctx, sum)
				if err != nil {
					errs <- fmt.Errorf("goroutine %d: %w", i, err)
					return
				}
				if !bytes.Equal(got, data) {
					errs <- fmt.Errorf("goroutine %d: get %s returned other bytes", i, sum)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, data := range append(own, shared) {
		raw, ok := f.raw(t, blobstore.Key(blobstore.Sum(data)))
		if !ok || !bytes.Equal(raw, data) {
			t.Fatalf("blob %s not stored intact after concurrent puts", blobstore.Sum(data))
		}
	}
	if _, err := st.Get(ctx, sharedSum); err != nil {
		t.Fatal(err)
	}
	if d, ok := f.(*dirFixture); ok {
		checkDirModes(t, d.root)
	}
}

// TestDirCreatedPrivate checks that Open creates a missing directory 0700,
// from a plain path and from a file URL.
func TestDirCreatedPrivate(t *testing.T) {
	for _, loc := range []func(dir string) string{
		func(dir string) string { return dir },
		func(dir string) string { return "file://" + dir },
	} {
		dir := filepath.Join(t.TempDir(), "a", "blobs")
		st, err := blobstore.Open(context.Background(), loc(dir), blobstore.Options{})
		if err != nil {
			t.Fatalf("open %s: %v", loc(dir), err)
		}
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o700 {
			t.Errorf("%s created with mode %v, want 0700", loc(dir), info.Mode().Perm())
		}
		data := []byte("evidence")
		if err := st.Put(context.Background(), blobstore.Sum(data), data); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(blobstore.Key(blobstore.Sum(data))))); err != nil {
			t.Fatalf("blob not under %s: %v", dir, err)
		}
		st.Close()
	}
}

// TestDirStrayTempFile checks that a temporary file left beside a key by a
// process killed mid-write is never taken for the blob.
func TestDirStrayTempFile(t *testing.T) {
	f := newDirFixture(t).(*dirFixture)
	st := f.open(t, blobstore.Options{})
	ctx := context.Background()
	data := body(10, 30_000)
	sum := blobstore.Sum(data)
	f.damage(t, blobstore.Key(sum)+".18a3f0c2b1d4e5f6.tmp", data[:1000])
	if has, err := st.Has(ctx, sum); err != nil || has {
		t.Fatalf("has = %v, %v with only a stray temporary file", has, err)
	}
	if _, err := st.Get(ctx, sum); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("get with only a stray temporary file: %v, want fs.ErrNotExist", err)
	}
	if err := st.Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Get(ctx, sum); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("get after put: %d bytes, %v", len(got), err)
	}
}

package blobstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync/atomic"
)

// DefaultMaxSize is the largest blob a store keeps or returns unless
// Options.MaxSize says otherwise: well above a page body or a full-page
// screenshot, and small enough that a damaged or hostile object cannot
// exhaust memory.
const DefaultMaxSize = 64 << 20

// DefaultMaxInFlight bounds the calls a store runs at once unless
// Options.MaxInFlight says otherwise (with DefaultMaxSize, at most 1 GiB of
// blob bytes in memory in Get).
const DefaultMaxInFlight = 16

// contentType is what every blob is written as: the bytes are evidence,
// never served to a browser by the store.
const contentType = "application/octet-stream"

// Errors a caller may test with errors.Is. A missing blob is reported with
// an error wrapping fs.ErrNotExist.
var (
	// ErrBadSum marks a sum that is not 64 lower-case hex digits.
	ErrBadSum = errors.New("not a SHA-256 sum (64 lower-case hex digits)")
	// ErrMismatch marks a Put whose bytes do not hash to the sum given.
	ErrMismatch = errors.New("bytes do not match their SHA-256 sum")
	// ErrCorrupt marks a stored blob whose bytes do not hash to its key.
	ErrCorrupt = errors.New("stored blob is corrupt: its bytes do not match its SHA-256 key")
	// ErrTooLarge marks a blob larger than Options.MaxSize.
	ErrTooLarge = errors.New("blob larger than the store's size limit")
)

// Options tunes a Store. The zero value is usable.
type Options struct {
	// MaxSize is the largest blob Put stores and Get returns, in bytes
	// (DefaultMaxSize when 0). Get refuses a larger object from its size
	// alone, without reading it.
	MaxSize int64
	// MaxInFlight bounds the Put, Get and Has calls running at once
	// (DefaultMaxInFlight when 0); further calls wait, bounded by their
	// context.
	MaxInFlight int
}

func (o Options) withDefaults() Options {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	return o
}

// errClosed marks a call on a closed store.
var errClosed = errors.New("store closed")

// Store is a content-addressed blob store: bytes kept under the key of
// their SHA-256, in a directory or an S3-compatible bucket. It is safe for
// concurrent use. Open returns one.
type Store struct {
	back   backend
	name   string // the URL, redacted, for messages
	opts   Options
	slot   chan struct{}
	closed atomic.Bool
}

// backend is where a Store keeps its objects: a directory (dirBackend) or
// an S3-compatible bucket (s3Backend). Keys are valid (see Key); the Store
// checks sums, sizes and hashes, and bounds the calls.
type backend interface {
	// size returns the size of the object under key; a missing object is
	// an error wrapping fs.ErrNotExist.
	size(ctx context.Context, key string) (int64, error)
	// open returns the object under key and its size as the store reports
	// it; a missing object is an error wrapping fs.ErrNotExist.
	open(ctx context.Context, key string) (io.ReadCloser, int64, error)
	// write stores data under key atomically, replacing any object there.
	write(ctx context.Context, key string, data []byte) error
	// close releases the backend's resources.
	close() error
}

func newStore(back backend, name string, opts Options) *Store {
	return &Store{back: back, name: name, opts: opts, slot: make(chan struct{}, opts.MaxInFlight)}
}

// Name is the store's URL with any password redacted, for logs.
func (s *Store) Name() string { return s.name }

// Key is the object key of the blob with SHA-256 sum:
// "sha256/ab/cd/abcd…" (the first two byte pairs of the hex sum as
// directories, so no directory holds more than 65,536 entries of the
// next level). The sum must be valid (see ValidSum).
func Key(sum string) string {
	return "sha256/" + sum[0:2] + "/" + sum[2:4] + "/" + sum
}

// ValidSum reports whether sum is a hex SHA-256 as the project writes
// them: 64 lower-case hex digits.
func ValidSum(sum string) bool {
	if len(sum) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(sum); i++ {
		c := sum[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Sum is the lower-case hex SHA-256 of data, the form Put and Get take.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// checkSum returns an error naming sum when it is not valid.
func checkSum(op, sum string) error {
	if !ValidSum(sum) {
		return fmt.Errorf("blobstore: %s %q: %w", op, truncate(sum, 80), ErrBadSum)
	}
	return nil
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// acquire takes one of the store's call slots, or fails with ctx or when
// the store is closed.
func (s *Store) acquire(ctx context.Context) (func(), error) {
	if s.closed.Load() {
		return nil, fmt.Errorf("%s: %w", s.name, errClosed)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case s.slot <- struct{}{}:
		return func() { <-s.slot }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Put stores data under sum, the lower-case hex SHA-256 the caller
// computed. It refuses a malformed sum (ErrBadSum), data that does not hash
// to sum (ErrMismatch) and data over Options.MaxSize (ErrTooLarge), before
// writing anything. A blob already stored under sum with the same length
// is left as it is (content addressing: same key, same bytes); one of
// another length (a truncated file) is replaced by data. Writes are atomic:
// a reader sees the whole blob or none.
func (s *Store) Put(ctx context.Context, sum string, data []byte) error {
	if err := checkSum("put", sum); err != nil {
		return err
	}
	if int64(len(data)) > s.opts.MaxSize {
		return fmt.Errorf("blobstore: put %s: %d bytes: %w (%d bytes)", sum, len(data), ErrTooLarge, s.opts.MaxSize)
	}
	if got := Sum(data); got != sum {
		return fmt.Errorf("blobstore: put %s: %w (the bytes hash to %s)", sum, ErrMismatch, got)
	}
	release, err := s.acquire(ctx)
	if err != nil {
		return fmt.Errorf("blobstore: put %s: %w", sum, err)
	}
	defer release()
	key := Key(sum)
	size, err := s.back.size(ctx, key)
	switch {
	case err == nil && size == int64(len(data)):
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("blobstore: put %s: check %s in %s: %w", sum, key, s.name, err)
	}
	if err := s.back.write(ctx, key, data); err != nil {
		return fmt.Errorf("blobstore: put %s: write %s in %s: %w", sum, key, s.name, err)
	}
	return nil
}

// Get returns the bytes stored under sum. It refuses a malformed sum
// (ErrBadSum), an object larger than Options.MaxSize (ErrTooLarge, from the
// object's size before reading it) and an object whose bytes do not hash
// to sum (ErrCorrupt: a damaged or truncated file, or a tampered object). A
// missing blob is an error wrapping fs.ErrNotExist.
func (s *Store) Get(ctx context.Context, sum string) ([]byte, error) {
	if err := checkSum("get", sum); err != nil {
		return nil, err
	}
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("blobstore: get %s: %w", sum, err)
	}
	defer release()
	key := Key(sum)
	r, size, err := s.back.open(ctx, key)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("blobstore: get %s: no blob %s in %s: %w", sum, key, s.name, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("blobstore: get %s: open %s in %s: %w", sum, key, s.name, err)
	}
	defer r.Close()
	if size > s.opts.MaxSize {
		return nil, fmt.Errorf("blobstore: get %s: %s in %s is %d bytes: %w (%d bytes)", sum, key, s.name, size, ErrTooLarge, s.opts.MaxSize)
	}
	data, err := readBounded(ctx, r, size, s.opts.MaxSize)
	if err != nil {
		return nil, fmt.Errorf("blobstore: get %s: read %s in %s: %w", sum, key, s.name, err)
	}
	if got := Sum(data); got != sum {
		return nil, fmt.Errorf("blobstore: get %s: %s in %s (%d bytes, hashing to %s): %w", sum, key, s.name, len(data), got, ErrCorrupt)
	}
	return data, nil
}

// readBounded reads r, announced as size bytes, to its end; more than max
// bytes is ErrTooLarge whatever size said. It stops when ctx ends.
func readBounded(ctx context.Context, r io.Reader, size, max int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, max64(size, 0)+bytes.MinRead))
	n, err := buf.ReadFrom(io.LimitReader(ctxReader{ctx, r}, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, fmt.Errorf("more than %d bytes: %w", max, ErrTooLarge)
	}
	return buf.Bytes(), nil
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// ctxReader stops reading once its context ends: a file on a local disk
// does not watch a context by itself.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Has reports whether a blob is stored under sum. It does not read or
// check the bytes: Get does.
func (s *Store) Has(ctx context.Context, sum string) (bool, error) {
	if err := checkSum("has", sum); err != nil {
		return false, err
	}
	release, err := s.acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("blobstore: has %s: %w", sum, err)
	}
	defer release()
	_, err = s.back.size(ctx, Key(sum))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("blobstore: has %s: check %s in %s: %w", sum, Key(sum), s.name, err)
	}
}

// Close releases the store's resources. Calls after Close fail; calls
// still running when it is called finish.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return fmt.Errorf("blobstore: close %s: %w", s.name, errClosed)
	}
	if err := s.back.close(); err != nil {
		return fmt.Errorf("blobstore: close %s: %w", s.name, err)
	}
	return nil
}

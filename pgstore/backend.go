package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Blobs is where a PostgreSQL backend keeps evidence bytes (page bodies,
// screenshots, removal-check responses): content-addressed by their
// SHA-256, so rows keep only the lower-case hex sum. The backend computes
// and checks sums itself (store.Observation's hashes); a blob store's own
// checksums are never trusted for integrity.
type Blobs interface {
	// Put stores data under sum, the hex SHA-256 the caller computed.
	// Storing the same bytes again is not an error.
	Put(ctx context.Context, sum string, data []byte) error
	// Get returns the bytes stored under sum, or an error wrapping
	// fs.ErrNotExist when there are none. The caller checks the sum.
	Get(ctx context.Context, sum string) ([]byte, error)
}

// opTimeout bounds one backend call: the store interfaces the sweep and
// review code own carry no context, so each call gets its own deadline.
const opTimeout = 30 * time.Second

// Backend is the PostgreSQL implementation of the store interfaces the
// sweep and review packages own (the union storetest.Backend checks): the
// same behaviour as the bbolt store (package store), with the database
// shared by any number of processes, and evidence bytes in Blobs.
type Backend struct {
	st    *Store
	blobs Blobs
	now   func() time.Time
}

// NewBackend returns the backend over an open store and a blob store. The
// backend owns st: Close closes it.
func NewBackend(st *Store, blobs Blobs) *Backend {
	return &Backend{st: st, blobs: blobs, now: time.Now}
}

// Store is the database under the backend (its frontier leases, pool).
func (b *Backend) Store() *Store { return b.st }

// Close closes the database pool.
func (b *Backend) Close() error {
	b.st.Close()
	return nil
}

// ctx is a context for one backend call.
func (b *Backend) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), opTimeout)
}

// tx runs fn in a transaction under ctx, committed when fn returns nil.
func (b *Backend) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, b.st.pool, fn)
}

// errNotYet marks a store method the PostgreSQL backend does not have yet.
var errNotYet = errors.ErrUnsupported

func notYet(method string) error {
	return fmt.Errorf("pgstore: %s: %w", method, errNotYet)
}

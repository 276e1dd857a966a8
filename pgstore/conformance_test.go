package pgstore_test

import (
	"context"
	"testing"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store/storetest"
)

var _ storetest.Backend = (*pgstore.Backend)(nil)

// dirBlobs is the blob store the tests use: the content-addressed
// directory store a deployment gets by default, under dir.
func dirBlobs(tb testing.TB, dir string) pgstore.Blobs {
	tb.Helper()
	bs, err := blobstore.Open(context.Background(), dir, blobstore.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return bs
}

// pgBackend is the PostgreSQL backend under the conformance suite: a
// fresh database on the test cluster per subtest, reopened on the same
// database for the resume subtests and edited with SQL for the tampering
// one.
type pgBackend struct {
	*pgstore.Backend
	url   string
	blobs pgstore.Blobs
}

func openPG(t *testing.T, url string, blobs pgstore.Blobs) *pgBackend {
	t.Helper()
	st, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := pgstore.NewBackend(st, blobs)
	t.Cleanup(func() { b.Close() })
	return &pgBackend{Backend: b, url: url, blobs: blobs}
}

func (b *pgBackend) Reopen(t *testing.T) storetest.Backend {
	t.Helper()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return openPG(t, b.url, b.blobs)
}

// TamperAudit changes the stored entry with a plain UPDATE, as someone
// with the database password could.
func (b *pgBackend) TamperAudit(t *testing.T, seq uint64, old, new string) storetest.Backend {
	t.Helper()
	tag, err := b.Store().Pool().Exec(context.Background(),
		`UPDATE audit SET actor = replace(actor, $2, $3), action = replace(action, $2, $3),
		        object = replace(object, $2, $3), detail = replace(detail, $2, $3)
		  WHERE seq = $1 AND (actor || action || object || detail) LIKE '%' || $2 || '%'`,
		int64(seq), old, new)
	if err != nil {
		t.Fatal(err)
	}
	if tag.RowsAffected() != 1 {
		t.Fatalf("audit entry %d: %q is not in it", seq, old)
	}
	return b
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		url := pgstoretest.DB(t)
		return openPG(t, url, dirBlobs(t, t.TempDir()))
	})
}

// Package pgstoretest gives tests of packages above pgstore a fresh
// database at the binary's schema, copied from a template migrated once per
// test binary (see pgtest.Prepared); the package's TestMain must call
// pgtest.Main.
package pgstoretest

import (
	"context"
	"testing"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
)

// DB returns the URL of a new database with every migration of this
// binary applied (certwatch's and the job queue's); it is dropped when t
// ends.
func DB(t testing.TB) string {
	t.Helper()
	return pgtest.Prepared(t, "pgstore", Migrate)
}

// Migrate applies every migration to the database at url; it is the
// template's preparation, for pgstore's own tests (which cannot import
// this package).
func Migrate(ctx context.Context, url string) error {
	_, err := pgstore.Migrate(ctx, url)
	return err
}

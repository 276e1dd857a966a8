package pgstore

import (
	"io/fs"
	"testing"
)

// embeddedMigrations is how many migrations the binary carries: numbers
// may have gaps (each change is given its number before it merges), so
// a fresh database applies this many, not SchemaVersion.
func embeddedMigrations(t *testing.T) int {
	t.Helper()
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	return len(names)
}

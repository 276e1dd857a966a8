package pgstore

import "io/fs"

// embeddedMigrations counts the embedded migration files: the number a
// fresh database applies (numbers may have gaps while branches that each
// add one are merged, so it is not SchemaVersion).
func embeddedMigrations() int {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	return len(names)
}

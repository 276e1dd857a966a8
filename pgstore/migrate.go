package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// versionTable is goose's table of applied migrations.
const versionTable = "certwatch_schema_version"

// migrateLockID is the advisory lock migrators take ("cert" in ASCII).
const migrateLockID = 0x63657274

// SchemaVersion is the schema version this binary was built for: the number
// of its newest migration (migrations/NNNNN_*.sql).
var SchemaVersion = latestVersion()

func latestVersion() int64 {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		panic("pgstore: no embedded migrations")
	}
	var latest int64
	for _, n := range names {
		num, _, ok := strings.Cut(path.Base(n), "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil {
			panic("pgstore: migration " + n + " is not named NNNNN_what.sql")
		}
		latest = max(latest, v)
	}
	return latest
}

// Schema errors: errors.Is(err, ErrSchemaNewer) or ErrSchemaOlder; the
// error is a *SchemaError that names both versions.
var (
	ErrSchemaNewer = errors.New("database schema is newer than this binary")
	ErrSchemaOlder = errors.New("database schema is older than this binary")
)

// SchemaError says that the database's schema is not the one this binary
// works with.
type SchemaError struct {
	Database int64 // the database's schema version (0: never migrated)
	Binary   int64 // SchemaVersion
}

func (e *SchemaError) Error() string {
	return schemaMessage("数据库结构", "database schema", e.Database, e.Binary)
}

// schemaMessage says, in Chinese and English, that the schema named zh/en
// is at version db where this binary needs bin.
func schemaMessage(zh, en string, db, bin int64) string {
	if db > bin {
		return fmt.Sprintf("%s版本 %d 比本程序支持的版本 %d 新，请使用更新版本的 certwatch "+
			"(the %s is version %d, newer than version %d that this binary knows: "+
			"a newer certwatch migrated it; run that version or a later one, never an older one)",
			zh, db, bin, en, db, bin)
	}
	return fmt.Sprintf("%s版本 %d 低于本程序需要的版本 %d，请先运行 certwatch db migrate "+
		"(the %s is version %d and this binary needs version %d: run `certwatch db migrate --database URL` first)",
		zh, db, bin, en, db, bin)
}

// schemaIs is errors.Is for a schema at version db where bin is needed.
func schemaIs(target error, db, bin int64) bool {
	return target == ErrSchemaNewer && db > bin || target == ErrSchemaOlder && db < bin
}

// Is makes errors.Is(err, ErrSchemaNewer / ErrSchemaOlder) work.
func (e *SchemaError) Is(target error) bool { return schemaIs(target, e.Database, e.Binary) }

// MigrateResult says what Migrate did.
type MigrateResult struct {
	From, To int64   // schema versions before and after
	Applied  []int64 // the migrations applied, in order
	// The job queue's (river's) schema versions before and after, and
	// river's migrations applied (see QueueSchema).
	QueueFrom, QueueTo int64
	QueueApplied       []int64
}

// Migrate brings the database at dbURL to SchemaVersion, applying the
// embedded migrations it lacks in order, each in its own transaction. Any
// number of processes may call it at once: a PostgreSQL advisory lock lets
// one migrate while the others wait, then find nothing to do.
//
// A database whose schema is newer than this binary's is refused with a
// *SchemaError (ErrSchemaNewer) and left as it is — also when a newer
// binary migrated it while this call waited for the lock.
//
// The migration library is pressly/goose v3 (MIT): SQL files embedded with
// go:embed, a provider that takes a *sql.DB (here pgx's database/sql
// driver), and a session locker on a PostgreSQL advisory lock. After
// goose, river's migrator brings the job queue's tables (schema
// QueueSchema) to QueueSchemaVersion under the same lock; a queue schema
// newer than this binary's is refused before anything is applied.
func Migrate(ctx context.Context, dbURL string) (*MigrateResult, error) {
	cfg, err := parseURL(dbURL)
	if err != nil {
		return nil, err
	}
	queue, err := openQueueMigration(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer queue.close()
	queueFrom, err := queue.refuseNewer(ctx)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*cfg.ConnConfig)
	defer db.Close()
	db.SetMaxOpenConns(2) // the provider's connection and the lock's
	// Waiting migrators look for the lock every second, for up to 10
	// minutes (goose's default looks every 5 s).
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrateLockID), lock.WithLockTimeout(1, 600))
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate: %w", err)
	}
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub,
		goose.WithTableName(versionTable), goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate: %w", err)
	}
	from, err := p.GetDBVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate %s: read schema version: %w", redact(cfg), err)
	}
	if from > SchemaVersion {
		return nil, &SchemaError{Database: from, Binary: SchemaVersion}
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate %s from version %d: %w", redact(cfg), from, err)
	}
	to, err := p.GetDBVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate %s: read schema version: %w", redact(cfg), err)
	}
	if to > SchemaVersion {
		return nil, &SchemaError{Database: to, Binary: SchemaVersion}
	}
	res := &MigrateResult{From: from, To: to, QueueFrom: queueFrom}
	for _, r := range results {
		res.Applied = append(res.Applied, r.Source.Version)
	}
	if res.QueueApplied, res.QueueTo, err = queue.up(ctx); err != nil {
		return nil, err
	}
	return res, nil
}

// Version reads the database's schema version without changing anything
// (0 when it was never migrated).
func Version(ctx context.Context, dbURL string) (int64, error) {
	cfg, err := parseURL(dbURL)
	if err != nil {
		return 0, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return 0, fmt.Errorf("pgstore: connect to %s: %w", redact(cfg), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return schemaVersion(ctx, conn)
}

// queryRower is a connection, a pool or a transaction.
type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func schemaVersion(ctx context.Context, q queryRower) (int64, error) {
	var exists bool
	if err := q.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", versionTable).Scan(&exists); err != nil {
		return 0, fmt.Errorf("pgstore: read schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v *int64
	if err := q.QueryRow(ctx, "SELECT max(version_id) FROM "+versionTable).Scan(&v); err != nil {
		return 0, fmt.Errorf("pgstore: read schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

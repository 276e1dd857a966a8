package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// The job queue's tables are river's own, created and upgraded by river's
// migrator (rivermigrate) rather than copied into our goose migrations:
// river's SQL stays river's, a river upgrade brings its migrations with
// it, and river records what it applied in its own table
// (river.river_migration, line "main"). They live in their own schema,
// QueueSchema, apart from certwatch's tables in public, so the two never
// collide and each can be dropped or inspected alone.
//
// Migrate runs river's migrator after goose, under the same advisory lock
// goose uses, so concurrent migrators apply each river migration once.
// The queue therefore has a version of its own, QueueSchemaVersion (river's
// newest migration), next to SchemaVersion: `certwatch db status` reports
// both, and a database whose queue schema is newer than this binary's
// river is refused exactly like a newer certwatch schema (a
// *QueueSchemaError, errors.Is ErrSchemaNewer), before anything is
// applied.

// QueueSchema is the PostgreSQL schema holding river's tables.
const QueueSchema = "river"

// queueLockTimeout bounds the wait for the migration lock, as goose's
// locker does (10 minutes).
const queueLockTimeout = 10 * time.Minute

// QueueSchemaVersion is the job queue schema this binary's river needs:
// the number of river's newest migration.
var QueueSchemaVersion = latestQueueVersion()

func latestQueueVersion() int64 {
	m, err := queueMigrator(nil)
	if err != nil {
		panic("pgstore: river migrator: " + err.Error())
	}
	all := m.AllVersions()
	if len(all) == 0 {
		panic("pgstore: river has no migrations")
	}
	return int64(all[len(all)-1].Version)
}

func queueMigrator(pool *pgxpool.Pool) (*rivermigrate.Migrator[pgx.Tx], error) {
	// River's migrator logs to stdout by default; its warnings go to
	// stderr here, so a command's output stays its own.
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Schema: QueueSchema, Logger: log})
}

// QueueSchemaError says that the database's job queue schema is not the
// one this binary's river works with. errors.Is(err, ErrSchemaNewer) or
// ErrSchemaOlder hold as for a *SchemaError.
type QueueSchemaError struct {
	Database int64 // the database's queue schema version (0: none)
	Binary   int64 // QueueSchemaVersion
}

func (e *QueueSchemaError) Error() string {
	return schemaMessage("任务队列结构", "job queue schema (river)", e.Database, e.Binary)
}

// Is makes errors.Is(err, ErrSchemaNewer / ErrSchemaOlder) work.
func (e *QueueSchemaError) Is(target error) bool { return schemaIs(target, e.Database, e.Binary) }

// queueVersion reads the newest river migration applied (0 when river's
// tables were never created).
func queueVersion(ctx context.Context, q queryRower) (int64, error) {
	var exists bool
	if err := q.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", QueueSchema+".river_migration").Scan(&exists); err != nil {
		return 0, fmt.Errorf("pgstore: read job queue schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v *int64
	if err := q.QueryRow(ctx, "SELECT max(version) FROM "+QueueSchema+".river_migration WHERE line = 'main'").Scan(&v); err != nil {
		return 0, fmt.Errorf("pgstore: read job queue schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// checkQueueSchema refuses a database whose queue schema is not
// QueueSchemaVersion, older or newer.
func checkQueueSchema(ctx context.Context, q queryRower) error {
	v, err := queueVersion(ctx, q)
	if err != nil {
		return err
	}
	if v != QueueSchemaVersion {
		return &QueueSchemaError{Database: v, Binary: QueueSchemaVersion}
	}
	return nil
}

// CheckQueueSchema refuses a store whose job queue schema is not the one
// this binary's river needs, with a *QueueSchemaError (run `certwatch db
// migrate`, or a newer binary). Job runners call it before they start.
func (s *Store) CheckQueueSchema(ctx context.Context) error {
	return checkQueueSchema(ctx, s.pool)
}

// QueueVersion reads the database's job queue schema version without
// changing anything (0 when river's tables were never created).
func QueueVersion(ctx context.Context, dbURL string) (int64, error) {
	cfg, err := parseURL(dbURL)
	if err != nil {
		return 0, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return 0, fmt.Errorf("pgstore: connect to %s: %w", redact(cfg), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return queueVersion(ctx, conn)
}

// queueMigration is Migrate's river step: a small pool of its own (the
// lock's connection and river's).
type queueMigration struct {
	pool *pgxpool.Pool
	url  string // redacted
}

func openQueueMigration(ctx context.Context, cfg *pgxpool.Config) (*queueMigration, error) {
	c := cfg.Copy()
	c.MaxConns = 2
	pool, err := pgxpool.NewWithConfig(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("pgstore: migrate %s: %w", redact(cfg), err)
	}
	return &queueMigration{pool: pool, url: redact(cfg)}, nil
}

func (q *queueMigration) close() { q.pool.Close() }

// refuseNewer reads the queue schema version and refuses one newer than
// this binary's; it runs before any migration is applied.
func (q *queueMigration) refuseNewer(ctx context.Context) (int64, error) {
	v, err := queueVersion(ctx, q.pool)
	if err != nil {
		return 0, fmt.Errorf("pgstore: migrate %s: %w", q.url, err)
	}
	if v > QueueSchemaVersion {
		return v, &QueueSchemaError{Database: v, Binary: QueueSchemaVersion}
	}
	return v, nil
}

// up applies river's missing migrations while holding the migration
// advisory lock on a connection of its own, and returns the versions it
// applied and the version it leaves. The version is read again under the
// lock: a newer binary may have migrated while this one waited.
func (q *queueMigration) up(ctx context.Context) (applied []int64, to int64, err error) {
	conn, err := q.pool.Acquire(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: migrate %s: job queue: %w", q.url, err)
	}
	defer conn.Release()
	lockCtx, cancel := context.WithTimeout(ctx, queueLockTimeout)
	defer cancel()
	if _, err := conn.Exec(lockCtx, "SELECT pg_advisory_lock($1)", int64(migrateLockID)); err != nil {
		return nil, 0, fmt.Errorf("pgstore: migrate %s: job queue: wait for the migration lock: %w", q.url, err)
	}
	defer func() {
		_, uerr := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(migrateLockID))
		if uerr != nil {
			// The lock ends with the session: drop the connection.
			conn.Conn().Close(context.WithoutCancel(ctx))
			err = errors.Join(err, fmt.Errorf("pgstore: migrate %s: job queue: release the migration lock: %w", q.url, uerr))
		}
	}()
	if _, err := q.refuseNewer(ctx); err != nil {
		return nil, 0, err
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{QueueSchema}.Sanitize()); err != nil {
		return nil, 0, fmt.Errorf("pgstore: migrate %s: create schema %s: %w", q.url, QueueSchema, err)
	}
	m, err := queueMigrator(q.pool)
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: migrate %s: job queue: %w", q.url, err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: migrate %s: job queue (river): %w", q.url, err)
	}
	for _, v := range res.Versions {
		applied = append(applied, int64(v.Version))
	}
	to, err = queueVersion(ctx, q.pool)
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: migrate %s: %w", q.url, err)
	}
	return applied, to, nil
}

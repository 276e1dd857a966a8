package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Pool bounds.
const (
	// DefaultMaxConns is the pool size when Options.MaxConns is 0: enough
	// for a worker's fetchers and a server's requests on this project's
	// machines, far below PostgreSQL's default 100 connections when a
	// province runs dozens of processes.
	DefaultMaxConns = 8
	// MaxMaxConns bounds Options.MaxConns.
	MaxMaxConns = 256
	// defaultConnectTimeout bounds each new connection.
	defaultConnectTimeout = 10 * time.Second
)

// Options configure Open. The zero value is ready to use.
type Options struct {
	// MaxConns is the most connections the pool opens (default
	// DefaultMaxConns, at most MaxMaxConns).
	MaxConns int
	// ConnectTimeout bounds each new connection (default 10 s).
	ConnectTimeout time.Duration
}

// Store is certwatch's PostgreSQL database: a bounded pgx pool over a
// database at SchemaVersion. Its methods are safe for concurrent use, also
// from many processes on many machines.
type Store struct {
	pool *pgxpool.Pool
	url  string // redacted, for messages
}

// ErrURL: the database URL is not a postgres:// URL.
var ErrURL = errors.New("not a PostgreSQL URL")

// IsURL reports whether database names a PostgreSQL server rather than a
// bbolt file: it starts with postgres:// or postgresql://.
func IsURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

func parseURL(dbURL string) (*pgxpool.Config, error) {
	if !IsURL(dbURL) {
		return nil, fmt.Errorf("pgstore: %w: %q (want postgres://USER:PASSWORD@HOST:PORT/DATABASE)", ErrURL, redactString(dbURL))
	}
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, fmt.Errorf("pgstore: %w: %s cannot be parsed", ErrURL, redactString(dbURL))
	}
	return cfg, nil
}

// redact names the server and database of cfg without its password.
func redact(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("postgres://%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// redactString drops what sits between "://" and "@" (user and password)
// from a URL that did not parse.
func redactString(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return "…"
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest = "…@" + rest[at+1:]
	}
	return scheme + "://" + rest
}

// Open connects to the database at dbURL and checks that its schema is the
// one this binary was built for: an older one is refused with a
// *SchemaError (ErrSchemaOlder: run `certwatch db migrate`), a newer one
// with a *SchemaError (ErrSchemaNewer). Open never migrates.
func Open(ctx context.Context, dbURL string, opts Options) (*Store, error) {
	cfg, err := parseURL(dbURL)
	if err != nil {
		return nil, err
	}
	switch {
	case opts.MaxConns == 0:
		opts.MaxConns = DefaultMaxConns
	case opts.MaxConns < 1 || opts.MaxConns > MaxMaxConns:
		return nil, fmt.Errorf("pgstore: pool size %d: want 1–%d connections", opts.MaxConns, MaxMaxConns)
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = defaultConnectTimeout
	}
	cfg.MaxConns = int32(opts.MaxConns)
	cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: open %s: %w", redact(cfg), err)
	}
	s := &Store{pool: pool, url: redact(cfg)}
	v, err := schemaVersion(ctx, pool)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: open %s: %w", s.url, err)
	}
	if v != SchemaVersion {
		pool.Close()
		return nil, &SchemaError{Database: v, Binary: SchemaVersion}
	}
	return s, nil
}

// Close closes the pool, waiting for connections in use to be returned.
func (s *Store) Close() { s.pool.Close() }

// Pool is the store's connection pool, for the backend's other parts and
// tests.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

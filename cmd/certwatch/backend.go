package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/jobs"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// Backend is the database `sweep` and `serve` work on, as the interfaces
// their parts own: the embedded bbolt file (*store.Store) or PostgreSQL
// with a blob store (*pgstore.Backend), chosen by the configuration's
// database (a file path or a postgres:// URL).
type Backend interface {
	review.Store
	sweep.Store
	sweep.Outbox
	sweep.NoticeStore
	sweep.ReminderStore
	jobs.Store
	packStore
	ActivateModel(actor, file string, content []byte, version string) error
	DeactivateModel(actor string) error
	ModelHistory() ([]store.Activation, error)
	StatusCounts(now time.Time) (store.StatusCounts, error)
	PruneSessions() (int, error)
	PruneFrontiers(finishedBefore time.Time) (int, error)
	PrunePages(finishedBefore time.Time) (int, error)
	RetentionCounts(finishedBefore time.Time) (store.RetentionCounts, error)
	Close() error
}

// packStore is the rule-pack activation history.
type packStore interface {
	ActivePack() (*store.ActivatedPack, error)
	ActivatePack(actor, file string, content []byte, version string) error
	DeactivatePack(actor string) error
	PackHistory() ([]store.ActivatedPack, error)
}

var (
	_ Backend = (*store.Store)(nil)
	_ Backend = (*pgstore.Backend)(nil)
)

// openedBackend is a Backend with what only one kind has: the bbolt file
// (its lock, AnnounceURL, backups) or the PostgreSQL database (its pool,
// for the job queue). Exactly one of bolt and pg is set.
type openedBackend struct {
	Backend
	bolt  *store.Store
	pg    *pgstore.Backend
	blobs *blobstore.Store
}

// Close closes the database and the blob store.
func (o *openedBackend) Close() error {
	err := o.Backend.Close()
	if o.blobs != nil {
		err = errors.Join(err, o.blobs.Close())
	}
	return err
}

// openBackend opens the database cfg names: a bbolt file (locked, as
// store.Open does), or a postgres:// URL with the blob store cfg.Blobs (a
// directory or an s3:// URL). maxConns bounds the PostgreSQL pool (0:
// pgstore's default).
func openBackend(ctx context.Context, cfg *config.Config, maxConns int) (*openedBackend, error) {
	if !config.IsDatabaseURL(cfg.Database) {
		st, err := store.Open(cfg.Database, store.Options{})
		if err != nil {
			return nil, explainDBError(err)
		}
		return &openedBackend{Backend: st, bolt: st}, nil
	}
	blobs, err := blobstore.Open(ctx, cfg.Blobs, blobstore.Options{})
	if err != nil {
		return nil, newMsgError("worker.blobs", err)
	}
	st, err := pgstore.Open(ctx, cfg.Database, pgstore.Options{MaxConns: maxConns})
	if err != nil {
		blobs.Close()
		return nil, explainPGError(err)
	}
	b := pgstore.NewBackend(st, blobs)
	return &openedBackend{Backend: b, pg: b, blobs: blobs}, nil
}

// bboltOnly refuses a PostgreSQL database for a command that works only on
// the embedded bbolt file itself (backup, compact; it would otherwise take
// the URL for a path), saying why and what to use instead.
// The error names the command; nil when database is not a URL.
func bboltOnly(cmd *cobra.Command, database string) error {
	if !config.IsDatabaseURL(database) {
		return nil
	}
	if cmd == nil {
		return newMsgError("db.bbolt.only", "certwatch")
	}
	// Why the command cannot apply, and what to do on PostgreSQL.
	switch cmd.Name() {
	case "backup":
		return newMsgError("db.bbolt.only.backup", cmd.CommandPath())
	case "compact":
		return newMsgError("db.bbolt.only.compact", cmd.CommandPath())
	}
	return newMsgError("db.bbolt.only", cmd.CommandPath())
}

// name is the database for messages: the bbolt file, or the PostgreSQL
// server and database without the password.
func (o *openedBackend) name(cfg *config.Config) string {
	if o.pg == nil {
		return cfg.Database
	}
	c := o.pg.Store().Pool().Config().ConnConfig
	return fmt.Sprintf("postgres://%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// cliMaxConns bounds the PostgreSQL pool of a command run from the
// terminal (cases, audit, user, rules, model, report): one caller at a
// time, a few connections are plenty.
const cliMaxConns = 4

// target is the database the flags name (--db, else the configuration's
// database: a bbolt file or a postgres:// URL) and, for PostgreSQL, the
// blob store holding the evidence bytes: the configuration's blobs when a
// configuration is read (--db alone with a URL reads it only when --config
// is given), "" when unknown.
func (o *dbOptions) target() (database, blobs string, err error) {
	explicit := o.cmd != nil && o.cmd.Flags().Changed("config")
	var cfg *config.Config
	if o.dbPath == "" || explicit {
		if cfg, err = config.Load(o.configPath); err != nil {
			return "", "", err
		}
	}
	database = o.dbPath
	if database == "" {
		database = cfg.Database
	}
	if cfg != nil && config.IsDatabaseURL(database) {
		blobs = cfg.Blobs
		if blobs == "" {
			// A configuration naming a bbolt file, overridden by a
			// --db URL: the default beside a PostgreSQL configuration.
			blobs = filepath.Join(filepath.Dir(cfg.File), "blobs")
		}
	}
	return database, blobs, nil
}

// database is the bbolt file the flags name, for the commands that work on
// the file itself (backup, compact); a PostgreSQL URL is refused
// (bboltOnly).
func (o *dbOptions) database() (string, error) {
	db, _, err := o.target()
	if err != nil {
		return "", err
	}
	if err := bboltOnly(o.cmd, db); err != nil {
		return "", err
	}
	return db, nil
}

// open opens the database the flags name through the store interfaces:
// the bbolt file (read-only when asked: other readers may share it) or
// the PostgreSQL database with its blob store.
func (o *dbOptions) open(readOnly bool) (*openedBackend, error) {
	db, blobs, err := o.target()
	if err != nil {
		return nil, err
	}
	return openDatabase(context.Background(), db, blobs, readOnly)
}

// openDatabase opens a bbolt file (readOnly as asked) or a postgres:// URL
// with the blob store at blobs ("" for none: reading evidence bytes then
// fails with errNoBlobs).
func openDatabase(ctx context.Context, database, blobs string, readOnly bool) (*openedBackend, error) {
	if !config.IsDatabaseURL(database) {
		st, err := store.Open(database, store.Options{ReadOnly: readOnly})
		if err != nil {
			return nil, explainDBError(err)
		}
		return &openedBackend{Backend: st, bolt: st}, nil
	}
	var bs pgstore.Blobs = noBlobs{}
	var opened *blobstore.Store
	if blobs != "" {
		b, err := blobstore.Open(ctx, blobs, blobstore.Options{})
		if err != nil {
			return nil, newMsgError("worker.blobs", err)
		}
		bs, opened = b, b
	}
	st, err := pgstore.Open(ctx, database, pgstore.Options{MaxConns: cliMaxConns})
	if err != nil {
		if opened != nil {
			opened.Close()
		}
		return nil, explainPGError(err)
	}
	b := pgstore.NewBackend(st, bs)
	return &openedBackend{Backend: b, pg: b, blobs: opened}, nil
}

// errNoBlobs: a command given a PostgreSQL URL with --db but no
// configuration needed evidence bytes.
var errNoBlobs = errors.New("no blob store: give --config with the configuration whose blobs: holds the evidence")

// noBlobs is the blob store of a PostgreSQL database opened without
// knowing where its evidence bytes are.
type noBlobs struct{}

func (noBlobs) Put(context.Context, string, []byte) error { return errNoBlobs }
func (noBlobs) Get(context.Context, string) ([]byte, error) {
	return nil, fmt.Errorf("%w", errNoBlobs)
}

// noteInForce says, after a command changed the rules or model in force
// on a PostgreSQL database, who uses the change and when: the serve
// processes sharing the database look for changes every minute
// (follow_pg.go); on bbolt the running server itself records the change
// through its control endpoint.
func (o *openedBackend) noteInForce(cmd *cobra.Command) {
	if o.pg != nil {
		fmt.Fprintln(cmd.OutOrStdout(), langOf(cmd).msg("db.pg.in.force"))
	}
}

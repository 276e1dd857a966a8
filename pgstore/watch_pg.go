package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// Re-checks of known imitation sites (store.WatchCheck, migration 00010).

// RecordWatchCheck records a re-check of a case, keeping at most
// store.MaxWatchChecks per case, as the bbolt store does.
func (b *Backend) RecordWatchCheck(c store.WatchCheck) error {
	if err := c.Check(); err != nil {
		return fmt.Errorf("pgstore: re-check of case %d: %w", c.CaseID, err)
	}
	if c.At.IsZero() {
		c.At = b.now()
	}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		var id int64
		switch err := tx.QueryRow(ctx, `SELECT id FROM cases WHERE id = $1 FOR SHARE`, int64(c.CaseID)).Scan(&id); {
		case errors.Is(err, pgx.ErrNoRows):
			return fmt.Errorf("case %d: %w", c.CaseID, store.ErrNotFound)
		case err != nil:
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO watch_checks (case_id, sweep_id, at, url, state, status, content_key, detail)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			int64(c.CaseID), int64(c.SweepID), pgTime(c.At), c.URL, c.State, c.Status, c.ContentKey, c.Detail); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM watch_checks WHERE case_id = $1 AND id NOT IN
			(SELECT id FROM watch_checks WHERE case_id = $1 ORDER BY id DESC LIMIT $2)`, int64(c.CaseID), store.MaxWatchChecks)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: re-check of case %d: %w", c.CaseID, err)
	}
	return nil
}

// WatchChecks lists a case's re-checks, newest first, at most
// store.WatchLimit(limit).
func (b *Backend) WatchChecks(caseID uint64, limit int) ([]store.WatchCheck, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT case_id, sweep_id, at, url, state, status, content_key, detail
		FROM watch_checks WHERE case_id = $1 ORDER BY id DESC LIMIT $2`, int64(caseID), store.WatchLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("pgstore: re-checks of case %d: %w", caseID, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.WatchCheck, error) {
		var c store.WatchCheck
		var id, sw int64
		err := row.Scan(&id, &sw, &c.At, &c.URL, &c.State, &c.Status, &c.ContentKey, &c.Detail)
		c.CaseID, c.SweepID, c.At = uint64(id), uint64(sw), c.At.UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: re-checks of case %d: %w", caseID, err)
	}
	return out, nil
}

// watchChecks copies the bbolt store's re-checks of known imitation
// sites (ImportBolt's "watch checks" stage, after the cases), each case's
// oldest first so that the ids keep their order.
func (im *importer) watchChecks(ctx context.Context) error {
	cases, err := im.src.Cases(store.CaseFilter{})
	if err != nil {
		return err
	}
	var rows [][]any
	for _, c := range cases {
		checks, err := im.src.WatchChecks(c.ID, store.MaxWatchChecks)
		if err != nil {
			return err
		}
		for i := len(checks) - 1; i >= 0; i-- {
			w := checks[i]
			rows = append(rows, []any{int64(w.CaseID), int64(w.SweepID), pgTime(w.At), w.URL, w.State, w.Status, w.ContentKey, w.Detail})
		}
	}
	return im.copyRows(ctx, "watch_checks", []string{"case_id", "sweep_id", "at", "url", "state", "status", "content_key", "detail"}, rows)
}

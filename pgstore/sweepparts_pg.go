package pgstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/store"
)

// Sweep parts (sweep.PartStore): each worker's part of the statistics of
// a shared sweep, in sweep_parts (migration 00012).

// maxSweepPartName bounds a part's name.
const maxSweepPartName = 256

// SaveSweepPart saves one worker's cumulative counts of a sweep (insert
// or replace), stamped with the database's clock.
func (b *Backend) SaveSweepPart(sweepID uint64, p store.SweepPart) error {
	switch {
	case p.Part == "" || len(p.Part) > maxSweepPartName:
		return fmt.Errorf("pgstore: sweep %d part: name must be 1–%d bytes: %w", sweepID, maxSweepPartName, store.ErrInvalid)
	case len(p.Stats) > store.MaxSweepPartBytes:
		return fmt.Errorf("pgstore: sweep %d part %s: %d bytes of stats, at most %d: %w", sweepID, p.Part, len(p.Stats), store.MaxSweepPartBytes, store.ErrInvalid)
	case !json.Valid(p.Stats):
		return fmt.Errorf("pgstore: sweep %d part %s: stats are not valid JSON: %w", sweepID, p.Part, store.ErrInvalid)
	case p.StaleAfter <= 0:
		return fmt.Errorf("pgstore: sweep %d part %s: stale-after %v is not positive: %w", sweepID, p.Part, p.StaleAfter, store.ErrInvalid)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	_, err := b.st.pool.Exec(ctx, `
		INSERT INTO sweep_parts (sweep_id, part, stats, final, saved_at, stale_after)
		VALUES ($1, $2, $3::json, $4, now(), $5 * interval '1 microsecond')
		ON CONFLICT (sweep_id, part) DO UPDATE
		SET stats = excluded.stats, final = excluded.final, saved_at = excluded.saved_at, stale_after = excluded.stale_after`,
		int64(sweepID), p.Part, string(p.Stats), p.Final, p.StaleAfter.Microseconds())
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) && pe.SQLState() == "23503" { // foreign key: no such sweep
		return fmt.Errorf("pgstore: sweep %d part %s: %w", sweepID, p.Part, store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("pgstore: sweep %d part %s: %w", sweepID, p.Part, err)
	}
	return nil
}

// MergeSweepParts reads every part of a sweep, in a transaction that
// holds the sweep's row lock (so merges never interleave), and hands
// them to merge with whether the sweep still runs. When merge says to
// write: a running sweep is finished with the stats (as FinishSweep, its
// digest enqueued in the same transaction); a finished sweep gets its
// stats replaced (a worker's counts that came after the finish); an
// interrupted one is left alone. It returns the sweep's status after.
func (b *Backend) MergeSweepParts(sweepID uint64, merge func(running bool, parts []store.SweepPart) (stats json.RawMessage, write bool, err error)) (string, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var status string
	err := b.tx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT status FROM sweeps WHERE id = $1 FOR UPDATE`, int64(sweepID)).Scan(&status); err != nil {
			return notFound(err)
		}
		rows, err := tx.Query(ctx, `
			SELECT part, stats::text, final, NOT final AND now() - saved_at > stale_after, extract(epoch FROM stale_after)
			FROM sweep_parts WHERE sweep_id = $1 ORDER BY part`, int64(sweepID))
		if err != nil {
			return err
		}
		parts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SweepPart, error) {
			var p store.SweepPart
			var stats string
			var secs float64
			err := r.Scan(&p.Part, &stats, &p.Final, &p.Stale, &secs)
			p.Stats, p.StaleAfter = json.RawMessage(stats), time.Duration(secs*float64(time.Second))
			return p, err
		})
		if err != nil {
			return err
		}
		running := status == store.SweepRunning
		stats, write, err := merge(running, parts)
		switch {
		case err != nil:
			return err
		case !write || (!running && status != store.SweepFinished):
			return nil
		case !json.Valid(stats):
			return errors.New("merged stats are not valid JSON")
		case !running:
			_, err := tx.Exec(ctx, `UPDATE sweeps SET stats = $2::json WHERE id = $1`, int64(sweepID), string(stats))
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE sweeps SET status = $2, finished_at = $3, stats = $4::json WHERE id = $1`,
			int64(sweepID), store.SweepFinished, pgTime(b.now()), string(stats)); err != nil {
			return err
		}
		status = store.SweepFinished
		return b.enqueueDigest(ctx, tx, sweepID)
	})
	if err != nil {
		return "", fmt.Errorf("pgstore: merge the parts of sweep %d: %w", sweepID, err)
	}
	return status, nil
}

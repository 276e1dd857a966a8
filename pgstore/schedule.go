package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// scheduleKeep is how long claimed schedule slots are kept.
const scheduleKeep = 90 * 24 * time.Hour

// ClaimScheduleSlot claims the occurrence of a scheduled job due at slot
// for the process named by: it reports true to exactly one caller per
// (job, slot), however many serve processes share the database, and false
// to the others, which skip that occurrence. Claims older than 90 days are
// removed in the same transaction.
func (b *Backend) ClaimScheduleSlot(ctx context.Context, job string, slot time.Time, by string) (bool, error) {
	if job == "" || len(job) > 64 || len(by) > 256 {
		return false, fmt.Errorf("pgstore: schedule claim %q by %q: %w", job, by, store.ErrInvalid)
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	claimed := false
	err := b.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO schedule_runs (job, slot, claimed_by) VALUES ($1, $2, $3)
			ON CONFLICT (job, slot) DO NOTHING`, job, slot.UTC(), by)
		if err != nil {
			return err
		}
		claimed = tag.RowsAffected() == 1
		if claimed {
			_, err = tx.Exec(ctx, `DELETE FROM schedule_runs WHERE job = $1 AND slot < $2`, job, slot.Add(-scheduleKeep).UTC())
		}
		return err
	})
	if err != nil {
		return false, fmt.Errorf("pgstore: schedule claim %s at %s: %w", job, slot.UTC().Format(time.RFC3339), err)
	}
	return claimed, nil
}

package pgstore

import (
	"context"
	"fmt"
	"time"
)

// pruneBatch bounds the frontier rows one statement deletes, so pruning a
// sweep of millions of URLs never holds one long transaction.
const pruneBatch = 10_000

// PruneFrontiers deletes the frontier rows of the sweeps that finished or
// were interrupted before finishedBefore (as the bbolt store does; a
// running sweep's frontier is never touched), pruneBatch rows a statement.
// It returns how many sweeps lost their frontier.
func (b *Backend) PruneFrontiers(finishedBefore time.Time) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `
		SELECT s.id FROM sweeps s
		WHERE s.status <> 'running' AND s.finished_at < $1
		  AND EXISTS (SELECT 1 FROM frontier f WHERE f.sweep_id = s.id)
		ORDER BY s.id`, finishedBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("pgstore: prune frontiers: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("pgstore: prune frontiers: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("pgstore: prune frontiers: %w", err)
	}
	for i, id := range ids {
		for {
			tag, err := b.st.pool.Exec(ctx, `
				DELETE FROM frontier WHERE id IN (
					SELECT id FROM frontier WHERE sweep_id = $1 LIMIT $2)`, id, pruneBatch)
			if err != nil {
				return i, fmt.Errorf("pgstore: prune frontier of sweep %d: %w", id, err)
			}
			if tag.RowsAffected() < pruneBatch {
				break
			}
		}
		// The sweep's per-source caps go with its frontier, as in bbolt.
		if _, err := b.st.pool.Exec(ctx, `DELETE FROM source_caps WHERE sweep_id = $1`, id); err != nil {
			return i, fmt.Errorf("pgstore: prune frontier of sweep %d: source caps: %w", id, err)
		}
		// And the workers' parts of its summary (merged into its stats).
		if _, err := b.st.pool.Exec(ctx, `DELETE FROM sweep_parts WHERE sweep_id = $1`, id); err != nil {
			return i, fmt.Errorf("pgstore: prune frontier of sweep %d: summary parts: %w", id, err)
		}
	}
	return len(ids), nil
}

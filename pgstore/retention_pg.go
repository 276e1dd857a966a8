package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/store"
)

// oldSweepsSQL selects the sweeps finished or interrupted before $1: their
// frontiers and page records are what retention deletes.
const oldSweepsSQL = `SELECT id FROM sweeps WHERE status <> 'running' AND finished_at < $1`

// prunablePageSQL is store's prunablePage: a page record that is not
// flagged and names no case.
const prunablePageSQL = `NOT p.flagged AND p.case_id IS NULL`

// RetentionCounts counts what PruneFrontiers and PrunePages with this cut
// would delete now (as the bbolt store does); it changes nothing.
func (b *Backend) RetentionCounts(finishedBefore time.Time) (store.RetentionCounts, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var c store.RetentionCounts
	var sweeps, urls, pages int64
	err := b.st.pool.QueryRow(ctx, `
		WITH old AS (`+oldSweepsSQL+`)
		SELECT
			(SELECT count(*) FROM old WHERE EXISTS (SELECT 1 FROM frontier f WHERE f.sweep_id = old.id)),
			(SELECT count(*) FROM frontier f WHERE f.sweep_id IN (SELECT id FROM old)),
			(SELECT count(*) FROM pages p WHERE p.sweep_id IN (SELECT id FROM old) AND `+prunablePageSQL+`)`,
		finishedBefore.UTC()).Scan(&sweeps, &urls, &pages)
	if err != nil {
		return c, fmt.Errorf("pgstore: retention counts: %w", err)
	}
	c.FrontierSweeps, c.FrontierURLs, c.Pages = int(sweeps), int(urls), int(pages)
	return c, nil
}

// PrunePages deletes the page records whose latest fetch belongs to a sweep
// finished or interrupted before finishedBefore and that name no case, old
// sweep by old sweep, store.PruneBatch rows a statement (each its own
// transaction); snapshots, sightings and cases are never touched. A URL
// fetched again meanwhile has moved to the newer sweep and stays. It
// returns how many records it deleted.
func (b *Backend) PrunePages(finishedBefore time.Time) (int, error) {
	return b.prunePages(finishedBefore, store.PruneBatch)
}

// prunePages is PrunePages with at most batch rows a statement.
func (b *Backend) prunePages(finishedBefore time.Time, batch int) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `
		SELECT s.id FROM (`+oldSweepsSQL+`) s
		WHERE EXISTS (SELECT 1 FROM pages p WHERE p.sweep_id = s.id AND `+prunablePageSQL+`)
		ORDER BY s.id`, finishedBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("pgstore: prune pages: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, fmt.Errorf("pgstore: prune pages: %w", err)
	}
	deleted := 0
	for _, id := range ids {
		for {
			tag, err := b.st.pool.Exec(ctx, `
				DELETE FROM pages WHERE url_sha256 IN (
					SELECT p.url_sha256 FROM pages p WHERE p.sweep_id = $1 AND `+prunablePageSQL+` LIMIT $2)
				AND sweep_id = $1 AND NOT flagged AND case_id IS NULL`, id, batch)
			if err != nil {
				return deleted, fmt.Errorf("pgstore: prune pages of sweep %d: %w", id, err)
			}
			deleted += int(tag.RowsAffected())
			if tag.RowsAffected() < int64(batch) {
				break
			}
		}
	}
	return deleted, nil
}

// Page returns the latest fetch of a URL (found by store.CanonicalURL), as
// the bbolt store's Page does.
func (b *Backend) Page(url string) (*store.PageRecord, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var p store.PageRecord
	var sweepID, caseID *int64
	err := b.st.pool.QueryRow(ctx, `
		SELECT url, final_url, sweep_id, source_id, status, fetched_at, body_sha256, body_size,
		       outcome, truncated, flagged, case_id
		FROM pages WHERE url_sha256 = $1`, urlKey(url)).Scan(&p.URL, &p.FinalURL, &sweepID, &p.SourceID,
		&p.Status, &p.FetchedAt, &p.BodySHA256, &p.BodySize, &p.Outcome, &p.Truncated, &p.Flagged, &caseID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("pgstore: page %.200s: %w", url, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: page %.200s: %w", url, err)
	}
	if sweepID != nil {
		p.SweepID = uint64(*sweepID)
	}
	if caseID != nil {
		p.CaseID = uint64(*caseID)
	}
	p.FetchedAt = p.FetchedAt.UTC()
	return &p, nil
}

package pgstore

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/store"
)

// List bounds of the sweep side: a limit <= 0 ("all") reads at most these.
const (
	// MaxListSweeps bounds Sweeps: the newest ones are listed.
	MaxListSweeps = 10_000
	// MaxListPending bounds PendingFrontier: the oldest pending items.
	MaxListPending = 100_000
	// MaxFrontierAdd bounds the items of one AddFrontier call (and the
	// links of one recorded page).
	MaxFrontierAdd = 100_000
)

// pgTime is t as PostgreSQL keeps it: UTC, whole microseconds. Times are
// cut before they are stored, so what a caller gets back equals what it
// was told was stored.
func pgTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// utcOrZero is a nullable timestamp read back: UTC, zero when NULL.
func utcOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// nullTime is t for a nullable column: NULL when zero.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = pgTime(t)
	return &t
}

// jsonArg is raw JSON for a json column: SQL NULL when nil, else the bytes
// as given (json keeps them exactly).
func jsonArg(raw json.RawMessage) any {
	if raw == nil {
		return nil
	}
	return []byte(raw)
}

// StartSweep stores a new running sweep and sets sw.ID and sw.Status (and
// sw.StartedAt from the clock when zero).
func (b *Backend) StartSweep(sw *store.Sweep) error {
	ctx, cancel := b.ctx()
	defer cancel()
	return b.startSweep(ctx, b.st.pool, sw)
}

// querier is what startSweep needs of a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func (b *Backend) startSweep(ctx context.Context, q querier, sw *store.Sweep) error {
	rec := *sw
	rec.Status = store.SweepRunning
	if rec.StartedAt.IsZero() {
		rec.StartedAt = b.now()
	}
	rec.StartedAt = pgTime(rec.StartedAt)
	if rec.Stats != nil && !json.Valid(rec.Stats) {
		return errors.New("pgstore: start sweep: stats are not valid JSON")
	}
	packs := rec.Packs
	if packs == nil {
		packs = []string{}
	}
	err := q.QueryRow(ctx, `
		INSERT INTO sweeps (started_at, finished_at, status, config_hash, packs, stats)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		rec.StartedAt, nullTime(rec.FinishedAt), rec.Status, rec.ConfigHash, packs, jsonArg(rec.Stats)).Scan(&rec.ID)
	if err != nil {
		return fmt.Errorf("pgstore: start sweep: %w", err)
	}
	rec.FinishedAt = utcOrZero(nullTime(rec.FinishedAt))
	*sw = rec
	return nil
}

// StartSweepIfNone starts sw unless a sweep is running, atomically across
// every process over the database (a transaction-scoped advisory lock
// serializes the check and the insert): it returns nil when it started sw,
// and the running sweep, leaving sw as it was, when there is one. Two
// `certwatch worker --seed` started at once thus start one sweep, and the
// second joins it.
func (b *Backend) StartSweepIfNone(sw *store.Sweep) (*store.Sweep, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var running *store.Sweep
	err := b.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('certwatch-sweep-start', 0))`); err != nil {
			return err
		}
		cur, err := scanSweep(tx.QueryRow(ctx,
			`SELECT `+sweepColumns+` FROM sweeps WHERE status = 'running' ORDER BY id DESC LIMIT 1`))
		switch {
		case err == nil:
			running = &cur
			return nil
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		started := *sw
		if err := b.startSweep(ctx, tx, &started); err != nil {
			return err
		}
		*sw = started
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: start sweep unless one runs: %w", err)
	}
	return running, nil
}

const sweepColumns = `id, started_at, finished_at, status, config_hash, packs, stats`

func scanSweep(row pgx.Row) (store.Sweep, error) {
	var (
		sw       store.Sweep
		finished *time.Time
		stats    []byte
	)
	if err := row.Scan(&sw.ID, &sw.StartedAt, &finished, &sw.Status, &sw.ConfigHash, &sw.Packs, &stats); err != nil {
		return store.Sweep{}, err
	}
	sw.StartedAt = sw.StartedAt.UTC()
	sw.FinishedAt = utcOrZero(finished)
	if len(sw.Packs) == 0 {
		sw.Packs = nil // as bbolt reads an empty list back
	}
	if stats != nil {
		sw.Stats = json.RawMessage(stats)
	}
	return sw, nil
}

// RunningSweep is the latest sweep still running (one a crash interrupted,
// to resume), or store.ErrNotFound.
func (b *Backend) RunningSweep() (*store.Sweep, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	sw, err := scanSweep(b.st.pool.QueryRow(ctx,
		`SELECT `+sweepColumns+` FROM sweeps WHERE status = 'running' ORDER BY id DESC LIMIT 1`))
	if err != nil {
		return nil, fmt.Errorf("pgstore: running sweep: %w", notFound(err))
	}
	return &sw, nil
}

// Sweep returns one sweep.
func (b *Backend) Sweep(id uint64) (*store.Sweep, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	sw, err := scanSweep(b.st.pool.QueryRow(ctx, `SELECT `+sweepColumns+` FROM sweeps WHERE id = $1`, int64(id)))
	if err != nil {
		return nil, fmt.Errorf("pgstore: sweep %d: %w", id, notFound(err))
	}
	return &sw, nil
}

// FinishSweep ends a sweep with status "finished" or "interrupted" and the
// sweep package's summary (kept as it was when stats is nil).
func (b *Backend) FinishSweep(id uint64, status string, stats json.RawMessage) error {
	if status != store.SweepFinished && status != store.SweepInterrupted {
		return fmt.Errorf("pgstore: finish sweep %d: status %q is not %q or %q", id, status, store.SweepFinished, store.SweepInterrupted)
	}
	if stats != nil && !json.Valid(stats) {
		return fmt.Errorf("pgstore: finish sweep %d: stats are not valid JSON", id)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			UPDATE sweeps SET status = $2, finished_at = $3, stats = coalesce($4::json, stats) WHERE id = $1`,
			int64(id), status, pgTime(b.now()), jsonArg(stats))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		if status != store.SweepFinished {
			return nil
		}
		// The digest exists exactly when the sweep is recorded finished.
		return b.enqueueDigest(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("pgstore: finish sweep %d: %w", id, err)
	}
	return nil
}

// Sweeps lists sweeps newest first; limit <= 0 means all (at most
// MaxListSweeps, the newest).
func (b *Backend) Sweeps(limit int) ([]store.Sweep, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+sweepColumns+` FROM sweeps ORDER BY id DESC LIMIT $1`,
		listLimit(limit, MaxListSweeps))
	if err != nil {
		return nil, fmt.Errorf("pgstore: list sweeps: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Sweep, error) { return scanSweep(r) })
	if err != nil {
		return nil, fmt.Errorf("pgstore: list sweeps: %w", err)
	}
	return out, nil
}

// listLimit is limit when it is within 1–max, else max.
func listLimit(limit, max int) int {
	if limit <= 0 || limit > max {
		return max
	}
	return limit
}

// notFound maps pgx.ErrNoRows to store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

// The per-sweep frontier the single-process sweep uses is the shared
// frontier's rows (table frontier, with the hosts' has_pending flags kept),
// so a sweep's items may also be claimed per host by workers
// (Store.ClaimHost), and this API sees what they completed.

// frontierBatch checks a sweep's frontier items and lays them out for one
// insert.
func frontierBatch(sweepID uint64, items []store.FrontierItem) (*urlBatch, error) {
	if err := store.CheckFrontierItems(items); err != nil {
		return nil, err
	}
	if len(items) > MaxFrontierAdd {
		return nil, fmt.Errorf("%d frontier items: at most %d a call", len(items), MaxFrontierAdd)
	}
	conv := make([]Item, len(items))
	for i, it := range items {
		conv[i] = Item{URL: it.URL, SourceID: it.SourceID, Depth: it.Depth, Render: it.Render, Kind: it.Kind, Meta: it.Meta}
	}
	return newURLBatch(sweepID, conv)
}

// checkSweep fails with store.ErrNotFound when there is no such sweep.
func checkSweep(ctx context.Context, tx pgx.Tx, sweepID uint64) error {
	var st stmts
	checkSweepIn(&st, sweepID)
	return st.send(ctx, tx)
}

// checkSweepIn queues checkSweep's statement in st: the statements after
// it are not read when the sweep is missing.
func checkSweepIn(st *stmts, sweepID uint64) {
	st.queue(func(br pgx.BatchResults) error {
		var ok bool
		if err := br.QueryRow().Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("sweep %d: %w", sweepID, store.ErrNotFound)
		}
		return nil
	}, `SELECT EXISTS (SELECT 1 FROM sweeps WHERE id = $1)`, int64(sweepID))
}

// AddFrontier adds pending items to a sweep's frontier, skipping URLs
// already in it in any state (compared by store.CanonicalURL, also within
// items). The State and Outcome of the items given are ignored. A URL must
// have a host (it is the frontier's politeness key).
func (b *Backend) AddFrontier(sweepID uint64, items []store.FrontierItem) (int, error) {
	batch, err := frontierBatch(sweepID, items)
	if err != nil {
		return 0, fmt.Errorf("pgstore: add frontier to sweep %d: %w", sweepID, err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	var added int
	err = b.st.retryTx(ctx, func(tx pgx.Tx) error {
		var st stmts
		checkSweepIn(&st, sweepID)
		batch.queue(&st, &added)
		return st.send(ctx, tx)
	})
	if err != nil {
		return 0, fmt.Errorf("pgstore: add frontier to sweep %d: %w", sweepID, err)
	}
	return added, nil
}

// PendingFrontier returns up to limit pending items (all when limit <= 0,
// at most MaxListPending) in the order they were added.
func (b *Backend) PendingFrontier(sweepID uint64, limit int) ([]store.FrontierItem, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var out []store.FrontierItem
	err := pgx.BeginTxFunc(ctx, b.st.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := checkSweep(ctx, tx, sweepID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
			SELECT url, source_id, depth, render, kind, meta FROM frontier
			WHERE sweep_id = $1 AND state = 'pending' ORDER BY id LIMIT $2`,
			int64(sweepID), listLimit(limit, MaxListPending))
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.FrontierItem, error) {
			it := store.FrontierItem{State: store.FrontierPending}
			err := r.Scan(&it.URL, &it.SourceID, &it.Depth, &it.Render, &it.Kind, &it.Meta)
			return it, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: pending frontier of sweep %d: %w", sweepID, err)
	}
	return out, nil
}

// markDoneSQL marks a sweep's frontier item done (arguments: sweep id,
// urlKey, outcome); marking it again only updates the outcome. It writes
// no hosts row (a host whose last URL is done keeps has_pending until a
// claim finds nothing). It returns how many items it found (0 or 1).
const markDoneSQL = `
	WITH old AS (
		SELECT id, state FROM frontier WHERE sweep_id = $1 AND url_sha256 = $2 FOR UPDATE
	), upd AS (
		UPDATE frontier f SET state = 'done', outcome = $3,
			done_at = CASE WHEN old.state = 'pending' THEN clock_timestamp() ELSE f.done_at END
		FROM old WHERE f.id = old.id
		RETURNING f.id
	)
	SELECT count(*) FROM upd`

// queueMarkDone queues markDoneSQL in st; reading it fails with
// store.ErrNotFound when the sweep's frontier lacks the URL.
func queueMarkDone(st *stmts, sweepID uint64, url, outcome string) {
	st.queue(func(br pgx.BatchResults) error {
		var n int
		if err := br.QueryRow().Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("frontier item: %w", store.ErrNotFound)
		}
		return nil
	}, markDoneSQL, int64(sweepID), urlKey(url), outcome)
}

// MarkDone marks a frontier item done with the crawler's outcome (for
// pages that were not fetched or not recorded otherwise). Marking an item
// done again only updates its outcome. store.ErrNotFound when the sweep's
// frontier lacks the URL.
func (b *Backend) MarkDone(sweepID uint64, url, outcome string) error {
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		var st stmts
		queueMarkDone(&st, sweepID, url, outcome)
		return st.send(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("pgstore: mark %.200s done in sweep %d: %w", url, sweepID, err)
	}
	return nil
}

// FrontierCounts counts a sweep's pending and done items.
func (b *Backend) FrontierCounts(sweepID uint64) (pending, done int, err error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var ok bool
	err = b.st.pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM sweeps WHERE id = $1),
		       (SELECT count(*) FROM frontier WHERE sweep_id = $1 AND state = 'pending'),
		       (SELECT count(*) FROM frontier WHERE sweep_id = $1 AND state = 'done')`,
		int64(sweepID)).Scan(&ok, &pending, &done)
	if err == nil && !ok {
		err = fmt.Errorf("sweep %d: %w", sweepID, store.ErrNotFound)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("pgstore: frontier counts of sweep %d: %w", sweepID, err)
	}
	return pending, done, nil
}

// RecordPageFollow stores the latest fetch of a page that was not flagged,
// adds the frontier items it leads to (as AddFrontier) and marks its
// frontier item done with p.Outcome (default "ok"), in one transaction;
// it returns how many items the frontier took. p.SweepID is set to
// sweepID; p.URL defaults to frontierURL.
func (b *Backend) RecordPageFollow(sweepID uint64, frontierURL string, p store.PageRecord, follow []store.FrontierItem) (int, error) {
	p.SweepID = sweepID
	p.URL = cmp.Or(p.URL, frontierURL)
	p.Outcome = cmp.Or(p.Outcome, store.DefaultOutcome)
	if p.FetchedAt.IsZero() {
		p.FetchedAt = b.now()
	}
	p.FetchedAt = pgTime(p.FetchedAt)
	if p.URL == "" {
		return 0, fmt.Errorf("pgstore: record page in sweep %d: no URL", sweepID)
	}
	batch, err := followBatch(sweepID, follow)
	if err != nil {
		return 0, fmt.Errorf("pgstore: record page %.200s in sweep %d: follow: %w", p.URL, sweepID, err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	var added int
	err = b.st.retryTx(ctx, func(tx pgx.Tx) error {
		var st stmts
		checkSweepIn(&st, sweepID)
		sql, args := putPageSQL(&p)
		st.exec(sql, args...)
		batch.queue(&st, &added)
		if frontierURL != "" {
			queueMarkDone(&st, sweepID, frontierURL, p.Outcome)
		}
		return st.send(ctx, tx)
	})
	if err != nil {
		return 0, fmt.Errorf("pgstore: record page %.200s in sweep %d: %w", p.URL, sweepID, err)
	}
	return added, nil
}

// putPageSQL stores the latest fetch of p.URL (keyed by its canonical
// URL): the statement and its arguments.
func putPageSQL(p *store.PageRecord) (string, []any) {
	var caseID *int64
	if p.CaseID != 0 {
		id := int64(p.CaseID)
		caseID = &id
	}
	return `
		INSERT INTO pages (url_sha256, url, final_url, sweep_id, source_id, status, fetched_at,
		                   body_sha256, body_size, outcome, truncated, flagged, case_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (url_sha256) DO UPDATE SET url = excluded.url, final_url = excluded.final_url,
			sweep_id = excluded.sweep_id, source_id = excluded.source_id, status = excluded.status,
			fetched_at = excluded.fetched_at, body_sha256 = excluded.body_sha256,
			body_size = excluded.body_size, outcome = excluded.outcome, truncated = excluded.truncated,
			flagged = excluded.flagged, case_id = excluded.case_id`,
		[]any{urlKey(p.URL), p.URL, p.FinalURL, int64(p.SweepID), p.SourceID, p.Status, p.FetchedAt,
			p.BodySHA256, p.BodySize, p.Outcome, p.Truncated, p.Flagged, caseID}
}

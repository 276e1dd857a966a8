package pgstore

import (
	"fmt"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/store"
)

// SetSourceCaps records the page caps of a sweep's sources (source id →
// the most frontier URLs its pages may add in the sweep): every worker
// joining the sweep sets them from its configuration, keeping what was
// added so far. From then on the links that RecordPageFollow and Record
// add count against their source's cap, across every process together.
func (b *Backend) SetSourceCaps(sweepID uint64, caps map[string]int) error {
	if len(caps) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(caps))
	limits := make([]int32, len(ids))
	for i, id := range ids {
		if caps[id] < 0 || caps[id] > 1<<30 {
			return fmt.Errorf("pgstore: source caps of sweep %d: %s: cap %d out of range: %w", sweepID, id, caps[id], store.ErrInvalid)
		}
		limits[i] = int32(caps[id])
	}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		if err := checkSweep(ctx, tx, sweepID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO source_caps (sweep_id, source_id, cap)
			SELECT $1, s, c FROM unnest($2::text[], $3::integer[]) AS t(s, c) ORDER BY s
			ON CONFLICT (sweep_id, source_id) DO UPDATE SET cap = excluded.cap
			WHERE source_caps.cap <> excluded.cap`, int64(sweepID), ids, limits)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: source caps of sweep %d: %w", sweepID, err)
	}
	return nil
}

// addCappedURLsSQL is addURLsSQL for a page's links (arguments: urlArgs,
// the sweep id, the batch's sources in name order): it locks the cap rows
// of the sources (in name order: concurrent adders never deadlock on
// them), inserts per source at most its room (cap - added) of the URLs
// not yet in the frontier, in the order given, and raises added by what
// it inserted. The rows stay locked until the transaction commits, so no
// other adder of the source reads added in between. A URL another adder
// inserted while this one waited for the lock is skipped by the conflict
// clause without being counted: the room may go unused then, never past.
const addCappedURLsSQL = `
	WITH c AS (
		SELECT source_id, cap - added AS room FROM source_caps
		WHERE sweep_id = $10 AND source_id = ANY($11::text[])
		ORDER BY source_id
		FOR UPDATE
	), t AS (
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::text[],
		                     $6::integer[], $7::boolean[], $8::text[], $9::jsonb[])
		     WITH ORDINALITY AS t(sweep_id, host, url, url_sha256, source_id, depth, render, kind, meta, n)
	), fresh AS (
		SELECT t.*, row_number() OVER (PARTITION BY t.source_id ORDER BY t.n) AS k FROM t
		WHERE NOT EXISTS (SELECT 1 FROM frontier f WHERE f.sweep_id = t.sweep_id AND f.url_sha256 = t.url_sha256)
	), ins AS (
		INSERT INTO frontier (sweep_id, host, url, url_sha256, source_id, depth, render, kind, meta)
		SELECT fresh.sweep_id, fresh.host, fresh.url, fresh.url_sha256, fresh.source_id, fresh.depth,
		       fresh.render, fresh.kind, fresh.meta
		FROM fresh LEFT JOIN c ON c.source_id = fresh.source_id
		WHERE c.room IS NULL OR fresh.k <= c.room
		ORDER BY fresh.n
		ON CONFLICT (sweep_id, url_sha256) DO NOTHING
		RETURNING source_id
	), counted AS (
		UPDATE source_caps sc SET added = sc.added + x.n
		FROM (SELECT source_id, count(*) AS n FROM ins GROUP BY source_id) x
		WHERE sc.sweep_id = $10 AND sc.source_id = x.source_id
	)
	SELECT count(*) FROM ins`

// followBatch is frontierBatch for the links a fetched page leads to: they
// count against their source's cap (SetSourceCaps).
func followBatch(sweepID uint64, items []store.FrontierItem) (*urlBatch, error) {
	b, err := frontierBatch(sweepID, items)
	if err != nil {
		return nil, err
	}
	b.capSweep = int64(sweepID)
	seen := map[string]bool{}
	for _, s := range b.sources {
		seen[s] = true
	}
	b.capSources = slices.Sorted(maps.Keys(seen))
	return b, nil
}

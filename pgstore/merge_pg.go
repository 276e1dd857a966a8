package pgstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// Merging duplicates (store.Merge, migration 00006): the rules are package
// store's (Merge.Check, CheckMergeInto); here the rows of every case
// involved are locked in id order first, so a merge and a decision, or two
// merges that could make a chain, are serialized.

// Merge merges m.Cases into m.Primary in one transaction, with one audit
// entry per merged case, as the bbolt store does (store.Store.Merge).
func (b *Backend) Merge(m store.Merge) ([]store.MergedCase, error) {
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("pgstore: merge into case %d: %w", m.Primary, err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var out []store.MergedCase
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		out = out[:0]
		ids := append([]int64{int64(m.Primary)}, make([]int64, 0, len(m.Cases))...)
		for _, id := range m.Cases {
			ids = append(ids, int64(id))
		}
		rows, err := tx.Query(ctx, `SELECT id, status FROM cases WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids)
		if err != nil {
			return fmt.Errorf("lock the cases: %w", err)
		}
		status := map[uint64]casework.CaseStatus{}
		for rows.Next() {
			var id int64
			var st string
			if err := rows.Scan(&id, &st); err != nil {
				rows.Close()
				return err
			}
			status[uint64(id)] = casework.CaseStatus(st)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range append([]uint64{m.Primary}, m.Cases...) {
			if _, ok := status[id]; !ok {
				return fmt.Errorf("case %d: %w", id, store.ErrNotFound)
			}
		}
		into, err := mergedIntoMap(ctx, tx, ids)
		if err != nil {
			return err
		}
		var havePrimary []int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(array_agg(DISTINCT primary_id), '{}') FROM case_merges WHERE primary_id = ANY($1)`,
			ids).Scan(&havePrimary); err != nil {
			return fmt.Errorf("read merges: %w", err)
		}
		var already int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM case_merges WHERE primary_id = $1`, int64(m.Primary)).Scan(&already); err != nil {
			return fmt.Errorf("count merges: %w", err)
		}
		if n := already + len(m.Cases); n > store.MaxMergedCases {
			return fmt.Errorf("%w: %d cases merged into one, at most %d", store.ErrInvalid, n, store.MaxMergedCases)
		}
		note := strings.TrimSpace(m.Note)
		for _, id := range m.Cases {
			c := store.Case{ID: id, Status: status[id]}
			if err := store.CheckMergeInto(into[m.Primary], &c, into[id], slices.Contains(havePrimary, int64(id))); err != nil {
				return err
			}
			mc := store.MergedCase{CaseID: id, Primary: m.Primary, By: m.By, At: now, Note: note}
			if _, err := tx.Exec(ctx, `INSERT INTO case_merges (case_id, primary_id, merged_by, merged_at, note) VALUES ($1, $2, $3, $4, $5)`,
				int64(id), int64(m.Primary), m.By, now, note); err != nil {
				return fmt.Errorf("merge case %d: %w", id, err)
			}
			e := store.MergeAudit(mc)
			if err := b.appendAudit(ctx, tx, &e); err != nil {
				return err
			}
			out = append(out, mc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: merge into case %d: %w", m.Primary, err)
	}
	return out, nil
}

// mergedIntoMap maps those of ids that are merged to their primaries.
func mergedIntoMap(ctx context.Context, q pgq, ids []int64) (map[uint64]uint64, error) {
	rows, err := q.Query(ctx, `SELECT case_id, primary_id FROM case_merges WHERE case_id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("read merges: %w", err)
	}
	out := map[uint64]uint64{}
	for rows.Next() {
		var id, p int64
		if err := rows.Scan(&id, &p); err != nil {
			rows.Close()
			return nil, err
		}
		out[uint64(id)] = uint64(p)
	}
	return out, rows.Err()
}

// Unmerge takes caseID out of the case it was merged into, with an audit
// entry, as the bbolt store does (store.Store.Unmerge).
func (b *Backend) Unmerge(caseID uint64, by, note string) (*store.MergedCase, error) {
	if by == "" {
		return nil, fmt.Errorf("pgstore: unmerge case %d: %w: no actor", caseID, store.ErrInvalid)
	}
	if len([]rune(note)) > 2000 {
		return nil, fmt.Errorf("pgstore: unmerge case %d: %w: note longer than 2000 characters", caseID, store.ErrInvalid)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var m store.MergedCase
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM cases WHERE id = $1 FOR UPDATE`, int64(caseID)).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("case %d: %w", caseID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		got, err := scanMerge(tx.QueryRow(ctx, `DELETE FROM case_merges WHERE case_id = $1 RETURNING `+mergeColumns, int64(caseID)))
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: case %d is not merged", store.ErrConflict, caseID)
		}
		if err != nil {
			return err
		}
		m = got
		e := store.UnmergeAudit(m, by, note, now)
		return b.appendAudit(ctx, tx, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: unmerge case %d: %w", caseID, err)
	}
	return &m, nil
}

const mergeColumns = `case_id, primary_id, merged_by, merged_at, note`

func scanMerge(row pgx.Row) (store.MergedCase, error) {
	var m store.MergedCase
	var id, p int64
	err := row.Scan(&id, &p, &m.By, &m.At, &m.Note)
	m.CaseID, m.Primary, m.At = uint64(id), uint64(p), m.At.UTC()
	return m, err
}

// MergeOf returns the merge of caseID; ErrNotFound when it is not merged.
func (b *Backend) MergeOf(caseID uint64) (*store.MergedCase, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	m, err := scanMerge(b.st.pool.QueryRow(ctx, `SELECT `+mergeColumns+` FROM case_merges WHERE case_id = $1`, int64(caseID)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("pgstore: merge of case %d: case %d is not merged: %w", caseID, caseID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: merge of case %d: %w", caseID, err)
	}
	return &m, nil
}

// MergedCases lists the cases merged into primary, by id.
func (b *Backend) MergedCases(primary uint64) ([]store.MergedCase, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+mergeColumns+` FROM case_merges WHERE primary_id = $1 ORDER BY case_id LIMIT $2`,
		int64(primary), store.MaxMergedCases)
	if err != nil {
		return nil, fmt.Errorf("pgstore: cases merged into case %d: %w", primary, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.MergedCase, error) { return scanMerge(row) })
	if err != nil {
		return nil, fmt.Errorf("pgstore: cases merged into case %d: %w", primary, err)
	}
	return out, nil
}

// MergedIDs maps every merged case to its primary.
func (b *Backend) MergedIDs() (map[uint64]uint64, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT case_id, primary_id FROM case_merges`)
	if err != nil {
		return nil, fmt.Errorf("pgstore: merged cases: %w", err)
	}
	out := map[uint64]uint64{}
	for rows.Next() {
		var id, p int64
		if err := rows.Scan(&id, &p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pgstore: merged cases: %w", err)
		}
		out[uint64(id)] = uint64(p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: merged cases: %w", err)
	}
	return out, nil
}

// merges copies the bbolt store's merged cases (ImportBolt's "merges"
// stage, after the cases).
func (im *importer) merges(ctx context.Context) error {
	ids, err := im.src.MergedIDs()
	if err != nil {
		return err
	}
	var rows [][]any
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		m, err := im.src.MergeOf(id)
		if err != nil {
			return err
		}
		rows = append(rows, []any{int64(m.CaseID), int64(m.Primary), m.By, pgTime(m.At), m.Note})
	}
	return im.copyRows(ctx, "case_merges", []string{"case_id", "primary_id", "merged_by", "merged_at", "note"}, rows)
}

// merges checks that PostgreSQL holds exactly bbolt's merged cases, each
// into the same primary (VerifyImport's "verify merges" step).
func (v *verifier) merges(ctx context.Context) error {
	want, err := v.src.MergedIDs()
	if err != nil {
		return err
	}
	got, err := v.dst.MergedIDs()
	if err != nil {
		return err
	}
	if len(want) > 0 || len(got) > 0 { // a district that never merged has no such table to report
		v.r.Counts = append(v.r.Counts, TableCount{Table: "case_merges", Bolt: int64(len(want)), Post: int64(len(got))})
	}
	if !maps.Equal(want, got) {
		v.r.problem("merged cases: PostgreSQL has %d (%v), bbolt %d (%v)", len(got), got, len(want), want)
	}
	return nil
}

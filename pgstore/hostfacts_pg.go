package pgstore

import (
	"errors"
	"fmt"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// AddHostFacts keeps one collection of host facts for a case (see
// store.Store.AddHostFacts).
func (b *Backend) AddHostFacts(h store.HostFacts) (*store.HostFacts, error) {
	if err := store.CheckHostFacts(&h); err != nil {
		return nil, fmt.Errorf("pgstore: host facts of case %d: %w", h.CaseID, err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	out := h
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		out = h
		if err := lockCaseRow(ctx, tx, h.CaseID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM host_facts WHERE case_id = $1`, int64(h.CaseID)).Scan(&n); err != nil {
			return fmt.Errorf("count host facts: %w", err)
		}
		if n >= store.MaxHostFactsPerCase {
			return fmt.Errorf("%w: case %d has %d host facts records, the most it may have", store.ErrInvalid, h.CaseID, n)
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO host_facts (case_id, snapshot_id, url, collected_at, collected_by, sha256, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			int64(h.CaseID), int64(h.SnapshotID), h.URL, h.CollectedAt, h.By, h.SHA256, []byte(h.Data)).Scan(&id); err != nil {
			return fmt.Errorf("write host facts: %w", err)
		}
		out.ID = uint64(id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: host facts of case %d: %w", h.CaseID, err)
	}
	return &out, nil
}

// HostFacts lists the host facts of a case, oldest first, each checked
// against its hash. ErrNotFound for a case that does not exist.
func (b *Backend) HostFacts(caseID uint64) ([]store.HostFacts, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var out []store.HostFacts
	err := b.tx(ctx, func(tx pgx.Tx) error {
		var one int
		if err := tx.QueryRow(ctx, `SELECT 1 FROM cases WHERE id = $1`, int64(caseID)).Scan(&one); errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("case %d: %w", caseID, store.ErrNotFound)
		} else if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id, case_id, snapshot_id, url, collected_at, collected_by, sha256, data
			FROM host_facts WHERE case_id = $1 ORDER BY id`, int64(caseID))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h store.HostFacts
			var id, cid, sid int64
			var data []byte
			if err := rows.Scan(&id, &cid, &sid, &h.URL, &h.CollectedAt, &h.By, &h.SHA256, &data); err != nil {
				return err
			}
			h.ID, h.CaseID, h.SnapshotID, h.Data = uint64(id), uint64(cid), uint64(sid), data
			h.CollectedAt = h.CollectedAt.UTC()
			if err := store.VerifyHostFacts(&h); err != nil {
				return err
			}
			out = append(out, h)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: host facts of case %d: %w", caseID, err)
	}
	return out, nil
}

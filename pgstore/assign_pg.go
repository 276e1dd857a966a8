package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// Claims and comments (migration 00004). The rules are package store's
// (store.ApplyClaimMove, store.CheckComment); here every change locks the
// case row first, so claims of one case are serialized with each other
// and with decisions on it.

// lockCaseRow locks case id's row for the transaction; ErrNotFound when
// there is none.
func lockCaseRow(ctx context.Context, tx pgx.Tx, id uint64) error {
	var got int64
	err := tx.QueryRow(ctx, `SELECT id FROM cases WHERE id = $1 FOR UPDATE`, int64(id)).Scan(&got)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("case %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("lock case %d: %w", id, err)
	}
	return nil
}

const claimColumns = `case_id, holder, since, until, assigned_by`

func scanClaim(row pgx.Row) (store.Claim, error) {
	var c store.Claim
	var id int64
	if err := row.Scan(&id, &c.Holder, &c.Since, &c.Until, &c.AssignedBy); err != nil {
		return c, err
	}
	c.CaseID, c.Since, c.Until = uint64(id), c.Since.UTC(), c.Until.UTC()
	return c, nil
}

// MoveClaim applies one claim change and writes its audit entry in the
// same transaction (see store.Store.MoveClaim).
func (b *Backend) MoveClaim(m store.ClaimMove) (*store.Claim, error) {
	m.At, m.Until = pgTime(m.At), pgTime(m.Until)
	ctx, cancel := b.ctx()
	defer cancel()
	var next *store.Claim
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		if err := lockCaseRow(ctx, tx, m.CaseID); err != nil {
			return err
		}
		var cur *store.Claim
		c, err := scanClaim(tx.QueryRow(ctx, `SELECT `+claimColumns+` FROM case_claims WHERE case_id = $1`, int64(m.CaseID)))
		switch {
		case err == nil:
			cur = &c
		case !errors.Is(err, pgx.ErrNoRows):
			return fmt.Errorf("read the claim: %w", err)
		}
		n, e, err := store.ApplyClaimMove(cur, &m)
		if err != nil {
			return err
		}
		if n == nil {
			_, err = tx.Exec(ctx, `DELETE FROM case_claims WHERE case_id = $1`, int64(m.CaseID))
		} else {
			_, err = tx.Exec(ctx, `
				INSERT INTO case_claims (`+claimColumns+`) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (case_id) DO UPDATE SET holder = excluded.holder, since = excluded.since,
					until = excluded.until, assigned_by = excluded.assigned_by`,
				int64(n.CaseID), n.Holder, n.Since, n.Until, n.AssignedBy)
		}
		if err != nil {
			return fmt.Errorf("write the claim: %w", err)
		}
		next = n
		return b.appendAudit(ctx, tx, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s case %d: %w", m.Op, m.CaseID, err)
	}
	return next, nil
}

// CaseClaim is the claim in force on a case at now; ErrNotFound when
// nobody holds it.
func (b *Backend) CaseClaim(caseID uint64, now time.Time) (*store.Claim, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	c, err := scanClaim(b.st.pool.QueryRow(ctx, `SELECT `+claimColumns+` FROM case_claims WHERE case_id = $1 AND until > $2`,
		int64(caseID), now))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("pgstore: claim of case %d: %w", caseID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: claim of case %d: %w", caseID, err)
	}
	return &c, nil
}

// Claims lists the claims in force at f.Now, by case id, at most f.Limit
// (store.MaxClaimList).
func (b *Backend) Claims(f store.ClaimFilter) ([]store.Claim, error) {
	limit := f.Limit
	if limit <= 0 || limit > store.MaxClaimList {
		limit = store.MaxClaimList
	}
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+claimColumns+` FROM case_claims
		WHERE until > $1 AND ($2 = '' OR holder = $2) ORDER BY case_id LIMIT $3`, f.Now, f.Holder, limit)
	if err != nil {
		return nil, fmt.Errorf("pgstore: claims: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Claim, error) { return scanClaim(r) })
	if err != nil {
		return nil, fmt.Errorf("pgstore: claims: %w", err)
	}
	return out, nil
}

// AddComment adds a comment to a case with its audit entry (see
// store.Store.AddComment).
func (b *Backend) AddComment(c store.Comment) (*store.Comment, error) {
	if err := store.CheckComment(&c); err != nil {
		return nil, fmt.Errorf("pgstore: comment on case %d: %w", c.CaseID, err)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	out := c
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		out = c
		if err := lockCaseRow(ctx, tx, c.CaseID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM case_comments WHERE case_id = $1`, int64(c.CaseID)).Scan(&n); err != nil {
			return fmt.Errorf("count comments: %w", err)
		}
		if n >= store.MaxCommentsPerCase {
			return fmt.Errorf("%w: case %d has %d comments, the most it may have", store.ErrInvalid, c.CaseID, n)
		}
		out.At = pgTime(b.now())
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO case_comments (case_id, author, at, body) VALUES ($1, $2, $3, $4) RETURNING id`,
			int64(c.CaseID), c.By, out.At, c.Text).Scan(&id); err != nil {
			return fmt.Errorf("write the comment: %w", err)
		}
		out.ID = uint64(id)
		e := store.CommentAudit(&out)
		e.At = out.At
		return b.appendAudit(ctx, tx, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: comment on case %d: %w", c.CaseID, err)
	}
	return &out, nil
}

// Comments lists a case's comments, oldest first.
func (b *Backend) Comments(caseID uint64) ([]store.Comment, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT id, case_id, author, at, body FROM case_comments
		WHERE case_id = $1 ORDER BY id LIMIT $2`, int64(caseID), store.MaxCommentsPerCase)
	if err != nil {
		return nil, fmt.Errorf("pgstore: comments of case %d: %w", caseID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Comment, error) {
		var c store.Comment
		var id, caseID int64
		err := r.Scan(&id, &caseID, &c.By, &c.At, &c.Text)
		c.ID, c.CaseID, c.At = uint64(id), uint64(caseID), c.At.UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: comments of case %d: %w", caseID, err)
	}
	return out, nil
}

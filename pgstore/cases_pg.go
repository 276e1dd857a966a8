package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Decisions, and the draft notices they feed. The business rules are
// package store's (store.ApplyDecision, the notice helpers); here the
// database decides who goes first: Decide locks the case row, so two
// processes deciding one case at once are serialized and the second sees
// the first's outcome (ErrConflict when it no longer applies).

// maxDecisions bounds Decisions: no case is decided that often.
const maxDecisions = 10000

// pgq is what both a pool and a transaction offer for queries.
type pgq interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Decide applies one decision to a case in one transaction, as the bbolt
// store does (store.Store.Decide): the case's new status, the decision,
// the audit entry and the case's place in the draft notice of its route
// and recipient. The case row is locked for the transaction.
func (b *Backend) Decide(d store.Decision) (*store.Case, *store.Decision, error) {
	if d.By == "" {
		return nil, nil, fmt.Errorf("pgstore: decide case %d: %w: no actor", d.CaseID, store.ErrInvalid)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var c *store.Case
	var out store.Decision
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		dd := d
		dd.At = now
		var err error
		c, err = b.decide(ctx, tx, &dd)
		out = dd
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: %s case %d: %w", d.Action, d.CaseID, err)
	}
	return c, &out, nil
}

// decide is Decide inside its transaction.
func (b *Backend) decide(ctx context.Context, tx pgx.Tx, d *store.Decision) (*store.Case, error) {
	cur, err := ScanCase(tx.QueryRow(ctx, `SELECT `+CaseColumns(true)+` FROM cases WHERE id = $1 FOR UPDATE`, int64(d.CaseID)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("case %d: %w", d.CaseID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read case %d: %w", d.CaseID, err)
	}
	c := &cur
	d.From = c.Status
	var primary int64
	switch err := tx.QueryRow(ctx, `SELECT primary_id FROM case_merges WHERE case_id = $1`, int64(d.CaseID)).Scan(&primary); {
	case err == nil:
		return nil, store.ErrDecideMerged(d.CaseID, uint64(primary))
	case !errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("read the merge of case %d: %w", d.CaseID, err)
	}
	if d.Allow != nil {
		if err := d.Allow(c); err != nil {
			return nil, err
		}
	}
	if err := store.ApplyDecision(c, d); err != nil {
		return nil, err
	}
	d.To = c.Status
	if d.Action == casework.ActionWithdraw && c.NoticeID != 0 {
		if err := removeFromDraft(ctx, tx, d.At, c.NoticeID, c.ID, d.By); err != nil {
			return nil, err
		}
		d.NoticeID, c.NoticeID = c.NoticeID, 0
	}
	if c.Status == casework.CaseConfirmed && (d.Action == casework.ActionConfirm || d.Action == casework.ActionApprove) {
		id, err := b.addToDraft(ctx, tx, d.At, c, d.Route, d.Recipient, d.By)
		if err != nil {
			return nil, err
		}
		d.NoticeID, c.NoticeID = id, id
	}
	if _, err := tx.Exec(ctx, `
		UPDATE cases SET status = $2, route = $3, recipient = $4, dismiss_reason = $5, confirmed_by = $6,
			approved_by = $7, decided_by = $8, decided_at = $9, notice_id = nullif($10::bigint, 0),
			department = $11
		WHERE id = $1`,
		int64(c.ID), c.Status, c.Route, c.Recipient, c.DismissReason, c.ConfirmedBy, c.ApprovedBy, c.DecidedBy,
		c.DecidedAt, int64(c.NoticeID), CaseDepartment(c.Route, c.SuggestedRoute)); err != nil {
		return nil, fmt.Errorf("update case %d: %w", c.ID, err)
	}
	if err := tx.QueryRow(ctx, `
		INSERT INTO decisions (case_id, action, route, recipient, reason, note, actor, at, from_status, to_status, notice_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11::bigint, 0)) RETURNING seq`,
		c.ID, d.Action, d.Route, d.Recipient, d.Reason, d.Note, d.By, d.At, d.From, d.To, int64(d.NoticeID)).Scan(&d.Seq); err != nil {
		return nil, fmt.Errorf("record the decision: %w", err)
	}
	e := store.DecisionAudit(d)
	e.At = d.At
	if err := b.appendAudit(ctx, tx, &e); err != nil {
		return nil, err
	}
	return c, nil
}

// lockDraftKey takes the transaction's advisory lock on the current draft
// of a route and recipient: whoever starts, takes or restores it holds the
// lock, so two confirmations for one recipient never start two drafts.
func lockDraftKey(ctx context.Context, tx pgx.Tx, route casework.Route, recipient string) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('notice-draft:' || $1 || E'\n' || $2, 0))`, string(route), recipient)
	if err != nil {
		return fmt.Errorf("lock the draft for %s to %s: %w", route, recipient, err)
	}
	return nil
}

// addToDraft puts a confirmed case into the current draft notice for its
// route and recipient, starting one when there is none, and returns the
// notice's id.
func (b *Backend) addToDraft(ctx context.Context, tx pgx.Tx, now time.Time, c *store.Case, route casework.Route, recipient, by string) (uint64, error) {
	if err := lockDraftKey(ctx, tx, route, recipient); err != nil {
		return 0, err
	}
	var id uint64
	err := tx.QueryRow(ctx, `SELECT id FROM notices WHERE route = $1 AND recipient = $2 AND current_draft FOR UPDATE`,
		route, recipient).Scan(&id)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if err := tx.QueryRow(ctx, `
			INSERT INTO notices (route, recipient, status, created, current_draft) VALUES ($1, $2, 'draft', $3, true)
			RETURNING id`, route, recipient, now).Scan(&id); err != nil {
			return 0, fmt.Errorf("start a draft notice: %w", err)
		}
		if err := addNoticeEvent(ctx, tx, id, store.NoticeEvent{At: now, By: by, To: casework.NoticeDraft}); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, fmt.Errorf("find the draft notice: %w", err)
	}
	var sn store.Snapshot
	var fetched *time.Time
	err = tx.QueryRow(ctx, `SELECT id, url, final_url, body_sha256, fetched_at FROM snapshots WHERE id = $1`,
		int64(c.LatestSnapshot)).Scan(&sn.ID, &sn.URL, &sn.FinalURL, &sn.BodySHA256, &fetched)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("snapshot %d: %w", c.LatestSnapshot, err)
	}
	sn.FetchedAt = utcOrZero(fetched)
	it := store.NewNoticeItem(c, &sn)
	if _, err := tx.Exec(ctx, `
		INSERT INTO notice_items (notice_id, case_id, position, url, title, category, snapshot_id, body_sha256, captured_at)
		SELECT $1, $2, coalesce(max(position), 0) + 1, $3, $4, $5, nullif($6::bigint, 0), $7, $8
		FROM notice_items WHERE notice_id = $1
		ON CONFLICT (notice_id, case_id) DO NOTHING`,
		int64(id), int64(it.CaseID), it.URL, it.Title, it.Category, int64(it.SnapshotID), it.BodySHA256, nullTime(it.CapturedAt)); err != nil {
		return 0, fmt.Errorf("list case %d in notice %d: %w", c.ID, id, err)
	}
	return id, nil
}

// removeFromDraft takes a case out of its notice, which must still be a
// draft (a signed-off notice must be withdrawn to draft first); a draft
// left empty is deleted.
func removeFromDraft(ctx context.Context, tx pgx.Tx, now time.Time, noticeID, caseID uint64, by string) error {
	var status casework.NoticeState
	err := tx.QueryRow(ctx, `SELECT status FROM notices WHERE id = $1 FOR UPDATE`, int64(noticeID)).Scan(&status)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("notice %d: %w", noticeID, err)
	}
	if status != casework.NoticeDraft {
		return fmt.Errorf("%w: notice %d is %s; withdraw it to draft before taking a case out", store.ErrConflict, noticeID, status)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM notice_items WHERE notice_id = $1 AND case_id = $2`, int64(noticeID), int64(caseID)); err != nil {
		return fmt.Errorf("take case %d out of notice %d: %w", caseID, noticeID, err)
	}
	var left bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM notice_items WHERE notice_id = $1)`, int64(noticeID)).Scan(&left); err != nil {
		return fmt.Errorf("notice %d: %w", noticeID, err)
	}
	if left {
		return addNoticeEvent(ctx, tx, noticeID, store.WithdrawnEvent(now, by, caseID))
	}
	// The case row is locked by the caller; no other case names an
	// empty draft.
	if _, err := tx.Exec(ctx, `UPDATE cases SET notice_id = NULL WHERE notice_id = $1`, int64(noticeID)); err != nil {
		return fmt.Errorf("notice %d: %w", noticeID, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM notices WHERE id = $1`, int64(noticeID)); err != nil {
		return fmt.Errorf("delete the empty draft %d: %w", noticeID, err)
	}
	return nil
}

// addNoticeEvent appends an event to a notice's history; the caller holds
// the notice's row lock (or created it), so the numbering has no race.
func addNoticeEvent(ctx context.Context, tx pgx.Tx, noticeID uint64, ev store.NoticeEvent) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO notice_events (notice_id, seq, at, actor, from_status, to_status, note)
		SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6 FROM notice_events WHERE notice_id = $1`,
		int64(noticeID), ev.At, ev.By, ev.From, ev.To, ev.Note)
	if err != nil {
		return fmt.Errorf("notice %d: record the event: %w", noticeID, err)
	}
	return nil
}

// Decisions lists a case's decisions, oldest first (at most
// maxDecisions).
func (b *Backend) Decisions(caseID uint64) ([]store.Decision, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `
		SELECT case_id, seq, action, route, recipient, reason, note, actor, at, from_status, to_status, coalesce(notice_id, 0)
		FROM decisions WHERE case_id = $1 ORDER BY seq LIMIT $2`, int64(caseID), maxDecisions)
	if err != nil {
		return nil, fmt.Errorf("pgstore: decisions of case %d: %w", caseID, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Decision, error) {
		var d store.Decision
		err := row.Scan(&d.CaseID, &d.Seq, &d.Action, &d.Route, &d.Recipient, &d.Reason, &d.Note, &d.By, &d.At,
			&d.From, &d.To, &d.NoticeID)
		d.At = d.At.UTC()
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: decisions of case %d: %w", caseID, err)
	}
	return out, nil
}

package pgstore

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNumberTaken is store.ErrNumberTaken: another notice of the route
// holds the number an approval gives. Several servers may share this
// database, so the database itself keeps numbers unique per route (index
// notices_number).
var ErrNumberTaken = store.ErrNumberTaken

// MaxNotices bounds Notices and DueNotices: the newest notices (the
// lowest ids among due ones) up to this many. A district sends a few
// hundred a year.
const MaxNotices = 20000

// noticeColumns are the columns scanNotice reads, in its order.
const noticeColumns = `id, route, recipient, status, number, created, issued_at, deadline, sent_at, ack_at,
	closed_at, approved_by, check_due, checks_done`

func scanNotice(row pgx.Row) (store.Notice, error) {
	var n store.Notice
	var issued, deadline, sent, ack, closed *time.Time
	var due []time.Time
	err := row.Scan(&n.ID, &n.Route, &n.Recipient, &n.Status, &n.Number, &n.Created, &issued, &deadline, &sent, &ack,
		&closed, &n.ApprovedBy, &due, &n.ChecksDone)
	if err != nil {
		return n, err
	}
	n.Created = n.Created.UTC()
	n.IssuedAt, n.Deadline, n.SentAt, n.AckAt, n.ClosedAt = utcOrZero(issued), utcOrZero(deadline), utcOrZero(sent), utcOrZero(ack), utcOrZero(closed)
	for _, t := range due {
		n.CheckDue = append(n.CheckDue, t.UTC())
	}
	return n, nil
}

// readNotices reads the notices a query of noticeColumns selects, with
// their items, checks and history.
func readNotices(ctx context.Context, q pgq, sql string, args ...any) ([]store.Notice, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Notice, error) { return scanNotice(row) })
	if err != nil || len(out) == 0 {
		return nil, err
	}
	ids := make([]int64, len(out))
	at := make(map[uint64]int, len(out))
	for i, n := range out {
		ids[i], at[n.ID] = int64(n.ID), i
	}
	if err := readItems(ctx, q, ids, out, at); err != nil {
		return nil, err
	}
	if err := readChecks(ctx, q, ids, out, at); err != nil {
		return nil, err
	}
	if err := readEvents(ctx, q, ids, out, at); err != nil {
		return nil, err
	}
	return out, nil
}

func readItems(ctx context.Context, q pgq, ids []int64, out []store.Notice, at map[uint64]int) error {
	rows, err := q.Query(ctx, `
		SELECT notice_id, case_id, url, title, category, coalesce(snapshot_id, 0), body_sha256, captured_at,
			outcome, outcome_detail, outcome_at, coalesce(relisted_case, 0)
		FROM notice_items WHERE notice_id = ANY($1) ORDER BY notice_id, position`, ids)
	if err != nil {
		return fmt.Errorf("notice items: %w", err)
	}
	var noticeID uint64
	var it store.NoticeItem
	var captured, outcomeAt *time.Time
	_, err = pgx.ForEachRow(rows, []any{&noticeID, &it.CaseID, &it.URL, &it.Title, &it.Category, &it.SnapshotID,
		&it.BodySHA256, &captured, &it.Outcome, &it.OutcomeDetail, &outcomeAt, &it.RelistedCase}, func() error {
		it.CapturedAt, it.OutcomeAt = utcOrZero(captured), utcOrZero(outcomeAt)
		n := &out[at[noticeID]]
		n.Items = append(n.Items, it)
		return nil
	})
	if err != nil {
		return fmt.Errorf("notice items: %w", err)
	}
	return nil
}

func readChecks(ctx context.Context, q pgq, ids []int64, out []store.Notice, at map[uint64]int) error {
	rows, err := q.Query(ctx, `
		SELECT notice_id, case_id, at, round, outcome, status, final_url, detail, body_sha256,
			coalesce(relisted_case, 0), coalesce(evidence_id, 0)
		FROM item_checks WHERE notice_id = ANY($1) ORDER BY id`, ids)
	if err != nil {
		return fmt.Errorf("removal checks: %w", err)
	}
	var noticeID uint64
	var ch store.ItemCheck
	_, err = pgx.ForEachRow(rows, []any{&noticeID, &ch.CaseID, &ch.At, &ch.Round, &ch.Outcome, &ch.Status, &ch.FinalURL,
		&ch.Detail, &ch.BodySHA256, &ch.RelistedCase, &ch.Evidence}, func() error {
		ch.At = ch.At.UTC()
		n := &out[at[noticeID]]
		for i := range n.Items {
			if n.Items[i].CaseID == ch.CaseID {
				n.Items[i].Checks = append(n.Items[i].Checks, ch)
				break
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("removal checks: %w", err)
	}
	return nil
}

func readEvents(ctx context.Context, q pgq, ids []int64, out []store.Notice, at map[uint64]int) error {
	rows, err := q.Query(ctx, `
		SELECT notice_id, at, actor, from_status, to_status, note
		FROM notice_events WHERE notice_id = ANY($1) ORDER BY notice_id, seq`, ids)
	if err != nil {
		return fmt.Errorf("notice history: %w", err)
	}
	var noticeID uint64
	var ev store.NoticeEvent
	_, err = pgx.ForEachRow(rows, []any{&noticeID, &ev.At, &ev.By, &ev.From, &ev.To, &ev.Note}, func() error {
		ev.At = ev.At.UTC()
		n := &out[at[noticeID]]
		n.History = append(n.History, ev)
		return nil
	})
	if err != nil {
		return fmt.Errorf("notice history: %w", err)
	}
	return nil
}

// readNotice reads one notice, locking its row when forUpdate (inside a
// transaction); ErrNotFound when there is none.
func readNotice(ctx context.Context, q pgq, id uint64, forUpdate bool) (*store.Notice, error) {
	sql := `SELECT ` + noticeColumns + ` FROM notices WHERE id = $1`
	if forUpdate {
		sql += ` FOR UPDATE`
	}
	ns, err := readNotices(ctx, q, sql, int64(id))
	if err != nil {
		return nil, fmt.Errorf("notice %d: %w", id, err)
	}
	if len(ns) == 0 {
		return nil, fmt.Errorf("notice %d: %w", id, store.ErrNotFound)
	}
	return &ns[0], nil
}

// Notice returns one notice.
func (b *Backend) Notice(id uint64) (*store.Notice, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	n, err := readNotice(ctx, b.st.pool, id, false)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	return n, nil
}

// Notices lists notices, newest first (at most MaxNotices): those of
// f.Route when set, in f.Status when set (overdue: sent or acknowledged
// with a deadline before f.Now, default the backend's clock).
func (b *Backend) Notices(f store.NoticeFilter) ([]store.Notice, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	now := cmp.Or(f.Now, b.now())
	where, args := []string{"true"}, []any{}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.Route != "" {
		where = append(where, "route = "+arg(string(f.Route)))
	}
	switch f.Status {
	case "":
	case casework.NoticeOverdue:
		where = append(where, "status IN ('sent', 'acknowledged') AND deadline < "+arg(now))
	default:
		where = append(where, "status = "+arg(string(f.Status)))
	}
	out, err := readNotices(ctx, b.st.pool, `SELECT `+noticeColumns+` FROM notices WHERE `+strings.Join(where, " AND ")+
		` ORDER BY id DESC LIMIT `+arg(MaxNotices), args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: list notices: %w", err)
	}
	return out, nil
}

// DueNotices lists sent or acknowledged notices whose next removal check
// is due at now, oldest first (at most MaxNotices).
func (b *Backend) DueNotices(now time.Time) ([]store.Notice, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	out, err := readNotices(ctx, b.st.pool, `SELECT `+noticeColumns+` FROM notices
		WHERE status IN ('sent', 'acknowledged') AND checks_done < cardinality(check_due)
		  AND check_due[checks_done + 1] <= $1
		ORDER BY id LIMIT $2`, now, MaxNotices)
	if err != nil {
		return nil, fmt.Errorf("pgstore: due notices: %w", err)
	}
	return out, nil
}

// MoveNotice changes a notice's status along the state machine
// (store.ApplyNoticeMove), records the event and an audit entry, as the
// bbolt store does. The notice row is locked for the transaction; an
// approval whose number another notice of the route holds fails with
// ErrNumberTaken (an ErrConflict): two approvers numbering at once
// cannot both win.
func (b *Backend) MoveNotice(id uint64, m store.NoticeMove) (*store.Notice, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var out *store.Notice
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		n, err := readNotice(ctx, tx, id, true)
		if err != nil {
			return err
		}
		from := n.Status
		if err := store.ApplyNoticeMove(n, m, now); err != nil {
			return err
		}
		current := `current_draft`
		switch m.To {
		case casework.NoticeApproved:
			current = `false`
		case casework.NoticeDraft:
			// A draft again, and the current one if none is.
			if err := lockDraftKey(ctx, tx, n.Route, n.Recipient); err != nil {
				return err
			}
			current = `NOT EXISTS (SELECT 1 FROM notices o WHERE o.route = notices.route AND o.recipient = notices.recipient AND o.current_draft)`
		}
		_, err = tx.Exec(ctx, `
			UPDATE notices SET status = $2, number = $3, issued_at = $4, deadline = $5, sent_at = $6, ack_at = $7,
				closed_at = $8, approved_by = $9, check_due = $10, checks_done = $11, current_draft = `+current+`
			WHERE id = $1`,
			int64(id), n.Status, n.Number, nullTime(n.IssuedAt), nullTime(n.Deadline), nullTime(n.SentAt), nullTime(n.AckAt),
			nullTime(n.ClosedAt), n.ApprovedBy, nonNilTimes(n.CheckDue), n.ChecksDone)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == "notices_number" {
			return fmt.Errorf("%w: another notice of %s is numbered %s", ErrNumberTaken, n.Route, n.Number)
		}
		if err != nil {
			return fmt.Errorf("update notice %d: %w", id, err)
		}
		if err := addNoticeEvent(ctx, tx, id, n.History[len(n.History)-1]); err != nil {
			return err
		}
		e := store.NoticeMoveAudit(id, from, m)
		e.At = now
		if err := b.appendAudit(ctx, tx, &e); err != nil {
			return err
		}
		if m.To == casework.NoticeSent && from != casework.NoticeSent {
			// The removal checks exist exactly when the sending is recorded.
			if err := b.enqueueRemovalChecks(ctx, tx, n); err != nil {
				return err
			}
		}
		out = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: notice %d → %s: %w", id, m.To, err)
	}
	return out, nil
}

// nonNilTimes is ts for a NOT NULL array column.
func nonNilTimes(ts []time.Time) []time.Time {
	if ts == nil {
		return []time.Time{}
	}
	return ts
}

// RecordChecks stores removal-check results for a notice's items, as the
// bbolt store does: each item's latest outcome, the case's removal state,
// each response as check evidence (its body in Blobs) and an audit entry;
// a sent or acknowledged notice whose items are all gone becomes removed.
func (b *Backend) RecordChecks(id uint64, round int, by string, checks []store.ItemCheck) (*store.Notice, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var out *store.Notice
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		n, err := readNotice(ctx, tx, id, true)
		if err != nil {
			return err
		}
		var summary []string
		for _, ch := range checks {
			if err := b.recordCheck(ctx, tx, n, round, now, ch); err != nil {
				return err
			}
			summary = append(summary, fmt.Sprintf("case %d %s", ch.CaseID, ch.Outcome))
		}
		events := len(n.History)
		if n.FinishChecks(round, by, now) {
			summary = append(summary, "notice removed")
		}
		if _, err := tx.Exec(ctx, `UPDATE notices SET status = $2, closed_at = $3, checks_done = $4 WHERE id = $1`,
			int64(id), n.Status, nullTime(n.ClosedAt), n.ChecksDone); err != nil {
			return fmt.Errorf("update notice %d: %w", id, err)
		}
		for _, ev := range n.History[events:] {
			if err := addNoticeEvent(ctx, tx, id, ev); err != nil {
				return err
			}
		}
		e := store.AuditEntry{At: now, Actor: by, Action: "notice.check", Object: fmt.Sprintf("notice:%d", id),
			Detail: fmt.Sprintf("round %d: %s", round, strings.Join(summary, ", "))}
		if err := b.appendAudit(ctx, tx, &e); err != nil {
			return err
		}
		out = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: record checks of notice %d: %w", id, err)
	}
	return out, nil
}

// recordCheck stores one check of n's item inside RecordChecks.
func (b *Backend) recordCheck(ctx context.Context, tx pgx.Tx, n *store.Notice, round int, now time.Time, ch store.ItemCheck) error {
	i := slices.IndexFunc(n.Items, func(it store.NoticeItem) bool { return it.CaseID == ch.CaseID })
	if i < 0 {
		return fmt.Errorf("%w: case %d is not in notice %d", store.ErrInvalid, ch.CaseID, n.ID)
	}
	ch.At = cmp.Or(ch.At, now).UTC().Truncate(time.Microsecond)
	ch.Round = round
	if ch.Status != 0 {
		var err error
		if ch.Evidence, err = b.putCheckEvidence(ctx, tx, n.ID, &ch); err != nil {
			return err
		}
	}
	it := n.AddCheck(i, ch)
	if _, err := tx.Exec(ctx, `
		INSERT INTO item_checks (notice_id, case_id, at, round, outcome, status, final_url, detail, body_sha256,
			relisted_case, evidence_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, nullif($10::bigint, 0), nullif($11::bigint, 0))`,
		int64(n.ID), int64(ch.CaseID), ch.At, ch.Round, ch.Outcome, ch.Status, ch.FinalURL, ch.Detail, ch.BodySHA256,
		int64(ch.RelistedCase), int64(ch.Evidence)); err != nil {
		return fmt.Errorf("record the check of case %d: %w", ch.CaseID, err)
	}
	if _, err := tx.Exec(ctx, `
		UPDATE notice_items SET outcome = $3, outcome_detail = $4, outcome_at = $5, relisted_case = nullif($6::bigint, 0)
		WHERE notice_id = $1 AND case_id = $2`,
		int64(n.ID), int64(ch.CaseID), it.Outcome, it.OutcomeDetail, nullTime(it.OutcomeAt), int64(it.RelistedCase)); err != nil {
		return fmt.Errorf("update the item of case %d: %w", ch.CaseID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE cases SET removal = $2, removal_detail = $3, removal_at = $4 WHERE id = $1`,
		int64(ch.CaseID), it.Outcome, it.OutcomeDetail, nullTime(it.OutcomeAt)); err != nil {
		return fmt.Errorf("update case %d: %w", ch.CaseID, err)
	}
	return nil
}

// putCheckEvidence stores a check's response (its body in Blobs) and
// returns its id; it sets the check's BodySHA256.
func (b *Backend) putCheckEvidence(ctx context.Context, tx pgx.Tx, noticeID uint64, ch *store.ItemCheck) (uint64, error) {
	sum := sha256.Sum256(ch.Body)
	hexSum := hex.EncodeToString(sum[:])
	if err := b.blobs.Put(ctx, hexSum, nonNilBytes(ch.Body)); err != nil {
		return 0, fmt.Errorf("store the response of case %d: %w", ch.CaseID, err)
	}
	var header any
	if ch.Header != nil {
		header = ch.Header
	}
	var id uint64
	err := tx.QueryRow(ctx, `
		INSERT INTO check_evidence (notice_id, case_id, url, final_url, fetched_at, status, header, body_sha256,
			body_size, truncated, outcome)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		int64(noticeID), int64(ch.CaseID), ch.URL, ch.FinalURL, ch.At, ch.Status, header, hexSum, len(ch.Body),
		ch.Truncated, ch.Outcome).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record the response of case %d: %w", ch.CaseID, err)
	}
	ch.BodySHA256 = hexSum
	return id, nil
}

func nonNilBytes(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// CheckResponse returns a removal check's stored response and its body
// (from Blobs).
func (b *Backend) CheckResponse(id uint64) (*store.CheckEvidence, []byte, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var ev store.CheckEvidence
	var header http.Header
	err := b.st.pool.QueryRow(ctx, `
		SELECT id, notice_id, case_id, url, final_url, fetched_at, status, header, body_sha256, body_size, truncated, outcome
		FROM check_evidence WHERE id = $1`, int64(id)).Scan(&ev.ID, &ev.NoticeID, &ev.CaseID, &ev.URL, &ev.FinalURL,
		&ev.FetchedAt, &ev.Status, &header, &ev.BodySHA256, &ev.BodySize, &ev.Truncated, &ev.Outcome)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, fmt.Errorf("pgstore: check evidence %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: check evidence %d: %w", id, err)
	}
	ev.FetchedAt, ev.Header = ev.FetchedAt.UTC(), header
	body, err := b.blobs.Get(ctx, ev.BodySHA256)
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: body of check evidence %d: %w", id, err)
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != ev.BodySHA256 {
		return nil, nil, fmt.Errorf("pgstore: body of check evidence %d: stored SHA-256 %s, content has %x: the blob store is damaged", id, ev.BodySHA256, sum)
	}
	return &ev, body, nil
}

// Relisted looks for another case first seen at or after since that
// shares a personal contact or the content key with the given one, as the
// bbolt store does, and returns the newest such case's id, or 0.
func (b *Backend) Relisted(caseID uint64, contacts []store.CaseContact, contentKey string, since time.Time) (uint64, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	kinds, values := make([]string, len(contacts)), make([]string, len(contacts))
	for i, ct := range contacts {
		kinds[i], values[i] = ct.Kind, ct.Value
	}
	var found uint64
	err := b.st.pool.QueryRow(ctx, `
		SELECT coalesce(max(id), 0) FROM (
			SELECT max(c.id) AS id FROM case_contacts cc JOIN cases c ON c.id = cc.case_id
			WHERE (cc.kind, cc.value) IN (SELECT * FROM unnest($2::text[], $3::text[]))
			  AND c.id <> $1 AND c.first_seen >= $5
			UNION ALL
			SELECT max(id) FROM cases
			WHERE $4 <> '' AND content_key = $4 AND id <> $1 AND first_seen >= $5
		) found`, int64(caseID), kinds, values, contentKey, since).Scan(&found)
	if err != nil {
		return 0, fmt.Errorf("pgstore: relisted for case %d: %w", caseID, err)
	}
	return found, nil
}

package pgstore

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Notice tracking (migration 00005): the follow-ups, reminders and
// escalations of notices, as the bbolt store keeps them
// (store/noticetrack.go), in three tables.

// readTracks reads the tracking of the notices ids; notices with nothing
// recorded are missing from the map.
func readTracks(ctx context.Context, q pgq, ids []int64) (map[uint64]store.NoticeTrack, error) {
	out := map[uint64]store.NoticeTrack{}
	get := func(id uint64) *store.NoticeTrack {
		t, ok := out[id]
		if !ok {
			t = store.NoticeTrack{NoticeID: id}
		}
		out[id] = t
		return &t
	}
	put := func(t *store.NoticeTrack) { out[t.NoticeID] = *t }

	rows, err := q.Query(ctx, `
		SELECT notice_id, kind, at, channel, text, actor, recorded FROM notice_track_events
		WHERE notice_id = ANY($1) ORDER BY notice_id, id`, ids)
	if err != nil {
		return nil, fmt.Errorf("notice follow-ups: %w", err)
	}
	var id uint64
	var ev store.TrackEvent
	if _, err := pgx.ForEachRow(rows, []any{&id, &ev.Kind, &ev.At, &ev.Channel, &ev.Text, &ev.By, &ev.Recorded}, func() error {
		ev.At, ev.Recorded = ev.At.UTC(), ev.Recorded.UTC()
		t := get(id)
		t.Events = append(t.Events, ev)
		put(t)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("notice follow-ups: %w", err)
	}

	rows, err = q.Query(ctx, `
		SELECT notice_id, kind, deadline, at, coalesce(message_id, 0) FROM notice_reminders
		WHERE notice_id = ANY($1) ORDER BY notice_id, at, kind`, ids)
	if err != nil {
		return nil, fmt.Errorf("notice reminders: %w", err)
	}
	var r store.NoticeReminder
	if _, err := pgx.ForEachRow(rows, []any{&r.NoticeID, &r.Kind, &r.Deadline, &r.At, &r.MessageID}, func() error {
		r.Deadline, r.At = r.Deadline.UTC(), r.At.UTC()
		t := get(r.NoticeID)
		t.Reminders = append(t.Reminders, r)
		put(t)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("notice reminders: %w", err)
	}

	rows, err = q.Query(ctx, `
		SELECT from_notice, to_notice, kind, at, actor FROM notice_escalations
		WHERE from_notice = ANY($1) OR to_notice = ANY($1) ORDER BY at, to_notice`, ids)
	if err != nil {
		return nil, fmt.Errorf("notice escalations: %w", err)
	}
	want := map[uint64]bool{}
	for _, x := range ids {
		want[uint64(x)] = true
	}
	var l store.NoticeLink
	if _, err := pgx.ForEachRow(rows, []any{&l.From, &l.To, &l.Kind, &l.At, &l.By}, func() error {
		l.At = l.At.UTC()
		if want[l.From] {
			t := get(l.From)
			t.Escalations = append(t.Escalations, l)
			put(t)
		}
		if want[l.To] {
			t := get(l.To)
			t.From, t.FromKind = l.From, l.Kind
			put(t)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("notice escalations: %w", err)
	}
	return out, nil
}

// readTrack reads one notice's tracking (empty when nothing is recorded).
func readTrack(ctx context.Context, q pgq, id uint64) (store.NoticeTrack, error) {
	m, err := readTracks(ctx, q, []int64{int64(id)})
	if err != nil {
		return store.NoticeTrack{}, fmt.Errorf("tracking of notice %d: %w", id, err)
	}
	t, ok := m[id]
	if !ok {
		t = store.NoticeTrack{NoticeID: id}
	}
	return t, nil
}

// NoticeTrack returns a notice's tracking (empty when nothing was
// recorded); ErrNotFound when there is no such notice.
func (b *Backend) NoticeTrack(id uint64) (*store.NoticeTrack, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var exists bool
	if err := b.st.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM notices WHERE id = $1)`, int64(id)).Scan(&exists); err != nil {
		return nil, fmt.Errorf("pgstore: notice %d: %w", id, err)
	}
	if !exists {
		return nil, fmt.Errorf("pgstore: notice %d: %w", id, store.ErrNotFound)
	}
	t, err := readTrack(ctx, b.st.pool, id)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	return &t, nil
}

// NoticeTracks returns the tracking of the given notices (those with
// nothing recorded are missing from the map); at most
// store.MaxNoticeTracks ids.
func (b *Backend) NoticeTracks(ids []uint64) (map[uint64]store.NoticeTrack, error) {
	if len(ids) > store.MaxNoticeTracks {
		return nil, fmt.Errorf("pgstore: tracking of %d notices: %w: at most %d at once", len(ids), store.ErrInvalid, store.MaxNoticeTracks)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	ids64 := make([]int64, len(ids))
	for i, id := range ids {
		ids64[i] = int64(id)
	}
	out, err := readTracks(ctx, b.st.pool, ids64)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	return out, nil
}

// TrackNotice records a follow-up on a sent notice (store.CheckTrackUpdate)
// with an audit entry, the notice's row locked, and returns the tracking;
// a receipt moves a notice still marked sent to acknowledged
// (store.ReceiptMove), as the bbolt store does.
func (b *Backend) TrackNotice(id uint64, u store.TrackUpdate) (*store.NoticeTrack, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var out store.NoticeTrack
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		n, err := readNotice(ctx, tx, id, true)
		if err != nil {
			return err
		}
		t, err := readTrack(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := store.CheckTrackUpdate(n, &t, u, now); err != nil {
			return err
		}
		ev := store.NewTrackEvent(u, now)
		if _, err := tx.Exec(ctx, `
			INSERT INTO notice_track_events (notice_id, kind, at, channel, text, actor, recorded)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			int64(id), ev.Kind, ev.At, ev.Channel, ev.Text, ev.By, ev.Recorded); err != nil {
			return fmt.Errorf("record the follow-up: %w", err)
		}
		e := store.TrackAudit(id, ev)
		e.At = now
		if err := b.appendAudit(ctx, tx, &e); err != nil {
			return err
		}
		if m, ok := store.ReceiptMove(n, u); ok {
			from := n.Status
			if err := store.ApplyNoticeMove(n, m, now); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE notices SET status = $2, ack_at = $3 WHERE id = $1`,
				int64(id), n.Status, nullTime(n.AckAt)); err != nil {
				return fmt.Errorf("update notice %d: %w", id, err)
			}
			if err := addNoticeEvent(ctx, tx, id, n.History[len(n.History)-1]); err != nil {
				return err
			}
			me := store.NoticeMoveAudit(id, from, m)
			me.At = now
			if err := b.appendAudit(ctx, tx, &me); err != nil {
				return err
			}
		}
		t.Events = append(t.Events, ev)
		out = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: notice %d: record %s: %w", id, u.Kind, err)
	}
	return &out, nil
}

// RemindNotice records reminder r once per notice, kind and deadline, as
// the bbolt store does: the first call (in any process) inserts the
// reminder row, queues m as an in-app message (delivered: Sent set) and
// audits, all in one transaction, and reports true; any later or
// concurrent call finds the row (the primary key) and reports false.
func (b *Backend) RemindNotice(r store.NoticeReminder, m store.Message) (bool, error) {
	if err := store.CheckReminder(r); err != nil {
		return false, fmt.Errorf("pgstore: %w", err)
	}
	payload := m.Payload
	if payload == nil {
		payload = json.RawMessage("null")
	}
	if !json.Valid(payload) {
		return false, fmt.Errorf("pgstore: reminder of notice %d: payload is not valid JSON", r.NoticeID)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	r.Deadline, r.At = pgTime(r.Deadline), now
	added := false
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		added = false
		tag, err := tx.Exec(ctx, `
			INSERT INTO notice_reminders (notice_id, kind, deadline, at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (notice_id, kind, deadline) DO NOTHING`,
			int64(r.NoticeID), r.Kind, r.Deadline, now)
		if isForeignKeyViolation(err) {
			return fmt.Errorf("notice %d: %w", r.NoticeID, store.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("record the reminder: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return nil // sent before, here or by another process
		}
		sent := cmp.Or(m.Sent, now)
		if err := tx.QueryRow(ctx, `
			INSERT INTO outbox (kind, target, subject, payload, created, next_attempt, sent)
			VALUES ($1, $2, $3, $4::json, $5, $5, $6) RETURNING id`,
			m.Kind, m.Target, m.Subject, string(payload), now, pgTime(sent)).Scan(&r.MessageID); err != nil {
			return fmt.Errorf("queue the reminder message: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE notice_reminders SET message_id = $4 WHERE notice_id = $1 AND kind = $2 AND deadline = $3`,
			int64(r.NoticeID), r.Kind, r.Deadline, int64(r.MessageID)); err != nil {
			return fmt.Errorf("record the reminder message: %w", err)
		}
		e := store.ReminderAudit(r)
		e.At = now
		if err := b.appendAudit(ctx, tx, &e); err != nil {
			return err
		}
		added = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("pgstore: notice %d: %s reminder: %w", r.NoticeID, r.Kind, err)
	}
	return added, nil
}

// isForeignKeyViolation reports whether err is PostgreSQL's refusal of a
// row that names a missing one.
func isForeignKeyViolation(err error) bool {
	var pe interface{ SQLState() string }
	return errors.As(err, &pe) && pe.SQLState() == "23503"
}

// EscalateNotice drafts a notice from a sent one whose listings stay
// online (store.CheckEscalation), as the bbolt store does: a draft that
// is not its route and recipient's current draft, listing the first
// notice's listings not known to be gone, linked both ways and audited.
// The first notice's row is locked, and the escalation's primary key
// (notice, kind) keeps two clicks from drafting two.
func (b *Backend) EscalateNotice(req store.EscalationRequest) (*store.Notice, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	var out *store.Notice
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		from, err := readNotice(ctx, tx, req.From, true)
		if err != nil {
			return err
		}
		ft, err := readTrack(ctx, tx, req.From)
		if err != nil {
			return err
		}
		items, err := store.CheckEscalation(from, &ft, req, now)
		if err != nil {
			return err
		}
		n := &store.Notice{Route: req.Kind.Route(from.Route), Recipient: cmp.Or(req.Recipient, from.Recipient),
			Status: casework.NoticeDraft, Created: now, Items: items,
			History: []store.NoticeEvent{store.EscalationEvent(from.ID, req, now)}}
		if err := tx.QueryRow(ctx, `
			INSERT INTO notices (route, recipient, status, created, current_draft) VALUES ($1, $2, 'draft', $3, false)
			RETURNING id`, n.Route, n.Recipient, now).Scan(&n.ID); err != nil {
			return fmt.Errorf("draft the escalation: %w", err)
		}
		for i, it := range items {
			if _, err := tx.Exec(ctx, `
				INSERT INTO notice_items (notice_id, case_id, position, url, title, category, snapshot_id, body_sha256, captured_at)
				VALUES ($1, $2, $3, $4, $5, $6, nullif($7::bigint, 0), $8, $9)`,
				int64(n.ID), int64(it.CaseID), i+1, it.URL, it.Title, it.Category, int64(it.SnapshotID), it.BodySHA256,
				nullTime(it.CapturedAt)); err != nil {
				return fmt.Errorf("list case %d in notice %d: %w", it.CaseID, n.ID, err)
			}
		}
		if err := addNoticeEvent(ctx, tx, n.ID, n.History[0]); err != nil {
			return err
		}
		l := store.NoticeLink{From: from.ID, To: n.ID, Kind: req.Kind, At: now, By: req.By}
		if _, err := tx.Exec(ctx, `
			INSERT INTO notice_escalations (from_notice, to_notice, kind, at, actor) VALUES ($1, $2, $3, $4, $5)`,
			int64(l.From), int64(l.To), l.Kind, l.At, l.By); err != nil {
			if isUniqueViolation(err, "notice_escalations_pkey") {
				return fmt.Errorf("%w: notice %d was already escalated (%s)", store.ErrConflict, from.ID, req.Kind)
			}
			return fmt.Errorf("link the escalation: %w", err)
		}
		e := store.EscalationAudit(l, len(items))
		e.At = now
		if err := b.appendAudit(ctx, tx, &e); err != nil {
			return err
		}
		out = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: escalate notice %d: %w", req.From, err)
	}
	return out, nil
}

// NoticeReminderArgs asks for a pass of notices' deadline reminders
// (sweep.Reminder), periodic. One at a time; a reminder is sent once
// whatever the number of passes (RemindNotice).
type NoticeReminderArgs struct{}

// Kind names the job.
func (NoticeReminderArgs) Kind() string { return "notice_reminders" }

// InsertOpts are the defaults of a reminder job: one at a time.
func (NoticeReminderArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByState: unfinished}}
}

package store

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// Notice tracking (issue 13): what happened to a notice after it was
// sent — how it was delivered, when its receipt was confirmed (回执), what
// the platform replied and when (平台答复) — the deadline reminders sent
// about it, and the notices drafted from it when its listings stayed
// online (a second notice, a referral to the police).
//
// The record is kept beside the notice, not in it: the notice is the
// letter and its state machine; the tracking is what staff learned since.

// Tracking bounds.
const (
	// MaxReplyText bounds a recorded reply (characters).
	MaxReplyText = 4000
	// MaxTrackEvents bounds the follow-ups recorded on one notice.
	MaxTrackEvents = 200
	// MaxEscalationNote bounds the note of an escalation (characters).
	MaxEscalationNote = 2000
)

// NoticeTrack is a notice's follow-up record. The zero value (with
// NoticeID set) is the record of a notice nothing was recorded on yet.
type NoticeTrack struct {
	NoticeID uint64 `json:"notice_id"`
	// Events are the follow-ups recorded, oldest first. The latest of
	// each kind is the current one (Latest).
	Events []TrackEvent `json:"events,omitempty"`
	// Reminders are the deadline reminders sent, oldest first.
	Reminders []NoticeReminder `json:"reminders,omitempty"`
	// From is the notice this one escalates (0 for none), Kind how.
	From     uint64              `json:"from,omitempty"`
	FromKind casework.Escalation `json:"from_kind,omitempty"`
	// Escalations are the notices drafted from this one, oldest first.
	Escalations []NoticeLink `json:"escalations,omitempty"`
}

// TrackEvent is one follow-up recorded on a notice.
type TrackEvent struct {
	Kind casework.TrackKind `json:"kind"`
	// At is when it happened (delivered, receipt confirmed, reply
	// dated), as staff entered it.
	At      time.Time                `json:"at"`
	Channel casework.DeliveryChannel `json:"channel,omitempty"` // delivery only
	Text    string                   `json:"text,omitempty"`    // the reply, or a note
	By      string                   `json:"by"`
	// Recorded is when it was entered.
	Recorded time.Time `json:"recorded"`
}

// NoticeReminder is one reminder about a notice's deadline: recorded
// once per notice, kind and deadline, with the in-app message it queued.
type NoticeReminder struct {
	NoticeID  uint64                `json:"notice_id"`
	Kind      casework.ReminderKind `json:"kind"`
	Deadline  time.Time             `json:"deadline"`
	At        time.Time             `json:"at"`
	MessageID uint64                `json:"message_id,omitempty"`
}

// NoticeLink is an escalation: notice To drafted from notice From.
type NoticeLink struct {
	From uint64              `json:"from"`
	To   uint64              `json:"to"`
	Kind casework.Escalation `json:"kind"`
	At   time.Time           `json:"at"`
	By   string              `json:"by"`
}

// Latest is the latest recorded follow-up of kind k, or nil.
func (t *NoticeTrack) Latest(k casework.TrackKind) *TrackEvent {
	for i := len(t.Events) - 1; i >= 0; i-- {
		if t.Events[i].Kind == k {
			return &t.Events[i]
		}
	}
	return nil
}

// Replied reports whether a reply is recorded.
func (t *NoticeTrack) Replied() bool { return t.Latest(casework.TrackReply) != nil }

// Escalation is the escalation of kind k drafted from this notice, or nil.
func (t *NoticeTrack) Escalation(k casework.Escalation) *NoticeLink {
	for i := range t.Escalations {
		if t.Escalations[i].Kind == k {
			return &t.Escalations[i]
		}
	}
	return nil
}

// TrackUpdate is a follow-up to record on a notice.
type TrackUpdate struct {
	Kind    casework.TrackKind
	At      time.Time // when it happened
	Channel casework.DeliveryChannel
	Text    string
	By      string
}

// CheckTrackUpdate says whether u may be recorded on n at now: ErrInvalid
// for an update outside the vocabulary, without a time, dated in the
// future or before the notice was sent, a delivery without its channel,
// a reply without its text or text over MaxReplyText; ErrConflict for a
// notice not sent yet, or one with MaxTrackEvents follow-ups already.
func CheckTrackUpdate(n *Notice, t *NoticeTrack, u TrackUpdate, now time.Time) error {
	switch {
	case !u.Kind.Known():
		return fmt.Errorf("%w: unknown follow-up %q", ErrInvalid, u.Kind)
	case u.By == "":
		return fmt.Errorf("%w: a follow-up needs who records it", ErrInvalid)
	case n.Status == casework.NoticeDraft || n.Status == casework.NoticeApproved || n.SentAt.IsZero():
		return fmt.Errorf("%w: notice %d is %s: only a sent notice is delivered or answered", ErrConflict, n.ID, n.Status)
	case len(t.Events) >= MaxTrackEvents:
		return fmt.Errorf("%w: notice %d has %d follow-ups recorded, the most it keeps", ErrConflict, n.ID, len(t.Events))
	case u.At.IsZero():
		return fmt.Errorf("%w: a follow-up needs its date and time", ErrInvalid)
	case u.At.After(now.Add(10 * time.Minute)):
		return fmt.Errorf("%w: %s is in the future", ErrInvalid, u.At.In(Beijing).Format("2006-01-02 15:04"))
	// A day's slack: staff enter dates, and a letter may be handed over
	// the day it was marked sent.
	case u.At.Before(n.SentAt.Add(-24 * time.Hour)):
		return fmt.Errorf("%w: %s is before the notice was sent", ErrInvalid, u.At.In(Beijing).Format("2006-01-02 15:04"))
	case u.Kind == casework.TrackDelivery && !u.Channel.Known():
		return fmt.Errorf("%w: unknown delivery channel %q", ErrInvalid, u.Channel)
	case u.Kind != casework.TrackDelivery && u.Channel != "":
		return fmt.Errorf("%w: only a delivery has a channel", ErrInvalid)
	case u.Kind == casework.TrackReply && strings.TrimSpace(u.Text) == "":
		return fmt.Errorf("%w: a reply needs its text", ErrInvalid)
	case utf8.RuneCountInString(u.Text) > MaxReplyText:
		return fmt.Errorf("%w: the text has %d characters, at most %d", ErrInvalid, utf8.RuneCountInString(u.Text), MaxReplyText)
	case !utf8.ValidString(u.Text):
		return fmt.Errorf("%w: the text is not UTF-8", ErrInvalid)
	}
	return nil
}

// NewTrackEvent is the event u records at now.
func NewTrackEvent(u TrackUpdate, now time.Time) TrackEvent {
	return TrackEvent{Kind: u.Kind, At: u.At.UTC().Truncate(time.Second), Channel: u.Channel,
		Text: strings.TrimSpace(u.Text), By: u.By, Recorded: now.UTC().Truncate(time.Microsecond)}
}

// ReceiptMove is the move a receipt makes on a notice still marked sent:
// to acknowledged (已签收), noted as the receipt; ok false when the notice
// is past that (acknowledged, closed) and stays as it is.
func ReceiptMove(n *Notice, u TrackUpdate) (NoticeMove, bool) {
	if u.Kind != casework.TrackReceipt || n.Status != casework.NoticeSent {
		return NoticeMove{}, false
	}
	return NoticeMove{To: casework.NoticeAcknowledged, By: u.By,
		Note: "登记回执（" + u.At.In(Beijing).Format("2006-01-02 15:04") + " 确认收到）"}, true
}

// TrackAudit is the audit entry of a follow-up: notice.<kind> on
// notice:<id>.
func TrackAudit(id uint64, ev TrackEvent) AuditEntry {
	detail := "at " + ev.At.UTC().Format(time.RFC3339)
	if ev.Channel != "" {
		detail += "; via " + string(ev.Channel)
	}
	if ev.Text != "" {
		// "; " separates the parts of a detail.
		detail += "; text=" + strings.ReplaceAll(clipRunes(ev.Text, 200), "; ", "；")
	}
	return AuditEntry{Actor: ev.By, Action: "notice." + string(ev.Kind), Object: fmt.Sprintf("notice:%d", id), Detail: detail}
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// ReminderAudit is the audit entry of a reminder: notice.overdue for an
// overdue notice, notice.reminder before the deadline.
func ReminderAudit(r NoticeReminder) AuditEntry {
	action := "notice.reminder"
	if r.Kind == casework.ReminderOverdue {
		action = "notice.overdue"
	}
	return AuditEntry{Actor: "system", Action: action, Object: fmt.Sprintf("notice:%d", r.NoticeID),
		Detail: fmt.Sprintf("%s; deadline %s; message %d", r.Kind, r.Deadline.UTC().Format(time.RFC3339), r.MessageID)}
}

// CheckReminder says whether r is a reminder that may be recorded
// (ErrInvalid when not).
func CheckReminder(r NoticeReminder) error {
	switch {
	case r.NoticeID == 0 || !r.Kind.Known() || r.Deadline.IsZero():
		return fmt.Errorf("%w: a reminder needs a notice, a known kind and a deadline", ErrInvalid)
	}
	return nil
}

// EscalationRequest asks for a notice to be drafted from a notice whose
// listings are still online.
type EscalationRequest struct {
	From      uint64
	Kind      casework.Escalation
	Recipient string // the referral's addressee (the police); default: the first notice's
	By        string
	Note      string
}

// CheckEscalation says whether n (with its tracking t) may be escalated
// as req asks at now, and returns the items the new notice lists: those
// of n not known to be gone. ErrInvalid: unknown kind, no actor, a note
// over MaxEscalationNote; ErrConflict: n was never sent, has no listing
// still online (仍在线 at its latest check) while its deadline has not
// passed, is itself removed, or was already escalated this way.
func CheckEscalation(n *Notice, t *NoticeTrack, req EscalationRequest, now time.Time) ([]NoticeItem, error) {
	switch {
	case !req.Kind.Known():
		return nil, fmt.Errorf("%w: unknown escalation %q", ErrInvalid, req.Kind)
	case req.By == "":
		return nil, fmt.Errorf("%w: an escalation needs who asks for it", ErrInvalid)
	case utf8.RuneCountInString(req.Note) > MaxEscalationNote:
		return nil, fmt.Errorf("%w: the note is too long", ErrInvalid)
	case req.Kind == casework.EscalateSecondNotice && n.Route == casework.RoutePoliceReferral:
		return nil, fmt.Errorf("%w: a referral is not followed by a second notice", ErrInvalid)
	case req.Kind == casework.EscalateReferral && n.Route == casework.RoutePoliceReferral:
		return nil, fmt.Errorf("%w: notice %d is already a referral", ErrInvalid, n.ID)
	}
	if l := t.Escalation(req.Kind); l != nil {
		return nil, fmt.Errorf("%w: notice %d was already escalated (%s: notice %d)", ErrConflict, n.ID, req.Kind, l.To)
	}
	if n.SentAt.IsZero() || n.Status == casework.NoticeRemoved {
		return nil, fmt.Errorf("%w: notice %d is %s: only a sent notice whose listings stay online is escalated", ErrConflict, n.ID, n.Status)
	}
	online := false
	var items []NoticeItem
	for _, it := range n.Items {
		if it.Outcome.Gone() {
			continue
		}
		online = online || it.Outcome.StillOnline()
		items = append(items, NoticeItem{CaseID: it.CaseID, URL: it.URL, Title: it.Title, Category: it.Category,
			SnapshotID: it.SnapshotID, BodySHA256: it.BodySHA256, CapturedAt: it.CapturedAt})
	}
	overdue := n.Status == casework.NoticeRefused || n.State(now) == casework.NoticeOverdue
	switch {
	case len(items) == 0:
		return nil, fmt.Errorf("%w: every listing of notice %d is gone", ErrConflict, n.ID)
	case !online && !overdue:
		return nil, fmt.Errorf("%w: no listing of notice %d is known to be still online and its deadline has not passed", ErrConflict, n.ID)
	}
	return items, nil
}

// EscalationEvent is the first history event of an escalation's draft.
func EscalationEvent(from uint64, req EscalationRequest, now time.Time) NoticeEvent {
	note := fmt.Sprintf("%s：通知 #%d 所列链接复查仍在线或逾期未处置", req.Kind.Name(), from)
	if req.Note != "" {
		note += "。" + req.Note
	}
	return NoticeEvent{At: now, By: req.By, To: casework.NoticeDraft, Note: note}
}

// EscalationAudit is the audit entry of an escalation: notice.escalate
// on the first notice.
func EscalationAudit(l NoticeLink, items int) AuditEntry {
	return AuditEntry{Actor: l.By, Action: "notice.escalate", Object: fmt.Sprintf("notice:%d", l.From),
		Detail: fmt.Sprintf("%s → notice %d (%d listings)", l.Kind, l.To, items)}
}

// bucketNoticeTrack holds each notice's NoticeTrack under its id. It is
// created by the first write (older databases do not have it).
var bucketNoticeTrack = []byte("notice_track")

func readTrack(tx *bolt.Tx, id uint64) (NoticeTrack, error) {
	t := NoticeTrack{NoticeID: id}
	b := tx.Bucket(bucketNoticeTrack)
	if b == nil {
		return t, nil
	}
	if _, err := getJSON(b, u64(id), &t); err != nil {
		return t, fmt.Errorf("tracking of notice %d: %w", id, err)
	}
	t.NoticeID = id
	return t, nil
}

func putTrack(tx *bolt.Tx, t *NoticeTrack) error {
	b, err := tx.CreateBucketIfNotExists(bucketNoticeTrack)
	if err != nil {
		return err
	}
	return putJSON(b, u64(t.NoticeID), t)
}

func readNoticeTx(tx *bolt.Tx, id uint64) (*Notice, error) {
	var n Notice
	ok, err := getJSON(tx.Bucket(bucketNotices), u64(id), &n)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("notice %d: %w", id, ErrNotFound)
	}
	return &n, nil
}

// NoticeTrack returns a notice's tracking (empty when nothing was
// recorded); ErrNotFound when there is no such notice.
func (s *Store) NoticeTrack(id uint64) (*NoticeTrack, error) {
	var t NoticeTrack
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := readNoticeTx(tx, id); err != nil {
			return err
		}
		var err error
		t, err = readTrack(tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &t, nil
}

// NoticeTracks returns the tracking of the given notices (those with
// nothing recorded are missing from the map); at most MaxNoticeTracks ids.
func (s *Store) NoticeTracks(ids []uint64) (map[uint64]NoticeTrack, error) {
	if len(ids) > MaxNoticeTracks {
		return nil, fmt.Errorf("store: tracking of %d notices: %w: at most %d at once", len(ids), ErrInvalid, MaxNoticeTracks)
	}
	out := map[uint64]NoticeTrack{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNoticeTrack)
		if b == nil {
			return nil
		}
		for _, id := range ids {
			v := b.Get(u64(id))
			if v == nil {
				continue
			}
			var t NoticeTrack
			if err := json.Unmarshal(v, &t); err != nil {
				return fmt.Errorf("tracking of notice %d: %w", id, err)
			}
			out[id] = t
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return out, nil
}

// MaxNoticeTracks bounds one NoticeTracks call.
const MaxNoticeTracks = 20000

// TrackNotice records a follow-up on a sent notice (see CheckTrackUpdate)
// with an audit entry, and returns the tracking. A receipt recorded on a
// notice still marked sent also moves it to acknowledged (ReceiptMove),
// as MoveNotice would.
func (s *Store) TrackNotice(id uint64, u TrackUpdate) (*NoticeTrack, error) {
	now := s.now()
	var t NoticeTrack
	err := s.update(func(tx *bolt.Tx) error {
		n, err := readNoticeTx(tx, id)
		if err != nil {
			return err
		}
		if t, err = readTrack(tx, id); err != nil {
			return err
		}
		if err := CheckTrackUpdate(n, &t, u, now); err != nil {
			return err
		}
		ev := NewTrackEvent(u, now)
		t.Events = append(t.Events, ev)
		if err := putTrack(tx, &t); err != nil {
			return err
		}
		e := TrackAudit(id, ev)
		if err := appendAudit(tx, now, &e); err != nil {
			return err
		}
		m, ok := ReceiptMove(n, u)
		if !ok {
			return nil
		}
		from := n.Status
		if err := ApplyNoticeMove(n, m, now); err != nil {
			return err
		}
		if err := putNotice(tx, n); err != nil {
			return err
		}
		me := NoticeMoveAudit(id, from, m)
		return appendAudit(tx, now, &me)
	})
	if err != nil {
		return nil, fmt.Errorf("store: notice %d: record %s: %w", id, u.Kind, err)
	}
	return &t, nil
}

// RemindNotice records reminder r once per notice, kind and deadline:
// the first call queues m in the outbox as an in-app message (delivered
// as it is stored: Sent is set), records the reminder with the message's
// id and audits it, and reports true; a later call for the same notice,
// kind and deadline changes nothing and reports false.
func (s *Store) RemindNotice(r NoticeReminder, m Message) (bool, error) {
	if err := CheckReminder(r); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	now := s.now()
	added := false
	err := s.update(func(tx *bolt.Tx) error {
		added = false
		if _, err := readNoticeTx(tx, r.NoticeID); err != nil {
			return err
		}
		t, err := readTrack(tx, r.NoticeID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(t.Reminders, func(x NoticeReminder) bool {
			return x.Kind == r.Kind && x.Deadline.Equal(r.Deadline)
		}) {
			return nil
		}
		ob := tx.Bucket(bucketOutbox)
		if m.ID, err = ob.NextSequence(); err != nil {
			return err
		}
		m.Created, m.NextAttempt = now, now
		m.Sent = cmp.Or(m.Sent, now)
		if err := putMessage(tx, &m); err != nil {
			return err
		}
		r.MessageID, r.At, r.Deadline = m.ID, now.UTC(), r.Deadline.UTC()
		t.Reminders = append(t.Reminders, r)
		if err := putTrack(tx, &t); err != nil {
			return err
		}
		e := ReminderAudit(r)
		if err := appendAudit(tx, now, &e); err != nil {
			return err
		}
		added = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: notice %d: %s reminder: %w", r.NoticeID, r.Kind, err)
	}
	return added, nil
}

// EscalateNotice drafts a notice from a sent one whose listings stay
// online (see CheckEscalation): a second notice to the same recipient on
// the same route, or a referral to the police addressed to
// req.Recipient. The draft lists the first notice's listings not known to
// be gone, is not the current draft of its route and recipient (cases
// confirmed later do not join it), and goes through approval like any
// notice. Both notices' tracking links them; the escalation is audited.
func (s *Store) EscalateNotice(req EscalationRequest) (*Notice, error) {
	now := s.now()
	var out Notice
	err := s.update(func(tx *bolt.Tx) error {
		from, err := readNoticeTx(tx, req.From)
		if err != nil {
			return err
		}
		ft, err := readTrack(tx, req.From)
		if err != nil {
			return err
		}
		items, err := CheckEscalation(from, &ft, req, now)
		if err != nil {
			return err
		}
		id, err := tx.Bucket(bucketNotices).NextSequence()
		if err != nil {
			return err
		}
		out = Notice{ID: id, Route: req.Kind.Route(from.Route), Recipient: cmp.Or(req.Recipient, from.Recipient),
			Status: casework.NoticeDraft, Created: now, Items: items,
			History: []NoticeEvent{EscalationEvent(from.ID, req, now)}}
		if err := putNotice(tx, &out); err != nil {
			return err
		}
		l := NoticeLink{From: from.ID, To: id, Kind: req.Kind, At: now.UTC(), By: req.By}
		ft.Escalations = append(ft.Escalations, l)
		if err := putTrack(tx, &ft); err != nil {
			return err
		}
		nt := NoticeTrack{NoticeID: id, From: from.ID, FromKind: req.Kind}
		if err := putTrack(tx, &nt); err != nil {
			return err
		}
		e := EscalationAudit(l, len(items))
		return appendAudit(tx, now, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("store: escalate notice %d: %w", req.From, err)
	}
	return &out, nil
}

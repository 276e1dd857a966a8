package store

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// Notice is one letter to one recipient: a takedown request or a referral,
// listing the confirmed cases it covers.
type Notice struct {
	ID         uint64               `json:"id"`
	Route      casework.Route       `json:"route"`
	Recipient  string               `json:"recipient"`
	Status     casework.NoticeState `json:"status"`
	Number     string               `json:"number,omitempty"` // 文号, given when approved
	Created    time.Time            `json:"created"`
	IssuedAt   time.Time            `json:"issued_at,omitempty"` // approval date: the letter's date
	Deadline   time.Time            `json:"deadline,omitempty"`
	SentAt     time.Time            `json:"sent_at,omitempty"`
	AckAt      time.Time            `json:"ack_at,omitempty"`
	ClosedAt   time.Time            `json:"closed_at,omitempty"`
	ApprovedBy string               `json:"approved_by,omitempty"`
	Items      []NoticeItem         `json:"items"`
	History    []NoticeEvent        `json:"history"`
	// CheckDue are the removal-check rounds set when the notice is sent;
	// ChecksDone counts the rounds run.
	CheckDue   []time.Time `json:"check_due,omitempty"`
	ChecksDone int         `json:"checks_done"`
}

// NoticeItem is one listing in a notice with its latest removal check.
type NoticeItem struct {
	CaseID     uint64    `json:"case_id"`
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	Category   string    `json:"category,omitempty"`
	SnapshotID uint64    `json:"snapshot_id"`
	BodySHA256 string    `json:"body_sha256"`
	CapturedAt time.Time `json:"captured_at"`
	// Latest removal check.
	Outcome       casework.Outcome `json:"outcome,omitempty"`
	OutcomeDetail string           `json:"outcome_detail,omitempty"`
	OutcomeAt     time.Time        `json:"outcome_at,omitempty"`
	RelistedCase  uint64           `json:"relisted_case,omitempty"`
	Checks        []ItemCheck      `json:"checks,omitempty"`
}

// ItemCheck is one removal check of one URL.
type ItemCheck struct {
	CaseID       uint64           `json:"case_id"`
	At           time.Time        `json:"at"`
	Round        int              `json:"round"` // 1-based scheduled round; 0 for a check run by hand
	Outcome      casework.Outcome `json:"outcome"`
	Status       int              `json:"status,omitempty"`
	FinalURL     string           `json:"final_url,omitempty"`
	Detail       string           `json:"detail,omitempty"`
	BodySHA256   string           `json:"body_sha256,omitempty"`
	RelistedCase uint64           `json:"relisted_case,omitempty"`
	// Evidence is the stored response of the check (see CheckEvidence);
	// 0 when there was none (a network failure).
	Evidence uint64 `json:"evidence,omitempty"`
	// The response as fetched, given to RecordChecks and kept there as
	// evidence of the check (a 404 page proves a removal as much as a
	// live page proves the opposite); not part of the notice record.
	Header    http.Header `json:"-"`
	Body      []byte      `json:"-"`
	Truncated bool        `json:"-"`
	URL       string      `json:"-"`
}

// CheckEvidence is the response a removal check got, kept as fetched.
type CheckEvidence struct {
	ID         uint64           `json:"id"`
	NoticeID   uint64           `json:"notice_id"`
	CaseID     uint64           `json:"case_id"`
	URL        string           `json:"url"`
	FinalURL   string           `json:"final_url,omitempty"`
	FetchedAt  time.Time        `json:"fetched_at"`
	Status     int              `json:"status"`
	Header     http.Header      `json:"header,omitempty"`
	BodySHA256 string           `json:"body_sha256"`
	BodySize   int              `json:"body_size"`
	Truncated  bool             `json:"truncated,omitempty"`
	Outcome    casework.Outcome `json:"outcome"`
}

// CheckResponse returns a removal check's stored response and its body.
func (s *Store) CheckResponse(id uint64) (*CheckEvidence, []byte, error) {
	var ev CheckEvidence
	var body []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketCheckEvidence), u64(id), &ev)
		if err == nil && !ok {
			return fmt.Errorf("check evidence %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		body = bytes.Clone(tx.Bucket(bucketCheckBodies).Get(u64(id)))
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: %w", err)
	}
	return &ev, body, nil
}

// putCheckEvidence stores a check's response and returns its id.
func putCheckEvidence(tx *bolt.Tx, noticeID uint64, ch *ItemCheck) (uint64, error) {
	meta, bodies := tx.Bucket(bucketCheckEvidence), tx.Bucket(bucketCheckBodies)
	meta.FillPercent, bodies.FillPercent = 1.0, 1.0
	id, err := meta.NextSequence()
	if err != nil {
		return 0, err
	}
	sum := sha256.Sum256(ch.Body)
	ev := CheckEvidence{ID: id, NoticeID: noticeID, CaseID: ch.CaseID, URL: ch.URL, FinalURL: ch.FinalURL,
		FetchedAt: ch.At, Status: ch.Status, Header: ch.Header, BodySHA256: hex.EncodeToString(sum[:]),
		BodySize: len(ch.Body), Truncated: ch.Truncated, Outcome: ch.Outcome}
	if err := putJSON(meta, u64(id), &ev); err != nil {
		return 0, err
	}
	if err := bodies.Put(u64(id), nonNil(ch.Body)); err != nil {
		return 0, err
	}
	ch.BodySHA256 = ev.BodySHA256
	return id, nil
}

// NoticeEvent is one change of a notice's status.
type NoticeEvent struct {
	At   time.Time            `json:"at"`
	By   string               `json:"by"`
	From casework.NoticeState `json:"from,omitempty"`
	To   casework.NoticeState `json:"to"`
	Note string               `json:"note,omitempty"`
}

// State is the status to show: Status, or overdue when the deadline has
// passed on a notice that is sent or acknowledged and not yet resolved.
func (n *Notice) State(now time.Time) casework.NoticeState {
	if n.Status.Waiting() && !n.Deadline.IsZero() && now.After(n.Deadline) {
		return casework.NoticeOverdue
	}
	return n.Status
}

// NextCheck is when the next scheduled removal check is due (zero when
// none is).
func (n *Notice) NextCheck() time.Time {
	if !n.Status.Waiting() || n.ChecksDone >= len(n.CheckDue) {
		return time.Time{}
	}
	return n.CheckDue[n.ChecksDone]
}

// draftKey is the key of the draft notice for a route and recipient.
func draftKey(route casework.Route, recipient string) []byte {
	return []byte(string(route) + "\x00" + recipient)
}

// addToDraft puts a confirmed case into the draft notice for its route and
// recipient, starting one when there is none.
func addToDraft(tx *bolt.Tx, now time.Time, c *Case, route casework.Route, recipient, by string) (*Notice, error) {
	notices, drafts := tx.Bucket(bucketNotices), tx.Bucket(bucketNoticeDrafts)
	dk := draftKey(route, recipient)
	var n Notice
	if id := drafts.Get(dk); id != nil {
		ok, err := getJSON(notices, id, &n)
		if err != nil {
			return nil, err
		}
		if !ok || n.Status != casework.NoticeDraft {
			n = Notice{}
		}
	}
	if n.ID == 0 {
		id, err := notices.NextSequence()
		if err != nil {
			return nil, err
		}
		n = Notice{ID: id, Route: route, Recipient: recipient, Status: casework.NoticeDraft, Created: now,
			History: []NoticeEvent{{At: now, By: by, To: casework.NoticeDraft}}}
		if err := drafts.Put(dk, u64(id)); err != nil {
			return nil, err
		}
	}
	if !slices.ContainsFunc(n.Items, func(it NoticeItem) bool { return it.CaseID == c.ID }) {
		var sn Snapshot
		ok, err := getJSON(tx.Bucket(bucketSnapshots), u64(c.LatestSnapshot), &sn)
		if err != nil {
			return nil, err
		}
		if !ok {
			sn = Snapshot{}
		}
		n.Items = append(n.Items, NewNoticeItem(c, &sn))
	}
	if err := putNotice(tx, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// NewNoticeItem is the item a confirmed case adds to a notice: the
// listing as its latest snapshot sn captured it (sn zero when the case has
// none).
func NewNoticeItem(c *Case, sn *Snapshot) NoticeItem {
	it := NoticeItem{CaseID: c.ID, URL: c.URL, Title: c.Title, Category: c.Category, SnapshotID: c.LatestSnapshot}
	if sn.ID != 0 || sn.URL != "" {
		it.BodySHA256, it.CapturedAt = sn.BodySHA256, sn.FetchedAt
		it.URL = cmp.Or(sn.FinalURL, sn.URL, it.URL)
	}
	return it
}

// NoticeMove is a change of a notice's status.
type NoticeMove struct {
	To   casework.NoticeState
	By   string
	Note string
	// Approving: the letter's number, date and deadline.
	Number   string
	IssuedAt time.Time
	Deadline time.Time
	// Sending: when the removal checks are due, as offsets from now.
	CheckAfter []time.Duration
}

// MoveNotice changes a notice's status along the state machine (draft →
// approved → sent → acknowledged → removed | refused; an approved notice
// may go back to draft), records the event and an audit entry, and
// returns the notice. Approving closes the draft: cases confirmed later
// for the same recipient start a new one.
func (s *Store) MoveNotice(id uint64, m NoticeMove) (*Notice, error) {
	now := s.now()
	var n Notice
	err := s.update(func(tx *bolt.Tx) error {
		notices := tx.Bucket(bucketNotices)
		ok, err := getJSON(notices, u64(id), &n)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("notice %d: %w", id, ErrNotFound)
		}
		from := n.Status
		if err := ApplyNoticeMove(&n, m, now); err != nil {
			return err
		}
		if m.To == casework.NoticeApproved {
			if err := numberFree(notices, &n); err != nil {
				return err
			}
		}
		drafts := tx.Bucket(bucketNoticeDrafts)
		dk := draftKey(n.Route, n.Recipient)
		switch m.To {
		case casework.NoticeApproved:
			if cur := drafts.Get(dk); cur != nil && binaryID(cur) == id {
				if err := drafts.Delete(dk); err != nil {
					return err
				}
			}
		case casework.NoticeDraft: // withdrawn before sending: a draft again, and the current one if none is
			if drafts.Get(dk) == nil {
				if err := drafts.Put(dk, u64(id)); err != nil {
					return err
				}
			}
		}
		if err := putNotice(tx, &n); err != nil {
			return err
		}
		e := NoticeMoveAudit(id, from, m)
		return appendAudit(tx, now, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("store: notice %d → %s: %w", id, m.To, err)
	}
	return &n, nil
}

// numberFree fails with ErrNumberTaken when a notice of n's route other
// than n holds n's number. It reads every notice: a district approves
// some hundreds a year, and approvals are rare next to reads.
func numberFree(notices *bolt.Bucket, n *Notice) error {
	var other struct {
		Route  casework.Route `json:"route"`
		Number string         `json:"number"`
	}
	return notices.ForEach(func(k, v []byte) error {
		other.Route, other.Number = "", ""
		if err := json.Unmarshal(v, &other); err != nil {
			return fmt.Errorf("notice %x: %w", k, err)
		}
		if other.Number == n.Number && other.Route == n.Route && binaryID(k) != n.ID {
			return fmt.Errorf("%w: notice %d of %s is numbered %s", ErrNumberTaken, binaryID(k), n.Route, n.Number)
		}
		return nil
	})
}

// ApplyNoticeMove moves n to m.To at now along the notice state machine
// (casework.CheckNoticeMove) and records the event; approving sets the
// number, date, deadline and approver (ErrInvalid when a number or
// deadline is missing, or the notice lists no case), a return to draft
// clears them, sending schedules the removal checks. It fails with
// ErrConflict when the move is not allowed. Keeping one draft current
// per route and recipient is the caller's.
func ApplyNoticeMove(n *Notice, m NoticeMove, now time.Time) error {
	if err := casework.CheckNoticeMove(n.Status, m.To); err != nil {
		return fmt.Errorf("%w: notice %d: %w", ErrConflict, n.ID, err)
	}
	from := n.Status
	switch m.To {
	case casework.NoticeApproved:
		if len(n.Items) == 0 {
			return fmt.Errorf("%w: notice %d lists no case", ErrInvalid, n.ID)
		}
		if m.Number == "" || m.Deadline.IsZero() {
			return fmt.Errorf("%w: approving needs a number and a deadline", ErrInvalid)
		}
		n.Number, n.Deadline, n.ApprovedBy = m.Number, m.Deadline.UTC(), m.By
		n.IssuedAt = cmp.Or(m.IssuedAt, now).UTC()
	case casework.NoticeDraft:
		n.Number, n.ApprovedBy, n.IssuedAt, n.Deadline = "", "", time.Time{}, time.Time{}
	case casework.NoticeSent:
		n.SentAt = now
		n.CheckDue = nil
		for _, d := range m.CheckAfter {
			n.CheckDue = append(n.CheckDue, now.Add(d))
		}
		n.ChecksDone = 0
	case casework.NoticeAcknowledged:
		n.AckAt = now
	case casework.NoticeRemoved, casework.NoticeRefused:
		n.ClosedAt = now
	}
	n.Status = m.To
	n.History = append(n.History, NoticeEvent{At: now, By: m.By, From: from, To: m.To, Note: m.Note})
	return nil
}

// NoticeMoveAudit is the audit entry of a notice's move from a state:
// notice.<to> on notice:<id>.
func NoticeMoveAudit(id uint64, from casework.NoticeState, m NoticeMove) AuditEntry {
	detail := string(from) + " → " + string(m.To)
	if m.Number != "" {
		detail += "; number=" + m.Number
	}
	if m.Note != "" {
		detail += "; note=" + m.Note
	}
	return AuditEntry{Actor: m.By, Action: "notice." + string(m.To), Object: fmt.Sprintf("notice:%d", id), Detail: detail}
}

func binaryID(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// Notice returns one notice.
func (s *Store) Notice(id uint64) (*Notice, error) {
	var n Notice
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketNotices), u64(id), &n)
		if err == nil && !ok {
			err = fmt.Errorf("notice %d: %w", id, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &n, nil
}

// NoticeFilter selects notices.
type NoticeFilter struct {
	Status casework.NoticeState // a stored state, or overdue (computed at Now); "" for all
	Route  casework.Route
	Now    time.Time
}

// Notices lists notices, newest first.
func (s *Store) Notices(f NoticeFilter) ([]Notice, error) {
	now := cmp.Or(f.Now, s.now())
	var out []Notice
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotices).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return fmt.Errorf("decode notice %d: %w", binaryID(k), err)
			}
			if f.Route != "" && n.Route != f.Route {
				continue
			}
			if f.Status != "" && n.Status != f.Status && n.State(now) != f.Status {
				continue
			}
			out = append(out, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: list notices: %w", err)
	}
	return out, nil
}

// DueNotices lists sent or acknowledged notices whose next removal check
// is due at now.
func (s *Store) DueNotices(now time.Time) ([]Notice, error) {
	all, err := s.Notices(NoticeFilter{Now: now})
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, n := range all {
		if t := n.NextCheck(); !t.IsZero() && !t.After(now) {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b Notice) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// RecordChecks stores removal-check results for a notice's items: each
// item's latest outcome, the case's removal state and an audit entry.
// round is the scheduled round they complete (1-based), or 0 for a check
// run by hand, which completes no round. When every item is removed (or
// removed and relisted elsewhere) a sent or acknowledged notice becomes
// removed.
func (s *Store) RecordChecks(id uint64, round int, by string, checks []ItemCheck) (*Notice, error) {
	now := s.now()
	var n Notice
	err := s.update(func(tx *bolt.Tx) error {
		notices, cases := tx.Bucket(bucketNotices), tx.Bucket(bucketCases)
		ok, err := getJSON(notices, u64(id), &n)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("notice %d: %w", id, ErrNotFound)
		}
		var summary []string
		for _, ch := range checks {
			i := slices.IndexFunc(n.Items, func(it NoticeItem) bool { return it.CaseID == ch.CaseID })
			if i < 0 {
				return fmt.Errorf("%w: case %d is not in notice %d", ErrInvalid, ch.CaseID, id)
			}
			ch.At = cmp.Or(ch.At, now).UTC()
			ch.Round = round
			if ch.Status != 0 {
				if ch.Evidence, err = putCheckEvidence(tx, id, &ch); err != nil {
					return err
				}
			}
			it := n.AddCheck(i, ch)
			var c caseRecord
			if ok, err := getJSON(cases, u64(ch.CaseID), &c); err != nil {
				return err
			} else if ok {
				c.Removal, c.RemovalDetail, c.RemovalAt = it.Outcome, it.OutcomeDetail, it.OutcomeAt
				if err := putCase(tx, &c); err != nil {
					return err
				}
			}
			summary = append(summary, fmt.Sprintf("case %d %s", ch.CaseID, ch.Outcome))
		}
		if n.FinishChecks(round, by, now) {
			summary = append(summary, "notice removed")
		}
		if err := putNotice(tx, &n); err != nil {
			return err
		}
		return appendAudit(tx, now, &AuditEntry{Actor: by, Action: "notice.check",
			Object: fmt.Sprintf("notice:%d", id), Detail: fmt.Sprintf("round %d: %s", round, strings.Join(summary, ", "))})
	})
	if err != nil {
		return nil, fmt.Errorf("store: record checks of notice %d: %w", id, err)
	}
	return &n, nil
}

// AddCheck adds a removal check (At and Round set, evidence stored) to
// item i: the body and header go, the check joins the item's history and
// becomes its latest outcome, unless it failed where an earlier check
// had an outcome. It returns the item.
func (n *Notice) AddCheck(i int, ch ItemCheck) *NoticeItem {
	ch.Header, ch.Body = nil, nil
	it := &n.Items[i]
	it.Checks = append(it.Checks, ch)
	if ch.Outcome != casework.OutcomeFailed || it.Outcome == "" {
		it.Outcome, it.OutcomeDetail, it.OutcomeAt, it.RelistedCase = ch.Outcome, ch.Detail, ch.At, ch.RelistedCase
	}
	return it
}

// FinishChecks completes a round of removal checks (round 0, a check by
// hand, completes none) and, when every item is gone and the notice
// waits for its recipient, closes it as removed; it reports whether it
// did.
func (n *Notice) FinishChecks(round int, by string, now time.Time) bool {
	if round > 0 && round > n.ChecksDone {
		n.ChecksDone = min(round, len(n.CheckDue))
	}
	gone := len(n.Items) > 0
	for _, it := range n.Items {
		if !it.Outcome.Gone() {
			gone = false
		}
	}
	if !gone || !n.Status.Waiting() {
		return false
	}
	n.History = append(n.History, NoticeEvent{At: now, By: by, From: n.Status, To: casework.NoticeRemoved,
		Note: "复查确认全部链接已删除"})
	n.Status, n.ClosedAt = casework.NoticeRemoved, now
	return true
}

// Relisted looks for another case first seen at or after since that
// shares a personal contact (the same kind and decoded value: the contact
// index, see CaseContact) or the content key with the given one: the same
// seller or text appearing elsewhere after a takedown. It returns the
// newest such case's id, or 0.
func (s *Store) Relisted(caseID uint64, contacts []CaseContact, contentKey string, since time.Time) (uint64, error) {
	var found uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		cases := tx.Bucket(bucketCases)
		for _, ct := range contacts {
			ids := casesWith(tx, ct, 0)
			for i := len(ids) - 1; i >= 0 && ids[i] > found; i-- {
				id := ids[i]
				if id == caseID {
					continue
				}
				var cr caseRecord
				ok, err := getJSON(cases, u64(id), &cr)
				if err != nil {
					return fmt.Errorf("case %d: %w", id, err)
				}
				if ok && !cr.FirstSeen.Before(since) {
					found = id
					break
				}
			}
		}
		if contentKey == "" {
			return nil
		}
		// A newer case with the same text: walk back from the newest
		// case to the one the contacts found.
		c := cases.Cursor()
		for k, v := c.Last(); k != nil && binaryID(k) > found; k, v = c.Prev() {
			var cr caseRecord
			if err := json.Unmarshal(v, &cr); err != nil {
				return fmt.Errorf("decode case %d: %w", binaryID(k), err)
			}
			if cr.ID != caseID && !cr.FirstSeen.Before(since) && cr.ContentKey == contentKey {
				found = cr.ID
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: relisted for case %d: %w", caseID, err)
	}
	return found, nil
}

// CaseContentKey is the content key of a case's latest snapshot.
func (s *Store) CaseContentKey(caseID uint64) (string, error) {
	var cr caseRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketCases), u64(caseID), &cr)
		if err == nil && !ok {
			err = fmt.Errorf("case %d: %w", caseID, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	return cr.ContentKey, nil
}

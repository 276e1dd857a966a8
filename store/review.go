package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// More sentinel errors for review.
var (
	// ErrConflict: the case or notice is not in a state that allows the
	// change (someone else decided first, or the action does not apply).
	ErrConflict = errors.New("conflict")
	// ErrSecondPerson: a referral must be approved by someone other than
	// the person who confirmed it.
	ErrSecondPerson = errors.New("needs a second person")
	// ErrInvalid: the request itself is malformed (unknown route or reason).
	ErrInvalid = errors.New("invalid")
	// ErrNumberTaken: another notice of the route holds the number an
	// approval gives (numbers are unique per route). It wraps ErrConflict.
	ErrNumberTaken = fmt.Errorf("%w: the number is taken", ErrConflict)
)

// Decision is one reviewer action on a case, kept forever.
type Decision struct {
	CaseID    uint64                 `json:"case_id"`
	Seq       uint64                 `json:"seq"`
	Action    casework.Action        `json:"action"`
	Route     casework.Route         `json:"route,omitempty"`     // confirm
	Recipient string                 `json:"recipient,omitempty"` // confirm/approve: who the notice goes to
	Reason    casework.DismissReason `json:"reason,omitempty"`    // dismiss
	Note      string                 `json:"note,omitempty"`
	By        string                 `json:"by"`
	At        time.Time              `json:"at"`
	From      casework.CaseStatus    `json:"from"`
	To        casework.CaseStatus    `json:"to"`
	NoticeID  uint64                 `json:"notice_id,omitempty"` // the draft notice the case joined
	// Allow, when set, is the caller's permission check on the case
	// itself (whose confirmation it is, whether a referral waits for an
	// approver). Decide calls it inside its transaction with the case as
	// it is then, so a change made by someone else between the caller's
	// read and the decision cannot slip past it; its error refuses the
	// decision and is returned wrapped.
	Allow func(*Case) error `json:"-"`
}

// Decide applies one decision to a case in one transaction: the case's new
// status, the decision record, the audit entry and, when the case becomes
// confirmed, its place in the draft notice for its route and recipient.
// It fails with ErrConflict when the case's status does not allow the
// action, ErrSecondPerson when the confirmer approves their own referral
// and ErrInvalid for an unknown route or reason.
func (s *Store) Decide(d Decision) (*Case, *Decision, error) {
	if d.By == "" {
		return nil, nil, fmt.Errorf("store: decide case %d: %w: no actor", d.CaseID, ErrInvalid)
	}
	now := s.now()
	d.At = now
	var c caseRecord
	err := s.update(func(tx *bolt.Tx) error {
		cases := tx.Bucket(bucketCases)
		ok, err := getJSON(cases, u64(d.CaseID), &c)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("case %d: %w", d.CaseID, ErrNotFound)
		}
		d.From = c.Status
		if m, merged, err := mergeOf(tx, d.CaseID); err != nil {
			return err
		} else if merged {
			return ErrDecideMerged(d.CaseID, m.Primary)
		}
		if d.Allow != nil {
			if err := d.Allow(&c.Case); err != nil {
				return err
			}
		}
		if err := ApplyDecision(&c.Case, &d); err != nil {
			return err
		}
		d.To = c.Status
		if d.Action == casework.ActionWithdraw && c.NoticeID != 0 {
			if err := removeFromDraft(tx, now, c.NoticeID, c.ID, d.By); err != nil {
				return err
			}
			d.NoticeID, c.NoticeID = c.NoticeID, 0
		}
		if c.Status == casework.CaseConfirmed && (d.Action == casework.ActionConfirm || d.Action == casework.ActionApprove) {
			n, err := addToDraft(tx, now, &c.Case, d.Route, d.Recipient, d.By)
			if err != nil {
				return err
			}
			d.NoticeID, c.NoticeID = n.ID, n.ID
		}
		if err := putCase(tx, &c); err != nil {
			return err
		}
		b := tx.Bucket(bucketDecisions)
		b.FillPercent = 1.0
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		d.Seq = seq
		if err := putJSON(b, pairKey(c.ID, seq), &d); err != nil {
			return err
		}
		e := DecisionAudit(&d)
		return appendAudit(tx, now, &e)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: %s case %d: %w", d.Action, d.CaseID, err)
	}
	return &c.Case, &d, nil
}

// DecisionAudit is the audit entry of a decision made (From and To set):
// case.<action> on case:<id>, the move and what it chose in the detail.
func DecisionAudit(d *Decision) AuditEntry {
	detail := fmt.Sprintf("%s → %s", d.From, d.To)
	for _, kv := range [][2]string{{"route", string(d.Route)}, {"recipient", d.Recipient}, {"reason", string(d.Reason)}, {"note", d.Note}} {
		if kv[1] != "" {
			detail += "; " + kv[0] + "=" + kv[1]
		}
	}
	return AuditEntry{Actor: d.By, Action: "case." + string(d.Action), Object: fmt.Sprintf("case:%d", d.CaseID), Detail: detail}
}

// ApplyDecision applies d to c: the status the case state machine
// (casework.Next) gives, and what goes with it — the chosen route and
// recipient, the dismissal reason, who confirmed and who approved. It
// fails with ErrConflict when the status does not allow the action,
// ErrSecondPerson when the confirmer of a referral approves it and
// ErrInvalid for an unknown action, route or reason or a missing
// recipient or note. Every backend's Decide calls it on the case as it is
// inside its transaction.
func ApplyDecision(c *Case, d *Decision) error {
	if d.Action != casework.ActionDismiss {
		// Only a dismissal has a reason: a confirmation recorded with one
		// (a form's leftover field) would read as both in the audit log.
		d.Reason = ""
	}
	to, err := casework.Next(c.Status, d.Action, d.Route)
	switch {
	case errors.Is(err, casework.ErrNotAllowed):
		return fmt.Errorf("%w: case %d: %w", ErrConflict, c.ID, err)
	case err != nil:
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	switch d.Action {
	case casework.ActionConfirm:
		if d.Recipient == "" {
			return fmt.Errorf("%w: no recipient for the notice", ErrInvalid)
		}
		c.Route, c.Recipient, c.DismissReason = d.Route, d.Recipient, ""
		c.ConfirmedBy, c.ApprovedBy = d.By, ""
	case casework.ActionApprove:
		if d.By == c.ConfirmedBy {
			return fmt.Errorf("%w: %s confirmed this referral, so another approver must approve it", ErrSecondPerson, d.By)
		}
		d.Route = c.Route
		if d.Recipient == "" {
			d.Recipient = c.Recipient
		}
		c.Recipient = d.Recipient
		c.ApprovedBy = d.By
	case casework.ActionReject:
		c.Route, c.Recipient, c.ConfirmedBy = "", "", ""
	case casework.ActionDismiss:
		if !d.Reason.Known() {
			return fmt.Errorf("%w: unknown dismissal reason %q", ErrInvalid, d.Reason)
		}
		c.DismissReason, c.Route, c.Recipient = d.Reason, "", ""
	case casework.ActionReopen:
		c.DismissReason = ""
	case casework.ActionWithdraw:
		if d.Note == "" {
			return fmt.Errorf("%w: say why the confirmation is withdrawn", ErrInvalid)
		}
		c.Route, c.Recipient, c.ConfirmedBy, c.ApprovedBy = "", "", "", ""
	}
	c.Status = to
	c.DecidedBy, c.DecidedAt = d.By, d.At
	return nil
}

// Decisions lists a case's decisions, oldest first.
func (s *Store) Decisions(caseID uint64) ([]Decision, error) {
	var out []Decision
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDecisions).Cursor()
		prefix := u64(caseID)
		for k, v := c.Seek(prefix); k != nil && binary.BigEndian.Uint64(k[:8]) == caseID; k, v = c.Next() {
			var d Decision
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("decode decision %x: %w", k, err)
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: decisions of case %d: %w", caseID, err)
	}
	return out, nil
}

// SnapshotText is the page title and text the matcher read for a
// snapshot; the finding's match offsets point into them.
type SnapshotText struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// SnapshotText returns what the matcher read for a snapshot; ErrNotFound
// for snapshots recorded without it.
func (s *Store) SnapshotText(id uint64) (*SnapshotText, error) {
	var t SnapshotText
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketTexts), u64(id), &t)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: text of snapshot %d: %w", id, err)
	}
	return &t, nil
}

// WithdrawnEvent is the event of a draft notice a case left when its
// confirmation was withdrawn.
func WithdrawnEvent(now time.Time, by string, caseID uint64) NoticeEvent {
	return NoticeEvent{At: now, By: by, From: casework.NoticeDraft, To: casework.NoticeDraft,
		Note: fmt.Sprintf("案件 #%d 撤回确认，已从草稿中移除", caseID)}
}

// removeFromDraft takes a case out of its notice, which must still be a
// draft (a signed-off notice must be withdrawn to draft first); a draft
// left empty is deleted.
func removeFromDraft(tx *bolt.Tx, now time.Time, noticeID, caseID uint64, by string) error {
	notices := tx.Bucket(bucketNotices)
	var n Notice
	ok, err := getJSON(notices, u64(noticeID), &n)
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	if n.Status != casework.NoticeDraft {
		return fmt.Errorf("%w: notice %d is %s; withdraw it to draft before taking a case out", ErrConflict, n.ID, n.Status)
	}
	n.Items = slices.DeleteFunc(n.Items, func(it NoticeItem) bool { return it.CaseID == caseID })
	if len(n.Items) > 0 {
		n.History = append(n.History, WithdrawnEvent(now, by, caseID))
		return putNotice(tx, &n)
	}
	drafts := tx.Bucket(bucketNoticeDrafts)
	dk := draftKey(n.Route, n.Recipient)
	if cur := drafts.Get(dk); cur != nil && binaryID(cur) == n.ID {
		if err := drafts.Delete(dk); err != nil {
			return err
		}
	}
	return deleteNotice(tx, n.ID)
}

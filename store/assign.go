package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// Claims and comments: who is working on a case, and what reviewers
// wrote about it. The rules are here (ApplyClaimMove, CheckComment) and
// every backend calls them inside its transaction, as Decide calls
// ApplyDecision.
//
// A claim lapses by itself at its Until: nobody has to release a case a
// reviewer walked away from. Times that decide whether a claim is held
// are the caller's (ClaimMove.At, ClaimFilter.Now), so a server judges
// every claim by one clock.

// ClaimOp is a change to a case's claim (casework's vocabulary).
type ClaimOp = casework.ClaimOp

// Claim operations.
const (
	// ClaimTake: the actor claims the case, or renews a claim they hold;
	// refused (ErrConflict) while someone else holds it.
	ClaimTake = casework.ClaimTake
	// ClaimRelease: the holder gives the case back; refused (ErrConflict)
	// when the actor does not hold it.
	ClaimRelease = casework.ClaimRelease
	// ClaimReassign: an approver or admin gives the case to another
	// reviewer (who may act is the caller's check), whoever held it.
	ClaimReassign = casework.ClaimReassign
	// ClaimTakeover: the actor takes a case someone else holds, to
	// decide it; always recorded with who held it.
	ClaimTakeover = casework.ClaimTakeover
)

// Limits of claims and comments.
const (
	// MaxClaimList bounds Claims.
	MaxClaimList = 1000
	// MaxCommentRunes bounds one comment's text.
	MaxCommentRunes = 2000
	// MaxCommentsPerCase bounds the comments of one case: a case that
	// needs more is a discussion for elsewhere.
	MaxCommentsPerCase = 500
)

// Claim says who works on a case until when.
type Claim struct {
	CaseID uint64    `json:"case_id"`
	Holder string    `json:"holder"`
	Since  time.Time `json:"since"`
	Until  time.Time `json:"until"`
	// AssignedBy is who reassigned the case to Holder ("" when Holder
	// claimed it).
	AssignedBy string `json:"assigned_by,omitempty"`
}

// HeldAt reports whether the claim is in force at now (a nil claim never
// is).
func (c *Claim) HeldAt(now time.Time) bool { return c != nil && now.Before(c.Until) }

// ClaimMove is one change to a case's claim.
type ClaimMove struct {
	CaseID uint64
	Op     ClaimOp
	By     string    // who acts
	To     string    // reassign: the new holder
	At     time.Time // the caller's now: a claim whose Until is not after At has lapsed
	Until  time.Time // claim, takeover, reassign: when the new claim lapses
}

// ClaimFilter selects claims in force.
type ClaimFilter struct {
	Holder string    // "" for every holder
	Now    time.Time // claims in force at Now
	Limit  int       // <= 0 or over MaxClaimList: MaxClaimList
}

// ApplyClaimMove is the claim state machine: from the claim stored for the
// case (nil when none, or lapsed), the claim after m (nil when released)
// and the audit entry that records it. It fails with ErrInvalid for a
// malformed move and ErrConflict when someone else holds the case (claim)
// or the actor does not (release).
func ApplyClaimMove(cur *Claim, m *ClaimMove) (*Claim, AuditEntry, error) {
	var e AuditEntry
	switch {
	case m.CaseID == 0 || m.By == "":
		return nil, e, fmt.Errorf("%w: a claim change needs a case and an actor", ErrInvalid)
	case m.At.IsZero():
		return nil, e, fmt.Errorf("%w: a claim change needs its time", ErrInvalid)
	case m.Op != ClaimRelease && !m.Until.After(m.At):
		return nil, e, fmt.Errorf("%w: a claim must last beyond now", ErrInvalid)
	case m.Op == ClaimReassign && strings.TrimSpace(m.To) == "":
		return nil, e, fmt.Errorf("%w: reassign to whom", ErrInvalid)
	}
	held := cur.HeldAt(m.At)
	holder := ""
	if held {
		holder = cur.Holder
	}
	e = AuditEntry{Actor: m.By, Action: string(m.Op.AuditAction()), Object: fmt.Sprintf("case:%d", m.CaseID)}
	until := m.Until.UTC().Format(time.RFC3339)
	next := &Claim{CaseID: m.CaseID, Holder: m.By, Since: m.At, Until: m.Until}
	switch m.Op {
	case ClaimTake:
		if held && holder != m.By {
			return nil, e, fmt.Errorf("%w: case %d is claimed by %s until %s", ErrConflict, m.CaseID, holder, cur.Until.UTC().Format(time.RFC3339))
		}
		if held {
			next.Since = cur.Since // a renewal
		}
		e.Detail = "until=" + until
	case ClaimRelease:
		if holder != m.By {
			return nil, e, fmt.Errorf("%w: case %d is not claimed by %s", ErrConflict, m.CaseID, m.By)
		}
		return nil, e, nil
	case ClaimTakeover:
		e.Detail = fromPart(holder) + "until=" + until
	case ClaimReassign:
		next.Holder, next.AssignedBy = strings.TrimSpace(m.To), m.By
		e.Detail = fromPart(holder) + fmt.Sprintf("to=%s; until=%s", next.Holder, until)
	default:
		return nil, e, fmt.Errorf("%w: unknown claim change %q", ErrInvalid, m.Op)
	}
	return next, e, nil
}

// fromPart names who held a case before a takeover or reassignment, as
// the first part of the audit detail ("" when nobody did).
func fromPart(holder string) string {
	if holder == "" {
		return ""
	}
	return "from=" + holder + "; "
}

// Comment is a reviewer's note on a case, kept forever.
type Comment struct {
	ID     uint64    `json:"id"`
	CaseID uint64    `json:"case_id"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Text   string    `json:"text"`
}

// CheckComment trims c's text and checks it: an author, some text, at most
// MaxCommentRunes characters of valid UTF-8 without NUL (ErrInvalid).
func CheckComment(c *Comment) error {
	c.Text = strings.TrimSpace(c.Text)
	switch {
	case c.CaseID == 0 || c.By == "":
		return fmt.Errorf("%w: a comment needs a case and an author", ErrInvalid)
	case c.Text == "":
		return fmt.Errorf("%w: the comment is empty", ErrInvalid)
	case !utf8.ValidString(c.Text) || strings.ContainsRune(c.Text, 0):
		return fmt.Errorf("%w: the comment is not valid text", ErrInvalid)
	case utf8.RuneCountInString(c.Text) > MaxCommentRunes:
		return fmt.Errorf("%w: the comment is longer than %d characters", ErrInvalid, MaxCommentRunes)
	}
	return nil
}

// CommentAudit is the audit entry of a comment added: its id and the
// start of its text on one line (the comment itself is kept whole).
func CommentAudit(c *Comment) AuditEntry {
	text := strings.Join(strings.Fields(c.Text), " ")
	text = strings.ReplaceAll(text, "; ", "；")
	if r := []rune(text); len(r) > 80 {
		text = string(r[:80]) + "…"
	}
	return AuditEntry{Actor: c.By, Action: "case.comment", Object: fmt.Sprintf("case:%d", c.CaseID),
		Detail: fmt.Sprintf("comment=%d; text=%s", c.ID, text)}
}

var (
	bucketClaims   = []byte("claims")   // case id → Claim
	bucketComments = []byte("comments") // case id ‖ comment id → Comment
)

// writeBucket is a bucket of this file, created on first write (the
// buckets of claims and comments are not in allBuckets: a database from
// before them opens as it is).
func writeBucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	return tx.CreateBucketIfNotExists(name)
}

// MoveClaim applies one claim change (ApplyClaimMove) and writes its audit
// entry in the same transaction; the claim after it is returned (nil
// after a release). ErrNotFound for a case that does not exist.
func (s *Store) MoveClaim(m ClaimMove) (*Claim, error) {
	var next *Claim
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(m.CaseID)) == nil {
			return fmt.Errorf("case %d: %w", m.CaseID, ErrNotFound)
		}
		b, err := writeBucket(tx, bucketClaims)
		if err != nil {
			return err
		}
		var cur *Claim
		var c Claim
		if ok, err := getJSON(b, u64(m.CaseID), &c); err != nil {
			return err
		} else if ok {
			cur = &c
		}
		n, e, err := ApplyClaimMove(cur, &m)
		if err != nil {
			return err
		}
		if n == nil {
			err = b.Delete(u64(m.CaseID))
		} else {
			err = putJSON(b, u64(m.CaseID), n)
		}
		if err != nil {
			return err
		}
		next = n
		return appendAudit(tx, s.now(), &e)
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s case %d: %w", m.Op, m.CaseID, err)
	}
	return next, nil
}

// CaseClaim is the claim in force on a case at now; ErrNotFound when
// nobody holds it.
func (s *Store) CaseClaim(caseID uint64, now time.Time) (*Claim, error) {
	var c Claim
	ok := false
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketClaims)
		if b == nil {
			return nil
		}
		var err error
		ok, err = getJSON(b, u64(caseID), &c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim of case %d: %w", caseID, err)
	}
	if !ok || !c.HeldAt(now) {
		return nil, fmt.Errorf("store: claim of case %d: %w", caseID, ErrNotFound)
	}
	return &c, nil
}

// Claims lists the claims in force at f.Now, by case id, at most f.Limit
// (MaxClaimList).
func (s *Store) Claims(f ClaimFilter) ([]Claim, error) {
	limit := f.Limit
	if limit <= 0 || limit > MaxClaimList {
		limit = MaxClaimList
	}
	var out []Claim
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketClaims)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if len(out) >= limit {
				return nil
			}
			var c Claim
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("decode claim %x: %w", k, err)
			}
			if c.HeldAt(f.Now) && (f.Holder == "" || c.Holder == f.Holder) {
				out = append(out, c)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	return out, nil
}

// AddComment adds a comment to a case (CheckComment) with its audit entry;
// the comment is returned with its id and time. ErrNotFound for a case
// that does not exist, ErrInvalid past MaxCommentsPerCase.
func (s *Store) AddComment(c Comment) (*Comment, error) {
	if err := CheckComment(&c); err != nil {
		return nil, fmt.Errorf("store: comment on case %d: %w", c.CaseID, err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(c.CaseID)) == nil {
			return fmt.Errorf("case %d: %w", c.CaseID, ErrNotFound)
		}
		b, err := writeBucket(tx, bucketComments)
		if err != nil {
			return err
		}
		b.FillPercent = 1.0
		n := 0
		cur := b.Cursor()
		prefix := u64(c.CaseID)
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			n++
		}
		if n >= MaxCommentsPerCase {
			return fmt.Errorf("%w: case %d has %d comments, the most it may have", ErrInvalid, c.CaseID, n)
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		c.ID, c.At = seq, s.now()
		if err := putJSON(b, pairKey(c.CaseID, seq), &c); err != nil {
			return err
		}
		e := CommentAudit(&c)
		e.At = c.At
		return appendAudit(tx, c.At, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("store: comment on case %d: %w", c.CaseID, err)
	}
	return &c, nil
}

// Comments lists a case's comments, oldest first (at most
// MaxCommentsPerCase).
func (s *Store) Comments(caseID uint64) ([]Comment, error) {
	var out []Comment
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketComments)
		if b == nil {
			return nil
		}
		cur := b.Cursor()
		for k, v := cur.Seek(u64(caseID)); k != nil && binary.BigEndian.Uint64(k[:8]) == caseID; k, v = cur.Next() {
			var c Comment
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("decode comment %x: %w", k, err)
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: comments of case %d: %w", caseID, err)
	}
	return out, nil
}

// EachClaim calls fn with every stored claim, lapsed ones included, by
// case id (for moving a database to another backend).
func (s *Store) EachClaim(fn func(Claim) error) error {
	return s.eachJSON(bucketClaims, func(k, v []byte) error {
		var c Claim
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("decode claim %x: %w", k, err)
		}
		return fn(c)
	})
}

// EachComment calls fn with every comment, by case and then id.
func (s *Store) EachComment(fn func(Comment) error) error {
	return s.eachJSON(bucketComments, func(k, v []byte) error {
		var c Comment
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("decode comment %x: %w", k, err)
		}
		return fn(c)
	})
}

// eachJSON runs fn over a bucket of this file (none: nothing to do).
func (s *Store) eachJSON(name []byte, fn func(k, v []byte) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(name)
		if b == nil {
			return nil
		}
		return b.ForEach(fn)
	})
	if err != nil {
		return fmt.Errorf("store: read %s: %w", name, err)
	}
	return nil
}

package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// AuditEntry is one line of the audit log. Entries are numbered from 1
// without gaps; each carries the hash of the one before (Prev, empty for
// the first) and its own hash over its fields and Prev, so an edited,
// removed or reordered entry breaks the chain.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`  // user name, or "system", or "cli:<user>"
	Action string    `json:"action"` // e.g. login, login.failed, case.confirm, notice.sent, evidence.export, user.add
	Object string    `json:"object,omitempty"`
	Detail string    `json:"detail,omitempty"`
	Prev   string    `json:"prev"`
	Hash   string    `json:"hash"`
}

// auditHash is the hex SHA-256 of the entry's fields and Prev, each on its
// own line with lengths, so no field can bleed into the next.
func auditHash(e *AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{
		"certwatch-audit-v1",
		strconv.FormatUint(e.Seq, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		e.Actor, e.Action, e.Object, e.Detail, e.Prev,
	} {
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditHash is the hash an entry must carry (see AuditEntry): every
// backend computes it the same way, so a log moved between backends still
// verifies.
func AuditHash(e AuditEntry) string { return auditHash(&e) }

var keyAuditHead = []byte("audit_head")

// appendAudit adds e to the log inside tx: it sets Seq, At (when zero),
// Prev and Hash, and moves the head recorded in meta.
//
// When the entry before is missing (someone removed it from the file),
// appending fails: the log stays broken in plain view, for `certwatch
// audit verify` to report, rather than being papered over by new entries.
func appendAudit(tx *bolt.Tx, now time.Time, e *AuditEntry) error {
	if e.Actor == "" || e.Action == "" {
		return fmt.Errorf("%w: an audit entry needs an actor and an action", ErrInvalid)
	}
	b := tx.Bucket(bucketAudit)
	b.FillPercent = 1.0 // append-only
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.Seq = seq
	if e.At.IsZero() {
		e.At = now
	}
	e.At = e.At.UTC()
	e.Prev = ""
	if seq > 1 {
		var prev AuditEntry
		ok, err := getJSON(b, u64(seq-1), &prev)
		if err != nil {
			return fmt.Errorf("audit entry %d: %w", seq-1, err)
		}
		if !ok {
			return fmt.Errorf("audit entry %d is missing: the log has been tampered with", seq-1)
		}
		e.Prev = prev.Hash
	}
	e.Hash = auditHash(e)
	if err := putJSON(b, u64(seq), e); err != nil {
		return err
	}
	head := append(u64(seq), e.Hash...)
	return tx.Bucket(bucketMeta).Put(keyAuditHead, head)
}

// Audit appends an entry that does not go with another change (a login,
// an export). Changes to cases, notices and accounts write their entry in
// the same transaction as the change.
func (s *Store) Audit(e AuditEntry) (AuditEntry, error) {
	err := s.update(func(tx *bolt.Tx) error { return appendAudit(tx, s.now(), &e) })
	if err != nil {
		return e, fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	return e, nil
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Actor, ActionPrefix, Object string
	Before                      uint64 // only entries with Seq < Before (0: from the newest)
	Limit                       int    // <= 0: all
	// Since and Until bound the entries' time, [Since, Until); zero
	// leaves that side open.
	Since, Until time.Time
}

// inTime reports whether an entry at t lies in f's [Since, Until).
func (f AuditFilter) inTime(t time.Time) bool {
	return (f.Since.IsZero() || !t.Before(f.Since)) && (f.Until.IsZero() || t.Before(f.Until))
}

// AuditEntries lists entries newest first.
func (s *Store) AuditEntries(f AuditFilter) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		var k, v []byte
		if f.Before > 0 {
			if k, v = c.Seek(u64(f.Before)); k == nil {
				k, v = c.Last()
			} else {
				k, v = c.Prev()
			}
		} else {
			k, v = c.Last()
		}
		for ; k != nil; k, v = c.Prev() {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode audit entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if (f.Actor == "" || e.Actor == f.Actor) && strings.HasPrefix(e.Action, f.ActionPrefix) &&
				(f.Object == "" || e.Object == f.Object) && f.inTime(e.At) {
				out = append(out, e)
				if f.Limit > 0 && len(out) >= f.Limit {
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit entries: %w", err)
	}
	return out, nil
}

// AuditReport is what VerifyAudit found.
type AuditReport struct {
	Entries  int
	HeadSeq  uint64
	HeadHash string   // the last entry's hash: write it down elsewhere to catch a cut tail
	Problems []string // empty when the chain holds
}

// OK reports whether the chain holds.
func (r *AuditReport) OK() bool { return len(r.Problems) == 0 }

// VerifyAudit walks the whole log and reports every break: an entry that
// does not decode, a gap in the numbering, a Prev that is not the hash of
// the entry before, a Hash that does not match the entry's fields, and a
// head in meta that is not the last entry (a removed tail).
func (s *Store) VerifyAudit() (*AuditReport, error) {
	r := &AuditReport{}
	err := s.db.View(func(tx *bolt.Tx) error {
		var want uint64 = 1
		prev := ""
		err := tx.Bucket(bucketAudit).ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				r.Problems = append(r.Problems, fmt.Sprintf("key %x is not an entry number", k))
				return nil
			}
			seq := binary.BigEndian.Uint64(k)
			r.Entries++
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				r.Problems = append(r.Problems, fmt.Sprintf("entry %d does not decode: %v", seq, err))
				prev = ""
				want = seq + 1
				return nil
			}
			switch {
			case seq == want+1:
				r.Problems = append(r.Problems, fmt.Sprintf("entry %d is missing", want))
			case seq > want:
				r.Problems = append(r.Problems, fmt.Sprintf("entries %d–%d are missing", want, seq-1))
			}
			if e.Seq != seq {
				r.Problems = append(r.Problems, fmt.Sprintf("entry %d says it is entry %d", seq, e.Seq))
			}
			if seq == want && e.Prev != prev {
				r.Problems = append(r.Problems, fmt.Sprintf("entry %d does not follow entry %d (prev hash %.12s…, entry %d hashes to %.12s…)", seq, seq-1, e.Prev, seq-1, prev))
			}
			if h := auditHash(&e); h != e.Hash {
				r.Problems = append(r.Problems, fmt.Sprintf("entry %d was changed after it was written (%s %s by %s at %s)", seq, e.Action, e.Object, e.Actor, e.At.Format(time.RFC3339)))
			}
			prev, want = e.Hash, seq+1
			r.HeadSeq, r.HeadHash = seq, e.Hash
			return nil
		})
		if err != nil {
			return err
		}
		head := tx.Bucket(bucketMeta).Get(keyAuditHead)
		switch {
		case head == nil && r.Entries > 0:
			r.Problems = append(r.Problems, "the log's head record is missing")
		case head != nil && len(head) < 8:
			r.Problems = append(r.Problems, "the log's head record is malformed")
		case head != nil:
			seq, hash := binary.BigEndian.Uint64(head[:8]), string(head[8:])
			if seq != r.HeadSeq || hash != r.HeadHash {
				r.Problems = append(r.Problems, fmt.Sprintf("the log ends at entry %d but its head record says entry %d (%.12s…): entries were removed from the end or the head was edited", r.HeadSeq, seq, hash))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: verify audit log: %w", err)
	}
	return r, nil
}

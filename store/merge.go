package store

import (
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// Merging duplicates: a reviewer merges cases that are the same offer
// (the same seller's page reposted, one listing under two URLs) into one
// primary case. A merged case keeps its sightings and snapshots (the
// primary's page lists them) but leaves the queue and cannot be decided on
// its own: decisions are taken on the primary. Unmerging puts it back as it
// was. One level only: a primary cannot itself be merged, and a merged case
// cannot be a primary (no chains), so "which case decides" is always one
// read away.
//
// Two buckets, made by the first merge (reads treat a missing bucket as no
// merges):
//
//	case_merges     merged case id (8 bytes)          → MergedCase
//	merge_primaries primary id (8) ‖ merged id (8)    → empty
var (
	bucketCaseMerges     = []byte("case_merges")
	bucketMergePrimaries = []byte("merge_primaries")
)

// Bounds of merging: cases merged at once, and into one primary in all.
const (
	MaxMergeCases  = 50
	MaxMergedCases = 200
)

// Merge asks for Cases to be merged into Primary.
type Merge struct {
	Primary uint64
	Cases   []uint64
	By      string
	Note    string
}

// MergedCase is a case merged into another.
type MergedCase struct {
	CaseID  uint64    `json:"case_id"`
	Primary uint64    `json:"primary"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
	Note    string    `json:"note,omitempty"`
}

// Check checks what a merge asks for on its own, before any case is read:
// an actor, one to MaxMergeCases cases, none twice, none the primary
// itself (ErrInvalid).
func (m *Merge) Check() error {
	switch {
	case m.By == "":
		return fmt.Errorf("%w: no actor", ErrInvalid)
	case m.Primary == 0:
		return fmt.Errorf("%w: no primary case", ErrInvalid)
	case len(m.Cases) == 0:
		return fmt.Errorf("%w: no case to merge", ErrInvalid)
	case len(m.Cases) > MaxMergeCases:
		return fmt.Errorf("%w: %d cases to merge at once, at most %d", ErrInvalid, len(m.Cases), MaxMergeCases)
	case len([]rune(m.Note)) > 2000:
		return fmt.Errorf("%w: note longer than 2000 characters", ErrInvalid)
	}
	seen := map[uint64]bool{}
	for _, id := range m.Cases {
		switch {
		case id == 0:
			return fmt.Errorf("%w: case id 0", ErrInvalid)
		case id == m.Primary:
			return fmt.Errorf("%w: case %d cannot be merged into itself", ErrInvalid, id)
		case seen[id]:
			return fmt.Errorf("%w: case %d listed twice", ErrInvalid, id)
		}
		seen[id] = true
	}
	return nil
}

// CheckMergeInto checks one case against the state of the merge inside a
// backend's transaction: the primary is not merged itself, the case is not
// merged already, has no cases merged into it (no chains), and is still
// open (a decided case stays where its decision is). ErrConflict
// otherwise.
func CheckMergeInto(primaryMergedInto uint64, c *Case, caseMergedInto uint64, caseHasMerged bool) error {
	switch {
	case primaryMergedInto != 0:
		return fmt.Errorf("%w: the primary is itself merged into case %d", ErrConflict, primaryMergedInto)
	case caseMergedInto != 0:
		return fmt.Errorf("%w: case %d is already merged into case %d", ErrConflict, c.ID, caseMergedInto)
	case caseHasMerged:
		return fmt.Errorf("%w: case %d has cases merged into it; unmerge them first", ErrConflict, c.ID)
	case c.Status != casework.CaseOpen:
		return fmt.Errorf("%w: case %d is %s, only pending cases are merged", ErrConflict, c.ID, c.Status)
	}
	return nil
}

// ErrDecideMerged is the refusal every backend's Decide gives for a merged
// case (ErrConflict): decisions are taken on the primary.
func ErrDecideMerged(caseID, primary uint64) error {
	return fmt.Errorf("%w: case %d is merged into case %d: decide on that case", ErrConflict, caseID, primary)
}

// MergeAudit is the audit entry of one case merged: case.merge on
// case:<merged id>, "merged into case <primary>[; note=…]".
func MergeAudit(m MergedCase) AuditEntry {
	return AuditEntry{Actor: m.By, Action: "case.merge", Object: fmt.Sprintf("case:%d", m.CaseID),
		Detail: mergeDetail("merged into", m.Primary, m.Note), At: m.At}
}

// UnmergeAudit is the audit entry of one case unmerged: case.unmerge on
// case:<merged id>, "unmerged from case <primary>[; note=…]".
func UnmergeAudit(m MergedCase, by, note string, at time.Time) AuditEntry {
	return AuditEntry{Actor: by, Action: "case.unmerge", Object: fmt.Sprintf("case:%d", m.CaseID),
		Detail: mergeDetail("unmerged from", m.Primary, note), At: at}
}

func mergeDetail(dir string, primary uint64, note string) string {
	d := fmt.Sprintf("%s case %d", dir, primary)
	if note = strings.TrimSpace(note); note != "" {
		d += "; note=" + note
	}
	return d
}

// mergeOf is the merge of caseID inside tx, or ok false.
func mergeOf(tx *bolt.Tx, caseID uint64) (MergedCase, bool, error) {
	var m MergedCase
	b := tx.Bucket(bucketCaseMerges)
	if b == nil {
		return m, false, nil
	}
	ok, err := getJSON(b, u64(caseID), &m)
	return m, ok, err
}

// mergedInto lists the ids merged into primary inside tx, ascending.
func mergedInto(tx *bolt.Tx, primary uint64) []uint64 {
	b := tx.Bucket(bucketMergePrimaries)
	if b == nil {
		return nil
	}
	var ids []uint64
	prefix := u64(primary)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && len(k) == 16 && binary.BigEndian.Uint64(k[:8]) == primary; k, _ = c.Next() {
		ids = append(ids, binary.BigEndian.Uint64(k[8:]))
	}
	return ids
}

// Merge merges m.Cases into m.Primary in one transaction, with one audit
// entry (case.merge) per merged case. It fails with ErrInvalid for a
// malformed request (Merge.Check, or more than MaxMergedCases merged into
// one primary), ErrNotFound for a missing case and ErrConflict for a
// chain, a case merged already or one that is no longer pending; nothing
// is merged then.
func (s *Store) Merge(m Merge) ([]MergedCase, error) {
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("store: merge into case %d: %w", m.Primary, err)
	}
	now := s.now().UTC()
	var out []MergedCase
	err := s.update(func(tx *bolt.Tx) error {
		out = out[:0]
		cases := tx.Bucket(bucketCases)
		var primary caseRecord
		if ok, err := getJSON(cases, u64(m.Primary), &primary); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("case %d: %w", m.Primary, ErrNotFound)
		}
		pm, _, err := mergeOf(tx, m.Primary)
		if err != nil {
			return err
		}
		if n := len(mergedInto(tx, m.Primary)) + len(m.Cases); n > MaxMergedCases {
			return fmt.Errorf("%w: %d cases merged into one, at most %d", ErrInvalid, n, MaxMergedCases)
		}
		byCase, err := tx.CreateBucketIfNotExists(bucketCaseMerges)
		if err != nil {
			return err
		}
		byPrimary, err := tx.CreateBucketIfNotExists(bucketMergePrimaries)
		if err != nil {
			return err
		}
		for _, id := range m.Cases {
			var c caseRecord
			if ok, err := getJSON(cases, u64(id), &c); err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("case %d: %w", id, ErrNotFound)
			}
			cm, _, err := mergeOf(tx, id)
			if err != nil {
				return err
			}
			if err := CheckMergeInto(pm.Primary, &c.Case, cm.Primary, len(mergedInto(tx, id)) > 0); err != nil {
				return err
			}
			mc := MergedCase{CaseID: id, Primary: m.Primary, By: m.By, At: now, Note: strings.TrimSpace(m.Note)}
			if err := putJSON(byCase, u64(id), &mc); err != nil {
				return err
			}
			if err := byPrimary.Put(pairKey(m.Primary, id), []byte{}); err != nil {
				return err
			}
			e := MergeAudit(mc)
			if err := appendAudit(tx, now, &e); err != nil {
				return err
			}
			out = append(out, mc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: merge into case %d: %w", m.Primary, err)
	}
	return out, nil
}

// Unmerge takes caseID out of the case it was merged into, with an audit
// entry (case.unmerge); ErrConflict when it is not merged, ErrNotFound
// when there is no such case.
func (s *Store) Unmerge(caseID uint64, by, note string) (*MergedCase, error) {
	if by == "" {
		return nil, fmt.Errorf("store: unmerge case %d: %w: no actor", caseID, ErrInvalid)
	}
	if len([]rune(note)) > 2000 {
		return nil, fmt.Errorf("store: unmerge case %d: %w: note longer than 2000 characters", caseID, ErrInvalid)
	}
	now := s.now().UTC()
	var m MergedCase
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(caseID)) == nil {
			return fmt.Errorf("case %d: %w", caseID, ErrNotFound)
		}
		var ok bool
		var err error
		if m, ok, err = mergeOf(tx, caseID); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: case %d is not merged", ErrConflict, caseID)
		}
		if err := tx.Bucket(bucketCaseMerges).Delete(u64(caseID)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMergePrimaries).Delete(pairKey(m.Primary, caseID)); err != nil {
			return err
		}
		e := UnmergeAudit(m, by, note, now)
		return appendAudit(tx, now, &e)
	})
	if err != nil {
		return nil, fmt.Errorf("store: unmerge case %d: %w", caseID, err)
	}
	return &m, nil
}

// MergeOf returns the merge of caseID; ErrNotFound when it is not merged.
func (s *Store) MergeOf(caseID uint64) (*MergedCase, error) {
	var m MergedCase
	err := s.db.View(func(tx *bolt.Tx) error {
		var ok bool
		var err error
		m, ok, err = mergeOf(tx, caseID)
		if err == nil && !ok {
			err = fmt.Errorf("case %d is not merged: %w", caseID, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: merge of case %d: %w", caseID, err)
	}
	return &m, nil
}

// MergedCases lists the cases merged into primary, by id.
func (s *Store) MergedCases(primary uint64) ([]MergedCase, error) {
	var out []MergedCase
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, id := range mergedInto(tx, primary) {
			m, ok, err := mergeOf(tx, id)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, m)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: cases merged into case %d: %w", primary, err)
	}
	return out, nil
}

// MergedIDs maps every merged case to its primary: the cases the queue
// hides. The keys are read without decoding a case.
func (s *Store) MergedIDs() (map[uint64]uint64, error) {
	out := map[uint64]uint64{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMergePrimaries)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			if len(k) == 16 {
				out[binary.BigEndian.Uint64(k[8:])] = binary.BigEndian.Uint64(k[:8])
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: merged cases: %w", err)
	}
	return out, nil
}

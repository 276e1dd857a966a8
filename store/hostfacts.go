package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Host facts (issue 14, part 3): what was collected about the host that
// served a case's page — addresses, reverse DNS, TLS certificate and its
// CT entries, response headers, WHOIS, hosting provider (package
// evidence/hostfacts encodes them) — kept beside the case's evidence for
// a police referral. Like a body or a screenshot, the bytes are kept as
// encoded with their SHA-256, checked on every read and export: a record
// changed in the database no longer matches its hash.

// Host facts bounds.
const (
	// MaxHostFactsBytes bounds one record's encoded facts.
	MaxHostFactsBytes = 512 << 10
	// MaxHostFactsPerCase bounds the records kept for one case; more are
	// refused (ErrInvalid).
	MaxHostFactsPerCase = 50
)

// HostFacts is one collection of facts about a case's host.
type HostFacts struct {
	ID     uint64 `json:"id"`
	CaseID uint64 `json:"case_id"`
	// SnapshotID is the case's snapshot the facts go with (0 when none).
	SnapshotID  uint64    `json:"snapshot_id,omitempty"`
	URL         string    `json:"url"`
	CollectedAt time.Time `json:"collected_at"`
	// By is who collected them: "sweep" or a user's name.
	By string `json:"by"`
	// SHA256 is the hex SHA-256 of Data, computed by the store.
	SHA256 string          `json:"sha256"`
	Data   json.RawMessage `json:"data"`
}

// CheckHostFacts validates a record before it is added and fills in its
// SHA-256; both backends call it.
func CheckHostFacts(h *HostFacts) error {
	switch {
	case h.CaseID == 0:
		return fmt.Errorf("%w: host facts without a case", ErrInvalid)
	case len(h.Data) == 0:
		return fmt.Errorf("%w: host facts without data", ErrInvalid)
	case len(h.Data) > MaxHostFactsBytes:
		return fmt.Errorf("%w: host facts of %d bytes, more than %d", ErrInvalid, len(h.Data), MaxHostFactsBytes)
	case !json.Valid(h.Data):
		return fmt.Errorf("%w: host facts are not JSON", ErrInvalid)
	case h.CollectedAt.IsZero():
		return fmt.Errorf("%w: host facts without a collection time", ErrInvalid)
	case h.By == "":
		return fmt.Errorf("%w: host facts without a collector", ErrInvalid)
	case len(h.URL) > 4096:
		return fmt.Errorf("%w: URL too long", ErrInvalid)
	}
	sum := sha256.Sum256(h.Data)
	h.SHA256 = hex.EncodeToString(sum[:])
	h.CollectedAt = h.CollectedAt.UTC().Truncate(time.Microsecond) // as PostgreSQL keeps it
	return nil
}

// VerifyHostFacts checks a record read back against its stored hash.
func VerifyHostFacts(h *HostFacts) error {
	if err := verifyHash(h.Data, h.SHA256); err != nil {
		return fmt.Errorf("host facts %d of case %d: %w", h.ID, h.CaseID, err)
	}
	return nil
}

// bucketHostFacts: case id ‖ record id → HostFacts. Created on first
// write: a database from before it opens as it is.
var bucketHostFacts = []byte("host_facts")

// hostFactsRecord is a HostFacts as bbolt keeps it: Data as base64, so
// the bytes are kept exactly (encoding/json would compact and escape a
// RawMessage, and the hash would no longer match).
type hostFactsRecord struct {
	HostFacts
	Data []byte `json:"data"`
}

// AddHostFacts keeps one collection of host facts for a case (see
// CheckHostFacts); the record is returned with its id and hash.
// ErrNotFound for a case that does not exist, ErrInvalid for a bad record
// or past MaxHostFactsPerCase.
func (s *Store) AddHostFacts(h HostFacts) (*HostFacts, error) {
	if err := CheckHostFacts(&h); err != nil {
		return nil, fmt.Errorf("store: host facts of case %d: %w", h.CaseID, err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(h.CaseID)) == nil {
			return fmt.Errorf("case %d: %w", h.CaseID, ErrNotFound)
		}
		b, err := writeBucket(tx, bucketHostFacts)
		if err != nil {
			return err
		}
		n := 0
		c := b.Cursor()
		for k, _ := c.Seek(u64(h.CaseID)); k != nil && bytes.HasPrefix(k, u64(h.CaseID)); k, _ = c.Next() {
			n++
		}
		if n >= MaxHostFactsPerCase {
			return fmt.Errorf("%w: case %d has %d host facts records, the most it may have", ErrInvalid, h.CaseID, n)
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		h.ID = seq
		key := make([]byte, 16)
		binary.BigEndian.PutUint64(key, h.CaseID)
		binary.BigEndian.PutUint64(key[8:], h.ID)
		return putJSON(b, key, &hostFactsRecord{HostFacts: h, Data: h.Data})
	})
	if err != nil {
		return nil, fmt.Errorf("store: host facts of case %d: %w", h.CaseID, err)
	}
	return &h, nil
}

// HostFacts lists the host facts of a case, oldest first, each checked
// against its hash. ErrNotFound for a case that does not exist.
func (s *Store) HostFacts(caseID uint64) ([]HostFacts, error) {
	var out []HostFacts
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(caseID)) == nil {
			return fmt.Errorf("case %d: %w", caseID, ErrNotFound)
		}
		b := tx.Bucket(bucketHostFacts)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(u64(caseID)); k != nil && bytes.HasPrefix(k, u64(caseID)); k, v = c.Next() {
			var r hostFactsRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode host facts %x: %w", k, err)
			}
			h := r.HostFacts
			h.Data = r.Data
			if err := VerifyHostFacts(&h); err != nil {
				return err
			}
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: host facts of case %d: %w", caseID, err)
	}
	return out, nil
}

// ManifestHostFacts is one host facts record in an evidence export.
type ManifestHostFacts struct {
	ID          uint64    `json:"id"`
	SnapshotID  uint64    `json:"snapshot_id,omitempty"`
	URL         string    `json:"url"`
	CollectedAt time.Time `json:"collected_at"`
	By          string    `json:"by"`
	SHA256      string    `json:"sha256"`
	File        string    `json:"file"`
}

// HostFactsSource is an EvidenceSource that also keeps host facts: its
// exports carry them (a backend without them exports none).
type HostFactsSource interface {
	HostFacts(caseID uint64) ([]HostFacts, error)
}

// writeHostFacts writes each host facts record of the case as
// hostfacts-<id>.json, the bytes as kept (checked against their hash on
// reading), and lists them in the manifest.
func writeHostFacts(s EvidenceSource, caseID uint64, dir string, m *Manifest) error {
	hs, ok := s.(HostFactsSource)
	if !ok {
		return nil
	}
	recs, err := hs.HostFacts(caseID)
	if err != nil {
		return err
	}
	for _, h := range recs {
		name := fmt.Sprintf("hostfacts-%d.json", h.ID)
		f, err := writeFile(dir, name, h.Data)
		if err != nil {
			return err
		}
		m.Files = append(m.Files, f)
		m.HostFacts = append(m.HostFacts, ManifestHostFacts{ID: h.ID, SnapshotID: h.SnapshotID, URL: h.URL,
			CollectedAt: h.CollectedAt, By: h.By, SHA256: h.SHA256, File: name})
	}
	return nil
}

// EachHostFacts runs fn over every host facts record, by case then id,
// each checked against its hash (an import into another backend).
func (s *Store) EachHostFacts(fn func(HostFacts) error) error {
	return s.eachJSON(bucketHostFacts, func(k, v []byte) error {
		var r hostFactsRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode host facts %x: %w", k, err)
		}
		h := r.HostFacts
		h.Data = r.Data
		if err := VerifyHostFacts(&h); err != nil {
			return err
		}
		return fn(h)
	})
}

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

// Activation is one entry of an activation history (rule packs, learned
// models): a file that an analyst made the one sweeps and the server use,
// or, with Deactivated, the return to the configured or embedded one.
// Activation is a recorded action: who, when, which bytes, and an audit
// entry written in the same transaction.
type Activation struct {
	Seq uint64 `json:"seq"`
	// File is where the file was activated from, for people; the bytes
	// are kept, so the file may change or vanish afterwards.
	File string `json:"file,omitempty"`
	// Version is the version as the caller computed it (rules'
	// Pack.Version, rank's Model.Version: name@…+hash), the string
	// findings record.
	Version string `json:"version,omitempty"`
	// SHA256 is the hex SHA-256 of Content, computed by the store.
	SHA256 string    `json:"sha256,omitempty"`
	Size   int       `json:"size"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// Deactivated marks the entry that ended the previous activation:
	// from then on nothing is active (Active…: ErrNotFound).
	Deactivated bool `json:"deactivated,omitempty"`
	// Content is the file's bytes. Active… fills it in; …History leaves
	// it nil (see …Content).
	Content []byte `json:"-"`
}

// history names one activation history: what it holds (for messages), its
// two buckets (entries, contents by the entry's seq) and its audit
// actions (ACTION.activate, ACTION.deactivate on object "OBJECT:version").
type history struct {
	what             string // "pack", "model"
	entries, content []byte
	action, object   string
}

var (
	packHistory  = history{what: "pack", entries: bucketPacks, content: bucketPackContents, action: "rules", object: "pack"}
	modelHistory = history{what: "model", entries: bucketModels, content: bucketModelContents, action: "model", object: "model"}
)

// activate records content (read from file) as the active one. The store
// does not parse it: the caller checks that it loads and passes its
// version. Activating what is already active (same bytes) fails with
// ErrConflict, so the history holds only changes.
func (s *Store) activate(h history, actor, file string, content []byte, version string) error {
	switch {
	case actor == "":
		return fmt.Errorf("store: activate %s %s: %w: no actor", h.what, version, ErrInvalid)
	case len(content) == 0:
		return fmt.Errorf("store: activate %s %s: %w: empty %s file", h.what, version, ErrInvalid, h.what)
	case version == "":
		return fmt.Errorf("store: activate %s from %s: %w: no version", h.what, file, ErrInvalid)
	}
	sum := sha256.Sum256(content)
	a := Activation{File: file, Version: version, SHA256: hex.EncodeToString(sum[:]), Size: len(content), By: actor}
	err := s.update(func(tx *bolt.Tx) error {
		prev, err := h.last(tx)
		if err != nil {
			return err
		}
		if prev != nil && !prev.Deactivated && prev.SHA256 == a.SHA256 {
			return fmt.Errorf("%w: this %s is already active (activated by %s at %s)", ErrConflict, h.what, prev.By, prev.At.Format(time.RFC3339))
		}
		detail := fmt.Sprintf("file=%s; sha256=%s; size=%d", file, a.SHA256, len(content))
		if prev != nil && !prev.Deactivated {
			detail += "; previous=" + prev.Version
		}
		return h.put(tx, s.now(), &a, content, &AuditEntry{Actor: actor, Action: h.action + ".activate",
			Object: h.object + ":" + version, Detail: detail})
	})
	if err != nil {
		return fmt.Errorf("store: activate %s %s: %w", h.what, version, err)
	}
	return nil
}

// deactivate ends the current activation; ErrNotFound when nothing is
// active. The entry is kept in the history with its audit entry.
func (s *Store) deactivate(h history, actor string) error {
	if actor == "" {
		return fmt.Errorf("store: deactivate %s: %w: no actor", h.what, ErrInvalid)
	}
	err := s.update(func(tx *bolt.Tx) error {
		prev, err := h.last(tx)
		if err != nil {
			return err
		}
		if prev == nil || prev.Deactivated {
			return fmt.Errorf("no %s is active: %w", h.what, ErrNotFound)
		}
		a := Activation{By: actor, Deactivated: true}
		return h.put(tx, s.now(), &a, nil, &AuditEntry{Actor: actor, Action: h.action + ".deactivate",
			Object: h.object + ":" + prev.Version, Detail: fmt.Sprintf("was activated by %s at %s", prev.By, prev.At.Format(time.RFC3339))})
	})
	if err != nil {
		return fmt.Errorf("store: deactivate %s: %w", h.what, err)
	}
	return nil
}

// put appends a (setting Seq and At) with its content and audit entry
// inside tx, creating the buckets if an older database lacks them.
func (h history) put(tx *bolt.Tx, now time.Time, a *Activation, content []byte, audit *AuditEntry) error {
	b, err := tx.CreateBucketIfNotExists(h.entries)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", h.entries, err)
	}
	c, err := tx.CreateBucketIfNotExists(h.content)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", h.content, err)
	}
	b.FillPercent = 1.0 // append-only
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	a.Seq, a.At = seq, now
	if err := putJSON(b, u64(seq), a); err != nil {
		return err
	}
	if content != nil {
		c.FillPercent = 1.0
		if err := c.Put(u64(seq), content); err != nil {
			return err
		}
	}
	audit.At = now
	return appendAudit(tx, now, audit)
}

// last is the newest history entry, nil when there is none (or the
// bucket does not exist yet).
func (h history) last(tx *bolt.Tx) (*Activation, error) {
	b := tx.Bucket(h.entries)
	if b == nil {
		return nil, nil
	}
	k, v := b.Cursor().Last()
	if k == nil {
		return nil, nil
	}
	var a Activation
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, fmt.Errorf("decode %s activation %d: %w", h.what, binary.BigEndian.Uint64(k), err)
	}
	return &a, nil
}

// contentOf copies an activation's bytes out of tx and checks them
// against the recorded hash.
func (h history) contentOf(tx *bolt.Tx, a *Activation) ([]byte, error) {
	var v []byte
	if b := tx.Bucket(h.content); b != nil {
		v = b.Get(u64(a.Seq))
	}
	if v == nil {
		return nil, fmt.Errorf("content of %s activation %d is missing", h.what, a.Seq)
	}
	sum := sha256.Sum256(v)
	if hex.EncodeToString(sum[:]) != a.SHA256 {
		return nil, fmt.Errorf("content of %s activation %d does not match its SHA-256 %s", h.what, a.Seq, a.SHA256)
	}
	return bytes.Clone(v), nil
}

// active returns the active entry with its content; ErrNotFound when none
// was activated or the last activation was ended.
func (s *Store) active(h history) (*Activation, error) {
	var a *Activation
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if a, err = h.last(tx); err != nil {
			return err
		}
		if a == nil || a.Deactivated {
			return ErrNotFound
		}
		a.Content, err = h.contentOf(tx, a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: active %s: %w", h.what, err)
	}
	return a, nil
}

// contentAt returns the bytes activated by history entry seq.
func (s *Store) contentAt(h history, seq uint64) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(h.entries)
		if b == nil {
			return ErrNotFound
		}
		var a Activation
		ok, err := getJSON(b, u64(seq), &a)
		if err == nil && (!ok || a.Deactivated) {
			err = ErrNotFound
		}
		if err != nil {
			return err
		}
		out, err = h.contentOf(tx, &a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s activation %d: %w", h.what, seq, err)
	}
	return out, nil
}

// list returns every activation and deactivation, oldest first, without
// content.
func (s *Store) list(h history) ([]Activation, error) {
	var out []Activation
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(h.entries)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var a Activation
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("decode %s activation %d: %w", h.what, binary.BigEndian.Uint64(k), err)
			}
			out = append(out, a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s history: %w", h.what, err)
	}
	return out, nil
}

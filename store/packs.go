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

// Buckets of the activation history (see the package comment's schema).
var (
	bucketPacks        = []byte("packs")
	bucketPackContents = []byte("pack_contents")
)

// ActivatedPack is one entry of the rule-pack activation history: a pack
// that an analyst made the one sweeps and the server use (or, with
// Deactivated, the return to the configuration's packs). Activation is a
// recorded action: who, when, which bytes, and an audit entry written in
// the same transaction.
type ActivatedPack struct {
	Seq uint64 `json:"seq"`
	// File is where the pack was activated from, for people; the bytes
	// are kept, so the file may change or vanish afterwards.
	File string `json:"file,omitempty"`
	// Version is the pack's version as the caller computed it (rules'
	// Pack.Version: name@declared+hash), the string findings record.
	Version string `json:"version,omitempty"`
	// SHA256 is the hex SHA-256 of Content, computed by the store.
	SHA256 string    `json:"sha256,omitempty"`
	Size   int       `json:"size"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// Deactivated marks the entry that ended the previous activation:
	// from then on no pack is active (ActivePack: ErrNotFound).
	Deactivated bool `json:"deactivated,omitempty"`
	// Content is the pack file's bytes. ActivePack fills it in;
	// PackHistory leaves it nil (see PackContent).
	Content []byte `json:"-"`
}

// ActivatePack records content (a rule-pack file, read from file) as the
// active pack. The store does not parse packs: the caller checks that the
// content loads and passes its version. Activating the pack that is
// already active (same bytes) fails with ErrConflict, so the history holds
// only changes. The activation and its audit entry ("rules.activate") are
// written in one transaction.
func (s *Store) ActivatePack(actor, file string, content []byte, version string) error {
	switch {
	case actor == "":
		return fmt.Errorf("store: activate pack %s: %w: no actor", version, ErrInvalid)
	case len(content) == 0:
		return fmt.Errorf("store: activate pack %s: %w: empty pack file", version, ErrInvalid)
	case version == "":
		return fmt.Errorf("store: activate pack from %s: %w: no version", file, ErrInvalid)
	}
	sum := sha256.Sum256(content)
	ap := ActivatedPack{File: file, Version: version, SHA256: hex.EncodeToString(sum[:]), Size: len(content), By: actor}
	err := s.update(func(tx *bolt.Tx) error {
		prev, err := lastActivation(tx)
		if err != nil {
			return err
		}
		if prev != nil && !prev.Deactivated && prev.SHA256 == ap.SHA256 {
			return fmt.Errorf("%w: this pack is already active (activated by %s at %s)", ErrConflict, prev.By, prev.At.Format(time.RFC3339))
		}
		detail := fmt.Sprintf("file=%s; sha256=%s; size=%d", file, ap.SHA256, len(content))
		if prev != nil && !prev.Deactivated {
			detail += "; previous=" + prev.Version
		}
		return putActivation(tx, s.now(), &ap, content, &AuditEntry{Actor: actor, Action: "rules.activate",
			Object: "pack:" + version, Detail: detail})
	})
	if err != nil {
		return fmt.Errorf("store: activate pack %s: %w", version, err)
	}
	return nil
}

// DeactivatePack ends the current activation: sweeps and the server go
// back to the packs their configuration names. It fails with ErrNotFound
// when no pack is active. The entry is kept in the history with an audit
// entry ("rules.deactivate").
func (s *Store) DeactivatePack(actor string) error {
	if actor == "" {
		return fmt.Errorf("store: deactivate pack: %w: no actor", ErrInvalid)
	}
	err := s.update(func(tx *bolt.Tx) error {
		prev, err := lastActivation(tx)
		if err != nil {
			return err
		}
		if prev == nil || prev.Deactivated {
			return fmt.Errorf("no pack is active: %w", ErrNotFound)
		}
		ap := ActivatedPack{By: actor, Deactivated: true}
		return putActivation(tx, s.now(), &ap, nil, &AuditEntry{Actor: actor, Action: "rules.deactivate",
			Object: "pack:" + prev.Version, Detail: fmt.Sprintf("was activated by %s at %s", prev.By, prev.At.Format(time.RFC3339))})
	})
	if err != nil {
		return fmt.Errorf("store: deactivate pack: %w", err)
	}
	return nil
}

// putActivation appends ap (setting Seq and At) with its content and
// audit entry inside tx.
func putActivation(tx *bolt.Tx, now time.Time, ap *ActivatedPack, content []byte, audit *AuditEntry) error {
	b := tx.Bucket(bucketPacks)
	b.FillPercent = 1.0 // append-only
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	ap.Seq, ap.At = seq, now
	if err := putJSON(b, u64(seq), ap); err != nil {
		return err
	}
	if content != nil {
		pc := tx.Bucket(bucketPackContents)
		pc.FillPercent = 1.0
		if err := pc.Put(u64(seq), content); err != nil {
			return err
		}
	}
	audit.At = now
	return appendAudit(tx, now, audit)
}

// lastActivation is the newest history entry, nil when there is none.
func lastActivation(tx *bolt.Tx) (*ActivatedPack, error) {
	k, v := tx.Bucket(bucketPacks).Cursor().Last()
	if k == nil {
		return nil, nil
	}
	var ap ActivatedPack
	if err := json.Unmarshal(v, &ap); err != nil {
		return nil, fmt.Errorf("decode pack activation %d: %w", binary.BigEndian.Uint64(k), err)
	}
	return &ap, nil
}

// ActivePack returns the active pack with its content; ErrNotFound when
// none was activated or the last activation was ended by DeactivatePack.
func (s *Store) ActivePack() (*ActivatedPack, error) {
	var ap *ActivatedPack
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if ap, err = lastActivation(tx); err != nil {
			return err
		}
		if ap == nil || ap.Deactivated {
			return ErrNotFound
		}
		ap.Content, err = packContent(tx, ap)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: active pack: %w", err)
	}
	return ap, nil
}

// PackContent returns the bytes of the pack activated by history entry
// seq.
func (s *Store) PackContent(seq uint64) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		var ap ActivatedPack
		ok, err := getJSON(tx.Bucket(bucketPacks), u64(seq), &ap)
		if err == nil && (!ok || ap.Deactivated) {
			err = ErrNotFound
		}
		if err != nil {
			return err
		}
		out, err = packContent(tx, &ap)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: pack activation %d: %w", seq, err)
	}
	return out, nil
}

// packContent copies an activation's bytes out of tx and checks them
// against the recorded hash.
func packContent(tx *bolt.Tx, ap *ActivatedPack) ([]byte, error) {
	v := tx.Bucket(bucketPackContents).Get(u64(ap.Seq))
	if v == nil {
		return nil, fmt.Errorf("content of pack activation %d is missing", ap.Seq)
	}
	sum := sha256.Sum256(v)
	if hex.EncodeToString(sum[:]) != ap.SHA256 {
		return nil, fmt.Errorf("content of pack activation %d does not match its SHA-256 %s", ap.Seq, ap.SHA256)
	}
	return bytes.Clone(v), nil
}

// PackHistory lists every activation and deactivation, oldest first,
// without content.
func (s *Store) PackHistory() ([]ActivatedPack, error) {
	var out []ActivatedPack
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPacks).ForEach(func(k, v []byte) error {
			var ap ActivatedPack
			if err := json.Unmarshal(v, &ap); err != nil {
				return fmt.Errorf("decode pack activation %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, ap)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: pack history: %w", err)
	}
	return out, nil
}

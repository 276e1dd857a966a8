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

// Buckets of the model activation history. They are created by the first
// activation (databases from before models open unchanged, read-only
// too); reads treat a missing bucket as an empty history.
var (
	bucketModels        = []byte("models")
	bucketModelContents = []byte("model_contents")
)

// ActivatedModel is one entry of the model activation history, like
// ActivatedPack for rule packs: the learned model (package rank) that the
// matcher's second stage uses from then on, or with Deactivated the
// return to the embedded default model.
type ActivatedModel struct {
	Seq uint64 `json:"seq"`
	// File is where the model was activated from; the bytes are kept.
	File string `json:"file,omitempty"`
	// Version is the model's version as the caller computed it
	// (rank's Model.Version: name@created+hash).
	Version string `json:"version,omitempty"`
	// SHA256 is the hex SHA-256 of Content, computed by the store.
	SHA256 string    `json:"sha256,omitempty"`
	Size   int       `json:"size"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// Deactivated marks the entry that ended the previous activation.
	Deactivated bool `json:"deactivated,omitempty"`
	// Content is the model file's bytes; ActiveModel fills it in,
	// ModelHistory leaves it nil.
	Content []byte `json:"-"`
}

// ActivateModel records content (a model file read from file) as the
// active model. The store does not parse models: the caller checks that
// the content loads and passes its version. Activating the model that is
// already active (same bytes) fails with ErrConflict. The activation and
// its audit entry ("model.activate") are written in one transaction.
func (s *Store) ActivateModel(actor, file string, content []byte, version string) error {
	switch {
	case actor == "":
		return fmt.Errorf("store: activate model %s: %w: no actor", version, ErrInvalid)
	case len(content) == 0:
		return fmt.Errorf("store: activate model %s: %w: empty model file", version, ErrInvalid)
	case version == "":
		return fmt.Errorf("store: activate model from %s: %w: no version", file, ErrInvalid)
	}
	sum := sha256.Sum256(content)
	am := ActivatedModel{File: file, Version: version, SHA256: hex.EncodeToString(sum[:]), Size: len(content), By: actor}
	err := s.update(func(tx *bolt.Tx) error {
		if err := modelBuckets(tx); err != nil {
			return err
		}
		prev, err := lastModelActivation(tx)
		if err != nil {
			return err
		}
		if prev != nil && !prev.Deactivated && prev.SHA256 == am.SHA256 {
			return fmt.Errorf("%w: this model is already active (activated by %s at %s)", ErrConflict, prev.By, prev.At.Format(time.RFC3339))
		}
		detail := fmt.Sprintf("file=%s; sha256=%s; size=%d", file, am.SHA256, len(content))
		if prev != nil && !prev.Deactivated {
			detail += "; previous=" + prev.Version
		}
		return putModelActivation(tx, s.now(), &am, content, &AuditEntry{Actor: actor, Action: "model.activate",
			Object: "model:" + version, Detail: detail})
	})
	if err != nil {
		return fmt.Errorf("store: activate model %s: %w", version, err)
	}
	return nil
}

// DeactivateModel ends the current activation (back to the embedded
// default model). ErrNotFound when no model is active. Audited as
// "model.deactivate".
func (s *Store) DeactivateModel(actor string) error {
	if actor == "" {
		return fmt.Errorf("store: deactivate model: %w: no actor", ErrInvalid)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if err := modelBuckets(tx); err != nil {
			return err
		}
		prev, err := lastModelActivation(tx)
		if err != nil {
			return err
		}
		if prev == nil || prev.Deactivated {
			return fmt.Errorf("no model is active: %w", ErrNotFound)
		}
		am := ActivatedModel{By: actor, Deactivated: true}
		return putModelActivation(tx, s.now(), &am, nil, &AuditEntry{Actor: actor, Action: "model.deactivate",
			Object: "model:" + prev.Version, Detail: fmt.Sprintf("was activated by %s at %s", prev.By, prev.At.Format(time.RFC3339))})
	})
	if err != nil {
		return fmt.Errorf("store: deactivate model: %w", err)
	}
	return nil
}

func modelBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketModels, bucketModelContents} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

func putModelActivation(tx *bolt.Tx, now time.Time, am *ActivatedModel, content []byte, audit *AuditEntry) error {
	b := tx.Bucket(bucketModels)
	b.FillPercent = 1.0 // append-only
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	am.Seq, am.At = seq, now
	if err := putJSON(b, u64(seq), am); err != nil {
		return err
	}
	if content != nil {
		mc := tx.Bucket(bucketModelContents)
		mc.FillPercent = 1.0
		if err := mc.Put(u64(seq), content); err != nil {
			return err
		}
	}
	audit.At = now
	return appendAudit(tx, now, audit)
}

// lastModelActivation is the newest history entry, nil when there is none.
func lastModelActivation(tx *bolt.Tx) (*ActivatedModel, error) {
	b := tx.Bucket(bucketModels)
	if b == nil {
		return nil, nil
	}
	k, v := b.Cursor().Last()
	if k == nil {
		return nil, nil
	}
	var am ActivatedModel
	if err := json.Unmarshal(v, &am); err != nil {
		return nil, fmt.Errorf("decode model activation %d: %w", binary.BigEndian.Uint64(k), err)
	}
	return &am, nil
}

// ActiveModel returns the active model with its content; ErrNotFound when
// none was activated or the last activation was ended.
func (s *Store) ActiveModel() (*ActivatedModel, error) {
	var am *ActivatedModel
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if am, err = lastModelActivation(tx); err != nil {
			return err
		}
		if am == nil || am.Deactivated {
			return ErrNotFound
		}
		am.Content, err = modelContent(tx, am)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: active model: %w", err)
	}
	return am, nil
}

// modelContent copies an activation's bytes out of tx and checks them
// against the recorded hash.
func modelContent(tx *bolt.Tx, am *ActivatedModel) ([]byte, error) {
	var v []byte
	if b := tx.Bucket(bucketModelContents); b != nil {
		v = b.Get(u64(am.Seq))
	}
	if v == nil {
		return nil, fmt.Errorf("content of model activation %d is missing", am.Seq)
	}
	sum := sha256.Sum256(v)
	if hex.EncodeToString(sum[:]) != am.SHA256 {
		return nil, fmt.Errorf("content of model activation %d does not match its SHA-256 %s", am.Seq, am.SHA256)
	}
	return bytes.Clone(v), nil
}

// ModelHistory lists every model activation and deactivation, oldest
// first, without content.
func (s *Store) ModelHistory() ([]ActivatedModel, error) {
	var out []ActivatedModel
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketModels)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var am ActivatedModel
			if err := json.Unmarshal(v, &am); err != nil {
				return fmt.Errorf("decode model activation %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, am)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: model history: %w", err)
	}
	return out, nil
}

package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketModelChannels holds the analysts' switches of the learned model's
// channel per category: category → ModelChannel. Created by the first
// switch; a missing bucket means every channel is as the detector's
// defaults have it.
var bucketModelChannels = []byte("model_channels")

// ModelChannel is the latest switch of the model channel of one category:
// whether the learned model may flag a page of that category on its own.
type ModelChannel struct {
	Category string    `json:"category"`
	On       bool      `json:"on"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// maxCategoryLen bounds a category id in a channel switch.
const maxCategoryLen = 64

// SetModelChannel records that the model channel of category is on or
// off, with an audit entry ("model.channel", object "category:ID") in the
// same transaction. Setting what is already set fails with ErrConflict,
// so the audit log holds only changes.
func (s *Store) SetModelChannel(actor, category string, on bool) error {
	switch {
	case actor == "":
		return fmt.Errorf("store: model channel %s: %w: no actor", category, ErrInvalid)
	case category == "" || len(category) > maxCategoryLen || strings.ContainsFunc(category, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}):
		return fmt.Errorf("store: model channel %q: %w: a category id is lower-case letters, digits, _ and - (at most %d)", category, ErrInvalid, maxCategoryLen)
	}
	state := map[bool]string{true: "on", false: "off"}
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketModelChannels)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketModelChannels, err)
		}
		var prev ModelChannel
		ok, err := getJSON(b, []byte(category), &prev)
		if err != nil {
			return err
		}
		if ok && prev.On == on {
			return fmt.Errorf("%w: the model channel of %s is already %s (set by %s at %s)", ErrConflict, category, state[on], prev.By, prev.At.Format(time.RFC3339))
		}
		now := s.now()
		detail := "model channel " + state[on]
		if ok {
			detail += "; was " + state[prev.On]
		}
		if err := putJSON(b, []byte(category), &ModelChannel{Category: category, On: on, By: actor, At: now}); err != nil {
			return err
		}
		return appendAudit(tx, now, &AuditEntry{Actor: actor, Action: "model.channel", Object: "category:" + category, Detail: detail})
	})
	if err != nil {
		return fmt.Errorf("store: model channel %s %s: %w", category, state[on], err)
	}
	return nil
}

// ModelChannels lists the recorded switches, by category id; categories
// never switched are not listed.
func (s *Store) ModelChannels() ([]ModelChannel, error) {
	var out []ModelChannel
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketModelChannels)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var c ModelChannel
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("decode model channel %q: %w", k, err)
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: model channels: %w", err)
	}
	slices.SortFunc(out, func(a, b ModelChannel) int { return strings.Compare(a.Category, b.Category) })
	return out, nil
}

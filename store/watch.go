package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Re-checks of known imitation sites (discover.watch, issue 14): every
// sweep that fetches a known imitation case's page again records whether
// it is still online, changed, gone, or could not be told, and the case
// page lists them.
//
//	watch_checks   case id (8 bytes) ‖ seq (8 bytes) → WatchCheck
var bucketWatchChecks = []byte("watch_checks")

// The states of a WatchCheck.
const (
	WatchOnline  = "online"  // still an imitation, same content as before
	WatchChanged = "changed" // still an imitation, content changed
	WatchGone    = "gone"    // 404/410, not resolving or connecting, or no longer an imitation
	WatchFailed  = "failed"  // the check could not tell (timeout, 5xx, blocked)
)

// WatchStates are the states in display order.
var WatchStates = []string{WatchOnline, WatchChanged, WatchGone, WatchFailed}

// Bounds of re-check records.
const (
	// MaxWatchChecks is how many re-checks are kept per case (the oldest
	// are dropped) and the most WatchChecks returns.
	MaxWatchChecks   = 100
	maxWatchURL      = 4096
	maxWatchDetail   = 500
	maxWatchContents = 128
)

// WatchCheck is one re-check of a known imitation site.
type WatchCheck struct {
	CaseID     uint64    `json:"case_id"`
	SweepID    uint64    `json:"sweep_id"`
	At         time.Time `json:"at"`
	URL        string    `json:"url"`
	State      string    `json:"state"`            // one of WatchStates
	Status     int       `json:"status,omitempty"` // HTTP status; 0 without a response
	ContentKey string    `json:"content_key,omitempty"`
	Detail     string    `json:"detail,omitempty"` // one Chinese sentence
}

// Check checks a re-check on its own (ErrInvalid).
func (c *WatchCheck) Check() error {
	switch {
	case c.CaseID == 0:
		return fmt.Errorf("%w: re-check of case 0", ErrInvalid)
	case !slices.Contains(WatchStates, c.State):
		return fmt.Errorf("%w: re-check state %q", ErrInvalid, c.State)
	case len(c.URL) > maxWatchURL:
		return fmt.Errorf("%w: re-check URL of %d bytes, at most %d", ErrInvalid, len(c.URL), maxWatchURL)
	case len([]rune(c.Detail)) > maxWatchDetail:
		return fmt.Errorf("%w: re-check detail longer than %d characters", ErrInvalid, maxWatchDetail)
	case len(c.ContentKey) > maxWatchContents:
		return fmt.Errorf("%w: re-check content key of %d bytes", ErrInvalid, len(c.ContentKey))
	case c.Status < 0 || c.Status > 999:
		return fmt.Errorf("%w: re-check status %d", ErrInvalid, c.Status)
	}
	return nil
}

// WatchLimit is the number of re-checks WatchChecks returns for limit.
func WatchLimit(limit int) int {
	if limit <= 0 || limit > MaxWatchChecks {
		return MaxWatchChecks
	}
	return limit
}

// RecordWatchCheck records a re-check of a case (its time is the store's
// clock when At is zero); at most MaxWatchChecks are kept per case.
// ErrNotFound when the case does not exist, ErrInvalid for a bad check.
func (s *Store) RecordWatchCheck(c WatchCheck) error {
	if err := c.Check(); err != nil {
		return fmt.Errorf("store: re-check of case %d: %w", c.CaseID, err)
	}
	if c.At.IsZero() {
		c.At = s.now()
	}
	c.At = c.At.UTC()
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(u64(c.CaseID)) == nil {
			return fmt.Errorf("case %d: %w", c.CaseID, ErrNotFound)
		}
		b, err := writeBucket(tx, bucketWatchChecks)
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		if err := putJSON(b, pairKey(c.CaseID, seq), &c); err != nil {
			return err
		}
		// Drop the oldest beyond the bound.
		var keys [][]byte
		prefix := u64(c.CaseID)
		cur := b.Cursor()
		for k, _ := cur.Seek(prefix); k != nil && len(k) == 16 && binary.BigEndian.Uint64(k[:8]) == c.CaseID; k, _ = cur.Next() {
			keys = append(keys, slices.Clone(k))
		}
		for _, k := range keys[:max(0, len(keys)-MaxWatchChecks)] {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: re-check of case %d: %w", c.CaseID, err)
	}
	return nil
}

// WatchChecks lists a case's re-checks, newest first, at most
// WatchLimit(limit).
func (s *Store) WatchChecks(caseID uint64, limit int) ([]WatchCheck, error) {
	limit = WatchLimit(limit)
	var out []WatchCheck
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWatchChecks)
		if b == nil {
			return nil
		}
		cur := b.Cursor()
		// The case's keys end before the next case id's first key.
		k, v := cur.Seek(u64(caseID + 1))
		if k == nil {
			k, v = cur.Last()
		} else {
			k, v = cur.Prev()
		}
		for ; k != nil && len(k) == 16 && binary.BigEndian.Uint64(k[:8]) == caseID && len(out) < limit; k, v = cur.Prev() {
			var c WatchCheck
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("decode re-check: %w", err)
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: re-checks of case %d: %w", caseID, err)
	}
	return out, nil
}

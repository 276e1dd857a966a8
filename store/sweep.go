package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Sweep statuses.
const (
	SweepRunning     = "running"
	SweepFinished    = "finished"
	SweepInterrupted = "interrupted"
)

// Sweep is one run over all sources.
type Sweep struct {
	ID         uint64          `json:"id"`
	StartedAt  time.Time       `json:"started_at"`
	FinishedAt time.Time       `json:"finished_at,omitzero"`
	Status     string          `json:"status"` // running, finished, interrupted
	ConfigHash string          `json:"config_hash,omitempty"`
	Packs      []string        `json:"packs,omitempty"` // rule pack versions
	Stats      json.RawMessage `json:"stats,omitempty"` // the sweep package's summary
}

// StartSweep stores a new running sweep and sets sw.ID and sw.Status (and
// sw.StartedAt from the clock when zero).
func (s *Store) StartSweep(sw *Sweep) error {
	rec := *sw
	rec.Status = SweepRunning
	if rec.StartedAt.IsZero() {
		rec.StartedAt = s.now()
	}
	rec.StartedAt = rec.StartedAt.UTC()
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSweeps)
		b.FillPercent = 1.0 // append-only
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		rec.ID = id
		return putJSON(b, u64(id), &rec)
	})
	if err != nil {
		return fmt.Errorf("store: start sweep: %w", err)
	}
	*sw = rec
	return nil
}

// RunningSweep is the latest sweep still running (one a crash interrupted,
// to resume), or ErrNotFound.
func (s *Store) RunningSweep() (*Sweep, error) {
	var found *Sweep
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSweeps).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var sw Sweep
			if err := json.Unmarshal(v, &sw); err != nil {
				return fmt.Errorf("decode sweep %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if sw.Status == SweepRunning {
				found = &sw
				return nil
			}
		}
		return ErrNotFound
	})
	if err != nil {
		return nil, fmt.Errorf("store: running sweep: %w", err)
	}
	return found, nil
}

// Sweep returns one sweep.
func (s *Store) Sweep(id uint64) (*Sweep, error) {
	var sw Sweep
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketSweeps), u64(id), &sw)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: sweep %d: %w", id, err)
	}
	return &sw, nil
}

// FinishSweep ends a sweep with status "finished" or "interrupted" and the
// sweep package's summary.
func (s *Store) FinishSweep(id uint64, status string, stats json.RawMessage) error {
	if status != SweepFinished && status != SweepInterrupted {
		return fmt.Errorf("store: finish sweep %d: status %q is not %q or %q", id, status, SweepFinished, SweepInterrupted)
	}
	if stats != nil && !json.Valid(stats) {
		return fmt.Errorf("store: finish sweep %d: stats are not valid JSON", id)
	}
	finished := s.now()
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSweeps)
		var sw Sweep
		ok, err := getJSON(b, u64(id), &sw)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		sw.Status, sw.FinishedAt = status, finished
		if stats != nil {
			sw.Stats = stats
		}
		return putJSON(b, u64(id), &sw)
	})
	if err != nil {
		return fmt.Errorf("store: finish sweep %d: %w", id, err)
	}
	return nil
}

// Sweeps lists sweeps newest first; limit <= 0 means all.
func (s *Store) Sweeps(limit int) ([]Sweep, error) {
	var out []Sweep
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSweeps).Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			var sw Sweep
			if err := json.Unmarshal(v, &sw); err != nil {
				return fmt.Errorf("decode sweep %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, sw)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: list sweeps: %w", err)
	}
	return out, nil
}

// Frontier item states.
const (
	FrontierPending = "pending"
	FrontierDone    = "done"
)

// FrontierItem is one URL a sweep will fetch or has fetched.
type FrontierItem struct {
	URL      string            `json:"url"` // canonical (see CanonicalURL)
	SourceID string            `json:"source_id,omitempty"`
	Depth    int               `json:"depth,omitempty"`
	Render   bool              `json:"render,omitempty"`
	Kind     string            `json:"kind,omitempty"` // page, search, listing
	Meta     map[string]string `json:"meta,omitempty"` // e.g. listing fields, search term
	State    string            `json:"state"`          // pending, done
	Outcome  string            `json:"outcome,omitempty"`
}

// Keys inside a sweep's frontier bucket.
var (
	frontierItems   = []byte("items")
	frontierURLs    = []byte("urls")
	frontierPending = []byte("pending")
	frontierCounts  = []byte("counts")
)

// AddFrontier adds pending items to a sweep's frontier, skipping URLs
// already in it in any state (compared by CanonicalURL, also within
// items). The State and Outcome of the items given are ignored.
func (s *Store) AddFrontier(sweepID uint64, items []FrontierItem) (added int, err error) {
	if err := CheckFrontierItems(items); err != nil {
		return 0, fmt.Errorf("store: add frontier to sweep %d: %w", sweepID, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		added, err = addFrontierTx(tx, sweepID, items)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: add frontier to sweep %d: %w", sweepID, err)
	}
	return added, nil
}

// CheckFrontierItems refuses items without a URL (every backend's
// AddFrontier checks them so).
func CheckFrontierItems(items []FrontierItem) error {
	for i, it := range items {
		if it.URL == "" {
			return fmt.Errorf("item %d has no URL", i)
		}
	}
	return nil
}

// addFrontierTx is AddFrontier inside a transaction. It is idempotent (a
// URL already in the frontier is skipped), as Batch requires.
func addFrontierTx(tx *bolt.Tx, sweepID uint64, items []FrontierItem) (added int, err error) {
	fb, err := frontierBucket(tx, sweepID, true)
	if err != nil {
		return 0, err
	}
	itemsB, urls, pendingB := fb.Bucket(frontierItems), fb.Bucket(frontierURLs), fb.Bucket(frontierPending)
	itemsB.FillPercent, pendingB.FillPercent = 1.0, 1.0
	pending, done := readCounts(fb)
	for _, it := range items {
		uk := stringKey(CanonicalURL(it.URL))
		if urls.Get(uk) != nil {
			continue
		}
		seq, err := itemsB.NextSequence()
		if err != nil {
			return 0, err
		}
		it.State, it.Outcome = FrontierPending, ""
		if err := putJSON(itemsB, u64(seq), &it); err != nil {
			return 0, err
		}
		if err := urls.Put(uk, u64(seq)); err != nil {
			return 0, err
		}
		if err := pendingB.Put(u64(seq), nil); err != nil {
			return 0, err
		}
		pending++
		added++
	}
	if added == 0 {
		return 0, nil
	}
	return added, writeCounts(fb, pending, done)
}

// PendingFrontier returns up to limit pending items (all when limit <= 0)
// in the order they were added.
func (s *Store) PendingFrontier(sweepID uint64, limit int) ([]FrontierItem, error) {
	var out []FrontierItem
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := frontierBucket(tx, sweepID, false)
		if err != nil || fb == nil {
			return err
		}
		itemsB := fb.Bucket(frontierItems)
		c := fb.Bucket(frontierPending).Cursor()
		for k, _ := c.First(); k != nil && (limit <= 0 || len(out) < limit); k, _ = c.Next() {
			var it FrontierItem
			ok, err := getItem(itemsB, k, &it)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("pending item %d has no record", binary.BigEndian.Uint64(k))
			}
			out = append(out, it)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: pending frontier of sweep %d: %w", sweepID, err)
	}
	return out, nil
}

// FrontierCounts counts a sweep's pending and done items.
func (s *Store) FrontierCounts(sweepID uint64) (pending, done int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		fb, err := frontierBucket(tx, sweepID, false)
		if err != nil || fb == nil {
			return err
		}
		pending, done = readCounts(fb)
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: frontier counts of sweep %d: %w", sweepID, err)
	}
	return pending, done, nil
}

// FrontierItem returns one item of a sweep's frontier, found by
// CanonicalURL.
func (s *Store) FrontierItem(sweepID uint64, url string) (*FrontierItem, error) {
	var it FrontierItem
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := frontierBucket(tx, sweepID, false)
		if err != nil {
			return err
		}
		if fb == nil {
			return ErrNotFound
		}
		seq := fb.Bucket(frontierURLs).Get(stringKey(CanonicalURL(url)))
		if seq == nil {
			return ErrNotFound
		}
		_, err = getJSON(fb.Bucket(frontierItems), seq, &it)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: frontier item %s of sweep %d: %w", url, sweepID, err)
	}
	return &it, nil
}

// MarkDone marks a frontier item done with the crawler's outcome (for
// pages that were not fetched or not recorded otherwise: refused by
// robots.txt, failed). Marking an item done again only updates its
// outcome. ErrNotFound when the sweep's frontier lacks the URL.
func (s *Store) MarkDone(sweepID uint64, url, outcome string) error {
	err := s.batched(func(tx *bolt.Tx) error {
		return markDone(tx, sweepID, url, outcome)
	})
	if err != nil {
		return fmt.Errorf("store: mark %s done in sweep %d: %w", url, sweepID, err)
	}
	return nil
}

// DeleteFrontier drops a sweep's frontier (the sweep record stays); for
// pruning the frontiers of old, finished sweeps.
func (s *Store) DeleteFrontier(sweepID uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketFrontier).DeleteBucket(u64(sweepID))
		if errors.Is(err, bolterrors.ErrBucketNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete frontier of sweep %d: %w", sweepID, err)
	}
	return nil
}

// markDone is MarkDone inside a transaction.
func markDone(tx *bolt.Tx, sweepID uint64, url, outcome string) error {
	fb, err := frontierBucket(tx, sweepID, false)
	if err != nil {
		return err
	}
	if fb == nil {
		return fmt.Errorf("frontier item: %w", ErrNotFound)
	}
	itemsB := fb.Bucket(frontierItems)
	seq := fb.Bucket(frontierURLs).Get(stringKey(CanonicalURL(url)))
	if seq == nil {
		return fmt.Errorf("frontier item: %w", ErrNotFound)
	}
	seq = append([]byte(nil), seq...) // valid only until the next write
	var it FrontierItem
	if _, err := getItem(itemsB, seq, &it); err != nil {
		return err
	}
	wasPending := it.State != FrontierDone
	it.State, it.Outcome = FrontierDone, outcome
	if err := putJSON(itemsB, seq, &it); err != nil {
		return err
	}
	if !wasPending {
		return nil
	}
	if err := fb.Bucket(frontierPending).Delete(seq); err != nil {
		return err
	}
	pending, done := readCounts(fb)
	return writeCounts(fb, max(pending-1, 0), done+1)
}

// frontierBucket is a sweep's frontier bucket, created with its
// sub-buckets when create is set. Without create it is nil when the sweep
// has no frontier yet; ErrNotFound when there is no such sweep.
func frontierBucket(tx *bolt.Tx, sweepID uint64, create bool) (*bolt.Bucket, error) {
	key := u64(sweepID)
	if tx.Bucket(bucketSweeps).Get(key) == nil {
		return nil, fmt.Errorf("sweep %d: %w", sweepID, ErrNotFound)
	}
	root := tx.Bucket(bucketFrontier)
	if fb := root.Bucket(key); fb != nil || !create {
		return fb, nil
	}
	fb, err := root.CreateBucket(key)
	if err != nil {
		return nil, err
	}
	for _, name := range [][]byte{frontierItems, frontierURLs, frontierPending} {
		if _, err := fb.CreateBucket(name); err != nil {
			return nil, err
		}
	}
	return fb, writeCounts(fb, 0, 0)
}

func readCounts(fb *bolt.Bucket) (pending, done int) {
	v := fb.Get(frontierCounts)
	if len(v) != 16 {
		return 0, 0
	}
	return int(binary.BigEndian.Uint64(v)), int(binary.BigEndian.Uint64(v[8:]))
}

func writeCounts(fb *bolt.Bucket, pending, done int) error {
	return fb.Put(frontierCounts, pairKey(uint64(pending), uint64(done)))
}

package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// frontierCaps is the bucket, inside a sweep's frontier bucket, of its
// sources' page caps: "s:" + source id → cap ‖ added (two big-endian
// uint64s). It goes with the frontier (PruneFrontiers).
var frontierCaps = []byte("caps")

// SetSourceCaps records the page caps of a sweep's sources (source id →
// the most frontier items its pages may add in the sweep), keeping what
// was added so far. From then on the links RecordPageFollow and Record add
// count against their source's cap: a link that would pass it is not
// added. A source without a cap is not capped.
func (s *Store) SetSourceCaps(sweepID uint64, caps map[string]int) error {
	if len(caps) == 0 {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(caps)) {
		if caps[id] < 0 {
			return fmt.Errorf("store: source caps of sweep %d: %s: cap %d: %w", sweepID, id, caps[id], ErrInvalid)
		}
	}
	err := s.update(func(tx *bolt.Tx) error {
		fb, err := frontierBucket(tx, sweepID, true)
		if err != nil {
			return err
		}
		cb, err := fb.CreateBucketIfNotExists(frontierCaps)
		if err != nil {
			return err
		}
		for id, limit := range caps {
			_, added := readCap(cb, id)
			if err := cb.Put(capKey(id), pairKey(uint64(limit), uint64(added))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: source caps of sweep %d: %w", sweepID, err)
	}
	return nil
}

func capKey(source string) []byte { return append([]byte("s:"), source...) }

// readCap is a source's cap and what was added against it; limit is -1
// when the source has no cap.
func readCap(cb *bolt.Bucket, source string) (limit, added int) {
	v := cb.Get(capKey(source))
	if len(v) != 16 {
		return -1, 0
	}
	return int(binary.BigEndian.Uint64(v)), int(binary.BigEndian.Uint64(v[8:]))
}

// addFollowTx is addFrontierTx for the links a fetched page leads to:
// each source adds at most the room its cap leaves (links already in the
// frontier do not use it up), and the count against the cap grows by what
// was added.
func addFollowTx(tx *bolt.Tx, sweepID uint64, items []FrontierItem) (int, error) {
	fb, err := frontierBucket(tx, sweepID, true)
	if err != nil {
		return 0, err
	}
	cb := fb.Bucket(frontierCaps)
	if cb == nil {
		return addFrontierTx(tx, sweepID, items)
	}
	urls := fb.Bucket(frontierURLs)
	room := map[string]int{} // -1: not capped
	took := map[string]int{}
	seen := make(map[string]bool, len(items))
	var keep []FrontierItem
	for _, it := range items {
		u := CanonicalURL(it.URL)
		if seen[u] || urls.Get(stringKey(u)) != nil {
			continue
		}
		seen[u] = true
		r, ok := room[it.SourceID]
		if !ok {
			limit, added := readCap(cb, it.SourceID)
			r = -1
			if limit >= 0 {
				r = max(0, limit-added)
			}
		}
		if r == 0 {
			room[it.SourceID] = 0
			continue
		}
		if r > 0 {
			r--
			took[it.SourceID]++
		}
		room[it.SourceID] = r
		keep = append(keep, it)
	}
	added, err := addFrontierTx(tx, sweepID, keep)
	if err != nil {
		return 0, err
	}
	for id, n := range took {
		limit, before := readCap(cb, id)
		if err := cb.Put(capKey(id), pairKey(uint64(limit), uint64(before+n))); err != nil {
			return 0, err
		}
	}
	return added, nil
}

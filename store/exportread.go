package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Read helpers for moving a database elsewhere (pgstore's importer): they
// walk buckets that have no listing method, in key order, inside one read
// transaction. fn must not write to the store.

// EachPage calls fn with every page record (the latest fetch of each URL),
// in key order; an error from fn stops the walk and is returned.
func (s *Store) EachPage(fn func(PageRecord) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPages).ForEach(func(k, v []byte) error {
			var p PageRecord
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decode page %q: %w", k, err)
			}
			return fn(p)
		})
	})
	if err != nil {
		return fmt.Errorf("store: pages: %w", err)
	}
	return nil
}

// EachFrontierItem calls fn with every frontier item of every sweep, by
// sweep id and then in the order the items were added (State and Outcome
// as stored); an error from fn stops the walk and is returned.
func (s *Store) EachFrontierItem(fn func(sweepID uint64, it FrontierItem) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		fr := tx.Bucket(bucketFrontier)
		return fr.ForEachBucket(func(k []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("frontier bucket key %x: not a sweep id", k)
			}
			sweepID := binary.BigEndian.Uint64(k)
			items := fr.Bucket(k).Bucket(frontierItems)
			if items == nil {
				return nil
			}
			return items.ForEach(func(seq, v []byte) error {
				var it FrontierItem
				if err := json.Unmarshal(v, &it); err != nil {
					return fmt.Errorf("decode frontier item %d/%x: %w", sweepID, seq, err)
				}
				return fn(sweepID, it)
			})
		})
	})
	if err != nil {
		return fmt.Errorf("store: frontier: %w", err)
	}
	return nil
}

// EachSession calls fn with every stored session, in key order (the
// SHA-256 of its token); an error from fn stops the walk and is returned.
func (s *Store) EachSession(fn func(Session) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
			var sess Session
			if err := json.Unmarshal(v, &sess); err != nil {
				return fmt.Errorf("decode session: %w", err)
			}
			return fn(sess)
		})
	})
	if err != nil {
		return fmt.Errorf("store: sessions: %w", err)
	}
	return nil
}

// ModelContent returns the bytes of the model activated as seq (like
// PackContent for rule packs).
func (s *Store) ModelContent(seq uint64) ([]byte, error) { return s.contentAt(modelHistory, seq) }

package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PruneFrontiers deletes the frontiers (every URL a sweep queued, with its
// outcome) of the sweeps that finished or were interrupted before
// finishedBefore; a sweep's record, its summary, its pages, snapshots and
// cases stay. A running sweep's frontier is never touched: it is what a
// resume continues from. Period reports count a pruned sweep's pages from
// its summary. It returns how many sweeps lost their frontier; each goes in
// a transaction of its own, so a large database is not held in one.
func (s *Store) PruneFrontiers(finishedBefore time.Time) (int, error) {
	var old [][]byte
	err := s.db.View(func(tx *bolt.Tx) error {
		frontier := tx.Bucket(bucketFrontier)
		return tx.Bucket(bucketSweeps).ForEach(func(k, v []byte) error {
			if frontier.Bucket(k) == nil {
				return nil
			}
			var sw struct {
				Status     string    `json:"status"`
				FinishedAt time.Time `json:"finished_at"`
			}
			if err := json.Unmarshal(v, &sw); err != nil {
				return fmt.Errorf("decode sweep %x: %w", k, err)
			}
			if sw.Status != SweepRunning && !sw.FinishedAt.IsZero() && sw.FinishedAt.Before(finishedBefore) {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("store: prune frontiers: %w", err)
	}
	pruned := 0
	for _, k := range old {
		err := s.update(func(tx *bolt.Tx) error {
			if tx.Bucket(bucketFrontier).Bucket(k) == nil {
				return nil // pruned meanwhile
			}
			return tx.Bucket(bucketFrontier).DeleteBucket(k)
		})
		if err != nil {
			return pruned, fmt.Errorf("store: prune frontier of sweep %x: %w", k, err)
		}
		pruned++
	}
	return pruned, nil
}

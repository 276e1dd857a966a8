package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PruneBatch bounds what one transaction (bbolt) or one statement
// (PostgreSQL) of a retention prune deletes, so pruning millions of rows
// never holds the database in one long transaction.
const PruneBatch = 10_000

// RetentionCounts is what a retention prune with the same cut would delete
// now (a dry run) or deleted: the frontiers of old sweeps (how many sweeps,
// how many URLs in them) and the page records (the latest fetch of a URL)
// whose latest fetch belongs to an old sweep and that no case refers to.
// An old sweep finished or was interrupted before the cut; a running sweep
// is never old.
type RetentionCounts struct {
	FrontierSweeps int `json:"frontier_sweeps"`
	FrontierURLs   int `json:"frontier_urls"`
	Pages          int `json:"pages"`
}

// prunablePage reports whether a page record may go: it is not flagged and
// names no case (a case's evidence is its snapshots and sightings, which
// stay; the page record of a flagged URL stays with them).
func prunablePage(p *PageRecord) bool { return !p.Flagged && p.CaseID == 0 }

// oldSweeps are the ids (as keys) of the sweeps finished or interrupted
// before the cut.
func oldSweeps(tx *bolt.Tx, finishedBefore time.Time) (map[uint64]bool, error) {
	old := map[uint64]bool{}
	err := tx.Bucket(bucketSweeps).ForEach(func(k, v []byte) error {
		var sw struct {
			Status     string    `json:"status"`
			FinishedAt time.Time `json:"finished_at"`
		}
		if err := json.Unmarshal(v, &sw); err != nil {
			return fmt.Errorf("decode sweep %x: %w", k, err)
		}
		if sw.Status != SweepRunning && !sw.FinishedAt.IsZero() && sw.FinishedAt.Before(finishedBefore) {
			old[binary.BigEndian.Uint64(k)] = true
		}
		return nil
	})
	return old, err
}

// RetentionCounts counts what PruneFrontiers and PrunePages with this cut
// would delete now; it changes nothing.
func (s *Store) RetentionCounts(finishedBefore time.Time) (RetentionCounts, error) {
	var c RetentionCounts
	err := s.db.View(func(tx *bolt.Tx) error {
		old, err := oldSweeps(tx, finishedBefore)
		if err != nil {
			return err
		}
		for id := range old {
			fb, err := frontierBucket(tx, id, false)
			if err != nil {
				return err
			}
			if fb != nil {
				pending, done := readCounts(fb)
				c.FrontierSweeps++
				c.FrontierURLs += pending + done
			}
		}
		return tx.Bucket(bucketPages).ForEach(func(k, v []byte) error {
			var p PageRecord
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decode page %q: %w", k, err)
			}
			if old[p.SweepID] && prunablePage(&p) {
				c.Pages++
			}
			return nil
		})
	})
	if err != nil {
		return RetentionCounts{}, fmt.Errorf("store: retention counts: %w", err)
	}
	return c, nil
}

// PrunePages deletes the page records whose latest fetch belongs to a sweep
// finished or interrupted before finishedBefore and that name no case
// (prunablePage), at most PruneBatch a transaction; snapshots, sightings
// and cases are never touched. A URL fetched again later has a newer
// record, which stays. It returns how many records it deleted.
func (s *Store) PrunePages(finishedBefore time.Time) (int, error) {
	return s.prunePages(finishedBefore, PruneBatch)
}

// prunePages is PrunePages with at most batch records a transaction.
func (s *Store) prunePages(finishedBefore time.Time, batchSize int) (int, error) {
	deleted := 0
	var after []byte // the last key looked at
	for {
		var batch [][]byte
		var next []byte
		err := s.db.View(func(tx *bolt.Tx) error {
			old, err := oldSweeps(tx, finishedBefore)
			if err != nil || len(old) == 0 {
				return err
			}
			c := tx.Bucket(bucketPages).Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for ; k != nil; k, v = c.Next() {
				var p PageRecord
				if err := json.Unmarshal(v, &p); err != nil {
					return fmt.Errorf("decode page %q: %w", k, err)
				}
				if old[p.SweepID] && prunablePage(&p) {
					batch = append(batch, append([]byte(nil), k...))
					if len(batch) == batchSize {
						next = batch[len(batch)-1]
						return nil
					}
				}
			}
			return nil
		})
		if err != nil {
			return deleted, fmt.Errorf("store: prune pages: %w", err)
		}
		if len(batch) > 0 {
			n := 0
			err := s.update(func(tx *bolt.Tx) error {
				n = 0
				b := tx.Bucket(bucketPages)
				for _, k := range batch {
					// Checked again: the URL may have been fetched since.
					var p PageRecord
					ok, err := getJSON(b, k, &p)
					if err != nil {
						return err
					}
					if !ok || !prunablePage(&p) || p.SweepID == 0 {
						continue
					}
					sw := tx.Bucket(bucketSweeps).Get(u64(p.SweepID))
					var rec struct {
						Status     string    `json:"status"`
						FinishedAt time.Time `json:"finished_at"`
					}
					if sw == nil || json.Unmarshal(sw, &rec) != nil || rec.Status == SweepRunning ||
						rec.FinishedAt.IsZero() || !rec.FinishedAt.Before(finishedBefore) {
						continue
					}
					if err := b.Delete(k); err != nil {
						return err
					}
					n++
				}
				return nil
			})
			if err != nil {
				return deleted, fmt.Errorf("store: prune pages: %w", err)
			}
			deleted += n
		}
		if next == nil {
			return deleted, nil
		}
		after = next
	}
}

package store

import (
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ServeReleaseEvery is how often a serving process drops the database's
// mapped pages (ReleaseMappedEvery).
const ServeReleaseEvery = 500 * time.Millisecond

// ReleaseMappedEvery drops the database's mapped pages every d until stop
// is called: for a long-running reader such as serve.
//
// Writes drop them every releaseEvery batched writes (releaseMapped), but
// a server's reads do not: each case page, snapshot and text read maps its
// pages, which then count in the process's resident set until the file is
// unmapped. 500 case pages at random over 100,000 cases left 273 MB of a
// 1.3 GB file mapped (BenchmarkQueue100k), more than the indexes' heap.
// The kernel maps up to 16 cached pages around each one faulted in
// (fault-around), so a case page, which reads a few dozen random pages of
// several buckets, maps about 1 MB of the file. Dropped pages stay in the
// page cache: the next read maps them again without a disk read (a minor
// fault each), so a drop every half second costs little (no change in
// the benchmark's processor time per request) and keeps the file's share
// of the resident set to what was read since the last one: 25–90 MB with
// 50 reviewers, up to ~200 MB for an instant of 50 case pages at once.
func (s *Store) ReleaseMappedEvery(d time.Duration) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if !s.releasing.CompareAndSwap(false, true) {
				continue
			}
			_ = s.db.View(func(tx *bolt.Tx) error { return dropMapped(s.db.Info().Data, tx.Size()) })
			s.releasing.Store(false)
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

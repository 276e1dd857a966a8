package store

import (
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ServeMappedBudget is how much of the database file a serving process
// keeps mapped at most (BoundMapped), and ServeMappedPoll how often it
// looks.
const (
	ServeMappedBudget = 128 << 20
	ServeMappedPoll   = 10 * time.Millisecond
)

// BoundMapped keeps the database's pages mapped into the process (read
// through bbolt's mmap) under about budget bytes until stop is called:
// every poll, and before each case is read (Case, the read of every case
// page), it reads the process's mapped-file figure (/proc/self/statm, a
// constant-time read) and drops the database's mapped pages when it is
// over the budget plus what was left after the last drop (the other file
// mappings: the program's code).
//
// A drop on a clock (every 500 ms, tried before) did not bound the
// peak: with the file warm in the page cache (just copied or written,
// so in large folios), a case page maps about 0.8 MB of the file through
// fault-around, and 50 case pages at once mapped 380 MB between two
// drops half a second apart. bbolt already advises the kernel that the
// mapping is read at random (MADV_RANDOM, on every mmap), which stops
// read-ahead from the disk but not fault-around over pages already
// cached. A budget checked this often bounds the peak to the budget plus
// what a few requests map between two looks. Outside Linux it does
// nothing.
func (s *Store) BoundMapped(budget int64, poll time.Duration) (stop func()) {
	if budget <= 0 || !mappedFileSupported() {
		return func() {}
	}
	s.releaseMappedFloor()
	s.mappedBudget.Store(budget)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(poll)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			s.boundMapped()
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mappedBudget.Store(0)
			close(done)
		})
	}
}

// boundMapped drops the database's mapped pages when the mapped part of
// the resident set is over the budget set by BoundMapped (none: 0).
func (s *Store) boundMapped() {
	budget := s.mappedBudget.Load()
	if budget <= 0 {
		return
	}
	if file, ok := mappedFileBytes(); !ok || file <= s.mappedFloor.Load()+budget {
		return
	}
	if !s.releasing.CompareAndSwap(false, true) {
		return
	}
	defer s.releasing.Store(false)
	s.mappedDrops.Add(1)
	s.releaseMappedFloor()
}

// releaseMappedFloor drops the database's mapped pages and notes the
// mapped-file figure left: the process's other file mappings (its own
// code, mostly), which the budget is counted above, so that they can
// never keep it over the budget and make every look drop.
func (s *Store) releaseMappedFloor() {
	_ = s.db.View(func(tx *bolt.Tx) error { return dropMapped(s.db.Info().Data, tx.Size()) })
	if file, ok := mappedFileBytes(); ok {
		s.mappedFloor.Store(file)
	}
}

// MappedDrops is how many times BoundMapped dropped the mapped pages.
func (s *Store) MappedDrops() uint64 { return s.mappedDrops.Load() }

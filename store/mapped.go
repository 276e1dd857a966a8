package store

import bolt "go.etcd.io/bbolt"

// releaseEvery is how many batched writes (a sweep's pages) pass between
// drops of the database's mapped pages; see releaseMapped.
const releaseEvery = 64

// releaseMapped drops the pages of the database file mapped into this
// process, every releaseEvery batched writes.
//
// bbolt reads the file through a shared read-only mmap: every page a
// transaction reads stays mapped, and counts in the process's resident
// set, until the file is unmapped. A sweep writes each page it fetches at
// a random place of the pages and frontier buckets, so over a sweep it
// reads nearly the whole file: sweeping 50,000 local pages mapped 41 MB of
// a 44 MB file, and the resident set grew with the database, without
// bound. Dropping the mapping's pages (madvise MADV_DONTNEED) leaves them
// in the page cache, clean: the next read maps them again from there, with
// no disk read, so the resident set keeps to the pages read since the last
// drop (the branch pages and the leaves being written). The drop runs in a
// read transaction, which holds bbolt's mmap lock: the file cannot be
// remapped (nor closed) under it.
func (s *Store) releaseMapped() {
	if s.batchedWrites.Add(1)%releaseEvery != 0 {
		return
	}
	if !s.releasing.CompareAndSwap(false, true) {
		return
	}
	defer s.releasing.Store(false)
	_ = s.db.View(func(tx *bolt.Tx) error {
		return dropMapped(s.db.Info().Data, tx.Size())
	})
}

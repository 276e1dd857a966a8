package store

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// The queue's answers are cached per query until the next write of a
// case: fifty reviewers paging through their departments' queues ask the
// same few queries again and again, and each answer scans every row of
// the index (100,000 cases: a few milliseconds of processor time, most of
// a queue request's store time under load). Any write of a case (put)
// bumps the index's generation, which makes every cached answer stale;
// the merged duplicates a query leaves out are part of its key. Answers
// hold the page's rows (immutable encoded rows, with the row string table
// they were made with) and the counts; at most queueCacheSize are kept,
// all dropped when full.

// queueCacheSize bounds the answers kept.
const queueCacheSize = 256

type queueCache struct {
	mu      sync.Mutex
	gen     uint64 // the index generation the entries were made at
	entries map[queueCacheKey]*queueCacheEntry
	hits    uint64
	misses  uint64
}

type queueCacheKey struct {
	q      string // the query, encoded
	merged uint64 // fingerprint of the merged duplicates left out
}

type queueCacheEntry struct {
	total  int
	counts map[casework.CaseStatus]int
	rows   []string // encodeQueueRow
	strs   []string // the row string table the rows were read with
}

var queueSeed = maphash.MakeSeed()

// queueCacheKeyOf encodes q (after Check) and the merged set.
func queueCacheKeyOf(q *CaseQuery, merged map[uint64]uint64) queueCacheKey {
	b := make([]byte, 0, 256)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(v uint64) { b = binary.AppendUvarint(b, v) }
	str(string(q.Status))
	str(q.Category)
	str(q.Source)
	str(q.Channel)
	str(q.Host)
	str(string(q.Route))
	srcs := make([]string, 0, len(q.SourceRoutes))
	for k := range q.SourceRoutes {
		srcs = append(srcs, k)
	}
	slices.Sort(srcs)
	num(uint64(len(srcs)))
	for _, k := range srcs {
		str(k)
		str(string(q.SourceRoutes[k]))
	}
	for _, p := range []*float64{q.ScoreMin, q.ScoreMax} {
		if p == nil {
			num(0)
		} else {
			num(1)
			num(math.Float64bits(*p))
		}
	}
	for _, t := range []time.Time{q.From, q.To} {
		if t.IsZero() {
			num(0)
			continue
		}
		num(1)
		num(uint64(t.UnixNano()))
	}
	num(q.FirstSweep)
	flags := uint64(0)
	if q.HideMerged {
		flags |= 1
	}
	if q.Desc {
		flags |= 2
	}
	num(flags)
	str(q.Sort)
	num(uint64(q.Offset))
	num(uint64(q.Limit))
	var fp uint64
	if q.HideMerged {
		// Order-free: the sum of a hash of each (duplicate, primary) pair.
		var pair [16]byte
		for id, p := range merged {
			binary.BigEndian.PutUint64(pair[:8], id)
			binary.BigEndian.PutUint64(pair[8:], p)
			fp += maphash.Bytes(queueSeed, pair[:])
		}
		fp ^= uint64(len(merged)) << 48
	}
	return queueCacheKey{q: string(b), merged: fp}
}

// get returns the cached answer of key made at generation gen.
func (c *queueCache) get(gen uint64, key queueCacheKey) (*queueCacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.entries == nil {
		c.misses++
		return nil, false
	}
	e, ok := c.entries[key]
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	return e, ok
}

// put keeps the answer of key made at generation gen.
func (c *queueCache) put(gen uint64, key queueCacheKey, e *queueCacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.entries == nil || len(c.entries) >= queueCacheSize {
		if gen < c.gen {
			return // made before a write the cache has seen
		}
		c.gen, c.entries = gen, map[queueCacheKey]*queueCacheEntry{}
	}
	c.entries[key] = e
}

// page is the CasePage of a cached answer (the rows decoded).
func (e *queueCacheEntry) page() *CasePage {
	p := &CasePage{Total: e.total, Counts: make(map[casework.CaseStatus]int, len(e.counts))}
	for k, v := range e.counts {
		p.Counts[k] = v
	}
	if len(e.rows) > 0 {
		p.Cases = make([]Case, len(e.rows))
		for i, r := range e.rows {
			p.Cases[i] = decodeQueueRow(r, e.strs)
		}
	}
	return p
}

// QueueCacheStats are the queue cache's hits and misses so far (for the
// benchmark and tests).
func (s *Store) QueueCacheStats() (hits, misses uint64) {
	c := &s.queueIndex().cache
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

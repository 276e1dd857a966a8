package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The search index (see searchterms.go for the terms) has two parts.
//
// Pivots are kept in the database by Record, in the transaction that
// writes the case, and built from the stored cases when a database
// without them is opened for writing:
//
//	pivot_cases  kind 0x00 value 0x00 case id (8 bytes) → empty (host, listing, content)
//
// The host pivot follows the case's current URL (the old host's entry is
// removed when it moves); the contact pivot reads the contact index
// (contacts.go).
//
// Terms are kept in memory (termIndex): built from the stored snapshots'
// titles, texts and URLs on the first search, then updated by every
// Record once its transaction has committed. Kept in the database as
// term → case postings they made Record 20 times slower (a hundred random
// B+tree keys a page, each commit rewriting their leaf pages: 5,000
// cases took 67 s instead of 3 s), which a sweep cannot afford; in memory
// a posting is one to three bytes (postings.go). A case's terms are the
// union over its snapshots: a case is found by what any version of its
// page said.
var bucketPivotCases = []byte("pivot_cases")

// maxPivotCount bounds how far a pivot's cases are counted.
const maxPivotCount = 100_000

func pivotKey(kind PivotKind, value string) []byte {
	return []byte(string(kind) + "\x00" + value + "\x00")
}

// indexPivots updates the pivots of case c inside record: its host
// (oldURL is its URL before this observation), its listing id, and with a
// new snapshot its body hash.
func indexPivots(tx *bolt.Tx, c *caseRecord, oldURL string, o *Observation, newSnapshot bool) error {
	b, err := tx.CreateBucketIfNotExists(bucketPivotCases)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketPivotCases, err)
	}
	if old, now := SearchHost(oldURL), SearchHost(c.URL); old != now || oldURL == "" {
		if old != "" {
			if err := b.Delete(binary.BigEndian.AppendUint64(pivotKey(PivotHost, old), c.ID)); err != nil {
				return err
			}
		}
		if err := putPivot(b, PivotHost, now, c.ID); err != nil {
			return err
		}
	}
	if oldURL == "" {
		if id, ok := ListingID(c.Key); ok {
			if err := putPivot(b, PivotListing, id, c.ID); err != nil {
				return err
			}
		}
	}
	if newSnapshot {
		return putPivot(b, PivotContent, o.BodySHA256, c.ID)
	}
	return nil
}

func putPivot(b *bolt.Bucket, kind PivotKind, value string, id uint64) error {
	if value == "" || len(value) > maxPivotValue {
		return nil
	}
	return b.Put(binary.BigEndian.AppendUint64(pivotKey(kind, value), id), []byte{})
}

// buildPivots indexes every stored case when the pivots are missing (a
// database from before search): run by initSchema.
func buildPivots(tx *bolt.Tx) error {
	if tx.Bucket(bucketPivotCases) != nil {
		return nil
	}
	b, err := tx.CreateBucket(bucketPivotCases)
	if err != nil {
		return err
	}
	snaps := tx.Bucket(bucketSnapshots)
	return eachCaseSnapshot(tx, func(c *caseRecord, snapIDs [][]byte) error {
		if err := putPivot(b, PivotHost, SearchHost(c.URL), c.ID); err != nil {
			return err
		}
		if id, ok := ListingID(c.Key); ok {
			if err := putPivot(b, PivotListing, id, c.ID); err != nil {
				return err
			}
		}
		for _, sid := range snapIDs {
			var sn Snapshot
			if ok, err := getJSON(snaps, sid, &sn); err != nil || !ok {
				continue
			}
			if err := putPivot(b, PivotContent, sn.BodySHA256, c.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// eachCaseSnapshot calls fn with every stored case (without its finding)
// and the keys of its snapshots.
func eachCaseSnapshot(tx *bolt.Tx, fn func(c *caseRecord, snapIDs [][]byte) error) error {
	caseSnaps := tx.Bucket(bucketCaseSnapshots).Cursor()
	var ids [][]byte
	return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		c, err := decodeCaseRecord(v, false)
		if err != nil {
			return fmt.Errorf("decode case %x: %w", k, err)
		}
		ids = ids[:0]
		for sk, _ := caseSnaps.Seek(k); sk != nil && bytes.HasPrefix(sk, k); sk, _ = caseSnaps.Next() {
			ids = append(ids, sk[8:])
		}
		return fn(&c, ids)
	})
}

// termIndex is the in-memory full-text index: for each term the cases
// holding it, ascending, each with the fields it occurred in
// (postingList); and each case's score and last seen, for ranking. The
// zero value is an index not built yet.
type termIndex struct {
	mu       sync.RWMutex
	built    atomic.Bool
	building atomic.Bool // a background build runs (ready)
	// postings: a term's only posting inline (singlePosting), else the
	// index of its list in lists (86% of the terms of 100,000 realistic
	// cases have one posting, mostly the numbers of their URLs: a list
	// each would take 60 bytes more).
	postings map[string]uint64
	lists    []postingList
	rank     []caseRank // by case id
}

// A postings value of termIndex: bit 0 set for a single posting, with
// its fields in bits 1–3 and its case id from bit 4; else the index of
// the term's list from bit 1.
func singlePosting(id uint32, fields uint8) uint64 { return uint64(id)<<4 | uint64(fields&7)<<1 | 1 }

// list is the postings of term t (a copy of the list header; mu held).
func (ix *termIndex) list(t string) postingList {
	v, ok := ix.postings[t]
	switch {
	case !ok:
		return postingList{}
	case v&1 == 1:
		var l postingList
		l.add(uint32(v>>4), uint8(v>>1&7))
		return l
	}
	return ix.lists[v>>1]
}

type caseRank struct {
	score float64
	seen  int64 // unix ns
}

// maxIndexedCaseID is the largest case id the term index holds (ids
// take 29 bits of a posting).
const maxIndexedCaseID = 1<<29 - 1

// ensure builds the index from the stored cases unless it is built.
func (ix *termIndex) ensure(db *bolt.DB) error {
	if ix.built.Load() {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.built.Load() {
		return nil
	}
	// Records committed from now on wait for the lock and are applied
	// after the build (adding twice is harmless); those committed before
	// are in the snapshot this transaction reads.
	ix.postings, ix.lists = map[string]uint64{}, nil
	ix.rank = nil
	// Each snapshot's text and page title, with the case's title and
	// URL (a snapshot's own are not decoded: its record holds the
	// finding, several KB).
	n := 0
	err := db.View(func(tx *bolt.Tx) error {
		texts := tx.Bucket(bucketTexts)
		return eachCaseSnapshot(tx, func(c *caseRecord, snapIDs [][]byte) error {
			if n++; n%queueBuildDrop == 0 {
				// Keep the resident set to the pages read since the last
				// drop, as the queue index's build does (releaseMapped).
				_ = dropMapped(db.Info().Data, tx.Size())
			}
			ix.setRank(c.ID, c.Score, c.LastSeen)
			for _, sid := range snapIDs {
				var st SnapshotText
				if _, err := getJSON(texts, sid, &st); err != nil {
					st = SnapshotText{}
				}
				ix.add(c.ID, SearchTerms(st.Title, st.Text, ""))
			}
			ix.add(c.ID, SearchTerms(c.Title, "", c.URL))
			return nil
		})
	})
	if err != nil {
		ix.postings, ix.lists = nil, nil
		return fmt.Errorf("build the search index: %w", err)
	}
	// Drop the slack append left (a third of the postings' memory).
	for i := range ix.lists {
		ix.lists[i].trim()
	}
	ix.lists = slices.Clip(ix.lists)
	ix.built.Store(true)
	// The scan mapped the cases and texts it read into the resident set;
	// drop them (they stay in the page cache).
	_ = db.View(func(tx *bolt.Tx) error { return dropMapped(db.Info().Data, tx.Size()) })
	return nil
}

// syncBuildCases is the most cases a search builds the index for while
// it waits; above it the index is built in the background and searches
// by words fail with ErrSearchIndexBuilding until it is done.
var syncBuildCases uint64 = 20_000 // a variable for tests

// ErrSearchIndexBuilding: the full-text index is being built (after a
// start); pivots work meanwhile.
var ErrSearchIndexBuilding = errors.New("the search index is being built")

// ready builds the term index when the store is small enough to wait,
// else starts building it in the background and reports whether it is
// ready.
func (ix *termIndex) ready(db *bolt.DB) (bool, error) {
	if ix.built.Load() {
		return true, nil
	}
	var n uint64
	if err := db.View(func(tx *bolt.Tx) error { n = tx.Bucket(bucketCases).Sequence(); return nil }); err != nil {
		return false, err
	}
	if n <= syncBuildCases {
		return true, ix.ensure(db)
	}
	if ix.building.CompareAndSwap(false, true) {
		go func() {
			defer ix.building.Store(false)
			_ = ix.ensure(db) // a failure is tried again by the next search
		}()
	}
	return false, nil
}

// recorded applies a committed Record to the index, when it is built.
func (ix *termIndex) recorded(res RecordResult, o *Observation) {
	if !ix.built.Load() {
		// Not built: the build will read the committed case. (A build
		// under way holds mu; recorded waits below only when built.)
		ix.mu.RLock()
		building := !ix.built.Load()
		ix.mu.RUnlock()
		if building {
			return
		}
	}
	var terms map[string]uint8
	if res.NewSnapshot {
		terms = SearchTerms(o.Title+"\n"+o.PageTitle, o.Text, o.URL+" "+o.FinalURL)
	} else {
		terms = SearchTerms("", "", o.FinalURL)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if r := ix.rankOf(res.CaseID); r == nil || o.FetchedAt.UnixNano() >= r.seen {
		ix.setRank(res.CaseID, o.Score, o.FetchedAt)
	}
	ix.add(res.CaseID, terms)
}

func (ix *termIndex) rankOf(id uint64) *caseRank {
	if id >= uint64(len(ix.rank)) {
		return nil
	}
	return &ix.rank[id]
}

func (ix *termIndex) setRank(id uint64, score float64, seen time.Time) {
	if id > maxIndexedCaseID {
		return
	}
	if id >= uint64(len(ix.rank)) {
		ix.rank = slices.Grow(ix.rank, int(id)+1-len(ix.rank))[:id+1]
	}
	ix.rank[id] = caseRank{score: score, seen: seen.UnixNano()}
}

// add adds the postings of case id (mu held for writing).
func (ix *termIndex) add(id uint64, terms map[string]uint8) {
	if id > maxIndexedCaseID {
		return
	}
	for t, f := range terms {
		v, ok := ix.postings[t]
		switch {
		case !ok:
			ix.postings[t] = singlePosting(uint32(id), f)
		case v&1 == 0:
			ix.lists[v>>1].add(uint32(id), f)
		case uint32(v>>4) == uint32(id):
			ix.postings[t] = v | uint64(f&7)<<1
		default:
			var l postingList
			l.add(uint32(v>>4), uint8(v>>1&7))
			l.add(uint32(id), f)
			ix.postings[t] = uint64(len(ix.lists)) << 1
			ix.lists = append(ix.lists, l)
		}
	}
}

// hit is one matching case while a search ranks them.
type hit struct {
	id        uint64
	relevance int
	score     float64
	lastSeen  int64
}

// Search returns the cases that match q, best first (see SearchResult).
func (s *Store) Search(q SearchQuery) (*SearchResult, error) {
	terms, err := q.Prepare()
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	ready, err := s.terms.ready(s.db)
	if err != nil {
		return nil, fmt.Errorf("store: search %.100q: %w", q.Text, err)
	}
	if !ready && len(terms) > 0 {
		return nil, fmt.Errorf("store: search %.100q: %w", q.Text, ErrSearchIndexBuilding)
	}
	res := &SearchResult{}
	err = s.db.View(func(tx *bolt.Tx) error {
		var hits []hit
		if q.Pivot != nil {
			hits = pivotHits(tx, *q.Pivot, maxPivotCount)
		}
		if ready {
			hits = s.terms.match(terms, hits, q.Pivot != nil)
		} else if err := rankFromCases(tx, hits); err != nil {
			return err
		}
		res.Total = len(hits)
		if q.Offset >= len(hits) {
			return nil
		}
		hits = bestHits(hits, q.Offset+q.Limit)[q.Offset:]
		cases := tx.Bucket(bucketCases)
		for _, h := range hits {
			v := cases.Get(u64(h.id))
			if v == nil {
				continue
			}
			c, err := decodeCaseRecord(v, false)
			if err != nil {
				return fmt.Errorf("decode case %d: %w", h.id, err)
			}
			res.Cases = append(res.Cases, c.Case)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: search %.100q: %w", q.Text, err)
	}
	return res, nil
}

// better orders hits best first.
func better(a, b hit) int {
	return cmp.Or(cmp.Compare(b.relevance, a.relevance), cmp.Compare(b.score, a.score),
		cmp.Compare(b.lastSeen, a.lastSeen), cmp.Compare(b.id, a.id))
}

// bestHits are the best n of hits, in order: a bounded heap, so that a
// term every case holds does not sort them all.
func bestHits(hits []hit, n int) []hit {
	if len(hits) <= n*4 {
		slices.SortFunc(hits, better)
		return hits[:min(n, len(hits))]
	}
	// top is a heap with the worst of the best n at its root.
	top := slices.Clone(hits[:n])
	worse := func(i, j int) bool { return better(top[i], top[j]) > 0 }
	down := func(i int) {
		for {
			w, l, r := i, 2*i+1, 2*i+2
			if l < n && worse(l, w) {
				w = l
			}
			if r < n && worse(r, w) {
				w = r
			}
			if w == i {
				return
			}
			top[i], top[w] = top[w], top[i]
			i = w
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, h := range hits[n:] {
		if better(h, top[0]) < 0 {
			top[0] = h
			down(0)
		}
	}
	slices.SortFunc(top, better)
	return top
}

// WarmSearch builds the full-text index now (it is otherwise built by
// the first search): a server calls it in the background at start.
func (s *Store) WarmSearch() error { return s.terms.ensure(s.db) }

// match keeps the hits (ascending by id) that hold every term, adding
// their relevance, and fills in their rank; with !started, every case
// holding the terms is a hit.
func (ix *termIndex) match(terms []string, hits []hit, started bool) []hit {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	lists := make([]postingList, len(terms))
	for i, t := range terms {
		lists[i] = ix.list(t)
	}
	// The rarest term first: every other list is sought through, not
	// walked.
	slices.SortFunc(lists, func(a, b postingList) int { return cmp.Compare(a.n, b.n) })
	for i := range lists {
		list := &lists[i]
		if !started {
			hits = make([]hit, list.n)
			var prev uint32
			for i, off := 0, 0; off < len(list.data); i++ {
				id, f, n := readPosting(list.data, off, prev)
				hits[i] = hit{id: uint64(id), relevance: SearchWeight(f)}
				off, prev = off+n, id
			}
			started = true
			continue
		}
		out := hits[:0]
		cur := postingCursor{l: list}
		for _, h := range hits {
			if h.id > maxIndexedCaseID {
				continue
			}
			if id, f, ok := cur.seek(uint32(h.id)); ok && id == uint32(h.id) {
				h.relevance += SearchWeight(f)
				out = append(out, h)
			}
		}
		hits = out
	}
	for i := range hits {
		if r := ix.rankOf(hits[i].id); r != nil {
			hits[i].score, hits[i].lastSeen = r.score, r.seen
		}
	}
	return hits
}

// rankFromCases fills in the hits' rank from the stored cases, while the
// term index is not built.
func rankFromCases(tx *bolt.Tx, hits []hit) error {
	cases := tx.Bucket(bucketCases)
	for i := range hits {
		v := cases.Get(u64(hits[i].id))
		if v == nil {
			continue
		}
		c, err := decodeCaseRecord(v, false)
		if err != nil {
			return fmt.Errorf("decode case %d: %w", hits[i].id, err)
		}
		hits[i].score, hits[i].lastSeen = c.Score, c.LastSeen.UnixNano()
	}
	return nil
}

// pivotHits lists the cases of pivot p, ascending by id, at most limit.
func pivotHits(tx *bolt.Tx, p Pivot, limit int) []hit {
	var (
		b      *bolt.Bucket
		prefix []byte
	)
	if p.Kind == PivotContact {
		ct, _ := p.Contact()
		b, prefix = tx.Bucket(bucketContactCases), ct.key()
	} else {
		b, prefix = tx.Bucket(bucketPivotCases), pivotKey(p.Kind, p.Value)
	}
	if b == nil {
		return nil
	}
	var out []hit
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(out) < limit; k, _ = c.Next() {
		if len(k) == len(prefix)+8 {
			out = append(out, hit{id: binary.BigEndian.Uint64(k[len(prefix):])})
		}
	}
	return out
}

// PivotCounts lists the pivots of a case (its contacts, host, listing id
// and latest body hash) with how many cases share each.
func (s *Store) PivotCounts(caseID uint64) ([]PivotCount, error) {
	var out []PivotCount
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCases).Get(u64(caseID))
		if v == nil {
			return ErrNotFound
		}
		c, err := decodeCaseRecord(v, false)
		if err != nil {
			return err
		}
		var body string
		if c.LatestSnapshot != 0 {
			var sn Snapshot
			if _, err := getJSON(tx.Bucket(bucketSnapshots), u64(c.LatestSnapshot), &sn); err != nil {
				return err
			}
			body = sn.BodySHA256
		}
		for _, p := range CasePivots(&c.Case, caseContacts(tx, caseID), body) {
			out = append(out, PivotCount{Pivot: p, Count: len(pivotHits(tx, p, maxPivotCount))})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: pivots of case %d: %w", caseID, err)
	}
	return out, nil
}

// CasePivots are the pivots of case c with its indexed contacts and its
// latest snapshot's body hash, in the order the case page shows them:
// contacts, host, listing id, content.
func CasePivots(c *Case, contacts []CaseContact, bodySHA256 string) []Pivot {
	var out []Pivot
	for _, ct := range contacts {
		out = append(out, ContactPivot(ct))
	}
	if h := SearchHost(c.URL); h != "" {
		out = append(out, Pivot{Kind: PivotHost, Value: h})
	}
	if id, ok := ListingID(c.Key); ok && len(id) <= maxPivotValue {
		out = append(out, Pivot{Kind: PivotListing, Value: id})
	}
	if bodySHA256 != "" {
		out = append(out, Pivot{Kind: PivotContent, Value: bodySHA256})
	}
	return out
}

package store

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// The review queue (issue 13): listing, filtering, sorting and counting
// cases without decoding them. Both backends answer QueryCases: this one
// from an in-memory index of compact rows (the case without its finding,
// plus its host), built by one scan of the cases bucket on the first query
// and kept up to date by putCase, through which every write of a case
// goes: the new row replaces the old when that write's transaction
// commits (bolt.Tx.OnCommit), versioned by transaction id so that commit
// handlers running out of order never bring back an older row. The
// PostgreSQL backend reads the same columns from its cases table, with
// indexes for each sort order.

// Queue limits.
const (
	// MaxQueuePageSize bounds CaseQuery.Limit.
	MaxQueuePageSize = 200
	// DefaultQueuePageSize is the page size when the query gives none.
	DefaultQueuePageSize = 50
	// MaxQueueOffset bounds CaseQuery.Offset (offset pagination).
	MaxQueueOffset = 10_000_000
	// MaxQueueText bounds each text filter (category, source, host…).
	MaxQueueText = 256
)

// Queue sort keys.
const (
	SortScore     = "score"
	SortFirstSeen = "first_seen"
	SortLastSeen  = "last_seen"
	SortHost      = "host"
	SortStatus    = "status"
)

// QueueSorts are the sort keys CaseQuery.Sort accepts, in the order a
// form offers them.
var QueueSorts = []string{SortScore, SortFirstSeen, SortLastSeen, SortHost, SortStatus}

// CaseQuery is one page of the review queue: filters, an order and a
// window. The zero value lists every case, lowest score first, 50 a page
// (the queue asks for Desc: highest first).
type CaseQuery struct {
	// Status keeps cases of this status ("" for all); the counts of
	// CasePage ignore it.
	Status   casework.CaseStatus
	Category string
	Source   string // source id
	Channel  string // rules, model, rules+model
	Host     string // the URL's host name, lower case
	// Route keeps cases whose department is this route: the chosen
	// route, else the suggested one, where SourceRoutes replaces a
	// suggested takedown (any route but a police referral) by its
	// source's configured route, as the review server suggests.
	Route        casework.Route
	SourceRoutes map[string]casework.Route
	// ScoreMin and ScoreMax, when set, bound the score (inclusive).
	ScoreMin, ScoreMax *float64
	// From and To, when not zero, bound the first-seen time: From ≤ t < To.
	From, To time.Time
	// FirstSweep, when not 0, keeps cases first found by that sweep.
	FirstSweep uint64
	// HideMerged leaves out the duplicates merged into another case
	// (they are decided through their primary), from the page and the
	// counts alike.
	HideMerged bool
	// Sort is one of QueueSorts ("" is score); Desc reverses it. Ties
	// are broken by ascending id, whatever the direction.
	Sort string
	Desc bool
	// Offset and Limit are the window (Limit 0 is DefaultQueuePageSize,
	// at most MaxQueuePageSize).
	Offset, Limit int
}

// CasePage is the answer to a CaseQuery.
type CasePage struct {
	// Cases in order, without their findings (SuggestedRoute and Channel
	// are set).
	Cases []Case
	// Total is how many cases match the whole query.
	Total int
	// Counts are the cases matching every filter but Status, by status;
	// Counts[""] is all of them.
	Counts map[casework.CaseStatus]int
}

// QueueFacets are the values the queue's filters offer.
type QueueFacets struct {
	Categories, Sources []string // sorted, without ""
}

// Check validates q and fills in its defaults.
func (q *CaseQuery) Check() error {
	if q.Sort == "" {
		q.Sort = SortScore
	}
	if !slices.Contains(QueueSorts, q.Sort) {
		return fmt.Errorf("%w: unknown sort %.40q", ErrInvalid, q.Sort)
	}
	if q.Limit == 0 {
		q.Limit = DefaultQueuePageSize
	}
	if q.Limit < 0 || q.Limit > MaxQueuePageSize {
		return fmt.Errorf("%w: page size %d (1 to %d)", ErrInvalid, q.Limit, MaxQueuePageSize)
	}
	if q.Offset < 0 || q.Offset > MaxQueueOffset {
		return fmt.Errorf("%w: offset %d", ErrInvalid, q.Offset)
	}
	for _, s := range []string{string(q.Status), q.Category, q.Source, q.Channel, q.Host, string(q.Route)} {
		if len(s) > MaxQueueText {
			return fmt.Errorf("%w: filter longer than %d bytes", ErrInvalid, MaxQueueText)
		}
	}
	if len(q.SourceRoutes) > 10_000 {
		return fmt.Errorf("%w: %d source routes", ErrInvalid, len(q.SourceRoutes))
	}
	return nil
}

// QueueDepartment is a case's department as CaseQuery.Route reads it: the
// chosen route, else the suggested one, a suggested takedown replaced by
// its source's route from sourceRoutes.
func QueueDepartment(c *Case, sourceRoutes map[string]casework.Route) casework.Route {
	if c.Route != "" {
		return c.Route
	}
	if r := sourceRoutes[c.SourceID]; r != "" && c.SuggestedRoute != casework.RoutePoliceReferral {
		return r
	}
	return c.SuggestedRoute
}

// QueueHost is the host a queue filters and sorts by: the URL's host name
// in lower case, without a trailing dot ("" when it has none).
func QueueHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// The index keeps, per case, a compact key (queueKey: numbers and
// interned strings, ~80 bytes, in one contiguous slice that a query scans
// without chasing pointers) and the case itself without its finding,
// encoded (queue_rows.go), for the rows of the page answered. A row is
// never changed once stored: a write replaces it, so readers may keep a
// row after dropping the lock.
type queueKey struct {
	score       float64
	first, last int64 // Unix ns
	firstSweep  uint64
	id          uint64
	ver         uint64 // id of the transaction that wrote it
	host        uint32 // interned strings (queueIndex.str)
	category    uint32
	source      uint32
	channel     uint32
	status      uint32
	route       uint32
	suggested   uint32
}

// queueIndex is a database's queue index.
type queueIndex struct {
	mu    sync.RWMutex
	built bool
	keys  []queueKey
	rows  []string       // encodeQueueRow, with rowStrs
	pos   map[uint64]int // case id → index in keys and rows
	// rowStrs are the rows' few-valued strings.
	rowStrs rowStrings
	// Interned strings: id 0 is "". Statuses have their own table, so
	// that their ids are small (counted in an array).
	ids, stIDs   map[string]uint32
	strs, stStrs []string
	// How many cases have each category and source, for QueueFacets.
	catN, srcN map[uint32]int
	// gen counts the writes of rows; answers cached at an older one are
	// stale (queue_cache.go).
	gen   uint64
	cache queueCache
}

// queueIndexes maps an open *bolt.DB to its index, so that putCase, which
// has only the transaction, finds it.
var queueIndexes sync.Map

func (s *Store) queueIndex() *queueIndex {
	v, _ := queueIndexes.LoadOrStore(s.db, &queueIndex{})
	return v.(*queueIndex)
}

// dropQueueIndex forgets the index of a closed database.
func (s *Store) dropQueueIndex() { queueIndexes.Delete(s.db) }

// queueCase is a case as the index keeps it: without its finding, with
// the suggested route and channel read from it.
func queueCase(c *Case, finding []byte) *Case {
	r := *c
	r.Finding = nil
	if finding != nil {
		r.SuggestedRoute, r.Channel = findingRouteChannel(finding)
	}
	return &r
}

// queueCaseWritten is putCase's hook: when tx commits, c replaces its
// row in the index (if the index is built).
func queueCaseWritten(tx *bolt.Tx, c *caseRecord) {
	v, ok := queueIndexes.Load(tx.DB())
	if !ok {
		return
	}
	idx := v.(*queueIndex)
	row, ver := queueCase(&c.Case, c.Finding), uint64(tx.ID())
	tx.OnCommit(func() {
		idx.mu.Lock()
		defer idx.mu.Unlock()
		if idx.built { // else the build's scan sees the write
			idx.put(row, ver)
		}
	})
}

// intern is s's id, added if new (under the write lock).
func (idx *queueIndex) intern(s string) uint32 {
	if id, ok := idx.ids[s]; ok {
		return id
	}
	id := uint32(len(idx.strs))
	idx.strs = append(idx.strs, s)
	idx.ids[s] = id
	return id
}

// internStatus is the id of status s, added if new.
func (idx *queueIndex) internStatus(s string) uint32 {
	if id, ok := idx.stIDs[s]; ok {
		return id
	}
	id := uint32(len(idx.stStrs))
	idx.stStrs = append(idx.stStrs, s)
	idx.stIDs[s] = id
	return id
}

// lookup is s's id; ok is false when no row has it.
func (idx *queueIndex) lookup(s string) (uint32, bool) {
	id, ok := idx.ids[s]
	return id, ok
}

// put stores c (its Finding left out) as written by transaction ver,
// unless a later write is there already (commit handlers may run out of
// order). Under the write lock.
func (idx *queueIndex) put(c *Case, ver uint64) {
	k := queueKey{score: c.Score, first: c.FirstSeen.UnixNano(), last: c.LastSeen.UnixNano(), firstSweep: c.FirstSweep,
		id: c.ID, ver: ver, host: idx.intern(QueueHost(c.URL)), category: idx.intern(c.Category), source: idx.intern(c.SourceID),
		channel: idx.intern(c.Channel), status: idx.internStatus(string(c.Status)), route: idx.intern(string(c.Route)),
		suggested: idx.intern(string(c.SuggestedRoute))}
	i, ok := idx.pos[c.ID]
	if ok {
		old := &idx.keys[i]
		if old.ver > ver {
			return
		}
		idx.catN[old.category]--
		idx.srcN[old.source]--
		idx.keys[i], idx.rows[i] = k, encodeQueueRow(c, &idx.rowStrs)
	} else {
		idx.pos[c.ID] = len(idx.keys)
		idx.keys = append(idx.keys, k)
		idx.rows = append(idx.rows, encodeQueueRow(c, &idx.rowStrs))
	}
	idx.catN[k.category]++
	idx.srcN[k.source]++
	idx.gen++
}

// queueBuildDrop is how many cases the index build reads between drops
// of the database's mapped pages.
const queueBuildDrop = 5000

// ensure builds the index by one scan of the cases bucket, once.
func (idx *queueIndex) ensure(db *bolt.DB) error {
	idx.mu.RLock()
	built := idx.built
	idx.mu.RUnlock()
	if built {
		return nil
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if idx.built {
		return nil
	}
	idx.ids, idx.strs = map[string]uint32{"": 0}, []string{""}
	idx.stIDs, idx.stStrs = map[string]uint32{}, nil
	idx.pos, idx.catN, idx.srcN = map[uint64]int{}, map[uint32]int{}, map[uint32]int{}
	idx.keys, idx.rows, idx.rowStrs = nil, nil, rowStrings{}
	err := db.View(func(tx *bolt.Tx) error {
		ver := uint64(tx.ID())
		b := tx.Bucket(bucketCases)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			c, err := decodeCaseRecord(v, false)
			if err != nil {
				return fmt.Errorf("decode case %x: %w", k, err)
			}
			idx.put(&c.Case, ver) // decoded without its finding
			if len(idx.keys)%queueBuildDrop == 0 {
				// Keep the resident set to the pages read since the
				// last drop (see releaseMapped); the View holds the
				// mmap lock, and the pages read again come from the
				// page cache.
				_ = dropMapped(db.Info().Data, tx.Size())
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	idx.built = true
	// The scan mapped every page of the cases bucket into the resident
	// set; drop them (they stay in the page cache): see releaseMapped.
	_ = db.View(func(tx *bolt.Tx) error { return dropMapped(db.Info().Data, tx.Size()) })
	return nil
}

// compiled is a CaseQuery in the index's terms (under the read lock).
type compiled struct {
	q                          *CaseQuery
	merged                     map[uint64]uint64 // left out (HideMerged)
	none                       bool              // a filter value no case has
	category, source, channel  uint32
	host, status, route        uint32
	hasCat, hasSrc, hasChan    bool
	hasHost, hasStatus, hasRte bool
	police                     uint32
	srcRoute                   map[uint32]uint32 // source → configured route
	from, to                   int64
	strs, stStrs               []string
	sort                       int // index in QueueSorts
}

func (idx *queueIndex) compile(q *CaseQuery) *compiled {
	c := &compiled{q: q, strs: idx.strs, stStrs: idx.stStrs, from: math.MinInt64, to: math.MaxInt64,
		sort: max(0, slices.Index(QueueSorts, q.Sort))}
	pick := func(s string, id *uint32, has *bool) {
		if s == "" {
			return
		}
		*has = true
		var ok bool
		if *id, ok = idx.lookup(s); !ok {
			c.none = true
		}
	}
	pick(q.Category, &c.category, &c.hasCat)
	pick(q.Source, &c.source, &c.hasSrc)
	pick(q.Channel, &c.channel, &c.hasChan)
	pick(q.Host, &c.host, &c.hasHost)
	if q.Status != "" {
		var ok bool
		c.hasStatus = true
		if c.status, ok = idx.stIDs[string(q.Status)]; !ok {
			c.status = math.MaxUint32 // counted, never listed
		}
	}
	if q.Route != "" {
		c.hasRte = true
		var ok bool
		if c.route, ok = idx.lookup(string(q.Route)); !ok {
			c.route = math.MaxUint32 // may still come from a source's route
		}
		c.police, ok = idx.lookup(string(casework.RoutePoliceReferral))
		if !ok {
			c.police = math.MaxUint32
		}
		for src, r := range q.SourceRoutes {
			sid, ok1 := idx.lookup(src)
			if r == "" || !ok1 {
				continue
			}
			rid, ok2 := idx.lookup(string(r))
			if !ok2 {
				rid = math.MaxUint32 - 1 // a route no row names: never the filter's unless equal
				if r == q.Route {
					rid = c.route
				}
			}
			if c.srcRoute == nil {
				c.srcRoute = map[uint32]uint32{}
			}
			c.srcRoute[sid] = rid
		}
	}
	if !q.From.IsZero() {
		c.from = q.From.UnixNano()
	}
	if !q.To.IsZero() {
		c.to = q.To.UnixNano()
	}
	return c
}

// match reports whether k passes every filter but the status.
func (c *compiled) match(k *queueKey) bool {
	q := c.q
	switch {
	case c.hasCat && k.category != c.category,
		c.hasSrc && k.source != c.source,
		c.hasChan && k.channel != c.channel,
		c.hasHost && k.host != c.host,
		q.ScoreMin != nil && k.score < *q.ScoreMin,
		q.ScoreMax != nil && k.score > *q.ScoreMax,
		k.first < c.from, k.first >= c.to,
		q.FirstSweep != 0 && k.firstSweep != q.FirstSweep:
		return false
	}
	if c.merged != nil {
		if _, ok := c.merged[k.id]; ok {
			return false
		}
	}
	if c.hasRte {
		dept := k.route
		if dept == 0 { // no route chosen
			dept = k.suggested
			if r, ok := c.srcRoute[k.source]; ok && k.suggested != c.police {
				dept = r
			}
		}
		if dept != c.route {
			return false
		}
	}
	return true
}

// compare orders two keys as the query asks, ties by ascending id.
func (c *compiled) compare(a, b *queueKey) int {
	var d int
	switch c.sort {
	case 1: // SortFirstSeen
		d = cmp.Compare(a.first, b.first)
	case 2: // SortLastSeen
		d = cmp.Compare(a.last, b.last)
	case 3: // SortHost
		if a.host != b.host {
			d = strings.Compare(c.strs[a.host], c.strs[b.host])
		}
	case 4: // SortStatus
		if a.status != b.status {
			d = strings.Compare(c.stStrs[a.status], c.stStrs[b.status])
		}
	default:
		d = cmp.Compare(a.score, b.score)
	}
	if d == 0 {
		return cmp.Compare(a.id, b.id)
	}
	if c.q.Desc {
		return -d
	}
	return d
}

// streamTopK is the largest offset+limit a query keeps in a bounded heap
// while it scans (when that is at most a quarter of the cases); deeper
// pages collect every match and sort them.
const streamTopK = 2000

// QueryCases answers one page of the review queue from the index.
func (s *Store) QueryCases(q CaseQuery) (*CasePage, error) {
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("store: query cases: %w", err)
	}
	idx := s.queueIndex()
	if err := idx.ensure(s.db); err != nil {
		return nil, fmt.Errorf("store: query cases: %w", err)
	}
	var merged map[uint64]uint64
	if q.HideMerged {
		var err error
		if merged, err = s.MergedIDs(); err != nil {
			return nil, fmt.Errorf("store: query cases: %w", err)
		}
	}
	key := queueCacheKeyOf(&q, merged)
	page := &CasePage{Counts: map[casework.CaseStatus]int{}}
	want := q.Offset + q.Limit
	idx.mu.RLock()
	if e, ok := idx.cache.get(idx.gen, key); ok {
		idx.mu.RUnlock()
		return e.page(), nil
	}
	c := idx.compile(&q)
	if len(merged) > 0 {
		c.merged = merged
	}
	if c.none {
		idx.mu.RUnlock()
		return page, nil
	}
	counts := map[uint32]int{}
	var statusN [16]int // counts of the first statuses, without a map
	var hits []int
	h := &keyHeap{c: c, keys: idx.keys, k: want}
	stream := want <= streamTopK && want*4 <= len(idx.keys) // a heap pays when it keeps few
	// Rows are kept in the order cases were made, which is roughly the
	// order of first (and last) seen: a descending order scans from the
	// end, so that the heap fills with the first rows of the page at once
	// and rejects the rest with one comparison each.
	nk := len(idx.keys)
	for j := range nk {
		i := j
		if q.Desc {
			i = nk - 1 - j
		}
		k := &idx.keys[i]
		if !c.match(k) {
			continue
		}
		if k.status < uint32(len(statusN)) {
			statusN[k.status]++
		} else {
			counts[k.status]++
		}
		if c.hasStatus && k.status != c.status {
			continue
		}
		page.Total++
		if stream {
			h.offer(i)
		} else {
			hits = append(hits, i)
		}
	}
	if stream {
		hits = h.sorted()
	} else {
		slices.SortFunc(hits, func(a, b int) int { return c.compare(&idx.keys[a], &idx.keys[b]) })
	}
	for st, n := range statusN {
		if n > 0 {
			counts[uint32(st)] += n
		}
	}
	for st, n := range counts {
		page.Counts[casework.CaseStatus(idx.stStrs[st])] += n
		page.Counts[""] += n
	}
	e := &queueCacheEntry{total: page.Total, counts: make(map[casework.CaseStatus]int, len(page.Counts))}
	for k, v := range page.Counts {
		e.counts[k] = v
	}
	if q.Offset < len(hits) {
		hits = hits[q.Offset:min(want, len(hits))]
		page.Cases = make([]Case, len(hits))
		e.rows, e.strs = make([]string, len(hits)), idx.rowStrs.strs
		for i, at := range hits {
			page.Cases[i] = decodeQueueRow(idx.rows[at], e.strs)
			e.rows[i] = idx.rows[at]
		}
	}
	idx.cache.put(idx.gen, key, e)
	idx.mu.RUnlock()
	return page, nil
}

// keyHeap keeps the k first rows (by position in keys) of those offered:
// a max-heap whose top is the worst kept.
type keyHeap struct {
	c    *compiled
	keys []queueKey
	k    int
	h    []int
}

func (h *keyHeap) less(a, b int) int { return h.c.compare(&h.keys[a], &h.keys[b]) }

func (h *keyHeap) offer(i int) {
	if len(h.h) < h.k {
		h.h = append(h.h, i)
		for j := len(h.h) - 1; j > 0; {
			p := (j - 1) / 2
			if h.less(h.h[j], h.h[p]) <= 0 {
				break
			}
			h.h[j], h.h[p] = h.h[p], h.h[j]
			j = p
		}
		return
	}
	if h.less(i, h.h[0]) >= 0 {
		return
	}
	h.h[0] = i
	for j := 0; ; {
		l := 2*j + 1
		if l >= len(h.h) {
			return
		}
		m := l
		if r := l + 1; r < len(h.h) && h.less(h.h[r], h.h[l]) > 0 {
			m = r
		}
		if h.less(h.h[m], h.h[j]) <= 0 {
			return
		}
		h.h[j], h.h[m] = h.h[m], h.h[j]
		j = m
	}
}

func (h *keyHeap) sorted() []int {
	slices.SortFunc(h.h, h.less)
	return h.h
}

// QueueFacets lists the categories and sources of the stored cases.
func (s *Store) QueueFacets() (*QueueFacets, error) {
	idx := s.queueIndex()
	if err := idx.ensure(s.db); err != nil {
		return nil, fmt.Errorf("store: queue facets: %w", err)
	}
	f := &QueueFacets{}
	idx.mu.RLock()
	for id, n := range idx.catN {
		if n > 0 && id != 0 {
			f.Categories = append(f.Categories, idx.strs[id])
		}
	}
	for id, n := range idx.srcN {
		if n > 0 && id != 0 {
			f.Sources = append(f.Sources, idx.strs[id])
		}
	}
	idx.mu.RUnlock()
	slices.Sort(f.Categories)
	slices.Sort(f.Sources)
	return f, nil
}

package store

import (
	"cmp"
	"fmt"
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

// queueRow is one case in the index; never changed once stored (a write
// replaces it), so readers may use it after dropping the lock.
type queueRow struct {
	Case
	host string
	ver  uint64 // id of the transaction that wrote it
}

// queueIndex is a database's queue index.
type queueIndex struct {
	mu    sync.RWMutex
	built bool
	rows  []*queueRow
	pos   map[uint64]int // case id → index in rows
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

func newQueueRow(c *Case, finding []byte, ver uint64) *queueRow {
	r := &queueRow{Case: *c, ver: ver}
	r.Finding = nil
	if finding != nil {
		r.SuggestedRoute, r.Channel = findingRouteChannel(finding)
	}
	r.host = QueueHost(r.URL)
	return r
}

// queueCaseWritten is putCase's hook: when tx commits, c's row replaces
// the one in the index (if the index is built).
func queueCaseWritten(tx *bolt.Tx, c *caseRecord) {
	v, ok := queueIndexes.Load(tx.DB())
	if !ok {
		return
	}
	idx := v.(*queueIndex)
	row := newQueueRow(&c.Case, c.Finding, uint64(tx.ID()))
	tx.OnCommit(func() { idx.put(row) })
}

func (idx *queueIndex) put(r *queueRow) {
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if !idx.built {
		return // the build's scan sees the write
	}
	if i, ok := idx.pos[r.ID]; ok {
		if idx.rows[i].ver <= r.ver {
			idx.rows[i] = r
		}
		return
	}
	idx.pos[r.ID] = len(idx.rows)
	idx.rows = append(idx.rows, r)
}

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
	var rows []*queueRow
	pos := map[uint64]int{}
	err := db.View(func(tx *bolt.Tx) error {
		ver := uint64(tx.ID())
		b := tx.Bucket(bucketCases)
		if b == nil {
			return nil
		}
		rows = make([]*queueRow, 0, b.Stats().KeyN)
		return b.ForEach(func(k, v []byte) error {
			c, err := decodeCaseRecord(v, false)
			if err != nil {
				return fmt.Errorf("decode case %x: %w", k, err)
			}
			r := newQueueRow(&c.Case, nil, ver)
			pos[r.ID] = len(rows)
			rows = append(rows, r)
			return nil
		})
	})
	if err != nil {
		return err
	}
	idx.rows, idx.pos, idx.built = rows, pos, true
	return nil
}

// match reports whether r passes every filter of q but Status.
func (q *CaseQuery) match(r *queueRow) bool {
	switch {
	case q.Category != "" && r.Category != q.Category,
		q.Source != "" && r.SourceID != q.Source,
		q.Channel != "" && r.Channel != q.Channel,
		q.Host != "" && r.host != q.Host,
		q.Route != "" && QueueDepartment(&r.Case, q.SourceRoutes) != q.Route,
		q.ScoreMin != nil && r.Score < *q.ScoreMin,
		q.ScoreMax != nil && r.Score > *q.ScoreMax,
		!q.From.IsZero() && r.FirstSeen.Before(q.From),
		!q.To.IsZero() && !r.FirstSeen.Before(q.To),
		q.FirstSweep != 0 && r.FirstSweep != q.FirstSweep:
		return false
	}
	return true
}

// compare orders two rows as q asks, ties by ascending id.
func (q *CaseQuery) compare(a, b *queueRow) int {
	var c int
	switch q.Sort {
	case SortFirstSeen:
		c = a.FirstSeen.Compare(b.FirstSeen)
	case SortLastSeen:
		c = a.LastSeen.Compare(b.LastSeen)
	case SortHost:
		c = strings.Compare(a.host, b.host)
	case SortStatus:
		c = strings.Compare(string(a.Status), string(b.Status))
	default:
		c = cmp.Compare(a.Score, b.Score)
	}
	if q.Desc {
		c = -c
	}
	return cmp.Or(c, cmp.Compare(a.ID, b.ID))
}

// QueryCases answers one page of the review queue from the index.
func (s *Store) QueryCases(q CaseQuery) (*CasePage, error) {
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("store: query cases: %w", err)
	}
	idx := s.queueIndex()
	if err := idx.ensure(s.db); err != nil {
		return nil, fmt.Errorf("store: query cases: %w", err)
	}
	page := &CasePage{Counts: map[casework.CaseStatus]int{}}
	var hits []*queueRow
	idx.mu.RLock()
	for _, r := range idx.rows {
		if !q.match(r) {
			continue
		}
		page.Counts[r.Status]++
		page.Counts[""]++
		if q.Status == "" || r.Status == q.Status {
			hits = append(hits, r)
		}
	}
	idx.mu.RUnlock()
	page.Total = len(hits)
	want := q.Offset + q.Limit
	if want < len(hits) && want <= len(hits)/8 {
		hits = topK(hits, want, q.compare)
	} else {
		slices.SortFunc(hits, q.compare)
	}
	if q.Offset >= len(hits) {
		return page, nil
	}
	hits = hits[q.Offset:min(want, len(hits))]
	page.Cases = make([]Case, len(hits))
	for i, r := range hits {
		page.Cases[i] = r.Case
	}
	return page, nil
}

// topK returns the k first rows of rows in order (k < len(rows)), in
// O(n log k): a bounded max-heap of the best k seen.
func topK(rows []*queueRow, k int, less func(a, b *queueRow) int) []*queueRow {
	h := make([]*queueRow, 0, k)
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && less(h[r], h[l]) > 0 {
				m = r
			}
			if less(h[m], h[i]) <= 0 {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, r := range rows {
		if len(h) < k {
			h = append(h, r)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if less(h[i], h[p]) <= 0 {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if less(r, h[0]) < 0 {
			h[0] = r
			down(0)
		}
	}
	slices.SortFunc(h, less)
	return h
}

// QueueFacets lists the categories and sources of the stored cases.
func (s *Store) QueueFacets() (*QueueFacets, error) {
	idx := s.queueIndex()
	if err := idx.ensure(s.db); err != nil {
		return nil, fmt.Errorf("store: queue facets: %w", err)
	}
	cats, srcs := map[string]bool{}, map[string]bool{}
	idx.mu.RLock()
	for _, r := range idx.rows {
		cats[r.Category] = true
		srcs[r.SourceID] = true
	}
	idx.mu.RUnlock()
	f := &QueueFacets{}
	for c := range cats {
		if c != "" {
			f.Categories = append(f.Categories, c)
		}
	}
	for c := range srcs {
		if c != "" {
			f.Sources = append(f.Sources, c)
		}
	}
	slices.Sort(f.Categories)
	slices.Sort(f.Sources)
	return f, nil
}

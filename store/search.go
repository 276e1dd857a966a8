package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The search index (see searchterms.go for the terms), kept by Record in
// the transaction that writes the case, and built from the stored cases
// when a database without it is opened for writing:
//
//	search_postings  term 0x00 case id (8 bytes)          → fields (1 byte)
//	search_rank      case id                              → score (float64 bits) + last seen (unix ns)
//	pivot_cases      kind 0x00 value 0x00 case id          → empty (host, listing, content)
//
// A case's postings are the union over its snapshots: a case is found by
// what any version of its page said. The host pivot follows the case's
// current URL (the old host's entry is removed when it moves); the
// contact pivot reads the contact index (contacts.go).
var (
	bucketSearchPostings = []byte("search_postings")
	bucketSearchRank     = []byte("search_rank")
	bucketPivotCases     = []byte("pivot_cases")
)

// maxPivotCount bounds how far a pivot's cases are counted.
const maxPivotCount = 100_000

func pivotKey(kind PivotKind, value string) []byte {
	return []byte(string(kind) + "\x00" + value + "\x00")
}

func rankValue(c *Case) []byte {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 16), math.Float64bits(c.Score))
	return binary.BigEndian.AppendUint64(v, uint64(c.LastSeen.UnixNano()))
}

// indexSearch updates the search index for case c inside record: its rank,
// its host (oldURL is its URL before this observation), its listing id,
// and, with a new snapshot, that snapshot's terms and body hash.
func indexSearch(tx *bolt.Tx, c *caseRecord, oldURL string, o *Observation, newSnapshot bool) error {
	b, err := searchBuckets(tx)
	if err != nil {
		return err
	}
	if err := b.rank.Put(u64(c.ID), rankValue(&c.Case)); err != nil {
		return err
	}
	if old, now := SearchHost(oldURL), SearchHost(c.URL); old != now || oldURL == "" {
		if old != "" {
			if err := b.pivots.Delete(binary.BigEndian.AppendUint64(pivotKey(PivotHost, old), c.ID)); err != nil {
				return err
			}
		}
		if err := b.putPivot(PivotHost, now, c.ID); err != nil {
			return err
		}
	}
	if id, ok := ListingID(c.Key); ok {
		if err := b.putPivot(PivotListing, id, c.ID); err != nil {
			return err
		}
	}
	if !newSnapshot {
		// The URL may have moved; its words are few.
		return b.putTerms(c.ID, SearchTerms("", "", o.FinalURL))
	}
	if err := b.putPivot(PivotContent, o.BodySHA256, c.ID); err != nil {
		return err
	}
	terms := SearchTerms(o.Title+"\n"+o.PageTitle, o.Text, o.URL+" "+o.FinalURL)
	return b.putTerms(c.ID, terms)
}

type searchIndex struct{ postings, rank, pivots *bolt.Bucket }

func searchBuckets(tx *bolt.Tx) (searchIndex, error) {
	var b searchIndex
	for _, p := range []struct {
		name []byte
		b    **bolt.Bucket
	}{{bucketSearchPostings, &b.postings}, {bucketSearchRank, &b.rank}, {bucketPivotCases, &b.pivots}} {
		bk, err := tx.CreateBucketIfNotExists(p.name)
		if err != nil {
			return b, fmt.Errorf("create bucket %s: %w", p.name, err)
		}
		*p.b = bk
	}
	return b, nil
}

func (b searchIndex) putPivot(kind PivotKind, value string, id uint64) error {
	if value == "" || len(value) > maxPivotValue {
		return nil
	}
	return b.pivots.Put(binary.BigEndian.AppendUint64(pivotKey(kind, value), id), []byte{})
}

func (b searchIndex) putTerms(id uint64, terms map[string]uint8) error {
	for t, f := range terms {
		k := binary.BigEndian.AppendUint64(append([]byte(t), 0), id)
		if old := b.postings.Get(k); len(old) == 1 {
			if old[0]|f == old[0] {
				continue
			}
			f |= old[0]
		}
		if err := b.postings.Put(k, []byte{f}); err != nil {
			return err
		}
	}
	return nil
}

// buildSearchIndex indexes every stored case when the index is missing (a
// database from before search): run by initSchema.
func buildSearchIndex(tx *bolt.Tx) error {
	if tx.Bucket(bucketSearchRank) != nil {
		return nil
	}
	b, err := searchBuckets(tx)
	if err != nil {
		return err
	}
	snaps, texts := tx.Bucket(bucketSnapshots), tx.Bucket(bucketTexts)
	caseSnaps := tx.Bucket(bucketCaseSnapshots).Cursor()
	return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		c, err := decodeCaseRecord(v, false)
		if err != nil {
			return fmt.Errorf("search index: decode case %x: %w", k, err)
		}
		if err := b.rank.Put(u64(c.ID), rankValue(&c.Case)); err != nil {
			return err
		}
		if err := b.putPivot(PivotHost, SearchHost(c.URL), c.ID); err != nil {
			return err
		}
		if id, ok := ListingID(c.Key); ok {
			if err := b.putPivot(PivotListing, id, c.ID); err != nil {
				return err
			}
		}
		for sk, _ := caseSnaps.Seek(k); sk != nil && bytes.HasPrefix(sk, k); sk, _ = caseSnaps.Next() {
			var sn Snapshot
			if ok, err := getJSON(snaps, sk[8:], &sn); err != nil || !ok {
				continue
			}
			var st SnapshotText
			if _, err := getJSON(texts, sk[8:], &st); err != nil {
				st = SnapshotText{}
			}
			if err := b.putPivot(PivotContent, sn.BodySHA256, c.ID); err != nil {
				return err
			}
			if err := b.putTerms(c.ID, SearchTerms(sn.Title+"\n"+st.Title, st.Text, sn.URL+" "+sn.FinalURL)); err != nil {
				return err
			}
		}
		return b.putTerms(c.ID, SearchTerms("", "", c.URL))
	})
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
	res := &SearchResult{}
	err = s.db.View(func(tx *bolt.Tx) error {
		var hits []hit
		started := false
		if q.Pivot != nil {
			hits, started = pivotHits(tx, *q.Pivot, maxPivotCount), true
		}
		if pb := tx.Bucket(bucketSearchPostings); pb != nil {
			for _, t := range terms {
				if started && len(hits) == 0 {
					break
				}
				hits = intersectPostings(pb, t, hits, started)
				started = true
			}
		} else if len(terms) > 0 {
			hits = nil
		}
		res.Total = len(hits)
		rankHits(tx, hits)
		slices.SortFunc(hits, func(a, b hit) int {
			return cmp.Or(cmp.Compare(b.relevance, a.relevance), cmp.Compare(b.score, a.score),
				cmp.Compare(b.lastSeen, a.lastSeen), cmp.Compare(b.id, a.id))
		})
		if q.Offset >= len(hits) {
			return nil
		}
		hits = hits[q.Offset:min(len(hits), q.Offset+q.Limit)]
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

// intersectPostings keeps the hits (ascending by id) that hold term t,
// adding its weight; with !started, every case holding t is a hit.
func intersectPostings(b *bolt.Bucket, t string, hits []hit, started bool) []hit {
	prefix := append([]byte(t), 0)
	c := b.Cursor()
	if !started {
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) == len(prefix)+8 && len(v) == 1 {
				hits = append(hits, hit{id: binary.BigEndian.Uint64(k[len(prefix):]), relevance: SearchWeight(v[0])})
			}
		}
		return hits
	}
	out := hits[:0]
	key := make([]byte, len(prefix)+8)
	copy(key, prefix)
	k, v := c.Seek(prefix)
	for _, h := range hits {
		// Walk forward while close, seek when far: both ascend by id.
		binary.BigEndian.PutUint64(key[len(prefix):], h.id)
		for steps := 0; k != nil && bytes.HasPrefix(k, prefix) && bytes.Compare(k, key) < 0; steps++ {
			if steps == 8 {
				k, v = c.Seek(key)
				break
			}
			k, v = c.Next()
		}
		if k == nil || !bytes.HasPrefix(k, prefix) {
			break
		}
		if bytes.Equal(k, key) && len(v) == 1 {
			h.relevance += SearchWeight(v[0])
			out = append(out, h)
		}
	}
	return out
}

// rankHits fills in each hit's score and last seen.
func rankHits(tx *bolt.Tx, hits []hit) {
	b := tx.Bucket(bucketSearchRank)
	if b == nil {
		return
	}
	c := b.Cursor()
	k, v := c.First()
	for i := range hits {
		key := u64(hits[i].id)
		for steps := 0; k != nil && bytes.Compare(k, key) < 0; steps++ {
			if steps == 8 {
				k, v = c.Seek(key)
				break
			}
			k, v = c.Next()
		}
		if k != nil && bytes.Equal(k, key) && len(v) == 16 {
			hits[i].score = math.Float64frombits(binary.BigEndian.Uint64(v))
			hits[i].lastSeen = int64(binary.BigEndian.Uint64(v[8:]))
		}
	}
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

package store

import (
	"fmt"
	"testing"

	"github.com/certwatch/certwatch/casework"
)

// TestQueueCache checks that a repeated queue query is answered from the
// cache, and that every kind of write a queue shows (a new case, a
// decision, a merge) is seen by the next query, cached or not.
func TestQueueCache(t *testing.T) {
	s, _ := openTest(t)
	sw := startSweep(t, s)
	var ids []uint64
	record := func(i int) {
		u := fmt.Sprintf("https://h%d.example/p/%d", i%3, i)
		res, err := s.Record(Observation{SweepID: sw, CaseKey: u, URL: u, FinalURL: u, SourceID: "forum", Title: "t",
			Status: 200, Body: []byte(u), Flagged: true, Score: float64(i), Category: "cert_sale", Text: "x"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CaseID)
	}
	for i := range 10 {
		record(i)
	}
	q := CaseQuery{Status: casework.CaseOpen, Sort: SortScore, Desc: true, Limit: 3, HideMerged: true}
	query := func() *CasePage {
		t.Helper()
		p, err := s.QueryCases(q)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := query()
	h0, m0 := s.QueueCacheStats()
	again := query()
	h1, m1 := s.QueueCacheStats()
	if h1 != h0+1 || m1 != m0 {
		t.Fatalf("repeated query: hits %d→%d, misses %d→%d; want one more hit", h0, h1, m0, m1)
	}
	if again.Total != first.Total || len(again.Cases) != 3 || again.Cases[0].ID != first.Cases[0].ID ||
		again.Counts[casework.CaseOpen] != 10 {
		t.Fatalf("cached page differs: %+v vs %+v", again, first)
	}
	again.Cases[0].Title = "changed by the caller"
	again.Counts[casework.CaseOpen] = -1
	if p := query(); p.Cases[0].Title != "t" || p.Counts[casework.CaseOpen] != 10 {
		t.Fatal("a caller's change to a page reached the cache")
	}
	// Another page of the same filter is its own entry.
	q.Offset = 3
	if p := query(); len(p.Cases) != 3 || p.Cases[0].ID == first.Cases[0].ID {
		t.Fatalf("page 2 answered with page 1: %v", p.Cases[0].ID)
	}
	q.Offset = 0

	// A new case with the highest score.
	record(100)
	if p := query(); p.Total != 11 || p.Cases[0].ID != ids[10] {
		t.Fatalf("after a new case: total %d, first %d; want 11, %d", p.Total, p.Cases[0].ID, ids[10])
	}
	// A decision: the case leaves the open queue and is counted as dismissed.
	if _, _, err := s.Decide(Decision{CaseID: ids[10], Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "r"}); err != nil {
		t.Fatal(err)
	}
	p := query()
	if p.Total != 10 || p.Cases[0].ID == ids[10] || p.Counts[casework.CaseDismissed] != 1 {
		t.Fatalf("after a dismissal: total %d, first %d, dismissed %d", p.Total, p.Cases[0].ID, p.Counts[casework.CaseDismissed])
	}
	// A merge: the duplicate leaves the queue (HideMerged) and the counts.
	top := p.Cases[0].ID
	if _, err := s.Merge(Merge{Primary: ids[0], Cases: []uint64{top}, By: "r"}); err != nil {
		t.Fatal(err)
	}
	if p := query(); p.Total != 9 || p.Cases[0].ID == top {
		t.Fatalf("after a merge: total %d, first %d (merged %d)", p.Total, p.Cases[0].ID, top)
	}
	// A query without HideMerged still lists it.
	q.HideMerged = false
	if p := query(); p.Total != 10 || p.Cases[0].ID != top {
		t.Fatalf("without HideMerged: total %d, first %d; want 10, %d", p.Total, p.Cases[0].ID, top)
	}
}

// TestQueueCacheKey checks that queries differing in any one field have
// different keys.
func TestQueueCacheKey(t *testing.T) {
	one, two := 1.0, 2.0
	base := CaseQuery{Sort: SortScore, Limit: 50}
	variants := []func(q *CaseQuery){
		func(q *CaseQuery) { q.Status = casework.CaseOpen },
		func(q *CaseQuery) { q.Category = "a" },
		func(q *CaseQuery) { q.Source = "a" },
		func(q *CaseQuery) { q.Channel = "model" },
		func(q *CaseQuery) { q.Host = "a" },
		func(q *CaseQuery) { q.Route = casework.RouteTakedownCAC },
		func(q *CaseQuery) { q.SourceRoutes = map[string]casework.Route{"s": casework.RouteTakedownSAMR} },
		func(q *CaseQuery) { q.ScoreMin = &one },
		func(q *CaseQuery) { q.ScoreMax = &one },
		func(q *CaseQuery) { q.ScoreMin = &two },
		func(q *CaseQuery) { q.From = q.From.AddDate(2026, 0, 0) },
		func(q *CaseQuery) { q.To = q.To.AddDate(2026, 0, 0) },
		func(q *CaseQuery) { q.FirstSweep = 3 },
		func(q *CaseQuery) { q.HideMerged = true },
		func(q *CaseQuery) { q.Desc = true },
		func(q *CaseQuery) { q.Sort = SortHost },
		func(q *CaseQuery) { q.Offset = 50 },
		func(q *CaseQuery) { q.Limit = 20 },
		func(q *CaseQuery) { q.Category, q.Source = "a", "b" },
		func(q *CaseQuery) { q.Category, q.Source = "ab", "" },
	}
	seen := map[queueCacheKey]int{queueCacheKeyOf(&base, nil): -1}
	for i, v := range variants {
		q := base
		v(&q)
		k := queueCacheKeyOf(&q, nil)
		if j, ok := seen[k]; ok {
			t.Errorf("variant %d has the key of %d", i, j)
		}
		seen[k] = i
	}
	hm := base
	hm.HideMerged = true
	if queueCacheKeyOf(&hm, map[uint64]uint64{2: 1}) == queueCacheKeyOf(&hm, map[uint64]uint64{3: 1}) {
		t.Error("different merged sets, same key")
	}
}

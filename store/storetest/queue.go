package storetest

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testQueue checks QueryCases against an oracle computed from Cases (every
// case decoded): each filter, each sort order both ways, paging and the
// per-status counts, on an empty store, after recording, after decisions
// (confirm, dismiss, withdraw, reopen, approve), after a second sweep
// and after a restart.
func testQueue(t *testing.T, b Backend) {
	if p, err := b.QueryCases(store.CaseQuery{}); err != nil || p.Total != 0 || len(p.Cases) != 0 || p.Counts[""] != 0 {
		t.Fatalf("QueryCases on an empty store = %+v, %v", p, err)
	}
	sw1 := startSweep(t, b)
	hosts := []string{"b.example", "A.example", "c.example."}
	sources := []string{"forum", "tieba"}
	cats := []string{"fake_certificate", "exam_fraud", "imitation"}
	routes := []casework.Route{casework.RouteTakedownCAC, casework.RouteTakedownSAMR, casework.RoutePoliceReferral}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	record := func(sweep uint64, i int, at time.Time) uint64 {
		o := observation(sweep, fmt.Sprintf("https://%s/p/%d", hosts[i%3], i), fmt.Sprintf("出售证书 %d", i))
		o.SourceID = sources[i%2]
		o.Category = cats[(i/2)%3]
		o.Score = float64(i % 4)
		o.Title = fmt.Sprintf("标题 %02d", i)
		o.FetchedAt = at
		ch := "rules"
		if i%5 == 0 {
			ch = "model"
		}
		o.Finding = json.RawMessage(fmt.Sprintf(`{"version":2,"route":%q,"channel":%q,"score":%d}`, routes[i%3], ch, i%4))
		res, err := b.Record(o)
		if err != nil {
			t.Fatalf("Record %d: %v", i, err)
		}
		return res.CaseID
	}
	n := 14
	ids := make([]uint64, n)
	for i := range 12 {
		ids[i] = record(sw1, i, base.Add(time.Duration((i*7)%12)*time.Hour))
	}
	checkQueue(t, b, "after recording", 12)

	mustDecide(t, b, store.Decision{CaseID: ids[0], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"})
	mustDecide(t, b, store.Decision{CaseID: ids[1], Action: casework.ActionDismiss, Reason: casework.DismissReasons[0], By: "alice"})
	mustDecide(t, b, store.Decision{CaseID: ids[4], Action: casework.ActionDismiss, Reason: casework.DismissReasons[0], By: "alice"})
	mustDecide(t, b, store.Decision{CaseID: ids[2], Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	mustDecide(t, b, store.Decision{CaseID: ids[5], Action: casework.ActionConfirm, Route: casework.RouteTakedownSAMR, Recipient: "平台乙", By: "alice"})
	checkQueue(t, b, "after confirm and dismiss", 12)
	if p, err := b.QueryCases(store.CaseQuery{Status: casework.CaseDismissed}); err != nil || p.Total != 2 ||
		len(p.Cases) != 2 || p.Cases[0].ID != ids[1] && p.Cases[0].ID != ids[4] {
		t.Errorf("dismissed tab = %+v, %v; want cases %d and %d", p, err, ids[1], ids[4])
	}

	mustDecide(t, b, store.Decision{CaseID: ids[0], Action: casework.ActionWithdraw, Note: "确认有误", By: "alice"})
	mustDecide(t, b, store.Decision{CaseID: ids[1], Action: casework.ActionReopen, By: "alice"})
	mustDecide(t, b, store.Decision{CaseID: ids[2], Action: casework.ActionApprove, By: "bob"})
	checkQueue(t, b, "after withdraw, reopen and approve", 12)
	if p, err := b.QueryCases(store.CaseQuery{Status: casework.CaseDismissed}); err != nil || p.Total != 1 || p.Cases[0].ID != ids[4] {
		t.Errorf("dismissed tab after reopening = %+v, %v; want case %d alone", p, err, ids[4])
	}
	if p, err := b.QueryCases(store.CaseQuery{Route: casework.RouteTakedownSAMR, Status: casework.CaseConfirmed}); err != nil ||
		p.Total != 1 || p.Cases[0].ID != ids[5] || p.Cases[0].Route != casework.RouteTakedownSAMR {
		t.Errorf("confirmed SAMR = %+v, %v; want case %d", p, err, ids[5])
	}

	// A second sweep sees some cases again and finds two new ones.
	sw2 := startSweep(t, b)
	later := base.AddDate(0, 0, 2)
	record(sw2, 3, later)
	record(sw2, 7, later.Add(time.Hour))
	ids[12] = record(sw2, 12, later)
	ids[13] = record(sw2, 13, later.Add(2*time.Hour))
	checkQueue(t, b, "after a second sweep", n)
	if p, err := b.QueryCases(store.CaseQuery{FirstSweep: sw2, Sort: store.SortFirstSeen}); err != nil ||
		!slices.Equal(pageIDs(p), []uint64{ids[12], ids[13]}) {
		t.Errorf("cases new in sweep %d = %+v, %v", sw2, p, err)
	}
	if p, err := b.QueryCases(store.CaseQuery{Sort: store.SortLastSeen, Desc: true, Limit: 1}); err != nil ||
		len(p.Cases) != 1 || p.Cases[0].ID != ids[13] || p.Total != n {
		t.Errorf("latest seen = %+v, %v; want case %d of %d", p, err, ids[13], n)
	}
	if p, err := b.QueryCases(store.CaseQuery{Host: "a.example"}); err != nil || p.Total == 0 {
		t.Errorf("host a.example (stored from A.example) = %+v, %v", p, err)
	}

	// Concurrent writers (batched into shared commits by some backends):
	// the index holds every case as last written.
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				i := 100 + w*5 + j
				o := observation(sw2, fmt.Sprintf("https://%s/c/%d", hosts[i%3], i), fmt.Sprintf("并发 %d", i))
				o.SourceID, o.Score, o.FetchedAt = sources[i%2], float64(i%7), later.Add(time.Duration(i)*time.Minute)
				res, err := b.Record(o)
				if err == nil && j%2 == 0 {
					_, _, err = b.Decide(store.Decision{CaseID: res.CaseID, Action: casework.ActionDismiss, Reason: casework.DismissReasons[1], By: "alice"})
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	n += 40
	checkQueue(t, b, "after concurrent writers", n)

	b = reopen(t, b)
	checkQueue(t, b, "after a restart", n)
	mustDecide(t, b, store.Decision{CaseID: ids[13], Action: casework.ActionDismiss, Reason: casework.DismissReasons[0], By: "alice"})
	checkQueue(t, b, "after a restart and a decision", n)

	// Bounds.
	for _, q := range []store.CaseQuery{
		{Limit: store.MaxQueuePageSize + 1}, {Limit: -1}, {Offset: -1}, {Sort: "title"},
		{Category: strings.Repeat("x", store.MaxQueueText+1)},
	} {
		if _, err := b.QueryCases(q); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("QueryCases(%+v) = %v, want ErrInvalid", q, err)
		}
	}
	f, err := b.QueueFacets()
	if err != nil || !slices.Equal(f.Categories, []string{"exam_fraud", "fake_certificate", "imitation"}) ||
		!slices.Equal(f.Sources, []string{"forum", "tieba"}) {
		t.Errorf("QueueFacets = %+v, %v", f, err)
	}
}

func pageIDs(p *store.CasePage) []uint64 {
	if p == nil {
		return nil
	}
	out := make([]uint64, len(p.Cases))
	for i, c := range p.Cases {
		out[i] = c.ID
	}
	return out
}

// checkQueue compares QueryCases with the oracle over every case (Cases)
// for a table of queries.
func checkQueue(t *testing.T, b Backend, when string, want int) {
	t.Helper()
	all, err := b.Cases(store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != want {
		t.Fatalf("%s: %d cases, want %d", when, len(all), want)
	}
	one, two := 1.0, 2.0
	from := time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)
	srcRoutes := map[string]casework.Route{"tieba": casework.RouteTakedownSAMR}
	queries := []store.CaseQuery{
		{}, {Status: casework.CaseOpen}, {Status: casework.CaseConfirmed}, {Status: casework.CaseDismissed},
		{Category: "exam_fraud"}, {Source: "tieba"}, {Channel: "model"}, {Host: "c.example"}, {Host: "a.example"},
		{Route: casework.RouteTakedownCAC}, {Route: casework.RoutePoliceReferral}, {Route: casework.RouteTakedownSAMR},
		{Route: casework.RouteTakedownSAMR, SourceRoutes: srcRoutes}, {Route: casework.RouteTakedownCAC, SourceRoutes: srcRoutes},
		{Route: casework.RoutePoliceReferral, SourceRoutes: srcRoutes},
		{ScoreMin: &one}, {ScoreMax: &one}, {ScoreMin: &one, ScoreMax: &two},
		{From: from}, {To: from}, {From: from, To: from.Add(5 * time.Hour)},
		{Status: casework.CaseOpen, Source: "forum", ScoreMin: &one, From: from},
	}
	for _, s := range store.QueueSorts {
		for _, desc := range []bool{false, true} {
			queries = append(queries, store.CaseQuery{Sort: s, Desc: desc}, store.CaseQuery{Sort: s, Desc: desc, Status: casework.CaseOpen})
		}
	}
	for _, lim := range []int{1, 3, 5} {
		for off := 0; off <= want+1; off += lim {
			queries = append(queries, store.CaseQuery{Sort: store.SortHost, Desc: off%2 == 0, Offset: off, Limit: lim})
		}
	}
	for _, q := range queries {
		got, err := b.QueryCases(q)
		if err != nil {
			t.Errorf("%s: QueryCases(%+v): %v", when, q, err)
			continue
		}
		ids, total, counts := queueOracle(all, q)
		if !slices.Equal(pageIDs(got), ids) || got.Total != total || !maps.Equal(nonZero(got.Counts), counts) {
			t.Errorf("%s: QueryCases(%+v) = ids %v total %d counts %v; want %v, %d, %v",
				when, q, pageIDs(got), got.Total, got.Counts, ids, total, counts)
		}
	}
	// The rows are the cases, without their findings.
	got, err := b.QueryCases(store.CaseQuery{Desc: true, Limit: store.MaxQueuePageSize})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range got.Cases {
		w := all[i]
		w.Finding = nil
		if c.Finding != nil || c.ID != w.ID || c.Status != w.Status || c.Title != w.Title || c.URL != w.URL ||
			c.Route != w.Route || c.SuggestedRoute != w.SuggestedRoute || c.Channel != w.Channel || c.SourceID != w.SourceID ||
			!c.FirstSeen.Equal(w.FirstSeen) || !c.LastSeen.Equal(w.LastSeen) || c.FirstSweep != w.FirstSweep ||
			c.NoticeID != w.NoticeID || c.DecidedBy != w.DecidedBy || c.Sightings != w.Sightings {
			t.Errorf("%s: queue row %d = %+v\nwant %+v", when, i, c, w)
		}
	}
}

func nonZero(m map[casework.CaseStatus]int) map[casework.CaseStatus]int {
	out := map[casework.CaseStatus]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// queueOracle answers q over every case the slow way.
func queueOracle(all []store.Case, q store.CaseQuery) (ids []uint64, total int, counts map[casework.CaseStatus]int) {
	counts = map[casework.CaseStatus]int{}
	var hits []store.Case
	for _, c := range all {
		host := store.QueueHost(c.URL)
		switch {
		case q.Category != "" && c.Category != q.Category,
			q.Source != "" && c.SourceID != q.Source,
			q.Channel != "" && c.Channel != q.Channel,
			q.Host != "" && host != q.Host,
			q.Route != "" && store.QueueDepartment(&c, q.SourceRoutes) != q.Route,
			q.ScoreMin != nil && c.Score < *q.ScoreMin,
			q.ScoreMax != nil && c.Score > *q.ScoreMax,
			!q.From.IsZero() && c.FirstSeen.Before(q.From),
			!q.To.IsZero() && !c.FirstSeen.Before(q.To),
			q.FirstSweep != 0 && c.FirstSweep != q.FirstSweep:
			continue
		}
		counts[c.Status]++
		counts[""]++
		if q.Status == "" || c.Status == q.Status {
			hits = append(hits, c)
		}
	}
	slices.SortFunc(hits, func(a, b store.Case) int {
		var d int
		switch q.Sort {
		case store.SortFirstSeen:
			d = a.FirstSeen.Compare(b.FirstSeen)
		case store.SortLastSeen:
			d = a.LastSeen.Compare(b.LastSeen)
		case store.SortHost:
			d = strings.Compare(store.QueueHost(a.URL), store.QueueHost(b.URL))
		case store.SortStatus:
			d = strings.Compare(string(a.Status), string(b.Status))
		default:
			d = cmp.Compare(a.Score, b.Score)
		}
		if q.Desc {
			d = -d
		}
		return cmp.Or(d, cmp.Compare(a.ID, b.ID))
	})
	limit := cmp.Or(q.Limit, store.DefaultQueuePageSize)
	for i := q.Offset; i < len(hits) && i < q.Offset+limit; i++ {
		ids = append(ids, hits[i].ID)
	}
	return ids, len(hits), counts
}

// testSavedFilters checks each user's saved queue filters: saved, listed
// by name, replaced by name, deleted, bounded, kept apart per user and
// across a restart.
func testSavedFilters(t *testing.T, b Backend) {
	if l, err := b.SavedFilters("alice"); err != nil || len(l) != 0 {
		t.Fatalf("SavedFilters on an empty store = %+v, %v", l, err)
	}
	save := func(f store.SavedFilter) {
		t.Helper()
		if err := b.SaveFilter(f); err != nil {
			t.Fatalf("SaveFilter(%+v): %v", f, err)
		}
	}
	save(store.SavedFilter{User: "alice", Name: "高分 待处理", Query: "status=open&sort=score"})
	save(store.SavedFilter{User: "alice", Name: "贴吧", Query: "source=tieba"})
	save(store.SavedFilter{User: "bob", Name: "贴吧", Query: "source=tieba&status="})
	save(store.SavedFilter{User: "alice", Name: " 贴吧 ", Query: "source=tieba&sort=first_seen"}) // replaces, trimmed
	l, err := b.SavedFilters("alice")
	// By name in byte order: 贴 (U+8D34) before 高 (U+9AD8).
	if err != nil || len(l) != 2 || l[0].Name != "贴吧" || l[1].Name != "高分 待处理" || l[0].Query != "source=tieba&sort=first_seen" ||
		l[0].User != "alice" || l[0].Created.IsZero() {
		t.Fatalf("alice's filters = %+v, %v", l, err)
	}
	if l, err := b.SavedFilters("bob"); err != nil || len(l) != 1 || l[0].Query != "source=tieba&status=" {
		t.Errorf("bob's filters = %+v, %v", l, err)
	}
	for _, f := range []store.SavedFilter{
		{User: "alice", Name: "", Query: "x"},
		{User: "alice", Name: strings.Repeat("名", store.MaxSavedFilterName+1), Query: "x"},
		{User: "alice", Name: "长", Query: strings.Repeat("a", store.MaxSavedFilterQuery+1)},
		{User: "", Name: "无主", Query: "x"},
	} {
		if err := b.SaveFilter(f); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("SaveFilter(name %d chars, query %d bytes, user %q) = %v, want ErrInvalid",
				len([]rune(f.Name)), len(f.Query), f.User, err)
		}
	}
	save(store.SavedFilter{User: "alice", Name: strings.Repeat("名", store.MaxSavedFilterName), Query: "x"})
	if err := b.DeleteSavedFilter("alice", "贴吧"); err != nil {
		t.Fatal(err)
	}
	if err := b.DeleteSavedFilter("alice", "贴吧"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	if l, err := b.SavedFilters("bob"); err != nil || len(l) != 1 {
		t.Errorf("alice's deletion touched bob's filters: %+v, %v", l, err)
	}
	for i := 0; ; i++ {
		err := b.SaveFilter(store.SavedFilter{User: "carol", Name: fmt.Sprintf("f%02d", i), Query: "status="})
		if i < store.MaxSavedFilters && err != nil {
			t.Fatalf("filter %d: %v", i, err)
		}
		if i == store.MaxSavedFilters {
			if !errors.Is(err, store.ErrTooMany) {
				t.Errorf("filter %d: %v, want ErrTooMany", i, err)
			}
			break
		}
	}
	// Replacing one at the limit is still allowed.
	save(store.SavedFilter{User: "carol", Name: "f00", Query: "status=open"})
	b = reopen(t, b)
	if l, err := b.SavedFilters("carol"); err != nil || len(l) != store.MaxSavedFilters || l[0].Query != "status=open" {
		t.Errorf("carol's filters after a restart: %d, %v", len(l), err)
	}
	if l, err := b.SavedFilters("alice"); err != nil || len(l) != 2 {
		t.Errorf("alice's filters after a restart = %+v, %v", l, err)
	}
}

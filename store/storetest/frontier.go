package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

func pageURL(host string, i int) string { return fmt.Sprintf("https://%s.example/p/%d", host, i) }

func items(urls ...string) []store.FrontierItem {
	out := make([]store.FrontierItem, len(urls))
	for i, u := range urls {
		out[i] = store.FrontierItem{URL: u, SourceID: "forum", Kind: "page"}
	}
	return out
}

func pendingURLs(t *testing.T, b Backend, sweepID uint64, limit int) []string {
	t.Helper()
	got, err := b.PendingFrontier(sweepID, limit)
	if err != nil {
		t.Fatalf("PendingFrontier: %v", err)
	}
	var out []string
	for _, it := range got {
		if it.State != store.FrontierPending {
			t.Errorf("pending item %s has state %q", it.URL, it.State)
		}
		out = append(out, it.URL)
	}
	return out
}

func checkCounts(t *testing.T, b Backend, sweepID uint64, pending, done int) {
	t.Helper()
	p, d, err := b.FrontierCounts(sweepID)
	if err != nil || p != pending || d != done {
		t.Fatalf("FrontierCounts = %d pending, %d done, %v; want %d, %d", p, d, err, pending, done)
	}
}

func testFrontier(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	added, err := b.AddFrontier(sw, []store.FrontierItem{
		{URL: "https://a.example/1", Kind: "page", Depth: 1, SourceID: "forum"},
		{URL: "https://b.example/search?q=%E5%8A%9E%E8%AF%81", Kind: "search", Meta: map[string]string{"term": "办证"}},
		{URL: "https://A.example:443/1#top", Kind: "page"}, // the first again
		{URL: "https://a.example/2", Kind: "page", Render: true},
	})
	if err != nil || added != 3 {
		t.Fatalf("AddFrontier = %d, %v; want 3 (one repeats the first)", added, err)
	}
	if _, err := b.AddFrontier(sw, []store.FrontierItem{{}}); err == nil {
		t.Error("AddFrontier accepted an item without URL")
	}
	if _, err := b.AddFrontier(sw+100, items("https://a.example/9")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AddFrontier to a missing sweep: %v, want ErrNotFound", err)
	}
	got, err := b.PendingFrontier(sw, 0)
	if err != nil || len(got) != 3 {
		t.Fatalf("PendingFrontier = %+v, %v", got, err)
	}
	if got[0].URL != "https://a.example/1" || got[0].Depth != 1 || got[0].SourceID != "forum" ||
		got[1].Kind != "search" || got[1].Meta["term"] != "办证" || !got[2].Render {
		t.Errorf("items read back in another order or without their fields: %+v", got)
	}
	if err := b.MarkDone(sw, "https://a.example/1", "ok"); err != nil {
		t.Fatal(err)
	}
	if err := b.MarkDone(sw, "https://a.example/1", "ok"); err != nil {
		t.Errorf("MarkDone twice: %v", err)
	}
	if err := b.MarkDone(sw, "https://nowhere.example/", "ok"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkDone of a URL not in the frontier: %v, want ErrNotFound", err)
	}
	checkCounts(t, b, sw, 2, 1)
	if added, err := b.AddFrontier(sw, items("https://a.example/1")); err != nil || added != 0 {
		t.Errorf("a done URL added again: %d, %v", added, err)
	}
	// Frontiers are per sweep.
	other := startSweep(t, b)
	checkCounts(t, b, other, 0, 0)
	if added, err := b.AddFrontier(other, items("https://a.example/1")); err != nil || added != 1 {
		t.Errorf("another sweep's URL not added: %d, %v", added, err)
	}
	checkCounts(t, b, sw, 2, 1)
}

// testFrontierResume runs a sweep's frontier across a restart: work
// marked done in any of the three ways (MarkDone, RecordPageFollow,
// Record with a frontier URL) stays done with the links it added; work
// read but not marked (in flight when the process died) is pending
// again; after the restart the rest is handed out once each, in order.
func testFrontierResume(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	var seeds []string
	for i := range 20 {
		seeds = append(seeds, pageURL("res", i))
	}
	added, err := b.AddFrontier(sw, items(append(slices.Clone(seeds), seeds[0], seeds[3]+"#frag")...))
	if err != nil || added != 20 {
		t.Fatalf("AddFrontier = %d, %v; want 20", added, err)
	}
	batch := pendingURLs(t, b, sw, 8)
	if !slices.Equal(batch, seeds[:8]) {
		t.Fatalf("first batch %v, want the first 8 seeds in order", batch)
	}
	done := map[string]int{}
	for _, u := range batch[:3] {
		if err := b.MarkDone(sw, u, "ok"); err != nil {
			t.Fatal(err)
		}
		done[u]++
	}
	follow := []string{pageURL("res", 100), pageURL("res", 101)}
	n, err := b.RecordPageFollow(sw, batch[3], store.PageRecord{Status: 200, Outcome: "ok"},
		items(follow[0], follow[1], seeds[5])) // seeds[5] is already in
	if err != nil || n != 2 {
		t.Fatalf("RecordPageFollow = %d, %v; want 2 new links", n, err)
	}
	done[batch[3]]++
	o := observation(sw, batch[4], "出售安全员证")
	o.FrontierURL = batch[4]
	o.Follow = items(pageURL("res", 102))
	res, err := b.Record(o)
	if err != nil || res.Added != 1 || !res.NewCase {
		t.Fatalf("Record with a frontier URL = %+v, %v; want a new case and 1 link", res, err)
	}
	done[batch[4]]++
	follow = append(follow, pageURL("res", 102))
	// batch[5:8] were read and are in flight when the process dies.
	checkCounts(t, b, sw, 20-5+3, 5)

	b = reopen(t, b)
	checkCounts(t, b, sw, 18, 5)
	if run, err := b.RunningSweep(); err != nil || run.ID != sw {
		t.Fatalf("RunningSweep after reopening = %+v, %v; want sweep %d to resume", run, err, sw)
	}
	want := append(slices.Clone(seeds[5:]), follow...)
	if got := pendingURLs(t, b, sw, 0); !slices.Equal(got, want) {
		t.Fatalf("pending after reopening:\n got %v\nwant %v (in flight, the rest, then links in order)", got, want)
	}
	if added, err := b.AddFrontier(sw, items(append(slices.Clone(seeds), follow...)...)); err != nil || added != 0 {
		t.Errorf("everything added again after reopening: %d, %v; want 0", added, err)
	}
	if c := mustCase(t, b, res.CaseID); c.URL != batch[4] {
		t.Errorf("the recorded case after reopening: %+v", c)
	}
	for round := 0; ; round++ {
		if round > 10 { // 18 items in batches of 7 take 3 rounds
			t.Fatalf("the frontier does not drain: %d rounds, %d handed out", round, len(done))
		}
		batch := pendingURLs(t, b, sw, 7)
		if len(batch) == 0 {
			break
		}
		for _, u := range batch {
			if err := b.MarkDone(sw, u, "ok"); err != nil {
				t.Fatal(err)
			}
			done[u]++
		}
	}
	for _, u := range append(slices.Clone(seeds), follow...) {
		if done[u] != 1 {
			t.Errorf("%s handed out %d times, want once", u, done[u])
		}
	}
	if len(done) != 23 {
		t.Errorf("%d URLs handed out, want 23", len(done))
	}
	checkCounts(t, b, sw, 0, 23)
	b = reopen(t, b)
	checkCounts(t, b, sw, 0, 23)
	if got := pendingURLs(t, b, sw, 0); len(got) != 0 {
		t.Errorf("pending after the sweep's work is done and reopened: %v", got)
	}
}

const writers = 8

func testConcurrentRecord(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	const n = 160
	var urls []string
	for i := range n {
		urls = append(urls, pageURL("m", i))
	}
	if _, err := b.AddFrontier(sw, items(urls...)); err != nil {
		t.Fatal(err)
	}
	var newCases, newSightings, failed atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := w; i < 2*n; i += writers { // every URL twice
				o := observation(sw, urls[i%n], "listing")
				o.FrontierURL = urls[i%n]
				o.CaseKey = fmt.Sprintf("listing:m:%d", i%n/2) // two URLs share each case
				bad := i%7 == 0
				if bad {
					o.FrontierURL = "https://m.example/not-in-frontier"
					o.CaseKey = fmt.Sprintf("listing:bad:%d", i)
				}
				res, err := b.Record(o)
				switch {
				case bad && !errors.Is(err, store.ErrNotFound):
					t.Errorf("Record outside the frontier: %v, want ErrNotFound", err)
				case !bad && err != nil:
					t.Errorf("Record %s: %v", o.URL, err)
				case bad:
					failed.Add(1)
				default:
					if res.NewCase {
						newCases.Add(1)
					}
					if res.NewSighting {
						newSightings.Add(1)
					}
				}
			}
		})
	}
	wg.Wait()
	cases, err := b.Cases(store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if failed.Load() == 0 || len(cases) != n/2 || newCases.Load() != n/2 || newSightings.Load() != n/2 {
		t.Errorf("%d cases, %d reported new, %d new sightings after %d refusals; want %d each", len(cases), newCases.Load(), newSightings.Load(), failed.Load(), n/2)
	}
	for _, c := range cases {
		if c.Sightings != 1 || c.Snapshots != 1 {
			t.Errorf("case %s: %d sightings, %d snapshots; want 1, 1", c.Key, c.Sightings, c.Snapshots)
		}
	}
	checkCounts(t, b, sw, 0, n)
}

func testConcurrentDecide(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	for k := range 5 {
		id := flagCase(t, b, sw, pageURL("race", k), "出售安全员证")
		var won atomic.Int64
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				d := confirmTakedown(fmt.Sprintf("reviewer%d", w), casework.RouteTakedownCAC)
				d.CaseID = id
				_, _, err := b.Decide(d)
				switch {
				case err == nil:
					won.Add(1)
				case !errors.Is(err, store.ErrConflict):
					t.Errorf("a losing confirmation: %v, want ErrConflict", err)
				}
			})
		}
		wg.Wait()
		c := mustCase(t, b, id)
		ds, err := b.Decisions(id)
		if won.Load() != 1 || err != nil || len(ds) != 1 || ds[0].By != c.ConfirmedBy {
			t.Fatalf("case %d: %d confirmations won, decisions %+v, %v; want exactly one", id, won.Load(), ds, err)
		}
		if n := mustNotice(t, b, c.NoticeID); !lists(n, id) || len(n.Items) != k+1 {
			t.Errorf("notice %d lists %d items after %d cases", n.ID, len(n.Items), k+1)
		}
	}
	checkChain(t, b)
}

func testConcurrentAudit(t *testing.T, b Backend) {
	const each = 25
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				if _, err := b.Audit(store.AuditEntry{Actor: fmt.Sprintf("user%d", w), Action: "login", Detail: fmt.Sprint(i)}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if entries := checkChain(t, b); len(entries) != writers*each {
		t.Errorf("%d entries, want %d", len(entries), writers*each)
	}
}

func testConcurrentFrontier(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	const n = 300
	var urls []string
	for i := range n {
		urls = append(urls, pageURL("cf", i))
	}
	var added atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			// Every writer adds every URL, in chunks from its own offset.
			for off := 0; off < n; off += 10 {
				start := (off + w*37) % n
				chunk := urls[start:min(start+10, n)]
				k, err := b.AddFrontier(sw, items(chunk...))
				if err != nil {
					t.Error(err)
					return
				}
				added.Add(int64(k))
			}
		})
	}
	wg.Wait()
	got := pendingURLs(t, b, sw, 0)
	slices.Sort(got)
	want := slices.Clone(urls)
	slices.Sort(want)
	if added.Load() != n || !slices.Equal(got, want) {
		t.Errorf("%d added, %d pending; want each of %d URLs once", added.Load(), len(got), n)
	}
	checkCounts(t, b, sw, n, 0)
}

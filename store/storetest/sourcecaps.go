package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/certwatch/certwatch/store"
)

// sourceCapper is a frontier that holds each source's page cap itself, so
// the cap holds across every process adding to the sweep.
type sourceCapper interface {
	SetSourceCaps(sweepID uint64, caps map[string]int) error
}

func srcItems(source string, urls ...string) []store.FrontierItem {
	out := items(urls...)
	for i := range out {
		out[i].SourceID = source
	}
	return out
}

// testSourceCaps: the links recorded pages add count against their
// source's cap, only those the frontier really took (links already queued
// do not use it up); seeds are not capped; a source without a cap is not
// capped; raising a cap keeps the count; eight concurrent recorders of one
// source add exactly its cap together.
func testSourceCaps(t *testing.T, b Backend) {
	c, ok := b.(sourceCapper)
	if !ok {
		t.Fatalf("%T has no SetSourceCaps", b)
	}
	sw := startSweep(t, b)
	u := func(host string, i int) string { return pageURL(host, i) }
	if n, err := b.AddFrontier(sw, srcItems("a", u("seed", 0), u("seed", 1), u("seed", 2), u("seed", 3))); err != nil || n != 4 {
		t.Fatalf("seeds: %d, %v", n, err)
	}
	if err := c.SetSourceCaps(sw, map[string]int{"a": 5, "b": 0}); err != nil {
		t.Fatal(err)
	}
	record := func(from string, follow []store.FrontierItem) int {
		t.Helper()
		n, err := b.RecordPageFollow(sw, from, store.PageRecord{Status: 200}, follow)
		if err != nil {
			t.Fatalf("RecordPageFollow %s: %v", from, err)
		}
		return n
	}
	// 4 new links and one already queued: all 4 taken, 1 room left.
	if n := record(u("seed", 0), srcItems("a", u("a", 1), u("a", 2), u("seed", 1), u("a", 3), u("a", 4))); n != 4 {
		t.Errorf("first page's links: %d added, want 4", n)
	}
	// 3 new links of a (room 1), one of b (cap 0), one of c (no cap).
	follow := append(srcItems("a", u("a", 5), u("a", 6), u("a", 7)), srcItems("b", u("b", 1))...)
	follow = append(follow, srcItems("c", u("c", 1))...)
	if n := record(u("seed", 1), follow); n != 2 {
		t.Errorf("second page's links: %d added, want a's last room and c's link", n)
	}
	o := observation(sw, u("seed", 2), "出售安全员证")
	o.FrontierURL = u("seed", 2)
	o.Follow = srcItems("a", u("a", 8), u("a", 9))
	if res, err := b.Record(o); err != nil || res.Added != 0 {
		t.Errorf("a flagged page's links past the cap: %+v, %v; want none added", res, err)
	}
	pending := map[string]bool{}
	for _, p := range pendingURLs(t, b, sw, 0) {
		pending[p] = true
	}
	for _, want := range []string{u("a", 1), u("a", 5), u("c", 1)} {
		if !pending[want] {
			t.Errorf("%s is not in the frontier", want)
		}
	}
	for _, not := range []string{u("a", 6), u("b", 1), u("a", 8)} {
		if pending[not] {
			t.Errorf("%s passed its source's cap into the frontier", not)
		}
	}
	// A larger cap keeps what was added: 2 more.
	if err := c.SetSourceCaps(sw, map[string]int{"a": 7}); err != nil {
		t.Fatal(err)
	}
	if n := record(u("seed", 3), srcItems("a", u("a", 10), u("a", 11), u("a", 12))); n != 2 {
		t.Errorf("after raising the cap to 7: %d added, want 2", n)
	}
	checkCounts(t, b, sw, 4+5+1+2-4, 4) // seeds + a's 7 + c's 1, four pages done

	// Eight recorders at once, each with 5 links of its own and 2 shared:
	// together exactly the cap.
	sw2 := startSweep(t, b)
	var seeds []string
	for i := range 8 {
		seeds = append(seeds, u("cseed", i))
	}
	if _, err := b.AddFrontier(sw2, srcItems("x", seeds...)); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSourceCaps(sw2, map[string]int{"x": 10}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			urls := []string{u("shared", 1), u("shared", 2)}
			for j := range 5 {
				urls = append(urls, u(fmt.Sprintf("w%d", i), j))
			}
			n, err := b.RecordPageFollow(sw2, seeds[i], store.PageRecord{Status: 200}, srcItems("x", urls...))
			if err != nil {
				t.Errorf("recorder %d: %v", i, err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	if total != 10 {
		t.Errorf("eight concurrent recorders added %d links, want the cap of 10", total)
	}
	checkCounts(t, b, sw2, 10, 8)
}

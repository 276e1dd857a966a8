package pgsweep_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// servedPages counts the requests each host of the site served, robots.txt
// aside: the pages the sweep fetched, as the site saw them.
func servedPages(s *site) (map[string]int, int) {
	by, total := map[string]int{}, 0
	for _, h := range s.hosts {
		for _, x := range h.hits() {
			if x.path != "/robots.txt" {
				by[h.name]++
				total++
			}
		}
	}
	return by, total
}

// storedSummary is the summary stored with the sweep.
func storedSummary(t *testing.T, b interface {
	Sweep(uint64) (*store.Sweep, error)
}, id uint64) (*store.Sweep, *sweep.Summary) {
	t.Helper()
	sw, err := b.Sweep(id)
	if err != nil {
		t.Fatal(err)
	}
	var sum sweep.Summary
	if err := json.Unmarshal(sw.Stats, &sum); err != nil {
		t.Fatalf("sweep %d stats %q: %v", id, sw.Stats, err)
	}
	return sw, &sum
}

// TestWorkersSummaryAddsUp: three workers sweep a six-host site together;
// the summary stored with the sweep counts every worker's pages, not
// only the finishing worker's: its totals, per-source and per-host counts
// equal what the site's servers served, its findings and new cases the
// offers on the site, it is the sum of the workers' own parts, and it is
// not marked partial (no worker was killed).
func TestWorkersSummaryAddsUp(t *testing.T) {
	const (
		hosts = 6
		pages = 12
		delay = 50 * time.Millisecond
	)
	s := newSite(t, hosts, pages, 4)
	cfgPath := s.writeConfig(t, t.TempDir(), delay)
	dbURL := migratedDB(t)
	blobs := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	type result struct {
		sum *sweep.Summary
		err error
	}
	results := make(chan result, 3)
	var ws []*worker
	for i := range 3 {
		w, err := newWorker(ctx, cfgPath, dbURL, blobs, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer w.close()
		ws = append(ws, w)
		o := sweep.WorkOptions{Name: fmt.Sprintf("w%d", i), Hosts: 2, Once: true, Seed: i == 0,
			Poll: 100 * time.Millisecond, SaveEvery: 100 * time.Millisecond}
		go func() {
			sum, err := w.sw.Work(ctx, w.hf, o)
			results <- result{sum, err}
		}()
		if i == 0 {
			waitRunning(t, ctx, w.b)
		}
	}
	ownTotal, workers := 0, 0
	for range ws {
		r := <-results
		switch {
		case errors.Is(r.err, sweep.ErrNoSweep):
		case r.err != nil:
			t.Fatal(r.err)
		default:
			ownTotal += r.sum.Total.Attempted
			if r.sum.Total.Attempted > 0 {
				workers++
			}
		}
	}
	sws, err := ws[0].b.Sweeps(0)
	if err != nil || len(sws) != 1 {
		t.Fatalf("sweeps %+v, %v: want one", sws, err)
	}
	sw, sum := storedSummary(t, ws[0].b, sws[0].ID)
	if sw.Status != store.SweepFinished {
		t.Fatalf("sweep is %s, want finished", sw.Status)
	}
	byHost, served := servedPages(s)
	t.Logf("%d workers fetched pages; served %d, summary %d attempted, %d findings", workers, served, sum.Total.Attempted, sum.Total.Findings)
	if workers < 2 {
		t.Logf("only %d worker fetched pages: the test shows less than it should", workers)
	}
	if want := hosts * (pages + 1); served != want {
		t.Errorf("the site served %d pages, want %d", served, want)
	}
	if sum.Partial {
		t.Error("summary marked partial; no worker was killed")
	}
	if sum.Total.Attempted != served || sum.Total.Fetched != served {
		t.Errorf("summary: %d attempted, %d fetched; the site served %d", sum.Total.Attempted, sum.Total.Fetched, served)
	}
	if sum.Total.Attempted != ownTotal {
		t.Errorf("summary: %d attempted; the workers' own parts add up to %d", sum.Total.Attempted, ownTotal)
	}
	if c := sum.BySource["site"]; c == nil || c.Attempted != served {
		t.Errorf("source site: %+v, want %d attempted", c, served)
	}
	for _, h := range s.hosts {
		if c := sum.ByHost[h.name]; c == nil || c.Attempted != byHost[h.name] {
			t.Errorf("host %s: %+v, want %d attempted", h.name, c, byHost[h.name])
		}
	}
	offers := s.offers()
	if sum.Total.Findings != offers || sum.NewCases != offers || sum.Findings[sumCategory(sum)] != offers {
		t.Errorf("summary: %d findings (%v), %d new cases; the site has %d offers", sum.Total.Findings, sum.Findings, sum.NewCases, offers)
	}
	if len(sum.Sources) == 0 || sum.Sources[0].State != sweep.StateChecked {
		t.Errorf("source states %+v, want site checked", sum.Sources)
	}
	checkCases(t, ws[0].b, offers)
}

// sumCategory is the one finding category of the summary ("" when none
// or several).
func sumCategory(sum *sweep.Summary) string {
	if len(sum.Findings) != 1 {
		return ""
	}
	for k := range sum.Findings {
		return k
	}
	return ""
}

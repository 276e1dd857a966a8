package pgsweep_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// TestWorkersHoldSourceCap: three workers sweep a six-host site (126
// pages, every page linking to more) whose one source has max_pages: 30.
// The cap holds for the workers together: the frontier takes the 6 seeds
// and exactly 30 links, so the site serves exactly 36 pages, each once
// (each worker alone would have let up to 30 links in, and one page's
// links past the cap).
func TestWorkersHoldSourceCap(t *testing.T) {
	const (
		hosts, pages = 6, 20
		capPages     = 30
		delay        = 20 * time.Millisecond
	)
	s := newSite(t, hosts, pages, 5)
	cfgPath := s.writeConfig(t, t.TempDir(), delay)
	y, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	capped := strings.Replace(string(y), "max_pages: 100000", fmt.Sprintf("max_pages: %d", capPages), 1)
	if capped == string(y) {
		t.Fatal("the site's configuration has no max_pages to change")
	}
	if err := os.WriteFile(cfgPath, []byte(capped), 0o644); err != nil {
		t.Fatal(err)
	}
	dbURL := migratedDB(t)
	blobs := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	errs := make(chan error, 3)
	var ws []*worker
	for i := range 3 {
		w, err := newWorker(ctx, cfgPath, dbURL, blobs, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer w.close()
		ws = append(ws, w)
		o := sweep.WorkOptions{Name: fmt.Sprintf("w%d", i), Hosts: 2, Once: true, Seed: i == 0, Poll: 100 * time.Millisecond}
		go func() {
			_, err := w.sw.Work(ctx, w.hf, o)
			if errors.Is(err, sweep.ErrNoSweep) {
				err = nil // the sweep was over before it looked
			}
			errs <- err
		}()
		if i == 0 {
			waitRunning(t, ctx, w.b)
		}
	}
	for range ws {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	b := ws[0].b
	sws, err := b.Sweeps(0)
	if err != nil || len(sws) != 1 || sws[0].Status != store.SweepFinished {
		t.Fatalf("sweeps: %+v, %v; want one finished", sws, err)
	}
	want := hosts + capPages
	pending, done, err := b.FrontierCounts(sws[0].ID)
	if err != nil || pending != 0 || done != want {
		t.Errorf("frontier: %d pending, %d done, %v; want 0 and the %d seeds and %d links", pending, done, err, hosts, capPages)
	}
	served := 0
	for _, h := range s.hosts {
		count := map[string]int{}
		for _, x := range h.hits() {
			if x.path != "/robots.txt" {
				count[x.path]++
				served++
			}
		}
		for p, n := range count {
			if n != 1 {
				t.Errorf("%s%s fetched %d times, want once", h.name, p, n)
			}
		}
	}
	if served != want {
		t.Errorf("the site served %d pages; the cap allows the %d seeds and %d links, %d in all", served, hosts, capPages, want)
	}
	var added, limit int
	if err := b.Store().Pool().QueryRow(ctx, `SELECT added, cap FROM source_caps WHERE sweep_id = $1 AND source_id = 'site'`,
		int64(sws[0].ID)).Scan(&added, &limit); err != nil || added != capPages || limit != capPages {
		t.Errorf("the source's count in the database: %d of %d, %v; want %d of %d", added, limit, err, capPages, capPages)
	}
}

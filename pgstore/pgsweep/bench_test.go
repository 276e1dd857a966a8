package pgsweep_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// BenchmarkWorkers sweeps a politeness-free local site (16 hosts, 60
// pages each, every fifth a finding) with 1, 2 and 4 workers, each with
// its own crawler and database pool and 8 hosts at a time, as `certwatch
// worker` processes have; one fresh database per sweep. pages/s is the
// figure to compare (as ratios, in one run):
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkWorkers -benchtime 3x ./pgstore/pgsweep/
func BenchmarkWorkers(b *testing.B) {
	const hosts, pages = 16, 60
	s := newSite(b, hosts, pages, 5)
	cfgPath := s.writeConfig(b, b.TempDir(), 0)
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			var swept time.Duration
			for range b.N {
				swept += sweepWith(b, cfgPath, n)
			}
			total := float64(b.N * hosts * (pages + 1))
			b.ReportMetric(total/swept.Seconds(), "pages/s")
		})
	}
}

// warmPage is a page with an offer, as the site's findings are.
func warmPage() *page.Page {
	p, err := page.FromHTML("http://warm.test/", (&site{pages: 5, offerEvery: 5}).page(0, 1, 5), "text/html; charset=utf-8")
	if err != nil {
		panic(err)
	}
	return p
}

// sweepWith sweeps the site once with n workers on a fresh database and
// returns how long the sweep took (from the start of the workers to the
// last one's return).
func sweepWith(b *testing.B, cfgPath string, n int) time.Duration {
	b.Helper()
	b.StopTimer()
	ctx := context.Background()
	dbURL := migratedDB(b)
	blobs := b.TempDir()
	var ws []*worker
	for range n {
		w, err := newWorker(ctx, cfgPath, dbURL, blobs, nil)
		if err != nil {
			b.Fatal(err)
		}
		ws = append(ws, w)
	}
	defer func() {
		for _, w := range ws {
			w.close()
		}
	}()
	// The segmenter each worker's matcher loads on its first finding is
	// a start-up cost, not sweep throughput.
	for _, w := range ws {
		w.sw.DetectorInForce().Detect(warmPage())
	}
	sw, err := ws[0].sw.StartShared(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := w.sw.Work(ctx, w.hf, sweep.WorkOptions{Name: fmt.Sprintf("w%d", i), Once: true, Poll: 50 * time.Millisecond})
			if err != nil && !errors.Is(err, sweep.ErrNoSweep) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	got, err := ws[0].b.Sweep(sw.ID)
	if err != nil || got.Status != store.SweepFinished {
		b.Fatalf("sweep %d: %v %v", sw.ID, got, err)
	}
	return took
}

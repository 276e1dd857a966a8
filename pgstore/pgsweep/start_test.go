package pgsweep_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/sweep"
)

// TestSeedersStartOneSweep: four workers started with --seed at once, each
// finding no sweep running, start one sweep between them; the others get
// ErrBusy with that sweep and join it.
func TestSeedersStartOneSweep(t *testing.T) {
	s := newSite(t, 2, 4, 2)
	cfgPath := s.writeConfig(t, t.TempDir(), 0)
	dbURL := migratedDB(t)
	blobs := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const n = 4
	ws := make([]*worker, n)
	for i := range ws {
		w, err := newWorker(ctx, cfgPath, dbURL, blobs, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer w.close()
		ws[i] = w
	}
	type result struct {
		id   uint64
		busy bool
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			sw, err := w.sw.StartShared(ctx)
			switch {
			case errors.Is(err, sweep.ErrBusy) && sw != nil:
				results[i] = result{id: sw.ID, busy: true}
			case err != nil:
				t.Errorf("worker %d: %v", i, err)
			default:
				results[i] = result{id: sw.ID}
			}
		}()
	}
	close(start)
	wg.Wait()
	started := 0
	for i, r := range results {
		if !r.busy {
			started++
		}
		if r.id != results[0].id {
			t.Errorf("worker %d has sweep %d, worker 0 sweep %d: two sweeps started", i, r.id, results[0].id)
		}
	}
	if started != 1 {
		t.Errorf("%d workers started a sweep, want 1: %+v", started, results)
	}
	sweeps, err := ws[0].b.Sweeps(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(sweeps) != 1 {
		t.Errorf("%d sweeps in the database, want 1", len(sweeps))
	}
}

package storetest

import (
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// frontierPruner is the retention every backend offers: the frontiers of
// sweeps finished before a time are deleted, the sweeps themselves kept.
type frontierPruner interface {
	PruneFrontiers(finishedBefore time.Time) (int, error)
}

// testPruneFrontiers: only frontiers of sweeps finished before the cut go;
// a running sweep's frontier stays; the sweep records stay; pruning again
// finds nothing.
func testPruneFrontiers(t *testing.T, b Backend) {
	p, ok := b.(frontierPruner)
	if !ok {
		t.Fatalf("%T has no PruneFrontiers", b)
	}
	old := startSweep(t, b)
	if _, err := b.AddFrontier(old, items("https://a.example/1", "https://a.example/2")); err != nil {
		t.Fatal(err)
	}
	if err := b.FinishSweep(old, store.SweepFinished, []byte(`{"pages":2}`)); err != nil {
		t.Fatal(err)
	}
	running := startSweep(t, b)
	if _, err := b.AddFrontier(running, items("https://b.example/1")); err != nil {
		t.Fatal(err)
	}
	count := func(sw uint64) int {
		t.Helper()
		pending, done, err := b.FrontierCounts(sw)
		if err != nil {
			t.Fatal(err)
		}
		return pending + done
	}
	if n, err := p.PruneFrontiers(time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("pruning before the sweep finished: %d, %v; want 0", n, err)
	}
	if count(old) != 2 {
		t.Fatalf("a frontier newer than the cut lost items: %d left", count(old))
	}
	if n, err := p.PruneFrontiers(time.Now().Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("pruning after the sweep finished: %d, %v; want the one finished sweep", n, err)
	}
	if got := count(old); got != 0 {
		t.Errorf("the finished sweep keeps %d frontier items", got)
	}
	if got := count(running); got != 1 {
		t.Errorf("the running sweep's frontier has %d items, want its 1", got)
	}
	if sw, err := b.Sweep(old); err != nil || sw.Status != store.SweepFinished || len(sw.Stats) == 0 {
		t.Errorf("the pruned sweep's record: %+v, %v; want it kept with its summary", sw, err)
	}
	if n, err := p.PruneFrontiers(time.Now().Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("pruning twice: %d, %v; want nothing the second time", n, err)
	}
}

package pgstore_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestClaimScheduleSlot: two serve processes, eight claimers each, one
// slot: exactly one wins; the next slot is claimable again; claims past
// 90 days go when a new one is made.
func TestClaimScheduleSlot(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	slot := time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)
	var won atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		p := a
		if i%2 == 1 {
			p = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := p.ClaimScheduleSlot(ctx, "sweep", slot, fmt.Sprintf("proc-%d", i))
			if err != nil {
				t.Error(err)
			}
			if ok {
				won.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := won.Load(); n != 1 {
		t.Fatalf("%d claimers won the 02:00 slot, want 1", n)
	}
	if ok, err := b.ClaimScheduleSlot(ctx, "backup", slot, "b"); err != nil || !ok {
		t.Fatalf("another job's slot: %v, %v; want claimed", ok, err)
	}
	later := slot.Add(100 * 24 * time.Hour)
	if ok, err := a.ClaimScheduleSlot(ctx, "sweep", later, "a"); err != nil || !ok {
		t.Fatalf("a later slot: %v, %v; want claimed", ok, err)
	}
	// The 02:00 claim is past 90 days from the later one: removed.
	var n int
	if err := a.Store().Pool().QueryRow(ctx, `SELECT count(*) FROM schedule_runs WHERE job = 'sweep'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d sweep claims kept, want only the latest", n)
	}
	if _, err := a.ClaimScheduleSlot(ctx, "", slot, "a"); err == nil {
		t.Error("a claim without a job name was accepted")
	}
}

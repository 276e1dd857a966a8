package pgstore_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// TestSweepParts: the workers' parts of a shared sweep's statistics. A
// part is saved and replaced (final or not: a worker that has work of
// the sweep again reopens its part); a part not final is stale once it was not saved for its
// stale-after time (the database's clock); merging hands every part to
// the caller with whether the sweep runs, finishes a running sweep only
// when the caller writes (with the digest enqueued once), and after the
// finish replaces the finished sweep's stats. Parts of a sweep that does
// not exist, and bad parts, are refused.
func TestSweepParts(t *testing.T) {
	b, _ := newBackend(t)
	sw := &store.Sweep{}
	if err := b.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddFrontier(sw.ID, []store.FrontierItem{{URL: "http://a.example/", SourceID: "s", Kind: "page"}}); err != nil {
		t.Fatal(err)
	}
	save := func(part, stats string, final bool, stale time.Duration) {
		t.Helper()
		if err := b.SaveSweepPart(sw.ID, store.SweepPart{Part: part, Stats: json.RawMessage(stats), Final: final, StaleAfter: stale}); err != nil {
			t.Fatal(err)
		}
	}
	// read merges without writing and returns the parts by name.
	read := func(wantRunning bool) map[string]store.SweepPart {
		t.Helper()
		out := map[string]store.SweepPart{}
		status, err := b.MergeSweepParts(sw.ID, func(running bool, parts []store.SweepPart) (json.RawMessage, bool, error) {
			if running != wantRunning {
				t.Errorf("running %v, want %v", running, wantRunning)
			}
			for _, p := range parts {
				out[p.Part] = p
			}
			return nil, false, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{true: store.SweepRunning, false: store.SweepFinished}[wantRunning]; status != want {
			t.Errorf("status %s, want %s", status, want)
		}
		return out
	}

	save("a", `{"n":1}`, false, 300*time.Millisecond)
	save("a", `{"n":2}`, false, 300*time.Millisecond)
	save("b", `{"n":5}`, true, time.Minute)
	parts := read(true)
	if a := parts["a"]; string(a.Stats) != `{"n":2}` || a.Final || a.Stale || a.StaleAfter != 300*time.Millisecond {
		t.Errorf("part a: %+v", a)
	}
	if p := parts["b"]; string(p.Stats) != `{"n":5}` || !p.Final || p.Stale {
		t.Errorf("part b: %+v, want final", p)
	}
	save("b", `{"n":6}`, false, time.Minute) // reopened
	if p := read(true)["b"]; string(p.Stats) != `{"n":6}` || p.Final {
		t.Errorf("part b: %+v, want reopened", p)
	}
	save("b", `{"n":7}`, true, time.Minute)
	time.Sleep(400 * time.Millisecond)
	if a := read(true)["a"]; !a.Stale {
		t.Errorf("part a not stale after its stale-after time: %+v", a)
	}
	save("a", `{"n":3}`, false, 300*time.Millisecond)
	if a := read(true)["a"]; a.Stale || string(a.Stats) != `{"n":3}` {
		t.Errorf("part a saved again: %+v, want fresh", a)
	}
	if len(queuedJobs(t, b, "digest")) != 0 {
		t.Fatal("a digest before the sweep finished")
	}

	// The finish: the caller's stats, the digest enqueued.
	status, err := b.MergeSweepParts(sw.ID, func(running bool, parts []store.SweepPart) (json.RawMessage, bool, error) {
		return json.RawMessage(`{"merged":2}`), true, nil
	})
	if err != nil || status != store.SweepFinished {
		t.Fatalf("finish: %s, %v", status, err)
	}
	got, err := b.Sweep(sw.ID)
	if err != nil || got.Status != store.SweepFinished || string(got.Stats) != `{"merged":2}` || got.FinishedAt.IsZero() {
		t.Fatalf("finished sweep %+v, %v", got, err)
	}
	// A late worker's final part, merged again: the stats are replaced,
	// no second digest.
	save("a", `{"n":4}`, true, 300*time.Millisecond)
	if _, err := b.MergeSweepParts(sw.ID, func(running bool, parts []store.SweepPart) (json.RawMessage, bool, error) {
		return json.RawMessage(`{"merged":3}`), true, nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Sweep(sw.ID); string(got.Stats) != `{"merged":3}` || got.Status != store.SweepFinished {
		t.Errorf("after the late merge: %s %s", got.Status, got.Stats)
	}
	if a := read(false)["a"]; !a.Final || string(a.Stats) != `{"n":4}` {
		t.Errorf("late part a: %+v", a)
	}
	if n := len(queuedJobs(t, b, "digest")); n != 1 {
		t.Errorf("%d digests, want 1", n)
	}
	// An error from merge writes nothing.
	boom := errors.New("boom")
	if _, err := b.MergeSweepParts(sw.ID, func(bool, []store.SweepPart) (json.RawMessage, bool, error) {
		return json.RawMessage(`{"merged":9}`), true, boom
	}); !errors.Is(err, boom) {
		t.Errorf("merge error: %v", err)
	}
	if got, _ := b.Sweep(sw.ID); string(got.Stats) != `{"merged":3}` {
		t.Errorf("stats %s after a failed merge", got.Stats)
	}

	// An interrupted sweep keeps its stats.
	sw2 := &store.Sweep{}
	if err := b.StartSweep(sw2); err != nil {
		t.Fatal(err)
	}
	if err := b.FinishSweep(sw2.ID, store.SweepInterrupted, nil); err != nil {
		t.Fatal(err)
	}
	if status, err := b.MergeSweepParts(sw2.ID, func(bool, []store.SweepPart) (json.RawMessage, bool, error) {
		return json.RawMessage(`{"merged":1}`), true, nil
	}); err != nil || status != store.SweepInterrupted {
		t.Errorf("merge into an interrupted sweep: %s, %v", status, err)
	}
	if got, _ := b.Sweep(sw2.ID); got.Status != store.SweepInterrupted || len(got.Stats) != 0 && string(got.Stats) != "null" {
		t.Errorf("interrupted sweep after a merge: %s %s", got.Status, got.Stats)
	}

	for _, bad := range []store.SweepPart{
		{Part: "", Stats: json.RawMessage(`{}`), StaleAfter: time.Second},
		{Part: "x", Stats: json.RawMessage(`{`), StaleAfter: time.Second},
		{Part: "x", Stats: json.RawMessage(`{}`)},
	} {
		if err := b.SaveSweepPart(sw.ID, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad part %+v: %v, want ErrInvalid", bad, err)
		}
	}
	if err := b.SaveSweepPart(sw.ID+100, store.SweepPart{Part: "x", Stats: json.RawMessage(`{}`), StaleAfter: time.Second}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("part of no sweep: %v, want ErrNotFound", err)
	}
	// Pruning a finished sweep's frontier drops its parts too (its stats
	// keep the merge).
	if _, err := b.PruneFrontiers(time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := len(read(false)); n != 0 {
		t.Errorf("%d parts left after pruning", n)
	}
	if got, _ := b.Sweep(sw.ID); string(got.Stats) != `{"merged":3}` {
		t.Errorf("stats %s after pruning", got.Stats)
	}
	if _, err := b.MergeSweepParts(sw.ID+100, func(bool, []store.SweepPart) (json.RawMessage, bool, error) { return nil, false, nil }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("merge of no sweep: %v, want ErrNotFound", err)
	}
}

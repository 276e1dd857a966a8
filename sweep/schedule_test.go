package sweep

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// lockedBuffer collects log output from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSchedulerOneAtATimeAndRecovers runs a slow job and a panicking job
// every second for a few seconds: the slow job never overlaps itself, and
// the panics are logged and recovered while the schedule goes on.
func TestSchedulerOneAtATimeAndRecovers(t *testing.T) {
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var running, maxRunning, slowRuns, panics atomic.Int32
	slow := Job{Name: "sweep", Spec: "@every 1s", Run: func(ctx context.Context) error {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		slowRuns.Add(1)
		select {
		case <-time.After(2200 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
		return nil
	}}
	boom := Job{Name: "boom", Spec: "@every 1s", Run: func(context.Context) error {
		panics.Add(1)
		panic("job exploded")
	}}
	s, err := NewScheduler(time.UTC, log, slow, boom)
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	time.Sleep(5 * time.Second)
	s.Stop(10 * time.Second)
	if maxRunning.Load() != 1 {
		t.Errorf("the slow job ran %d at once, want 1", maxRunning.Load())
	}
	if slowRuns.Load() < 1 || slowRuns.Load() > 3 {
		t.Errorf("the slow job ran %d times in 5 s at 2.2 s a run", slowRuns.Load())
	}
	if panics.Load() < 3 {
		t.Errorf("the panicking job ran %d times: a panic stopped the schedule\n%s", panics.Load(), logs.String())
	}
	out := logs.String()
	for _, want := range []string{"job exploded", "this run is skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%.3000s", want, out)
		}
	}
	if running.Load() != 0 {
		t.Errorf("%d jobs still running after Stop", running.Load())
	}
}

func TestSchedulerRejectsBadSpecs(t *testing.T) {
	for _, spec := range []string{"CRON_TZ=Asia/Shanghai", "TZ=UTC 0 2 * * *", "0 2 * *", "@sometimes", "61 * * * *"} {
		if _, err := NewScheduler(time.UTC, nil, Job{Name: "x", Spec: spec, Run: func(context.Context) error { return nil }}); err == nil {
			t.Errorf("spec %q accepted", spec)
		}
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) // 04:00 on the 25th in Shanghai
	next, err := Upcoming(loc, now, 2, Job{Name: "sweep", Spec: "0 2 * * *"}, Job{Name: "off"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-11-26T02:00:00+08:00", "2026-11-27T02:00:00+08:00"}
	if len(next[0].Next) != 2 || next[0].Next[0].Format(time.RFC3339) != want[0] || next[0].Next[1].Format(time.RFC3339) != want[1] || len(next[1].Next) != 0 {
		t.Errorf("Upcoming = %+v, want %v and nothing for the job without a spec", next, want)
	}
}

// TestScheduledSweepResumesAfterRestart stops a scheduled sweep half way
// (as a shutdown of serve does), then starts a new scheduler on the same
// database, as serve does after a restart: the sweep is resumed and
// finished with every page, and a second sweep cannot start while one
// runs.
//
// What "nothing fetched twice" means across a stop: a page whose result
// was committed (its frontier item done) before the stop is never fetched
// again nor recorded again. A request the stop cut short was never
// recorded, so it stays pending and is fetched once more after the
// restart; only those may be fetched twice, and there are at most as many
// as the crawler had in flight to the host (per_host_parallel). The
// resumed run itself requests each remaining item once.
func TestScheduledSweepResumesAfterRestart(t *testing.T) {
	web, err := testbed.Start(testbed.Options{BigSitePages: 300})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "c.yaml"), web.Config(filepath.Join(dir, "certwatch.db")))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Sources = []*config.Source{cfg.Source("big")}
	cfg.Limits.PerHostDelay = 10 * time.Millisecond
	m := defaultMatcher(t)
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	newRunner := func() (*Runner, *crawler.Crawler) {
		cr, err := crawler.New(CrawlerOptions(cfg))
		if err != nil {
			t.Fatal(err)
		}
		return &Runner{Sweeper: &Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}, cr
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	r1, cr1 := newRunner()
	s1, err := NewScheduler(time.UTC, quiet, Job{Name: "sweep", Spec: "@every 1s", Run: func(ctx context.Context) error {
		_, err := r1.Sweep(ctx)
		return err
	}})
	if err != nil {
		t.Fatal(err)
	}
	s1.Start()
	deadline := time.Now().Add(time.Minute)
	for web.TotalHits() < 60 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := r1.Sweep(context.Background()); !errors.Is(err, ErrBusy) {
		t.Errorf("a second sweep while one runs: %v, want ErrBusy", err)
	}
	s1.Stop(30 * time.Second) // shutdown
	cr1.Close()
	sw, err := st.RunningSweep()
	if err != nil {
		t.Fatalf("no sweep left to resume after the shutdown: %v", err)
	}
	pending, done, _ := st.FrontierCounts(sw.ID)
	if pending == 0 || done == 0 {
		t.Fatalf("shutdown at %d done, %d pending: the test did not stop the sweep half way", done, pending)
	}
	before := web.TotalHits()
	// What the first run committed: the big.example pages with a stored
	// record (the database is new, so any record is this sweep's) or a
	// done frontier item, with the fetch time of their record.
	const bigPages = 300
	pageURL := func(i int) string { return "http://" + testbed.HostBig + "/p/" + strconv.Itoa(i) + ".html" }
	committed := map[int]time.Time{}
	for i := 1; i <= bigPages; i++ {
		itemDone := false
		switch it, err := st.FrontierItem(sw.ID, pageURL(i)); {
		case errors.Is(err, store.ErrNotFound): // not discovered yet
		case err != nil:
			t.Fatal(err)
		default:
			itemDone = it.State == store.FrontierDone
		}
		rec, err := st.Page(pageURL(i))
		switch {
		case err == nil:
			committed[i] = rec.FetchedAt
		case !errors.Is(err, store.ErrNotFound):
			t.Fatal(err)
		case itemDone:
			t.Errorf("%s is done in the frontier but has no page record: lost", pageURL(i))
		}
	}
	if len(committed) == 0 {
		t.Fatal("no big.example page was committed before the shutdown: the test did not stop the sweep half way")
	}
	hitsAtStop := web.HitCounts()

	r2, cr2 := newRunner()
	defer cr2.Close()
	finished := make(chan struct{}, 1)
	var resumed atomic.Bool
	var resumedSum *Summary
	s2, err := NewScheduler(time.UTC, quiet, Job{Name: "sweep", Spec: "@every 1s", Run: func(ctx context.Context) error {
		if resumed.Load() {
			return nil // one resumed sweep is the test; a tick before Stop must not start a new one
		}
		sum, err := r2.Sweep(ctx)
		if err != nil {
			return err
		}
		resumedSum = sum
		resumed.Store(true)
		select {
		case finished <- struct{}{}:
		default:
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	s2.Start()
	select {
	case <-finished:
	case <-time.After(2 * time.Minute):
		t.Fatal("the resumed sweep did not finish")
	}
	s2.Stop(30 * time.Second)
	got, err := st.Sweep(sw.ID)
	if err != nil || got.Status != store.SweepFinished {
		t.Fatalf("sweep %d after the restart: %+v %v", sw.ID, got, err)
	}
	pendingEnd, doneEnd, _ := st.FrontierCounts(sw.ID)
	if pendingEnd != 0 {
		t.Errorf("%d items still pending", pendingEnd)
	}
	// The resumed run asked the crawler once for each item it finished:
	// one final result per request, whatever the outcome, besides the
	// evidence renders (of the imitation site and the official page,
	// fetched statically: evidence_shot.go), each a result of its own.
	cs := cr2.Stats()
	asked := cs.Fetched + cs.RobotsRefused
	for _, n := range cs.Failed {
		asked += n
	}
	asked -= int64(resumedSum.Total.Screenshots + resumedSum.Total.ScreenshotsFailed)
	if want := int64(doneEnd - done); asked != want {
		t.Errorf("the resumed run had %d results from the crawler for %d items it finished: an item was requested twice", asked, want)
	}
	hits := web.HitCounts()
	pages, refetched := 0, []string{}
	for path, n := range hits {
		if strings.HasPrefix(path, testbed.HostBig+" /p/") {
			pages++
			if n > 2 {
				t.Errorf("%s fetched %d times", path, n)
			}
		}
	}
	if pages != bigPages {
		t.Errorf("%d distinct pages of big.example fetched, want all %d", pages, bigPages)
	}
	for i := 1; i <= bigPages; i++ {
		key := testbed.HostBig + " /p/" + strconv.Itoa(i) + ".html"
		n := hits[key]
		rec, err := st.Page(pageURL(i))
		if err != nil {
			t.Errorf("%s has no page record after the resumed sweep: %v", pageURL(i), err)
			continue
		}
		if rec.SweepID != sw.ID {
			t.Errorf("%s recorded by sweep %d, want %d", pageURL(i), rec.SweepID, sw.ID)
		}
		if at, ok := committed[i]; ok {
			// Committed before the stop: the resumed sweep must leave it alone.
			if n != 1 {
				t.Errorf("%s was committed before the shutdown and fetched %d times in all (%d before the shutdown)", key, n, hitsAtStop[key])
			}
			if !rec.FetchedAt.Equal(at) {
				t.Errorf("%s was committed before the shutdown (fetched %s) and recorded again (fetched %s)", key, at.Format(time.RFC3339Nano), rec.FetchedAt.Format(time.RFC3339Nano))
			}
			continue
		}
		if n == 2 {
			refetched = append(refetched, fmt.Sprintf("%s (%d before the stop)", key, hitsAtStop[key]))
		}
	}
	// Only requests cut short by the stop are fetched twice (besides the
	// crawler's own retries after a timeout or a 5xx): the crawler never
	// has more than per_host_parallel requests in flight to a host.
	if limit := cfg.Limits.PerHostParallel + int(cs.Retries); len(refetched) > limit {
		t.Errorf("%d uncommitted pages fetched twice, more than the %d requests that can be in flight to %s at the stop (%d retries after it): %v",
			len(refetched), cfg.Limits.PerHostParallel, testbed.HostBig, cs.Retries, refetched)
	}
	t.Logf("%d requests before the shutdown, %d in all; %d items done before (%d big.example pages committed), %d after; refetched after the stop: %v",
		before, web.TotalHits(), done, len(committed), doneEnd, refetched)
}

// TestSchedulerSkipsRunsClaimedElsewhere: a job with Claim runs only the
// occurrences it wins; each claim names the occurrence by the time the
// schedule made it due (whole seconds for @every 1s started on a second),
// never the same one twice.
func TestSchedulerSkipsRunsClaimedElsewhere(t *testing.T) {
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	var mu sync.Mutex
	var slots []time.Time
	var runs atomic.Int32
	j := Job{Name: "sweep", Spec: "@every 1s",
		Run: func(context.Context) error { runs.Add(1); return nil },
		Claim: func(_ context.Context, slot time.Time) (bool, error) {
			mu.Lock()
			defer mu.Unlock()
			slots = append(slots, slot)
			return len(slots)%2 == 0, nil // every other occurrence is another process's
		}}
	s, err := NewScheduler(time.UTC, log, j)
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	time.Sleep(4500 * time.Millisecond)
	s.Stop(10 * time.Second)
	mu.Lock()
	defer mu.Unlock()
	if len(slots) < 2 {
		t.Fatalf("%d claims in 4.5 s of @every 1s", len(slots))
	}
	if got, want := int(runs.Load()), len(slots)/2; got != want {
		t.Errorf("ran %d times after %d claims, half of them won: want %d", got, len(slots), want)
	}
	for i := 1; i < len(slots); i++ {
		if !slots[i].After(slots[i-1]) {
			t.Errorf("claim %d for %v after %v: an occurrence claimed twice", i, slots[i], slots[i-1])
		}
		if d := slots[i].Sub(slots[i-1]); d != time.Second {
			t.Errorf("claims %v apart, want the schedule's 1 s (the due times, not the start times)", d)
		}
	}
	if !strings.Contains(logs.String(), "another process runs it") {
		t.Errorf("a skipped occurrence was not logged:\n%s", logs.String())
	}
}

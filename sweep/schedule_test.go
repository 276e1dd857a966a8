package sweep

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
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
// finished, no page is fetched twice, and a second sweep cannot start
// while one runs.
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
		cr, err := crawler.New(cfg.CrawlerOptions())
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

	r2, cr2 := newRunner()
	defer cr2.Close()
	finished := make(chan struct{}, 1)
	s2, err := NewScheduler(time.UTC, quiet, Job{Name: "sweep", Spec: "@every 1s", Run: func(ctx context.Context) error {
		if _, err := r2.Sweep(ctx); err != nil {
			return err
		}
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
	if pending, _, _ := st.FrontierCounts(sw.ID); pending != 0 {
		t.Errorf("%d items still pending", pending)
	}
	pages := 0
	for path, n := range web.HitCounts() {
		if strings.HasPrefix(path, testbed.HostBig+" /p/") {
			pages++
			if n > 1 {
				t.Errorf("%s fetched %d times", path, n)
			}
		}
	}
	if pages < 300 {
		t.Errorf("%d distinct pages of big.example fetched, want all 300", pages)
	}
	t.Logf("%d requests before the shutdown, %d in all; pages %d done before", before, web.TotalHits(), done)
}

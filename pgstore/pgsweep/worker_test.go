package pgsweep_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

func TestMain(m *testing.M) {
	if os.Getenv(envChild) != "" {
		os.Exit(childWorker())
	}
	pgtest.Main(m)
}

// migratedDB is a fresh database at the binary's schema.
func migratedDB(t testing.TB) string {
	t.Helper()
	return pgstoretest.DB(t)
}

// waitRunning waits until a sweep is running in the database.
func waitRunning(t *testing.T, ctx context.Context, b *pgstore.Backend) *store.Sweep {
	t.Helper()
	for {
		sw, err := b.RunningSweep()
		if err == nil {
			return sw
		}
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
			t.Fatal("no sweep started")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestWorkersSweepTogether: three workers, each with its own crawler and
// database pool, sweep a six-host site from the shared frontier; the
// first starts the sweep. Every page is fetched exactly once, every
// finding is one case with one sighting, the sweep is finished, and no
// host was ever fetched closer than its delay.
func TestWorkersSweepTogether(t *testing.T) {
	const (
		hosts = 6
		pages = 20
		delay = 150 * time.Millisecond
	)
	s := newSite(t, hosts, pages, 5)
	cfgPath := s.writeConfig(t, t.TempDir(), delay)
	dbURL := migratedDB(t)
	blobs := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	start := time.Now()
	type result struct {
		name string
		sum  *sweep.Summary
		err  error
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
		name := fmt.Sprintf("w%d", i)
		o := sweep.WorkOptions{Name: name, Hosts: 2, Once: true, Seed: i == 0, Poll: 200 * time.Millisecond}
		go func() {
			sum, err := w.sw.Work(ctx, w.hf, o)
			results <- result{name, sum, err}
		}()
		if i == 0 {
			waitRunning(t, ctx, w.b) // the others join the sweep it started
		}
	}
	for range ws {
		r := <-results
		switch {
		case errors.Is(r.err, sweep.ErrNoSweep):
			t.Logf("%s: the sweep was over before it looked", r.name)
		case r.err != nil:
			t.Fatalf("%s: %v", r.name, r.err)
		default:
			t.Logf("%s fetched %d pages", r.name, r.sum.Total.Attempted)
		}
	}

	b := ws[0].b
	sws, err := b.Sweeps(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sws) != 1 || sws[0].Status != store.SweepFinished {
		t.Fatalf("sweeps: %+v, want one finished", sws)
	}
	want := hosts * (pages + 1)
	pending, done, err := b.FrontierCounts(sws[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if pending != 0 || done != want {
		t.Errorf("frontier: %d pending, %d done; want 0 and %d", pending, done, want)
	}
	checkFetchedOnce(t, s)
	checkPolite(t, s, start, delay)
	checkCases(t, b, s.offers())
}

// checkFetchedOnce: every page of every host was requested exactly once.
func checkFetchedOnce(t *testing.T, s *site) {
	t.Helper()
	for _, h := range s.hosts {
		count := map[string]int{}
		for _, x := range h.hits() {
			count[x.path]++
		}
		for _, p := range s.paths() {
			if count[p] != 1 {
				t.Errorf("%s%s fetched %d times, want once", h.name, p, count[p])
			}
		}
	}
}

// checkPolite checks each host's request log (robots.txt included):
// requests never overlapped, the k-th request (from 0) arrived no sooner
// than k delays after the sweep started, and no request arrived sooner
// than the delay after the one before. The last holds by causality, not
// timing: a worker waits the delay from the end of its previous request
// (which arrived before it ended), and releases a host no sooner than the
// delay after its last request ended; only a worker killed mid-lease
// leaves its host to the lease's expiry (plus the delay), which its last
// request started before.
func checkPolite(t *testing.T, s *site, start time.Time, delay time.Duration) {
	t.Helper()
	for _, h := range s.hosts {
		h.mu.Lock()
		overlaps := h.overlaps
		h.mu.Unlock()
		if overlaps > 0 {
			t.Errorf("%s: %d requests arrived while another was being served", h.name, overlaps)
		}
		hits := h.hits()
		sort.Slice(hits, func(i, j int) bool { return hits[i].at.Before(hits[j].at) })
		for k, x := range hits {
			if early := start.Add(time.Duration(k) * delay); x.at.Before(early) {
				t.Errorf("%s: request %d (%s) arrived %v after the start, before %d delays", h.name, k, x.path, x.at.Sub(start), k)
			}
			if k > 0 {
				if gap := x.at.Sub(hits[k-1].at); gap < delay {
					t.Errorf("%s: %s arrived %v after %s (delay %v), %v after the start", h.name, x.path, gap, hits[k-1].path, delay, x.at.Sub(start))
				}
			}
		}
	}
}

// checkCases: one case per offer page, each seen once in the sweep.
func checkCases(t *testing.T, b *pgstore.Backend, want int) {
	t.Helper()
	cases, err := b.Cases(store.CaseFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Key] {
			t.Errorf("case key %s recorded twice", c.Key)
		}
		seen[c.Key] = true
		if c.Sightings != 1 {
			t.Errorf("case %d (%s): %d sightings, want 1", c.ID, c.URL, c.Sightings)
		}
		if !strings.Contains(c.URL, "/p/") {
			t.Errorf("case %d: %s is not an offer page", c.ID, c.URL)
		}
	}
	if len(cases) != want {
		t.Errorf("%d cases, want %d", len(cases), want)
	}
}

const envChild = "PGSWEEP_TEST_WORKER"

// childWorker runs one worker in a process of its own (the fault trial
// kills it with SIGKILL): configuration, database and blob directory from
// the environment.
func childWorker() int {
	args := strings.Split(os.Getenv(envChild), "\t")
	if len(args) != 4 {
		fmt.Fprintln(os.Stderr, "child worker: want config, database, blobs and name")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	// A worker started while PostgreSQL restarts cannot connect: it is
	// started again, as its service manager would.
	var w *worker
	var err error
	for range 60 {
		if w, err = newWorker(ctx, args[0], args[1], args[2], log.With("worker", args[3])); err == nil || ctx.Err() != nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err != nil && ctx.Err() != nil {
		return 0 // stopped while starting
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child worker:", err)
		return 1
	}
	defer w.close()
	_, err = w.sw.Work(ctx, w.hf, sweep.WorkOptions{Name: args[3], Hosts: 4, LeaseTTL: 3 * time.Second, Once: true, Poll: 200 * time.Millisecond,
		SaveEvery: 500 * time.Millisecond})
	if err != nil && !errors.Is(err, sweep.ErrNoSweep) && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "child worker:", err)
		return 1
	}
	return 0
}

// TestWorkersSurviveKills is the fault trial of issue 12 at a size this
// machine runs in a test: three worker processes sweep a ten-host site
// while, ten times, one of them is killed with SIGKILL at a random moment
// and a new one started, and PostgreSQL is restarted (immediate shutdown,
// as a crash) once mid-sweep. Every page is fetched, the frontier is all
// done, every finding is one case seen once, and no host was fetched
// closer than its delay. (The size, 3,000 pages on 30 hosts, is
// the same test with bigger numbers: PGSWEEP_FAULT_PAGES.)
func TestWorkersSurviveKills(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	hosts, pages := 10, 30
	if n, err := strconv.Atoi(os.Getenv("PGSWEEP_FAULT_PAGES")); err == nil && n >= 100 {
		hosts, pages = 30, n/30-1
	}
	const delay = 100 * time.Millisecond
	cluster := pgtest.Current()
	if cluster == nil {
		t.Skip("restarts PostgreSQL: needs the throwaway cluster, not " + pgtest.EnvServer)
	}
	s := newSite(t, hosts, pages, 5)
	cfgPath := s.writeConfig(t, t.TempDir(), delay)
	dbURL := migratedDB(t)
	blobs := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()

	start := time.Now()
	seeder, err := newWorker(ctx, cfgPath, dbURL, blobs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer seeder.close()
	sw, err := seeder.sw.StartShared(ctx)
	if err != nil {
		t.Fatal(err)
	}

	type child struct {
		name string
		cmd  *exec.Cmd
		done chan error
		out  *bytes.Buffer
	}
	seq := 0
	spawn := func() *child {
		seq++
		c := &child{name: fmt.Sprintf("worker-%d", seq), done: make(chan error, 1), out: &bytes.Buffer{}}
		c.cmd = exec.Command(os.Args[0], "-test.run=^$")
		c.cmd.Env = append(os.Environ(), envChild+"="+strings.Join([]string{cfgPath, dbURL, blobs, c.name}, "\t"))
		c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
		if err := c.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { c.done <- c.cmd.Wait() }()
		return c
	}
	live := []*child{spawn(), spawn(), spawn()}
	var killed, exited []*child
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 12))
	t.Cleanup(func() {
		for _, c := range live {
			c.cmd.Process.Kill()
			<-c.done
		}
	})
	spread := time.Duration(max(1, hosts*(pages+1)/1000)) // kills spread over a longer sweep
	for trial := range 10 {
		time.Sleep(spread * time.Duration(200+rng.IntN(1300)) * time.Millisecond)
		if trial == 5 {
			rctx, rcancel := context.WithTimeout(ctx, 2*time.Minute)
			if err := cluster.Restart(rctx); err != nil {
				rcancel()
				t.Fatalf("restart PostgreSQL: %v", err)
			}
			rcancel()
			t.Logf("PostgreSQL restarted after %v", time.Since(start))
		}
		if testing.Verbose() {
			t.Logf("trial %d at %v", trial, time.Since(start))
		}
		i := rng.IntN(len(live))
		c := live[i]
		select {
		case err := <-c.done: // it finished the sweep already
			if err != nil {
				t.Errorf("worker exited: %v\n%s", err, c.out)
			}
			exited = append(exited, c)
		default:
			if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatal(err)
			}
			<-c.done
			killed = append(killed, c)
			t.Logf("killed a worker at %v", time.Since(start))
		}
		live[i] = spawn()
	}
	// SIGTERM drains: the worker finishes its pages in hand, gives its
	// hosts back and exits 0.
	time.Sleep(time.Second)
	drained := live[0]
	if err := drained.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err) // done: it finished the sweep first
	}
	if err := <-drained.done; err != nil {
		t.Errorf("worker stopped with SIGTERM: %v\n%s", err, drained.out)
	}
	exited = append(exited, drained)
	live[0] = spawn()
	st0 := seeder.b.Store()
	var held int
	for range 3 { // the seeder's pool may hold connections the restart ended
		if err = st0.Pool().QueryRow(ctx, `SELECT count(*) FROM hosts WHERE lease_owner = $1`, drained.name).Scan(&held); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if held != 0 {
		t.Errorf("a worker stopped with SIGTERM still holds %d hosts", held)
	}
	for _, c := range live {
		select {
		case err := <-c.done:
			if err != nil {
				t.Errorf("worker exited: %v\n%s", err, c.out)
			}
		case <-ctx.Done():
			t.Fatalf("workers did not finish the sweep\n%s", c.out)
		}
		exited = append(exited, c)
	}
	live = nil
	t.Logf("%d workers killed; sweep done after %v", len(killed), time.Since(start))

	// A pool of its own: the seeder's connections died with the restart.
	st, err := pgstore.Open(ctx, dbURL, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := pgstore.NewBackend(st, dirBlobs(t, blobs))
	defer b.Close()
	got, err := b.Sweep(sw.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.SweepFinished {
		t.Errorf("sweep %d is %s, want finished", sw.ID, got.Status)
	}
	pending, done, err := b.FrontierCounts(sw.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := hosts * (pages + 1); pending != 0 || done != want {
		t.Errorf("frontier: %d pending, %d done; want 0 and %d", pending, done, want)
	}
	refetched := 0
	for _, h := range s.hosts {
		count := map[string]int{}
		for _, x := range h.hits() {
			count[x.path]++
		}
		for _, p := range s.paths() {
			switch {
			case count[p] == 0:
				t.Errorf("%s%s never fetched", h.name, p)
			case count[p] > 1:
				refetched += count[p] - 1
			}
		}
	}
	t.Logf("pages fetched again after a kill: %d", refetched)
	// The summary: every count of the workers that were not killed, and
	// of the killed ones up to their last save (each fetch counted at
	// most once, as the site served it); exact unless marked partial.
	_, sum := storedSummary(t, b, sw.ID)
	_, served := servedPages(s)
	t.Logf("summary: %d pages attempted of %d served, partial %v", sum.Total.Attempted, served, sum.Partial)
	switch {
	case sum.Total.Attempted > served:
		t.Errorf("summary: %d pages attempted, more than the %d served", sum.Total.Attempted, served)
	case !sum.Partial && sum.Total.Attempted != served:
		t.Errorf("summary not marked partial: %d pages attempted, %d served", sum.Total.Attempted, served)
	case sum.Partial && len(killed) == 0:
		t.Error("summary marked partial, and no worker was killed")
	}
	checkPolite(t, s, start, delay)
	checkCases(t, b, s.offers())
	if t.Failed() {
		for _, c := range append(killed, exited...) {
			t.Logf("worker output:\n%s", c.out)
		}
	}
}

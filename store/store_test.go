package store

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// fakeClock is an injected clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openTest opens a new database under t.TempDir, closed at the end.
func openTest(t testing.TB) (*Store, *fakeClock) {
	t.Helper()
	clock := newClock()
	s, err := Open(filepath.Join(t.TempDir(), "certwatch.db"), Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, clock
}

func startSweep(t testing.TB, s *Store) uint64 {
	t.Helper()
	sw := Sweep{ConfigHash: "cfg1", Packs: []string{"default@abc123"}}
	if err := s.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	return sw.ID
}

func addFrontier(t testing.TB, s *Store, sweepID uint64, urls ...string) {
	t.Helper()
	items := make([]FrontierItem, len(urls))
	for i, u := range urls {
		items[i] = FrontierItem{URL: u, SourceID: "forum", Kind: "page"}
	}
	if _, err := s.AddFrontier(sweepID, items); err != nil {
		t.Fatal(err)
	}
}

// observation is a flagged page whose body and content key follow content.
func observation(sweepID uint64, url, content string, at time.Time) Observation {
	body := []byte("<html><title>办证</title><body>" + content + "</body></html>")
	sum := sha256.Sum256([]byte(content))
	return Observation{
		SweepID:     sweepID,
		FrontierURL: url,
		CaseKey:     CanonicalURL(url),
		URL:         url,
		FinalURL:    url,
		SourceID:    "forum",
		Title:       "办证",
		FetchedAt:   at,
		Status:      200,
		Header:      http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body:        body,
		RemoteAddr:  "127.0.0.1:8080",
		Flagged:     true,
		Score:       0.9,
		Category:    "fake_certificate",
		Finding:     json.RawMessage(`{"score":0.9,"rules":["cert-sale"]}`),
		ContentKey:  hex.EncodeToString(sum[:]),
	}
}

func TestOpenCloseReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := startSweep(t, s)
	data, err := os.ReadFile(path + ".lock")
	if err != nil {
		t.Fatalf("lock file while open: %v", err)
	}
	var h LockHolder
	if err := json.Unmarshal(data, &h); err != nil || h.PID != os.Getpid() || len(h.Args) == 0 || h.Since.IsZero() {
		t.Errorf("lock file = %s (%v), want this process's pid, args and start", data, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file after Close: %v, want gone", err)
	}

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sw, err := s.Sweep(id)
	if err != nil || sw.Status != SweepRunning || sw.ConfigHash != "cfg1" {
		t.Fatalf("sweep after reopen = %+v, %v", sw, err)
	}
}

func TestOpenLockedInProcess(t *testing.T) {
	// bbolt's flock belongs to the open file description, so a second Open
	// in the same process conflicts like one from another process.
	path := filepath.Join(t.TempDir(), "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("readonly=%v", readOnly), func(t *testing.T) {
			start := time.Now()
			_, err := Open(path, Options{LockTimeout: 200 * time.Millisecond, ReadOnly: readOnly})
			if elapsed := time.Since(start); elapsed > 15*time.Second { // without the timeout it waits forever
				t.Errorf("Open waited %v with a 200ms timeout", elapsed)
			}
			checkLocked(t, err, os.Getpid())
		})
	}
}

// checkLocked checks that err says pid holds certwatch.db.
func checkLocked(t *testing.T, err error, pid int) {
	t.Helper()
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open of a held database: %v, want ErrLocked", err)
	}
	var le *LockedError
	if !errors.As(err, &le) || le.Holder == nil || le.Holder.PID != pid {
		t.Fatalf("Open error %#v does not name pid %d", err, pid)
	}
	want := fmt.Sprintf("store: certwatch.db is in use by pid %d (", pid)
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, "; stop it or use its API") || !strings.Contains(msg, ", since ") {
		t.Errorf("message %q, want %q…, since …; stop it or use its API", msg, want)
	}
}

func TestLockedErrorMessage(t *testing.T) {
	e := &LockedError{Path: "/var/lib/certwatch/certwatch.db", Holder: &LockHolder{
		PID: 4242, Args: []string{"/usr/local/bin/certwatch", "serve"},
		Since: time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC),
	}}
	want := "store: certwatch.db is in use by pid 4242 (certwatch serve, since 2024-11-24T08:00:00Z); stop it or use its API"
	if e.Error() != want {
		t.Errorf("got  %q\nwant %q", e.Error(), want)
	}
	if !errors.Is(e, ErrLocked) {
		t.Error("LockedError is not ErrLocked")
	}
}

// helperEnv switches the test binary into a helper process (see
// TestHelperProcess).
const helperEnv = "CERTWATCH_STORE_HELPER"

// startHelper runs the test binary as a helper process in mode on path; it
// returns the process and its stdout.
func startHelper(t *testing.T, mode, path string) (*exec.Cmd, *bufio.Scanner, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "CERTWATCH_STORE_PATH="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, bufio.NewScanner(stdout), stdin
}

// TestHelperProcess is not a test: it is the other process of the lock
// and kill tests.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process only")
	}
	path := os.Getenv("CERTWATCH_STORE_PATH")
	s, err := Open(path, Options{LockTimeout: 5 * time.Second})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	switch mode {
	case "hold":
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin) // until the parent closes stdin
	case "tree":
		treeHelper(s)
		io.Copy(io.Discard, os.Stdin)
	case "record":
		// Record every pending item of the running sweep with four
		// workers, reporting each, until killed.
		sw, err := s.RunningSweep()
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		items, err := s.PendingFrontier(sw.ID, 0)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		work := make(chan FrontierItem)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for it := range work {
					_, err := s.Record(observation(sw.ID, it.URL, "v1 "+it.URL, time.Now()))
					mu.Lock()
					if err != nil {
						fmt.Println("error:", err)
					} else {
						fmt.Println("recorded", it.URL)
					}
					mu.Unlock()
				}
			})
		}
		for _, it := range items {
			work <- it
		}
		close(work)
		wg.Wait()
		fmt.Println("all recorded")
		io.Copy(io.Discard, os.Stdin)
	}
	s.Close()
	os.Exit(0)
}

func TestOpenLockedOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	cmd, out, stdin := startHelper(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("helper: %q %v", out.Text(), out.Err())
	}
	_, err := Open(path, Options{LockTimeout: 200 * time.Millisecond})
	checkLocked(t, err, cmd.Process.Pid)
	var le *LockedError
	errors.As(err, &le)
	if got := le.Holder.Command(); !strings.HasPrefix(got, filepath.Base(os.Args[0])+" -test.run=") {
		t.Errorf("holder command %q", got)
	}

	// A clean exit removes the lock file.
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file after the holder closed: %v", err)
	}
	s, err := Open(path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("Open after the holder exited: %v", err)
	}
	s.Close()
}

func TestStaleLockFileDoesNotBlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	// A process that has exited leaves its lock file behind.
	cmd, out, _ := startHelper(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("helper: %q %v", out.Text(), out.Err())
	}
	deadPID := cmd.Process.Pid
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := readLockFile(path); err != nil {
		t.Fatalf("killed holder left no lock file: %v", err)
	}

	s, err := Open(path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("Open with a stale lock file: %v", err)
	}
	h, err := readLockFile(path)
	if err != nil || h.PID != os.Getpid() {
		t.Errorf("lock file now names %+v (%v), want this process, not %d", h, err, deadPID)
	}
	s.Close()

	// A stale file naming a dead process is not presented as the holder
	// when the database is held by someone who wrote none (a reader).
	stale, _ := json.Marshal(LockHolder{PID: deadPID, Args: []string{"certwatch", "serve"}})
	if err := os.WriteFile(path+".lock", stale, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = Open(path, Options{LockTimeout: 100 * time.Millisecond})
	var le *LockedError
	if !errors.As(err, &le) || le.Holder != nil {
		t.Fatalf("Open = %v, want a LockedError without holder", err)
	}
	if !strings.Contains(err.Error(), "is in use by another process") {
		t.Errorf("message %q", err)
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	if _, err := Open(path, Options{ReadOnly: true, LockTimeout: 100 * time.Millisecond}); err == nil {
		t.Fatal("read-only Open of a missing file succeeded")
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := startSweep(t, s)
	s.Close()

	r1, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(path, Options{ReadOnly: true, LockTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer r2.Close()
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a reader wrote a lock file: %v", err)
	}
	if _, err := r1.Sweep(id); err != nil {
		t.Error(err)
	}
	if err := r1.StartSweep(&Sweep{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("StartSweep on a reader: %v, want ErrReadOnly", err)
	}
	if _, err := r1.Record(observation(id, "http://a.example/", "x", time.Now())); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Record on a reader: %v, want ErrReadOnly", err)
	}
}

func TestSweeps(t *testing.T) {
	s, clock := openTest(t)
	if _, err := s.RunningSweep(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("RunningSweep on an empty store: %v", err)
	}
	first := startSweep(t, s)
	clock.Add(time.Hour)
	if err := s.FinishSweep(first, SweepFinished, json.RawMessage(`{"pages":3}`)); err != nil {
		t.Fatal(err)
	}
	second := startSweep(t, s)
	if first != 1 || second != 2 {
		t.Errorf("ids %d, %d, want 1, 2", first, second)
	}
	run, err := s.RunningSweep()
	if err != nil || run.ID != second || run.Status != SweepRunning || !run.StartedAt.Equal(clock.Now()) {
		t.Fatalf("RunningSweep = %+v, %v", run, err)
	}
	if err := s.FinishSweep(second, "done", nil); err == nil {
		t.Error("FinishSweep accepted status \"done\"")
	}
	if err := s.FinishSweep(99, SweepFinished, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishSweep(99): %v, want ErrNotFound", err)
	}
	if err := s.FinishSweep(second, SweepInterrupted, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunningSweep(); !errors.Is(err, ErrNotFound) {
		t.Errorf("RunningSweep after all finished: %v", err)
	}
	list, err := s.Sweeps(0)
	if err != nil || len(list) != 2 || list[0].ID != second || list[1].ID != first {
		t.Fatalf("Sweeps = %+v, %v, want newest first", list, err)
	}
	if string(list[1].Stats) != `{"pages":3}` || !list[1].FinishedAt.Equal(newClock().Now().Add(time.Hour)) || list[1].Status != SweepFinished {
		t.Errorf("finished sweep = %+v", list[1])
	}
	if list, _ := s.Sweeps(1); len(list) != 1 || list[0].ID != second {
		t.Errorf("Sweeps(1) = %+v", list)
	}
}

func TestFrontier(t *testing.T) {
	s, _ := openTest(t)
	id := startSweep(t, s)
	items := []FrontierItem{
		{URL: "https://a.example/1", Kind: "page", Depth: 1},
		{URL: "https://b.example/search?q=%E5%8A%9E%E8%AF%81", Kind: "search", Meta: map[string]string{"term": "办证"}},
		{URL: "https://A.example:443/1#top", Kind: "page"}, // the first again
		{URL: "https://a.example/2?utm_source=x", Kind: "page", Render: true},
	}
	added, err := s.AddFrontier(id, items)
	if err != nil || added != 3 {
		t.Fatalf("AddFrontier = %d, %v, want 3 added", added, err)
	}
	added, err = s.AddFrontier(id, []FrontierItem{{URL: "https://a.example/2"}, {URL: "https://c.example/"}})
	if err != nil || added != 1 {
		t.Fatalf("second AddFrontier = %d, %v, want 1 (c.example)", added, err)
	}
	if _, err := s.AddFrontier(id, []FrontierItem{{}}); err == nil {
		t.Error("AddFrontier accepted an item without URL")
	}
	if _, err := s.AddFrontier(99, items); !errors.Is(err, ErrNotFound) {
		t.Errorf("AddFrontier to a missing sweep: %v", err)
	}

	pending, err := s.PendingFrontier(id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, it := range pending {
		urls = append(urls, it.URL)
		if it.State != FrontierPending {
			t.Errorf("%s state %q", it.URL, it.State)
		}
	}
	want := "https://a.example/1 https://b.example/search?q=%E5%8A%9E%E8%AF%81 https://a.example/2?utm_source=x https://c.example/"
	if strings.Join(urls, " ") != want {
		t.Errorf("pending = %v\nwant in insertion order %s", urls, want)
	}
	if pending[1].Meta["term"] != "办证" || !pending[2].Render || pending[0].Depth != 1 {
		t.Errorf("fields lost: %+v", pending)
	}
	if two, _ := s.PendingFrontier(id, 2); len(two) != 2 || two[0].URL != pending[0].URL {
		t.Errorf("PendingFrontier(2) = %+v", two)
	}

	if err := s.MarkDone(id, "https://a.example/1", "ok"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDone(id, "https://a.example/2", "robots"); err != nil { // canonical match
		t.Fatal(err)
	}
	if err := s.MarkDone(id, "https://a.example/1", "ok"); err != nil {
		t.Fatalf("MarkDone again: %v", err)
	}
	if err := s.MarkDone(id, "https://nowhere.example/", "ok"); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkDone of an unknown URL: %v, want ErrNotFound", err)
	}
	p, d, err := s.FrontierCounts(id)
	if err != nil || p != 2 || d != 2 {
		t.Errorf("counts = %d pending, %d done, %v; want 2, 2", p, d, err)
	}
	pending, _ = s.PendingFrontier(id, 0)
	if len(pending) != 2 || pending[0].URL != "https://b.example/search?q=%E5%8A%9E%E8%AF%81" {
		t.Errorf("pending after MarkDone = %+v", pending)
	}
	it, err := s.FrontierItem(id, "https://a.example/2")
	if err != nil || it.State != FrontierDone || it.Outcome != "robots" {
		t.Errorf("item = %+v, %v", it, err)
	}
	// A done URL is not added again.
	if added, _ := s.AddFrontier(id, []FrontierItem{{URL: "https://a.example/1"}}); added != 0 {
		t.Errorf("re-added a done URL")
	}

	// Frontiers are per sweep.
	other := startSweep(t, s)
	if p, d, err := s.FrontierCounts(other); p != 0 || d != 0 || err != nil {
		t.Errorf("new sweep counts = %d, %d, %v", p, d, err)
	}
	if added, _ := s.AddFrontier(other, []FrontierItem{{URL: "https://a.example/1"}}); added != 1 {
		t.Errorf("URL of another sweep's frontier not added")
	}
	if err := s.DeleteFrontier(id); err != nil {
		t.Fatal(err)
	}
	if p, d, _ := s.FrontierCounts(id); p != 0 || d != 0 {
		t.Errorf("counts after DeleteFrontier = %d, %d", p, d)
	}
}

func TestCaseLifecycle(t *testing.T) {
	s, clock := openTest(t)
	const url = "https://forum.example/t/42?utm_source=wx"
	key := CanonicalURL(url)

	type step struct {
		content                           string
		newCase, newSnapshot, newSighting bool
		wantSightings, wantSnapshots      int
	}
	steps := []step{
		{"出售安全员证 微信 abc123", true, true, true, 1, 1},      // new
		{"出售安全员证 微信 abc123", false, false, true, 2, 1},    // seen again, unchanged
		{"出售安全员证 电工证 微信 abc123", false, true, true, 3, 2}, // changed
	}
	var caseID uint64
	for i, st := range steps {
		sweep := startSweep(t, s)
		addFrontier(t, s, sweep, url, "https://forum.example/other")
		o := observation(sweep, url, st.content, clock.Now())
		o.Score = 0.5 + float64(i)/10
		res, err := s.Record(o)
		if err != nil {
			t.Fatalf("sweep %d: %v", sweep, err)
		}
		if res.NewCase != st.newCase || res.NewSnapshot != st.newSnapshot || res.NewSighting != st.newSighting {
			t.Errorf("sweep %d: result %+v, want new case %v, snapshot %v, sighting %v",
				sweep, res, st.newCase, st.newSnapshot, st.newSighting)
		}
		if caseID == 0 {
			caseID = res.CaseID
		} else if res.CaseID != caseID {
			t.Errorf("sweep %d: case %d, want %d", sweep, res.CaseID, caseID)
		}
		c, err := s.Case(caseID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Sightings != st.wantSightings || c.Snapshots != st.wantSnapshots || c.LastSweep != sweep ||
			!c.LastSeen.Equal(clock.Now()) || c.Score != o.Score || c.Key != key || c.Status != casework.CaseOpen {
			t.Errorf("sweep %d: case %+v", sweep, c)
		}
		if p, d, _ := s.FrontierCounts(sweep); p != 1 || d != 1 {
			t.Errorf("sweep %d: frontier %d pending, %d done; Record must mark its item done", sweep, p, d)
		}
		if it, _ := s.FrontierItem(sweep, url); it == nil || it.Outcome != "ok" {
			t.Errorf("sweep %d: frontier item %+v", sweep, it)
		}
		s.FinishSweep(sweep, SweepFinished, nil)
		clock.Add(24 * time.Hour)
	}

	c, _ := s.Case(caseID)
	first := newClock().Now()
	if !c.FirstSeen.Equal(first) || !c.LastSeen.Equal(first.Add(48*time.Hour)) {
		t.Errorf("first/last seen %v %v", c.FirstSeen, c.LastSeen)
	}
	sightings, err := s.Sightings(caseID)
	if err != nil || len(sightings) != 3 {
		t.Fatalf("sightings = %+v, %v", sightings, err)
	}
	snaps, err := s.Snapshots(caseID)
	if err != nil || len(snaps) != 2 {
		t.Fatalf("snapshots = %+v, %v", snaps, err)
	}
	for i, sg := range sightings {
		wantSnap := snaps[0].ID
		if i == 2 {
			wantSnap = snaps[1].ID
		}
		if sg.SweepID != uint64(i+1) || sg.SnapshotID != wantSnap || !sg.SeenAt.Equal(first.Add(time.Duration(i)*24*time.Hour)) {
			t.Errorf("sighting %d = %+v, want snapshot %d", i, sg, wantSnap)
		}
	}
	if snaps[0].SweepID != 1 || snaps[1].SweepID != 3 || snaps[0].ContentKey == snaps[1].ContentKey {
		t.Errorf("snapshots %+v", snaps)
	}
	for _, sn := range snaps {
		body, err := s.SnapshotBody(sn.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != sn.BodySHA256 || len(body) != sn.BodySize {
			t.Errorf("snapshot %d body does not match its hash", sn.ID)
		}
		if _, err := s.SnapshotScreenshot(sn.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("screenshot of an unrendered page: %v", err)
		}
	}
	if !strings.Contains(string(snaps[1].Finding), "cert-sale") || snaps[1].Header.Get("Content-Type") == "" {
		t.Errorf("snapshot lost fields: %+v", snaps[1])
	}
	byKey, err := s.CaseByKey(key)
	if err != nil || byKey.ID != caseID {
		t.Errorf("CaseByKey = %+v, %v", byKey, err)
	}
	page, err := s.Page(url)
	if err != nil || !page.Flagged || page.CaseID != caseID || page.SweepID != 3 {
		t.Errorf("page = %+v, %v", page, err)
	}
	if _, err := s.Case(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Case(99): %v", err)
	}
	if _, err := s.Sightings(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Sightings(99): %v", err)
	}
}

func TestRecordTwiceInOneSweep(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	const url = "https://shop.example/item/7"
	addFrontier(t, s, sweep, url)
	o := observation(sweep, url, "出售特种作业操作证", clock.Now())
	first, err := s.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Minute)
	o.FetchedAt = clock.Now() // e.g. fetched again after a resume
	again, err := s.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	if again.CaseID != first.CaseID || again.NewCase || again.NewSnapshot || again.NewSighting {
		t.Errorf("second Record = %+v, want nothing new", again)
	}
	c, _ := s.Case(first.CaseID)
	if c.Sightings != 1 || c.Snapshots != 1 {
		t.Errorf("case %+v, want 1 sighting, 1 snapshot", c)
	}
	if sg, _ := s.Sightings(first.CaseID); len(sg) != 1 {
		t.Errorf("sightings %+v", sg)
	}
	if p, d, _ := s.FrontierCounts(sweep); p != 0 || d != 1 {
		t.Errorf("frontier %d, %d", p, d)
	}
	st, _ := s.Stats()
	if st["cases"] != 1 || st["sightings"] != 1 || st["snapshots"] != 1 || st["bodies"] != 1 {
		t.Errorf("stats %v", st)
	}
}

func TestRecordRejects(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	addFrontier(t, s, sweep, "https://a.example/")
	valid := func() Observation { return observation(sweep, "https://a.example/", "x", clock.Now()) }
	tests := []struct {
		name   string
		change func(*Observation)
		is     error
	}{
		{"no case key", func(o *Observation) { o.CaseKey = "" }, nil},
		{"no sweep", func(o *Observation) { o.SweepID = 0 }, nil},
		{"unknown sweep", func(o *Observation) { o.SweepID = 42 }, ErrNotFound},
		{"not in frontier", func(o *Observation) { o.FrontierURL = "https://b.example/" }, ErrNotFound},
		{"wrong body hash", func(o *Observation) { o.BodySHA256 = strings.Repeat("0", 64) }, nil},
		{"wrong screenshot hash", func(o *Observation) { o.Screenshot = []byte("png"); o.ScreenshotSHA256 = "ab" }, nil},
		{"finding not JSON", func(o *Observation) { o.Finding = json.RawMessage("{") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := valid()
			tt.change(&o)
			_, err := s.Record(o)
			if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Fatalf("Record = %v, want an error (%v)", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), "store: record case ") {
				t.Errorf("error %q does not name the operation", err)
			}
		})
	}
	if st, _ := s.Stats(); st["cases"] != 0 || st["snapshots"] != 0 {
		t.Errorf("a rejected Record wrote something: %v", st)
	}
}

func TestRecordPage(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	addFrontier(t, s, sweep, "https://gov.example/notice?from=timeline")
	err := s.RecordPage(sweep, "https://gov.example/notice?from=timeline", PageRecord{
		URL: "https://gov.example/notice?from=timeline", Status: 200, FetchedAt: clock.Now(),
		BodySHA256: "abc", BodySize: 10, Truncated: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Page("https://gov.example/notice")
	if err != nil || p.Status != 200 || p.Outcome != "ok" || !p.Truncated || p.SweepID != sweep || p.Flagged {
		t.Errorf("page = %+v, %v", p, err)
	}
	if pend, done, _ := s.FrontierCounts(sweep); pend != 0 || done != 1 {
		t.Errorf("frontier %d, %d", pend, done)
	}
	if err := s.RecordPage(sweep, "https://missing.example/", PageRecord{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("RecordPage of a URL outside the frontier: %v", err)
	}
	if _, err := s.Page("https://missing.example/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a failed RecordPage stored its page: %v", err)
	}
}

func TestCasesFilterAndOrder(t *testing.T) {
	s, clock := openTest(t)
	s1 := startSweep(t, s)
	s2 := startSweep(t, s)
	record := func(sweep uint64, url, category string, score float64) {
		t.Helper()
		o := observation(sweep, url, url, clock.Now())
		o.FrontierURL = ""
		o.Category, o.Score = category, score
		if _, err := s.Record(o); err != nil {
			t.Fatal(err)
		}
	}
	record(s1, "https://a.example/", "fake_certificate", 0.7)
	record(s1, "https://b.example/", "imitation_site", 0.9)
	record(s2, "https://c.example/", "fake_certificate", 0.7)
	record(s2, "https://d.example/", "fake_certificate", 0.95)

	keys := func(cs []Case) string {
		var out []string
		for _, c := range cs {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(c.Key, "https://"), ".example/"))
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name string
		f    CaseFilter
		want string
	}{
		{"all by score then id", CaseFilter{}, "d,b,a,c"},
		{"category", CaseFilter{Category: "fake_certificate"}, "d,a,c"},
		{"since sweep", CaseFilter{SinceSweep: s2}, "d,c"},
		{"limit", CaseFilter{Limit: 2}, "d,b"},
		{"nothing", CaseFilter{Category: "none"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := s.Cases(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(cs); got != tt.want {
				t.Errorf("Cases(%+v) = %s, want %s", tt.f, got, tt.want)
			}
		})
	}
}

func TestRecordConcurrent(t *testing.T) {
	// Many workers recording at once share Batch transactions, some of
	// which fail (bbolt then reruns the others): every observation that
	// succeeds must count exactly once, and no failed one at all.
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	const n = 200
	var urls []string
	for i := range n {
		urls = append(urls, fmt.Sprintf("https://m.example/item/%d", i))
	}
	addFrontier(t, s, sweep, urls...)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < 2*n; i += 8 { // every URL twice
				o := observation(sweep, urls[i%n], "listing", clock.Now())
				// Two URLs share each listing case.
				o.CaseKey = fmt.Sprintf("listing:m:%d", i%n/2)
				bad := i%7 == 0
				if bad {
					o.FrontierURL = "https://m.example/not-in-frontier"
					o.CaseKey = fmt.Sprintf("listing:bad:%d", i)
				}
				_, err := s.Record(o)
				switch {
				case bad && !errors.Is(err, ErrNotFound):
					t.Errorf("Record outside the frontier: %v", err)
				case !bad && err != nil:
					t.Error(err)
				case bad:
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	st, _ := s.Stats()
	if failed == 0 || st["cases"] != n/2 || st["sightings"] != n/2 || st["snapshots"] != n/2 || st["case_keys"] != n/2 {
		t.Errorf("stats %v after %d failures, want %d cases, sightings and snapshots", st, failed, n/2)
	}
	if p, d, _ := s.FrontierCounts(sweep); p != 0 || d != n {
		t.Errorf("frontier %d pending, %d done", p, d)
	}
}

// copyFile copies the database file as it is on disk, as a crash would
// leave it.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCrashWithoutClose(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "certwatch.db")
	clock := newClock()
	s, err := Open(path, Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sweep := startSweep(t, s)
	var urls []string
	for i := range 10 {
		urls = append(urls, fmt.Sprintf("https://x.example/%d", i))
	}
	addFrontier(t, s, sweep, urls...)
	for _, u := range urls[:6] {
		if _, err := s.Record(observation(sweep, u, "v1 "+u, clock.Now())); err != nil {
			t.Fatal(err)
		}
	}
	// The process "dies" here: what is on disk is all there is.
	crashed := filepath.Join(dir, "crashed.db")
	copyFile(t, path, crashed)

	r, err := Open(crashed, Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	run, err := r.RunningSweep()
	if err != nil || run.ID != sweep {
		t.Fatalf("running sweep after the crash: %+v, %v", run, err)
	}
	pending, err := r.PendingFrontier(sweep, 0)
	if err != nil || len(pending) != 4 || pending[0].URL != urls[6] {
		t.Fatalf("pending after the crash = %+v, %v; want the last 4", pending, err)
	}
	// Resume: the rest, plus one page recorded before the crash again.
	for _, it := range append(pending, FrontierItem{URL: urls[0]}) {
		if _, err := r.Record(observation(sweep, it.URL, "v1 "+it.URL, clock.Now())); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := r.Stats()
	if st["cases"] != 10 || st["sightings"] != 10 || st["snapshots"] != 10 || st["frontier_pending"] != 0 {
		t.Errorf("after resume: %v, want 10 cases, sightings, snapshots and nothing pending", st)
	}
}

func TestKillDuringRecordAndResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sweep := startSweep(t, s)
	const n = 300
	var urls []string
	for i := range n {
		urls = append(urls, fmt.Sprintf("https://k.example/%d", i))
	}
	addFrontier(t, s, sweep, urls...)
	s.Close()

	cmd, out, _ := startHelper(t, "record", path)
	recorded := 0
	for recorded < 40 && out.Scan() {
		line := out.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("helper: %s", line)
		}
		if strings.HasPrefix(line, "recorded ") {
			recorded++
		}
	}
	if err := cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s, err = Open(path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("Open after kill -9: %v", err)
	}
	defer s.Close()
	pending, done, err := s.FrontierCounts(sweep)
	if err != nil || pending+done != n || done < recorded {
		t.Fatalf("frontier %d pending, %d done, %v; the helper reported %d recorded", pending, done, err, recorded)
	}
	t.Logf("killed after %d reported, %d committed", recorded, done)
	// Every done item has exactly its case and sighting; no pending one
	// has any.
	for _, u := range urls {
		it, err := s.FrontierItem(sweep, u)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CaseByKey(CanonicalURL(u))
		switch {
		case it.State == FrontierDone && (err != nil || c.Sightings != 1 || c.Snapshots != 1):
			t.Errorf("%s is done but its case is %+v, %v", u, c, err)
		case it.State == FrontierPending && !errors.Is(err, ErrNotFound):
			t.Errorf("%s is pending but has a case: %+v, %v", u, c, err)
		}
	}
	// Resume.
	items, _ := s.PendingFrontier(sweep, 0)
	if len(items) != pending {
		t.Fatalf("PendingFrontier gave %d, counts say %d", len(items), pending)
	}
	for _, it := range items {
		if _, err := s.Record(observation(sweep, it.URL, "v1 "+it.URL, time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := s.Stats()
	if st["cases"] != n || st["sightings"] != n || st["snapshots"] != n || st["frontier_pending"] != 0 {
		t.Errorf("after resume %v, want %d of each", st, n)
	}
}

func TestBackupAndStats(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	addFrontier(t, s, sweep, "https://a.example/", "https://b.example/")
	if _, err := s.Record(observation(sweep, "https://a.example/", "a", clock.Now())); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := s.Backup(&buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup = %d, %v (buffer %d)", n, err, buf.Len())
	}
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(copyPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := Open(copyPath, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	want, _ := s.Stats()
	got, err := b.Stats()
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("backup stats %v, %v; want %v", got, err, want)
	}
	wantStats := map[string]int{
		"sweeps": 1, "frontier": 2, "frontier_pending": 1, "pages": 1, "cases": 1, "case_keys": 1,
		"sightings": 1, "snapshots": 1, "case_snapshots": 1, "bodies": 1, "screenshots": 0,
		"texts": 0, "outbox": 0, "check_evidence": 0, "check_bodies": 0, "packs": 0, "pack_contents": 0, "decisions": 0, "notices": 0, "notice_drafts": 0, "users": 0, "sessions": 0, "audit": 0,
	}
	if fmt.Sprint(want) != fmt.Sprint(wantStats) {
		t.Errorf("Stats = %v\nwant    %v", want, wantStats)
	}
}

func TestLongKeys(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	long := "https://evil.example/" + strings.Repeat("a", 40000) // over bbolt's 32 KiB key limit
	addFrontier(t, s, sweep, long)
	res, err := s.Record(observation(sweep, long, "x", clock.Now()))
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CaseByKey(CanonicalURL(long))
	if err != nil || c.ID != res.CaseID || c.Key != CanonicalURL(long) {
		t.Errorf("case by a long key: %v", err)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"lower scheme and host", "HTTPS://Shop.Example.COM/Item/ABC", "https://shop.example.com/Item/ABC"},
		{"default https port", "https://a.example:443/x", "https://a.example/x"},
		{"default http port", "http://a.example:80/x", "http://a.example/x"},
		{"other port kept", "http://a.example:8080/x", "http://a.example:8080/x"},
		{"https on 80 kept", "https://a.example:80/x", "https://a.example:80/x"},
		{"empty port", "http://a.example:/x", "http://a.example/x"},
		{"fragment", "https://a.example/x#comments", "https://a.example/x"},
		{"empty path", "https://a.example", "https://a.example/"},
		{"empty path with query", "https://a.example?b=1", "https://a.example/?b=1"},
		{"utm", "https://a.example/?utm_source=wx&utm_medium=share&id=5", "https://a.example/?id=5"},
		{"utm upper case", "https://a.example/?UTM_Campaign=x&id=5", "https://a.example/?id=5"},
		{"taobao spm", "https://item.taobao.com/item.htm?spm=a21.1&id=123&scm=1007.x&pvid=9", "https://item.taobao.com/item.htm?id=123"},
		{"share params", "https://v.example/video/1?share_source=copy&shareid=9&sharer_sharetime=1", "https://v.example/video/1"},
		{"wechat", "https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=ab&scene=21&isappinstalled=0&nsukey=zz", "https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=1&sn=ab"},
		{"ad click ids", "https://a.example/p?fbclid=1&gclid=2&msclkid=3&bd_vid=4", "https://a.example/p"},
		{"ref src from", "https://a.example/p?ref=home&src=feed&from=singlemessage&q=1", "https://a.example/p?q=1"},
		{"cache busters", "https://a.example/p?_=1732435200000&_t=1&timestamp=2&page=2", "https://a.example/p?page=2"},
		{"content params kept", "https://bbs.example/viewthread.php?tid=9&t=3&ts=4", "https://bbs.example/viewthread.php?t=3&tid=9&ts=4"},
		{"sorted", "https://a.example/s?q=%E5%8A%9E%E8%AF%81&page=2&cat=7", "https://a.example/s?cat=7&page=2&q=%E5%8A%9E%E8%AF%81"},
		{"repeated names keep order", "https://a.example/s?b=2&a=9&b=1", "https://a.example/s?a=9&b=2&b=1"},
		{"encoding kept", "https://a.example/s?q=a+b&r=%2F", "https://a.example/s?q=a+b&r=%2F"},
		{"empty pairs dropped", "https://a.example/s?&a=1&&", "https://a.example/s?a=1"},
		{"only tracking", "https://a.example/s?utm_source=x", "https://a.example/s"},
		{"empty query", "https://a.example/s?", "https://a.example/s"},
		{"path case and escapes kept", "https://a.example/A%2Fb/C", "https://a.example/A%2Fb/C"},
		{"spaces trimmed", "  https://a.example/x \n", "https://a.example/x"},
		{"ipv6 default port", "http://[::1]:80/x", "http://[::1]/x"},
		{"userinfo kept", "https://u:p@a.example/", "https://u:p@a.example/"},
		{"chinese host lower", "https://证书查询.Example/", "https://证书查询.example/"},
		{"percent-encoded host", "https://%E8%AF%81%E4%B9%A6.example/", "https://证书.example/"},
		{"not a URL", "listing:xianyu:123", "listing:xianyu:123"},
		{"relative", "/path?utm_source=x", "/path?utm_source=x"},
		{"unparsable", "http://a b.example/%zz", "http://a b.example/%zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CanonicalURL(tt.in)
			if got != tt.want {
				t.Errorf("CanonicalURL(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := CanonicalURL(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"HTTPS://A.example:443/x?utm_source=1&b=2&a=1#f", "http://a.example:/", "https://a.example?&&",
		"http://[::1]:80", "listing:a:1", "https://a.example/%zz?x=%zz", "https://a.example/a b?c d=e f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := CanonicalURL(raw)
		if again := CanonicalURL(got); again != got {
			t.Errorf("not idempotent: %q → %q → %q", raw, got, again)
		}
	})
}

// BenchmarkRecord measures flagged pages recorded per second: one
// goroutine or many (RunParallel, GOMAXPROCS×8 callers, like crawl
// workers), each through Update (a commit per record), the group commit
// (callers share commits: batch) or bbolt's Batch (boltbatch, with the
// 2 ms delay the store used before the group commit). Bodies are 20 KiB.
func BenchmarkRecord(b *testing.B) {
	body := strings.Repeat("出售安全员证 ", 1000)
	for _, mode := range []struct {
		name             string
		parallel         bool
		batch, boltBatch bool
	}{
		{"serial/update", false, false, false},
		{"serial/batch", false, true, false},
		{"parallel/update", true, false, false},
		{"parallel/batch", true, true, false},
		{"parallel/boltbatch", true, false, true},
	} {
		b.Run(mode.name, func(b *testing.B) {
			s, _ := openTest(b)
			s.batch, s.boltBatch = mode.batch, mode.boltBatch
			s.db.MaxBatchDelay = 2 * time.Millisecond
			sweep := startSweep(b, s)
			var next, ok int64
			var mu sync.Mutex
			record := func() {
				mu.Lock()
				next++
				i := next
				mu.Unlock()
				o := observation(sweep, "https://bench.example/"+strconv.FormatInt(i, 10), body, time.Now())
				o.FrontierURL = ""
				if _, err := s.Record(o); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				ok++
				mu.Unlock()
			}
			b.ResetTimer()
			if mode.parallel {
				b.SetParallelism(8)
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						record()
					}
				})
			} else {
				for b.Loop() {
					record()
				}
			}
			b.ReportMetric(float64(ok)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

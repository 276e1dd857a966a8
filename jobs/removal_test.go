package jobs

import (
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
	"github.com/certwatch/certwatch/testbed"
)

// clock is the bbolt store's clock, moved by the test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// sentNotice serves the sample web, records two of its pages as cases,
// and sends a notice for them two days ago with rounds one and three days
// after sending: round 1 is due, round 2 is not. One page is taken down.
func sentNotice(t *testing.T) (*store.Store, *sweep.Sweeper, uint64) {
	t.Helper()
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.Close() })
	dir := t.TempDir()
	path := filepath.Join(dir, "certwatch.yaml")
	if err := os.WriteFile(path, web.Config(filepath.Join(dir, "certwatch.db")), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cr, err := crawler.New(sweep.CrawlerOptions(cfg))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cr.Close() })
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(pack)
	if err != nil {
		t.Fatal(err)
	}
	sw := &sweep.Sweeper{Config: cfg, Matcher: m, Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}

	clk := &clock{t: time.Now().UTC().Add(-48 * time.Hour)}
	st, err := store.Open(cfg.Database, store.Options{Clock: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := &store.Sweep{}
	if err := st.StartSweep(s); err != nil {
		t.Fatal(err)
	}
	var notice uint64
	for i, u := range []string{"http://" + testbed.HostBBS + "/thread/1001.html", "http://" + testbed.HostFenlei + "/post/88001.html"} {
		f, _ := json.Marshal(map[string]any{"route": "takedown_cac"})
		res, err := st.Record(store.Observation{SweepID: s.ID, CaseKey: u, URL: u, Status: 200, Body: []byte("<html>" + u),
			Score: 20, Category: "cert_sale", Finding: f, ContentKey: "key-" + string(rune('a'+i))})
		if err != nil {
			t.Fatal(err)
		}
		_, d, err := st.Decide(store.Decision{CaseID: res.CaseID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "某平台", By: "wang"})
		if err != nil {
			t.Fatal(err)
		}
		notice = d.NoticeID
	}
	if _, err := st.MoveNotice(notice, store.NoticeMove{To: casework.NoticeApproved, By: "shen", Number: "网信函〔2026〕1号", Deadline: clk.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(notice, store.NoticeMove{To: casework.NoticeSent, By: "wang", CheckAfter: []time.Duration{24 * time.Hour, 72 * time.Hour}}); err != nil {
		t.Fatal(err)
	}
	clk.Set(time.Now().UTC())
	if err := web.TakeDown("http://"+testbed.HostBBS+"/thread/1001.html", testbed.Gone404); err != nil {
		t.Fatal(err)
	}
	return st, sw, notice
}

// TestRemovalCheckJobs: the periodic scan finds the due round and
// enqueues it; the round's job fetches the notice's pages again and
// records the outcomes; the job for the round not yet due is snoozed; a
// round already done, or one the notice does not have, does nothing; an
// unknown notice is cancelled.
func TestRemovalCheckJobs(t *testing.T) {
	q := queueStore(t)
	st, sw, id := sentNotice(t)
	o := Options{Store: st, Notifier: &sweep.Notifier{Store: st}, Checker: &sweep.RemovalChecker{Store: st, Sweeper: sw},
		Schedule: config.Schedule{RemovalChecks: "@every 1s", Location: time.UTC}}
	h := start(t, q, o)
	ctx := testCtx(t)

	// The leader's scan (run at start, then every second) enqueues round 1.
	ev := h.await(t, "removal_check", true)
	if ev.Kind != river.EventKindJobCompleted {
		t.Fatalf("round 1: %s %+v; log:\n%s", ev.Kind, ev.Job.Errors, h.log.String())
	}
	var args pgstore.RemovalCheckArgs
	if err := json.Unmarshal(ev.Job.EncodedArgs, &args); err != nil || args != (pgstore.RemovalCheckArgs{NoticeID: id, Round: 1}) {
		t.Fatalf("the scan enqueued %s (%v), want notice %d round 1", ev.Job.EncodedArgs, err, id)
	}
	n, err := st.Notice(id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[casework.Outcome]int{}
	for _, it := range n.Items {
		got[it.Outcome]++
	}
	if n.ChecksDone != 1 || got[casework.OutcomeRemoved] != 1 || got[casework.OutcomeLive] != 1 {
		t.Fatalf("after round 1: %d rounds done, outcomes %v; want 1 round, one removed and one live", n.ChecksDone, got)
	}

	if ok, err := h.r.Insert(ctx, pgstore.RemovalCheckArgs{NoticeID: id, Round: 1}, nil); err != nil || ok {
		t.Fatalf("round 1 again: inserted %v, %v; want skipped as a duplicate", ok, err)
	}
	if _, err := h.r.Insert(ctx, pgstore.RemovalCheckArgs{NoticeID: id, Round: 2}, nil); err != nil {
		t.Fatal(err)
	}
	if ev := h.await(t, "removal_check", true); ev.Kind != river.EventKindJobSnoozed {
		t.Fatalf("round 2, due in a day: %s; want snoozed", ev.Kind)
	}
	if _, err := h.r.Insert(ctx, pgstore.RemovalCheckArgs{NoticeID: id, Round: 3}, nil); err != nil {
		t.Fatal(err)
	}
	if ev := h.await(t, "removal_check", true); ev.Kind != river.EventKindJobCompleted {
		t.Fatalf("round 3 of a two-round notice: %s; want completed without a check", ev.Kind)
	}
	if !strings.Contains(h.log.String(), "notice has 2 rounds, not 3") {
		t.Errorf("log does not say why round 3 did nothing:\n%s", h.log.String())
	}
	if _, err := h.r.Insert(ctx, pgstore.RemovalCheckArgs{NoticeID: id + 100, Round: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if ev := h.await(t, "removal_check", true); ev.Kind != river.EventKindJobCancelled {
		t.Fatalf("unknown notice: %s; want cancelled", ev.Kind)
	}
	if n, err := st.Notice(id); err != nil || n.ChecksDone != 1 {
		t.Fatalf("rounds done after the other jobs: %d, %v; want still 1", n.ChecksDone, err)
	}
}

func TestRoundDue(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	sent := func(done int) *store.Notice {
		return &store.Notice{Status: casework.NoticeSent, CheckDue: []time.Time{now.Add(-time.Hour), now.Add(47 * time.Hour)}, ChecksDone: done}
	}
	closed := sent(0)
	closed.Status = casework.NoticeRemoved
	for _, tc := range []struct {
		name  string
		n     *store.Notice
		round int
		wait  time.Duration
		run   bool
		why   string
	}{
		{"due", sent(0), 1, 0, true, ""},
		{"next round not due", sent(1), 2, 47 * time.Hour, false, ""},
		{"earlier round pending", sent(0), 2, minSnooze, false, ""},
		{"done", sent(1), 1, 0, false, "round already done"},
		{"no such round", sent(0), 3, 0, false, "notice has 2 rounds, not 3"},
		{"round 0", sent(0), 0, 0, false, "notice has 2 rounds, not 0"},
		{"closed", closed, 1, 0, false, "notice is " + string(casework.NoticeRemoved)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wait, run, why := roundDue(tc.n, tc.round, now)
			if wait != tc.wait || run != tc.run || why != tc.why {
				t.Fatalf("roundDue = %v, %v, %q; want %v, %v, %q", wait, run, why, tc.wait, tc.run, tc.why)
			}
		})
	}
}

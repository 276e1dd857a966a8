package sweep

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

func haveChromium() bool {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return false
}

// setup starts the sample web and returns a configuration for it and a
// matcher with the embedded rules.
func setup(t *testing.T) (*testbed.Web, *config.Config, *matcher.Matcher, []string) {
	t.Helper()
	if !haveChromium() {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	web, err := testbed.Start(testbed.Options{SlowDelay: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.Close() })
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(cfgPath, web.Config(filepath.Join(dir, "certwatch.db")), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return web, cfg, m, p.SearchTerms
}

func sweepOnce(t *testing.T, ctx context.Context, cfg *config.Config, m *matcher.Matcher, terms []string, resume bool) *Summary {
	t.Helper()
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cr, err := crawler.New(CrawlerOptions(cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer cr.Close()
	s := &Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, SearchTerms: terms,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	sum, err := s.Run(ctx, resume)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestSweepSampleWeb sweeps the sample web end to end with real HTTP,
// real Chromium and a real bbolt file.
func TestSweepSampleWeb(t *testing.T) {
	web, cfg, m, terms := setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	norms := matcher.Normalizations()
	sum := sweepOnce(t, ctx, cfg, m, terms, false)
	// How often pages were normalised (README, issue 12 Part 1).
	t.Logf("page-sized normalisations during the sweep: %d", matcher.Normalizations()-norms)
	var out bytes.Buffer
	sum.Print(&out)
	t.Log("\n" + out.String())

	st, err := store.Open(cfg.Database, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cases, err := st.Cases(store.CaseFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Case{}
	for _, c := range cases {
		byURL[c.URL] = c
	}
	exp := web.Expected()
	for u, cat := range exp.Flagged {
		c, ok := byURL[store.CanonicalURL(u)]
		if !ok {
			t.Errorf("no case for %s (%s)", u, cat)
			continue
		}
		if c.Category != cat {
			t.Errorf("case %s: category %s, want %s", u, c.Category, cat)
		}
	}
	for _, u := range exp.NotFlagged {
		if _, ok := byURL[store.CanonicalURL(u)]; ok {
			t.Errorf("%s must not be flagged", u)
		}
	}
	for _, u := range exp.RobotsDenied {
		host, path := splitURL(u)
		if n := web.Hits(host, path); n != 0 {
			t.Errorf("%s is disallowed by robots.txt but was fetched %d times", u, n)
		}
	}
	if sum.Total.Robots == 0 {
		t.Errorf("no page refused by robots.txt in the summary")
	}
	// The sample web has no login wall or captcha page: query forms with a
	// 验证码 field are not walls.
	if sum.Total.Blocked != 0 {
		t.Errorf("%d pages counted as blocked on the sample web", sum.Total.Blocked)
	}
	for _, tr := range sum.Trouble {
		if tr.Kind == TroubleNotChecked {
			t.Errorf("source %s reported not checked: %s", tr.Source, tr.Detail)
		}
	}
	// Evidence of the first case verifies with standard tools.
	if len(cases) > 0 {
		dir := t.TempDir()
		if _, err := st.ExportEvidence(cases[0].ID, dir); err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("sha256sum"); err == nil {
			cmd := exec.Command("sha256sum", "-c", "SHA256SUMS")
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("sha256sum -c: %v\n%s", err, out)
			}
		}
	}
	// A second sweep sees the same cases again and makes no duplicates.
	st.Close()
	sum2 := sweepOnce(t, ctx, cfg, m, terms, false)
	if sum2.NewCases != 0 || sum2.SeenAgain == 0 {
		t.Errorf("second sweep: %d new cases, %d seen again", sum2.NewCases, sum2.SeenAgain)
	}
}

func splitURL(u string) (host, path string) {
	rest := strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return rest, "/"
	}
	return rest[:i], rest[i:]
}

// TestKillAndResume runs a sweep in a child process, kills it with
// SIGKILL part-way, resumes it here, and checks that nothing is lost or
// duplicated and that finished pages were not fetched again.
func TestKillAndResume(t *testing.T) {
	if os.Getenv("CERTWATCH_SWEEP_CHILD") != "" {
		return // the child is run through TestSweepChild
	}
	web, cfg, m, terms := setup(t)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestSweepChild$")
	cmd.Env = append(os.Environ(), "CERTWATCH_SWEEP_CHILD="+cfg.File)
	var childOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once the sample web has served a fair share of the pages:
	// pages, not the robots.txt of every host, the CT log or the official
	// reference page the sweep reads before its first page is done.
	pagesServed := func() int {
		n := 0
		for k, hits := range web.HitCounts() {
			host, uri, _ := strings.Cut(k, " ")
			if uri != "/robots.txt" && host != testbed.HostCTLog && host != testbed.HostOfficial {
				n += hits
			}
		}
		return n
	}
	deadline := time.Now().Add(2 * time.Minute)
	for pagesServed() < 35 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	before := web.HitCounts()
	doneAtKill := map[string]bool{}
	t.Logf("killed the child after %d requests", web.TotalHits())
	// The child got somewhere: some pages are done, some still pending.
	if st, err := store.Open(cfg.Database, store.Options{ReadOnly: true}); err == nil {
		sw, err := st.RunningSweep()
		if err != nil {
			t.Fatalf("no unfinished sweep after the kill: %v", err)
		}
		pending, done, _ := st.FrontierCounts(sw.ID)
		t.Logf("after the kill: %d frontier items done, %d pending", done, pending)
		if done == 0 || pending == 0 {
			t.Errorf("the kill did not land mid-sweep: %d done, %d pending", done, pending)
		}
		for k := range before {
			host, uri, _ := strings.Cut(k, " ")
			if it, err := st.FrontierItem(sw.ID, "http://"+host+uri); err == nil && it.State == "done" {
				doneAtKill[k] = true
			}
		}
		st.Close()
	} else {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	sweepOnce(t, ctx, cfg, m, terms, true)

	st, err := store.Open(cfg.Database, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sweeps, _ := st.Sweeps(10)
	if len(sweeps) != 1 || sweeps[0].Status != "finished" {
		t.Fatalf("sweeps after resume: %+v", sweeps)
	}
	cases, _ := st.Cases(store.CaseFilter{Limit: 1000})
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Key] {
			t.Errorf("duplicate case %s", c.Key)
		}
		seen[c.Key] = true
		sg, _ := st.Sightings(c.ID)
		if len(sg) != 1 {
			t.Errorf("case %d has %d sightings in one sweep", c.ID, len(sg))
		}
	}
	for u := range web.Expected().Flagged {
		if !seen[store.CanonicalURL(u)] {
			found := false
			for k := range seen {
				found = found || strings.Contains(k, u)
			}
			if !found {
				t.Errorf("finding lost after resume: %s", u)
			}
		}
	}
	// Pages finished before the kill are not fetched again; only those in
	// flight at the kill (at most one batch) may be.
	refetched := 0
	after := web.HitCounts()
	for k, n := range before {
		if after[k] > n && !strings.HasSuffix(k, "/robots.txt") {
			if doneAtKill[k] {
				t.Errorf("%s was finished before the kill but fetched again", k)
			}
			refetched++
		}
	}
	if len(doneAtKill) == 0 {
		t.Errorf("no finished page found to check")
	}
	t.Logf("%d finished pages not fetched again; %d pages in flight at the kill were", len(doneAtKill), refetched)
}

// TestSweepChild is the child of TestKillAndResume.
func TestSweepChild(t *testing.T) {
	path := os.Getenv("CERTWATCH_SWEEP_CHILD")
	if path == "" {
		t.Skip("run by TestKillAndResume")
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := rules.Default()
	m, _ := matcher.Compile(p)
	sweepOnce(t, context.Background(), cfg, m, p.SearchTerms, false)
	fmt.Println("child finished before it was killed")
}

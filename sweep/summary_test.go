package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/store"
)

// TestSummaryNamesEverySource sweeps a real local web of three hosts with
// four sources: a reported-URLs list whose URL is also the start of a site
// source (the demo's reported and imitation sources), a site whose
// robots.txt refuses crawlers, and a plain site. Every configured source
// must be in the summary, the CLI summary, the stored stats and the
// digest with its state: the site whose start URL the list had queued is
// "fetched under another source" (naming it), and the robots.txt
// refusals are their own trouble, not "blocked".
func TestSummaryNamesEverySource(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{} // host+path → requests
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := strings.Cut(r.Host, ":")
		mu.Lock()
		hits[host+r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/robots.txt" && host == "closed.test":
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case r.URL.Path == "/":
			fmt.Fprintf(w, `<title>%s 首页</title><p>欢迎访问。</p><a href="/a.html">通知公告</a> <a href="/b.html">办事指南</a>`, host)
		default:
			fmt.Fprintf(w, `<title>%s 栏目</title><p>安全生产知识普及。</p>`, host)
		}
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	dir := t.TempDir()
	y := fmt.Sprintf(`database: %s
resolve_only: true
resolve: {open.test: %q, closed.test: %q, plain.test: %q}
allow_internal: [open.test, closed.test, plain.test]
limits: {per_host_delay: 0s, timeout: 10s, retries: 0}
sources:
  - {id: reported, type: urls, urls: ["http://open.test/"]}
  - {id: opensite, type: site, start: ["http://open.test/"], allowed_hosts: [open.test], depth: 1}
  - {id: closed, type: site, start: ["http://closed.test/"], allowed_hosts: [closed.test], depth: 1}
  - {id: plain, type: site, start: ["http://plain.test/"], allowed_hosts: [plain.test], depth: 1}
`, filepath.Join(dir, "s.db"), addr, addr, addr)
	path := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
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
	s := &Sweeper{Config: cfg, Store: st, Matcher: defaultMatcher(t), Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := s.Run(ctx, false)
	if err != nil {
		t.Fatal(err)
	}

	// The sweep really went as described: the list fetched open.test/
	// (once), the plain site was crawled, closed.test got no page request.
	mu.Lock()
	if hits["open.test/"] != 1 || hits["plain.test/a.html"] != 1 || hits["closed.test/"] != 0 {
		t.Errorf("requests %v: want open.test/ once, plain.test crawled, nothing of closed.test but robots.txt", hits)
	}
	mu.Unlock()

	want := map[string]string{"reported": StateChecked, "opensite": StateShared, "closed": StateTrouble, "plain": StateChecked}
	check := func(where string, states []SourceState) {
		t.Helper()
		var ids []string
		for _, st := range states {
			ids = append(ids, st.Source)
			if st.State != want[st.Source] || st.Name != StateName(st.State) || st.Name == "" {
				t.Errorf("%s: source %s: state %q (%q), want %q", where, st.Source, st.State, st.Name, want[st.Source])
			}
		}
		if !slices.Equal(ids, []string{"reported", "opensite", "closed", "plain"}) {
			t.Errorf("%s: sources %v, want every configured source in order", where, ids)
		}
	}
	check("summary", sum.Sources)
	for _, st := range sum.Sources {
		switch st.Source {
		case "opensite":
			if !strings.Contains(st.Detail, "reported") {
				t.Errorf("shared source's detail %q does not name the source that fetched its start URL", st.Detail)
			}
		case "closed":
			if !strings.Contains(st.Detail, TroubleName(TroubleRobots)) {
				t.Errorf("robots-refused source's detail %q does not name the trouble", st.Detail)
			}
		}
	}
	var kinds []string
	for _, tr := range sum.Trouble {
		kinds = append(kinds, tr.Source+":"+tr.Kind)
		if strings.Contains(tr.Detail, "被拦截") && tr.Kind == TroubleRobots {
			t.Errorf("robots trouble calls the refusals blocked: %q", tr.Detail)
		}
	}
	if !slices.Equal(kinds, []string{"closed:" + TroubleRobots}) {
		t.Errorf("troubles %v, want only closed:%s", kinds, TroubleRobots)
	}
	if c := sum.BySource["closed"]; c == nil || c.Robots != 1 || c.Blocked != 0 {
		t.Errorf("closed counts %+v, want one robots refusal and nothing blocked", c)
	}

	var out strings.Builder
	sum.Print(&out)
	t.Log("\n" + out.String())
	for id, state := range want {
		line := ""
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "source "+id+" ") {
				line = l
			}
		}
		if !strings.Contains(line, stateEnglish[state]) || strings.Contains(line, StateName(state)) {
			t.Errorf("printed summary: source %s line %q: want its state %s in English only:\n%s", id, line, stateEnglish[state], out.String())
		}
	}
	// In Chinese: every configured source with its state's Chinese name.
	var zh strings.Builder
	sum.PrintChinese(&zh, nil)
	t.Log("\n" + zh.String())
	for id, state := range want {
		line := ""
		for _, l := range strings.Split(zh.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "来源 "+id+" ") {
				line = l
			}
		}
		if !strings.Contains(line, "【"+StateName(state)+"】") || strings.Contains(line, stateEnglish[state]) {
			t.Errorf("Chinese summary: source %s line %q: want its state %s in Chinese only:\n%s", id, line, StateName(state), zh.String())
		}
	}
	for _, en := range []string{"pages attempted", "findings:", "cases:", "source "} {
		if strings.Contains(zh.String(), en) {
			t.Errorf("Chinese summary has %q:\n%s", en, zh.String())
		}
	}

	sw, err := st.Sweep(sum.Sweep)
	if err != nil {
		t.Fatal(err)
	}
	var stored Summary
	if err := json.Unmarshal(sw.Stats, &stored); err != nil {
		t.Fatal(err)
	}
	check("stored stats", stored.Sources)

	d, err := BuildDigest(st, sum.Sweep, "")
	if err != nil {
		t.Fatal(err)
	}
	check("digest", d.Sources)
	text := d.Text(func(c string) string { return c })
	t.Log("\n" + text)
	for id, state := range want {
		if !strings.Contains(text, id+"【"+StateName(state)+"】") {
			t.Errorf("digest text lacks %s【%s】:\n%s", id, StateName(state), text)
		}
	}
}

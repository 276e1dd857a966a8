package sweep

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// hostSites is one HTTP server on 127.0.0.1 answering for many host
// names (through the config's resolve overrides), each with a status and
// a page that the test changes between sweeps.
type hostSites struct {
	srv   *httptest.Server
	mu    sync.Mutex
	pages map[string]hostPage
	hits  map[string]int
}

type hostPage struct {
	status int
	body   string
}

func newHostSites(t *testing.T) *hostSites {
	h := &hostSites{pages: map[string]hostPage{}, hits: map[string]int{}}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		h.mu.Lock()
		p, ok := h.pages[host]
		if r.URL.Path == "/" {
			h.hits[host]++
		}
		h.mu.Unlock()
		if !ok || r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(p.status)
		fmt.Fprint(w, p.body)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hostSites) set(host string, status int, body string) {
	h.mu.Lock()
	h.pages[host] = hostPage{status, body}
	h.mu.Unlock()
}

// config is a sweep config whose one source starts at the home pages of
// start, with discover.watch as given; every host of h resolves to h.
func (h *hostSites) config(t *testing.T, dir, watch string, start ...string) *config.Config {
	t.Helper()
	h.mu.Lock()
	var hosts []string
	for host := range h.pages {
		hosts = append(hosts, host)
	}
	h.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "database: %q\nresolve_only: true\nresolve:\n", filepath.Join(dir, "certwatch.db"))
	for _, host := range hosts {
		fmt.Fprintf(&b, "  %s: %s\n", host, h.srv.Listener.Addr())
	}
	fmt.Fprintf(&b, "allow_internal: [%s]\nlimits: {per_host_delay: 10ms, timeout: 5s}\n", strings.Join(hosts, ", "))
	b.WriteString(watch)
	var urls []string
	for _, s := range start {
		urls = append(urls, fmt.Sprintf("%q", "http://"+s+"/"))
	}
	fmt.Fprintf(&b, "sources:\n  - id: sites\n    type: site\n    start: [%s]\n    allowed_hosts: [%s]\n    depth: 0\n    max_pages: 100\n",
		strings.Join(urls, ", "), strings.Join(start, ", "))
	path := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// imitationPage is the sample web's imitation of the official query
// platform, as a fake site would copy it.
func imitationPage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testbed", "sites", testbed.HostImitation, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSweepWatchAndDomainMoves follows one imitation site over four
// sweeps with discover.watch: found on host A; re-checked while still
// online, when a copy with the same content appears on host C (a new case
// linked to A's as a domain move, content); when A is gone (404) and the
// same kit with other words appears on host D (linked, template); and
// when A is back with changed content (a new snapshot).
func TestSweepWatchAndDomainMoves(t *testing.T) {
	const (
		hostA = "cx-mem-zscx.top"
		hostC = "mem-gov-cx.top"
		hostD = "zscx-yingji.top"
		hostE = "news-site.example"
		hostF = "cx-yingji-gov.top"
	)
	page := imitationPage(t)
	sameKit := strings.NewReplacer("本平台提供", "本站提供", "查询结果与发证机关数据实时同步", "结果权威可靠",
		"请输入完整的18位证件号码及姓名进行查询", "请填写证件号码和姓名", "北京市东城区和平里北街21号", "北京市朝阳区建国路1号",
		"京ICP备00000000号-1", "京ICP备20231234号").Replace(page)
	if sameKit == page {
		t.Fatal("the template variant is the same page")
	}
	h := newHostSites(t)
	for _, host := range []string{hostA, hostC, hostD, hostF} {
		h.set(host, http.StatusNotFound, "not here")
	}
	h.set(hostE, http.StatusOK, "<html><head><title>本地新闻</title></head><body><p>今天天气晴。</p></body></html>")
	h.set(hostA, http.StatusOK, page)
	dir := t.TempDir()
	watch := "discover:\n  watch: {max_hosts: 50}\n"

	// Sweep 1: A is found; nothing is known yet.
	sum, byURL, st := qrSweep(t, h.config(t, dir, watch, hostA))
	a, ok := byURL[store.CanonicalURL("http://"+hostA+"/")]
	if !ok || a.Category != testbed.CategoryImitationSite {
		t.Fatalf("sweep 1: no imitation case for %s: %v", hostA, keys(byURL))
	}
	if w := sum.Watch; w == nil || w.Known != 0 || w.Queued != 0 || w.Moves != 0 {
		t.Fatalf("sweep 1 watch: %+v", w)
	}
	st.Close()

	// Sweep 2: A still online, unchanged; C has the same page.
	h.set(hostC, http.StatusOK, page)
	start := time.Now()
	sum, byURL, st = qrSweep(t, h.config(t, dir, watch, hostC))
	t.Logf("sweep 2 (1 re-check, 1 new page): %v", time.Since(start))
	if w := sum.Watch; w == nil || w.Known != 1 || w.Queued != 1 || w.Online != 1 || w.Changed+w.Gone+w.Failed != 0 || w.Moves != 1 {
		t.Fatalf("sweep 2 watch: %+v", w)
	}
	c, ok := byURL[store.CanonicalURL("http://"+hostC+"/")]
	if !ok {
		t.Fatalf("sweep 2: no case for %s", hostC)
	}
	wantC := fmt.Sprintf("与案件 #%d（旧域名 %s）内容相同，疑似换域名", a.ID, hostA)
	if f := caseFinding(t, st, c); f.Reasons[0] != wantC {
		t.Errorf("reasons of the moved site: %q, want first %q", f.Reasons, wantC)
	}
	if m, err := st.MergeOf(c.ID); err != nil || m.Primary != a.ID || m.By != WatchSystemActor || m.Note != wantC {
		t.Errorf("case %d merge: %+v, %v", c.ID, m, err)
	}
	if sg, err := st.Sightings(a.ID); err != nil || len(sg) != 2 {
		t.Errorf("case %d sightings after the re-check: %d, %v", a.ID, len(sg), err)
	}
	st.Close()

	// Sweep 3: A is gone; D serves the same kit with other words.
	h.set(hostA, http.StatusNotFound, "not here")
	h.set(hostD, http.StatusOK, sameKit)
	sum, byURL, st = qrSweep(t, h.config(t, dir, watch, hostD))
	// C is merged into A: not re-checked as a known site of its own.
	if w := sum.Watch; w == nil || w.Known != 1 || w.Queued != 1 || w.Gone != 1 || w.Online+w.Changed+w.Failed != 0 || w.Moves != 1 {
		t.Fatalf("sweep 3 watch: %+v", w)
	}
	d, ok := byURL[store.CanonicalURL("http://"+hostD+"/")]
	if !ok || d.Category != testbed.CategoryImitationSite {
		t.Fatalf("sweep 3: no imitation case for %s", hostD)
	}
	f := caseFinding(t, st, d)
	wantD := fmt.Sprintf("与案件 #%d（旧域名 %s）模板相同（页面结构相似度 ", a.ID, hostA)
	if !strings.HasPrefix(f.Reasons[0], wantD) || !strings.HasSuffix(f.Reasons[0], "），疑似换域名") {
		t.Errorf("reasons of the moved kit: %q, want first %q…", f.Reasons, wantD)
	}
	t.Logf("reason: %s", f.Reasons[0])
	if m, err := st.MergeOf(d.ID); err != nil || m.Primary != a.ID {
		t.Errorf("case %d merge: %+v, %v", d.ID, m, err)
	}
	var zh strings.Builder
	sum.PrintChinese(&zh, nil)
	if !strings.Contains(zh.String(), "已知仿冒网站复查") || !strings.Contains(zh.String(), "已下线或不再仿冒 1") || !strings.Contains(zh.String(), "疑似换域名并关联旧案件 1") {
		t.Errorf("Chinese summary lacks the watch line:\n%s", zh.String())
	}
	st.Close()

	// Sweep 4: A is back with changed words: a new snapshot of A's case.
	// D and C are merged; E is an unrelated page. The source starts at A
	// too: the watch step's item gives way, and the source's fetch of A
	// is A's re-check.
	h.set(hostA, http.StatusOK, strings.Replace(page, "证书信息如有疑问，请联系发证机关核实。", "证书信息如有疑问，请添加客服微信核实。", 1))
	sum, byURL, st = qrSweep(t, h.config(t, dir, watch, hostE, hostA))
	if w := sum.Watch; w == nil || w.Known != 1 || w.Queued != 0 || w.Changed != 1 || w.Online+w.Gone+w.Failed != 0 || w.Moves != 0 {
		t.Fatalf("sweep 4 watch: %+v", w)
	}
	if sns, err := st.Snapshots(a.ID); err != nil || len(sns) != 2 {
		t.Errorf("case %d snapshots after the change: %d, %v", a.ID, len(sns), err)
	}
	// The re-checks are on A's case, newest first, for its page.
	checks, err := st.WatchChecks(a.ID, 0)
	var states []string
	for _, c := range checks {
		states = append(states, c.State)
	}
	if err != nil || strings.Join(states, ",") != "changed,gone,online" || checks[1].Status != 404 || checks[1].Detail != "返回 404，页面已删除" ||
		checks[0].SweepID <= checks[1].SweepID {
		t.Errorf("re-checks of case %d: %+v, %v", a.ID, checks, err)
	}

	// Sweep 5: A's case is confirmed; F copies A's current page. The move
	// is found and said, but F's case is not merged: A's decision is
	// taken, F's domain needs its own.
	if _, _, err := st.Decide(store.Decision{CaseID: a.ID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "wang"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	h.set(hostF, http.StatusOK, strings.Replace(page, "证书信息如有疑问，请联系发证机关核实。", "证书信息如有疑问，请添加客服微信核实。", 1))
	sum, byURL, st = qrSweep(t, h.config(t, dir, watch, hostF))
	if w := sum.Watch; w == nil || w.Moves != 1 || w.Online != 1 {
		t.Fatalf("sweep 5 watch: %+v", w)
	}
	fc, ok := byURL[store.CanonicalURL("http://"+hostF+"/")]
	if !ok {
		t.Fatalf("sweep 5: no case for %s", hostF)
	}
	if f := caseFinding(t, st, fc); f.Reasons[0] != fmt.Sprintf("与案件 #%d（旧域名 %s）内容相同，疑似换域名", a.ID, hostA) {
		t.Errorf("reasons of the copy of a confirmed case: %q", f.Reasons)
	}
	if m, err := st.MergeOf(fc.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the copy of a confirmed case was merged: %+v, %v", m, err)
	}
}

// TestSweepWatchRate: 40 known imitation sites on 40 hosts are re-checked
// in one sweep; the time per host is logged.
func TestSweepWatchRate(t *testing.T) {
	const n = 40
	page := imitationPage(t)
	h := newHostSites(t)
	var hosts []string
	for i := range n {
		host := fmt.Sprintf("cx-mem-%d.top", i)
		hosts = append(hosts, host)
		h.set(host, http.StatusOK, page)
	}
	h.set("quiet.example", http.StatusOK, "<html><body><p>无关页面</p></body></html>")
	dir := t.TempDir()
	watch := "discover:\n  watch: {max_hosts: 30}\n"
	// Without evidence screenshots: 40 imitation cases would be 40 browser
	// renders (minutes under the race detector); the rate is the re-checks'.
	_, byURL, st := qrSweepWith(t, h.config(t, dir, watch, hosts...), true)
	if len(byURL) != n {
		t.Fatalf("sweep 1: %d cases, want %d", len(byURL), n)
	}
	st.Close()
	// Hits before the re-check sweep: the first sweep may have fetched a
	// host more than once (its referral host facts read the headers).
	before := map[string]int{}
	h.mu.Lock()
	for _, host := range hosts {
		before[host] = h.hits[host]
	}
	h.mu.Unlock()
	start := time.Now()
	sum, _, _ := qrSweepWith(t, h.config(t, dir, watch, "quiet.example"), true)
	took := time.Since(start)
	if w := sum.Watch; w == nil || w.Known != 30 || w.Queued != 30 || w.Online != 30 || w.Moves != 0 {
		t.Fatalf("watch: %+v", w)
	}
	refetched := 0
	for _, host := range hosts {
		h.mu.Lock()
		if h.hits[host] > before[host] {
			refetched++
		}
		h.mu.Unlock()
	}
	if refetched != 30 {
		t.Errorf("%d hosts re-fetched, want max_hosts 30", refetched)
	}
	t.Logf("re-checked %d known imitation sites in a sweep of %v: %v per host", sum.Watch.Queued, took, took/time.Duration(sum.Watch.Queued))
}

// TestTemplateShingles: the structure fingerprint ignores words and
// attributes, tells apart pages built differently, and refuses pages too
// small to compare.
func TestTemplateShingles(t *testing.T) {
	page := imitationPage(t)
	a := templateShingles([]byte(page))
	if len(a) < 20 {
		t.Fatalf("imitation page: %d shingles", len(a))
	}
	reworded := strings.NewReplacer("应急管理部", "某某部", "查询", "检索", `class="row"`, `class="line"`).Replace(page)
	if j := jaccard(a, templateShingles([]byte(reworded))); j != 1 {
		t.Errorf("reworded page: similarity %.2f, want 1", j)
	}
	// One more form row: still the same kit.
	extra := strings.Replace(page, `<div class="row"><button`, `<div class="row"><label for="dw">单位</label><input id="dw" name="dw"></div><div class="row"><button`, 1)
	if j := jaccard(a, templateShingles([]byte(extra))); j < templateSimilar || j == 1 {
		t.Errorf("page with one more row: similarity %.2f", j)
	}
	for _, other := range []string{"news.example", "yjj.demo.gov.cn"} {
		b, err := os.ReadFile(filepath.Join("..", "testbed", "sites", other, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if j := jaccard(a, templateShingles(b)); j >= templateSimilar {
			t.Errorf("%s: similarity %.2f with the imitation page", other, j)
		} else {
			t.Logf("%s: similarity %.2f", other, j)
		}
	}
	if s := templateShingles([]byte("<html><body><p>hi</p></body></html>")); s != nil {
		t.Errorf("tiny page: %d shingles", len(s))
	}
	if jaccard(nil, a) != 0 {
		t.Error("jaccard with an empty set")
	}
}

package sweep

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// searchConfig is a sweep config over the sample web whose sources are
// given (YAML list entries), its files in a temporary directory.
func searchConfig(t *testing.T, web *testbed.Web, sources string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	fmt.Fprintf(&b, "database: %q\nresolve_only: true\nresolve:\n", filepath.Join(dir, "certwatch.db"))
	for h, a := range web.Resolve() {
		fmt.Fprintf(&b, "  %s: %s\n", h, a)
	}
	fmt.Fprintf(&b, "allow_internal: [%s]\n", strings.Join(web.Hosts(), ", "))
	b.WriteString("limits: {per_host_delay: 10ms, timeout: 5s}\nsources:\n")
	b.WriteString(sources)
	path := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return cfg
}

// sousuoSource is the sample web's search-engine source with terms (YAML).
func sousuoSource(id, query, terms, item string) string {
	return fmt.Sprintf("  - id: %s\n    type: search\n    url: %q\n    terms: %s\n    listing: {item: %q, title: h3, description: .abstract, link: \"h3 a\", next: a.next}\n",
		id, "http://"+testbed.HostSearch+"/s?wd={q}"+query, terms, item)
}

// TestSweepSearchDiscovery: the imitation site that only a search
// engine's results lead to becomes an imitation case whose first reason
// names the source, the term and the result page; the explainer page
// the results list is fetched and not flagged; the official platform and
// the government page are known and not fetched; the summary counts
// result pages, results, official results and findings per term.
func TestSweepSearchDiscovery(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	const termMem, termOfficial = "特种作业操作证查询", "官网可查 证书"
	start := time.Now()
	sum, byURL, st := qrSweep(t, searchConfig(t, web, sousuoSource("sousuo", "", fmt.Sprintf("[%s, %s]", termMem, termOfficial), ".result")))
	t.Logf("sweep: %v", time.Since(start))

	c, ok := byURL[store.CanonicalURL(testbed.SearchImitationURL())]
	if !ok {
		t.Fatalf("no case for the search-only imitation site; cases: %v", keys(byURL))
	}
	if c.Category != testbed.CategoryImitationSite || c.SourceID != "sousuo" {
		t.Errorf("imitation case: category %s, source %s", c.Category, c.SourceID)
	}
	f := caseFinding(t, st, c)
	if len(f.Reasons) == 0 || !strings.HasPrefix(f.Reasons[0], "经搜索发现：来源 sousuo 搜索“"+termMem+"”，结果第 1 页") ||
		!strings.Contains(f.Reasons[0], "（http://"+testbed.HostSearch+"/s?wd="+termMem+"）") {
		t.Errorf("first reason does not name the source, term and result page: %q", f.Reasons)
	}
	if f.Imitation == nil {
		t.Errorf("finding without the imitation verdict: %+v", f)
	}
	t.Logf("score %.1f, reasons: %q", c.Score, f.Reasons)
	if js, _ := json.Marshal(sum); !strings.Contains(string(js), `"search":{"sousuo":{`) {
		t.Errorf("stored summary lacks the search counts: %s", js)
	}
	if len(byURL) != 1 {
		t.Errorf("cases %v, want only the imitation site", keys(byURL))
	}
	if n := web.Hits(testbed.HostNews, strings.TrimPrefix(testbed.SearchExplainerURL(), "http://"+testbed.HostNews)); n != 1 {
		t.Errorf("explainer fetched %d times, want 1 (listed by both terms, fetched once)", n)
	}
	if n := web.Hits(testbed.HostGov, "/bsfw/zscx.html"); n != 0 {
		t.Errorf("the government page (an official host) was fetched %d times", n)
	}
	if _, ok := sum.ByHost["cx.mem.gov.cn"]; ok {
		t.Errorf("the official platform was requested: %+v", sum.ByHost["cx.mem.gov.cn"])
	}
	want := map[string]SearchTermCounts{
		termMem:      {ResultPages: 1, Results: 4, Official: 2, Queued: 2, Findings: 1},
		termOfficial: {ResultPages: 1, Results: 3, Official: 2, Queued: 1},
	}
	if got := sum.Search["sousuo"]; len(got) != len(want) {
		t.Errorf("search counts %+v", got)
	}
	for term, w := range want {
		if got := sum.Search["sousuo"][term]; got == nil || *got != w {
			t.Errorf("%s: counts %+v, want %+v", term, got, w)
		}
	}
	var zh, en strings.Builder
	sum.PrintChinese(&zh, nil)
	sum.Print(&en)
	if !strings.Contains(zh.String(), "搜索 sousuo“"+termMem+"”：结果页 1，结果页抓取失败 0，搜索结果 4，官方网址（不抓取） 2，结果加入待查 2，结果中的发现 1") {
		t.Errorf("Chinese summary lacks the term's line:\n%s", zh.String())
	}
	if !strings.Contains(en.String(), `search sousuo "`+termMem+`": result_pages 1, failed 0, results 4, official 2, queued 2, findings 1`) {
		t.Errorf("English summary lacks the term's line:\n%s", en.String())
	}
	var names []string
	for _, l := range sum.Discovery {
		names = append(names, l.Name)
	}
	if !slices.Equal(names, []string{"搜索“" + termOfficial + "”（来源 sousuo）", "搜索“" + termMem + "”（来源 sousuo）"}) { // sorted
		t.Errorf("discovery lines %q", names)
	}
	for _, tr := range sum.Trouble {
		t.Errorf("trouble: %+v", tr)
	}
}

// TestSweepSearchOfficialSites: terms: official_sites searches the names
// and titles of the rule pack's official query sites; a source whose
// listing selectors find nothing on the result pages is in trouble
// (search_empty); a result page the engine refuses counts as failed
// under its term.
func TestSweepSearchOfficialSites(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	official := officialSiteTerms(m)
	if len(official) < 6 || !slices.Contains(official, "特种作业操作证查询") || !slices.Contains(official, "全国工程质量安全监管信息平台") {
		t.Fatalf("official site terms %q", official)
	}
	long := strings.Repeat("证书查询", 24) // 96 characters, longer than the engine takes: 414
	cfg := searchConfig(t, web, sousuoSource("sousuo", "", "[official_sites, 特种作业操作证查询, 官网可查 证书]", ".result")+
		sousuoSource("broken", "&pn=0", "[官网可查 证书, "+long+"]", ".no-such-class"))
	sum, byURL, _ := qrSweep(t, cfg)

	got := sortedKeys(sum.Search["sousuo"])
	wantTerms := slices.Sorted(slices.Values(append(official, "官网可查 证书"))) // 特种作业操作证查询 is a title: once
	if !slices.Equal(got, wantTerms) {
		t.Errorf("terms searched %q, want %q", got, wantTerms)
	}
	if n := web.Hits(testbed.HostSearch, "/s"); n != len(wantTerms)+2 {
		t.Errorf("%d result pages requested, want %d", n, len(wantTerms)+2)
	}
	if _, ok := byURL[store.CanonicalURL(testbed.SearchImitationURL())]; !ok {
		t.Errorf("official_sites terms did not find the imitation site; cases %v", keys(byURL))
	}
	var trouble []string
	for _, tr := range sum.Trouble {
		trouble = append(trouble, tr.Source+":"+tr.Kind)
		if tr.Kind == TroubleSearchEmpty && (tr.Name != "搜索结果为空" || !strings.Contains(tr.Detail, "listing")) {
			t.Errorf("trouble %+v", tr)
		}
	}
	if !slices.Equal(trouble, []string{"broken:" + TroubleSearchEmpty}) {
		t.Errorf("troubles %q, want only the broken source's search_empty", trouble)
	}
	if c := sum.Search["broken"]["官网可查 证书"]; c == nil || c.ResultPages != 1 || c.Results != 0 {
		t.Errorf("broken source's counts %+v", c)
	}
	if c := sum.Search["broken"][long]; c == nil || c.ResultPages != 0 || c.Failed != 1 {
		t.Errorf("the failing term's counts %+v", c)
	}
}

// TestReadableURL: a result page's address shows its term decoded, unless
// decoding gives broken UTF-8 or control characters.
func TestReadableURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://s.example/s?wd=%E7%89%B9%E7%A7%8D": "http://s.example/s?wd=特种",
		"http://s.example/s?wd=%E7%89":             "http://s.example/s?wd=%E7%89",
		"http://s.example/s?wd=a%0Ab":              "http://s.example/s?wd=a%0Ab",
		"http://s.example/s?wd=%E2%80%AEx":         "http://s.example/s?wd=%E2%80%AEx", // right-to-left override
		"http://s.example/s?wd=%zz":                "http://s.example/s?wd=%zz",
	} {
		if got := readableURL(in); got != want {
			t.Errorf("readableURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSearchPageOfficialResults: results on official hosts are counted
// and not queued, unless the result page is on that host itself (a
// search on an official site lists its own pages).
func TestSearchPageOfficialResults(t *testing.T) {
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	r := &run{d: detect.New(m, detect.Options{}), stats: newSummary(1)}
	src := &config.Source{ID: "s", Kind: config.KindSearch}
	res := &crawler.Result{Listings: []crawler.Listing{
		{URL: "http://cx.mem.gov.cn/"}, {URL: "http://www.mem.gov.cn/xw/a.html"}, {URL: "http://CNSE.E-CQS.CN/q"},
		{URL: "http://mem-zscx.example/"}, {URL: ""},
	}}
	for _, tc := range []struct {
		page         string
		official     []string
		full         bool
		wantOfficial int
		wantQueued   int
	}{
		{"http://sousuo.example/s?wd=a", []string{"http://cx.mem.gov.cn/", "http://www.mem.gov.cn/xw/a.html", "http://CNSE.E-CQS.CN/q"}, false, 3, 1},
		{"http://www.mem.gov.cn/search?q=b", []string{"http://cx.mem.gov.cn/", "http://CNSE.E-CQS.CN/q"}, false, 2, 2},
		{"http://sousuo.example/s?wd=c", []string{"http://cx.mem.gov.cn/", "http://www.mem.gov.cn/xw/a.html", "http://CNSE.E-CQS.CN/q"}, true, 3, 0},
	} {
		term := tc.page[len(tc.page)-1:]
		it := store.FrontierItem{URL: tc.page, Kind: kindSearch, Meta: map[string]string{"term": term, "page": "1"}}
		got := r.searchPage(src, it, res, tc.full)
		if keys := sortedKeys(got); !slices.Equal(keys, slices.Sorted(slices.Values(tc.official))) {
			t.Errorf("%s: official results %q, want %q", tc.page, keys, tc.official)
		}
		c := r.stats.Search["s"][term]
		if c == nil || c.Results != 4 || c.Official != tc.wantOfficial || c.Queued != tc.wantQueued {
			t.Errorf("%s: counts %+v", tc.page, c)
		}
	}
}

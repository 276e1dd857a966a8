package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/testbed"
)

// Hosts the removal-check tests reach besides the sample web: one resolved
// to a closed port, one not in the overrides at all.
const (
	hostClosed   = "closed.example"
	hostUnlisted = "unlisted.example"
)

var (
	recheckMatcherOnce sync.Once
	recheckMatcher     *matcher.Matcher
	recheckMatcherErr  error
)

// defaultMatcher compiles the embedded pack once for the package's tests.
func defaultMatcher(t *testing.T) *matcher.Matcher {
	t.Helper()
	recheckMatcherOnce.Do(func() {
		p, err := rules.Default()
		if err != nil {
			recheckMatcherErr = err
			return
		}
		recheckMatcher, recheckMatcherErr = matcher.Compile(p)
		if recheckMatcherErr == nil {
			recheckMatcher.Warm() // load the segmenter now, not inside a timed test
		}
	})
	if recheckMatcherErr != nil {
		t.Fatal(recheckMatcherErr)
	}
	return recheckMatcher
}

// recheckSetup starts the sample web and a Sweeper whose crawler reaches
// it with the testbed config (static fetches unless a source renders),
// adjusted by tune, plus hostClosed on a closed port.
func recheckSetup(t *testing.T, web testbed.Options, tune func(*crawler.Options)) (*testbed.Web, *Sweeper) {
	t.Helper()
	w, err := testbed.Start(web)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	dir := t.TempDir()
	path := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(path, w.Config(filepath.Join(dir, "certwatch.db")), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	opts := CrawlerOptions(cfg)
	opts.Resolve[hostClosed] = closed
	opts.AllowInternal = append(opts.AllowInternal, hostClosed)
	opts.RetryBackoff = 20 * time.Millisecond
	if tune != nil {
		tune(&opts)
	}
	cr, err := crawler.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cr.Close() })
	return w, &Sweeper{Config: cfg, Matcher: defaultMatcher(t), Fetcher: cr,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func recheckOne(t *testing.T, s *Sweeper, it RecheckItem) RecheckResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rs, err := s.Recheck(ctx, []RecheckItem{it})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d results for one item", len(rs))
	}
	return rs[0]
}

func u(host, path string) string { return "http://" + host + path }

// TestRecheckSampleWeb takes pages of the sample web down in every mode
// and checks each verdict, with real HTTP through the crawler.
func TestRecheckSampleWeb(t *testing.T) {
	web, s := recheckSetup(t, testbed.Options{SlowDelay: 20 * time.Second},
		func(o *crawler.Options) { o.Timeout = 1500 * time.Millisecond })
	thread := u(testbed.HostBBS, "/thread/1001.html")
	post := u(testbed.HostFenlei, "/post/88001.html")
	brand := u(testbed.HostSchool, "/brand/kuaizhengtong.html")
	item := func(id int) string { return u(testbed.HostShop, fmt.Sprintf("/item/%d", id)) }

	// The noticed snapshots: what the pages look like before any takedown.
	noticed := map[string]RecheckResult{}
	for _, p := range []string{thread, post, brand} {
		r := recheckOne(t, s, RecheckItem{URL: p})
		if r.Outcome != casework.OutcomeLive || !r.Flagged || r.ContentKey == "" {
			t.Fatalf("%s before takedown: %s (%s), flagged %v", p, r.Outcome, r.Detail, r.Flagged)
		}
		noticed[p] = r
	}
	if c := noticed[post].Contacts; !slices.Contains(c, "13900139000") {
		t.Errorf("contacts of %s: %v, want the phone 13900139000", post, c)
	}
	itemOf := func(p string) RecheckItem {
		return RecheckItem{CaseID: 7, URL: p, ContentKey: noticed[p].ContentKey, Contacts: noticed[p].Contacts}
	}

	for _, tc := range []struct {
		name   string
		item   RecheckItem
		mode   testbed.TakedownMode // 0: left as it is
		want   casework.Outcome
		status int
		detail string // a part of Detail
		marker string
	}{
		{name: "live unchanged", item: itemOf(thread), want: casework.OutcomeLive, status: 200, detail: "与通知时相同"},
		{name: "live but edited since the notice", item: RecheckItem{URL: post, ContentKey: "an older snapshot"},
			want: casework.OutcomeLive, status: 200, detail: "内容有改动"},
		{name: "404", item: RecheckItem{URL: item(600101)}, mode: testbed.Gone404, want: casework.OutcomeRemoved, status: 404, detail: "返回 404"},
		{name: "410", item: RecheckItem{URL: item(600102)}, mode: testbed.Gone410, want: casework.OutcomeRemoved, status: 410, detail: "返回 410"},
		{name: "shop notice", item: RecheckItem{URL: item(600103)}, mode: testbed.GoneNotice, want: casework.OutcomeRemoved, status: 200,
			detail: "该商品已下架", marker: "该商品已下架"},
		{name: "forum notice", item: itemOf(thread), mode: testbed.GoneNotice, want: casework.OutcomeRemoved, status: 200, marker: "帖子已被删除"},
		{name: "classifieds notice in GBK", item: itemOf(post), mode: testbed.GoneNotice, want: casework.OutcomeRemoved, status: 200, marker: "信息已删除"},
		{name: "plain site notice", item: itemOf(brand), mode: testbed.GoneNotice, want: casework.OutcomeRemoved, status: 200, marker: "页面不存在"},
		{name: "redirect to the front page", item: RecheckItem{URL: item(600104)}, mode: testbed.RedirectHome, want: casework.OutcomeRemoved,
			status: 200, detail: "首页"},
		{name: "login wall", item: itemOf(thread), mode: testbed.LoginWall, want: casework.OutcomeBlocked, status: 200, detail: "登录页"},
		{name: "captcha", item: itemOf(post), mode: testbed.Captcha, want: casework.OutcomeBlocked, status: 200, marker: "验证码"},
		{name: "403", item: itemOf(brand), mode: testbed.Forbidden, want: casework.OutcomeBlocked, status: 403, detail: "拒绝访问"},
		{name: "429", item: itemOf(thread), mode: testbed.RateLimited, want: casework.OutcomeBlocked, status: 429, detail: "频繁"},
		{name: "503", item: itemOf(post), mode: testbed.ServerError, want: casework.OutcomeFailed, status: 503, detail: "下轮重查"},
		{name: "forum reply edited out", item: itemOf(thread), mode: testbed.Edited, want: casework.OutcomeChanged, status: 200, detail: "不再匹配规则"},
		{name: "classified replaced", item: itemOf(post), mode: testbed.Edited, want: casework.OutcomeChanged, status: 200, detail: "不再匹配规则"},
		{name: "robots.txt forbids", item: RecheckItem{URL: u(testbed.HostBBS, "/private/secret.html")}, want: casework.OutcomeBlocked, detail: "robots.txt"},
		{name: "connection refused", item: RecheckItem{URL: u(hostClosed, "/post/1.html")}, want: casework.OutcomeFailed, detail: "无法连接"},
		{name: "not in the resolve overrides", item: RecheckItem{URL: u(hostUnlisted, "/")}, want: casework.OutcomeFailed, detail: "解析白名单"},
		{name: "timeout", item: RecheckItem{URL: u(testbed.HostHostile, "/slow")}, want: casework.OutcomeFailed, status: 200, detail: "超时"},
		{name: "redirect loop", item: RecheckItem{URL: u(testbed.HostHostile, "/loop")}, want: casework.OutcomeFailed, detail: "重定向"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.mode != 0 {
				if err := web.TakeDown(tc.item.URL, tc.mode); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { web.Restore(tc.item.URL) })
			}
			r := recheckOne(t, s, tc.item)
			if r.Outcome != tc.want || r.Status != tc.status || !strings.Contains(r.Detail, tc.detail) || r.Marker != tc.marker {
				t.Errorf("got %s, status %d, detail %q, marker %q (error %q)\nwant %s, status %d, detail with %q, marker %q",
					r.Outcome, r.Status, r.Detail, r.Marker, r.Error, tc.want, tc.status, tc.detail, tc.marker)
			}
			if r.CaseID != tc.item.CaseID || r.URL != tc.item.URL || r.CheckedAt.IsZero() {
				t.Errorf("case %d url %s checked at %v", r.CaseID, r.URL, r.CheckedAt)
			}
			if r.Status != 0 && r.Outcome != casework.OutcomeFailed && (r.BodySHA256 == "" || len(r.Body) == 0 || r.Header.Get("Content-Type") == "") {
				t.Errorf("no evidence of the response kept: sha %q, %d bytes, header %v", r.BodySHA256, len(r.Body), r.Header)
			}
			if tc.want == casework.OutcomeLive && (!r.Flagged || r.Score == 0 || r.Finding == nil) {
				t.Errorf("live but flagged %v score %v", r.Flagged, r.Score)
			}
		})
	}
	t.Run("noticed contacts still there", func(t *testing.T) {
		r := recheckOne(t, s, itemOf(post))
		if !slices.Contains(r.KeptContacts, "13900139000") {
			t.Errorf("kept contacts %v", r.KeptContacts)
		}
	})
	t.Run("unchanged page no longer flagged", func(t *testing.T) {
		// The rules changed, not the page: the content is still up.
		p := u(testbed.HostBBS, "/thread/1002.html")
		first := recheckOne(t, s, RecheckItem{URL: p})
		if first.Outcome != casework.OutcomeChanged || first.Flagged {
			t.Fatalf("an ordinary thread: %s (%s)", first.Outcome, first.Detail)
		}
		r := recheckOne(t, s, RecheckItem{URL: p, ContentKey: first.ContentKey})
		if r.Outcome != casework.OutcomeLive || !r.SameContent || !strings.Contains(r.Detail, "与通知时相同") {
			t.Errorf("got %s (%s), same content %v", r.Outcome, r.Detail, r.SameContent)
		}
	})
	if n := web.Hits(testbed.HostBBS, "/private/secret.html"); n != 0 {
		t.Errorf("robots.txt forbids /private/secret.html, fetched %d times", n)
	}
}

// TestRecheckManyItems checks a batch at once: results come in item
// order, and items with the same URL share one fetch.
func TestRecheckManyItems(t *testing.T) {
	web, s := recheckSetup(t, testbed.Options{SlowDelay: 5 * time.Second}, nil)
	s.Batch = 3 // fewer in flight than items
	var items []RecheckItem
	for _, p := range []string{"/thread/1001.html", "/thread/1002.html", "/thread/1003.html", "/thread/1004.html", "/thread/1005.html"} {
		items = append(items, RecheckItem{CaseID: uint64(len(items) + 1), URL: u(testbed.HostBBS, p)})
	}
	items = append(items, RecheckItem{CaseID: 99, URL: items[0].URL}, RecheckItem{CaseID: 100, URL: u(testbed.HostFenlei, "/post/88001.html")})
	down := u(testbed.HostBBS, "/thread/1003.html")
	if err := web.TakeDown(down, testbed.Gone404); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rs, err := s.Recheck(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(items) {
		t.Fatalf("%d results for %d items", len(rs), len(items))
	}
	for i, r := range rs {
		want := casework.OutcomeChanged
		switch items[i].URL {
		case items[0].URL, items[len(items)-1].URL:
			want = casework.OutcomeLive
		case down:
			want = casework.OutcomeRemoved
		}
		if r.CaseID != items[i].CaseID || r.URL != items[i].URL || r.Outcome != want {
			t.Errorf("result %d: case %d %s %s (%s), want case %d %s %s", i, r.CaseID, r.URL, r.Outcome, r.Detail, items[i].CaseID, items[i].URL, want)
		}
	}
	if n := web.Hits(testbed.HostBBS, "/thread/1001.html"); n != 1 {
		t.Errorf("two items with one URL: fetched %d times", n)
	}
}

// TestRecheckCancel cancels a recheck stuck on stalling pages: it returns
// promptly with the context's error and every unfinished item failed.
func TestRecheckCancel(t *testing.T) {
	web, s := recheckSetup(t, testbed.Options{SlowDelay: time.Minute},
		func(o *crawler.Options) { o.Timeout = time.Minute })
	items := []RecheckItem{{CaseID: 1, URL: u(testbed.HostBBS, "/thread/1001.html")}}
	for i := range 6 {
		items = append(items, RecheckItem{CaseID: uint64(i + 2), URL: u(testbed.HostHostile, fmt.Sprintf("/slow?n=%d", i))})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel while two /slow pages stall (per_host_parallel 2) and the
	// other four wait in the crawler's queue.
	cancelled := make(chan time.Time, 1)
	go func() {
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) &&
			(web.Hits(testbed.HostHostile, "/slow") < 2 || web.Hits(testbed.HostBBS, "/thread/1001.html") < 1) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond) // the thread's answer is read and scored
		cancelled <- time.Now()
		cancel()
	}()
	rs, err := s.Recheck(ctx, items)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if took := time.Since(<-cancelled); took > 20*time.Second { // the slow page waits a minute: only a missed cancel takes that long
		t.Errorf("returned %v after the cancel", took)
	}
	if len(rs) != len(items) {
		t.Fatalf("%d results for %d items", len(rs), len(items))
	}
	if rs[0].Outcome != casework.OutcomeLive {
		t.Errorf("the page that answered: %s (%s)", rs[0].Outcome, rs[0].Detail)
	}
	for _, r := range rs[1:] {
		if r.Outcome != casework.OutcomeFailed || r.Detail != "检查被中断" || !r.CheckedAt.IsZero() {
			t.Errorf("%s: %s (%s) at %v, want failed 检查被中断", r.URL, r.Outcome, r.Detail, r.CheckedAt)
		}
	}
}

// TestRecheckRendered rechecks a marketplace listing built by JavaScript
// through its source, which renders when needed (render: auto): the live
// and edited listings are script shells and rendered; the marketplace's
// "removed" notice is a plain page, which needs no browser.
func TestRecheckRendered(t *testing.T) {
	if !haveChromium() {
		t.Skip("chromium is not installed")
	}
	web, s := recheckSetup(t, testbed.Options{SlowDelay: 5 * time.Second}, nil)
	p := u(testbed.HostShop, "/item/600105")
	for _, tc := range []struct {
		name     string
		mode     testbed.TakedownMode
		want     casework.Outcome
		rendered bool
	}{
		{"live", 0, casework.OutcomeLive, true},
		{"edited", testbed.Edited, casework.OutcomeChanged, true},
		{"notice", testbed.GoneNotice, casework.OutcomeRemoved, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.mode != 0 {
				if err := web.TakeDown(p, tc.mode); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { web.Restore(p) })
			}
			r := recheckOne(t, s, RecheckItem{URL: p, SourceID: "shop"})
			if r.Outcome != tc.want || r.Rendered != tc.rendered {
				t.Errorf("got %s (%s), rendered %v; want %s, rendered %v", r.Outcome, r.Detail, r.Rendered, tc.want, tc.rendered)
			}
			if tc.rendered && r.ScreenshotSHA256 == "" {
				t.Errorf("a rendered recheck without a screenshot (rechecks are evidence)")
			}
		})
	}
}

// TestRecheckClassify covers the branches the sample web cannot produce
// without the internet, on made-up fetch results.
func TestRecheckClassify(t *testing.T) {
	m := defaultMatcher(t)
	ms := removalMarkers(m)
	const offer = "低压电工证 免考包过 官网可查，人不用到场，威信：antu-zheng88"
	pg := func(title, text string) *page.Page {
		p := page.FromText("http://x.example/item/1", text)
		p.Title = title
		return p
	}
	ok := func(final string, p *page.Page) *crawler.Result {
		return &crawler.Result{Outcome: crawler.OutcomeOK, Status: 200, FinalURL: final, Page: p, FetchedAt: time.Now()}
	}
	httpErr := func(status int) *crawler.Result {
		return &crawler.Result{Outcome: crawler.OutcomeHTTPError, Status: status, Err: fmt.Errorf("x: %w %d", crawler.ErrHTTPStatus, status)}
	}
	nxdomain := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "x.example", IsNotFound: true}}
	servfail := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "x.example", IsTemporary: true}}
	longNav := strings.Repeat("本站导航：首页 新闻 论坛 请先登录 注册。", 200)
	const orig = "http://x.example/item/1"
	for _, tc := range []struct {
		name   string
		res    *crawler.Result
		want   casework.Outcome
		detail string
	}{
		{"NXDOMAIN", &crawler.Result{Outcome: crawler.OutcomeNetwork, Err: fmt.Errorf("fetch: %w", nxdomain)}, casework.OutcomeRemoved, "域名"},
		{"DNS server failure", &crawler.Result{Outcome: crawler.OutcomeNetwork, Err: fmt.Errorf("fetch: %w", servfail)}, casework.OutcomeFailed, "无法连接"},
		{"bad URL", &crawler.Result{Outcome: crawler.OutcomeNetwork, Err: fmt.Errorf("x: %w", crawler.ErrBadURL)}, casework.OutcomeFailed, "网址无效"},
		{"401", httpErr(401), casework.OutcomeBlocked, "需要登录"},
		{"451", httpErr(451), casework.OutcomeRemoved, "451"},
		{"500", httpErr(500), casework.OutcomeFailed, "500"},
		{"400", httpErr(400), casework.OutcomeFailed, "无法判断"},
		{"render failed", &crawler.Result{Outcome: crawler.OutcomeRenderFailed, Err: errors.New("tab crashed")}, casework.OutcomeFailed, "渲染"},
		{"not a page any more", &crawler.Result{Outcome: crawler.OutcomeNotHTML, Status: 200,
			Header: http.Header{"Content-Type": {"image/png"}}, Err: fmt.Errorf("x: %w", crawler.ErrNotPage)}, casework.OutcomeChanged, "image/png"},
		{"undecodable", &crawler.Result{Outcome: crawler.OutcomeNotHTML, Status: 200,
			Err: fmt.Errorf("x: %w", crawler.ErrContentEncoding)}, casework.OutcomeFailed, "解码"},
		{"still flagged beside a gone marker", ok(orig, pg("电工证", offer+"\n该商品已下架")), casework.OutcomeLive, "仍可见"},
		{"traditional gone marker", ok(orig, pg("提示", "該商品已下架")), casework.OutcomeRemoved, "该商品已下架"},
		{"redirect to a passport host", ok("http://passport.x.example/?from=item", pg("", "欢迎")), casework.OutcomeBlocked, "登录页"},
		{"login page not reached by redirect", ok("http://x.example/login", pg("登录", "请先登录")), casework.OutcomeBlocked, "请先登录"},
		{"long page mentioning login", ok(orig, pg("论坛", longNav)), casework.OutcomeChanged, "不再匹配"},
		{"redirect to www front page", ok("http://www.x.example/", pg("首页", "欢迎光临")), casework.OutcomeRemoved, "首页"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := RecheckItem{CaseID: 3, URL: orig, Contacts: []string{"antu-zheng88"}}
			if tc.name == "login page not reached by redirect" {
				it.URL = "http://x.example/login"
			}
			r := classify(it, tc.res, detect.New(m, detect.Options{}), ms)
			if r.Outcome != tc.want || !strings.Contains(r.Detail, tc.detail) {
				t.Errorf("got %s (%s), want %s with %q", r.Outcome, r.Detail, tc.want, tc.detail)
			}
		})
	}
}

// fakeFetcher answers every request with a result made by answer.
type fakeFetcher struct {
	answer func(crawler.Request) *crawler.Result
}

func (f fakeFetcher) Run(ctx context.Context, in <-chan crawler.Request, out chan<- *crawler.Result) {
	defer close(out)
	for req := range in {
		r := f.answer(req)
		r.Request = req
		out <- r
	}
}

// TestRecheckEdges: a Sweeper without Matcher or Fetcher, an empty batch,
// and a Fetcher that is not the crawler.
func TestRecheckEdges(t *testing.T) {
	if _, err := (&Sweeper{}).Recheck(context.Background(), nil); err == nil {
		t.Error("a Sweeper without Matcher and Fetcher rechecked")
	}
	s := &Sweeper{Matcher: defaultMatcher(t), Fetcher: fakeFetcher{func(crawler.Request) *crawler.Result {
		return &crawler.Result{Outcome: crawler.OutcomeHTTPError, Status: 410}
	}}}
	rs, err := s.Recheck(context.Background(), nil)
	if err != nil || len(rs) != 0 {
		t.Errorf("empty batch: %v, %v", rs, err)
	}
	rs, err = s.Recheck(context.Background(), []RecheckItem{{CaseID: 1, URL: "http://a.example/1"}, {CaseID: 2, URL: "http://a.example/2"}})
	if err != nil || len(rs) != 2 || rs[0].Outcome != casework.OutcomeRemoved || rs[1].CaseID != 2 {
		t.Errorf("fake fetcher: %+v, %v", rs, err)
	}
}

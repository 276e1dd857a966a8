package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"
)

// benchSite serves hosts×pages linked pages: the index of each host links
// to all its pages; every page links to the next page and to the next
// host's index.
func benchSite(b *testing.B, hosts, pages int) (*site, []string) {
	s := newSite(b)
	filler := strings.Repeat("<p>安全生产考核合格证书查询、特种作业操作证复审、培训报名须知。</p>\n", 40)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("User-agent: *\nDisallow: /admin\n"))
	})
	s.handle("/p/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		h, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.Host, "h"), ".example"))
		var links strings.Builder
		if n == 0 {
			for i := 1; i < pages; i++ {
				fmt.Fprintf(&links, `<a href="/p/%d">第%d页</a> `, i, i)
			}
		} else if n+1 < pages {
			fmt.Fprintf(&links, `<a href="/p/%d">下一页</a> `, n+1)
		}
		fmt.Fprintf(&links, `<a href="http://h%02d.example/p/0">下一站</a>`, (h+1)%hosts)
		s.writeHTML(w, fmt.Sprintf("<h1>第%d页</h1>%s%s", n, links.String(), filler))
	})
	names := make([]string, hosts)
	for i := range names {
		names[i] = fmt.Sprintf("h%02d.example", i)
	}
	return s, names
}

// crawlAll follows links from the start URLs with a Crawler until no new
// URL turns up, and returns the pages fetched.
func crawlAll(ctx context.Context, c *Crawler, start []string) int {
	in := make(chan Request)
	out := make(chan *Result)
	go c.Run(ctx, in, out)
	seen := map[string]bool{}
	var queue []string
	for _, u := range start {
		seen[u] = true
		queue = append(queue, u)
	}
	pending, pages := 0, 0
	for len(queue) > 0 || pending > 0 {
		var send chan<- Request
		var next Request
		if len(queue) > 0 {
			send, next = in, Request{URL: queue[0]}
		}
		select {
		case send <- next:
			queue = queue[1:]
			pending++
		case res := <-out:
			pending--
			if res.Outcome == OutcomeOK {
				pages++
			}
			for _, l := range res.Links {
				if !seen[l] {
					seen[l] = true
					queue = append(queue, l)
				}
			}
		}
	}
	close(in)
	for range out {
	}
	return pages
}

// BenchmarkStaticPagesPerSecond compares the Crawler with plain colly (an
// async Collector with one LimitRule per host) on the same local site of
// 500 pages on 20 hosts, with the same per-host delay and limits. The
// politeness bound is pages-per-host × delay (25 × 20 ms = 0.5 s).
func BenchmarkStaticPagesPerSecond(b *testing.B) {
	const hosts, pages, delay = 20, 25, 20 * time.Millisecond
	s, names := benchSite(b, hosts, pages)
	opts := s.options(names...)
	opts.PerHostDelay = delay
	opts.Parallel = hosts
	opts.Timeout = 10 * time.Second
	opts.MaxBody = 1 << 20
	var start []string
	for _, h := range names {
		start = append(start, "http://"+h+"/p/0")
	}
	const total = hosts * pages

	var ours, theirs time.Duration
	for b.Loop() {
		c, err := New(opts)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if n := crawlAll(context.Background(), c, start); n != total {
			b.Fatalf("crawler fetched %d pages, want %d", n, total)
		}
		ours += time.Since(t0)
		_ = c.Close()

		t0 = time.Now()
		if n := collyCrawl(b, opts, names, start); n != total {
			b.Fatalf("colly fetched %d pages, want %d", n, total)
		}
		theirs += time.Since(t0)
	}
	bound := time.Duration(pages) * delay
	n := float64(b.N)
	b.ReportMetric(total*n/ours.Seconds(), "crawler-pages/s")
	b.ReportMetric(total*n/theirs.Seconds(), "colly-pages/s")
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "crawler/colly")
	b.ReportMetric(ours.Seconds()/n/bound.Seconds(), "crawler/bound")
}

// collyCrawl crawls the bench site with plain colly: async, one LimitRule
// per host, the same limits and resolve overrides.
func collyCrawl(b *testing.B, opts Options, hosts, start []string) int {
	c := colly.NewCollector(colly.Async(true), colly.MaxBodySize(int(opts.MaxBody+1)), colly.UserAgent(DefaultUserAgent))
	c.SetRequestTimeout(opts.Timeout)
	// The same address policy as the crawler's: the bench hosts resolve to
	// loopback and are let through by AllowInternal.
	res := newResolver(opts.Resolve, true)
	policy, err := parseAllowInternal(opts.AllowInternal)
	if err != nil {
		b.Fatal(err)
	}
	res.policy = policy
	c.WithTransport(&http.Transport{DialContext: res.DialContext, MaxIdleConnsPerHost: 2})
	for _, h := range hosts {
		if err := c.Limit(&colly.LimitRule{DomainGlob: h, Parallelism: 1, Delay: opts.PerHostDelay}); err != nil {
			b.Fatal(err)
		}
	}
	var pages atomic.Int64
	c.OnResponse(func(*colly.Response) { pages.Add(1) })
	c.OnHTML("a[href]", func(e *colly.HTMLElement) { _ = e.Request.Visit(e.Attr("href")) })
	for _, u := range start {
		if err := c.Visit(u); err != nil {
			b.Fatal(err)
		}
	}
	c.Wait()
	return int(pages.Load())
}

// processCPU is the processor time of this process (the crawler and the
// test site) so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuNow is the processor time of this process and of the crawler's
// browser.
func cpuNow(c *Crawler) time.Duration { return processCPU() + c.Browser().CPU() }

// BenchmarkRenderedPagesPerSecond renders the JavaScript market page with
// the default two tabs, hosts not limiting, two ways in turn in each
// iteration: as renders were before issue 12 (a full-page screenshot of
// every page; images, fonts and media blocked) and as discovery renders
// are now (no screenshot: only a flagged page's evidence render takes
// one). pages/s and pages/s/tab are the discovery renders'; the
// before-… metrics the old way's; cpu-ms/page counts this process and the
// browser's processes.
func BenchmarkRenderedPagesPerSecond(b *testing.B) {
	needChromium(b)
	const perIter = 8
	s := newSite(b)
	s.html("/search", jsMarket)
	var names []string
	for i := range perIter {
		names = append(names, fmt.Sprintf("r%d.example", i))
	}
	opts := s.options(names...)
	opts.Render.Settle = 100 * time.Millisecond
	c := newCrawler(b, opts)
	render := func(host string) {
		res := c.Fetch(context.Background(), Request{URL: "http://" + host + "/search", Render: true, Listing: marketSelectors})
		if res.Outcome != OutcomeOK || len(res.Listings) != 2 {
			b.Fatalf("%s: %s %v", host, res.Outcome, res.Err)
		}
		if (res.Screenshot != nil) != c.render.shotAlways {
			b.Fatalf("%s: a %d-byte screenshot with shotAlways %v", host, len(res.Screenshot), c.render.shotAlways)
		}
	}
	batch := func() {
		done := make(chan struct{})
		for _, h := range names {
			go func() { render(h); done <- struct{}{} }()
		}
		for range names {
			<-done
		}
	}
	render(names[0])               // start the browser outside the measurement
	var wall, cpu [2]time.Duration // [0] before, [1] now
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			mode := (i + k) % 2 // alternate which goes first
			c.render.shotAlways = mode == 0
			t0, c0 := time.Now(), cpuNow(c)
			batch()
			wall[mode] += time.Since(t0)
			cpu[mode] += cpuNow(c) - c0
		}
	}
	c.render.shotAlways = false
	tabs := float64(c.opts.Render.Tabs)
	pages := perIter * float64(b.N)
	perSec := pages / wall[1].Seconds()
	before := pages / wall[0].Seconds()
	b.ReportMetric(perSec, "pages/s")
	b.ReportMetric(perSec/tabs, "pages/s/tab")
	b.ReportMetric(before/tabs, "before-pages/s/tab")
	b.ReportMetric(perSec/before, "now/before")
	b.ReportMetric(float64(cpu[1].Milliseconds())/pages, "cpu-ms/page")
	b.ReportMetric(float64(cpu[0].Milliseconds())/pages, "before-cpu-ms/page")
}

// BenchmarkRenderAuto crawls a site of 40 pages, 8 of them script shells
// (the rest ordinary pages that also run a script), twice in each
// iteration: every page rendered (render: true) and render: auto (static
// first, only the shells rendered). It reports pages/s and CPU per page
// of each (this process and the browser's) and the ratios.
func BenchmarkRenderAuto(b *testing.B) {
	needChromium(b)
	const pages, every = 40, 5 // every 5th page is a shell
	s := newSite(b)
	filler := strings.Repeat("<p>安全生产考核合格证书查询、特种作业操作证复审、培训报名须知。</p>\n", 20)
	s.handle("/p/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n%every == 0 {
			s.writeHTML(w, shellPage)
			return
		}
		s.writeHTML(w, fmt.Sprintf("<h1>第%d页</h1>%s<script>var seen = %d;</script>", n, filler, n))
	})
	const hosts = 8
	var names []string
	for i := range hosts {
		names = append(names, fmt.Sprintf("a%d.example", i))
	}
	opts := s.options(names...)
	opts.Render.Settle = 100 * time.Millisecond
	c := newCrawler(b, opts)
	crawl := func(auto bool) {
		done := make(chan *Result, pages)
		for n := range pages {
			go func() {
				req := Request{URL: fmt.Sprintf("http://%s/p/%d", names[n%hosts], n), Render: !auto, RenderAuto: auto}
				done <- c.Fetch(context.Background(), req)
			}()
		}
		rendered := 0
		for range pages {
			res := <-done
			if res.Outcome != OutcomeOK {
				b.Fatalf("%s: %s %v", res.RequestedURL, res.Outcome, res.Err)
			}
			if res.Rendered {
				rendered++
			}
		}
		if want := map[bool]int{true: pages / every, false: pages}[auto]; rendered != want {
			b.Fatalf("auto %v: %d pages rendered, want %d", auto, rendered, want)
		}
	}
	crawl(true)                    // start the browser outside the measurement
	var wall, cpu [2]time.Duration // [0] every page rendered, [1] auto
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			mode := (i + k) % 2
			t0, c0 := time.Now(), cpuNow(c)
			crawl(mode == 1)
			wall[mode] += time.Since(t0)
			cpu[mode] += cpuNow(c) - c0
		}
	}
	n := pages * float64(b.N)
	b.ReportMetric(n/wall[0].Seconds(), "all-rendered-pages/s")
	b.ReportMetric(n/wall[1].Seconds(), "auto-pages/s")
	b.ReportMetric(wall[0].Seconds()/wall[1].Seconds(), "auto/all-speed")
	b.ReportMetric(float64(cpu[0].Milliseconds())/n, "all-rendered-cpu-ms/page")
	b.ReportMetric(float64(cpu[1].Milliseconds())/n, "auto-cpu-ms/page")
}

//go:build unix

package sweep

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// costHost is the name the cost site is reached by (resolved to the
// local server; nothing leaves the machine).
const costHost = "cost.example"

// costFanout is how many pages each cost-site page links down to.
const costFanout = 5

var costSentences = []string{
	"周末的早市总是很热闹，卖菜的摊主一大早就把新鲜的青菜摆得整整齐齐。",
	"这道菜做法不难，关键是火候要掌握好，出锅前再撒一把葱花。",
	"小区的健身器材前阵子刚换了新的，晚饭后常有邻居在这里聊天。",
	"天气转凉，早晚温差大，出门记得多带一件外套。",
	"公园里的银杏叶黄了，不少人专门赶来拍照。",
	"图书馆这个月推出了亲子阅读活动，报名的家长很多。",
	"沿着河边的绿道骑一圈大约二十公里，路上风景很好。",
}

// costPage renders page i of n: about 2.5 KB of everyday text, links to
// its children and the next page, and on every offerEvery-th page an
// offer of certificates without examination (a finding).
func costPage(i, n, offerEvery int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>生活资讯 第%d期</title></head>\n<body><p><a href=\"/\">首页</a></p><h1>生活资讯 第%d期</h1>\n", i, i)
	for p := range 4 {
		b.WriteString("<p>")
		for k := range 5 {
			b.WriteString(costSentences[(i+p*5+k)%len(costSentences)])
		}
		b.WriteString("</p>\n")
	}
	if offerEvery > 0 && i%offerEvery == 0 {
		fmt.Fprintf(&b, "<p>低压电工证、焊工证、高处作业证，免考试，人不用到场，官网可查，半个月出证。加微信 zheng_%d 。</p>\n", i)
	}
	b.WriteString("<ul>\n")
	link := func(j int) {
		if j >= 1 && j <= n && j != i {
			fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">生活资讯 第%d期</a></li>\n", j, j)
		}
	}
	for c := costFanout*i + 1; c <= costFanout*i+costFanout; c++ {
		link(c)
	}
	link(i + 1)
	b.WriteString("</ul></body></html>\n")
	return []byte(b.String())
}

// costSite serves n generated pages (/p/1.html … /p/N.html, and the index
// / linking to the first ones) on 127.0.0.1, without politeness. hits
// counts page requests (robots.txt apart).
type costSite struct {
	*httptest.Server
	hits atomic.Int64
}

func newCostSite(tb testing.TB, n, offerEvery int) *costSite {
	tb.Helper()
	s := &costSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "User-agent: *\nAllow: /")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>生活资讯网</title></head><body><ul>")
		for i := 1; i <= min(costFanout, n); i++ {
			fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">第%d期</a></li>", i, i)
		}
		b.WriteString("</ul></body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, b.String())
	})
	mux.HandleFunc("GET /p/{page}", func(w http.ResponseWriter, r *http.Request) {
		num, ok := strings.CutSuffix(r.PathValue("page"), ".html")
		i, err := strconv.Atoi(num)
		if !ok || err != nil || i < 1 || i > n {
			http.NotFound(w, r)
			return
		}
		s.hits.Add(1)
		body := costPage(i, n, offerEvery)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	})
	s.Server = httptest.NewServer(mux)
	tb.Cleanup(s.Close)
	return s
}

// costConfig writes a sweep configuration for the cost site into dir.
func costConfig(tb testing.TB, dir string, site *costSite, n, parallel int) *config.Config {
	tb.Helper()
	_, port, _ := net.SplitHostPort(site.Listener.Addr().String())
	y := fmt.Sprintf(`database: %s
resolve_only: true
resolve:
  %s: 127.0.0.1:%s
allow_internal: [%s]
limits: {per_host_delay: 0s, per_host_parallel: %d, parallel: %d, timeout: 10s, retries: 0}
sources:
  - {id: cost, type: site, start: ["http://%s/"], depth: 20, max_pages: %d}
`, filepath.Join(dir, "cost.db"), costHost, port, costHost, parallel, parallel, costHost, n+1)
	path := filepath.Join(dir, "cost.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSweepCost compares, in one run on the same local site of 2,000
// static pages (every 20th an offer) without politeness, a sweep end to
// end (crawler, extraction, matcher, frontier and findings in a real bbolt
// file) with plain colly (async, the same parallelism, its own visited
// set) plus page.FromHTML plus the same detector, storing nothing. It
// reports ns per page and CPU seconds of each, and sweep/baseline as a
// throughput ratio (target ≥ 0.5). The CPU times are the whole process's
// (getrusage), the local server's share included in both.
func BenchmarkSweepCost(b *testing.B) {
	const pages, offerEvery, parallel = 2000, 20, 8
	total := pages + 1 // and the index
	site := newCostSite(b, pages, offerEvery)
	p, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	d := detect.New(m, detect.Options{})
	// Load the segmenter outside the measurement: whichever ran first
	// would pay for it.
	if warm, err := page.FromHTML("http://"+costHost+"/p/20.html", costPage(20, pages, offerEvery), "text/html; charset=utf-8"); err != nil || !d.Detect(warm).Flagged {
		b.Fatalf("the offer page is not flagged (%v): the benchmark would store no finding", err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var sweepWall, sweepCPU, baseWall, baseCPU time.Duration
	for b.Loop() {
		dir := b.TempDir()
		cfg := costConfig(b, dir, site, pages, parallel)
		st, err := store.Open(cfg.Database, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cr, err := crawler.New(cfg.CrawlerOptions())
		if err != nil {
			b.Fatal(err)
		}
		s := &Sweeper{Config: cfg, Store: st, Detector: d, Fetcher: cr, Log: quiet}
		runtime.GC()
		c0, t0 := cpuTime(b), time.Now()
		sum, err := s.Run(context.Background(), false)
		sweepWall += time.Since(t0)
		sweepCPU += cpuTime(b) - c0
		if err != nil {
			b.Fatal(err)
		}
		if sum.Total.Fetched != total || sum.NewCases != pages/offerEvery {
			b.Fatalf("sweep fetched %d pages and found %d cases, want %d and %d", sum.Total.Fetched, sum.NewCases, total, pages/offerEvery)
		}
		cr.Close()
		st.Close()

		runtime.GC()
		c0, t0 = cpuTime(b), time.Now()
		fetched, flagged := collyBaseline(b, site, d, parallel)
		baseWall += time.Since(t0)
		baseCPU += cpuTime(b) - c0
		if fetched != total || flagged != pages/offerEvery {
			b.Fatalf("baseline fetched %d pages and flagged %d, want %d and %d", fetched, flagged, total, pages/offerEvery)
		}
	}
	n := float64(b.N) * float64(total)
	b.ReportMetric(float64(sweepWall.Nanoseconds())/n, "sweep-ns/page")
	b.ReportMetric(float64(baseWall.Nanoseconds())/n, "base-ns/page")
	b.ReportMetric(sweepCPU.Seconds()/float64(b.N), "sweep-cpu-s")
	b.ReportMetric(baseCPU.Seconds()/float64(b.N), "base-cpu-s")
	b.ReportMetric(baseWall.Seconds()/sweepWall.Seconds(), "sweep/base")
	b.ReportMetric(sweepCPU.Seconds()/baseCPU.Seconds(), "cpu-sweep/base")
}

// collyBaseline crawls the cost site with plain colly (async, parallel
// requests to the one host, its own visited set) and extracts and scores
// every page; it returns the pages fetched and flagged.
func collyBaseline(b *testing.B, site *costSite, d *detect.Detector, parallel int) (fetched, flagged int) {
	c := colly.NewCollector(colly.Async(true), colly.AllowedDomains(costHost), colly.UserAgent(crawler.DefaultUserAgent))
	c.SetRequestTimeout(10 * time.Second)
	addr := site.Listener.Addr().String()
	dialer := &net.Dialer{}
	c.WithTransport(&http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: parallel,
	})
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallel}); err != nil {
		b.Fatal(err)
	}
	var nFetched, nFlagged atomic.Int64
	c.OnResponse(func(r *colly.Response) {
		nFetched.Add(1)
		p, err := page.FromHTML(r.Request.URL.String(), r.Body, r.Headers.Get("Content-Type"))
		if err != nil {
			b.Error(err)
			return
		}
		if d.Detect(p).Flagged {
			nFlagged.Add(1)
		}
		for _, l := range p.Links {
			_ = r.Request.Visit(l.URL) // already visited: an error, ignored
		}
	})
	if err := c.Visit("http://" + costHost + "/"); err != nil {
		b.Fatal(err)
	}
	c.Wait()
	return int(nFetched.Load()), int(nFlagged.Load())
}

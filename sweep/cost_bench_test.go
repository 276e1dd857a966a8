//go:build unix

package sweep

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

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
		cr, err := crawler.New(CrawlerOptions(cfg))
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
	// colly's own visited check is not atomic (gocolly/colly#656): two
	// handlers that find the same link at once may both fetch it. A
	// LoadOrStore on the URL first makes "visit once" hold.
	var seen sync.Map
	seen.Store("http://"+costHost+"/", true)
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
			if _, dup := seen.LoadOrStore(l.URL, true); dup {
				continue
			}
			_ = r.Request.Visit(l.URL) // off-site or refused: an error, ignored
		}
	})
	if err := c.Visit("http://" + costHost + "/"); err != nil {
		b.Fatal(err)
	}
	c.Wait()
	return int(nFetched.Load()), int(nFlagged.Load())
}

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
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// BenchmarkSweepPolitenessBound sweeps 20 hosts of 50 linked pages each,
// 100 ms apart per host, one request per host at a time. The politeness
// bound is 50 × 100 ms = 5 s (hosts run in parallel); the benchmark reports
// the sweep's wall time and its ratio to the bound (target ≤ 1.5).
func BenchmarkSweepPolitenessBound(b *testing.B) {
	const hosts, pages, delay = 20, 50, 100 * time.Millisecond
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprintln(w, "User-agent: *\nAllow: /")
			return
		}
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/p/"), ".html"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>第 %d 页</title></head><body><p>今天市里的公园开放了新的步道，周末适合带孩子散步。</p>", n)
		for k := 1; k <= 3; k++ {
			if c := n*3 + k; c < pages {
				fmt.Fprintf(w, `<a href="/p/%d.html">下一页 %d</a>`, c, c)
			}
		}
		fmt.Fprint(w, "</body></html>")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	var y strings.Builder
	y.WriteString("database: bench.db\nresolve_only: true\nresolve:\n")
	for h := range hosts {
		fmt.Fprintf(&y, "  h%d.example: 127.0.0.1:%s\n", h, port)
	}
	y.WriteString("allow_internal: [\"*.example\"]\n")
	fmt.Fprintf(&y, "limits: {per_host_delay: %s, per_host_parallel: 1, parallel: %d, timeout: 5s, retries: 0}\nsources:\n", delay, hosts*2)
	for h := range hosts {
		fmt.Fprintf(&y, "  - {id: h%d, type: site, start: [\"http://h%d.example/p/0.html\"], depth: 10, max_pages: %d}\n", h, h, pages)
	}
	p, _ := rules.Default()
	m, _ := matcher.Compile(p)
	bound := time.Duration(pages) * delay
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		dir := b.TempDir()
		cfgPath := filepath.Join(dir, "bench.yaml")
		if err := os.WriteFile(cfgPath, []byte(y.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		cfg, err := config.Load(cfgPath)
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(cfg.Database, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cr, err := crawler.New(CrawlerOptions(cfg))
		if err != nil {
			b.Fatal(err)
		}
		s := &Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		start := time.Now()
		sum, err := s.Run(context.Background(), false)
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Total.Fetched != hosts*pages {
			b.Fatalf("fetched %d pages, want %d", sum.Total.Fetched, hosts*pages)
		}
		cr.Close()
		st.Close()
	}
	wall := total / time.Duration(b.N)
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(bound.Seconds(), "bound-s")
	b.ReportMetric(wall.Seconds()/bound.Seconds(), "x-bound")
	b.ReportMetric(float64(hosts*pages)/wall.Seconds(), "pages/s")
}

package pgsweep_test

import (
	"context"
	"fmt"
	"github.com/certwatch/certwatch/blobstore"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgsweep"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/sweep"
)

// The test site: hosts h0.site.test … h(H-1).site.test, each its own
// server on 127.0.0.1 (the frontier keys hosts by name, so one port each
// is not needed, but it keeps each host's request log its own). Host h
// serves an index linking to /p/1 … /p/fanout and pages /p/1 … /p/P; page
// i links to its children fanout·i+1 … fanout·i+fanout on its host and
// to page i of the next host; every offerEvery-th page offers
// certificates without examination (a finding).
const siteFanout = 4

var siteSentences = []string{
	"周末的早市总是很热闹，卖菜的摊主一大早就把新鲜的青菜摆得整整齐齐。",
	"这道菜做法不难，关键是火候要掌握好，出锅前再撒一把葱花。",
	"天气转凉，早晚温差大，出门记得多带一件外套。",
	"公园里的银杏叶黄了，不少人专门赶来拍照。",
	"图书馆这个月推出了亲子阅读活动，报名的家长很多。",
}

// hit is one request a host's server received.
type hit struct {
	path string
	at   time.Time
}

// siteHost is one host of the test site with its request log.
type siteHost struct {
	*httptest.Server
	name     string
	mu       sync.Mutex
	log      []hit
	inFlight int
	overlaps int // requests that arrived while another was being served
}

func (h *siteHost) record(path string) func() {
	h.mu.Lock()
	h.log = append(h.log, hit{path: path, at: time.Now()})
	if h.inFlight > 0 {
		h.overlaps++
	}
	h.inFlight++
	h.mu.Unlock()
	return func() {
		h.mu.Lock()
		h.inFlight--
		h.mu.Unlock()
	}
}

// hits is a copy of the host's request log.
func (h *siteHost) hits() []hit {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.log)
}

type site struct {
	hosts             []*siteHost
	pages, offerEvery int
}

func hostName(h int) string { return fmt.Sprintf("h%d.site.test", h) }

func newSite(tb testing.TB, hosts, pages, offerEvery int) *site {
	tb.Helper()
	s := &site{pages: pages, offerEvery: offerEvery}
	for h := range hosts {
		sh := &siteHost{name: hostName(h)}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			fmt.Fprintln(w, "User-agent: *\nAllow: /")
		})
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			var b strings.Builder
			b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>生活资讯网</title></head><body><ul>")
			for i := 1; i <= min(siteFanout, pages); i++ {
				fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">第%d期</a></li>", i, i)
			}
			b.WriteString("</ul></body></html>")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, b.String())
		})
		mux.HandleFunc("GET /p/{page}", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			num, ok := strings.CutSuffix(r.PathValue("page"), ".html")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || i < 1 || i > pages {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(s.page(h, hosts, i))
		})
		sh.Server = httptest.NewServer(mux)
		tb.Cleanup(sh.Close)
		s.hosts = append(s.hosts, sh)
	}
	return s
}

// page renders page i of host h.
func (s *site) page(h, hosts, i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>生活资讯 %d-%d</title></head>\n<body><h1>生活资讯 第%d期</h1>\n", h, i, i)
	for k := range 6 {
		b.WriteString("<p>" + siteSentences[(h+i+k)%len(siteSentences)] + "</p>\n")
	}
	if s.offer(i) {
		fmt.Fprintf(&b, "<p>低压电工证、焊工证、高处作业证，免考试，人不用到场，官网可查，半个月出证。加微信 zheng_%d_%d 。</p>\n", h, i)
	}
	b.WriteString("<ul>\n")
	for c := siteFanout*i + 1; c <= min(siteFanout*i+siteFanout, s.pages); c++ {
		fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">第%d期</a></li>\n", c, c)
	}
	fmt.Fprintf(&b, "<li><a href=\"http://%s/p/%d.html\">友站</a></li>\n", hostName((h+1)%hosts), i)
	b.WriteString("</ul></body></html>\n")
	return []byte(b.String())
}

func (s *site) offer(i int) bool { return s.offerEvery > 0 && i%s.offerEvery == 0 }

// paths are the pages every host serves: the index and /p/1 … /p/P.
func (s *site) paths() []string {
	out := []string{"/"}
	for i := 1; i <= s.pages; i++ {
		out = append(out, fmt.Sprintf("/p/%d.html", i))
	}
	return out
}

// offers is how many pages of the whole site are findings.
func (s *site) offers() int {
	n := 0
	for i := 1; i <= s.pages; i++ {
		if s.offer(i) {
			n++
		}
	}
	return n * len(s.hosts)
}

// writeConfig writes the sweep configuration for the site into dir.
func (s *site) writeConfig(tb testing.TB, dir string, delay time.Duration) string {
	tb.Helper()
	var resolve, names, starts []string
	for _, h := range s.hosts {
		_, port, _ := net.SplitHostPort(h.Listener.Addr().String())
		resolve = append(resolve, fmt.Sprintf("  %s: 127.0.0.1:%s", h.name, port))
		names = append(names, h.name)
		starts = append(starts, fmt.Sprintf("%q", "http://"+h.name+"/"))
	}
	y := fmt.Sprintf(`database: %s
resolve_only: true
resolve:
%s
allow_internal: [%s]
limits: {per_host_delay: %s, timeout: 10s, retries: 1}
sources:
  - {id: site, type: site, start: [%s], depth: 20, max_pages: 100000}
`, filepath.Join(dir, "unused.db"), strings.Join(resolve, "\n"), strings.Join(names, ", "), delay, strings.Join(starts, ", "))
	path := filepath.Join(dir, "site.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// worker is one sweep worker with its own crawler and database pool, as
// a `certwatch worker` process has.
type worker struct {
	sw *sweep.Sweeper
	hf pgsweep.Frontier
	b  *pgstore.Backend
	cr *crawler.Crawler
}

func newWorker(ctx context.Context, cfgPath, dbURL, blobs string, log *slog.Logger) (*worker, error) {
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return nil, err
	}
	p, err := rules.Default()
	if err != nil {
		return nil, err
	}
	m, err := matcher.Compile(p)
	if err != nil {
		return nil, err
	}
	cr, err := crawler.New(sweep.WorkerCrawlerOptions(cfg))
	if err != nil {
		return nil, err
	}
	st, err := pgstore.Open(ctx, dbURL, pgstore.Options{MaxConns: 16})
	if err != nil {
		cr.Close()
		return nil, err
	}
	bs, err := blobstore.Open(context.Background(), blobs, blobstore.Options{})
	if err != nil {
		cr.Close()
		return nil, err
	}
	b := pgstore.NewBackend(st, bs)
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	sw := &sweep.Sweeper{Config: cfg, Store: b, Matcher: m, Fetcher: cr, Log: log, SearchTerms: p.SearchTerms}
	return &worker{sw: sw, hf: pgsweep.Frontier{Store: st}, b: b, cr: cr}, nil
}

func (w *worker) close() {
	w.cr.Close()
	w.b.Close()
}

// dirBlobs is the default content-addressed directory store under dir.
func dirBlobs(t testing.TB, dir string) pgstore.Blobs {
	t.Helper()
	bs, err := blobstore.Open(context.Background(), dir, blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

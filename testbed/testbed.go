package testbed

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Host names of the sample sites.
const (
	HostShop      = "shop.example"
	HostBBS       = "bbs.example"
	HostFenlei    = "fenlei.example"
	HostImitation = "cx-mem-gov.example"
	HostGov       = "yjj.demo.gov.cn"
	HostSchool    = "school.example"
	HostNews      = "news.example"
	HostHostile   = "hostile.example"
	HostBig       = "big.example"
)

// MaxBigSitePages bounds Options.BigSitePages.
const MaxBigSitePages = 50000

// DefaultSlowDelay is how long /slow on hostile.example stalls unless
// Options.SlowDelay says otherwise: longer than any sane fetch timeout.
const DefaultSlowDelay = 60 * time.Second

// Options shape the sample web.
type Options struct {
	// BigSitePages is the number of pages of big.example, generated on the
	// fly (0: the site is not served; at most MaxBigSitePages).
	BigSitePages int
	// SlowDelay is how long hostile.example/slow stalls between its headers
	// and its body (0: DefaultSlowDelay). Tests set a few seconds.
	SlowDelay time.Duration
}

// Web is the running sample web.
type Web struct {
	opts     Options
	srv      *http.Server
	addr     string
	sites    map[string]http.Handler // host → its handler
	hostList []string                // sorted
	served   chan struct{}           // closed when Serve returns

	slowOpen atomic.Int32 // /slow handlers still running (tests)

	mu       sync.Mutex
	closed   bool           // no handler starts once Close began
	handlers sync.WaitGroup // requests in flight
	hits     map[string]int // "host path" and "host path?query" → requests
	exact    map[string]int // "host path?query" exactly as requested → requests
	total    int

	bomb bombOnce

	down takedowns // see TakeDown

	referral referralParts // WHOIS server and IP database (referral.go)
}

// Start builds every site and serves them on 127.0.0.1 at a random port
// until Close.
func Start(opts Options) (*Web, error) {
	if opts.BigSitePages < 0 || opts.BigSitePages > MaxBigSitePages {
		return nil, fmt.Errorf("testbed: BigSitePages %d out of range 0..%d", opts.BigSitePages, MaxBigSitePages)
	}
	if opts.SlowDelay < 0 {
		return nil, fmt.Errorf("testbed: negative SlowDelay %v", opts.SlowDelay)
	}
	if opts.SlowDelay == 0 {
		opts.SlowDelay = DefaultSlowDelay
	}
	w := &Web{opts: opts, sites: map[string]http.Handler{}, hits: map[string]int{}, exact: map[string]int{}, served: make(chan struct{})}

	builders := []struct {
		host  string
		build func() (http.Handler, error)
	}{
		{HostShop, w.shopSite},
		{HostBBS, w.bbsSite},
		{HostFenlei, w.fenleiSite},
		{HostImitation, w.imitationSite},
		{HostGov, w.govSite},
		{HostSchool, w.schoolSite},
		{HostNews, w.newsSite},
		{HostHostile, w.hostileSite},
		{HostErshou, w.ershouSite},
		{HostShortener, w.shortenerSite},
		{HostQRImitation, w.imitationSite},
		{HostLookalike, w.imitationSite},
		{HostSearch, w.searchSite},
		{HostSearchImitation, w.searchImitationSite},
		{HostOfficial, w.officialSite}, // gov.go
		{HostCTLog, w.ctLogSite},
		{HostCTImitation, w.imitationSite},
	}
	if opts.BigSitePages > 0 {
		builders = append(builders, struct {
			host  string
			build func() (http.Handler, error)
		}{HostBig, w.bigSite})
	}
	for _, b := range builders {
		h, err := b.build()
		if err != nil {
			return nil, fmt.Errorf("testbed: build %s: %w", b.host, err)
		}
		w.sites[b.host] = w.withTakedowns(b.host, h)
		w.hostList = append(w.hostList, b.host)
	}
	sort.Strings(w.hostList)

	if err := w.startReferral(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		w.stopReferral()
		return nil, fmt.Errorf("testbed: listen: %w", err)
	}
	w.addr = ln.Addr().String()
	w.srv = &http.Server{
		Handler:           http.HandlerFunc(w.route),
		ReadHeaderTimeout: 10 * time.Second,
		// Errors are the clients' doing (a crawler that gives up on /huge
		// closes the connection): nothing for the test log.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() {
		defer close(w.served)
		_ = w.srv.Serve(ln) // returns ErrServerClosed after Close
	}()
	return w, nil
}

// Addr is "127.0.0.1:PORT".
func (w *Web) Addr() string { return w.addr }

// Hosts lists the host names served, sorted.
func (w *Web) Hosts() []string { return append([]string(nil), w.hostList...) }

// Resolve maps every host name served to Addr(), as resolve overrides.
func (w *Web) Resolve() map[string]string {
	m := make(map[string]string, len(w.hostList))
	for _, h := range w.hostList {
		m[h] = w.addr
	}
	return m
}

// Close stops the server, cuts open connections (a stalled /slow or a
// streaming /huge ends with them) and waits for the handlers to return.
func (w *Web) Close() error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	err := w.srv.Close()
	<-w.served
	w.handlers.Wait()
	w.stopReferral()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Hits is how many requests the server saw for host and path, whatever
// their outcome. A path without "?" counts every query string; with one
// ("/search?q=a&page=2", the query as sent) only those exact requests.
func (w *Web) Hits(host, path string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[strings.ToLower(host)+" "+path]
}

// TotalHits is how many requests the server saw in all.
func (w *Web) TotalHits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.total
}

// HitCounts returns a copy of the request counts per "host path?query"
// (exact requests only), for tests that compare two moments.
func (w *Web) HitCounts() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string]int, len(w.exact))
	for k, v := range w.exact {
		out[k] = v
	}
	return out
}

func (w *Web) route(rw http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		http.Error(rw, "testbed: closing", http.StatusServiceUnavailable)
		return
	}
	w.handlers.Add(1)
	defer w.handlers.Done()
	w.hits[host+" "+r.URL.Path]++
	w.total++
	w.exact[host+" "+r.URL.RequestURI()]++
	if r.URL.RawQuery != "" {
		w.hits[host+" "+r.URL.Path+"?"+r.URL.RawQuery]++
	}
	w.mu.Unlock()

	site, ok := w.sites[host]
	if !ok {
		http.Error(rw, "testbed: no such host: "+host, http.StatusMisdirectedRequest)
		return
	}
	site.ServeHTTP(rw, r)
}

// urlOf is the address of a page of the sample web, as a crawler given the
// resolve overrides would request it.
func urlOf(host, path string) string { return "http://" + host + path }

const (
	ctHTML   = "text/html; charset=utf-8"
	ctText   = "text/plain; charset=utf-8"
	ctJSON   = "application/json; charset=utf-8"
	ctPNG    = "image/png"
	allowAll = "User-agent: *\nAllow: /\n"
)

// siteMux is one site: fixed pages registered by path, and handlers for the
// rest.
type siteMux struct {
	mux *http.ServeMux
}

func newSite(robots string) *siteMux {
	s := &siteMux{mux: http.NewServeMux()}
	s.page("/robots.txt", ctText, []byte(robots))
	return s
}

// page serves body at exactly path (GET and HEAD).
func (s *siteMux) page(path, contentType string, body []byte) {
	s.mux.HandleFunc("GET "+exact(path), func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", contentType)
		rw.Header().Set("Content-Length", fmt.Sprint(len(body)))
		if r.Method == http.MethodHead {
			return
		}
		_, _ = rw.Write(body)
	})
}

func (s *siteMux) handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

func (s *siteMux) ServeHTTP(rw http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(rw, r) }

// exact turns a path into a ServeMux pattern that matches only that path
// ("/" would otherwise match everything, "/admin/" everything below it).
func exact(path string) string {
	if strings.HasSuffix(path, "/") {
		return path + "{$}"
	}
	return path
}

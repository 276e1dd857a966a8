package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/browser"
)

// site is a local test web server: every host name the tests use is
// mapped to it through Options.Resolve, and it records each request.
type site struct {
	*httptest.Server
	mux *http.ServeMux

	mu   sync.Mutex
	hits []hit
}

type hit struct {
	host, path string
	at         time.Time
	header     http.Header
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{mux: http.NewServeMux()}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits = append(s.hits, hit{host: r.Host, path: r.URL.RequestURI(), at: time.Now(), header: r.Header.Clone()})
		s.mu.Unlock()
		s.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// addr is host:port of the server.
func (s *site) addr() string { return strings.TrimPrefix(s.URL, "http://") }

// handle registers a handler for a ServeMux pattern.
func (s *site) handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

// html registers a fixed HTML page.
func (s *site) html(pattern, body string) {
	s.handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})
}

// count returns how many requests reached path (on any host).
func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		if h.path == path {
			n++
		}
	}
	return n
}

// hitsOf returns the requests that reached a host, in order.
func (s *site) hitsOf(host string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.hits {
		if h.host == host {
			out = append(out, h)
		}
	}
	return out
}

// options maps the given host names to the site (allowing them to reach its
// loopback address), refuses every other host, and sets limits small enough for tests.
func (s *site) options(hosts ...string) Options {
	m := make(map[string]string, len(hosts))
	for _, h := range hosts {
		m[h] = s.addr()
	}
	return Options{
		Resolve:       m,
		ResolveOnly:   true,
		AllowInternal: hosts,
		PerHostDelay:  -1,
		Timeout:       5 * time.Second,
		Retries:       -1,
		RetryBackoff:  10 * time.Millisecond,
		Render: RenderOptions{
			PageTimeout: 15 * time.Second,
			Settle:      100 * time.Millisecond,
		},
	}
}

func newCrawler(t testing.TB, opts Options) *Crawler {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return c
}

func fetchOne(t testing.TB, c *Crawler, req Request) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c.Fetch(ctx, req)
}

// needChromium skips browser tests on machines without Chromium (CI
// installs it; see .ci/run).
func needChromium(t testing.TB) {
	t.Helper()
	if _, err := browser.Path(""); err != nil {
		if _, err := exec.LookPath("/usr/bin/chromium"); err != nil {
			t.Skip("browser test skipped: no chromium installed (apt-get install chromium fonts-noto-cjk)")
		}
	}
}

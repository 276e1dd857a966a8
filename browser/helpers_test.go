package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// site is a local web server that counts the requests per path (also
// when the browser uses it as its proxy: the path is then the full URL's).
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<p>代理</p>")
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// needChromium skips browser tests on machines without Chromium (CI
// installs it; see .ci/run).
func needChromium(t testing.TB) {
	t.Helper()
	if _, err := chromiumPath(""); err != nil {
		t.Skip("browser test skipped: no chromium installed (apt-get install chromium fonts-noto-cjk)")
	}
}

func newPool(t testing.TB, opts Options) *Pool {
	t.Helper()
	p, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

// blankTab opens a tab, writes a line into a blank page and reads it back.
func blankTab(p *Pool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	return p.Tab(ctx, 0, func(tab context.Context) error {
		if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
			return err
		}
		text, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.body.textContent = "证书"; document.body.textContent`))
		if err != nil {
			return err
		}
		if text != "证书" {
			return fmt.Errorf("the page says %q", text)
		}
		return nil
	})
}

// pageTabs counts the open tabs of the pool's browser.
func pageTabs(t *testing.T, p *Pool) int {
	t.Helper()
	p.mu.Lock()
	b := p.cur
	p.mu.Unlock()
	if b == nil {
		t.Fatal("no browser is running")
	}
	infos, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatalf("list tabs: %v", err)
	}
	n := 0
	for _, info := range infos {
		if info.Type == "page" {
			n++
		}
	}
	return n
}

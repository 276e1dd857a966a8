package review_test

// Issue 13, defect 3: a notice or report PDF whose printing times out is
// no "500 context deadline exceeded": the page says so in Chinese, links
// to try again and to the HTML version, and answers 503 with Retry-After.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
)

// htSlowPrinter prints through a print service on loopback that holds
// every request until released (a browser busy or starting): a real HTTP
// round trip that ends only when the service answers or the caller's
// context does.
type htSlowPrinter struct {
	srv       *httptest.Server
	release   chan struct{}
	once      sync.Once
	requests  atomic.Int32
	abandoned atomic.Int32 // requests whose caller gave up before the answer
}

func newSlowPrinter(t *testing.T) *htSlowPrinter {
	p := &htSlowPrinter{release: make(chan struct{})}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.requests.Add(1)
		html, _ := io.ReadAll(r.Body)
		select {
		case <-p.release:
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprintf(w, "%%PDF-1.7 printed %d bytes of HTML", len(html))
		case <-r.Context().Done():
			p.abandoned.Add(1)
		}
	}))
	t.Cleanup(func() { p.Release(); p.srv.Close() })
	return p
}

// Release lets the service answer, now and from then on.
func (p *htSlowPrinter) Release() { p.once.Do(func() { close(p.release) }) }

func (p *htSlowPrinter) PrintPDF(ctx context.Context, html []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.srv.URL+"/print", bytes.NewReader(html))
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func TestPrintTimeoutIsNoServerError(t *testing.T) {
	printer := newSlowPrinter(t)
	e := htNew(t, func(o *review.Options) { o.Printer, o.PrintTimeout = printer, 500*time.Millisecond })
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac := e.htLogin("cac")
	resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	nid := htID(e.htCase(a).NoticeID)

	for _, tc := range []struct{ name, path, alternative string }{
		{"notice", "/notices/" + nid + "/pdf", "/notices/" + nid + "/document"},
		{"report", "/reports/pdf?from=2026-03-01&to=2026-03-10", "/reports/html?from=2026-03-01&to=2026-03-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := printer.requests.Load()
			resp, body := cac.htGet(tc.path)
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("a print that timed out answers %d, want 503: %s", resp.StatusCode, htClip(body))
			}
			if ra := resp.Header.Get("Retry-After"); ra == "" {
				t.Error("no Retry-After")
			}
			if printer.requests.Load() != before+1 {
				t.Errorf("the print service got %d requests, want 1", printer.requests.Load()-before)
			}
			doc := htParse(t, body)
			if msg := htErrorMessage(t, body); !strings.Contains(msg, "超时") || !strings.Contains(msg, "稍后重试") || strings.Contains(msg, "deadline") {
				t.Errorf("message %q: want a Chinese explanation of the timeout", msg)
			}
			if href := doc.Find("#retry").AttrOr("href", ""); href != tc.path {
				t.Errorf("retry link %q, want %q", href, tc.path)
			}
			if href := doc.Find("#alternative").AttrOr("href", ""); href != tc.alternative {
				t.Errorf("HTML link %q, want %q", href, tc.alternative)
			}
		})
	}
	// The service comes back: the retry link prints.
	printer.Release()
	resp, body = cac.htGet("/notices/" + nid + "/pdf")
	htExpect(t, "retry", resp, body, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(body), "%PDF-1.7 printed") {
		t.Errorf("retry answered %s %q", resp.Header.Get("Content-Type"), htClip(body))
	}
	if printer.abandoned.Load() < 1 {
		t.Error("the timed-out prints were not abandoned (the request context did not reach the print service)")
	}
}

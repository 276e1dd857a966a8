package crawler

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// TestRobotsInTurn: Robots fetches robots.txt once (one request) and
// reports its Crawl-delay; KnownRobots tells before and after; a Fetch
// then makes only the page's request.
func TestRobotsInTurn(t *testing.T) {
	s := newSite(t)
	s.handle("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("User-agent: *\nCrawl-delay: 2\nDisallow: /private\n"))
	})
	s.html("GET /page", "<html><body>ok</body></html>")
	c := newCrawler(t, s.options("a.example"))
	ctx := context.Background()
	if _, known := c.KnownRobots("http://a.example/page"); known {
		t.Fatal("robots.txt known before any fetch")
	}
	d, err := c.Robots(ctx, "http://a.example/page")
	if err != nil || d != 2*time.Second {
		t.Fatalf("Robots: %v, %v; want 2s", d, err)
	}
	if d, known := c.KnownRobots("http://a.example/other"); !known || d != 2*time.Second {
		t.Fatalf("KnownRobots after Robots: %v, %v", d, known)
	}
	if _, err := c.Robots(ctx, "http://a.example/"); err != nil || s.count("/robots.txt") != 1 {
		t.Fatalf("second Robots: %v; robots.txt fetched %d times, want once", err, s.count("/robots.txt"))
	}
	if res := c.Fetch(ctx, Request{URL: "http://a.example/page"}); res.Outcome != OutcomeOK {
		t.Fatalf("Fetch: %s %v", res.Outcome, res.Err)
	}
	if res := c.Fetch(ctx, Request{URL: "http://a.example/private"}); res.Outcome != OutcomeRobots {
		t.Fatalf("Fetch of a disallowed page: %s", res.Outcome)
	}
	if n, m := s.count("/robots.txt"), s.count("/page"); n != 1 || m != 1 {
		t.Errorf("robots.txt fetched %d times, the page %d; want once each", n, m)
	}
	if _, err := c.Robots(ctx, "ftp://a.example/"); err == nil {
		t.Error("Robots of an ftp URL: no error")
	}
	if !Retryable(ctx, &Result{Outcome: OutcomeHTTPError, Status: 503}) || Retryable(ctx, &Result{Outcome: OutcomeHTTPError, Status: 404}) {
		t.Error("Retryable: 503 should be retried, 404 not")
	}
}

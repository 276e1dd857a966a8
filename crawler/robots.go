package crawler

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxCrawlDelay bounds a robots.txt Crawl-delay: it can slow a host down
// (never below Options.PerHostDelay), but not stall a sweep.
const maxCrawlDelay = 30 * time.Second

// robotsCache holds one parsed robots.txt per origin (scheme://host:port)
// for the life of a Crawler. A fetch that fails on the network is not
// cached: the next request to the origin tries again.
type robotsCache struct {
	agent string // product token matched against User-agent lines
	mu    sync.Mutex
	m     map[string]*robotsEntry
}

type robotsEntry struct {
	ready chan struct{} // closed when data/err are set
	data  *robotstxt.RobotsData
	delay time.Duration // Crawl-delay for our group, bounded
	err   error
}

func newRobotsCache(userAgent string) *robotsCache {
	return &robotsCache{agent: productToken(userAgent), m: make(map[string]*robotsEntry)}
}

// productToken is the name robots.txt groups are matched against: the
// User-Agent's first product name, lower case ("certwatch" for
// "certwatch/1.0 (...)").
func productToken(ua string) string {
	tok, _, _ := strings.Cut(strings.TrimSpace(ua), "/")
	tok, _, _ = strings.Cut(tok, " ")
	return strings.ToLower(tok)
}

// origin is the robots.txt scope of u.
func origin(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}

// robotsPath is what robots.txt rules match: the escaped path and query.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// cached returns the entry of an origin if its robots.txt is known.
func (rc *robotsCache) cached(org string) (*robotsEntry, bool) {
	rc.mu.Lock()
	e, ok := rc.m[org]
	rc.mu.Unlock()
	if !ok {
		return nil, false
	}
	select {
	case <-e.ready:
		return e, e.err == nil
	default:
		return nil, false
	}
}

// get returns the entry of an origin, fetching robots.txt with fetch if no
// one has. Concurrent callers for one origin share one fetch. fetched
// reports whether this call made the request.
func (rc *robotsCache) get(ctx context.Context, org string, fetch func(context.Context) (*robotstxt.RobotsData, error)) (e *robotsEntry, fetched bool, err error) {
	rc.mu.Lock()
	e, ok := rc.m[org]
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		rc.m[org] = e
	}
	rc.mu.Unlock()
	if ok {
		select {
		case <-e.ready:
			return e, false, e.err
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	e.data, e.err = fetch(ctx)
	if e.err == nil {
		if g := e.data.FindGroup(rc.agent); g != nil {
			e.delay = min(g.CrawlDelay, maxCrawlDelay)
		}
	} else {
		rc.mu.Lock()
		delete(rc.m, org) // try again next time
		rc.mu.Unlock()
	}
	close(e.ready)
	return e, true, e.err
}

// allowed tests a URL against the entry.
func (rc *robotsCache) allowed(e *robotsEntry, u *url.URL) bool {
	return e.data.TestAgent(robotsPath(u), rc.agent)
}

// fetchRobots gets and parses origin/robots.txt with the static engine and
// its limits, following RFC 9309: 2xx is parsed, 4xx (and a redirect chain
// too long) allows everything, 5xx disallows everything; a network failure
// is an error.
func fetchRobots(ctx context.Context, e *staticEngine, org string) (*robotstxt.RobotsData, error) {
	res := e.fetch(ctx, org+"/robots.txt", true)
	switch res.Outcome {
	case "", OutcomeOK, OutcomeNotHTML:
	case OutcomeTooManyRedirs:
		return robotstxt.FromStatusAndBytes(404, nil)
	case OutcomeBlockedAddress:
		if len(res.RefusedURLs) > 0 && res.RefusedURLs[0] != org+"/robots.txt" {
			// A redirect into an internal network, not sent: robots.txt
			// is unavailable. The page is checked on its own.
			slog.Warn("crawler: robots.txt redirects to an internal address, not followed", "origin", org, "err", res.Err)
			return robotstxt.FromStatusAndBytes(404, nil)
		}
		return nil, res.Err
	default:
		return nil, res.Err // names the robots.txt URL
	}
	status := res.Status
	if status >= 300 && status < 400 {
		status = 404 // a redirect without a target: unavailable
	}
	data, err := robotstxt.FromStatusAndBytes(status, res.Body)
	if err != nil {
		// Unparseable robots.txt: the standard says to use what can be
		// parsed; the parser cannot do partial results, so allow.
		slog.Warn("crawler: robots.txt unparseable, allowing all", "origin", org, "err", err)
		return robotstxt.FromStatusAndBytes(404, nil)
	}
	return data, nil
}

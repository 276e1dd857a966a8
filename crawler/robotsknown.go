package crawler

import (
	"context"
	"fmt"
	"time"

	"github.com/temoto/robotstxt"
)

// KnownRobots reports whether the robots.txt of rawURL's origin is known
// to the crawler (fetched, and cached for its life), and its Crawl-delay
// for certwatch (bounded) when it is. A Fetch of a URL whose robots.txt
// is known makes exactly one request to the host per attempt.
func (c *Crawler) KnownRobots(rawURL string) (delay time.Duration, known bool) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return 0, false
	}
	e, ok := c.robots.cached(origin(u))
	if !ok {
		return 0, false
	}
	return e.delay, true
}

// Robots fetches the robots.txt of rawURL's origin when the crawler does
// not know it yet (one request to the host, with the static engine's
// limits), and returns its Crawl-delay for certwatch (bounded). The
// request is sent at once, not in the host's turn: Robots is for a caller
// that keeps the host's politeness itself, as a sweep worker holding the
// host's lease does (it waits its turn, calls Robots, and waits its next
// turn for the page). A failure is not cached; the next Robots or Fetch
// tries again.
func (c *Crawler) Robots(ctx context.Context, rawURL string) (delay time.Duration, err error) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return 0, err
	}
	if c.life.Err() != nil {
		return 0, fmt.Errorf("crawler: robots.txt for %s: %w", rawURL, ErrClosed)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(c.life, cancel)()
	org := origin(u)
	e, _, err := c.robots.get(ctx, org, func(ctx context.Context) (*robotstxt.RobotsData, error) {
		return fetchRobots(ctx, c.static, org)
	})
	if err != nil {
		return 0, err
	}
	return e.delay, nil
}

// Retryable reports whether a result is worth another attempt, as the
// crawler's own retries judge it (timeouts, network failures other than
// unresolvable hosts and bad URLs, 5xx): for a caller that retries in its
// own turns (Options.Retries negative).
func Retryable(ctx context.Context, r *Result) bool { return retryable(ctx, r) }

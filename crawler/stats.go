package crawler

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Stats are a Crawler's running totals over final results (one per
// request; retries are counted separately).
type Stats struct {
	Fetched       int64             // OutcomeOK
	Failed        map[Outcome]int64 // every other outcome except OutcomeRobots (not_html included)
	RobotsRefused int64             // OutcomeRobots: not fetched
	Truncated     int64             // bodies cut at MaxBody or MaxDecompressed
	Rendered      int64             // pages the browser rendered
	Retries       int64             // attempts after the first
	IgnoredRobots int64             // fetched although robots.txt disallows (source override)
	// RefusedRequests counts the requests refused by the address policy
	// (Result.Refused summed), pages and the requests they caused.
	RefusedRequests int64
	// BrowserRestarts counts browsers replaced after RestartEvery pages or
	// a crash.
	BrowserRestarts int64
	// RenderAuto requests: pages the static fetch was enough for, pages
	// rendered because they needed it, and pages whose render failed
	// and whose static fetch was kept (also in AutoRendered).
	AutoStatic, AutoRendered, RenderFallbacks int64
}

// counters is the live form of Stats.
type counters struct {
	fetched, robots, truncated, rendered, retries, ignored, refused atomic.Int64
	autoStatic, autoRendered, fallbacks                             atomic.Int64

	mu     sync.Mutex
	failed map[Outcome]int64
}

func (s *counters) record(r *Result) {
	switch r.Outcome {
	case OutcomeOK:
		s.fetched.Add(1)
	case OutcomeRobots:
		s.robots.Add(1)
	default:
		s.mu.Lock()
		s.failed[r.Outcome]++
		s.mu.Unlock()
	}
	if r.Truncated {
		s.truncated.Add(1)
	}
	if r.Rendered && r.Status != 0 {
		s.rendered.Add(1)
	}
	if r.IgnoredRobots {
		s.ignored.Add(1)
	}
	s.refused.Add(int64(r.Refused))
	switch {
	case !r.Auto:
	case r.RenderErr != nil:
		s.autoRendered.Add(1)
		s.fallbacks.Add(1)
	case r.Rendered:
		s.autoRendered.Add(1)
	case r.Outcome == OutcomeOK:
		s.autoStatic.Add(1)
	}
}

// Stats returns the totals so far.
func (c *Crawler) Stats() Stats {
	s := &c.stats
	s.mu.Lock()
	failed := maps.Clone(s.failed)
	s.mu.Unlock()
	return Stats{
		Fetched:         s.fetched.Load(),
		Failed:          failed,
		RobotsRefused:   s.robots.Load(),
		Truncated:       s.truncated.Load(),
		Rendered:        s.rendered.Load(),
		Retries:         s.retries.Load(),
		IgnoredRobots:   s.ignored.Load(),
		RefusedRequests: s.refused.Load(),
		BrowserRestarts: c.render.pool.Stats().Restarts,
		AutoStatic:      s.autoStatic.Load(),
		AutoRendered:    s.autoRendered.Load(),
		RenderFallbacks: s.fallbacks.Load(),
	}
}

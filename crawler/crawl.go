package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/certwatch/certwatch/browser"
)

// maxRetryAfter bounds how long a server's Retry-After can hold a retry.
const maxRetryAfter = time.Minute

// Crawler fetches requests politely with the two engines: robots.txt,
// per-host delay and parallelism, retries with back-off. It is safe for
// concurrent use; Run and Fetch share its politeness state.
type Crawler struct {
	opts   Options
	static *staticEngine
	render *renderEngine
	robots *robotsCache
	sched  *scheduler
	stats  counters

	life      context.Context // ends with Close
	stop      context.CancelFunc
	closeOnce sync.Once
	closeErr  error
}

// New makes a Crawler. It starts no browser: the render engine starts
// Chromium on its first page.
func New(opts Options) (*Crawler, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	res := newResolver(opts.Resolve, opts.ResolveOnly)
	policy, err := parseAllowInternal(opts.AllowInternal)
	if err != nil {
		return nil, fmt.Errorf("crawler: %w: AllowInternal: %w", ErrOptions, err)
	}
	res.policy = policy
	render, err := newRenderEngine(opts, res)
	if err != nil {
		return nil, err
	}
	static, err := newStaticEngine(opts, res)
	if err != nil {
		return nil, err
	}
	life, stop := context.WithCancel(context.Background())
	c := &Crawler{
		opts:   opts,
		static: static,
		render: render,
		robots: newRobotsCache(opts.UserAgent),
		life:   life,
		stop:   stop,
	}
	c.stats.failed = make(map[Outcome]int64)
	c.sched = newScheduler(opts.Parallel, opts.PerHostParallel, opts.PerHostDelay, c.runJob)
	go c.sched.loop(life)
	return c, nil
}

// Run fetches every request received on in, politely, and sends one Result
// per request on out; it closes out after in is closed and everything in
// flight is done, or when ctx ends (then in-flight fetches are cancelled
// and their Results carry OutcomeTimeout or the context error).
//
// Run returns after closing out. Every request Run has received gets its
// Result, also those still queued when ctx ends or the Crawler is closed,
// so the caller must read out until it is closed. Run reads ahead of the
// crawl by at most maxQueued requests. Result.Attempts counts the
// requests made for the page: 0 when robots.txt refused it or it never
// left the queue.
func (c *Crawler) Run(ctx context.Context, in <-chan Request, out chan<- *Result) {
	defer close(out)
	var pending sync.WaitGroup
	deliver := func(r *Result) {
		out <- r
		pending.Done()
	}
	stopDrop := context.AfterFunc(ctx, func() {
		for _, j := range c.sched.remove(func(j *job) bool { return j.ctx == ctx }) {
			c.complete(j, cancelled(j.ctx, j.req, j.attempt))
		}
	})
	defer stopDrop()
receive:
	for {
		if c.sched.waitRoom(ctx) != nil {
			break
		}
		select {
		case <-ctx.Done():
			break receive
		case <-c.life.Done():
			break receive // closed: what was received is answered
		case req, ok := <-in:
			if !ok {
				break receive
			}
			pending.Add(1)
			c.submit(ctx, req, deliver)
		}
	}
	pending.Wait()
}

// Browser is the crawler's browser pool: one warm Chromium, which the
// crawler's rendered pages share with whatever else the caller prints or
// checks with it (notices, reports, the sweep's preflight). The crawler
// owns it: Close stops it.
func (c *Crawler) Browser() *browser.Pool { return c.render.pool }

// Fetch fetches one request with the same politeness as Run (robots.txt,
// the host's delay, retries): for rechecks and tests.
func (c *Crawler) Fetch(ctx context.Context, req Request) *Result {
	done := make(chan *Result, 1)
	if j := c.submit(ctx, req, func(r *Result) { done <- r }); j != nil {
		stop := context.AfterFunc(ctx, func() {
			if c.sched.removeJob(j) {
				c.complete(j, cancelled(ctx, req, j.attempt))
			}
		})
		defer stop()
	}
	return <-done
}

// Evidence renders one page for evidence (Request.Evidence: images,
// fonts and media loaded, a full-page screenshot) while Run may be
// crawling: for the screenshot of a page just flagged. It does not queue
// behind the host's other requests and takes none of Run's slots, so a
// caller that holds up Run's results while it waits (a sweep's handler)
// cannot starve it; it keeps the host's delay (it books the host's next
// start, as a queued request would) and robots.txt, but not the host's
// parallelism limit, and is not retried. Its result counts in Stats.
func (c *Crawler) Evidence(ctx context.Context, req Request) *Result {
	req.Render, req.RenderAuto, req.Evidence = true, false, true
	u, err := parseHTTPURL(req.URL)
	if err != nil {
		r := failed(req, OutcomeNetwork, err)
		c.stats.record(r)
		return r
	}
	if c.life.Err() != nil {
		return failed(req, OutcomeTimeout, fmt.Errorf("crawler: %s: %w", req.URL, ErrClosed))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(c.life, cancel)()
	host := hostKey(u)
	org := origin(u)
	e, known := c.robots.cached(org)
	if !known { // not crawled before: robots.txt first, in the host's turn
		if err := sleepUntil(ctx, c.sched.reserveHost(host)); err != nil {
			return cancelled(ctx, req, 0)
		}
		if e, _, err = c.robots.get(ctx, org, func(ctx context.Context) (*robotstxt.RobotsData, error) {
			return fetchRobots(ctx, c.static, org)
		}); err != nil {
			r := failed(req, classify(ctx, err), err)
			c.stats.record(r)
			return r
		}
	}
	if !req.IgnoreRobots && !c.robots.allowed(e, u) {
		r := robotsRefused(req)
		c.stats.record(r)
		return r
	}
	if err := sleepUntil(ctx, c.sched.reserveHost(host)); err != nil {
		return cancelled(ctx, req, 0)
	}
	res := c.render.Fetch(ctx, req)
	res.Request, res.Attempts = req, 1
	c.stats.record(res)
	return res
}

// Close cancels what is in flight, fails what is queued with ErrClosed,
// and stops the browser, leaving no Chromium process behind.
func (c *Crawler) Close() error {
	c.closeOnce.Do(func() {
		c.stop()
		queued := c.sched.close()
		if len(queued) > 0 {
			// Delivering may wait for a Run's reader; Close does not.
			go func() {
				for _, j := range queued {
					c.complete(j, failed(j.req, OutcomeTimeout, fmt.Errorf("crawler: %s: %w", j.req.URL, ErrClosed)))
				}
			}()
		}
		c.closeErr = errors.Join(c.render.Close(), c.static.Close())
	})
	return c.closeErr
}

// submit routes one request: bad URLs and URLs robots.txt is known to
// refuse are answered at once; the rest are queued. It returns the queued
// job, or nil when deliver was already called.
func (c *Crawler) submit(ctx context.Context, req Request, deliver func(*Result)) *job {
	u, err := parseHTTPURL(req.URL)
	if err != nil {
		r := failed(req, OutcomeNetwork, err)
		c.stats.record(r)
		deliver(r)
		return nil
	}
	j := &job{ctx: ctx, req: req, u: u, host: hostKey(u), deliver: deliver}
	if e, ok := c.robots.cached(origin(u)); ok && !req.IgnoreRobots && !c.robots.allowed(e, u) {
		c.complete(j, robotsRefused(req))
		return nil
	}
	if err := c.sched.add(j, false); err != nil {
		if errors.Is(err, ErrClosed) {
			c.complete(j, failed(req, OutcomeTimeout, fmt.Errorf("crawler: %s: %w", req.URL, err)))
		} else {
			c.complete(j, cancelled(ctx, req, 0))
		}
		return nil
	}
	return j
}

// runJob is the scheduler's run: one attempt while holding the host, then
// either a retry (back in the host's queue) or the result.
func (c *Crawler) runJob(j *job, h *hostState) {
	defer c.sched.globalDone()
	j.attempt++
	res := c.attempt(j, h)
	c.sched.hostDone(h)
	if tries := j.attempt - j.renderFrom; tries <= c.opts.Retries && retryable(j.ctx, res) {
		j.readyAt = time.Now().Add(c.backoff(tries, res))
		if c.sched.add(j, true) == nil {
			c.stats.retries.Add(1)
			return
		}
	}
	auto := j.req.RenderAuto && !j.req.Render
	if auto && !j.render && res.Outcome == OutcomeOK && NeedsRender(res) {
		// The render is one more request to the host: it waits for the
		// host's next turn, at the front of its queue, with retries of
		// its own.
		j.static, j.render, j.renderFrom = res, true, j.attempt
		j.readyAt = time.Time{}
		if c.sched.add(j, true) == nil {
			return
		}
		res = j.static // closed or cancelled meanwhile: keep what was fetched
	}
	if auto {
		if j.static != nil && res.Outcome != OutcomeOK && j.ctx.Err() == nil && c.life.Err() == nil {
			// The render failed: the static page is better than nothing.
			st := j.static
			st.RenderErr = res.Err
			if st.RenderErr == nil {
				st.RenderErr = fmt.Errorf("crawler: render %s: %s", j.req.URL, res.Outcome)
			}
			st.Attempts = res.Attempts
			st.Refused += res.Refused
			res = st
		}
		res.Auto = true
	}
	c.complete(j, res)
}

// backoff is RetryBackoff doubled per attempt, or the server's
// Retry-After if that is longer (bounded).
func (c *Crawler) backoff(attempt int, res *Result) time.Duration {
	d := c.opts.RetryBackoff << (attempt - 1)
	if ra := retryAfter(res.Header); ra > d {
		d = min(ra, maxRetryAfter)
	}
	return d
}

func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// attempt checks robots.txt and fetches once. The job holds a start slot
// of its host: if robots.txt has to be fetched first, that request uses
// the slot and the page waits for the host's next one.
func (c *Crawler) attempt(j *job, h *hostState) *Result {
	ctx, cancel := context.WithCancel(j.ctx)
	defer cancel()
	defer context.AfterFunc(c.life, cancel)()
	if ctx.Err() != nil {
		c.sched.refund(j, h)
		return cancelled(ctx, j.req, j.attempt-1)
	}
	org := origin(j.u)
	e, known := c.robots.cached(org)
	usedStart := false
	if !known {
		var err error
		e, usedStart, err = c.robots.get(ctx, org, func(ctx context.Context) (*robotstxt.RobotsData, error) {
			c.sched.started(h)
			return fetchRobots(ctx, c.static, org)
		})
		if err != nil {
			r := failed(j.req, classify(ctx, err), err)
			r.Attempts = j.attempt
			if r.Outcome == OutcomeBlockedAddress {
				r.Refused, r.RefusedURLs = 1, []string{org + "/robots.txt"}
			}
			return r
		}
	}
	c.sched.setDelay(h, e.delay)
	ignored := false
	if !c.robots.allowed(e, j.u) {
		if !j.req.IgnoreRobots {
			if !usedStart {
				c.sched.refund(j, h)
			}
			return robotsRefused(j.req)
		}
		ignored = true
		slog.Warn("crawler: fetching a URL robots.txt disallows (source override)",
			"url", j.req.URL, "source", j.req.SourceID)
	}
	if usedStart {
		if err := sleepUntil(ctx, c.sched.reserve(h)); err != nil {
			return cancelled(ctx, j.req, j.attempt-1)
		}
	}
	var eng Engine = c.static
	if j.req.Render || j.render {
		eng = c.render
	}
	c.sched.started(h)
	res := eng.Fetch(ctx, j.req)
	res.Attempts = j.attempt
	res.IgnoredRobots = ignored
	// The engines see a cancelled context; say whose.
	switch {
	case res.Outcome != OutcomeTimeout:
	case j.ctx.Err() != nil:
		res.Err = fmt.Errorf("crawler: %s: %w", j.req.URL, errors.Join(context.Cause(j.ctx), res.Err))
	case c.life.Err() != nil:
		res.Err = fmt.Errorf("crawler: %s: %w", j.req.URL, errors.Join(ErrClosed, res.Err))
	}
	return res
}

// complete counts and delivers a final result.
func (c *Crawler) complete(j *job, res *Result) {
	res.Request = j.req
	if res.RequestedURL == "" {
		res.RequestedURL = j.req.URL
	}
	c.stats.record(res)
	j.deliver(res)
}

// failed is a result without a response.
func failed(req Request, o Outcome, err error) *Result {
	return &Result{Request: req, RequestedURL: req.URL, Outcome: o, Err: err, FetchedAt: time.Now().UTC()}
}

// cancelled is the result of a request whose context ended first.
func cancelled(ctx context.Context, req Request, attempts int) *Result {
	err := context.Cause(ctx)
	if err == nil {
		err = context.Canceled
	}
	r := failed(req, OutcomeTimeout, fmt.Errorf("crawler: %s: %w", req.URL, err))
	r.Attempts = attempts
	return r
}

func robotsRefused(req Request) *Result {
	return failed(req, OutcomeRobots, fmt.Errorf("crawler: %s: %w", req.URL, ErrRobots))
}

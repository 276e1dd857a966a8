package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	s := newSite(t)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /private\n\nUser-agent: certwatch\nDisallow: /private\nDisallow: /secret?\n")
	})
	s.html("/private/page", "<p>private</p>")
	s.html("/public", "<p>public</p>")
	s.html("/secret", "<p>secret</p>")
	c := newCrawler(t, s.options("a.example"))

	for _, tc := range []struct {
		url     string
		ignore  bool
		outcome Outcome
		ignored bool
	}{
		{"http://a.example/public", false, OutcomeOK, false},
		{"http://a.example/private/page", false, OutcomeRobots, false},
		{"http://a.example/private/page", false, OutcomeRobots, false},
		{"http://a.example/secret?id=1", false, OutcomeRobots, false},
		{"http://a.example/private/page", true, OutcomeOK, true},
		{"http://a.example/public", true, OutcomeOK, false},
	} {
		res := fetchOne(t, c, Request{URL: tc.url, IgnoreRobots: tc.ignore, SourceID: "s"})
		if res.Outcome != tc.outcome || res.IgnoredRobots != tc.ignored {
			t.Errorf("%s (override %v): outcome %s ignored %v, want %s %v (%v)",
				tc.url, tc.ignore, res.Outcome, res.IgnoredRobots, tc.outcome, tc.ignored, res.Err)
		}
		if tc.outcome == OutcomeRobots && (!errors.Is(res.Err, ErrRobots) || res.Status != 0) {
			t.Errorf("%s: refused result %v status %d", tc.url, res.Err, res.Status)
		}
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	if n := s.count("/private/page"); n != 1 {
		t.Errorf("/private/page reached the server %d times, want 1 (the override)", n)
	}
	if n := s.count("/secret?id=1"); n != 0 {
		t.Errorf("/secret reached the server %d times", n)
	}
	st := c.Stats()
	if st.RobotsRefused != 3 || st.IgnoredRobots != 1 || st.Fetched != 3 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	s := newSite(t)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: certwatch\nCrawl-delay: 0.3\nDisallow:\n")
	})
	s.html("/", "<p>x</p>")
	opts := s.options("a.example")
	opts.PerHostDelay = 10 * time.Millisecond
	c := newCrawler(t, opts)
	for i := range 3 {
		if res := fetchOne(t, c, Request{URL: fmt.Sprintf("http://a.example/?%d", i)}); res.Outcome != OutcomeOK {
			t.Fatalf("%s %v", res.Outcome, res.Err)
		}
	}
	hits := s.hitsOf("a.example")
	for i := 2; i < len(hits); i++ { // after robots.txt told us
		if gap := hits[i].at.Sub(hits[i-1].at); gap < 295*time.Millisecond {
			t.Errorf("%s %v after %s; Crawl-delay is 0.3 s", hits[i].path, gap, hits[i-1].path)
		}
	}
}

func TestRobotsStatus(t *testing.T) {
	s := newSite(t)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		switch r.Host {
		case "down.example":
			http.Error(w, "down", http.StatusServiceUnavailable)
		case "none.example":
			http.NotFound(w, r)
		case "bad.example":
			fmt.Fprint(w, "Disallow: /\n") // rule before any User-agent
		}
	})
	s.html("/page", "<p>page</p>")
	c := newCrawler(t, s.options("down.example", "none.example", "bad.example"))
	for host, want := range map[string]Outcome{
		"down.example": OutcomeRobots, // 5xx: everything disallowed
		"none.example": OutcomeOK,     // 4xx: everything allowed
		"bad.example":  OutcomeOK,     // unparseable: allowed, with a warning
	} {
		if res := fetchOne(t, c, Request{URL: "http://" + host + "/page"}); res.Outcome != want {
			t.Errorf("%s: outcome %s, want %s (%v)", host, res.Outcome, want, res.Err)
		}
	}
}

// TestPerHostDelay: requests to one host start at least PerHostDelay
// apart (robots.txt included), while two hosts are crawled side by side.
func TestPerHostDelay(t *testing.T) {
	const delay = 150 * time.Millisecond
	const perHost = 4
	s := newSite(t)
	s.html("/", "<p>page</p>")
	opts := s.options("a.example", "b.example")
	opts.PerHostDelay = delay
	c := newCrawler(t, opts)

	in := make(chan Request)
	out := make(chan *Result)
	go c.Run(context.Background(), in, out)
	start := time.Now()
	go func() {
		for i := range perHost {
			for _, h := range []string{"a.example", "b.example"} {
				in <- Request{URL: fmt.Sprintf("http://%s/?p=%d", h, i)}
			}
		}
		close(in)
	}()
	n := 0
	for res := range out {
		if res.Outcome != OutcomeOK {
			t.Errorf("%s: %s %v", res.RequestedURL, res.Outcome, res.Err)
		}
		n++
	}
	elapsed := time.Since(start)
	if n != 2*perHost {
		t.Fatalf("%d results, want %d", n, 2*perHost)
	}
	// Requests are timed where they arrive, and a loaded machine can hold
	// one back (the robots.txt request once arrived 150 ms after it was
	// sent, right before the page sent a delay later), so gaps between
	// arrivals say little. What load cannot break: the k-th request to a
	// host (robots.txt first) is sent no sooner than k delays after the
	// first, which is sent after start, and arrives no sooner than it is
	// sent. A crawler that ignored the delay would have every request
	// arrive within milliseconds of start.
	for _, host := range []string{"a.example", "b.example"} {
		hits := s.hitsOf(host)
		if len(hits) != perHost+1 {
			t.Errorf("%s: %d requests, want %d (robots.txt and pages)", host, len(hits), perHost+1)
		}
		sort.Slice(hits, func(i, j int) bool { return hits[i].at.Before(hits[j].at) })
		if len(hits) > 0 && hits[0].path != "/robots.txt" {
			t.Errorf("%s: first request %s, want /robots.txt", host, hits[0].path)
		}
		for k, h := range hits {
			if at := h.at.Sub(start); at < time.Duration(k)*delay {
				t.Errorf("%s: request %d (%s) arrived %v after start, want ≥ %v (%d delays)", host, k, h.path, at, time.Duration(k)*delay, k)
			}
		}
	}
	// The hosts ran in parallel, not in turn: each host's requests began
	// before the other's ended (an order check, not a timing one).
	a, b := s.hitsOf("a.example"), s.hitsOf("b.example")
	sort.Slice(a, func(i, j int) bool { return a[i].at.Before(a[j].at) })
	sort.Slice(b, func(i, j int) bool { return b[i].at.Before(b[j].at) })
	if len(a) > 1 && len(b) > 1 && (!b[0].at.Before(a[len(a)-1].at) || !a[0].at.Before(b[len(b)-1].at)) {
		t.Errorf("the hosts were crawled in turn, not in parallel (took %v)", elapsed)
	}
}

func TestRunCancel(t *testing.T) {
	s := newSite(t)
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	opts := s.options("a.example")
	opts.PerHostDelay = 50 * time.Millisecond
	c := newCrawler(t, opts)

	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan Request, 10)
	out := make(chan *Result)
	for i := range 10 {
		in <- Request{URL: fmt.Sprintf("http://a.example/slow?%d", i)}
	}
	go c.Run(ctx, in, out) // in stays open: only ctx ends the run
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	n := 0
	for res := range out {
		n++
		if res.Outcome != OutcomeTimeout || !errors.Is(res.Err, context.Canceled) {
			t.Errorf("%s: outcome %s: %v", res.RequestedURL, res.Outcome, res.Err)
		}
	}
	if n != 10 {
		t.Errorf("%d results for 10 requests", n)
	}
	if d := time.Since(start); d > 8*time.Second { // a missed cancel waits out the 10 s handlers
		t.Errorf("Run took %v to end after cancel", d)
	}
	if got := s.count("/slow?0"); got != 1 {
		t.Errorf("first request reached the server %d times", got)
	}
}

func TestFetchCancelWhileQueued(t *testing.T) {
	s := newSite(t)
	s.handle("/busy", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	c := newCrawler(t, s.options("a.example"))
	// The first request holds the host (PerHostParallel 1): the second
	// waits in the queue until its context ends.
	busyCtx, stopBusy := context.WithCancel(context.Background())
	busy := make(chan *Result)
	go func() { busy <- c.Fetch(busyCtx, Request{URL: "http://a.example/busy"}) }()
	for s.count("/busy") == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	res := c.Fetch(ctx, Request{URL: "http://a.example/?again"})
	if res.Outcome != OutcomeTimeout || !errors.Is(res.Err, context.DeadlineExceeded) || res.Attempts != 0 {
		t.Errorf("outcome %s after %d attempts: %v", res.Outcome, res.Attempts, res.Err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Fetch returned after %v", d)
	}
	stopBusy()
	if res := <-busy; res.Outcome != OutcomeTimeout || !errors.Is(res.Err, context.Canceled) {
		t.Errorf("busy request: outcome %s: %v", res.Outcome, res.Err)
	}
	if n := s.count("/?again"); n != 0 {
		t.Errorf("cancelled request reached the server %d times", n)
	}
}

func TestSchedulerParallelLimits(t *testing.T) {
	s := newSite(t)
	var inflight, peak, hostPeak = 0, 0, map[string]int{}
	var cur = map[string]int{}
	mu := make(chan struct{}, 1)
	s.handle("/", func(w http.ResponseWriter, r *http.Request) {
		mu <- struct{}{}
		inflight++
		cur[r.Host]++
		peak = max(peak, inflight)
		hostPeak[r.Host] = max(hostPeak[r.Host], cur[r.Host])
		<-mu
		time.Sleep(30 * time.Millisecond)
		mu <- struct{}{}
		inflight--
		cur[r.Host]--
		<-mu
		s.writeHTML(w, "x")
	})
	s.handle("/robots.txt", http.NotFound)
	hosts := []string{"h1.example", "h2.example", "h3.example", "h4.example"}
	opts := s.options(hosts...)
	opts.Parallel = 3
	opts.PerHostParallel = 2
	c := newCrawler(t, opts)
	in := make(chan Request)
	out := make(chan *Result)
	go c.Run(context.Background(), in, out)
	go func() {
		for i := range 8 {
			for _, h := range hosts {
				in <- Request{URL: fmt.Sprintf("http://%s/?%d", h, i)}
			}
		}
		close(in)
	}()
	n := 0
	for range out {
		n++
	}
	if n != 32 {
		t.Errorf("%d results", n)
	}
	if peak > 3 || peak < 2 {
		t.Errorf("peak parallelism %d, want ≤ 3 (and more than 1)", peak)
	}
	for h, p := range hostPeak {
		if p > 2 {
			t.Errorf("%s: %d requests at once, want ≤ 2", h, p)
		}
	}
}

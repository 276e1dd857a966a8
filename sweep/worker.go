package sweep

// Many workers, one sweep (issue 12, Part 2). A worker (Sweeper.Work)
// sweeps from a frontier shared by any number of worker processes on any
// number of machines, claimed per host (HostFrontier): whoever holds a
// host's lease is the only one fetching it, so the host's delay and
// robots.txt hold across all workers together. The crawler's own per-host
// delay and retries are off (WorkerCrawlerOptions): each request, the
// robots.txt fetch, each retry and the render of a render: auto page
// included, waits its turn in the lease, once: the host's delay from the
// end of the lease's previous request.
// A lease is released no sooner than the delay after its last request
// ended, so the next holder keeps the same distance; a worker killed
// mid-lease leaves the host idle until the lease's expiry plus the delay,
// and its last request started before that expiry. Each page is then
// processed by the same code as in a single-process sweep (run.handle).
//
// Who starts and finishes a sweep: a worker started with Seed starts a
// sweep when none is running and seeds its frontier from the
// configuration (`certwatch worker --seed`); every worker joins the
// running sweep; the worker that finds the sweep's frontier with nothing
// pending finishes it. That test is exact, not a guess about other
// workers: a page's URL stays pending until the transaction that records
// the page also adds the links it follows (Record, RecordPageFollow), so
// while any worker still has a page of the sweep in hand, something is
// pending. The summary stored is the sum of every worker's counts
// (parts.go); on a store that does not keep parts, it is the finishing
// worker's part (Summary.Partial).
//
// Exactly once: a page is recorded by the same store calls as in a
// single-process sweep (run.handle), which mark its URL done in the
// transaction that records it. A worker killed before that commit leaves
// the URL pending (nothing recorded); the host's lease runs out and
// another worker fetches the URL again and records it once. A worker
// killed after the commit but before it completes the URL in its lease
// has marked it done already: nobody fetches it again. A worker whose
// lease ran out while it still handled a page (a very slow page) may see
// another worker fetch the same URL; both then record the same case key
// in the same sweep, which Record treats as one observation seen twice,
// as the bbolt store does on resume: one case (unique by key), one
// sighting (unique by case and sweep), and a second snapshot only when
// the page's content changed between the two fetches.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/store"
)

// HostFrontier is the frontier the workers of a sweep share, claimed per
// host (pgstore implements it over its hosts and frontier tables). Pages
// are still recorded, and their links added, through the Store.
type HostFrontier interface {
	// Claim leases one host that has pending URLs and is ready (its
	// delay has passed since its last fetch) to worker for ttl, with
	// some of its pending URLs; nil and no error when no host is ready.
	Claim(ctx context.Context, worker string, ttl time.Duration) (HostLease, error)
	// NextReady says how long until a host with pending URLs is ready
	// (0 when one is now); ok is false when no host has pending URLs.
	NextReady(ctx context.Context) (wait time.Duration, ok bool, err error)
}

// HostLease is a worker's exclusive hold on one host. An error from any
// of its methods ends the worker's use of it (the lease expired, was
// taken over, or the database is unreachable); the host's URLs not
// completed are claimed again after the lease runs out.
type HostLease interface {
	Host() string
	// URLs are the leased pending URLs, oldest first.
	URLs() []LeasedURL
	// Delay is the host's politeness delay under this lease.
	Delay() time.Duration
	// Deadline is the local time after which the lease allows no fetch
	// to start.
	Deadline() time.Time
	// Begin waits until the host's delay has passed since the lease's
	// previous request and records that a request starts now; call it
	// right before each request to the host.
	Begin(ctx context.Context) error
	// RaiseDelay raises the host's delay (here and for every later
	// holder) to d when d is larger.
	RaiseDelay(ctx context.Context, d time.Duration) error
	// Renew extends the lease to ttl from now.
	Renew(ctx context.Context, ttl time.Duration) error
	// Complete marks leased URLs done (again: it changes nothing for
	// URLs already done).
	Complete(ctx context.Context, done []Completed) error
	// Release gives the host back, ready one delay after the lease's
	// last request.
	Release(ctx context.Context) error
}

// LeasedURL is one pending URL handed out with a lease.
type LeasedURL struct {
	ID      int64
	SweepID uint64
	Item    store.FrontierItem
}

// Completed is a leased URL done, with the crawler's outcome.
type Completed struct {
	ID      int64
	Outcome string
}

// HostFetcher is what a worker needs of the crawler (crawler.Crawler):
// single fetches, and robots.txt fetched in the lease's turn so that it,
// too, keeps the host's delay.
type HostFetcher interface {
	Fetch(ctx context.Context, req crawler.Request) *crawler.Result
	KnownRobots(rawURL string) (delay time.Duration, known bool)
	Robots(ctx context.Context, rawURL string) (delay time.Duration, err error)
}

var _ HostFetcher = (*crawler.Crawler)(nil)

// Worker defaults and bounds.
const (
	// DefaultWorkHosts is how many hosts a worker fetches at once (one
	// lease each, one request at a time per host).
	DefaultWorkHosts = 8
	// MaxWorkHosts bounds WorkOptions.Hosts.
	MaxWorkHosts = 256
	// DefaultLeaseTTL is a lease's time to live; a worker renews it while
	// it fetches, and a worker that dies frees its hosts when it ends.
	DefaultLeaseTTL = time.Minute
	// MinLeaseTTL and MaxLeaseTTL bound WorkOptions.LeaseTTL.
	MinLeaseTTL = 100 * time.Millisecond
	MaxLeaseTTL = time.Hour
	// DefaultPoll is the longest a worker sleeps when there is no work or
	// no sweep, and after a database error.
	DefaultPoll = 5 * time.Second
	// maxWorkerName bounds WorkOptions.Name.
	maxWorkerName = 128
	// drainTimeout bounds what a worker does after it was asked to stop:
	// completing and releasing its leases.
	drainTimeout = 10 * time.Second
)

// ErrNoSweep: a worker asked to work once found no running sweep (and
// was not asked to start one).
var ErrNoSweep = errors.New("no sweep is running")

// WorkOptions configure Sweeper.Work.
type WorkOptions struct {
	// Name identifies the worker in leases and logs (1–128 bytes; e.g.
	// host name and process id). Two live workers must not share one.
	Name string
	// Hosts is how many hosts the worker fetches at once (default
	// DefaultWorkHosts, at most MaxWorkHosts).
	Hosts int
	// LeaseTTL is a lease's time to live (default DefaultLeaseTTL).
	LeaseTTL time.Duration
	// Seed starts a sweep, seeding its frontier from the configuration,
	// when none is running as the worker starts.
	Seed bool
	// Once returns when the sweep the worker joined is finished (with
	// ErrNoSweep when none was running); otherwise the worker waits for
	// the next sweep until ctx ends.
	Once bool
	// Poll is the longest sleep when there is no work (default
	// DefaultPoll).
	Poll time.Duration
	// SaveEvery is how often the worker saves its counts, its part of
	// the sweep's summary (default DefaultSaveEvery): a worker killed
	// loses at most this much of its counts (parts.go).
	SaveEvery time.Duration
}

func (o *WorkOptions) check() error {
	switch {
	case o.Name == "" || len(o.Name) > maxWorkerName:
		return fmt.Errorf("sweep: worker name must be 1–%d bytes", maxWorkerName)
	case o.Hosts == 0:
		o.Hosts = DefaultWorkHosts
	case o.Hosts < 0 || o.Hosts > MaxWorkHosts:
		return fmt.Errorf("sweep: worker hosts %d outside 1–%d", o.Hosts, MaxWorkHosts)
	}
	switch {
	case o.LeaseTTL == 0:
		o.LeaseTTL = DefaultLeaseTTL
	case o.LeaseTTL < MinLeaseTTL || o.LeaseTTL > MaxLeaseTTL:
		return fmt.Errorf("sweep: lease time %v outside %v–%v", o.LeaseTTL, MinLeaseTTL, MaxLeaseTTL)
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	switch {
	case o.SaveEvery == 0:
		o.SaveEvery = DefaultSaveEvery
	case o.SaveEvery < MinSaveEvery || o.SaveEvery > MaxSaveEvery:
		return fmt.Errorf("sweep: worker save interval %v outside %v–%v", o.SaveEvery, MinSaveEvery, MaxSaveEvery)
	}
	return nil
}

// WorkerCrawlerOptions are the crawler options of a worker: those of a
// sweep (CrawlerOptions) without the crawler's own per-host delay and
// retries, which the worker keeps in its leases instead (a request waits
// its lease's turn once, not twice, and a retry waits a turn too).
func WorkerCrawlerOptions(c *config.Config) crawler.Options {
	o := CrawlerOptions(c)
	o.PerHostDelay = -1
	o.PerHostParallel = 1
	o.Retries = -1
	return o
}

// Work sweeps as one of any number of workers sharing hf: it joins the
// running sweep (with Seed, starts one when none is running), fetches
// the hosts it claims, records every page as a single-process sweep does,
// and finishes the sweep when its frontier has nothing pending. It
// returns the summary of its own part of the last sweep it worked on.
// When ctx ends it drains: the pages in hand are finished, their URLs
// completed and the leases released. Sweeper.Fetcher must be a
// HostFetcher made with WorkerCrawlerOptions.
func (s *Sweeper) Work(ctx context.Context, hf HostFrontier, o WorkOptions) (*Summary, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	f, ok := s.Fetcher.(HostFetcher)
	if !ok {
		return nil, fmt.Errorf("sweep: worker: the fetcher %T cannot fetch single pages", s.Fetcher)
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	seed := o.Seed
	for {
		sw, err := s.joinSweep(ctx, seed, o)
		seed = false
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			s.Log.Warn("worker: cannot read the running sweep; trying again", "worker", o.Name, "err", err)
		case sw == nil && o.Once:
			return nil, ErrNoSweep
		case sw != nil && sw.Status == store.SweepFinished: // seeded with nothing
			if o.Once {
				return newSummary(sw.ID), nil
			}
		case sw != nil:
			run := newRun(s, sw)
			if err := run.startPart(o); err != nil {
				s.Log.Warn("worker: cannot save its counts; trying again", "worker", o.Name, "sweep", sw.ID, "err", err)
				break
			}
			err := run.work(ctx, hf, f, o)
			run.leavePart()
			sum := run.summary()
			sum.Partial = true
			if err != nil || o.Once {
				return sum, err
			}
			continue
		}
		if err := sleepCtx(ctx, o.Poll); err != nil {
			return nil, err
		}
	}
}

// joinSweep is the running sweep, nil when there is none; with seed, a
// sweep started and seeded when none is running.
func (s *Sweeper) joinSweep(ctx context.Context, seed bool, o WorkOptions) (*store.Sweep, error) {
	running, err := s.Store.RunningSweep()
	switch {
	case err == nil:
		s.Log.Info("worker joined the sweep", "worker", o.Name, "sweep", running.ID)
		return running, nil
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	case !seed:
		return nil, nil
	}
	sw, err := s.StartShared(ctx)
	if errors.Is(err, ErrBusy) && sw != nil {
		// Another worker started one between the look and the start.
		s.Log.Info("worker joined the sweep another worker started", "worker", o.Name, "sweep", sw.ID)
		return sw, nil
	}
	if err != nil {
		return nil, err
	}
	s.Log.Info("worker started the sweep", "worker", o.Name, "sweep", sw.ID, "sources", len(s.Config.Sources))
	return sw, nil
}

// SoleStarter is a store that starts a sweep only when none is running,
// atomically for every process over it (pgstore's StartSweepIfNone): it
// returns the running sweep, and leaves sw unstarted, when there is one.
type SoleStarter interface {
	StartSweepIfNone(sw *store.Sweep) (running *store.Sweep, err error)
}

// StartShared starts a sweep for workers to sweep (Work) and seeds its
// frontier from the configured sources. On a store that is a SoleStarter
// the start and the check that no sweep runs are one step, and when one
// runs StartShared returns it with ErrBusy; on other stores the caller
// checks first (Work starts one only when none is running). Workers never
// finish a sweep whose frontier is empty (it is being seeded), so a sweep
// seeded with nothing is finished here.
func (s *Sweeper) StartShared(ctx context.Context) (*store.Sweep, error) {
	if s.Preflight != nil {
		if err := s.Preflight(ctx); err != nil {
			return nil, fmt.Errorf("sweep: not started: %w", err)
		}
	}
	sw := &store.Sweep{ConfigHash: s.Config.Hash}
	for _, p := range s.matcher().Packs() {
		sw.Packs = append(sw.Packs, p.Version())
	}
	if sole, ok := s.Store.(SoleStarter); ok {
		running, err := sole.StartSweepIfNone(sw)
		switch {
		case err != nil:
			return nil, fmt.Errorf("sweep: start: %w", err)
		case running != nil:
			return running, fmt.Errorf("sweep %d started %s: %w", running.ID, running.StartedAt.Format(time.RFC3339), ErrBusy)
		}
	} else if err := s.Store.StartSweep(sw); err != nil {
		return nil, fmt.Errorf("sweep: start: %w", err)
	}
	// The seeding's counts are a part of the sweep's summary (parts.go),
	// which keeps workers from finishing it before the seeding is done.
	sp := s.startSeedPart(sw)
	shared, err := s.seed(sw.ID)
	if err != nil {
		sp.end(nil, nil, nil, nil)
		return nil, err
	}
	sp.end(shared, s.seedLookalike(ctx, sw.ID), s.seedCT(ctx, sw.ID), s.seedWatch(sw.ID))
	// Workers do not finish a sweep with an empty frontier (it may be
	// being seeded): one seeded with nothing is finished here.
	if pending, done, err := s.Store.FrontierCounts(sw.ID); err != nil {
		return nil, fmt.Errorf("sweep: seed frontier: %w", err)
	} else if pending+done == 0 {
		s.Log.Warn("sweep started with nothing to fetch: no source has a start URL", "sweep", sw.ID)
		if err := s.Store.FinishSweep(sw.ID, store.SweepFinished, nil); err != nil {
			return nil, fmt.Errorf("sweep: finish: %w", err)
		}
		sw.Status = store.SweepFinished
	}
	return sw, nil
}

// work claims hosts and sweeps them, up to o.Hosts at once, until the
// sweep's frontier has nothing pending (then it finishes the sweep) or
// ctx ends (then it waits for the hosts in hand to drain).
func (r *run) work(ctx context.Context, hf HostFrontier, f HostFetcher, o WorkOptions) error {
	r.ctx = ctx
	var wg sync.WaitGroup
	defer wg.Wait()
	ended := make(chan struct{}, o.Hosts) // one per host goroutine
	active := 0
	var newer atomic.Bool     // a host had URLs of a newer sweep: this one is over
	var backoff time.Duration // after a database error, doubled up to o.Poll
	failed := func(what string, err error) time.Duration {
		backoff = min(max(2*backoff, 100*time.Millisecond), o.Poll)
		r.s.Log.Warn("worker: "+what+"; trying again", "worker", o.Name, "in", backoff, "err", err)
		return backoff
	}
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if newer.Load() {
			return nil // Work joins the newer sweep
		}
		wait := o.Poll
		if active < o.Hosts {
			l, err := hf.Claim(ctx, o.Name, o.LeaseTTL)
			switch {
			case err != nil && ctx.Err() != nil:
				return ctx.Err()
			case err != nil:
				wait = failed("claim failed", err)
			case l != nil:
				if err := r.reopenPart(l); err != nil {
					wait = failed("cannot save its counts; the host is given back", err)
					break
				}
				backoff = 0
				active++
				wg.Add(1)
				go func() {
					defer wg.Done()
					if r.sweepHost(ctx, l, f, o) {
						newer.Store(true)
					}
					ended <- struct{}{}
				}()
				continue
			default: // no host ready
				finished, err := r.finishIfDone(active)
				switch {
				case err != nil:
					wait = failed("cannot check the sweep's frontier", err)
				case finished:
					return nil
				default:
					backoff = 0
					if next, ok, err := hf.NextReady(ctx); err == nil && ok {
						wait = min(wait, max(next, time.Millisecond))
					}
				}
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-ended:
			active--
		case <-t.C:
		}
		t.Stop()
	}
}

// finishIfDone finishes the sweep when its frontier has nothing pending
// and this worker holds no host; it reports whether the sweep is over
// (finished by this worker or another).
func (r *run) finishIfDone(active int) (bool, error) {
	pending, done, err := r.s.Store.FrontierCounts(r.sw.ID)
	if err != nil || pending > 0 || active > 0 {
		return false, err
	}
	if done == 0 {
		// Started, and still being seeded (StartShared finishes a sweep
		// it seeds with nothing itself).
		r.s.Log.Warn("worker: the sweep's frontier is empty: waiting for its seeding", "sweep", r.sw.ID)
		return false, nil
	}
	running, err := r.s.Store.RunningSweep()
	switch {
	case errors.Is(err, store.ErrNotFound):
		return true, nil // another worker finished it
	case err != nil:
		return false, err
	case running.ID != r.sw.ID:
		return true, nil
	}
	if r.part != nil {
		// Every worker's counts: once this one's are final, the sweep is
		// finished when no live worker still counts (parts.go).
		if err := r.part.save(r.sw.ID, r.stats, true); err != nil {
			return false, err
		}
		status, err := r.mergeParts(true)
		switch {
		case err != nil:
			return false, err
		case status == store.SweepRunning:
			return false, nil // the last worker to be done finishes it
		}
		r.s.Log.Info("worker: the sweep is finished", "sweep", r.sw.ID, "status", status)
		return true, nil
	}
	sum := r.summary()
	sum.Partial = true
	sum.finish(r.s.Config)
	stats, err := json.Marshal(sum)
	if err != nil {
		return false, fmt.Errorf("sweep: finish: %w", err)
	}
	if err := r.s.Store.FinishSweep(r.sw.ID, store.SweepFinished, stats); err != nil {
		return false, fmt.Errorf("sweep: finish: %w", err)
	}
	r.s.Log.Info("worker finished the sweep", "sweep", r.sw.ID)
	return true, nil
}

// sweepHost fetches and records the URLs of one lease, one at a time in
// the lease's turns, then completes them and releases the host. It stops
// early when ctx ends (after the page in hand), when the lease ends, and
// when a page cannot be recorded (its URL stays pending). It reports
// whether the lease held URLs of a newer sweep than the run's (which is
// then over: another worker finished it, and a new one started).
func (r *run) sweepHost(ctx context.Context, l HostLease, f HostFetcher, o WorkOptions) (newer bool) {
	log := r.s.Log.With("worker", o.Name, "host", l.Host())
	t := &turns{ctx: ctx, l: l, ttl: o.LeaseTTL}
	stopBeat := t.heartbeat(log)
	var done []Completed
	defer func() {
		t.rest()
		stopBeat()
		// Also when ctx has ended: what was done is kept, the host is
		// given back at once rather than when the lease runs out.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), drainTimeout)
		defer cancel()
		if len(done) > 0 {
			if err := l.Complete(dctx, done); err != nil {
				log.Warn("worker: completing the host's URLs failed (they were recorded)", "err", err)
			}
		}
		if err := l.Release(dctx); err != nil {
			log.Warn("worker: releasing the host failed; it is free when the lease runs out", "err", err)
		}
	}()
	if d := r.s.Config.Limits.PerHostDelay; d > l.Delay() {
		if err := l.RaiseDelay(ctx, d); err != nil {
			log.Warn("worker: cannot set the host's delay; leaving it", "err", err)
			return
		}
	}
	for _, u := range l.URLs() {
		if ctx.Err() != nil {
			return
		}
		switch {
		case u.SweepID < r.sw.ID: // left by a sweep that ended: not fetched
			done = append(done, Completed{ID: u.ID, Outcome: "stale"})
			continue
		case u.SweepID > r.sw.ID: // a newer sweep: this worker joins it
			return true
		}
		res, err := r.fetchInTurn(ctx, u.Item, f, l, t)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("worker: leaving the host", "err", err)
			}
			return
		}
		evidenced := false // an evidence render took a turn (also for a page fetched statically)
		err = r.handle(u.Item, res, func() error { evidenced = true; return t.next() })
		if res.Rendered || evidenced {
			t.ended() // the evidence render, if any, ended by now
		}
		switch {
		case errors.Is(err, errCutShort):
			return
		case err != nil:
			log.Error("worker: page not recorded; it stays pending", "url", u.Item.URL, "err", err)
			return
		}
		done = append(done, Completed{ID: u.ID, Outcome: string(res.Outcome)})
	}
	return false
}

// turns spaces the requests of one lease: each waits the host's delay
// from the end of the previous one, not only from its start (which the
// lease itself keeps), so that the host sees them at least the delay
// apart however long a request took to reach it; and the lease is
// released no sooner than the delay after its last request ended, so the
// next holder's first request keeps the same distance. A lease near its
// end is renewed before the next request.
type turns struct {
	ctx     context.Context
	l       HostLease
	ttl     time.Duration
	lastEnd time.Time   // zero before the lease's first request
	lost    atomic.Bool // the heartbeat could not renew the lease
}

// heartbeat renews the lease every third of its time to live while the
// worker holds it, so a page that takes long (a slow server, a render, a
// busy database) does not let the lease run out while the worker is
// alive; a worker that dies stops renewing, and its hosts are free when
// the lease runs out. It returns the function that stops it.
func (t *turns) heartbeat(log *slog.Logger) (stop func()) {
	done := make(chan struct{})
	exited := make(chan struct{})
	ctx := context.WithoutCancel(t.ctx) // a draining worker keeps its lease until it releases it
	go func() {
		defer close(exited)
		tick := time.NewTicker(t.ttl / 3)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			rctx, cancel := context.WithTimeout(ctx, t.ttl/3)
			err := t.l.Renew(rctx, t.ttl)
			cancel()
			if err != nil {
				t.lost.Store(true)
				log.Warn("worker: lease not renewed; leaving the host after the page in hand", "err", err)
				return
			}
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

// next waits for the next request's turn.
func (t *turns) next() error {
	if t.lost.Load() {
		return errors.New("sweep: the host's lease was not renewed")
	}
	if !t.lastEnd.IsZero() {
		if err := sleepCtx(t.ctx, time.Until(t.lastEnd.Add(t.l.Delay()))); err != nil {
			return err
		}
	}
	if left := time.Until(t.l.Deadline()); left < max(t.ttl/2, t.l.Delay()+time.Second) {
		if err := t.l.Renew(t.ctx, t.ttl); err != nil {
			return err
		}
	}
	return t.l.Begin(t.ctx)
}

// ended records that a request ended now.
func (t *turns) ended() { t.lastEnd = time.Now() }

// rest waits, before the release, until the delay has passed since the
// last request ended; not when ctx has ended (the worker is draining).
func (t *turns) rest() {
	if !t.lastEnd.IsZero() {
		_ = sleepCtx(t.ctx, time.Until(t.lastEnd.Add(t.l.Delay())))
	}
}

// fetchInTurn fetches one URL in the lease's turns: robots.txt first when
// the crawler does not know the host's (its Crawl-delay then raises the
// host's delay), and each retry in a turn of its own. A fetch once
// started is finished even when ctx ends (the page in hand); an error
// means the lease's turn did not come.
func (r *run) fetchInTurn(ctx context.Context, it store.FrontierItem, f HostFetcher, l HostLease, t *turns) (*crawler.Result, error) {
	req := r.request(it)
	fctx := context.WithoutCancel(ctx) // bounded by the crawler's timeout
	if _, known := f.KnownRobots(it.URL); !known {
		if err := t.next(); err != nil {
			return nil, err
		}
		_, err := f.Robots(fctx, it.URL)
		t.ended()
		if err != nil {
			// Fetch would try robots.txt again at once, outside the
			// lease's turn: the page fails instead, as it would in a
			// single-process sweep.
			return &crawler.Result{Request: req, RequestedURL: it.URL, Outcome: crawler.OutcomeNetwork, Err: err,
				FetchedAt: time.Now().UTC(), Attempts: 1}, nil
		}
	}
	if d, _ := f.KnownRobots(it.URL); d > l.Delay() {
		if err := l.RaiseDelay(ctx, d); err != nil {
			return nil, err
		}
	}
	if !req.RenderAuto || req.Render {
		return r.attemptsInTurn(ctx, fctx, req, f, t)
	}
	// render: auto is two requests to the host: the static fetch, then,
	// when the page needs a browser (crawler.NeedsRender), the render, in
	// a turn of its own with retries of its own, as the crawler does in a
	// single-process sweep. The crawler would render at once, without the
	// lease's turn, so it is given the two separately.
	static := req
	static.RenderAuto = false
	res, err := r.attemptsInTurn(ctx, fctx, static, f, t)
	if err != nil {
		return nil, err
	}
	if crawler.NeedsRender(res) {
		render := req
		render.RenderAuto, render.Render = false, true
		rendered, err := r.attemptsInTurn(ctx, fctx, render, f, t)
		if err != nil {
			return nil, err
		}
		res = autoResult(res, rendered)
	}
	res.Request, res.Auto = req, true
	return res, nil
}

// autoResult is a render: auto page's result from its static fetch and
// its render: the render, or, when it failed, the static page with the
// render's error (Result.RenderErr), as the crawler keeps it.
func autoResult(static, rendered *crawler.Result) *crawler.Result {
	attempts := static.Attempts + rendered.Attempts
	if rendered.Outcome == crawler.OutcomeOK {
		rendered.Attempts = attempts
		return rendered
	}
	static.RenderErr = rendered.Err
	if static.RenderErr == nil {
		static.RenderErr = fmt.Errorf("crawler: render %s: %s", static.RequestedURL, rendered.Outcome)
	}
	static.Attempts = attempts
	static.Refused += rendered.Refused
	return static
}

// attemptsInTurn fetches req, and retries it, each attempt in a turn of
// the lease; an error means the lease's turn did not come.
func (r *run) attemptsInTurn(ctx, fctx context.Context, req crawler.Request, f HostFetcher, t *turns) (*crawler.Result, error) {
	for attempt := 0; ; attempt++ {
		if err := t.next(); err != nil {
			return nil, err
		}
		res := f.Fetch(fctx, req)
		t.ended()
		if attempt >= r.s.Config.Limits.Retries || !crawler.Retryable(ctx, res) {
			res.Attempts = attempt + 1
			return res, nil
		}
	}
}

// sleepCtx sleeps d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Package sweep runs one sweep end to end: it seeds the persisted frontier
// from the configured sources, hands requests to the crawler, scores every
// page with the matcher, and stores findings as cases with sightings and
// snapshots. The frontier lives in the store, so a sweep killed mid-way is
// finished by Run with resume set: finished pages are not fetched again and,
// because recording is idempotent per sweep and case, no case or sighting
// is duplicated.
package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

// Fetcher is what a sweep needs of the crawler.
type Fetcher interface {
	Run(ctx context.Context, in <-chan crawler.Request, out chan<- *crawler.Result)
}

var _ Fetcher = (*crawler.Crawler)(nil)

// EvidenceFetcher is a Fetcher that also takes evidence renders (the
// crawler): a flagged page that was rendered, an imitation site and an
// official reference page (evidence_shot.go) get their screenshot through
// it, in a second visit that loads images, fonts and media
// (crawler.Request.Evidence), which discovery renders block. Evidence
// must not wait for Run's results (a handler calls it while Run's next
// result waits for a handler). Without it, flagged pages are recorded
// without a screenshot.
type EvidenceFetcher interface {
	Fetcher
	Evidence(ctx context.Context, req crawler.Request) *crawler.Result
}

var _ EvidenceFetcher = (*crawler.Crawler)(nil)

// Progress receives the sweep's progress; nil for none.
type Progress interface {
	Update(done, total int)
}

// Sweeper runs sweeps.
type Sweeper struct {
	Config *config.Config
	Store  Store
	// Detector decides on pages (rules, and the learned model with its
	// channels); when nil, the rules of Matcher alone decide.
	Detector *detect.Detector
	Matcher  *matcher.Matcher
	Fetcher  Fetcher
	Log      *slog.Logger
	Progress Progress
	// SearchTerms are the rule packs' search terms, used by search sources
	// that name none of their own.
	SearchTerms []string
	// Batch is how many frontier items are read and queued at a time
	// (default DefaultBatch in a sweep, 64 in Recheck); also the most that
	// can be in flight when killed, and fetched again on resume.
	Batch int
	// Handlers is how many results are scored and stored at once
	// (default DefaultHandlers in a sweep, 4 in Recheck, which stores
	// nothing; at most Batch in a sweep). A sweep's handlers spend most of
	// their time waiting for the commit their page's write shares with
	// the others' (see store's Throughput), so there are more of them than
	// cores.
	Handlers int
	// Preflight, when set, runs before a sweep starts or resumes: an
	// error refuses the sweep before anything is recorded (serve checks
	// the browser with it when a source renders).
	Preflight func(context.Context) error

	// InForce, when set, is where the rules and detection in force are
	// read at the start of each sweep and removal check (a server's
	// inforce.Holder, which activations change); Detector, Matcher and
	// SearchTerms are then not used.
	InForce   InForce
	rulesOnly struct {
		sync.Once
		d *detect.Detector
	}
	// imitationRefs are the imitation verdict's references (imitation.go).
	imitationRefs ImitationReferences
}

// InForce is what a Sweeper reads the detection and search terms in
// force from (an inforce.Holder).
type InForce interface {
	Detector() *detect.Detector
	SearchTerms() []string
}

// detector is the Detector in force: InForce's, else Detector, else the
// rules of Matcher alone.
func (s *Sweeper) detector() *detect.Detector {
	if s.InForce != nil {
		return s.InForce.Detector()
	}
	if s.Detector != nil {
		return s.Detector
	}
	s.rulesOnly.Do(func() {
		if s.Matcher != nil {
			s.rulesOnly.d = detect.New(s.Matcher, detect.Options{})
		}
	})
	return s.rulesOnly.d
}

// DetectorInForce is the detection sweeps starting now use (nil when the
// Sweeper has neither a Detector nor a Matcher).
func (s *Sweeper) DetectorInForce() *detect.Detector { return s.detector() }

// matcher is the rule matcher in force.
func (s *Sweeper) matcher() *matcher.Matcher {
	if d := s.detector(); d != nil {
		return d.Matcher()
	}
	return nil
}

// searchTerms are the search terms in force.
func (s *Sweeper) searchTerms() []string {
	if s.InForce != nil {
		return s.InForce.SearchTerms()
	}
	return s.SearchTerms
}

// DefaultHandlers and DefaultBatch are a sweep's default Handlers and
// Batch. Each handler scores a page and then waits for the commit its
// write shares with the others' (store's group commit): one commit costs
// two fdatasyncs, milliseconds on a busy disk, so the handlers must cover
// that latency for the sweep to keep up with the crawler, and the items
// handed out (Batch) must cover the handlers and the fetches. Sweeping
// the 2,000 pages of BenchmarkSweepCost on 2 cores (8 fetches at a time;
// configurations taking turns, 5 sweeps each, median wall time; plain
// colly + extraction + matcher took 0.60 s): 32 handlers and 64 items
// 0.97 s, 32 and 128 1.05 s, 64 and 128 0.70 s, 96 and 128 0.71 s. The
// CPU per page hardly changes. 64 pages waiting (each holds its body and
// text) are a few megabytes.
const (
	DefaultHandlers = 64
	DefaultBatch    = 128
)

// ErrInterrupted is returned when a previous sweep never finished and Run
// was not asked to resume it.
var ErrInterrupted = errors.New("an earlier sweep did not finish")

// Frontier item kinds.
const (
	kindPage    = "page"
	kindSearch  = "search"
	kindListing = "listing"
)

// NothingToResumeError is Run's answer to resume when no sweep is
// unfinished. Last is the latest sweep, nil when none was ever recorded
// (e.g. the run that was stopped died before it recorded its sweep).
type NothingToResumeError struct {
	Last *store.Sweep
}

func (e *NothingToResumeError) Error() string {
	if e.Last == nil {
		return "sweep: nothing to resume: no sweep was ever recorded in this database (a run stopped before it recorded its sweep leaves nothing to resume); start a sweep without --resume"
	}
	return fmt.Sprintf("sweep: nothing to resume: the latest sweep (%d, started %s) is %s and no later one was recorded; start a sweep without --resume",
		e.Last.ID, beijing.Format(e.Last.StartedAt), e.Last.Status)
}

func (s *Sweeper) nothingToResume() error {
	last, err := s.Store.Sweeps(1)
	if err != nil {
		return fmt.Errorf("sweep: nothing to resume: %w", err)
	}
	e := &NothingToResumeError{}
	if len(last) > 0 {
		e.Last = &last[0]
	}
	return e
}

// Run performs a sweep. With resume it continues the sweep that did not
// finish (an error if there is none); without, it starts a new one, and
// refuses when an unfinished sweep exists (the caller decides: resume it,
// or abandon it with Abandon).
func (s *Sweeper) Run(ctx context.Context, resume bool) (*Summary, error) {
	if s.Log == nil {
		s.Log = slog.Default()
	}
	if s.Preflight != nil {
		if err := s.Preflight(ctx); err != nil {
			return nil, fmt.Errorf("sweep: not started: %w", err)
		}
	}
	running, err := s.Store.RunningSweep()
	switch {
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("sweep: %w", err)
	case resume && running == nil:
		return nil, s.nothingToResume()
	case !resume && running != nil:
		return nil, fmt.Errorf("sweep %d started %s: %w; finish it with --resume or drop it with --abandon",
			running.ID, beijing.Format(running.StartedAt), ErrInterrupted)
	}
	sw := running
	var shared map[string][]string
	var lookalikeStats *LookalikeStats
	var ctStats *CTStats
	var watchQueued *WatchStats
	if sw == nil {
		sw = &store.Sweep{ConfigHash: s.Config.Hash}
		for _, p := range s.matcher().Packs() {
			sw.Packs = append(sw.Packs, p.Version())
		}
		if err := s.Store.StartSweep(sw); err != nil {
			return nil, fmt.Errorf("sweep: start: %w", err)
		}
		if shared, err = s.seed(sw.ID); err != nil {
			return nil, err
		}
		lookalikeStats = s.seedLookalike(ctx, sw.ID)
		ctStats = s.seedCT(ctx, sw.ID)
		watchQueued = s.seedWatch(sw.ID)
		s.Log.Info("sweep started", "sweep", sw.ID, "sources", len(s.Config.Sources))
	} else {
		s.Log.Info("sweep resumed", "sweep", sw.ID)
	}
	run := newRun(s, sw)
	run.stats.Resumed = running != nil
	run.stats.shareSeeds(shared)
	run.stats.Lookalike = lookalikeStats
	run.stats.CT = ctStats
	run.stats.Watch = watchQueued
	if err := run.loop(ctx); err != nil {
		return run.summary(), err
	}
	sum := run.summary()
	if prev, err := s.previousSummary(sw.ID); err == nil {
		sum.Trouble = Health(s.Config, sum, prev)
	} else {
		s.Log.Warn("sweep health: no previous sweep to compare with", "err", err)
		sum.Trouble = Health(s.Config, sum, nil)
	}
	sum.finish(s.Config)
	for _, tr := range sum.Trouble {
		s.Log.Warn("source in trouble", "sweep", sw.ID, "source", tr.Source, "kind", tr.Kind, "detail", tr.Detail)
	}
	stats, _ := json.Marshal(sum)
	if err := s.Store.FinishSweep(sw.ID, "finished", stats); err != nil {
		return sum, fmt.Errorf("sweep: finish: %w", err)
	}
	return sum, nil
}

// Abandon marks an unfinished sweep as interrupted, so a new one can start.
func (s *Sweeper) Abandon() error {
	sw, err := s.Store.RunningSweep()
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	return s.Store.FinishSweep(sw.ID, "interrupted", nil)
}

// seed puts every source's first requests in the frontier. It returns the
// sources all of whose first requests another source had already queued
// (the frontier keeps one item per URL), with those sources: their pages
// are fetched under the other source's name.
func (s *Sweeper) seed(sweepID uint64) (map[string][]string, error) {
	var items []store.FrontierItem
	for _, src := range s.Config.Sources {
		switch src.Kind {
		case config.KindSite:
			for _, u := range src.Start {
				items = append(items, store.FrontierItem{URL: store.CanonicalURL(u), SourceID: src.ID, Render: src.Render, Kind: kindPage})
			}
		case config.KindSearch:
			for _, t := range s.termsOf(src) {
				u := strings.ReplaceAll(src.URL, "{q}", url.QueryEscape(t))
				items = append(items, store.FrontierItem{URL: store.CanonicalURL(u), SourceID: src.ID, Render: src.Render, Kind: kindSearch,
					Meta: map[string]string{"term": t, "page": "1"}})
			}
		case config.KindURLs:
			urls, err := readURLs(src)
			if err != nil {
				return nil, err
			}
			for _, u := range urls {
				items = append(items, store.FrontierItem{URL: store.CanonicalURL(u), SourceID: src.ID, Render: src.Render, Kind: kindPage})
			}
		}
	}
	if _, err := s.Store.AddFrontier(sweepID, items); err != nil {
		return nil, fmt.Errorf("sweep: seed frontier: %w", err)
	}
	return sharedSeeds(items), nil
}

// run is the state of one sweep in this process.
type run struct {
	s        *Sweeper
	sw       *store.Sweep
	mu       sync.Mutex
	d        *detect.Detector // the sweep's rules and model, fixed for the whole sweep
	stats    *Summary
	markers  markerSet       // login walls and captchas, for the health counts
	ctx      context.Context // the sweep's, set when loop starts (evidence screenshots)
	perSrc   map[string]int  // frontier items added per source (page caps)
	inFlight map[string]bool
	batch    int // Sweeper.Batch or DefaultBatch
	qr       qrScanner
	watch    watchRun // discover.watch's domain-move index (watch.go)
	// part is a worker's part of the sweep's summary (parts.go).
	part *workerPart
}

func newRun(s *Sweeper, sw *store.Sweep) *run {
	d := s.detector()
	batch := s.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	r := &run{s: s, sw: sw, d: d, stats: newSummary(sw.ID), perSrc: map[string]int{}, inFlight: map[string]bool{},
		markers: removalMarkers(d.Matcher()), batch: batch}
	r.shareCaps() // sourcecaps.go
	return r
}

// handled reports that a result was processed.
type handled struct {
	url string
	err error
}

// loop feeds pending frontier items to the fetcher and hands results to a
// few handler goroutines (their store writes are batched together), until
// the frontier is exhausted or ctx ends.
func (r *run) loop(ctx context.Context) error {
	r.ctx = ctx
	in := make(chan crawler.Request)
	out := make(chan *crawler.Result)
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go r.s.Fetcher.Run(fctx, in, out)

	workers := r.s.Handlers
	if workers <= 0 {
		workers = DefaultHandlers
	}
	workers = min(workers, r.batch) // no more results than that are handed out
	done := make(chan handled, workers)
	// Handlers are goroutines kept for the whole sweep, started as the
	// results come (at most workers): a goroutine per page paid for
	// growing its stack to the matcher's depth every time.
	jobs := make(chan handleJob, workers)
	defer close(jobs) // the handlers are idle when loop returns
	started := 0
	items := map[string]store.FrontierItem{} // handed out and not yet handled, by URL
	var queue []store.FrontierItem
	inClosed, outClosed := false, false
	active := 0 // handlers started and not yet reported
	var handleErr error
	closeIn := func() {
		if !inClosed {
			close(in)
			inClosed = true
		}
	}
	for {
		stopping := handleErr != nil || ctx.Err() != nil
		// At most Batch items are handed out at once: the crawler would
		// take thousands ahead, and each would be read again from the
		// frontier and fetched again after a crash.
		if len(queue) == 0 && !inClosed && !stopping && len(items) < r.batch {
			pending, err := r.s.Store.PendingFrontier(r.sw.ID, r.batch+len(items))
			if err != nil {
				handleErr = fmt.Errorf("sweep: read frontier: %w", err)
			}
			for _, it := range pending {
				if _, busy := items[it.URL]; !busy {
					queue = append(queue, it)
				}
			}
			if len(queue) == 0 && len(items) == 0 {
				closeIn()
			}
		}
		if stopping {
			closeIn()
		}
		// Done when the fetcher has answered everything and no handler is
		// running or unreported; an item it never answered stays pending.
		if outClosed && active == 0 {
			if handleErr != nil {
				return handleErr
			}
			return ctx.Err()
		}
		var send chan<- crawler.Request
		var next crawler.Request
		if len(queue) > 0 && !inClosed && len(items) < r.batch {
			send = in
			next = r.request(queue[0])
		}
		outCh := out
		if outClosed || active >= workers {
			outCh = nil // take no result until a handler is free
		}
		select {
		case send <- next:
			items[queue[0].URL] = queue[0]
			queue = queue[1:]
		case res, ok := <-outCh:
			if !ok {
				outClosed = true
				continue
			}
			it, known := items[res.Request.URL]
			if !known {
				it = store.FrontierItem{URL: res.Request.URL, SourceID: res.Request.SourceID, Kind: kindPage}
				items[it.URL] = it
			}
			if ctx.Err() != nil && (res.Outcome == crawler.OutcomeTimeout || errors.Is(res.Err, context.Canceled)) {
				delete(items, it.URL) // cut short by shutdown: stays pending for --resume
				continue
			}
			active++
			if started < active {
				started++
				go func() {
					for j := range jobs {
						err := r.handle(j.it, j.res, nil)
						if errors.Is(err, errCutShort) {
							err = nil // stays pending for --resume
						}
						done <- handled{url: j.it.URL, err: err}
					}
				}()
			}
			jobs <- handleJob{it: it, res: res} // never blocks: active <= workers
		case h := <-done:
			active--
			delete(items, h.url)
			if h.err != nil && handleErr == nil {
				handleErr = h.err
			}
			if r.s.Progress != nil {
				pending, fin, _ := r.s.Store.FrontierCounts(r.sw.ID)
				r.s.Progress.Update(fin, pending+fin)
			}
		}
	}
}

// handleJob is one result for a handler of loop.
type handleJob struct {
	it  store.FrontierItem
	res *crawler.Result
}

func (r *run) request(it store.FrontierItem) crawler.Request {
	src := r.s.Config.Source(it.SourceID)
	req := crawler.Request{URL: it.URL, SourceID: it.SourceID, Depth: it.Depth, Render: it.Render}
	if src != nil {
		req.RenderAuto = src.RenderAuto
		req.IgnoreRobots = src.IgnoreRobots
		if it.Kind == kindSearch {
			req.Listing = listingSelectors(src.Listing)
		}
	} else if it.Kind == kindLookalike || it.Kind == kindCT || it.Kind == kindWatch {
		req.RenderAuto = lookalikeRenderAuto(r.s.Config)
	}
	return req
}

// errCutShort: handle stopped because the sweep is shutting down; the
// item was not recorded and stays pending.
var errCutShort = errors.New("sweep: page cut short by shutdown")

// handle processes one result, in the single-process sweep (loop) and in
// a worker (work) alike: the page's record and the new frontier items it
// leads to are stored in one transaction (shared with other handlers'
// pages: a batch), which also marks the item done, so a crash cannot
// leave the item done without its links or its finding. turn, when set,
// is called before the page's evidence render (a second request to the
// host) and waits the host's turn for it; nil when the crawler keeps the
// host's delay itself. It returns errCutShort when shutdown cut the page
// short before anything was recorded.
func (r *run) handle(it store.FrontierItem, res *crawler.Result, turn func() error) error {
	src := r.s.Config.Source(it.SourceID)
	v := &visit{it: it, src: src, res: res, turn: turn}
	r.hooks(onFetched, v) // every hook of a page is in pageHooks (hooks.go)
	if res.Outcome != crawler.OutcomeOK || res.Page == nil {
		r.hooks(onFailed, v)
		if err := r.s.Store.MarkDone(r.sw.ID, it.URL, string(res.Outcome)); err != nil {
			return fmt.Errorf("sweep: mark %s done: %w", it.URL, err)
		}
		return nil
	}
	if src != nil && it.Kind != kindWatch {
		v.next = r.follow(src, it, res)
	}
	p := res.Page
	if it.Kind == kindListing && len(it.Meta) > 0 {
		p = withListing(p, it.Meta)
	}
	// Detect first: its result holds the finding, the page's normalised
	// text (the blocked-page check reads it), the content key and the
	// contacts that link cases.
	dr := r.d.Examine(p)
	f := dr.Finding
	v.p, v.dr = p, dr
	r.hooks(onDetected, v)
	// A search-result page gathers many listings: the listings become
	// cases (from their detail pages), the result page does not.
	if !f.Flagged || it.Kind == kindSearch {
		added, err := r.s.Store.RecordPageFollow(r.sw.ID, it.URL, store.PageRecord{
			URL: it.URL, FinalURL: res.FinalURL, SourceID: it.SourceID, Status: res.Status, FetchedAt: res.FetchedAt,
			BodySHA256: res.BodySHA256, BodySize: len(res.Body), Outcome: string(res.Outcome), Truncated: res.Truncated,
		}, v.next)
		if err != nil {
			return fmt.Errorf("sweep: record page %s: %w", it.URL, err)
		}
		r.added(src, added)
		return nil
	}
	shot, shotSHA := res.Screenshot, res.ScreenshotSHA
	if needsEvidence(src, f, res) { // rendered pages, imitation sites (evidence_shot.go)
		shot, shotSHA = r.evidence(it, turn)
		if r.ctx != nil && r.ctx.Err() != nil {
			return errCutShort // stays pending for --resume
		}
	}
	v.shot = shot
	r.hooks(onShot, v)
	encoded, err := finding.Encode(f)
	if err != nil {
		return fmt.Errorf("sweep: record case %s: %w", it.URL, err)
	}
	rr, err := r.s.Store.Record(store.Observation{
		SweepID: r.sw.ID, FrontierURL: it.URL, CaseKey: caseKey(src, it.URL, res.FinalURL),
		URL: it.URL, FinalURL: res.FinalURL, SourceID: it.SourceID, Title: p.Title,
		FetchedAt: res.FetchedAt, Status: res.Status, Header: res.Header, Body: res.Body, BodySHA256: res.BodySHA256,
		Truncated: res.Truncated, RemoteAddr: res.RemoteAddr, Rendered: res.Rendered,
		Screenshot: shot, ScreenshotSHA256: shotSHA,
		Flagged: true, Score: f.Score, Category: f.Category, Finding: encoded,
		ContentKey: dr.ContentKey(), PageTitle: p.Title, Text: p.Text, Contacts: caseContacts(dr.Contacts),
		Follow: v.next,
	})
	if err != nil {
		return fmt.Errorf("sweep: record case %s: %w", it.URL, err)
	}
	r.added(src, rr.Added)
	v.rr = rr
	r.hooks(onRecorded, v)
	r.s.Log.Info("finding", "url", it.URL, "category", f.Category, "score", f.Score, "channel", f.Channel, "case", rr.CaseID, "new", rr.NewCase)
	return nil
}

// added counts frontier items a source's pages added (its page cap).
func (r *run) added(src *config.Source, n int) {
	if src == nil || n == 0 {
		return
	}
	r.mu.Lock()
	r.perSrc[src.ID] += n
	r.mu.Unlock()
}

// evidence takes the screenshot of a flagged page (needsEvidence): a
// second visit through the crawler (politely: the host's next turn) that
// loads what the discovery render blocked. The case keeps the discovery
// render's body, which the finding was made from; the screenshot is the
// page as a visitor saw it moments later. A failure is logged and counted
// (the source's health shows it), and the case is recorded without one.
func (r *run) evidence(it store.FrontierItem, turn func() error) ([]byte, string) {
	ef, ok := r.s.Fetcher.(EvidenceFetcher)
	if !ok || r.ctx == nil {
		return nil, ""
	}
	if turn != nil {
		if err := turn(); err != nil {
			if r.ctx.Err() == nil {
				r.stats.screenshot(it.SourceID, hostOf(it.URL), false)
				r.s.Log.Warn("evidence screenshot not taken: the host's turn did not come", "url", it.URL, "err", err)
			}
			return nil, ""
		}
	}
	req := r.request(it)
	req.Listing = nil
	er := ef.Evidence(r.ctx, req)
	if er.Outcome != crawler.OutcomeOK || len(er.Screenshot) == 0 {
		if r.ctx.Err() == nil {
			r.stats.screenshot(it.SourceID, hostOf(it.URL), false)
			r.s.Log.Warn("evidence screenshot failed", "url", it.URL, "outcome", er.Outcome, "err", er.Err)
		}
		return nil, ""
	}
	r.stats.screenshot(it.SourceID, hostOf(it.URL), true)
	return er.Screenshot, er.ScreenshotSHA
}

// caseContacts are the contacts that link cases of the same seller
// (detect.Result's Contacts) as the store indexes them.
func caseContacts(cs []matcher.Contact) []store.CaseContact {
	var out []store.CaseContact
	for _, c := range cs {
		out = append(out, store.CaseContact{Kind: c.Kind, Value: c.Value})
	}
	return out
}

// follow returns the frontier items a result leads to: links within the
// source's hosts and depth, listing detail pages and the next result page.
func (r *run) follow(src *config.Source, it store.FrontierItem, res *crawler.Result) []store.FrontierItem {
	var next []store.FrontierItem
	// The cap counts items the frontier really took (see handle), so
	// links already queued do not use it up. This process's count stops
	// following early; the store, when it holds the caps (SourceCapper),
	// takes no link past them, whichever process adds it.
	r.mu.Lock()
	full := r.perSrc[src.ID] >= src.MaxPages
	r.mu.Unlock()
	add := func(fi store.FrontierItem) {
		if full {
			r.stats.capped(src.ID)
			return
		}
		next = append(next, fi)
	}
	switch it.Kind {
	case kindSearch:
		official := r.searchPage(src, it, res, full)
		for _, l := range res.Listings {
			if l.URL == "" || official[l.URL] {
				continue
			}
			add(store.FrontierItem{URL: store.CanonicalURL(l.URL), SourceID: src.ID, Depth: it.Depth + 1, Render: src.Render, Kind: kindListing,
				Meta: searchMeta(it, map[string]string{"title": l.Title, "price": l.Price, "seller": l.Seller, "description": l.Description, "contact": l.Contact})})
		}
		pageNo, _ := strconv.Atoi(it.Meta["page"])
		if res.NextPage != "" && pageNo < src.ResultPages {
			add(store.FrontierItem{URL: store.CanonicalURL(res.NextPage), SourceID: src.ID, Render: src.Render, Kind: kindSearch,
				Meta: map[string]string{"term": it.Meta["term"], "page": strconv.Itoa(pageNo + 1)}})
		}
	case kindPage:
		if src.Kind != config.KindSite || it.Depth >= src.Depth {
			return nil
		}
		for _, l := range res.Links {
			if !allowed(src, l) {
				continue
			}
			add(store.FrontierItem{URL: store.CanonicalURL(l), SourceID: src.ID, Depth: it.Depth + 1, Render: src.Render, Kind: kindPage})
		}
	}
	return next
}

func allowed(src *config.Source, link string) bool {
	host, plain := store.PlainURLHost(link) // most links, without parsing
	if !plain {
		u, err := url.Parse(link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return false
		}
		host = strings.ToLower(u.Hostname())
	}
	ok := false
	for _, h := range src.AllowedHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	for _, re := range src.Exclude {
		if re.MatchString(link) {
			return false
		}
	}
	if len(src.Include) == 0 {
		return true
	}
	for _, re := range src.Include {
		if re.MatchString(link) {
			return true
		}
	}
	return false
}

// withListing adds the listing fields read from the result page to the
// detail page's text, so the finding sees what the marketplace showed.
func withListing(p *page.Page, meta map[string]string) *page.Page {
	return p.WithListing(page.ListingFields(meta))
}

// caseKey is what makes one case across sweeps: the listing id when the
// source defines one, else the canonical URL.
func caseKey(src *config.Source, u, final string) string {
	if src != nil && src.ListingID != nil {
		for _, cand := range []string{final, u} {
			if m := src.ListingID.FindStringSubmatch(cand); m != nil && m[1] != "" {
				return "listing:" + src.ID + ":" + m[1]
			}
		}
	}
	return store.CanonicalURL(u)
}

func hostOf(u string) string {
	if pu, err := url.Parse(u); err == nil {
		return pu.Hostname()
	}
	return ""
}

// sortedKeys returns a map's keys in order, for stable output.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

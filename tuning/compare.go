package tuning

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// Store is what Compare reads; *store.Store has it.
type Store interface {
	Cases(store.CaseFilter) ([]store.Case, error)
	Snapshots(caseID uint64) ([]store.Snapshot, error)
	SnapshotText(snapshotID uint64) (*store.SnapshotText, error)
	SnapshotBody(snapshotID uint64) ([]byte, error)
}

var _ Store = (*store.Store)(nil)

// DefaultMaxText is Options.MaxText's default.
const DefaultMaxText = 2 << 20

// Options adjust Compare. The zero value re-scores every stored case and
// keeps every added and dropped page in the report.
type Options struct {
	// MaxCases re-scores only the newest this many cases (by id); 0: all.
	MaxCases int
	// Limit keeps at most this many added, dropped and skipped pages each
	// in the report, in case order; the counts stay exact. 0: all.
	Limit int
	// Pages are extra inputs to score besides the stored cases: paths as
	// `certwatch scan` takes them (files or directories of HTML, text,
	// JSON Lines, WARC; "-" reads JSON Lines from Stdin).
	Pages []string
	Stdin io.Reader
	// MaxText bounds the text of one page, in bytes (default
	// DefaultMaxText); longer text is cut and counted in Report.Cut.
	MaxText int
	// Workers match pages in parallel (default GOMAXPROCS).
	Workers int
	// Progress, when set, is called after each page with the number done
	// and the number known so far (extra pages are counted as they are
	// read). It is called from Compare's goroutine, one call at a time.
	Progress func(done, total int)
	// Detect, when set, turns a side's rules into the decision sweeps
	// make with them (package detect: the rules with the model in force);
	// nil compares the rules alone.
	Detect func(m *matcher.Matcher) func(*page.Page) *matcher.Finding
}

// Report is what Compare found. Pages are stored cases and extra pages
// alike; extra pages have no case id and carry their Source.
type Report struct {
	Current   []PackInfo `json:"current"`
	Candidate []PackInfo `json:"candidate"`
	// StoredCases is the number of cases in the store; Cases of them were
	// re-scored (fewer with MaxCases, or when some were skipped).
	StoredCases int `json:"stored_cases"`
	Cases       int `json:"cases"`
	Pages       int `json:"pages"` // extra pages re-scored
	// Skipped lists pages that could not be re-scored (at most
	// Options.Limit of them); SkippedCount counts all.
	Skipped      []Skip `json:"skipped"`
	SkippedCount int    `json:"skipped_count"`
	Cut          int    `json:"cut"` // pages whose text was cut at Options.MaxText
	// Labels counts the re-scored pages by label.
	Labels map[Label]int `json:"labels"`
	// Totals are each side's figures over all re-scored pages; Hits is
	// the number flagged.
	Totals Sides `json:"totals"`
	// Added are pages the candidate flags and the current packs do not;
	// Dropped the reverse. Each list holds at most Options.Limit pages in
	// case order; the counts are exact.
	Added        []Change `json:"added"`
	AddedCount   int      `json:"added_count"`
	Dropped      []Change `json:"dropped"`
	DroppedCount int      `json:"dropped_count"`
	// Rules has one row per rule of either side: the candidate's rules in
	// pack order, then rules only the current packs have.
	Rules   []RuleRow     `json:"rules"`
	Elapsed time.Duration `json:"elapsed_ns"`

	rows map[string]int // rule id → index in Rules
}

// PackInfo names a pack.
type PackInfo struct {
	Version string `json:"version"`
	File    string `json:"file"`
}

// Sides holds one figure for the current packs and one for the candidate;
// a side is nil for a rule it does not have.
type Sides struct {
	Current   *Counts `json:"current"`
	Candidate *Counts `json:"candidate"`
}

// Counts are one side's figures for a rule or for the whole pack set.
type Counts struct {
	Hits       int `json:"hits"` // pages hit (for totals: flagged)
	Positive   int `json:"tp"`   // hits labelled positive
	Negative   int `json:"fp"`   // hits labelled negative
	Excluded   int `json:"excluded"`
	Unlabelled int `json:"unlabelled"`
	// Precision is TP/(TP+FP), nil when no hit is labelled.
	Precision *float64 `json:"precision"`
	// Recall is TP over all labelled positives re-scored, nil when there
	// are none.
	Recall *float64 `json:"recall"`
}

// Labelled is the number of hits labelled positive or negative.
func (c *Counts) Labelled() int { return c.Positive + c.Negative }

func (c *Counts) add(l Label) {
	c.Hits++
	switch l {
	case Positive:
		c.Positive++
	case Negative:
		c.Negative++
	case Excluded:
		c.Excluded++
	default:
		c.Unlabelled++
	}
}

func (c *Counts) finish(positives int) {
	if n := c.Labelled(); n > 0 {
		p := float64(c.Positive) / float64(n)
		c.Precision = &p
	}
	if positives > 0 {
		r := float64(c.Positive) / float64(positives)
		c.Recall = &r
	}
}

// RuleRow is one rule's figures on both sides.
type RuleRow struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Sides
}

// Change is a page that one side flags and the other does not.
type Change struct {
	CaseID     uint64              `json:"case_id,omitempty"`
	SnapshotID uint64              `json:"snapshot_id,omitempty"`
	Source     string              `json:"source,omitempty"` // where an extra page was read
	URL        string              `json:"url"`
	Title      string              `json:"title"`
	Status     casework.CaseStatus `json:"status,omitempty"` // the case's status
	Label      Label               `json:"label"`
	Before     Verdict             `json:"before"` // current packs
	After      Verdict             `json:"after"`  // candidate
	seq        int                 // case order, then reading order of extra pages
}

// Verdict is one side's finding on a page, in short.
type Verdict struct {
	Flagged  bool     `json:"flagged"`
	Score    float64  `json:"score"`
	Category string   `json:"category,omitempty"`
	Rules    []string `json:"rules"` // the rules that hit, strongest first
}

// Skip is a page that could not be re-scored.
type Skip struct {
	CaseID uint64 `json:"case_id,omitempty"`
	Source string `json:"source,omitempty"`
	Reason string `json:"reason"`
	seq    int
}

// Compare re-scores the stored cases (and Options.Pages) with the current
// and the candidate packs and measures both against reviewers' labels (see
// the package comment). Each side's packs must load together (unique rule
// ids). It returns an error when a side does not compile, the store fails,
// an extra input cannot be read at all, or ctx ends.
func Compare(ctx context.Context, st Store, current, candidate []*rules.Pack, opts Options) (*Report, error) {
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("tuning: %w", context.Cause(ctx))
	}
	if opts.MaxText <= 0 {
		opts.MaxText = DefaultMaxText
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	c := &comparer{st: st, opts: opts}
	var err error
	if c.cur, err = compile("current", current); err != nil {
		return nil, err
	}
	if c.cand, err = compile("candidate", candidate); err != nil {
		return nil, err
	}
	c.curF, c.candF = c.cur.Match, c.cand.Match
	if opts.Detect != nil {
		c.curF, c.candF = opts.Detect(c.cur), opts.Detect(c.cand)
	}
	for _, p := range slices.Concat(current, candidate) {
		c.needForms = c.needForms || p.Imitation != nil
	}
	// gse loads its HMM model into package-level maps: two matchers
	// loading their segmenters at once race. Load them one after the
	// other before the workers start.
	c.cur.Warm()
	c.cand.Warm()
	cases, err := st.Cases(store.CaseFilter{})
	if err != nil {
		return nil, fmt.Errorf("tuning: %w", err)
	}
	refs := caseRefs(cases, opts.MaxCases)
	rep := newReport(current, candidate, len(cases))
	cases = nil // the findings are not needed: let them go

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var known atomic.Int64
	known.Store(int64(len(refs)))
	jobs := make(chan job, opts.Workers)
	results := make(chan result, opts.Workers)
	go c.produce(ctx, cancel, refs, &known, jobs)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Go(func() {
			for j := range jobs {
				if ctx.Err() != nil {
					return
				}
				r := c.process(j)
				r.ch.seq = j.seq
				if r.skip != nil {
					r.skip.seq = j.seq
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	done := 0
	for r := range results {
		if r.fatal != nil {
			cancel(r.fatal)
			continue
		}
		if ctx.Err() != nil {
			continue
		}
		rep.add(&r, opts.Limit)
		done++
		if opts.Progress != nil {
			opts.Progress(done, int(known.Load()))
		}
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("tuning: %w", context.Cause(ctx))
	}
	rep.finish(opts.Limit)
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func compile(side string, packs []*rules.Pack) (*matcher.Matcher, error) {
	if len(packs) == 0 {
		return nil, fmt.Errorf("tuning: no %s rule packs", side)
	}
	m, err := matcher.Compile(packs...)
	if err != nil {
		return nil, fmt.Errorf("tuning: %s packs: %w", side, err)
	}
	return m, nil
}

// caseRef is what Compare keeps of a case while it works.
type caseRef struct {
	id        uint64
	url       string
	title     string
	status    casework.CaseStatus
	label     Label
	decidedAt time.Time
}

// caseRefs keeps the newest max cases (all when max <= 0), oldest first.
func caseRefs(cases []store.Case, max int) []caseRef {
	slices.SortFunc(cases, func(a, b store.Case) int { return cmp.Compare(a.ID, b.ID) })
	if max > 0 && len(cases) > max {
		cases = cases[len(cases)-max:]
	}
	refs := make([]caseRef, len(cases))
	for i := range cases {
		c := &cases[i]
		refs[i] = caseRef{id: c.ID, url: c.URL, title: c.Title, status: c.Status, label: CaseLabel(c), decidedAt: c.DecidedAt}
	}
	return refs
}

// job is one page to score: a stored case, an extra page, or an extra
// input that could not be read.
type job struct {
	seq    int
	c      *caseRef
	p      *page.Page
	source string
	err    error
}

type result struct {
	ch    Change
	skip  *Skip
	cut   bool
	fatal error
}

type comparer struct {
	st        Store
	opts      Options
	cur, cand *matcher.Matcher
	// curF and candF decide on a page: the matchers' Match, or what
	// Options.Detect made of them.
	curF, candF func(*page.Page) *matcher.Finding
	needForms   bool
}

// produce sends the cases, then the extra pages, until ctx ends.
func (c *comparer) produce(ctx context.Context, cancel context.CancelCauseFunc, refs []caseRef, known *atomic.Int64, jobs chan<- job) {
	defer close(jobs)
	send := func(j job) error {
		select {
		case jobs <- j:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for i := range refs {
		if send(job{seq: i, c: &refs[i]}) != nil {
			return
		}
	}
	seq := len(refs)
	for _, path := range c.opts.Pages {
		err := page.Read(ctx, path, c.opts.Stdin, func(it page.Item) error {
			known.Add(1)
			seq++
			j := job{seq: seq, p: it.Page, err: it.Err}
			var ie *page.InputError
			switch {
			case it.Page != nil:
				j.source = it.Page.Source
			case errors.As(it.Err, &ie):
				j.source, j.err = ie.Source, ie.Err
			default:
				j.source = path
			}
			return send(j)
		})
		if err != nil {
			if ctx.Err() == nil {
				cancel(fmt.Errorf("read %s: %w", path, err))
			}
			return
		}
	}
}

// process scores one job with both sides.
func (c *comparer) process(j job) result {
	var r result
	var p *page.Page
	switch {
	case j.err != nil:
		r.skip = &Skip{Source: j.source, Reason: j.err.Error()}
		return r
	case j.c != nil:
		ref := j.c
		r.ch = Change{CaseID: ref.id, URL: ref.url, Title: ref.title, Status: ref.status, Label: ref.label}
		snaps, err := c.st.Snapshots(ref.id)
		if err != nil {
			r.fatal = err
			return r
		}
		if len(snaps) == 0 {
			r.skip = &Skip{CaseID: ref.id, Reason: "no snapshot"}
			return r
		}
		sn := pickSnapshot(snaps, ref)
		r.ch.SnapshotID = sn.ID
		r.ch.URL = cmp.Or(sn.FinalURL, sn.URL, ref.url)
		r.ch.Title = cmp.Or(sn.Title, ref.title)
		var reason string
		p, reason, err = c.snapshotPage(sn)
		if err != nil {
			r.fatal = err
			return r
		}
		if p == nil {
			r.skip = &Skip{CaseID: ref.id, Reason: fmt.Sprintf("snapshot %d: %s", sn.ID, reason)}
			return r
		}
	default:
		p = j.p
		r.ch = Change{Source: j.source, URL: p.URL, Title: p.Title, Label: PageLabel(p.Meta["label"])}
	}
	r.cut = capText(p, c.opts.MaxText)
	r.ch.Before = verdict(c.curF(p))
	r.ch.After = verdict(c.candF(p))
	return r
}

// pickSnapshot is the snapshot a case's label is about: for a decided
// case the latest fetched at or before the decision (the first when the
// clocks disagree), for an open case the latest.
func pickSnapshot(snaps []store.Snapshot, ref *caseRef) *store.Snapshot {
	if ref.label == Unlabelled || ref.decidedAt.IsZero() {
		return &snaps[len(snaps)-1]
	}
	best := &snaps[0]
	for i := range snaps {
		if !snaps[i].FetchedAt.After(ref.decidedAt) {
			best = &snaps[i]
		}
	}
	return best
}

func verdict(f *matcher.Finding) Verdict {
	v := Verdict{Flagged: f.Flagged, Score: f.Score, Category: f.Category, Rules: []string{}}
	for _, h := range f.Rules {
		if h.Fired {
			v.Rules = append(v.Rules, h.ID)
		}
	}
	return v
}

func newReport(current, candidate []*rules.Pack, stored int) *Report {
	rep := &Report{StoredCases: stored, Labels: map[Label]int{Positive: 0, Negative: 0, Excluded: 0, Unlabelled: 0},
		Totals: Sides{Current: &Counts{}, Candidate: &Counts{}},
		Added:  []Change{}, Dropped: []Change{}, Skipped: []Skip{}}
	rep.rows = map[string]int{}
	row := func(r *rules.Rule) *RuleRow {
		i, ok := rep.rows[r.ID]
		if !ok {
			i = len(rep.Rules)
			rep.rows[r.ID] = i
			rep.Rules = append(rep.Rules, RuleRow{ID: r.ID, Category: r.Category})
		}
		return &rep.Rules[i]
	}
	for _, p := range candidate {
		rep.Candidate = append(rep.Candidate, PackInfo{Version: p.Version(), File: p.File})
		for _, r := range p.Rules {
			row(r).Candidate = &Counts{}
		}
	}
	for _, p := range current {
		rep.Current = append(rep.Current, PackInfo{Version: p.Version(), File: p.File})
		for _, r := range p.Rules {
			row(r).Current = &Counts{}
		}
	}
	return rep
}

// add counts one result.
func (rep *Report) add(r *result, limit int) {
	if r.skip != nil {
		rep.SkippedCount++
		rep.Skipped = append(rep.Skipped, *r.skip)
		return
	}
	if r.ch.CaseID != 0 {
		rep.Cases++
	} else {
		rep.Pages++
	}
	if r.cut {
		rep.Cut++
	}
	l := r.ch.Label
	rep.Labels[l]++
	for _, side := range []struct {
		v     Verdict
		total *Counts
		pick  func(*RuleRow) *Counts
	}{
		{r.ch.Before, rep.Totals.Current, func(rr *RuleRow) *Counts { return rr.Current }},
		{r.ch.After, rep.Totals.Candidate, func(rr *RuleRow) *Counts { return rr.Candidate }},
	} {
		if side.v.Flagged {
			side.total.add(l)
		}
		for _, id := range side.v.Rules {
			if i, ok := rep.rows[id]; ok && side.pick(&rep.Rules[i]) != nil {
				side.pick(&rep.Rules[i]).add(l)
			}
		}
	}
	switch {
	case r.ch.After.Flagged && !r.ch.Before.Flagged:
		rep.AddedCount++
		rep.Added = append(rep.Added, r.ch)
	case r.ch.Before.Flagged && !r.ch.After.Flagged:
		rep.DroppedCount++
		rep.Dropped = append(rep.Dropped, r.ch)
	}
	// Results arrive out of order; keep the lists bounded while they do.
	if limit > 0 {
		rep.Added = trim(rep.Added, 2*limit, limit, byPage)
		rep.Dropped = trim(rep.Dropped, 2*limit, limit, byPage)
		rep.Skipped = trim(rep.Skipped, 2*limit, limit, bySkip)
	}
}

// trim sorts s and cuts it to keep when it has grown past high.
func trim[T any](s []T, high, keep int, order func(a, b T) int) []T {
	if len(s) <= high {
		return s
	}
	slices.SortFunc(s, order)
	return slices.Clip(s[:keep])
}

// byPage orders stored cases by id, then extra pages in reading order.
func byPage(a, b Change) int { return cmp.Compare(a.seq, b.seq) }

func bySkip(a, b Skip) int { return cmp.Compare(a.seq, b.seq) }

func (rep *Report) finish(limit int) {
	positives := rep.Labels[Positive]
	rep.Totals.Current.finish(positives)
	rep.Totals.Candidate.finish(positives)
	for i := range rep.Rules {
		for _, c := range []*Counts{rep.Rules[i].Current, rep.Rules[i].Candidate} {
			if c != nil {
				c.finish(positives)
			}
		}
	}
	slices.SortFunc(rep.Added, byPage)
	slices.SortFunc(rep.Dropped, byPage)
	slices.SortFunc(rep.Skipped, bySkip)
	if limit > 0 {
		rep.Added = rep.Added[:min(len(rep.Added), limit)]
		rep.Dropped = rep.Dropped[:min(len(rep.Dropped), limit)]
		rep.Skipped = rep.Skipped[:min(len(rep.Skipped), limit)]
	}
}

package sweep

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/store"
)

// Counts are the page counts of a sweep, a source or a host.
type Counts struct {
	Attempted     int            `json:"attempted"`
	Fetched       int            `json:"fetched"`
	Failed        map[string]int `json:"failed,omitempty"` // by outcome
	Robots        int            `json:"robots_refused"`
	IgnoredRobots int            `json:"ignored_robots"`
	Truncated     int            `json:"truncated"`
	Rendered      int            `json:"rendered"` // pages the browser rendered (render: true, or auto when needed)
	// AutoStatic: pages of render: auto sources the static fetch was
	// enough for (not rendered). RenderFallback: pages of render: auto
	// sources that needed the browser, whose render failed; their static
	// fetch was scored instead.
	AutoStatic     int `json:"auto_static,omitempty"`
	RenderFallback int `json:"render_fallback,omitempty"`
	// Screenshots are the evidence screenshots of flagged rendered pages,
	// imitation sites and official reference pages (evidence_shot.go: a
	// second visit with images; not in Attempted or Rendered);
	// ScreenshotsFailed those that could not be taken (the case is
	// recorded without one).
	Screenshots       int `json:"screenshots,omitempty"`
	ScreenshotsFailed int `json:"screenshots_failed,omitempty"`
	// Blocked pages answered 401/403/407/429, or were a short login,
	// captcha or "too many requests" page (the rule packs' removal.blocked
	// markers): fetched, but nothing could be checked.
	Blocked  int `json:"blocked"`
	Findings int `json:"findings"` // flagged pages
	// BlockedAddress counts requests refused because they led to an
	// internal address (crawler.ErrBlockedAddress): pages, redirects
	// and, for rendered pages, the navigations and subresources the page
	// tried. A refused page is also in Failed["blocked_address"].
	BlockedAddress int `json:"blocked_address,omitempty"`
}

func (c *Counts) add(res *crawler.Result) {
	c.Attempted++
	if blockedStatus(res.Status) {
		c.Blocked++
	}
	switch res.Outcome {
	case crawler.OutcomeOK, crawler.OutcomeNotHTML:
		c.Fetched++
	case crawler.OutcomeRobots:
		c.Robots++
	default:
		if c.Failed == nil {
			c.Failed = map[string]int{}
		}
		c.Failed[string(res.Outcome)]++
	}
	if res.Truncated {
		c.Truncated++
	}
	if res.Rendered {
		c.Rendered++
	}
	if res.Auto && !res.Rendered && res.RenderErr == nil && res.Outcome == crawler.OutcomeOK {
		c.AutoStatic++
	}
	if res.RenderErr != nil {
		c.RenderFallback++
	}
	if res.IgnoredRobots {
		c.IgnoredRobots++
	}
	c.BlockedAddress += res.Refused
}

// Summary is what a sweep did. It is stored with the sweep and printed.
type Summary struct {
	mu          sync.Mutex
	Sweep       uint64             `json:"sweep"`
	Total       Counts             `json:"total"`
	BySource    map[string]*Counts `json:"by_source"`
	ByHost      map[string]*Counts `json:"by_host"`
	Findings    map[string]int     `json:"findings"` // by category
	NewCases    int                `json:"new_cases"`
	SeenAgain   int                `json:"seen_again"`
	NewVersions int                `json:"new_snapshots"`
	Capped      map[string]int     `json:"capped,omitempty"` // links not followed: source page cap
	// Trouble lists the sources that need a look (see Health); set when
	// the sweep finishes.
	Trouble []Trouble `json:"trouble,omitempty"`
	// Resumed: the counts cover only the part after the last resume.
	Resumed bool `json:"resumed,omitempty"`
	// Partial: the counts miss some of a sweep many workers shared
	// (Sweeper.Work): a worker was killed, or lost the database, with
	// counts not yet saved (at most WorkOptions.SaveEvery of its work;
	// parts.go), or the store keeps no parts and the finishing worker's
	// own part is stored. A worker's own summary (Work's result) is
	// always partial.
	Partial bool `json:"partial,omitempty"`
	// SharedSeeds are sources whose start URLs another source had
	// already queued: checked, under the other source's name.
	SharedSeeds []string `json:"shared_seeds,omitempty"`
	// SharedWith names, for each source in SharedSeeds, the sources that
	// had queued its start URLs first.
	SharedWith map[string][]string `json:"shared_with,omitempty"`
	// FailureNames gives the Chinese name (FailureName) of every failure
	// reason in these counts, so readers of a stored summary (the UI)
	// need not keep a copy of the table; set when the sweep finishes.
	FailureNames map[string]string `json:"failure_names,omitempty"`
	// Sources is every configured source, in the configuration's order,
	// with what the sweep did with it (see SourceState); set when the
	// sweep finishes, so that no source is missing from a summary.
	Sources []SourceState `json:"sources,omitempty"`
	// QR counts the QR scan of offer and listing images (discover.qr);
	// nil when no page was scanned.
	QR *QRStats `json:"qr,omitempty"`
	// Lookalike counts the lookalike step at the sweep's start
	// (discover.lookalike); nil when it did not run.
	Lookalike *LookalikeStats `json:"lookalike,omitempty"`
	// CT counts the CT step at the sweep's start (discover.ct); nil when
	// it did not run. Watch counts the re-checks of known imitation sites
	// and the domain moves found (discover.watch); nil when off.
	CT    *CTStats    `json:"ct,omitempty"`
	Watch *WatchStats `json:"watch,omitempty"`
	// Discovery is QR and Lookalike in Chinese for readers of a stored
	// summary (the UI); set when the sweep finishes.
	Discovery []DiscoveryLine `json:"discovery,omitempty"`
	// Search counts the search sources' result pages and results per
	// term (source → term → counts); nil when no search source ran.
	Search map[string]map[string]*SearchTermCounts `json:"search,omitempty"`
}

// shareSeeds records the sources whose start URLs other sources had
// queued first (see sharedSeeds).
func (s *Summary) shareSeeds(shared map[string][]string) {
	s.SharedSeeds, s.SharedWith = nil, nil
	for _, src := range sortedKeys(shared) {
		if s.SharedWith == nil {
			s.SharedWith = map[string][]string{}
		}
		s.SharedSeeds = append(s.SharedSeeds, src)
		s.SharedWith[src] = shared[src]
	}
}

// finish completes a summary when its sweep ends: the Chinese names of
// the failure reasons and the state of every configured source (after
// Trouble is set, which the states mention).
func (s *Summary) finish(cfg *config.Config) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.Total.Failed {
		if s.FailureNames == nil {
			s.FailureNames = map[string]string{}
		}
		s.FailureNames[k] = FailureName(k)
	}
	s.Sources = sourceStates(cfg, s)
	s.Discovery = s.discoveryLines()
}

func newSummary(id uint64) *Summary {
	return &Summary{Sweep: id, BySource: map[string]*Counts{}, ByHost: map[string]*Counts{}, Findings: map[string]int{}}
}

func (s *Summary) fetched(source, host string, res *crawler.Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Total.add(res)
	counts(s.BySource, source).add(res)
	counts(s.ByHost, host).add(res)
}

func counts(m map[string]*Counts, k string) *Counts {
	c := m[k]
	if c == nil {
		c = &Counts{}
		m[k] = c
	}
	return c
}

// blocked counts a fetched page that turned out to be a wall.
func (s *Summary) blocked(source, host string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Total.Blocked++
	counts(s.BySource, source).Blocked++
	counts(s.ByHost, host).Blocked++
}

func (s *Summary) finding(source, host, category string, rr store.RecordResult) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Findings[category]++
	s.Total.Findings++
	counts(s.BySource, source).Findings++
	counts(s.ByHost, host).Findings++
	switch {
	case rr.NewCase:
		s.NewCases++
	case rr.NewSighting:
		s.SeenAgain++
	}
	if rr.NewSnapshot && !rr.NewCase {
		s.NewVersions++
	}
}

// screenshot counts an evidence screenshot taken (ok) or not.
func (s *Summary) screenshot(source, host string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range []*Counts{&s.Total, counts(s.BySource, source), counts(s.ByHost, host)} {
		if ok {
			c.Screenshots++
		} else {
			c.ScreenshotsFailed++
		}
	}
}

func (s *Summary) capped(source string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Capped == nil {
		s.Capped = map[string]int{}
	}
	s.Capped[source]++
}

func (r *run) summary() *Summary { return r.stats }

// Print writes the summary for people in English (PrintChinese in
// Chinese); the sources' details stay the Chinese the UI shows.
func (s *Summary) Print(w io.Writer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.Total
	fmt.Fprintf(w, "sweep %d: %d pages attempted, %d fetched, %d failed, %d refused by robots.txt, %d blocked, %d truncated, %d rendered\n",
		s.Sweep, t.Attempted, t.Fetched, sum(t.Failed), t.Robots, t.Blocked, t.Truncated, t.Rendered)
	if t.AutoStatic > 0 || t.RenderFallback > 0 {
		fmt.Fprintf(w, "  render: auto: %d pages needed no browser, %d failed renders kept static\n", t.AutoStatic, t.RenderFallback)
	}
	if t.Screenshots > 0 || t.ScreenshotsFailed > 0 {
		fmt.Fprintf(w, "  evidence screenshots: %d taken, %d failed\n", t.Screenshots, t.ScreenshotsFailed)
	}
	if t.IgnoredRobots > 0 {
		fmt.Fprintf(w, "  robots.txt overridden for %d pages (per-source ignore_robots)\n", t.IgnoredRobots)
	}
	if t.BlockedAddress > 0 {
		fmt.Fprintf(w, "  %d requests refused: internal addresses (allow_internal re-opens named hosts or networks)\n", t.BlockedAddress)
	}
	if len(t.Failed) > 0 {
		var parts []string
		for _, k := range sortedKeys(t.Failed) {
			parts = append(parts, fmt.Sprintf("%s %d", k, t.Failed[k]))
		}
		fmt.Fprintf(w, "  failures: %s\n", strings.Join(parts, ", "))
	}
	var f []string
	for _, k := range sortedKeys(s.Findings) {
		f = append(f, fmt.Sprintf("%s %d", k, s.Findings[k]))
	}
	if len(f) == 0 {
		f = []string{"none"}
	}
	fmt.Fprintf(w, "  findings: %s\n", strings.Join(f, ", "))
	s.printQR(w, false)
	s.printLookalike(w, false)
	s.printSearch(w, false)
	s.printCT(w, false)
	s.printWatch(w, false)
	fmt.Fprintf(w, "  cases: %d new, %d seen again, %d changed (new snapshot)\n", s.NewCases, s.SeenAgain, s.NewVersions)
	for _, st := range s.sourcesInOrder() {
		fmt.Fprintf(w, "  source %-12s %s", st.Source, stateEnglish[st.State])
		if c := s.BySource[st.Source]; c != nil {
			fmt.Fprintf(w, ": attempted %d, fetched %d, failed %d, refused by robots.txt %d, blocked %d, truncated %d, rendered %d, findings %d",
				c.Attempted, c.Fetched, sum(c.Failed), c.Robots, c.Blocked, c.Truncated, c.Rendered, c.Findings)
		}
		if st.Detail != "" {
			fmt.Fprintf(w, " — %s", st.Detail)
		}
		fmt.Fprintln(w)
	}
	for _, tr := range s.Trouble {
		fmt.Fprintf(w, "  TROUBLE source %s (%s): %s\n", tr.Source, tr.Kind, tr.Detail)
	}
	for _, k := range sortedKeys(s.Capped) {
		fmt.Fprintf(w, "  source %s reached its page cap: %d links not followed\n", k, s.Capped[k])
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Source states: what a sweep did with a configured source.
const (
	// StateChecked: pages of the source were attempted and nothing needs
	// a look.
	StateChecked = "checked"
	// StateTrouble: pages were attempted, and the source is in Trouble.
	StateTrouble = "trouble"
	// StateShared: every start URL of the source had been queued by
	// another source first (the frontier keeps one item per URL); the
	// pages were fetched and counted under that source, following its
	// settings.
	StateShared = "shared"
	// StateNotChecked: nothing of the source was attempted.
	StateNotChecked = "not_checked"
	// StateNotResumed: nothing of the source was attempted in the part of
	// a resumed sweep that the counts cover.
	StateNotResumed = "not_resumed"
)

// StateName is a source state's Chinese name (casework's table), for
// the UI, the digest and the CLI.
func StateName(state string) string { return casework.SourceState(state).Name() }

// stateEnglish are the states' English names, for the CLI's summary.
var stateEnglish = map[string]string{
	StateChecked:    "checked",
	StateTrouble:    "needs a look",
	StateShared:     "fetched under another source",
	StateNotChecked: "not checked",
	StateNotResumed: "not reached after the resume",
}

// SourceState is what a sweep did with one configured source.
type SourceState struct {
	Source string `json:"source"`
	State  string `json:"state"`            // StateChecked, StateTrouble, …
	Name   string `json:"name"`             // the state's Chinese name (StateName)
	Detail string `json:"detail,omitempty"` // Chinese: the troubles' names, or why nothing was fetched
}

// Label is the state's Chinese name.
func (st SourceState) Label() string {
	if st.Name != "" {
		return st.Name
	}
	return StateName(st.State)
}

// sourceStates is the state of every source of cfg in s.
func sourceStates(cfg *config.Config, s *Summary) []SourceState {
	out := make([]SourceState, 0, len(cfg.Sources))
	for _, src := range cfg.Sources {
		out = append(out, s.stateOf(src.ID))
	}
	if _, ok := s.BySource[LookalikeSource]; ok || s.Lookalike != nil {
		out = append(out, s.lookalikeState()) // discover.lookalike's pages
	}
	if _, ok := s.BySource[CTSource]; ok || s.CT != nil {
		out = append(out, s.ctState()) // discover.ct's pages
	}
	return out
}

// stateOf is the state of one source in s.
func (s *Summary) stateOf(id string) SourceState {
	var troubles []string
	for _, tr := range s.Trouble {
		if tr.Source == id && !slices.Contains(troubles, tr.Label()) {
			troubles = append(troubles, tr.Label())
		}
	}
	st := SourceState{Source: id}
	c := s.BySource[id]
	switch {
	case c != nil && c.Attempted > 0 && len(troubles) > 0:
		st.State, st.Detail = StateTrouble, strings.Join(troubles, "、")
	case c != nil && c.Attempted > 0:
		st.State = StateChecked
	case slices.Contains(s.SharedSeeds, id):
		st.State = StateShared
		by := "其他来源"
		if with := s.SharedWith[id]; len(with) > 0 {
			by = "来源 " + strings.Join(with, "、") + " "
		}
		st.Detail = fmt.Sprintf("起始网址已先由%s排入并抓取，页面计入该来源的统计；本来源自己的抓取设置（范围、深度、渲染）本次没有生效，如需生效请勿在两个来源中重复列出这些网址", by)
	case s.Resumed:
		st.State = StateNotResumed
		st.Detail = "巡查中断后续跑，统计只含续跑部分：续跑部分没有抓取该来源的页面（中断前可能已抓取）"
	default:
		st.State = StateNotChecked
		st.Detail = "本次巡查没有抓取该来源的任何页面"
	}
	st.Name = StateName(st.State)
	return st
}

// sourcesInOrder are the states to print: Sources (every configured
// source), then any source counted that the configuration no longer
// has (a resumed sweep's). Before finish, the counted sources.
func (s *Summary) sourcesInOrder() []SourceState {
	out := append([]SourceState(nil), s.Sources...)
	for _, k := range sortedKeys(s.BySource) {
		if !slices.ContainsFunc(out, func(st SourceState) bool { return st.Source == k }) {
			out = append(out, s.stateOf(k))
		}
	}
	return out
}

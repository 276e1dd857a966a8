package sweep

import (
	"fmt"
	"io"
	"strings"
	"sync"

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
	// Screenshots are the evidence screenshots of flagged rendered pages
	// (a second visit with images; not in Attempted or Rendered);
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
	// Partial: the counts are one worker's part of a sweep many workers
	// shared (Sweeper.Work); the finishing worker's part is stored.
	Partial bool `json:"partial,omitempty"`
	// SharedSeeds are sources whose start URLs another source had
	// already queued: checked, under the other source's name.
	SharedSeeds []string `json:"shared_seeds,omitempty"`
	// FailureNames gives the Chinese name (FailureNames) of every failure
	// reason in these counts, so readers of a stored summary (the UI)
	// need not keep a copy of the table; set when the sweep finishes.
	FailureNames map[string]string `json:"failure_names,omitempty"`
}

// nameFailures fills FailureNames for the reasons in the counts.
func (s *Summary) nameFailures() {
	for k := range s.Total.Failed {
		if s.FailureNames == nil {
			s.FailureNames = map[string]string{}
		}
		if n, ok := FailureNames[k]; ok {
			s.FailureNames[k] = n
		} else {
			s.FailureNames[k] = k
		}
	}
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

// Print writes the summary for people.
func (s *Summary) Print(w io.Writer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.Total
	fmt.Fprintf(w, "sweep %d: %d pages attempted, %d fetched, %d failed, %d refused by robots.txt, %d blocked, %d truncated, %d rendered\n",
		s.Sweep, t.Attempted, t.Fetched, sum(t.Failed), t.Robots, t.Blocked, t.Truncated, t.Rendered)
	if t.AutoStatic > 0 || t.RenderFallback > 0 {
		fmt.Fprintf(w, "  render: auto: %d pages needed no browser, %d failed renders kept static (自动渲染：%d 页无需渲染，%d 页渲染失败改用静态内容)\n",
			t.AutoStatic, t.RenderFallback, t.AutoStatic, t.RenderFallback)
	}
	if t.Screenshots > 0 || t.ScreenshotsFailed > 0 {
		fmt.Fprintf(w, "  evidence screenshots: %d taken, %d failed (证据截图：成功 %d，失败 %d)\n",
			t.Screenshots, t.ScreenshotsFailed, t.Screenshots, t.ScreenshotsFailed)
	}
	if t.IgnoredRobots > 0 {
		fmt.Fprintf(w, "  robots.txt overridden for %d pages (per-source ignore_robots)\n", t.IgnoredRobots)
	}
	if t.BlockedAddress > 0 {
		fmt.Fprintf(w, "  %d requests refused: internal addresses (禁止访问的内网地址; allow_internal re-opens named hosts or networks)\n", t.BlockedAddress)
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
	fmt.Fprintf(w, "  cases: %d new, %d seen again, %d changed (new snapshot)\n", s.NewCases, s.SeenAgain, s.NewVersions)
	for _, k := range sortedKeys(s.BySource) {
		c := s.BySource[k]
		fmt.Fprintf(w, "  source %-12s attempted %d, fetched %d, failed %d, robots %d, blocked %d, truncated %d, rendered %d, findings %d\n",
			k, c.Attempted, c.Fetched, sum(c.Failed), c.Robots, c.Blocked, c.Truncated, c.Rendered, c.Findings)
	}
	for _, tr := range s.Trouble {
		fmt.Fprintf(w, "  TROUBLE source %s: %s\n", tr.Source, tr.Detail)
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

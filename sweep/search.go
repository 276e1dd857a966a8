package sweep

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// Meta keys of a kindListing item that a search source's result page
// listed: the term searched, the result page's number and address.
const (
	metaSearchTerm = "search_term"
	metaSearchPage = "search_page"
	metaSearchFrom = "search_from"
)

// TroubleSearchEmpty: a search source's result pages were fetched, and
// its listing selectors found no result on any of them, for any term: the
// site changed its markup, or shows a wall instead of results.
const TroubleSearchEmpty = "search_empty"

// SearchTermCounts are what a sweep did with one term of a search source.
type SearchTermCounts struct {
	ResultPages int `json:"result_pages"` // result pages fetched
	Failed      int `json:"failed"`       // result pages that could not be fetched
	Results     int `json:"results"`      // result links the listing selectors found
	// Official results link to an official query host (the rule packs'
	// imitation sites and official suffixes, on another host than the
	// result page): known, counted and not fetched.
	Official int `json:"official"`
	Queued   int `json:"queued"`   // results handed to the frontier to check (not cut by the page cap)
	Findings int `json:"findings"` // pages of these results flagged
}

// officialSiteTerms are the names and titles of the rule packs' official
// query sites (what terms: official_sites stands for), deduplicated.
func officialSiteTerms(m *matcher.Matcher) []string {
	var out []string
	if m == nil {
		return nil
	}
	for _, p := range m.Packs() {
		if p.Imitation == nil {
			continue
		}
		for _, site := range p.Imitation.Sites {
			for _, t := range append([]string{site.Name}, site.Titles...) {
				if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// termsOf are the terms a search source searches in this sweep: the
// official sites' names and titles when its terms say official_sites,
// then its own terms, deduplicated and at most config.MaxSearchTerms;
// the rule packs' search terms when it names none.
func (s *Sweeper) termsOf(src *config.Source) []string {
	if !src.OfficialSiteTerms && len(src.Terms) == 0 {
		return s.searchTerms()
	}
	var out []string
	add := func(t string) {
		if !slices.Contains(out, t) && len(out) < config.MaxSearchTerms {
			out = append(out, t)
		}
	}
	if src.OfficialSiteTerms {
		official := officialSiteTerms(s.matcher())
		if len(official) == 0 && s.Log != nil {
			s.Log.Warn("search source: terms official_sites, but the rule packs name no official query site (imitation.sites)", "source", src.ID)
		}
		for _, t := range official {
			add(t)
		}
	}
	for _, t := range src.Terms {
		add(t)
	}
	return out
}

// officialHost reports whether host is an official query host of a rule
// pack in force (imitation.sites hosts and official_suffixes).
func (r *run) officialHost(host string) bool {
	for _, p := range r.d.Matcher().Packs() {
		if p.Imitation != nil && p.Imitation.IsOfficialHost(host) {
			return true
		}
	}
	return false
}

// searchPage counts the results of a fetched result page under its term
// and returns the result links that go to official hosts, which are not
// fetched: a result page of a search engine lists the official platform
// for its name, and the platform is known. A link to the result page's
// own host is fetched even when official (a search on an official site).
// full: the source's page cap is reached (nothing is queued).
func (r *run) searchPage(src *config.Source, it store.FrontierItem, res *crawler.Result, full bool) map[string]bool {
	official := map[string]bool{}
	self := hostOf(res.FinalURL)
	if self == "" {
		self = hostOf(it.URL)
	}
	var c SearchTermCounts
	for _, l := range res.Listings {
		if l.URL == "" {
			continue
		}
		c.Results++
		if h := strings.ToLower(hostOf(l.URL)); h != "" && h != strings.ToLower(self) && r.officialHost(h) {
			official[l.URL] = true
			c.Official++
			continue
		}
		if !full {
			c.Queued++
		}
	}
	r.stats.searchCount(src.ID, it.Meta["term"], func(t *SearchTermCounts) {
		t.Results += c.Results
		t.Official += c.Official
		t.Queued += c.Queued
	})
	return official
}

// searchMeta adds to a listing's meta the term, page and result page that
// listed it.
func searchMeta(it store.FrontierItem, meta map[string]string) map[string]string {
	if t := it.Meta["term"]; t != "" {
		meta[metaSearchTerm] = t
		meta[metaSearchPage] = it.Meta["page"]
		meta[metaSearchFrom] = it.URL
	}
	return meta
}

// searchFetched counts a result page of a search source, fetched or not.
func (r *run) searchFetched(it store.FrontierItem, res *crawler.Result) {
	if it.Kind != kindSearch {
		return
	}
	ok := res.Outcome == crawler.OutcomeOK && res.Page != nil
	r.stats.searchCount(it.SourceID, it.Meta["term"], func(t *SearchTermCounts) {
		if ok {
			t.ResultPages++
		} else {
			t.Failed++
		}
	})
}

// searchReason is the reason a finding on a page that a search source's
// result page listed starts with.
func searchReason(sourceID string, meta map[string]string) string {
	page := meta[metaSearchPage]
	if page == "" {
		page = "1"
	}
	return fmt.Sprintf("经搜索发现：来源 %s 搜索“%s”，结果第 %s 页（%s）列出本网址", sourceID, meta[metaSearchTerm], page, readableURL(meta[metaSearchFrom]))
}

// readableURL is u with its percent-escapes decoded when they decode to
// printable UTF-8 (a result page's address shows the term as searched),
// else u.
func readableURL(u string) string {
	d, err := url.PathUnescape(u)
	if err != nil || !utf8.ValidString(d) || strings.ContainsFunc(d, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return u
	}
	return d
}

// withSearchReason counts a flagged page listed by a search source under
// its term and, for an imitation finding, puts first the reason that says
// which source, term and result page led to it.
func (r *run) withSearchReason(f *matcher.Finding, it store.FrontierItem) {
	if it.Kind != kindListing || f == nil || !f.Flagged || it.Meta[metaSearchTerm] == "" {
		return
	}
	r.stats.searchCount(it.SourceID, it.Meta[metaSearchTerm], func(t *SearchTermCounts) { t.Findings++ })
	if f.Imitation != nil {
		f.Reasons = append([]string{searchReason(it.SourceID, it.Meta)}, f.Reasons...)
	}
}

// searchCount changes the counts of a search source's term.
func (s *Summary) searchCount(source, term string, change func(*SearchTermCounts)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Search == nil {
		s.Search = map[string]map[string]*SearchTermCounts{}
	}
	terms := s.Search[source]
	if terms == nil {
		terms = map[string]*SearchTermCounts{}
		s.Search[source] = terms
	}
	c := terms[term]
	if c == nil {
		c = &SearchTermCounts{}
		terms[term] = c
	}
	change(c)
}

// counts lists the counts as (key, value) pairs in a fixed order; keys
// are casework.DiscoveryCount values.
func (c *SearchTermCounts) counts() [][2]any {
	return [][2]any{
		{"search_result_pages", c.ResultPages}, {"search_failed", c.Failed}, {"search_results", c.Results},
		{"search_official", c.Official}, {"search_queued", c.Queued}, {"search_findings", c.Findings},
	}
}

func (c *SearchTermCounts) add(o *SearchTermCounts) {
	c.ResultPages += o.ResultPages
	c.Failed += o.Failed
	c.Results += o.Results
	c.Official += o.Official
	c.Queued += o.Queued
	c.Findings += o.Findings
}

// printSearch writes a line per search source and term (caller holds
// s.mu), in Chinese (names from casework) or English (the keys).
func (s *Summary) printSearch(w io.Writer, chinese bool) {
	for _, src := range sortedKeys(s.Search) {
		terms := s.Search[src]
		for _, term := range sortedKeys(terms) {
			var parts []string
			for _, kv := range terms[term].counts() {
				k := kv[0].(string)
				if chinese {
					parts = append(parts, fmt.Sprintf("%s %d", casework.DiscoveryCount(k).Name(), kv[1]))
				} else {
					parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(k, "search_"), kv[1]))
				}
			}
			if chinese {
				fmt.Fprintf(w, "  搜索 %s“%s”：%s\n", src, term, strings.Join(parts, "，"))
			} else {
				fmt.Fprintf(w, "  search %s %q: %s\n", src, term, strings.Join(parts, ", "))
			}
		}
	}
}

// maxSearchLines bounds the discovery lines of one search source in a
// stored summary (one per term); the other terms are summed in one more.
const maxSearchLines = 30

// searchLines are the discovery lines of the search sources for the UI
// (caller holds s.mu): one per term, at most maxSearchLines a source.
func (s *Summary) searchLines() []DiscoveryLine {
	var out []DiscoveryLine
	line := func(name string, c *SearchTermCounts) {
		l := DiscoveryLine{Name: name}
		for _, kv := range c.counts() {
			l.Counts = append(l.Counts, NamedCount{Name: casework.DiscoveryCount(kv[0].(string)).Name(), Value: kv[1].(int)})
		}
		out = append(out, l)
	}
	for _, src := range sortedKeys(s.Search) {
		terms := s.Search[src]
		rest, n := &SearchTermCounts{}, 0
		for i, term := range sortedKeys(terms) {
			if i < maxSearchLines {
				line(fmt.Sprintf("搜索“%s”（来源 %s）", term, src), terms[term])
				continue
			}
			rest.add(terms[term])
			n++
		}
		if n > 0 {
			line(fmt.Sprintf("其余 %d 个搜索词（来源 %s）", n, src), rest)
		}
	}
	return out
}

// searchTroubles are the search sources whose result pages were fetched
// but listed nothing, for any term (TroubleSearchEmpty).
func searchTroubles(cfg *config.Config, sum *Summary) []Trouble {
	sum.mu.Lock()
	defer sum.mu.Unlock()
	var out []Trouble
	for _, src := range cfg.Sources {
		if src.Kind != config.KindSearch {
			continue
		}
		total := &SearchTermCounts{}
		for _, c := range sum.Search[src.ID] {
			total.add(c)
		}
		if total.ResultPages == 0 || total.Results > 0 {
			continue
		}
		out = append(out, Trouble{Source: src.ID, Kind: TroubleSearchEmpty, Name: TroubleName(TroubleSearchEmpty),
			Detail: fmt.Sprintf("抓取了 %d 个搜索结果页（%d 个搜索词），列表选择器一个结果也没有找到：网站可能改版或要求登录，请检查该来源的 listing 设置",
				total.ResultPages, len(sum.Search[src.ID]))})
	}
	return out
}

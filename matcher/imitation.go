package matcher

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/rules"
)

// cimitation is a pack's imitation-site configuration, normalized.
type cimitation struct {
	im       *rules.Imitation
	rule     *rules.Rule
	agencies []string
	query    []string
	labels   []string
	sites    []csite
	hostTags map[string]bool // distinctive labels of official hosts (mem, mohurd, samr …)
	// copyright is the copyright pattern tried only where one of its
	// leading literals occurs (pattern.go), as rule patterns are.
	copyright cpattern
}

type csite struct {
	s      *rules.OfficialSite
	titles []string
	labels []string
	agency string
}

func compileImitation(p *rules.Pack) *cimitation {
	im := p.Imitation
	ci := &cimitation{im: im, rule: p.Rule(im.Rule), hostTags: map[string]bool{}}
	if im.CopyrightPattern != nil {
		ci.copyright = compilePattern(im.CopyrightPattern, 0, "copyright")
	}
	norm := func(ss []string) []string {
		out := make([]string, 0, len(ss))
		for _, s := range ss {
			if n := NormalizeString(s); n != "" {
				out = append(out, n)
			}
		}
		return out
	}
	ci.agencies = norm(im.Agencies)
	ci.query = norm(im.QueryTerms)
	ci.labels = norm(im.FormLabels)
	for i := range im.Sites {
		s := &im.Sites[i]
		ci.sites = append(ci.sites, csite{s: s, titles: norm(s.Titles), labels: norm(s.FormLabels), agency: NormalizeString(s.Agency)})
		for _, h := range s.Hosts {
			for _, l := range strings.FieldsFunc(h, func(r rune) bool { return r == '.' || r == '-' }) {
				switch l {
				case "gov", "cn", "com", "net", "org", "www", "cx", "e":
					continue
				}
				if len(l) >= 3 {
					ci.hostTags[l] = true
				}
			}
		}
	}
	return ci
}

type imitationResult struct {
	site       *rules.OfficialSite
	host       string // the site's host closest to the page's
	similarity float64
	reasons    []string
	spans      []hit
}

// imitation decides whether the page presents itself as a government
// certificate-query service on a host that is not an official one.
func (s *scan) imitation(ci *cimitation) *ruleResult {
	if ci.rule == nil {
		return nil
	}
	if len(s.page.Forms) == 0 && !s.m.reference && !s.queryOffered(ci, NormalizeString(s.page.Title)) {
		// No form asks anything and nothing offers a query: not a query
		// service, whatever the host (the check below, made first).
		return nil
	}
	u, err := url.Parse(s.page.URL)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	if ci.im.IsOfficialHost(host) {
		return nil
	}
	text := s.n.Text
	title := NormalizeString(s.page.Title)

	// Form fields asking for identity or certificate details; forms that
	// post to an official host are the real service embedded, not a copy.
	var fieldText []string
	for _, f := range s.page.Forms {
		if a, err := url.Parse(f.Action); err == nil && a.Hostname() != "" && ci.im.IsOfficialHost(a.Hostname()) {
			continue
		}
		for _, fl := range f.Fields {
			fieldText = append(fieldText, NormalizeString(fl.Label+" "+fl.Placeholder+" "+fl.Name))
		}
	}
	asked := map[string]bool{}
	for _, l := range ci.labels {
		for _, ft := range fieldText {
			if strings.Contains(ft, l) {
				asked[l] = true
			}
		}
	}
	// 身份证号 and 身份证号码 are one question.
	for l := range asked {
		for o := range asked {
			if l != o && strings.Contains(o, l) {
				delete(asked, l)
			}
		}
	}

	query := s.queryOffered(ci, title)
	if len(asked) < 2 && !query {
		return nil // neither asks the questions nor offers a query: not a query service
	}

	var agency string
	var spans []hit
	for _, a := range ci.agencies {
		if i := strings.Index(text, a); i >= 0 {
			agency = a
			spans = append(spans, hit{lit: -1, start: i, end: i + len(a)})
			break
		}
	}
	// Similarity to each official site: title, questions asked, agency, host.
	var best *csite
	bestSim, bestTitle, bestHost := -1.0, 0.0, ""
	for i := range ci.sites {
		cs := &ci.sites[i]
		ts := 0.0
		for _, t := range cs.titles {
			if v := similarity(title, t); v > ts {
				ts = v
			}
		}
		lo := 0.0
		if len(cs.labels) > 0 {
			n := 0
			for _, l := range cs.labels {
				for _, ft := range fieldText {
					if strings.Contains(ft, l) {
						n++
						break
					}
				}
			}
			lo = float64(n) / float64(len(cs.labels))
		}
		// The agency named on the page, compared with the site's: a copy of
		// a provincial 住房和城乡建设厅 still resembles 住房和城乡建设部.
		ag := 0.0
		if cs.agency != "" && strings.Contains(text, cs.agency) {
			ag = 1
		} else if agency != "" {
			ag = similarity(agency, cs.agency)
		}
		hs, closest := -1.0, ""
		for _, h := range cs.s.Hosts {
			if v := hostSimilarity(host, h); v > hs {
				hs, closest = v, h
			}
		}
		sim := (ts + lo + ag + hs) / 4
		if ts > bestTitle {
			bestTitle = ts
		}
		if sim > bestSim {
			best, bestSim, bestHost = cs, sim, closest
		}
	}

	hostSignal := ""
	switch {
	case net.ParseIP(host) != nil:
		hostSignal = "网址是裸 IP 地址 " + host
	case strings.Contains(host, "gov.cn") || strings.Contains(host, "govcn") || strings.Contains(host, "-gov"):
		hostSignal = "网址把 gov.cn 当作其他域名的一部分：" + host
	default:
		for _, l := range strings.FieldsFunc(host, func(r rune) bool { return r == '.' || r == '-' }) {
			if ci.hostTags[l] {
				hostSignal = fmt.Sprintf("网址含官方网址的标识“%s”：%s", l, host)
				break
			}
		}
		if hostSignal == "" && best != nil {
			for _, h := range best.s.Hosts {
				if hostSimilarity(host, h) >= 0.75 {
					hostSignal = fmt.Sprintf("网址与官方网址 %s 形近：%s", h, host)
				}
			}
		}
	}

	form := len(asked) >= 2
	// It presents itself as the service: it asks the questions, or copies
	// the title closely, or shows a verification result on a host that
	// imitates an official one.
	presents := form || (bestTitle >= 0.8 && query) || (hostSignal != "" && query)
	if !presents {
		return nil
	}
	// The copyright line (a regular expression over the whole text) only
	// for a page that presents itself as the service.
	var copyright string
	if ci.im.CopyrightPattern != nil {
		if loc := ci.findCopyright(text, s.m.reference); loc != nil {
			copyright = text[loc[0]:loc[1]]
			spans = append(spans, hit{lit: -1, start: loc[0], end: loc[1]})
		}
	}
	gov := bestTitle >= ci.im.MinSimilarity || agency != "" || copyright != ""
	if !gov {
		return nil
	}
	w := ci.im.Weights
	res := &ruleResult{rule: ci.rule}
	ir := &imitationResult{spans: spans}
	if best != nil {
		ir.site, ir.similarity, ir.host = best.s, bestSim, bestHost
	}
	res.imitation = ir
	add := func(weight float64, reason string) {
		res.score += weight
		ir.reasons = append(ir.reasons, fmt.Sprintf("%s(%+.2g)", reason, weight))
	}
	ir.reasons = append(ir.reasons, fmt.Sprintf("页面以政府证书查询服务的面目出现，但网址 %s 不是官方网址", host))
	if bestTitle > 0 {
		add(w.Title*bestTitle, fmt.Sprintf("标题与官方查询平台标题相似度 %.2f", bestTitle))
	}
	if agency != "" {
		add(w.Agency, fmt.Sprintf("出现单位名称“%s”", agency))
	}
	if form {
		var ls []string
		for _, l := range ci.labels {
			if asked[l] {
				ls = append(ls, l)
			}
		}
		add(w.Form, "表单要求填写"+quoteJoin(ls))
	}
	if copyright != "" {
		add(w.Copyright, fmt.Sprintf("版权或主办信息“%s”", copyright))
	}
	if query {
		add(w.Query, "自称查询或验证服务")
	}
	if hostSignal != "" {
		add(w.Host, hostSignal)
	}
	if best != nil {
		ir.reasons = append(ir.reasons, fmt.Sprintf("与官方查询平台「%s」(%s) 的相似度 %.2f", best.s.Name, bestHost, bestSim))
	}
	return res
}

// similarity is the Dice coefficient of the character bigrams of a and b;
// 1 when one contains the other and the shorter has at least four characters.
func similarity(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	short, long := a, b
	if na > nb {
		short, long = b, a
	}
	if min(na, nb) >= 4 && strings.Contains(long, short) {
		return 1
	}
	if na < 2 || nb < 2 {
		return 0
	}
	// The bigrams of each, sorted, counted in common by a merge: as many
	// as the multiset intersection holds (no map, and for titles no
	// allocation).
	var sa, sb [64]uint64
	ga, gb := bigrams(sa[:0], a), bigrams(sb[:0], b)
	common := 0
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] < gb[j]:
			i++
		case ga[i] > gb[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return 2 * float64(common) / float64(na-1+nb-1)
}

// bigrams appends the character bigrams of s, each as two runes in one
// word (a rune fits in 32 bits), and sorts them. Invalid bytes are
// utf8.RuneError, as []rune(s) makes them.
func bigrams(out []uint64, s string) []uint64 {
	prev, first := rune(0), true
	for _, r := range s {
		if !first {
			out = append(out, uint64(uint32(prev))<<32|uint64(uint32(r)))
		}
		prev, first = r, false
	}
	slices.Sort(out)
	return out
}

// hostSimilarity compares two host names by edit distance, 1 when equal.
func hostSimilarity(a, b string) float64 {
	if a == b {
		return 1
	}
	d := levenshtein(a, b)
	n := len(a)
	if len(b) > n {
		n = len(b)
	}
	return 1 - float64(d)/float64(n)
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// textHas reports whether the normalized text contains q: for a literal
// of the automaton, whether the automaton found it (it reports every
// occurrence of every literal), otherwise by search.
func (s *scan) textHas(q string) bool {
	id, ok := s.m.index[q]
	if !ok || s.m.ac == nil {
		return strings.Contains(s.n.Text, q)
	}
	if s.rawSeen == nil {
		s.rawSeen = make([]uint64, (len(s.m.lits)+63)/64)
		for _, h := range s.raw {
			s.rawSeen[h.PatternID>>6] |= 1 << (h.PatternID & 63)
		}
	}
	return s.rawSeen[id>>6]&(1<<(id&63)) != 0
}

// queryOffered reports whether the title (normalized) or the text names a
// query service (one of the imitation's query terms).
func (s *scan) queryOffered(ci *cimitation, title string) bool {
	for _, q := range ci.query {
		if strings.Contains(title, q) || s.textHas(q) {
			return true
		}
	}
	return false
}

// findCopyright returns the leftmost match of the copyright pattern in
// text: with the pattern anchored at each occurrence of its leading
// literals when it has them (the reference matcher runs the plain
// expression over the whole text, as TestCopyrightSameAsRegexp does).
func (ci *cimitation) findCopyright(text string, reference bool) []int {
	if reference || ci.copyright.anchored == nil {
		return ci.im.CopyrightPattern.FindStringIndex(text)
	}
	if loc := ci.copyright.findAll(text, 1); len(loc) > 0 {
		return loc[0]
	}
	return nil
}

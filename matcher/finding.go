package matcher

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/certwatch/certwatch/finding"
)

// The finding format is package finding's; these names keep the
// matcher's callers and code reading as they did.
type (
	Finding      = finding.Finding
	ModelVerdict = finding.ModelVerdict
	NGram        = finding.NGram
	RuleHit      = finding.RuleHit
	Match        = finding.Match
	Contact      = finding.Contact
	Imitated     = finding.Imitated
)

// Channels: which stage of detection flagged a page (see finding).
const (
	ChannelRules = finding.ChannelRules
	ChannelModel = finding.ChannelModel
	ChannelBoth  = finding.ChannelBoth
)

// Empty lists shared by findings without hits, so that JSON shows [] and
// not null without an allocation per page. Capacity 0: an append copies.
var (
	noRules    = []RuleHit{}
	noMatches  = []Match{}
	noContacts = []Contact{}
	noReasons  = []string{}
)

func finish(f *Finding) *Finding {
	if f.Rules == nil {
		f.Rules = noRules
	}
	if f.Matches == nil {
		f.Matches = noMatches
	}
	if f.Contacts == nil {
		f.Contacts = noContacts
	}
	if f.Reasons == nil {
		f.Reasons = noReasons
	}
	return f
}

// span converts a normalized span to a field and original offsets.
func (s *scan) span(h hit) (field string, start, end int, text string) {
	a, b := s.n.Orig(h.start, h.end)
	src := s.n.Source()
	text = src[a:b]
	// doc is title + "\n" + text.
	if a < s.titleEnd {
		if b > s.titleEnd {
			b = s.titleEnd
		}
		return "title", a, b, text
	}
	off := s.titleEnd + 1
	if a < off {
		a = off
	}
	return "text", a - off, b - off, text
}

func (s *scan) fill(f *Finding) {
	// slices' sorts are sort's algorithms without the reflection: the
	// same order.
	slices.SortStableFunc(s.results, func(a, b *ruleResult) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	s.fillContacts(f)
	type mkey struct {
		field      string
		start, end int
		kind       string
	}
	matches := map[mkey]*Match{}
	addMatch := func(h hit, term, kind, rule string) {
		field, a, b, text := s.span(h)
		k := mkey{field, a, b, kind}
		if m, ok := matches[k]; ok {
			if m.Rules[len(m.Rules)-1] != rule {
				m.Rules = append(m.Rules, rule)
			}
			return
		}
		matches[k] = &Match{Field: field, Start: a, End: b, Text: text, Term: term, Kind: kind, Rules: []string{rule}}
	}
	for i, res := range s.results {
		p := res.rule.Pack
		threshold := res.threshold
		if threshold == 0 {
			threshold = p.Threshold
		}
		rh := RuleHit{ID: res.rule.ID, Category: res.rule.Category, Pack: p.Version(), Route: res.rule.Route,
			Score: round2(res.score), Threshold: threshold, Fired: res.score >= threshold}
		var parts []string
		for _, t := range res.terms {
			if rh.Terms == nil {
				rh.Terms = make([]string, 0, len(res.terms))
			}
			rh.Terms = append(rh.Terms, t.label)
			parts = append(parts, "“"+t.label+"”("+signedG(t.weight)+")")
			kind := "term"
			if strings.HasPrefix(t.label, "/") {
				kind = "pattern"
			}
			for _, h := range t.spans {
				addMatch(h, t.label, kind, res.rule.ID)
			}
		}
		for _, n := range res.near {
			rh.Near = append(rh.Near, n.name)
			parts = append(parts, nearReason(n))
			for j, h := range n.spans {
				addMatch(h, n.labels[j], "near", res.rule.ID)
			}
		}
		if res.short != "" {
			parts = append(parts, res.short)
		}
		for _, g := range res.groups {
			rh.Groups = append(rh.Groups, g.name)
			parts = append(parts, "组合“"+g.name+"”("+signedG(g.weight)+")："+quoteJoin(g.labels)+" 相距 "+strconv.Itoa(g.distance)+" 词")
			for j, h := range g.spans {
				if h.lit >= 0 {
					addMatch(h, g.labels[j], "group", res.rule.ID)
				}
			}
		}
		if res.bonus != nil {
			rh.ContactBonus = p.ContactBonus.Weight
			parts = append(parts, "联系方式“"+res.bonus.value+"”紧邻要约("+signedG(p.ContactBonus.Weight)+")")
		}
		if res.imitation != nil {
			parts = append(parts, res.imitation.reasons...)
			for _, h := range res.imitation.spans {
				addMatch(h, s.n.Text[h.start:h.end], "term", res.rule.ID)
			}
		}
		if res.unit != nil {
			rh.Block = string(res.unit.kind)
			if res.unit.path != "" {
				rh.Block += " " + res.unit.path
			}
		}
		if res.genre != nil && res.raw > 0 {
			rh.Genre = res.genre.g.ID
		}
		where := ""
		if u := unitReason(res); u != "" {
			where = "［" + u + "］"
		}
		reason := "规则 " + res.rule.ID + "（" + p.CategoryName(res.rule.Category) + "）得分 " + plainG(round2(res.score)) + where + "：" + strings.Join(parts, "，")
		var excl []string
		for _, e := range res.exclusions {
			rh.Exclusions = append(rh.Exclusions, e.e.ID)
			excl = append(excl, "排除“"+e.e.Reason+"”("+signedG(e.e.Weight)+")：出现“"+e.label+"”")
			for _, h := range e.spans {
				addMatch(h, e.label, "exclusion", res.rule.ID)
			}
		}
		if len(excl) > 0 {
			reason += "；" + strings.Join(excl, "；")
		}
		f.Reasons = append(f.Reasons, reason)
		f.Rules = append(f.Rules, rh)
		if i == 0 {
			f.Score = round2(res.score)
			if rh.Fired {
				f.Flagged = true
				f.Category = res.rule.Category
				f.CategoryName = p.CategoryName(res.rule.Category)
				f.Route = res.rule.Route
				f.Reasons[0] = fmt.Sprintf("达到阈值 %g，建议：%s。", threshold, res.rule.Route.Name()) + f.Reasons[0]
			}
			if res.imitation != nil && res.imitation.site != nil {
				f.Imitation = &Imitated{Site: res.imitation.site.Name, Host: res.imitation.host, Similarity: round2(res.imitation.similarity)}
			}
		}
	}
	if g := s.pageGenre; g != nil && len(s.results) > 0 {
		f.Genre, f.GenreName = g.g.ID, g.g.Name
		f.Reasons = append(f.Reasons, "体裁："+genreReason(g))
	}
	if len(matches) > 0 {
		f.Matches = make([]Match, 0, len(matches))
	}
	for _, m := range matches {
		f.Matches = append(f.Matches, *m)
	}
	slices.SortFunc(f.Matches, func(a, b Match) int {
		if a.Field != b.Field {
			if a.Field == "title" {
				return -1
			}
			if b.Field == "title" {
				return 1
			}
			return 0
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		// One span can be a term and a proximity member at once: a fixed
		// order (the map gave a random one).
		return strings.Compare(a.Kind, b.Kind)
	})
}

// fillContacts adds the page's contacts, with their raw form, to f.
func (s *scan) fillContacts(f *Finding) {
	if len(s.contacts) > 0 {
		f.Contacts = slices.Grow(f.Contacts, len(s.contacts))
	}
	for _, c := range s.contacts {
		field, a, b, text := s.span(hit{start: c.start, end: c.end})
		if s.borrowed {
			text = strings.Clone(text)
		}
		f.Contacts = append(f.Contacts, Contact{Kind: c.kind, Value: c.value, Field: field, Start: a, End: b, Text: text,
			Obfuscated: obfuscated(c, text), Possible: c.possible})
	}
}

// obfuscated reports whether a numeric contact's raw text does not hold
// its value as plain ASCII digits.
func obfuscated(c contact, raw string) bool {
	if c.value == "" || c.value[0] < '0' || c.value[0] > '9' {
		return false
	}
	var small [64]byte
	d := small[:0]
	for i := 0; i < len(raw); i++ {
		if raw[i] >= '0' && raw[i] <= '9' {
			d = append(d, raw[i])
		}
	}
	return !strings.Contains(unsafe.String(unsafe.SliceData(d), len(d)), c.value)
}

func quoteJoin(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "“" + s + "”"
	}
	return strings.Join(q, "与")
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}

// plainG formats v as fmt's %g does (the shortest representation), and
// signedG as %+g (with a sign also when v is not negative); the reasons
// are built without fmt on every candidate page.
func plainG(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func signedG(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if s[0] != '-' && s[0] != '+' { // FormatFloat writes +Inf with its sign
		s = "+" + s
	}
	return s
}

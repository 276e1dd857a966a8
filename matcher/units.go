package matcher

// Per-unit scoring (issue 11, "one page model").
//
// The automaton runs once over the whole normalized page, as before; what
// changed is what a rule is scored over. The page's blocks (page.Block) are
// grouped into units, and every rule is scored on every unit that holds a
// hit, with only that unit's hits, contacts and exclusion terms:
//
//   - the article: the title with every main block (and headings inside
//     it), the headline with its main text;
//   - the title alone, as a short text of its own (it shares the title with
//     the article, so the two never add up);
//   - each post, reply or comment (blocks of one post, sharing a Group,
//     together);
//   - each listing card: the listing fields of one Group together, but
//     the seller's name apart, at weight 0.6 (a shop's label on every
//     listing, not what this listing offers);
//   - the site's chrome, one unit per kind: link texts, navigation,
//     footers, sidebars, boilerplate.
//
// A unit's score is the rule's score over the unit, times the unit's
// weight (page.Kind.Weight: 1 for content, 0.6 link texts, 0.3 sidebars
// and boilerplate, 0.2 navigation and footers) and its genre factor
// (genre.go). The rule's page score is its best unit (the one furthest
// above its threshold) plus a capped bonus from the other units: half of
// each other unit's positive score, at most otherUnitCap in all. The
// threshold is the best unit's: the short-text threshold applies to a
// short unit (a title, a comment, a listing card) exactly as it used to
// apply to a short page.
//
// Consequences: an exclusion counts only in its own unit (the platform
// rules in a marketplace's footer, the exam timetable in a sidebar, the
// news in another reply do not cancel an offer); a contact in the footer or
// the navigation is the site's own and corroborates nothing in the
// article; and an exclusion term never comes from a contact (12350 inside a
// number) or from inside the offer itself (a span that scored, or the
// stretch of at most 16 characters on one line that a satisfied group or
// proximity clause covers: an exam-subject word inside a substitute-exam
// ad; or the 、-joined list a term that scored stands in: 耳机、话筒、准考证,
// 我们都搞定, enumeration.go).
//
// The title alone counts only where the article around it does not say
// otherwise: when the rule met an exclusion in the article, the title's
// own score is dropped (a news headline is not an ad because the report's
// cues stand in its body).

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

const (
	// otherUnitShare and otherUnitCap bound what units other than the best
	// add to a rule's page score: a thread in which two replies offer the
	// same thing is more suspicious than one, but ten replies that each
	// mention 电工证 are not an offer.
	otherUnitShare = 0.5
	otherUnitCap   = 2.0
	// maxUnits bounds the units of one page; posts past it join the last.
	maxUnits = 400
	// sellerWeight is the weight of a listing's seller field, scored
	// apart from the card's other fields.
	sellerWeight = 0.6
	// maxOfferStretch is the longest stretch, in characters, between the
	// first and last member of a group or proximity clause inside which an
	// exclusion term counts as part of the offer.
	maxOfferStretch = 16
)

// unit is a part of a page scored on its own.
type unit struct {
	ranges [][2]int // normalized byte ranges, sorted and disjoint
	kind   page.Kind
	weight float64
	path   string
	field  string // listing field name, for a one-field listing unit
	part   int    // units that share a block share a part
	// overlay: the title alone, also part of the article (part 0)
	overlay bool
	genre   *genreHit
}

// kindNames are the Chinese names of block kinds, for reasons.
var kindNames = map[page.Kind]string{
	page.KindTitle:        "标题",
	page.KindMain:         "正文",
	page.KindPost:         "帖子或回复",
	page.KindListingField: "商品信息",
	page.KindLinkText:     "链接文字",
	page.KindAltText:      "图片说明",
	page.KindNav:          "导航",
	page.KindFooter:       "页脚",
	page.KindSidebar:      "侧栏",
	page.KindBoilerplate:  "模板内容",
}

// describe names the unit for reasons: 正文（main，body）.
func (u *unit) describe() string {
	name := kindNames[u.kind]
	if name == "" {
		name = string(u.kind)
	}
	where := string(u.kind)
	if u.path != "" {
		where += "，" + u.path
	}
	return name + "（" + where + "）"
}

// normOffset maps an offset of the original title + "\n" + text to the
// normalized text: the first normalized byte that comes from at or after it.
func (s *scan) normOffset(o int) int { return s.n.normOffset(o) }

// buildUnits groups the page's blocks into units (see the file comment).
// The page must have blocks (Match calls EnsureBlocks).
func (s *scan) buildUnits() []*unit {
	p := s.page
	titleLen := len(p.Title)
	var titleRange [2]int
	if p.Title != "" {
		titleRange = [2]int{0, s.normOffset(titleLen)}
	}
	rng := func(b page.Block) [2]int {
		return [2]int{s.normOffset(titleLen + 1 + b.Start), s.normOffset(titleLen + 1 + b.End)}
	}
	article := &unit{kind: page.KindMain, weight: 1, part: 0}
	if titleRange[1] > titleRange[0] {
		article.ranges = append(article.ranges, titleRange)
	}
	units := []*unit{article}
	chrome := map[page.Kind]*unit{}
	groups := map[int]*unit{} // listing cards and posts by Group
	var lastPost *unit
	lastGroup := -1
	mainPath := ""
	for _, b := range p.Blocks {
		if b.Detached {
			continue
		}
		r := rng(b)
		if r[1] <= r[0] {
			continue
		}
		switch b.Kind {
		case page.KindMain, page.KindTitle:
			article.ranges = append(article.ranges, r)
			if mainPath == "" && b.Kind == page.KindMain {
				mainPath = b.Path
			}
		case page.KindPost:
			if lastPost != nil && b.Group != 0 && b.Group == lastGroup || len(units) >= maxUnits && lastPost != nil {
				lastPost.ranges = append(lastPost.ranges, r)
				continue
			}
			lastPost = &unit{kind: page.KindPost, weight: unitWeight(b), path: b.Path, part: len(units), ranges: [][2]int{r}}
			lastGroup = b.Group
			units = append(units, lastPost)
		case page.KindListingField:
			key := -1 - b.Group
			if b.Field == "seller" {
				// A seller's name is the shop's label on every listing
				// ("鑫诚证件代办"): scored apart, at sellerWeight, so
				// that it alone does not make a card an offer.
				key = -1<<20 - b.Group
			}
			u := groups[key]
			if u == nil && len(units) >= maxUnits {
				u = units[len(units)-1]
			}
			if u == nil {
				u = &unit{kind: page.KindListingField, weight: unitWeight(b), path: b.Path, field: b.Field, part: len(units)}
				if b.Field == "seller" {
					u.weight = min(u.weight, sellerWeight)
				}
				groups[key] = u
				units = append(units, u)
			} else if u.field != b.Field {
				u.field = ""
			}
			u.ranges = append(u.ranges, r)
		default:
			u := chrome[b.Kind]
			if u == nil {
				u = &unit{kind: b.Kind, weight: unitWeight(b), path: b.Path, part: len(units)}
				chrome[b.Kind] = u
				units = append(units, u)
			}
			u.weight = max(u.weight, unitWeight(b))
			u.ranges = append(u.ranges, r)
		}
	}
	if len(article.ranges) == 0 {
		units = units[1:]
	} else {
		article.path = mainPath
		if mainPath == "" && titleRange[1] > titleRange[0] && len(article.ranges) == 1 {
			article.kind, article.path = page.KindTitle, "title"
		}
		if titleRange[1] > titleRange[0] && len(article.ranges) > 1 {
			// The title alone: a short text of its own.
			units = append(units, &unit{kind: page.KindTitle, weight: 1, path: "title", part: 0, overlay: true, ranges: [][2]int{titleRange}})
		}
	}
	for _, u := range units {
		slices.SortFunc(u.ranges, func(a, b [2]int) int { return a[0] - b[0] })
	}
	return units
}

// scanView is what scoring reads that depends on the unit: hits by
// literal, contacts, family members, the text's length and its ranges.
type scanView struct {
	byLit        *litHits
	contacts     []contact
	fam          [][]famHit
	contactHits  []famHit
	contactKinds []string
	chars        int
	ranges       [][2]int
}

func (s *scan) view() scanView {
	return scanView{s.byLit, s.contacts, s.fam, s.contactHits, s.contactKinds, s.chars, s.ranges}
}

func (s *scan) setView(v scanView) {
	s.byLit, s.contacts, s.fam, s.contactHits, s.contactKinds, s.chars, s.ranges = v.byLit, v.contacts, v.fam, v.contactHits, v.contactKinds, v.chars, v.ranges
}

// inRanges reports whether [a, b) lies inside one of the sorted ranges.
func inRanges(ranges [][2]int, a, b int) bool {
	i := sort.Search(len(ranges), func(i int) bool { return ranges[i][1] > a })
	return i < len(ranges) && ranges[i][0] <= a && b <= ranges[i][1]
}

// unitView restricts the page's view (full) to the unit's ranges. It
// reports false when the unit holds no hit a rule could score with.
func (s *scan) unitView(full scanView, u *unit) (scanView, bool) {
	v := scanView{ranges: u.ranges}
	in := s.unitHits[:0]
	for _, r := range u.ranges {
		i := sort.Search(len(s.hits), func(i int) bool { return s.hits[i].start >= r[0] })
		for ; i < len(s.hits) && s.hits[i].start < r[1]; i++ {
			h := s.hits[i]
			if h.end <= r[1] {
				in = append(in, h)
			}
		}
	}
	s.unitHits = in
	v.byLit = newLitHits(len(s.m.lits), in)
	any := false
	for _, id := range v.byLit.literals() {
		l := &s.m.lits[id]
		// positive, not opens: the list bound (lists.go) clears opens on
		// a list rule's terms, but only decides whether the page is a
		// candidate; a unit with list-term hits is scored as without it.
		if l.positive || len(l.slotOf) > 0 {
			any = true
			break
		}
	}
	if full.fam != nil {
		// Two walks: the first counts the unit's family members, so that
		// the second copies them into one array (a family's slice is
		// capped at its own members, and stays nil without any).
		n := 0
		for _, hs := range full.fam {
			for _, r := range u.ranges {
				i := sort.Search(len(hs), func(i int) bool { return hs[i].start >= r[0] })
				for ; i < len(hs) && hs[i].start < r[1]; i++ {
					if hs[i].end <= r[1] {
						n++
					}
				}
			}
		}
		// The index and the members are the scan's scratch space, reused
		// by the next unit: nothing a result keeps points into them
		// (evalNear and the short-text check copy what they report).
		if cap(s.famIdx) < len(full.fam) {
			s.famIdx = make([][]famHit, len(full.fam))
		}
		v.fam = s.famIdx[:len(full.fam)]
		clear(v.fam)
		buf := slices.Grow(s.famBuf[:0], n)
		defer func() { s.famBuf = buf[:0] }()
		for fi, hs := range full.fam {
			from := len(buf)
			for _, r := range u.ranges {
				i := sort.Search(len(hs), func(i int) bool { return hs[i].start >= r[0] })
				for ; i < len(hs) && hs[i].start < r[1]; i++ {
					if hs[i].end <= r[1] {
						buf = append(buf, hs[i])
						any = true
					}
				}
			}
			if len(buf) > from {
				v.fam[fi] = buf[from:len(buf):len(buf)]
			}
		}
	}
	if !any {
		return v, false
	}
	for _, c := range full.contacts {
		if inRanges(u.ranges, c.start, c.end) {
			v.contacts = append(v.contacts, c)
		}
	}
	for k, c := range full.contactHits {
		if inRanges(u.ranges, c.start, c.end) {
			v.contactHits = append(v.contactHits, c)
			v.contactKinds = append(v.contactKinds, full.contactKinds[k])
		}
	}
	for _, r := range u.ranges {
		v.chars += utf8.RuneCountInString(s.n.Text[r[0]:r[1]])
	}
	return v, true
}

// personalContact reports whether the view holds a personal contact.
func (v scanView) personalContact() bool {
	for _, c := range v.contacts {
		if c.personal() {
			return true
		}
	}
	return false
}

// scoreUnits scores every rule on every unit and keeps, per rule, its best
// unit with the bonus of the others (see the file comment).
func (s *scan) scoreUnits() {
	if s.m.gram.any || len(s.m.gram.short) > 0 {
		s.ensureFamilies()
	}
	full := s.view()
	units := s.buildUnits()
	s.pageGenre = s.detectGenre(units)
	best := make([][]scored, len(s.m.rules))
	for _, u := range units {
		var v scanView
		if len(units) == 1 {
			// The one unit holds every hit: the page's view, with the
			// unit's ranges and length.
			v = full
			v.ranges = u.ranges
			v.chars = 0
			for _, r := range u.ranges {
				v.chars += utf8.RuneCountInString(s.n.Text[r[0]:r[1]])
			}
			u.genre = s.pageGenre // the same text
			s.setView(v)
		} else {
			var ok bool
			if v, ok = s.unitView(full, u); !ok {
				continue
			}
			s.setView(v)
			u.genre = s.unitGenre()
		}
		factor, genre := s.genreFactor(u, v)
		for ri, r := range s.m.rules {
			if !s.m.reference && !s.mayScore(r) {
				continue // score would return nil (prefilter.go)
			}
			res := s.score(r)
			if res == nil {
				continue
			}
			res.unit = u
			res.raw = res.score
			res.weight = u.weight
			if genre != nil && !sameEvidence(res, genre) {
				res.genre = genre
			}
			if res.score > 0 {
				res.score *= u.weight
				if res.genre != nil {
					res.factor = factor
					res.score *= factor
				}
			}
			best[ri] = append(best[ri], scored{res, u})
		}
	}
	s.setView(full)
	for _, rs := range best {
		if len(rs) > 1 {
			rs = dropOverlay(rs)
		}
		if len(rs) == 0 {
			continue
		}
		b := rs[0]
		for _, x := range rs[1:] {
			if x.res.score-x.res.threshold > b.res.score-b.res.threshold {
				b = x
			}
		}
		res := b.res
		if res.score > 0 {
			// Each other part counts once, with its best unit: the
			// title alone and the article it heads are one part, so
			// the title's words are not counted twice.
			// Summed in part order, so the float sum (and the reason's
			// rounded figure) is the same on every run.
			byPart := make([]float64, len(units))
			for _, x := range rs {
				if x.unit.part != b.unit.part && x.res.score > 0 {
					byPart[x.unit.part] = max(byPart[x.unit.part], x.res.score)
				}
			}
			bonus := 0.0
			res.others = 0
			for _, sc := range byPart {
				if sc > 0 {
					bonus += otherUnitShare * sc
					res.others++
				}
			}
			res.bonusOthers = min(bonus, otherUnitCap)
			res.score += res.bonusOthers
		}
		s.results = append(s.results, res)
	}
}

// offerSpans are the stretches of text an exclusion term may not come
// from: every span that scored, and for a satisfied group or proximity
// clause with a positive weight the stretch from its first to its last
// member when they stand on one line.
func (s *scan) offerSpans(res *ruleResult) [][2]int {
	var out [][2]int
	add := func(hs []hit) {
		lo, hi := -1, -1
		for _, h := range hs {
			out = append(out, [2]int{h.start, h.end})
			if lo < 0 || h.start < lo {
				lo = h.start
			}
			hi = max(hi, h.end)
		}
		if lo >= 0 && hi > lo && hi-lo <= 4*maxOfferStretch && utf8.RuneCountInString(s.n.Text[lo:hi]) <= maxOfferStretch && s.lineOf(lo) == s.lineOf(hi-1) {
			out = append(out, [2]int{lo, hi})
		}
	}
	for _, t := range res.terms {
		if t.weight > 0 {
			for _, h := range t.spans {
				out = append(out, [2]int{h.start, h.end})
				// normalizing drops the enumeration comma: the list is
				// read in the source text and mapped back
				a, b := s.n.Orig(h.start, h.end)
				if lo, hi := enumeration(s.n.Source(), a, b); lo < a || hi > b {
					lo, hi = s.n.normOffset(lo), s.n.normOffset(hi)
					out = append(out, [2]int{lo, hi})
				}
			}
		}
	}
	for _, g := range res.groups {
		if g.weight > 0 {
			add(g.spans)
		}
	}
	for _, n := range res.near {
		if n.weight > 0 {
			add(n.spans)
		}
	}
	for _, c := range s.contacts {
		out = append(out, [2]int{c.start, c.end})
	}
	return out
}

// outsideOffer keeps the exclusion hits that do not overlap an offer span
// or a contact.
func outsideOffer(hs []hit, spans [][2]int) []hit {
	var out []hit
	for _, h := range hs {
		inside := false
		for _, sp := range spans {
			if h.start < sp[1] && sp[0] < h.end {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}

// nearUsedContact reports whether a satisfied proximity clause of res
// used a contact slot: the contact counted there, and the pack's
// contact_bonus must not count it again.
func nearUsedContact(res *ruleResult) bool {
	for _, n := range res.near {
		for _, f := range n.fams {
			if len(f) > 0 && f[0] == '@' && f != rules.TokenPrice {
				return true
			}
		}
	}
	return false
}

// unitReason is the part of a rule's reason that says where it scored.
func unitReason(res *ruleResult) string {
	if res.unit == nil {
		return ""
	}
	s := "区块 " + res.unit.describe()
	if res.weight != 1 && res.raw > 0 {
		s += fmt.Sprintf("，权重 ×%g", res.weight)
	}
	if res.genre != nil && res.raw > 0 {
		s += fmt.Sprintf("，体裁“%s”×%g", res.genre.g.Name, round2(res.factor))
	}
	if res.others > 0 {
		s += fmt.Sprintf("，其他 %d 个区块另加 %g", res.others, round2(res.bonusOthers))
	}
	return s
}

// scored is one rule's result on one unit.
type scored struct {
	res  *ruleResult
	unit *unit
}

// dropOverlay removes the title-alone result when the article (the unit
// of part 0 that is not the title alone) met an exclusion for the rule.
func dropOverlay(rs []scored) []scored {
	excluded := false
	for _, x := range rs {
		if x.unit.part == 0 && !x.unit.overlay && len(x.res.exclusions) > 0 {
			excluded = true
		}
	}
	if !excluded {
		return rs
	}
	out := rs[:0:0]
	for _, x := range rs {
		if !x.unit.overlay {
			out = append(out, x)
		}
	}
	return out
}

// sameEvidence reports whether the genre is recognised only thanks to
// words that also lowered res as exclusions: fewer than its min_cues cues
// remain once those are set aside. The words then counted once, as
// exclusions, and the genre's factor does not count them again.
func sameEvidence(res *ruleResult, g *genreHit) bool {
	if len(res.exclusions) == 0 {
		return false
	}
	own := 0
	for _, c := range g.cues {
		used := false
		for _, e := range res.exclusions {
			if e.label == c {
				used = true
				break
			}
		}
		if !used {
			own++
		}
	}
	return own < g.g.MinCues
}

// priceRE is an amount of money written with digits, in normalized text
// (full-width forms folded, lower case; the normalizer drops ¥, so an
// amount needs its unit): 800元, 1.5万, 300块, 300rmb, 人民币300; or with
// Chinese numerals and 元 or 块 (两千元, 万元高薪; not 千万, "by all means").
var priceRE = regexp.MustCompile(`(?:rmb|人民币)\s?[0-9]+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?\s?(?:元|块|万元|万|rmb)|[一二两三四五六七八九十百千万]+(?:元|块)`)

// priceAmount finds an amount of money in the unit's text outside the
// spans that made the score (inside reports those), for the short-text
// corroborator @price.
func (s *scan) priceAmount(inside func(a, b int) bool) (int, int, bool) {
	ranges := s.ranges
	if ranges == nil {
		ranges = [][2]int{{0, len(s.n.Text)}}
	}
	for _, r := range ranges {
		for _, loc := range findPrices(s.n.Text[r[0]:r[1]], 8) {
			a, b := r[0]+loc[0], r[0]+loc[1]
			if !inside(a, b) {
				return a, b, true
			}
		}
	}
	return 0, 0, false
}

// unitWeight is a block's weight clamped to [0, 1]: blocks may come from
// outside data, and a weight above 1 would let a unit outscore the bound
// the first pass puts on list rules (lists.go).
func unitWeight(b page.Block) float64 {
	return min(max(b.Weight, 0), 1)
}

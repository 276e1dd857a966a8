package matcher

// The offer grammar: families of terms (rules.Family) combined by
// proximity rules (rules.Near) measured in characters of normalized text,
// and the short-text threshold (rules.ShortText).
//
// Family members are matched by the same automaton as every other literal
// but, unlike terms, without the word-boundary check: a proximity rule must
// work on text the segmenter splits oddly (办毕业证, 做假证) or not at all
// (spam without punctuation). What guards a short member instead is its
// "unless" list (办 does not count inside 办公室 or 举办), negation cues and
// quotation marks, as for terms.

import (
	"fmt"
	mathbits "math/bits"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/rules"
)

// cfamily is one family of one pack, flattened: its own members, those of
// its sub-families and of the families it includes.
type cfamily struct {
	name  string
	lits  []int // member literals (with their pinyin forms)
	comps []int // compositions (indexes into Matcher.comps) whose hits are members
}

// ccompose is a composition: a member of fam mod followed within gap
// characters by a member of fam head.
type ccompose struct {
	mod, head int // family indexes
	gap       int
	depth     int // 1 + the deepest composition inside mod or head (evaluation order)
}

// cnear is a compiled proximity rule.
type cnear struct {
	n     rules.Near
	slots []nearSlot
}

type nearSlot struct {
	fam     int    // family index, or -1 for a contact
	contact string // contact token
	name    string // as written in the pack
}

// cshort is a pack's short-text setting, compiled.
type cshort struct {
	st    *rules.ShortText
	slots []nearSlot
}

// grammar holds the compiled families of every pack.
type grammar struct {
	fams  []cfamily
	comps []ccompose // in evaluation order (by depth)
	// famIndex maps a pack and a family's full name to its index.
	famIndex map[*rules.Pack]map[string]int
	near     map[*rules.Rule][]cnear
	short    map[*rules.Pack]*cshort
	any      bool    // some rule has a proximity clause
	holders  [][]int // per composition, the families its hits are members of
	nearList []cnear // every clause with a positive weight (first pass)
	nearFams [][]int // per clause of nearList, its families
	// famClauses is, per family, the clauses of nearList (a bit each) that
	// use it; nil when nearList has more than 64 clauses (feed then
	// checks every clause).
	famClauses []uint64
	direct     []map[int]bool // per composition, the literals of its head family
	slack      int            // bytes: three times the longest member plus the widest composition gap
	price      bool           // some proximity clause has an @price slot (ensureFamilies finds amounts)
}

// compileGrammar compiles the families and proximity rules of the packs.
// lit registers a literal (as for terms; errors are collected there) and
// returns its id or -1.
func (m *Matcher) compileGrammar(packs []*rules.Pack, lit func(p *rules.Pack, line int, key, s string) int) {
	g := &m.gram
	g.famIndex = map[*rules.Pack]map[string]int{}
	g.near = map[*rules.Rule][]cnear{}
	g.short = map[*rules.Pack]*cshort{}
	for _, p := range packs {
		idx := map[string]int{}
		g.famIndex[p] = idx
		for _, name := range p.FamilyOrder {
			idx[name] = len(g.fams)
			g.fams = append(g.fams, cfamily{name: name})
		}
		// Own items first: literals and compositions.
		compOf := map[string][]int{} // family → its own compositions
		for _, name := range p.FamilyOrder {
			f := p.Families[name]
			fi := idx[name]
			for i, it := range f.Items {
				key := fmt.Sprintf("families.%s[%d]", name, i)
				switch {
				case it.Term != "":
					id := lit(p, it.Line, key, it.Term)
					if id < 0 {
						continue
					}
					ids := []int{id}
					if it.Pinyin {
						for _, v := range pinyinForms(m.lits[id].text, it.Initial) {
							if pid := lit(p, it.Line, key, v); pid >= 0 {
								ids = append(ids, pid)
							}
						}
					}
					var unless []int
					for j, u := range it.Unless {
						if uid := lit(p, it.Line, fmt.Sprintf("%s.unless[%d]", key, j), u); uid >= 0 {
							unless = append(unless, uid)
						}
					}
					for _, id := range ids {
						m.lits[id].family = true
						m.lits[id].unless = appendUniqueAll(m.lits[id].unless, unless)
						g.fams[fi].lits = appendUnique(g.fams[fi].lits, id)
					}
				case len(it.Compose) == 2:
					c := ccompose{mod: idx[it.Compose[0]], head: idx[it.Compose[1]], gap: it.Gap}
					compOf[name] = append(compOf[name], len(g.comps))
					g.comps = append(g.comps, c)
				}
			}
		}
		// Then flatten sub-families and includes (the loader rejected cycles).
		done := map[string]bool{}
		var flatten func(name string)
		flatten = func(name string) {
			if done[name] {
				return
			}
			done[name] = true
			f := p.Families[name]
			fi := idx[name]
			g.fams[fi].comps = append(g.fams[fi].comps, compOf[name]...)
			var refs []string
			refs = append(refs, f.Subs...)
			for _, it := range f.Items {
				if it.Family != "" {
					refs = append(refs, it.Family)
				}
			}
			for _, r := range refs {
				flatten(r)
				ri := idx[r]
				g.fams[fi].lits = appendUniqueAll(g.fams[fi].lits, g.fams[ri].lits)
				g.fams[fi].comps = appendUniqueAll(g.fams[fi].comps, g.fams[ri].comps)
			}
		}
		for _, name := range p.FamilyOrder {
			flatten(name)
		}
		slots := func(names []string) []nearSlot {
			var out []nearSlot
			for _, s := range names {
				if rules.IsContactToken(s) {
					out = append(out, nearSlot{fam: -1, contact: s, name: s})
					continue
				}
				if s == rules.TokenPrice { // an amount of money (priceHits)
					out = append(out, nearSlot{fam: -2, contact: s, name: s})
					continue
				}
				out = append(out, nearSlot{fam: idx[s], name: s})
			}
			return out
		}
		for _, r := range p.Rules {
			for _, n := range r.Near {
				g.near[r] = append(g.near[r], cnear{n: n, slots: slots(n.All)})
				g.any = true
				for _, s := range n.All {
					g.price = g.price || s == rules.TokenPrice
				}
			}
		}
		if p.ShortText != nil {
			g.short[p] = &cshort{st: p.ShortText, slots: slots(p.ShortText.Corroborators)}
		}
	}
	// Evaluation order of compositions: inner ones first.
	var depth func(i int, seen int) int
	depth = func(i int, seen int) int {
		c := &g.comps[i]
		if c.depth > 0 || seen > len(g.comps) {
			return c.depth
		}
		d := 0
		for _, f := range []int{c.mod, c.head} {
			for _, ci := range g.fams[f].comps {
				d = max(d, depth(ci, seen+1))
			}
		}
		c.depth = d + 1
		return c.depth
	}
	for i := range g.comps {
		depth(i, 0)
	}
	order := make([]int, len(g.comps))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return g.comps[order[a]].depth < g.comps[order[b]].depth })
	// Renumber so that g.comps is in evaluation order.
	renum := make([]int, len(order))
	sorted := make([]ccompose, len(order))
	for newI, oldI := range order {
		renum[oldI] = newI
		sorted[newI] = g.comps[oldI]
	}
	g.comps = sorted
	for fi := range g.fams {
		for j, c := range g.fams[fi].comps {
			g.fams[fi].comps[j] = renum[c]
		}
	}
	// Literals that a proximity rule needs go into the fast automaton.
	for _, ns := range g.near {
		for _, n := range ns {
			for _, s := range n.slots {
				if s.fam >= 0 {
					m.markNear(s.fam, map[int]bool{})
				}
			}
			if n.n.Weight > 0 {
				g.nearList = append(g.nearList, n)
				var fams []int
				for _, s := range n.slots {
					if s.fam >= 0 {
						fams = append(fams, s.fam)
					}
				}
				g.nearFams = append(g.nearFams, fams)
			}
		}
	}
	// Only the members of families that a clause or a short-text
	// corroborator uses are collected on candidate pages.
	for i := range m.lits {
		m.lits[i].family = false
	}
	used := map[int]bool{}
	var use func(fi int)
	use = func(fi int) {
		if used[fi] {
			return
		}
		used[fi] = true
		for _, id := range g.fams[fi].lits {
			m.lits[id].family = true
		}
		for _, ci := range g.fams[fi].comps {
			use(g.comps[ci].mod)
			use(g.comps[ci].head)
		}
	}
	for _, ns := range g.near {
		for _, n := range ns {
			for _, sl := range n.slots {
				if sl.fam >= 0 {
					use(sl.fam)
				}
			}
		}
	}
	for _, cs := range g.short {
		for _, sl := range cs.slots {
			if sl.fam >= 0 {
				use(sl.fam)
			}
		}
	}
	// Membership, for the first pass and for collecting hits.
	for fi := range g.fams {
		for _, id := range g.fams[fi].lits {
			m.lits[id].fams = append(m.lits[id].fams, fi)
		}
	}
	g.direct = make([]map[int]bool, len(g.comps))
	for c, cc := range g.comps {
		g.direct[c] = map[int]bool{}
		for _, id := range g.fams[cc.head].lits {
			g.direct[c][id] = true
		}
	}
	// (The reference matcher checks every clause, as before.)
	if len(g.nearList) <= 64 && !m.reference {
		g.famClauses = make([]uint64, len(g.fams))
		for ci, fams := range g.nearFams {
			for _, fi := range fams {
				g.famClauses[fi] |= 1 << ci
			}
		}
	}
	g.holders = make([][]int, len(g.comps))
	for fi := range g.fams {
		for _, c := range g.fams[fi].comps {
			g.holders[c] = append(g.holders[c], fi)
		}
	}
	for i := range m.lits {
		for _, u := range m.lits[i].unless {
			m.lits[u].unlessWord = true
		}
		if len(m.lits[i].fams) > 0 {
			g.slack = max(g.slack, 3*len(m.lits[i].text))
		}
	}
	maxGap := 0
	for _, c := range g.comps {
		maxGap = max(maxGap, c.gap)
	}
	g.slack += 4 * maxGap
}

// markNear flags the literals of family fi (and of the families its
// compositions use) as needed by a proximity rule, for the first pass.
func (m *Matcher) markNear(fi int, seen map[int]bool) {
	if seen[fi] {
		return
	}
	seen[fi] = true
	f := &m.gram.fams[fi]
	for _, id := range f.lits {
		m.lits[id].near = true
	}
	for _, ci := range f.comps {
		c := m.gram.comps[ci]
		m.markNear(c.mod, seen)
		m.markNear(c.head, seen)
	}
}

func appendUniqueAll(s, vs []int) []int {
	for _, v := range vs {
		s = appendUnique(s, v)
	}
	return s
}

// famHit is a member of a family found in normalized text; cs and ce are
// character (not byte) offsets, for distances.
type famHit struct {
	start, end int // normalized byte offsets
	cs, ce     int // character offsets
	label      string
}

// charIndex maps byte offsets of text to character offsets.
type charIndex struct {
	text  string
	offs  []int // sorted byte offsets
	chars []int
}

// build computes the character offset of every byte offset in offs.
func newCharIndex(text string, offs []int) *charIndex {
	sort.Ints(offs)
	ci := &charIndex{text: text, offs: offs, chars: make([]int, len(offs))}
	pos, n := 0, 0
	for i, o := range offs {
		if o > len(text) {
			o = len(text)
		}
		if o > pos {
			n += utf8.RuneCountInString(text[pos:o])
			pos = o
		}
		ci.chars[i] = n
	}
	return ci
}

func (ci *charIndex) at(off int) int {
	i := sort.SearchInts(ci.offs, off)
	if i < len(ci.offs) && ci.offs[i] == off {
		return ci.chars[i]
	}
	return utf8.RuneCountInString(ci.text[:min(off, len(ci.text))])
}

// familyHits collects the members of every family from the automaton's
// raw hits: valid hits of member literals, then compositions. valid
// decides whether a hit counts (negation, quotation, unless words).
func (g *grammar) familyHits(m *Matcher, text string, raw []hit, valid func(h hit) bool) [][]famHit {
	if len(g.fams) == 0 {
		return nil
	}
	// raw is in start order: character offsets come from one walk. The
	// members are gathered first (with their literals), then copied into
	// one array shared by the families, each family's part capped at its
	// own members (compositions below append to a copy).
	var found []famHit
	var foundLit []int32
	pos, chars := 0, 0
	for _, h := range raw {
		l := &m.lits[h.lit]
		if !l.family || h.start < pos {
			if l.family && h.start < pos {
				// Not in start order (never from scan.run): recount.
				pos, chars = 0, 0
			} else {
				continue
			}
		}
		if valid != nil && !valid(h) {
			continue
		}
		chars += utf8.RuneCountInString(text[pos:h.start])
		pos = h.start
		if found == nil {
			found, foundLit = make([]famHit, 0, len(raw)), make([]int32, 0, len(raw))
		}
		found = append(found, famHit{start: h.start, end: h.end, cs: chars, ce: chars + utf8.RuneCountInString(text[h.start:h.end]), label: l.display})
		foundLit = append(foundLit, int32(h.lit))
	}
	if found == nil {
		return nil
	}
	out := make([][]famHit, len(g.fams))
	counts := make([]int, len(g.fams))
	total := 0
	for _, id := range foundLit {
		for _, fi := range m.lits[id].fams {
			counts[fi]++
			total++
		}
	}
	buf := make([]famHit, total)
	at := 0
	for fi, n := range counts {
		if n > 0 {
			out[fi] = buf[at : at : at+n]
			at += n
		}
	}
	for k, id := range foundLit {
		for _, fi := range m.lits[id].fams {
			out[fi] = append(out[fi], found[k])
		}
	}
	// Compositions, inner ones first; each adds its hits to every family
	// that holds it, which then needs sorting again.
	var resort []bool
	for c, cc := range g.comps {
		var hs []famHit
		for _, a := range out[cc.mod] {
			for _, b := range out[cc.head] {
				if d := b.cs - a.ce; d >= 0 && d <= cc.gap && b.start > a.start {
					hs = append(hs, famHit{start: a.start, end: b.end, cs: a.cs, ce: b.ce, label: a.label + "+" + b.label})
				}
			}
		}
		if len(hs) == 0 {
			continue
		}
		if resort == nil {
			resort = make([]bool, len(g.fams))
		}
		for _, fi := range g.holders[c] {
			out[fi] = append(out[fi], hs...)
			resort[fi] = true
		}
	}
	for fi := range out {
		if resort == nil || !resort[fi] {
			continue
		}
		sort.SliceStable(out[fi], func(i, j int) bool {
			a, b := out[fi][i], out[fi][j]
			if a.cs != b.cs {
				return a.cs < b.cs
			}
			return a.ce < b.ce
		})
	}
	return out
}

// nearHit is one satisfied proximity rule.
type nearHit struct {
	name   string
	weight float64
	gap    int // the largest distance, in characters, between members
	spans  []hit
	labels []string
	fams   []string
}

// evalNear finds the tightest set of members, one per slot, and reports
// whether it satisfies the rule: every member within Within characters of
// the member of the first slot (order any), or each member after the
// previous one and within Within characters of it (order ordered).
// contacts lists the page's contacts as famHits.
func evalNear(n *cnear, hits [][]famHit, contacts []famHit, contactKinds []string) (nearHit, bool) {
	// Most clauses fail for want of a family's member: known before
	// anything is gathered.
	for _, s := range n.slots {
		if s.fam >= 0 && (hits == nil || len(hits[s.fam]) == 0) {
			return nearHit{}, false
		}
	}
	// Scratch space on the stack for clauses of up to four slots.
	var evArr [4][]famHit
	var pickArr, bestArr [4]famHit
	events, pick := evArr[:0], pickArr[:0]
	if len(n.slots) <= len(evArr) {
		events, pick = evArr[:len(n.slots)], pickArr[:len(n.slots)]
	} else {
		events, pick = make([][]famHit, len(n.slots)), make([]famHit, len(n.slots))
	}
	for i, s := range n.slots {
		if s.fam >= 0 {
			if hits == nil || len(hits[s.fam]) == 0 {
				return nearHit{}, false
			}
			events[i] = hits[s.fam]
			continue
		}
		for k, c := range contacts {
			if contactMatches(s.contact, contactKinds[k]) {
				events[i] = append(events[i], c)
			}
		}
		if len(events[i]) == 0 {
			return nearHit{}, false
		}
	}
	best, bestGap := bestArr[:0], -1
	for _, a := range events[0] {
		worst := 0
		ok := true
		prev := a
		pick[0] = a
		for j := 1; j < len(n.slots); j++ {
			var e famHit
			var g int
			if n.n.Ordered {
				e, g, ok = nextAfter(events[j], prev)
			} else {
				e, g, ok = nearest(events[j], a)
			}
			if !ok || g > n.n.Within {
				ok = false
				break
			}
			worst = max(worst, g)
			pick[j] = e
			prev = e
		}
		if ok && (bestGap < 0 || worst < bestGap) {
			bestGap = worst
			best = append(best[:0], pick...)
			if worst == 0 {
				break
			}
		}
	}
	if bestGap < 0 {
		return nearHit{}, false
	}
	nh := nearHit{name: n.n.Name, weight: n.n.Weight, gap: bestGap,
		spans: make([]hit, 0, len(best)), labels: make([]string, 0, len(best)), fams: make([]string, 0, len(best))}
	for j, e := range best {
		nh.spans = append(nh.spans, hit{lit: -1, start: e.start, end: e.end})
		nh.labels = append(nh.labels, e.label)
		nh.fams = append(nh.fams, n.slots[j].name)
	}
	return nh, true
}

// gapBetween is the number of characters between two spans (0 when they
// touch or overlap).
func gapBetween(a, b famHit) int {
	switch {
	case b.cs >= a.ce:
		return b.cs - a.ce
	case a.cs >= b.ce:
		return a.cs - b.ce
	}
	return 0
}

// nearest returns the event closest to a, other than a's own span.
func nearest(evs []famHit, a famHit) (famHit, int, bool) {
	best, bg := famHit{}, -1
	i := sort.Search(len(evs), func(i int) bool { return evs[i].cs >= a.cs })
	// Look outward from a's position; events are sorted by start.
	for _, k := range []int{i - 1, i, i + 1, i - 2, i + 2} {
		if k < 0 || k >= len(evs) {
			continue
		}
		e := evs[k]
		if e.cs == a.cs && e.ce == a.ce {
			continue
		}
		if g := gapBetween(a, e); bg < 0 || g < bg {
			best, bg = e, g
		}
	}
	if bg < 0 {
		// Every neighbour shares a's span: scan the rest.
		for _, e := range evs {
			if e.cs == a.cs && e.ce == a.ce {
				continue
			}
			if g := gapBetween(a, e); bg < 0 || g < bg {
				best, bg = e, g
			}
		}
	}
	return best, bg, bg >= 0
}

// nextAfter returns the first event that starts at or after prev ends.
func nextAfter(evs []famHit, prev famHit) (famHit, int, bool) {
	i := sort.Search(len(evs), func(i int) bool { return evs[i].cs >= prev.ce })
	if i == len(evs) {
		return famHit{}, 0, false
	}
	return evs[i], evs[i].cs - prev.ce, true
}

// firstPass is the first pass's test for proximity clauses, fed with the
// fast automaton's hits in the order it reports them (by end offset). It
// keeps, per family, the largest end offset of a member seen so far and
// says yes as soon as some clause with a positive weight could be
// satisfied: a member of one of its families just arrived and every other
// family has a member close enough in bytes (a character is at most 4
// bytes; slack covers the members' own lengths). Contact slots count as
// present. It is a necessary condition, never stricter than scoring.
type firstPass struct {
	big     []int // per family when there are more than len(small); -1: none yet
	spare   []int // room for big kept from an earlier page (Match), or nil
	small   [32]int
	n       int // families; 0 until the first hit
	prevEnd int
	// clauses: the clauses of nearList (grammar.famClauses) with a family
	// whose last member ends at clausesEnd.
	clauses    uint64
	clausesEnd int
}

// room returns the space big used or would use, for the next page.
func (fp *firstPass) room() []int {
	if fp.big != nil {
		return fp.big[:0]
	}
	return fp.spare
}

// ends returns the largest end offset per family. The array is not kept in
// a slice field, so that a firstPass on the caller's stack stays there.
func (fp *firstPass) ends(n int) []int {
	if fp.n == 0 {
		if n == 0 {
			return nil
		}
		fp.n = n
		if n > len(fp.small) {
			if cap(fp.spare) >= n {
				fp.big = fp.spare[:n]
			} else {
				fp.big = make([]int, n)
			}
		}
		e := fp.ends(n)
		for i := range e {
			e[i] = -1
		}
		return e
	}
	if fp.big != nil {
		return fp.big
	}
	return fp.small[:fp.n]
}

// feed takes one hit of a literal that some clause needs and reports
// whether the page must be looked at closely.
func (g *grammar) feed(m *Matcher, fp *firstPass, lit, start, end int) bool {
	lastEnd := fp.ends(len(g.fams))
	if end < fp.prevEnd {
		return true // not in end order: no shortcut
	}
	fp.prevEnd = end
	l := &m.lits[lit]
	clauses := g.famClauses != nil
	if clauses && end != fp.clausesEnd {
		fp.clausesEnd, fp.clauses = end, 0
	}
	for _, fi := range l.fams {
		lastEnd[fi] = end
		if clauses {
			fp.clauses |= g.famClauses[fi]
		}
	}
	for c, cc := range g.comps {
		// A modifier that ends at most gap characters before the head
		// (when the head is this literal; nested compositions: anywhere
		// before).
		if lastEnd[cc.head] != end || lastEnd[cc.mod] < 0 {
			continue
		}
		if g.direct[c][lit] && lastEnd[cc.mod] < start-4*cc.gap {
			continue
		}
		for _, fi := range g.holders[c] {
			lastEnd[fi] = end
			if clauses {
				fp.clauses |= g.famClauses[fi]
			}
		}
	}
	if clauses {
		// The clauses with a family whose last member ends here (set by
		// this hit or by earlier hits with the same end).
		for bits := fp.clauses; bits != 0; bits &= bits - 1 {
			if g.nearOK(&g.nearList[mathbits.TrailingZeros64(bits)], lastEnd, start) {
				return true
			}
		}
		return false
	}
	for ci := range g.nearList {
		touched := false
		for _, fi := range g.nearFams[ci] {
			if lastEnd[fi] == end {
				touched = true
				break
			}
		}
		if !touched {
			continue
		}
		if g.nearOK(&g.nearList[ci], lastEnd, start) {
			return true
		}
	}
	return false
}

// nearOK reports whether every family slot of clause n has a member
// ending close enough before start for the clause to be met.
func (g *grammar) nearOK(n *cnear, lastEnd []int, start int) bool {
	min := start - 8*n.n.Within - g.slack
	for _, sl := range n.slots {
		if sl.fam >= 0 && (lastEnd[sl.fam] < 0 || lastEnd[sl.fam] < min) {
			return false
		}
	}
	return true
}

// familyValid decides whether a hit counts as a family member: a Latin
// form must not continue a Latin word, it must not follow a negation cue
// or stand in quotation marks, and it must not lie inside one of its
// unless words.
func (s *scan) familyValid(h hit, unlessHits map[int][]hit) bool {
	l := &s.m.lits[h.lit]
	text := s.n.Text
	if l.alnStart && h.start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:h.start]); isAlnum(r) {
			return false
		}
	}
	if l.alnEnd && h.end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[h.end:]); isAlnum(r) {
			return false
		}
	}
	for _, u := range l.unless {
		for _, x := range unlessHits[u] {
			if x.start <= h.start && x.end >= h.end {
				return false
			}
		}
	}
	if s.m.negated(text, h.start) {
		return false
	}
	return !s.askedOrQuoted(h.start, h.end)
}

// ensureFamilies collects the page's family members and contacts (with
// character offsets) on first use.
func (s *scan) ensureFamilies() {
	if s.famDone {
		return
	}
	s.famDone = true
	raw := make([]hit, len(s.raw))
	for i, h := range s.raw {
		raw[i] = hit{lit: h.PatternID, start: h.Start, end: h.End}
	}
	g := &s.m.gram
	if len(g.fams) > 0 {
		all := map[int][]hit{} // hits of unless words
		for _, h := range raw {
			if s.m.lits[h.lit].unlessWord {
				all[h.lit] = append(all[h.lit], h)
			}
		}
		s.fam = g.familyHits(s.m, s.n.Text, raw, func(h hit) bool { return s.familyValid(h, all) })
	}
	var offs []int
	for _, c := range s.contacts {
		offs = append(offs, c.start, c.end)
	}
	// Amounts of money stand beside the contacts with the kind "price":
	// only a near clause's @price slot matches them (contactMatches).
	var prices [][]int
	if g.price {
		if s.m.reference {
			prices = priceRE.FindAllStringIndex(s.n.Text, maxPriceHits)
		} else {
			prices = findPrices(s.n.Text, maxPriceHits)
		}
		for _, p := range prices {
			offs = append(offs, p[0], p[1])
		}
		sort.Ints(offs)
	}
	ci := newCharIndex(s.n.Text, offs)
	for _, c := range s.contacts {
		s.contactHits = append(s.contactHits, famHit{start: c.start, end: c.end, cs: ci.at(c.start), ce: ci.at(c.end), label: c.value})
		s.contactKinds = append(s.contactKinds, c.kind)
	}
	for _, p := range prices {
		s.contactHits = append(s.contactHits, famHit{start: p[0], end: p[1], cs: ci.at(p[0]), ce: ci.at(p[1]), label: s.n.Text[p[0]:p[1]]})
		s.contactKinds = append(s.contactKinds, contactKindPrice)
	}
}

// contactKindPrice marks an amount of money among a page's contact hits;
// maxPriceHits bounds how many a page contributes.
const (
	contactKindPrice = "price"
	maxPriceHits     = 64
)

// nearScore evaluates a rule's proximity clauses. The family members are
// collected on the first call, when the page's contacts are known.
func (s *scan) nearScore(cr *crule, res *ruleResult) (positive bool) {
	if len(s.m.gram.near[cr.r]) == 0 {
		return false
	}
	s.ensureFamilies()
	ns := s.m.gram.near[cr.r]
	for i := range ns {
		n := &ns[i]
		nh, ok := evalNear(n, s.fam, s.contactHits, s.contactKinds)
		if !ok {
			continue
		}
		res.near = append(res.near, nh)
		res.score += n.n.Weight
		positive = positive || n.n.Weight > 0
	}
	return positive
}

// setThreshold records the threshold that applies to a rule's result.
func (s *scan) setThreshold(res *ruleResult) {
	res.threshold, res.short = s.shortThreshold(res)
}

// shortThreshold returns the threshold that applies to a rule's result:
// the pack's, or the short-text threshold (with the reason) when the text
// is short, no exclusion lowered the rule's score, one term or proximity
// clause of the rule weighs at least the short threshold by itself, and a
// corroborator stands outside the spans that scored.
func (s *scan) shortThreshold(res *ruleResult) (float64, string) {
	p := res.rule.Pack
	cs := s.m.gram.short[p]
	if cs == nil || res.score >= p.Threshold {
		return p.Threshold, ""
	}
	if s.chars < 0 {
		s.chars = utf8.RuneCountInString(s.n.Text)
	}
	if s.chars > cs.st.MaxChars || res.score < cs.st.Threshold || len(res.exclusions) > 0 {
		return p.Threshold, ""
	}
	// One strong signal: a term or a proximity clause that alone reaches
	// the short threshold.
	strong := ""
	for _, t := range res.terms {
		if t.weight >= cs.st.Threshold {
			strong = "“" + t.label + "”"
			break
		}
	}
	for _, n := range res.near {
		if strong == "" && n.weight >= cs.st.Threshold {
			strong = "近邻“" + n.name + "”"
		}
	}
	if strong == "" {
		if cs.st.TwoSignals {
			if a, b, ok := twoSignals(res); ok {
				return cs.st.Threshold, fmt.Sprintf("短文本（%d 字，不超过 %d 字）：两个独立信号 %s 与 %s，阈值 %g", s.chars, cs.st.MaxChars, a, b, cs.st.Threshold)
			}
		}
		return p.Threshold, ""
	}
	s.ensureFamilies()
	var scored []hit
	for _, t := range res.terms {
		scored = append(scored, t.spans...)
	}
	for _, g := range res.groups {
		scored = append(scored, g.spans...)
	}
	for _, n := range res.near {
		scored = append(scored, n.spans...)
	}
	inside := func(a, b int) bool {
		for _, h := range scored {
			if a < h.end && h.start < b {
				return true
			}
		}
		return false
	}
	for _, sl := range cs.slots {
		if sl.fam == -2 {
			if a, b, ok := s.priceAmount(inside); ok {
				return cs.st.Threshold, fmt.Sprintf("短文本（%d 字，不超过 %d 字）：强信号 %s 加佐证“%s”（%s），阈值 %g", s.chars, cs.st.MaxChars, strong, s.n.Text[a:b], sl.name, cs.st.Threshold)
			}
			continue
		}
		if sl.fam >= 0 {
			if s.fam == nil {
				continue
			}
			for _, h := range s.fam[sl.fam] {
				if !inside(h.start, h.end) {
					return cs.st.Threshold, fmt.Sprintf("短文本（%d 字，不超过 %d 字）：强信号 %s 加佐证“%s”（%s），阈值 %g", s.chars, cs.st.MaxChars, strong, h.label, sl.name, cs.st.Threshold)
				}
			}
			continue
		}
		for k, c := range s.contactHits {
			if contactMatches(sl.contact, s.contactKinds[k]) && !inside(c.start, c.end) {
				return cs.st.Threshold, fmt.Sprintf("短文本（%d 字，不超过 %d 字）：强信号 %s 加佐证“%s”（%s），阈值 %g", s.chars, cs.st.MaxChars, strong, c.label, sl.name, cs.st.Threshold)
			}
		}
	}
	return p.Threshold, ""
}

// nearReason formats a satisfied proximity rule for a finding's reasons:
// 近邻“办+证”(+6)：办理+毕业证（offer_verb+cert_noun，间隔 2 字）.
func nearReason(n nearHit) string {
	return fmt.Sprintf("近邻“%s”(%+g)：%s（%s，间隔 %d 字）", n.name, n.weight, strings.Join(n.labels, "+"), strings.Join(n.fams, "+"), n.gap)
}

package matcher

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/coregx/ahocorasick"
	"github.com/go-ego/gse"
	"github.com/mozillazg/go-pinyin"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// Matcher scores pages against compiled rule packs. It is safe for
// concurrent use; the segmenter is loaded on the first page that needs it.
type Matcher struct {
	packs []*rules.Pack
	ac    *automaton // every literal; pattern id = literal id (automaton.go)
	// fast holds only the literals that can open a page (weighted terms and
	// group items), for the first pass; fastLit maps its ids to literals.
	fast    *automaton
	fastLit []int
	lits    []literal
	index   map[string]int // normalized literal → id
	rules   []*crule
	imit    []*cimitation
	gram    grammar // families and proximity rules (grammar.go)
	genres  []cgenre
	pstarts patStarts // start literals of rule patterns (patstarts.go)

	negations    []string      // normalized cue words
	negByLast    [256][]string // the cue words by their last byte (negated)
	notNeg       []string      // normalized words that begin with a cue but negate nothing (不同, 不少)
	negGap       int
	questionGap  int
	ignoreQuoted bool

	// List rules (lists.go): rules of many terms whose hits open a page
	// only when their weights could reach the rule's threshold.
	listTerms []listTerm
	listNeed  []float64 // per list rule
	// listCapped, per list rule: it has other parts of positive weight,
	// and listNeed holds the whole otherUnitCap off (lists.go).
	listCapped []bool

	// groupSlots is, per group of every rule in order, per slot, the
	// slotIdx of its literal items as a bitset; nil for a slot with a
	// contact token (not known in the first pass: it counts as present).
	// nslot is the number of distinct slot literals.
	groupSlots [][][]uint64
	nslot      int

	// reference: compiled by compileReference (tests only).
	reference bool

	// The segmenter, loaded on first use: gse's for the reference, the
	// same segmentation computed faster (wordseg.go) otherwise.
	segOnce  sync.Once
	seg      *gse.Segmenter
	wseg     *wordSeg
	segTerms []string
}

// literal is one pattern of the automaton.
type literal struct {
	text             string // normalized
	hanStart, hanEnd bool   // begins/ends with a CJK character: check word boundaries
	alnStart, alnEnd bool   // begins/ends with a Latin letter or digit: must not continue a Latin word
	opens            bool   // a hit makes the page a candidate (it carries a term weight); false for list rules' terms (lists.go)
	positive         bool   // a term of positive weight of some rule, list rule or not: a unit with its hit is scored (units.go)
	needsCheck       bool   // hanStart || hanEnd
	slotOf           []int  // groups (by global group id) this literal is a slot item of
	display          string // as written in the pack
	negatable        bool   // a term or group item: a negation cue before it cancels it
	query            bool   // an imitation query term: in the title it calls for an imitation check
	family           bool   // a member of a family (grammar.go)
	near             bool   // a member of a family some proximity rule uses: in the fast automaton
	unless           []int  // literals inside which a family hit does not count
	fams             []int  // families this literal is a member of (grammar.go)
	unlessWord       bool   // an unless word of some family member
	genreCue         bool   // a cue or with word of some genre (genre.go)

	// The first pass (lists.go, indexSlots).
	list    []int32 // terms of list rules (listTerms) this literal is a form of
	slotIdx int32   // its index among group slot items, -1: none
}

type crule struct {
	r        *rules.Rule
	terms    []cterm
	patterns []cpattern
	groups   []cgroup
	excl     []cexcl
	pre      *rulePre // its literals as bitsets, for mayScore (prefilter.go)
}

type cterm struct {
	lits   []int
	weight float64
	label  string
}

type cgroup struct {
	id    int
	g     rules.Group
	slots [][]slotItem
}

type slotItem struct {
	lit     int    // -1 for a contact token
	contact string // contact token
}

type cexcl struct {
	e    rules.Exclusion
	lits []int
}

// Compile builds a matcher from one or more packs. Terms are normalized with
// the page normalizer; a term that normalizes to nothing is an error naming
// its file and line.
func Compile(packs ...*rules.Pack) (*Matcher, error) { return compile(false, packs) }

// compileReference compiles the matcher the plain way: byte automata, and
// a first pass of separate steps (normalize, automaton, contact cues).
// Tests compare every finding of it with Compile's (same_test.go).
func compileReference(packs ...*rules.Pack) (*Matcher, error) { return compile(true, packs) }

func compile(reference bool, packs []*rules.Pack) (*Matcher, error) {
	if len(packs) == 0 {
		return nil, fmt.Errorf("matcher: no rule packs")
	}
	if err := rules.CheckSet(packs); err != nil {
		return nil, err
	}
	m := &Matcher{packs: packs, index: map[string]int{}, reference: reference}
	var errs rules.Errors
	lit := func(p *rules.Pack, line int, key, s string, opens bool) int {
		n := NormalizeString(s)
		if n == "" {
			errs = append(errs, &rules.Error{File: p.File, Line: line, Key: key, Msg: fmt.Sprintf("term %q is empty after normalization", s)})
			return -1
		}
		id, ok := m.index[n]
		if !ok {
			id = len(m.lits)
			m.index[n] = id
			first, _ := utf8.DecodeRuneInString(n)
			last, _ := utf8.DecodeLastRuneInString(n)
			l := literal{text: n, display: s,
				hanStart: isHan(first), hanEnd: isHan(last),
				alnStart: isAlnum(first), alnEnd: isAlnum(last)}
			l.needsCheck = l.hanStart || l.hanEnd
			m.lits = append(m.lits, l)
		}
		if opens {
			m.lits[id].opens = true
			m.lits[id].positive = true
		}
		return id
	}
	negatable := func(id int) int {
		if id >= 0 {
			m.lits[id].negatable = true
		}
		return id
	}
	groupID := 0
	for _, p := range packs {
		for _, c := range p.Negations {
			if n := NormalizeString(c); n != "" {
				m.negations = append(m.negations, n)
			}
		}
		for _, w := range p.NotNegations {
			if n := NormalizeString(w); n != "" {
				m.notNeg = append(m.notNeg, n)
			}
		}
		m.negGap = max(m.negGap, p.NegationGap)
		m.questionGap = max(m.questionGap, p.QuestionGap)
		m.ignoreQuoted = m.ignoreQuoted || p.IgnoreQuoted
		packExcl := make([]cexcl, 0, len(p.Exclusions))
		for i, e := range p.Exclusions {
			ce := cexcl{e: e}
			for _, t := range e.Terms {
				if id := lit(p, e.Line, fmt.Sprintf("exclusions[%d].terms", i), t, false); id >= 0 {
					ce.lits = append(ce.lits, id)
				}
			}
			packExcl = append(packExcl, ce)
		}
		for ri, r := range p.Rules {
			cr := &crule{r: r}
			for ti, t := range r.Terms {
				key := fmt.Sprintf("rules[%d].terms[%d]", ri, ti)
				if t.Pattern != nil {
					cr.patterns = append(cr.patterns, compilePattern(t.Pattern, t.Weight, t.Label()))
					continue
				}
				ct := cterm{weight: t.Weight, label: t.Text}
				if id := negatable(lit(p, t.Line, key, t.Text, t.Weight > 0)); id >= 0 {
					ct.lits = append(ct.lits, id)
					if t.Pinyin {
						for _, v := range pinyinForms(m.lits[id].text, t.Initial) {
							ct.lits = append(ct.lits, negatable(lit(p, t.Line, key, v, t.Weight > 0)))
						}
					}
				}
				cr.terms = append(cr.terms, ct)
			}
			for gi, g := range r.Groups {
				cg := cgroup{id: groupID, g: g}
				groupID++
				for si, slot := range g.Slots {
					var items []slotItem
					for _, s := range slot {
						if rules.IsContactToken(s) {
							items = append(items, slotItem{lit: -1, contact: s})
							continue
						}
						id := negatable(lit(p, g.Line, fmt.Sprintf("rules[%d].groups[%d].all[%d]", ri, gi, si), s, false))
						if id >= 0 {
							items = append(items, slotItem{lit: id})
							m.lits[id].slotOf = appendUnique(m.lits[id].slotOf, cg.id)
						}
					}
					cg.slots = append(cg.slots, items)
				}
				cr.groups = append(cr.groups, cg)
			}
			for ei, e := range r.Exclusions {
				ce := cexcl{e: e}
				for _, t := range e.Terms {
					if id := lit(p, e.Line, fmt.Sprintf("rules[%d].exclusions[%d].terms", ri, ei), t, false); id >= 0 {
						ce.lits = append(ce.lits, id)
					}
				}
				cr.excl = append(cr.excl, ce)
			}
			cr.excl = append(cr.excl, packExcl...)
			m.rules = append(m.rules, cr)
		}
		if p.Imitation != nil {
			m.imit = append(m.imit, compileImitation(p))
			for i, q := range p.Imitation.QueryTerms {
				if id := lit(p, p.Imitation.Line, fmt.Sprintf("imitation.query_terms[%d]", i), q, false); id >= 0 {
					m.lits[id].query = true
				}
			}
		}
	}
	for _, c := range m.negations {
		m.negByLast[c[len(c)-1]] = append(m.negByLast[c[len(c)-1]], c)
	}
	// Literals first registered by families (grammar.go) need no word
	// boundaries: they stay out of the segmenter's dictionary, which they
	// would otherwise change (办, 假 as words).
	gramStart := len(m.lits)
	m.compileGrammar(packs, func(p *rules.Pack, line int, key, s string) int { return lit(p, line, key, s, false) })
	m.compileGenres(packs, func(p *rules.Pack, line int, key, s string) int { return lit(p, line, key, s, false) })
	if len(errs) > 0 {
		return nil, errs
	}
	pats := make([]string, len(m.lits))
	for i, l := range m.lits {
		pats[i] = l.text
		if (l.hanStart || l.hanEnd) && i < gramStart {
			m.segTerms = append(m.segTerms, l.text)
		}
	}
	m.markLists()
	m.indexSlots()
	m.indexPatternStarts()
	m.indexRulePre()
	var fastPats []string
	for i := range m.lits {
		if l := &m.lits[i]; firstPassLit(l) {
			fastPats = append(fastPats, l.text)
			m.fastLit = append(m.fastLit, i)
		}
	}
	m.ac = m.textAutomaton(pats)
	if len(fastPats)*10 >= len(pats)*9 {
		// Nearly every literal is in the first pass (a large list is
		// loaded): one automaton serves both passes, and the first skips
		// the literals it does not need.
		m.fast, m.fastLit = m.ac, nil
	} else {
		m.fast = m.textAutomaton(fastPats)
	}
	return m, nil
}

// textAutomaton builds the automaton the matcher runs over normalized
// text (always valid UTF-8): one that steps per character, a third of the
// steps over CJK, unless the patterns have more distinct characters than
// it can number (or the matcher is the reference).
func (m *Matcher) textAutomaton(pats []string) *automaton {
	if !m.reference {
		if a := newRuneAutomaton(pats); a != nil {
			return a
		}
	}
	return newAutomaton(pats)
}

// firstPassLit reports whether the first pass needs hits of l.
func firstPassLit(l *literal) bool {
	return l.opens || len(l.slotOf) > 0 || l.query || l.near || len(l.list) > 0
}

func appendUnique(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	return a
}()

// pinyinForms returns the pinyin spellings of a CJK term: joined, with
// the syllables apart, and for terms of up to four characters every mix of
// characters and syllables (办证 → banzheng, ban zheng, ban证, 办zheng);
// with initials, also its initials (bz).
func pinyinForms(term string, initials bool) []string {
	chars := []rune(term)
	syl := pinyin.LazyPinyin(term, pinyinArgs)
	if len(syl) != len(chars) || len(syl) == 0 {
		return nil
	}
	out := []string{strings.Join(syl, "")}
	if len(syl) >= 2 {
		out = append(out, strings.Join(syl, " "))
	}
	if n := len(chars); n >= 2 && n <= 4 {
		for mask := 1; mask < 1<<n-1; mask++ {
			var b strings.Builder
			for i := range chars {
				if mask&(1<<i) != 0 {
					b.WriteString(syl[i])
				} else {
					b.WriteRune(chars[i])
				}
			}
			out = append(out, b.String())
		}
	}
	if initials && len(syl) >= 2 {
		var ini strings.Builder
		for _, s := range syl {
			ini.WriteByte(s[0])
		}
		out = append(out, ini.String())
	}
	return out
}

// Packs returns the packs the matcher was compiled from.
func (m *Matcher) Packs() []*rules.Pack { return m.packs }

// Literals returns the normalized literals of the automaton (for benchmarks
// that compare against raw multi-pattern matching of the same terms).
func (m *Matcher) Literals() []string {
	out := make([]string, len(m.lits))
	for i, l := range m.lits {
		out[i] = l.text
	}
	return out
}

// Warm loads the segmenter now instead of on the first page that needs it.
func (m *Matcher) Warm() { m.segmenter() }

// segmenter loads the segmenter once: gse's (for the reference matcher)
// or the word segmenter built from gse's dictionary, shared with other
// matchers of the same terms (sharedSegs).
func (m *Matcher) segmenter() (*gse.Segmenter, *wordSeg) {
	m.segOnce.Do(func() {
		if m.reference {
			m.seg = newSegmenter(m.segTerms)
			return
		}
		m.wseg = sharedSegs.get(m.segTerms)
	})
	return m.seg, m.wseg
}

// segment segments normalized text with the matcher's segmenter.
func (m *Matcher) segment(text string) *segmentation {
	seg, wseg := m.segmenter()
	return segmentText(seg, wseg, text)
}

// hit is a literal found in normalized text.
type hit struct {
	lit        int
	start, end int
}

// firstBuf is the first pass's scratch space, reused across pages.
type firstBuf struct {
	src   []byte // title, line break, text
	text  []byte
	spans []span
	// The first pass's automaton and tally, here rather than on Match's
	// stack, which they would escape from.
	auto firstAuto
	open opener
	note normNote
	cues []int
}

var firstPool = sync.Pool{New: func() any { return &firstBuf{text: make([]byte, 0, 64<<10)} }}

// maxPooled bounds the scratch space kept for the next page.
const maxPooled = 1 << 20

// Match scores one page.
//
// A first pass normalizes the title and text, with the (sparse, nearly
// free) offset map, and asks the first-pass automaton whether any weighted
// term, or every slot of some group, occurs: the normalizer steps that
// automaton as it writes each character, so the page is read once for
// both (compileReference keeps the two apart, for tests to compare
// against); pages with neither (and without a form
// or a query-service title, for imitation checks) end there, except that
// their personal contacts are decoded and reported when a byte pre-filter
// (contactCue) sees a digit run or a label. Only the others are segmented
// and scored, on the text the first pass normalized, per unit of the
// page's blocks (units.go); a candidate page whose Blocks do not describe
// its Text (a Page literal) gets them from p.EnsureBlocks first, so Match
// may set p.Blocks.
func (m *Matcher) Match(p *page.Page) *Finding {
	f, _ := m.MatchNorm(p)
	return f
}

// MatchNorm is Match that also returns the page's title and text as it
// normalised them, for the readers after it (the content key, the
// blocked-page check) instead of normalising the page again.
func (m *Matcher) MatchNorm(p *page.Page) (*Finding, *PageNorm) {
	f := &Finding{URL: p.URL}
	fb := firstPool.Get().(*firstBuf)
	defer func() {
		// No references kept, but the families' room, for the next page.
		spare := fb.open.fp.room()
		fb.open, fb.auto, fb.note = opener{}, firstAuto{}, normNote{}
		fb.open.fp.spare = spare
		if cap(fb.text) <= maxPooled && cap(fb.src) <= maxPooled && cap(fb.cues) <= maxPooled/8 {
			firstPool.Put(fb)
		}
	}()
	// The title, a line break and the text, joined in reused space and
	// read in place: a page that is no candidate and has no contact
	// (most pages) allocates nothing for them. What keeps the text (a
	// Normalized) gets its own copy.
	fb.src = append(append(append(fb.src[:0], p.Title...), '\n'), p.Text...)
	src := unsafe.String(&fb.src[0], len(fb.src))
	// markOut: the title's own length, for query terms (normalizing it
	// alone is what the whole text starts with, up to the line break).
	note := &fb.note
	*note = normNote{markAt: len(p.Title)}
	// The fast automaton is stepped as the text is written (one pass over
	// the bytes), unless it reads bytes (the reference, or patterns of
	// more characters than a rune automaton numbers).
	fused := m.fast != nil && m.fast.runes && !m.reference
	o := &fb.open
	if fused {
		*o = opener{m: m, note: note, fp: firstPass{spare: o.fp.spare}}
		fb.auto = newFirstAuto(m.fast, o)
		note.auto = &fb.auto
	}
	buf, spans := normalizeSeen(fb.text[:0], fb.spans[:0], src, true, note)
	titleLen, seen := note.markOut, note.seen
	pn := &PageNorm{Text: string(buf), TitleLen: titleLen}
	fb.text, fb.spans = buf, spans
	var candidate bool
	if fused {
		candidate = o.done() || len(m.imit) > 0 && len(p.Forms) > 0
	} else {
		candidate = len(m.imit) > 0 && len(p.Forms) > 0 || m.opens(buf, titleLen)
	}
	if !candidate {
		// Contacts on every page: no rule can score here, so only
		// personal contacts are decoded and reported.
		// (Enclosed numbers above 9 leave no digit behind: ㈠㈢㈧…)
		cues := appendContactCues(fb.cues[:0], buf, true)
		fb.cues = cues
		if len(cues) > 0 || seen&seenEnclosed != 0 {
			contactsOnly(f, p, src, buf, spans, cues, seen != 0)
		}
		return finish(f), pn
	}
	p.EnsureBlocks()
	n := &Normalized{Text: pn.Text, spans: slices.Clone(spans), source: strings.Clone(src)} // the text copied once, above
	sc := &scan{m: m, n: n, page: p, titleEnd: len(p.Title), chars: -1}
	sc.run()
	sc.fill(f)
	return finish(f), pn
}

// opens reports whether normalized text holds a literal that can start a
// score: a weighted term, an item of every literal slot of some group, or a
// query term in the title (its first titleLen bytes).
func (m *Matcher) opens(text []byte, titleLen int) bool {
	if m.fast == nil {
		return false
	}
	o := opener{m: m, titleLen: titleLen}
	m.fast.each(text, o.hit)
	return o.done()
}

// opener is the first pass's tally of the hits of the fast automaton:
// whether the page opens (see opens). Hits come in the automaton's order,
// from opens or from the normalizer that steps the automaton as it writes
// the text (normalizeSeen with a firstAuto).
type opener struct {
	m *Matcher
	// titleLen is the length of the normalized title; with note set
	// instead, every hit before the normalizer passed the title's end is
	// in the title.
	titleLen int
	note     *normNote
	small    [32]uint64
	seen     []uint64
	fp       firstPass
	lists    *listScratch
	open     bool
}

// hit counts one hit; false when the page is known to open (no more
// hits are needed).
func (o *opener) hit(id, start, end int) bool {
	m := o.m
	if m.fast != m.ac {
		id = m.fastLit[id]
	}
	l := &m.lits[id]
	if l.opens || l.query && o.inTitle(end) {
		o.open = true
		return false
	}
	if m.fast == m.ac && !firstPassLit(l) {
		return true
	}
	if len(l.list) > 0 {
		if o.lists == nil {
			o.lists = m.newListScratch()
		}
		if o.lists.add(m, l.list, start < o.titleEnd()) {
			o.open = true
			return false
		}
	}
	if l.near && m.gram.feed(m, &o.fp, id, start, end) {
		o.open = true
		return false
	}
	if l.slotIdx < 0 {
		return true
	}
	if o.seen == nil {
		o.seen = o.small[:]
		if n := (m.nslot + 63) / 64; n > len(o.small) {
			o.seen = make([]uint64, n)
		}
	}
	o.seen[l.slotIdx/64] |= 1 << (l.slotIdx % 64)
	return true
}

// inTitle reports whether a hit ending at end lies in the title.
func (o *opener) inTitle(end int) bool {
	if o.note != nil {
		// Stepped while normalizing: before the title's end was passed,
		// every hit ends inside the title; after it, none does.
		return !o.note.marked
	}
	return end <= o.titleLen
}

// titleEnd is the length of the normalized title for a hit just reported
// (a start before it lies in the title).
func (o *opener) titleEnd() int {
	if o.note != nil {
		if !o.note.marked {
			return int(^uint(0) >> 1)
		}
		return o.note.markOut
	}
	return o.titleLen
}

// done reports whether the page opens, once every hit is in.
func (o *opener) done() bool {
	if o.lists != nil {
		o.lists.release()
		o.lists = nil
	}
	if o.open {
		return true
	}
	if o.seen == nil {
		return false
	}
	for _, g := range o.m.groupSlots {
		if groupSlotsHit(g, o.seen) {
			return true
		}
	}
	return false
}

// indexSlots numbers the literals that are group slot items and lists
// each group's slots by those numbers, for the first pass: its tally of
// slot hits is then a bitset of the slot items, not of every literal (a
// list of 65,000 terms beside the default pack made it 1,000 words a page).
func (m *Matcher) indexSlots() {
	m.nslot = 0
	for i := range m.lits {
		m.lits[i].slotIdx = -1
		if len(m.lits[i].slotOf) > 0 {
			m.lits[i].slotIdx = int32(m.nslot)
			m.nslot++
		}
	}
	words := (m.nslot + 63) / 64
	for _, r := range m.rules {
		for _, g := range r.groups {
			slots := make([][]uint64, 0, len(g.slots))
			for _, slot := range g.slots {
				mask := make([]uint64, words) // not nil: a literal slot
				for _, it := range slot {
					if it.lit < 0 {
						mask = nil
						break
					}
					k := m.lits[it.lit].slotIdx
					mask[k/64] |= 1 << (k % 64)
				}
				slots = append(slots, mask)
			}
			m.groupSlots = append(m.groupSlots, slots)
		}
	}
}

// groupSlotsHit reports whether every literal slot of a group has a hit;
// contact slots (nil) are not known yet and count as present.
func groupSlotsHit(slots [][]uint64, seen []uint64) bool {
	for _, mask := range slots {
		if mask == nil {
			continue
		}
		hit := false
		for w, bits := range mask {
			if bits&seen[w] != 0 {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// scan is the close look at one candidate page.
type scan struct {
	m        *Matcher
	n        *Normalized
	page     *page.Page
	titleEnd int
	seg      *segmentation
	hits     []hit // valid hits, by start
	byLit    *litHits
	contacts []contact
	results  []*ruleResult
	// negEnds are the end offsets of negated hits; lastNegated tells run
	// that valid just rejected a hit for negation.
	negEnds     map[int]bool
	lastNegated bool
	im          *imitationResult
	// Per-unit scoring (units.go): the ranges of the unit being scored
	// (nil: the whole text) and the page's genre (genre.go).
	ranges    [][2]int
	pageGenre *genreHit
	lines     []int // offsets of the newlines in the normalized text (lineOf)
	// The offer grammar (grammar.go): family members by family, contacts
	// with character offsets, and the text's length in characters (-1
	// until needed).
	raw          []ahocorasick.Match
	famDone      bool
	fam          [][]famHit
	contactHits  []famHit
	contactKinds []string
	chars        int
	// borrowed: the Normalized reads the first pass's scratch space, so
	// what the finding keeps of it is copied (contactsOnly).
	borrowed bool
	evBuf    []event                // group's scratch space
	famIdx   [][]famHit             // unitView's scratch space: the unit's family members by family
	famBuf   []famHit               // and the members
	unitHits []hit                  // unitView's scratch space
	rawSeen  []uint64               // literals of raw, a bit each (textHas)
	occ      map[*cpattern][][2]int // occurrences of each pattern's leading literals in the text
	allOcc   [][][2]int             // the same for every numbered pattern, in one pass (patstarts.go)
}

func (s *scan) run() {
	text := s.n.Text
	var raw []ahocorasick.Match
	if s.m.ac != nil {
		raw = s.m.ac.FindAllOverlapping([]byte(text))
	}
	needSeg := false
	for _, h := range raw {
		if s.m.lits[h.PatternID].needsCheck {
			needSeg = true
			break
		}
	}
	if needSeg {
		s.seg = s.m.segment(text)
	} else {
		s.seg = &segmentation{bounds: []int{len(text)}, limit: 0}
	}
	// In start order, so that a negation carries along a list: in
	// 声称不用培训、不用考试即可拿证 the cue negates 不用培训 and, through it,
	// 不用考试 right after.
	slices.SortStableFunc(raw, func(a, b ahocorasick.Match) int { return a.Start - b.Start })
	s.raw = raw // for the offer grammar, once contacts are known (grammar.go)
	for _, h := range raw {
		if !s.valid(h.PatternID, h.Start, h.End) {
			if s.lastNegated {
				if s.negEnds == nil {
					s.negEnds = map[int]bool{}
				}
				s.negEnds[h.End] = true
			}
			continue
		}
		s.hits = append(s.hits, hit{lit: h.PatternID, start: h.Start, end: h.End})
	}
	s.byLit = newLitHits(len(s.m.lits), s.hits)
	s.contacts = pageContacts(s.n, false)
	s.scoreUnits()
	for _, ci := range s.m.imit {
		res := s.imitation(ci)
		if res == nil {
			continue
		}
		// The imitation rule may carry terms of its own: one result per rule.
		merged := false
		for _, r := range s.results {
			if r.rule == res.rule {
				r.score += res.score
				r.imitation = res.imitation
				merged = true
			}
		}
		if !merged {
			s.results = append(s.results, res)
		}
	}
}

// valid applies word-boundary checks to a hit: a CJK end must fall between
// two words of the segmentation (so 口交 in 路口交通 does not count); a
// Latin end must not continue a Latin word (bz in abz does not count).
func (s *scan) valid(id, start, end int) bool {
	s.lastNegated = false
	l := &s.m.lits[id]
	if !l.negatable {
		// Exclusion and imitation context: its presence is what counts.
		return true
	}
	text := s.n.Text
	if l.alnStart && start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isAlnum(r) {
			return false
		}
	}
	if l.alnEnd && end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); isAlnum(r) {
			return false
		}
	}
	if l.hanStart && !s.seg.isBoundary(start) {
		return false
	}
	if l.hanEnd && !s.seg.isBoundary(end) {
		return false
	}
	if s.m.negated(text, start) || s.afterNegated(text, start) {
		s.lastNegated = true
		return false
	}
	return !s.askedOrQuoted(start, end)
}

// askedOrQuoted reports whether the hit at text[start:end] is asked about
// (asked) or stands in quotation marks (quoted), as the pack says to check;
// both read the source (normalizing turns question marks into line
// breaks), mapped once.
func (s *scan) askedOrQuoted(start, end int) bool {
	if s.m.questionGap <= 0 && !s.m.ignoreQuoted {
		return false
	}
	a, b := s.n.Orig(start, end)
	if s.m.questionGap > 0 && s.m.asked(s.n.Source(), a, b) {
		return true
	}
	return s.m.ignoreQuoted && quoted(s.n.Source(), a, b)
}

// quoted reports whether src[a:b] stands inside quotation marks: an opening
// mark at most 6 characters before it and a closing one at most 12 after,
// with no line break or other mark between.
func quoted(src string, a, b int) bool {
	open := false
	for i, n := a, 0; i > 0 && n <= 6; n++ {
		r, size := utf8.DecodeLastRuneInString(src[:i])
		i -= size
		if r == '\n' || isCloseQuote(r) && r != '"' {
			return false
		}
		if isOpenQuote(r) {
			open = true
			break
		}
	}
	if !open {
		return false
	}
	for i, n := b, 0; i < len(src) && n <= 12; n++ {
		r, size := utf8.DecodeRuneInString(src[i:])
		i += size
		if r == '\n' || isOpenQuote(r) && r != '"' {
			return false
		}
		if isCloseQuote(r) {
			return true
		}
	}
	return false
}

func isOpenQuote(r rune) bool {
	return r == '“' || r == '「' || r == '『' || r == '"' || r == '‘' || r == '＂'
}

func isCloseQuote(r rune) bool {
	return r == '”' || r == '」' || r == '』' || r == '"' || r == '’' || r == '＂'
}

// afterNegated reports whether a negated hit ends at most negGap
// characters before start (the list continues).
func (s *scan) afterNegated(text string, start int) bool {
	end := start
	for gap := 0; gap <= s.m.negGap && end > 0; gap++ {
		if s.negEnds[end] {
			return true
		}
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if r == '\n' {
			return false
		}
		end -= size
	}
	return false
}

// asked reports whether the term at src[start:end] (the source text:
// normalizing turns question marks into line breaks) is asked about, not
// offered: a question mark closes its clause at most questionGap characters
// later, and the clause doubts — a particle between the term and the mark
// (叉车证不用考了吗?) or a yes-no interrogative before the term (是否可以…不参加
// 考试就能获得证书?). A seller's rhetorical "电工证不用考试?" has neither, and a
// buyer's question (哪里能办…? 还能办吗? 多少钱?) solicits an offer, so it
// still counts. A comma, a full stop, an exclamation mark or a line break
// ends the clause.
func (m *Matcher) asked(src string, start, end int) bool {
	if m.questionGap <= 0 {
		return false
	}
	particle := false
	for n := 0; n <= m.questionGap && end < len(src); n++ {
		r, size := utf8.DecodeRuneInString(src[end:])
		switch r {
		case '?', '？':
			a := clauseStart(src, start)
			clause := src[a:end]
			for _, w := range buyerWords {
				if strings.Contains(clause, w) {
					return false
				}
			}
			// a seller's offer put as a question to the buyer (需要代考吗?
			// 您要不要办证?): the clause opens with 需要
			pre := strings.TrimLeft(src[a:start], " 　")
			for _, p := range []string{"你", "您"} {
				pre = strings.TrimPrefix(pre, p)
			}
			for _, w := range offerAskWords {
				if strings.HasPrefix(pre, w) {
					return false
				}
			}
			doubt := particle
			for _, w := range rhetoricalWords {
				if strings.Contains(src[a:start], w) {
					return false // 不就是考试吗: the speaker asserts
				}
			}
			for _, w := range doubtWords {
				if !doubt && strings.Contains(src[a:start], w) {
					doubt = true
				}
			}
			// a question answered by its own affirmative answer (a seller's
			// FAQ: Q：…也能代考吗？ A：可以) is judged by the answer (qa.go)
			return doubt && !affirmedAnswer(src, a, end+size)
		case '\n', ',', '，', '.', '。', '!', '！', ';', '；', ':', '：':
			return false
		case '吗', '嗎', '呢':
			particle = true
		}
		end += size
	}
	return false
}

// doubtWords open a yes-no question before the term asked about; buyerWords
// mark a buyer's question, which solicits an offer (哪里能办, 还能办吗).
var (
	// rhetoricalWords open a question that asserts (不就是考试吗, 没问题的).
	rhetoricalWords = []string{"不就是", "不就"}
	doubtWords      = []string{"是否", "能否", "可否", "是不是", "会不会", "會不會", "难道", "難道", "真的"}
	buyerWords      = []string{"哪里", "哪裡", "哪儿", "哪兒", "哪个", "哪個", "谁", "誰", "多少钱", "多少錢", "能办", "能辦",
		"可以办", "可以辦", "能弄", "渠道", "门路", "門路", "老板", "老闆", "求"}
)

// offerAskWords, opening the clause of the term (after 你 or 您), put a
// seller's offer as a question to the buyer (需要代考吗? 您要不要办证?); a
// learner asks about the exam itself (叉车证需要考试吗?, no term) or names the
// certificate first (考电工证需要找人代考吗?).
var offerAskWords = []string{"需要", "要不要", "需不需要", "有需要"}

// clauseStart is where the clause holding src[start] begins: at most 24
// characters back, after a comma, full stop, question mark or line break.
func clauseStart(src string, start int) int {
	a := start
	for n := 0; n < 24 && a > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(src[:a])
		if r == '\n' || r == ',' || r == '，' || r == '。' || r == '!' || r == '！' || r == '?' || r == '？' || r == ';' || r == '；' {
			break
		}
		a -= size
	}
	return a
}

// negated reports whether a negation cue ends at most negGap characters
// before start.
func (m *Matcher) negated(text string, start int) bool {
	if len(m.negations) == 0 {
		return false
	}
	end := start
	for gap := 0; gap <= m.negGap && end > 0; gap++ {
		prefix := text[:end]
		for _, c := range m.negByLast[prefix[len(prefix)-1]] {
			if strings.HasSuffix(prefix, c) {
				if c == "不" && strings.HasPrefix(text[end:], "就") {
					continue // 不就是考试吗: rhetorical, not a negation
				}
				if m.notNegation(text[end-len(c):]) {
					continue // 不同价格, 不少人: the cue begins a word that negates nothing
				}
				return true
			}
		}
		_, size := utf8.DecodeLastRuneInString(prefix)
		if prefix[len(prefix)-size] == '\n' {
			return false
		}
		end -= size
	}
	return false
}

// notNegation reports whether text begins with one of the packs'
// not_negations (a word such as 不同 or 不仅 that begins with a cue).
func (m *Matcher) notNegation(text string) bool {
	for _, w := range m.notNeg {
		if strings.HasPrefix(text, w) {
			return true
		}
	}
	return false
}

// ruleResult is one rule's evaluation on a page.
type ruleResult struct {
	near      []nearHit // satisfied proximity rules (grammar.go)
	threshold float64   // the threshold that applies (lower on a short text with a corroborator)
	short     string    // why the short-text threshold applies, or ""

	rule       *rules.Rule
	score      float64
	terms      []termHit
	groups     []groupHit
	exclusions []exclHit
	imitation  *imitationResult
	reasons    []string
	bonus      *contact // the contact that earned the pack's contact_bonus

	// Where it scored (units.go): the unit, its raw score before the
	// unit's weight and genre factor, the weight, the genre that set the
	// factor (nil: none), and what the other units added.
	unit        *unit
	raw, weight float64
	genre       *genreHit
	factor      float64 // the genre's factor applied
	others      int
	bonusOthers float64
}

type termHit struct {
	label  string
	weight float64
	spans  []hit
}

type groupHit struct {
	name     string
	weight   float64
	distance int
	spans    []hit
	labels   []string
}

type exclHit struct {
	e     rules.Exclusion
	label string
	spans []hit
}

func (s *scan) score(cr *crule) *ruleResult {
	res := &ruleResult{rule: cr.r}
	defer s.setThreshold(res)
	positive := false
	for _, t := range cr.terms {
		var spans []hit
		for _, id := range t.lits {
			spans = append(spans, s.byLit.get(id)...)
		}
		if len(spans) == 0 {
			continue
		}
		res.terms = append(res.terms, termHit{label: t.label, weight: t.weight, spans: spans})
		res.score += t.weight
		positive = positive || t.weight > 0
	}
	if positive && len(cr.patterns) > 0 {
		ranges := s.ranges
		if ranges == nil {
			ranges = [][2]int{{0, len(s.n.Text)}}
		}
		for pi := range cr.patterns {
			p := &cr.patterns[pi]
			occ := s.occurrences(p)
			var th termHit
			for _, r := range ranges {
				for _, l := range p.findAllIn(s.n.Text, r[0], r[1], occ, 8) {
					th.spans = append(th.spans, hit{lit: -1, start: r[0] + l[0], end: r[0] + l[1]})
				}
			}
			if len(th.spans) == 0 {
				continue
			}
			th.label, th.weight = p.label, p.weight
			res.terms = append(res.terms, th)
			res.score += p.weight
		}
	}
	for _, g := range cr.groups {
		if gh, ok := s.group(g); ok {
			res.groups = append(res.groups, gh)
			res.score += g.g.Weight
			positive = positive || g.g.Weight > 0
		}
	}
	if s.nearScore(cr, res) {
		positive = true
	}
	if !positive {
		return nil
	}
	if b := cr.r.Pack.ContactBonus; b.Weight > 0 && !nearUsedContact(res) {
		if c := s.contactNear(res, b.Window); c != nil {
			res.bonus = c
			res.score += b.Weight
		}
	}
	win := cr.r.Pack.ExclusionWindow
	var anchors []int // word positions of what scored, for the exclusion window
	if win > 0 {
		for _, t := range res.terms {
			for _, h := range t.spans {
				anchors = append(anchors, s.seg.wordIndex(h.start))
			}
		}
		for _, g := range res.groups {
			for _, h := range g.spans {
				if h.lit != contactLit { // a contact never pulls exclusions into range
					anchors = append(anchors, s.seg.wordIndex(h.start))
				}
			}
		}
		for _, g := range res.near {
			for _, h := range g.spans {
				anchors = append(anchors, s.seg.wordIndex(h.start))
			}
		}
		sort.Ints(anchors)
	}
	near := func(hs []hit) []hit {
		if win <= 0 {
			return hs
		}
		var out []hit
		for _, h := range hs {
			p := s.seg.wordIndex(h.start)
			i := sort.SearchInts(anchors, p-win)
			if i < len(anchors) && anchors[i] <= p+win {
				out = append(out, h)
			}
		}
		return out
	}
	var hitLines []int // lines where the rule scored, for near_lines
	nearLines := func(hs []hit, within int) []hit {
		if hitLines == nil {
			hitLines = []int{}
			for _, t := range res.terms {
				for _, h := range t.spans {
					hitLines = append(hitLines, s.lineOf(h.start))
				}
			}
			for _, g := range res.groups {
				for _, h := range g.spans {
					if h.lit != contactLit {
						hitLines = append(hitLines, s.lineOf(h.start))
					}
				}
			}
			for _, g := range res.near {
				for _, h := range g.spans {
					hitLines = append(hitLines, s.lineOf(h.start))
				}
			}
			sort.Ints(hitLines)
		}
		var out []hit
		for _, h := range hs {
			if h.start < s.titleEnd {
				out = append(out, h)
				continue
			}
			l := s.lineOf(h.start)
			i := sort.SearchInts(hitLines, l-within)
			if i < len(hitLines) && hitLines[i] <= l+within {
				out = append(out, h)
			}
		}
		return out
	}
	offer := s.offerSpans(res)
	for _, e := range cr.excl {
		n := 0
		for _, id := range e.lits {
			hs := near(outsideOffer(s.byLit.get(id), offer))
			if e.e.NearLines >= 0 && len(hs) > 0 {
				hs = nearLines(hs, e.e.NearLines)
			}
			if len(hs) > 0 && n < e.e.MaxHits {
				res.exclusions = append(res.exclusions, exclHit{e: e.e, label: s.m.lits[id].display, spans: hs})
				res.score += e.e.Weight
				n++
			}
		}
	}
	return res
}

// occurrences returns, once per page, where the literals p's matches
// start with occur in the normalized text.
func (s *scan) occurrences(p *cpattern) [][2]int {
	if p.anchored == nil {
		return nil
	}
	if p.occID > 0 && s.m.pstarts.ac != nil {
		if s.allOcc == nil {
			s.allOcc = s.m.pstarts.find(s.n.Text)
		}
		return s.allOcc[p.occID-1]
	}
	if occ, ok := s.occ[p]; ok {
		return occ
	}
	if s.occ == nil {
		s.occ = map[*cpattern][][2]int{}
	}
	occ := p.occurrences(s.n.Text)
	s.occ[p] = occ
	return occ
}

// event is one occurrence of a slot item at a word position.
type event struct {
	pos, slot int
	span      hit
	label     string
}

// group finds the tightest set of occurrences, one per slot, and reports
// whether it fits the group's window.
func (s *scan) group(g cgroup) (groupHit, bool) {
	// The events are gathered in the scan's scratch space, reused by the
	// next group (what the result keeps is copied out of them).
	evs := s.evBuf[:0]
	defer func() { s.evBuf = evs[:0] }()
	for si, slot := range g.slots {
		found := false
		for _, it := range slot {
			if it.lit >= 0 {
				for _, h := range s.byLit.get(it.lit) {
					evs = append(evs, event{pos: s.seg.wordIndex(h.start), slot: si, span: h, label: s.m.lits[it.lit].display})
					found = true
				}
				continue
			}
			for _, c := range s.contacts {
				if !c.possible && contactMatches(it.contact, c.kind) {
					evs = append(evs, event{pos: s.seg.wordIndex(c.start), slot: si, span: hit{lit: contactLit, start: c.start, end: c.end}, label: c.value})
					found = true
				}
			}
		}
		if !found {
			return groupHit{}, false
		}
	}
	// slices.SortFunc is sort.Slice's algorithm (both generated from one
	// template), without the reflection: equal positions end in the same order.
	slices.SortFunc(evs, func(a, b event) int { return a.pos - b.pos })
	k := len(g.slots)
	var small [8]int
	count := small[:0]
	if k <= len(small) {
		count = small[:k]
	} else {
		count = make([]int, k)
	}
	have, lo := 0, 0
	best, bestLo, bestHi := -1, 0, 0
	for hi := range evs {
		if count[evs[hi].slot] == 0 {
			have++
		}
		count[evs[hi].slot]++
		for have == k {
			d := evs[hi].pos - evs[lo].pos
			if best < 0 || d < best {
				best, bestLo, bestHi = d, lo, hi
			}
			count[evs[lo].slot]--
			if count[evs[lo].slot] == 0 {
				have--
			}
			lo++
		}
	}
	if best < 0 || best > g.g.Window {
		return groupHit{}, false
	}
	gh := groupHit{name: g.g.Name, weight: g.g.Weight, distance: best, spans: make([]hit, 0, k), labels: make([]string, 0, k)}
	clear(count)
	used := count // reused: 0 for a slot not taken yet
	for i := bestLo; i <= bestHi; i++ {
		e := evs[i]
		if used[e.slot] != 0 {
			continue
		}
		used[e.slot] = 1
		gh.spans = append(gh.spans, e.span)
		gh.labels = append(gh.labels, e.label)
	}
	return gh, true
}

func contactMatches(token, kind string) bool {
	switch token {
	case rules.TokenContact:
		return kind != contactKindPrice
	case rules.TokenPrice:
		return kind == contactKindPrice
	case rules.TokenPhone:
		return kind == ContactPhone || kind == ContactLandline
	case rules.TokenWeChat:
		return kind == ContactWeChat
	case rules.TokenQQ:
		return kind == ContactQQ
	case rules.TokenURL:
		return kind == ContactURL || kind == ContactDomain
	}
	return false
}

// lineOf is the line number of a byte offset in the normalized text.
func (s *scan) lineOf(pos int) int {
	if s.lines == nil {
		s.lines = []int{}
		for i := 0; i < len(s.n.Text); i++ {
			if s.n.Text[i] == '\n' {
				s.lines = append(s.lines, i)
			}
		}
	}
	return sort.SearchInts(s.lines, pos)
}

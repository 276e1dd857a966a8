package matcher

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
)

// automaton is the matcher's multi-pattern matcher: an Aho-Corasick
// automaton over the bytes of normalized text that reports every
// occurrence of every pattern, overlapping ones included, in the order of
// their end offsets (for one end offset: the longest pattern first, then
// each shorter one that is a suffix of it), as coregx/ahocorasick's
// FindAllOverlapping does.
//
// It exists for three reasons, each measured (matcher/bench_test.go):
//   - size: a rule list of 65,000 terms has half a million trie states; a
//     full transition table over its 143 distinct bytes takes 300 MB
//     (coregx builds one of those, and a dense NFA of the same size on the
//     way), while the trie with failure links takes about 11 MB;
//   - speed on small packs: the default pack's table, with 16-bit states
//     and no power-of-two padding of the rows, is a quarter of coregx's
//     and stays in cache beside the rest of the matcher;
//   - no garbage: each calls a function per occurrence and can stop early,
//     where FindAllOverlapping builds a slice for every page.
//
// Small pattern sets get a full transition table: one load per byte.
// Large ones get full rows for their shallowest states, as many as
// maxDense allows (states are numbered breadth first), and keep the trie
// for the deeper ones: there a child lookup per byte, and failure links
// followed on a miss, which soon lead back into the rows.
//
// The same automaton can read characters instead of bytes
// (newRuneAutomaton): each character of some pattern gets a class, the
// transitions are over classes, and CJK text takes one step per
// character, a third of the byte automaton's steps (each a dependent
// load, which is what bounds the speed). The matcher runs that form over
// normalized text, which is valid UTF-8, and the normalizer steps it as it
// writes each character (normalize.go, firstAuto); matches are the byte
// automaton's, as the tests check against coregx.
type automaton struct {
	patLen []int32 // by pattern id

	// Byte classes: each byte of some pattern has a class of its own,
	// every other byte class 0. A rune automaton (newRuneAutomaton) reads
	// characters instead: runeClass gives each BMP character of some
	// pattern a class of its own (astralClass the others), every other
	// character class 0. Classes are numbered in byte (character) order.
	class       [256]uint8
	runes       bool
	runeClass   *[0x10000]uint16 // for a rune automaton
	astralClass map[rune]uint16
	nclass      int

	// Dense rows: row s (at s*nclass) holds the next state for each class,
	// with outFlag set when that state ends a pattern. dense16 covers every
	// state of a small automaton; dense32 the first ndense states (the
	// shallowest: states are numbered breadth first) of a larger one.
	dense16 []uint16
	dense32 []uint32
	ndense  uint32

	// The trie, for states past the dense rows: the edges of state s are
	// edgeCls/edgeNext[edgeStart[s]:edgeStart[s+1]], sorted by class.
	edgeStart []uint32
	edgeCls   []uint16
	edgeNext  []uint32 // with outFlag
	fail      []uint32

	// Outputs: own[s] is the pattern that ends at s (-1: none); dict[s] the
	// nearest state on s's failure chain with a pattern of its own (0: none).
	own  []int32
	dict []uint32

	bfs []uint32 // states in breadth-first order, while building
}

const (
	outFlag32 = 1 << 31
	outFlag16 = 1 << 15
	// maxDense bounds the full transition table: above it the trie is kept.
	maxDense = 8 << 20
)

// newAutomaton builds the automaton of pats (distinct, non-empty); pattern
// ids are indices into pats. It returns nil for no patterns.
func newAutomaton(pats []string) *automaton { return buildAutomatonForm(pats, formAuto) }

// Forms of the automaton; tests build each one on the same patterns.
const (
	formAuto    = iota
	formDense16 // every state in 16-bit rows
	formDense32 // every state in 32-bit rows
	formSparse  // only the root in a row
	formHybrid  // half the states in rows
)

func buildAutomatonForm(pats []string, form int) *automaton {
	if len(pats) == 0 {
		return nil
	}
	a := &automaton{}
	var used [256]bool
	for _, p := range pats {
		for k := 0; k < len(p); k++ {
			used[p[k]] = true
		}
	}
	a.nclass = 1
	for b := range 256 {
		if used[b] {
			a.class[b] = uint8(a.nclass)
			a.nclass++
		}
	}
	a.build(pats, func(dst []uint16, p string) []uint16 {
		for k := 0; k < len(p); k++ {
			dst = append(dst, uint16(a.class[p[k]]))
		}
		return dst
	}, form)
	return a
}

// newRuneAutomaton builds the automaton of pats (distinct, non-empty,
// valid UTF-8) over characters instead of bytes: one step per character,
// a third of the steps of the byte automaton on CJK text. It reads only
// valid UTF-8 (normalized text); matches are those of the byte automaton.
// It returns nil for no patterns, and for more distinct characters than
// its classes hold.
func newRuneAutomaton(pats []string) *automaton { return buildRuneForm(pats, formAuto) }

// maxRuneClasses bounds the classes of a rune automaton (the outFlag bit
// of a 16-bit row is not a class bound, the table size is).
const maxRuneClasses = 1 << 15

func buildRuneForm(pats []string, form int) *automaton {
	if len(pats) == 0 {
		return nil
	}
	set := map[rune]bool{}
	for _, p := range pats {
		for _, r := range p {
			set[r] = true
		}
	}
	if len(set)+1 > maxRuneClasses {
		return nil
	}
	chars := make([]rune, 0, len(set))
	for r := range set {
		chars = append(chars, r)
	}
	slices.Sort(chars)
	a := &automaton{runes: true, runeClass: new([0x10000]uint16), astralClass: map[rune]uint16{}}
	for i, r := range chars {
		if r < 0x10000 {
			a.runeClass[r] = uint16(i + 1)
		} else {
			a.astralClass[r] = uint16(i + 1)
		}
	}
	a.nclass = len(chars) + 1
	a.build(pats, func(dst []uint16, p string) []uint16 {
		for _, r := range p {
			dst = append(dst, a.runeOf(r))
		}
		return dst
	}, form)
	return a
}

// runeOf is the class of character r in a rune automaton.
func (a *automaton) runeOf(r rune) uint16 {
	if r < 0x10000 {
		return a.runeClass[r]
	}
	return a.astralClass[r]
}

// build makes the automaton of pats, each read as the classes syms
// appends for it (in the order of the patterns' bytes, as the classes
// are numbered).
func (a *automaton) build(pats []string, syms func([]uint16, string) []uint16, form int) {
	a.patLen = make([]int32, len(pats))
	for i, p := range pats {
		a.patLen[i] = int32(len(p))
	}
	a.buildTrie(pats, syms)
	a.buildLinks()
	a.renumber()
	n := len(a.own)
	switch {
	case form == formDense16 || form == formAuto && n < outFlag16 && n*a.nclass*2 <= maxDense:
		a.dense16 = make([]uint16, n*a.nclass)
		for i, v := range a.fillRows(n) {
			if v&outFlag32 != 0 {
				v = v&^outFlag32 | outFlag16
			}
			a.dense16[i] = uint16(v)
		}
		a.ndense = uint32(n)
		// Every state has its row: the trie is no longer needed.
		a.edgeStart, a.edgeCls, a.edgeNext, a.fail = nil, nil, nil, nil
		return
	case form == formDense32:
		a.ndense = uint32(n)
	case form == formSparse:
		a.ndense = 1
	case form == formHybrid:
		a.ndense = uint32(max(n/2, 1))
	default:
		a.ndense = uint32(min(n, max(maxDense/(a.nclass*4), 1)))
	}
	a.dense32 = a.fillRows(int(a.ndense))
}

// buildTrie inserts the patterns in byte order, so that each one shares
// the path of its longest common prefix with the one before it and the
// edges of every state are created in class order (classes are numbered
// in byte order): no map, and the edges come out grouped and sorted after
// one counting pass.
func (a *automaton) buildTrie(pats []string, syms func([]uint16, string) []uint16) {
	order := make([]int32, len(pats))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(pats[x], pats[y]) })
	a.own = append(make([]int32, 0, 1024), -1)
	var parent []uint32 // by state (root: unused)
	var label []uint16
	parent = append(parent, 0)
	label = append(label, 0)
	var path []uint32 // states along the previous pattern
	var prev, cur []uint16
	for _, id := range order {
		cur = syms(cur[:0], pats[id])
		lcp := 0
		for lcp < len(cur) && lcp < len(prev) && cur[lcp] == prev[lcp] {
			lcp++
		}
		path = path[:lcp]
		s := uint32(0)
		if lcp > 0 {
			s = path[lcp-1]
		}
		for k := lcp; k < len(cur); k++ {
			c := uint32(len(a.own))
			a.own = append(a.own, -1)
			parent = append(parent, s)
			label = append(label, cur[k])
			path = append(path, c)
			s = c
		}
		if a.own[s] < 0 { // a repeated pattern keeps its first id
			a.own[s] = id
		}
		prev, cur = cur, prev
	}
	n := len(a.own)
	// Group the edges by parent; states were created in class order under
	// each parent, so each group is sorted.
	a.edgeStart = make([]uint32, n+1)
	for s := 1; s < n; s++ {
		a.edgeStart[parent[s]+1]++
	}
	for s := 1; s <= n; s++ {
		a.edgeStart[s] += a.edgeStart[s-1]
	}
	a.edgeCls = make([]uint16, n-1)
	a.edgeNext = make([]uint32, n-1)
	fill := slices.Clone(a.edgeStart[:n])
	for s := 1; s < n; s++ {
		e := fill[parent[s]]
		fill[parent[s]]++
		a.edgeCls[e] = label[s]
		a.edgeNext[e] = uint32(s)
	}
}

// child returns the state s reaches on class c in the trie, with outFlag
// when it ends a pattern, or 0.
func (a *automaton) child(s uint32, c uint16) uint32 {
	lo, hi := a.edgeStart[s], a.edgeStart[s+1]
	if hi-lo <= 8 {
		for e := lo; e < hi; e++ {
			if a.edgeCls[e] == c {
				return a.edgeNext[e]
			}
		}
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		switch x := a.edgeCls[mid]; {
		case x == c:
			return a.edgeNext[mid]
		case x < c:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0
}

// buildLinks computes failure and output links breadth first and flags
// the edges into states that end a pattern.
func (a *automaton) buildLinks() {
	n := len(a.own)
	a.fail = make([]uint32, n)
	a.dict = make([]uint32, n)
	queue := make([]uint32, 0, n)
	for e := a.edgeStart[0]; e < a.edgeStart[1]; e++ {
		queue = append(queue, a.edgeNext[e])
	}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		for e := a.edgeStart[s]; e < a.edgeStart[s+1]; e++ {
			c, b := a.edgeNext[e], a.edgeCls[e]
			queue = append(queue, c)
			f := a.fail[s]
			for {
				if t := a.child(f, b); t != 0 {
					a.fail[c] = t
					break
				}
				if f == 0 {
					break
				}
				f = a.fail[f]
			}
			if g := a.fail[c]; a.own[g] >= 0 {
				a.dict[c] = g
			} else {
				a.dict[c] = a.dict[g]
			}
		}
	}
	a.bfs = queue
	for e := range a.edgeNext {
		if t := a.edgeNext[e]; a.hasOut(t) {
			a.edgeNext[e] = t | outFlag32
		}
	}
}

func (a *automaton) hasOut(s uint32) bool { return a.own[s] >= 0 || a.dict[s] != 0 }

// renumber numbers the states breadth first (the root stays 0), so that
// the shallowest states, where scanning spends most of its steps, come
// first and get the dense rows; a state's failure state then always has a
// smaller number than the state.
func (a *automaton) renumber() {
	n := len(a.own)
	order := append([]uint32{0}, a.bfs...)
	a.bfs = nil
	newID := make([]uint32, n)
	for i, s := range order {
		newID[s] = uint32(i)
	}
	own := make([]int32, n)
	dict := make([]uint32, n)
	fail := make([]uint32, n)
	start := make([]uint32, n+1)
	eb := make([]uint16, 0, len(a.edgeCls))
	en := make([]uint32, 0, len(a.edgeNext))
	for i, s := range order {
		own[i] = a.own[s]
		dict[i] = newID[a.dict[s]]
		fail[i] = newID[a.fail[s]]
		start[i] = uint32(len(eb))
		for e := a.edgeStart[s]; e < a.edgeStart[s+1]; e++ {
			eb = append(eb, a.edgeCls[e])
			en = append(en, newID[a.edgeNext[e]&^outFlag32]|a.edgeNext[e]&outFlag32)
		}
	}
	start[n] = uint32(len(eb))
	a.own, a.dict, a.fail, a.edgeStart, a.edgeCls, a.edgeNext = own, dict, fail, start, eb, en
}

// fillRows computes the dense rows of the first k states: a state's row
// is its own edges over its failure state's row (computed before it).
func (a *automaton) fillRows(k int) []uint32 {
	nc := a.nclass
	rows := make([]uint32, k*nc)
	for s := 0; s < k; s++ {
		row := rows[s*nc : s*nc+nc]
		if s > 0 {
			f := int(a.fail[s])
			copy(row, rows[f*nc:f*nc+nc])
		}
		for e := a.edgeStart[s]; e < a.edgeStart[s+1]; e++ {
			row[a.edgeCls[e]] = a.edgeNext[e]
		}
	}
	return rows
}

// each calls fn for every occurrence of every pattern in text, in the
// order described on automaton, until fn returns false.
func (a *automaton) each(text []byte, fn func(id, start, end int) bool) {
	switch {
	case a.runes:
		a.eachRune(text, fn)
	case a.dense16 != nil:
		t, nc := a.dense16, a.nclass
		s := 0
		for i, b := range text {
			v := t[s+int(a.class[b])]
			s = int(v&^outFlag16) * nc
			if v&outFlag16 != 0 && !a.report(uint32(v&^outFlag16), i+1, fn) {
				return
			}
		}
	default:
		t, nc, k := a.dense32, uint32(a.nclass), a.ndense
		s := uint32(0)
		for i, b := range text {
			var v uint32
			for {
				if s < k {
					v = t[s*nc+uint32(a.class[b])]
					break
				}
				if c := a.child(s, uint16(a.class[b])); c != 0 {
					v = c
					break
				}
				s = a.fail[s]
			}
			s = v &^ outFlag32
			if v&outFlag32 != 0 && !a.report(s, i+1, fn) {
				return
			}
		}
	}
}

// eachRune is each for a rune automaton: one step per character of
// text, which must be valid UTF-8 (what is not is read byte by byte as
// characters of no pattern).
func (a *automaton) eachRune(text []byte, fn func(id, start, end int) bool) {
	s := uint32(0)
	for i := 0; i < len(text); {
		c, size := a.classAt(text, i)
		i += size
		if c == 0 {
			s = 0 // a character of no pattern: back to the root
			continue
		}
		v := a.next(s, c)
		s = v &^ outFlag32
		if v&outFlag32 != 0 && !a.report(s, i, fn) {
			return
		}
	}
}

// classAt decodes the character at text[i] and returns its class in a
// rune automaton and its length.
func (a *automaton) classAt(text []byte, i int) (uint16, int) {
	c := text[i]
	switch {
	case c < 0x80:
		return a.runeClass[c], 1
	case c >= 0xE0 && c < 0xF0 && i+2 < len(text):
		return a.runeClass[uint16(c&0x0F)<<12|uint16(text[i+1]&0x3F)<<6|uint16(text[i+2]&0x3F)], 3
	case c >= 0xC0 && c < 0xE0 && i+1 < len(text):
		return a.runeClass[uint16(c&0x1F)<<6|uint16(text[i+1]&0x3F)], 2
	}
	r, size := utf8.DecodeRune(text[i:])
	if r == utf8.RuneError && size <= 1 {
		return 0, 1
	}
	return a.runeOf(r), size
}

// next is the state s reaches on class c (with the out flag of the state
// reached: outFlag32 whatever the row width).
func (a *automaton) next(s uint32, c uint16) uint32 {
	if a.dense16 != nil {
		v := uint32(a.dense16[s*uint32(a.nclass)+uint32(c)])
		if v&outFlag16 != 0 {
			v = v&^outFlag16 | outFlag32
		}
		return v
	}
	for {
		if s < a.ndense {
			return a.dense32[s*uint32(a.nclass)+uint32(c)]
		}
		if t := a.child(s, c); t != 0 {
			return t
		}
		s = a.fail[s]
	}
}

// report calls fn for the patterns that end at end in state s.
func (a *automaton) report(s uint32, end int, fn func(id, start, end int) bool) bool {
	if id := a.own[s]; id >= 0 {
		if !fn(int(id), end-int(a.patLen[id]), end) {
			return false
		}
	}
	for d := a.dict[s]; d != 0; d = a.dict[d] {
		id := a.own[d]
		if !fn(int(id), end-int(a.patLen[id]), end) {
			return false
		}
	}
	return true
}

// FindAllOverlapping returns every occurrence, as coregx/ahocorasick's
// method of that name does (the scoring pass keeps them all).
func (a *automaton) FindAllOverlapping(text []byte) []ahocorasick.Match {
	var out []ahocorasick.Match
	a.each(text, func(id, start, end int) bool {
		out = append(out, ahocorasick.Match{PatternID: id, Start: start, End: end})
		return true
	})
	return out
}

// StateCount is the number of states (for tests and benchmarks).
func (a *automaton) StateCount() int { return len(a.own) }

// memory is the approximate size of the automaton's tables in bytes.
func (a *automaton) memory() int {
	mem := 0
	if a.runeClass != nil {
		mem = 2 * len(a.runeClass)
	}
	return mem + 2*len(a.dense16) + 4*len(a.dense32) + 4*len(a.edgeStart) + 2*len(a.edgeCls) + 4*len(a.edgeNext) +
		4*len(a.fail) + 4*len(a.own) + 4*len(a.dict) + 4*len(a.patLen)
}

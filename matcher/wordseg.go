package matcher

import (
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// wordSeg is gse's shortest-path segmentation (Segmenter.Segment without
// search mode) computed over the same loaded dictionary, token for token:
// the same units (SplitTextToWords: a run of Latin letters and digits is
// one unit, every other character one), the same dictionary words found
// at each unit, the same float32 path lengths summed in the same order,
// and the same tie-breaking (a jump is replaced only by a strictly
// shorter one, or when its length is still zero), so the token starts are
// gse's. What differs is the bookkeeping: the dictionary is a trie of
// unit numbers in flat arrays instead of a byte trie walked per byte, and
// one page's scratch space is reused by the next instead of a slice per
// unit and a token per unknown character. On candidate pages that made
// segmentation about a quarter of the matcher's time.
// TestWordSegSameAsGse and FuzzWordSeg compare it with gse.
type wordSeg struct {
	// Unit numbers (≥ 1; 0: a unit no dictionary word holds): for a
	// unit of one character below U+10000 by table, for other
	// characters by map, and for longer units (Latin runs) by map.
	bmp   []int32
	runes map[rune]int32
	multi map[string]int32
	// The trie: node 0 is the root; its children are roots by unit
	// number, every other edge is in an open-addressing table keyed by
	// parent and unit (edgeKey; 0 marks a free slot, no edge has
	// parent 0). Each entry holds the node the edge leads to, whether a
	// word ends there and that word's path length, so that a step reads
	// one entry of the table (megabytes: a cache miss each), not a node
	// number and then two arrays by node.
	roots    []trieStep
	edges    []trieEdge
	edgeMask uint64
	maxLen   int // longest word, in units
}

// trieStep is the node a step leads to, with whether a word ends there
// (info: node<<1 | word) and that word's path length.
type trieStep struct {
	info uint32
	dist float32
}

type trieEdge struct {
	key uint64
	trieStep
}

// edgeKey is the table key of the edge from parent by unit u.
func edgeKey(parent, u int32) uint64 { return uint64(parent)<<32 | uint64(uint32(u)) }

// edgeSlot is where the table's probe for key starts.
func (w *wordSeg) edgeSlot(key uint64) uint64 {
	return (key * 0x9E3779B97F4A7C15 >> 29) & w.edgeMask
}

// pseudoDistance is the path length gse gives a character that starts
// no dictionary word of one unit.
const pseudoDistance float32 = 32

// newWordSeg builds the trie from gse's loaded dictionary, with the path
// lengths gse's CalcToken gives its tokens.
func newWordSeg(seg *gse.Segmenter) *wordSeg {
	w := &wordSeg{bmp: make([]int32, 0x10000), runes: map[rune]int32{}, multi: map[string]int32{}}
	d := seg.Dict
	if d == nil {
		return w
	}
	logTotal := float32(math.Log2(d.TotalFreq()))
	nunits := int32(0)
	unitOf := func(u string) int32 {
		if r, size := utf8.DecodeRuneInString(u); size == len(u) && (r != utf8.RuneError || size > 1) {
			if r < 0x10000 {
				if w.bmp[r] == 0 {
					nunits++
					w.bmp[r] = nunits
				}
				return w.bmp[r]
			}
			if w.runes[r] == 0 {
				nunits++
				w.runes[r] = nunits
			}
			return w.runes[r]
		}
		if w.multi[u] == 0 {
			nunits++
			w.multi[u] = nunits
		}
		return w.multi[u]
	}
	// Every edge of the trie goes straight into the table, sized for
	// the units of all words after their first (an upper bound on the
	// edges below the root's children) at a load of at most 3/4; no map
	// of edges is built on the way (the cold start's peak memory).
	total := 0
	for i := range d.Tokens {
		total += max(utf8.RuneCountInString(d.Tokens[i].Text())-1, 0)
	}
	size := 1
	for size < total*4/3+1 {
		size *= 2
	}
	w.edges, w.edgeMask = make([]trieEdge, size), uint64(size-1)
	nodes := int32(0) // node 0 is the root
	var units []string
	for i := range d.Tokens {
		tok := &d.Tokens[i]
		units = splitUnits(units[:0], tok.Text())
		if len(units) == 0 {
			continue
		}
		// step: the entry of the last node reached (its word and length
		// are set when the token ends there).
		var step *trieStep
		node := int32(0)
		for _, u := range units {
			n := unitOf(u)
			if node == 0 {
				for int(n) >= len(w.roots) {
					w.roots = append(w.roots, trieStep{})
				}
				if w.roots[n].info == 0 {
					nodes++
					w.roots[n].info = uint32(nodes) << 1
				}
				step = &w.roots[n]
				node = int32(step.info >> 1)
				continue
			}
			key := edgeKey(node, n)
			j := w.edgeSlot(key)
			for w.edges[j].key != 0 && w.edges[j].key != key {
				j = (j + 1) & w.edgeMask
			}
			if w.edges[j].key == 0 {
				nodes++
				w.edges[j] = trieEdge{key: key, trieStep: trieStep{info: uint32(nodes) << 1}}
			}
			step = &w.edges[j].trieStep
			node = int32(step.info >> 1)
		}
		if step.info&1 == 0 { // the first token of a text wins, as in gse
			step.info |= 1
			step.dist = logTotal - float32(math.Log2(tok.Freq()))
		}
		w.maxLen = max(w.maxLen, len(units))
	}
	return w
}

// splitUnits appends the units of s as gse's SplitTextToWords cuts them
// (with gse.ToLower, Latin runs in lower case).
func splitUnits(out []string, s string) []string {
	b := []byte(s)
	var starts []int
	var ends []int
	eachUnit(b, func(start, end int) {
		starts = append(starts, start)
		ends = append(ends, end)
	})
	for i := range starts {
		u := b[starts[i]:ends[i]]
		if isAlnumUnit(u) && gse.ToLower {
			u = lowerASCII(u)
		}
		out = append(out, string(u))
	}
	return out
}

// isAlnumUnit reports whether a unit is a Latin run (its first character
// is a letter or digit of at most two bytes).
func isAlnumUnit(u []byte) bool {
	r, size := utf8.DecodeRune(u)
	return size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r))
}

func lowerASCII(u []byte) []byte {
	out := make([]byte, len(u))
	for i, c := range u {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// eachUnit calls fn with the byte range of every unit of text, in order,
// as gse's SplitTextToWords cuts it (Segmenter.Num and Alpha unset, as
// the matcher's segmenter has them).
func eachUnit(text []byte, fn func(start, end int)) {
	run := -1 // start of the current Latin run
	for cur := 0; cur < len(text); {
		r, size := utf8.DecodeRune(text[cur:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if run < 0 {
				run = cur
			}
		} else {
			if run >= 0 {
				fn(run, cur)
				run = -1
			}
			fn(cur, cur+size)
		}
		cur += size
	}
	if run >= 0 {
		fn(run, len(text))
	}
}

// unitNumber is the number of one unit of text, 0 for a unit no
// dictionary word holds.
func (w *wordSeg) unitNumber(u []byte) int32 {
	r, size := utf8.DecodeRune(u)
	if size == len(u) && (r != utf8.RuneError || size > 1) {
		if r >= 'A' && r <= 'Z' && gse.ToLower {
			r += 'a' - 'A' // a Latin run of one letter
		}
		if r < 0x10000 {
			return w.bmp[r]
		}
		return w.runes[r]
	}
	if len(w.multi) == 0 {
		return 0
	}
	if gse.ToLower && isAlnumUnit(u) {
		for _, c := range u {
			if c >= 'A' && c <= 'Z' {
				return w.multi[string(lowerASCII(u))]
			}
		}
	}
	return w.multi[string(u)]
}

// units appends the start and number of every unit of text, cut as
// eachUnit cuts it (the same loop, with the character decoded once).
func (w *wordSeg) units(text []byte, starts, units []int32) ([]int32, []int32) {
	run := -1 // start of the current Latin run
	for cur := 0; cur < len(text); {
		r, size := rune(text[cur]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[cur:])
		}
		var latin bool
		if size == 1 {
			latin = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			latin = size == 2 && (unicode.IsLetter(r) || unicode.IsNumber(r))
		}
		if latin {
			if run < 0 {
				run = cur
			}
			cur += size
			continue
		}
		if run >= 0 {
			starts = append(starts, int32(run))
			units = append(units, w.unitNumber(text[run:cur]))
			run = -1
		}
		starts = append(starts, int32(cur))
		switch {
		case r == utf8.RuneError && size == 1:
			units = append(units, w.unitNumber(text[cur:cur+1]))
		case r < 0x10000:
			units = append(units, w.bmp[r])
		default:
			units = append(units, w.runes[r])
		}
		cur += size
	}
	if run >= 0 {
		starts = append(starts, int32(run))
		units = append(units, w.unitNumber(text[run:]))
	}
	return starts, units
}

// child is the step from node by unit u in the packed trie (info 0:
// none).
func (w *wordSeg) child(node, u int32) trieStep {
	if node == 0 {
		if int(u) < len(w.roots) {
			return w.roots[u]
		}
		return trieStep{}
	}
	key := edgeKey(node, u)
	for i := w.edgeSlot(key); ; i = (i + 1) & w.edgeMask {
		switch e := &w.edges[i]; e.key {
		case key:
			return e.trieStep
		case 0:
			return trieStep{}
		}
	}
}

// segScratch is one segmentation's working space, reused.
type segScratch struct {
	starts []int32   // byte offset of each unit
	units  []int32   // unit numbers
	minD   []float32 // shortest path length to the end of each unit
	jump   []int32   // length in units of the last word of that path
	out    []int32   // word starts in units, from the back
}

var segScratchPool = sync.Pool{New: func() any { return new(segScratch) }}

// tokenStarts calls fn with the byte offset of every token of text, in
// order, as gse's Segment would give them.
func (w *wordSeg) tokenStarts(text []byte, fn func(start int)) {
	if len(text) == 0 {
		return
	}
	sc := segScratchPool.Get().(*segScratch)
	defer func() {
		if cap(sc.starts) <= 1<<20 {
			segScratchPool.Put(sc)
		}
	}()
	starts, units := w.units(text, sc.starts[:0], sc.units[:0])
	sc.starts, sc.units = starts, units
	n := len(units)
	minD := slices.Grow(sc.minD[:0], n)[:n]
	jump := slices.Grow(sc.jump[:0], n)[:n]
	clear(minD)
	sc.minD, sc.jump = minD, jump
	// gse's updateJumper, word for word.
	update := func(at int, base, d float32, length int32) {
		nd := base + d
		if minD[at] == 0 || minD[at] > nd {
			minD[at] = nd
			jump[at] = length
		}
	}
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = minD[cur-1]
		}
		found, firstLen := 0, int32(0)
		node := int32(0)
		end := min(cur+w.maxLen, n)
		for k := cur; k < end; k++ {
			u := units[k]
			if u == 0 {
				break
			}
			st := w.child(node, u)
			if node = int32(st.info >> 1); node == 0 {
				break
			}
			if st.info&1 != 0 {
				length := int32(k - cur + 1)
				if found == 0 {
					firstLen = length
				}
				found++
				update(k, base, st.dist, length)
			}
		}
		if found == 0 || firstLen > 1 {
			update(cur, base, pseudoDistance, 1)
		}
	}
	out := sc.out[:0]
	for i := n - 1; i >= 0; {
		loc := i - int(jump[i]) + 1
		out = append(out, int32(loc))
		i = loc - 1
	}
	sc.out = out
	for i := len(out) - 1; i >= 0; i-- {
		fn(int(starts[out[i]]))
	}
}

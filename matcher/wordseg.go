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
	// The trie: node 0 is the root; the children of node n are
	// edges[first[n]:first[n+1]], sorted by unit (rootKids, by unit
	// number, for the root's). dist is the path length of the word
	// ending at a node; word tells whether one does.
	rootKids []int32
	first    []int32
	edgeUnit []int32
	edgeNode []int32
	dist     []float32
	word     []bool
	maxLen   int // longest word, in units
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
	// A trie in a map while it grows, flattened below.
	type edge struct{ parent, unit int32 }
	kids := map[edge]int32{}
	dist := []float32{0}
	word := []bool{false}
	var units []string
	for i := range d.Tokens {
		tok := &d.Tokens[i]
		units = splitUnits(units[:0], tok.Text())
		if len(units) == 0 {
			continue
		}
		node := int32(0)
		for _, u := range units {
			e := edge{node, unitOf(u)}
			next, ok := kids[e]
			if !ok {
				next = int32(len(dist))
				kids[e] = next
				dist = append(dist, 0)
				word = append(word, false)
			}
			node = next
		}
		if !word[node] { // the first token of a text wins, as in gse
			word[node] = true
			dist[node] = logTotal - float32(math.Log2(tok.Freq()))
		}
		w.maxLen = max(w.maxLen, len(units))
	}
	w.dist, w.word = dist, word
	w.rootKids = make([]int32, nunits+1)
	count := make([]int32, len(dist)+1)
	type flat struct{ parent, unit, node int32 }
	var edges []flat
	for e, n := range kids {
		if e.parent == 0 {
			w.rootKids[e.unit] = n
			continue
		}
		edges = append(edges, flat{e.parent, e.unit, n})
		count[e.parent+1]++
	}
	slices.SortFunc(edges, func(a, b flat) int {
		if a.parent != b.parent {
			return int(a.parent - b.parent)
		}
		return int(a.unit - b.unit)
	})
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	w.first = count
	w.edgeUnit = make([]int32, len(edges))
	w.edgeNode = make([]int32, len(edges))
	for i, e := range edges {
		w.edgeUnit[i], w.edgeNode[i] = e.unit, e.node
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

// child is the trie node reached from node by unit u, or 0.
func (w *wordSeg) child(node, u int32) int32 {
	if node == 0 {
		if int(u) < len(w.rootKids) {
			return w.rootKids[u]
		}
		return 0
	}
	lo, hi := w.first[node], w.first[node+1]
	for lo < hi {
		mid := int32(uint32(lo+hi) >> 1)
		if w.edgeUnit[mid] < u {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < w.first[node+1] && w.edgeUnit[lo] == u {
		return w.edgeNode[lo]
	}
	return 0
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
	starts, units := sc.starts[:0], sc.units[:0]
	eachUnit(text, func(a, b int) {
		starts = append(starts, int32(a))
		units = append(units, w.unitNumber(text[a:b]))
	})
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
			if node = w.child(node, u); node == 0 {
				break
			}
			if w.word[node] {
				length := int32(k - cur + 1)
				if found == 0 {
					firstLen = length
				}
				found++
				update(k, base, w.dist[node], length)
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

package matcher

import (
	"crypto/sha256"
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
)

// zhDict is the segmentation dictionary (see internal/gendict).
//
//go:embed dict/zh.txt
var zhDict string

// termFreq is the dictionary frequency given to rule terms so that the
// segmenter keeps them whole. It is that of a common word, not more, so a
// term does not swallow the ordinary words around it (路口|交通 stays so
// even with 口交 as a term).
const termFreq = 2000

// maxSegment bounds how much normalized text is segmented; positions beyond
// it are estimated and hits there are not checked for word boundaries.
const maxSegment = 1 << 20

// newSegmenter loads the embedded dictionary with the pack's CJK terms
// first, so that their entries win over the dictionary's (gse keeps the
// first load of a word), and computes the token table once.
//
// Loading is serialized: gse keeps some of what a load builds in package
// variables, so two matchers loading at once race (the race detector
// caught it when a rule comparison loaded two packs side by side).
func newSegmenter(terms []string) *gse.Segmenter {
	segmenterLoad.Lock()
	defer segmenterLoad.Unlock()
	var b strings.Builder
	for _, t := range terms {
		if strings.ContainsAny(t, " \n") {
			continue
		}
		b.WriteString(t)
		b.WriteString(" " + strconv.Itoa(termFreq) + " n\n")
	}
	b.WriteString(zhDict)
	seg := &gse.Segmenter{SkipLog: true}
	// LoadDictStr only fails on I/O, which a string has none of.
	_ = seg.LoadDictStr(b.String())
	return seg
}

// segmenterLoad serializes newSegmenter.
var segmenterLoad sync.Mutex

// segmentation is the word structure of one normalized text.
type segmentation struct {
	bounds []int // every token start, ascending, plus the end of the text
	words  []int // starts of tokens holding a letter, digit or ideograph
	limit  int   // bytes segmented; beyond it positions are estimated
}

// segmentText segments text (up to maxSegment bytes) with gse's Segment,
// or with wseg, which gives the same tokens faster (wordseg.go), when
// it is not nil.
func segmentText(seg *gse.Segmenter, wseg *wordSeg, text string) *segmentation {
	limit := len(text)
	if limit > maxSegment {
		limit = maxSegment
		for limit > 0 && !utf8.RuneStart(text[limit]) {
			limit--
		}
	}
	s := &segmentation{limit: limit}
	// The segmenters read the bytes and write none: the text is passed in place.
	in := unsafe.Slice(unsafe.StringData(text), limit)
	add := func(st int) {
		s.bounds = append(s.bounds, st)
		r, _ := utf8.DecodeRuneInString(text[st:])
		if isHan(r) || isAlnum(r) {
			s.words = append(s.words, st)
		}
	}
	if wseg != nil {
		// About one token per 4 bytes of Chinese text.
		s.bounds = make([]int, 0, limit/4+2)
		s.words = make([]int, 0, limit/4+1)
		wseg.tokenStarts(in, add)
	} else {
		toks := seg.Segment(in)
		s.bounds = make([]int, 0, len(toks)+1)
		s.words = make([]int, 0, len(toks))
		for _, t := range toks {
			add(t.Start())
		}
	}
	s.bounds = append(s.bounds, limit)
	return s
}

// isBoundary reports whether off falls between two tokens.
func (s *segmentation) isBoundary(off int) bool {
	if off >= s.limit {
		return true
	}
	i := sort.SearchInts(s.bounds, off)
	return i < len(s.bounds) && s.bounds[i] == off
}

// wordIndex is the index of the word holding off.
func (s *segmentation) wordIndex(off int) int {
	if off >= s.limit {
		// Beyond the segmented part: about 1.5 CJK characters (4.5 bytes) a word.
		return len(s.words) + (off-s.limit)*2/9
	}
	return sort.SearchInts(s.words, off+1) - 1
}

// sharedSegs keeps the word segmenters of the last few term lists: a
// process that compiles the same pack more than once (activation, a rule
// comparison, the tuning page, every test) builds the segmenter from gse's
// dictionary once per list instead of each time (about a second, ten under
// the race detector). A wordSeg is read-only once built, so matchers share
// it.
var sharedSegs = segCache{max: 3, build: func(terms []string) *wordSeg { return newWordSeg(newSegmenter(terms)) }}

type segCache struct {
	mu      sync.Mutex
	max     int
	build   func(terms []string) *wordSeg
	entries []*segEntry // most recently used last
}

type segEntry struct {
	key  [sha256.Size]byte
	once sync.Once
	wseg *wordSeg
}

// get returns the word segmenter for terms, building it on first use
// (outside the cache's lock: a second caller of the same terms waits for
// the first build, callers of other terms do not).
func (c *segCache) get(terms []string) *wordSeg {
	h := sha256.New()
	for _, t := range terms {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	c.mu.Lock()
	var e *segEntry
	for i, x := range c.entries {
		if x.key == key {
			e = x
			c.entries = append(c.entries[:i], c.entries[i+1:]...)
			break
		}
	}
	if e == nil {
		e = &segEntry{key: key}
		if len(c.entries) >= c.max {
			c.entries = c.entries[1:]
		}
	}
	c.entries = append(c.entries, e)
	c.mu.Unlock()
	e.once.Do(func() { e.wseg = c.build(terms) })
	return e.wseg
}

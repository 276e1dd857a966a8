package matcher

//go:generate go run ./internal/gentables -o foldtable.go

import (
	"sort"
	"strings"
	"sync/atomic"

	"github.com/certwatch/certwatch/page"
	"unicode"
	"unicode/utf8"
)

// Character classes after folding.
const (
	clsDrop  uint8 = iota // invisible or combining: removed wherever it stands
	clsSep                // space, punctuation, symbol, emoji
	clsNL                 // line or paragraph break
	clsHan                // CJK ideographs, kana, bopomofo
	clsAlnum              // other letters and digits
)

// maxJoinRun is the longest run of separators that is removed between two
// characters when at least one of them is CJK (办 证, 办.证, 电*工*证).
// Longer runs, and runs holding a line break, become one space or newline.
const maxJoinRun = 3

var (
	foldBMP  [0x10000]uint16
	classBMP [0x10000]uint8
	foldAstr map[rune]rune
)

// identBits marks the BMP characters that normalize to themselves and are
// word characters (CJK, letters, digits): the normalizer's fast path.
var identBits [0x10000 / 64]uint64

func init() {
	defer func() {
		for r := range foldBMP {
			if foldBMP[r] == uint16(r) && classBMP[r] > clsNL {
				identBits[r/64] |= 1 << (r % 64)
			}
		}
	}()
	for r := range foldBMP {
		foldBMP[r] = uint16(r)
	}
	foldAstr = map[rune]rune{}
	for _, p := range foldPairs {
		if p[0] < 0x10000 && p[1] < 0x10000 {
			foldBMP[p[0]] = uint16(p[1])
		} else {
			foldAstr[p[0]] = p[1]
		}
	}
	for r := 'A'; r <= 'Z'; r++ {
		foldBMP[r] = uint16(r + 'a' - 'A')
	}
	for r := range classBMP {
		classBMP[r] = classify(rune(r))
	}
}

func classify(r rune) uint8 {
	switch {
	case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x2028 || r == 0x2029 || r == 0x85:
		return clsNL
	case r >= 0xD800 && r <= 0xDFFF:
		return clsDrop
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) && (unicode.IsLetter(r) || r == '〇'):
		return clsHan
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return clsAlnum
	case r == '\t' || r == ' ':
		return clsSep
	case unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Cc, unicode.Co, unicode.Cs) ||
		r == 0x3164 || r == 0xFFA0 || r == 0x115F || r == 0x1160: // Hangul fillers render as nothing
		return clsDrop
	}
	return clsSep
}

// foldRune returns the folded character and its class.
func foldRune(r rune) (rune, uint8) {
	if r < 0x10000 {
		f := rune(foldBMP[r])
		return f, classBMP[f]
	}
	if f, ok := foldAstr[r]; ok {
		r = f
	}
	if r < 0x10000 {
		return r, classBMP[r]
	}
	return r, classify(r)
}

// Normalized is text prepared for matching, with a map from each of its
// bytes back to the original text.
//
// The map is sparse: one span per stretch of output whose characters stand
// at the same distance from their originals (text that normalizes to
// itself is one span, however long), and one per character that moved
// (a folded character of another length, a separator that stands for a
// run). Building it costs the normalizer almost nothing, so pages are
// normalized once, with the map, and not a second time for highlighting.
type Normalized struct {
	Text   string
	spans  []span // ascending by out (and by in)
	source string
}

// span starts a stretch of output: the character at output byte out comes
// from original byte in, and so does every later character of the stretch
// at the same distance.
type span struct{ out, in int32 }

// Normalize folds s for matching: full-width to half-width, traditional to
// simplified, lower case, look-alike characters to what they imitate;
// invisible characters are removed; runs of up to three separators next to a
// CJK character are removed (办 证 → 办证); other separator runs become one
// space (a newline next to CJK or when they hold a line break). The result keeps a map
// back to s so every match can be highlighted in the original.
func Normalize(s string) *Normalized {
	out, sp := normalize(make([]byte, 0, len(s)), nil, s, true)
	return &Normalized{Text: string(out), spans: sp, source: s}
}

// Source returns the original text.
func (n *Normalized) Source() string { return n.source }

// origAt is the original offset of the character holding normalized byte
// i (0 <= i < len(n.Text)).
func (n *Normalized) origAt(i int) int {
	for i > 0 && n.Text[i]&0xC0 == 0x80 {
		i-- // to the start of the character
	}
	k := sort.Search(len(n.spans), func(k int) bool { return int(n.spans[k].out) > i }) - 1
	if k < 0 {
		return 0
	}
	sp := n.spans[k]
	return int(sp.in) + i - int(sp.out)
}

// Orig maps the normalized byte range [start, end) to the original byte range.
func (n *Normalized) Orig(start, end int) (int, int) {
	if len(n.Text) == 0 {
		return 0, 0
	}
	if start >= len(n.Text) {
		return len(n.source), len(n.source)
	}
	if end <= start {
		o := n.origAt(start)
		return o, o
	}
	os := n.origAt(start)
	last := n.origAt(end - 1)
	_, size := utf8.DecodeRuneInString(n.source[last:])
	return os, last + size
}

// OrigOffset maps one normalized byte offset to the original.
func (n *Normalized) OrigOffset(i int) int {
	if i >= len(n.Text) {
		return len(n.source)
	}
	return n.origAt(i)
}

// normOffset maps an original byte offset to the first normalized byte
// that comes from at or after it.
func (n *Normalized) normOffset(a int) int {
	k := sort.Search(len(n.spans), func(k int) bool { return int(n.spans[k].in) >= a })
	// The answer lies in span k-1 (which may reach a) or starts span k.
	lo := 0
	if k > 0 {
		lo = int(n.spans[k-1].out)
	}
	hi := len(n.Text)
	if k < len(n.spans) {
		hi = int(n.spans[k].out)
	}
	return lo + sort.Search(hi-lo, func(i int) bool { return n.origAt(lo+i) >= a })
}

// sepBuf holds a pending run of separators (the first 8 are kept).
type sepBuf struct {
	runes [8]rune
	offs  [8]int32
	count int
	nl    bool
	nlOff int32
	stop  int32 // offset of a sentence mark (。！？；) in the run, or -1
}

// isSentenceMark reports the marks that end a clause: next to CJK they
// keep a break, so negation and co-occurrence do not reach across
// sentences (我们不代考。电工证免考 is two sentences).
func isSentenceMark(r rune) bool {
	return r == '。' || r == '!' || r == '?' || r == ';' || r == '｡'
}

// normalize appends the normalized form of s to dst; when withMap is set it
// also appends the spans of its offset map to m (see Normalized), with
// offsets relative to the starts of s and of the output dst.
// largeNorms counts normalisations of texts of at least largeNorm bytes
// (Normalizations).
var largeNorms atomic.Uint64

const largeNorm = 1 << 10

// Normalizations is how many texts of at least 1 KiB this process has
// normalised: pages, not rule terms. A sweep normalises a page once for the
// matcher (shared with the content key and the blocked-page check through
// MatchNorm's result) and once for the learned model's features; tests
// check that with it.
func Normalizations() uint64 { return largeNorms.Load() }

// countNorm counts one normalisation of s.
func countNorm(s string) {
	if len(s) >= largeNorm {
		largeNorms.Add(1)
	}
}

func normalize(dst []byte, m []span, s string, withMap bool) ([]byte, []span) {
	return normalizeSeen(dst, m, s, withMap, nil)
}

// What normalizeSeen reports having seen in the original text.
const (
	seenAt       uint8 = 1 << iota // @ or ＠ (normalization drops it next to CJK)
	seenEnclosed                   // an enclosed number above 9 (enclosedTens)
)

// normNote is what normalizeSeen reports about the text besides its
// normalized form.
type normNote struct {
	seen uint8 // seen* bits of characters met in the original
	// markAt is an offset of the original holding a separator (the line
	// break between a page's title and text); markOut is then set to the
	// length of the normalization of the text before it, which is what
	// that part normalizes to on its own, and marked to true.
	markAt, markOut int
	marked          bool
	// auto, when set, is stepped over each character of the output as
	// it is written (the first pass's automaton: no second pass over the
	// text).
	auto *firstAuto
}

// firstAuto steps a rune automaton over normalized text as the
// normalizer writes it, reporting hits to the opener (with offsets in the
// output) until it needs no more.
type firstAuto struct {
	a *automaton // a rune automaton (runes set)
	s uint32
	o *opener
	// The automaton's 16-bit rows and row length, when it has them (a
	// small pack): the step the normalizer takes inline.
	d16 []uint16
	nc  uint32
}

func newFirstAuto(a *automaton, o *opener) firstAuto {
	return firstAuto{a: a, o: o, d16: a.dense16, nc: uint32(a.nclass)}
}

// class is the class of character r.
func (fa *firstAuto) class(r rune) uint16 {
	if r < 0x10000 {
		return fa.a.runeClass[uint16(r)]
	}
	return fa.a.astralClass[r]
}

// feed steps on class c, for a character that ends at output offset end;
// false when the opener needs no more hits. The normalizer calls it only
// when c is not 0 or the state is not the root (a character of no
// pattern at the root changes nothing).
func (fa *firstAuto) feed(c uint16, end int) bool {
	if fa.d16 != nil {
		v := fa.d16[fa.s*fa.nc+uint32(c)]
		fa.s = uint32(v &^ outFlag16)
		return v&outFlag16 == 0 || fa.out(end)
	}
	return fa.feedSparse(c, end)
}

func (fa *firstAuto) feedSparse(c uint16, end int) bool {
	if c == 0 {
		fa.s = 0
		return true
	}
	v := fa.a.next(fa.s, c)
	fa.s = v &^ outFlag32
	return v&outFlag32 == 0 || fa.out(end)
}

// out reports the patterns that end in the current state.
//
//go:noinline
func (fa *firstAuto) out(end int) bool { return fa.a.report(fa.s, end, fa.o.hit) }

// normalizeSeen is normalize that also fills *note (when not nil): the
// characters that change or drop in normalization the contact extractor
// needs to know of (so it need not scan the original text for them), and
// the output length at note.markAt.
func normalizeSeen(dst []byte, m []span, s string, withMap bool, note *normNote) ([]byte, []span) {
	countNorm(s)
	base := len(dst)
	// mark records that the character about to be written at len(dst)
	// comes from s[off:], opening a span unless the current one covers it.
	mark := func(off int) {
		o := int32(len(dst) - base)
		if k := len(m); k == 0 || o-m[k-1].out != int32(off)-m[k-1].in {
			m = append(m, span{out: o, in: int32(off)})
		}
	}
	// fa, when set, is stepped over every character written, at the
	// output offset where it ends: in the fast paths before the run that
	// holds it is copied (base + pending run + the character).
	var fa *firstAuto
	if note != nil && note.auto != nil && note.auto.a != nil && note.auto.a.runes {
		fa = note.auto
	}
	pend := sepBuf{stop: -1}
	prev := clsDrop // class of the last emitted word character; clsDrop at start
	emit := func(r rune, off int32) {
		if withMap {
			mark(int(off))
		}
		dst = utf8.AppendRune(dst, r)
		if fa != nil {
			if k := fa.class(r); (k != 0 || fa.s != 0) && !fa.feed(k, len(dst)-base) {
				fa = nil
			}
		}
	}
	// run is the start of a stretch of s that normalizes to itself and is
	// copied in one piece when it ends; -1 when none.
	run := -1
	flush := func(end int) {
		if run >= 0 {
			dst = append(dst, s[run:end]...)
			run = -1
		}
	}
	// lastR is the last character the fast path copied; prev is brought
	// up to date from it (lazy) only when a separator run needs it.
	var lastR rune
	lazy := false
	for i := 0; i < len(s); {
		c := s[i]
		// Fast path: a character that stays as it is, outside a run of
		// separators (nearly all of a page), decided by one bit.
		if pend.count == 0 {
			if c < utf8.RuneSelf {
				if identBits[c>>6]&(1<<(c&63)) != 0 {
					if run < 0 {
						run = i
						if withMap {
							mark(i)
						}
					}
					lastR, lazy = rune(c), true
					i++
					if fa != nil {
						if k := fa.a.runeClass[c]; k != 0 || fa.s != 0 {
							// feed, inline for the small packs' rows
							if fa.d16 == nil {
								if !fa.feedSparse(k, len(dst)-base+i-run) {
									fa = nil
								}
							} else if v := fa.d16[fa.s*fa.nc+uint32(k)]; v&outFlag16 == 0 {
								fa.s = uint32(v)
							} else if fa.s = uint32(v &^ outFlag16); !fa.out(len(dst) - base + i - run) {
								fa = nil
							}
						}
					}
					continue
				}
			} else if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
				r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				if r >= 0x800 && identBits[r>>6]&(1<<(r&63)) != 0 {
					if run < 0 {
						run = i
						if withMap {
							mark(i)
						}
					}
					lastR, lazy = r, true
					i += 3
					if fa != nil {
						if k := fa.a.runeClass[uint16(r)]; k != 0 || fa.s != 0 {
							// feed, inline for the small packs' rows
							if fa.d16 == nil {
								if !fa.feedSparse(k, len(dst)-base+i-run) {
									fa = nil
								}
							} else if v := fa.d16[fa.s*fa.nc+uint32(k)]; v&outFlag16 == 0 {
								fa.s = uint32(v)
							} else if fa.s = uint32(v &^ outFlag16); !fa.out(len(dst) - base + i - run) {
								fa = nil
							}
						}
					}
					continue
				}
			}
		}
		if lazy {
			prev, lazy = classBMP[lastR], false
		}
		var r rune
		size := 1
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// Three bytes, as almost every CJK character: decoded inline
			// (utf8.DecodeRuneInString is not inlined for multi-byte input).
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			size = 3
			if r < 0x800 || (r >= 0xD800 && r <= 0xDFFF) {
				flush(i)
				i++
				continue
			}
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				flush(i)
				i++
				continue
			}
		}
		off := i
		i += size
		var f rune
		var cls uint8
		if r < 0x10000 {
			f = rune(foldBMP[r])
			cls = classBMP[f]
		} else {
			f, cls = foldRune(r)
		}
		if f == r && cls > clsNL && pend.count == 0 {
			if run < 0 {
				run = off
				if withMap {
					mark(off)
				}
			}
			prev = cls
			if fa != nil {
				if k := fa.class(r); (k != 0 || fa.s != 0) && !fa.feed(k, len(dst)-base+i-run) {
					fa = nil
				}
			}
			continue
		}
		flush(off)
		if note != nil {
			if r == '@' || r == '＠' {
				note.seen |= seenAt
			} else if r >= 0x2469 && r <= 0x32BF && enclosedTens(r) > 0 {
				note.seen |= seenEnclosed
			}
			if off == note.markAt {
				// A separator: the fast path never takes it, and what
				// came before it has just been flushed.
				note.markOut = len(dst) - base
				note.marked = true
			}
		}
		if cls <= clsNL {
			if cls == clsDrop {
				continue
			}
			if pend.count < len(pend.runes) {
				pend.runes[pend.count] = f
				pend.offs[pend.count] = int32(off)
			}
			if cls == clsNL && !pend.nl {
				pend.nl, pend.nlOff = true, int32(off)
			}
			if pend.stop < 0 && isSentenceMark(f) {
				pend.stop = int32(off)
			}
			pend.count++
			continue
		}
		if pend.count > 0 {
			switch {
			case prev == clsDrop: // leading separators
			case pend.nl:
				emit('\n', pend.nlOff)
			case pend.stop >= 0 && (prev == clsHan || cls == clsHan):
				emit('\n', pend.stop)
			case pend.count <= maxJoinRun && (prev == clsHan || cls == clsHan):
				// 办 证, 办.证: removed.
			case pend.count <= maxJoinRun:
				// Between Latin letters and digits keep punctuation (URLs,
				// domains, ids) but collapse white space.
				space := false
				for k := 0; k < pend.count; k++ {
					pr := pend.runes[k]
					if unicode.IsSpace(pr) {
						if !space {
							emit(' ', pend.offs[k])
						}
						space = true
						continue
					}
					space = false
					emit(pr, pend.offs[k])
				}
			case prev == clsHan || cls == clsHan:
				// A long gap next to CJK is a hard break; a space there
				// would be removed by a second normalization.
				emit('\n', pend.offs[0])
			default:
				emit(' ', pend.offs[0])
			}
			pend.count, pend.nl, pend.stop = 0, false, -1
		}
		if withMap {
			mark(off)
		}
		if f == r {
			dst = append(dst, s[off:i]...)
		} else if f < utf8.RuneSelf {
			dst = append(dst, byte(f))
		} else {
			dst = utf8.AppendRune(dst, f)
		}
		if fa != nil {
			if k := fa.class(f); (k != 0 || fa.s != 0) && !fa.feed(k, len(dst)-base) {
				fa = nil
			}
		}
		prev = cls
	}
	flush(len(s))
	return dst, m
}

// NormalizeString returns only the normalized text (no offset map); the
// matcher uses it for terms and for the fast first pass over a page.
func NormalizeString(s string) string {
	out, _ := normalize(make([]byte, 0, len(s)), nil, s, false)
	return string(out)
}

// isHan reports whether the folded rune r is CJK.
func isHan(r rune) bool {
	if r < 0x10000 {
		return classBMP[r] == clsHan
	}
	return classify(r) == clsHan
}

// isAlnum reports whether r is a (non-CJK) letter or digit after folding.
func isAlnum(r rune) bool {
	if r < 0x10000 {
		return classBMP[r] == clsAlnum
	}
	return classify(r) == clsAlnum
}

// PageNorm is a page's Title + "\n" + Text normalised, as the matcher reads
// it; Text[:TitleLen] is the title normalised alone.
type PageNorm struct {
	Text     string
	TitleLen int
}

// Title is the normalised title.
func (n *PageNorm) Title() string { return n.Text[:n.TitleLen] }

// Body is the normalised text after the title (without the separator).
func (n *PageNorm) Body() string { return strings.TrimLeft(n.Text[n.TitleLen:], " \n") }

// PageNormalized returns p's Title + "\n" + Text normalised, as MatchNorm
// returns it, for a page the matcher has not read.
func PageNormalized(p *page.Page) *PageNorm {
	note := &normNote{markAt: len(p.Title)}
	s := p.Title + "\n" + p.Text
	buf, _ := normalizeSeen(make([]byte, 0, len(s)), nil, s, false, note)
	return &PageNorm{Text: string(buf), TitleLen: note.markOut}
}

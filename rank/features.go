package rank

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
)

// FeatureScheme names how a text becomes a vector. A model records it and
// refuses to load under another scheme.
const FeatureScheme = "char-ngram/1: matcher.NormalizeString, digits->0, whitespace runs->' ', log1p(tf), L2"

// normaliserProbe is folded by matcher.NormalizeString to fingerprint the
// normaliser a model was trained with: traditional characters, full width,
// split characters, look-alike app names, styled digits, mixed case.
const normaliserProbe = "辦 證 電工證，免考包過！ＷＸ：ａｂｃ１２３ 威信/薇信 V信 ①②③ 办.证 办\u200b证 焊　工 QQ:12345 " +
	"考試答案 代 考 掛靠 查詢網站 cx.mem.gov.cn 〇一二三 Ⅲ ㈠ ％ 《证书》\n新行"

// NormaliserFingerprint identifies this build's normaliser: the first 12
// hex digits of the SHA-256 of NormalizeString(normaliserProbe). A model
// trained under another normaliser would see different n-grams.
var NormaliserFingerprint = func() string {
	sum := sha256.Sum256([]byte(matcher.NormalizeString(normaliserProbe)))
	return hex.EncodeToString(sum[:])[:12]
}()

// PageText is the text the model reads for a page: the title, the visible
// text, and the labels and placeholders of form fields (an imitation query
// page's "证件号码" lives there).
func PageText(p *page.Page) string {
	var b strings.Builder
	b.WriteString(p.Title)
	b.WriteByte('\n')
	b.WriteString(p.Text)
	for _, f := range p.Forms {
		for _, fl := range f.Fields {
			for _, s := range []string{fl.Label, fl.Placeholder} {
				if s != "" {
					b.WriteByte('\n')
					b.WriteString(s)
				}
			}
		}
	}
	return b.String()
}

// prepare normalises text the way the matcher does and folds it further
// for features: every digit becomes '0' (a phone number or price is a
// shape, not a value) and every run of white space one ' ' (a boundary the
// n-grams keep). It returns runes.
func prepare(text string, maxRunes int) []rune {
	// Normalising never makes more characters than it reads; the input is
	// cut at 16 bytes per rune kept (at least 4 characters read for each
	// one kept), so a 32 MiB page is not normalised whole. A text that is
	// mostly invisible characters may then keep fewer than maxRunes.
	if limit := 16 * maxRunes; len(text) > limit {
		for limit > 0 && !utf8.RuneStart(text[limit]) {
			limit--
		}
		text = text[:limit]
	}
	norm := matcher.NormalizeString(text)
	out := make([]rune, 0, min(len(norm), maxRunes))
	space := true // no leading space
	for _, r := range norm {
		if len(out) >= maxRunes {
			break
		}
		switch {
		case unicode.IsSpace(r):
			if !space {
				out = append(out, ' ')
			}
			space = true
			continue
		case unicode.IsDigit(r):
			r = '0'
		}
		space = false
		out = append(out, r)
	}
	if n := len(out); n > 0 && out[n-1] == ' ' {
		out = out[:n-1]
	}
	return out
}

// hashGram is FNV-1a (64 bit) over the runes of one n-gram, each rune's
// bytes followed by 0xff (keeps 0x1234 apart from 0x12, 0x34); never 0.
func hashGram(rs []rune) uint64 {
	h := fnvOffset
	for _, r := range rs {
		h = hashRune(h, r)
	}
	return final(h)
}

const fnvOffset = uint64(14695981039346656037)

// hashRune extends an n-gram's hash state by one rune: the hash of an
// n-gram is final(hashRune(state of its first n−1 runes, last rune)).
func hashRune(h uint64, r rune) uint64 {
	for v := uint32(r); ; v >>= 8 {
		h ^= uint64(v & 0xff)
		h *= 1099511628211
		if v < 0x100 {
			break
		}
	}
	h ^= 0xff
	return h * 1099511628211
}

// final maps a hash state to the n-gram's hash: 0 marks an empty slot of
// gramIndex, so it becomes 1.
func final(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// grams calls fn for every n-gram of rs with n in [lo, hi], skipping those
// that are only a space.
func grams(rs []rune, lo, hi int, fn func(h uint64, g []rune)) {
	for i := range rs {
		h := fnvOffset
		for n := 1; n <= hi && i+n <= len(rs); n++ {
			h = hashRune(h, rs[i+n-1])
			if n < lo || (n == 1 && rs[i] == ' ') {
				continue
			}
			fn(final(h), rs[i:i+n])
		}
	}
}

// vector is a sparse, L2-normalised feature vector: sorted feature
// indices and their values.
type vector struct {
	idx []int32
	val []float32
}

// vectorize turns prepared runes into a vector over vocab (hash → index);
// n-grams outside the vocabulary are ignored. Values are log(1+tf),
// L2-normalised.
func vectorize(rs []rune, lo, hi int, vocab *gramIndex, scratch []int32) (vector, []int32) {
	ids := scratch[:0]
	grams(rs, lo, hi, func(h uint64, _ []rune) {
		if j, ok := vocab.get(h); ok {
			ids = append(ids, j)
		}
	})
	slices.Sort(ids)
	var v vector
	var norm float64
	for i := 0; i < len(ids); {
		k := i
		for k < len(ids) && ids[k] == ids[i] {
			k++
		}
		x := float32(math.Log1p(float64(k - i)))
		v.idx = append(v.idx, ids[i])
		v.val = append(v.val, x)
		norm += float64(x) * float64(x)
		i = k
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range v.val {
			v.val[i] *= inv
		}
	}
	return v, ids
}

// windows returns the pieces a long text is judged by, as rune spans of
// rs: the whole text when it is at most size runes, otherwise the whole
// text and every window of size runes, stride size/2 (the last one ends at
// the text's end).
func windows(n, size int) [][2]int {
	out := [][2]int{{0, n}}
	if size <= 0 || n <= size {
		return out
	}
	stride := max(size/2, 1)
	for start := 0; ; start += stride {
		end := start + size
		if end >= n {
			out = append(out, [2]int{n - size, n})
			break
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// gramIndex maps n-gram hashes to feature indices: open addressing with
// linear probing, about twice as fast as a Go map for this lookup, which
// is most of the cost of a prediction. Hash 0 marks an empty slot;
// hashGram never returns it.
type gramIndex struct {
	keys []uint64
	vals []int32
	mask uint64
	n    int
}

func newGramIndex(n int) *gramIndex {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &gramIndex{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

func (g *gramIndex) slot(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15 >> 32) & g.mask }

// get returns the index of h.
func (g *gramIndex) get(h uint64) (int32, bool) {
	for i := g.slot(h); ; i = (i + 1) & g.mask {
		switch g.keys[i] {
		case h:
			return g.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put adds h → v; false when h is already there. The table never holds
// more than half its slots (newGramIndex sizes it).
func (g *gramIndex) put(h uint64, v int32) bool {
	if 2*(g.n+1) > len(g.keys) {
		panic("rank: gramIndex over capacity")
	}
	for i := g.slot(h); ; i = (i + 1) & g.mask {
		switch g.keys[i] {
		case h:
			return false
		case 0:
			g.keys[i], g.vals[i] = h, v
			g.n++
			return true
		}
	}
}

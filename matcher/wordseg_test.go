package matcher

import (
	"github.com/certwatch/certwatch/internal/racemode"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/go-ego/gse"

	"github.com/certwatch/certwatch/rules"
)

var (
	gseSegOnce sync.Once
	gseSeg     *gse.Segmenter
	gseWSeg    *wordSeg
)

// segmenters loads the default pack's dictionary into gse and builds the
// word segmenter from it.
func segmenters(t testing.TB) (*gse.Segmenter, *wordSeg) {
	t.Helper()
	gseSegOnce.Do(func() {
		dp, err := rules.Default()
		if err != nil {
			t.Fatal(err)
		}
		m, err := Compile(dp)
		if err != nil {
			t.Fatal(err)
		}
		gseSeg = newSegmenter(m.segTerms)
		gseWSeg = newWordSeg(gseSeg)
	})
	if gseSeg == nil {
		t.Fatal("no segmenter")
	}
	return gseSeg, gseWSeg
}

// sameSegmentation fails unless the word segmenter gives gse's token
// starts on text.
func sameSegmentation(t testing.TB, seg *gse.Segmenter, w *wordSeg, text string) {
	t.Helper()
	var want []int
	for _, tok := range seg.Segment([]byte(text)) {
		want = append(want, tok.Start())
	}
	var got []int
	w.tokenStarts(unsafe.Slice(unsafe.StringData(text), len(text)), func(st int) { got = append(got, st) })
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		at := 0
		if i < len(want) {
			at = want[i]
		} else if i < len(got) {
			at = got[i]
		}
		t.Fatalf("token %d differs near byte %d (%q): word segmenter %d tokens, gse %d\ntext %q", i, at, text[max(0, at-30):min(len(text), at+30)], len(got), len(want), text[:min(len(text), 300)])
	}
}

// TestWordSegSameAsGse: on every page of the corpora, normalized as the
// matcher sees it and raw, with variants spliced with the pieces of
// same_test.go, on all the pages joined into one long text (gse sums
// float32 path lengths from the start of the text, so rounding differs
// far into a long text) and on random mixes of dictionary words, the word
// segmenter gives gse's tokens exactly.
func TestWordSegSameAsGse(t *testing.T) {
	if racemode.Enabled {
		t.Skip("single-goroutine comparison over large inputs: make test runs it without -race (NORACE_TESTS)")
	}
	seg, w := segmenters(t)
	pages := sameTestPages(t)
	r := rand.New(rand.NewPCG(3, 5))
	var all strings.Builder
	n := 0
	for _, p := range pages {
		for _, v := range variants(r, p, 1) {
			raw := v.Title + "\n" + v.Text
			sameSegmentation(t, seg, w, raw)
			norm := NormalizeString(raw)
			sameSegmentation(t, seg, w, norm)
			if all.Len() < 4<<20 {
				all.WriteString(norm)
				all.WriteByte('\n')
			}
			n += 2
		}
	}
	sameSegmentation(t, seg, w, all.String())
	// Random mixes of dictionary words, parts of words, Latin runs in
	// both cases and separators: the ties and overlaps real text rarely has.
	var words []string
	for i := range seg.Dict.Tokens {
		if i%7 == 0 {
			words = append(words, seg.Dict.Tokens[i].Text())
		}
	}
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(40) {
			switch k := r.IntN(10); {
			case k < 6:
				wd := words[r.IntN(len(words))]
				if k == 0 {
					rs := []rune(wd)
					wd = string(rs[r.IntN(len(rs)):])
				}
				b.WriteString(wd)
			case k < 8:
				b.WriteString(nasty[r.IntN(len(nasty))])
			case k == 8:
				b.WriteString([]string{"QQ", "Vx", "ABC", "app", "A", "b2b", "ÉCOLE", "123", "Ⅻ"}[r.IntN(9)])
			default:
				b.WriteString(string(rune(0x4e00 + r.IntN(0x5000))))
			}
		}
		sameSegmentation(t, seg, w, b.String())
		n++
	}
	t.Logf("%d texts and a joined text of %d bytes: same tokens as gse", n, all.Len())
}

// FuzzWordSeg: whatever the text, the word segmenter gives gse's tokens.
func FuzzWordSeg(f *testing.F) {
	for _, s := range []string{"办证电工证包过", "路口交通", "代考ＶＸ：ABC123 qq", "\xff\xe4\n证件", "A", "Ab中c", "𠀀证"} {
		f.Add(s)
	}
	seg, w := segmenters(f)
	f.Fuzz(func(t *testing.T, s string) {
		sameSegmentation(t, seg, w, s)
	})
}

// TestSharedSegmenters: matchers of the same terms share one word
// segmenter; other terms get their own; the cache keeps at most max lists.
func TestSharedSegmenters(t *testing.T) {
	builds := 0
	c := segCache{max: 2, build: func([]string) *wordSeg { builds++; return &wordSeg{} }}
	a := c.get([]string{"假证"})
	if b := c.get([]string{"假证"}); b != a {
		t.Error("same terms built a second segmenter")
	}
	other := c.get([]string{"代考"})
	if other == a {
		t.Error("other terms share the first list's segmenter")
	}
	c.get([]string{"挂证"}) // evicts 假证, the least recently used
	if len(c.entries) != 2 {
		t.Fatalf("%d lists kept, want 2", len(c.entries))
	}
	if again := c.get([]string{"假证"}); again == a {
		t.Error("an evicted list came back from the cache")
	}
	if builds != 4 {
		t.Errorf("%d builds, want 4 (假证, 代考, 挂证, 假证 again)", builds)
	}
}

package matcher

import (
	"math/rand"
	"strings"
	"testing"
)

// mapSimilarity is similarity as it was written first (a map of bigram
// counts), kept to check the merge of sorted bigrams against.
func mapSimilarity(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	short, long := a, b
	if len(ra) > len(rb) {
		short, long = b, a
	}
	if len([]rune(short)) >= 4 && strings.Contains(long, short) {
		return 1
	}
	if len(ra) < 2 || len(rb) < 2 {
		return 0
	}
	grams := map[[2]rune]int{}
	for i := 0; i+1 < len(ra); i++ {
		grams[[2]rune{ra[i], ra[i+1]}]++
	}
	common := 0
	for i := 0; i+1 < len(rb); i++ {
		g := [2]rune{rb[i], rb[i+1]}
		if grams[g] > 0 {
			grams[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ra)-1+len(rb)-1)
}

// TestSimilaritySameAsMap: the sorted-bigram similarity equals the map
// one on the default pack's official titles and agencies against corpus
// titles, and on random strings over a small alphabet (repeats, invalid
// bytes, more than 64 bigrams).
func TestSimilaritySameAsMap(t *testing.T) {
	m := defaultMatcher(t)
	var official []string
	for _, ci := range m.imit {
		official = append(official, ci.agencies...)
		for _, cs := range ci.sites {
			official = append(official, cs.titles...)
			official = append(official, cs.agency)
		}
	}
	if len(official) == 0 {
		t.Fatal("no official titles in the default pack")
	}
	var titles []string
	for _, lp := range loadCorpus(t, "../testdata/corpus/*.jsonl") {
		titles = append(titles, NormalizeString(lp.p.Title))
	}
	rng := rand.New(rand.NewSource(11))
	alphabet := []string{"证", "书", "查", "询", "a", "b", "\xff", "平台", "全国"}
	for range 3000 {
		var a, b strings.Builder
		for range rng.Intn(12) {
			a.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		for range rng.Intn(90) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		titles = append(titles, a.String(), b.String())
	}
	nonzero := 0
	check := func(a, b string) {
		got, want := similarity(a, b), mapSimilarity(a, b)
		if got != want {
			t.Fatalf("similarity(%q, %q) = %v, with a map %v", a, b, got, want)
		}
		if got > 0 {
			nonzero++
		}
	}
	for _, x := range titles {
		for _, o := range official {
			check(x, o)
		}
	}
	for i := 0; i+1 < len(titles); i += 2 {
		check(titles[i], titles[i+1])
	}
	if nonzero == 0 {
		t.Fatal("every similarity was 0")
	}
}

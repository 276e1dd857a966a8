package matcher

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// findPrices must find exactly what the regular expression finds over the
// whole text: on every corpus page (normalized) and on random strings of
// the characters a price is made of, among others.
func TestFindPricesSameAsRegexp(t *testing.T) {
	found := 0
	check := func(s string, n int) {
		t.Helper()
		want := priceRE.FindAllStringIndex(s, n)
		found += len(want)
		got := findPrices(s, n)
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q (n=%d): findPrices %v, regexp %v", s, n, got, want)
		}
	}
	pages := 0
	for _, g := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		for _, lp := range loadCorpus(t, g) {
			s := NormalizeString(lp.p.Title + "\n" + lp.p.Text)
			check(s, maxPriceHits)
			check(s, 2)
			pages++
		}
	}
	if pages < 500 || found < 200 {
		t.Fatalf("only %d pages, %d prices: the comparison proves little", pages, found)
	}
	pieces := []string{"1", "23", ".", "5.", " ", "\n", "\t", "元", "块", "万", "万元", "rmb", "rm", "b", "人民币", "人民", "币",
		"两", "千", "百", "十", "一", "九", "零", "证", "a", "r", "m", "，", "¥", "\xff", "𠀀"}
	r := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String(), 1+r.IntN(4))
		check(b.String(), -1)
	}
}

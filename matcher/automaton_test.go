package matcher

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/coregx/ahocorasick"
)

// allForms builds the automaton of pats in each of its forms.
func allForms(t *testing.T, pats []string) map[string]*automaton {
	t.Helper()
	out := map[string]*automaton{
		"dense32": buildAutomatonForm(pats, formDense32),
		"sparse":  buildAutomatonForm(pats, formSparse),
		"hybrid":  buildAutomatonForm(pats, formHybrid),
	}
	n := out["dense32"].StateCount()
	if n < outFlag16 {
		out["dense16"] = buildAutomatonForm(pats, formDense16)
	}
	// The same forms of the rune automaton (one step per character).
	for _, f := range []struct {
		name string
		form int
	}{{"dense16", formDense16}, {"dense32", formDense32}, {"sparse", formSparse}, {"hybrid", formHybrid}, {"auto", formAuto}} {
		if a := buildRuneForm(pats, f.form); a != nil {
			out["rune-"+f.name] = a
		} else {
			t.Fatalf("rune automaton %s was not built", f.name)
		}
	}
	rn := out["rune-dense32"].StateCount()
	for name, a := range out {
		var ok bool
		switch name {
		case "dense16":
			ok = a.dense16 != nil && !a.runes
		case "dense32":
			ok = a.dense16 == nil && int(a.ndense) == n && !a.runes
		case "sparse":
			ok = a.dense16 == nil && a.ndense == 1 && !a.runes
		case "hybrid":
			ok = a.dense16 == nil && int(a.ndense) == max(n/2, 1) && !a.runes
		case "rune-dense16":
			ok = a.dense16 != nil && a.runes
		case "rune-dense32":
			ok = a.dense16 == nil && int(a.ndense) == rn && a.runes
		case "rune-sparse":
			ok = a.dense16 == nil && a.ndense == 1 && a.runes
		case "rune-hybrid":
			ok = a.dense16 == nil && int(a.ndense) == max(rn/2, 1) && a.runes
		case "rune-auto":
			ok = a.runes
		}
		if !ok {
			t.Fatalf("form %s was not built", name)
		}
	}
	return out
}

// sameMatches compares every form of the automaton with coregx's
// FindAllOverlapping on texts: the same occurrences in the same order.
func sameMatches(t *testing.T, pats []string, texts [][]byte) int {
	t.Helper()
	ref, err := ahocorasick.NewBuilder().AddStrings(pats).Build()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for name, a := range allForms(t, pats) {
		for i, text := range texts {
			want := ref.FindAllOverlapping(text)
			got := a.FindAllOverlapping(text)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, text %d (%q…): %d matches %v, coregx %d %v", name, i, text[:min(len(text), 60)], len(got), head(got), len(want), head(want))
			}
			total += len(got)
		}
	}
	return total
}

func head(ms []ahocorasick.Match) []ahocorasick.Match { return ms[:min(len(ms), 8)] }

// TestAutomatonCorpus: the default pack's literals over every page of the
// corpora, normalized, in every form, against coregx.
func TestAutomatonCorpus(t *testing.T) {
	m := defaultMatcher(t)
	var texts [][]byte
	for _, g := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		for _, lp := range loadCorpus(t, g) {
			texts = append(texts, []byte(NormalizeString(lp.p.Title+"\n"+lp.p.Text)))
		}
	}
	n := sameMatches(t, m.Literals(), texts)
	if n < 10000 {
		t.Fatalf("only %d matches: the comparison proves little", n)
	}
}

// TestAutomatonRandom: random patterns over a small alphabet (dense
// overlaps, patterns inside patterns, repeated characters, CJK) against
// coregx, and the early stop.
func TestAutomatonRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alpha := []string{"a", "b", "c", "办", "证", "\n", "1"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alpha[r.IntN(len(alpha))])
		}
		return b.String()
	}
	for round := range 200 {
		seen := map[string]bool{}
		var pats []string
		for range 1 + r.IntN(40) {
			p := word(1 + r.IntN(5))
			if !seen[p] {
				seen[p] = true
				pats = append(pats, p)
			}
		}
		var texts [][]byte
		for range 5 {
			texts = append(texts, []byte(word(r.IntN(200))))
		}
		t.Run(fmt.Sprint(round), func(t *testing.T) { sameMatches(t, pats, texts) })
	}
	for _, a := range []*automaton{newAutomaton([]string{"a", "ab", "b"}), newRuneAutomaton([]string{"a", "ab", "b"})} {
		var got []int
		a.each([]byte("abab"), func(id, start, end int) bool {
			got = append(got, id)
			return len(got) < 3
		})
		if !slices.Equal(got, []int{0, 1, 2}) {
			t.Errorf("early stop (runes %v): got %v, want [0 1 2]", a.runes, got)
		}
	}
}

// TestRuneAutomatonCharacters: characters of every UTF-8 length (ASCII,
// two bytes, CJK, astral), patterns that share a character's leading
// bytes with the text's characters (which a byte automaton matches and a
// rune automaton must not mistake for a class), against coregx.
func TestRuneAutomatonCharacters(t *testing.T) {
	pats := []string{"é", "éa", "证", "办证", "𠀀", "a𠀀b", "ǅ", "中文", "文", "x"}
	texts := [][]byte{
		[]byte("éaé 办证中文𠀀a𠀀b ǅ 文x"),
		[]byte("证证证办办证证"),
		[]byte("𠀁𠀀 ĕ ǆ 丈 訁"), // characters one code point away
		[]byte(""),
	}
	sameMatches(t, pats, texts)
	// More distinct characters than the classes hold: no rune automaton.
	var many strings.Builder
	for r := rune(0x4E00); r < 0x4E00+maxRuneClasses; r++ {
		many.WriteRune(r)
	}
	if a := newRuneAutomaton([]string{many.String()}); a != nil {
		t.Errorf("a rune automaton of %d classes was built", maxRuneClasses+1)
	}
}

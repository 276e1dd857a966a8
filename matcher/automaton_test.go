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
	for name, a := range out {
		var ok bool
		switch name {
		case "dense16":
			ok = a.dense16 != nil
		case "dense32":
			ok = a.dense16 == nil && int(a.ndense) == n
		case "sparse":
			ok = a.dense16 == nil && a.ndense == 1
		case "hybrid":
			ok = a.dense16 == nil && int(a.ndense) == max(n/2, 1)
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
	a := newAutomaton([]string{"a", "ab", "b"})
	var got []int
	a.each([]byte("abab"), func(id, start, end int) bool {
		got = append(got, id)
		return len(got) < 3
	})
	if !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("early stop: got %v, want [0 1 2]", got)
	}
}

package matcher

import (
	"reflect"
	"testing"

	"github.com/certwatch/certwatch/rules"
)

// TestPatternStartsSameAsIndex: the one-pass search of every rule
// pattern's start literals (patstarts.go) finds, on every corpus page and
// on texts where start literals overlap and repeat, exactly what the
// per-literal search (cpattern.occurrences) finds.
func TestPatternStartsSameAsIndex(t *testing.T) {
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if m.pstarts.ac == nil || m.pstarts.n == 0 {
		t.Fatal("the default pack has no numbered patterns")
	}
	var pats []*cpattern
	for _, cr := range m.rules {
		for pi := range cr.patterns {
			if cp := &cr.patterns[pi]; cp.occID > 0 {
				pats = append(pats, cp)
			}
		}
	}
	texts := []string{"", "电工证电工证焊工证", "证证证 abc 证"}
	// Every start literal, alone, doubled and joined to the next.
	for _, cp := range pats {
		for i, s := range cp.starts {
			texts = append(texts, s, s+s, s+cp.starts[(i+1)%len(cp.starts)]+"证x")
		}
	}
	for _, lp := range loadCorpus(t, "../testdata/corpus/*.jsonl") {
		texts = append(texts, NormalizeString(lp.p.Title+"\n"+lp.p.Text))
	}
	found := 0
	for _, text := range texts {
		all := m.pstarts.find(text)
		for _, cp := range pats {
			want := cp.occurrences(text)
			got := all[cp.occID-1]
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			found++
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("pattern %s on %q: one pass %v, per literal %v", cp.label, text, got, want)
			}
		}
	}
	if found == 0 {
		t.Fatal("no start literal found in any text")
	}
}

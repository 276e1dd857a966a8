package matcher

import (
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestEnumeration: a term widens to the 、-joined list it stands in, on
// both sides; other punctuation, a line break or a long item ends it.
func TestEnumeration(t *testing.T) {
	for _, tt := range []struct{ text, term, want string }{
		{"耳机、话筒、准考证,我们都搞定", "耳机", "耳机、话筒、准考证"},
		{"话筒、准考证、耳机都有", "耳机", "话筒、准考证、耳机"},
		{"请带好准考证，严禁携带耳机", "耳机", "耳机"},
		{"耳机\n、准考证", "耳机", "耳机"},
		{"耳机、这是一个很长很长的项目名称、准考证", "耳机", "耳机"},
	} {
		i := 0
		for j := 0; j+len(tt.term) <= len(tt.text); j++ {
			if tt.text[j:j+len(tt.term)] == tt.term {
				i = j
				break
			}
		}
		lo, hi := enumeration(tt.text, i, i+len(tt.term))
		if got := tt.text[lo:hi]; got != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestExclusionInEnumeration: an exclusion term listed with a term that
// scored (耳机、话筒、准考证) is part of the offer and does not count; the same
// term in a clause of its own still does.
func TestExclusionInEnumeration(t *testing.T) {
	m := mustCompile(t, "enum.yaml", `
name: enum
issuer: test
version: "1"
threshold: 3
categories: {exam_fraud: x}
rules:
  - id: r
    category: exam_fraud
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 耳机, weight: 3}
    exclusions:
      - {id: honest, reason: 考试安排, weight: -4, terms: [准考证]}
`)
	if f := m.Match(&page.Page{Text: "耳机、话筒、准考证,我们都搞定"}); f.Score != 3 {
		t.Errorf("listed: score %g, want 3; %v", f.Score, f.Reasons)
	}
	if f := m.Match(&page.Page{Text: "请带好准考证，严禁携带耳机进入考场"}); f.Score != -1 {
		t.Errorf("own clause: score %g, want -1; %v", f.Score, f.Reasons)
	}
}

package matcher

import (
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// questionPack scores a term (不用考) and a proximity rule (办 + 叉车证), with
// question_gap as given.
func questionPack(t *testing.T, gap string) *Matcher {
	t.Helper()
	m := mustCompile(t, "question.yaml", `
name: question
issuer: test
version: "1"
threshold: 3
`+gap+`
categories: {cert_sale: x}
families:
  offer_verb: [办]
  cert_noun: [叉车证]
rules:
  - id: r
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 不用考, weight: 3}
    near:
      - {name: 办+证, weight: 3, all: [offer_verb, cert_noun], within: 4}
`)
	return m
}

// TestQuestionAsked: a claim inside a doubting question (a particle before
// the question mark, or 是否 before the claim) does not count; a seller's
// rhetorical question, a buyer's question, a claim whose clause ends before
// the mark, and any text with question_gap off still count. The source's
// question mark counts though normalizing turns it into a line break.
func TestQuestionAsked(t *testing.T) {
	m := questionPack(t, "question_gap: 8")
	for _, tt := range []struct {
		name, text string
		score      float64
	}{
		{"particle", "叉车证不用考了吗？解析最新政策", 0},
		{"particle, ascii mark", "叉车证不用考了吗?", 0},
		{"doubt word before", "是否可以不用考就能获得证书？", 0},
		{"rhetorical", "叉车证不用考？加微信详谈", 3},
		{"statement", "叉车证不用考，三天出证", 3},
		{"clause ends first", "叉车证不用考，你信吗？", 3},
		{"mark too far", "叉车证不用考这件事我们早就做到了吗？", 3},
		{"buyer asks, near rule", "老板，叉车证还能办吗？", 3},
		{"doubting near rule", "网上办叉车证靠谱吗？", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := m.Match(&page.Page{Text: tt.text})
			if f.Score != tt.score {
				t.Errorf("%q: score %g, want %g; %v", tt.text, f.Score, tt.score, f.Reasons)
			}
		})
	}
	if f := questionPack(t, "").Match(&page.Page{Text: "叉车证不用考了吗？"}); f.Score != 3 {
		t.Errorf("question_gap off: score %g, want 3", f.Score)
	}
}

// TestQuestionGapBounds: question_gap outside 0–30 is refused with its key.
func TestQuestionGapBounds(t *testing.T) {
	_, err := rules.Parse("q.yaml", []byte("name: q\nissuer: t\nversion: \"1\"\nthreshold: 3\nquestion_gap: 99\ncategories: {cert_sale: x}\nrules: []\n"))
	if err == nil {
		t.Fatal("question_gap 99 accepted")
	}
}

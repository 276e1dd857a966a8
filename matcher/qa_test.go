package matcher

import (
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestQuestionAnswered: a doubting question followed by its own affirmative
// answer (a seller's FAQ in Q/A, 问/答 or "Q：" + next-line form) is judged by
// the answer and counts; a denial answer, a missing answer, an answer that is
// another question and a question without any Q/A marker stay excluded.
func TestQuestionAnswered(t *testing.T) {
	m := questionPack(t, "question_gap: 8")
	for _, tt := range []struct {
		name, text string
		score      float64
	}{
		{"A marker, same line", "Q：叉车证不用考了吗？ A：可以，三天出证。", 3},
		{"A marker, next line", "Q：叉车证不用考了吗？\nA：可以，三天出证。", 3},
		{"ascii markers", "Q: 叉车证不用考了吗? A: 当然,全程代办", 3},
		{"numbered", "Q1：叉车证不用考了吗？ A1：放心，包含在价格里。", 3},
		{"问/答", "问：叉车证不用考了吗？答：是的，交钱就行。", 3},
		{"Q then next line", "问：叉车证不用考了吗？\n可以的，一周拿证。", 3},
		{"near rule answered", "Q：网上办叉车证靠谱吗？ A：靠谱，至今零投诉。", 3},
		{"denial", "Q：叉车证不用考了吗？ A：不可以，必须参加培训和考试。", 0},
		{"denial 问/答", "问：叉车证不用考了吗？答：是假的，谨防上当。", 0},
		{"denial later in sentence", "Q：叉车证不用考了吗？ A：可以免培训，但必须本人参加考试。", 0},
		{"near rule denied", "Q：网上办叉车证靠谱吗？ A：没有正规渠道，都是骗局。", 0},
		{"no answer", "Q：叉车证不用考了吗？", 0},
		{"answer is another question", "Q：叉车证不用考了吗？\nQ：多少钱一本？", 0},
		{"no markers", "叉车证不用考了吗？可以的", 0},
		{"empty answer", "Q：叉车证不用考了吗？ A：", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := m.Match(&page.Page{Text: tt.text})
			if f.Score != tt.score {
				t.Errorf("%q: score %g, want %g; %v", tt.text, f.Score, tt.score, f.Reasons)
			}
		})
	}
}

// TestQuestionRhetorical: a rhetorical question that asserts (不就是…吗) is
// not a doubting question, even with its particle.
func TestQuestionRhetorical(t *testing.T) {
	m := questionPack(t, "question_gap: 8")
	if f := m.Match(&page.Page{Text: "不就是叉车证不用考吗？没问题的"}); f.Score != 3 {
		t.Errorf("rhetorical: score %g, want 3; %v", f.Score, f.Reasons)
	}
	if f := m.Match(&page.Page{Text: "叉车证真的不用考吗？"}); f.Score != 0 {
		t.Errorf("doubting: score %g, want 0; %v", f.Score, f.Reasons)
	}
}

// TestNegationRhetorical: 不 in a rhetorical 不就是…吗 does not negate the
// term after it.
func TestNegationRhetorical(t *testing.T) {
	m := mustCompile(t, "neg.yaml", `
name: neg
issuer: test
version: "1"
threshold: 3
negations: [不]
negation_gap: 2
categories: {exam_fraud: x}
rules:
  - id: r
    category: exam_fraud
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 考试, weight: 3}
`)
	if f := m.Match(&page.Page{Text: "不就是考试吗,没问题的"}); f.Score != 3 {
		t.Errorf("rhetorical: score %g, want 3; %v", f.Score, f.Reasons)
	}
	if f := m.Match(&page.Page{Text: "我们不组考试"}); f.Score != 0 {
		t.Errorf("negated: score %g, want 0; %v", f.Score, f.Reasons)
	}
}

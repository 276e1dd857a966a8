package detect

import "testing"

// TestGrammarRound12b pins the second set of round 12 clauses with
// sentences written for the test (none copied from the corpora): income
// slogans, a guaranteed outcome for an amount, paying to skip the exam,
// software that does coursework, an amount for a result promised as an
// idiom, and the English court and headline cues that keep reports
// unflagged. Rules alone.
func TestGrammarRound12b(t *testing.T) {
	d := New(defaultMatcher(t), Options{})
	checkFlaggedAs(t, d, []grammarCase{
		{"报名我们的课程,零风险赚钱,名额有限", "training_fraud"},
		{"只需八万元,保证录取名校研究生", "training_fraud"},
		{"自费免试拿文凭,学制两年", "training_fraud"},
		{"本插件网课作业全自动完成,支持刷课", "exam_fraud"},
		{"事业编岗位,20万元包成功,电话13912345678", "exam_fraud"},
		{"祝各位考生考试马到成功!", ""},
		{"He pleaded guilty to offering to obtain fake certificates for workers and was sentenced to eight months.", ""},
		{"We can obtain fake certificates for workers, fast delivery.", "cert_sale"},
		{"本地某学校代考团伙浮出水面,中介收取考生费用", ""},
	})
}

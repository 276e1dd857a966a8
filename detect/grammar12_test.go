package detect

import (
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestGrammarRound12 pins the families and proximity clauses of round 12
// with sentences written for the test (none copied from the corpora):
// coursework and exam proxies, English substitute-taking and certificate
// sales, priced pass promises, civil documents for sale, and the
// how-to and booking phrasings that must stay unflagged. Rules alone.
func TestGrammarRound12(t *testing.T) {
	d := New(defaultMatcher(t), Options{})
	checkFlaggedAs(t, d, []grammarCase{
		{"专业代写毕业论文和课程作业，价格优惠，加微信 lw88990011 详谈", "exam_fraud"},
		{"学习通刷课 智慧树刷课 一条龙服务 QQ 2233445566", "exam_fraud"},
		{"We will take the IELTS exam on your behalf and send you the score report.", "exam_fraud"},
		{"交三万,包你通过!", "training_fraud"},
		{"只要两万元就能拿证,名额不多", "training_fraud"},
		{"Buy IELTS and TOEFL certificates online, fast delivery", "cert_sale"},
		{"电工证办理流程和所需材料一览", ""},
		{"有了资格证以后可以挂靠或者自己执业", ""},
		{"不同价格的培训班包含的课时不同", ""},
		{"We can book the IELTS test on your behalf at the nearest centre.", ""},
	})
}

// grammarCase is a test text and the category it must be flagged as, or
// "" when it must not be flagged.
type grammarCase struct{ text, want string }

// checkFlaggedAs runs d on each text and reports the ones flagged
// otherwise than wanted, with their reasons.
func checkFlaggedAs(t *testing.T, d *Detector, cases []grammarCase) {
	t.Helper()
	for _, c := range cases {
		f := d.Detect(page.FromText("", c.text))
		got := ""
		if f.Flagged {
			got = f.Category
		}
		if got != c.want {
			t.Errorf("%s: flagged as %q, want %q; reasons %q", c.text, got, c.want, f.Reasons)
		}
	}
}

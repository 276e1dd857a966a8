package matcher

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestRound9Grammar: the exam and training families added in round 9 of
// the real corpus (a stand-in for the exam or the classes, connections that
// carry the pass, a seller's track record next to a pass promise, a course
// sold on its teacher setting the exam) score through the default pack's
// proximity rules, and flag a short text with a corroborator outside them
// (a second income lure corroborates a course's income lure).
// The texts are written for the test, not copied from the corpus.
func TestRound9Grammar(t *testing.T) {
	checkGrammar(t, []grammarCase{
		{"stand-in", "考试来不及复习？我们可以找人代你考，价格私聊。", "找人代考", "exam_fraud", true},
		{"stand-in for classes", "暑假本人可代理上课、作业，有意者加我。", "找人代考", "exam_fraud", true},
		{"connections", "放心吧，我们上头有人，保证你们通过，名额有限。", "关系+保过", "exam_fraud", true},
		{"track record", "这行我干了很多年了，过不了退钱，私聊。", "多年经验+保过", "exam_fraud", true},
		{"exam setter teaches", "王教授是今年资格考试的命题专家，本周末亲自讲，欢迎咨询。", "命题人授课", "training_fraud", true},
		// a second income lure corroborates a course's income lure
		{"two income lures", "这个证门槛低，拿证后高回报，以后躺着赚钱。", "考证+收入诱饵", "training_fraud", true},
		// no corroborator outside the proximity rule: scored, not flagged
		{"stand-in alone", "找人代你考", "找人代考", "exam_fraud", false},
		{"one income lure", "这个证门槛低，拿证后高回报。", "考证+收入诱饵", "training_fraud", false},
	}, []string{
		// Reports and warnings that name the same things are left alone.
		"警方提醒：有培训机构声称“上面有人”“保证考生通过”，实为诈骗，考生切勿轻信。记者调查发现，多名考生被骗，警方已立案侦查。",
	})
}

// grammarCase is a text written for a test, the proximity rule it must
// fire, and whether the default pack then flags it (in category).
type grammarCase struct {
	name, text, near, category string
	flagged                    bool
}

// checkGrammar matches each case with the default pack, and checks that
// none of the negatives (reports, warnings, notices naming the same
// things) is flagged.
func checkGrammar(t *testing.T, cases []grammarCase, negatives []string) {
	t.Helper()
	m := defaultMatcher(t)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := m.Match(&page.Page{Text: tt.text})
			all := strings.Join(f.Reasons, "\n")
			if !strings.Contains(all, "近邻“"+tt.near+"”") {
				t.Fatalf("%q: reasons lack 近邻“%s”:\n%s", tt.text, tt.near, all)
			}
			if f.Flagged != tt.flagged || (tt.flagged && f.Category != tt.category) {
				t.Errorf("%q: flagged %v category %q, want %v %q; score %g\n%s", tt.text, f.Flagged, f.Category, tt.flagged, tt.category, f.Score, all)
			}
		})
	}
	for _, text := range negatives {
		if f := m.Match(&page.Page{Text: text}); f.Flagged {
			t.Errorf("%q: flagged, score %g %v", text, f.Score, f.Reasons)
		}
	}
}

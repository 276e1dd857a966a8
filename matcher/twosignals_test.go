package matcher

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// twoSignalPack has two weak terms (2 each), a term that overlaps one of
// them, and a short-text threshold of 4 with no corroborator family.
func twoSignalPack(t *testing.T, two string) *Matcher {
	t.Helper()
	m := mustCompile(t, "two.yaml", `
name: two
issuer: test
version: "1"
threshold: 6
categories: {exam_fraud: x}
families:
  cta: [私聊]
short_text:
  max_chars: 50
  threshold: 4
  corroborators: [cta]
`+two+`
rules:
  - id: r
    category: exam_fraud
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 代评, weight: 2}
      - {term: 包过, weight: 2}
      - {term: 代评包, weight: 2}
      - {term: 耳机, weight: 1}
      - {term: 话筒, weight: 3}
`)
	return m
}

// TestShortTwoSignals: on a short text, two independent signals of one rule
// (each weighing at least 2, no shared span) reaching the short threshold
// flag it when two_signals is on; overlapping signals, a signal of weight 1,
// a long text and two_signals off do not.
func TestShortTwoSignals(t *testing.T) {
	on := twoSignalPack(t, "  two_signals: true")
	for _, tt := range []struct {
		name, text string
		flagged    bool
	}{
		{"two signals", "代评副高职称，包过。", true},
		{"overlapping", "代评包", false},
		{"weight 1 does not count", "话筒和耳机", false},
		{"one signal", "代评副高职称。", false},
		{"long text", "代评副高职称，包过。" + strings.Repeat("今天天气很好。", 10), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := on.Match(&page.Page{Text: tt.text})
			if f.Flagged != tt.flagged {
				t.Errorf("%q: flagged %v, want %v; score %g %v", tt.text, f.Flagged, tt.flagged, f.Score, f.Reasons)
			}
			if tt.flagged && !strings.Contains(strings.Join(f.Reasons, " "), "两个独立信号") {
				t.Errorf("%q: reasons do not name the two signals: %v", tt.text, f.Reasons)
			}
		})
	}
	if f := twoSignalPack(t, "").Match(&page.Page{Text: "代评副高职称，包过。"}); f.Flagged {
		t.Errorf("two_signals off: flagged, score %g %v", f.Score, f.Reasons)
	}
}

// TestExamGrammarDefault: the default pack's exam and training grammar on
// sentences written for this test (not corpus text): answers said with when
// they arrive, a substitute sitting for someone, a pass promise with a
// refund, a guaranteed outcome; and sentences of the same words that offer
// nothing.
func TestExamGrammarDefault(t *testing.T) {
	dp, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(dp)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text     string
		category string // "" = not flagged
	}{
		{"安全员考试答案考前两小时发，考后付款，联系客服。", "exam_fraud"},
		{"本人长期替别人考试，电工安全员都行，价格私聊。", "exam_fraud"},
		{"特种作业理论考试包你过关，过不了退钱，私聊。", "exam_fraud"},
		{"焊工培训包取证，不过全额退款，报名咨询。", "training_fraud"},
		{"考生须提前30分钟到达考场，严禁携带手机。", ""},
		{"他说这次考试很难，很多人没过。", ""},
	} {
		f := m.Match(&page.Page{Text: tt.text})
		got := ""
		if f.Flagged {
			got = f.Category
		}
		if got != tt.category {
			t.Errorf("%q: category %q, want %q; score %g %v", tt.text, got, tt.category, f.Score, f.Reasons)
		}
	}
}

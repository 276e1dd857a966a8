package matcher

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// TestRound11Grammar: the exam and training grammar added in round 11 of the
// real corpus (money for the pass, an exam named before 包过, a priced
// cheating service) scores through the default pack's proximity rules. The
// texts are written for the test, not copied from the corpus.
func TestRound11Grammar(t *testing.T) {
	checkGrammar(t, []grammarCase{
		{"money for the pass", "交了钱的学员，这回过关问题不大。", "交钱+过关", "exam_fraud", true},
		{"exam name before 保过", "考研复试保过，名额有限，欢迎咨询。", "考试名+包过", "exam_fraud", true},
		{"priced substitute", "期末考试代考，一科800元，欢迎私聊。", "作弊+价格", "exam_fraud", true},
		{"numeral price", "代考计算机二级，两千元一科。", "作弊+价格", "exam_fraud", true},
		// a course sold on the 挂靠 income of its certificate is training fraud
		{"course for 挂靠 income", "考个注册安全工程师，挂靠企业，每年白拿十万，报名从速。", "考证+挂靠收入", "training_fraud", true},
		// a product title: the exam's name before 包过 with 包过's own weight
		{"product title", "复试包过", "考试名+包过", "exam_fraud", true},
	}, []string{
		// Reports on substitute-exam rings name the service and its price.
		"据知情人介绍，当地多名考生因找人替考被捕，代考费用高达一万元，已被起诉。",
		"记者调查发现，一些中介声称交了钱就能过关，考生纷纷上当，警方提醒不要轻信。",
		"当天下午3时许，小刘在校内看到一则广告，称提供四级考试答案，考中发送，不过不收钱。",
	})
	// A renting offer without a course stays cert_sale.
	m := defaultMatcher(t)
	if f := m.Match(&page.Page{Text: "一级建造师证书挂靠，年薪八万，有意者私聊。"}); !f.Flagged || f.Category != "cert_sale" {
		t.Errorf("renting offer: flagged %v category %q, want cert_sale\n%s", f.Flagged, f.Category, strings.Join(f.Reasons, "\n"))
	}
}

// TestRound11TrainingTerms: a refund for a failed exam written as one phrase
// (不过可全额退费) and admission sold without its conditions flag a short
// text with a corroborator, as training_fraud.
func TestRound11TrainingTerms(t *testing.T) {
	m := defaultMatcher(t)
	for _, tt := range []struct {
		text    string
		flagged bool
	}{
		{"复试辅导班收费三万，不过可全额退费。", true},
		{"名校无条件录取，免语言成绩，费用私聊。", true},
		{"不过可全额退费", false}, // the phrase alone, no corroborator
	} {
		f := m.Match(&page.Page{Text: tt.text})
		if f.Flagged != tt.flagged || (tt.flagged && f.Category != "training_fraud") {
			t.Errorf("%q: flagged %v category %q, want %v training_fraud; score %g\n%s", tt.text, f.Flagged, f.Category, tt.flagged, f.Score, strings.Join(f.Reasons, "\n"))
		}
	}
}

// TestNearPriceSlot: a near clause's @price slot takes an amount of money
// written with digits or numerals; a price never fills an @contact slot,
// and 千万 ("by all means") is not an amount.
func TestNearPriceSlot(t *testing.T) {
	m := mustCompile(t, "price.yaml", `
name: price
issuer: test
version: "1"
threshold: 3
categories: {exam_fraud: x}
families:
  cheat: [代考]
rules:
  - id: r
    category: exam_fraud
    description: d
    legal_basis: l
    route: takedown_cac
    near:
      - {name: 代考+价格, weight: 3, all: [cheat, "@price"], within: 8}
      - {name: 代考+联系, weight: 3, all: [cheat, "@contact"], within: 8}
`)
	for _, tt := range []struct {
		text  string
		price bool
	}{
		{"代考一科800元", true},
		{"代考一科两千元", true},
		{"代考 300块", true},
		{"千万别找代考", false},
		{"代考一科", false},
	} {
		f := m.Match(&page.Page{Text: tt.text})
		all := strings.Join(f.Reasons, "\n")
		if got := strings.Contains(all, "近邻“代考+价格”"); got != tt.price {
			t.Errorf("%q: 代考+价格 %v, want %v\n%s", tt.text, got, tt.price, all)
		}
		if strings.Contains(all, "近邻“代考+联系”") {
			t.Errorf("%q: a price filled the @contact slot\n%s", tt.text, all)
		}
	}
}

// TestNearPriceToken: the loader takes "@price" in a near clause and names
// an unknown token with the ones it knows.
func TestNearPriceToken(t *testing.T) {
	pack := func(tok string) string {
		return "name: p\nissuer: t\nversion: \"1\"\nthreshold: 3\ncategories: {exam_fraud: x}\nfamilies:\n  cheat: [代考]\nrules:\n" +
			"  - id: r\n    category: exam_fraud\n    description: d\n    legal_basis: l\n    route: takedown_cac\n" +
			"    near:\n      - {name: n, weight: 3, all: [cheat, \"" + tok + "\"], within: 8}\n"
	}
	if _, err := rules.Parse("p.yaml", []byte(pack("@price"))); err != nil {
		t.Fatalf("@price refused: %v", err)
	}
	_, err := rules.Parse("p.yaml", []byte(pack("@prices")))
	if err == nil || !strings.Contains(err.Error(), "@price") || !strings.Contains(err.Error(), "p.yaml") {
		t.Fatalf("@prices: error %v, want one naming the file and the known tokens", err)
	}
}

// TestRound11DirectAddress: on a short text, an offer's one strong signal
// said to the buyer (您, 你们, 放心, 我们…) is corroborated by that address;
// the same signal without it is not, and a report's third-person sentence
// with the same words stays below the threshold.
func TestRound11DirectAddress(t *testing.T) {
	m := defaultMatcher(t)
	for _, tt := range []struct {
		text    string
		flagged bool
	}{
		{"干了很多年，过不了不收钱，您放心。", true},
		{"干了很多年，过不了不收钱。", false},
		{"保证您顺利毕业，请放心。", true},
		// a business speaking of itself (本店, 本站, 本公司)
		{"本店长期办理各类证件。", true},
		{"长期办理各类证件。", false},
	} {
		f := m.Match(&page.Page{Text: tt.text})
		if f.Flagged != tt.flagged {
			t.Errorf("%q: flagged %v, want %v; score %g\n%s", tt.text, f.Flagged, tt.flagged, f.Score, strings.Join(f.Reasons, "\n"))
		}
	}
}

// TestOfferAsked: a seller's offer put as a question to the buyer (需要…吗?,
// 要不要…?) counts; a learner's doubting question still does not.
func TestOfferAsked(t *testing.T) {
	m := questionPack(t, "question_gap: 8")
	for _, tt := range []struct {
		text  string
		score float64
	}{
		{"你好，需要办叉车证吗？", 3},
		{"要不要办叉车证？", 3},
		{"叉车证不用考了吗？", 0},
		{"网上办叉车证靠谱吗？", 0},
		{"考叉车证需要找人办叉车证吗？", 0},
	} {
		if f := m.Match(&page.Page{Text: tt.text}); f.Score != tt.score {
			t.Errorf("%q: score %g, want %g; %v", tt.text, f.Score, tt.score, f.Reasons)
		}
	}
}

package matcher

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

const grammarPack = `
name: grammar
issuer: test
version: "1"
threshold: 6
negations: [严禁, 不]
ignore_quoted: true
categories: {cert_sale: x}
families:
  cert_noun:
    学历: [毕业证, 文凭]
    特种作业: [电工证, 焊工证]
  offer_verb:
    - {term: 办, unless: [办公, 举办]}
    - 办理
  fake_mod: [假, 高仿]
  fake_cert:
    - 假证
    - {compose: [fake_mod, cert_noun], gap: 2}
  price: [多少钱]
short_text: {max_chars: 40, threshold: 4, corroborators: [price, "@contact"]}
exclusions:
  - {id: news, reason: 新闻, weight: -9, terms: [记者]}
rules:
  - id: r
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    near:
      - {name: 办+证, weight: 6, all: [offer_verb, cert_noun], within: 4}
      - {name: 假证, weight: 6, all: [fake_cert]}
  - id: ordered
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    near:
      - {name: 证在前, weight: 2, all: [cert_noun.特种作业, offer_verb], within: 0, order: ordered}
  - id: short
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    near:
      - {name: 证+办, weight: 4, all: [cert_noun.特种作业, offer_verb], within: 8}
`

func grammarMatcher(t *testing.T) *Matcher {
	t.Helper()
	p, err := rules.Parse("grammar.yaml", []byte(grammarPack))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func ruleHit(f *Finding, id string) *RuleHit {
	for i := range f.Rules {
		if f.Rules[i].ID == id {
			return &f.Rules[i]
		}
	}
	return nil
}

// TestNearClauses checks proximity in characters across separators,
// split characters, either order, unless words, compositions, negation
// and quotation, and that reasons name the members and their distance.
func TestNearClauses(t *testing.T) {
	m := grammarMatcher(t)
	tests := []struct {
		name, text string
		fired      bool
		reason     string // part of the reasons, when fired
		match      string // original text of a near match, when fired
	}{
		{"adjacent", "专业办理毕业证", true, "办理+毕业证（offer_verb+cert_noun，间隔 0 字）", "毕业证"},
		{"split by a space", "可以办理毕 业证啊", true, "办理+毕业证", "毕 业证"},
		{"split by symbols", "本店办.理电-工-证", true, "办理+电工证", "电-工-证"},
		{"noun first", "焊工证哪里都能办", true, "办+焊工证（offer_verb+cert_noun，间隔 4 字）", "焊工证"},
		{"across a line break", "各类文凭\n可办", true, "办+文凭", "文凭"},
		{"too far", "我们办了一场很热闹的晚会然后发了毕业证", false, "", ""},
		{"unless word", "在办公室拿到了毕业证", false, "", ""},
		{"unless word 2", "学校举办毕业证颁发仪式", false, "", ""},
		{"negated", "严禁办理毕业证", false, "", ""},
		{"quoted", "广告写着“办理毕业证”字样", false, "", ""},
		{"composition", "出售高仿毕业证", true, "高仿+毕业证（fake_cert，间隔 0 字）", "高仿毕业证"},
		{"composition with a gap", "出售假的文凭", true, "假+文凭", "假的文凭"},
		{"composition too far", "假期过后领取文凭", false, "", ""},
		{"literal member", "这里有假证", true, "假证（fake_cert", "假证"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := m.Match(&page.Page{Text: tc.text})
			rh := ruleHit(f, "r")
			fired := rh != nil && rh.Fired
			if fired != tc.fired {
				t.Fatalf("%q: fired %v, want %v; reasons %v", tc.text, fired, tc.fired, f.Reasons)
			}
			if !tc.fired {
				return
			}
			if !strings.Contains(strings.Join(f.Reasons, "\n"), tc.reason) {
				t.Errorf("%q: reasons %v lack %q", tc.text, f.Reasons, tc.reason)
			}
			found := false
			for _, mt := range f.Matches {
				if mt.Kind == "near" && mt.Text == tc.match && tc.text[mt.Start:mt.End] == tc.match {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: no near match %q at its original offsets in %+v", tc.text, tc.match, f.Matches)
			}
		})
	}
}

func TestNearOrdered(t *testing.T) {
	m := grammarMatcher(t)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"电工证办理", true},
		{"办理电工证", false},
		{"电工证 可以办理", false}, // within 0
	} {
		f := m.Match(&page.Page{Text: tc.text})
		rh := ruleHit(f, "ordered")
		if got := rh != nil && len(rh.Near) == 1; got != tc.want {
			t.Errorf("%q: ordered clause %v, want %v (%v)", tc.text, got, tc.want, f.Reasons)
		}
	}
}

// TestShortText: one strong signal plus a corroborator flags a short text,
// and nothing less does.
func TestShortText(t *testing.T) {
	m := grammarMatcher(t)
	long := strings.Repeat("今天天气很好，我们去公园散步。", 4)
	tests := []struct {
		name, text string
		want       bool
	}{
		{"signal and price", "电工证能办吗，多少钱", true},
		{"signal and phone", "电工证可办 13812345678", true},
		{"signal alone", "电工证可以办", false},
		{"long text", long + "电工证可以办，多少钱", false},
		{"with an exclusion", "记者问电工证能办吗多少钱", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := m.Match(&page.Page{Text: tc.text})
			rh := ruleHit(f, "short")
			got := rh != nil && rh.Fired
			if got != tc.want {
				t.Fatalf("%q: short rule fired %v, want %v; reasons %v", tc.text, got, tc.want, f.Reasons)
			}
			if got && (rh.Threshold != 4 || !strings.Contains(strings.Join(f.Reasons, ""), "短文本")) {
				t.Errorf("%q: threshold %g, reasons %v", tc.text, rh.Threshold, f.Reasons)
			}
		})
	}
}

// TestGrammarFirstPass: a page whose only signal is a proximity clause is
// a candidate; one whose members lie far apart is not; and the first pass
// never rejects what scoring would accept.
func TestGrammarFirstPass(t *testing.T) {
	m := grammarMatcher(t)
	near := NormalizeString("专业办理毕业证")
	if !m.opens([]byte(near), 0) {
		t.Errorf("%q is not a candidate", near)
	}
	// The first pass bounds distances in bytes, loosely: far apart is
	// far beyond the clause's 4 characters.
	far := NormalizeString("办" + strings.Repeat("的", 200) + "毕业证")
	if m.opens([]byte(far), 0) {
		t.Errorf("%q is a candidate; its members are 200 characters apart", far)
	}
	for _, text := range []string{"专业办理毕 业证", "焊工证哪里都能办", "出售高仿毕业证", "这里有假证", "电工证 可以办理"} {
		f := m.Match(&page.Page{Text: text})
		if len(f.Rules) == 0 {
			t.Errorf("%q: no rule scored; the first pass dropped it", text)
		}
	}
}

// TestDefaultPackGrammar: the default pack's offer grammar flags offers
// that no single term carries, and leaves their look-alikes alone.
func TestDefaultPackGrammar(t *testing.T) {
	m := defaultMatcher(t)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"专业办理毕 业证成绩单，微信 abc12345678", true},
		{"代办各类证件 电话13812345678", true},
		{"出售二手合力3吨叉车 价格面议 电话13906518872", false},
		{"学校举办毕业典礼，颁发毕业证书", false},
		{"补办电工证需要什么材料", false},
	} {
		f := m.Match(&page.Page{Text: tc.text})
		if f.Flagged != tc.want {
			t.Errorf("%q: flagged %v, want %v; reasons %v", tc.text, f.Flagged, tc.want, f.Reasons)
		}
	}
}

// TestShortTextPrice: with "@price" among the corroborators, an amount of
// money written with digits corroborates a short text's strong signal.
func TestShortTextPrice(t *testing.T) {
	src := strings.Replace(grammarPack, `corroborators: [price, "@contact"]`, `corroborators: [price, "@price", "@contact"]`, 1)
	p, err := rules.Parse("grammar-price.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"焊工证下周就可以办，800元", true},
		{"焊工证下周就可以办，300块", true},
		{"焊工证下周就可以办，1.5万", true},
		{"焊工证下周就可以办，三天", false},
		{"焊工证下周就可以办，800", false},
	} {
		f := m.Match(page.FromText("", tc.text))
		if f.Flagged != tc.want {
			t.Errorf("%q: flagged %v, want %v: %v", tc.text, f.Flagged, tc.want, f.Reasons)
		}
		if tc.want && !strings.Contains(strings.Join(f.Reasons, " "), "（@price）") {
			t.Errorf("%q: reason does not name the price: %v", tc.text, f.Reasons)
		}
	}
	// The default grammar pack, without @price, does not take an amount.
	if f := grammarMatcher(t).Match(page.FromText("", "焊工证下周就可以办，800元")); f.Flagged {
		t.Errorf("@price not listed, yet flagged: %v", f.Reasons)
	}
}

package matcher

import (
	"strings"
	"sync"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

var (
	defaultOnce sync.Once
	defaultM    *Matcher
)

func defaultMatcher(t testing.TB) *Matcher {
	t.Helper()
	defaultOnce.Do(func() {
		p, err := rules.Default()
		if err != nil {
			t.Fatal(err)
		}
		defaultM, err = Compile(p)
		if err != nil {
			t.Fatal(err)
		}
	})
	if defaultM == nil {
		t.Fatal("default matcher failed to compile")
	}
	return defaultM
}

func TestWordBoundary(t *testing.T) {
	m := mustCompile(t, "test.yaml", `
name: boundary
issuer: test
version: "1"
threshold: 3
categories: {cert_sale: x}
rules:
  - id: r
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 口交, weight: 5}
      - {term: 办证, weight: 5, pinyin: true}
`)
	tests := []struct {
		text string
		want bool
	}{
		{"前方路口交通拥堵，请绕行", false},
		{"十字路口交通信号灯", false},
		{"专业办证，联系我", true},
		{"代办证件", false}, // 代办|证件: 办证 is only part of other words
		{"banzheng 加我", true},
		{"urbanzhengzhou", false},
		{"BZ 加我", true},
		{"abz123", false},
	}
	for _, tt := range tests {
		f := m.Match(page.FromText("", tt.text))
		if f.Flagged != tt.want {
			t.Errorf("%q: flagged=%v, want %v (reasons %v)", tt.text, f.Flagged, tt.want, f.Reasons)
		}
	}
}

func TestEvasionsCaught(t *testing.T) {
	m := defaultMatcher(t)
	ads := []string{
		"电工证 免考包过 当天出证 加微信 zheng88888",
		"办 证：电 工 证、焊 工 证，不 用 考 试，威信 abc12345",
		"辦證 電工證 免考 包過 可查可驗 加薇信 banli2024",
		"电.工.证 免.考 直.接.拿.证 vx：ＺＨＥＮＧ５２０",
		"电\u200b工\u200b证 免\u200b考 包\u200b过 ☎ 一三八一二三四五六七八",
		"高处作业证免考，人不用到场，官网可查，电话①③⑧①②③④⑤⑥⑦⑧",
		"焊工证 不用考试 直接拿证 V信 zhengshu_01",
		"banzheng 电工证 焊工证 免考 包过 qq 12345678",
		"塔吊证 免考 包过 联系 138🔥1234🔥5678",
		"叉车证 免考 包过 联系 幺三八 幺二三四 五六七八",
		"安全员证 免考 直接拿证 电话 1З8 1234 5б78",
	}
	for _, ad := range ads {
		f := m.Match(page.FromText("https://seller.example/p/1", ad))
		if !f.Flagged {
			t.Errorf("not flagged: %q\nscore %v reasons %v", ad, f.Score, f.Reasons)
			continue
		}
		if len(f.Contacts) == 0 {
			t.Errorf("no contact found in %q", ad)
		}
		for _, mt := range f.Matches {
			field := ad
			if mt.Field != "text" {
				t.Fatalf("match in field %q", mt.Field)
			}
			if field[mt.Start:mt.End] != mt.Text {
				t.Errorf("match span [%d,%d) = %q, recorded text %q", mt.Start, mt.End, field[mt.Start:mt.End], mt.Text)
			}
		}
	}
}

func TestContacts(t *testing.T) {
	tests := []struct {
		in         string
		kind, want string
	}{
		{"电话13812345678", ContactPhone, "13812345678"},
		{"电话 138-1234-5678", ContactPhone, "13812345678"},
		{"电话 138 1234 5678", ContactPhone, "13812345678"},
		{"电话+86 138 1234 5678", ContactPhone, "13812345678"},
		{"电话一三八一二三四五六七八", ContactPhone, "13812345678"},
		{"电话壹叁捌壹贰叁肆伍陆柒捌", ContactPhone, "13812345678"},
		{"电话幺三八幺二三四五六拐八", ContactPhone, "13812345678"},
		{"电话①③⑧①②③④⑤⑥⑦⑧", ContactPhone, "13812345678"},
		{"电话 1З8 1234 5б78", ContactPhone, "13812345678"},
		{"电话138🔥1234🔥5678", ContactPhone, "13812345678"},
		{"电话138加1234加5678", ContactPhone, "13812345678"},
		{"座机 0731-8888 6666", ContactLandline, "073188886666"},
		{"微信：abc12345", ContactWeChat, "abc12345"},
		{"威信 abc12345", ContactWeChat, "abc12345"},
		{"薇信abc_123", ContactWeChat, "abc_123"},
		{"V信：zheng888", ContactWeChat, "zheng888"},
		{"ＶＸ：ＡＢＣ１２３４", ContactWeChat, "abc1234"},
		{"加v zheng888", ContactWeChat, "zheng888"},
		{"微信同号13812345678", ContactWeChat, "13812345678"},
		{"QQ: 12345678", ContactQQ, "12345678"},
		{"扣扣 一二三四五六七", ContactQQ, "1234567"},
		{"邮箱 87654321@qq.com", ContactQQ, "87654321"},
		{"访问 https://zheng.example.top/a?b=1 了解", ContactURL, "https://zheng.example.top/a?b=1"},
		{"网址 banzheng.top 了解", ContactDomain, "banzheng.top"},
		{"打开 103.45.67.89 查询", ContactDomain, "103.45.67.89"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			cs := extractContacts(Normalize(tt.in).Text)
			for _, c := range cs {
				if c.kind == tt.kind && c.value == tt.want {
					return
				}
			}
			t.Errorf("extractContacts(%q) = %+v, want %s %s", tt.in, cs, tt.kind, tt.want)
		})
	}
}

func TestNoContacts(t *testing.T) {
	for _, in := range []string{
		"身份证号 430102199001011234",
		"2024年8月25日前报送",
		"一二三四五六七八九十",
		"第一二三条",
		"价格 1380 元，库存 12345678 件", // a bare number with no keyword is not a QQ id
		"文件 report.pdf 和 image.png",
		"微信支付 微信公众号",
	} {
		for _, c := range extractContacts(Normalize(in).Text) {
			if c.kind == ContactPhone || c.kind == ContactQQ || c.kind == ContactWeChat || c.kind == ContactDomain {
				t.Errorf("extractContacts(%q) found %+v", in, c)
			}
		}
	}
}

func TestMustNotFlag(t *testing.T) {
	m := defaultMatcher(t)
	pages := []string{
		"关于开展打击假冒安全生产资格证书专项整治行动的实施方案：严厉打击网上“免考包过”“直接拿证”等虚假信息，举报电话12350。",
		"警方通报：犯罪嫌疑人王某在网上发布“电工证免考包过、官网可查”信息，已被刑事拘留。",
		"平台规则：严禁发布代办电工证、免考包过等违规信息，违规内容将被删除，情节严重的封禁账号。",
		"问：网上说电工证免考包过能信吗？答：千万别信，都是骗子，官网查不到的都是假证。",
		"本校开设低压电工作业培训，理论考试和实操考试合格后由应急管理局颁发特种作业操作证，全国通用，官网可查询。报名电话：0731-88886666。",
		"招聘电工2名，任职要求：持有效电工证，五险一金，电话13812345678。",
		"证件卡套 电工证保护套 防水证书夹 包邮",
		"前方路口交通拥堵，请绕行。",
	}
	for _, p := range pages {
		f := m.Match(page.FromText("https://example.com/a", p))
		if f.Flagged {
			t.Errorf("flagged: %q\nreasons %v", p, f.Reasons)
		}
	}
}

func TestImitationSite(t *testing.T) {
	m := defaultMatcher(t)
	form := `<form action="/query" method="post"><table>
<tr><td>证件类型：</td><td><select name="zjlx"><option>身份证</option></select></td></tr>
<tr><td>证件号码：</td><td><input name="zjhm"></td></tr>
<tr><td>姓名：</td><td><input name="xm"></td></tr>
<tr><td>验证码：</td><td><input name="yzm"></td></tr></table><button>查询</button></form>`
	html := func(title, body string) []byte {
		return []byte("<html><head><title>" + title + "</title></head><body>" + body + "</body></html>")
	}
	copyTitle := "特种作业操作证及安全生产知识和管理能力考核合格信息查询平台"
	tests := []struct {
		name, url string
		body      []byte
		want      bool
	}{
		{"look-alike domain", "https://cx-mem-gov.cn.com/", html(copyTitle, "<h1>应急管理部</h1>"+form), true},
		{"gov.cn as a label", "http://cx.mem.gov.cn.chaxun.top/", html(copyTitle, form), true},
		{"bare IP", "http://103.45.67.89/cx/", html(copyTitle, "应急管理部"+form), true},
		{"lapsed bureau domain", "http://www.xxajj.com/zscx/", html("证书查询", form+"<p>版权所有：某某县安全生产监督管理局</p>"), true},
		{"the official site", "https://cx.mem.gov.cn/", html(copyTitle, "<h1>应急管理部</h1>"+form), false},
		{"a local bureau", "http://yjj.changsha.gov.cn/cx", html(copyTitle, form), false},
		{"page linking to the official site", "https://school.example.com/cx",
			html("证书查询 - 某某职业培训学校", `<p>特种作业操作证请到应急管理部官方平台查询：<a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a></p>`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := page.FromHTML(tt.url, tt.body, "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			f := m.Match(p)
			if f.Flagged != tt.want {
				t.Fatalf("flagged=%v want %v; score %v reasons %v", f.Flagged, tt.want, f.Score, f.Reasons)
			}
			if tt.want {
				if f.Category != "imitation_site" {
					t.Errorf("category %q, want imitation_site", f.Category)
				}
				if f.Imitation == nil || !strings.Contains(strings.Join(f.Reasons, " "), "相似度") {
					t.Errorf("no similarity reason: %v", f.Reasons)
				}
			}
		})
	}
}

func TestFindingRecordsPackVersion(t *testing.T) {
	m := defaultMatcher(t)
	f := m.Match(page.FromText("", "电工证免考包过，加微信 abc12345"))
	if !f.Flagged || len(f.Rules) == 0 {
		t.Fatalf("not flagged: %+v", f)
	}
	p, _ := rules.Default()
	for _, r := range f.Rules {
		if r.Pack != p.Version() {
			t.Errorf("rule %s records pack %q, want %q", r.ID, r.Pack, p.Version())
		}
	}
}

func TestNegationCarriesAlongAList(t *testing.T) {
	m := defaultMatcher(t)
	for _, text := range []string{
		"本校郑重声明：任何声称不用培训、不用考试即可拿证的都是违法的，请通过正规培训取得电工证。",
		"我们不组织代考、替考，也不提供考试答案，特种作业考试由应急管理部门统一组织。",
	} {
		if f := m.Match(page.FromText("https://school.example/about", text)); f.Flagged {
			t.Errorf("flagged %q: %v", text, f.Reasons)
		}
	}
	// The list ends where the negation ends: an offer after it still counts.
	f := m.Match(page.FromText("", "我们不代考。电工证免考包过，直接拿证，加微信 abc12345"))
	if !f.Flagged {
		t.Errorf("an offer after a negated list was cancelled: %v", f.Reasons)
	}
}

// TestExclusionNearLines: an exclusion with near_lines counts only in the
// title and near the lines where the rule scored, so a forum's rules in
// its footer do not cancel an offer in a reply; without near_lines it
// counts anywhere.
func TestExclusionNearLines(t *testing.T) {
	pack := func(nearLines string) *Matcher {
		m := mustCompile(t, "test.yaml", `
name: near
issuer: test
version: "1"
threshold: 5
categories: {cert_sale: x}
exclusions:
  - id: platform
    reason: 平台规则
    weight: -9
`+nearLines+`
    terms: [禁止发布]
rules:
  - id: r
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 免考拿证, weight: 6}
`)
		return m
	}
	mk := func(title string, lines ...string) *page.Page {
		p := page.FromText("", strings.Join(lines, "\n"))
		p.Title = title
		return p
	}
	filler := []string{"楼主问复审的事", "今天下雨停工", "工资还是老样子", "考场空调太冷"}
	offer := mk("复审求助", append(append([]string{"6楼：免考拿证，加我"}, filler...), "版规：禁止发布广告")...)
	sameLine := mk("复审求助", "版主：禁止发布免考拿证之类的信息")
	inTitle := mk("禁止发布违规信息的说明", append([]string{"免考拿证"}, filler...)...)
	for _, tt := range []struct {
		name    string
		m       *Matcher
		p       *page.Page
		flagged bool
	}{
		{"footer rule cancels the offer without near_lines", pack(""), offer, false},
		{"footer rule far from the offer with near_lines", pack("    near_lines: 1"), offer, true},
		{"rule on the offer's own line", pack("    near_lines: 1"), sameLine, false},
		{"rule in the title", pack("    near_lines: 1"), inTitle, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if f := tt.m.Match(tt.p); f.Flagged != tt.flagged {
				t.Errorf("flagged %v, want %v: %v", f.Flagged, tt.flagged, f.Reasons)
			}
		})
	}
}

// mustCompile parses a pack written in the test and compiles it.
func mustCompile(t testing.TB, name, yaml string) *Matcher {
	t.Helper()
	p, err := rules.Parse(name, []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

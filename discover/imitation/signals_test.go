package imitation

import (
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/rules"
)

// packOptions are the verdict's options as a sweep and the evaluation
// give them (the default pack's official hosts, agencies and sponsor
// pattern).
func packOptions(t testing.TB) *Options {
	t.Helper()
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &Options{IsOfficial: p.Imitation.IsOfficialHost, Issuers: p.Imitation.Agencies, Sponsor: p.Imitation.CopyrightPattern}
}

// TestVerdictClaims: each claim signal on a small page of its own (none
// copies an official page: no title, structure or screenshot resembles a
// reference), and the legitimate pages each must leave alone.
func TestVerdictClaims(t *testing.T) {
	refs := defaults(t)
	o := packOptions(t)
	for _, tc := range []struct {
		name, url, html string
		want            bool
		cleared         string
		signals         []string // signals some reason must have
		texts           []string // substrings some reason must contain
	}{
		{"two-field crude form claiming the ministry's data", "https://hanzheng-cx.example/",
			`<title>证书查询</title><h2>焊工证在线查询</h2><form action="q.php">姓名<input name="a"> 证书编号<input name="b"></form><p>数据与应急管理部官网实时同步</p>`,
			true, "", []string{SignalClaim, SignalScope}, []string{"页面自称官方或与官方数据相同：“数据与应急管理部官网实时同步”", "“焊工证”"}},
		{"one ID field on a bare IP under an abolished issuer", "http://203.0.113.7:8080/",
			`<title>证书验证</title><div><label>身份证号</label><input placeholder="请输入身份证号"><button>查询</button></div><small>国家安全生产监督管理总局</small>`,
			true, "", []string{SignalHost, SignalOldIssuer, SignalForm}, []string{"网址为裸 IP 地址 203.0.113.7", "已撤销的机构“国家安全生产监督管理总局”"}},
		{"a seller's own query box", "https://dianzheng-ban.example/",
			`<title>电工证办理</title><p>免考 包过 人不用到场</p><form action="/s">身份证号<input name="sfz"> 姓名<input name="xm"><button>查询</button></form><p>应急管理部</p>`,
			true, "", []string{SignalSeller}, []string{"售证页面自带查询框：“包过”“免考”“人不用到场”"}},
		{"an SEO entrance posing as the official one", "https://chache-rukou.example/",
			`<title>叉车证查询入口</title><h1>叉车证查询入口（官方）</h1><form action="/c">姓名<input name="x"> 证书编号<input name="b"></form><p>市场监管总局</p>`,
			true, "", []string{SignalClaim}, []string{"“叉车证查询入口官方”"}},
		{"one person's record with a verdict", "https://cert-check.example/r?sn=1",
			`<title>证书信息</title><table><tr><td>姓名</td><td>王某</td></tr><tr><td>作业类别</td><td>电工作业</td></tr><tr><td>有效期</td><td>2030-01-01</td></tr>
<tr><td>发证机关</td><td>某市应急管理局</td></tr><tr><td>状态</td><td>有效</td></tr></table><p>特种作业操作证 数据来源：应急管理部</p>`,
			true, "", []string{SignalResult, SignalVerdict, SignalClaim}, []string{"给出查询结论"}},
		{"a government website's marks on another host", "https://yjglj-zscx.example/",
			`<title>证书查询中心</title><form action="/cx">证件号码<input name="z"> 姓名<input name="x"></form><p>网站标识码 bm00001234</p><img src="jc.png" alt="政府网站找错">`,
			true, "", []string{SignalGovMark}, []string{"非政府网站带有政府网站的标识“网站标识码”"}},
		{"the official platform's name in the text", "https://wx.example/h5",
			`<title>证书查询</title><p>国家安全生产考试</p><div><input placeholder="身份证号"><input placeholder="姓名"><button>查询</button></div>`,
			true, "", []string{SignalPlatform}, []string{"页面使用官方平台名称“国家安全生产考试”"}},
		{"an official host's label in another host", "https://zlaq.query-jz.example/",
			`<title>人员查询</title><form action="/q">身份证号<input name="s"> 姓名<input name="n"></form><p>建筑施工特种作业人员证书查询</p>`,
			true, "", []string{SignalHost}, []string{"域名含官方网址 zlaq.mohurd.gov.cn 的“zlaq”"}},
		{"English title and labels", "https://cert-verify.example/",
			`<title>Special Operation Certificate Check</title><p>Data: Ministry of Emergency Management</p><form action="/v"><label>Name <input name="n"></label><label>ID Number <input name="i"></label></form>`,
			true, "", []string{SignalIssuer, SignalScope}, []string{"页面以英文自称“应急管理部”", "标题用拼音或英文写证书查询"}},
		{"pinyin title and labels", "https://tzzy.example/",
			`<title>tezhong zuoye zhengshu chaxun</title><form action="/q">xingming<input name="a"> shenfenzheng<input name="b"></form>`,
			true, "", []string{SignalScope}, []string{"“tezhong zuoye zhengshu chaxun”"}},

		// What the claims must leave alone.
		{"another official service's host", "http://zscx.osta.org.cn/",
			`<title>职业资格证书查询</title><form action="/q">证书编号<input name="a"> 身份证号<input name="b"> 姓名<input name="c"></form><p>人力资源和社会保障部</p>`,
			false, SignalService, nil, []string{"其他证书的官方查询服务网址 osta.org.cn"}},
		{"a query of certificates out of scope, naming 人社部 only", "https://zgzs-cx.example/",
			`<title>职业资格证书查询</title><form action="/q">证书编号<input name="a"> 身份证号<input name="b"> 姓名<input name="c"></form><p>人力资源和社会保障部</p>`,
			false, "", nil, nil},
		{"a provincial official page with its own form", "https://yjt.example.gov.cn/zscx",
			`<title>特种作业操作证查询</title><form action="/q">身份证号<input name="a"> 姓名<input name="b"></form><p>数据与应急管理部同步</p><p>网站标识码 3300000001</p>`,
			false, SignalOfficial, nil, nil},
		{"a school linking the official site, 官网可查", "https://peixun.example/dg.html",
			`<title>低压电工培训</title><p>考试合格发证，全国通用，官网可查，查询方法：登录 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a></p>`,
			false, SignalExplains, nil, nil},
		{"a warning quoting a fake site's claims and address", "https://news.example/a.html",
			`<title>警惕假冒证书查询网站</title><p>该网站 http://203.0.113.9/ 声称“数据与应急管理部官网同步”“官方查询入口”，实为假冒，特种作业操作证请到官方平台查询。</p>`,
			false, "", nil, nil},
		{"a blog transcribing its own result", "https://blog.example/p/1",
			`<title>记录：查询自己的电工证</title><p>在应急管理部官网查到了，结果如下：</p><table><tr><th>姓名</th><th>作业类别</th><th>有效期</th><th>发证机关</th></tr><tr><td>王**</td><td>电工作业</td><td>2030</td><td>某省应急管理厅</td></tr></table><p>所谓“免考、官网可查”都是骗人的。</p>`,
			false, "", nil, nil},
		{"news quoting a fake result page and its claims", "https://news.example/b.html",
			`<title>假证背后的“查询网站”</title><p>记者扫码后页面显示：</p><table><tr><td>作业类别</td><td>焊接与热切割作业</td></tr><tr><td>有效期</td><td>2029</td></tr><tr><td>发证机关</td><td>应急管理部</td></tr><tr><td>状态</td><td>有效</td></tr></table><p>页面称“本信息与应急管理部数据库实时同步”，警方提醒：此类山寨网站专为假证而设。</p>`,
			false, "", []string{SignalWarning}, nil},
		{"an employer's roster of certificates, checked on the official platform", "https://www.jianshe-group.example/staff.html",
			`<title>公司持证人员名单</title><p>以下人员证书均可在<a href="https://zlaq.mohurd.gov.cn/">全国工程质量安全监管信息平台</a>（住建部）查询。</p>
<table><tr><th>姓名</th><th>作业类别</th><th>有效期</th><th>发证机关</th><th>状态</th></tr>
<tr><td>张某</td><td>建筑电工</td><td>2027-05-01</td><td>某省住房和城乡建设厅</td><td>有效</td></tr>
<tr><td>李某</td><td>塔式起重机司机</td><td>2026-09-30</td><td>某省住房和城乡建设厅</td><td>有效</td></tr></table>`,
			false, SignalFrames, nil, nil},
		{"an employer's page naming the platform", "https://hr.example/zs",
			`<title>员工持证指引</title><p>请登录全国特种设备公示信息查询平台，输入姓名、身份证号、证书编号核验叉车证。</p>`,
			false, "", nil, nil},
		{"a registration form of a school", "https://peixun.example/bm",
			`<title>在线报名</title><h2>特种作业培训报名</h2><form action="/bm">姓名<input name="a"> 身份证号<input name="b"> 电话<input name="c"></form><p>请确保信息与身份证一致</p>`,
			false, "", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Verdict(Candidate{Snapshot: Extract(tc.url, []byte(tc.html))}, refs, o)
			t.Logf("score %.2f: %v", r.Score, r.Texts())
			if r.Imitation != tc.want || r.Cleared != tc.cleared {
				t.Errorf("imitation %v cleared %q, want %v %q", r.Imitation, r.Cleared, tc.want, tc.cleared)
			}
			for _, sig := range tc.signals {
				if !hasSignal(r.Reasons, sig) {
					t.Errorf("no %s reason", sig)
				}
			}
			for _, w := range tc.texts {
				if !slices.ContainsFunc(r.Texts(), func(s string) bool { return strings.Contains(s, w) }) {
					t.Errorf("no reason with %q", w)
				}
			}
			for _, x := range r.Reasons {
				if x.Weight > 0 && !hasHan(x.Text) {
					t.Errorf("reason %q is not in Chinese", x.Text)
				}
			}
		})
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// TestExtractScriptShell: a page whose markup its script builds is read
// from the script's string literals: the title set through a variable, the
// form with labels from a list, the issuer; a page with text of its own
// is not (its scripts' strings are not what it shows).
func TestExtractScriptShell(t *testing.T) {
	shell := `<title>加载中...</title><div id="app"></div><script>
// the labels
var t = "\u5168\u56fd\u7279\u79cd\u8bbe\u5907\u516c\u793a\u4fe1\u606f\u67e5\u8be2\u5e73\u53f0"; /* 全国特种设备公示信息查询平台 */
var cfg = {org: '国家市场监督管理总局', labels: ["姓名", "身份证号"]};
document.title = t;
var h = "<h2>" + t + "</h2><p>" + cfg.org + "</p><form action='/api/q'>";
for (var i = 0; i < cfg.labels.length; i++) { h += "<label>" + cfg.labels[i] + "</label><input name='f" + i + "'>"; }
document.getElementById("app").innerHTML = h + ` + "`<button>查询</button></form><p>京ICP备12345678号</p>`" + `;
</script>`
	s := Extract("https://tzsb-cx.example/", []byte(shell))
	if s.Title != "全国特种设备公示信息查询平台" {
		t.Errorf("title %q", s.Title)
	}
	if len(s.Forms) != 1 || !slices.Equal(s.Forms[0].Kinds, []string{FieldName, FieldIDNumber}) || s.Forms[0].Action != "https://tzsb-cx.example/api/q" {
		t.Errorf("forms %+v", s.Forms)
	}
	if !strings.Contains(s.Text, "国家市场监督管理总局") || !slices.Equal(s.ICP, []string{"京ICP备12345678号"}) {
		t.Errorf("text %q icp %v", s.Text, s.ICP)
	}
	r := Verdict(Candidate{Snapshot: s}, defaults(t), packOptions(t))
	if !r.Imitation {
		t.Errorf("script shell: %.2f %v", r.Score, r.Texts())
	}

	// A page with text of its own: its scripts' strings stay unread.
	page := `<title>培训中心</title><p>` + strings.Repeat("本中心开设电工、焊工、高处作业等培训课程，欢迎咨询。", 12) + `</p>
<script>document.write("<form><label>姓名</label><input><label>身份证号</label><input></form>");</script>`
	if s := Extract("https://px.example/", []byte(page)); len(s.Forms) != 0 || strings.Contains(s.Text, "身份证号") {
		t.Errorf("a page with text read its script: %+v", s.Forms)
	}
	// A script that builds no markup is not read.
	if s := Extract("https://px.example/", []byte(`<title>x</title><script>var a = "姓名", b = "身份证号";</script>`)); len(s.Forms) != 0 || s.Text != "" {
		t.Errorf("a script without markup was read: %q %+v", s.Text, s.Forms)
	}
}

func TestScriptLiterals(t *testing.T) {
	src := `var a = 'it\'s'; // "not this"
/* 'nor this' */ b = "\u4e2d\x41\n"; c = ` + "`x${y}z`" + `; d = "unterminated
e = "ok"`
	var got []string
	for _, l := range scriptLiterals(src, nil) {
		got = append(got, l.text)
	}
	want := []string{"it's", "中A\n", "xz", "unterminated", "ok"}
	if !slices.Equal(got, want) {
		t.Errorf("literals %q, want %q", got, want)
	}
	if ti := scriptTitle(`document.title = "标题";`, scriptLiterals(`document.title = "标题";`, nil)); ti != "标题" {
		t.Errorf("direct title %q", ti)
	}
	if ti := scriptTitle(`if (document.title == "a") {}`, nil); ti != "" {
		t.Errorf("a comparison read as a title: %q", ti)
	}
	many := strings.Repeat(`"x";`, maxLiterals+10)
	if n := len(scriptLiterals(many, nil)); n != maxLiterals {
		t.Errorf("%d literals, want the bound %d", n, maxLiterals)
	}
}

// TestSignalNames: every signal has a Chinese name for reviewers.
func TestSignalNames(t *testing.T) {
	for _, s := range []string{SignalTitle, SignalIssuer, SignalForm, SignalDOM, SignalShot, SignalLogo, SignalICP, SignalGovHost,
		SignalResult, SignalSponsor, SignalOfficial, SignalFrames, SignalExplains, SignalClaim, SignalScope, SignalPlatform,
		SignalSeller, SignalHost, SignalOldIssuer, SignalService, SignalGovMark, SignalVerdict, SignalWarning,
		SignalOperator, SignalEntrance, SignalNational, SignalArticle, SignalSelfIssued} {
		if n := casework.ImitationSignal(s).Name(); n == s || !hasHan(n) {
			t.Errorf("signal %q has no Chinese name (%q)", s, n)
		}
	}
}

// TestRecordURL: a result opened from a QR code carries the certificate
// or ID number in its address; an article's numeric ID does not count.
func TestRecordURL(t *testing.T) {
	for u, want := range map[string]string{
		"https://zs-check.example/v?sn=AQ20240518&from=qr":  "sn",
		"http://198.51.100.4/r.asp?sfzh=3201**********0011": "sfzh",
		"https://tzsb-zs.example/cert/TS3201202400123":      "TS3201202400123",
		"https://blog.example/article/details/139876541":    "",
		"https://zs-check.example/v?sn=12":                  "",
		"https://zs-check.example/v?page=20240518":          "",
	} {
		if got := recordURL(u); got != want {
			t.Errorf("recordURL(%s) = %q, want %q", u, got, want)
		}
	}
	page := `<title>证书信息</title><dl><dt>持证人</dt><dd>赵某</dd><dt>作业类别</dt><dd>高处作业</dd><dt>有效期</dt><dd>2031</dd><dt>发证机关</dt><dd>某市应急管理局</dd></dl>`
	o := packOptions(t)
	qr := Verdict(Candidate{Snapshot: Extract("https://zs-check.example/v?sn=AQ20240518", []byte(page))}, defaults(t), o)
	plain := Verdict(Candidate{Snapshot: Extract("https://zs-check.example/v", []byte(page))}, defaults(t), o)
	if qr.Score != plain.Score+wRecordURL || !slices.ContainsFunc(qr.Texts(), func(s string) bool { return strings.Contains(s, "像扫码打开的证书验证页") }) {
		t.Errorf("with the number in the address %.2f %v; without %.2f", qr.Score, qr.Texts(), plain.Score)
	}
}

// TestHostPoses: a bare IP address, an official host's label; a label of a
// host a sweep kept (a province's name) does not count.
func TestHostPoses(t *testing.T) {
	refs := defaults(t)
	kept := &Reference{Snapshot: Snapshot{Host: "jsszfhcxjst.jiangsu.gov.cn"}, Origin: "kept"}
	refs = append(refs, kept)
	for host, want := range map[string]string{
		"203.0.113.8":               "裸 IP",
		"[2001:db8::1]":             "裸 IP",
		"zlaq-mohurd.example":       "“zlaq”",
		"m.mem-cx.example":          "“mem”",
		"jiangsu-peixun.example":    "",
		"memory.example":            "",
		"www.anquan-peixun.example": "",
	} {
		got := hostPoses(host, refs)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("hostPoses(%s) = %q, want %q", host, got, want)
		}
	}
}

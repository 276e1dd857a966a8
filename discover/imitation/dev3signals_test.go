package imitation

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExtractDisabledFields: a disabled field asks nothing (a news
// article's picture of the official form); the enabled fields of the same
// page still make a form.
func TestExtractDisabledFields(t *testing.T) {
	pictured := Extract("https://news.example/a.html", []byte(`<p>证件号码 <input disabled placeholder="请输入证件号码"></p><p>姓名 <input disabled></p><p>验证码 <input disabled></p>`))
	if len(pictured.Forms) != 0 {
		t.Errorf("disabled fields read as forms: %+v", pictured.Forms)
	}
	mixed := Extract("https://a.example/", []byte(`<form>姓名 <input name="xm"> 身份证号 <input name="sfz"> 证件类型 <select disabled name="zjlx"><option>身份证</option></select></form>`))
	if len(mixed.Forms) != 1 || !slices.Equal(mixed.Forms[0].Kinds, []string{FieldName, FieldIDNumber}) {
		t.Errorf("forms %+v, want one asking name and ID number", mixed.Forms)
	}
}

// TestExtractSentences: the text one sentence a line with its clauses
// kept apart, the title's pieces, and the links that leave the page with
// their text.
func TestExtractSentences(t *testing.T) {
	s := Extract("https://www.school.example/zscx/", []byte(`<title>学员证书查询系统 - 某某职业培训学校（杭州）</title>
<p>本系统查询本校颁发的培训证书。特种作业操作证由应急管理部门颁发，请登录 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a> 查询。</p>
<a href="/kc/">课程</a> <a href="http://cx.other.example/">官方查询入口（点击进入）</a>`))
	if want := "本系统查询本校颁发的培训证书\n特种作业操作证由应急管理部门颁发，请登录\ncx.mem.gov.cn\n查询\n课程\n官方查询入口点击进入\n"; s.Sent != want {
		t.Errorf("Sent = %q, want %q", s.Sent, want)
	}
	if want := []string{"学员证书查询系统", "某某职业培训学校"}; !slices.Equal(s.TitleParts, want) {
		t.Errorf("TitleParts = %q, want %q", s.TitleParts, want)
	}
	want := []Anchor{{Host: "cx.mem.gov.cn", Text: "cx.mem.gov.cn"}, {Host: "cx.other.example", Text: "官方查询入口点击进入"}}
	if !slices.Equal(s.Anchors, want) {
		t.Errorf("Anchors = %+v, want %+v", s.Anchors, want)
	}
}

// TestOwnText: sentences that send the query elsewhere (naming a platform,
// a host, or ending where a link names it) and clauses that disclaim a
// certificate are not the page's own; instructions for the page's own form
// and 请到本站查询 are.
func TestOwnText(t *testing.T) {
	for _, tc := range []struct {
		name, html string
		gone, kept []string
	}{
		{"a platform named", `<p>安全生产考核合格证书属政府颁发，请在全国工程质量安全监管信息平台查询。本系统查询本协会的岗位培训证书。</p>`,
			[]string{"全国工程质量安全监管信息平台"}, []string{"本系统查询本协会的岗位培训证书"}},
		{"a host named", `<p>特种设备焊接作业人员证请在 cnse.e-cqs.cn 查询。</p>`, []string{"特种设备"}, nil},
		{"a link naming the place", `<p>特种作业操作证由应急管理部门颁发，请登录 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a> 查询。</p>`,
			[]string{"特种作业操作证由应急管理部门颁发"}, nil},
		{"a disclaimer clause", `<p>本系统仅查询本中心出具的培训合格证明，不是特种作业操作证。</p>`,
			[]string{"特种作业操作证"}, []string{"本系统仅查询本中心出具的培训合格证明"}},
		{"who issues it, on a page that verifies it", `<p>证书由国家应急管理部统一颁发，全国通用，可在本站查询。</p><p>考试合格后由市应急管理局颁发特种作业操作证。</p>`,
			[]string{"由市应急管理局颁发"}, []string{"证书由国家应急管理部统一颁发"}},
		{"the page's own host named", `<p>特种作业操作证请在 www.tzzy-q.example 查询。</p>`, nil, []string{"特种作业操作证请在www.tzzy-q.example查询"}},
		{"the page's own instructions", `<p>请在下方输入身份证号查询特种作业操作证。</p><p>特种作业操作证请到本站查询。</p>`,
			nil, []string{"请在下方输入身份证号查询特种作业操作证", "特种作业操作证请到本站查询"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			own := ownText(Extract("https://tzzy-q.example/", []byte(tc.html)))
			for _, w := range tc.gone {
				if strings.Contains(own, w) {
					t.Errorf("own text %q keeps %q", own, w)
				}
			}
			for _, w := range tc.kept {
				if !strings.Contains(own, w) {
					t.Errorf("own text %q lost %q", own, w)
				}
			}
		})
	}
}

// TestOperatorName: a title's piece or a sponsor line naming a body that
// is not a government one; a bureau, or a piece that is the query itself,
// is none.
func TestOperatorName(t *testing.T) {
	for page, want := range map[string]string{
		`<title>证书查询 - 江苏省某某行业协会</title>`:                        "江苏省某某行业协会",
		`<title>证书查询系统 - 应急安全培训中心（宁波）</title>`:                   "应急安全培训中心",
		`<title>证书查询</title><p>主办：某某建设集团有限公司</p>`:                "某某建设集团有限公司",
		`<title>证书查询 - 某某市应急管理局</title>`:                         "",
		`<title>全国特种作业操作证查询中心</title>`:                           "",
		`<title>证书查询</title><p>版权所有 全国特种作业操作证查询中心</p>`:           "",
		`<title>检验检测人员查询 - 中国特种设备检测研究院</title>`:                  "中国特种设备检测研究院",
		`<title>学员证书查询_某某职业技能培训学校</title><p>欢迎</p>`:              "某某职业技能培训学校",
		`<title>某某学校</title><p>主办单位：中华人民共和国应急管理部</p>`:            "某某学校",
		`<title>证书查询</title><p>主办单位：中华人民共和国应急管理部</p>`:            "",
		`<title>证书查询</title><img src="/logo.png" alt="某某市焊接协会">`: "某某市焊接协会",
		`<title>证书查询</title><img src="/logo.png" alt="应急管理部">`:   "",
	} {
		if got := operatorName(Extract("https://a.example/", []byte(page))); got != want {
			t.Errorf("operatorName(%s) = %q, want %q", page, got, want)
		}
	}
}

// TestByline: a date with a reporter, an editor or a source on one line;
// a fake result's 数据来源 and a date alone are none.
func TestByline(t *testing.T) {
	for page, want := range map[string]bool{
		`<p>2025-03-18 09:40:12　来源：新华网</p>`: true,
		`<p>2025年7月8日　大众日报记者 孙倩</p>`:        true,
		`<p>发布日期：2025-07-08　作者：张三</p>`:      true,
		`<p>查询时间：2025-07-08　数据来源：应急管理部</p>`: false,
		`<p>有效期至 2031-05-01</p>`:            false,
		`<p>来源：新华网</p>`:                     false,
	} {
		if got := byline(Extract("https://a.example/", []byte(page))) != ""; got != want {
			t.Errorf("byline(%s) = %v, want %v", page, got, want)
		}
	}
}

// TestVerdictDev3Signals: each signal added for development set 3 on a
// small page of its own, and the pages each must leave alone.
func TestVerdictDev3Signals(t *testing.T) {
	refs := defaults(t)
	o := packOptions(t)
	for _, tc := range []struct {
		name, url, html string
		want            bool
		texts           []string // substrings some reason must contain
		not             []string // substrings no reason may contain
	}{
		// Imitations.
		{"an SEO entrance whose link names the platform", "https://www.tzzy-rukou.example/rukou.html",
			`<title>特种作业操作证查询官网入口_应急管理部官网</title><p>特种作业证查询 电工证查询 焊工证查询</p><p><a href="http://cx.tzzy-rukou.example/">特种作业操作证及安全生产知识和管理能力考核合格信息查询平台（点击进入）</a></p><p>ICP备案中</p>`,
			true, []string{"链接自称官方平台或官网入口", "指向非官方网址 cx.tzzy-rukou.example"}, nil},
		{"a crude national query system", "http://www.tzzy-q.example/",
			`<title>特种作业操作证查询</title><h2>全国特种作业操作证查询系统</h2><form action="s.php">姓名<input name="xm"> 身份证号<input name="sfz"> 证书编号<input name="zsbh"><input type="submit" value="查询"></form><p>京ICP备13012345号</p>`,
			true, []string{"页面自称全国性的政府证书查询系统“全国特种作业操作证查询系统”"}, nil},
		{"an association that claims a link to the official database", "https://www.aqpx-xh.example/zscx/",
			`<title>证书查询 - 某某安全培训协会</title><h3>特种作业操作证 联网查询</h3><form action="/q">姓名<input name="xm"> 身份证号<input name="sfz"> 证书编号<input name="bh"><button>查询</button></form><p>本协会证书与应急管理部数据库联网，全国通用，官网可查。</p><p>京ICP备20038811号</p>`,
			true, []string{"页面自称官方或与官方数据相同"}, []string{"非政府机构"}},
		{"an association that says it issues the government certificate", "https://www.zgaq-xh.example/zscx/",
			`<title>证书查询 - 中国某某培训协会</title><h3>证书查询</h3><form action="/q">姓名<input name="xm"> 身份证号<input name="sfz"> 证书编号<input name="bh"><button>查询</button></form><p>本协会颁发的特种作业操作证、安全员证全国通用，可在本站查询。</p><p>京ICP备20038811号</p>`,
			true, []string{"非政府机构“中国某某培训协会”自称颁发政府证书"}, []string{"只查询本机构自己颁发的证书"}},
		{"a crude form that says it verifies what the ministry issues", "https://www.tzzy-zx.example/",
			`<title>特种作业操作证查询中心</title><h2>特种作业操作证查询</h2><form action="/q">姓名<input name="xm"> 身份证号<input name="sfz"><button>查询</button></form><p>证书由国家应急管理部统一颁发，全国通用，可在本站查询。</p>`,
			true, []string{"页面自称“应急管理部”"}, nil},
		{"a fake result dressed as a notice with a source", "https://zs-check.example/v?sn=AQ3201",
			`<title>证书查询结果</title><p>发布日期：2025-01-01　来源：应急管理部</p><p>查询结果</p><p>姓名：张三</p><p>作业类别：电工作业</p><p>证书状态</p><p>有效</p><p>发证机关：某市应急管理局</p><p>有效期至：2031-01-01</p>`,
			true, []string{"页面展示证书查询结果"}, []string{"新闻或文章页面"}},
		{"a company's page titled as the certificate's query", "https://www.cx-tzzy.example/",
			`<title>特种作业操作证查询 - 某某信息科技有限公司</title><form action="/q">姓名<input name="xm"> 身份证号<input name="sfz"><button>查询</button></form><p>本公司员工证书可在此查询。</p>`,
			false, nil, []string{"非政府机构"}},

		// What they must leave alone.
		{"a news article picturing the official form", "http://news.example/2025/07/08/1.htm",
			`<title>一张电工证背后的假网站_某某网</title><h1>一张电工证背后的假网站</h1><p>2025-07-08　某某日报记者 孙倩</p><p>下面是官方平台查询框的示意：</p><div><h4>特种作业操作证及安全生产知识和管理能力考核合格信息查询平台（示意）</h4><p>证件类型 <select disabled><option>居民身份证</option></select></p><p>证件号码 <input disabled></p><p>姓名 <input disabled></p><p>验证码 <input disabled></p><p>主办单位：中华人民共和国应急管理部</p></div><p>真网站是 cx.mem.gov.cn。</p>`,
			false, nil, []string{"查询表单"}},
		{"an article quoting a fake result", "https://news.example/2025/03/18/c.html",
			`<title>揭秘假冒证书查询网站-某某网</title><p>2025-03-18 09:40　来源：某某网</p><p>扫码后跳出的页面写着</p><p>查询结果：有效</p><p>发证机关：某市应急管理局</p><p>有效期：2031-05-01</p><p>卖家承诺应急管理部官网可查。</p>`,
			false, []string{"新闻或文章页面"}, nil},
		{"a school's own certificates, the government one referred", "https://www.anping-px.example/zscx/",
			`<title>学员证书查询系统 - 某某职业技能培训学校</title><form action="/zscx/do">姓名<input name="xm"> 身份证号<input name="sfz"> 证书编号<input name="zsbh"><button>查询</button></form><p>本系统查询本校颁发的培训结业证书。特种作业操作证由应急管理部门颁发，请登录 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a> 查询。</p><p>浙ICP备17034562号-1</p>`,
			false, []string{"页面由非政府机构“某某职业技能培训学校”运营，只查询本机构自己颁发的证书或培训记录（“本系统查询本校颁发的培训结业证书”）"}, []string{"页面自称“应急管理部”", "页面自设查询表单查验政府核发的证书"}},
		{"a centre's lookup disclaiming the government certificates", "https://www.yjaq-px.example/zscx/",
			`<title>证书查询系统 - 应急安全培训中心（宁波）</title><form action="/zscx/">姓名<input name="xm"> 身份证号<input name="sfz"> 证书编号<input name="bh"><button>查询</button></form><p>本系统仅查询本中心出具的培训合格证明，不是特种作业操作证或安全生产知识和管理能力考核合格证。政府颁发的证书请在应急管理部平台查询。</p><p>浙ICP备18045671号</p>`,
			false, []string{"只查询本机构自己颁发的证书"}, []string{"页面自称“应急管理部”", "页面自设查询表单查验政府核发的证书", "官方平台名称"}},
		{"an association referring the government certificates to the platform", "https://www.jzxh.example/zscx/",
			`<title>培训证书查询 - 中国某某教育协会</title><h3>建设行业职业培训证书查询</h3><form action="/zscx/q">姓名<input name="xm"> 身份证号<input name="sfzh"> 证书编号<input name="zsbh"><button>查询</button></form><p>注：建筑施工特种作业操作资格证书、安全生产考核合格证书由省级住房和城乡建设主管部门核发，请登录全国工程质量安全监管信息平台查询。</p><p>京ICP备09073285号</p>`,
			false, nil, []string{"官方平台名称", "页面自设查询表单查验政府核发的证书"}},
		{"a school's score lookup naming who issues the certificate", "https://www.aqjs-px.example/cj/",
			`<title>成绩查询 - 某某安全技术培训学校</title><h3>学员考试成绩查询</h3><form action="/cj/q">姓名<input name="xm"> 身份证号<input name="sfz"> 验证码<input name="yzm"><button>查询</button></form><p>说明：考试合格后由市应急管理局颁发特种作业操作证，证书可在应急管理部政府网站查询。</p><p>苏ICP备12345678号</p>`,
			false, nil, []string{"页面自称", "页面自设查询表单查验政府核发的证书"}},
		{"a reporter's story picturing the form with live fields", "http://news.example/2025/07/08/a.htm",
			`<title>一张电工证背后的假网站_某某网</title><h1>一张电工证背后的假网站</h1><p>2025-07-08　某某日报记者 孙倩</p><div><h4>特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</h4><p>证件类型 <select><option>居民身份证</option></select></p><p>证件号码 <input></p><p>姓名 <input></p><p>验证码 <input></p><p>主办单位：中华人民共和国应急管理部</p></div><p>真网站是 cx.mem.gov.cn。</p>`,
			false, []string{"新闻报道页面（署名与日期“2025-07-08某某日报记者孙倩”）"}, nil},
		{"an employer's roster with a search box", "https://www.jianshe-group.example/cz/",
			`<title>持证人员公示 - 某某建设集团有限公司</title><h3>特种作业人员持证上岗公示</h3><p>输入姓名或证书编号查询：<input name="q"> <button>查询</button></p><table><tr><th>姓名</th><th>作业类别</th><th>证书编号</th><th>发证机关</th><th>有效期至</th><th>状态</th></tr><tr><td>张三</td><td>电工作业</td><td>T3201</td><td>某市应急管理局</td><td>2028-01-01</td><td>有效</td></tr><tr><td>李四</td><td>焊接与热切割作业</td><td>T3202</td><td>某市应急管理局</td><td>2027-05-01</td><td>有效</td></tr></table><p>以上证书均可在应急管理部特种作业操作证查询平台核验。</p><p>苏ICP备87654321号</p>`,
			false, []string{"页面由非政府机构“某某建设集团有限公司”运营，列出多人的持证记录"}, nil},
		{"an employer's roster titled as a query", "https://www.jianshe-group.example/cz/",
			`<title>特种作业人员持证情况查询 - 某某建设集团有限公司</title><form action="/q">姓名<input name="xm"> 身份证号<input name="sfz"> 验证码<input name="yzm"><button>查询</button></form><table><tr><th>姓名</th><th>作业类别</th><th>证书编号</th><th>发证机关</th><th>有效期至</th><th>状态</th></tr><tr><td>张三</td><td>电工作业</td><td>T3201</td><td>某市应急管理局</td><td>2028-01-01</td><td>有效</td></tr><tr><td>李四</td><td>焊接与热切割作业</td><td>T3202</td><td>某市应急管理局</td><td>2027-05-01</td><td>有效</td></tr></table><p>苏ICP备87654321号</p>`,
			false, []string{"列出多人的持证记录"}, nil},
		{"an employer's staff page", "https://www.dianti-wb.example/ry/",
			`<title>人员资质 - 某某电梯维保有限公司</title><h3>本公司作业人员证书查询</h3><form action="/ry/q">姓名<input name="xm"> 证书编号<input name="bh"><button>查询</button></form><p>电梯维修作业人员均持特种设备作业人员证上岗。</p><p>苏ICP备87654322号</p>`,
			false, []string{"查询的是本单位人员的持证情况（“本公司作业人员证书查询”）"}, nil},
		{"a link to the official platform is no entrance", "https://www.guide.example/",
			`<title>证书查询导航</title><p><a href="https://cx.mem.gov.cn/">特种作业操作证及安全生产知识和管理能力考核合格信息查询平台（官网入口）</a></p>`,
			false, nil, []string{"链接自称官方平台"}},
		{"a warning quoting a fake entrance's link", "https://news.example/w.html",
			`<title>警惕假网站</title><p>这类钓鱼网站的“官网入口”是 <a href="http://cx.fake.example/">官网入口</a>，请到 cx.mem.gov.cn 查询。</p>`,
			false, nil, []string{"链接自称官方平台"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkVerdict(t, Verdict(Candidate{Snapshot: Extract(tc.url, []byte(tc.html))}, refs, o), tc.want, tc.texts, tc.not)
		})
	}
}

// TestVerdictDev3Pages: the development set 3 pages the new signals
// decide, read from testdata as they are, with the reason that decides
// each.
func TestVerdictDev3Pages(t *testing.T) {
	refs := defaults(t)
	o := packOptions(t)
	for _, tc := range []struct {
		file, url string
		want      bool
		reason    string
	}{
		{"007", "http://news.dzwww.com/shehuixinwen/202507/t20250708_15432101.htm", false, ""},
		{"017", "http://www.news.cn/legal/20250318/3c0f2a5b8e6d4f1c9a7b2d4e6f8a0c1e/c.html", false, "新闻或文章页面"},
		{"002", "https://www.hzanpx.com/zscx/", false, "只查询本机构自己颁发的证书"},
		{"034", "https://www.yjaqpxzx.com/zscx/", false, "只查询本机构自己颁发的证书"},
		{"066", "https://www.jsjzxh.org.cn/zscx/", false, "只查询本机构自己颁发的证书"},
		{"041", "https://www.ccen.com.cn/zscx/", false, ""},
		{"028", "https://www.csei.org.cn/rycx/index.html", false, ""},
		{"026", "https://www.tzzyczcx.com/rukou.html", true, "链接自称官方平台或官网入口"},
		{"043", "http://www.tzzy-cx.com/", true, "页面自称全国性的政府证书查询系统"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "imitation", "dev3", "pages", tc.file+".html"))
			if err != nil {
				t.Fatal(err)
			}
			r := Verdict(Candidate{Snapshot: Extract(tc.url, b)}, refs, o)
			t.Logf("score %.2f cleared %q: %v", r.Score, r.Cleared, r.Texts())
			if r.Imitation != tc.want {
				t.Errorf("imitation %v, want %v", r.Imitation, tc.want)
			}
			if tc.reason != "" && !slices.ContainsFunc(r.Texts(), func(s string) bool { return strings.Contains(s, tc.reason) }) {
				t.Errorf("no reason with %q", tc.reason)
			}
		})
	}
}

// TestEvaluateDevSets: the verdict on the development sets and the
// fixture, through Evaluate as `certwatch imitation eval` runs it (no
// rendering): every page right.
func TestEvaluateDevSets(t *testing.T) {
	for _, set := range []string{"dev", "dev2", "dev3", "fixture"} {
		t.Run(set, func(t *testing.T) {
			rep, err := Evaluate(context.Background(), filepath.Join("..", "..", "testdata", "imitation", set), EvalOptions{Options: *packOptions(t)})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range append(rep.Misses, rep.FalseAlarms...) {
				t.Errorf("%s (%s, %s) judged %v, score %.2f: %v", x.File, x.Label, x.Kind, x.Result.Imitation, x.Result.Score, x.Result.Texts())
			}
			if rep.Pages < 7 || rep.FP != 0 || rep.FN != 0 {
				t.Errorf("%d pages: TP %d FP %d FN %d TN %d", rep.Pages, rep.TP, rep.FP, rep.FN, rep.TN)
			}
		})
	}
}

package imitation

import (
	"slices"
	"strings"
	"testing"
)

// TestExtractFieldOutsideForm: fields outside a form (a table's cells, a
// div's boxes) are labelled by the text just before each, the first one
// too.
func TestExtractFieldOutsideForm(t *testing.T) {
	for _, tc := range []struct {
		name, html string
		want       []string
	}{
		{"two boxes in a table cell", `<title>证书查询</title><table><tr><td>证书查询<br>身份证号：<input size="30"> 姓名：<input> <button>查询</button></td></tr></table>`,
			[]string{FieldName, FieldIDNumber}},
		{"labels in their own elements", `<div><label>姓名</label><input></div><div><label>证件号码</label><input></div>`,
			[]string{FieldName, FieldIDNumber}},
		{"one box after a prompt", `<h1>查询入口</h1><p>请输入身份证号码：</p><input name="q"><button>进入查询</button>`,
			[]string{FieldIDNumber}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Extract("https://a.example/", []byte(tc.html))
			if len(s.Forms) != 1 || !slices.Equal(s.Forms[0].Kinds, tc.want) {
				t.Fatalf("forms %+v, want one asking %v", s.Forms, tc.want)
			}
		})
	}
}

// TestVerdictDev2Signals: the signals added for development set 2's
// misses, each on a small page of its own, and the legitimate pages each
// must leave alone.
func TestVerdictDev2Signals(t *testing.T) {
	refs := defaults(t)
	o := packOptions(t)
	for _, tc := range []struct {
		name, url, html string
		want            bool
		texts           []string // substrings some reason must contain
		not             []string // substrings no reason may contain
	}{
		{"a city bureau's query on a private host", "https://www.yjglj-nanping.example/zscx/",
			`<title>某某市应急管理局-证书查询</title><div><h1>某某市应急管理局</h1></div><div><h3>特种作业操作证查询</h3><label>姓名</label><input><label>身份证号</label><input><button>查询</button></div><div>某某市应急管理局 主办 闽ICP备12345678号</div>`,
			true, []string{"查询表单字段与官方相近：姓名、身份证号", "标题以政府机关的名义提供查询：“某某市应急管理局证书查询”"}, nil},
		{"a QR landing page with a pass line", "https://zs-verify.example/c?k=AQ3101202300457",
			`<title>电子证书</title><div><p>✔ 证书核验通过</p><p>焊工证</p><p>证号：AQ3101202300457</p><p>发证机关：某市应急管理局</p><p>有效期：2029-05-01</p></div>`,
			true, []string{"页面展示证书查询结果", "给出查询结论", "网址直接带证件号码（“k”）"}, nil},
		{"an entrance sending the query to itself", "https://tzzy-rukou.example/",
			`<title>证书查询</title><p>特种作业操作证请到本站查询，数据与应急管理部同步。</p><div><p>请输入身份证号：</p><input><button>查询</button></div>`,
			true, []string{"页面自设查询表单查验政府核发的证书（“特种作业”）"}, nil},
		{"a seller's box said to verify what it sells", "https://hanzheng-ban.example/",
			`<title>焊工证 办理</title><p>焊工证、电工证，免考，7天出证，本站可查</p><form action="/q">姓名<input name="xm"> 身份证号<input name="sfz"><button>查询</button></form>`,
			true, []string{"售证页面称所售的政府证书（“电工证”）可在本站查询（“本站可查”）"}, nil},

		// What they must leave alone.
		{"an association's own lookup referring the government certificate", "https://www.hanjie-xh.example/cert",
			`<title>协会培训证书查询</title><h3>会员培训证书查询</h3><p>本查询仅适用于本会颁发的培训证书。</p><p>证书编号：<input> 姓名：<input> <button>查询</button></p><p>焊工特种作业操作证请到应急管理部平台 cx.mem.gov.cn 查询。</p>`,
			false, nil, []string{"页面自设查询表单查验政府核发的证书", "页面自称“应急管理部”"}},
		{"an explainer quoting the pass line in a sentence", "https://news.example/qr.html",
			`<title>扫码验证证书的方法</title><p>扫码后页面显示“证书核验通过”即为真证。</p><p>发证机关：应急管理部门</p><p>有效期：六年</p>`,
			false, nil, []string{"页面展示证书查询结果"}},
		{"a school's own progress lookup, 官网可查", "https://www.yangguang-px.example/jd",
			`<title>阳光职校 焊工培训报名进度查询</title><p>焊工证、电工证培训，考试合格发证，官网可查。</p><form action="/jd">姓名<input name="xm"> 身份证号<input name="sfz"><button>查询</button></form><p>粤ICP备20201234号</p>`,
			false, nil, []string{"可在本站查询", "标题以政府机关的名义"}},
		{"a warning titled with the body it names", "https://news.example/w.html",
			`<title>警惕冒充应急管理局的证书查询网站</title><p>近日有网站冒充应急管理局提供特种作业操作证查询，请到官方平台查询。</p>`,
			false, nil, []string{"标题以政府机关的名义"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkVerdict(t, Verdict(Candidate{Snapshot: Extract(tc.url, []byte(tc.html))}, refs, o), tc.want, tc.texts, tc.not)
		})
	}
}

// TestVerdictOwnerTitle: a title that begins with a government body
// (after a place's name at most) and names a query; one that mentions a
// body does not count.
func TestVerdictOwnerTitle(t *testing.T) {
	o := packOptions(t)
	for title, want := range map[string]bool{
		"某某市应急管理局-证书查询":      true,
		"应急管理部证书查询中心":        true,
		"某某省某某市某某区应急管理局证书查询": false, // a place of more than eight characters
		"某某市应急管理局":           false, // no query
		"警惕冒充应急管理局的证书查询网站":   false,
		"阳光职校应急管理局考试报名查询":    false,
	} {
		s := Extract("https://a.example/", []byte("<title>"+title+"</title>"))
		if got := ownerTitle(s, o) != ""; got != want {
			t.Errorf("ownerTitle(%s) = %v, want %v", title, got, want)
		}
	}
}

// TestRecordURLAnyParameter: a certificate number in any parameter of a
// result's address counts; a date or a page number does not.
func TestRecordURLAnyParameter(t *testing.T) {
	for u, want := range map[string]string{
		"https://zs-verify.example/c?k=AQ3101202300457": "k",
		"https://tzsb.example/v?c=TS4403202209931&x=1":  "c",
		"https://zs-verify.example/c?d=20240518":        "",
		"https://zs-verify.example/c?p=2&lang=zh":       "",
	} {
		if got := recordURL(u); got != want {
			t.Errorf("recordURL(%s) = %q, want %q", u, got, want)
		}
	}
}

// checkVerdict checks a verdict's outcome and that its reasons contain
// each of texts and none of not (substrings), logging score and reasons.
func checkVerdict(t *testing.T, r Result, want bool, texts, not []string) {
	t.Helper()
	t.Logf("score %.2f cleared %q: %v", r.Score, r.Cleared, r.Texts())
	if r.Imitation != want {
		t.Errorf("imitation %v, want %v", r.Imitation, want)
	}
	for _, w := range texts {
		if !slices.ContainsFunc(r.Texts(), func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("no reason with %q", w)
		}
	}
	for _, w := range not {
		if slices.ContainsFunc(r.Texts(), func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("a reason with %q", w)
		}
	}
}

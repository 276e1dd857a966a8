package page

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func mustFromHTML(t *testing.T, url, doc string) *Page {
	t.Helper()
	p, err := FromHTML(url, []byte(doc), "text/html; charset=utf-8")
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	return p
}

// A query site laid out in a table, as imitation certificate-query sites
// usually are.
const tableQueryPage = `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>
  全国特种作业操作证   查询
</title>
<meta name="Description" content="  证书查询
 系统 ">
<base href="http://example.gov.cn/zs/">
<script>var t = "<p>脚本里的字</p>";</script>
<style>p { color: red }</style>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="cx.html">证书查询</a> | <a href="http://other.example/x?a=1">外链</a></div>
<form action="query.asp" method="post" name="f1">
<table>
<tr><td>证件类型：</td><td><select name="zjlx"><option value="1">特种作业操作证</option><option>安全生产知识和管理能力考核合格证</option></select></td></tr>
<tr><td>证件号码：</td><td><input type="text" name="zjhm" placeholder="请输入身份证号"></td><td>（18位）</td></tr>
<tr><td>姓&nbsp;&nbsp;名：</td><td><input name="xm"></td></tr>
<tr><td>验证码：</td><td><input name="yzm" size=4><img src="code.asp" alt="验证码图片"></td></tr>
<tr><td colspan=2><input type="submit" value="查询"><input type="hidden" name="t" value="1"></td></tr>
</table>
</form>
<noscript>请开启脚本</noscript>
<template><p>模板里的字</p></template>
<p>Copyright <b>安全</b><i>生产</i>   监督   管理局</p>
</body></html>`

func TestFromHTMLTableQueryForm(t *testing.T) {
	p := mustFromHTML(t, "http://example.gov.cn/zs/index.html", tableQueryPage)

	if want := "全国特种作业操作证 查询"; p.Title != want {
		t.Errorf("Title = %q, want %q", p.Title, want)
	}
	wantText := strings.Join([]string{
		"证书查询 系统",
		"首页 | 证书查询 | 外链",
		"证件类型：",
		"特种作业操作证",
		"安全生产知识和管理能力考核合格证",
		"证件号码：",
		"（18位）",
		"姓 名：",
		"验证码：",
		"Copyright 安全生产 监督 管理局",
	}, "\n")
	if p.Text != wantText {
		t.Errorf("Text =\n%s\nwant\n%s", p.Text, wantText)
	}
	for _, hidden := range []string{"脚本", "color", "请开启脚本", "模板", "验证码图片", "请输入身份证号"} {
		if strings.Contains(p.Text, hidden) {
			t.Errorf("Text contains %q", hidden)
		}
	}

	wantLinks := []Link{
		{URL: "http://example.gov.cn/", Text: "首页"},
		{URL: "http://example.gov.cn/zs/cx.html", Text: "证书查询"},
		{URL: "http://other.example/x?a=1", Text: "外链"},
	}
	if !reflect.DeepEqual(p.Links, wantLinks) {
		t.Errorf("Links = %+v, want %+v", p.Links, wantLinks)
	}

	if len(p.Forms) != 1 {
		t.Fatalf("Forms = %+v, want one", p.Forms)
	}
	form := p.Forms[0]
	if form.Action != "http://example.gov.cn/zs/query.asp" || form.Method != "POST" {
		t.Errorf("form action/method = %q %q", form.Action, form.Method)
	}
	wantFields := []Field{
		{Label: "证件类型：", Name: "zjlx", Type: "select", Options: []string{"特种作业操作证", "安全生产知识和管理能力考核合格证"}},
		{Label: "证件号码：", Name: "zjhm", Type: "text", Placeholder: "请输入身份证号"},
		{Label: "姓 名：", Name: "xm", Type: "text"},
		{Label: "验证码：", Name: "yzm", Type: "text"},
		{Name: "", Type: "submit", Value: "查询"},
		{Name: "t", Type: "hidden", Value: "1"},
	}
	if !reflect.DeepEqual(form.Fields, wantFields) {
		t.Errorf("Fields =\n%+v\nwant\n%+v", form.Fields, wantFields)
	}
}

func TestFromHTMLLabels(t *testing.T) {
	const doc = `<form action="/api/check">
 <label for="cert">证书编号</label> <input id="cert" name="certNo">
 <label>姓名 <input name="name"></label>
 <div class="row"><span>身份证号：</span><div class="in"><input name="sfz"></div></div>
 <input name="q" aria-label="搜索">
 <p>请输入：<input name="later" id="later"></p>
 <label for="later">稍后声明的标签</label>
 <label><input type="radio" name="kind" value="1"> 特种作业</label>
 <textarea name="memo">备注内容</textarea>
 <button type="button">立即 <b>查询</b></button>
 <input name="t" title="提示">
 <input type="image" name="go" src="btn.gif" alt="查 询">
</form>`
	p := mustFromHTML(t, "https://fake-query.example/check/", doc)
	if len(p.Forms) != 1 {
		t.Fatalf("Forms = %+v", p.Forms)
	}
	if got := p.Forms[0].Action; got != "https://fake-query.example/api/check" {
		t.Errorf("Action = %q", got)
	}
	if got := p.Forms[0].Method; got != "GET" {
		t.Errorf("Method = %q", got)
	}
	want := map[string]string{
		"certNo": "证书编号",
		"name":   "姓名",
		"sfz":    "身份证号：",
		"q":      "搜索",
		"later":  "稍后声明的标签",
		"kind":   "特种作业",
		"memo":   "",
		"":       "",
		"t":      "提示",
		"go":     "",
	}
	for _, f := range p.Forms[0].Fields {
		if got, ok := want[f.Name]; !ok || got != f.Label {
			t.Errorf("field %q: Label = %q, want %q", f.Name, f.Label, got)
		}
		switch f.Name {
		case "memo":
			if f.Type != "textarea" || f.Value != "备注内容" {
				t.Errorf("textarea = %+v", f)
			}
		case "":
			if f.Type != "button" || f.Value != "立即 查询" {
				t.Errorf("button = %+v", f)
			}
		case "go":
			if f.Type != "image" || f.Value != "查 询" {
				t.Errorf("image button = %+v", f)
			}
		}
	}
	if len(p.Forms[0].Fields) != len(want) {
		t.Errorf("got %d fields, want %d: %+v", len(p.Forms[0].Fields), len(want), p.Forms[0].Fields)
	}
}

func TestFromHTMLFormQuirks(t *testing.T) {
	t.Run("form directly inside a table", func(t *testing.T) {
		p := mustFromHTML(t, "http://a.example/", `<table><form action="x.php" method=POST>
<tr><td>证件号码<td><input name=a>
<tr><td>姓名<td><input name=b></form></table><input name=outside>`)
		if len(p.Forms) != 2 {
			t.Fatalf("Forms = %+v", p.Forms)
		}
		f := p.Forms[0]
		if f.Action != "http://a.example/x.php" || len(f.Fields) != 2 ||
			f.Fields[0].Label != "证件号码" || f.Fields[1].Label != "姓名" {
			t.Errorf("form = %+v", f)
		}
		orphans := p.Forms[1]
		if orphans.Action != "" || orphans.Method != "" || len(orphans.Fields) != 1 || orphans.Fields[0].Name != "outside" {
			t.Errorf("orphan form = %+v", orphans)
		}
	})
	t.Run("controls without a form", func(t *testing.T) {
		p := mustFromHTML(t, "", `<div>证件号码：<input name=a> 姓名：<input name=b></div>`)
		if len(p.Forms) != 1 || len(p.Forms[0].Fields) != 2 ||
			p.Forms[0].Fields[0].Label != "证件号码：" || p.Forms[0].Fields[1].Label != "姓名：" {
			t.Errorf("Forms = %+v", p.Forms)
		}
	})
	t.Run("label from another row is not taken", func(t *testing.T) {
		p := mustFromHTML(t, "", `<form><table><tr><td>查询说明</td></tr><tr><td><input name=a></td></tr></table></form>`)
		if got := p.Forms[0].Fields[0].Label; got != "" {
			t.Errorf("Label = %q, want none", got)
		}
	})
	t.Run("nested form is ignored", func(t *testing.T) {
		p := mustFromHTML(t, "", `<form action=/a><form action=/b><input name=x></form></form>`)
		if len(p.Forms) != 1 || p.Forms[0].Action != "/a" || len(p.Forms[0].Fields) != 1 {
			t.Errorf("Forms = %+v", p.Forms)
		}
	})
	t.Run("long preceding text keeps its end", func(t *testing.T) {
		p := mustFromHTML(t, "", `<form>`+strings.Repeat("说明", 500)+`证件号码：<input name=a></form>`)
		got := p.Forms[0].Fields[0].Label
		if !strings.HasSuffix(got, "说明证件号码：") || len([]rune(got)) > maxLabelRunes {
			t.Errorf("Label = %q", got)
		}
	})
}

func TestFromHTMLText(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"blocks end lines", `<p>第一段</p><div>第二<span>段</span></div>第三<br>第四<ul><li>甲</li><li>乙</li></ul><h2>标题</h2>尾`,
			"第一段\n第二段\n第三\n第四\n甲\n乙\n标题\n尾"},
		{"whitespace collapses within a line", "<p>  a \n\t b\u3000\u00a0c  </p>", "a b c"},
		{"inline elements join without spaces", `<span>证件</span><b>查询</b><a href=#>系统</a>`, "证件查询系统"},
		{"table cells are lines", `<table><tr><td>甲</td><td>乙</td></tr><tr><th>丙</th></tr></table>`, "甲\n乙\n丙"},
		{"entities", `<p>&lt;办证&gt; &amp; &#x8BC1;&#20070; &nbsp;</p>`, "<办证> & 证书"},
		{"invisible elements", `a<script>b</script><style>c</style><noscript>d</noscript><template>e<p>f</p></template><iframe>g</iframe><title>h</title>i`, "ai"},
		{"unclosed script swallows the rest", `可见<script>不可见`, "可见"},
		{"textarea and option text are visible", `<select><option>甲<option>乙</select><textarea>丙</textarea>`, "甲\n乙\n丙"},
		{"alt and placeholder are not text", `<img alt="图"><input placeholder="占位" value="值">字`, "字"},
		{"meta description first", `<meta name="description" content="描述"><p>正文</p>`, "描述\n正文"},
		{"comments dropped", `甲<!-- 乙 -->丙`, "甲丙"},
		{"svg title is not the page title", `<svg><title>图标</title></svg>字`, "字"},
		{"self-closing svg", `<svg/><title>题</title>字`, "字"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustFromHTML(t, "", tt.doc)
			if p.Text != tt.want {
				t.Errorf("Text = %q, want %q", p.Text, tt.want)
			}
		})
	}
}

func TestFromHTMLHostile(t *testing.T) {
	t.Run("script in title stays text", func(t *testing.T) {
		p := mustFromHTML(t, "", `<title>办证<script>alert(1)</script></title><p>正文</p>`)
		if p.Title != "办证<script>alert(1)</script>" {
			t.Errorf("Title = %q", p.Title)
		}
		if p.Text != "正文" {
			t.Errorf("Text = %q", p.Text)
		}
	})
	t.Run("deep nesting hides nothing", func(t *testing.T) {
		doc := strings.Repeat("<div><span>", 50000) + "深处的广告" + strings.Repeat("</span></div>", 50000) + "<a href=/x>链接</a>"
		p := mustFromHTML(t, "http://a.example/", doc)
		if p.Text != "深处的广告\n链接" {
			t.Errorf("Text = %.100q", p.Text)
		}
		if len(p.Links) != 1 || p.Links[0].URL != "http://a.example/x" {
			t.Errorf("Links = %+v", p.Links)
		}
	})
	t.Run("malformed markup", func(t *testing.T) {
		p := mustFromHTML(t, "", `<p <b>>甲</i></p></p></div><a href="x>乙<td>丙</tr></table></form></select>`)
		if !strings.Contains(p.Text, "甲") {
			t.Errorf("Text = %q", p.Text)
		}
	})
	t.Run("only the first title counts", func(t *testing.T) {
		p := mustFromHTML(t, "", `<title>甲</title><title>乙</title>`)
		if p.Title != "甲" {
			t.Errorf("Title = %q", p.Title)
		}
	})
	t.Run("links are bounded", func(t *testing.T) {
		p := mustFromHTML(t, "", strings.Repeat(`<a href=x>y</a>`, maxLinks+10))
		if len(p.Links) != maxLinks {
			t.Errorf("%d links kept", len(p.Links))
		}
	})
	t.Run("too large", func(t *testing.T) {
		_, err := FromHTML("http://a.example/", make([]byte, MaxBodySize+1), "")
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("err = %v, want ErrTooLarge", err)
		}
	})
}

func TestFromHTMLLinks(t *testing.T) {
	doc := `<a href="  /x
.html ">甲</a>
<a href="javascript:void(0)"><img src="qr.png" alt="微信二维码"></a>
<a href="tel:13800000000" title="电话"></a>
<a name="anchor">没有地址</a>
<map><area href="/area" alt="区域"></map>
<a href="//cdn.example/y">乙<a href="z">丙</a>
<a href="%zz">坏地址</a>`
	p := mustFromHTML(t, "https://site.example/dir/page.html", doc)
	want := []Link{
		{URL: "https://site.example/x.html", Text: "甲"},
		{URL: "javascript:void(0)", Text: "微信二维码"},
		{URL: "tel:13800000000", Text: "电话"},
		{URL: "https://site.example/area", Text: "区域"},
		{URL: "https://cdn.example/y", Text: "乙"},
		{URL: "https://site.example/dir/z", Text: "丙"},
		{URL: "%zz", Text: "坏地址"},
	}
	if !reflect.DeepEqual(p.Links, want) {
		t.Errorf("Links =\n%+v\nwant\n%+v", p.Links, want)
	}

	p = mustFromHTML(t, "", `<a href="rel.html">x</a>`)
	if p.Links[0].URL != "rel.html" {
		t.Errorf("without a page URL, Link.URL = %q", p.Links[0].URL)
	}
}

func TestFromText(t *testing.T) {
	p := FromText("http://a.example/", "证书\xff办理\n")
	if p.Text != "证书\uFFFD办理\n" || p.Title != "" || p.Charset != "utf-8" || p.URL != "http://a.example/" {
		t.Errorf("FromText = %+v", p)
	}
}

package testbed

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
)

// The sites of issue 14's search discovery: a search engine whose result
// pages, for the official certificate-query platforms' names, list the
// official platform, a page that explains how to verify a certificate,
// and an imitation query site that nothing else links to.
const (
	// HostSearch is a search engine: /s?wd=TERM is a result page.
	HostSearch = "sousuo.example"
	// HostSearchImitation is a crude imitation of the 应急管理部 query
	// platform that only the search engine's results lead to (not the
	// cx-mem-gov.example pages: a site of its own making).
	HostSearchImitation = "mem-zscx.example"
)

// searchEngineTerms are the terms the config's search-engine source
// searches for.
var searchEngineTerms = []string{"特种作业操作证查询", "官网可查 证书"}

// searchExplainerPath is the page of news.example that explains how to
// verify a certificate (listed by the search engine, linked from nowhere
// else): it names the platform and its address, and is no imitation.
const searchExplainerPath = "/2024/11/05-zhengshu-zhenwei.html"

// officialQueryURL is the real 应急管理部 platform: listed in the results,
// never served here (its host is official: a sweep does not fetch it).
const officialQueryURL = "http://cx.mem.gov.cn/"

// SearchResultURL is the search engine's result page for term.
func SearchResultURL(term string) string {
	return urlOf(HostSearch, "/s?wd="+url.QueryEscape(term))
}

// SearchImitationURL is the imitation query site only the search engine's
// results lead to.
func SearchImitationURL() string { return urlOf(HostSearchImitation, "/") }

// SearchExplainerURL is the explainer page the results list.
func SearchExplainerURL() string { return urlOf(HostNews, searchExplainerPath) }

// engineResult is one result on a result page.
type engineResult struct{ title, url, snippet string }

// engineResults are the results for a term: a term asking for a query
// platform (查询, 平台, 官网可查) lists the official platform, the
// sample web's government page on verifying certificates and the
// explainer; one naming 特种作业 also the imitation site, second from
// the top as such sites buy their place. Any other term finds nothing.
func engineResults(term string) []engineResult {
	if !strings.Contains(term, "查询") && !strings.Contains(term, "平台") && !strings.Contains(term, "官网可查") {
		return nil
	}
	out := []engineResult{{
		title:   "应急管理部特种作业操作证及安全生产知识和管理能力考核合格信息查询平台",
		url:     officialQueryURL,
		snippet: "应急管理部特种作业操作证及安全生产知识和管理能力考核合格信息查询平台，可按证件号码和姓名查询。",
	}}
	if strings.Contains(term, "特种作业") {
		out = append(out, engineResult{
			title:   "特种作业操作证查询_全国联网_在线验证真伪",
			url:     SearchImitationURL(),
			snippet: "输入姓名和身份证号，即可查询特种作业操作证信息，全国联网，官网可查。",
		})
	}
	return append(out,
		engineResult{
			title:   "证书查询 - 示范市应急管理局",
			url:     urlOf(HostGov, "/bsfw/zscx.html"),
			snippet: "特种作业操作证请登录应急管理部查询平台核验，本局不提供其他查询入口。",
		},
		engineResult{
			title:   "特种作业操作证怎么辨别真假？只认一个官方查询网址",
			url:     SearchExplainerURL(),
			snippet: "记者梳理发现，不少“官网可查”的证书查询网站是仿冒的。",
		})
}

const searchIndex = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>搜索 - 示范搜索引擎</title></head>
<body>
<h1>示范搜索引擎</h1>
<form action="/s" method="get"><input name="wd" placeholder="请输入关键词"><button>搜索</button></form>
<p><a href="/about.html">关于我们</a></p>
</body></html>
`

// engineResultPage renders the result page for term: the results in
// the markup of a typical engine (div.result, h3 a, .abstract, .showurl).
func engineResultPage(term string) string {
	var b strings.Builder
	t := html.EscapeString(term)
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>%s_示范搜索</title></head>
<body>
<form action="/s" method="get"><input name="wd" value="%s"><button>搜索</button></form>
<div id="content">
`, t, t)
	results := engineResults(term)
	if len(results) == 0 {
		fmt.Fprintf(&b, "<p class=\"none\">抱歉，没有找到与“%s”相关的网页。</p>\n", t)
	} else {
		fmt.Fprintf(&b, "<p class=\"count\">为您找到相关结果约 %d 个</p>\n", len(results))
	}
	for _, r := range results {
		u, _ := url.Parse(r.url)
		fmt.Fprintf(&b, `<div class="result"><h3><a href="%s">%s</a></h3><div class="abstract">%s</div><span class="showurl">%s</span></div>
`, html.EscapeString(r.url), html.EscapeString(r.title), html.EscapeString(r.snippet), html.EscapeString(u.Host+u.Path))
	}
	b.WriteString("</div>\n</body></html>\n")
	return b.String()
}

// maxSearchQuery bounds a query of sousuo.example in bytes, as engines
// do: a longer one is answered 414.
const maxSearchQuery = 256

// searchSite is sousuo.example.
func (w *Web) searchSite() (http.Handler, error) {
	s := newSite(allowAll)
	s.page("/", ctHTML, []byte(searchIndex))
	s.page("/about.html", ctHTML, []byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于示范搜索引擎</title></head><body><p>示范用的搜索引擎。</p><p><a href="/">首页</a></p></body></html>`))
	s.handle("GET /s", func(rw http.ResponseWriter, r *http.Request) {
		term := r.URL.Query().Get("wd")
		if len(term) > maxSearchQuery {
			http.Error(rw, "query too long", http.StatusRequestURITooLong)
			return
		}
		rw.Header().Set("Content-Type", ctHTML)
		_, _ = rw.Write([]byte(engineResultPage(term)))
	})
	return s, nil
}

// searchImitationPage is mem-zscx.example: a crude copy of the platform —
// its title, the ministry's name, a form for the name, ID number and a
// captcha, a sponsor line — on a host of no government.
const searchImitationPage = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>特种作业操作证查询_全国联网_在线验证真伪</title></head>
<body>
<div class="top">应急管理部 特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</div>
<h2>证书信息查询</h2>
<form action="/cx.php" method="post">
<label>姓名：<input name="xm"></label>
<label>身份证号：<input name="sfzh"></label>
<label>验证码：<input name="yzm"></label>
<button>查询</button>
</form>
<p>本平台证书全国联网，官网可查，真实有效。</p>
<p class="foot">主办单位：中华人民共和国应急管理部 ｜ 技术支持：证书查询中心</p>
</body></html>
`

// searchImitationSite serves mem-zscx.example; /cx.php answers any query
// with a record, as the gangs' sites do.
func (w *Web) searchImitationSite() (http.Handler, error) {
	s := newSite(allowAll)
	s.page("/", ctHTML, []byte(searchImitationPage))
	s.handle("/cx.php", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", ctHTML)
		_, _ = rw.Write([]byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>查询结果</title></head><body><p>查询结果：证书有效，全国联网可查。</p></body></html>`))
	})
	return s, nil
}

// searchExplainer is news.example's explainer: how to verify a
// certificate, naming the platform and its address, with no form.
const searchExplainer = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>特种作业操作证怎么辨别真假？只认一个官方查询网址 - 示范新闻网</title></head>
<body>
<h1>特种作业操作证怎么辨别真假？只认一个官方查询网址</h1>
<p class="meta">2024-11-05 示范新闻网 记者 李明</p>
<p>近来有读者反映，花钱“办”来的电工证在一个“官网”上能查到，到用人单位却被认定为假证。记者梳理发现，不少所谓“官网可查”的证书查询网站是仿冒的，网址与官方平台相似，页面也照搬了官方的标题和表单。</p>
<p>应急管理部提醒，特种作业操作证只能通过应急管理部特种作业操作证及安全生产知识和管理能力考核合格信息查询平台核验，网址是 cx.mem.gov.cn；住房和城乡建设领域的证书请到全国工程质量安全监管信息平台核验。除此之外的“查询网站”都不可信。</p>
<p>特种作业操作证须经培训、考试合格后由应急管理部门颁发，不存在“不用考试、官网可查”的证书。发现制售假证的线索，可拨打 12350 举报。</p>
<p><a href="/">返回首页</a></p>
</body></html>
`

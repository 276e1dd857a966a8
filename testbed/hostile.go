package testbed

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sizes of the hostile pages.
const (
	HugeBodySize   = 50 << 20 // /huge streams this many bytes of text, and a little markup
	BombSize       = 1 << 30  // /bomb expands to this many bytes
	MalformedDepth = 20000    // elements /malformed leaves open
)

// hostileSite is hostile.example: pages written to break a crawler. Each
// one must be bounded (time, size, redirects, decompressed size, depth)
// and recorded, and the sweep must go on.
func (w *Web) hostileSite() (http.Handler, error) {
	s := newSite(allowAll)
	s.page("/", ctHTML, []byte(hostileIndex))
	s.handle("GET /slow", w.slow)
	s.handle("GET /huge", huge)
	s.handle("GET /loop", redirectTo("/loop/next"))
	s.handle("GET /loop/next", redirectTo("/loop"))
	s.handle("GET /bomb", func(rw http.ResponseWriter, r *http.Request) {
		body, err := w.bomb.get()
		if err != nil {
			http.Error(rw, "testbed: build gzip bomb: "+err.Error(), http.StatusInternalServerError)
			return
		}
		h := rw.Header()
		h.Set("Content-Type", ctHTML)
		h.Set("Content-Encoding", "gzip") // whether the client asked for it or not
		h.Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = rw.Write(body)
	})
	s.page("/script-title", ctHTML, scriptTitlePage())
	s.page("/malformed", ctHTML, malformedPage())
	return s, nil
}

const hostileIndex = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>网站导航</title></head>
<body>
<h1>网站导航</h1>
<ul>
<li><a href="/slow">最新资讯（加载较慢）</a></li>
<li><a href="/huge">资料全集</a></li>
<li><a href="/loop">跳转页面</a></li>
<li><a href="/bomb">压缩资料包</a></li>
<li><a href="/script-title">证书服务</a></li>
<li><a href="/malformed">旧版页面</a></li>
</ul>
</body>
</html>
`

// slow sends its headers at once, then stalls SlowDelay before the body:
// only a deadline that covers the body ends it. It stops as soon as the
// client goes away.
func (w *Web) slow(rw http.ResponseWriter, r *http.Request) {
	w.slowOpen.Add(1)
	defer w.slowOpen.Add(-1)
	rw.Header().Set("Content-Type", ctHTML)
	rw.WriteHeader(http.StatusOK)
	_, _ = rw.Write([]byte("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>最新资讯</title></head>\n<body>\n"))
	if f, ok := rw.(http.Flusher); ok {
		f.Flush()
	}
	t := time.NewTimer(w.opts.SlowDelay)
	defer t.Stop()
	select {
	case <-r.Context().Done():
		return
	case <-t.C:
	}
	_, _ = rw.Write([]byte("<p>本站资讯更新较慢，感谢您的耐心等待。</p>\n</body>\n</html>\n"))
}

// huge streams HugeBodySize bytes of ordinary Chinese text, with no
// Content-Length, stopping when the client goes away.
func huge(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Content-Type", ctHTML)
	if _, err := rw.Write([]byte("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>资料全集</title></head>\n<body>\n")); err != nil {
		return
	}
	for sent := 0; sent < HugeBodySize; sent += len(hugeBlock) {
		if r.Context().Err() != nil {
			return
		}
		if _, err := rw.Write(hugeBlock); err != nil {
			return
		}
	}
	_, _ = rw.Write([]byte("</body>\n</html>\n"))
}

// hugeBlock is 64 KiB of paragraphs (whole runes: its size divides
// HugeBodySize).
var hugeBlock = func() []byte {
	const para = "<p>春天来了，小区门口的玉兰花开得正好，早上出门散步的老人越来越多。社区在广场上摆了几张桌子，志愿者给大家量血压、讲防诈骗知识，孩子们在旁边追着泡泡跑。</p>\n"
	var b bytes.Buffer
	for b.Len()+len(para) <= 64<<10 {
		b.WriteString(para)
	}
	for b.Len() < 64<<10 {
		b.WriteByte('\n')
	}
	return b.Bytes()
}()

// redirectTo answers 302 to target: /loop and /loop/next send a client
// back and forth for ever.
func redirectTo(target string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, target, http.StatusFound)
	}
}

// scriptTitlePage puts markup and terminal escape sequences where a careless
// UI or log prints them raw: in the <title> (where <script> is only text),
// in the visible text (escaped, so it reads literally), in a real script,
// plus a right-to-left override. It is also an offer, so it is flagged and
// shown to reviewers.
func scriptTitlePage() []byte {
	const esc = "\x1b"
	return []byte(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title><script>alert(1)</script>电工证 焊工证 免考包过 ` + esc + `[31m官网可查` + esc + `[0m` + esc + `]0;pwned` + "\x07" + `</title>
<script>alert(1)</script>
</head>
<body onload="alert(2)">
<h1>&lt;script&gt;alert(1)&lt;/script&gt;` + esc + `[31m` + esc + `[1m证书服务` + esc + `[0m` + esc + `[2J</h1>
<p>电工证、焊工证、高处作业证免考包过，不用到场，15天出证，官网可查。</p>
<p>联系威信：zheng-ban-2024 ` + "\u202e" + `4202-nab-gnehz` + "\u202c" + `</p>
<img src="x" onerror="alert(3)" alt="&lt;img src=x onerror=alert(4)&gt;">
<a href="javascript:alert(5)">点击咨询</a>
<iframe src="javascript:alert(6)"></iframe>
</body>
</html>
`)
}

// malformedPage is what a crawler meets on old sites, made worse: a
// misnested, unclosed table and inline elements around the offer, an
// attribute with a stray quote, a NUL, then MalformedDepth elements that
// never close, stray end tags and an unclosed comment.
func malformedPage() []byte {
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"><title>证件办理 旧版页面</title>\n<body bgcolor=#ffffff><table><tr><td><div><p><b><i>")
	b.WriteString("<font color=red>低压电工证 焊工证 叉车证</b> 免考 包过</i>，不用到场，当天出证<p>官网可查，先拿证后付款")
	b.WriteString("<td><span title=联系\"方式 class=>电话：139 0013 9000 威信同号\x00</span></div></table>\n<p>")
	for i := 0; i < MalformedDepth; i++ {
		if i%2 == 0 {
			b.WriteString("<div>")
		} else {
			b.WriteString("<span><b>")
		}
	}
	b.WriteString("最近更新")
	b.WriteString("</table></td></tr></html></body></div></span><<<>>><//p></x y=\"z\n<!-- 未闭合的注释")
	return []byte(b.String())
}

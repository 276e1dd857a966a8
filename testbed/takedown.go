package testbed

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TakedownMode is how TakeDown takes a page of the sample web down: the
// ways real sites answer for content removed after a notice, and the ways
// they keep a checker out.
type TakedownMode int

// Takedown modes. Pages in the site's own look use its layout and, for
// fenlei.example, its GBK encoding without a declared charset.
const (
	// Gone404 answers 404 with the site's "removed" page.
	Gone404 TakedownMode = iota + 1
	// Gone410 answers 410 with the site's "removed" page.
	Gone410
	// GoneNotice answers 200 with a page in the site's look that says the
	// content was removed: 该商品已下架 (shop), 该帖子已被删除 (bbs),
	// 该信息已删除 (fenlei), 抱歉，您访问的页面不存在 (the others).
	GoneNotice
	// RedirectHome answers 302 to the site's front page.
	RedirectHome
	// LoginWall answers 302 to /login?from=…, where the site then serves a
	// login page saying 请登录后查看 (only while a login wall is up).
	LoginWall
	// Captcha answers 200 with a security check asking for a 验证码.
	Captcha
	// Forbidden answers 403.
	Forbidden
	// RateLimited answers 429 with Retry-After.
	RateLimited
	// ServerError answers 503, as a site that is down for now.
	ServerError
	// Edited serves the page with the offer replaced by harmless text: a
	// shop listing's API returns other goods, a forum thread loses the
	// seller's reply, other pages become an ordinary page of the site.
	Edited
)

var takedownNames = map[TakedownMode]string{
	Gone404: "gone404", Gone410: "gone410", GoneNotice: "gone_notice", RedirectHome: "redirect_home",
	LoginWall: "login_wall", Captcha: "captcha", Forbidden: "forbidden", RateLimited: "rate_limited",
	ServerError: "server_error", Edited: "edited",
}

func (m TakedownMode) String() string {
	if s, ok := takedownNames[m]; ok {
		return s
	}
	return "TakedownMode(" + strconv.Itoa(int(m)) + ")"
}

// takedowns is the state TakeDown and Restore change while the web runs.
type takedowns struct {
	mu    sync.Mutex
	pages map[string]TakedownMode // "host path" → mode
}

// TakeDown makes the page at rawURL (host and path; the query is ignored,
// so every query of the path is affected) answer as mode says until
// Restore. Taking down a shop.example listing (/item/ID) also takes down
// its /api/item/ID, so that a rendered fetch sees the same. Safe to call
// while requests are served.
func (w *Web) TakeDown(rawURL string, mode TakedownMode) error {
	if _, ok := takedownNames[mode]; !ok {
		return fmt.Errorf("testbed: take down %s: unknown mode %d", rawURL, mode)
	}
	key, err := w.takedownKey(rawURL)
	if err != nil {
		return err
	}
	w.down.mu.Lock()
	defer w.down.mu.Unlock()
	if w.down.pages == nil {
		w.down.pages = map[string]TakedownMode{}
	}
	w.down.pages[key] = mode
	return nil
}

// Restore serves the page at rawURL as before TakeDown.
func (w *Web) Restore(rawURL string) error {
	key, err := w.takedownKey(rawURL)
	if err != nil {
		return err
	}
	w.down.mu.Lock()
	defer w.down.mu.Unlock()
	delete(w.down.pages, key)
	return nil
}

func (w *Web) takedownKey(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("testbed: take down %q: %w", rawURL, err)
	}
	host := strings.ToLower(u.Hostname())
	if _, ok := w.sites[host]; !ok {
		return "", fmt.Errorf("testbed: take down %q: no such site %q", rawURL, host)
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	return host + " " + p, nil
}

// withTakedowns wraps a site's handler: pages taken down answer as their
// mode says, and everything else goes to the site as before.
func (w *Web) withTakedowns(host string, site http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		api := false
		if host == HostShop && strings.HasPrefix(p, "/api/item/") {
			p, api = "/item/"+strings.TrimPrefix(p, "/api/item/"), true
		}
		w.down.mu.Lock()
		mode, down := w.down.pages[host+" "+p]
		wall := false
		for k, m := range w.down.pages {
			wall = wall || (m == LoginWall && strings.HasPrefix(k, host+" "))
		}
		w.down.mu.Unlock()
		switch {
		case down && api:
			w.takenDownAPI(rw, r, mode)
		case down:
			w.takenDown(rw, r, host, mode, site)
		case wall && p == "/login":
			serveLook(rw, http.StatusOK, host, "用户登录", []string{"请登录后查看。没有账号？请先注册。"}, true)
		default:
			site.ServeHTTP(rw, r)
		}
	})
}

// takenDown answers for a page taken down with mode.
func (w *Web) takenDown(rw http.ResponseWriter, r *http.Request, host string, mode TakedownMode, site http.Handler) {
	switch mode {
	case Gone404, Gone410, GoneNotice:
		status := map[TakedownMode]int{Gone404: http.StatusNotFound, Gone410: http.StatusGone, GoneNotice: http.StatusOK}[mode]
		title, text := goneNotice(host)
		serveLook(rw, status, host, title, []string{text}, false)
	case RedirectHome:
		http.Redirect(rw, r, "/", http.StatusFound)
	case LoginWall:
		http.Redirect(rw, r, "/login?from="+url.QueryEscape(r.URL.RequestURI()), http.StatusFound)
	case Captcha:
		serveLook(rw, http.StatusOK, host, "安全验证", []string{"访问异常，请完成安全验证后继续访问。", "请输入验证码："}, true)
	case Forbidden:
		serveLook(rw, http.StatusForbidden, host, "403 Forbidden", []string{"您没有权限访问此页面。"}, false)
	case RateLimited:
		rw.Header().Set("Retry-After", "60")
		serveLook(rw, http.StatusTooManyRequests, host, "请稍后再试", []string{"您的请求过多，请稍后再试。"}, false)
	case ServerError:
		serveLook(rw, http.StatusServiceUnavailable, host, "服务暂时不可用", []string{"服务器维护中，请稍后再试。"}, false)
	case Edited:
		w.edited(rw, r, host, site)
	}
}

// takenDownAPI answers the shop's item API for a listing taken down: the
// harmless listing when edited, else an error like the shop's own.
func (w *Web) takenDownAPI(rw http.ResponseWriter, r *http.Request, mode TakedownMode) {
	l, ok := listingByID(strings.TrimPrefix(r.URL.Path, "/api/item/"))
	switch {
	case mode == Edited && ok:
		writeJSON(rw, http.StatusOK, editedListing(l))
	case mode == LoginWall:
		writeJSON(rw, http.StatusUnauthorized, map[string]string{"error": "请登录后查看"})
	default:
		writeJSON(rw, http.StatusNotFound, map[string]string{"error": "商品已下架"})
	}
}

// edited serves the page with its offer gone.
func (w *Web) edited(rw http.ResponseWriter, r *http.Request, host string, site http.Handler) {
	switch host {
	case HostShop:
		if strings.HasPrefix(r.URL.Path, "/item/") {
			site.ServeHTTP(rw, r) // the shell; its API answers with the edited listing
			return
		}
	case HostBBS:
		for _, t := range threads {
			if threadPath(t.ID) != r.URL.Path {
				continue
			}
			body, err := render(bbsThread, threadView(editedThread(t)))
			if err != nil {
				http.Error(rw, err.Error(), http.StatusInternalServerError)
				return
			}
			rw.Header().Set("Content-Type", ctHTML)
			_, _ = rw.Write(body)
			return
		}
	case HostFenlei:
		serveLook(rw, http.StatusOK, host, "出售九成新办公桌椅 自提", []string{
			"公司搬迁，出售办公桌六张、办公椅十把，九成新，自提，价格面议。", "联系人：张经理"}, false)
		return
	}
	serveLook(rw, http.StatusOK, host, "内容已更新", []string{"本页内容已由发布者修改。", "欢迎浏览本站其他内容。"}, false)
}

// editedListing is l with its offer replaced by an ordinary product.
func editedListing(l listing) listing {
	l.Title = "帆布工具收纳包 加厚耐磨 多口袋"
	l.Price = "¥35"
	l.Desc = "加厚帆布，十二个插袋，可装螺丝刀、钳子、扳手等常用工具。"
	l.Contact = "客服：在线咨询"
	l.Detail = []string{"尺寸：40×25×20厘米。", "七天无理由退换。"}
	return l
}

// sellerAuthors are the forum users whose replies are offers; an edited
// thread shows their replies rewritten.
var sellerAuthors = map[string]bool{"证书顾问小王": true}

func editedThread(t thread) thread {
	rs := make([]reply, len(t.Replies))
	for i, r := range t.Replies {
		if sellerAuthors[r.Author] {
			r.Text = "（本回复已由作者修改）复审的事直接问当地窗口最稳妥。"
		}
		rs[i] = r
	}
	t.Replies = rs
	return t
}

// goneNotice is what the site shows for removed content.
func goneNotice(host string) (title, text string) {
	switch host {
	case HostShop:
		return "该商品已下架", "该商品已下架，去看看其他商品吧。"
	case HostBBS:
		return "提示信息", "该帖子已被删除。"
	case HostFenlei:
		return "提示信息", "该信息已删除，请浏览其他信息。"
	}
	return "404", "抱歉，您访问的页面不存在。"
}

// serveLook writes a page in host's look: its layout, and for fenlei its
// GBK without a declared charset. With form, a login or captcha form.
func serveLook(rw http.ResponseWriter, status int, host, title string, paras []string, form bool) {
	ct, body, err := lookPage(host, title, paras, form)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", ct)
	rw.WriteHeader(status)
	_, _ = rw.Write(body)
}

const lookForm = `<form action="/login" method="post">
<label>用户名 <input name="user"></label>
<label>密码 <input name="pass" type="password"></label>
<label>验证 <input name="code"></label>
<button type="submit">提交</button>
</form>
`

func lookPage(host, title string, paras []string, form bool) (string, []byte, error) {
	if host == HostBBS {
		body, err := render(bbsPlain, plainPage{Title: title, Paras: paras, Form: form})
		return ctHTML, body, err
	}
	var b strings.Builder
	e := html.EscapeString
	ps := func() {
		for _, p := range paras {
			fmt.Fprintf(&b, "<p>%s</p>\n", e(p))
		}
		if form {
			b.WriteString(lookForm)
		}
	}
	switch host {
	case HostShop:
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s - 优品集市</title>\n%s\n</head>\n<body>\n<div class=\"top\"><a href=\"/\">优品集市</a></div>\n<div class=\"wrap\">\n<h2>%s</h2>\n", e(title), shopStyle, e(title))
		ps()
		b.WriteString("<p><a href=\"/\">返回首页</a></p>\n</div>\n</body>\n</html>\n")
		return ctHTML, []byte(b.String()), nil
	case HostFenlei:
		fmt.Fprintf(&b, "<html>\n<head>\n<title>%s - 示范同城分类信息网</title>\n</head>\n<body>\n<div class=\"logo\">示范同城分类信息网</div>\n<div class=\"cat\">\n<a href=\"/\">首页</a> | 生活服务 | 二手市场 | 招聘求职 | 房屋租售\n</div>\n<h1>%s</h1>\n<div class=\"content\">\n", e(title), e(title))
		ps()
		b.WriteString("</div>\n<div class=\"foot\">示范同城分类信息网 版权所有</div>\n</body>\n</html>\n")
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(b.String()))
		return ctHTMLNoCharset, gbk, err
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n<h1>%s</h1>\n", e(title), e(title))
	ps()
	b.WriteString("<p><a href=\"/\">返回首页</a></p>\n</body>\n</html>\n")
	return ctHTML, []byte(b.String()), nil
}

package crawler

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// jsMarket is a search-result page whose listings exist only after its
// script ran.
const jsMarket = `<!doctype html><html><head><meta charset="utf-8"><title>搜索结果</title>
<style>@font-face{font-family:x;src:url(/font.woff2)} h1{font-family:x,sans-serif}</style></head>
<body><h1>商品列表</h1><div id="results"></div><img src="/pic?1"><img src="/photo.png">
<a id="next" href="javascript:void(0)">下一页</a>
<script>
var items = [
  {t: "安全员C证 代办 包过", p: "¥800", s: "证书小王", c: "微信 abc123", u: "/item/1"},
  {t: "特种作业操作证 不用考试", p: "¥1200", s: "老李", c: "QQ 123456", u: "/item/2#x"}
];
var box = document.getElementById("results");
items.forEach(function (it) {
  var d = document.createElement("div");
  d.className = "item";
  d.innerHTML = '<a class="title" href="' + it.u + '">' + it.t + '</a><span class="price">' + it.p +
    '</span><span class="seller">' + it.s + '</span><p class="contact">' + it.c + '</p>';
  box.appendChild(d);
});
var p = document.createElement("p");
p.textContent = "脚本插入的文字：考试包过";
document.body.appendChild(p);
document.getElementById("next").setAttribute("href", "/search?page=2");
</script></body></html>`

var marketSelectors = &ListingSelectors{
	Item: "div.item", Title: "a.title", Price: ".price", Seller: ".seller",
	Contact: ".contact", Link: "a.title", Next: "#next",
}

func TestRenderJavaScriptPage(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	s.html("/search", jsMarket)
	c := newCrawler(t, s.options("shop.example"))

	static := fetchOne(t, c, Request{URL: "http://shop.example/search", Listing: marketSelectors})
	if static.Outcome != OutcomeOK {
		t.Fatalf("static: %s %v", static.Outcome, static.Err)
	}
	if strings.Contains(static.Page.Text, "脚本插入的文字") || len(static.Listings) != 0 {
		t.Errorf("the static engine saw script output: %q, %d listings", static.Page.Text, len(static.Listings))
	}

	res := fetchOne(t, c, Request{URL: "http://shop.example/search", Render: true, Listing: marketSelectors})
	if res.Outcome != OutcomeOK {
		t.Fatalf("render: %s %v", res.Outcome, res.Err)
	}
	if !res.Rendered || !strings.Contains(res.Page.Text, "脚本插入的文字：考试包过") {
		t.Errorf("rendered %v, Page.Text = %q", res.Rendered, res.Page.Text)
	}
	if res.Status != 200 || res.RemoteAddr != s.addr() || res.FinalURL != "http://shop.example/search" ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("evidence: status %d remote %q final %q header %v", res.Status, res.RemoteAddr, res.FinalURL, res.Header)
	}
	if res.Screenshot != nil || res.ScreenshotSHA != "" {
		t.Errorf("a discovery render took a %d-byte screenshot; only evidence renders do", len(res.Screenshot))
	}
	body := sha256.Sum256(res.Body)
	if res.BodySHA256 != hex.EncodeToString(body[:]) {
		t.Errorf("BodySHA256 does not match the body")
	}
	want := []Listing{
		{Title: "安全员C证 代办 包过", Price: "¥800", Seller: "证书小王", Contact: "微信 abc123", URL: "http://shop.example/item/1"},
		{Title: "特种作业操作证 不用考试", Price: "¥1200", Seller: "老李", Contact: "QQ 123456", URL: "http://shop.example/item/2"},
	}
	if len(res.Listings) != len(want) {
		t.Fatalf("listings = %+v", res.Listings)
	}
	for i := range want {
		if res.Listings[i] != want[i] {
			t.Errorf("listing %d = %+v\nwant %+v", i, res.Listings[i], want[i])
		}
	}
	if res.NextPage != "http://shop.example/search?page=2" {
		t.Errorf("NextPage = %q", res.NextPage)
	}
	for _, p := range []string{"/pic?1", "/photo.png", "/font.woff2"} {
		if n := s.count(p); n != 0 {
			t.Errorf("%s was requested %d times; images and fonts are blocked", p, n)
		}
	}
	for _, h := range s.hitsOf("shop.example") {
		if ua := h.header.Get("User-Agent"); ua != DefaultUserAgent {
			t.Errorf("%s: User-Agent %q", h.path, ua)
		}
	}
	if st := c.Stats(); st.Rendered != 1 {
		t.Errorf("Stats.Rendered = %d", st.Rendered)
	}

	// The evidence render of the same page loads images and fonts and
	// takes a full-page screenshot.
	ev := fetchOne(t, c, Request{URL: "http://shop.example/search", Render: true, Evidence: true})
	if ev.Outcome != OutcomeOK || !strings.Contains(ev.Page.Text, "脚本插入的文字") {
		t.Fatalf("evidence render: %s %v", ev.Outcome, ev.Err)
	}
	if !bytes.HasPrefix(ev.Screenshot, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(ev.Screenshot))
	}
	if img, err := png.Decode(bytes.NewReader(ev.Screenshot)); err != nil || img.Bounds().Dx() < 100 {
		t.Errorf("screenshot: %v", err)
	}
	sum := sha256.Sum256(ev.Screenshot)
	if ev.ScreenshotSHA != hex.EncodeToString(sum[:]) {
		t.Errorf("ScreenshotSHA does not match the screenshot")
	}
	for _, p := range []string{"/pic?1", "/photo.png", "/font.woff2"} {
		if n := s.count(p); n != 1 {
			t.Errorf("%s was requested %d times by the evidence render, want once", p, n)
		}
	}
	if st := c.Stats(); st.Rendered != 2 || st.BrowserRestarts != 0 {
		t.Errorf("Stats: %d rendered, %d browser restarts; want 2 and 0 (one warm browser)", st.Rendered, st.BrowserRestarts)
	}
	if st := c.Browser().Stats(); st.Starts != 1 {
		t.Errorf("%d browsers started for two renders", st.Starts)
	}
}

func TestRenderFailures(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	s.handle("/missing", http.NotFound)
	s.handle("/file.zip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/zip")
		_, _ = w.Write([]byte("PK\x03\x04"))
	})
	opts := s.options("r.example")
	c := newCrawler(t, opts)
	for _, tc := range []struct {
		url  string
		want Outcome
	}{
		{"http://r.example/loop", OutcomeTooManyRedirs},
		{"http://r.example/missing", OutcomeHTTPError},
		{"http://r.example/file.zip", OutcomeNotHTML},
		{"http://elsewhere.example/", OutcomeNetwork},
	} {
		res := fetchOne(t, c, Request{URL: tc.url, Render: true})
		if res.Outcome != tc.want {
			t.Errorf("%s: outcome %s, want %s (%v)", tc.url, res.Outcome, tc.want, res.Err)
		}
	}
	if n := s.count("/loop"); n != c.opts.MaxRedirects+1 {
		t.Errorf("the browser requested the loop %d times, want %d", n, c.opts.MaxRedirects+1)
	}
}

// TestRenderRestartAndClose: the crawler's browser is replaced after it
// died, and Close leaves no process behind.
func TestRenderRestartAndClose(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	s.html("/", "<p>hello</p>")
	c, err := New(s.options("a.example"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	var pids []int
	render := func() {
		t.Helper()
		res := fetchOne(t, c, Request{URL: "http://a.example/", Render: true})
		if res.Outcome != OutcomeOK {
			t.Fatalf("render: %s %v", res.Outcome, res.Err)
		}
		if pid, dir, ok := c.Browser().Process(); ok && (len(dirs) == 0 || dirs[len(dirs)-1] != dir) {
			dirs, pids = append(dirs, dir), append(pids, pid)
		}
	}
	render()
	render()
	if len(dirs) != 1 {
		t.Fatalf("two pages, browsers %q: not one warm browser", dirs)
	}
	// Kill the browser: the next page starts another one.
	if p, err := os.FindProcess(pids[0]); err != nil || p.Kill() != nil {
		t.Fatalf("kill the browser: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, _, ok := c.Browser().Process(); !ok {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	render()
	if got := c.Stats().BrowserRestarts; got != 1 || len(dirs) != 2 {
		t.Errorf("after a crash: %d restarts, browsers %q", got, dirs)
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	for _, dir := range dirs {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("profile %s left after Close", dir)
		}
	}
	t.Logf("browser pids %v", pids)
	if kids := childProcesses(); len(kids) > 0 {
		t.Errorf("child processes left after Close: %v", kids)
	}
}

func TestRenderClosedCrawler(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	res := fetchOne(t, c, Request{URL: "http://a.example/", Render: true})
	if !errors.Is(res.Err, ErrClosed) {
		t.Errorf("after Close: %s %v", res.Outcome, res.Err)
	}
}

func TestRenderProxy(t *testing.T) {
	needChromium(t)
	proxy := newSite(t)
	proxy.handle("/", func(w http.ResponseWriter, r *http.Request) {
		proxy.writeHTML(w, "<p>经代理渲染</p><script>document.body.append('脚本运行')</script>")
	})
	c := newCrawler(t, Options{Proxy: proxy.URL, PerHostDelay: -1, Retries: -1,
		Render: RenderOptions{Settle: 50 * time.Millisecond}})
	res := fetchOne(t, c, Request{URL: "http://far.example/page", Render: true})
	if res.Outcome != OutcomeOK || !strings.Contains(res.Page.Text, "经代理渲染") || !strings.Contains(res.Page.Text, "脚本运行") {
		t.Fatalf("outcome %s: %v; text %q", res.Outcome, res.Err, res.Page)
	}
	var paths []string
	for _, h := range proxy.hitsOf("far.example") {
		paths = append(paths, h.path)
	}
	if len(paths) != 2 || paths[0] != "/robots.txt" || paths[1] != "/page" {
		t.Errorf("proxy saw %q (robots.txt by the static engine, the page by the browser)", paths)
	}
}

// TestRenderDialogs: pages whose offer is only in an alert(), confirm()
// or prompt(), a page that opens dialogs in a loop, and one with a
// beforeunload handler are rendered (not timed out), every dialog is
// dismissed, and what the dialogs said is part of the page's text.
func TestRenderDialogs(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	page := func(path, script string) {
		s.html(path, `<!doctype html><html><head><meta charset="utf-8"><title>弹窗</title></head><body><p>首页</p><script>`+script+`</script></body></html>`)
	}
	page("/alert", `alert("安全员C证 包过 微信 abc123");`)
	page("/confirm", `var ok = confirm("特种作业操作证 不用考试？"); document.body.append(ok ? "答复：确定" : "答复：取消");`)
	page("/prompt", `var v = prompt("请输入微信号 zhengshu888", "默认"); document.body.append("答复：" + v);`)
	page("/loop", `for (var i = 0; i < 50; i++) { alert("第" + i + "次"); } document.body.append("循环结束");`)
	// Chromium shows a beforeunload dialog only after a user gesture, which
	// a crawl never makes; the page must render all the same.
	page("/beforeunload", `window.addEventListener("beforeunload", function (e) { e.preventDefault(); e.returnValue = "确定离开？"; return "确定离开？"; });
location.href = "/after";`)
	s.html("/after", `<!doctype html><html><head><meta charset="utf-8"><title>之后</title></head><body><p>离开后的页面</p></body></html>`)
	c := newCrawler(t, s.options("dialog.example"))

	for _, tc := range []struct {
		path    string
		want    []string // in Page.Text
		dialogs int      // -1: any
	}{
		{"/alert", []string{"首页", "【网页弹窗·提示框】安全员C证 包过 微信 abc123"}, 1},
		{"/confirm", []string{"【网页弹窗·确认框】特种作业操作证 不用考试？", "答复：取消"}, 1},
		{"/prompt", []string{"【网页弹窗·输入框】请输入微信号 zhengshu888", "答复：null"}, 1},
		{"/loop", []string{"循环结束", "【网页弹窗·提示框】第0次", "【网页弹窗·提示框】第19次"}, maxDialogs},
		{"/beforeunload", nil, -1},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res := fetchOne(t, c, Request{URL: "http://dialog.example" + tc.path, Render: true})
			if res.Outcome != OutcomeOK {
				t.Fatalf("outcome %s: %v", res.Outcome, res.Err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Page.Text, w) {
					t.Errorf("Page.Text lacks %q:\n%s", w, res.Page.Text)
				}
			}
			if tc.dialogs >= 0 && len(res.Dialogs) != tc.dialogs {
				t.Errorf("%d dialogs recorded, want %d: %q", len(res.Dialogs), tc.dialogs, res.Dialogs)
			}
		})
	}
}

// TestEvidenceWhileRunWaits: an evidence render completes while Run's
// finished results wait for a reader that is busy (a sweep's handler
// waiting for the screenshot) and every Run slot is taken; it keeps the
// host's delay and takes the screenshot with images.
func TestEvidenceWhileRunWaits(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	s.html("/search", jsMarket)
	for i := range 6 {
		s.html(fmt.Sprintf("/p/%d", i), "<p>页面</p>")
	}
	const delay = 200 * time.Millisecond
	opts := s.options("ev.example")
	opts.Parallel = 2
	opts.PerHostParallel = 2
	opts.PerHostDelay = delay
	c := newCrawler(t, opts)
	in := make(chan Request)
	out := make(chan *Result)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.Run(ctx, in, out)
	for i := range 6 {
		in <- Request{URL: fmt.Sprintf("http://ev.example/p/%d", i)}
	}
	// Nobody reads out: once two pages are done, both of Run's slots
	// wait on their delivery.
	deadline := time.Now().Add(10 * time.Second)
	for s.count("/p/1") == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	// The premise: a request through the queue now waits for a slot.
	qctx, qcancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer qcancel()
	if q := c.Fetch(qctx, Request{URL: "http://ev.example/p/5?queued"}); q.Outcome != OutcomeTimeout || q.Attempts != 0 {
		t.Fatalf("a queued request while Run's slots wait: %s after %d attempts; the test proves nothing", q.Outcome, q.Attempts)
	}
	ectx, ecancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer ecancel()
	res := c.Evidence(ectx, Request{URL: "http://ev.example/search"})
	if res.Outcome != OutcomeOK || !res.Rendered || len(res.Screenshot) == 0 || s.count("/photo.png") != 1 {
		t.Fatalf("evidence: %s rendered %v, %d-byte screenshot, photo requested %d times: %v",
			res.Outcome, res.Rendered, len(res.Screenshot), s.count("/photo.png"), res.Err)
	}
	var prev, ev time.Time
	for _, h := range s.hitsOf("ev.example") {
		if h.path == "/search" {
			ev = h.at
			break
		}
		prev = h.at
	}
	if gap := ev.Sub(prev); gap < delay-20*time.Millisecond {
		t.Errorf("the evidence visit came %v after the host's previous request; its delay is %v", gap, delay)
	}
	close(in)
	cancel()
	for range out {
	}
}

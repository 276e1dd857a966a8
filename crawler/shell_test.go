package crawler

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/page"
)

// shellPage is a single-page app's document: navigation, an empty mount
// point and a script that fills it.
const shellPage = `<!doctype html><html><head><meta charset="utf-8"><title>应用</title></head>
<body><nav>首页 产品 关于我们</nav><div id="app"></div>
<script>document.getElementById("app").innerHTML = "<p>脚本生成的内容：安全员C证 包过</p>";</script></body></html>`

func TestNeedsRender(t *testing.T) {
	article := "<p>" + strings.Repeat("安全生产考核合格证书查询、特种作业操作证复审须知。", 60) + "</p>"
	nav := "<nav>" + strings.Repeat("首页 新闻 通知 ", 40) + "</nav>"
	for _, tc := range []struct {
		name    string
		body    string
		listing *ListingSelectors
		outcome Outcome
		want    bool
	}{
		{"empty mount point", shellPage, nil, OutcomeOK, true},
		{"mount point under navigation", nav + `<div id="root">  </div><script src="/app.js"></script>`, nil, OutcomeOK, true},
		{"angular app-root", `<app-root></app-root><script src="/main.js"></script>`, nil, OutcomeOK, true},
		{"noscript hint", `<h1>搜索</h1><div id="results"></div><noscript>请启用JavaScript</noscript><script>load()</script>`, nil, OutcomeOK, true},
		{"almost nothing but a script", `<p>加载中</p><script src="/x.js"></script>`, nil, OutcomeOK, true},
		{"no script at all", `<p>加载中</p><div id="app"></div>`, nil, OutcomeOK, false},
		{"article with analytics", article + `<script src="/stats.js"></script><noscript><img src="/px"></noscript>`, nil, OutcomeOK, false},
		{"filled mount point", nav + `<div id="app"><p>服务端渲染的内容</p></div><script src="/app.js"></script>`, nil, OutcomeOK, false},
		{"short page with a script", nav + `<p>联系电话 12345</p><script>var x = 1;</script>`, nil, OutcomeOK, false},
		{"self-closing mount", nav + `<div id="app"/><p>正文</p><script></script>`, nil, OutcomeOK, false},
		{"failed fetch", shellPage, nil, OutcomeHTTPError, false},
		{"listing selectors find nothing", article, &ListingSelectors{Item: ".item", Link: "a"}, OutcomeOK, true},
		{"listing selectors find listings", article + `<div class="item"><a href="/i/1">证书</a></div>`, &ListingSelectors{Item: ".item", Link: "a"}, OutcomeOK, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := &Result{Outcome: tc.outcome, Status: 200, Body: []byte(tc.body), FinalURL: "http://a.example/"}
			req := Request{URL: "http://a.example/", Listing: tc.listing}
			if tc.outcome == OutcomeOK {
				p, err := page.FromHTML(res.FinalURL, res.Body, "text/html; charset=utf-8")
				if err != nil {
					t.Fatal(err)
				}
				res.Page = p
				res.Request = req
				if tc.listing != nil {
					res.Listings, _ = extractListings(res.Body, "text/html; charset=utf-8", res.FinalURL, tc.listing)
				}
			}
			if got := NeedsRender(res); got != tc.want {
				t.Errorf("NeedsRender = %v, want %v (text %q)", got, tc.want, res.Page)
			}
		})
	}
}

// TestRenderAuto: a render: auto request keeps a plain page static and
// renders a script shell and an empty result page, the render waiting for
// the host's next turn; without a browser, the static fetch is kept and
// the failure said.
func TestRenderAuto(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	s.html("/plain", "<!doctype html><meta charset=utf-8><title>通知</title><p>"+strings.Repeat("考试安排通知。", 20)+"</p><script>var a = 1;</script>")
	s.html("/app", shellPage)
	s.html("/search", jsMarket)
	const delay = 300 * time.Millisecond
	opts := s.options("auto.example")
	opts.PerHostDelay = delay
	c := newCrawler(t, opts)

	plain := fetchOne(t, c, Request{URL: "http://auto.example/plain", RenderAuto: true})
	if plain.Outcome != OutcomeOK || plain.Rendered || !plain.Auto || plain.RenderErr != nil || s.count("/plain") != 1 {
		t.Errorf("plain page: %s rendered %v auto %v (%v), fetched %d times", plain.Outcome, plain.Rendered, plain.Auto, plain.RenderErr, s.count("/plain"))
	}
	app := fetchOne(t, c, Request{URL: "http://auto.example/app", RenderAuto: true})
	if app.Outcome != OutcomeOK || !app.Rendered || !app.Auto || !strings.Contains(app.Page.Text, "脚本生成的内容") {
		t.Fatalf("shell: %s rendered %v auto %v: %v; text %q", app.Outcome, app.Rendered, app.Auto, app.Err, app.Page)
	}
	if hits := s.hitsOf("auto.example"); len(hits) < 2 {
		t.Fatalf("hits %v", hits)
	} else {
		var appHits []hit
		for _, h := range hits {
			if h.path == "/app" {
				appHits = append(appHits, h)
			}
		}
		if len(appHits) != 2 {
			t.Fatalf("/app fetched %d times, want 2 (static, then the browser)", len(appHits))
		}
		if gap := appHits[1].at.Sub(appHits[0].at); gap < delay-20*time.Millisecond {
			t.Errorf("the render came %v after the static fetch; the host's delay is %v", gap, delay)
		}
		if ua := appHits[1].header.Get("User-Agent"); ua != DefaultUserAgent {
			t.Errorf("the render's User-Agent %q", ua)
		}
	}
	market := fetchOne(t, c, Request{URL: "http://auto.example/search", RenderAuto: true, Listing: marketSelectors})
	if market.Outcome != OutcomeOK || !market.Rendered || len(market.Listings) != 2 {
		t.Errorf("result page: %s rendered %v, %d listings: %v", market.Outcome, market.Rendered, len(market.Listings), market.Err)
	}
	st := c.Stats()
	if st.AutoStatic != 1 || st.AutoRendered != 2 || st.RenderFallbacks != 0 || st.Rendered != 2 || st.Fetched != 3 {
		t.Errorf("stats %+v: want 1 static, 2 rendered, 3 fetched", st)
	}

	// Without a browser the static fetch stands, and says why.
	opts.Render.Chromium = "/nonexistent/chromium"
	opts.PerHostDelay = -1
	broken := newCrawler(t, opts)
	res := fetchOne(t, broken, Request{URL: "http://auto.example/app", RenderAuto: true})
	if res.Outcome != OutcomeOK || res.Rendered || res.RenderErr == nil || !strings.Contains(res.RenderErr.Error(), "nonexistent") {
		t.Errorf("no browser: %s rendered %v, RenderErr %v", res.Outcome, res.Rendered, res.RenderErr)
	}
	if st := broken.Stats(); st.RenderFallbacks != 1 || st.Fetched != 1 {
		t.Errorf("no browser: stats %+v", st)
	}
}

// TestRenderAutoRetries: the render of an auto page has retries of its
// own (a 503 on the render is retried), and a static failure is final.
func TestRenderAutoRetries(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	calls := 0
	s.handle("/flaky", func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 2 { // the first render
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(shellPage))
	})
	s.handle("/gone", http.NotFound)
	opts := s.options("retry.example")
	opts.Retries = 1
	c := newCrawler(t, opts)
	res := fetchOne(t, c, Request{URL: "http://retry.example/flaky", RenderAuto: true})
	if res.Outcome != OutcomeOK || !res.Rendered || res.Attempts != 3 || calls != 3 {
		t.Errorf("flaky shell: %s rendered %v after %d attempts (%d calls): %v", res.Outcome, res.Rendered, res.Attempts, calls, res.Err)
	}
	gone := fetchOne(t, c, Request{URL: "http://retry.example/gone", RenderAuto: true})
	if gone.Outcome != OutcomeHTTPError || gone.Rendered || s.count("/gone") != 1 {
		t.Errorf("404: %s rendered %v, fetched %d times", gone.Outcome, gone.Rendered, s.count("/gone"))
	}
}

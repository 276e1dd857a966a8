package sweep

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/certwatch/certwatch/config"
)

// costHost is the name the cost site is reached by (resolved to the
// local server; nothing leaves the machine).
const costHost = "cost.example"

// costFanout is how many pages each cost-site page links down to.
const costFanout = 5

var costSentences = []string{
	"周末的早市总是很热闹，卖菜的摊主一大早就把新鲜的青菜摆得整整齐齐。",
	"这道菜做法不难，关键是火候要掌握好，出锅前再撒一把葱花。",
	"小区的健身器材前阵子刚换了新的，晚饭后常有邻居在这里聊天。",
	"天气转凉，早晚温差大，出门记得多带一件外套。",
	"公园里的银杏叶黄了，不少人专门赶来拍照。",
	"图书馆这个月推出了亲子阅读活动，报名的家长很多。",
	"沿着河边的绿道骑一圈大约二十公里，路上风景很好。",
}

// costPage renders page i of n: about 2.5 KB of everyday text, links to
// its children and the next page, and on every offerEvery-th page an
// offer of certificates without examination (a finding).
func costPage(i, n, offerEvery int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>生活资讯 第%d期</title></head>\n<body><p><a href=\"/\">首页</a></p><h1>生活资讯 第%d期</h1>\n", i, i)
	for p := range 4 {
		b.WriteString("<p>")
		for k := range 5 {
			b.WriteString(costSentences[(i+p*5+k)%len(costSentences)])
		}
		b.WriteString("</p>\n")
	}
	if offerEvery > 0 && i%offerEvery == 0 {
		fmt.Fprintf(&b, "<p>低压电工证、焊工证、高处作业证，免考试，人不用到场，官网可查，半个月出证。加微信 zheng_%d 。</p>\n", i)
	}
	b.WriteString("<ul>\n")
	link := func(j int) {
		if j >= 1 && j <= n && j != i {
			fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">生活资讯 第%d期</a></li>\n", j, j)
		}
	}
	for c := costFanout*i + 1; c <= costFanout*i+costFanout; c++ {
		link(c)
	}
	link(i + 1)
	b.WriteString("</ul></body></html>\n")
	return []byte(b.String())
}

// costSite serves n generated pages (/p/1.html … /p/N.html, and the index
// / linking to the first ones) on 127.0.0.1, without politeness. hits
// counts page requests (robots.txt apart), pageHits each page's (the
// index at 0).
type costSite struct {
	*httptest.Server
	hits     atomic.Int64
	pageHits []atomic.Int64
}

func newCostSite(tb testing.TB, n, offerEvery int) *costSite {
	tb.Helper()
	s := &costSite{pageHits: make([]atomic.Int64, n+1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "User-agent: *\nAllow: /")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.pageHits[0].Add(1)
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>生活资讯网</title></head><body><ul>")
		for i := 1; i <= min(costFanout, n); i++ {
			fmt.Fprintf(&b, "<li><a href=\"/p/%d.html\">第%d期</a></li>", i, i)
		}
		b.WriteString("</ul></body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, b.String())
	})
	mux.HandleFunc("GET /p/{page}", func(w http.ResponseWriter, r *http.Request) {
		num, ok := strings.CutSuffix(r.PathValue("page"), ".html")
		i, err := strconv.Atoi(num)
		if !ok || err != nil || i < 1 || i > n {
			http.NotFound(w, r)
			return
		}
		s.hits.Add(1)
		s.pageHits[i].Add(1)
		body := costPage(i, n, offerEvery)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	})
	s.Server = httptest.NewServer(mux)
	tb.Cleanup(s.Close)
	return s
}

// costConfig writes a sweep configuration for the cost site into dir.
func costConfig(tb testing.TB, dir string, site *costSite, n, parallel int) *config.Config {
	tb.Helper()
	_, port, _ := net.SplitHostPort(site.Listener.Addr().String())
	y := fmt.Sprintf(`database: %s
resolve_only: true
resolve:
  %s: 127.0.0.1:%s
allow_internal: [%s]
limits: {per_host_delay: 0s, per_host_parallel: %d, parallel: %d, timeout: 10s, retries: 0}
sources:
  - {id: cost, type: site, start: ["http://%s/"], depth: 20, max_pages: %d}
`, filepath.Join(dir, "cost.db"), costHost, port, costHost, parallel, parallel, costHost, n+1)
	path := filepath.Join(dir, "cost.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// costURL is the URL of page i of the cost site (the index for 0).
func costURL(i int) string {
	if i == 0 {
		return "http://" + costHost + "/"
	}
	return fmt.Sprintf("http://%s/p/%d.html", costHost, i)
}

// costLinks are the pages page i links to (the index: the first pages).
func costLinks(i, n int) []int {
	var out []int
	if i == 0 {
		for j := 1; j <= min(costFanout, n); j++ {
			out = append(out, j)
		}
		return out
	}
	for _, j := range []int{costFanout*i + 1, costFanout*i + 2, costFanout*i + 3, costFanout*i + 4, costFanout*i + 5, i + 1} {
		if j <= n {
			out = append(out, j)
		}
	}
	return out
}

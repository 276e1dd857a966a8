package review_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// srCases records the cases the search tests look for: two of one seller
// (WeChat zs-88) on two hosts, a third on the first seller's host, a
// marketplace listing seen on two sources, and one unrelated case.
type srCases struct{ a, b, c, l1, l2, other uint64 }

func srRecord(t *testing.T, e *htEnv) srCases {
	t.Helper()
	rec := func(p htPage, wx string) uint64 {
		t.Helper()
		if wx != "" {
			p.Contacts = []matcher.Contact{htContact(t, "text", p.Text, wx, "wechat", wx)}
			p.Link = []store.CaseContact{{Kind: "wechat", Value: wx}}
		}
		return e.htRecord(p).CaseID
	}
	var s srCases
	s.a = rec(htPage{URL: "http://bbs.example/t/1", Title: "出售安全员证", Text: "安全员证代办，无需考试，微信 zs-88", Score: 6}, "zs-88")
	e.clock.Add(time.Minute)
	s.b = rec(htPage{URL: "http://shop.example/item/2", Title: "电工证", Text: "电工证出售，加微信 zs-88 详聊", Score: 8}, "zs-88")
	s.c = rec(htPage{URL: "http://bbs.example/t/3", Title: "培训通知", Text: "安全员 培训考试通知", Score: 3}, "")
	s.l1 = rec(htPage{URL: "http://m.example/p?id=77", Key: "listing:m:77", Title: "焊工证", Text: "焊工证 加急 办理", Score: 5}, "")
	s.l2 = rec(htPage{URL: "http://n.example/77", Key: "listing:n:77", Title: "焊工证", Text: "焊工证 快速 办理", Score: 4}, "")
	s.other = rec(htPage{URL: "http://x.example/9", Title: "高处作业证", Text: "高处作业证代办 QQ 2233445566", Score: 7}, "")
	return s
}

// srRows are the case ids of a search page's rows, in order.
func srRows(doc *goquery.Document) []string {
	var out []string
	doc.Find("#search-results tbody tr[data-case]").Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.AttrOr("data-case", ""))
	})
	return out
}

// TestSearchPage: the search page finds cases by Chinese substrings and
// ANDed words, title hits first; the API answers the same; bad queries
// get a Chinese message and 400; the top navigation has a search box.
func TestSearchPage(t *testing.T) {
	e := htNew(t)
	s := srRecord(t, e)
	c := e.htLogin("cac")
	for _, tc := range []struct {
		q    string
		want []uint64
	}{
		{"安全员证", []uint64{s.a}},
		{"安全员", []uint64{s.a, s.c}},    // a has it in its title
		{"代办", []uint64{s.other, s.a}}, // by score
		{"焊工证 快速", []uint64{s.l2}},
		{"ZS-88", []uint64{s.b, s.a}},
		{"shop", []uint64{s.b}},
		{"无此内容", nil},
	} {
		doc := c.htDoc("/search?q="+url.QueryEscape(tc.q), http.StatusOK)
		if got := srRows(doc); !slices.Equal(got, htIDs(tc.want...)) {
			t.Errorf("search %q: rows %v, want %v", tc.q, got, htIDs(tc.want...))
		}
		if got := doc.Find("#search-q").AttrOr("value", ""); got != tc.q {
			t.Errorf("search %q: the box holds %q", tc.q, got)
		}
		if !strings.Contains(doc.Find("#search-pager").Text(), fmt.Sprintf("共 %d 件", len(tc.want))) {
			t.Errorf("search %q: pager %q", tc.q, doc.Find("#search-pager").Text())
		}
	}

	var api struct {
		Total int `json:"total"`
		Cases []struct {
			ID   uint64 `json:"id"`
			Host string `json:"Host"`
		} `json:"cases"`
	}
	resp, body := c.htGet("/api/search?q=" + url.QueryEscape("安全员"))
	htExpect(t, "api search", resp, body, http.StatusOK, "")
	htJSON(t, body, &api)
	if api.Total != 2 || len(api.Cases) != 2 || api.Cases[0].ID != s.a || api.Cases[1].ID != s.c {
		t.Errorf("api search: %s", htClip(body))
	}

	for _, bad := range []struct{ q, msg string }{
		{strings.Repeat("证", 101), "最多 100 个字"},
		{"证", "至少两个连续汉字"},
		{"，。", "至少两个连续汉字"},
	} {
		resp, body := c.htGet("/search?q=" + url.QueryEscape(bad.q))
		htExpect(t, "bad search "+bad.q, resp, body, http.StatusBadRequest, "")
		if msg := htParse(t, body).Find("#search-error").Text(); !strings.Contains(msg, bad.msg) {
			t.Errorf("search %.20q: message %q, want %q", bad.q, msg, bad.msg)
		}
		resp, body = c.htGet("/api/search?q=" + url.QueryEscape(bad.q))
		htExpect(t, "bad api search "+bad.q, resp, body, http.StatusBadRequest, "")
		if !strings.Contains(string(body), bad.msg) {
			t.Errorf("api search %.20q: %s", bad.q, htClip(body))
		}
	}
	resp, body = c.htGet("/search?pivot=" + url.QueryEscape("seller:x"))
	htExpect(t, "bad pivot", resp, body, http.StatusBadRequest, "")

	doc := c.htDoc("/cases", http.StatusOK)
	if doc.Find(`form[action="/search"] input#top-search[name=q]`).Length() != 1 {
		t.Error("the top navigation has no search box")
	}
	if resp, _ := e.htAnon().htGet("/api/search?q=" + url.QueryEscape("安全员")); resp.StatusCode == http.StatusOK {
		t.Error("an anonymous search answered 200")
	}
}

// TestCasePagePivots: a case page shows, next to its contact, host,
// listing id and content hash, a link to the cases sharing it with their
// count, and each link lists exactly those cases.
func TestCasePagePivots(t *testing.T) {
	e := htNew(t)
	s := srRecord(t, e)
	c := e.htLogin("cac")
	follow := func(doc *goquery.Document, sel string, count int, want ...uint64) {
		t.Helper()
		a := doc.Find(sel)
		if a.Length() != 1 {
			t.Fatalf("%s: %d links", sel, a.Length())
		}
		if got := a.AttrOr("data-count", ""); got != fmt.Sprint(count) || !strings.Contains(a.Text(), fmt.Sprintf("(%d)", count)) {
			t.Errorf("%s: count %s, text %q; want %d", sel, got, a.Text(), count)
		}
		res := c.htDoc(a.AttrOr("href", ""), http.StatusOK)
		got := srRows(res)
		slices.Sort(got)
		w := htIDs(want...)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s → %s: rows %v, want %v", sel, a.AttrOr("href", ""), got, w)
		}
	}
	doc := c.htDoc(fmt.Sprintf("/cases/%d", s.a), http.StatusOK)
	follow(doc, `#contacts a.pivot[data-pivot=contact]`, 2, s.a, s.b)
	if got := doc.Find(`#contacts a.pivot`).Text(); got != "同一联系方式的案件 (2)" {
		t.Errorf("contact pivot reads %q", got)
	}
	follow(doc, `#case-pivots a.pivot[data-pivot=host]`, 2, s.a, s.c)
	follow(doc, `#snapshots a.pivot[data-pivot=content]`, 1, s.a)
	if doc.Find(`a.pivot[data-pivot=listing]`).Length() != 0 {
		t.Error("a forum case shows a listing pivot")
	}
	res := c.htDoc(doc.Find(`#contacts a.pivot`).AttrOr("href", ""), http.StatusOK)
	if got := res.Find("#search-pivot").Text(); !strings.Contains(got, "微信 zs-88") {
		t.Errorf("the pivot page says %q", got)
	}

	doc = c.htDoc(fmt.Sprintf("/cases/%d", s.l1), http.StatusOK)
	follow(doc, `#case-pivots a.pivot[data-pivot=listing]`, 2, s.l1, s.l2)
	if doc.Find(`#contacts a.pivot`).Length() != 0 {
		t.Error("a case without contacts shows a contact pivot")
	}
	// A pivot and words together.
	resp, body := c.htGet("/search?pivot=" + url.QueryEscape("contact:wechat:zs-88") + "&q=" + url.QueryEscape("电工"))
	htExpect(t, "pivot and words", resp, body, http.StatusOK, "")
	if got := srRows(htParse(t, body)); !slices.Equal(got, htIDs(s.b)) {
		t.Errorf("pivot and words: rows %v, want %v", got, htIDs(s.b))
	}
}

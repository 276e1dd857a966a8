package review_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// qNoDecode is the store under the queue tests: it counts Cases, the
// call that decodes every case, which the queue must no longer make.
type qNoDecode struct {
	review.Store
	cases atomic.Int64
}

func (s *qNoDecode) Cases(f store.CaseFilter) ([]store.Case, error) {
	s.cases.Add(1)
	return s.Store.Cases(f)
}

// qWorld is a server with six cases of known score, host, source and
// times, over a store that counts Cases calls.
func qWorld(t *testing.T) (*htEnv, *qNoDecode, []uint64) {
	var wrapped *qNoDecode
	e := htNew(t, func(o *review.Options) {
		wrapped = &qNoDecode{Store: o.Store}
		o.Store = wrapped
	})
	day := func(d int) time.Time { return time.Date(2026, 3, d, 2, 0, 0, 0, time.UTC) }
	pages := []htPage{
		{URL: "https://tieba.example/p/1", Title: "一号", Score: 5, Source: "tieba", At: day(3)},
		{URL: "https://xianyu.example/i/2", Title: "二号", Score: 9, Source: "xianyu", At: day(1)},
		{URL: "https://bbs.example/t/3", Title: "三号", Score: 7, Source: "bbs", At: day(5)},
		{URL: "https://tieba.example/p/4", Title: "四号", Score: 6, Source: "tieba", At: day(2)},
		{URL: "https://xianyu.example/i/5", Title: "五号", Score: 8, Source: "xianyu", At: day(4)},
		{URL: "https://bbs.example/t/6", Title: "六号", Score: 6, Source: "bbs", At: day(6)},
	}
	ids := make([]uint64, len(pages))
	for i, p := range pages {
		ids[i] = e.htRecord(p).CaseID
	}
	return e, wrapped, ids
}

func TestQueueSortPageSizeAndBounds(t *testing.T) {
	e, st, c := qWorld(t)
	cl := e.htLogin("cac")
	for _, tc := range []struct {
		query string
		want  []uint64
	}{
		{"", []uint64{c[1], c[4], c[2], c[3], c[5], c[0]}}, // score, highest first, ties by id
		{"order=asc", []uint64{c[0], c[3], c[5], c[2], c[4], c[1]}},
		{"sort=first_seen", []uint64{c[5], c[2], c[4], c[0], c[3], c[1]}},
		{"sort=first_seen&order=asc", []uint64{c[1], c[3], c[0], c[4], c[2], c[5]}},
		{"sort=host&order=asc", []uint64{c[2], c[5], c[0], c[3], c[1], c[4]}},
		{"sort=last_seen&size=2", []uint64{c[5], c[2]}},
		{"sort=last_seen&size=2&page=3", []uint64{c[3], c[1]}},
		{"sort=last_seen&size=2&page=9", []uint64{c[3], c[1]}}, // past the end: the last page
		{"min=6&max=8", []uint64{c[4], c[2], c[3], c[5]}},
		{"host=XIANYU.example", []uint64{c[1], c[4]}},
		{"host=tieba.example&sort=first_seen&order=asc", []uint64{c[3], c[0]}},
	} {
		doc := cl.htDoc("/cases?"+tc.query, http.StatusOK)
		if got, want := htRowIDs(doc), htIDs(tc.want...); !slices.Equal(got, want) {
			t.Errorf("/cases?%s rows = %v, want %v", tc.query, got, want)
		}
	}
	// The controls keep the current choice, and paging keeps them.
	doc := cl.htDoc("/cases?sort=host&order=asc&size=2", http.StatusOK)
	sel := func(id string) string { return doc.Find(id+` option[selected]`).AttrOr("value", "") }
	if sel("#sort") != "host" || sel("#order") != "asc" || sel("#page-size") != "2" {
		t.Errorf("controls: sort %q order %q size %q", sel("#sort"), sel("#order"), sel("#page-size"))
	}
	if names := htTexts(doc, "#sort option"); !slices.Equal(names, []string{"得分", "首次发现时间", "最近发现时间", "网站", "状态"}) {
		t.Errorf("sort options = %v", names)
	}
	if !strings.Contains(doc.Find(".pager").Text(), "共 6 件，第 1 / 3 页") {
		t.Errorf("pager = %q", doc.Find(".pager").Text())
	}
	next, _ := url.Parse(doc.Find(".pager a").Last().AttrOr("href", ""))
	if q := next.Query(); q.Get("page") != "2" || q.Get("size") != "2" || q.Get("sort") != "host" || q.Get("order") != "asc" {
		t.Errorf("next page link %q drops the order or the page size", next)
	}
	// Bounds, answered with a Chinese reason.
	for q, msg := range map[string]string{
		"size=201": "每页条数须在 1 到 200 之间", "size=0": "每页条数", "size=x": "每页条数",
		"sort=title": "排序方式无效", "order=up": "排序方向无效", "min=abc": "得分范围须为数字",
		"host=" + strings.Repeat("h", 300): "网站名称过长",
	} {
		resp, body := cl.htGet("/cases?" + q)
		htExpect(t, "GET /cases?"+q, resp, body, http.StatusBadRequest, "")
		if got := htErrorMessage(t, body); !strings.Contains(got, msg) {
			t.Errorf("/cases?%.40s: message %q, want %q", q, got, msg)
		}
		resp, body = cl.htGet("/api/cases?" + q)
		htExpect(t, "GET /api/cases?"+q, resp, body, http.StatusBadRequest, "")
	}
	// The API pages, sorts and sizes the same way.
	resp, body := cl.htGet("/api/cases?sort=first_seen&order=asc&size=4&page=2&status=")
	htExpect(t, "GET /api/cases", resp, body, http.StatusOK, "")
	var api struct {
		Total    int    `json:"total"`
		PageSize int    `json:"page_size"`
		Sort     string `json:"sort"`
		Order    string `json:"order"`
		Counts   map[string]int
		Cases    []struct {
			ID             uint64 `json:"id"`
			SuggestedRoute string
		} `json:"cases"`
	}
	htJSON(t, body, &api)
	if api.Total != 6 || api.PageSize != 4 || api.Sort != "first_seen" || api.Order != "asc" || len(api.Cases) != 2 ||
		api.Cases[0].ID != c[2] || api.Cases[1].ID != c[5] || api.Counts["open"] != 6 || api.Cases[0].SuggestedRoute != "takedown_cac" {
		t.Errorf("API = %+v", api)
	}
	// A decision moves the case between tabs at once.
	if _, _, err := e.st.Decide(store.Decision{CaseID: c[1], Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "cac"}); err != nil {
		t.Fatal(err)
	}
	doc = cl.htDoc("/cases", http.StatusOK)
	if got := htTabCounts(doc); got["open"] != "5" || got["dismissed"] != "1" || got[""] != "6" {
		t.Errorf("tab counts after a dismissal = %v", got)
	}
	if n := st.cases.Load(); n != 0 {
		t.Errorf("the queue and /api/cases called Cases (decoding every case) %d times", n)
	}
}

func TestQueueSavedFilters(t *testing.T) {
	e, _, c := qWorld(t)
	cl := e.htLogin("cac")
	resp, body := cl.htPost("/cases/filters", url.Values{"name": {"贴吧高分"}, "query": {"source=tieba&min=5.5&sort=first_seen&page=3"}})
	htExpect(t, "save a filter", resp, body, http.StatusSeeOther, "/cases?min=5.5&sort=first_seen&source=tieba&ok=filtersaved")

	doc := cl.htDoc("/cases", http.StatusOK)
	link := doc.Find(`#saved-filters .saved-filter a`)
	if link.Length() != 1 || strings.TrimSpace(link.Text()) != "贴吧高分" {
		t.Fatalf("saved filters shown: %q", doc.Find("#saved-filters").Text())
	}
	href := link.AttrOr("href", "")
	doc = cl.htDoc(href, http.StatusOK)
	if got, want := htRowIDs(doc), htIDs(c[3]); !slices.Equal(got, want) {
		t.Errorf("applying %s: rows %v, want %v", href, got, want)
	}
	// The save form carries the current view, without its page.
	doc = cl.htDoc("/cases?source=bbs&page=1&size=20", http.StatusOK)
	if q := doc.Find(`#save-filter input[name=query]`).AttrOr("value", ""); q != "size=20&source=bbs" {
		t.Errorf("save form query = %q", q)
	}
	// Someone else's list is their own.
	other := e.htLogin("samr")
	if n := other.htDoc("/cases", http.StatusOK).Find(`#saved-filters .saved-filter`).Length(); n != 0 {
		t.Errorf("samr sees %d of cac's saved filters", n)
	}
	resp, body = other.htGet("/api/cases/filters")
	htExpect(t, "GET /api/cases/filters", resp, body, http.StatusOK, "")
	if strings.Contains(string(body), "贴吧高分") {
		t.Errorf("samr's API lists cac's filter: %s", body)
	}
	// Bounds.
	for _, tc := range []struct{ name, msg string }{
		{"", "请填写名称"}, {strings.Repeat("名", 65), "不超过 64 个字"},
	} {
		resp, body := cl.htPost("/cases/filters", url.Values{"name": {tc.name}, "query": {"status="}})
		htExpect(t, "save a bad filter", resp, body, http.StatusBadRequest, "")
		if got := htErrorMessage(t, body); !strings.Contains(got, tc.msg) {
			t.Errorf("name of %d characters: %q, want %q", len([]rune(tc.name)), got, tc.msg)
		}
	}
	for i := 1; i < store.MaxSavedFilters; i++ {
		resp, body := cl.htPost("/cases/filters", url.Values{"name": {fmt.Sprintf("筛选 %02d", i)}, "query": {"status="}})
		htExpect(t, "save a filter", resp, body, http.StatusSeeOther, "")
	}
	resp, body = cl.htPost("/cases/filters", url.Values{"name": {"再多一个"}, "query": {"status="}})
	htExpect(t, "save one too many", resp, body, http.StatusBadRequest, "")
	if got := htErrorMessage(t, body); !strings.Contains(got, "最多保存 50 个") {
		t.Errorf("51st filter: %q", got)
	}
	// Delete, once.
	resp, body = cl.htPost("/cases/filters/delete", url.Values{"name": {"贴吧高分"}, "back": {"?status=open"}})
	htExpect(t, "delete a filter", resp, body, http.StatusSeeOther, "/cases?status=open&ok=filterdeleted")
	if strings.Contains(cl.htDoc("/cases", http.StatusOK).Find("#saved-filters").Text(), "贴吧高分") {
		t.Error("the deleted filter is still listed")
	}
	resp, body = cl.htPost("/cases/filters/delete", url.Values{"name": {"贴吧高分"}})
	htExpect(t, "delete it again", resp, body, http.StatusNotFound, "")
	// Without the CSRF token nothing is saved.
	resp, body = cl.htPostRaw("/cases/filters", url.Values{"name": {"无令牌"}, "query": {"status="}}, nil)
	htExpect(t, "save without CSRF", resp, body, http.StatusForbidden, "")
}

package review_test

// Handler tests: the pages and the JSON API through net/http/httptest,
// asserted on the parsed HTML (goquery) and on the store.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

func TestHandlerLoginPage(t *testing.T) {
	e := htNew(t)
	c := e.htAnon()
	resp, body := c.htGet("/login")
	htExpect(t, "GET /login", resp, body, http.StatusOK, "")
	doc := htParse(t, body)
	tok := doc.Find(`#login-form input[name=csrf]`).AttrOr("value", "")
	if len(tok) < 32 {
		t.Fatalf("login csrf field = %q, want a random token", tok)
	}
	if got := doc.Find(`#login-form`).AttrOr("action", ""); got != "/login" {
		t.Errorf("login form action = %q", got)
	}
	if doc.Find(`#login-form input[name=user]`).Length() != 1 || doc.Find(`#login-form input[name=password][type=password]`).Length() != 1 {
		t.Error("login form lacks the user or password field")
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "certwatch_login" {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatalf("GET /login set no certwatch_login cookie: %v", resp.Header["Set-Cookie"])
	}
	if cookie.Value != tok {
		t.Errorf("login cookie %q differs from the form's csrf field %q (double submit)", cookie.Value, tok)
	}
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" || cookie.MaxAge <= 0 {
		t.Errorf("login cookie = %+v, want HttpOnly, SameSite=Strict, Path=/, a lifetime", cookie)
	}
	// A second visit gets a fresh token.
	_, body2 := c.htGet("/login")
	if tok2 := htParse(t, body2).Find(`#login-form input[name=csrf]`).AttrOr("value", ""); tok2 == tok {
		t.Error("two login pages share one csrf token")
	}
	// next is carried in the form, made safe.
	for _, tc := range []struct{ next, want string }{
		{"/cases?status=confirmed", "/cases?status=confirmed"},
		{"//evil.example/x", "/"},
		{"https://evil.example/", "/"},
	} {
		_, b := c.htGet("/login?next=" + url.QueryEscape(tc.next))
		if got := htParse(t, b).Find(`#login-form input[name=next]`).AttrOr("value", ""); got != tc.want {
			t.Errorf("login page with next=%q: hidden next = %q, want %q", tc.next, got, tc.want)
		}
	}
}

// htBrowserTarget resolves a redirect's Location as a browser would: tabs
// and newlines are dropped, leading and trailing spaces and controls are
// trimmed and a backslash counts as a slash.
func htBrowserTarget(t *testing.T, base, loc string) *url.URL {
	t.Helper()
	loc = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return -1
		case '\\':
			return '/'
		}
		return r
	}, loc)
	loc = strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u, err := b.Parse(loc)
	if err != nil {
		t.Fatalf("Location %q does not parse: %v", loc, err)
	}
	return u
}

func TestHandlerLoginRedirect(t *testing.T) {
	e := htNew(t)
	base, _ := url.Parse(e.srv.URL)
	for _, tc := range []struct {
		name, next, want string // want: the exact Location, when it is fixed
	}{
		{"no next", "", "/"},
		{"local page", "/cases/7", "/cases/7"},
		{"local page with query", "/cases?status=dismissed&source=tieba", "/cases?status=dismissed&source=tieba"},
		{"scheme-relative", "//evil.example", "/"},
		{"scheme-relative path", "//evil.example/cases", "/"},
		{"absolute", "https://evil.example", "/"},
		{"absolute http", "http://evil.example/login", "/"},
		{"backslash", `/\evil.example`, "/"},
		{"backslashes", `/\\evil.example`, "/"},
		{"tab between slashes", "/\t/evil.example", "/"},
		{"newline between slashes", "/\n/evil.example", "/"},
		{"backslash later", `/.\/evil.example`, "/"},
		{"javascript", "javascript:alert(1)", "/"},
		{"relative", "evil.example", "/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.htAnon()
			resp, body := c.htSignIn("cac", htPassword, tc.next)
			htExpect(t, "login", resp, body, http.StatusSeeOther, "")
			loc := resp.Header.Get("Location")
			if tc.want != "" && loc != tc.want {
				t.Errorf("Location = %q, want %q", loc, tc.want)
			}
			if u := htBrowserTarget(t, e.srv.URL, loc); u.Host != base.Host || u.Scheme != base.Scheme {
				t.Errorf("next=%q redirects off-site: Location %q → %s", tc.next, loc, u)
			}
		})
	}
}

func TestHandlerLoginFailure(t *testing.T) {
	e := htNew(t)
	for _, tc := range []struct{ name, user, password string }{
		{"wrong password", "cac", "not-the-password"},
		{"no such user", "nobody", htPassword},
		{"empty password", "cac", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.htAnon()
			resp, body := c.htSignIn(tc.user, tc.password, "/cases")
			htExpect(t, "login", resp, body, http.StatusUnauthorized, "")
			doc := htParse(t, body)
			if got := strings.TrimSpace(doc.Find("#login-error").Text()); got != "用户名或密码错误，或账户已停用。" {
				t.Errorf("login error = %q", got)
			}
			if got := doc.Find(`#login-form input[name=user]`).AttrOr("value", ""); got != tc.user {
				t.Errorf("user field = %q, want %q kept", got, tc.user)
			}
			if got := doc.Find(`#login-form input[name=next]`).AttrOr("value", ""); got != "/cases" {
				t.Errorf("next field = %q, want /cases kept", got)
			}
			if doc.Find(`#login-form input[name=csrf]`).AttrOr("value", "") == "" {
				t.Error("the error page has no fresh csrf token")
			}
			for _, ck := range resp.Cookies() {
				if ck.Name == "certwatch_session" && ck.Value != "" {
					t.Errorf("a failed login set a session cookie")
				}
			}
			if r, _ := c.htGet("/api/me"); r.StatusCode != http.StatusUnauthorized {
				t.Errorf("after a failed login /api/me = %d, want 401", r.StatusCode)
			}
		})
	}
	entries, err := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil {
		t.Fatal(err)
	}
	// The first failure of each account from an address is audited at
	// once; cac's second waits in its burst until the burst closes.
	if len(entries) != 2 {
		t.Errorf("%d login.failed audit entries, want 2", len(entries))
	}
	e.clock.Add(16 * time.Minute)
	e.htAnon().htGet("/login")
	entries, err = e.st.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed.repeated"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Object != "user:cac" || !strings.HasPrefix(entries[0].Detail, "1 more failed sign-ins for cac from 127.0.0.1") {
		t.Errorf("after the burst closed: %+v, want one entry for cac's second failure", entries)
	}
}

// htQueueWorld: five cases over two sweeps.
//
//	c1 score 5 cert_sale   tieba  takedown_cac    03-01 sweep 1 (seen again in 2) open
//	c2 score 9 exam_fraud  xianyu takedown_samr   03-05 04:00 Beijing (03-04 UTC) sweep 1 open
//	c3 score 7 cert_sale   xianyu police_referral 03-09 sweep 2 open
//	c4 score 8 exam_fraud  tieba  takedown_cac    03-09 sweep 2 dismissed
//	c5 score 6 cert_sale   tieba  takedown_cac    03-02 sweep 1 confirmed
func htQueueWorld(t *testing.T) (*htEnv, [6]uint64) {
	e := htNew(t)
	var c [6]uint64
	s1 := e.htSweep()
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	c[1] = e.htRecord(htPage{URL: "https://tieba.example/p/1", Title: "一号", Score: 5, Category: "cert_sale", Source: "tieba", Route: casework.RouteTakedownCAC, At: day(1, 2), Sweep: s1}).CaseID
	c[2] = e.htRecord(htPage{URL: "https://xianyu.example/i/2", Title: "二号", Score: 9, Category: "exam_fraud", Source: "xianyu", Route: casework.RouteTakedownSAMR, At: day(4, 20), Sweep: s1}).CaseID
	c[5] = e.htRecord(htPage{URL: "https://tieba.example/p/5", Title: "五号", Score: 6, Category: "cert_sale", Source: "tieba", Route: casework.RouteTakedownCAC, At: day(2, 2), Sweep: s1}).CaseID
	s2 := e.htSweep()
	c[3] = e.htRecord(htPage{URL: "https://xianyu.example/i/3", Title: "三号", Score: 7, Category: "cert_sale", Source: "xianyu", Route: casework.RoutePoliceReferral, At: day(9, 2), Sweep: s2}).CaseID
	c[4] = e.htRecord(htPage{URL: "https://tieba.example/p/4", Title: "四号", Score: 8, Category: "exam_fraud", Source: "tieba", Route: casework.RouteTakedownCAC, At: day(9, 3), Sweep: s2}).CaseID
	if again := e.htRecord(htPage{URL: "https://tieba.example/p/1", Title: "一号", Score: 5, Category: "cert_sale", Source: "tieba", Route: casework.RouteTakedownCAC, At: day(9, 4), Sweep: s2}); again.NewCase || !again.NewSighting {
		t.Fatalf("second sighting of c1: %+v", again)
	}
	if _, _, err := e.st.Decide(store.Decision{CaseID: c[4], Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "cac"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.st.Decide(store.Decision{CaseID: c[5], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "tieba.example 网站运营者", By: "cac"}); err != nil {
		t.Fatal(err)
	}
	return e, c
}

func TestHandlerQueue(t *testing.T) {
	e, c := htQueueWorld(t)
	cl := e.htLogin("cac")

	doc := cl.htDoc("/cases", http.StatusOK)
	if got, want := htRowIDs(doc), htIDs(c[2], c[3], c[1]); !slices.Equal(got, want) {
		t.Errorf("queue rows = %v, want the open cases by score %v", got, want)
	}
	scores := htTexts(doc, "#case-table tbody tr td.num")
	if !slices.Equal(scores, []string{"9.0", "7.0", "5.0"}) {
		t.Errorf("queue scores = %v", scores)
	}
	if got := strings.TrimSpace(doc.Find(`#case-table tr[data-case="` + htID(c[2]) + `"] td.title a`).Text()); got != "二号" {
		t.Errorf("title of c2 = %q", got)
	}
	counts := htTabCounts(doc)
	if want := map[string]string{"": "5", "open": "3", "pending_approval": "0", "confirmed": "1", "dismissed": "1"}; !maps.Equal(counts, want) {
		t.Errorf("status tab counts = %v, want %v", counts, want)
	}
	if got := strings.TrimSpace(doc.Find(`#status-tabs a.on`).Text()); !strings.HasPrefix(got, "待审核") {
		t.Errorf("selected tab = %q, want 待审核", got)
	}
	if !strings.Contains(doc.Find(".pager").Text(), "共 3 件，第 1 / 1 页") {
		t.Errorf("pager = %q", doc.Find(".pager").Text())
	}
	if doc.Find(`#case-table tr[data-case="`+htID(c[3])+`"] .tag.new`).Length() != 1 ||
		doc.Find(`#case-table tr[data-case="`+htID(c[1])+`"] .tag.new`).Length() != 0 {
		t.Error("only c3 of the open cases was first seen in the latest sweep and should be tagged 新")
	}
	if doc.Find(`#batch input[name=case]`).Length() != 3 {
		t.Errorf("a reviewer's queue has %d batch boxes, want 3", doc.Find(`#batch input[name=case]`).Length())
	}

	for _, tc := range []struct {
		name, query string
		want        []uint64
		counts      map[string]string // tab counts under the other filters, when checked
	}{
		{"category", "category=cert_sale", []uint64{c[3], c[1]}, map[string]string{"": "3", "open": "2", "pending_approval": "0", "confirmed": "1", "dismissed": "0"}},
		{"source", "source=xianyu", []uint64{c[2], c[3]}, map[string]string{"": "2", "open": "2", "pending_approval": "0", "confirmed": "0", "dismissed": "0"}},
		{"suggested route", "route=police_referral", []uint64{c[3]}, nil},
		{"route over all statuses (chosen or suggested)", "route=takedown_cac&status=", []uint64{c[4], c[5], c[1]}, nil},
		{"route samr", "route=takedown_samr", []uint64{c[2]}, nil},
		{"status confirmed", "status=confirmed", []uint64{c[5]}, nil},
		{"status dismissed", "status=dismissed", []uint64{c[4]}, nil},
		{"status pending", "status=pending_approval", nil, nil},
		{"all statuses", "status=", []uint64{c[2], c[4], c[3], c[5], c[1]}, nil},
		{"from (Beijing dates)", "from=2026-03-05", []uint64{c[2], c[3]}, nil},
		{"to (inclusive, Beijing dates)", "to=2026-03-04", []uint64{c[1]}, nil},
		{"to over all statuses", "to=2026-03-05&status=", []uint64{c[2], c[5], c[1]}, nil},
		{"from and to", "from=2026-03-05&to=2026-03-05", []uint64{c[2]}, nil},
		{"new since the last sweep", "new=1", []uint64{c[3]}, map[string]string{"": "2", "open": "1", "pending_approval": "0", "confirmed": "0", "dismissed": "1"}},
		{"new over all statuses", "new=1&status=", []uint64{c[4], c[3]}, nil},
		{"combined", "source=tieba&category=exam_fraud&status=", []uint64{c[4]}, nil},
		{"nothing matches", "source=nowhere", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := cl.htDoc("/cases?"+tc.query, http.StatusOK)
			if got, want := htRowIDs(doc), htIDs(tc.want...); !slices.Equal(got, want) {
				t.Errorf("rows = %v, want %v", got, want)
			}
			if len(tc.want) == 0 && doc.Find("#case-table td.empty").Length() != 1 {
				t.Error("an empty queue shows no 没有符合条件的案件 row")
			}
			if tc.counts != nil {
				if got := htTabCounts(doc); !maps.Equal(got, tc.counts) {
					t.Errorf("tab counts = %v, want %v", got, tc.counts)
				}
			}
			// The API applies the same filter.
			resp, body := cl.htGet("/api/cases?" + tc.query)
			htExpect(t, "GET /api/cases", resp, body, http.StatusOK, "")
			var api struct {
				Total int `json:"total"`
				Cases []struct {
					ID uint64 `json:"id"`
				} `json:"cases"`
			}
			htJSON(t, body, &api)
			var ids []uint64
			for _, x := range api.Cases {
				ids = append(ids, x.ID)
			}
			if !slices.Equal(ids, tc.want) || api.Total != len(tc.want) {
				t.Errorf("API cases = %v (total %d), want %v", ids, api.Total, tc.want)
			}
		})
	}

	// The status tabs keep the other filters (and drop the flash code).
	doc = cl.htDoc("/cases?source=tieba&ok=batch", http.StatusOK)
	for _, tc := range []struct {
		sel, status string
		want        []uint64
	}{
		{`#status-tabs a[data-status=confirmed]`, "confirmed", []uint64{c[5]}},
		{`#status-tabs a[data-status=dismissed]`, "dismissed", []uint64{c[4]}},
		{`#status-tabs li:first-child a`, "", []uint64{c[4], c[5], c[1]}},
	} {
		href := doc.Find(tc.sel).AttrOr("href", "")
		u, err := url.Parse(href)
		if err != nil || u.Path != "/cases" {
			t.Errorf("tab %s → %q (%v)", tc.sel, href, err)
			continue
		}
		if q := u.Query(); q.Get("source") != "tieba" || q.Get("status") != tc.status || !q.Has("status") || q.Has("ok") {
			t.Errorf("tab %s → %q, want source=tieba, status=%q, no ok", tc.sel, href, tc.status)
		}
		if got, want := htRowIDs(cl.htDoc(href, http.StatusOK)), htIDs(tc.want...); !slices.Equal(got, want) {
			t.Errorf("tab %s (%s) lists %v, want %v", tc.sel, href, got, want)
		}
	}
	if got := doc.Find(`#batch input[name=back]`).AttrOr("value", ""); got != "?source=tieba" {
		t.Errorf("batch back = %q, want ?source=tieba", got)
	}

	// The filter form shows the filter.
	doc = cl.htDoc("/cases?category=exam_fraud&source=tieba&route=takedown_cac&from=2026-03-01&to=2026-03-09&new=1&status=", http.StatusOK)
	for sel, want := range map[string]string{
		`#filters select[name=category] option[selected]`: "exam_fraud",
		`#filters select[name=source] option[selected]`:   "tieba",
		`#filters select[name=route] option[selected]`:    "takedown_cac",
	} {
		if got := doc.Find(sel).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	if doc.Find(`#filters input[name=from]`).AttrOr("value", "") != "2026-03-01" || doc.Find(`#filters input[name=to]`).AttrOr("value", "") != "2026-03-09" ||
		doc.Find(`#filters input[name=new][checked]`).Length() != 1 {
		t.Error("the filter form does not show the dates or the 新发现 box")
	}
	if got := htTexts(doc, `#filters select[name=category] option`); !slices.Equal(got, []string{"全部", "制售、买卖假证", "考试作弊、代考"}) {
		t.Errorf("category options = %v", got)
	}
}

// htTabCounts reads the numbers of the status tabs ("" for 全部).
func htTabCounts(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find("#status-tabs li a").Each(func(i int, a *goquery.Selection) {
		n := strings.TrimSpace(a.Find("b").Text())
		if i == 0 {
			out[""] = n
		} else {
			out[a.AttrOr("data-status", "?")] = n
		}
	})
	return out
}

func TestHandlerQueuePaging(t *testing.T) {
	e := htNew(t)
	const n = 120
	ids := make([]uint64, n) // ids[i] has score n-i: the queue's order
	for i := range n {
		ids[i] = e.htRecord(htPage{URL: fmt.Sprintf("https://bulk.example/p/%d", i), Title: fmt.Sprintf("批量 %d", i),
			Score: float64(n - i), Body: []byte(fmt.Sprint(i))}).CaseID
	}
	cl := e.htLogin("analyst")
	for _, tc := range []struct {
		name, query string
		page        int // the page shown
		lo, hi      int // ids[lo:hi] are listed
		prev, next  bool
	}{
		{"first", "", 1, 0, 50, false, true},
		{"second", "page=2", 2, 50, 100, true, true},
		{"last", "page=3", 3, 100, 120, true, false},
		{"past the end shows the last", "page=99", 3, 100, 120, true, false},
		{"zero is the first", "page=0", 1, 0, 50, false, true},
		{"negative is the first", "page=-4", 1, 0, 50, false, true},
		{"garbage is the first", "page=abc", 1, 0, 50, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := cl.htDoc("/cases?"+tc.query, http.StatusOK)
			if got, want := htRowIDs(doc), htIDs(ids[tc.lo:tc.hi]...); !slices.Equal(got, want) {
				t.Errorf("rows = %v, want %v", got, want)
			}
			pager := doc.Find(".pager")
			if want := fmt.Sprintf("共 %d 件，第 %d / 3 页", n, tc.page); !strings.Contains(pager.Text(), want) {
				t.Errorf("pager %q lacks %q", pager.Text(), want)
			}
			links := map[string]string{}
			pager.Find("a").Each(func(_ int, a *goquery.Selection) { links[strings.TrimSpace(a.Text())] = a.AttrOr("href", "") })
			if _, ok := links["上一页"]; ok != tc.prev {
				t.Errorf("上一页 link present = %v, want %v", ok, tc.prev)
			}
			if _, ok := links["下一页"]; ok != tc.next {
				t.Errorf("下一页 link present = %v, want %v", ok, tc.next)
			}
			if href, ok := links["下一页"]; ok {
				u, err := url.Parse(href)
				if err != nil || u.Path != "/cases" || u.Query().Get("page") != fmt.Sprint(tc.page+1) {
					t.Errorf("下一页 → %q, want page %d", href, tc.page+1)
				}
			}
		})
	}
	// The filter survives paging.
	doc := cl.htDoc("/cases?source=tieba&page=1", http.StatusOK)
	href := doc.Find(".pager a").AttrOr("href", "")
	if u, err := url.Parse(href); err != nil || u.Query().Get("source") != "tieba" || u.Query().Get("page") != "2" {
		t.Errorf("next page link %q drops the filter", href)
	}
	// The API pages the same way.
	resp, body := cl.htGet("/api/cases?page=3")
	htExpect(t, "GET /api/cases?page=3", resp, body, http.StatusOK, "")
	var api struct {
		Total    int `json:"total"`
		Page     int `json:"page"`
		PageSize int `json:"page_size"`
		Cases    []struct {
			ID uint64 `json:"id"`
		} `json:"cases"`
	}
	htJSON(t, body, &api)
	if api.Total != n || api.Page != 3 || api.PageSize != 50 || len(api.Cases) != 20 || api.Cases[0].ID != ids[100] {
		t.Errorf("API page 3 = total %d page %d size %d, %d cases", api.Total, api.Page, api.PageSize, len(api.Cases))
	}
}

// htMark is one highlighted span as shown.
type htMark struct{ Text, Class, Term string }

func htMarks(doc *goquery.Document, sel string) []htMark {
	var out []htMark
	doc.Find(sel + " mark").Each(func(_ int, m *goquery.Selection) {
		out = append(out, htMark{m.Text(), m.AttrOr("class", ""), m.AttrOr("title", "")})
	})
	return out
}

func htSHA(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

var htPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")

func TestHandlerCasePage(t *testing.T) {
	e := htNew(t)
	title := "【包过】特种作业操作证 免考拿证"
	text := "电工证、焊工证，免考试，直接出证，官网可查。联系微信：zs-888888，电话 138 0013 8000。"
	matches := []matcher.Match{
		htSpan(t, "title", title, "包过", "term", "包过"),
		htSpan(t, "title", title, "特种作业操作证", "term", "特种作业操作证"),
		htSpan(t, "text", text, "免考试", "term", "免考试"),
		htSpan(t, "text", text, "直接出证", "pattern", "/直接.{0,2}出证/"),
		htSpan(t, "text", text, "出证，官网", "term", "overlaps the pattern: skipped"),
		htSpan(t, "text", text, "官网可查", "group", "官网可查"),
		{Field: "text", Start: 1, End: 4, Kind: "term", Term: "not on a UTF-8 boundary: skipped"},
		{Field: "text", Start: len(text) - 3, End: len(text) + 10, Kind: "term", Term: "out of range: skipped"},
		{Field: "text", Start: 9, End: 9, Kind: "term", Term: "empty: skipped"},
	}
	contacts := []matcher.Contact{
		htContact(t, "text", text, "zs-888888", "wechat", "zs888888"),
		htContact(t, "text", text, "138 0013 8000", "phone", "13800138000"),
	}
	hits := []matcher.RuleHit{
		{ID: "cert-sale-no-exam", Category: "cert_sale", Pack: e.pack.Version(), Route: casework.RouteTakedownCAC, Score: 8.5, Threshold: 6, Fired: true},
		{ID: "exam-fraud", Category: "exam_fraud", Pack: e.pack.Version(), Route: casework.RouteTakedownCAC, Score: 2, Threshold: 6},
	}
	reasons := []string{"达到阈值 6，建议：网信部门通知平台删除。规则 cert-sale-no-exam 得分 8.5", "规则 exam-fraud 得分 2"}
	page := htPage{URL: "https://www.shop.example/item/88", Title: title, Text: text, Score: 8.5, Matches: matches,
		Contacts: contacts, Rules: hits, Reasons: reasons, Body: []byte("<html>v1</html>")}
	s1 := e.htSweep()
	page.Sweep = s1
	r1 := e.htRecord(page)
	e.clock.Add(24 * time.Hour)
	s2 := e.htSweep()
	page.Sweep, page.Body, page.Screenshot = s2, []byte("<html>v2</html>"), htPNG
	r2 := e.htRecord(page)
	if !r2.NewSnapshot || r2.CaseID != r1.CaseID {
		t.Fatalf("second record: %+v", r2)
	}
	id := r1.CaseID

	cl := e.htLogin("cac")
	doc := cl.htDoc("/cases/"+htID(id), http.StatusOK)

	if got := strings.TrimSpace(doc.Find("#case-title").Text()); got != "案件 #"+htID(id)+"："+title {
		t.Errorf("case title = %q", got)
	}
	if got, want := htMarks(doc, "#case-title"), []htMark{{"包过", "m-term", "包过"}, {"特种作业操作证", "m-term", "特种作业操作证"}}; !slices.Equal(got, want) {
		t.Errorf("title marks = %q, want %q", got, want)
	}
	if got := doc.Find("#page-text").Text(); got != text {
		t.Errorf("page text = %q, want the text exactly", got)
	}
	wantMarks := []htMark{
		{"免考试", "m-term", "免考试"},
		{"直接出证", "m-pattern", "/直接.{0,2}出证/"},
		{"官网可查", "m-group", "官网可查"},
		{"zs-888888", "m-contact", "wechat"},
		{"138 0013 8000", "m-contact", "phone"},
	}
	if got := htMarks(doc, "#page-text"); !slices.Equal(got, wantMarks) {
		t.Errorf("text marks = %q, want %q", got, wantMarks)
	}
	// The marks sit exactly at the matched byte offsets.
	pos := 0
	var at []int
	doc.Find("#page-text").Contents().Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "mark" {
			at = append(at, pos)
		}
		pos += len(s.Text())
	})
	if want := []int{matches[2].Start, matches[3].Start, matches[5].Start, contacts[0].Start, contacts[1].Start}; !slices.Equal(at, want) {
		t.Errorf("marks start at bytes %v, want %v", at, want)
	}
	if got := strings.TrimSpace(doc.Find("#case-status").Text()); got != "待审核" {
		t.Errorf("status = %q", got)
	}
	if got := doc.Find("#case-score").Text(); got != "8.5" {
		t.Errorf("score = %q", got)
	}
	if got := doc.Find("#case-url").Text(); got != page.URL {
		t.Errorf("url = %q", got)
	}
	if a := doc.Find(`a[target=_blank][href="` + page.URL + `"]`); a.Length() != 1 || !strings.Contains(a.AttrOr("rel", ""), "noopener") ||
		!strings.Contains(a.AttrOr("rel", ""), "noreferrer") {
		t.Error("the crawled page's link is missing or lacks rel=noopener noreferrer")
	}
	if got := htTexts(doc, "#reasons li"); !slices.Equal(got, reasons) {
		t.Errorf("reasons = %q", got)
	}
	if got := htTexts(doc, "#contacts li"); !slices.Equal(got, []string{"微信：zs888888（原文 zs-888888）", "手机号：13800138000（原文 138 0013 8000）"}) {
		t.Errorf("contacts = %q", got)
	}
	rows := doc.Find("#rule-hits tbody tr")
	if rows.Length() != 2 {
		t.Fatalf("%d rule rows, want 2", rows.Length())
	}
	for i, h := range hits {
		row := rows.Eq(i)
		first := row.Find("td").Eq(0)
		if !strings.HasPrefix(strings.TrimSpace(first.Text()), h.ID) || strings.Contains(first.Text(), "✔") != h.Fired {
			t.Errorf("rule row %d = %q, want %s (fired %v)", i, first.Text(), h.ID, h.Fired)
		}
		if got, want := strings.TrimSpace(first.Find(".muted").Text()), e.pack.Rule(h.ID).Description; got != want {
			t.Errorf("rule %s description = %q, want the pack's %q", h.ID, got, want)
		}
		if got := strings.TrimSpace(row.Find("td.mono").Text()); got != e.pack.Version() {
			t.Errorf("rule %s pack version = %q, want %q", h.ID, got, e.pack.Version())
		}
	}
	// Snapshots, newest first, each with its SHA-256; the screenshot of the
	// latest.
	snaps := doc.Find("#snapshots tbody tr")
	if snaps.Length() != 2 {
		t.Fatalf("%d snapshot rows, want 2", snaps.Length())
	}
	for i, want := range []struct {
		id   uint64
		body string
	}{{r2.SnapshotID, "<html>v2</html>"}, {r1.SnapshotID, "<html>v1</html>"}} {
		row := snaps.Eq(i)
		if !strings.HasPrefix(strings.TrimSpace(row.Find("td").Eq(0).Text()), "#"+htID(want.id)) {
			t.Errorf("snapshot row %d = %q, want #%d", i, row.Find("td").Eq(0).Text(), want.id)
		}
		if got := row.Find("td.hash").AttrOr("title", ""); got != htSHA([]byte(want.body)) {
			t.Errorf("snapshot %d SHA-256 = %q, want %q", want.id, got, htSHA([]byte(want.body)))
		}
		if !strings.Contains(row.Find("td.hash").Text(), htSHA([]byte(want.body))) {
			t.Errorf("snapshot %d does not show its SHA-256", want.id)
		}
		if href := row.Find(`a[href$="/body"]`).AttrOr("href", ""); href != fmt.Sprintf("/cases/%d/snapshots/%d/body", id, want.id) {
			t.Errorf("snapshot %d body link = %q", want.id, href)
		}
	}
	if !strings.Contains(snaps.Eq(0).Text(), "截图 "+htSHA(htPNG)) {
		t.Error("the latest snapshot does not show its screenshot's SHA-256")
	}
	shot := doc.Find("#screenshot").AttrOr("src", "")
	if shot != fmt.Sprintf("/cases/%d/snapshots/%d/screenshot", id, r2.SnapshotID) {
		t.Errorf("screenshot src = %q", shot)
	}
	if resp, body := cl.htGet(shot); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || string(body) != string(htPNG) {
		t.Errorf("GET screenshot: %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	sightings := htTexts(doc, "#sightings tbody tr td:first-child")
	if !slices.Equal(sightings, []string{"#" + htID(s2), "#" + htID(s1)}) {
		t.Errorf("sightings = %q, want the two sweeps newest first", sightings)
	}
	if got := doc.Find("#sightings").Parent().Find("h3").Text(); !strings.Contains(got, "2 次") {
		t.Errorf("sightings heading = %q", got)
	}
	// A cac reviewer may confirm onto the cac takedown or a referral;
	// the suggested route is ticked.
	radios := map[string]bool{}
	doc.Find(`#confirm-form input[name=route]`).Each(func(_ int, s *goquery.Selection) {
		radios[s.AttrOr("value", "")] = s.Is("[checked]")
	})
	if !maps.Equal(radios, map[string]bool{"takedown_cac": true, "police_referral": false}) {
		t.Errorf("cac route choices = %v", radios)
	}
	if doc.Find("#dismiss-form").Length() != 1 || doc.Find("#export-form").Length() != 1 {
		t.Error("a reviewer's case page lacks the dismiss or export form")
	}
	for _, ck := range []struct {
		user  string
		want  map[string]bool
		forms bool
	}{
		{"samr", map[string]bool{"takedown_samr": false, "police_referral": false}, true},
		{"analyst", map[string]bool{}, false},
		{"approver", map[string]bool{}, true},
	} {
		doc := e.htLogin(ck.user).htDoc("/cases/"+htID(id), http.StatusOK)
		got := map[string]bool{}
		doc.Find(`#confirm-form input[name=route]`).Each(func(_ int, s *goquery.Selection) {
			got[s.AttrOr("value", "")] = s.Is("[checked]")
		})
		if !maps.Equal(got, ck.want) {
			t.Errorf("%s route choices = %v, want %v", ck.user, got, ck.want)
		}
		if (doc.Find("#dismiss-form").Length() == 1) != ck.forms || (doc.Find(`#snapshots a[href$="/body"]`).Length() > 0) != ck.forms {
			t.Errorf("%s: decision forms and body links shown = %v, want %v", ck.user, !ck.forms, ck.forms)
		}
		if got := htMarks(doc, "#page-text"); !slices.Equal(got, wantMarks) {
			t.Errorf("%s sees marks %q", ck.user, got)
		}
	}
	// Unknown and malformed ids.
	if resp, _ := cl.htGet("/cases/999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /cases/999 = %d, want 404", resp.StatusCode)
	}
	if resp, _ := cl.htGet("/cases/abc"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("GET /cases/abc = %d, want 400", resp.StatusCode)
	}
}

// htSimple records a plain case on url with a suggested route.
func (e *htEnv) htSimple(u string, route casework.Route) uint64 {
	e.t.Helper()
	return e.htRecord(htPage{URL: u, Title: "办证 " + u, Text: "特种作业操作证 免考 " + u, Route: route, Body: []byte(u)}).CaseID
}

func TestHandlerDecisions(t *testing.T) {
	e := htNew(t)
	cac, samr := e.htLogin("cac"), e.htLogin("samr")
	approver, cacApprover := e.htLogin("approver"), e.htLogin("cacapprover")
	decide := func(cl *htClient, id uint64, form url.Values) (*http.Response, []byte) {
		t.Helper()
		return cl.htPost("/cases/"+htID(id)+"/decide", form)
	}

	t.Run("confirm takedown", func(t *testing.T) {
		a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
		b := e.htSimple("https://m.shop.example/b", casework.RouteTakedownCAC)
		resp, body := decide(cac, a, url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "note": {"已核实"}})
		htExpect(t, "confirm", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=confirmed")
		doc := cac.htDoc(resp.Header.Get("Location"), http.StatusOK)
		if got := strings.TrimSpace(doc.Find("#flash").Text()); got != "已确认，案件已加入通知草稿。" {
			t.Errorf("flash = %q", got)
		}
		if got := strings.TrimSpace(doc.Find("#case-status").Text()); got != "已确认" {
			t.Errorf("status = %q", got)
		}
		c := e.htCase(a)
		if c.Status != casework.CaseConfirmed || c.Route != casework.RouteTakedownCAC || c.ConfirmedBy != "cac" || c.Recipient != "shop.example 网站运营者" || c.NoticeID == 0 {
			t.Fatalf("case after confirm = %+v", c)
		}
		n, err := e.st.Notice(c.NoticeID)
		if err != nil {
			t.Fatal(err)
		}
		if n.Status != casework.NoticeDraft || n.Route != casework.RouteTakedownCAC || n.Recipient != "shop.example 网站运营者" || len(n.Items) != 1 || n.Items[0].CaseID != a {
			t.Errorf("draft notice = %+v", n)
		}
		if href := doc.Find("#case-notice").AttrOr("href", ""); href != "/notices/"+htID(n.ID) {
			t.Errorf("case page notice link = %q", href)
		}
		if got := htTexts(doc, "#decisions li"); len(got) != 1 || !strings.Contains(got[0], "cac：待审核 → 已确认") || !strings.Contains(got[0], "已核实") {
			t.Errorf("decisions = %q", got)
		}
		if doc.Find("#confirm-form").Length() != 0 {
			t.Error("a confirmed case still offers the confirm form")
		}
		// A second case on the same site joins the same draft.
		resp, body = decide(cac, b, url.Values{"action": {"confirm"}})
		htExpect(t, "confirm b", resp, body, http.StatusSeeOther, "/cases/"+htID(b)+"?ok=confirmed")
		if cb := e.htCase(b); cb.NoticeID != n.ID || cb.Route != casework.RouteTakedownCAC {
			t.Errorf("case b joined notice %d on %s, want %d", cb.NoticeID, cb.Route, n.ID)
		}
		// A case decided already is a conflict.
		resp, body = decide(cac, a, url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
		htExpect(t, "confirm again", resp, body, http.StatusConflict, "")
	})

	t.Run("confirm with a recipient", func(t *testing.T) {
		a := e.htSimple("https://shop2.example/a", casework.RouteTakedownCAC)
		resp, body := decide(cac, a, url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "recipient": {"  某购物平台运营者 "}})
		htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
		c := e.htCase(a)
		n, err := e.st.Notice(c.NoticeID)
		if err != nil || n.Recipient != "某购物平台运营者" || c.Recipient != "某购物平台运营者" {
			t.Errorf("notice %+v (%v), case recipient %q", n, err, c.Recipient)
		}
	})

	t.Run("route not allowed for the role", func(t *testing.T) {
		a := e.htSimple("https://shop3.example/a", casework.RouteTakedownCAC)
		resp, body := decide(samr, a, url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
		htExpect(t, "samr confirms takedown_cac", resp, body, http.StatusForbidden, "")
		if c := e.htCase(a); c.Status != casework.CaseOpen {
			t.Errorf("case status %s after a refused confirm", c.Status)
		}
		// Without a route the suggested one is used: not samr's, so samr is
		// asked to choose one of its own (TestDecisionRouteChoice).
		resp, body = decide(samr, a, url.Values{"action": {"confirm"}})
		htExpect(t, "samr confirms the suggested takedown_cac", resp, body, http.StatusBadRequest, "")
		resp, body = decide(cac, a, url.Values{"action": {"confirm"}, "route": {"no_such_route"}})
		htExpect(t, "unknown route", resp, body, http.StatusBadRequest, "")
		resp, body = decide(cac, a, url.Values{"action": {"explode"}})
		htExpect(t, "unknown action", resp, body, http.StatusBadRequest, "")
		resp, body = decide(cac, a, url.Values{"action": {"confirm"}, "recipient": {strings.Repeat("长", 201)}})
		htExpect(t, "recipient too long", resp, body, http.StatusBadRequest, "")
		resp, body = decide(cac, a, url.Values{"action": {"dismiss"}, "reason": {"duplicate"}, "note": {strings.Repeat("长", 2001)}})
		htExpect(t, "note too long", resp, body, http.StatusBadRequest, "")
		if c := e.htCase(a); c.Status != casework.CaseOpen {
			t.Errorf("case status %s after refused decisions", c.Status)
		}
	})

	t.Run("referral needs a second person", func(t *testing.T) {
		a := e.htSimple("https://forum.example/t/1", casework.RoutePoliceReferral)
		resp, body := decide(cacApprover, a, url.Values{"action": {"confirm"}, "route": {"police_referral"}})
		htExpect(t, "propose referral", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=pending")
		c := e.htCase(a)
		if c.Status != casework.CasePendingApproval || c.ConfirmedBy != "cacapprover" || c.NoticeID != 0 || c.Recipient != "区公安分局" {
			t.Fatalf("case after proposing a referral = %+v", c)
		}
		doc := cacApprover.htDoc("/cases/"+htID(a), http.StatusOK)
		if doc.Find("#approve-form").Length() != 0 || !strings.Contains(doc.Find(".approval").Text(), "须由另一名审批人审批") {
			t.Error("the proposer, although an approver, is offered to approve")
		}
		resp, body = decide(cacApprover, a, url.Values{"action": {"approve"}})
		htExpect(t, "proposer approves", resp, body, http.StatusForbidden, "")
		if msg := htErrorMessage(t, body); !strings.Contains(msg, "另一名审批人") {
			t.Errorf("403 page says %q", msg)
		}
		resp, body = decide(cac, a, url.Values{"action": {"approve"}})
		htExpect(t, "reviewer approves", resp, body, http.StatusForbidden, "")
		if c := e.htCase(a); c.Status != casework.CasePendingApproval {
			t.Fatalf("status after refused approvals = %s", c.Status)
		}
		doc = approver.htDoc("/cases/"+htID(a), http.StatusOK)
		if doc.Find("#approve-form").Length() != 1 || doc.Find("#reject-form").Length() != 1 {
			t.Fatal("another approver is not offered approve and reject")
		}
		resp, body = decide(approver, a, url.Values{"action": {"approve"}, "note": {"同意移送"}})
		htExpect(t, "approve", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=approved")
		c = e.htCase(a)
		if c.Status != casework.CaseConfirmed || c.ApprovedBy != "approver" || c.NoticeID == 0 {
			t.Fatalf("case after approval = %+v", c)
		}
		n, err := e.st.Notice(c.NoticeID)
		if err != nil || n.Route != casework.RoutePoliceReferral || n.Recipient != "区公安分局" || n.Status != casework.NoticeDraft ||
			!slices.ContainsFunc(n.Items, func(it store.NoticeItem) bool { return it.CaseID == a }) {
			t.Errorf("police notice = %+v (%v)", n, err)
		}
		resp, body = decide(approver2(e), a, url.Values{"action": {"approve"}})
		htExpect(t, "approve twice", resp, body, http.StatusConflict, "")
	})

	t.Run("reject needs a note", func(t *testing.T) {
		a := e.htSimple("https://forum.example/t/2", casework.RoutePoliceReferral)
		resp, body := decide(samr, a, url.Values{"action": {"confirm"}, "route": {"police_referral"}})
		htExpect(t, "propose referral", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=pending")
		resp, body = decide(approver, a, url.Values{"action": {"reject"}, "note": {"   "}})
		htExpect(t, "reject without a note", resp, body, http.StatusBadRequest, "")
		if c := e.htCase(a); c.Status != casework.CasePendingApproval {
			t.Fatalf("status after a refused reject = %s", c.Status)
		}
		resp, body = decide(approver, a, url.Values{"action": {"reject"}, "note": {"证据不足"}})
		htExpect(t, "reject", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=rejected")
		c := e.htCase(a)
		if c.Status != casework.CaseOpen || c.Route != "" || c.ConfirmedBy != "" {
			t.Errorf("case after reject = %+v", c)
		}
		ds, err := e.st.Decisions(a)
		if err != nil || len(ds) != 2 || ds[1].Action != casework.ActionReject || ds[1].Note != "证据不足" || ds[1].By != "approver" {
			t.Errorf("decisions = %+v (%v)", ds, err)
		}
	})

	t.Run("dismiss with a reason and reopen", func(t *testing.T) {
		a := e.htSimple("https://shop4.example/a", casework.RouteTakedownSAMR)
		resp, body := decide(samr, a, url.Values{"action": {"dismiss"}, "reason": {"no_such_reason"}})
		htExpect(t, "dismiss with an unknown reason", resp, body, http.StatusBadRequest, "")
		resp, body = decide(samr, a, url.Values{"action": {"dismiss"}, "reason": {"duplicate"}, "note": {"同案件 1"}})
		htExpect(t, "dismiss", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=dismissed")
		c := e.htCase(a)
		if c.Status != casework.CaseDismissed || c.DismissReason != casework.DismissDuplicate || c.DecidedBy != "samr" {
			t.Fatalf("case after dismiss = %+v", c)
		}
		doc := samr.htDoc("/cases/"+htID(a), http.StatusOK)
		if !strings.Contains(doc.Find(".summary").Text(), "排除原因 重复线索") || doc.Find("#reopen-form").Length() != 1 {
			t.Error("the dismissed case page does not show the reason or the reopen form")
		}
		resp, body = decide(samr, a, url.Values{"action": {"reopen"}})
		htExpect(t, "reopen", resp, body, http.StatusSeeOther, "/cases/"+htID(a)+"?ok=reopened")
		if c := e.htCase(a); c.Status != casework.CaseOpen || c.DismissReason != "" {
			t.Errorf("case after reopen = %+v", c)
		}
		resp, body = decide(samr, a, url.Values{"action": {"reopen"}})
		htExpect(t, "reopen an open case", resp, body, http.StatusConflict, "")
	})
}

func approver2(e *htEnv) *htClient { return e.htLogin("approver2") }

func TestHandlerBatchDecide(t *testing.T) {
	e := htNew(t)
	a := e.htSimple("https://b.example/a", casework.RouteTakedownCAC)
	b := e.htSimple("https://b.example/b", casework.RouteTakedownCAC)
	c := e.htSimple("https://b.example/c", casework.RouteTakedownCAC)
	d := e.htSimple("https://b.example/d", casework.RouteTakedownSAMR)
	f := e.htSimple("https://b.example/f", casework.RouteTakedownCAC)
	g := e.htSimple("https://b.example/g", casework.RouteTakedownCAC)
	if _, _, err := e.st.Decide(store.Decision{CaseID: b, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "samr"}); err != nil {
		t.Fatal(err)
	}
	cac := e.htLogin("cac")

	// The queue offers the open cases for a batch.
	doc := cac.htDoc("/cases", http.StatusOK)
	var boxes []string
	doc.Find(`#batch input[name=case]`).Each(func(_ int, s *goquery.Selection) { boxes = append(boxes, s.AttrOr("value", "")) })
	if !slices.Equal(boxes, htIDs(a, c, d, f, g)) {
		t.Errorf("batch boxes = %v", boxes)
	}

	t.Run("mixed: one decided already", func(t *testing.T) {
		resp, body := cac.htPost("/cases/decide", url.Values{"case": htIDs(a, b, c), "action": {"dismiss"}, "reason": {"out_of_scope"}})
		htExpect(t, "batch dismiss", resp, body, http.StatusConflict, "")
		doc := htParse(t, body)
		if got := strings.TrimSpace(doc.Find("h1").Text()); got != "2 件已处理，1 件未处理" {
			t.Errorf("batch page title = %q", got)
		}
		lines := htTexts(doc, ".errorpage li")
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "案件 "+htID(b)+"：") {
			t.Errorf("batch failures = %q, want case %d", lines, b)
		}
		for _, id := range []uint64{a, c} {
			if x := e.htCase(id); x.Status != casework.CaseDismissed || x.DismissReason != casework.DismissOutOfScope {
				t.Errorf("case %d after batch = %s/%s", id, x.Status, x.DismissReason)
			}
		}
		if x := e.htCase(b); x.DismissReason != casework.DismissFalsePositive || x.DecidedBy != "samr" {
			t.Errorf("the case decided before was changed: %+v", x)
		}
	})

	t.Run("confirm on each case's suggested route", func(t *testing.T) {
		resp, body := cac.htPost("/cases/decide", url.Values{"case": htIDs(f, d), "action": {"confirm"}, "route": {""}})
		htExpect(t, "batch confirm", resp, body, http.StatusConflict, "")
		if got := strings.TrimSpace(htParse(t, body).Find("h1").Text()); got != "1 件已处理，1 件未处理" {
			t.Errorf("batch page title = %q", got)
		}
		if x := e.htCase(f); x.Status != casework.CaseConfirmed || x.Route != casework.RouteTakedownCAC || x.NoticeID == 0 {
			t.Errorf("case f = %+v", x)
		}
		if x := e.htCase(d); x.Status != casework.CaseOpen {
			t.Errorf("case d (suggested takedown_samr) = %s, want open: a cac reviewer may not confirm it", x.Status)
		}
	})

	t.Run("all done", func(t *testing.T) {
		resp, body := cac.htPost("/cases/decide", url.Values{"case": htIDs(g), "action": {"confirm"}, "route": {"takedown_cac"}, "back": {"?status=open&source=tieba"}})
		htExpect(t, "batch confirm", resp, body, http.StatusSeeOther, "/cases?status=open&source=tieba&ok=batch")
		if x := e.htCase(g); x.Status != casework.CaseConfirmed {
			t.Errorf("case g = %s", x.Status)
		}
		doc := cac.htDoc(resp.Header.Get("Location"), http.StatusOK)
		if got := strings.TrimSpace(doc.Find("#flash").Text()); got != "批量操作已完成。" {
			t.Errorf("flash = %q", got)
		}
	})

	t.Run("refused", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			form url.Values
			want int
		}{
			{"no case", url.Values{"action": {"dismiss"}, "reason": {"duplicate"}}, http.StatusBadRequest},
			{"bad id", url.Values{"case": {"x1"}, "action": {"dismiss"}, "reason": {"duplicate"}}, http.StatusBadRequest},
			{"off-site back", url.Values{"case": htIDs(d), "action": {"dismiss"}, "reason": {"duplicate"}, "back": {"//evil.example"}}, http.StatusSeeOther},
		} {
			resp, body := cac.htPost("/cases/decide", tc.form)
			htExpect(t, tc.name, resp, body, tc.want, "")
			if tc.want == http.StatusSeeOther && resp.Header.Get("Location") != "/cases?ok=batch" {
				t.Errorf("%s: Location %q", tc.name, resp.Header.Get("Location"))
			}
		}
		resp, body := e.htLogin("analyst").htPost("/cases/decide", url.Values{"case": htIDs(a), "action": {"reopen"}})
		htExpect(t, "analyst batch", resp, body, http.StatusForbidden, "")
	})
}

// htPrinter is a notice.Printer that returns a fixed "PDF".
type htPrinter struct {
	mu   sync.Mutex
	html []byte
}

func (p *htPrinter) PrintPDF(_ context.Context, html []byte) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.html = append([]byte(nil), html...)
	return []byte("%PDF-1.7 test"), nil
}

// htChecker is a review.Checker that records its calls.
type htChecker struct {
	mu    sync.Mutex
	calls []string
	st    *store.Store
}

func (c *htChecker) CheckNotice(_ context.Context, id uint64, by string) (*store.Notice, error) {
	c.mu.Lock()
	c.calls = append(c.calls, fmt.Sprintf("%d by %s", id, by))
	c.mu.Unlock()
	return c.st.Notice(id)
}

var _ review.Checker = (*htChecker)(nil)

func TestHandlerNotices(t *testing.T) {
	e := htNew(t)
	cac, samr, approver := e.htLogin("cac"), e.htLogin("samr"), e.htLogin("approver")
	pack := e.pack
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	b := e.htSimple("https://www.shop.example/b", casework.RouteTakedownCAC)
	s := e.htSimple("https://mall.example/s", casework.RouteTakedownSAMR)
	for _, x := range []struct {
		cl *htClient
		id uint64
	}{{cac, a}, {cac, b}, {samr, s}} {
		resp, body := x.cl.htPost("/cases/"+htID(x.id)+"/decide", url.Values{"action": {"confirm"}})
		htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	}
	n1, n2 := e.htCase(a).NoticeID, e.htCase(s).NoticeID
	if n1 == 0 || n1 != e.htCase(b).NoticeID || n2 == 0 || n2 == n1 {
		t.Fatalf("notices %d, %d, %d", n1, e.htCase(b).NoticeID, n2)
	}
	nid := htID(n1)

	// The list.
	doc := cac.htDoc("/notices", http.StatusOK)
	var listed []string
	doc.Find("#notice-table tbody tr[data-notice]").Each(func(_ int, s *goquery.Selection) { listed = append(listed, s.AttrOr("data-notice", "")) })
	if !slices.Equal(listed, htIDs(n2, n1)) {
		t.Errorf("notices listed = %v, want newest first %v", listed, htIDs(n2, n1))
	}
	if got := strings.TrimSpace(doc.Find(`#notice-tabs a[href*="status=draft"] b`).Text()); got != "2" {
		t.Errorf("draft tab count = %q", got)
	}
	doc = cac.htDoc("/notices?route=takedown_samr", http.StatusOK)
	if doc.Find("#notice-table tbody tr[data-notice]").Length() != 1 {
		t.Error("the route filter does not filter")
	}

	// A draft: only an approver may sign it off (签发).
	doc = cac.htDoc("/notices/"+nid, http.StatusOK)
	if doc.Find("#move-form").Length() != 0 {
		t.Error("a reviewer is offered to move a draft")
	}
	if got := strings.TrimSpace(doc.Find("#notice-number").Text()); got != "（签发时生成）" {
		t.Errorf("draft number = %q", got)
	}
	if got := doc.Find(`#notice-items tbody tr[data-case]`).Length(); got != 2 {
		t.Errorf("%d items on the notice page, want 2", got)
	}
	resp, body := cac.htPost("/notices/"+nid+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "reviewer approves a notice", resp, body, http.StatusForbidden, "")

	// The draft document.
	resp, body = cac.htGet("/notices/" + nid + "/document")
	htExpect(t, "draft document", resp, body, http.StatusOK, "")
	doc = htParse(t, body)
	if got := strings.TrimSpace(doc.Find("#status").Text()); got != "草稿" {
		t.Errorf("draft document status = %q", got)
	}
	if got := strings.TrimSpace(doc.Find("#number").Text()); got != "网信函〔2026〕（待签发）号" {
		t.Errorf("draft document number = %q", got)
	}
	var wantBasis []string
	for _, p := range strings.Split(pack.Rule("cert-sale-no-exam").LegalBasis, "；") {
		wantBasis = append(wantBasis, strings.TrimSuffix(strings.TrimSpace(p), "。"))
	}
	slices.Sort(wantBasis)
	if got := htTexts(doc, "p.basis"); !slices.Equal(got, wantBasis) || len(got) != 3 {
		t.Errorf("legal basis = %q, want %q", got, wantBasis)
	}
	if !strings.Contains(doc.Find("#body").Text(), pack.Rule("cert-sale-no-exam").Description) {
		t.Error("the document does not give the rule's description as the reason")
	}
	listings := doc.Find("#listings tr.listing")
	if listings.Length() != 2 {
		t.Fatalf("%d listings, want 2", listings.Length())
	}
	for i, id := range []uint64{a, b} {
		c := e.htCase(id)
		row := listings.Eq(i)
		if got := strings.TrimSpace(row.Find(".page-title").Text()); got != c.Title {
			t.Errorf("listing %d title = %q, want %q", i, got, c.Title)
		}
		if got := strings.TrimSpace(row.Find("td.url").Text()); got != c.URL {
			t.Errorf("listing %d url = %q, want %q", i, got, c.URL)
		}
		sn, err := e.st.Snapshot(c.LatestSnapshot)
		if err != nil {
			t.Fatal(err)
		}
		if got := row.Find("td.hash").Text(); got != sn.BodySHA256 {
			t.Errorf("listing %d evidence hash = %q, want %q", i, got, sn.BodySHA256)
		}
		if !strings.Contains(row.Find(".meta").Text(), "案件编号："+htID(id)) {
			t.Errorf("listing %d meta = %q", i, row.Find(".meta").Text())
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
		t.Errorf("document CSP = %q", csp)
	}

	// Approval numbers the notice and sets the deadline.
	doc = approver.htDoc("/notices/"+nid, http.StatusOK)
	if doc.Find("#move-approved").Length() != 1 || !strings.Contains(doc.Find("#move-approved").Text(), "签发") {
		t.Fatal("an approver is not offered 签发")
	}
	resp, body = approver.htPost("/notices/"+nid+"/move", url.Values{"to": {"approved"}, "note": {"同意"}})
	htExpect(t, "approve notice", resp, body, http.StatusSeeOther, "/notices/"+nid+"?ok=moved")
	n, err := e.st.Notice(n1)
	if err != nil {
		t.Fatal(err)
	}
	if n.Status != casework.NoticeApproved || n.Number != "网信函〔2026〕1号" || !n.IssuedAt.Equal(htStart) ||
		!n.Deadline.Equal(htStart.Add(72*time.Hour)) || n.ApprovedBy != "approver" {
		t.Errorf("approved notice = status %s number %q issued %v deadline %v by %s", n.Status, n.Number, n.IssuedAt, n.Deadline, n.ApprovedBy)
	}
	doc = approver.htDoc(resp.Header.Get("Location"), http.StatusOK)
	if got := strings.TrimSpace(doc.Find("#notice-number").Text()); got != "网信函〔2026〕1号" {
		t.Errorf("notice number shown = %q", got)
	}
	if !strings.Contains(doc.Find(".summary").Text(), "期限 2026-03-13") {
		t.Errorf("summary = %q, want the deadline 2026-03-13", doc.Find(".summary").Text())
	}
	if got := strings.TrimSpace(doc.Find("#notice-state").Text()); got != "已签发" {
		t.Errorf("state = %q", got)
	}
	resp, body = cac.htGet("/notices/" + nid + "/document")
	htExpect(t, "approved document", resp, body, http.StatusOK, "")
	doc = htParse(t, body)
	if doc.Find("#status").Length() != 0 || strings.TrimSpace(doc.Find("#number").Text()) != "网信函〔2026〕1号" ||
		strings.TrimSpace(doc.Find("#deadline").Text()) != "2026年3月13日" || strings.TrimSpace(doc.Find("#issued").Text()) != "2026年3月10日" {
		t.Errorf("approved document: status %q number %q deadline %q issued %q", doc.Find("#status").Text(), doc.Find("#number").Text(),
			doc.Find("#deadline").Text(), doc.Find("#issued").Text())
	}

	// Each route counts its own numbers; a new draft gets the next one.
	resp, body = approver.htPost("/notices/"+htID(n2)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "approve samr notice", resp, body, http.StatusSeeOther, "")
	if n, _ := e.st.Notice(n2); n == nil || n.Number != "市监函〔2026〕1号" {
		t.Errorf("samr notice number = %+v", n)
	}
	c := e.htSimple("https://www.shop.example/c", casework.RouteTakedownCAC)
	resp, body = cac.htPost("/cases/"+htID(c)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm c", resp, body, http.StatusSeeOther, "")
	n3 := e.htCase(c).NoticeID
	if n3 == n1 {
		t.Fatal("a case confirmed after approval joined the approved notice")
	}
	resp, body = approver.htPost("/notices/"+htID(n3)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "approve third notice", resp, body, http.StatusSeeOther, "")
	if n, _ := e.st.Notice(n3); n == nil || n.Number != "网信函〔2026〕2号" {
		t.Errorf("second cac notice number = %+v", n)
	}

	// Sending: the department's reviewer may; another department's may not.
	resp, body = samr.htPost("/notices/"+nid+"/move", url.Values{"to": {"sent"}})
	htExpect(t, "samr sends a cac notice", resp, body, http.StatusForbidden, "")
	e.clock.Add(2 * time.Hour)
	resp, body = cac.htPost("/notices/"+nid+"/move", url.Values{"to": {"sent"}})
	htExpect(t, "send", resp, body, http.StatusSeeOther, "/notices/"+nid+"?ok=moved")
	n, _ = e.st.Notice(n1)
	sent := htStart.Add(2 * time.Hour)
	if n.Status != casework.NoticeSent || !n.SentAt.Equal(sent) || len(n.CheckDue) != 3 || !n.NextCheck().Equal(sent.Add(24*time.Hour)) {
		t.Errorf("sent notice: status %s sent %v checks %v", n.Status, n.SentAt, n.CheckDue)
	}
	doc = cac.htDoc("/notices/"+nid, http.StatusOK)
	if !strings.Contains(doc.Find(".summary").Text(), "下次复查 2026-03-11 12:00") {
		t.Errorf("summary = %q, want the next check 2026-03-11 12:00", doc.Find(".summary").Text())
	}
	var moves []string
	doc.Find("#move-form button").Each(func(_ int, s *goquery.Selection) { moves = append(moves, s.AttrOr("value", "")) })
	if !slices.Equal(moves, []string{"acknowledged", "removed", "refused"}) {
		t.Errorf("moves offered after sending = %v", moves)
	}
	resp, body = cac.htPost("/notices/"+nid+"/move", url.Values{"to": {"draft"}})
	htExpect(t, "reviewer withdraws", resp, body, http.StatusForbidden, "")
	resp, body = approver.htPost("/notices/"+nid+"/move", url.Values{"to": {"draft"}})
	htExpect(t, "withdraw a sent notice", resp, body, http.StatusConflict, "")
	if got := htTexts(doc, "#notice-history li"); len(got) != 3 {
		t.Errorf("history = %q, want draft, approved, sent", got)
	}

	// No printer, no checker: 503.
	resp, body = cac.htGet("/notices/" + nid + "/pdf")
	htExpect(t, "pdf without a printer", resp, body, http.StatusServiceUnavailable, "")
	if !strings.Contains(htErrorMessage(t, body), "Chromium") {
		t.Errorf("pdf 503 says %q", htErrorMessage(t, body))
	}
	resp, body = cac.htPost("/notices/"+nid+"/check", nil)
	htExpect(t, "check without a checker", resp, body, http.StatusServiceUnavailable, "")
	if doc.Find("#notice-pdf").Length() != 0 || doc.Find("#check-form").Length() != 0 {
		t.Error("the notice page offers PDF or a check the server cannot do")
	}
	resp, body = cac.htGet("/notices/999/document")
	htExpect(t, "document of no notice", resp, body, http.StatusNotFound, "")
}

func TestHandlerNoticePrinterChecker(t *testing.T) {
	printer := &htPrinter{}
	checker := &htChecker{}
	e := htNew(t, func(o *review.Options) { o.Printer, o.Checker = printer, checker })
	checker.st = e.st
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac, approver := e.htLogin("cac"), e.htLogin("approver")
	resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	nid := htID(e.htCase(a).NoticeID)

	resp, body = cac.htGet("/notices/" + nid + "/pdf")
	htExpect(t, "pdf", resp, body, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || string(body) != "%PDF-1.7 test" {
		t.Errorf("pdf answer: %s %q", resp.Header.Get("Content-Type"), body)
	}
	if !strings.Contains(string(printer.html), "https://www.shop.example/a") {
		t.Error("the printed HTML does not list the case")
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "notice.print"}); len(ents) != 1 || ents[0].Actor != "cac" {
		t.Errorf("print audit = %+v", ents)
	}
	resp, body = cac.htPost("/notices/"+nid+"/check", nil)
	htExpect(t, "check a draft", resp, body, http.StatusConflict, "")
	for _, to := range []string{"approved", "sent"} {
		resp, body = approver.htPost("/notices/"+nid+"/move", url.Values{"to": {to}})
		htExpect(t, "move to "+to, resp, body, http.StatusSeeOther, "")
	}
	doc := cac.htDoc("/notices/"+nid, http.StatusOK)
	if doc.Find("#notice-pdf").Length() != 1 || doc.Find("#check-form").Length() != 1 {
		t.Error("the notice page does not offer PDF and a check")
	}
	resp, body = cac.htPost("/notices/"+nid+"/check", nil)
	htExpect(t, "check", resp, body, http.StatusSeeOther, "/notices/"+nid+"?ok=checked")
	if !slices.Equal(checker.calls, []string{nid + " by cac"}) {
		t.Errorf("checker calls = %v", checker.calls)
	}
}

func TestHandlerAudit(t *testing.T) {
	e := htNew(t)
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac := e.htLogin("cac")
	resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}, "note": {"核实无误"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	admin := e.htLogin("admin")

	doc := admin.htDoc("/audit", http.StatusOK)
	rows := doc.Find("#audit-table tbody tr")
	all, err := e.st.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if rows.Length() != len(all) || len(all) < 10 {
		t.Fatalf("%d audit rows, %d entries", rows.Length(), len(all))
	}
	var actions []string
	rows.Each(func(_ int, r *goquery.Selection) {
		action := r.AttrOr("data-action", "")
		actions = append(actions, action)
		if got, want := strings.TrimSpace(r.Find("td").Eq(3).Text()), casework.AuditAction(action).Name(); got != want || got == action {
			t.Errorf("audit row of %s shows the action as %q, want %q", action, got, want)
		}
	})
	for _, want := range []string{"user.add", "login", "case.confirm"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit page lacks %s: %v", want, actions)
		}
	}
	first := rows.Eq(0).Find("td")
	if first.Eq(0).Text() != fmt.Sprint(all[0].Seq) || first.Eq(2).Text() != all[0].Actor || first.Eq(6).AttrOr("title", "") != all[0].Hash {
		t.Errorf("newest row = %q, want entry %+v", rows.Eq(0).Text(), all[0])
	}
	doc = admin.htDoc("/audit?action=case.", http.StatusOK)
	rows = doc.Find("#audit-table tbody tr")
	if rows.Length() != 1 || !strings.Contains(rows.Text(), "备注：核实无误") || !strings.Contains(rows.Text(), "待审核 → 已确认") ||
		rows.Find("td").Eq(4).Text() != "线索 #"+htID(a) || !strings.Contains(rows.Find("td").Eq(5).AttrOr("title", ""), "note=核实无误") {
		t.Errorf("case audit rows = %q", rows.Text())
	}
	doc = admin.htDoc("/audit?actor=cac&action=login", http.StatusOK)
	if doc.Find("#audit-table tbody tr").Length() != 1 {
		t.Errorf("cac login rows = %d", doc.Find("#audit-table tbody tr").Length())
	}

	resp, body = admin.htPost("/audit/verify", nil)
	htExpect(t, "verify", resp, body, http.StatusOK, "")
	got := strings.TrimSpace(htParse(t, body).Find("#verify-result").Text())
	if !strings.HasPrefix(got, "链条完整") || !strings.Contains(got, fmt.Sprintf("共 %d 条记录", len(all))) || !strings.Contains(got, all[0].Hash) {
		t.Errorf("verify result = %q", got)
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "audit.verify"}); len(ents) != 1 || ents[0].Actor != "admin" {
		t.Errorf("verify audit entry = %+v", ents)
	}
	resp, body = admin.htGet("/api/audit/verify")
	htExpect(t, "API verify", resp, body, http.StatusOK, "")
	var rep struct {
		OK      bool   `json:"ok"`
		Entries int    `json:"entries"`
		HeadSeq uint64 `json:"head_seq"`
	}
	htJSON(t, body, &rep)
	if !rep.OK || rep.Entries != len(all)+1 || rep.HeadSeq != uint64(len(all)+1) {
		t.Errorf("API verify = %+v, want ok with %d entries", rep, len(all)+1)
	}
}

func TestHandlerUsers(t *testing.T) {
	e := htNew(t)
	admin := e.htLogin("admin")
	doc := admin.htDoc("/users", http.StatusOK)
	var names []string
	doc.Find("#user-table tbody tr[data-user]").Each(func(_ int, s *goquery.Selection) { names = append(names, s.AttrOr("data-user", "")) })
	if len(names) != len(htUsers) || !slices.Contains(names, "cacapprover") {
		t.Errorf("users listed = %v", names)
	}
	if doc.Find(`tr[data-user=cacapprover] input[name=role][checked]`).Length() != 2 {
		t.Error("the roles of cacapprover are not ticked")
	}

	// Add.
	resp, body := admin.htPost("/users", url.Values{"name": {"newbie"}, "display_name": {"新同事"}, "password": {htPassword},
		"role": {"reviewer_samr", "analyst"}})
	htExpect(t, "add user", resp, body, http.StatusSeeOther, "/users?ok=user")
	u, err := e.st.User("newbie")
	if err != nil || !slices.Equal(u.Roles, []casework.Role{casework.RoleReviewerSAMR, casework.RoleAnalyst}) || u.DisplayName != "新同事" {
		t.Fatalf("new user = %+v (%v)", u, err)
	}
	for _, tc := range []struct {
		name string
		form url.Values
		want int
	}{
		{"exists", url.Values{"name": {"newbie"}, "password": {htPassword}, "role": {"analyst"}}, http.StatusConflict},
		{"short password", url.Values{"name": {"short"}, "password": {"abc123"}, "role": {"analyst"}}, http.StatusBadRequest},
		{"password is the name", url.Values{"name": {"longusername"}, "password": {"LongUserName"}, "role": {"analyst"}}, http.StatusBadRequest},
		{"no role", url.Values{"name": {"norole"}, "password": {htPassword}}, http.StatusBadRequest},
		{"unknown role", url.Values{"name": {"boss"}, "password": {htPassword}, "role": {"root"}}, http.StatusBadRequest},
	} {
		resp, body := admin.htPost("/users", tc.form)
		htExpect(t, "add user: "+tc.name, resp, body, tc.want, "")
	}
	// A name the store refuses is not created. (The answer is a 500 today:
	// store.CreateUser does not wrap its name error in ErrInvalid.)
	for _, name := range []string{"bad name", "<b>x</b>", ""} {
		resp, body := admin.htPost("/users", url.Values{"name": {name}, "password": {htPassword}, "role": {"analyst"}})
		if resp.StatusCode < 400 {
			t.Errorf("add user %q: %d: %s", name, resp.StatusCode, htClip(body))
		}
		if _, err := e.st.User(name); err == nil {
			t.Errorf("user %q was created", name)
		}
	}
	nb := e.htLogin("newbie")
	if resp, _ := nb.htGet("/rules"); resp.StatusCode != http.StatusOK {
		t.Errorf("newbie (analyst) GET /rules = %d", resp.StatusCode)
	}

	// Change roles: the session follows at once.
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"roles"}, "role": {"admin"}})
	htExpect(t, "change roles", resp, body, http.StatusSeeOther, "/users?ok=user")
	if u, _ := e.st.User("newbie"); !slices.Equal(u.Roles, []casework.Role{casework.RoleAdmin}) {
		t.Errorf("roles after change = %v", u.Roles)
	}
	if resp, _ := nb.htGet("/rules"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("newbie (now admin only) GET /rules = %d, want 403", resp.StatusCode)
	}
	if resp, _ := nb.htGet("/users"); resp.StatusCode != http.StatusOK {
		t.Errorf("newbie (now admin) GET /users = %d", resp.StatusCode)
	}
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"roles"}, "role": {"reviewer_cac"}})
	htExpect(t, "change roles back", resp, body, http.StatusSeeOther, "")

	// Disable: the session stops working, sign-in is refused.
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"disable"}})
	htExpect(t, "disable", resp, body, http.StatusSeeOther, "/users?ok=user")
	if u, _ := e.st.User("newbie"); !u.Disabled {
		t.Error("not disabled")
	}
	resp, body = nb.htGet("/cases")
	htExpect(t, "disabled user's page", resp, body, http.StatusSeeOther, "/login?next=%2Fcases")
	resp, body = nb.htGet("/api/me")
	htExpect(t, "disabled user's API", resp, body, http.StatusUnauthorized, "")
	resp, body = e.htAnon().htSignIn("newbie", htPassword, "")
	htExpect(t, "disabled user's sign-in", resp, body, http.StatusUnauthorized, "")
	doc = admin.htDoc("/users", http.StatusOK)
	if !strings.Contains(doc.Find(`tr[data-user=newbie]`).Text(), "已停用") || doc.Find(`tr[data-user=newbie] button[value=enable]`).Length() != 1 {
		t.Error("the users page does not show newbie as disabled")
	}
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"enable"}})
	htExpect(t, "enable", resp, body, http.StatusSeeOther, "")
	nb = e.htLogin("newbie")

	// Reset the password: the old one and the sessions stop working.
	const reset = "Reset-pass-2026"
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"password"}, "password": {"short"}})
	htExpect(t, "reset to a short password", resp, body, http.StatusBadRequest, "")
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"password"}, "password": {reset}})
	htExpect(t, "reset password", resp, body, http.StatusSeeOther, "/users?ok=user")
	resp, body = nb.htGet("/api/me")
	htExpect(t, "session after a reset", resp, body, http.StatusUnauthorized, "")
	resp, body = e.htAnon().htSignIn("newbie", htPassword, "")
	htExpect(t, "old password after a reset", resp, body, http.StatusUnauthorized, "")
	resp, body = e.htAnon().htSignIn("newbie", reset, "")
	htExpect(t, "new password after a reset", resp, body, http.StatusSeeOther, "/")

	// An administrator cannot lock themselves out.
	resp, body = admin.htPost("/users/admin", url.Values{"op": {"disable"}})
	htExpect(t, "disable self", resp, body, http.StatusBadRequest, "")
	resp, body = admin.htPost("/users/admin", url.Values{"op": {"roles"}, "role": {"analyst"}})
	htExpect(t, "drop own admin role", resp, body, http.StatusBadRequest, "")
	resp, body = admin.htPost("/users/nobody", url.Values{"op": {"disable"}})
	htExpect(t, "disable nobody", resp, body, http.StatusNotFound, "")
	resp, body = admin.htPost("/users/newbie", url.Values{"op": {"explode"}})
	htExpect(t, "unknown op", resp, body, http.StatusBadRequest, "")
	if ents, _ := e.st.AuditEntries(store.AuditFilter{Actor: "admin", ActionPrefix: "user.", Object: "user:newbie"}); len(ents) != 6 {
		t.Errorf("%d admin audit entries for newbie, want 6 (add, 2 role changes, disable, enable, reset): %+v", len(ents), ents)
	}
}

func TestHandlerOwnPassword(t *testing.T) {
	e := htNew(t)
	cl := e.htLogin("cac")
	doc := cl.htDoc("/account", http.StatusOK)
	if doc.Find(`#password-form input[name=current]`).Length() != 1 {
		t.Fatal("the account page has no current-password field")
	}
	if got := doc.Find(`#password-form input[name=csrf]`).AttrOr("value", ""); got != cl.csrf {
		t.Errorf("account page csrf %q, /api/me says %q", got, cl.csrf)
	}
	const newPassword = "New-pass-word-1"
	for _, tc := range []struct {
		name                   string
		current, password, rep string
		want                   int
	}{
		{"wrong current password", "wrong-password", newPassword, newPassword, http.StatusForbidden},
		{"no current password", "", newPassword, newPassword, http.StatusForbidden},
		{"repeat differs", htPassword, newPassword, newPassword + "x", http.StatusBadRequest},
		{"too short", htPassword, "short", "short", http.StatusBadRequest},
		{"the user name", htPassword, "cac", "cac", http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := cl.htPost("/account/password", url.Values{"current": {tc.current}, "password": {tc.password}, "again": {tc.rep}})
			htExpect(t, "change password", resp, body, tc.want, "")
			if u, _ := e.st.User("cac"); u.PasswordHash != htHash(t) {
				t.Error("the password changed")
			}
		})
	}
	resp, body := cl.htPost("/account/password", url.Values{"current": {htPassword}, "password": {newPassword}, "again": {newPassword}})
	htExpect(t, "change password", resp, body, http.StatusSeeOther, "/login?ok=password")
	resp, body = cl.htGet("/account")
	htExpect(t, "session after the change", resp, body, http.StatusSeeOther, "/login?next=%2Faccount")
	doc = cl.htDoc("/login?ok=password", http.StatusOK)
	if got := strings.TrimSpace(doc.Find("#flash").Text()); got != "密码已修改。" {
		t.Errorf("flash = %q", got)
	}
	resp, body = e.htAnon().htSignIn("cac", newPassword, "")
	htExpect(t, "sign in with the new password", resp, body, http.StatusSeeOther, "/")
	resp, body = e.htAnon().htSignIn("cac", htPassword, "")
	htExpect(t, "sign in with the old password", resp, body, http.StatusUnauthorized, "")
}

func TestHandlerAPI(t *testing.T) {
	e := htNew(t)
	title := "特种作业操作证 免考"
	a := e.htRecord(htPage{URL: "https://www.shop.example/a", Title: title, Text: "包过 微信 zs888",
		Matches: []matcher.Match{htSpan(t, "title", title, "免考", "term", "免考")}, Score: 8}).CaseID
	b := e.htSimple("https://www.shop.example/b", casework.RouteTakedownCAC)
	cl := e.htLogin("cacapprover")

	resp, body := cl.htGet("/api/me")
	htExpect(t, "me", resp, body, http.StatusOK, "")
	var me struct {
		User        string   `json:"user"`
		DisplayName string   `json:"display_name"`
		Roles       []string `json:"roles"`
		CSRF        string   `json:"csrf_token"`
	}
	htJSON(t, body, &me)
	if me.User != "cacapprover" || me.DisplayName != "测试cacapprover" || !slices.Equal(me.Roles, []string{"reviewer_cac", "approver"}) || me.CSRF == "" {
		t.Errorf("me = %+v", me)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
	}
	if strings.Contains(string(body), "argon2") {
		t.Error("/api/me leaks the password hash")
	}
	if got := cl.htDoc("/account", http.StatusOK).Find(`#password-form input[name=csrf]`).AttrOr("value", ""); got != me.CSRF {
		t.Errorf("the pages' csrf %q differs from the API's %q", got, me.CSRF)
	}

	resp, body = cl.htGet("/api/cases")
	htExpect(t, "cases", resp, body, http.StatusOK, "")
	var list struct {
		Total  int            `json:"total"`
		Counts map[string]int `json:"counts"`
		Latest uint64         `json:"latest_sweep"`
		Cases  []struct {
			ID     uint64  `json:"id"`
			URL    string  `json:"url"`
			Score  float64 `json:"score"`
			Status string  `json:"status"`
		} `json:"cases"`
	}
	htJSON(t, body, &list)
	if list.Total != 2 || len(list.Cases) != 2 || list.Cases[0].ID != a || list.Cases[1].ID != b || list.Counts["open"] != 2 || list.Latest != e.sweep {
		t.Errorf("cases = %+v", list)
	}

	resp, body = cl.htGet("/api/cases/" + htID(a))
	htExpect(t, "case", resp, body, http.StatusOK, "")
	var one struct {
		Case struct {
			ID    uint64 `json:"id"`
			Title string `json:"title"`
		} `json:"case"`
		Finding   matcher.Finding  `json:"finding"`
		Snapshots []map[string]any `json:"snapshots"`
		Sightings []store.Sighting `json:"sightings"`
		Decisions []store.Decision `json:"decisions"`
	}
	htJSON(t, body, &one)
	if one.Case.ID != a || one.Case.Title != title || len(one.Finding.Matches) != 1 || one.Finding.Matches[0].Term != "免考" ||
		len(one.Snapshots) != 1 || len(one.Sightings) != 1 || len(one.Decisions) != 0 {
		t.Errorf("case = %s", htClip(body))
	}
	resp, body = cl.htGet("/api/cases/999")
	htExpect(t, "no case", resp, body, http.StatusNotFound, "")
	var apiErr struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}
	htJSON(t, body, &apiErr)
	if apiErr.Status != 404 || apiErr.Error == "" {
		t.Errorf("404 answer = %s", body)
	}

	// Decide.
	path := "/api/cases/" + htID(a) + "/decide"
	resp, body = cl.htPostJSON(path, map[string]string{"action": "confirm", "route": "takedown_cac", "recipient": "某平台", "note": "API"})
	htExpect(t, "decide", resp, body, http.StatusOK, "")
	var dec struct {
		Case     store.Case     `json:"case"`
		Decision store.Decision `json:"decision"`
	}
	htJSON(t, body, &dec)
	if dec.Case.Status != casework.CaseConfirmed || dec.Decision.By != "cacapprover" || dec.Decision.NoticeID == 0 || dec.Decision.Note != "API" {
		t.Errorf("decide = %s", htClip(body))
	}
	if c := e.htCase(a); c.Status != casework.CaseConfirmed || c.Recipient != "某平台" {
		t.Errorf("stored case = %+v", c)
	}
	for _, tc := range []struct {
		name string
		body string
		hdr  map[string]string
		want int
	}{
		{"no token", `{"action":"dismiss","reason":"duplicate"}`, map[string]string{"Content-Type": "application/json"}, http.StatusForbidden},
		{"wrong token", `{"action":"dismiss","reason":"duplicate"}`, map[string]string{"Content-Type": "application/json", "X-CSRF-Token": "x" + cl.csrf}, http.StatusForbidden},
		{"not JSON", `action=dismiss&reason=duplicate`, map[string]string{"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": cl.csrf}, http.StatusBadRequest},
		{"unknown field", `{"action":"dismiss","reason":"duplicate","force":true}`, map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf}, http.StatusBadRequest},
		{"broken JSON", `{"action":`, map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf}, http.StatusBadRequest},
		{"unknown reason", `{"action":"dismiss","reason":"bored"}`, map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf}, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := cl.htDo("POST", "/api/cases/"+htID(b)+"/decide", strings.NewReader(tc.body), tc.hdr)
			htExpect(t, "decide", resp, body, tc.want, "")
			htJSON(t, body, &apiErr)
			if apiErr.Status != tc.want || apiErr.Error == "" {
				t.Errorf("error answer = %s", body)
			}
			if c := e.htCase(b); c.Status != casework.CaseOpen {
				t.Errorf("case b = %s after a refused API decision", c.Status)
			}
		})
	}
	resp, body = cl.htPostJSON(path, map[string]string{"action": "confirm", "route": "takedown_cac"})
	htExpect(t, "decide again", resp, body, http.StatusConflict, "")

	// Notices.
	resp, body = cl.htGet("/api/notices")
	htExpect(t, "notices", resp, body, http.StatusOK, "")
	var notices struct {
		Notices []store.Notice `json:"notices"`
	}
	htJSON(t, body, &notices)
	if len(notices.Notices) != 1 || notices.Notices[0].ID != dec.Decision.NoticeID || notices.Notices[0].Recipient != "某平台" {
		t.Errorf("notices = %s", htClip(body))
	}
	resp, body = cl.htGet("/api/notices/" + htID(dec.Decision.NoticeID))
	htExpect(t, "notice", resp, body, http.StatusOK, "")
	var nt struct {
		store.Notice
		State casework.NoticeState
	}
	htJSON(t, body, &nt)
	if nt.ID != dec.Decision.NoticeID || nt.State != casework.NoticeDraft || len(nt.Items) != 1 || nt.Items[0].CaseID != a {
		t.Errorf("notice = %s", htClip(body))
	}
	resp, body = cl.htGet("/api/audit/verify")
	htExpect(t, "verify", resp, body, http.StatusOK, "")
	var rep struct {
		OK bool `json:"ok"`
	}
	htJSON(t, body, &rep)
	if !rep.OK {
		t.Errorf("verify = %s", body)
	}
}

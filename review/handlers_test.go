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
		{"tab between slashes", "/\t/evil.example", ""},
		{"newline between slashes", "/\n/evil.example", ""},
		{"backslash later", `/.\/evil.example`, ""},
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
	if len(entries) != 3 {
		t.Errorf("%d login.failed audit entries, want 3", len(entries))
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
	c[1] = e.htRecord(htPage{URL: "https://tieba.example/p/1", Title: "一号", Score: 5, Category: "cert_sale", Source: "tieba", Route: "takedown_cac", At: day(1, 2), Sweep: s1}).CaseID
	c[2] = e.htRecord(htPage{URL: "https://xianyu.example/i/2", Title: "二号", Score: 9, Category: "exam_fraud", Source: "xianyu", Route: "takedown_samr", At: day(4, 20), Sweep: s1}).CaseID
	c[5] = e.htRecord(htPage{URL: "https://tieba.example/p/5", Title: "五号", Score: 6, Category: "cert_sale", Source: "tieba", Route: "takedown_cac", At: day(2, 2), Sweep: s1}).CaseID
	s2 := e.htSweep()
	c[3] = e.htRecord(htPage{URL: "https://xianyu.example/i/3", Title: "三号", Score: 7, Category: "cert_sale", Source: "xianyu", Route: "police_referral", At: day(9, 2), Sweep: s2}).CaseID
	c[4] = e.htRecord(htPage{URL: "https://tieba.example/p/4", Title: "四号", Score: 8, Category: "exam_fraud", Source: "tieba", Route: "takedown_cac", At: day(9, 3), Sweep: s2}).CaseID
	if again := e.htRecord(htPage{URL: "https://tieba.example/p/1", Title: "一号", Score: 5, Category: "cert_sale", Source: "tieba", Route: "takedown_cac", At: day(9, 4), Sweep: s2}); again.NewCase || !again.NewSighting {
		t.Fatalf("second sighting of c1: %+v", again)
	}
	if _, _, err := e.st.Decide(store.Decision{CaseID: c[4], Action: store.ActionDismiss, Reason: store.DismissFalsePositive, By: "cac"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.st.Decide(store.Decision{CaseID: c[5], Action: store.ActionConfirm, Route: "takedown_cac", Recipient: "tieba.example 网站运营者", By: "cac"}); err != nil {
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
	if got := htTexts(doc, `#filters select[name=category] option`); !slices.Equal(got, []string{"全部", "cert_sale", "exam_fraud"}) {
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

package review_test

// Security tests: who may use which route (written out, not derived), the
// sign-in and CSRF checks, throttling, headers and cookies, hostile crawled
// content in every view, downloads, and request size.

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// htRoute is one route of server.go with who may use it.
type htRoute struct {
	method, pattern string // as registered in server.go
	path            string // a concrete path (ids that do not exist: the role check comes first)
	who             string // "public", "user" (anyone signed in) or the roles allowed, space separated
	ok              int    // the status an allowed user gets for the request htRouteRequest makes
}

// The expected permission matrix. It is written out here on purpose,
// rather than read from review's `can` table, so that a wrong entry there
// fails this test.
const (
	htReadCases   = "reviewer_cac reviewer_samr approver analyst"
	htDecide      = "reviewer_cac reviewer_samr approver"
	htExport      = "reviewer_cac reviewer_samr approver"
	htReadNotices = "reviewer_cac reviewer_samr approver"
	htCheck       = "reviewer_cac reviewer_samr approver"
	htAudit       = "approver admin"
	htAccounts    = "admin"
	htReadRules   = "reviewer_cac reviewer_samr approver analyst"
	htSweeps      = "reviewer_cac reviewer_samr approver analyst admin"
	htSweepRun    = "approver admin"
	htReports     = "reviewer_cac reviewer_samr approver analyst"
	htTuning      = "analyst"
)

var htRoutes = []htRoute{
	{"GET", "/static/", "/static/app.js", "public", 200},
	{"GET", "/login", "/login", "public", 200},
	{"POST", "/login", "/login", "login", 0}, // its own CSRF check: TestSecurityLoginCSRF
	{"GET", "/{$}", "/", "user", 303},
	{"GET", "/cases", "/cases", htReadCases, 200},
	{"POST", "/cases/decide", "/cases/decide", htDecide, 400},
	{"POST", "/cases/filters", "/cases/filters", htReadCases, 400},
	{"POST", "/cases/filters/delete", "/cases/filters/delete", htReadCases, 404},
	{"GET", "/api/cases/filters", "/api/cases/filters", htReadCases, 200},
	{"GET", "/cases/{id}", "/cases/999999", htReadCases, 404},
	{"POST", "/cases/{id}/decide", "/cases/999999/decide", htDecide, 404},
	{"GET", "/cases/{id}/snapshots/{sid}/screenshot", "/cases/999999/snapshots/999999/screenshot", htReadCases, 404},
	{"GET", "/cases/{id}/snapshots/{sid}/body", "/cases/999999/snapshots/999999/body", htExport, 404},
	{"POST", "/cases/{id}/export", "/cases/999999/export", htExport, 404},
	{"GET", "/cases/{id}/next", "/cases/999999/next", htReadCases, 404},
	{"POST", "/cases/{id}/merge", "/cases/999999/merge", htDecide, 400},
	{"POST", "/cases/{id}/unmerge", "/cases/999999/unmerge", htDecide, 404},
	{"GET", "/notices", "/notices", htReadNotices, 200},
	{"GET", "/notices/{id}", "/notices/999999", htReadNotices, 404},
	{"GET", "/notices/{id}/document", "/notices/999999/document", htReadNotices, 404},
	{"GET", "/notices/{id}/pdf", "/notices/999999/pdf", htReadNotices, 404},
	{"POST", "/notices/{id}/move", "/notices/999999/move", htReadNotices, 404},
	{"POST", "/notices/{id}/check", "/notices/999999/check", htCheck, 503},
	{"GET", "/notices/{id}/checks/{eid}", "/notices/999999/checks/999999", htExport, 404},
	{"POST", "/notices/{id}/track", "/notices/999999/track", htReadNotices, 404},
	{"POST", "/notices/{id}/escalate", "/notices/999999/escalate", htReadNotices, 404},
	{"GET", "/audit", "/audit", htAudit, 200},
	{"POST", "/audit/verify", "/audit/verify", htAudit, 200},
	{"GET", "/users", "/users", htAccounts, 200},
	{"POST", "/users", "/users", htAccounts, 400},
	{"POST", "/users/{name}", "/users/nobody", htAccounts, 400},
	{"GET", "/account", "/account", "user", 200},
	{"POST", "/account/password", "/account/password", "user", 400},
	{"GET", "/rules", "/rules", htReadRules, 200},
	{"GET", "/reports", "/reports", htReports, 200},
	{"GET", "/reports/xlsx", "/reports/xlsx", htReports, 200},
	{"GET", "/reports/html", "/reports/html", htReports, 200},
	{"GET", "/reports/pdf", "/reports/pdf", htReports, 503},
	{"GET", "/rules/test", "/rules/test", htTuning, 200},
	{"POST", "/rules/test", "/rules/test", htTuning, 400},
	{"POST", "/rules/model-channel", "/rules/model-channel", htTuning, 400},
	{"GET", "/sweeps", "/sweeps", htSweeps, 200},
	{"GET", "/sweeps/{id}", "/sweeps/999999", htSweeps, 404},
	{"POST", "/sweeps/run", "/sweeps/run", htSweepRun, 503},
	{"GET", "/api/me", "/api/me", "user", 200},
	{"GET", "/api/cases", "/api/cases", htReadCases, 200},
	{"GET", "/api/cases/{id}", "/api/cases/999999", htReadCases, 404},
	{"POST", "/api/cases/{id}/decide", "/api/cases/999999/decide", htDecide, 404},
	{"GET", "/api/notices", "/api/notices", htReadNotices, 200},
	{"GET", "/api/notices/{id}", "/api/notices/999999", htReadNotices, 404},
	{"GET", "/api/notices/{id}/track", "/api/notices/999999/track", htReadNotices, 404},
	{"GET", "/api/audit/verify", "/api/audit/verify", htAudit, 200},
	{"GET", "/healthz", "/healthz", "public", 200},
	{"GET", "/dashboard", "/dashboard", "user", 200},
	{"GET", "/dashboard/online", "/dashboard/online", htReadNotices, 200},
	{"GET", "/dashboard/charts", "/dashboard/charts", htReports, 200},
	{"GET", "/audit/export", "/audit/export", htAudit, 400}, // no format chosen
	// Assignment, comments and diffs (assign.go, diff.go): claiming is the
	// deciders', reassigning approvers' and admins' (both checked in the
	// handler, after the op: an empty one is 400 for everyone).
	{"GET", "/cases/mine", "/cases/mine", htDecide, 200},
	{"POST", "/cases/{id}/claim", "/cases/999999/claim", "user", 400},
	{"POST", "/cases/{id}/comments", "/cases/999999/comments", htReadCases, 400},
	{"GET", "/cases/{id}/diff", "/cases/999999/diff", htReadCases, 404},
	// Background prints and checks (tasks.go): a task is its owner's
	// alone; anyone else's, or none, is 404.
	{"GET", "/tasks/{id}", "/tasks/999999", "user", 404},
	// Referral materials (referral.go): collecting host facts is the
	// exporters'.
	{"POST", "/cases/{id}/hostfacts", "/cases/999999/hostfacts", htExport, 404},
	// The official page's screenshot beside an imitation case's
	// (imitation_compare.go).
	{"GET", "/cases/{id}/imitation/reference.png", "/cases/999999/imitation/reference.png", htReadCases, 404},
	// Search and pivots (search.go).
	{"GET", "/search", "/search", htReadCases, 200},
	{"GET", "/api/search", "/api/search", htReadCases, 400}, // no query
	{"POST", "/logout", "/logout", "user", 303},             // last: it ends the session
}

func (r htRoute) api() bool { return strings.HasPrefix(r.path, "/api/") }

// allows reports whether an account with roles may use r.
func (r htRoute) allows(roles []casework.Role) bool {
	switch r.who {
	case "public", "user":
		return true
	}
	return slices.ContainsFunc(roles, func(x casework.Role) bool { return slices.Contains(strings.Fields(r.who), string(x)) })
}

// htRouteRequest makes r's request: harmless, and with a valid CSRF token
// (and the current password for /account/password, with a repeat that
// differs, so nothing changes).
func (c *htClient) htRouteRequest(r htRoute, hdr map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	switch {
	case r.method == "GET":
		return c.htDo("GET", r.path, nil, hdr)
	case r.api():
		h := map[string]string{"Content-Type": "application/json", "X-CSRF-Token": c.csrf}
		for k, v := range hdr {
			h[k] = v
		}
		return c.htDo("POST", r.path, strings.NewReader("{}"), h)
	}
	form := url.Values{"csrf": {c.csrf}}
	if r.path == "/account/password" {
		form.Set("current", htPassword)
		form.Set("password", "Another-pass-1")
		form.Set("again", "Another-pass-2")
	}
	return c.htPostRaw(r.path, form, hdr)
}

// TestSecurityRouteTable keeps htRoutes in step with server.go: a route
// added there without an entry here (who may use it) fails.
func TestSecurityRouteTable(t *testing.T) {
	src, err := os.ReadFile("server.go")
	if err != nil {
		t.Fatal(err)
	}
	var registered []string
	for _, m := range regexp.MustCompile(`\bm\.Handle(?:Func)?\("([A-Z]+) ([^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		registered = append(registered, m[1]+" "+m[2])
	}
	var tested []string
	for _, r := range htRoutes {
		tested = append(tested, r.method+" "+r.pattern)
	}
	slices.Sort(registered)
	slices.Sort(tested)
	if len(registered) < 30 || !slices.Equal(registered, tested) {
		t.Errorf("routes in server.go:\n%s\nroutes in htRoutes:\n%s", strings.Join(registered, "\n"), strings.Join(tested, "\n"))
	}
}

func TestSecurityUnauthenticated(t *testing.T) {
	e := htNew(t)
	anon := e.htAnon()
	for _, r := range htRoutes {
		if r.who == "login" {
			continue
		}
		t.Run(r.method+" "+r.pattern, func(t *testing.T) {
			resp, body := anon.htRouteRequest(r, nil)
			switch {
			case r.who == "public":
				htExpect(t, r.path, resp, body, r.ok, "")
			case r.method == "GET" && !r.api():
				htExpect(t, r.path, resp, body, http.StatusSeeOther, "/login?next="+url.QueryEscape(r.path))
			default:
				htExpect(t, r.path, resp, body, http.StatusUnauthorized, "")
				if r.api() && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
					t.Errorf("API 401 is %s", resp.Header.Get("Content-Type"))
				}
			}
		})
	}
	// A forged or overlong session cookie is no session.
	for _, v := range []string{"forged", strings.Repeat("A", 43), strings.Repeat("x", 500)} {
		resp, body := anon.htDo("GET", "/api/me", nil, map[string]string{"Cookie": "certwatch_session=" + v})
		htExpect(t, "forged session "+v[:5], resp, body, http.StatusUnauthorized, "")
	}
}

func TestSecurityRoleMatrix(t *testing.T) {
	e := htNew(t)
	for _, user := range []string{"cac", "samr", "approver", "analyst", "admin", "cacapprover", "super"} {
		t.Run(user, func(t *testing.T) {
			cl := e.htLogin(user)
			roles := htUsers[user]
			for _, r := range htRoutes {
				if r.who == "public" || r.who == "login" {
					continue
				}
				resp, body := cl.htRouteRequest(r, nil)
				want := http.StatusForbidden
				if r.allows(roles) {
					want = r.ok
				}
				if resp.StatusCode != want {
					t.Errorf("%s %s as %s: %d, want %d: %s", r.method, r.path, user, resp.StatusCode, want, htClip(body))
					continue
				}
				if want == http.StatusForbidden {
					if r.api() {
						var er struct{ Status int }
						htJSON(t, body, &er)
						if er.Status != 403 {
							t.Errorf("%s %s: 403 JSON = %s", r.method, r.path, body)
						}
					} else if msg := htErrorMessage(t, body); !strings.Contains(msg, "角色无权") {
						t.Errorf("%s %s: 403 page says %q", r.method, r.path, msg)
					}
				}
			}
		})
	}
	// The navigation offers only what the role may open.
	for user, want := range map[string][]string{
		"cac":      {"/dashboard", "/cases", "/cases/mine", "/notices", "/sweeps", "/reports", "/rules"},
		"analyst":  {"/dashboard", "/cases", "/sweeps", "/reports", "/rules"},
		"approver": {"/dashboard", "/cases", "/cases/mine", "/notices", "/sweeps", "/reports", "/rules", "/audit"},
		"admin":    {"/dashboard", "/sweeps", "/audit", "/users"},
	} {
		doc := e.htLogin(user).htDoc("/account", http.StatusOK)
		var got []string
		doc.Find("header nav a").Each(func(_ int, a *goquery.Selection) { got = append(got, a.AttrOr("href", "")) })
		if !slices.Equal(got, want) {
			t.Errorf("%s's navigation = %v, want %v", user, got, want)
		}
	}
}

// TestSecurityRouteRoles: who may confirm a case onto which route
// (casework.Route.Reviewers), written out.
func TestSecurityRouteRoles(t *testing.T) {
	e := htNew(t)
	want := map[string]map[string]int{
		"cac":         {"takedown_cac": 303, "takedown_samr": 403, "police_referral": 303},
		"samr":        {"takedown_cac": 403, "takedown_samr": 303, "police_referral": 303},
		"cacapprover": {"takedown_cac": 303, "takedown_samr": 403, "police_referral": 303},
		"approver":    {"takedown_cac": 403, "takedown_samr": 403, "police_referral": 403},
		"analyst":     {"takedown_cac": 403, "takedown_samr": 403, "police_referral": 403},
		"admin":       {"takedown_cac": 403, "takedown_samr": 403, "police_referral": 403},
	}
	n := 0
	for user, routes := range want {
		cl := e.htLogin(user)
		for _, route := range []string{"takedown_cac", "takedown_samr", "police_referral"} {
			n++
			id := e.htSimple("https://routes.example/"+user+"/"+route, casework.Route(route))
			if user == "cac" || user == "samr" {
				// The case page offers exactly the routes allowed.
				doc := cl.htDoc("/cases/"+htID(id), http.StatusOK)
				offered := doc.Find(`#confirm-form input[name=route][value=` + route + `]`).Length()
				if (offered == 1) != (routes[route] == 303) {
					t.Errorf("%s offered %s: %v", user, route, offered == 1)
				}
			}
			resp, body := cl.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {route}})
			if resp.StatusCode != routes[route] {
				t.Errorf("%s confirms onto %s: %d, want %d: %s", user, route, resp.StatusCode, routes[route], htClip(body))
			}
			wantStatus := casework.CaseOpen
			if routes[route] == 303 {
				wantStatus = casework.CaseConfirmed
				if route == "police_referral" {
					wantStatus = casework.CasePendingApproval
				}
			}
			if c := e.htCase(id); c.Status != wantStatus {
				t.Errorf("%s confirms onto %s: case %s, want %s", user, route, c.Status, wantStatus)
			}
		}
	}
	if n != 18 {
		t.Fatalf("%d combinations", n)
	}
}

// TestSecurityNoticeMoves: a reviewer moves only their route's notices and
// never signs off or withdraws; an approver does all.
func TestSecurityNoticeMoves(t *testing.T) {
	e := htNew(t)
	cac, samr, approver, analyst := e.htLogin("cac"), e.htLogin("samr"), e.htLogin("approver"), e.htLogin("analyst")
	notices := map[string]string{}
	for _, x := range []struct {
		cl    *htClient
		route string
	}{{cac, "takedown_cac"}, {samr, "takedown_samr"}} {
		id := e.htSimple("https://moves.example/"+x.route, casework.Route(x.route))
		resp, body := x.cl.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {x.route}})
		htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
		notices[x.route] = htID(e.htCase(id).NoticeID)
	}
	for _, step := range []struct {
		who   *htClient
		route string
		to    string
		want  int
	}{
		{cac, "takedown_cac", "approved", 403},
		{analyst, "takedown_cac", "approved", 403},
		{approver, "takedown_cac", "approved", 303},
		{cac, "takedown_cac", "draft", 403},
		{samr, "takedown_cac", "sent", 403},
		{cac, "takedown_cac", "sent", 303},
		{samr, "takedown_cac", "acknowledged", 403},
		{cac, "takedown_cac", "acknowledged", 303},
		{cac, "takedown_cac", "removed", 303},
		{cac, "takedown_cac", "refused", 409},
		{samr, "takedown_samr", "approved", 403},
		{approver, "takedown_samr", "approved", 303},
		{cac, "takedown_samr", "sent", 403},
		{approver, "takedown_samr", "draft", 303},
		{approver, "takedown_samr", "approved", 303},
		{samr, "takedown_samr", "sent", 303},
		{approver, "takedown_samr", "refused", 303},
	} {
		resp, body := step.who.htPost("/notices/"+notices[step.route]+"/move", url.Values{"to": {step.to}})
		if resp.StatusCode != step.want {
			t.Errorf("%s moves the %s notice to %s: %d, want %d: %s", step.who.user, step.route, step.to, resp.StatusCode, step.want, htClip(body))
		}
	}
}

func TestSecurityCSRF(t *testing.T) {
	e := htNew(t)
	super := e.htLogin("super")
	other := e.htLogin("cac")
	before, err := e.st.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The same length as the real token, one character different (a
	// fixed "x" prefix would be the real token whenever it starts with x).
	wrong := "x" + super.csrf[1:]
	if super.csrf[0] == 'x' {
		wrong = "y" + super.csrf[1:]
	}
	for _, r := range htRoutes {
		if r.method != "POST" || r.who == "login" {
			continue
		}
		for _, tc := range []struct {
			name string
			tok  string
			hdr  map[string]string
		}{
			{"no token", "", nil},
			{"wrong token", wrong, nil},
			{"another session's token", other.csrf, nil},
			{"token in the query string only", "", map[string]string{"query": "csrf=" + url.QueryEscape(super.csrf)}},
			{"cross-site Origin", super.csrf, map[string]string{"Origin": "https://evil.example"}},
			{"Origin of another port", super.csrf, map[string]string{"Origin": "http://127.0.0.1:1"}},
			{"cross-site fetch", super.csrf, map[string]string{"Sec-Fetch-Site": "cross-site"}},
		} {
			t.Run(r.pattern+"/"+tc.name, func(t *testing.T) {
				path := r.path
				hdr := map[string]string{}
				for k, v := range tc.hdr {
					if k == "query" {
						path += "?" + v
					} else {
						hdr[k] = v
					}
				}
				var resp *http.Response
				var body []byte
				if r.api() {
					hdr["Content-Type"] = "application/json"
					if tc.tok != "" {
						hdr["X-CSRF-Token"] = tc.tok
					}
					resp, body = super.htDo("POST", path, strings.NewReader(`{"action":"reopen"}`), hdr)
				} else {
					form := url.Values{"current": {htPassword}, "password": {"Another-pass-1"}, "again": {"Another-pass-1"},
						"case": {"1"}, "action": {"reopen"}, "op": {"disable"}, "to": {"sent"}, "name": {"mallory"}, "role": {"admin"}}
					if tc.tok != "" {
						form.Set("csrf", tc.tok)
					}
					resp, body = super.htPostRaw(path, form, hdr)
				}
				htExpect(t, "POST "+path, resp, body, http.StatusForbidden, "")
				if !r.api() {
					if msg := htErrorMessage(t, body); !strings.Contains(msg, "CSRF") {
						t.Errorf("403 page says %q", msg)
					}
				}
			})
		}
	}
	// Nothing happened, and the session is still there.
	after, err := e.st.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("refused requests wrote %d audit entries: %+v", len(after)-len(before), after[:len(after)-len(before)])
	}
	if _, err := e.st.User("mallory"); err == nil {
		t.Error("a refused request created a user")
	}
	// The same request with the token and this site's Origin passes.
	resp, body := super.htPostRaw("/audit/verify", url.Values{"csrf": {super.csrf}}, map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"})
	htExpect(t, "same-origin verify", resp, body, http.StatusOK, "")
	resp, body = super.htDo("POST", "/api/cases/999999/decide", strings.NewReader("{}"),
		map[string]string{"Content-Type": "application/json", "X-CSRF-Token": super.csrf, "Origin": e.srv.URL})
	htExpect(t, "same-origin API", resp, body, http.StatusNotFound, "")
}

func TestSecurityLoginCSRF(t *testing.T) {
	e := htNew(t)
	pageToken := func(c *htClient) string {
		_, body := c.htGet("/login")
		return htParse(t, body).Find(`#login-form input[name=csrf]`).AttrOr("value", "")
	}
	form := func(tok string) url.Values {
		return url.Values{"csrf": {tok}, "user": {"cac"}, "password": {htPassword}}
	}
	for _, tc := range []struct {
		name string
		do   func() (*http.Response, []byte)
	}{
		{"no login cookie", func() (*http.Response, []byte) {
			tok := pageToken(e.htAnon())
			return e.htAnon().htPostRaw("/login", form(tok), nil)
		}},
		{"no token", func() (*http.Response, []byte) {
			c := e.htAnon()
			pageToken(c)
			return c.htPostRaw("/login", form(""), nil)
		}},
		{"another browser's token", func() (*http.Response, []byte) {
			c := e.htAnon()
			pageToken(c)
			return c.htPostRaw("/login", form(pageToken(e.htAnon())), nil)
		}},
		{"cross-site Origin", func() (*http.Response, []byte) {
			c := e.htAnon()
			return c.htPostRaw("/login", form(pageToken(c)), map[string]string{"Origin": "https://evil.example"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := tc.do()
			htExpect(t, "login", resp, body, http.StatusForbidden, "")
			for _, ck := range resp.Cookies() {
				if ck.Name == "certwatch_session" && ck.Value != "" {
					t.Error("a refused login set a session")
				}
			}
		})
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "login"}); len(ents) != 0 {
		t.Errorf("refused logins were tried: %+v", ents)
	}
	// The same with the matching cookie and field passes.
	c := e.htAnon()
	resp, body := c.htPostRaw("/login", form(pageToken(c)), map[string]string{"Origin": e.srv.URL})
	htExpect(t, "login", resp, body, http.StatusSeeOther, "/")
}

func TestSecurityLoginThrottle(t *testing.T) {
	e := htNew(t)
	c := e.htAnon()
	for i := range 5 {
		resp, body := c.htSignIn("cac", "wrong-password-"+string(rune('a'+i)), "")
		htExpect(t, "wrong password", resp, body, http.StatusUnauthorized, "")
	}
	resp, body := c.htSignIn("cac", htPassword, "")
	htExpect(t, "right password while locked", resp, body, http.StatusTooManyRequests, "")
	if got := htParse(t, body).Find("#login-error").Text(); !strings.Contains(got, "登录失败次数过多") {
		t.Errorf("429 page says %q", got)
	}
	resp, body = e.htAnon().htSignIn("samr", htPassword, "")
	htExpect(t, "another account from the same address", resp, body, http.StatusTooManyRequests, "")
	e.clock.Add(59 * time.Second)
	resp, body = c.htSignIn("cac", htPassword, "")
	htExpect(t, "before the lockout ends", resp, body, http.StatusTooManyRequests, "")
	e.clock.Add(2 * time.Second)
	resp, body = c.htSignIn("cac", htPassword, "")
	htExpect(t, "after the lockout", resp, body, http.StatusSeeOther, "/")
	// The address's count goes on: one more failure locks it for longer.
	resp, body = e.htAnon().htSignIn("cac", "wrong-again", "")
	htExpect(t, "wrong password", resp, body, http.StatusUnauthorized, "")
	resp, body = e.htAnon().htSignIn("cac", htPassword, "")
	htExpect(t, "locked again", resp, body, http.StatusTooManyRequests, "")
	e.clock.Add(61 * time.Second)
	resp, body = e.htAnon().htSignIn("cac", htPassword, "")
	htExpect(t, "the longer lockout", resp, body, http.StatusTooManyRequests, "")
	e.clock.Add(60 * time.Second)
	resp, body = e.htAnon().htSignIn("cac", htPassword, "")
	htExpect(t, "after the longer lockout", resp, body, http.StatusSeeOther, "/")
	// Each burst (account and address) is audited as its first failure
	// and, when the account signs in from there, one entry with the rest.
	ents, err := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range ents {
		got = append(got, en.Action+": "+en.Detail)
	}
	want := []string{ // newest first
		"login.failed.repeated: 2 more failed sign-ins for cac from 127.0.0.1 between 2026-03-10T02:01:01Z and 2026-03-10T02:02:02Z: 2 refused unchecked",
		"login.failed: wrong password from 127.0.0.1",
		"login.failed.repeated: 6 more failed sign-ins for cac from 127.0.0.1 between 2026-03-10T02:00:00Z and 2026-03-10T02:00:59Z: 4 checked (wrong password ×4); 2 refused unchecked",
		"login.failed: wrong password from 127.0.0.1",
	}
	if len(got) != len(want) {
		t.Fatalf("login.failed entries:\n%s\nwant two bursts, each its first failure and the rest", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("entry %d = %q, want %q…", i, got[i], want[i])
		}
	}
}

// TestSecurityOwnPasswordThrottle: guessing the current password on the
// account page is throttled like sign-in.
func TestSecurityOwnPasswordThrottle(t *testing.T) {
	e := htNew(t)
	cl := e.htLogin("cac")
	const next = "Next-password-9"
	change := func(current string) (*http.Response, []byte) {
		return cl.htPost("/account/password", url.Values{"current": {current}, "password": {next}, "again": {next}})
	}
	for range 5 {
		resp, body := change("guess-guess")
		htExpect(t, "wrong current password", resp, body, http.StatusForbidden, "")
	}
	resp, body := change(htPassword)
	htExpect(t, "right current password while locked", resp, body, http.StatusTooManyRequests, "")
	if u, _ := e.st.User("cac"); u.PasswordHash != htHash(t) {
		t.Fatal("the password changed while locked")
	}
	e.clock.Add(61 * time.Second)
	resp, body = change(htPassword)
	htExpect(t, "after the lockout", resp, body, http.StatusSeeOther, "/login?ok=password")
}

// htCSP parses a Content-Security-Policy into its directives.
func htCSP(h string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(h, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[strings.ToLower(f[0])] = f[1:]
		}
	}
	return out
}

// htCheckHeaders checks the headers every answer must have.
func htCheckHeaders(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	csp := htCSP(resp.Header.Get("Content-Security-Policy"))
	scripts, ok := csp["script-src"]
	if !ok {
		scripts, ok = csp["default-src"]
	}
	if !ok {
		t.Errorf("%s: CSP %q limits no script", what, resp.Header.Get("Content-Security-Policy"))
	}
	for _, s := range scripts {
		switch strings.ToLower(s) {
		case "'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:":
			t.Errorf("%s: CSP allows scripts from %s", what, s)
		}
	}
	if fa := csp["frame-ancestors"]; strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") && !slices.Equal(fa, []string{"'none'"}) {
		t.Errorf("%s: CSP frame-ancestors %v", what, fa)
	}
	for h, want := range map[string]string{
		"X-Frame-Options":        "DENY",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s: %s = %q, want %q", what, h, got, want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := htNew(t)
	id := e.htSimple("https://headers.example/a", "takedown_cac")
	super := e.htLogin("super")
	resp, body := super.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	c := e.htCase(id)
	paths := []string{"/cases/" + htID(id), "/notices/" + htID(c.NoticeID), "/notices/" + htID(c.NoticeID) + "/document",
		"/cases/" + htID(id) + "/snapshots/" + htID(c.LatestSnapshot) + "/body", "/api/cases/" + htID(id), "/no/such/page"}
	for _, r := range htRoutes {
		if r.method == "GET" {
			paths = append(paths, r.path)
		}
	}
	for _, p := range paths {
		for _, cl := range []*htClient{super, e.htAnon()} {
			resp, body := cl.htGet(p)
			htCheckHeaders(t, "GET "+p+" as "+cl.user, resp)
			// Printable documents (a notice, a report) carry their own
			// stylesheet inline and a CSP allowing only that.
			document := strings.HasSuffix(p, "/document") || strings.HasPrefix(p, "/reports/html")
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") && !document {
				// The pages need nothing the CSP refuses: no inline script or
				// style, no event handler attributes.
				doc := htParse(t, body)
				doc.Find("script").Each(func(_ int, s *goquery.Selection) {
					if !htOwnScript(s.AttrOr("src", "")) || strings.TrimSpace(s.Text()) != "" {
						t.Errorf("GET %s: inline or foreign script %q", p, s.AttrOr("src", s.Text()))
					}
				})
				if doc.Find("style, [style]").Length() > 0 {
					t.Errorf("GET %s: inline style, which the CSP blocks", p)
				}
			}
		}
	}
	// Answers to refused and failed requests too.
	for _, x := range []struct {
		what string
		do   func() (*http.Response, []byte)
	}{
		{"401", func() (*http.Response, []byte) { return e.htAnon().htPostRaw("/audit/verify", nil, nil) }},
		{"403 CSRF", func() (*http.Response, []byte) { return super.htPostRaw("/audit/verify", nil, nil) }},
		{"403 role", func() (*http.Response, []byte) { return e.htLogin("analyst").htGet("/audit") }},
		{"login failure", func() (*http.Response, []byte) { return e.htAnon().htSignIn("cac", "wrong-password", "") }},
		{"login", func() (*http.Response, []byte) { return e.htAnon().htSignIn("cac", htPassword, "") }},
	} {
		resp, _ := x.do()
		htCheckHeaders(t, x.what, resp)
	}
}

func TestSecurityCookies(t *testing.T) {
	cookie := func(resp *http.Response, name string) *http.Cookie {
		for _, c := range resp.Cookies() {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("no %s cookie in %v", name, resp.Header["Set-Cookie"])
		return nil
	}
	t.Run("plain HTTP", func(t *testing.T) {
		e := htNew(t)
		c := e.htAnon()
		resp, body := c.htSignIn("cac", htPassword, "")
		htExpect(t, "login", resp, body, http.StatusSeeOther, "/")
		s := cookie(resp, "certwatch_session")
		if !s.HttpOnly || s.SameSite != http.SameSiteStrictMode || s.Path != "/" || s.Domain != "" || s.Secure || s.MaxAge != 12*3600 || len(s.Value) < 40 {
			t.Errorf("session cookie = %+v", s)
		}
		if l := cookie(resp, "certwatch_login"); l.MaxAge >= 0 {
			t.Errorf("the login cookie is not cleared after sign-in: %+v", l)
		}
		// The session ends with logout, and the old token is dead.
		c.user = "cac"
		c.htRefreshCSRF()
		resp, body = c.htPost("/logout", nil)
		htExpect(t, "logout", resp, body, http.StatusSeeOther, "/login")
		if s2 := cookie(resp, "certwatch_session"); s2.MaxAge >= 0 || s2.Value != "" {
			t.Errorf("logout cookie = %+v", s2)
		}
		resp, body = e.htAnon().htDo("GET", "/api/me", nil, map[string]string{"Cookie": "certwatch_session=" + s.Value})
		htExpect(t, "old session after logout", resp, body, http.StatusUnauthorized, "")
		// Sessions end by themselves after their lifetime.
		c2 := e.htLogin("samr")
		e.clock.Add(12*time.Hour - time.Second)
		resp, body = c2.htGet("/api/me")
		htExpect(t, "session before its end", resp, body, http.StatusOK, "")
		e.clock.Add(2 * time.Second)
		resp, body = c2.htGet("/cases")
		htExpect(t, "expired session", resp, body, http.StatusSeeOther, "/login?next=%2Fcases")
	})
	t.Run("SecureCookies", func(t *testing.T) {
		e := htNew(t, func(o *review.Options) { o.SecureCookies = true })
		c := e.htAnon()
		resp, body := c.htGet("/login")
		htExpect(t, "login page", resp, body, http.StatusOK, "")
		l := cookie(resp, "__Host-certwatch_login")
		if !l.Secure || !l.HttpOnly || l.Path != "/" || l.Domain != "" || l.SameSite != http.SameSiteStrictMode {
			t.Errorf("login cookie = %+v", l)
		}
		tok := htParse(t, body).Find(`#login-form input[name=csrf]`).AttrOr("value", "")
		form := url.Values{"csrf": {tok}, "user": {"cac"}, "password": {htPassword}}
		resp, body = e.htAnon().htPostRaw("/login", form, map[string]string{"Cookie": "certwatch_login=" + l.Value})
		htExpect(t, "login with the unprefixed cookie", resp, body, http.StatusForbidden, "")
		resp, body = e.htAnon().htPostRaw("/login", form, map[string]string{"Cookie": "__Host-certwatch_login=" + l.Value})
		htExpect(t, "login", resp, body, http.StatusSeeOther, "/")
		s := cookie(resp, "__Host-certwatch_session")
		if !s.Secure || !s.HttpOnly || s.Path != "/" || s.Domain != "" || s.SameSite != http.SameSiteStrictMode {
			t.Errorf("session cookie = %+v", s)
		}
		resp, body = e.htAnon().htDo("GET", "/api/me", nil, map[string]string{"Cookie": "__Host-certwatch_session=" + s.Value})
		htExpect(t, "session", resp, body, http.StatusOK, "")
		resp, body = e.htAnon().htDo("GET", "/api/me", nil, map[string]string{"Cookie": "certwatch_session=" + s.Value})
		htExpect(t, "session under the unprefixed name", resp, body, http.StatusUnauthorized, "")
	})
	t.Run("TLS", func(t *testing.T) {
		e := htNew(t)
		srv := httptest.NewTLSServer(e.rs)
		defer srv.Close()
		resp, err := srv.Client().Get(srv.URL + "/login")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if l := cookie(resp, "__Host-certwatch_login"); !l.Secure {
			t.Errorf("login cookie over TLS = %+v", l)
		}
	})
}

// Hostile crawled content.
const (
	htXTitle   = `办证<script>alert(1)</script>包过`
	htXText    = `特种作业操作证 免考 <img src=x onerror=alert(1)> 联系 "><svg onload=alert(1)> 微信 <b onmouseover=alert(7)>zs888</b> 结束`
	htXURL     = `javascript:alert(1)`
	htYURL     = `https://shop.example/p?q="><svg/onload=alert(1)>`
	htXContact = `<img src=x onerror=alert(2)>`
	htXReason  = `规则 <script>alert(3)</script> 命中 "><svg onload=alert(3)>`
	htXRule    = `<svg onload=alert(4)>`
	htXNote    = `<script>alert(5)</script>`
	htXRecip   = `"><img src=x onerror=alert(6)>平台`
	htXUser    = `<svg onload=alert(10)>`
	htXTerm    = `" onmouseover="alert(8)`
)

// htAssertInert fails when a parsed page holds anything from hostile
// text that a browser would run: script elements other than the UI's own,
// on* attributes, script URLs in links, or svg, iframe, object, embed,
// base elements, or images other than the screenshot.
func htAssertInert(t *testing.T, what string, body []byte, ownScript bool) *goquery.Document {
	t.Helper()
	doc := htParse(t, body)
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: <%s %s=%q>", what, n.Data, a.Key, a.Val)
			}
			switch key {
			case "href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc":
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:") || key == "srcdoc" {
					t.Errorf("%s: <%s %s=%q>", what, n.Data, a.Key, a.Val)
				}
			}
		}
		switch n.Data {
		case "script":
			if !ownScript || !htOwnScript(s.AttrOr("src", "")) || s.Text() != "" {
				t.Errorf("%s: script element %q %q", what, s.AttrOr("src", ""), s.Text())
			}
		case "svg", "math", "iframe", "frame", "object", "embed", "base":
			t.Errorf("%s: <%s> element", what, n.Data)
		case "img":
			if id := s.AttrOr("id", ""); (id != "screenshot" && id != "screenshot-full") || !strings.HasPrefix(s.AttrOr("src", ""), "/cases/") {
				t.Errorf("%s: <img src=%q>", what, s.AttrOr("src", ""))
			}
		case "meta":
			if strings.EqualFold(s.AttrOr("http-equiv", ""), "refresh") {
				t.Errorf("%s: meta refresh", what)
			}
		}
	})
	if ownScript && doc.Find(`script[src="/static/app.js"]`).Length() != 1 {
		t.Errorf("%s: the UI's script is missing", what)
	}
	// Escaped, the markup's < is &lt;: none of it may appear as is.
	for _, raw := range []string{"<script>alert", "<img src=x", "<svg", "<b onmouseover"} {
		if strings.Contains(string(body), raw) {
			t.Errorf("%s: the answer contains %q unescaped", what, raw)
		}
	}
	return doc
}

func TestSecurityHostileContent(t *testing.T) {
	e := htNew(t)
	shot := []byte(`<svg onload=alert(1)>`) // not a PNG
	page := htPage{URL: htXURL, Title: htXTitle, Text: htXText, Score: 9,
		Matches: []matcher.Match{
			htSpan(t, "title", htXTitle, "<script>alert", "term", htXTerm),
			htSpan(t, "title", htXTitle, "包过", "term", "包过"),
			htSpan(t, "text", htXText, "<img src=x", "pattern", "/<img[^>]*>/"),
			htSpan(t, "text", htXText, `"><svg`, "group", `<svg onload=alert(9)>`),
		},
		Contacts: []matcher.Contact{htContact(t, "text", htXText, `<b onmouseover=alert(7)>zs888</b>`, "wechat", htXContact)},
		Reasons:  []string{htXReason},
		Rules: []matcher.RuleHit{
			{ID: "cert-sale-no-exam", Category: "cert_sale", Pack: e.pack.Version(), Route: casework.RouteTakedownCAC, Score: 9, Threshold: 6, Fired: true},
			{ID: htXRule, Category: htXRule, Pack: `<script>alert(4)</script>`, Score: 7, Threshold: 6, Fired: true},
		},
		Body: []byte(`<html><script>alert(1)</script><img src=x onerror=alert(1)></html>`), Screenshot: shot}
	x := e.htRecord(page)
	page.URL, page.Screenshot = htYURL, htPNG
	y := e.htRecord(page)

	cac, approver := e.htLogin("cac"), e.htLogin("approver")
	for _, id := range []uint64{x.CaseID, y.CaseID} {
		resp, body := cac.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"},
			"recipient": {htXRecip}, "note": {htXNote}})
		htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	}
	nid := htID(e.htCase(x.CaseID).NoticeID)
	resp, body := approver.htPost("/notices/"+nid+"/move", url.Values{"to": {"approved"}, "note": {`<svg onload=alert(11)>`}})
	htExpect(t, "approve", resp, body, http.StatusSeeOther, "")
	loginResp, loginBody := e.htAnon().htSignIn(htXUser, "wrong-password", "")
	htExpect(t, "hostile user name", loginResp, loginBody, http.StatusUnauthorized, "")

	t.Run("login page", func(t *testing.T) {
		doc := htAssertInert(t, "login page", loginBody, true)
		if got := doc.Find(`#login-form input[name=user]`).AttrOr("value", ""); got != htXUser {
			t.Errorf("user field = %q", got)
		}
	})
	t.Run("queue", func(t *testing.T) {
		_, body := approver.htGet("/cases?status=")
		doc := htAssertInert(t, "queue", body, true)
		row := doc.Find(`#case-table tr[data-case="` + htID(x.CaseID) + `"]`)
		if got := strings.TrimSpace(row.Find("td.title a").Text()); got != htXTitle {
			t.Errorf("title = %q", got)
		}
		if got := row.Find("td.title a").AttrOr("href", ""); got != "/cases/"+htID(x.CaseID) {
			t.Errorf("title link = %q", got)
		}
		if got := row.Find("div.url").Text(); got != htXURL {
			t.Errorf("url = %q", got)
		}
		if !strings.Contains(string(body), "办证&lt;script&gt;alert(1)&lt;/script&gt;包过") {
			t.Error("the title is not escaped as text")
		}
	})
	t.Run("case page", func(t *testing.T) {
		for _, id := range []uint64{x.CaseID, y.CaseID} {
			_, body := approver.htGet("/cases/" + htID(id))
			doc := htAssertInert(t, "case page", body, true)
			if got := doc.Find("#case-title").Text(); got != "案件 #"+htID(id)+"："+htXTitle {
				t.Errorf("title = %q", got)
			}
			if got := htMarks(doc, "#case-title"); !slices.Equal(got, []htMark{{"<script>alert", "m-term", htXTerm}, {"包过", "m-term", "包过"}}) {
				t.Errorf("title marks = %q", got)
			}
			if got := doc.Find("#page-text").Text(); got != htXText {
				t.Errorf("text = %q", got)
			}
			if got := htMarks(doc, "#page-text"); !slices.Equal(got, []htMark{{"<img src=x", "m-pattern", "/<img[^>]*>/"},
				{`"><svg`, "m-group", `<svg onload=alert(9)>`}, {`<b onmouseover=alert(7)>zs888</b>`, "m-contact", "wechat"}}) {
				t.Errorf("text marks = %q", got)
			}
			if got := htTexts(doc, "#contacts li"); len(got) != 1 || got[0] != "微信："+htXContact+"（原文 <b onmouseover=alert(7)>zs888</b>）" {
				t.Errorf("contacts = %q", got)
			}
			if got := htTexts(doc, "#reasons li"); !slices.Equal(got, []string{htXReason}) {
				t.Errorf("reasons = %q", got)
			}
			if !strings.Contains(doc.Find("#rule-hits").Text(), htXRule) || !strings.Contains(doc.Find("#rule-hits").Text(), "<script>alert(4)</script>") {
				t.Errorf("rule hits = %q", doc.Find("#rule-hits").Text())
			}
			if got := doc.Find("#decisions").Text(); !strings.Contains(got, htXNote) || !strings.Contains(got, htXRecip) {
				t.Errorf("decisions = %q", got)
			}
			if got := doc.Find("#case-notice").Text(); !strings.Contains(got, htXRecip) {
				t.Errorf("notice link = %q", got)
			}
			links := doc.Find(`a[target=_blank]`)
			if id == x.CaseID {
				if doc.Find("#case-url").Text() != htXURL || links.Length() != 0 {
					t.Errorf("a javascript: URL is shown as %q with %d links", doc.Find("#case-url").Text(), links.Length())
				}
			} else {
				href := links.AttrOr("href", "")
				if links.Length() != 1 || !strings.HasPrefix(href, "https://shop.example/p?q=") || strings.ContainsAny(href, `"<> `) {
					t.Errorf("link to the crawled page = %q", href)
				}
			}
		}
	})
	t.Run("notices", func(t *testing.T) {
		_, body := approver.htGet("/notices")
		doc := htAssertInert(t, "notice list", body, true)
		if !strings.Contains(doc.Find("#notice-table").Text(), htXRecip) {
			t.Error("the recipient is not shown as text")
		}
		_, body = approver.htGet("/notices/" + nid)
		doc = htAssertInert(t, "notice page", body, true)
		if !strings.Contains(doc.Find("h1").Text(), htXRecip) {
			t.Errorf("heading = %q", doc.Find("h1").Text())
		}
		items := doc.Find("#notice-items tbody tr")
		if items.Length() != 2 || items.Eq(0).Find("div.url").Text() != htXURL || items.Eq(1).Find("div.url").Text() != htYURL ||
			!strings.Contains(items.Eq(0).Text(), htXTitle) {
			t.Errorf("items = %q", items.Text())
		}
		if !strings.Contains(doc.Find("#notice-history").Text(), `<svg onload=alert(11)>`) {
			t.Error("the history note is not shown as text")
		}
	})
	t.Run("notice document", func(t *testing.T) {
		resp, body := approver.htGet("/notices/" + nid + "/document")
		htExpect(t, "document", resp, body, http.StatusOK, "")
		doc := htAssertInert(t, "notice document", body, false)
		if got := doc.Find("#addressee").Text(); got != htXRecip+"：" {
			t.Errorf("addressee = %q", got)
		}
		rows := doc.Find("#listings tr.listing")
		if rows.Length() != 2 || rows.Eq(0).Find(".page-title").Text() != htXTitle || rows.Eq(0).Find("td.url").Text() != htXURL ||
			rows.Eq(1).Find("td.url").Text() != htYURL {
			t.Errorf("listings = %q", rows.Text())
		}
		if strings.Contains(doc.Find("#body").Text(), htXRule) {
			t.Error("a rule id that is in no pack reached the document")
		}
	})
	t.Run("audit", func(t *testing.T) {
		_, body := approver.htGet("/audit")
		doc := htAssertInert(t, "audit page", body, true)
		text := doc.Find("#audit-table").Text()
		for _, want := range []string{htXNote, htXRecip, "用户 " + htXUser, `<svg onload=alert(11)>`} {
			if !strings.Contains(text, want) {
				t.Errorf("the audit page does not show %q as text", want)
			}
		}
	})
	t.Run("JSON API", func(t *testing.T) {
		for _, p := range []string{"/api/cases?status=", "/api/cases/" + htID(x.CaseID), "/api/notices", "/api/notices/" + nid} {
			resp, body := approver.htGet(p)
			htExpect(t, p, resp, body, http.StatusOK, "")
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: Content-Type %q", p, ct)
			}
			for _, raw := range []string{"<script", "<img", "<svg", "<b "} {
				if strings.Contains(string(body), raw) {
					t.Errorf("%s: %q unescaped in JSON", p, raw)
				}
			}
		}
		_, body := approver.htGet("/api/cases/" + htID(x.CaseID))
		var one struct {
			Case    store.Case      `json:"case"`
			Finding matcher.Finding `json:"finding"`
		}
		htJSON(t, body, &one)
		if one.Case.Title != htXTitle || one.Case.URL != htXURL || one.Finding.Contacts[0].Value != htXContact || one.Finding.Reasons[0] != htXReason {
			t.Errorf("decoded case = %+v", one.Case)
		}
	})
	t.Run("raw body", func(t *testing.T) {
		p := "/cases/" + htID(x.CaseID) + "/snapshots/" + htID(x.SnapshotID) + "/body"
		resp, body := cac.htGet(p)
		htExpect(t, p, resp, body, http.StatusOK, "")
		if string(body) != string(page.Body) {
			t.Errorf("body = %q", body)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, `filename="case-`) {
			t.Errorf("Content-Disposition = %q", cd)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/octet-stream" {
			t.Errorf("Content-Type = %q", ct)
		}
		csp := htCSP(resp.Header.Get("Content-Security-Policy"))
		if _, ok := csp["sandbox"]; !ok || !slices.Equal(csp["default-src"], []string{"'none'"}) {
			t.Errorf("CSP = %q", resp.Header.Get("Content-Security-Policy"))
		}
		if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "evidence.download"}); len(ents) != 1 || ents[0].Actor != "cac" {
			t.Errorf("download audit = %+v", ents)
		}
		other := "/cases/" + htID(y.CaseID) + "/snapshots/" + htID(x.SnapshotID) + "/body"
		resp, body = cac.htGet(other)
		htExpect(t, "another case's snapshot", resp, body, http.StatusNotFound, "")
	})
	t.Run("screenshot", func(t *testing.T) {
		p := "/cases/" + htID(x.CaseID) + "/snapshots/" + htID(x.SnapshotID) + "/screenshot"
		resp, body := approver.htGet(p)
		htExpect(t, "non-PNG screenshot", resp, body, http.StatusNotFound, "")
		if strings.Contains(string(body), "onload=alert") || strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") {
			t.Errorf("non-PNG bytes served: %s %q", resp.Header.Get("Content-Type"), body)
		}
		p = "/cases/" + htID(y.CaseID) + "/snapshots/" + htID(y.SnapshotID) + "/screenshot"
		resp, body = approver.htGet(p)
		htExpect(t, "PNG screenshot", resp, body, http.StatusOK, "")
		if resp.Header.Get("Content-Type") != "image/png" || string(body) != string(htPNG) {
			t.Errorf("PNG served as %s, %d bytes", resp.Header.Get("Content-Type"), len(body))
		}
		if _, ok := htCSP(resp.Header.Get("Content-Security-Policy"))["sandbox"]; !ok {
			t.Errorf("screenshot CSP = %q", resp.Header.Get("Content-Security-Policy"))
		}
		resp, body = approver.htGet("/cases/" + htID(x.CaseID) + "/snapshots/" + htID(y.SnapshotID) + "/screenshot")
		htExpect(t, "another case's screenshot", resp, body, http.StatusNotFound, "")
	})
}

func TestSecurityBodyLimit(t *testing.T) {
	e := htNew(t)
	id := e.htSimple("https://limit.example/a", "takedown_cac")
	cl := e.htLogin("cac")
	big := strings.Repeat("长", (1<<20)/3+10) // just over 1 MiB of UTF-8
	path := "/cases/" + htID(id) + "/decide"

	resp, body := cl.htDo("POST", "/api"+path, strings.NewReader(`{"action":"dismiss","reason":"duplicate","note":"`+big+`"}`),
		map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf})
	htExpect(t, "API body over 1 MiB", resp, body, http.StatusRequestEntityTooLarge, "")
	if !strings.Contains(string(body), "请求内容过大") {
		t.Errorf("API answer = %s", htClip(body))
	}
	form := url.Values{"csrf": {cl.csrf}, "action": {"dismiss"}, "reason": {"duplicate"}, "note": {big}}
	resp, body = cl.htPostRaw(path, form, nil)
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("form over 1 MiB: %d: %s", resp.StatusCode, htClip(body))
	}
	resp, body = e.htAnon().htPostRaw("/login", url.Values{"user": {"cac"}, "password": {big}}, nil)
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("login over 1 MiB: %d: %s", resp.StatusCode, htClip(body))
	}
	if c := e.htCase(id); c.Status != casework.CaseOpen {
		t.Errorf("case %s after refused requests", c.Status)
	}
	// Just under the limit the body is read (and the long note refused on
	// its own terms).
	under := strings.Repeat("x", 200<<10)
	resp, body = cl.htDo("POST", "/api"+path, strings.NewReader(`{"action":"dismiss","reason":"duplicate","note":"`+under+`"}`),
		map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf})
	htExpect(t, "API body under the 256 KB limit", resp, body, http.StatusBadRequest, "")
	if !strings.Contains(string(body), "2000") {
		t.Errorf("answer = %s, want the note length refused", htClip(body))
	}
}

// htOwnScript reports whether src is one of the UI's own scripts (the
// only ones a page may load).
func htOwnScript(src string) bool { return src == "/static/app.js" || src == "/static/triage.js" }

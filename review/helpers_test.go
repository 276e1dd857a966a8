package review_test

// Helpers of handlers_test.go and security_test.go: a review server over
// httptest with a store under t.TempDir and an injected clock, accounts
// for every role, crawled cases with hand-made findings, and HTTP clients
// that keep cookies and do not follow redirects. Every name starts with
// ht so as not to collide with the other tests of the package.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// htPassword is every test account's password.
const htPassword = "Zheng-shu-2026!"

var (
	htHashOnce sync.Once
	htHashVal  string
)

// htHash hashes htPassword once per test binary with the cheapest Argon2id
// parameters VerifyPassword accepts: these tests sign in hundreds of times,
// and the full 64 MiB hash costs seconds each under the race detector (the
// e2e tests and the hashing tests keep the real parameters).
func htHash(t testing.TB) string {
	t.Helper()
	htHashOnce.Do(func() { htHashVal = review.CheapHash(htPassword) })
	return htHashVal
}

// htClock is an injected clock that moves only when told.
type htClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *htClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *htClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// htStart is when every test begins: 2026-03-10 10:00 in Beijing.
var htStart = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)

// htBeijing is the time zone the pages show.
var htBeijing = time.FixedZone("CST", 8*3600)

// htUsers are the accounts of every test environment, all with
// htPassword.
var htUsers = map[string][]casework.Role{
	"cac":         {casework.RoleReviewerCAC},
	"samr":        {casework.RoleReviewerSAMR},
	"approver":    {casework.RoleApprover},
	"approver2":   {casework.RoleApprover},
	"analyst":     {casework.RoleAnalyst},
	"admin":       {casework.RoleAdmin},
	"cacapprover": {casework.RoleReviewerCAC, casework.RoleApprover},
	"super":       casework.Roles,
}

// htEnv is one review server with its own database.
type htEnv struct {
	t     *testing.T
	st    *store.Store
	clock *htClock
	pack  *rules.Pack
	rs    *review.Server
	srv   *httptest.Server
	sweep uint64 // the latest sweep started by htSweep
}

type htOption func(*review.Options)

// htNew starts a server with the default rule pack and the test accounts.
func htNew(t *testing.T, opts ...htOption) *htEnv {
	t.Helper()
	clock := &htClock{t: htStart}
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	o := review.Options{Store: st, Packs: []*rules.Pack{pack}, Clock: clock.Now,
		Log: slog.New(slog.DiscardHandler)}
	for _, f := range opts {
		f(&o)
	}
	rs, err := review.New(o)
	if err != nil {
		t.Fatal(err)
	}
	hash := htHash(t)
	for name, roles := range htUsers {
		if err := st.CreateUser("test", store.User{Name: name, DisplayName: "测试" + name, Roles: roles, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(rs)
	t.Cleanup(srv.Close)
	return &htEnv{t: t, st: st, clock: clock, pack: pack, rs: rs, srv: srv}
}

// htSweep starts a new sweep; later htRecord calls go into it.
func (e *htEnv) htSweep() uint64 {
	e.t.Helper()
	sw := store.Sweep{ConfigHash: "test", Packs: []string{e.pack.Version()}}
	if err := e.st.StartSweep(&sw); err != nil {
		e.t.Fatal(err)
	}
	e.sweep = sw.ID
	return sw.ID
}

// htPage is one crawled page to record as a flagged case.
type htPage struct {
	URL        string
	Key        string // case key; default URL
	Source     string // default "tieba"
	Category   string // default cert_sale
	Score      float64
	Route      casework.Route // suggested route; default takedown_cac
	Title      string         // page title as the matcher read it (also the case title)
	Text       string
	Matches    []matcher.Match
	Contacts   []matcher.Contact
	Link       []store.CaseContact // contacts that link cases of one seller
	Rules      []matcher.RuleHit   // default: cert-sale-no-exam fired
	Reasons    []string
	Body       []byte // default: an HTML page of Title and Text
	Screenshot []byte
	At         time.Time // fetch time; default the clock
	Sweep      uint64    // default the latest sweep (one is started if none)
}

// htRecord records p through store.Record, as a sweep would.
func (e *htEnv) htRecord(p htPage) store.RecordResult {
	e.t.Helper()
	if p.Sweep == 0 {
		if e.sweep == 0 {
			e.htSweep()
		}
		p.Sweep = e.sweep
	}
	if p.Source == "" {
		p.Source = "tieba"
	}
	if p.Category == "" {
		p.Category = "cert_sale"
	}
	if p.Route == "" {
		p.Route = casework.RouteTakedownCAC
	}
	if p.Score == 0 {
		p.Score = 7
	}
	if p.Rules == nil {
		p.Rules = []matcher.RuleHit{{ID: "cert-sale-no-exam", Category: "cert_sale", Pack: e.pack.Version(),
			Route: p.Route, Score: p.Score, Threshold: e.pack.Threshold, Fired: true}}
	}
	if p.Reasons == nil {
		p.Reasons = []string{"规则 cert-sale-no-exam 得分 " + fmt.Sprint(p.Score)}
	}
	if p.Matches == nil {
		p.Matches = []matcher.Match{}
	}
	if p.Contacts == nil {
		p.Contacts = []matcher.Contact{}
	}
	if p.Body == nil {
		p.Body = []byte("<html><head><title>" + p.Title + "</title></head><body>" + p.Text + "</body></html>")
	}
	f := matcher.Finding{URL: p.URL, Flagged: true, Score: p.Score, Category: p.Category, Route: p.Route,
		Rules: p.Rules, Matches: p.Matches, Contacts: p.Contacts, Reasons: p.Reasons}
	raw, err := finding.Encode(&f)
	if err != nil {
		e.t.Fatal(err)
	}
	key := p.Key
	if key == "" {
		key = p.URL
	}
	res, err := e.st.Record(store.Observation{
		SweepID: p.Sweep, CaseKey: key, URL: p.URL, FinalURL: p.URL, SourceID: p.Source,
		Title: p.Title, FetchedAt: p.At, Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: p.Body,
		RemoteAddr: "192.0.2.7:443", Rendered: p.Screenshot != nil, Screenshot: p.Screenshot,
		Flagged: true, Score: p.Score, Category: p.Category, Finding: raw, PageTitle: p.Title, Text: p.Text, Contacts: p.Link,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

// htSpan is a match over the first occurrence of sub in s.
func htSpan(t testing.TB, field, s, sub, kind, term string) matcher.Match {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, s)
	}
	return matcher.Match{Field: field, Start: i, End: i + len(sub), Text: sub, Term: term, Kind: kind,
		Rules: []string{"cert-sale-no-exam"}}
}

// htContact is a contact over the first occurrence of sub in s.
func htContact(t testing.TB, field, s, sub, kind, value string) matcher.Contact {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, s)
	}
	return matcher.Contact{Kind: kind, Value: value, Field: field, Start: i, End: i + len(sub), Text: sub}
}

// htCase reads a case from the store.
func (e *htEnv) htCase(id uint64) *store.Case {
	e.t.Helper()
	c, err := e.st.Case(id)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// htClient is a browser: it keeps cookies (in a cookiejar), follows no
// redirect and knows its session's CSRF token.
type htClient struct {
	t    *testing.T
	e    *htEnv
	jar  http.CookieJar
	user string
	csrf string
}

// htAnon is a client without a session.
func (e *htEnv) htAnon() *htClient {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &htClient{t: e.t, e: e, jar: jar}
}

// htTransport carries every test request.
var htTransport = &http.Transport{ResponseHeaderTimeout: time.Minute}

// htLogin signs user in with htPassword and learns the CSRF token.
func (e *htEnv) htLogin(user string) *htClient {
	e.t.Helper()
	c := e.htAnon()
	resp, body := c.htSignIn(user, htPassword, "")
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: %d %s", user, resp.StatusCode, htClip(body))
	}
	c.user = user
	c.htRefreshCSRF()
	return c
}

// htRefreshCSRF reads the session's CSRF token from /api/me.
func (c *htClient) htRefreshCSRF() {
	c.t.Helper()
	resp, body := c.htGet("/api/me")
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("GET /api/me as %s: %d %s", c.user, resp.StatusCode, htClip(body))
	}
	var me struct {
		User string `json:"user"`
		CSRF string `json:"csrf_token"`
	}
	if err := json.Unmarshal(body, &me); err != nil || me.CSRF == "" || me.User != c.user {
		c.t.Fatalf("GET /api/me as %s = %s (%v)", c.user, body, err)
	}
	c.csrf = me.CSRF
}

// htSignIn loads the login page (for its CSRF cookie and field) and posts
// the form.
func (c *htClient) htSignIn(user, password, next string) (*http.Response, []byte) {
	c.t.Helper()
	resp, body := c.htGet("/login")
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("GET /login: %d", resp.StatusCode)
	}
	tok, ok := htParse(c.t, body).Find(`#login-form input[name=csrf]`).Attr("value")
	if !ok || tok == "" {
		c.t.Fatalf("login page has no csrf field: %s", htClip(body))
	}
	form := url.Values{"csrf": {tok}, "user": {user}, "password": {password}}
	if next != "" {
		form.Set("next", next)
	}
	return c.htDo("POST", "/login", strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

// htDo sends one request and reads the whole answer.
func (c *htClient) htDo(method, path string, body io.Reader, hdr map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.e.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	// One round trip, no redirect followed: http.Client would try to
	// parse a Location even when not following it, and fail on the very
	// ones an open-redirect test must see.
	for _, ck := range c.jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	resp, err := htTransport.RoundTrip(req)
	if err == nil {
		c.jar.SetCookies(req.URL, resp.Cookies())
	}
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	return resp, b
}

func (c *htClient) htGet(path string) (*http.Response, []byte) {
	c.t.Helper()
	return c.htDo("GET", path, nil, nil)
}

// htDoc GETs a page, checks its status and parses it.
func (c *htClient) htDoc(path string, want int) *goquery.Document {
	c.t.Helper()
	resp, body := c.htGet(path)
	if resp.StatusCode != want {
		c.t.Fatalf("GET %s as %s: %d, want %d: %s", path, c.user, resp.StatusCode, want, htClip(body))
	}
	return htParse(c.t, body)
}

// htPost posts a form with the session's CSRF token.
func (c *htClient) htPost(path string, form url.Values) (*http.Response, []byte) {
	c.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf", c.csrf)
	return c.htPostRaw(path, f, nil)
}

// htPostRaw posts a form as given, with extra headers.
func (c *htClient) htPostRaw(path string, form url.Values, hdr map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for k, v := range hdr {
		h[k] = v
	}
	return c.htDo("POST", path, strings.NewReader(form.Encode()), h)
}

// htPostJSON posts v as JSON with the X-CSRF-Token header.
func (c *htClient) htPostJSON(path string, v any) (*http.Response, []byte) {
	c.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.htDo("POST", path, bytes.NewReader(b), map[string]string{"Content-Type": "application/json", "X-CSRF-Token": c.csrf})
}

// htExpect fails unless resp has status want (and, for a 303, goes to
// location when given).
func htExpect(t testing.TB, what string, resp *http.Response, body []byte, want int, location string) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s: status %d, want %d: %s", what, resp.StatusCode, want, htClip(body))
	}
	if location != "" && resp.Header.Get("Location") != location {
		t.Fatalf("%s: Location %q, want %q", what, resp.Header.Get("Location"), location)
	}
}

func htParse(t testing.TB, body []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// htErrorMessage is the message of an error page.
func htErrorMessage(t testing.TB, body []byte) string {
	t.Helper()
	return strings.TrimSpace(htParse(t, body).Find("#error-message").Text())
}

// htTexts are the trimmed texts of the elements sel selects.
func htTexts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

// htRowIDs are the data-case attributes of the queue's rows, in order.
func htRowIDs(doc *goquery.Document) []string {
	var out []string
	doc.Find("#case-table tbody tr[data-case]").Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.AttrOr("data-case", ""))
	})
	return out
}

func htID(id uint64) string { return fmt.Sprint(id) }

func htIDs(ids ...uint64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = htID(id)
	}
	return out
}

func htClip(b []byte) string {
	s := string(b)
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}

// htJSON decodes a JSON answer.
func htJSON(t testing.TB, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", htClip(body), err)
	}
}

package review_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
	"github.com/certwatch/certwatch/testbed"
)

func chromiumPath(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (.ci/run installs it)")
	return ""
}

// e2eWorld is the sample web swept once, the review server on it, and
// the accounts of the walk-through.
type e2eWorld struct {
	web     *testbed.Web
	st      *store.Store
	srv     *httptest.Server
	cases   map[string]uint64 // case URL → id
	pw      string
	crawler *crawler.Crawler
}

// sampleSweep is the sample web swept once with its own configuration,
// keeping only the named sources.
type sampleSweep struct {
	web  *testbed.Web
	cfg  *config.Config
	pack *rules.Pack
	st   *store.Store
	cr   *crawler.Crawler
	sw   *sweep.Sweeper
	log  *slog.Logger
}

func sweepSampleWeb(t *testing.T, timeout time.Duration, sources ...string) *sampleSweep {
	t.Helper()
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.Close() })
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "e2e.yaml"), web.Config(filepath.Join(dir, "certwatch.db")))
	if err != nil {
		t.Fatal(err)
	}
	var keep []*config.Source
	for _, s := range cfg.Sources {
		if slices.Contains(sources, s.ID) {
			keep = append(keep, s)
		}
	}
	cfg.Sources = keep
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(pack)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cr, err := crawler.New(sweep.CrawlerOptions(cfg))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cr.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sw := &sweep.Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, Log: log, SearchTerms: pack.SearchTerms}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if _, err := sw.Run(ctx, false); err != nil {
		t.Fatalf("sweep: %v", err)
	}
	return &sampleSweep{web: web, cfg: cfg, pack: pack, st: st, cr: cr, sw: sw, log: log}
}

func newE2EWorld(t *testing.T) *e2eWorld {
	t.Helper()
	chromiumPath(t)
	// The forum, the marketplace (rendered, with screenshots) and the
	// imitation query site are enough for the walk-through.
	x := sweepSampleWeb(t, 3*time.Minute, "bbs", "shop", "imitation")
	web, cfg, pack, st, cr, sw, log := x.web, x.cfg, x.pack, x.st, x.cr, x.sw, x.log
	w := &e2eWorld{web: web, st: st, cases: map[string]uint64{}, pw: "correct horse battery", crawler: cr}
	cs, err := st.Cases(store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		w.cases[c.URL] = c.ID
	}
	hash, err := review.HashPassword(w.pw)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []store.User{
		{Name: "wang", DisplayName: "王审核", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: hash},
		{Name: "shi", DisplayName: "市监审核", Roles: []casework.Role{casework.RoleReviewerSAMR}, PasswordHash: hash},
		{Name: "shen", DisplayName: "沈审批", Roles: []casework.Role{casework.RoleApprover}, PasswordHash: hash},
	} {
		if err := st.CreateUser("test", u); err != nil {
			t.Fatal(err)
		}
	}
	checker := &sweep.RemovalChecker{Store: st, Sweeper: sw, Log: log}
	h, err := review.New(review.Options{Store: st, Packs: []*rules.Pack{pack}, Serve: cfg.Serve, Printer: cr.Browser(), Checker: checker, Log: log,
		SourceRoutes: map[string]casework.Route{"shop": casework.RouteTakedownSAMR},
		// The walk fetches the PDF with fetch() and clicks 立即复查: wait
		// for them in the request (the progress page is print_test's).
		TaskWait: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	w.srv = httptest.NewServer(h)
	t.Cleanup(w.srv.Close)
	return w
}

func (w *e2eWorld) caseID(t *testing.T, url string) uint64 {
	t.Helper()
	id, ok := w.cases[url]
	if !ok {
		var have []string
		for u := range w.cases {
			have = append(have, u)
		}
		slices.Sort(have)
		t.Fatalf("no case for %s; cases: %v", url, have)
	}
	return id
}

// browser starts a headless Chromium for the test to drive.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(1400, 1000),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		acancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// run runs browser actions under a deadline, failing the test with the
// page's text when they fail.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	get(t, ctx, what, chromedp.Steps(steps...))
}

// get runs one action that returns a value.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		dctx, dcancel := context.WithTimeout(ctx, 5*time.Second)
		loc, _ := chromedp.Run(dctx, chromedp.Location())
		body, _ := chromedp.Run(dctx, chromedp.Text(chromedp.CSS("body")))
		dcancel()
		t.Fatalf("%s: %v\nat %s:\n%.2000s", what, err, loc, body)
	}
	return v
}

func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return get(t, ctx, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

func login(t *testing.T, ctx context.Context, base, user, pw string) {
	t.Helper()
	run(t, ctx, "log in as "+user,
		chromedp.Navigate(base+"/cases"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")), // redirected to sign in
		chromedp.SendKeys(chromedp.CSS("#user"), user),
		chromedp.SendKeys(chromedp.CSS("#password"), pw),
		chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS("#me")),
	)
}

func logout(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "log out", chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
}

// TestEndToEndReview walks a review through a real browser: sign in, open
// the queue, confirm a takedown, propose a referral and have a second
// person approve it, sign off and send the notice, print its PDF, and see
// a removal check find the listing gone.
func TestEndToEndReview(t *testing.T) {
	w := newE2EWorld(t)
	ctx := browser(t)
	base := w.srv.URL
	forum := w.caseID(t, "http://bbs.example/thread/1001.html")
	imitation := w.caseID(t, "http://cx-mem-gov.example/")
	var listing uint64
	var listingURL string
	for u, id := range w.cases {
		if strings.HasPrefix(u, "http://shop.example/item/") && (listing == 0 || id < listing) {
			listing, listingURL = id, u
		}
	}
	if listing == 0 {
		t.Fatal("the sweep found no marketplace listing")
	}

	// A reviewer of 网信办 signs in and sees the queue, highest score first.
	login(t, ctx, base, "wang", w.pw)
	run(t, ctx, "open the queue", chromedp.Navigate(base+"/cases"), chromedp.WaitVisible(chromedp.CSS("#case-table")))
	rows := get(t, ctx, "count rows", chromedp.Evaluate[int](`document.querySelectorAll("#case-table tbody tr[data-case]").length`))
	if rows != len(w.cases) {
		t.Errorf("queue shows %d open cases, the sweep made %d", rows, len(w.cases))
	}
	scores := get(t, ctx, "read scores", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#case-table tbody td.num")].map(td => td.textContent)`))
	for i := 1; i < len(scores); i++ {
		var a, b float64
		fmt.Sscan(scores[i-1], &a)
		fmt.Sscan(scores[i], &b)
		if a < b {
			t.Errorf("queue not sorted by score: %v", scores)
			break
		}
	}

	// Open the forum case: matched terms are highlighted; confirm it as a
	// 网信办 takedown.
	run(t, ctx, "open the forum case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, forum)),
		chromedp.WaitVisible(chromedp.CSS("#confirm-form")))
	marks := get(t, ctx, "count marks", chromedp.Evaluate[int](`document.querySelectorAll("#page-text mark").length`))
	if marks == 0 {
		t.Error("the case page highlights no matched term")
	}
	run(t, ctx, "confirm the forum case",
		chromedp.Click(chromedp.CSS(`#confirm-form input[name=route][value=takedown_cac]`)),
		chromedp.Click(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if s := textOf(t, ctx, "#case-status"); s != "已确认" {
		t.Errorf("forum case status %q after confirming, want 已确认", s)
	}

	// Another marketplace listing (suggested route: 市场监管): the 网信办
	// reviewer is told so and must choose a route of their own; the
	// dismissal has no default reason, so leaving the reason alone
	// cannot submit, and the chosen reason is recorded.
	var other uint64
	for u, id := range w.cases {
		if strings.HasPrefix(u, "http://shop.example/item/") && id != listing && (other == 0 || id < other) {
			other = id
		}
	}
	if other == 0 {
		t.Fatal("the sweep found only one marketplace listing")
	}
	run(t, ctx, "open another listing", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, other)),
		chromedp.WaitVisible(chromedp.CSS("#dismiss-form")))
	if note := textOf(t, ctx, "#route-note"); !strings.Contains(note, "市场监管") || !strings.Contains(note, "您可以选择") {
		t.Errorf("route note %q", note)
	}
	if n := get(t, ctx, "count checked routes", chromedp.Evaluate[int](`document.querySelectorAll("#confirm-form input[name=route]:checked").length`)); n != 0 {
		t.Errorf("%d routes preselected on a case suggested for another department", n)
	}
	if get(t, ctx, "confirm form valid untouched", chromedp.Evaluate[bool](`document.getElementById("confirm-form").checkValidity()`)) {
		t.Error("the confirm form submits without a route")
	}
	if v := get(t, ctx, "untouched reason", chromedp.Evaluate[string](`document.getElementById("dismiss-reason").value`)); v != "" {
		t.Errorf("the dismiss reason is %q before the reviewer chose", v)
	}
	if get(t, ctx, "dismiss form valid untouched", chromedp.Evaluate[bool](`document.getElementById("dismiss-form").checkValidity()`)) {
		t.Error("the dismiss form submits without a reason")
	}
	run(t, ctx, "dismiss as a false positive",
		chromedp.SetValue(chromedp.CSS("#dismiss-reason"), "false_positive"),
		chromedp.Click(chromedp.CSS("#dismiss")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if s := textOf(t, ctx, "#case-status"); s != "已排除" {
		t.Errorf("listing status %q after dismissing, want 已排除", s)
	}
	if oc, err := w.st.Case(other); err != nil || oc.DismissReason != casework.DismissFalsePositive {
		t.Errorf("dismissed listing: %+v (%v)", oc, err)
	}

	// Propose the imitation site for referral to the police.
	run(t, ctx, "propose a referral", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, imitation)),
		chromedp.WaitVisible(chromedp.CSS("#confirm-form")),
		chromedp.Click(chromedp.CSS(`#confirm-form input[name=route][value=police_referral]`)),
		chromedp.Click(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if s := textOf(t, ctx, "#case-status"); s != "待审批" {
		t.Errorf("referral status %q, want 待审批", s)
	}
	logout(t, ctx)

	// The 市场监管 reviewer confirms a marketplace listing, whose page has
	// a screenshot.
	login(t, ctx, base, "shi", w.pw)
	run(t, ctx, "open the listing", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, listing)),
		chromedp.WaitVisible(chromedp.CSS("#screenshot")))
	if !get(t, ctx, "load the screenshot", chromedp.Poll[bool](`document.getElementById("screenshot").complete && document.getElementById("screenshot").naturalWidth > 0`, chromedp.WithPollingTimeout(10*time.Second))) {
		t.Error("the listing's screenshot does not load")
	}
	run(t, ctx, "confirm the listing",
		chromedp.Click(chromedp.CSS(`#confirm-form input[name=route][value=takedown_samr]`)),
		chromedp.Click(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	logout(t, ctx)

	// The approver approves the referral.
	login(t, ctx, base, "shen", w.pw)
	run(t, ctx, "approve the referral", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, imitation)),
		chromedp.WaitVisible(chromedp.CSS("#approve")),
		chromedp.Click(chromedp.CSS("#approve")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if s := textOf(t, ctx, "#case-status"); s != "已确认" {
		t.Errorf("referral status %q after approval, want 已确认", s)
	}
	c, err := w.st.Case(imitation)
	if err != nil {
		t.Fatal(err)
	}
	if c.ApprovedBy != "shen" || c.NoticeID == 0 {
		t.Errorf("approved referral: approved by %q, notice %d", c.ApprovedBy, c.NoticeID)
	}

	// Sign off and send the 市场监管 notice for the listing.
	lc, err := w.st.Case(listing)
	if err != nil {
		t.Fatal(err)
	}
	noticeURL := fmt.Sprintf("%s/notices/%d", base, lc.NoticeID)
	run(t, ctx, "sign off the notice", chromedp.Navigate(noticeURL),
		chromedp.WaitVisible(chromedp.CSS("#move-approved")),
		chromedp.Click(chromedp.CSS("#move-approved")),
		chromedp.WaitVisible(chromedp.CSS("#move-sent")))
	if n := textOf(t, ctx, "#notice-number"); !strings.HasPrefix(n, "市监函〔") {
		t.Errorf("notice number %q, want 市监函〔year〕n号", n)
	}
	run(t, ctx, "send the notice", chromedp.Click(chromedp.CSS("#move-sent")), chromedp.WaitVisible(chromedp.CSS("#check-now")))
	if s := textOf(t, ctx, "#notice-state"); s != "已发送" {
		t.Errorf("notice state %q, want 已发送", s)
	}

	// The notice prints as a PDF (fetched with the browser's session).
	head := get(t, ctx, "fetch the PDF", chromedp.Evaluate[string](fmt.Sprintf(`fetch("/notices/%d/pdf").then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))`, lc.NoticeID),
		chromedp.EvalAwaitPromise))
	if head != "%PDF-" {
		t.Errorf("notice PDF starts with %q", head)
	}
	run(t, ctx, "open the notice document", chromedp.Navigate(noticeURL+"/document"))
	doc := textOf(t, ctx, "body")
	if !strings.Contains(doc, lc.Recipient) || !strings.Contains(doc, "SHA-256") {
		t.Errorf("notice document lacks the addressee %q or the evidence hashes:\n%.1500s", lc.Recipient, doc)
	}

	// The marketplace takes the listing down; a removal check sees it.
	if err := w.web.TakeDown(listingURL, testbed.GoneNotice); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "check for removal", chromedp.Navigate(noticeURL), chromedp.WaitVisible(chromedp.CSS("#check-now")),
		chromedp.Click(chromedp.CSS("#check-now")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	if s := textOf(t, ctx, "#notice-items td.outcome"); !strings.Contains(s, "已删除") {
		t.Errorf("removal check shows %q, want 已删除", s)
	}
	if n := get(t, ctx, "count check evidence links", chromedp.Evaluate[int](`document.querySelectorAll("#notice-items a.check-evidence").length`)); n != 1 {
		t.Errorf("%d links to the removal check's response, want 1", n)
	}
	if s := textOf(t, ctx, "#notice-state"); s != "已删除下架" {
		t.Errorf("notice state after its only listing was removed: %q", s)
	}
	run(t, ctx, "see the outcome on the case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, listing)), chromedp.WaitVisible(chromedp.CSS("#case-removal")))

	// Every step is in the audit log, and the chain holds.
	rep, err := w.st.VerifyAudit()
	if err != nil || !rep.OK() {
		t.Fatalf("audit log: %v %v", err, rep)
	}
	es, err := w.st.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range es {
		actions = append(actions, e.Actor+" "+e.Action)
	}
	for _, want := range []string{"wang login", "wang case.confirm", "shen case.approve", "shen notice.approved", "shen notice.sent", "shen notice.print", "shen notice.check"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit log lacks %q: %v", want, actions)
		}
	}
}

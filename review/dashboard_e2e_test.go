package review_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEndToEndDashboards signs in as each role in real Chromium, from the
// site's root: each lands on its own to-do, sees its numbers on the
// dashboard, and a number opens the list it counts.
func TestEndToEndDashboards(t *testing.T) {
	chromiumPath(t)
	w := newDashWorld(t)
	ctx := browser(t)
	base := w.srv.URL
	signIn := func(user, landing string) {
		t.Helper()
		run(t, ctx, "sign in as "+user,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.CSS("#login-form")),
			chromedp.SendKeys(chromedp.CSS("#user"), user),
			chromedp.SendKeys(chromedp.CSS("#password"), htPassword),
			chromedp.Click(chromedp.CSS("#login-submit")),
			chromedp.WaitVisible(chromedp.CSS("#me")),
		)
		loc := get(t, ctx, "where "+user+" landed", chromedp.Location())
		if got := strings.TrimPrefix(loc, base); got != landing {
			t.Errorf("%s landed on %s, want %s", user, got, landing)
		}
	}
	number := func(id string) string {
		t.Helper()
		return strings.TrimSpace(textOf(t, ctx, "#"+id+" .dash-n"))
	}
	rows := func(sel string) int {
		t.Helper()
		return get(t, ctx, "count "+sel, chromedp.Evaluate[int](`document.querySelectorAll(`+"`"+sel+"`"+`).length`))
	}
	openDashboard := func() {
		t.Helper()
		run(t, ctx, "open the dashboard", chromedp.Click(chromedp.CSS(`header nav a[href="/dashboard"]`)), chromedp.WaitVisible(chromedp.CSS("h1")))
	}

	// A reviewer of 网信办 starts on the department's open cases.
	signIn("cac", "/cases?route=takedown_cac&status=open")
	if n := rows("#case-table tbody tr[data-case]"); n != 2 {
		t.Errorf("cac's landing queue shows %d cases, want 2", n)
	}
	openDashboard()
	for id, want := range map[string]string{"todo-takedown_cac": "2", "todo-referral": "1", "watch-overdue": "1", "watch-online": "1"} {
		if got := number(id); got != want {
			t.Errorf("cac's %s = %s, want %s", id, got, want)
		}
	}
	run(t, ctx, "open the still-online list", chromedp.Click(chromedp.CSS("#watch-online a")), chromedp.WaitVisible(chromedp.CSS("#online-table")))
	if n := rows("#online-table tbody tr[data-case]"); n != 1 {
		t.Errorf("still online lists %d links, want 1", n)
	}
	logout(t, ctx)

	// A reviewer of 市场监管 starts on theirs.
	signIn("samr", "/cases?route=takedown_samr&status=open")
	if n := rows("#case-table tbody tr[data-case]"); n != 1 {
		t.Errorf("samr's landing queue shows %d cases, want 1", n)
	}
	logout(t, ctx)

	// An approver starts on the dashboard: one referral to approve, one
	// notice to sign; the number opens the pending list.
	signIn("approver", "/dashboard")
	for id, want := range map[string]string{"todo-approval": "1", "todo-sign": "1", "watch-overdue": "1"} {
		if got := number(id); got != want {
			t.Errorf("approver's %s = %s, want %s", id, got, want)
		}
	}
	run(t, ctx, "open the approvals", chromedp.Click(chromedp.CSS("#todo-approval a")), chromedp.WaitVisible(chromedp.CSS("#case-table")))
	if n := rows("#case-table tbody tr[data-case]"); n != 1 {
		t.Errorf("approvals list %d cases, want 1", n)
	}
	logout(t, ctx)

	// An analyst starts on the rule trial; the dashboard leads to charts.
	signIn("analyst", "/rules/test")
	openDashboard()
	if got := number("watch-sweeps"); got != "1" {
		t.Errorf("analyst's sweeps with trouble = %s, want 1", got)
	}
	run(t, ctx, "open the charts", chromedp.Click(chromedp.CSS("#charts-link")), chromedp.WaitVisible(chromedp.CSS("svg#chart-found")))
	if n := rows(`svg#chart-found rect[data-label="03-10"]`); n != 3 {
		t.Errorf("new cases on 03-10 drawn in %d categories, want 3", n)
	}
	logout(t, ctx)

	// An admin starts on the dashboard's health and sweep trouble.
	signIn("admin", "/dashboard")
	if h := textOf(t, ctx, "#health"); !strings.Contains(h, "正常") {
		t.Errorf("admin's health line: %q", h)
	}
	if got := number("watch-trouble"); got != "1" {
		t.Errorf("admin's trouble of the last sweep = %s, want 1", got)
	}
}

// TestLayoutDashboardAt1024: the dashboard, its still-online list, the
// charts and the filtered audit log fit a 1024 px window: no date or
// badge wraps mid-word (htWrapped) and nothing scrolls sideways.
func TestLayoutDashboardAt1024(t *testing.T) {
	chromiumPath(t)
	w := newDashWorld(t)
	ctx := layoutBrowser(t, 1024, 768)
	base := w.srv.URL
	login(t, ctx, base, "super", htPassword)
	for _, path := range []string{"/dashboard", "/dashboard/online", "/dashboard/charts?days=90", "/audit?from=2026-03-10"} {
		run(t, ctx, "open "+path, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("body")))
		if wrapped := get(t, ctx, "measure "+path, chromedp.Evaluate[[]string](htWrapped)); len(wrapped) > 0 {
			t.Errorf("%s at 1024 px: wrapped mid-word: %s", path, strings.Join(wrapped, "、"))
		}
		if sw := get(t, ctx, "width of "+path, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); sw > 1024 {
			t.Errorf("%s at 1024 px scrolls sideways: %d px wide", path, sw)
		}
	}
}

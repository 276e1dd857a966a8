package review_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEndToEndPivotByContact: in a real browser, a reviewer opens a case,
// clicks the link beside its WeChat contact, and sees the cases with that
// contact and only them; then searches from the top navigation.
func TestEndToEndPivotByContact(t *testing.T) {
	chromiumPath(t)
	e := htNew(t)
	s := srRecord(t, e)
	ctx := browser(t)
	base := e.srv.URL
	login(t, ctx, base, "cac", htPassword)

	run(t, ctx, "open case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, s.a)),
		chromedp.WaitVisible(chromedp.CSS("#contacts")))
	if got := textOf(t, ctx, "#contacts a.pivot"); got != "同一联系方式的案件 (2)" {
		t.Errorf("the contact's link reads %q", got)
	}
	run(t, ctx, "click the contact pivot", chromedp.Click(chromedp.CSS("#contacts a.pivot[data-pivot=contact]")),
		chromedp.WaitVisible(chromedp.CSS("#search-results")))
	rows := get(t, ctx, "read rows", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#search-results tbody tr[data-case]")].map(tr => tr.dataset.case)`))
	slices.Sort(rows)
	want := htIDs(s.a, s.b)
	slices.Sort(want)
	if !slices.Equal(rows, want) {
		t.Errorf("the contact pivot lists cases %v, want %v (the two with WeChat zs-88, and only them)", rows, want)
	}
	if got := textOf(t, ctx, "#search-pivot"); got != "关联条件：与本案联系方式 微信 zs-88相同的案件" {
		t.Errorf("the pivot page says %q", got)
	}

	// The search box in the top navigation.
	// The pivot page also has #search-results: mark it stale first, and
	// wait for a page without the mark (the search's own) before reading.
	get(t, ctx, "mark the pivot page", chromedp.Evaluate[string](`document.body.dataset.stale = "1"`))
	run(t, ctx, "search from the top", chromedp.SendKeys(chromedp.CSS("#top-search"), "安全员\n"),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) #search-results")))
	rows = get(t, ctx, "read rows", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#search-results tbody tr[data-case]")].map(tr => tr.dataset.case)`))
	if !slices.Equal(rows, htIDs(s.a, s.c)) {
		t.Errorf("search 安全员 lists %v, want %v", rows, htIDs(s.a, s.c))
	}
}

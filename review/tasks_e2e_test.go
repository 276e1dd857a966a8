package review_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/review"
)

// TestEndToEndCheckProgress (issue 13, defect 3): in a real Chromium, a
// removal check that takes a while shows the progress page (what runs,
// the seconds elapsed) instead of a tab that hangs; the page refreshes
// itself (a meta refresh: the CSP allows no inline script) and, once the
// check is done, lands on the notice page with the flash.
func TestEndToEndCheckProgress(t *testing.T) {
	chromiumPath(t)
	checker := &htSlowChecker{release: make(chan struct{})}
	e := htNew(t, func(o *review.Options) { o.Checker, o.TaskWait = checker, 300*time.Millisecond })
	checker.st = e.st
	nid, _ := e.htSentNotice(e.htLogin("cac"), e.htLogin("approver"), "https://www.shop.example/e2e-check")
	n, err := e.st.Notice(nid)
	if err != nil {
		t.Fatal(err)
	}
	number := n.Number

	ctx := browser(t)
	login(t, ctx, e.srv.URL, "cac", htPassword)
	run(t, ctx, "start the check",
		chromedp.Navigate(fmt.Sprintf("%s/notices/%d", e.srv.URL, nid)), chromedp.WaitVisible(chromedp.CSS("#check-now")),
		chromedp.Click(chromedp.CSS("#check-now")), chromedp.WaitVisible(chromedp.CSS("#task-elapsed")))
	if label := textOf(t, ctx, "#task-label"); !strings.Contains(label, "复查") || !strings.Contains(label, number) {
		t.Errorf("the progress page says %q", label)
	}
	// The page refreshes itself to /tasks/{id} while the check runs.
	waitFor := func(what, js string) {
		t.Helper()
		var ok bool
		for end := time.Now().Add(15 * time.Second); !ok && time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			ok, _ = chromedp.Run(tctx, chromedp.Evaluate[bool](js))
			cancel()
		}
		if !ok {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("%s: never happened (at %s)", what, loc)
		}
	}
	waitFor("the page refreshes to its task", `location.pathname.startsWith("/tasks/") && !!document.querySelector("#task-elapsed")`)
	close(checker.release)
	waitFor("the notice page after the check", fmt.Sprintf(`location.pathname === "/notices/%d" && location.search.includes("ok=checked")`, nid))
	checker.mu.Lock()
	defer checker.mu.Unlock()
	if len(checker.calls) != 1 || checker.calls[0] != fmt.Sprintf("%d by cac", nid) {
		t.Errorf("checker calls = %v", checker.calls)
	}
}

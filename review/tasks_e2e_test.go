package review_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
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
	id := e.htSimple("https://www.shop.example/e2e-check", casework.RouteTakedownCAC)
	c, _, err := e.st.Decide(store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC,
		Recipient: "某购物平台", By: "cac"})
	if err != nil {
		t.Fatal(err)
	}
	nid := c.NoticeID
	if _, err := e.st.MoveNotice(nid, store.NoticeMove{To: casework.NoticeApproved, By: "approver", Number: "网信函〔2026〕11号",
		Deadline: htStart.Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.MoveNotice(nid, store.NoticeMove{To: casework.NoticeSent, By: "cac"}); err != nil {
		t.Fatal(err)
	}

	ctx := browser(t)
	login(t, ctx, e.srv.URL, "cac", htPassword)
	run(t, ctx, "start the check",
		chromedp.Navigate(fmt.Sprintf("%s/notices/%d", e.srv.URL, nid)), chromedp.WaitVisible(chromedp.CSS("#check-now")),
		chromedp.Click(chromedp.CSS("#check-now")), chromedp.WaitVisible(chromedp.CSS("#task-elapsed")))
	if label := textOf(t, ctx, "#task-label"); !strings.Contains(label, "复查") || !strings.Contains(label, "网信函〔2026〕11号") {
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

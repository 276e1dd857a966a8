package review_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// TestEndToEndClaim walks claiming through a real browser: reviewer A
// claims a case; reviewer B opens it, sees A's claim and is refused when
// confirming (the case unchanged, the reason in Chinese); A confirms and
// the decision goes through, releasing the claim.
func TestEndToEndClaim(t *testing.T) {
	chromiumPath(t)
	// The browser keeps the session cookie only while it has not expired
	// by the real clock: the server runs on it.
	e := htNew(t, func(o *review.Options) { o.Clock = time.Now })
	if err := e.st.CreateUser("test", store.User{Name: "zhao", DisplayName: "赵审核", Roles: []casework.Role{casework.RoleReviewerCAC},
		PasswordHash: htHash(t)}); err != nil {
		t.Fatal(err)
	}
	id := e.htSimple("https://shop.example/e2e-claim", casework.RouteTakedownCAC)
	base, casePath := e.srv.URL, fmt.Sprintf("%s/cases/%d", e.srv.URL, id)
	ctx := browser(t)
	start := time.Now()

	// A claims the case.
	login(t, ctx, base, "cac", htPassword)
	run(t, ctx, "A opens the case", chromedp.Navigate(casePath), chromedp.WaitVisible(chromedp.CSS("#claim")))
	if h := textOf(t, ctx, "#claim-holder"); h != "尚无人认领" {
		t.Errorf("before the claim: %q", h)
	}
	run(t, ctx, "A claims it", chromedp.Click(chromedp.CSS("#claim")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	if h := textOf(t, ctx, "#claim-holder"); !strings.Contains(h, "您已认领此案件") {
		t.Errorf("A's page after claiming: %q", h)
	}
	run(t, ctx, "A's cases", chromedp.Click(chromedp.CSS("#nav-mine")), chromedp.WaitVisible(chromedp.CSS("#mine-table")))
	if n := get(t, ctx, "count A's cases", chromedp.Evaluate[int](`document.querySelectorAll("#mine-table tbody tr[data-case]").length`)); n != 1 {
		t.Errorf("我的案件 lists %d cases, want 1", n)
	}
	logout(t, ctx)

	// B sees the claim and is refused.
	login(t, ctx, base, "zhao", htPassword)
	run(t, ctx, "B opens the case", chromedp.Navigate(casePath), chromedp.WaitVisible(chromedp.CSS("#confirm-form")))
	if h := textOf(t, ctx, "#claim-holder"); !strings.Contains(h, "cac 已认领此案件") {
		t.Errorf("B sees %q, want A's claim", h)
	}
	run(t, ctx, "B confirms anyway",
		chromedp.Click(chromedp.CSS(`#confirm-form input[name=route][value=takedown_cac]`)),
		chromedp.Click(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS("#case-problem")))
	if msg := textOf(t, ctx, "#case-problem"); !strings.Contains(msg, "该案件已由 cac 认领") {
		t.Errorf("B's refusal: %q", msg)
	}
	if s := textOf(t, ctx, "#case-status"); s != "待审核" {
		t.Errorf("after B's refusal the page shows %q", s)
	}
	if c := e.htCase(id); c.Status != casework.CaseOpen {
		t.Fatalf("B's refused confirmation changed the case: %+v", c)
	}
	logout(t, ctx)

	// A's decision goes through.
	login(t, ctx, base, "cac", htPassword)
	run(t, ctx, "A confirms",
		chromedp.Navigate(casePath), chromedp.WaitVisible(chromedp.CSS("#confirm-form")),
		chromedp.Click(chromedp.CSS(`#confirm-form input[name=route][value=takedown_cac]`)),
		chromedp.Click(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if s := textOf(t, ctx, "#case-status"); s != "已确认" {
		t.Errorf("after A's confirmation: %q", s)
	}
	if h := textOf(t, ctx, "#claim-holder"); h != "尚无人认领" {
		t.Errorf("after the decision the claim is %q, want released", h)
	}
	if c := e.htCase(id); c.Status != casework.CaseConfirmed || c.ConfirmedBy != "cac" {
		t.Errorf("case after A's confirmation: %+v", c)
	}
	t.Logf("walk-through in %v", time.Since(start).Round(time.Millisecond))
}

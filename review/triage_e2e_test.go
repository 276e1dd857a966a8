package review_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// keysReady waits, after a key that navigates, until the browser shows a
// page other than from whose keys are listening (triage.js marks <html>),
// and returns its path and query. Evaluations that fail while the page is
// being replaced are retried.
func keysReady(t *testing.T, ctx context.Context, from string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		ectx, cancel := context.WithTimeout(ctx, 2*time.Second)
		at, err := chromedp.Run(ectx, chromedp.Evaluate[string](
			`document.readyState === "complete" && document.documentElement.getAttribute("data-keys") === "ready" ? location.pathname + location.search : ""`))
		cancel()
		if err == nil && at != "" && at != from {
			return at
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no new page with keys ready after %s", from)
	return ""
}

// press sends keys to the page (to whatever has focus).
func press(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	run(t, ctx, "press "+keys, chromedp.KeyEvent(keys))
}

// TestEndToEndKeyboardTriage: a reviewer triages ten cases in Chromium with
// key presses only — j/k and Enter on the queue, then on each case page
// C (confirm with the suggested route and go to the next), D + a reason
// key (dismiss and go on), c / d + key followed by n, e for the
// evidence, ? for the help — and each decision is stored with its route
// or reason, in queue order. A key typed into a field decides nothing.
func TestEndToEndKeyboardTriage(t *testing.T) {
	e := htNew(t)
	var ids []uint64
	for i := range 10 {
		p := htPage{URL: fmt.Sprintf("https://kb.example/%d", i), Title: fmt.Sprintf("键盘案件 %d", i), Text: "出售安全员证，包过",
			Score: float64(20 - i)}
		if i == 0 {
			p.Screenshot = htShot(t)
		}
		ids = append(ids, e.htRecord(p).CaseID)
	}
	ctx := browser(t)
	base := e.srv.URL
	start := time.Now()
	login(t, ctx, base, "cac", htPassword)
	run(t, ctx, "open the queue", chromedp.Navigate(base+"/cases?category=cert_sale"), chromedp.WaitVisible(chromedp.CSS("#key-legend")))
	at := keysReady(t, ctx, "")

	// The queue: j j k selects the first row; Enter opens it.
	press(t, ctx, "jjk")
	if sel := get(t, ctx, "selected row", chromedp.Evaluate[string](`(document.querySelector("tr.selected") || {}).dataset.case || ""`)); sel != htID(ids[0]) {
		t.Fatalf("selected row %q, want case %d", sel, ids[0])
	}
	press(t, ctx, "?")
	if hidden := get(t, ctx, "help shown", chromedp.Evaluate[bool](`document.getElementById("key-help").hidden`)); hidden {
		t.Error("? did not show the key help on the queue")
	}
	press(t, ctx, kbEscape)
	press(t, ctx, kbEnter)
	at = keysReady(t, ctx, at)
	if want := fmt.Sprintf("/cases/%d?category=cert_sale", ids[0]); at != want {
		t.Fatalf("Enter opened %s, want %s", at, want)
	}

	// e opens the screenshot full size; Escape closes it.
	press(t, ctx, "e")
	if h := get(t, ctx, "hash", chromedp.Evaluate[string](`location.hash`)); h != "#shot-full" {
		t.Errorf("e: location hash %q, want #shot-full", h)
	}
	press(t, ctx, kbEscape)
	// A key typed into a field is text, not a decision.
	run(t, ctx, "type into the note", chromedp.SendKeys(chromedp.CSS(`#confirm-form textarea[name=note]`), "cd1"))
	if v := get(t, ctx, "note", chromedp.Evaluate[string](`document.querySelector("#confirm-form textarea[name=note]").value`)); v != "cd1" {
		t.Errorf("note = %q", v)
	}
	run(t, ctx, "leave the field", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); document.querySelector("#confirm-form textarea[name=note]").value = ""`))
	if c := e.htCase(ids[0]); c.Status != casework.CaseOpen {
		t.Fatalf("typing in a field decided case %d: %s", ids[0], c.Status)
	}

	// Ten decisions by key: what each case gets, and the keys.
	reasons := []casework.DismissReason{casework.DismissFalsePositive, casework.DismissOutOfScope, casework.DismissDuplicate}
	type plan struct {
		keys   []string // pressed one after another; all but the last stay on the page
		route  casework.Route
		reason casework.DismissReason
	}
	var plans []plan
	for i := range ids {
		switch {
		case i == 3:
			plans = append(plans, plan{keys: []string{"c", "n"}, route: casework.RouteTakedownCAC})
		case i == 6:
			plans = append(plans, plan{keys: []string{"d2", "n"}, reason: casework.DismissOutOfScope})
		case i%2 == 0:
			plans = append(plans, plan{keys: []string{"C"}, route: casework.RouteTakedownCAC})
		default:
			r := reasons[(i/2)%len(reasons)]
			plans = append(plans, plan{keys: []string{"D" + fmt.Sprint(int((i/2)%len(reasons))+1)}, reason: r})
		}
	}
	for i, p := range plans {
		want := fmt.Sprintf("/cases/%d", ids[i])
		if !strings.HasPrefix(at, want+"?category=cert_sale") {
			t.Fatalf("step %d: at %s, want case %d (queue order) with the filter kept", i, at, ids[i])
		}
		for _, k := range p.keys {
			press(t, ctx, k)
			at = keysReady(t, ctx, at)
		}
	}
	if !strings.HasPrefix(at, "/cases?category=cert_sale") || !strings.Contains(textOf(t, ctx, "#flash"), "没有其他待审核案件") {
		t.Fatalf("after ten cases at %s, want the queue saying none is left", at)
	}
	for i, p := range plans {
		c := e.htCase(ids[i])
		switch {
		case p.route != "" && (c.Status != casework.CaseConfirmed || c.Route != p.route || c.ConfirmedBy != "cac"):
			t.Errorf("case %d (%v): %s %s by %s, want confirmed %s", ids[i], p.keys, c.Status, c.Route, c.ConfirmedBy, p.route)
		case p.reason != "" && (c.Status != casework.CaseDismissed || c.DismissReason != p.reason):
			t.Errorf("case %d (%v): %s %s, want dismissed %s", ids[i], p.keys, c.Status, c.DismissReason, p.reason)
		}
		if ds, err := e.st.Decisions(ids[i]); err != nil || len(ds) != 1 {
			t.Errorf("case %d: %d decisions, %v; want exactly one", ids[i], len(ds), err)
		}
	}
	t.Logf("ten cases triaged by keyboard in %v (login included)", time.Since(start).Round(time.Millisecond))
}

// Keys chromedp's kb package names.
const (
	kbEnter  = "\r"
	kbEscape = "\u001b"
)

// TestEndToEndMerge: a reviewer merges a same-seller case (ticked) and a
// duplicate (typed) into a primary in Chromium, finds them gone from the
// queue and listed under the primary's badge, then unmerges one.
func TestEndToEndMerge(t *testing.T) {
	e := htNew(t)
	wx := []store.CaseContact{{Kind: "wechat", Value: "dup-seller"}}
	p := e.htRecord(htPage{URL: "https://mg.example/1", Title: "主案件", Text: "出售电工证", Link: wx, Score: 9}).CaseID
	x := e.htRecord(htPage{URL: "https://mg.example/2", Title: "同一卖家", Text: "出售电工证", Link: wx}).CaseID
	y := e.htRecord(htPage{URL: "https://mg.example/3", Title: "重复发布", Text: "出售电工证"}).CaseID
	ctx := browser(t)
	base := e.srv.URL
	login(t, ctx, base, "cac", htPassword)
	run(t, ctx, "merge from the case page",
		chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, p)),
		chromedp.WaitVisible(chromedp.CSS("#merge-form")),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#merge-form input[name=case][value="%d"]`, x))),
		chromedp.SendKeys(chromedp.CSS("#merge-ids"), fmt.Sprint(y)),
		chromedp.Click(chromedp.CSS("#merge-submit")),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if n := get(t, ctx, "merged list", chromedp.Evaluate[int](`document.querySelectorAll("#merged-cases > li").length`)); n != 2 {
		t.Fatalf("%d merged cases listed, want 2", n)
	}
	if m, err := e.st.MergedIDs(); err != nil || m[x] != p || m[y] != p || len(m) != 2 {
		t.Fatalf("MergedIDs = %v, %v", m, err)
	}
	run(t, ctx, "open the queue and the merged group",
		chromedp.Navigate(base+"/cases"),
		chromedp.WaitVisible(chromedp.CSS("#case-table")),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`tr[data-case="%d"] .merged-group summary`, p))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`tr[data-case="%d"] .merged-group li`, p))))
	rows := get(t, ctx, "queue rows", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#case-table tbody tr[data-case]")).map(r => r.dataset.case)`))
	if strings.Join(rows, ",") != htID(p) {
		t.Errorf("queue rows %v, want only the primary %d", rows, p)
	}
	if got := textOf(t, ctx, fmt.Sprintf(`tr[data-case="%d"] .merged-group summary`, p)); !strings.Contains(got, "已合并 2 件") {
		t.Errorf("badge %q", got)
	}
	run(t, ctx, "unmerge one",
		chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, p)),
		chromedp.WaitVisible(chromedp.CSS("#merged-cases")),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`button.unmerge[data-case="%d"]`, y))),
		chromedp.WaitVisible(chromedp.CSS("#flash")))
	if m, err := e.st.MergedIDs(); err != nil || len(m) != 1 || m[x] != p {
		t.Fatalf("after unmerge MergedIDs = %v, %v", m, err)
	}
	entries, err := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "case.", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range entries {
		got = append(got, en.Actor+" "+en.Action+" "+en.Object)
	}
	for _, want := range []string{fmt.Sprintf("cac case.merge case:%d", x), fmt.Sprintf("cac case.merge case:%d", y), fmt.Sprintf("cac case.unmerge case:%d", y)} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("audit lacks %q: %v", want, got)
		}
	}
}

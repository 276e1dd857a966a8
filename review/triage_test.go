package review_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// TestTriageNext: the queue's filter travels from the queue to the case
// page and its forms; "confirm and next", "dismiss and next" and "next"
// walk the pending cases of that filter in queue order (score), skip the
// decided and the filtered-out ones, wrap round, and end on the queue
// when none is left. Every decision is the normal form with its CSRF
// token.
func TestTriageNext(t *testing.T) {
	e := htNew(t)
	var ids []uint64
	for i, score := range []float64{9, 8, 7, 6} {
		ids = append(ids, e.htRecord(htPage{URL: fmt.Sprintf("https://t.example/%d", i), Title: fmt.Sprintf("办证 %d", i),
			Text: "出售安全员证", Score: score}).CaseID)
	}
	other := e.htRecord(htPage{URL: "https://other.example/1", Title: "其他来源", Text: "出售安全员证", Score: 8.5, Source: "forum"}).CaseID
	a, b, c, d := ids[0], ids[1], ids[2], ids[3]
	cac := e.htLogin("cac")

	doc := cac.htDoc("/cases?source=tieba", http.StatusOK)
	if doc.Find("#key-legend kbd").Length() < 4 {
		t.Errorf("queue has no key legend: %q", doc.Find("#key-legend").Text())
	}
	if got := doc.Find(`#case-table tr[data-case="`+htID(a)+`"] a.case-link`).AttrOr("href", ""); got != fmt.Sprintf("/cases/%d?source=tieba", a) {
		t.Errorf("queue link = %q, want the filter carried", got)
	}
	if doc.Find(`#case-table tr[data-case="`+htID(other)+`"]`).Length() != 0 {
		t.Fatal("filter ignored")
	}

	q := "?source=tieba"
	page := cac.htDoc(fmt.Sprintf("/cases/%d%s", a, q), http.StatusOK)
	if got := page.Find("#triage").AttrOr("data-next", ""); got != fmt.Sprintf("/cases/%d/next%s", a, q) {
		t.Errorf("data-next = %q", got)
	}
	if got := page.Find(`#confirm-form input[name=queue]`).AttrOr("value", ""); got != q {
		t.Errorf("confirm form carries queue %q, want %q", got, q)
	}
	if page.Find("#confirm-next").Length() != 1 || page.Find("#dismiss-next").Length() != 1 {
		t.Error("no confirm-and-next / dismiss-and-next buttons")
	}
	legend := page.Find("#triage").Text()
	for _, want := range []string{"按建议路径确认", "确认并下一条", "误报", "不属于本次专项范围", "重复线索", "查看证据", "下一条"} {
		if !strings.Contains(legend, want) {
			t.Errorf("case page legend %q lacks %q", legend, want)
		}
	}

	// Confirm and next: the suggested route, then case b (8.5 from the
	// other source is filtered out). A stray key in the carried filter is
	// dropped.
	resp, body := cac.htPost(fmt.Sprintf("/cases/%d/decide", a), url.Values{"action": {"confirm"}, "route": {"takedown_cac"},
		"next": {"1"}, "queue": {"?source=tieba&evil=https://x.example"}})
	htExpect(t, "confirm and next", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d%s&ok=confirmednext", b, q))
	if c := e.htCase(a); c.Status != casework.CaseConfirmed || c.Route != casework.RouteTakedownCAC || c.DecidedBy != "cac" {
		t.Errorf("case a after confirm: %s %s by %s", c.Status, c.Route, c.DecidedBy)
	}
	flash := cac.htDoc(fmt.Sprintf("/cases/%d%s&ok=confirmednext", b, q), http.StatusOK).Find("#flash").Text()
	if !strings.Contains(flash, "下一条") {
		t.Errorf("flash = %q", flash)
	}

	// Dismiss and next, then "next" alone wraps round past the decided.
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/decide", b), url.Values{"action": {"dismiss"}, "reason": {"duplicate"},
		"next": {"1"}, "queue": {q}})
	htExpect(t, "dismiss and next", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d%s&ok=dismissednext", c, q))
	if got := e.htCase(b); got.Status != casework.CaseDismissed || got.DismissReason != casework.DismissDuplicate {
		t.Errorf("case b after dismiss: %s %s", got.Status, got.DismissReason)
	}
	resp, body = cac.htGet(fmt.Sprintf("/cases/%d/next%s", d, q))
	htExpect(t, "next from the last", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d%s", c, q))
	resp, body = cac.htGet(fmt.Sprintf("/cases/%d/next", b))
	htExpect(t, "next without a filter", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d", c))
	resp, body = cac.htGet(fmt.Sprintf("/cases/%d/next", d))
	htExpect(t, "next without a filter, wrapping", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d", other))

	// A decision without next stays on the case, filter kept.
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/decide", c), url.Values{"action": {"dismiss"}, "reason": {"false_positive"}, "queue": {q}})
	htExpect(t, "dismiss", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d%s&ok=dismissed", c, q))
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/decide", d), url.Values{"action": {"confirm"}, "next": {"1"}, "queue": {q}})
	htExpect(t, "last confirm and next", resp, body, http.StatusSeeOther, "/cases"+q+"&ok=alldone")
	if got := cac.htDoc("/cases"+q+"&ok=alldone", http.StatusOK).Find("#flash").Text(); !strings.Contains(got, "没有其他待审核案件") {
		t.Errorf("all-done flash = %q", got)
	}
	// Without CSRF nothing is decided.
	resp, body = cac.htPostRaw(fmt.Sprintf("/cases/%d/decide", other), url.Values{"action": {"confirm"}, "next": {"1"}}, nil)
	htExpect(t, "no csrf", resp, body, http.StatusForbidden, "")
	if got := e.htCase(other); got.Status != casework.CaseOpen {
		t.Errorf("decided without CSRF: %s", got.Status)
	}
}

// TestMergeHTTP: merging from the case page (a linked case ticked, another
// typed), the merged cases gone from the queue and listed with their
// evidence under the primary, their own page without decisions, refusals
// (into itself, chains, by a role that does not decide), unmerge, and the
// audit log in Chinese.
func TestMergeHTTP(t *testing.T) {
	e := htNew(t)
	wx := []store.CaseContact{{Kind: "wechat", Value: "seller-77"}}
	p := e.htRecord(htPage{URL: "https://m.example/1", Title: "办证主案", Text: "出售电工证", Link: wx, Score: 9}).CaseID
	x := e.htRecord(htPage{URL: "https://m.example/2", Title: "办证重复", Text: "出售电工证", Link: wx}).CaseID
	y := e.htRecord(htPage{URL: "https://m.example/3", Title: "办证另一条", Text: "出售电工证"}).CaseID
	z := e.htRecord(htPage{URL: "https://m.example/4", Title: "无关", Text: "出售电工证"}).CaseID
	cac := e.htLogin("cac")

	doc := cac.htDoc(fmt.Sprintf("/cases/%d", p), http.StatusOK)
	if doc.Find(`#merge-form input[name=case][value="`+htID(x)+`"]`).Length() != 1 {
		t.Fatalf("the linked case is not offered for merging: %q", doc.Find("#merge-form").Text())
	}
	queue := cac.htDoc("/cases", http.StatusOK)
	if got := queue.Find(`tr[data-case="` + htID(p) + `"] .linked-group .group-count`).Text(); got != "1" {
		t.Errorf("same-seller badge on the queue = %q, want 1", got)
	}

	for _, r := range []struct {
		name, path string
		form       url.Values
		want       int
	}{
		{"into itself", fmt.Sprintf("/cases/%d/merge", p), url.Values{"ids": {htID(p)}}, http.StatusBadRequest},
		{"nothing", fmt.Sprintf("/cases/%d/merge", p), url.Values{}, http.StatusBadRequest},
		{"not a number", fmt.Sprintf("/cases/%d/merge", p), url.Values{"ids": {"abc"}}, http.StatusBadRequest},
		{"missing case", fmt.Sprintf("/cases/%d/merge", p), url.Values{"ids": {"99999"}}, http.StatusNotFound},
		{"unmerge unmerged", fmt.Sprintf("/cases/%d/unmerge", x), url.Values{}, http.StatusConflict},
	} {
		resp, body := cac.htPost(r.path, r.form)
		htExpect(t, r.name, resp, body, r.want, "")
		if msg := htErrorMessage(t, body); msg == "" || strings.Contains(msg, "case") {
			t.Errorf("%s: message %q", r.name, msg)
		}
	}
	resp, body := e.htLogin("analyst").htPost(fmt.Sprintf("/cases/%d/merge", p), url.Values{"ids": {htID(y)}})
	htExpect(t, "analyst merges", resp, body, http.StatusForbidden, "")

	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/merge", p), url.Values{"case": {htID(x)}, "ids": {htID(y) + "，"}, "note": {"同一卖家"}})
	htExpect(t, "merge", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d?ok=merged", p))

	queue = cac.htDoc("/cases", http.StatusOK)
	if got := htRowIDs(queue); strings.Join(got, ",") != strings.Join(htIDs(p, z), ",") {
		t.Errorf("queue rows %v, want %v (merged cases hidden)", got, htIDs(p, z))
	}
	if got := queue.Find(`tr[data-case="` + htID(p) + `"] .merged-group .group-count`).Text(); got != "2" {
		t.Errorf("merged badge = %q, want 2", got)
	}
	if n := len(htRowIDs(cac.htDoc("/cases?status=", http.StatusOK))); n != 2 {
		t.Errorf("all-status queue shows %d rows, want 2", n)
	}
	doc = cac.htDoc(fmt.Sprintf("/cases/%d", p), http.StatusOK)
	merged := doc.Find("#merged-cases > li")
	if merged.Length() != 2 || merged.First().AttrOr("data-case", "") != htID(x) {
		t.Fatalf("merged list: %q", doc.Find("#merged-cases").Text())
	}
	if merged.First().Find(".merged-snapshots tbody tr").Length() != 1 || !strings.Contains(merged.First().Text(), "同一卖家") {
		t.Errorf("merged case's evidence not listed: %q", merged.First().Text())
	}
	doc = cac.htDoc(fmt.Sprintf("/cases/%d", x), http.StatusOK)
	if doc.Find("#merged-into").Length() != 1 || doc.Find("#merged-primary").AttrOr("href", "") != fmt.Sprintf("/cases/%d", p) {
		t.Errorf("merged case page has no banner to the primary: %q", doc.Find("#merged-into").Text())
	}
	if doc.Find("#confirm-form, #dismiss-form").Length() != 0 {
		t.Error("merged case page offers decisions")
	}
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/decide", x), url.Values{"action": {"dismiss"}, "reason": {"duplicate"}})
	htExpect(t, "decide merged", resp, body, http.StatusConflict, "")

	// Chains are refused.
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/merge", z), url.Values{"ids": {htID(p)}})
	htExpect(t, "primary into another", resp, body, http.StatusConflict, "")
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/merge", x), url.Values{"ids": {htID(z)}})
	htExpect(t, "into a merged case", resp, body, http.StatusConflict, "")

	// The primary is decided as usual.
	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/decide", p), url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
	htExpect(t, "decide primary", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d?ok=confirmed", p))

	resp, body = cac.htPost(fmt.Sprintf("/cases/%d/unmerge", x), url.Values{"back": {"primary"}})
	htExpect(t, "unmerge", resp, body, http.StatusSeeOther, fmt.Sprintf("/cases/%d?ok=unmerged", p))
	if got := htRowIDs(cac.htDoc("/cases", http.StatusOK)); strings.Join(got, ",") != strings.Join(htIDs(x, z), ",") {
		t.Errorf("after unmerge the open queue is %v, want %v", got, htIDs(x, z))
	}

	audit := e.htLogin("admin").htDoc("/audit", http.StatusOK).Text()
	for _, want := range []string{"合并重复线索", "取消合并", fmt.Sprintf("并入案件 #%d", p), fmt.Sprintf("从案件 #%d 中取消合并", p)} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	if strings.Contains(audit, "merged into") || strings.Contains(audit, "case.merge") {
		t.Error("audit page shows raw merge identifiers")
	}
}

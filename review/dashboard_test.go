package review_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// dashWorld is a small campaign for the dashboard tests, at htStart
// moved two days on:
//
//	open:      a1, a2 (网信办), s1 (市场监管), p1 (suggests police referral)
//	confirmed: e1 (网信办, in a draft notice), h1, h2 (网信办, in a sent
//	           notice whose deadline passed: h1 still online, h2 removed)
//	pending:   f1 (a referral waiting for approval)
//
// Cases were first seen 3 hours before they were decided. One sweep
// finished with a failed page, a blocked one and a source in trouble.
type dashWorld struct {
	*htEnv
	sweep uint64
	ids   map[string]uint64
}

// dashCheapLogins gives every test account the cheapest password hash
// the server accepts, so that these tests sign in many times quickly.
func dashCheapLogins(t *testing.T, e *htEnv) {
	t.Helper()
	hash := review.CheapHash(htPassword)
	for name := range htUsers {
		if _, err := e.st.UpdateUser("test", name, store.UserChange{PasswordHash: &hash}); err != nil {
			t.Fatal(err)
		}
	}
}

func newDashWorld(t *testing.T) *dashWorld {
	e := htNew(t)
	dashCheapLogins(t, e)
	w := &dashWorld{htEnv: e, ids: map[string]uint64{}}
	w.sweep = e.htSweep()
	seen := htStart.Add(-3 * time.Hour)
	rec := func(name string, route casework.Route, category string) {
		res := e.htRecord(htPage{URL: "https://bbs.example/t/" + name, Title: "办证 " + name, Text: "出售安全员证 " + name,
			Route: route, Category: category, At: seen})
		w.ids[name] = res.CaseID
	}
	rec("a1", casework.RouteTakedownCAC, "cert_sale")
	rec("a2", casework.RouteTakedownCAC, "exam_fraud")
	rec("s1", casework.RouteTakedownSAMR, "cert_sale")
	rec("p1", casework.RoutePoliceReferral, "cert_sale")
	rec("e1", casework.RouteTakedownCAC, "cert_sale")
	rec("h1", casework.RouteTakedownCAC, "imitation_site")
	rec("h2", casework.RouteTakedownCAC, "cert_sale")
	rec("f1", casework.RoutePoliceReferral, "cert_sale")
	decide := func(d store.Decision) *store.Case {
		c, _, err := e.st.Decide(d)
		if err != nil {
			t.Fatalf("decide %+v: %v", d, err)
		}
		return c
	}
	decide(store.Decision{CaseID: w.ids["e1"], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "cac"})
	h := decide(store.Decision{CaseID: w.ids["h1"], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台乙", By: "cac"})
	decide(store.Decision{CaseID: w.ids["h2"], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台乙", By: "cac"})
	decide(store.Decision{CaseID: w.ids["f1"], Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "cac"})
	if _, err := e.st.MoveNotice(h.NoticeID, store.NoticeMove{To: casework.NoticeApproved, By: "approver", Number: "网信函〔2026〕1号",
		Deadline: htStart.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.MoveNotice(h.NoticeID, store.NoticeMove{To: casework.NoticeSent, By: "cac"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.RecordChecks(h.NoticeID, 0, "system", []store.ItemCheck{
		{CaseID: w.ids["h1"], At: htStart.Add(time.Hour), Outcome: casework.OutcomeLive},
		{CaseID: w.ids["h2"], At: htStart.Add(time.Hour), Outcome: casework.OutcomeRemoved},
	}); err != nil {
		t.Fatal(err)
	}
	stats := `{"total":{"attempted":20,"fetched":17,"failed":{"timeout":2},"blocked":1,"findings":8},
		"trouble":[{"source":"shop","kind":"mostly_blocked","name":"大部分被拦截"}]}`
	if err := e.st.FinishSweep(w.sweep, store.SweepFinished, json.RawMessage(stats)); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(48 * time.Hour)
	return w
}

// dashNumber reads a dashboard number and its link.
func dashNumber(t *testing.T, doc *goquery.Document, id string) (string, string) {
	t.Helper()
	li := doc.Find("#" + id)
	if li.Length() != 1 {
		t.Fatalf("no dashboard item #%s", id)
	}
	href, _ := li.Find("a").Attr("href")
	return li.Find(".dash-n").Text(), href
}

// TestRoleLanding: GET / sends each role to its own to-do.
func TestRoleLanding(t *testing.T) {
	e := htNew(t)
	dashCheapLogins(t, e)
	for user, want := range map[string]string{
		"cac":         "/cases?route=takedown_cac&status=open",
		"samr":        "/cases?route=takedown_samr&status=open",
		"approver":    "/dashboard",
		"analyst":     "/rules/test",
		"admin":       "/dashboard",
		"cacapprover": "/cases?route=takedown_cac&status=open",
		"super":       "/cases?status=open",
	} {
		t.Run(user, func(t *testing.T) {
			c := e.htLogin(user)
			resp, body := c.htGet("/")
			htExpect(t, "home", resp, body, http.StatusSeeOther, want)
			// The landing page opens for the role.
			resp, body = c.htGet(want)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: %s answered %d: %s", user, want, resp.StatusCode, htClip(body))
			}
		})
	}
}

// TestDashboardNumbers: each role's numbers against the seeded campaign,
// and each number is the length of the list it links to.
func TestDashboardNumbers(t *testing.T) {
	w := newDashWorld(t)
	type item struct{ id, n, link string }
	for user, want := range map[string][]item{
		"cac": {
			{"todo-takedown_cac", "2", "/cases?route=takedown_cac&status=open"},
			{"todo-referral", "1", "/cases?route=police_referral&status=open"},
			{"todo-send", "0", "/notices?status=approved"},
			{"watch-overdue", "1", "/notices?status=overdue"},
			{"watch-online", "1", "/dashboard/online"},
			{"watch-sweeps", "1", "/sweeps"},
			{"watch-trouble", "1", fmt.Sprintf("/sweeps/%d", w.sweep)},
		},
		"samr": {
			{"todo-takedown_samr", "1", "/cases?route=takedown_samr&status=open"},
			{"todo-referral", "1", "/cases?route=police_referral&status=open"},
		},
		"approver": {
			{"todo-approval", "1", "/cases?status=pending_approval"},
			{"todo-sign", "1", "/notices?status=draft"},
			{"watch-overdue", "1", "/notices?status=overdue"},
		},
		"admin": {
			{"watch-sweeps", "1", "/sweeps"},
			{"watch-trouble", "1", fmt.Sprintf("/sweeps/%d", w.sweep)},
		},
		"analyst": {
			{"watch-sweeps", "1", "/sweeps"},
		},
	} {
		t.Run(user, func(t *testing.T) {
			c := w.htLogin(user)
			doc := c.htDoc("/dashboard", http.StatusOK)
			for _, it := range want {
				n, link := dashNumber(t, doc, it.id)
				if n != it.n || link != it.link {
					t.Errorf("%s: %s → %s, want %s → %s", it.id, n, link, it.n, it.link)
				}
				// The list behind the number has as many rows.
				var rows int
				switch {
				case strings.HasPrefix(link, "/cases?"):
					rows = c.htDoc(link, http.StatusOK).Find("#case-table tbody tr[data-case]").Length()
				case strings.HasPrefix(link, "/notices?"):
					rows = c.htDoc(link, http.StatusOK).Find("#notice-table tbody tr[data-notice], table tbody tr[data-notice]").Length()
				case link == "/dashboard/online":
					rows = c.htDoc(link, http.StatusOK).Find("#online-table tbody tr[data-case]").Length()
				default:
					continue
				}
				if fmt.Sprint(rows) != it.n {
					t.Errorf("%s says %s, %s lists %d", it.id, it.n, link, rows)
				}
			}
			if user == "admin" {
				if h := doc.Find("#health").Text(); !strings.Contains(h, "正常") {
					t.Errorf("admin health: %q", h)
				}
			}
			// A role sees no number of another's work.
			if user != "cac" && doc.Find("#todo-takedown_cac").Length() > 0 {
				t.Errorf("%s sees 网信办's pending cases", user)
			}
			if user != "approver" && doc.Find("#todo-approval").Length() > 0 {
				t.Errorf("%s sees approvals", user)
			}
		})
	}
	// A later sweep with a few failed pages but no source in trouble:
	// still one troubled sweep of the last two, none in the latest.
	later := w.htSweep()
	if err := w.st.FinishSweep(later, store.SweepFinished, json.RawMessage(`{"total":{"attempted":9,"fetched":7,"failed":{"timeout":2}}}`)); err != nil {
		t.Fatal(err)
	}
	doc := w.htLogin("admin").htDoc("/dashboard", http.StatusOK)
	if n, _ := dashNumber(t, doc, "watch-sweeps"); n != "1" || !strings.Contains(doc.Find("#watch-sweeps").Text(), "最近 2 次") {
		t.Errorf("troubled sweeps of the last two: %s (%q)", n, doc.Find("#watch-sweeps .dash-label").Text())
	}
	if n, link := dashNumber(t, doc, "watch-trouble"); n != "0" || link != fmt.Sprintf("/sweeps/%d", later) {
		t.Errorf("latest sweep's trouble: %s → %s", n, link)
	}
	if n := doc.Find("#dash-sweeps tbody tr").Length(); n != 2 {
		t.Errorf("recent sweeps table has %d rows", n)
	}
	// The still-online list names the live link, not the removed one.
	online := w.htLogin("cac").htDoc("/dashboard/online", http.StatusOK)
	if got := online.Find("#online-table tbody tr[data-case]").AttrOr("data-case", ""); got != htID(w.ids["h1"]) {
		t.Errorf("still online: case %s, want %d", got, w.ids["h1"])
	}
}

// TestDashboardCharts: the charts carry the period report's figures.
func TestDashboardCharts(t *testing.T) {
	w := newDashWorld(t)
	c := w.htLogin("analyst")
	doc := c.htDoc("/dashboard/charts?days=30", http.StatusOK)
	val := func(chart, series, label string) string {
		t.Helper()
		sel := fmt.Sprintf(`svg#%s [data-series=%q][data-label=%q]`, chart, series, label)
		m := doc.Find(sel)
		if m.Length() != 1 {
			t.Errorf("%s: %d marks", sel, m.Length())
			return ""
		}
		return m.AttrOr("data-value", "")
	}
	// Found on 03-10 (Beijing): 6 制售、买卖假证, 1 考试作弊, 1 仿冒网站.
	for series, want := range map[string]string{"制售、买卖假证": "6", "考试作弊、代考": "1", "仿冒证书查询网站": "1"} {
		if got := val("chart-found", series, "03-10"); got != want {
			t.Errorf("found %s on 03-10 = %s, want %s", series, got, want)
		}
	}
	if n := doc.Find(`svg#chart-found rect[data-label="03-11"]`).Length(); n != 0 {
		t.Errorf("%d bars on 03-11, a day without cases", n)
	}
	// Time to decision: four first decisions, each 3 hours after first
	// sight, in the week of 03-10.
	for _, series := range []string{"中位数", "90% 分位数"} {
		marks := doc.Find(fmt.Sprintf(`svg#chart-decision circle[data-series=%q][data-value="3"]`, series))
		if marks.Length() != 1 {
			t.Errorf("%s: %d weeks at 3 hours, want 1", series, marks.Length())
		}
	}
	// Takedown rate: one of the two items sent by 网信办 is removed.
	if got := val("chart-takedown", "下架率", "网信办"); got != "50" {
		t.Errorf("网信办 takedown rate %s%%, want 50", got)
	}
	if got := val("chart-takedown", "下架率", store.ReportTotalName); got != "50" {
		t.Errorf("total takedown rate %s%%, want 50", got)
	}
	// Sweep health from the sweep's summary.
	label := fmt.Sprintf("#%d", w.sweep)
	for series, want := range map[string]string{"成功抓取": "17", "失败与被拦截": "3", "命中": "8"} {
		if got := val("chart-sweeps", series, label); got != want {
			t.Errorf("sweep %s %s = %s, want %s", label, series, got, want)
		}
	}
	// Accessible: each chart is an image with a title and a data table.
	doc.Find("svg.chart").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if s.AttrOr("role", "") != "img" || s.Find("title#"+id+"-title").Text() == "" || doc.Find("#"+id+"-data").Length() != 1 {
			t.Errorf("chart %s lacks role, title or data table", id)
		}
	})
	// Bounded ranges only; the 90-day view has 90 days of bars' labels.
	resp, body := c.htGet("/dashboard/charts?days=3650")
	htExpect(t, "days=3650", resp, body, http.StatusBadRequest, "")
	doc90 := c.htDoc("/dashboard/charts?days=90", http.StatusOK)
	if n := doc90.Find("#chart-found-data tbody tr").Length(); n != 90 {
		t.Errorf("90-day table has %d rows", n)
	}
	// Admins see no reports, so no charts.
	resp, body = w.htLogin("admin").htGet("/dashboard/charts")
	htExpect(t, "admin charts", resp, body, http.StatusForbidden, "")
}

// TestAuditFilterExport: the audit log filtered by day, user and action,
// exported as CSV (with a BOM) and XLSX, the export audited.
func TestAuditFilterExport(t *testing.T) {
	w := newDashWorld(t)
	w.htLogin("cac") // on 03-12
	c := w.htLogin("approver")
	rows := func(doc *goquery.Document) []string {
		var out []string
		doc.Find("#audit-table tbody tr").Each(func(_ int, s *goquery.Selection) {
			out = append(out, s.Find("td").Eq(1).Text()+" "+s.Find("td").Eq(2).Text()+" "+s.AttrOr("data-action", ""))
		})
		return out
	}
	// Decisions of 03-10 by cac.
	doc := c.htDoc("/audit?from=2026-03-10&to=2026-03-10&actor=cac&action=case.", http.StatusOK)
	got := rows(doc)
	if len(got) != 4 {
		t.Errorf("cac's decisions on 03-10: %d rows %v, want 4", len(got), got)
	}
	for _, r := range got {
		if !strings.HasPrefix(r, "2026-03-10") || !strings.Contains(r, " cac case.") {
			t.Errorf("row %q outside the filter", r)
		}
	}
	// cac's login on 03-12 is in a range that takes that day only.
	got = rows(c.htDoc("/audit?from=2026-03-12&to=2026-03-12&actor=cac", http.StatusOK))
	if len(got) != 1 || !strings.Contains(got[0], "login") {
		t.Errorf("cac on 03-12: %v, want one login", got)
	}
	if v, _ := doc.Find("#audit-from").Attr("value"); v != "2026-03-10" {
		t.Errorf("from field keeps %q", v)
	}
	for _, bad := range []string{"from=2026-13-01", "from=2026-03-12&to=2026-03-10", "actor=" + strings.Repeat("x", 300)} {
		resp, body := c.htGet("/audit?" + bad)
		htExpect(t, bad, resp, body, http.StatusBadRequest, "")
	}

	// CSV: BOM, header, the same four rows in Chinese.
	href, _ := doc.Find("#export-csv").Attr("href")
	resp, body := c.htGet(href)
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("csv: %d, starts %q", resp.StatusCode, htClip(body))
	}
	recs, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || recs[0][0] != "序号" {
		t.Fatalf("csv has %d records, head %v", len(recs), recs[0])
	}
	for _, r := range recs[1:] {
		if r[2] != "cac" || !strings.HasPrefix(r[1], "2026-03-10") || r[3] != "确认线索" || !strings.HasPrefix(r[6], "case.") {
			t.Errorf("csv row %v", r)
		}
	}
	// XLSX: the same rows.
	href, _ = doc.Find("#export-xlsx").Attr("href")
	resp, body = c.htGet(href)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("xlsx: %d %s", resp.StatusCode, htClip(body))
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("审计日志")
	if err != nil || len(xrows) != 5 || xrows[1][0] != recs[1][0] || xrows[4][5] != recs[4][5] {
		t.Errorf("xlsx rows %v (%v), want as csv %v", xrows, err, recs)
	}
	resp, body = c.htGet("/audit/export?format=pdf")
	htExpect(t, "pdf export", resp, body, http.StatusBadRequest, "")
	// Over the bound: refused with a request to narrow it, and not logged.
	restore := review.SetAuditExportLimit(3)
	resp, body = c.htGet(href)
	restore()
	htExpect(t, "export over the bound", resp, body, http.StatusBadRequest, "")
	if msg := htErrorMessage(t, body); !strings.Contains(msg, "超过 3 条") {
		t.Errorf("over the bound: %q", msg)
	}

	// Both exports are in the log, named in Chinese with their filter.
	doc = c.htDoc("/audit?action=audit.export", http.StatusOK)
	if n := doc.Find(`#audit-table tr[data-action="audit.export"]`).Length(); n != 2 {
		t.Errorf("%d export entries, want 2", n)
	}
	detail := doc.Find(`#audit-table tr[data-action="audit.export"] td.detail`).First().Text()
	for _, want := range []string{"格式：XLSX", "条数：4", "起始日期：2026-03-10", "操作人：cac", "操作：全部线索决定"} {
		if !strings.Contains(detail, want) {
			t.Errorf("export entry %q lacks %q", detail, want)
		}
	}
	// Reviewers may not export the audit log.
	resp, body = w.htLogin("cac").htGet("/audit/export?format=csv")
	htExpect(t, "reviewer export", resp, body, http.StatusForbidden, "")
}

// TestDashboardPagesInChinese: the dashboard, its lists, the charts and
// the audit log with an export entry show no raw identifier (the scanner
// of TestNoRawIdentifiersOnAnyPage).
func TestDashboardPagesInChinese(t *testing.T) {
	w := newDashWorld(t)
	known := htTableIdentifiers(w.htEnv)
	approver := w.htLogin("approver")
	resp, body := approver.htGet("/audit/export?format=csv&action=case.&from=2026-03-10&actor=cac&object=case:1")
	htExpect(t, "export", resp, body, http.StatusOK, "")
	for _, p := range []struct{ user, path string }{
		{"cac", "/dashboard"}, {"cac", "/dashboard/online"}, {"approver", "/dashboard"}, {"admin", "/dashboard"},
		{"analyst", "/dashboard"}, {"analyst", "/dashboard/charts?days=90"}, {"approver", "/audit?from=2026-03-10"},
	} {
		c := approver
		if p.user != "approver" {
			c = w.htLogin(p.user)
		}
		resp, body := c.htGet(p.path)
		htExpect(t, p.path, resp, body, http.StatusOK, "")
		if raw := htRawNames(htVisibleText(t, body), known); len(raw) > 0 {
			t.Errorf("%s as %s shows raw identifiers %q:\n%.3000s", p.path, p.user, raw, htVisibleText(t, body))
		}
	}
}

package review_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/certwatch/certwatch/store"
)

// TestReportsPage: the page's table and the XLSX download carry the
// figures of store.PeriodReport for the chosen window.
func TestReportsPage(t *testing.T) {
	e := htNew(t)
	e.htSweep()
	offer := "电工证 焊工证 免考 包过 官网可查 不用到场 联系微信 zhengshu888"
	for i := range 3 {
		e.htRecord(htPage{URL: "http://bbs.example/t/" + strconv.Itoa(i), Title: "电工证包过", Text: offer})
	}
	c := e.htLogin("cac")
	resp, body := c.htPost("/cases/1/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")

	q := "from=2026-03-01&to=2026-03-31"
	p, err := store.DayPeriod("2026-03-01", "2026-03-31")
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.st.PeriodReport(p.From, p.To, store.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want.Total.Found != 3 || want.Total.Confirmed != 1 {
		t.Fatalf("fixture: found %d confirmed %d", want.Total.Found, want.Total.Confirmed)
	}
	doc := c.htDoc("/reports?"+q, http.StatusOK)
	total := doc.Find("#report-table tr.total td")
	if got := strings.TrimSpace(total.Eq(3).Text()); got != "3" {
		t.Errorf("page total found = %q, want 3", got)
	}
	if got := strings.TrimSpace(total.Eq(4).Text()); got != "1" {
		t.Errorf("page total confirmed = %q, want 1", got)
	}

	resp, data := c.htGet("/reports/xlsx?" + q)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 0 && r[0] == "合计" {
			found = true
			if !strings.Contains(strings.Join(r, "|"), "|3|1|") {
				t.Errorf("xlsx total row %v lacks found 3, confirmed 1", r)
			}
		}
	}
	if !found {
		t.Errorf("xlsx has no 合计 row: %v", rows)
	}
	if resp, body := c.htGet("/reports?from=2026-04-01&to=2026-03-01"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a window ending before it starts: %d %s", resp.StatusCode, htClip(body))
	}
	_ = os.Getenv
}

// TestTuningPage: an analyst pastes a candidate pack that raises the
// threshold beyond every score; every case the current pack flags is
// listed as dropped, and the per-rule table shows the labelled hits.
func TestTuningPage(t *testing.T) {
	e := htNew(t)
	e.htSweep()
	offer := "电工证 焊工证 免考 包过 官网可查 不用到场 联系微信 zhengshu888"
	for i := range 3 {
		e.htRecord(htPage{URL: "http://bbs.example/t/" + strconv.Itoa(i), Title: "电工证包过", Text: offer})
	}
	c := e.htLogin("cac")
	c.htPost("/cases/1/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
	c.htPost("/cases/2/decide", url.Values{"action": {"dismiss"}, "reason": {"false_positive"}})

	pack, err := os.ReadFile("../rules/default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Stricter everywhere: the pack's threshold and the short-text one. The
	// offer is a short text (38 characters) with two independent signals
	// (免考, 包过), which the short-text threshold alone flags.
	strict := strings.Replace(string(pack), "threshold: 6\n", "threshold: 1000\n", 1)
	strict = strings.Replace(strict, "\n  threshold: 4\n", "\n  threshold: 1000\n", 1)
	if strings.Count(strict, "threshold: 1000\n") != 2 {
		t.Fatal("the default pack's threshold lines changed; update the test")
	}
	a := e.htLogin("analyst")
	// Re-scoring decides as sweeps do, with the model in force: it flags
	// these offers alone, so a stricter pack drops none of them.
	resp, body := a.htPost("/rules/test", url.Values{"pack": {strict}})
	if resp.StatusCode != 200 {
		t.Fatalf("rules test: %d %s", resp.StatusCode, htClip(body))
	}
	if n := htParse(t, body).Find("#tuning-dropped li").Length(); n != 0 {
		t.Errorf("%d dropped cases listed with the model in force, want 0", n)
	}
	// With the model's cert_sale channel off, the rules alone decide.
	if err := e.st.SetModelChannel("analyst", "cert_sale", false); err != nil {
		t.Fatal(err)
	}
	resp, body = a.htPost("/rules/test", url.Values{"pack": {strict}})
	if resp.StatusCode != 200 {
		t.Fatalf("rules test: %d %s", resp.StatusCode, htClip(body))
	}
	doc := htParse(t, body)
	if n := doc.Find("#tuning-dropped li").Length(); n != 3 {
		t.Errorf("%d dropped cases listed, want 3:\n%s", n, doc.Find("#tuning-dropped").Text())
	}
	if n := doc.Find("#tuning-added li").Length(); n != 0 {
		t.Errorf("%d added cases with a stricter pack", n)
	}
	cur := doc.Find("#tuning-totals tbody tr").First().Find("td")
	if cur.Eq(1).Text() != "3" || cur.Eq(2).Text() != "1" || cur.Eq(3).Text() != "1" || cur.Eq(4).Text() != "0.50" {
		t.Errorf("current totals %q, want 3 flagged, 1 TP, 1 FP, precision 0.50", cur.Text())
	}
	resp, body = a.htPost("/rules/test", url.Values{"pack": {"name: x\nrules: [\n"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(htParse(t, body).Find("#tuning-error").Text(), "candidate.yaml") {
		t.Errorf("a broken pack: %d %s", resp.StatusCode, htClip(body))
	}
	if es, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "rules.test"}); len(es) != 2 {
		t.Errorf("%d rules.test audit entries, want 2 (one per run)", len(es))
	}
}

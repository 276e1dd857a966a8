package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// reportClock is a clock the test moves.
type reportClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *reportClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *reportClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// reportDB writes a configuration (a forum, and a marketplace whose
// takedowns go to market regulation) and a database with a sweep,
// findings, decisions, notices and a removal check in August 2026, and
// one finding after the period.
func reportDB(t *testing.T) (cfgPath, dbPath string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath = writeFile(t, dir, "c.yaml", `database: c.db
sources:
  - {id: forum, type: urls, urls: ["http://forum.example/"]}
  - {id: mall, type: urls, urls: ["http://mall.example/"], route: takedown_samr}
`)
	dbPath = filepath.Join(dir, "c.db")
	bj := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, store.Beijing)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	clock := &reportClock{t: bj("2026-08-01 09:00")}
	st, err := store.Open(dbPath, store.Options{Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sw := store.Sweep{}
	must(st.StartSweep(&sw))
	_, err = st.AddFrontier(sw.ID, []store.FrontierItem{
		{URL: "http://forum.example/1", SourceID: "forum", Kind: "page"},
		{URL: "http://forum.example/2", SourceID: "forum", Kind: "page"},
		{URL: "http://forum.example/3", SourceID: "forum", Kind: "page"},
		{URL: "http://mall.example/s?q=1", SourceID: "mall", Kind: "search"},
		{URL: "http://mall.example/i/1", SourceID: "mall", Kind: "listing"},
		{URL: "http://mall.example/i/2", SourceID: "mall", Kind: "listing"},
	})
	must(err)
	must(st.RecordPage(sw.ID, "http://forum.example/1", store.PageRecord{SourceID: "forum"}))
	must(st.MarkDone(sw.ID, "http://forum.example/3", "timeout"))
	must(st.RecordPage(sw.ID, "http://mall.example/s?q=1", store.PageRecord{SourceID: "mall"}))
	must(st.MarkDone(sw.ID, "http://mall.example/i/2", "ok"))

	flag := func(frontierURL, url, source string, route casework.Route, at string) uint64 {
		t.Helper()
		clock.set(bj(at))
		res, err := st.Record(store.Observation{
			SweepID: sw.ID, FrontierURL: frontierURL, CaseKey: url, URL: url, SourceID: source,
			Title: "出售安全员证", Status: 200, Body: []byte("<p>出售安全员证 " + url + "</p>"), Flagged: true, Score: 9,
			Category: "cert_sale", Finding: json.RawMessage(fmt.Sprintf(`{"route":%q}`, route)),
		})
		must(err)
		return res.CaseID
	}
	decide := func(at string, d store.Decision) *store.Case {
		t.Helper()
		clock.set(bj(at))
		c, _, err := st.Decide(d)
		must(err)
		return c
	}
	send := func(at string, id uint64) {
		t.Helper()
		clock.set(bj(at))
		_, err := st.MoveNotice(id, store.NoticeMove{To: casework.NoticeApproved, By: "boss", Number: "网信函〔2026〕1号", Deadline: bj(at).Add(72 * time.Hour)})
		must(err)
		_, err = st.MoveNotice(id, store.NoticeMove{To: casework.NoticeSent, By: "clerk"})
		must(err)
	}

	a := flag("http://forum.example/2", "http://forum.example/2", "forum", casework.RouteTakedownCAC, "2026-08-02 10:00")
	na := decide("2026-08-03 10:00", store.Decision{CaseID: a, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "某论坛", By: "alice"}).NoticeID
	send("2026-08-04 10:00", na)
	clock.set(bj("2026-08-06 10:00"))
	_, err = st.RecordChecks(na, 1, "checker", []store.ItemCheck{{CaseID: a, Outcome: casework.OutcomeRemoved, Status: 404}})
	must(err)

	flag("http://mall.example/i/1", "http://mall.example/i/1", "mall", casework.RouteTakedownCAC, "2026-08-05 10:00") // open: 市场监管

	c := flag("", "http://forum.example/c", "forum", casework.RoutePoliceReferral, "2026-08-06 10:00")
	decide("2026-08-07 10:00", store.Decision{CaseID: c, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	nc := decide("2026-08-08 10:00", store.Decision{CaseID: c, Action: casework.ActionApprove, By: "bob"}).NoticeID
	send("2026-08-09 10:00", nc)

	d := flag("", "http://forum.example/d", "forum", casework.RouteTakedownCAC, "2026-08-10 10:00")
	decide("2026-08-11 10:00", store.Decision{CaseID: d, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "alice"})

	flag("", "http://forum.example/late", "forum", casework.RouteTakedownCAC, "2026-08-25 00:00") // the day after --to
	return cfgPath, dbPath
}

// sheetFigures reads the summary sheet's figure rows: route order, then
// the total.
func sheetFigures(t *testing.T, path string) (rows [][]string, subtitle string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 7 {
		t.Fatalf("summary sheet has %d rows", len(all))
	}
	return all[3:7], all[1][0]
}

func wantFigures(r *store.PeriodReport) [][]string {
	var out [][]string
	for _, row := range append(append([]store.ReportRow(nil), r.Rows...), r.Total) {
		f := row.ReportFigures
		line := []string{row.Department}
		for _, v := range []int{f.PagesChecked, f.ListingsChecked, f.Found, f.Confirmed, f.TakedownsSent, f.Removed, f.Referrals, f.Open} {
			line = append(line, strconv.Itoa(v))
		}
		out = append(out, line)
	}
	return out
}

func TestReportXLSXMatchesTheDatabase(t *testing.T) {
	cfgPath, dbPath := reportDB(t)
	dir := filepath.Dir(cfgPath)
	xlsx, html := filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "r.html")
	code, out, errOut := runCLI(t, "", "report", "--config", cfgPath, "--from", "2026-08-01", "--to", "2026-08-24",
		"--xlsx", xlsx, "--html", html, "--contact", "李四 0355-1234567")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}

	// The same report, computed here from the same database.
	st, err := store.Open(dbPath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 8, 1, 0, 0, 0, 0, store.Beijing)
	want, err := st.PeriodReport(from, from.AddDate(0, 0, 24), store.ReportOptions{SourceRoutes: map[string]casework.Route{"mall": casework.RouteTakedownSAMR}})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Not a vacuous comparison: the fixture's own figures.
	if got := want.Total.ReportFigures; got != (store.ReportFigures{PagesChecked: 5, ListingsChecked: 2, Found: 4, Confirmed: 2,
		TakedownsSent: 1, Removed: 1, Referrals: 1, Open: 1}) {
		t.Fatalf("the database's total %+v", got)
	}
	if got := want.Row("takedown_samr").ReportFigures; got != (store.ReportFigures{PagesChecked: 3, ListingsChecked: 2, Found: 1, Open: 1}) {
		t.Fatalf("market regulation's row %+v", got)
	}

	rows, subtitle := sheetFigures(t, xlsx)
	if got, want := rows, wantFigures(want); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("workbook rows\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(subtitle, "统计期间：2026年8月1日至2026年8月24日") || !strings.Contains(subtitle, "填报单位：区打击假冒安全生产类证书专项工作领导小组办公室") {
		t.Errorf("subtitle %q", subtitle)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	daily, _ := f.GetRows("每日趋势")
	f.Close()
	if len(daily) != 25 || strings.Join(daily[2], ",") != "2026-08-02,1,0" || strings.Join(daily[6], ",") != "2026-08-06,1,1" {
		t.Errorf("daily sheet: %d rows, %q, %q", len(daily), daily[2], daily[6])
	}

	// The page shows the same table.
	raw, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var page [][]string
	doc.Find("#summary tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
		page = append(page, cells)
	})
	if fmt.Sprint(page) != fmt.Sprint(wantFigures(want)) {
		t.Errorf("page rows %q", page)
	}
	if doc.Find("svg").Length() != 2 || doc.Find("script").Length() != 0 {
		t.Error("page: want two charts and no script")
	}

	// stdout: the table and the files.
	if !regexp.MustCompile(`(?m)^\s*total\s+5\s+2\s+4\s+2\s+1\s+1\s+1\s+1\s*$`).MatchString(out) ||
		!strings.Contains(out, "period 2026-08-01 to 2026-08-24") || !strings.Contains(out, "wrote "+xlsx) || !strings.Contains(out, "wrote "+html) {
		t.Errorf("stdout:\n%s", out)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".r.*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestReportPeriodFlag(t *testing.T) {
	cfgPath, dbPath := reportDB(t)
	dir := filepath.Dir(cfgPath)
	xlsx := filepath.Join(dir, "p.xlsx")
	// --db alone: no configuration needed (and no source routes: the
	// marketplace's pages count for 网信办).
	code, out, errOut := runCLI(t, "", "report", "--db", dbPath, "--period", "2026-1", "--xlsx", xlsx, "--issuer", "某区工作专班")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, subtitle := sheetFigures(t, xlsx)
	if want := "填报单位：某区工作专班　　统计期间：2026年1月1日至2026年8月24日（2026年第一次工作进展）"; subtitle != want {
		t.Errorf("subtitle %q, want %q", subtitle, want)
	}
	st, err := store.Open(dbPath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	p := store.CampaignPeriods(2026)[0]
	want, err := st.PeriodReport(p.From, p.To, store.ReportOptions{})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rows) != fmt.Sprint(wantFigures(want)) || want.Row("takedown_cac").PagesChecked != 5 {
		t.Errorf("rows %q, want %q", rows, wantFigures(want))
	}
	if !strings.Contains(out, "2026年第一次工作进展") {
		t.Errorf("stdout:\n%s", out)
	}

	// The summary covers the year, so it finds the late case too.
	code, out, _ = runCLI(t, "", "report", "--db", dbPath, "--period", "2026-4")
	if code != 0 || !regexp.MustCompile(`(?m)^\s*total\s+5\s+2\s+5\s`).MatchString(out) {
		t.Errorf("summary: exit %d\n%s", code, out)
	}
	// The same in Chinese: departments by name, no English heading.
	code, out, _ = runCLI(t, "", "--lang", "zh", "report", "--db", dbPath, "--period", "2026-4")
	if code != 0 || !regexp.MustCompile(`(?m)^\s*合计\s+5\s+2\s+5\s`).MatchString(out) || !strings.Contains(out, "统计期 2026-") ||
		!strings.Contains(out, "网信办") || strings.Contains(out, "DEPARTMENT") || strings.Contains(out, "takedown_cac") {
		t.Errorf("summary in Chinese: exit %d\n%s", code, out)
	}
}

func TestReportBadFlags(t *testing.T) {
	cfgPath, _ := reportDB(t)
	for name, args := range map[string][]string{
		"no period":        {},
		"from only":        {"--from", "2026-08-01"},
		"bad date":         {"--from", "2026-08-01", "--to", "2026-08-32"},
		"backwards":        {"--from", "2026-08-10", "--to", "2026-08-01"},
		"period and dates": {"--period", "2026-1", "--from", "2026-08-01", "--to", "2026-08-02"},
		"bad period":       {"--period", "2026-5"},
		"period not YEAR":  {"--period", "first"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", append([]string{"report", "--config", cfgPath}, args...)...)
			if code != 2 || !strings.Contains(errOut, "report:") {
				t.Errorf("exit %d: %s", code, errOut)
			}
		})
	}
	code, _, errOut := runCLI(t, "", "report", "--config", filepath.Join(t.TempDir(), "none.yaml"), "--period", "2026-1")
	if code != 1 || errOut == "" {
		t.Errorf("missing configuration: exit %d: %s", code, errOut)
	}
	// A failed write leaves nothing behind.
	code, _, errOut = runCLI(t, "", "report", "--config", cfgPath, "--period", "2026-1", "--xlsx", filepath.Join(t.TempDir(), "no", "such", "dir.xlsx"))
	if code != 1 || errOut == "" {
		t.Errorf("unwritable output: exit %d: %s", code, errOut)
	}
}

func TestReportPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if _, err := exec.LookPath("chromium-browser"); err != nil {
			t.Skip("PDF test skipped: no chromium or chromium-browser on PATH")
		}
	}
	cfgPath, _ := reportDB(t)
	pdf := filepath.Join(filepath.Dir(cfgPath), "r.pdf")
	code, out, errOut := runCLI(t, "", "report", "--config", cfgPath, "--period", "2026-1", "--pdf", pdf)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 10<<10 {
		t.Fatalf("PDF: %d bytes, %v", len(b), err)
	}
	if !strings.Contains(out, "wrote "+pdf) {
		t.Errorf("stdout:\n%s", out)
	}
}

package notice

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/certwatch/certwatch/browser"
	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// sampleReport is a report over 1–24 August 2026 (Beijing) with distinct
// figures in every cell, so a misplaced one shows.
func sampleReport() *store.PeriodReport {
	from := time.Date(2026, 8, 1, 0, 0, 0, 0, beijing)
	r := &store.PeriodReport{
		From: from.UTC(), To: from.AddDate(0, 0, 24).UTC(),
		GeneratedAt: time.Date(2026, 8, 25, 1, 30, 0, 0, time.UTC),
		Sweeps:      24,
		Notes:       []string{"第3次巡查的记录已清理，网页数取自其统计摘要，商品信息数未计入。"},
	}
	for i, d := range store.ReportDepartments {
		b := (i + 1) * 100
		r.Rows = append(r.Rows, store.ReportRow{Route: d.Route, Department: d.Name, ReportFigures: store.ReportFigures{
			PagesChecked: b + 1, ListingsChecked: b + 2, Found: b + 3, Confirmed: b + 4,
			TakedownsSent: b + 5, Removed: b + 6, Referrals: b + 7, Open: b + 8}})
	}
	r.Total = store.ReportRow{Department: store.ReportTotalName}
	for _, row := range r.Rows {
		f := &r.Total.ReportFigures
		f.PagesChecked += row.PagesChecked
		f.ListingsChecked += row.ListingsChecked
		f.Found += row.Found
		f.Confirmed += row.Confirmed
		f.TakedownsSent += row.TakedownsSent
		f.Removed += row.Removed
		f.Referrals += row.Referrals
		f.Open += row.Open
	}
	for i := range 24 {
		r.Days = append(r.Days, store.ReportDay{Date: from.AddDate(0, 0, i), Found: (i * 7) % 11, Removed: (i * 3) % 5})
	}
	return r
}

var sampleInfo = ReportInfo{Issuer: "某某区专项治理工作专班", Period: "2026年第一次工作进展", Contact: "李四，0355-1234567"}

func figures(row store.ReportRow) []int {
	var out []int
	for _, c := range reportColumns {
		out = append(out, c.Value(row.ReportFigures))
	}
	return out
}

func TestWriteReportXLSX(t *testing.T) {
	r := sampleReport()
	var buf bytes.Buffer
	if err := WriteReportXLSX(&buf, r, sampleInfo); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != SheetSummary || got[1] != SheetDaily {
		t.Fatalf("sheets %q", got)
	}
	get := func(sheet, c string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, c)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("summary", func(t *testing.T) {
		if got := get(SheetSummary, "A1"); got != DefaultReportTitle {
			t.Errorf("title %q", got)
		}
		if got, want := get(SheetSummary, "A2"), "填报单位：某某区专项治理工作专班　　统计期间：2026年8月1日至2026年8月24日（2026年第一次工作进展）"; got != want {
			t.Errorf("subtitle %q, want %q", got, want)
		}
		wantHead := []string{"部门", "巡查网页数", "其中：商品信息数", "发现可疑信息", "确认违法违规", "发送删除/下架通知", "已删除/下架", "移送公安机关", "期末未处置"}
		for i, h := range wantHead {
			if got := get(SheetSummary, cell(i+1, 3)); got != h {
				t.Errorf("head %d = %q, want %q", i+1, got, h)
			}
		}
		rows := append(append([]store.ReportRow(nil), r.Rows...), r.Total)
		wantNames := []string{"网信办", "市场监管", "公安机关（移送）", "合计"}
		for i, row := range rows {
			n := 4 + i
			if got := get(SheetSummary, cell(1, n)); got != wantNames[i] {
				t.Errorf("row %d is %q, want %q", n, got, wantNames[i])
			}
			for j, want := range figures(row) {
				c := cell(j+2, n)
				if got := get(SheetSummary, c); got != strconv.Itoa(want) {
					t.Errorf("%s = %q, want %d", c, got, want)
				}
				if typ, _ := f.GetCellType(SheetSummary, c); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s is not a number (type %v)", c, typ)
				}
			}
		}
		if got := get(SheetSummary, "B7"); got != "603" { // 101 + 201 + 301
			t.Errorf("total pages %q", got)
		}
		panes, err := f.GetPanes(SheetSummary)
		if err != nil || !panes.Freeze || panes.YSplit != 3 || panes.TopLeftCell != "A4" {
			t.Errorf("panes %+v, %v", panes, err)
		}
		if w, _ := f.GetColWidth(SheetSummary, "A"); w != widthDepartment {
			t.Errorf("column A width %v", w)
		}
		if w, _ := f.GetColWidth(SheetSummary, "E"); w != widthFigure {
			t.Errorf("column E width %v", w)
		}
		merged, _ := f.GetMergeCells(SheetSummary)
		refs := map[string]bool{}
		for _, m := range merged {
			refs[m.GetStartAxis()+":"+m.GetEndAxis()] = true
		}
		if !refs["A1:I1"] || !refs["A2:I2"] {
			t.Errorf("merged %v", refs)
		}
		all, _ := f.GetRows(SheetSummary)
		text := ""
		for _, row := range all {
			text += strings.Join(row, "|") + "\n"
		}
		for _, want := range []string{"说明：", "1. 巡查网页数：", "第3次巡查的记录已清理", "填报人及电话：李四，0355-1234567", "生成时间：2026-08-25 09:30"} {
			if !strings.Contains(text, want) {
				t.Errorf("sheet lacks %q:\n%s", want, text)
			}
		}
	})

	t.Run("daily", func(t *testing.T) {
		rows, err := f.GetRows(SheetDaily)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 25 || strings.Join(rows[0], ",") != "日期,发现可疑信息,已删除/下架" {
			t.Fatalf("%d rows, head %q", len(rows), rows[0])
		}
		for i, d := range r.Days {
			want := []string{d.Date.Format("2006-01-02"), strconv.Itoa(d.Found), strconv.Itoa(d.Removed)}
			if got := rows[i+1]; strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("row %d = %q, want %q", i+2, got, want)
			}
		}
		// Dates are dates: the raw value is Excel's day number.
		v, _ := f.GetCellValue(SheetDaily, "A2", excelize.Options{RawCellValue: true})
		if v != "46235" { // 2026-08-01
			t.Errorf("A2 raw value %q, want the serial day 46235", v)
		}
		panes, _ := f.GetPanes(SheetDaily)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("daily panes %+v", panes)
		}
	})

	t.Run("chart", func(t *testing.T) {
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[zf.Name] = string(b)
		}
		chart, ok := files["xl/charts/chart1.xml"]
		if !ok {
			t.Fatalf("no chart in %v", keys(files))
		}
		chart = html.UnescapeString(chart)
		for _, want := range []string{"<lineChart>", "'每日趋势'!$A$2:$A$25", "'每日趋势'!$B$1", "'每日趋势'!$B$2:$B$25",
			"'每日趋势'!$C$2:$C$25", "每日发现可疑信息与删除/下架数量", colorFound, colorRemoved} {
			if !strings.Contains(chart, want) {
				t.Errorf("chart lacks %q", want)
			}
		}
		if n := strings.Count(chart, "<ser>"); n != 2 {
			t.Errorf("%d series", n)
		}
		// The chart is on the daily sheet (the second).
		if rels := files["xl/worksheets/_rels/sheet2.xml.rels"]; !strings.Contains(rels, "drawing") {
			t.Errorf("daily sheet has no drawing: %q", rels)
		}
		if _, ok := files["xl/worksheets/_rels/sheet1.xml.rels"]; ok && strings.Contains(files["xl/worksheets/_rels/sheet1.xml.rels"], "drawing") {
			t.Error("summary sheet has a drawing")
		}
	})

	if err := WriteReportXLSX(io.Discard, nil, sampleInfo); err == nil {
		t.Error("nil report: no error")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func renderReport(t *testing.T, r *store.PeriodReport, info ReportInfo) (*goquery.Document, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderReportHTML(&buf, r, info); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc, buf.String()
}

func TestRenderReportHTML(t *testing.T) {
	r := sampleReport()
	info := sampleInfo
	info.Issuer = hostile
	info.Title = "统计表</title><script>alert(3)</script>"
	doc, raw := renderReport(t, r, info)

	if got := text(doc, "#issuer"); got != "填报单位："+hostile {
		t.Errorf("issuer shown as %q", got)
	}
	if got := text(doc, "#title"); got != info.Title {
		t.Errorf("title shown as %q", got)
	}
	if got := text(doc, "#period"); got != "统计期间：2026年8月1日至2026年8月24日（2026年第一次工作进展）" {
		t.Errorf("period %q", got)
	}
	if doc.Find("script").Length() != 0 || strings.Contains(raw, "<script") {
		t.Error("the page has a script")
	}
	if csp, _ := doc.Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "href" {
				t.Errorf("<%s %s=%q>", goquery.NodeName(s), a.Key, a.Val)
			}
		}
	})
	if n := doc.Find("link, img, iframe, object, embed, image, use").Length(); n != 0 {
		t.Errorf("%d external resources", n)
	}

	heads := texts(doc, "#summary thead th")
	if len(heads) != 9 || heads[0] != "部门" || heads[8] != "期末未处置" {
		t.Errorf("heads %q", heads)
	}
	rows := append(append([]store.ReportRow(nil), r.Rows...), r.Total)
	trs := doc.Find("#summary tbody tr")
	if trs.Length() != len(rows) {
		t.Fatalf("%d rows", trs.Length())
	}
	trs.Each(func(i int, tr *goquery.Selection) {
		var cells []string
		tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
		want := []string{rows[i].Department}
		for _, v := range figures(rows[i]) {
			want = append(want, strconv.Itoa(v))
		}
		if strings.Join(cells, "|") != strings.Join(want, "|") {
			t.Errorf("row %d = %q, want %q", i, cells, want)
		}
	})
	if !trs.Last().HasClass("total") {
		t.Error("the last row is not the total")
	}
	if route, _ := trs.Eq(2).Attr("data-route"); route != string(casework.RoutePoliceReferral) {
		t.Errorf("third row's route %q", route)
	}

	svgs := doc.Find("#charts svg")
	if svgs.Length() != 2 {
		t.Fatalf("%d charts", svgs.Length())
	}
	svgs.Each(func(_ int, svg *goquery.Selection) {
		lines := svg.Find("polyline")
		if lines.Length() != 2 {
			t.Errorf("%d lines", lines.Length())
		}
		lines.Each(func(_ int, l *goquery.Selection) {
			pts, _ := l.Attr("points")
			if n := len(strings.Fields(pts)); n != len(r.Days) {
				t.Errorf("%d points, want one a day (%d)", n, len(r.Days))
			}
		})
		if svg.Find("title").Length() != 1 {
			t.Error("chart without a title")
		}
	})
	// The cumulative chart ends at the period's totals.
	last := func(sel string) string {
		pts, _ := doc.Find(sel).Attr("points")
		f := strings.Fields(pts)
		return f[len(f)-1]
	}
	if last("#chart-cumulative polyline") == last("#chart-daily polyline") {
		t.Error("cumulative and daily lines end at the same point")
	}
	if got := texts(doc, "#definitions li"); len(got) != len(reportDefinitions) {
		t.Errorf("%d definitions", len(got))
	}
	if got := text(doc, "#notes"); !strings.Contains(got, "第3次巡查") {
		t.Errorf("notes %q", got)
	}
	if got := text(doc, "#foot"); got != "填报人及电话：李四，0355-1234567　　生成时间：2026-08-25 09:30（certwatch）" {
		t.Errorf("foot %q", got)
	}
}

func TestReportHTMLOneDayNoIssuer(t *testing.T) {
	r := sampleReport()
	r.Days = r.Days[:1]
	r.Days[0].Found, r.Days[0].Removed = 0, 0
	r.To = r.From.Add(24 * time.Hour)
	r.Notes = nil
	doc, _ := renderReport(t, r, ReportInfo{})
	if doc.Find("#issuer").Length() != 0 || doc.Find("#notes").Length() != 0 {
		t.Error("empty issuer or notes shown")
	}
	if got := text(doc, "#period"); got != "统计期间：2026年8月1日至2026年8月1日" {
		t.Errorf("period %q", got)
	}
	if got := text(doc, "#title"); got != DefaultReportTitle {
		t.Errorf("title %q", got)
	}
	if n := doc.Find("#chart-daily polyline").Length(); n != 2 {
		t.Errorf("%d lines", n)
	}
}

func TestNiceStep(t *testing.T) {
	for top, want := range map[int]int{0: 1, 1: 1, 5: 1, 6: 2, 10: 2, 11: 5, 25: 5, 26: 10, 49: 10, 51: 20, 999: 200, 1001: 500} {
		if got := niceStep(top); got != want {
			t.Errorf("niceStep(%d) = %d, want %d", top, got, want)
		}
	}
}

// a4Landscape matches the MediaBox of an A4 landscape page in points.
var a4Landscape = regexp.MustCompile(`/MediaBox\s*\[0 0 84[12](\.\d+)? 59[45](\.\d+)?\]`)

// TestReportPDF prints a period report with the browser pool.
func TestReportPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if _, err := exec.LookPath("chromium-browser"); err != nil {
			t.Skip("PDF test skipped: no chromium or chromium-browser on PATH (apt-get install chromium fonts-noto-cjk)")
		}
	}
	c, err := browser.New(browser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	pdf, err := ReportPDF(ctx, c, sampleReport(), sampleInfo)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n < 1 || n > 3 {
		t.Errorf("%d pages, want 1 to 3", n)
	}
	if !a4Landscape.Match(pdf) {
		t.Errorf("not A4 landscape")
	}
	if _, err := ReportPDF(ctx, nil, sampleReport(), sampleInfo); err == nil {
		t.Error("no printer: no error")
	}
}

package notice

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Period reports. The figures come from store.PeriodReport, which defines
// them; this file only lays them out: an XLSX workbook (WriteReportXLSX),
// a self-contained HTML page (RenderReportHTML) and its A4 landscape PDF
// (ReportPDF). The report is a plain value: rendering reads no database.
//
// The workbook has two sheets: 汇总, the table (a title row, the issuing
// unit and period, one row per department and a total, figures as
// numbers, the definitions below), and 每日趋势, the daily series with a
// native line chart of findings and removals. The HTML shows the same
// table and draws the series as inline SVG made here: no script, no
// external resource, like the notices.

// DefaultReportTitle is a report's title when ReportInfo gives none.
const DefaultReportTitle = "安全生产资格证书涉假专项治理网络巡查工作情况统计表"

// ReportInfo is what a report says besides its figures.
type ReportInfo struct {
	Issuer  string // 填报单位
	Title   string // DefaultReportTitle when empty
	Period  string // the window's name, e.g. 2026年第一次工作进展; optional
	Contact string // 填报人及电话; optional
}

// Sheet names of the workbook.
const (
	SheetSummary = "汇总"
	SheetDaily   = "每日趋势"
)

// reportColumn is one figure column of the table.
type reportColumn struct {
	Head  string
	Value func(store.ReportFigures) int
}

// reportColumns are the table's figure columns, after 部门.
var reportColumns = []reportColumn{
	{"巡查网页数", func(f store.ReportFigures) int { return f.PagesChecked }},
	{"其中：商品信息数", func(f store.ReportFigures) int { return f.ListingsChecked }},
	{"发现可疑信息", func(f store.ReportFigures) int { return f.Found }},
	{"确认违法违规", func(f store.ReportFigures) int { return f.Confirmed }},
	{"发送删除/下架通知", func(f store.ReportFigures) int { return f.TakedownsSent }},
	{"已删除/下架", func(f store.ReportFigures) int { return f.Removed }},
	{"移送公安机关", func(f store.ReportFigures) int { return f.Referrals }},
	{"期末未处置", func(f store.ReportFigures) int { return f.Open }},
}

// reportDefinitions say what each column counts (the definitions of
// store.ReportFigures, in the report's language).
var reportDefinitions = []string{
	"巡查网页数：统计期内开始的巡查中成功抓取并经规则检测的网页数（含搜索结果页、商品详情页；抓取失败、robots协议禁止抓取和非网页文件不计），按来源对应的处置部门归类，未指定的计入网信办；公安机关不承担巡查，记为0。",
	"其中：商品信息数：上述网页中，电商平台搜索结果所列商品的详情页数。",
	"发现可疑信息：统计期内首次发现的可疑网址或商品（同一网址或商品多次发现只计一次）。",
	"确认违法违规：统计期内经审核确认的线索数；移送公安机关的线索经第二人审批通过后计入。",
	"发送删除/下架通知：统计期内发出的删除、下架通知所列信息条数。",
	"已删除/下架：通知所列信息在统计期内首次经复查确认已删除（含删除后在别处重新发布），或平台反馈已删除的条数。",
	"移送公安机关：统计期内发出的案件线索移送函所列线索条数。",
	"期末未处置：截至统计期末仍待审核或待审批的线索数，含以前各期结转。",
	"部门归属：已确认的线索按确认的处置途径归属；尚未确认的按规则建议的途径归属（来源指定的途径优先，建议移送公安机关的除外）；通知按其类别归属。",
}

// reportText is a report's text, shared by the workbook and the page.
type reportText struct {
	Title     string
	Issuer    string
	Period    string // 2026年8月1日至2026年8月24日
	Name      string // the window's name, or ""
	Contact   string
	Generated string
	Subtitle  string // 填报单位：…　统计期间：…（name）
	Notes     []string
}

func newReportText(r *store.PeriodReport, info ReportInfo) reportText {
	t := reportText{
		Title:     plainText(orDefault(info.Title, DefaultReportTitle), maxFieldRunes),
		Issuer:    plainText(info.Issuer, maxFieldRunes),
		Period:    chineseDate(r.From) + "至" + chineseDate(r.LastDay()),
		Name:      plainText(info.Period, maxFieldRunes),
		Contact:   plainText(info.Contact, maxFieldRunes),
		Generated: r.GeneratedAt.In(beijing).Format("2006-01-02 15:04"),
	}
	parts := []string{"统计期间：" + t.Period}
	if t.Name != "" {
		parts[0] += "（" + t.Name + "）"
	}
	if t.Issuer != "" {
		parts = append([]string{"填报单位：" + t.Issuer}, parts...)
	}
	t.Subtitle = strings.Join(parts, "　　")
	for _, n := range r.Notes {
		t.Notes = append(t.Notes, plainText(n, 500))
	}
	return t
}

// errNoReport is returned for a nil report.
var errNoReport = errors.New("notice: no report")

// WriteReportXLSX writes r as an XLSX workbook.
func WriteReportXLSX(w io.Writer, r *store.PeriodReport, info ReportInfo) error {
	if r == nil {
		return errNoReport
	}
	f, err := reportWorkbook(r, newReportText(r, info))
	if err != nil {
		return fmt.Errorf("notice: report workbook: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("notice: write report workbook: %w", err)
	}
	return nil
}

// Excel's column widths are in characters of the default font; a CJK
// character takes about two.
const (
	widthDepartment = 18
	widthFigure     = 13
	widthDate       = 13
)

func reportWorkbook(r *store.PeriodReport, t reportText) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		f.Close()
		return nil, err
	}
	if err := summarySheet(f, r, t); err != nil {
		f.Close()
		return nil, err
	}
	if err := dailySheet(f, r); err != nil {
		f.Close()
		return nil, err
	}
	f.SetActiveSheet(0)
	err := f.SetDocProps(&excelize.DocProperties{
		Title: t.Title, Subject: t.Period, Creator: "certwatch", Language: "zh-CN",
		Created: r.GeneratedAt.UTC().Format(time.RFC3339),
	})
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// styles of the workbook's cells.
type reportStyles struct {
	title, subtitle, head, name, number, totalName, totalNumber, note, date int
}

func newReportStyles(f *excelize.File) (reportStyles, error) {
	var s reportStyles
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: center}},
		{&s.subtitle, excelize.Style{Font: &excelize.Font{Size: 11}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}},
		{&s.head, excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}, Alignment: center, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&s.name, excelize.Style{Font: &excelize.Font{Size: 11}, Alignment: center, Border: border}},
		{&s.number, excelize.Style{Font: &excelize.Font{Size: 11}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border, NumFmt: 1}},
		{&s.totalName, excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}, Alignment: center, Border: border}},
		{&s.totalNumber, excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border, NumFmt: 1}},
		{&s.note, excelize.Style{Font: &excelize.Font{Size: 10}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&s.date, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center"}, NumFmt: 14, CustomNumFmt: ptr("yyyy-mm-dd")}},
	} {
		id, err := f.NewStyle(&st.style)
		if err != nil {
			return s, err
		}
		*st.id = id
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

// Rows of the summary sheet.
const (
	rowTitle    = 1
	rowSubtitle = 2
	rowHead     = 3
	rowFirst    = 4 // the first department
)

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row) // never fails for our small coordinates
	return name
}

func summarySheet(f *excelize.File, r *store.PeriodReport, t reportText) error {
	const sh = SheetSummary
	st, err := newReportStyles(f)
	if err != nil {
		return err
	}
	cols := 1 + len(reportColumns)
	last := cell(cols, 1)[:1] // the last column's letter (fewer than 26 columns)
	steps := []func() error{
		func() error { return f.SetColWidth(sh, "A", "A", widthDepartment) },
		func() error { return f.SetColWidth(sh, "B", last, widthFigure) },
		func() error { return f.MergeCell(sh, cell(1, rowTitle), cell(cols, rowTitle)) },
		func() error { return f.SetCellStr(sh, cell(1, rowTitle), t.Title) },
		func() error { return f.SetCellStyle(sh, cell(1, rowTitle), cell(cols, rowTitle), st.title) },
		func() error { return f.SetRowHeight(sh, rowTitle, 32) },
		func() error { return f.MergeCell(sh, cell(1, rowSubtitle), cell(cols, rowSubtitle)) },
		func() error { return f.SetCellStr(sh, cell(1, rowSubtitle), t.Subtitle) },
		func() error { return f.SetCellStyle(sh, cell(1, rowSubtitle), cell(cols, rowSubtitle), st.subtitle) },
		func() error { return f.SetRowHeight(sh, rowSubtitle, 22) },
		func() error { return f.SetRowHeight(sh, rowHead, 36) },
	}
	head := []any{"部门"}
	for _, c := range reportColumns {
		head = append(head, c.Head)
	}
	steps = append(steps,
		func() error { return f.SetSheetRow(sh, cell(1, rowHead), &head) },
		func() error { return f.SetCellStyle(sh, cell(1, rowHead), cell(cols, rowHead), st.head) },
	)
	rows := append(append([]store.ReportRow(nil), r.Rows...), r.Total)
	for i, row := range rows {
		n := rowFirst + i
		nameStyle, numStyle := st.name, st.number
		if i == len(rows)-1 {
			nameStyle, numStyle = st.totalName, st.totalNumber
		}
		values := []any{row.Department}
		for _, c := range reportColumns {
			values = append(values, c.Value(row.ReportFigures))
		}
		steps = append(steps,
			func() error { return f.SetSheetRow(sh, cell(1, n), &values) },
			func() error { return f.SetCellStyle(sh, cell(1, n), cell(1, n), nameStyle) },
			func() error { return f.SetCellStyle(sh, cell(2, n), cell(cols, n), numStyle) },
			func() error { return f.SetRowHeight(sh, n, 22) },
		)
	}
	n := rowFirst + len(rows) + 1
	var notes []string
	notes = append(notes, "说明：")
	for i, d := range reportDefinitions {
		notes = append(notes, fmt.Sprintf("%d. %s", i+1, d))
	}
	notes = append(notes, t.Notes...)
	foot := "生成时间：" + t.Generated + "（certwatch）"
	if t.Contact != "" {
		foot = "填报人及电话：" + t.Contact + "　　" + foot
	}
	notes = append(notes, foot)
	for _, text := range notes {
		row := n
		height := 16 * math.Ceil(float64(len([]rune(text)))/70)
		steps = append(steps,
			func() error { return f.MergeCell(sh, cell(1, row), cell(cols, row)) },
			func() error { return f.SetCellStr(sh, cell(1, row), text) },
			func() error { return f.SetCellStyle(sh, cell(1, row), cell(cols, row), st.note) },
			func() error { return f.SetRowHeight(sh, row, max(height, 16)) },
		)
		n++
	}
	steps = append(steps,
		func() error {
			return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: rowHead, TopLeftCell: cell(1, rowFirst), ActivePane: "bottomLeft"})
		},
		func() error { // A4 landscape, one page wide
			return f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)})
		},
		func() error { return f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}) },
	)
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func dailySheet(f *excelize.File, r *store.PeriodReport) error {
	const sh = SheetDaily
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	st, err := newReportStyles(f)
	if err != nil {
		return err
	}
	head := []any{"日期", "发现可疑信息", "已删除/下架"}
	if err := f.SetSheetRow(sh, "A1", &head); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "C1", st.head); err != nil {
		return err
	}
	for i, d := range r.Days {
		y, m, day := d.Date.In(beijing).Date()
		// Excel dates have no zone: the Beijing calendar day, as a date.
		row := []any{time.Date(y, m, day, 0, 0, 0, 0, time.UTC), d.Found, d.Removed}
		if err := f.SetSheetRow(sh, cell(1, i+2), &row); err != nil {
			return err
		}
	}
	last := len(r.Days) + 1
	steps := []func() error{
		func() error { return f.SetCellStyle(sh, "A2", cell(1, last), st.date) },
		func() error { return f.SetCellStyle(sh, "B2", cell(3, last), st.number) },
		func() error { return f.SetColWidth(sh, "A", "A", widthDate) },
		func() error { return f.SetColWidth(sh, "B", "C", widthFigure) },
		func() error {
			return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if len(r.Days) == 0 {
		return nil
	}
	ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$2:$%s$%d", sh, col, col, last) }
	series := func(col, color string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name: fmt.Sprintf("'%s'!$%s$1", sh, col), Categories: ref("A"), Values: ref(col),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}, // the line's colour
			Line:   excelize.LineOptions{Type: excelize.LineSolid, Width: 2},
			Marker: excelize.ChartMarker{Symbol: "none"},
		}
	}
	return f.AddChart(sh, "E2", &excelize.Chart{
		Type:      excelize.Line,
		Series:    []excelize.ChartSeries{series("B", colorFound), series("C", colorRemoved)},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "每日发现可疑信息与删除/下架数量"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 760, Height: 380},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "m/d"}, TickLabelSkip: max(1, len(r.Days)/15)},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
	})
}

// Colours of the two series, in the workbook and the page.
const (
	colorFound   = "C0392B"
	colorRemoved = "1E8449"
)

//go:embed templates/report.html.tmpl
var reportFS embed.FS

var reportPage = template.Must(template.ParseFS(reportFS, "templates/report.html.tmpl"))

// reportView is what the page's template sees.
type reportView struct {
	reportText
	Heads       []string
	Rows        []reportViewRow
	Definitions []string
	Daily       template.HTML // SVG
	Cumulative  template.HTML // SVG
	Days        int
}

type reportViewRow struct {
	Department string
	Route      casework.Route
	Total      bool
	Values     []int
}

// RenderReportHTML writes r as a self-contained HTML page (A4 landscape
// when printed; inline styles and SVG charts; no script, no external
// resource).
func RenderReportHTML(w io.Writer, r *store.PeriodReport, info ReportInfo) error {
	if r == nil {
		return errNoReport
	}
	v := reportView{reportText: newReportText(r, info), Definitions: reportDefinitions, Days: len(r.Days)}
	for _, c := range reportColumns {
		v.Heads = append(v.Heads, c.Head)
	}
	rows := append(append([]store.ReportRow(nil), r.Rows...), r.Total)
	for i, row := range rows {
		vr := reportViewRow{Department: row.Department, Route: row.Route, Total: i == len(rows)-1}
		for _, c := range reportColumns {
			vr.Values = append(vr.Values, c.Value(row.ReportFigures))
		}
		v.Rows = append(v.Rows, vr)
	}
	found, removed := make([]int, len(r.Days)), make([]int, len(r.Days))
	var cumFound, cumRemoved []int
	for i, d := range r.Days {
		found[i], removed[i] = d.Found, d.Removed
		cumFound = append(cumFound, d.Found+at(cumFound, i-1))
		cumRemoved = append(cumRemoved, d.Removed+at(cumRemoved, i-1))
	}
	v.Daily = lineChart("chart-daily", "每日发现可疑信息与删除/下架数量", r.Days, []chartSeries{
		{"发现可疑信息", colorFound, found}, {"已删除/下架", colorRemoved, removed}})
	v.Cumulative = lineChart("chart-cumulative", "累计发现可疑信息与删除/下架数量", r.Days, []chartSeries{
		{"累计发现", colorFound, cumFound}, {"累计删除/下架", colorRemoved, cumRemoved}})
	var buf bytes.Buffer
	if err := reportPage.Execute(&buf, v); err != nil {
		return fmt.Errorf("notice: render report: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("notice: write report: %w", err)
	}
	return nil
}

func at(s []int, i int) int {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}

// ReportPDF renders r and prints it with p as an A4 landscape PDF.
func ReportPDF(ctx context.Context, p Printer, r *store.PeriodReport, info ReportInfo) ([]byte, error) {
	if p == nil {
		return nil, errors.New("notice: report PDF: no printer")
	}
	var buf bytes.Buffer
	if err := RenderReportHTML(&buf, r, info); err != nil {
		return nil, err
	}
	pdf, err := p.PrintPDF(ctx, buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("notice: print report: %w", err)
	}
	return pdf, nil
}

// chartSeries is one line of a chart.
type chartSeries struct {
	Name   string
	Color  string // hex, without #
	Values []int
}

// Chart geometry, in SVG user units (the chart scales to the page width).
const (
	chartW, chartH                 = 960, 320
	chartLeft, chartRight          = 56, 16
	chartTop, chartBottom          = 40, 44
	chartMaxLabels                 = 12
	chartDots                      = 62 // draw a dot per day up to this many days
	chartPlotW, chartPlotH float64 = chartW - chartLeft - chartRight, chartH - chartTop - chartBottom
)

// lineChart draws series over days as an SVG line chart: a legend, a y
// axis with round ticks, a date axis with at most chartMaxLabels labels.
// Every value in it is a number or a fixed label, escaped all the same.
func lineChart(id, title string, days []store.ReportDay, series []chartSeries) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg id="%s" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		esc(id), chartW, chartH, esc(title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	fmt.Fprintf(&b, `<text x="%d" y="18" class="chart-title">%s</text>`, chartLeft, esc(title))
	lx := chartLeft + 420
	for _, s := range series {
		fmt.Fprintf(&b, `<line x1="%d" y1="14" x2="%d" y2="14" stroke="#%s" stroke-width="3"/><text x="%d" y="18" class="legend">%s</text>`,
			lx, lx+22, esc(s.Color), lx+28, esc(s.Name))
		lx += 170
	}
	top := 0
	for _, s := range series {
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	step := niceStep(top)
	ymax := max(step*int(math.Ceil(float64(top)/float64(step))), step)
	y := func(v int) float64 { return chartTop + chartPlotH*(1-float64(v)/float64(ymax)) }
	x := func(i int) float64 {
		if len(days) <= 1 {
			return chartLeft + chartPlotW/2
		}
		return chartLeft + chartPlotW*float64(i)/float64(len(days)-1)
	}
	for v := 0; v <= ymax; v += step {
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" class="grid"/><text x="%d" y="%.1f" class="tick y">%d</text>`,
			chartLeft, y(v), chartW-chartRight, y(v), chartLeft-6, y(v)+4, v)
	}
	every := max(1, int(math.Ceil(float64(len(days))/chartMaxLabels)))
	for i, d := range days {
		if i%every != 0 {
			continue
		}
		_, m, day := d.Date.In(beijing).Date()
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="axis"/><text x="%.1f" y="%.1f" class="tick x">%d/%d</text>`,
			x(i), chartTop+chartPlotH, x(i), chartTop+chartPlotH+5, x(i), chartTop+chartPlotH+20, int(m), day)
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" class="axis"/>`, chartLeft, chartTop+chartPlotH, chartW-chartRight, chartTop+chartPlotH)
	for _, s := range series {
		var pts []string
		for i, v := range s.Values {
			pts = append(pts, strconv.FormatFloat(x(i), 'f', 1, 64)+","+strconv.FormatFloat(y(v), 'f', 1, 64))
		}
		fmt.Fprintf(&b, `<polyline class="series" data-series="%s" fill="none" stroke="#%s" stroke-width="2" points="%s"/>`,
			esc(s.Name), esc(s.Color), strings.Join(pts, " "))
		if len(s.Values) <= chartDots {
			for i, v := range s.Values {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="#%s"/>`, x(i), y(v), esc(s.Color))
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // built here from numbers and escaped labels
}

// niceStep is a step of 1, 2 or 5 times a power of ten that divides
// [0, top] into at most five intervals.
func niceStep(top int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if top <= 5*m*p {
				return m * p
			}
		}
		if p > math.MaxInt/100 {
			return p
		}
	}
}

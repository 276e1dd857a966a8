package review

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// The charts are drawn on the server as inline SVG (no script, so the
// content security policy stays strict) from the same figures as the
// period reports: store.PeriodReport for cases, decisions and removals,
// the sweep records for sweep health. Every mark carries its series,
// label and value (data-* attributes and a <title> that screen readers
// and tooltips read), and each chart has a data table beside it.

// chartRanges are the periods a chart may cover, in days.
var chartRanges = []int{30, 90}

// maxChartSweeps bounds the sweeps the sweep-health chart draws.
const maxChartSweeps = 120

// maxChartCategories bounds the series of the new-cases chart; the rest
// are summed as 其他类别.
const maxChartCategories = 8

// chartPalette colours series in order.
var chartPalette = []string{"#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563", "#9ca3af"}

type chartSeries struct {
	Name   string
	Values []float64
	Color  string
}

// chart is one SVG chart: bars (stacked when Stacked) or lines, one
// value per label and series.
type chart struct {
	ID, Title, Desc string
	Unit            string // after values in titles and the table ("条", "小时", "%")
	Labels          []string
	Series          []chartSeries
	Lines, Stacked  bool
	// Notes explain the figures below the chart.
	Notes []string
	// Axis names the labels in the data table ("日期"); extra is a
	// series of another unit shown in the table only.
	Axis  string
	extra *chartSeries
}

// Head is the data table's header row.
func (c *chart) Head() []string {
	out := []string{c.Axis}
	for _, s := range c.Series {
		out = append(out, s.Name+"（"+c.Unit+"）")
	}
	if c.extra != nil {
		out = append(out, c.extra.Name)
	}
	return out
}

// value formats a value for titles and the data table.
func (c *chart) value(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// Rows are the chart's data table: a row per label.
func (c *chart) Rows() [][]string {
	out := make([][]string, len(c.Labels))
	for i, l := range c.Labels {
		row := []string{l}
		for _, s := range c.Series {
			row = append(row, c.value(s.Values[i]))
		}
		if c.extra != nil {
			row = append(row, c.value(c.extra.Values[i]))
		}
		out[i] = row
	}
	return out
}

// yAxis is the y axis for values up to top: a round step (1, 2 or 5 ×
// 10^n; at least 1 for counts) and the number of steps, about four.
func yAxis(top float64, counts bool) (step float64, steps int) {
	if top <= 0 {
		return 1, 4
	}
	raw := top / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * p
	for _, m := range []float64{1, 2, 5} {
		if raw <= m*p {
			step = m * p
			break
		}
	}
	if counts {
		step = max(step, 1)
	}
	return step, max(1, int(math.Ceil(top/step-1e-9)))
}

// SVG draws the chart.
func (c *chart) SVG() template.HTML {
	const (
		width, height            = 760, 280
		left, right, top, bottom = 52, 12, 42, 44
	)
	esc := template.HTMLEscapeString
	pw, ph := float64(width-left-right), float64(height-top-bottom)
	n := len(c.Labels)
	top_ := 0.0
	for i := range n {
		sum := 0.0
		for _, s := range c.Series {
			if c.Stacked {
				sum += s.Values[i]
			} else {
				sum = max(sum, s.Values[i])
			}
		}
		top_ = max(top_, sum)
	}
	ystep, ysteps := yAxis(top_, c.Unit != "%" && c.Unit != "小时")
	ymax := ystep * float64(ysteps)
	y := func(v float64) float64 { return float64(top) + ph - v/ymax*ph }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="%s" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`,
		esc(c.ID), width, height, width, height, esc(c.ID), esc(c.ID))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
	// Legend.
	x := float64(left)
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<rect x="%.0f" y="8" width="10" height="10" fill="%s"/><text x="%.0f" y="17">%s</text>`, x, s.Color, x+14, esc(s.Name))
		x += 14 + float64(len([]rune(s.Name)))*11 + 16
	}
	// Grid and y labels.
	for i := 0; i <= ysteps; i++ {
		v := ystep * float64(i)
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/><text x="%d" y="%.1f" text-anchor="end">%s</text>`,
			left, width-right, y(v), y(v), left-4, y(v)+4, esc(c.value(v)))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-4, top-8, esc(c.Unit))
	fmt.Fprintf(&b, `<line class="axis" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, left, width-right, y(0), y(0))
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">暂无数据</text></svg>`, width/2, height/2)
		return template.HTML(b.String())
	}
	step := pw / float64(n)
	// X labels: at most about ten.
	every := max(1, (n+9)/10)
	for i, l := range c.Labels {
		if i%every == 0 || i == n-1 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, float64(left)+step*(float64(i)+0.5), height-bottom+16, esc(l))
		}
	}
	mark := func(s chartSeries, i int) string {
		return fmt.Sprintf(` data-series="%s" data-label="%s" data-value="%s"><title>%s %s：%s%s</title>`,
			esc(s.Name), esc(c.Labels[i]), c.value(s.Values[i]), esc(c.Labels[i]), esc(s.Name), c.value(s.Values[i]), esc(c.Unit))
	}
	if c.Lines {
		for _, s := range c.Series {
			var pts []string
			for i, v := range s.Values {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", float64(left)+step*(float64(i)+0.5), y(v)))
			}
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, s.Color, strings.Join(pts, " "))
			for i, v := range s.Values {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"%s</circle>`, float64(left)+step*(float64(i)+0.5), y(v), s.Color, mark(s, i))
			}
		}
	} else {
		bw := max(step*0.8, 1)
		if !c.Stacked && len(c.Series) > 1 {
			bw /= float64(len(c.Series))
		}
		for i := range n {
			base := 0.0
			for k, s := range c.Series {
				v := s.Values[i]
				x := float64(left) + step*float64(i) + step*0.1
				if !c.Stacked {
					x += bw * float64(k)
				}
				lo := 0.0
				if c.Stacked {
					lo = base
					base += v
				}
				if v == 0 {
					continue
				}
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"%s</rect>`, x, y(lo+v), bw, y(lo)-y(lo+v), s.Color, mark(s, i))
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartDays reads the range (?days=30 or 90; default 30) and the Beijing
// days it covers, today included.
func (s *Server) chartDays(q string) (int, store.Period, error) {
	days := chartRanges[0]
	if q != "" {
		d, err := strconv.Atoi(q)
		if err != nil || !slices.Contains(chartRanges, d) {
			return 0, store.Period{}, badRequest("统计范围只能是最近 30 天或 90 天。")
		}
		days = d
	}
	today := s.now().In(store.Beijing).Format(time.DateOnly)
	first := s.now().In(store.Beijing).AddDate(0, 0, -(days - 1)).Format(time.DateOnly)
	p, err := store.DayPeriod(first, today)
	return days, p, err
}

// foundChart: new cases per day, stacked by category (the report's
// ReportDay.FoundByCategory).
func (s *Server) foundChart(rep *store.PeriodReport) *chart {
	c := &chart{ID: "chart-found", Title: "每日新增线索（按类别）", Unit: "条", Stacked: true, Axis: "日期",
		Desc: "每天首次发现的线索数，按类别分色堆叠；与报表“发现”一栏同源。"}
	totals := map[string]int{}
	for _, d := range rep.Days {
		c.Labels = append(c.Labels, d.Date.Format("01-02"))
		for cat, n := range d.FoundByCategory {
			totals[cat] += n
		}
	}
	cats := make([]string, 0, len(totals))
	for cat := range totals {
		cats = append(cats, cat)
	}
	slices.SortFunc(cats, func(a, b string) int {
		if totals[a] != totals[b] {
			return totals[b] - totals[a]
		}
		return strings.Compare(a, b)
	})
	shown, rest := cats, []string(nil)
	if len(cats) > maxChartCategories {
		shown, rest = cats[:maxChartCategories], cats[maxChartCategories:]
	}
	for k, cat := range shown {
		name := "未分类"
		if cat != "" {
			name = s.categoryName(cat)
		}
		sr := chartSeries{Name: name, Color: chartPalette[k%len(chartPalette)]}
		for _, d := range rep.Days {
			sr.Values = append(sr.Values, float64(d.FoundByCategory[cat]))
		}
		c.Series = append(c.Series, sr)
	}
	if len(rest) > 0 {
		sr := chartSeries{Name: "其他类别", Color: chartPalette[len(chartPalette)-1]}
		for _, d := range rep.Days {
			n := 0
			for _, cat := range rest {
				n += d.FoundByCategory[cat]
			}
			sr.Values = append(sr.Values, float64(n))
		}
		c.Series = append(c.Series, sr)
	}
	if len(c.Series) == 0 {
		c.Series = []chartSeries{{Name: "新增线索", Color: chartPalette[0], Values: make([]float64, len(rep.Days))}}
	}
	return c
}

// decisionChart: time to decision per week, median and 90th percentile in
// hours (the report's DecisionWeeks).
func decisionChart(rep *store.PeriodReport) *chart {
	c := &chart{ID: "chart-decision", Title: "处置用时（每周，小时）", Unit: "小时", Lines: true, Axis: "周",
		Desc: "从首次发现到首次审核决定（确认或排除）的用时，按决定所在的周统计中位数和 90% 分位数。"}
	med := chartSeries{Name: "中位数", Color: chartPalette[0]}
	p90 := chartSeries{Name: "90% 分位数", Color: chartPalette[1]}
	cnt := chartSeries{Name: "决定数", Color: chartPalette[7]}
	for _, w := range rep.DecisionWeeks {
		c.Labels = append(c.Labels, w.Start.In(store.Beijing).Format("01-02")+"起")
		med.Values = append(med.Values, hours(w.Median))
		p90.Values = append(p90.Values, hours(w.P90))
		cnt.Values = append(cnt.Values, float64(w.Decided))
	}
	c.Series = []chartSeries{med, p90}
	c.Notes = []string{"没有决定的周记为 0。"}
	// The count goes to the table only (a different unit).
	c.extra = &cnt
	return c
}

func hours(d time.Duration) float64 { return math.Round(d.Hours()*10) / 10 }

// takedownChart: the share of sent takedown items found removed, per
// department and in total (the report's TakedownsSent and Removed).
func takedownChart(rep *store.PeriodReport) *chart {
	c := &chart{ID: "chart-takedown", Title: "下架率（按部门）", Unit: "%", Axis: "部门",
		Desc: "统计期内发现已删除的条目数占统计期内发出的下架通知条目数的百分比；与报表“已删除”“发出下架通知”两栏同源。"}
	rate := chartSeries{Name: "下架率", Color: chartPalette[2]}
	rows := []store.ReportRow{}
	for _, r := range rep.Rows {
		if r.Route.Takedown() {
			rows = append(rows, r)
		}
	}
	rows = append(rows, rep.Total)
	for _, r := range rows {
		c.Labels = append(c.Labels, r.Department)
		v := 0.0
		if r.TakedownsSent > 0 {
			v = math.Round(float64(r.Removed)/float64(r.TakedownsSent)*1000) / 10
		}
		rate.Values = append(rate.Values, v)
		c.Notes = append(c.Notes, fmt.Sprintf("%s：已删除 %d 条 / 发出 %d 条", r.Department, r.Removed, r.TakedownsSent))
	}
	c.Series = []chartSeries{rate}
	return c
}

// sweepChart: pages fetched, errors and flagged pages per sweep started in
// the period (the sweep records' summaries), oldest first.
func sweepChart(sws []store.Sweep, p store.Period) *chart {
	c := &chart{ID: "chart-sweeps", Title: "巡查健康（每次巡查）", Unit: "页", Lines: true, Axis: "巡查",
		Desc: "每次巡查成功抓取的网页数、失败与被拦截数、命中规则的网页数。"}
	ok := chartSeries{Name: "成功抓取", Color: chartPalette[0]}
	bad := chartSeries{Name: "失败与被拦截", Color: chartPalette[1]}
	hit := chartSeries{Name: "命中", Color: chartPalette[3]}
	for _, sw := range slices.Backward(sws) {
		if sw.StartedAt.Before(p.From) || !sw.StartedAt.Before(p.To) {
			continue
		}
		row := sweepRowOf(sw)
		if !row.HasStats {
			continue
		}
		t := row.Stats.Total
		c.Labels = append(c.Labels, fmt.Sprintf("#%d", sw.ID))
		ok.Values = append(ok.Values, float64(t.Fetched))
		bad.Values = append(bad.Values, float64(t.FailedTotal()+t.Blocked+t.BlockedAddress))
		hit.Values = append(hit.Values, float64(t.Findings))
	}
	c.Series = []chartSeries{ok, bad, hit}
	return c
}

func (s *Server) chartsPage(w http.ResponseWriter, r *http.Request) {
	days, p, err := s.chartDays(r.URL.Query().Get("days"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	rep, err := s.st.PeriodReport(p.From, p.To, store.ReportOptions{SourceRoutes: s.opts.SourceRoutes})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	charts := []*chart{s.foundChart(rep), decisionChart(rep), takedownChart(rep)}
	if allowed(currentUser(r), permSweeps) {
		sws, err := s.st.Sweeps(maxChartSweeps)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		charts = append(charts, sweepChart(sws, p))
	}
	s.render(w, r, http.StatusOK, "charts", map[string]any{"Charts": charts, "Days": days, "Ranges": chartRanges,
		"From": p.From, "Last": p.To.Add(-time.Nanosecond), "Routes": casework.TakedownRoutes()})
}

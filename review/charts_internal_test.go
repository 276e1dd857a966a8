package review

import (
	"strings"
	"testing"
)

// TestChartSVG: marks carry series, label and value; names from rule
// packs are escaped; an empty chart says so; the y axis steps by round
// numbers and counts by whole numbers.
func TestChartSVG(t *testing.T) {
	c := &chart{ID: "c1", Title: "标题 <b>", Desc: "说明", Unit: "条", Stacked: true, Axis: "日期",
		Labels: []string{"03-10", "03-11"},
		Series: []chartSeries{
			{Name: `<script>alert("x")</script>`, Values: []float64{2, 0}, Color: "#000"},
			{Name: "仿冒", Values: []float64{1, 5}, Color: "#111"},
		}}
	svg := string(c.SVG())
	if strings.Contains(svg, "<script>") || strings.Contains(svg, "<b>") {
		t.Errorf("unescaped name in %s", svg)
	}
	for _, want := range []string{
		`data-series="仿冒" data-label="03-11" data-value="5"`,
		`data-series="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" data-label="03-10" data-value="2"`,
		`<title id="c1-title">标题 &lt;b&gt;</title>`, `role="img"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %s", want)
		}
	}
	// A zero value draws no bar.
	if strings.Contains(svg, `data-label="03-11" data-value="0"`) {
		t.Error("a zero bar is drawn")
	}
	if got := c.Rows(); len(got) != 2 || strings.Join(got[1], ",") != "03-11,0,5" {
		t.Errorf("rows %v", got)
	}
	empty := &chart{ID: "c2", Title: "空", Lines: true, Series: []chartSeries{{Name: "a"}}}
	if !strings.Contains(string(empty.SVG()), "暂无数据") {
		t.Error("an empty chart does not say so")
	}
	for _, tc := range []struct {
		top    float64
		counts bool
		step   float64
		steps  int
	}{
		{0, true, 1, 4}, {3, true, 1, 3}, {8, true, 2, 4}, {17, true, 5, 4}, {50, false, 20, 3},
		{0.6, false, 0.2, 3}, {1234, true, 500, 3},
	} {
		step, steps := yAxis(tc.top, tc.counts)
		if step != tc.step || steps != tc.steps {
			t.Errorf("yAxis(%v) = %v × %d, want %v × %d", tc.top, step, steps, tc.step, tc.steps)
		}
	}
}

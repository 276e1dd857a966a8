package eval

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/width"

	"github.com/certwatch/certwatch/internal/bidi"
)

// Lists a text report can show (Show).
const (
	ShowMisses        = "misses"
	ShowFalseAlarms   = "false-alarms"
	ShowWrongCategory = "wrong-category"
	ShowDisagreements = "disagreements"
)

// ShowAll is every list.
var ShowAll = []string{ShowMisses, ShowFalseAlarms, ShowWrongCategory, ShowDisagreements}

// ParseShow reads a --show value: a comma-separated list of misses,
// false-alarms, wrong-category, disagreements, or "all" or "none".
func ParseShow(s string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		switch {
		case part == "" || part == "none":
		case part == "all":
			out = append(out, ShowAll...)
		case slices.Contains(ShowAll, part):
			out = append(out, part)
		default:
			return nil, fmt.Errorf("eval: unknown list %q for --show (misses, false-alarms, wrong-category, disagreements, all, none)", part)
		}
	}
	return out, nil
}

// Keep drops the lists not named in show (see ParseShow) from the report,
// for JSON output that carries only what was asked for: `--split test
// --show none` reports aggregate figures and no record.
func (r *Report) Keep(show []string) {
	for _, c := range r.Configs {
		if !slices.Contains(show, ShowMisses) {
			c.Misses = nil
		}
		if !slices.Contains(show, ShowFalseAlarms) {
			c.FalseAlarms = nil
		}
		if !slices.Contains(show, ShowWrongCategory) {
			c.WrongCategory = nil
		}
	}
	if !slices.Contains(show, ShowDisagreements) {
		r.Disagreements = nil
	}
}

// configLetter names the i-th configuration in tables: A, B, …
func configLetter(i int) string { return string(rune('A' + i)) }

// Lang is the language of a text report.
type Lang int

const (
	Bilingual Lang = iota // Chinese then English, side by side
	Chinese
	English
)

// say picks the words of l: Chinese, English, or both.
func (l Lang) say(zh, en string) string {
	switch l {
	case Chinese:
		return zh
	case English:
		return en
	}
	return zh + " " + en
}

// WriteText writes the report as bilingual plain-text tables, then the
// lists named in show.
func (r *Report) WriteText(w io.Writer, show []string) error {
	return r.WriteTextIn(w, show, Bilingual)
}

// WriteTextIn writes the report as plain-text tables in l, then the lists
// named in show.
func (r *Report) WriteTextIn(w io.Writer, show []string, l Lang) error {
	b := bufio.NewWriter(w)
	r.writeHeader(b, l)
	r.writeOverall(b, l)
	r.writeCategories(b, l)
	r.writeGroups(b, l, l.say("按文本类型", "Per text kind"), l.say("类型", "kind"), func(c *Config) []GroupMeasure { return c.Kinds },
		func(g string) string {
			if l == English {
				return g
			}
			return g + " " + KindNames[g]
		})
	same := func(g string) string { return g }
	if len(r.Configs[0].Splits) > 1 {
		r.writeGroups(b, l, l.say("按数据划分", "Per split"), l.say("划分", "split"), func(c *Config) []GroupMeasure { return c.Splits }, same)
	}
	if len(r.Configs[0].Genres) > 0 {
		r.writeGroups(b, l, l.say("按体裁", "Per genre")+paren(l, "记录的 genre 字段", "the records' genre field"), l.say("体裁", "genre"), func(c *Config) []GroupMeasure { return c.Genres }, same)
	}
	if len(r.Files) > 1 {
		r.writeGroups(b, l, l.say("按文件", "Per file"), l.say("文件", "file"), func(c *Config) []GroupMeasure { return c.Files }, same)
	}
	for i, c := range r.Configs {
		writeConfusion(b, l, c, configLetter(i), len(r.Configs) > 1)
	}
	for i, c := range r.Configs {
		tag := ""
		if len(r.Configs) > 1 {
			tag = " [" + configLetter(i) + "]"
		}
		if slices.Contains(show, ShowMisses) {
			writeList(b, l, l.say("漏报", "Misses")+tag+paren(l, "正例未标记", "positives not flagged"), c.Misses, false)
		}
		if slices.Contains(show, ShowFalseAlarms) {
			writeList(b, l, l.say("误报", "False alarms")+tag+paren(l, "负例被标记", "negatives flagged"), c.FalseAlarms, false)
		}
		if slices.Contains(show, ShowWrongCategory) {
			writeList(b, l, l.say("类别错误", "Wrong category")+tag+paren(l, "正例标记为其他类别", "positives flagged with another category"), c.WrongCategory, false)
		}
	}
	if len(r.Configs) > 1 && slices.Contains(show, ShowDisagreements) {
		writeList(b, l, l.say("两种配置的分歧", "Disagreements")+paren(l, "A 与 B 判定不同", "A and B decide differently"), r.Disagreements, true)
	}
	return b.Flush()
}

// colon ends a label in l: "：" in Chinese, ": " otherwise.
func colon(l Lang) string {
	if l == Chinese {
		return "："
	}
	return ": "
}

// paren is an aside in l: （…） in Chinese, (…) in English, both when
// bilingual.
func paren(l Lang, zh, en string) string {
	switch l {
	case Chinese:
		return "（" + zh + "）"
	case English:
		return " (" + en + ")"
	}
	return "（" + zh + " " + en + "）"
}

// line writes one line of the header in l; bilingual, the English follows
// on its own line.
func line(b *bufio.Writer, l Lang, zh, en string) {
	switch l {
	case Chinese:
		fmt.Fprintln(b, zh)
	case English:
		fmt.Fprintln(b, en)
	default:
		fmt.Fprintln(b, zh)
		fmt.Fprintln(b, "  ("+en+")")
	}
}

func (r *Report) writeHeader(b *bufio.Writer, l Lang) {
	fmt.Fprintln(b, "certwatch eval — "+l.say("识别效果评测", "detection evaluation"))
	fmt.Fprintln(b, "\n"+l.say("输入", "inputs")+strings.TrimSpace(colon(l)))
	for _, f := range r.Files {
		fmt.Fprintf(b, "  %s  %s\n", clean(f.Path), l.say(fmt.Sprintf("记录 %d 条，评测 %d 条", f.Records, f.Evaluated), fmt.Sprintf("(%d records, %d evaluated)", f.Records, f.Evaluated)))
	}
	splits := strings.Join(r.Selection.Splits, "+")
	if r.Selection.Explicit {
		line(b, l, fmt.Sprintf("数据划分：无 split 字段的记录全部评测；有 split 字段的只评测 %s（--split 指定）", splits),
			fmt.Sprintf("splits: records without a split field: all; with one: %s, as --split asks", splits))
	} else {
		line(b, l, "数据划分：无 split 字段的记录全部评测；有 split 字段的只评测 train+dev（默认；测试集须用 --split test 明确指定）",
			"splits: records without a split field: all; with one: train+dev by default; the test split only with --split test")
	}
	if len(r.Skipped) > 0 {
		var parts []string
		for _, s := range append(slices.Clone(KnownSplits), "") {
			if n := r.Skipped[s]; n > 0 {
				name := s
				if name == "" {
					name = "?"
				}
				parts = append(parts, fmt.Sprintf("%s %d", name, n))
			}
		}
		for s, n := range r.Skipped {
			if !slices.Contains(KnownSplits, s) && s != "" {
				parts = append(parts, fmt.Sprintf("%s %d", clean(s), n))
			}
		}
		fmt.Fprintf(b, "%s%s%s%s\n", l.say("未评测", "not evaluated"), paren(l, "划分未选中", "split not selected"), colon(l), strings.Join(parts, ", "))
	}
	if r.Selection.Test() {
		line(b, l, "注意：测试集只用于最终报告，不得据此调整规则或模型。", "Note: the test split is for reporting only; do not tune rules or models on it.")
	}
	if r.Bad > 0 {
		line(b, l, fmt.Sprintf("输入错误：%d 处，已跳过，见标准错误输出", r.Bad), fmt.Sprintf("bad input: %d pieces skipped, see stderr", r.Bad))
	}
	fmt.Fprintf(b, "%s%s%d\n", l.say("评测记录", "records evaluated"), colon(l), r.Records)
	fmt.Fprintln(b, l.say("配置", "configurations")+strings.TrimSpace(colon(l)))
	for i, c := range r.Configs {
		fmt.Fprintf(b, "  %s  %s\n", configLetter(i), clean(c.Name))
	}
}

func (r *Report) writeOverall(b *bufio.Writer, l Lang) {
	t := &table{}
	head := []string{l.say("总体", "overall")}
	for i := range r.Configs {
		head = append(head, configLetter(i))
	}
	t.row(head...)
	row := func(name string, f func(c *Config) string) {
		cells := []string{name}
		for _, c := range r.Configs {
			cells = append(cells, f(c))
		}
		t.row(cells...)
	}
	counts := func(m Measure) string { return fmt.Sprintf("%d/%d/%d/%d", m.TP, m.FP, m.FN, m.TN) }
	row("TP/FP/FN/TN"+chineseOnly(l, " 命中/误报/漏报/正确放过"), func(c *Config) string { return counts(c.Overall) })
	row(l.say("精确率", "precision"), func(c *Config) string { return num(c.Overall.Precision) })
	row(l.say("召回率", "recall"), func(c *Config) string { return num(c.Overall.Recall) })
	row("F1", func(c *Config) string { return num(c.Overall.F1) })
	row(l.say("类别正确", "right category:")+" TP/FP/FN", func(c *Config) string {
		return fmt.Sprintf("%d/%d/%d", c.RightCategory.TP, c.RightCategory.FP, c.RightCategory.FN)
	})
	right := l.say("类别正确", "right category")
	row(right+" "+l.say("精确率", "precision"), func(c *Config) string { return num(c.RightCategory.Precision) })
	row(right+" "+l.say("召回率", "recall"), func(c *Config) string { return num(c.RightCategory.Recall) })
	row(right+" F1", func(c *Config) string { return num(c.RightCategory.F1) })
	row(l.say("标记渠道", "flagged by channel"), func(c *Config) string {
		var parts []string
		for _, ch := range []string{ChannelRules, ChannelModel, ChannelBoth} {
			if n := c.Channels[ch]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", ch, n))
			}
		}
		if len(parts) == 0 {
			return "—"
		}
		return strings.Join(parts, ", ")
	})
	fmt.Fprintln(b, "\n== "+l.say("总体（标记与否）", "Overall (flagged vs not)")+" ==")
	t.write(b)
}

func (r *Report) writeCategories(b *bufio.Writer, l Lang) {
	fmt.Fprintln(b, "\n== "+l.say("按类别", "Per category")+" ==")
	switch l {
	case Chinese:
		fmt.Fprintln(b, "P/R/F1：类别须正确；R(任意)：该类正例被标记为任意类别的比例；")
		fmt.Fprintln(b, "P(任意)：标记为该类的记录中属于任一类正例的比例")
	case English:
		fmt.Fprintln(b, "P/R/F1: the category must be right; R(any): flagged with any category;")
		fmt.Fprintln(b, "P(any): flagged as it and an offer of any category")
	default:
		fmt.Fprintln(b, "P/R/F1：类别须正确 (the category must be right)；R(任意) R(any)：该类正例被标记为任意类别的比例 (flagged with any category)；")
		fmt.Fprintln(b, "P(任意) P(any)：标记为该类的记录中属于任一类正例的比例 (flagged as it and an offer of any category)")
	}
	t := &table{}
	t.row(l.say("类别", "category"), l.say("配置", "config"), l.say("实际", "gold"), l.say("预测", "pred"), "P", "R", "F1", "R("+l.say("任意", "any")+")", "P("+l.say("任意", "any")+")")
	var names []string
	for _, c := range r.Configs {
		for _, cm := range c.Categories {
			if !slices.Contains(names, cm.Category) {
				names = append(names, cm.Category)
			}
		}
	}
	for _, name := range names {
		first := true
		for i, c := range r.Configs {
			j := slices.IndexFunc(c.Categories, func(cm CategoryMeasure) bool { return cm.Category == name })
			if j < 0 {
				continue
			}
			cm := c.Categories[j]
			label := ""
			if first {
				label = clean(name)
				if l != English {
					label = strings.TrimSpace(label + " " + CategoryNames[name])
				}
				first = false
			}
			t.row(label, configLetter(i), fmt.Sprint(cm.Support), fmt.Sprint(cm.Predicted), num(cm.Right.Precision), num(cm.Right.Recall),
				num(cm.Right.F1), num(cm.AnyRecall), num(cm.AnyPrecision))
		}
	}
	t.write(b)
}

func (r *Report) writeGroups(b *bufio.Writer, l Lang, title, col string, groups func(*Config) []GroupMeasure, label func(string) string) {
	fmt.Fprintf(b, "\n== %s ==\n", title)
	t := &table{}
	t.row(col, l.say("配置", "config"), l.say("记录", "n"), l.say("正例", "pos"), "TP/FP/FN/TN", "P", "R", "F1", "R("+l.say("类别正确", "right")+")")
	for _, g := range groups(r.Configs[0]) {
		for i, c := range r.Configs {
			gs := groups(c)
			j := slices.IndexFunc(gs, func(x GroupMeasure) bool { return x.Group == g.Group })
			if j < 0 {
				continue
			}
			gm := gs[j]
			name := ""
			if i == 0 {
				name = clean(label(g.Group))
			}
			m := gm.Measure
			t.row(name, configLetter(i), fmt.Sprint(gm.Records), fmt.Sprint(gm.Positives), fmt.Sprintf("%d/%d/%d/%d", m.TP, m.FP, m.FN, m.TN),
				num(m.Precision), num(m.Recall), num(m.F1), num(gm.RightRecall))
		}
	}
	t.write(b)
}

func writeConfusion(b *bufio.Writer, l Lang, c *Config, letter string, tagged bool) {
	tag := ""
	if tagged {
		tag = " [" + letter + "]"
	}
	fmt.Fprintf(b, "\n== %s%s%s ==\n", l.say("混淆矩阵", "Confusion"), tag, paren(l, "行：实际；列：预测", "rows: gold; cols: predicted"))
	t := &table{right: true}
	head := []string{l.say("实际＼预测", "gold＼pred")}
	for _, col := range c.Confusion.Cols {
		if col == NotFlagged {
			col = l.say("未标记", "not flagged")
		}
		head = append(head, clean(col))
	}
	t.row(head...)
	for i, r := range c.Confusion.Rows {
		row := []string{r}
		for _, n := range c.Confusion.Cells[i] {
			row = append(row, fmt.Sprint(n))
		}
		t.row(row...)
	}
	t.write(b)
}

func writeList(b *bufio.Writer, l Lang, title string, items []Item, all bool) {
	fmt.Fprintf(b, "\n== %s: %d ==\n", title, len(items))
	for _, it := range items {
		fmt.Fprintf(b, "- %s [%s/%s]  %s\n", clean(it.ID), it.Label, it.Kind, clean(it.Source))
		fmt.Fprintf(b, "  %s%s%s\n", l.say("文本", "text"), colon(l), clean(it.Text))
		for i, v := range it.Verdicts {
			who := ""
			if all {
				who = configLetter(i) + " "
			}
			switch {
			case v.Flagged && l == English:
				fmt.Fprintf(b, "  %sflagged: %s, score %g, channel %s\n", who, clean(v.Category), v.Score, clean(v.Channel))
			case v.Flagged:
				fmt.Fprintf(b, "  %s%s: %s（%s）%s %g，%s %s\n", who, l.say("已标记", "flagged"), clean(v.Category), CategoryNames[v.Category],
					l.say("得分", "score"), v.Score, l.say("渠道", "channel"), clean(v.Channel))
			default:
				fmt.Fprintf(b, "  %s%s: %s %g\n", who, l.say("未标记", "not flagged"), l.say("得分", "score"), v.Score)
			}
			if all {
				continue // a disagreement names the decisions; each configuration's lists give the reasons
			}
			if len(v.Reasons) == 0 {
				fmt.Fprintln(b, "    "+l.say("理由", "reasons")+": "+l.say("无规则得分", "(no rule scored)"))
			}
			for _, reason := range v.Reasons {
				fmt.Fprintf(b, "    · %s\n", clean(reason))
			}
		}
	}
}

// chineseOnly is s unless l is English.
func chineseOnly(l Lang, s string) string {
	if l == English {
		return ""
	}
	return s
}

func num(f *float64) string {
	if f == nil {
		return "—"
	}
	return fmt.Sprintf("%.3f", *f)
}

// clean makes text from inputs safe for a terminal: control characters
// (an escape sequence in a crawled page) become \u escapes, bidirectional
// controls become visible markers, invalid UTF-8 is replaced.
func clean(s string) string {
	// Tabs too: they would break the columns.
	return bidi.ForTerminal(strings.ReplaceAll(s, "\t", " "))
}

// table aligns columns by display width (CJK characters take two cells).
type table struct {
	rows  [][]string
	right bool // right-align every column but the first
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(b *bufio.Writer) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range t.rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if t.right && i > 0 {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		fmt.Fprintln(b, strings.TrimRight(line.String(), " "))
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

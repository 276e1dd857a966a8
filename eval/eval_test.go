package eval

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// byMeta flags a record with the category in its "pred" field, so that
// every count of the metrics fixture is known in advance. It remembers the
// ids it was asked about.
type byMeta struct {
	mu   sync.Mutex
	seen []string
}

func (b *byMeta) Name() string { return "fixture predictions" }

func (b *byMeta) Classify(p *page.Page) Verdict {
	b.mu.Lock()
	b.seen = append(b.seen, p.Meta["id"])
	b.mu.Unlock()
	pred := p.Meta["pred"]
	if pred == "" {
		return Verdict{Score: 1, Reasons: []string{"未达到阈值"}}
	}
	return Verdict{Flagged: true, Category: pred, Score: 9, Reasons: []string{"规则 fixture 命中"}, Channel: ChannelRules}
}

func runFixture(t *testing.T, file string, sel Selection, cs ...Classifier) (*Report, []error) {
	t.Helper()
	var bad []error
	rep, err := Run(context.Background(), []string{"../testdata/eval/" + file}, cs, Options{Selection: sel, Workers: 3,
		OnBad: func(err error) { bad = append(bad, err) }})
	if err != nil {
		t.Fatal(err)
	}
	return rep, bad
}

func defaultSelection(t *testing.T) Selection {
	t.Helper()
	sel, err := ParseSelection("")
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func wantRatio(t *testing.T, what string, got *float64, num, den int) {
	t.Helper()
	switch {
	case den == 0 && got != nil:
		t.Errorf("%s = %v, want undefined (nil)", what, *got)
	case den == 0:
	case got == nil:
		t.Errorf("%s undefined, want %d/%d", what, num, den)
	case math.Abs(*got-float64(num)/float64(den)) > 1e-12:
		t.Errorf("%s = %v, want %d/%d", what, *got, num, den)
	}
}

func wantCounts(t *testing.T, what string, m Measure, tp, fp, fn, tn int) {
	t.Helper()
	if m.TP != tp || m.FP != fp || m.FN != fn || m.TN != tn {
		t.Errorf("%s: TP/FP/FN/TN = %d/%d/%d/%d, want %d/%d/%d/%d", what, m.TP, m.FP, m.FN, m.TN, tp, fp, fn, tn)
	}
}

// TestMetricsArithmetic checks every number of the report on
// testdata/eval/metrics.jsonl, whose predictions are in the records
// (see the comments on each record's text).
func TestMetricsArithmetic(t *testing.T) {
	rep, bad := runFixture(t, "metrics.jsonl", defaultSelection(t), &byMeta{})

	// m12 (label "spam") and m13 (no label) are bad input, named by
	// file:line and key.
	if rep.Bad != 2 || len(bad) != 2 {
		t.Fatalf("bad input %d (%v), want 2", rep.Bad, bad)
	}
	for i, want := range []string{`metrics.jsonl:12: key "label": unknown label "spam"`, `metrics.jsonl:13: key "label": missing`} {
		var le *LabelError
		if !errors.As(bad[i], &le) || !strings.Contains(bad[i].Error(), want) {
			t.Errorf("bad input %d: %v, want a LabelError containing %q", i, bad[i], want)
		}
	}
	if rep.Records != 11 || rep.Files[0].Records != 13 || rep.Files[0].Evaluated != 11 {
		t.Errorf("records %d, file %+v: want 11 evaluated of 13", rep.Records, rep.Files[0])
	}
	c := rep.Configs[0]

	// Positives m01–m07, flagged m01 m02 m03 m05 m07; negatives m08–m11,
	// flagged m10.
	wantCounts(t, "overall", c.Overall, 5, 1, 2, 3)
	wantRatio(t, "overall precision", c.Overall.Precision, 5, 6)
	wantRatio(t, "overall recall", c.Overall.Recall, 5, 7)
	wantRatio(t, "overall F1", c.Overall.F1, 10, 13)
	// Right category: m03 (cert_sale flagged exam_fraud) is a false
	// positive and a false negative.
	wantCounts(t, "right category", c.RightCategory, 4, 2, 3, 3)
	wantRatio(t, "right-category precision", c.RightCategory.Precision, 4, 6)
	wantRatio(t, "right-category recall", c.RightCategory.Recall, 4, 7)
	wantRatio(t, "right-category F1", c.RightCategory.F1, 8, 13)
	if c.Channels[ChannelRules] != 6 || len(c.Channels) != 1 {
		t.Errorf("channels %v, want rules 6", c.Channels)
	}

	cats := map[string]CategoryMeasure{}
	for _, cm := range c.Categories {
		cats[cm.Category] = cm
	}
	if got := len(c.Categories); got != 4 {
		t.Errorf("%d categories, want the four", got)
	}
	for _, tc := range []struct {
		cat                      string
		support, predicted       int
		tp, fp, fn, tn           int
		p, pd, r, rd, f, fd      int
		anyR, anyRD, anyP, anyPD int
	}{
		// cert_sale: gold m01–m04, predicted m01 m02 m10.
		{"cert_sale", 4, 3, 2, 1, 2, 6, 2, 3, 2, 4, 4, 7, 3, 4, 2, 3},
		// exam_fraud: gold m05 m06, predicted m03 m05.
		{"exam_fraud", 2, 2, 1, 1, 1, 8, 1, 2, 1, 2, 1, 2, 1, 2, 2, 2},
		{"training_fraud", 1, 1, 1, 0, 0, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
		// No gold and no prediction: every measure undefined.
		{"imitation_site", 0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	} {
		cm, ok := cats[tc.cat]
		if !ok {
			t.Errorf("no %s row", tc.cat)
			continue
		}
		if cm.Support != tc.support || cm.Predicted != tc.predicted {
			t.Errorf("%s: support %d predicted %d, want %d %d", tc.cat, cm.Support, cm.Predicted, tc.support, tc.predicted)
		}
		wantCounts(t, tc.cat, cm.Right, tc.tp, tc.fp, tc.fn, tc.tn)
		wantRatio(t, tc.cat+" precision", cm.Right.Precision, tc.p, tc.pd)
		wantRatio(t, tc.cat+" recall", cm.Right.Recall, tc.r, tc.rd)
		wantRatio(t, tc.cat+" F1", cm.Right.F1, tc.f, tc.fd)
		wantRatio(t, tc.cat+" recall (any category)", cm.AnyRecall, tc.anyR, tc.anyRD)
		wantRatio(t, tc.cat+" precision (any category)", cm.AnyPrecision, tc.anyP, tc.anyPD)
	}

	kinds := map[string]GroupMeasure{}
	for _, g := range c.Kinds {
		kinds[g.Group] = g
	}
	for _, tc := range []struct {
		kind               string
		records, positives int
		tp, fp, fn, tn     int
		right, rightD      int
	}{
		{KindPage, 3, 1, 0, 1, 1, 1, 0, 1},    // m04 missed, m08, m10 false alarm
		{KindPost, 3, 2, 2, 0, 0, 1, 2, 2},    // m01, m07, m11
		{KindListing, 1, 1, 1, 0, 0, 0, 0, 1}, // m03, wrong category
		{KindShort, 4, 3, 2, 0, 1, 1, 2, 3},   // m02, m05, m06 missed, m09
	} {
		g := kinds[tc.kind]
		if g.Records != tc.records || g.Positives != tc.positives || g.RightCategory != tc.right {
			t.Errorf("kind %s: records %d positives %d right %d, want %d %d %d", tc.kind, g.Records, g.Positives, g.RightCategory, tc.records, tc.positives, tc.right)
		}
		wantCounts(t, "kind "+tc.kind, g.Measure, tc.tp, tc.fp, tc.fn, tc.tn)
		wantRatio(t, "kind "+tc.kind+" right-category recall", g.RightRecall, tc.right, tc.rightD)
	}
	wantRatio(t, "page precision", kinds[KindPage].Measure.Precision, 0, 1)
	wantRatio(t, "page F1", kinds[KindPage].Measure.F1, 0, 2)
	if len(c.Files) != 1 || c.Files[0].Records != 11 {
		t.Errorf("files %+v, want one with 11 records", c.Files)
	}

	wantRows := []string{"cert_sale", "exam_fraud", "training_fraud", "imitation_site", Negative}
	wantCols := []string{"cert_sale", "exam_fraud", "training_fraud", "imitation_site", NotFlagged}
	wantCells := [][]int{
		{2, 1, 0, 0, 1},
		{0, 1, 0, 0, 1},
		{0, 0, 1, 0, 0},
		{0, 0, 0, 0, 0},
		{1, 0, 0, 0, 3},
	}
	if !slices.Equal(c.Confusion.Rows, wantRows) || !slices.Equal(c.Confusion.Cols, wantCols) {
		t.Errorf("confusion rows %v cols %v", c.Confusion.Rows, c.Confusion.Cols)
	}
	for i := range wantCells {
		if i >= len(c.Confusion.Cells) || !slices.Equal(c.Confusion.Cells[i], wantCells[i]) {
			t.Errorf("confusion:\n%v\nwant\n%v", c.Confusion.Cells, wantCells)
			break
		}
	}

	ids := func(items []Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	if got := ids(c.Misses); !slices.Equal(got, []string{"m04", "m06"}) {
		t.Errorf("misses %v", got)
	}
	if got := ids(c.FalseAlarms); !slices.Equal(got, []string{"m10"}) {
		t.Errorf("false alarms %v", got)
	}
	if got := ids(c.WrongCategory); !slices.Equal(got, []string{"m03"}) {
		t.Errorf("wrong category %v", got)
	}
	if fa := c.FalseAlarms[0]; len(fa.Verdicts) != 1 || fa.Verdicts[0].Reasons[0] != "规则 fixture 命中" || fa.Source != "../testdata/eval/metrics.jsonl:10" {
		t.Errorf("false alarm item %+v lacks its verdict, reasons or source", fa)
	}
	if len(rep.Disagreements) != 0 {
		t.Errorf("one configuration, %d disagreements", len(rep.Disagreements))
	}
}

// TestSplitSelection: records without a split are always evaluated; the
// test split only when named, and then it is never classified otherwise.
func TestSplitSelection(t *testing.T) {
	for _, tc := range []struct {
		split   string
		want    []string
		skipped map[string]int
	}{
		{"", []string{"s-train-1", "s-train-2", "s-dev-1", "s-none"}, map[string]int{"test": 2}},
		{"dev", []string{"s-dev-1", "s-none"}, map[string]int{"train": 2, "test": 2}},
		{"test", []string{"s-test-1", "s-test-2", "s-none"}, map[string]int{"train": 2, "dev": 1}},
		{"train, TEST", []string{"s-train-1", "s-train-2", "s-test-1", "s-test-2", "s-none"}, map[string]int{"dev": 1}},
	} {
		t.Run("split="+tc.split, func(t *testing.T) {
			sel, err := ParseSelection(tc.split)
			if err != nil {
				t.Fatal(err)
			}
			cl := &byMeta{}
			rep, bad := runFixture(t, "splits.jsonl", sel, cl)
			if len(bad) != 0 {
				t.Fatal(bad)
			}
			slices.Sort(cl.seen)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(cl.seen, want) {
				t.Errorf("classified %v, want %v", cl.seen, want)
			}
			if rep.Records != len(tc.want) || len(rep.Skipped) != len(tc.skipped) {
				t.Errorf("records %d skipped %v, want %d and %v", rep.Records, rep.Skipped, len(tc.want), tc.skipped)
			}
			for s, n := range tc.skipped {
				if rep.Skipped[s] != n {
					t.Errorf("skipped %v, want %v", rep.Skipped, tc.skipped)
				}
			}
			// Per split: every evaluated record that carries a split, in
			// train, dev, test order.
			var wantGroups []string
			for _, s := range KnownSplits {
				if slices.ContainsFunc(tc.want, func(id string) bool { return strings.HasPrefix(id, "s-"+s) }) {
					wantGroups = append(wantGroups, s)
				}
			}
			var groups []string
			inGroups := 0
			for _, g := range rep.Configs[0].Splits {
				groups = append(groups, g.Group)
				inGroups += g.Records
			}
			if !slices.Equal(groups, wantGroups) || inGroups != len(tc.want)-1 {
				t.Errorf("per split %v (%d records), want %v (%d)", groups, inGroups, wantGroups, len(tc.want)-1)
			}
			if rep.Selection.Test() != strings.Contains(strings.ToLower(tc.split), "test") {
				t.Errorf("selection %+v", rep.Selection)
			}
		})
	}
	if _, err := ParseSelection("train,holdout"); err == nil || !strings.Contains(err.Error(), `"holdout"`) {
		t.Errorf("unknown split: %v", err)
	}
}

func TestLabel(t *testing.T) {
	for raw, want := range map[string]string{
		"cert_sale": "cert_sale", "Exam-Fraud": "exam_fraud", " training_fraud ": "training_fraud", "imitation_site": "imitation_site",
		"negative": Negative, "clean": Negative, "none": Negative, "clean_warnings": Negative, "CLEAN": Negative,
		"spam": "", "": "", "positive": "",
	} {
		got, ok := Label(raw)
		if got != want || ok != (want != "") {
			t.Errorf("Label(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
}

func TestKind(t *testing.T) {
	long := strings.Repeat("很长的文字内容。", 80) // 640 characters
	medium := strings.Repeat("中等长度文字", 30) // 180 characters
	for _, tc := range []struct {
		name string
		p    *page.Page
		want string
	}{
		{"explicit kind wins", &page.Page{Text: long, Meta: map[string]string{"kind": "short"}}, KindShort},
		{"explicit kind, any case", &page.Page{Text: "x", Meta: map[string]string{"kind": "Listing"}}, KindListing},
		{"short by length, whatever the hint", &page.Page{Text: "电工证免考", Meta: map[string]string{"kind": "forum-thread"}}, KindShort},
		{"markup, however short, is a page", &page.Page{Title: "标题", Text: "电工证免考", Meta: map[string]string{"kind": "classified"}}, KindPage},
		{"links make markup", &page.Page{Text: "电工证免考", Links: []page.Link{{}}}, KindPage},
		{"listing hint", &page.Page{Text: long, Meta: map[string]string{"kind": "classified_ad"}}, KindListing},
		{"marketplace hint", &page.Page{Text: medium, Meta: map[string]string{"kind": "marketplace-listing"}}, KindListing},
		{"post hint", &page.Page{Text: long, Meta: map[string]string{"kind": "forum-thread"}}, KindPost},
		{"comment hint", &page.Page{Text: medium, Meta: map[string]string{"kind": "short_video_comments"}}, KindPost},
		{"long text is a page", &page.Page{Text: long, Meta: map[string]string{"kind": "news"}}, KindPage},
		{"medium text without a hint is a post", &page.Page{Text: medium}, KindPost},
	} {
		if got := Kind(tc.p); got != tc.want {
			t.Errorf("%s: Kind = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestParseShow(t *testing.T) {
	got, err := ParseShow("misses, false-alarms")
	if err != nil || !slices.Equal(got, []string{ShowMisses, ShowFalseAlarms}) {
		t.Errorf("ParseShow = %v, %v", got, err)
	}
	if got, err := ParseShow("none"); err != nil || len(got) != 0 {
		t.Errorf("none = %v, %v", got, err)
	}
	if got, _ := ParseShow("all"); !slices.Equal(got, ShowAll) {
		t.Errorf("all = %v", got)
	}
	if _, err := ParseShow("hits"); err == nil {
		t.Error("unknown list accepted")
	}
}

// splitSpy records the splits of the pages it classifies; it flags
// nothing.
type splitSpy struct {
	mu     sync.Mutex
	splits map[string]int
}

func (s *splitSpy) Name() string { return "split spy" }

func (s *splitSpy) Classify(p *page.Page) Verdict {
	s.mu.Lock()
	s.splits[p.Meta["split"]]++
	s.mu.Unlock()
	return Verdict{Reasons: []string{}}
}

// TestProjectCorporaRead reads the project's labelled sets as `certwatch
// eval` does: every label is known, and by default the real corpus's test
// split is never handed to a classifier.
func TestProjectCorporaRead(t *testing.T) {
	spy := &splitSpy{splits: map[string]int{}}
	var bad []error
	paths := []string{"../testdata/real/texts.jsonl", "../testdata/unseen/pages-v4.jsonl", "../testdata/unseen/pages-v5.jsonl", "../testdata/unseen/pages-v6.jsonl"}
	more, err := filepath.Glob("../testdata/corpus/*.jsonl")
	if err != nil || len(more) == 0 {
		t.Fatalf("corpus files: %v %v", more, err)
	}
	rep, err := Run(context.Background(), append(paths, more...), []Classifier{spy}, Options{Selection: defaultSelection(t),
		OnBad: func(err error) { bad = append(bad, err) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 0 {
		t.Fatalf("bad input in the project's corpora: %v", bad)
	}
	if spy.splits["test"] != 0 || rep.Skipped["test"] == 0 {
		t.Errorf("test split: classified %d, skipped %d; want 0 classified", spy.splits["test"], rep.Skipped["test"])
	}
	if spy.splits["train"] == 0 || spy.splits["dev"] == 0 || spy.splits[""] < 500 {
		t.Errorf("classified by split %v: want train, dev and the unsplit sets", spy.splits)
	}
	for _, c := range rep.Configs[0].Categories {
		if c.Category == "imitation_site" && c.Support == 0 {
			t.Errorf("no imitation_site record: labels not read")
		}
	}
}

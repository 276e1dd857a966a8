package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/rules"
)

// uniform is no category bar: tests of the other causes of a bar
// (short texts, genres, questions) measure them against one bar.
var uniform = map[string]float64{}

func TestParseCategoryBars(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"default", FormatCategoryBars(DefaultCategoryBars), ""},
		{"none", "none", ""},
		{"", "none", ""},
		{" exam_fraud = 0.75 , cert_sale=1", "cert_sale=1,exam_fraud=0.75", ""},
		{"exam_fraud", "", "want category=probability"},
		{"negative=0.5", "", "is not one of"},
		{"exam=0.5", "", "is not one of"},
		{"exam_fraud=0", "", "want a probability"},
		{"exam_fraud=1.5", "", "want a probability"},
		{"exam_fraud=x", "", "want a probability"},
		{"exam_fraud=0.8,exam_fraud=0.7", "", "given twice"},
	} {
		got, err := ParseCategoryBars(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseCategoryBars(%q): error %v, want one containing %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("ParseCategoryBars(%q): %v", tc.in, err)
		case FormatCategoryBars(got) != tc.want:
			t.Errorf("ParseCategoryBars(%q) = %s, want %s", tc.in, FormatCategoryBars(got), tc.want)
		}
	}
}

// TestCategoryBars: a category's bar replaces the uniform bar for pages
// whose likeliest category it is, never below the model's threshold; an
// empty map leaves every category at the uniform bar; nil gives the
// defaults. The text is short and holds pack words, so the model judges
// it whether or not a rule touched it.
func TestCategoryBars(t *testing.T) {
	pk, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(pk)
	if err != nil {
		t.Fatal(err)
	}
	model, err := rank.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := &page.Page{URL: "https://bbs.example/t/1", Text: "职称英语密卷,一小时熟背就能过关"}
	pr := model.PredictPage(p)
	if pr.Category == rank.Negative || pr.Positive < 0.55 || pr.Positive > 0.99 {
		t.Fatalf("the default model gives the text %.3f (%s): pick a text it scores between 0.55 and 0.99", pr.Positive, pr.Category)
	}
	detect := func(o Options) (bool, float64) {
		o.Model = model
		f := New(m, o).Detect(p)
		if f.Model == nil {
			t.Fatal("the model did not judge the text")
		}
		return f.Model.Flagged, f.Model.Bar
	}
	if flagged, bar := detect(Options{Bar: 0.995, CategoryBars: map[string]float64{}}); flagged || bar < 0.995 {
		t.Errorf("no category bars, uniform bar 0.995: flagged %v at bar %v, want not flagged at ≥ 0.995", flagged, bar)
	}
	below := pr.Positive - 0.01
	if flagged, bar := detect(Options{Bar: 0.995, ShortBar: 0.995, CategoryBars: map[string]float64{pr.Category: below}}); !flagged || bar != below {
		t.Errorf("%s bar %.3f under the uniform 0.995: flagged %v at bar %v, want flagged at the category's bar", pr.Category, below, flagged, bar)
	}
	other := "cert_sale"
	if pr.Category == other {
		other = "exam_fraud"
	}
	if flagged, _ := detect(Options{Bar: 0.995, ShortBar: 0.995, CategoryBars: map[string]float64{other: 0.5}}); flagged {
		t.Errorf("another category's (%s) bar applied to a %s verdict", other, pr.Category)
	}
	if _, bar := detect(Options{CategoryBars: map[string]float64{pr.Category: 0.1}}); bar != model.Threshold() {
		t.Errorf("category bar 0.1 is used as %v, want the model's threshold %v", bar, model.Threshold())
	}
	want, ok := DefaultCategoryBars[pr.Category]
	if !ok {
		want = DefaultShortBar // the text is short; no rule flags it
	}
	if _, bar := detect(Options{}); bar != max(want, model.Threshold()) {
		t.Errorf("nil category bars: bar %v, want %v for %s", bar, want, pr.Category)
	}
}

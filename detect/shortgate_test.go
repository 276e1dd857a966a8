package detect

import (
	"testing"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// TestShortTextWordGate: a short text no rule touched is judged only when
// it holds a word of the packs in force — in its text or in a form
// field's label — and a Detector given other rules (WithMatcher) reads
// their words.
func TestShortTextWordGate(t *testing.T) {
	m, model := defaultMatcher(t), defaultModel(t)
	d := New(m, Options{Model: model})

	if f := d.Detect(page.FromText("", everyday)); f.Model != nil {
		t.Fatalf("a short everyday text without a word of the packs was judged: %+v", f.Model)
	}
	withForm := page.FromText("", everyday)
	withForm.Forms = []page.Form{{Method: "GET", Fields: []page.Field{{Label: "证书编号"}}}}
	if f := d.Detect(withForm); len(f.Rules) != 0 || f.Model == nil {
		t.Fatalf("a word of the packs in a form label: rules %d, model %+v; want the model asked", len(f.Rules), f.Model)
	}
	if f := d.Detect(page.FromText("", sealed)); f.Model == nil {
		t.Fatal("the default packs' word 做好 did not open the gate")
	}

	ps, err := rules.LoadPath("../testdata/eval/pack-a.yaml") // 办证 and 替考 only
	if err != nil {
		t.Fatal(err)
	}
	other, err := matcher.Compile(ps...)
	if err != nil {
		t.Fatal(err)
	}
	if f := d.WithMatcher(other).Detect(page.FromText("", sealed)); f.Model != nil {
		t.Errorf("with a pack of 办证 and 替考 only, %q was judged: %+v", sealed, f.Model)
	}
	if f := d.WithMatcher(other).Detect(page.FromText("", "替考的事找我，放心")); len(f.Rules) == 0 {
		t.Errorf("the other pack did not score its own term")
	}
}

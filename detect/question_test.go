package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestBareQuestion: a short text no rule touched that asks a question and
// carries no corroborator is judged by the model but never flagged by it
// alone, however high it scores; the same question with a call to act, a
// price or a contact is judged at the short-text bar as before.
func TestBareQuestion(t *testing.T) {
	// The short-text bar for every category.
	d := New(defaultMatcher(t), Options{Model: defaultModel(t), CategoryBars: uniform})
	const q = "安全员C证考试时间多久" // the default model: 0.97, exam_fraud
	f := d.Detect(page.FromText("", q))
	if len(f.Rules) != 0 || f.Model == nil {
		t.Fatalf("%s: rules %d, model %+v; want no rule and the model asked", q, len(f.Rules), f.Model)
	}
	if f.Model.Probability < DefaultShortBar {
		t.Fatalf("%s scores %.2f: below the short bar, the test says nothing", q, f.Model.Probability)
	}
	if f.Flagged || f.Model.Flagged || !strings.Contains(strings.Join(f.Reasons, " "), "提问，模型不单独标记") {
		t.Errorf("a bare question was flagged or not explained: flagged %v, model %+v, reasons %q", f.Flagged, f.Model, f.Reasons)
	}
	for _, s := range []string{q + "？私信我", q + "，多少钱", q + " 微信 ab12345678"} {
		f := d.Detect(page.FromText("", s))
		if f.Model == nil {
			t.Errorf("%s: the model was not asked", s)
			continue
		}
		if strings.Contains(strings.Join(f.Reasons, " "), "提问") || f.Model.Bar != DefaultShortBar && len(f.Rules) == 0 {
			t.Errorf("%s carries a corroborator but was treated as a bare question: %+v %q", s, f.Model, f.Reasons)
		}
	}
}

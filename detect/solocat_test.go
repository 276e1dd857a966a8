package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestSoloCategory: a page the model flags alone takes the category
// whose probability plus its rules' score over threshold is highest —
// here a cert_sale rule scored 3 of 6 while the model leans to
// training_fraud — with a reason; with cert_sale's channel off the model's
// own category stands; without any rule score the model's category stands.
func TestSoloCategory(t *testing.T) {
	d := New(defaultMatcher(t), Options{Model: defaultModel(t)})
	const s = "我们有内部名额，不用考"
	f := d.Detect(page.FromText("", s))
	if f.Channel != "model" || f.Model == nil || f.Model.Category != "training_fraud" || len(f.Rules) != 1 || f.Rules[0].Category != "cert_sale" || f.Rules[0].Fired {
		t.Fatalf("%s: channel %q, model %+v, rules %+v; want the model alone leaning to training_fraud, one cert_sale rule under its threshold", s, f.Channel, f.Model, f.Rules)
	}
	if f.Category != "cert_sale" || f.Route != d.routes["cert_sale"] || !strings.Contains(f.Reasons[0], "类别取“制售、买卖假证”") {
		t.Errorf("%s: category %s, route %v, reasons %q; want cert_sale with its route, explained", s, f.Category, f.Route, f.Reasons)
	}
	if f := d.WithOff([]string{"cert_sale"}).Detect(page.FromText("", s)); f.Category != "training_fraud" {
		t.Errorf("cert_sale's channel off: category %s, want the model's training_fraud", f.Category)
	}
	if f := d.Detect(page.FromText("", sealed)); len(f.Rules) != 0 || f.Category != f.Model.Category {
		t.Errorf("%s: no rule scored, category %s, model's %s", sealed, f.Category, f.Model.Category)
	}
}

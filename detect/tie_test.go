package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// TestBreakTie: when rules of two categories fire with the same top
// score, the model's likeliest category decides, with its rule's route
// and a reason; with that category's model channel off, or without a
// model, the rules' strongest first stands.
func TestBreakTie(t *testing.T) {
	m := defaultMatcher(t)
	const s = "叉车实操 包过，考场有人，不过不收费"
	rf := New(m, Options{}).Detect(page.FromText("", s))
	if !rf.Flagged || rf.Category != "cert_sale" || len(rf.Rules) < 2 || rf.Rules[1].Category != "exam_fraud" || rf.Rules[1].Score != rf.Rules[0].Score {
		t.Fatalf("rules alone: flagged %v %s, rules %+v; want cert_sale and exam_fraud tied", rf.Flagged, rf.Category, rf.Rules)
	}
	d := New(m, Options{Model: defaultModel(t)})
	f := d.Detect(page.FromText("", s))
	if f.Model == nil || f.Model.Category != "exam_fraud" {
		t.Fatalf("the model's category %+v, want exam_fraud", f.Model)
	}
	if f.Category != "exam_fraud" || f.Route != rf.Rules[1].Route || f.Score != rf.Score ||
		!strings.Contains(strings.Join(f.Reasons, " "), "类别按模型取“考试作弊、代考”") {
		t.Errorf("with the model: %s, route %v, score %g, reasons %q; want exam_fraud with its rule's route", f.Category, f.Route, f.Score, f.Reasons)
	}
	if f := d.WithOff([]string{"exam_fraud"}).Detect(page.FromText("", s)); f.Category != "cert_sale" {
		t.Errorf("exam_fraud's channel off: category %s, want the rules' cert_sale", f.Category)
	}
	// No tie: the rules' category stands whatever the model says.
	const clear = "代办电工证 焊工证 不用考试 包拿证 微信 ab12345678"
	rc := New(m, Options{}).Detect(page.FromText("", clear))
	if f := d.Detect(page.FromText("", clear)); f.Category != rc.Category {
		t.Errorf("%s: category %s with the model, %s without", clear, f.Category, rc.Category)
	}
}

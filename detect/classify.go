package detect

import (
	"strings"

	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/page"
)

// A Detector is an eval.Classifier: `certwatch eval` measures the decision
// sweeps make.
var _ eval.Classifier = (*Detector)(nil)

// Name is "rules " and the pack versions, and " + model " and the model's
// version when there is one.
func (d *Detector) Name() string {
	var names []string
	for _, p := range d.m.Packs() {
		names = append(names, p.Version())
	}
	n := "rules " + strings.Join(names, ", ")
	if d.model != nil {
		n += " + model " + d.model.Version()
	}
	return n
}

// Classify is Detect as eval reads it.
func (d *Detector) Classify(p *page.Page) eval.Verdict {
	f := d.Detect(p)
	v := eval.Verdict{Flagged: f.Flagged, Score: f.Score, Reasons: f.Reasons, Channel: f.Channel}
	if f.Flagged {
		v.Category = f.Category
	}
	if v.Reasons == nil {
		v.Reasons = []string{}
	}
	return v
}

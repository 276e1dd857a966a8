package eval

import (
	"fmt"
	"strings"

	"github.com/certwatch/certwatch/page"
)

// ModelVerdict is what a learned model says of a page: the chance that it
// offers anything, the likeliest category when that chance reaches the
// model's threshold, and the n-grams that drove it.
type ModelVerdict struct {
	Positive bool
	Prob     float64 // 1 − P(negative)
	Category string  // set when Positive
	Top      []string
}

// Model is the learned stage as eval sees it (package rank's model, through
// a small adapter in cmd).
type Model interface {
	Version() string
	Judge(p *page.Page) ModelVerdict
}

// Combined is rules and model together, the way a finding is decided when
// the model channel is on: a page is flagged when the rules flag it or the
// model's probability reaches its threshold (either channel may flag; the
// model never un-flags what the rules flagged). The category is the rules'
// when they flagged, else the model's. Channel says which stage flagged:
// rules, model, or rules+model when both did.
type Combined struct {
	Rules Classifier
	Model Model
}

var _ Classifier = (*Combined)(nil)

func (c *Combined) Name() string {
	return c.Rules.Name() + " + model " + c.Model.Version()
}

func (c *Combined) Classify(p *page.Page) Verdict {
	v := c.Rules.Classify(p)
	mv := c.Model.Judge(p)
	reason := fmt.Sprintf("模型：概率 %.2f（%s）", mv.Prob, strings.Join(mv.Top, "、"))
	v.Reasons = append(v.Reasons, reason)
	switch {
	case v.Flagged && mv.Positive:
		v.Channel = ChannelBoth
	case mv.Positive:
		v.Flagged, v.Category, v.Channel = true, mv.Category, ChannelModel
	}
	return v
}

package eval

import (
	"fmt"
	"strings"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// Channels say which stage of a configuration decided a verdict.
const (
	ChannelRules = "rules"
	ChannelModel = "model"
	ChannelBoth  = "rules+model"
)

// Verdict is a classifier's decision on one page.
type Verdict struct {
	Flagged  bool    `json:"flagged"`
	Category string  `json:"category,omitempty"` // set when flagged
	Score    float64 `json:"score"`
	// Reasons are the classifier's own explanations, in Chinese, as the
	// matcher (or the model) words them: every rule that scored, flagged
	// or not, so a miss shows how close it came.
	Reasons []string `json:"reasons"`
	// Channel is the stage that decided: ChannelRules, ChannelModel or
	// ChannelBoth; empty when nothing flagged the page.
	Channel string `json:"channel,omitempty"`
}

// Classifier decides whether a page is an offer, and of which category.
// Implementations must be safe for concurrent use: Evaluate classifies
// pages in parallel.
type Classifier interface {
	// Name identifies the configuration in reports: the pack versions, the
	// model's version.
	Name() string
	Classify(p *page.Page) Verdict
}

// ModelOpener is the seam for the learned stage: it opens the model file at
// path and returns a classifier that combines it with base (the rules of
// the same configuration) as scans would. An error names the file and what
// is wrong with it.
type ModelOpener func(path string, base Classifier) (Classifier, error)

// Rules classifies with rule packs through matcher.Matcher.
type Rules struct {
	m    *matcher.Matcher
	name string
}

var _ Classifier = (*Rules)(nil)

// NewRules compiles packs into a rules classifier named by their versions.
func NewRules(packs ...*rules.Pack) (*Rules, error) {
	m, err := matcher.Compile(packs...)
	if err != nil {
		return nil, fmt.Errorf("eval: compile rules: %w", err)
	}
	names := make([]string, len(packs))
	for i, p := range packs {
		names[i] = p.Version()
	}
	return &Rules{m: m, name: "rules " + strings.Join(names, ", ")}, nil
}

// Name is "rules " and the pack versions.
func (r *Rules) Name() string { return r.name }

// Classify matches the page and keeps the finding's decision and reasons.
func (r *Rules) Classify(p *page.Page) Verdict {
	f := r.m.Match(p)
	v := Verdict{Flagged: f.Flagged, Score: f.Score, Reasons: f.Reasons}
	if f.Flagged {
		v.Category, v.Channel = f.Category, ChannelRules
	}
	if v.Reasons == nil {
		v.Reasons = []string{}
	}
	return v
}

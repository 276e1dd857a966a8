package eval

import (
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
)

// Channels say which stage of a configuration decided a verdict (the
// finding's channels, matcher.Channel…).
const (
	ChannelRules = matcher.ChannelRules
	ChannelModel = matcher.ChannelModel
	ChannelBoth  = matcher.ChannelBoth
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
// pages in parallel. The one certwatch uses is package detect's Detector,
// the decision sweeps make (rules, or rules and model).
type Classifier interface {
	// Name identifies the configuration in reports: the pack versions, the
	// model's version.
	Name() string
	Classify(p *page.Page) Verdict
}

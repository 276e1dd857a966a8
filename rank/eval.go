package rank

import (
	"fmt"
	"strings"

	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// A Model is an eval.Classifier on its own — the learned stage without the
// rules, at its own threshold — so `certwatch model test` and `model train
// --dev` measure it with package eval, like `certwatch eval` measures the
// rules and the combination (package detect).
var _ eval.Classifier = (*Model)(nil)

// Name is "model " and the model's version.
func (m *Model) Name() string { return "model " + m.Version() }

// Classify predicts the page (PredictPage): flagged when its probability
// reaches the model's threshold, with the likeliest category.
func (m *Model) Classify(p *page.Page) eval.Verdict {
	pr := m.PredictPage(p)
	v := eval.Verdict{Score: pr.Positive}
	if pr.Category != Negative {
		v.Flagged, v.Category, v.Channel = true, pr.Category, eval.ChannelModel
	}
	var grams []string
	for i, c := range pr.Top {
		if i == 6 {
			break
		}
		grams = append(grams, "“"+c.NGram+"”")
	}
	v.Reasons = []string{fmt.Sprintf("模型：概率 %.2f（%s）", pr.Positive, strings.Join(grams, "、"))}
	return v
}

// CategoryName is a class's Chinese name: the default pack's name of a
// category (rules.CategoryName), and names for the two classes only the
// model has.
func CategoryName(class string) string {
	switch class {
	case "any":
		return "任一违规"
	case Negative:
		return "无违规"
	}
	return rules.CategoryName(nil, class)
}

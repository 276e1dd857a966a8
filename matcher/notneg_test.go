package matcher

import (
	"fmt"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// TestNotNegations: a word the pack lists under not_negations (不同, 不仅)
// begins with the cue 不 but does not cancel the term after it, while the
// cue alone still does; without the list the term is negated as before.
func TestNotNegations(t *testing.T) {
	const base = `name: nn
issuer: 测试
version: "1"
threshold: 3
categories: {cert_sale: 买卖假证}
negations: [不]
negation_gap: 2
%s
rules:
  - id: a
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 办证, weight: 3}
`
	for _, c := range []struct {
		extra string
		text  string
		want  bool
	}{
		{"not_negations: [不同, 不仅]", "不仅办证,还刻章", true},
		{"not_negations: [不同, 不仅]", "不同办证价格", true},
		{"not_negations: [不同, 不仅]", "不办证", false},
		{"", "不仅办证,还刻章", false},
	} {
		p, err := rules.Parse("nn.yaml", []byte(fmt.Sprintf(base, c.extra)))
		if err != nil {
			t.Fatal(err)
		}
		m, err := Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := m.Match(page.FromText("", c.text))
		if f.Flagged != c.want {
			t.Errorf("%q with %q: flagged %v, want %v (score %g)", c.text, c.extra, f.Flagged, c.want, f.Score)
		}
	}
}

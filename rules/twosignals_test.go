package rules

import (
	"strings"
	"testing"
)

// TestShortTextTwoSignals: short_text.two_signals is read as a boolean and
// a value of another type is refused with its key.
func TestShortTextTwoSignals(t *testing.T) {
	src := func(v string) []byte {
		return []byte("name: q\nissuer: t\nversion: \"1\"\nthreshold: 6\ncategories: {cert_sale: x}\nfamilies:\n  cta: [私聊]\n" +
			"short_text: {max_chars: 100, threshold: 4, corroborators: [cta], two_signals: " + v + "}\n" +
			"rules:\n  - id: r\n    category: cert_sale\n    description: d\n    legal_basis: l\n    route: takedown_cac\n    terms: [{term: 代评, weight: 2}]\n")
	}
	p, err := Parse("q.yaml", src("true"))
	if err != nil {
		t.Fatal(err)
	}
	if p.ShortText == nil || !p.ShortText.TwoSignals {
		t.Fatalf("two_signals: true not read: %+v", p.ShortText)
	}
	if _, err := Parse("q.yaml", src("3")); err == nil || !strings.Contains(err.Error(), "two_signals") {
		t.Errorf("two_signals: 3 accepted or error without its key: %v", err)
	}
}

package detect

import (
	"strings"
	"testing"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// TestQuestionWordsFromPack: the question words come from the family the
// pack names under short_text.questions, so an analyst's edit in YAML
// changes which short texts count as bare questions; the default pack
// names the same words as the built-in list.
func TestQuestionWordsFromPack(t *testing.T) {
	def, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	got := questionWordsOf([]*rules.Pack{def})
	want := map[string]bool{}
	for _, w := range defaultQuestionWords {
		want[w] = true
	}
	if len(got) != len(want) {
		t.Errorf("default pack question words %q, built-in %q", got, defaultQuestionWords)
	}
	for _, w := range got {
		if !want[w] {
			t.Errorf("default pack question word %q is not in the built-in list", w)
		}
	}

	// The same text with and without 请教 among the question words: an
	// edited pack makes it a bare question.
	src := strings.Replace(string(rules.DefaultSource()),
		`  question: [吗,`, `  question: [请教, 吗,`, 1)
	if src == string(rules.DefaultSource()) {
		t.Fatal("the default pack's question family was not found")
	}
	edited, err := rules.Parse("edited.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	const text = "叉车证考试想请教一下" // no rule touches it, no corroborator
	p := page.FromText("", text)
	for _, c := range []struct {
		pack *rules.Pack
		want bool
	}{{def, false}, {edited, true}} {
		m, err := matcher.Compile(c.pack)
		if err != nil {
			t.Fatal(err)
		}
		d := New(m, Options{})
		f, norm := m.MatchNorm(p)
		if len(f.Rules) != 0 {
			t.Fatalf("%s: a rule touched it: %+v", text, f.Rules)
		}
		if got := d.bareQuestion(p, f, norm); got != c.want {
			t.Errorf("pack %s: bareQuestion(%s) = %v, want %v", c.pack.File, text, got, c.want)
		}
	}
}

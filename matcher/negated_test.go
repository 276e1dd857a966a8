package matcher

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveNegated is negated as it was before the cues were bucketed by
// their last byte: every cue tried at every position.
func naiveNegated(m *Matcher, text string, start int) bool {
	end := start
	for gap := 0; gap <= m.negGap && end > 0; gap++ {
		prefix := text[:end]
		for _, c := range m.negations {
			if strings.HasSuffix(prefix, c) {
				if c == "不" && strings.HasPrefix(text[end:], "就") || m.notNegation(text[end-len(c):]) {
					continue // the same exceptions as negated (不就; not_negations)
				}
				return true
			}
		}
		_, size := utf8.DecodeLastRuneInString(prefix)
		if prefix[len(prefix)-size] == '\n' {
			return false
		}
		end -= size
	}
	return false
}

// TestNegatedSameAsEveryCue: the bucketed cue lookup answers as trying
// every cue, at every character of every corpus page.
func TestNegatedSameAsEveryCue(t *testing.T) {
	m := defaultMatcher(t)
	if len(m.negations) == 0 {
		t.Fatal("the default pack has no negation cues")
	}
	texts := []string{"不办证", "没有\n证", "声称不用考试", "并非并非", "a不b"}
	for _, lp := range loadCorpus(t, "../testdata/corpus/*.jsonl") {
		texts = append(texts, NormalizeString(lp.p.Title+"\n"+lp.p.Text))
	}
	yes := 0
	for _, text := range texts {
		for i := range text {
			got, want := m.negated(text, i), naiveNegated(m, text, i)
			if got != want {
				t.Fatalf("negated(%q, %d) = %v, every cue: %v", text, i, got, want)
			}
			if got {
				yes++
			}
		}
	}
	if yes == 0 {
		t.Fatal("no position negated in any text")
	}
}

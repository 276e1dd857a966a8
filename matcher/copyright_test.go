package matcher

import (
	"reflect"
	"testing"
)

// TestCopyrightSameAsRegexp: the copyright pattern tried at its leading
// literals finds, in every corpus page and a few made texts, the match
// the plain expression finds over the whole text.
func TestCopyrightSameAsRegexp(t *testing.T) {
	m := defaultMatcher(t)
	if len(m.imit) == 0 || m.imit[0].im.CopyrightPattern == nil {
		t.Fatal("the default pack has no copyright pattern")
	}
	ci := m.imit[0]
	if ci.copyright.anchored == nil {
		t.Fatal("the default copyright pattern has no leading literals")
	}
	texts := []string{"", "版权所有 国家市场监督管理局", "主办 主办单位：应急管理部 安监局", "copyright 2024 xx建设厅\n版权所有 委员会",
		"承办\n建设局", "©某某人民政府 主办单位 管理局"}
	for _, lp := range loadCorpus(t, "../testdata/corpus/*.jsonl") {
		texts = append(texts, NormalizeString(lp.p.Title+"\n"+lp.p.Text))
	}
	found := 0
	for _, text := range texts {
		got, want := ci.findCopyright(text, false), ci.im.CopyrightPattern.FindStringIndex(text)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("copyright in %q: at leading literals %v, whole text %v", text, got, want)
		}
		if want != nil {
			found++
		}
	}
	if found < 3 {
		t.Fatalf("the copyright pattern matched only %d texts", found)
	}
}

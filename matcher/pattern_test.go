package matcher

import (
	"fmt"
	"regexp"
	"testing"
)

// TestPatternPrefilter checks that trying only the places where a leading
// literal occurs finds exactly what the plain expression finds.
func TestPatternPrefilter(t *testing.T) {
	exprs := []string{
		`(办|做|补|出)(各类|各种)?(证件|证书)`,
		`(电工|焊工|叉车)证[^书件]{0,6}([0-9]{2,4})(元|块)`,
		`保证(实操|理论)?过`,
		`[0-9]+天拿证`, // no leading literal: plain search
		`a|ab`,
	}
	texts := []string{
		"办证件 做各类证书 补证 出证书出证件",
		"电工证只要800元，焊工证900块，叉车证 1000 元",
		"保证过 保证实操过 保证理论能过",
		"3天拿证 15天拿证",
		"ab a abab",
		"",
	}
	for _, e := range exprs {
		re := regexp.MustCompile(e)
		p := compilePattern(re, 1, e)
		for _, txt := range texts {
			want := fmt.Sprint(re.FindAllStringIndex(txt, 8))
			if got := fmt.Sprint(p.findAll(txt, 8)); got != want && !(got == "[]" && want == "[]") {
				t.Errorf("%s on %q: prefiltered %s, plain %s", e, txt, got, want)
			}
		}
	}
	if p := compilePattern(regexp.MustCompile(`(办|做)证`), 1, ""); len(p.starts) != 2 {
		t.Errorf("leading literals of (办|做)证 = %q", p.starts)
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEvalCategoryBars: --category-bars replaces --bar for the named
// categories; --bar alone measures one bar for all; a bad item is refused
// with exit status 2 and names the item.
func TestEvalCategoryBars(t *testing.T) {
	file := writeFile(t, t.TempDir(), "one.jsonl", `{"id":"c1","text":"职称英语密卷,一小时熟背就能过关","label":"exam_fraud","kind":"short"}`+"\n")
	flagged := func(args ...string) int {
		t.Helper()
		code, out, errOut := runCLI(t, "", append([]string{"eval", file, "--model", "default", "--format", "json", "--show", "none"}, args...)...)
		var rep struct {
			Configs []struct {
				Overall struct{ TP, FP int }
			}
		}
		if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Configs) != 1 {
			t.Fatalf("eval %q: exit %d\n%s%s", args, code, out, errOut)
		}
		return rep.Configs[0].Overall.TP
	}
	if n := flagged("--bar", "0.999", "--short-bar", "0.999"); n != 0 {
		t.Errorf("--bar 0.999 alone (one bar for all): %d caught, want 0", n)
	}
	low := "cert_sale=0.5,exam_fraud=0.5,training_fraud=0.5"
	if n := flagged("--bar", "0.999", "--short-bar", "0.999", "--category-bars", low); n != 1 {
		t.Errorf("--category-bars %s under --bar 0.999: %d caught, want 1", low, n)
	}
	code, _, errOut := runCLI(t, "", "eval", file, "--model", "default", "--category-bars", "exam_fraud=2")
	if code != 2 || !strings.Contains(errOut, "--category-bars") || !strings.Contains(errOut, "exam_fraud=2") {
		t.Errorf("--category-bars exam_fraud=2: exit %d, %s", code, errOut)
	}
}

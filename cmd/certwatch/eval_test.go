package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const evalFixtures = "../../testdata/eval/"

// TestEvalSideBySideJSON runs `certwatch eval` with two packs and reads the
// JSON report.
func TestEvalSideBySideJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "", "eval", "--rules", evalFixtures+"pack-a.yaml", "--against", evalFixtures+"pack-b.yaml",
		"--format", "json", evalFixtures+"sidebyside.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Records int `json:"records"`
		Configs []struct {
			Name    string `json:"name"`
			Overall struct {
				TP, FP, FN, TN int
				Precision      *float64 `json:"precision"`
				Recall         *float64 `json:"recall"`
			} `json:"overall"`
			Misses []struct {
				ID string `json:"id"`
			} `json:"misses"`
		} `json:"configs"`
		Disagreements []struct {
			ID string `json:"id"`
		} `json:"disagreements"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not one JSON document: %v\n%s", err, out)
	}
	if rep.Records != 5 || len(rep.Configs) != 2 {
		t.Fatalf("records %d, %d configurations", rep.Records, len(rep.Configs))
	}
	a, b := rep.Configs[0], rep.Configs[1]
	if !strings.Contains(a.Name, "eval-a@1") || !strings.Contains(b.Name, "eval-b@1") {
		t.Errorf("names %q %q", a.Name, b.Name)
	}
	if a.Overall.TP != 2 || a.Overall.FN != 1 || a.Overall.FP != 0 || *a.Overall.Precision != 1 {
		t.Errorf("A overall %+v", a.Overall)
	}
	if b.Overall.TP != 3 || b.Overall.FP != 1 || *b.Overall.Recall != 1 {
		t.Errorf("B overall %+v", b.Overall)
	}
	if len(a.Misses) != 1 || a.Misses[0].ID != "x2" || len(rep.Disagreements) != 2 {
		t.Errorf("A misses %+v, disagreements %+v", a.Misses, rep.Disagreements)
	}
}

// TestEvalTextAndSplits: the bilingual header says which splits were read,
// and the test split comes with its reminder only when asked for.
func TestEvalTextAndSplits(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--lang", "zh", "eval", "--rules", evalFixtures+"pack-a.yaml", evalFixtures+"splits.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"识别效果评测", "记录 6 条，评测 4 条",
		"只评测 train+dev（默认", "未评测（划分未选中）：test 2", "召回率", "按文本类型"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, en := range []string{"detection evaluation", "records evaluated", "recall", "Per text kind"} {
		if strings.Contains(out, en) {
			t.Errorf("Chinese output has %q:\n%s", en, out)
		}
	}
	if strings.Contains(out, "reporting only") || strings.Contains(out, "s-test-") {
		t.Errorf("default run mentions the test split's records or reminder:\n%s", out)
	}

	code, out, errOut = runCLI(t, "", "eval", "--rules", evalFixtures+"pack-a.yaml", "--split", "test", "--show", "misses", evalFixtures+"splits.jsonl")
	if code != 0 {
		t.Fatalf("--split test: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"(6 records, 3 evaluated)", "the test split is for reporting only", "train 2, dev 1", "- s-test-1 [cert_sale/short]"} {
		if !strings.Contains(out, want) {
			t.Errorf("--split test output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "False alarms") || strings.Contains(out, "测试集") {
		t.Errorf("--show misses printed the false alarms:\n%s", out)
	}

	// Reporting on the test split: aggregates only, in JSON too.
	code, out, errOut = runCLI(t, "", "eval", "--rules", evalFixtures+"pack-a.yaml", "--split", "test", "--show", "none", "--format", "json", evalFixtures+"splits.jsonl")
	if code != 0 {
		t.Fatalf("--show none --format json: exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "s-test-") || strings.Contains(out, "misses") || !strings.Contains(out, `"recall"`) {
		t.Errorf("--show none should leave only aggregate figures:\n%s", out)
	}
}

func TestEvalBadInput(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "labelled.jsonl", strings.Join([]string{
		`{"id": "a", "text": "专业办证，当天出证", "label": "cert_sale"}`,
		`{"id": "b", "text": "no label here"}`,
		`{"id": "c", "text": "broken`,
		`{"id": "d", "text": "今天天气很好", "label": "negative"}`,
	}, "\n"))
	code, out, errOut := runCLI(t, "", "eval", "--rules", evalFixtures+"pack-a.yaml", f)
	if code != 1 {
		t.Errorf("exit %d, want 1 for bad input", code)
	}
	if !strings.Contains(errOut, `labelled.jsonl:2: key "label": missing`) || !strings.Contains(errOut, "labelled.jsonl:3") {
		t.Errorf("stderr does not name file, line and key: %s", errOut)
	}
	if !strings.Contains(out, "(3 records, 2 evaluated)") || !strings.Contains(out, "bad input: 2") {
		t.Errorf("the report should still cover the good records and count the bad ones:\n%s", out)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--model", "m.bin"}, 1, "--model m.bin"},
		{[]string{"--against", "model:m.bin"}, 1, "--model m.bin"},
		{[]string{"--split", "holdout"}, 2, `unknown split "holdout"`},
		{[]string{"--format", "xml"}, 2, `unknown format "xml"`},
		{[]string{"--show", "hits"}, 2, `unknown list "hits"`},
	} {
		args := append([]string{"eval", "--rules", evalFixtures + "pack-a.yaml"}, tc.args...)
		code, _, errOut := runCLI(t, "", append(args, evalFixtures+"sidebyside.jsonl")...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

func TestAgainstKind(t *testing.T) {
	for in, want := range map[string][2]string{
		"model:x.yaml":   {"model", "x.yaml"},
		"rules:x.bin":    {"rules", "x.bin"},
		"pack.yaml":      {"rules", "pack.yaml"},
		"PACK.YML":       {"rules", "PACK.YML"},
		evalFixtures:     {"rules", evalFixtures},
		"ngram-v1.model": {"model", "ngram-v1.model"},
	} {
		if k, p := againstKind(in); k != want[0] || p != want[1] {
			t.Errorf("againstKind(%q) = %s %s, want %v", in, k, p, want)
		}
	}
}

// TestEvalWithTheDefaultModel: --against model:default runs the rules and
// the embedded model side by side; the combined configuration names the
// model, never flags less than the rules alone, and says which channel
// flagged.
func TestEvalWithTheDefaultModel(t *testing.T) {
	// The embedded pack: the model judges the pages its rules touched.
	code, out, errOut := runCLI(t, "", "eval", "--against", "model:default",
		"--format", "json", "--show", "none", "../../testdata/unseen/pages-v6.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Configs []struct {
			Name    string `json:"name"`
			Overall struct {
				TP, FP, FN, TN int
			} `json:"overall"`
			Channels map[string]int `json:"channels"`
		} `json:"configs"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not one JSON document: %v\n%s", err, out)
	}
	if len(rep.Configs) != 2 || !strings.Contains(rep.Configs[1].Name, "+ model ") {
		t.Fatalf("configurations: %+v", rep.Configs)
	}
	a, b := rep.Configs[0].Overall, rep.Configs[1].Overall
	if b.TP+b.FP < a.TP+a.FP {
		t.Errorf("rules+model flagged %d pages, fewer than the rules alone (%d)", b.TP+b.FP, a.TP+a.FP)
	}
	if b.TP <= a.TP {
		t.Errorf("the model added no true positive on v6 (rules %d, combined %d)", a.TP, b.TP)
	}
	t.Logf("channels of the combined configuration: %v", rep.Configs[1].Channels)
}

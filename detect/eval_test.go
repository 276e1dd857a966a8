package detect

import (
	"context"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
)

// runEval runs eval over file with the classifiers, train and dev splits.
func runEval(t *testing.T, file string, cs ...eval.Classifier) (*eval.Report, []error) {
	t.Helper()
	sel, err := eval.ParseSelection("")
	if err != nil {
		t.Fatal(err)
	}
	var bad []error
	rep, err := eval.Run(context.Background(), []string{file}, cs, eval.Options{Selection: sel, Workers: 2,
		OnBad: func(err error) { bad = append(bad, err) }})
	if err != nil {
		t.Fatal(err)
	}
	return rep, bad
}

func wantCounts(t *testing.T, what string, m eval.Measure, tp, fp, fn, tn int) {
	t.Helper()
	if m.TP != tp || m.FP != fp || m.FN != fn || m.TN != tn {
		t.Errorf("%s: TP/FP/FN/TN = %d/%d/%d/%d, want %d/%d/%d/%d", what, m.TP, m.FP, m.FN, m.TN, tp, fp, fn, tn)
	}
}

// TestSideBySide runs two packs that differ by one term over the same
// records: B catches x2 (挂靠) and raises a false alarm on x5.
func TestEvalSideBySide(t *testing.T) {
	load := func(name string) eval.Classifier {
		ps, err := rules.LoadPath("../testdata/eval/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := matcher.Compile(ps...)
		if err != nil {
			t.Fatal(err)
		}
		return New(m, Options{})
	}
	a, b := load("pack-a.yaml"), load("pack-b.yaml")
	rep, bad := runEval(t, "../testdata/eval/sidebyside.jsonl", a, b)
	if len(bad) != 0 {
		t.Fatal(bad)
	}
	if len(rep.Configs) != 2 || !strings.HasPrefix(rep.Configs[0].Name, "rules eval-a@1+") || !strings.HasPrefix(rep.Configs[1].Name, "rules eval-b@1+") {
		t.Fatalf("configurations %q %q", rep.Configs[0].Name, rep.Configs[1].Name)
	}
	wantCounts(t, "A", rep.Configs[0].Overall, 2, 0, 1, 2)
	wantCounts(t, "B", rep.Configs[1].Overall, 3, 1, 0, 1)
	if len(rep.Disagreements) != 2 || rep.Disagreements[0].ID != "x2" || rep.Disagreements[1].ID != "x5" {
		t.Fatalf("disagreements %+v, want x2 and x5", rep.Disagreements)
	}
	d := rep.Disagreements[0]
	if len(d.Verdicts) != 2 || d.Verdicts[0].Flagged || !d.Verdicts[1].Flagged || d.Verdicts[1].Category != "cert_sale" {
		t.Errorf("x2 verdicts %+v", d.Verdicts)
	}
	// The reasons are the matcher's, in Chinese, naming the term.
	if fa := rep.Configs[1].FalseAlarms; len(fa) != 1 || !strings.Contains(strings.Join(fa[0].Verdicts[0].Reasons, " "), "“挂靠”") {
		t.Errorf("B's false alarm %+v should give the matcher's reason naming 挂靠", fa)
	}

	var out strings.Builder
	if err := rep.WriteText(&out, eval.ShowAll); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"配置 configurations:", "  A  rules eval-a@1+", "  B  rules eval-b@1+", "精确率 precision", "召回率 recall",
		"混淆矩阵 Confusion [A]", "混淆矩阵 Confusion [B]", "两种配置的分歧 Disagreements", "B 已标记 flagged: cert_sale", "未标记 not flagged",
		"漏报 Misses [A]", "误报 False alarms [B]"} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const imitationFixture = "../../testdata/imitation/fixture"

// TestImitationEval runs the evaluation on our fixture (not a blind set:
// see its README) and checks what it prints in both languages.
func TestImitationEval(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--lang", "zh", "imitation", "eval", imitationFixture)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"共 7 个页面、3 个官方参考页面：精确率 1.000，召回率 1.000（TP 3，FP 0，FN 0，TN 4）",
		"仿冒\tcopy\t2\t2", "合法\taggregator\t1\t1", "漏报（标注为仿冒，判为非仿冒）：0", "误报（标注为合法，判为仿冒）：0"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "", "--lang", "en", "imitation", "eval", imitationFixture)
	if code != 0 || !strings.Contains(out, "7 pages, 3 official reference pages: precision 1.000, recall 1.000") || !strings.Contains(out, "imitation\tresult\t1\t1") {
		t.Errorf("English output (exit %d):\n%s", code, out)
	}
}

// TestImitationEvalMissesListed: a page labelled against the verdict is
// listed with its reasons, and the figures count it.
func TestImitationEvalMissesListed(t *testing.T) {
	dir := copyFixture(t)
	labels := readFile(t, filepath.Join(dir, "labels.jsonl"))
	labels = strings.Replace(labels, `"pages/news.html","url":"https://news.example/2024/jiawangzhan.html","label":"legitimate"`,
		`"pages/news.html","url":"https://news.example/2024/jiawangzhan.html","label":"imitation"`, 1)
	labels = strings.Replace(labels, `"pages/copy-zlaq.html","url":"https://zlaq-mohurd.com/ry/","label":"imitation"`,
		`"pages/copy-zlaq.html","url":"https://zlaq-mohurd.com/ry/","label":"legitimate"`, 1)
	writeFile(t, dir, "labels.jsonl", labels)
	code, out, errOut := runCLI(t, "", "--lang", "zh", "imitation", "eval", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"精确率 0.667，召回率 0.667（TP 2，FP 1，FN 1，TN 3）", "漏报（标注为仿冒，判为非仿冒）：1\n  pages/news.html",
		"误报（标注为合法，判为仿冒）：1\n  pages/copy-zlaq.html", "    - 页面自称“中华人民共和国住房和城乡建设部”"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "", "--lang", "zh", "imitation", "eval", "--json", dir)
	var rep struct{ TP, FP, FN, TN int }
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.TP != 2 || rep.FP != 1 || rep.FN != 1 || rep.TN != 3 {
		t.Errorf("JSON (exit %d): %+v", code, rep)
	}
}

func TestImitationEvalBadInput(t *testing.T) {
	for _, tc := range []struct{ name, labels, want string }{
		{"bad label", `{"file":"pages/news.html","url":"https://a.example/","label":"maybe"}`, `label "maybe"`},
		{"outside the directory", `{"file":"../x.html","url":"https://a.example/","label":"imitation"}`, "is not a path inside"},
		{"missing file", `{"file":"pages/none.html","url":"https://a.example/","label":"imitation"}`, "pages/none.html"},
		{"not JSON", `{"file":`, "line 1"},
		{"unknown key", `{"file":"pages/news.html","url":"https://a.example/","label":"imitation","x":1}`, "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyFixture(t)
			writeFile(t, dir, "labels.jsonl", tc.labels+"\n")
			code, _, errOut := runCLI(t, "", "--lang", "zh", "imitation", "eval", dir)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
	if code, _, _ := runCLI(t, "", "--lang", "zh", "imitation", "eval", t.TempDir()); code != 2 {
		t.Errorf("a directory without labels: exit %d, want 2", code)
	}
}

// copyFixture copies the fixture into a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(imitationFixture, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(imitationFixture, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestImitationEvalRender renders the fixture's pages and references in
// Chromium: the copy of cx.mem.gov.cn then has a screenshot reason, and
// the figures stay.
func TestImitationEvalRender(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	code, out, errOut := runCLI(t, "", "--lang", "zh", "imitation", "eval", "--render", "--json", imitationFixture)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		TP, FP, FN, TN, Rendered int
		Outcomes                 []struct {
			File   string `json:"file"`
			Result struct {
				Reasons []struct{ Text string } `json:"reasons"`
			} `json:"result"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Rendered != 7 || rep.TP != 3 || rep.TN != 4 {
		t.Errorf("rendered %d, TP %d TN %d", rep.Rendered, rep.TP, rep.TN)
	}
	found := false
	for _, o := range rep.Outcomes {
		for _, r := range o.Result.Reasons {
			if o.File == "pages/copy-cx.html" && strings.HasPrefix(r.Text, "截图与官方页面相近") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the rendered copy has no screenshot reason: %+v", rep.Outcomes)
	}
}

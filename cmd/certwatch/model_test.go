package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/store"
)

// labelledFile writes n records per class drawn from phrase lists.
func labelledFile(t *testing.T, dir, name string, seed uint64, n int, split string) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	cert := func() string { return pick("电工证", "焊工证", "叉车证", "安全员证") }
	var b strings.Builder
	add := func(label, text string) {
		fmt.Fprintf(&b, `{"text": %q, "label": %q, "split": %q}`+"\n", text, label, split)
	}
	for range n {
		add("cert_sale", pick("专业办理", "快速出证")+cert()+"，"+pick("免考", "不用考试")+"，"+pick("官网可查", "可查可验")+"，微信"+fmt.Sprint(r.IntN(1e8)))
		add("exam_fraud", cert()+"考试"+pick("代考", "替考")+"，"+pick("提供答案", "包过")+" QQ"+fmt.Sprint(r.IntN(1e8)))
		add("clean", pick("警方破获", "法院审理")+"制售假"+cert()+"案，"+pick("提醒市民", "请群众")+"通过官方平台查询。")
		add("clean_training", "本校"+cert()+"培训班"+pick("开课", "报名")+"，考试合格后发证。")
	}
	return writeFile(t, dir, name, b.String())
}

func TestModelTrainTestShowActivate(t *testing.T) {
	dir := t.TempDir()
	train := labelledFile(t, dir, "train.jsonl", 1, 20, "train")
	dev := labelledFile(t, dir, "dev.jsonl", 2, 5, "dev")
	m1, m2 := filepath.Join(dir, "m1.cwm"), filepath.Join(dir, "m2.cwm")
	args := []string{"model", "train", "--data", train, "--created", "2026-12-02T00:00:00Z", "--name", "dept", "--min-df", "1"}
	code, out, errOut := runCLI(t, "", append(args, "-o", m1, "--dev", dev)...)
	if code != 0 {
		t.Fatalf("model train: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"total", "20", "model  dept@2026-12-02+", "training time", "dev set", "A  model dept@2026-12-02+", "cert_sale", "precision"} {
		if !strings.Contains(out, want) {
			t.Errorf("model train output lacks %q:\n%s", want, out)
		}
	}
	if code, out, errOut := runCLI(t, "", append(args, "-o", m2, "--workers", "1")...); code != 0 {
		t.Fatalf("model train again: exit %d\n%s%s", code, out, errOut)
	}
	b1, _ := os.ReadFile(m1)
	b2, _ := os.ReadFile(m2)
	if len(b1) == 0 || string(b1) != string(b2) {
		t.Error("the same data and options gave different model files")
	}
	version := regexp.MustCompile(`dept@2026-12-02\+[0-9a-f]{12}`).FindString(out)

	code, out, errOut = runCLI(t, "", "--lang", "zh", "model", "test", m1, dev, "--against", "default")
	if code != 0 || !strings.Contains(out, version) || !strings.Contains(out, "certwatch-default@") ||
		!strings.Contains(out, "cert_sale 制售、买卖假证") || !strings.Contains(out, "评测 20 条") {
		t.Errorf("model test: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "--lang", "zh", "model", "show", m1, "--top", "5")
	if code != 0 || !strings.Contains(out, "版本      "+version) || !strings.Contains(out, "考试作弊、代考 exam_fraud:") ||
		!strings.Contains(out, "certwatch-model/1") {
		t.Errorf("model show: exit %d\n%s%s", code, out, errOut)
	}
	bad := writeFile(t, dir, "bad.cwm", string(b1[:len(b1)-10]))
	if code, _, errOut := runCLI(t, "", "model", "show", bad); code != 1 || !strings.Contains(errOut, "truncated") || !strings.Contains(errOut, version) {
		t.Errorf("model show on a truncated file: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "model", "train", "--data", train, "--split", "test", "-o", m2); code != 2 || !strings.Contains(errOut, "test split") {
		t.Errorf("training on the test split: exit %d\n%s", code, errOut)
	}

	// Activation is recorded in the database and the audit log.
	cfg := writeFile(t, dir, "c.yaml", "database: c.db\nsources:\n  - {id: s, type: urls, urls: [\"http://127.0.0.1:9/x\"]}\n")
	code, out, errOut = runCLI(t, "", "model", "activate", m1, "--config", cfg)
	if code != 0 || !strings.Contains(out, "activated "+version) {
		t.Fatalf("model activate: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "model", "activate", m1, "--config", cfg); code != 1 || !strings.Contains(errOut, "already active") {
		t.Errorf("activating the active model again: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "model", "activate", bad, "--config", cfg); code != 1 || !strings.Contains(errOut, "truncated") {
		t.Errorf("activating a truncated model: exit %d\n%s", code, errOut)
	}
	code, out, errOut = runCLI(t, "", "--lang", "zh", "model", "history", "--config", cfg)
	if code != 0 || !strings.Contains(out, version) || !strings.Contains(out, "（在用）") || strings.Contains(out, "active") {
		t.Errorf("model history: exit %d\n%s%s", code, out, errOut)
	}
	// Training may add the reviewers' decisions (none yet).
	code, out, errOut = runCLI(t, "", append([]string{"--lang", "zh"}, append(args, "-o", m2, "--from-store", "--config", cfg)...)...)
	if code != 0 || !strings.Contains(out, "数据库：0 条线索") {
		t.Errorf("model train --from-store: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "", "--lang", "zh", "model", "deactivate", "--config", cfg); code != 0 || !strings.Contains(out, "内置默认模型") {
		t.Errorf("model deactivate: exit %d\n%s%s", code, out, errOut)
	}
	st, err := store.Open(filepath.Join(dir, "c.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, _ := st.AuditEntries(store.AuditFilter{ActionPrefix: "model."})
	if len(es) != 2 || es[1].Action != "model.activate" || es[1].Object != "model:"+version || !strings.HasPrefix(es[1].Actor, "cli") ||
		es[0].Action != "model.deactivate" {
		t.Errorf("model audit entries: %+v", es)
	}
}

func TestModelActivateWhileServing(t *testing.T) {
	dir := t.TempDir()
	train := labelledFile(t, dir, "train.jsonl", 1, 10, "train")
	m := filepath.Join(dir, "m.cwm")
	if code, out, errOut := runCLI(t, "", "model", "train", "--data", train, "--min-df", "1", "-o", m); code != 0 {
		t.Fatalf("model train: exit %d\n%s%s", code, out, errOut)
	}
	cfg := writeFile(t, dir, "c.yaml", "database: c.db\nschedule: {sweep: \"\", backup: \"\"}\nsources:\n  - {id: s, type: urls, urls: [\"http://127.0.0.1:9/x\"]}\n")
	out, errOut, done, stop := startStoppableCLI(t, "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	u := waitFor(t, out, errOut, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 30*time.Second)
	code, aout, aerr := runCLI(t, "", "model", "activate", m, "--config", cfg)
	if code != 0 || !strings.Contains(aout, "through the running server ("+u[1]+")") {
		t.Fatalf("model activate while serving: exit %d\n%s%s", code, aout, aerr)
	}
	if code, _, aerr := runCLI(t, "", "model", "activate", m, "--config", cfg); code != 1 || !strings.Contains(aerr, "already active") {
		t.Errorf("activating the active model again while serving: exit %d\n%s", code, aerr)
	}
	if code, aout, aerr := runCLI(t, "", "model", "deactivate", "--config", cfg); code != 0 || !strings.Contains(aout, "through the running server") {
		t.Errorf("model deactivate while serving: exit %d\n%s%s", code, aout, aerr)
	}
	if code, aout, aerr := runCLI(t, "", "model", "channel", "cert_sale", "off", "--config", cfg); code != 0 || !strings.Contains(aout, "through") && !strings.Contains(aout, "运行中的服务") {
		t.Errorf("model channel while serving: exit %d\n%s%s", code, aout, aerr)
	}
	stop()
	st, err := store.Open(filepath.Join(dir, "c.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if chs, err := st.ModelChannels(); err != nil || len(chs) != 1 || chs[0].Category != "cert_sale" || chs[0].On {
		t.Errorf("channels after serving: %+v, %v", chs, err)
	}
	h, _ := st.ModelHistory()
	if len(h) != 2 || h[0].Deactivated || !h[1].Deactivated {
		t.Errorf("model history after serving: %+v", h)
	}
}

func TestModelChannelCommand(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "c.yaml", "database: c.db\nsources:\n  - {id: s, type: urls, urls: [\"http://127.0.0.1:9/x\"]}\n")
	if code, out, errOut := runCLI(t, "", "--lang", "zh", "model", "channel", "exam_fraud", "off", "--config", cfg); code != 0 || !strings.Contains(out, "已关闭模型通道 考试作弊、代考 exam_fraud") {
		t.Fatalf("model channel off: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "model", "channel", "exam_fraud", "off", "--config", cfg); code != 1 || !strings.Contains(errOut, "already off") {
		t.Errorf("switching off twice: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "model", "channel", "no_such", "off", "--config", cfg); code != 2 || !strings.Contains(errOut, "unknown category") {
		t.Errorf("unknown category: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "model", "channel", "exam_fraud", "maybe", "--config", cfg); code == 0 || !strings.Contains(errOut, "want on or off") {
		t.Errorf("bad state: exit %d\n%s", code, errOut)
	}
	code, out, errOut := runCLI(t, "", "--lang", "zh", "model", "channel", "--config", cfg)
	if code != 0 || !regexp.MustCompile(`考试作弊、代考 exam_fraud\s+关闭\s+cli`).MatchString(out) ||
		!regexp.MustCompile(`制售、买卖假证 cert_sale\s+开启\s+—`).MatchString(out) {
		t.Errorf("model channel list: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "", "model", "channel", "all", "on", "--config", cfg); code != 0 || strings.Count(out, "switched the model channel on for") != 4 {
		t.Errorf("model channel all on: exit %d\n%s%s", code, out, errOut)
	}
	st, err := store.Open(filepath.Join(dir, "c.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, _ := st.AuditEntries(store.AuditFilter{ActionPrefix: "model.channel"})
	if len(es) != 5 || es[4].Object != "category:exam_fraud" || !strings.Contains(es[4].Detail, "off") || !strings.HasPrefix(es[4].Actor, "cli") {
		t.Errorf("audit entries: %+v", es)
	}
}

func TestScanShowsTheModel(t *testing.T) {
	in := `{"url":"http://bbs.example/1","text":"高压电工证 低压电工证 焊工证 登高证 全国通用 需要的联系"}` + "\n"
	code, out, errOut := runCLI(t, in, "scan", "--format", "jsonl", "-")
	var f struct {
		Flagged  bool
		Channel  string
		Category string
		Model    *struct {
			Probability float64
			NGrams      []struct{ Text string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &f) != nil || !f.Flagged || f.Channel != "model" || f.Category != "cert_sale" ||
		f.Model == nil || f.Model.Probability < 0.7 || len(f.Model.NGrams) == 0 {
		t.Fatalf("scan: exit %d %+v\n%s%s", code, f, out, errOut)
	}
	code, out, errOut = runCLI(t, in, "scan", "--format", "jsonl", "--model", "none", "-")
	if code != 0 || strings.Contains(out, `"flagged":true`) || strings.Contains(out, `"model"`) {
		t.Errorf("scan --model none: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, in, "scan", "--format", "text", "-")
	// A cert_sale verdict: the category's bar (detect.DefaultCategoryBars), else the bar;
	// the probability may print as 1.00 (round 12's model gives the text 0.995).
	b, ok := detect.DefaultCategoryBars["cert_sale"]
	if !ok {
		b = detect.DefaultBar
	}
	bar := regexp.QuoteMeta(fmt.Sprintf("(bar %.2f)", b))
	if code != 0 || !regexp.MustCompile(`channel: model; model: p=[01]\.\d\d `+bar).MatchString(out) {
		t.Errorf("scan text: exit %d\n%s%s", code, out, errOut)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/internal/bidi"
	"github.com/certwatch/certwatch/store"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type record struct {
	URL      string            `json:"url"`
	Flagged  bool              `json:"flagged"`
	Score    float64           `json:"score"`
	Category string            `json:"category"`
	Rules    []json.RawMessage `json:"rules"`
	Matches  []json.RawMessage `json:"matches"`
	Contacts []struct {
		Kind, Value string
	} `json:"contacts"`
	Reasons []string `json:"reasons"`
	Source  string   `json:"source"`
}

func decodeRecords(t *testing.T, out string) []record {
	t.Helper()
	var recs []record
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestScanJSONLKeepsGoingAfterBadLine(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "pages.jsonl", strings.Join([]string{
		`{"url": "https://seller.example/1", "text": "电工证 免考包过 直接拿证，加微信 zheng8888"}`,
		`{"url": "https://broken.example/", "text": "unterminated`,
		`{"url": "https://news.example/2", "html": "<title>路口交通</title><p>前方路口交通拥堵，请绕行。</p>"}`,
	}, "\n"))
	code, out, errOut := runCLI(t, "", "scan", "--format", "jsonl", f)
	if code != 1 {
		t.Errorf("exit %d, want 1 for bad input", code)
	}
	if !strings.Contains(errOut, "pages.jsonl:2") {
		t.Errorf("stderr does not name the bad line: %q", errOut)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2: %s", len(recs), out)
	}
	if !recs[0].Flagged || recs[0].Category != "cert_sale" || len(recs[0].Contacts) == 0 || len(recs[0].Reasons) == 0 || len(recs[0].Matches) == 0 {
		t.Errorf("first page: %+v", recs[0])
	}
	if recs[1].Flagged {
		t.Errorf("traffic news flagged: %+v", recs[1])
	}
	if recs[0].Source != f+":1" || recs[1].Source != f+":3" {
		t.Errorf("sources %q %q", recs[0].Source, recs[1].Source)
	}
}

func TestScanStdinAndMissingFile(t *testing.T) {
	in := `{"url": "https://a.example/", "text": "焊工证 不用考试 官网可查 V信 hg_2024"}` + "\n"
	code, out, errOut := runCLI(t, in, "scan", "--format", "jsonl", "/nonexistent/x.html", "-")
	if code != 1 || !strings.Contains(errOut, "/nonexistent/x.html") {
		t.Errorf("exit %d stderr %q", code, errOut)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 1 || !recs[0].Flagged || recs[0].Source != "stdin:1" {
		t.Fatalf("records %+v", recs)
	}
}

func TestScanHTMLFileAndDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.html", `<html><head><title>仿冒</title></head><body><p>高处作业证 免考 人不用到场 电话 一三八一二三四五六七八</p></body></html>`)
	writeFile(t, dir, "b.txt", "今天天气很好，适合去公园散步。")
	writeFile(t, dir, "ignored.png", "not a page")
	code, out, errOut := runCLI(t, "", "scan", "--format", "jsonl", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 2 || !recs[0].Flagged || recs[1].Flagged {
		t.Fatalf("records %+v", recs)
	}
	found := false
	for _, c := range recs[0].Contacts {
		found = found || (c.Kind == "phone" && c.Value == "13812345678")
	}
	if !found {
		t.Errorf("phone in Chinese numerals not decoded: %+v", recs[0].Contacts)
	}
}

// warcRecord builds one uncompressed WARC response record by hand.
func warcRecord(id int, uri, html string) string {
	http := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + fmt.Sprint(len(html)) + "\r\n\r\n" + html
	return "WARC/1.1\r\n" +
		"WARC-Type: response\r\n" +
		fmt.Sprintf("WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", id) +
		"WARC-Date: 2024-09-01T08:00:00Z\r\n" +
		"WARC-Target-URI: " + uri + "\r\n" +
		"Content-Type: application/http; msgtype=response\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n\r\n", len(http)) + http + "\r\n\r\n"
}

func TestScanWARC(t *testing.T) {
	dir := t.TempDir()
	w := warcRecord(1, "https://seller.example/p", "<title>叉车证</title><p>叉车证 免考 直接拿证 终身可查 微信 chache666</p>") +
		warcRecord(2, "https://news.example/n", "<title>新闻</title><p>市民公园新增健身步道。</p>")
	f := writeFile(t, dir, "crawl.warc", w)
	code, out, errOut := runCLI(t, "", "scan", "--format", "jsonl", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 2 || recs[0].URL != "https://seller.example/p" || !recs[0].Flagged || recs[1].Flagged {
		t.Fatalf("records %+v", recs)
	}
	// A garbled record after a good one: reported with its position, the
	// good one still scanned, exit status 1.
	bad := writeFile(t, dir, "bad.warc", warcRecord(3, "https://seller.example/q", "<p>焊工证 免考 包过 加微信 hangong88</p>")+"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: zz\r\n\r\ngarbage")
	code, out, errOut = runCLI(t, "", "scan", "--format", "jsonl", bad)
	if code != 1 || !strings.Contains(errOut, "bad.warc") {
		t.Errorf("exit %d stderr %q", code, errOut)
	}
	if recs := decodeRecords(t, out); len(recs) != 1 || !recs[0].Flagged {
		t.Errorf("records %+v", recs)
	}
}

func TestScanTextFormatEscapesControlCharacters(t *testing.T) {
	in := `{"url": "https://x.example/\u001b[2J", "html": "<title>\u001b]0;pwned\u0007电工证 免考</title><p>电工证 免考 包过 直接拿证 加微信 abc12345 \u001b[31m</p>"}` + "\n"
	code, out, errOut := runCLI(t, in, "scan", "--format", "text", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) {
		t.Errorf("raw control characters reached the output: %q", out)
	}
	if !strings.Contains(out, "FLAGGED") || !strings.Contains(out, "«") {
		t.Errorf("no flagged block with highlights: %s", out)
	}
}

func TestRulesCheck(t *testing.T) {
	code, out, _ := runCLI(t, "", "rules", "check")
	if code != 0 || !strings.Contains(out, "default@") || !strings.Contains(out, "imitation_site") {
		t.Errorf("embedded pack: exit %d\n%s", code, out)
	}
	for _, want := range []string{"near clauses", "families", "offer_verb", "short texts", "contact bonus", "genres", "qa_debunk ×0.3"} {
		if !strings.Contains(out, want) {
			t.Errorf("embedded pack: the summary lacks %q (the offer grammar):\n%s", want, out)
		}
	}
	dir := t.TempDir()
	bad := writeFile(t, dir, "dept.yaml", `name: dept
issuer: 区应急管理局
version: "1"
threshold: 5
categories: {cert_sale: 买卖假证}
rules:
  - id: a
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 办证, weight: lots}
`)
	code, _, errOut := runCLI(t, "", "rules", "check", bad)
	if code != 1 || !strings.Contains(errOut, bad+":13: rules[0].terms[0].weight:") {
		t.Errorf("broken pack: exit %d stderr %q", code, errOut)
	}
}

func TestScanWithAnotherPack(t *testing.T) {
	dir := t.TempDir()
	pack := writeFile(t, dir, "p.yaml", `name: tiny
issuer: test
version: "1"
threshold: 2
categories: {cert_sale: 买卖假证}
rules:
  - id: only-banzheng
    category: cert_sale
    description: d
    legal_basis: l
    route: takedown_cac
    terms:
      - {term: 办证, weight: 3}
`)
	in := `{"url": "https://a.example/", "text": "专业办证"}` + "\n" + `{"url": "https://b.example/", "text": "电工证 免考 包过 加微信 abc12345"}` + "\n"
	code, out, errOut := runCLI(t, in, "scan", "--rules", pack, "--format", "jsonl", "-")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 2 || !recs[0].Flagged || recs[1].Flagged {
		t.Fatalf("with the tiny pack: %+v", recs)
	}
	if !strings.Contains(string(recs[0].Rules[0]), "tiny@1+") {
		t.Errorf("finding does not record the pack version: %s", recs[0].Rules[0])
	}
}

func TestDemoSweepsTheSampleWeb(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "", "demo", "--dir", dir, "--serve=false")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	// Issue 14: imitation sites found only through a QR code, only
	// through a lookalike domain, only through search results and only
	// through the sample CT log.
	for _, want := range []string{"✓ via QR code: case", "http://zscx-mem.example/", "✓ via lookalike domain: case", "http://cx-mem-gov.cn/",
		"✓ via search results: case", "http://mem-zscx.example/",
		"✓ via CT log: case", "http://yingji-zscx.top/", "证书透明度日志 http://ct-log.example 第 2 条：yingji-zscx.top"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	// Issue 13 defect 5: every imitation case has its page's screenshot
	// (the sample web's sources fetch them statically) and the official
	// page's beside it.
	if want := "5 imitation cases: 5 with the page's screenshot, 5 with the official page's"; !strings.Contains(out, want) {
		i := strings.Index(out, "imitation verdict")
		t.Errorf("demo output lacks %q:\n%s", want, out[max(i, 0):])
	}
	for _, want := range []string{"refused by robots.txt", "imitation_site", "cases:", "http://cx-mem-gov.example/"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	cfg := filepath.Join(dir, "demo.yaml")
	code, out, errOut = runCLI(t, "", "cases", "list", "--config", cfg, "--format", "json")
	if code != 0 || !strings.Contains(out, `"Category": "imitation_site"`) && !strings.Contains(out, `"category": "imitation_site"`) {
		t.Fatalf("cases list: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "cases", "show", "1", "--config", cfg)
	if code != 0 || !strings.Contains(out, "snapshots:") || !strings.Contains(out, "sha256") {
		t.Fatalf("cases show: exit %d\n%s\n%s", code, out, errOut)
	}
	exp := filepath.Join(t.TempDir(), "evidence")
	code, out, errOut = runCLI(t, "", "evidence", "export", "1", exp, "--config", cfg)
	if code != 0 {
		t.Fatalf("evidence export: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, f := range []string{"manifest.json", "SHA256SUMS"} {
		if _, err := os.Stat(filepath.Join(exp, f)); err != nil {
			t.Errorf("export lacks %s", f)
		}
	}
}

// A page over scan's 32 MiB limit is scanned as far as the limit, not
// refused: the offer in its first megabyte is flagged and the output says
// which bytes were scanned.
func TestScanTruncatesPageOverLimit(t *testing.T) {
	dir := t.TempDir()
	offer := `<html><head><title>电工证</title></head><body><p>电工证 免考 包过 直接拿证 加微信 abc12345</p>`
	var b strings.Builder
	b.WriteString(offer)
	// The rest is one long comment (cheap to tokenize, even with -race),
	// then markup the scan never reaches.
	b.WriteString("<!--")
	b.WriteString(strings.Repeat("x", 33<<20-b.Len()))
	b.WriteString("--><p>末尾</p></body></html>")
	size := b.Len()
	big := writeFile(t, dir, "big.html", b.String())
	small := writeFile(t, dir, "small.html", offer)

	code, out, errOut := runCLI(t, "", "scan", "--format", "jsonl", big, small)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type truncRecord struct {
		Source       string `json:"source"`
		Flagged      bool   `json:"flagged"`
		Truncated    bool   `json:"truncated"`
		ScannedBytes int    `json:"scanned_bytes"`
		TotalBytes   int64  `json:"total_bytes"`
		Note         string `json:"note"`
	}
	var recs []truncRecord
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec truncRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("output line is not JSON: %v", err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records: %.500s", len(recs), out)
	}
	r := recs[0]
	if r.Source != big || !r.Flagged || !r.Truncated || r.ScannedBytes != 32<<20 || r.TotalBytes != int64(size) {
		t.Errorf("big page: %+v", r)
	}
	if want := fmt.Sprintf("只扫描了第 0–%d 字节", 32<<20-1); !strings.Contains(r.Note, "已截断") || !strings.Contains(r.Note, want) ||
		!strings.Contains(r.Note, fmt.Sprint(size)) {
		t.Errorf("note %q", r.Note)
	}
	if s := recs[1]; !s.Flagged || s.Truncated || s.Note != "" || strings.Contains(out[strings.Index(out, "\n"):], "truncated") {
		t.Errorf("small page: %+v", s)
	}

	code, out, errOut = runCLI(t, "", "scan", "--format", "text", big)
	if code != 0 || !strings.Contains(out, "FLAGGED") || !strings.Contains(out, "已截断") || !strings.Contains(out, "1 truncated") {
		t.Errorf("text output (exit %d, %s):\n%s", code, errOut, out)
	}
}

// `cases list` and `cases show` print a crawled title and URL with U+202E
// and other bidirectional controls as visible markers, never raw.
func TestCasesOutputNeutralisesBidiControls(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "c.yaml", "database: cw.db\nsources:\n  - id: tips\n    type: urls\n    urls: [\"https://a.example/\"]\n")
	st, err := store.Open(filepath.Join(dir, "cw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: "k", URL: "https://b.example/\u202Eitem\u200F", SourceID: "tips",
		Title: "办证\u202Egnp.exe\u2066证书\u2069\u061C", Status: 200, Body: []byte("x"), Score: 9, Category: "cert_sale", Flagged: true,
		Finding: []byte(`{"reasons":["规则\u202E理由"]}`)}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"cases", "list"}, {"cases", "show", "1"}} {
		code, out, errOut := runCLI(t, "", append(args, "--config", cfg)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if i := strings.IndexFunc(out, bidi.IsControl); i >= 0 {
			t.Errorf("%v: raw bidirectional control in %q", args, out)
		}
		if !strings.Contains(out, "⟨U+202E⟩") {
			t.Errorf("%v: the override is not shown as ⟨U+202E⟩:\n%s", args, out)
		}
	}
}

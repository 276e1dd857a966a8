package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/smtptest"
	"github.com/certwatch/certwatch/store"
)

// tuningPack is a one-rule pack: version 1 counts 办证 and 免考, version 2
// drops 办证 and adds 包过.
func tuningPack(version string, terms ...string) string {
	return tuningPackNamed(version, "买卖假证", terms...)
}

// tuningPackNamed is tuningPack with another display name for cert_sale.
func tuningPackNamed(version, category string, terms ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name: dept\nissuer: 测试局\nversion: %q\nthreshold: 5\ncategories: {cert_sale: %s}\n", version, category)
	b.WriteString("rules:\n  - id: sale\n    category: cert_sale\n    description: 证书买卖\n    legal_basis: 测试\n    route: takedown_cac\n    terms:\n")
	for _, t := range terms {
		fmt.Fprintf(&b, "      - {term: %s, weight: 5}\n", t)
	}
	return b.String()
}

// sellerSite serves three offers: /a (免考 包过: both versions flag it),
// /b (办证: only version 1) and /c (包过: only version 2).
func sellerSite(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/a": "电工证 免考 包过，联系微信",
		"/b": "专业 办证，各类证件",
		"/c": "焊工证 包过，直接拿证",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		text, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>证件办理</title></head><body><p>%s</p></body></html>", text)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func caseAt(t *testing.T, st *store.Store, url string) *store.Case {
	t.Helper()
	c, err := st.CaseByKey(store.CanonicalURL(url))
	if err != nil {
		t.Fatalf("case for %s: %v", url, err)
	}
	return c
}

func TestRulesTestActivateAndSweep(t *testing.T) {
	srv := sellerSite(t)
	dir := t.TempDir()
	writeFile(t, dir, "v1.yaml", tuningPack("1", "办证", "免考"))
	v2 := writeFile(t, dir, "v2.yaml", tuningPack("2", "免考", "包过"))
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`database: c.db
rules: [v1.yaml]
allow_internal: [127.0.0.1/32]
limits: {per_host_delay: 0s, retries: 0}
sources:
  - {id: shop, type: urls, urls: ["%[1]s/a", "%[1]s/b", "%[1]s/c"]}
`, srv.URL))
	db := filepath.Join(dir, "c.db")

	// A sweep with the configuration's pack (version 1) finds /a and /b;
	// a reviewer confirms /a and dismisses /b as a false positive.
	if code, out, errOut := runCLI(t, "", "sweep", "--config", cfg); code != 0 {
		t.Fatalf("first sweep: exit %d\n%s%s", code, out, errOut)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CaseByKey(store.CanonicalURL(srv.URL + "/c")); err == nil {
		t.Fatal("version 1 flagged /c")
	}
	a, b := caseAt(t, st, srv.URL+"/a"), caseAt(t, st, srv.URL+"/b")
	for _, d := range []store.Decision{
		{CaseID: a.ID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台", By: "reviewer"},
		{CaseID: b.ID, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "reviewer"},
	} {
		if _, _, err := st.Decide(d); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	code, out, errOut := runCLI(t, "", "rules", "test", v2, "--config", cfg)
	if code != 0 {
		t.Fatalf("rules test: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`current +dept@1\+\w{12} \(.*v1\.yaml\)\n +from the configuration's rules`),
		regexp.MustCompile(`re-scored +2 of 2 stored cases`),
		regexp.MustCompile(`1 positive \(confirmed\), 1 negative \(dismissed: false positive\), 0 excluded .*, 0 unlabelled`),
		regexp.MustCompile(`precision +50\.0% +100\.0%`),
		regexp.MustCompile(`added \(.*\): 0\n`),
		regexp.MustCompile(`dropped \(.*\): 1\n.*\n +` + fmt.Sprint(b.ID) + ` +negative +dismissed +5 → 0 +sale +` + regexp.QuoteMeta(srv.URL+"/b") + ` +证件办理`),
		regexp.MustCompile(`sale +cert_sale +2 +1 +1 +50\.0% +→ +1 +1 +0 +100\.0%\n`),
		regexp.MustCompile(`cannot\nfind new pages the candidate would flag`),
	} {
		if !want.MatchString(out) {
			t.Errorf("rules test output lacks %s:\n%s", want, out)
		}
	}
	// The same comparison in Chinese: labels and statuses by name.
	code, out, errOut = runCLI(t, "", "--lang", "zh", "rules", "test", v2, "--config", cfg)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`重新打分 +已存的 2 件案件中的 2 件`),
		regexp.MustCompile(`精确率 +50\.0% +100\.0%`),
		regexp.MustCompile(`去掉（.*）：1\n.*\n +` + fmt.Sprint(b.ID) + ` +\S+ +已排除 +5 → 0 +sale`),
	} {
		if code != 0 || !want.MatchString(out) {
			t.Errorf("rules test in Chinese: exit %d, output lacks %s:\n%s%s", code, want, out, errOut)
		}
	}
	if strings.Contains(out, "re-scored") || strings.Contains(out, "precision") || strings.Contains(out, "dismissed") {
		t.Errorf("rules test in Chinese has English:\n%s", out)
	}
	code, out, errOut = runCLI(t, "", "rules", "test", v2, "--config", cfg, "--format", "json")
	var rep struct {
		DroppedCount int `json:"dropped_count"`
		Dropped      []struct {
			CaseID uint64 `json:"case_id"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || rep.DroppedCount != 1 || rep.Dropped[0].CaseID != b.ID {
		t.Errorf("rules test --format json: exit %d %v\n%s%s", code, err, out, errOut)
	}

	// Activation is refused while another process holds the database.
	holder, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", "rules", "activate", v2, "--config", cfg)
	holder.Close()
	if code != 1 || !strings.Contains(errOut, "is in use by pid") {
		t.Errorf("activate while the database is held: exit %d\n%s", code, errOut)
	}

	code, out, errOut = runCLI(t, "", "rules", "activate", v2, "--config", cfg)
	if code != 0 || !strings.Contains(out, "dropped (the current packs flag them, the candidate does not): 1") ||
		!regexp.MustCompile(`activated dept@2\+\w{12} \(was: dept@1\+\w{12}\)`).MatchString(out) {
		t.Fatalf("rules activate: exit %d\n%s%s", code, out, errOut)
	}
	version := regexp.MustCompile(`activated (dept@2\+\w{12})`).FindStringSubmatch(out)[1]
	if code, _, errOut := runCLI(t, "", "rules", "activate", v2, "--config", cfg); code != 1 || !strings.Contains(errOut, "is already active") {
		t.Errorf("activating the active pack again: exit %d\n%s", code, errOut)
	}
	code, out, _ = runCLI(t, "", "rules", "history", "--config", cfg)
	if code != 0 || !regexp.MustCompile(`(?m)^1 .* `+regexp.QuoteMeta(version)+` .*v2\.yaml +\(active\)$`).MatchString(out) {
		t.Errorf("rules history: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "rules", "test", v2, "--config", cfg)
	if code != 0 || !strings.Contains(out, "from active in the database: activation #1") || !strings.Contains(out, "dropped (the current packs flag them, the candidate does not): 0") {
		t.Errorf("rules test against the active pack: exit %d\n%s", code, out)
	}

	// The next sweep uses the active pack over the configuration's: it
	// finds /c, and its findings record the version.
	if code, out, errOut := runCLI(t, "", "sweep", "--config", cfg); code != 0 {
		t.Fatalf("second sweep: exit %d\n%s%s", code, out, errOut)
	}
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, path := range []string{"/a", "/c"} {
		c := caseAt(t, st, srv.URL+path)
		var f struct {
			Rules []struct{ ID, Pack string }
		}
		if err := json.Unmarshal(c.Finding, &f); err != nil || len(f.Rules) == 0 || f.Rules[0].Pack != version {
			t.Errorf("case %s: finding %s does not record %s", path, c.Finding, version)
		}
	}
	sw, err := st.Sweep(2)
	if err != nil || len(sw.Packs) != 1 || sw.Packs[0] != version {
		t.Errorf("second sweep %+v (%v): packs should be [%s]", sw, err, version)
	}
	entries, err := st.AuditEntries(store.AuditFilter{ActionPrefix: "rules."})
	if err != nil || len(entries) != 1 || entries[0].Action != "rules.activate" || entries[0].Object != "pack:"+version ||
		!strings.HasPrefix(entries[0].Actor, "cli") {
		t.Errorf("audit entries %+v (%v)", entries, err)
	}
}

// TestRulesActivateWhileServing activates a pack while serve owns the
// database: the server records it and the next sweep uses it at once,
// and so does the digest mailed after that sweep (it names categories as
// the new pack does: before the one holder of the rules in force, digests
// kept the old pack's names).
func TestRulesActivateWhileServing(t *testing.T) {
	srv := sellerSite(t)
	mailbox := smtptest.Start(t)
	dir := t.TempDir()
	writeFile(t, dir, "v1.yaml", tuningPack("1", "办证", "免考"))
	v2 := writeFile(t, dir, "v2.yaml", tuningPackNamed("2", "假证买卖第二版", "免考", "包过"))
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`database: c.db
rules: [v1.yaml]
allow_internal: [127.0.0.1/32]
limits: {per_host_delay: 0s, retries: 0}
schedule: {sweep: "", backup: ""}
notify:
  email: {smtp: "127.0.0.1:%[2]d", from: certwatch@example.gov.cn, to: [wxb@example.gov.cn], tls: none}
sources:
  - {id: shop, type: urls, urls: ["%[1]s/a", "%[1]s/b", "%[1]s/c"]}
`, srv.URL, mailbox.Port))
	out, errOut, done, stop := startStoppableCLI(t, "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	m := waitFor(t, out, errOut, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 30*time.Second)
	code, aout, aerr := runCLI(t, "", "rules", "activate", v2, "--config", cfg)
	if code != 0 || !strings.Contains(aout, "through the running server ("+m[1]+")") || !strings.Contains(aout, "dept@2+") {
		t.Fatalf("rules activate while serving: exit %d\n%s%s", code, aout, aerr)
	}
	if code, _, aerr := runCLI(t, "", "rules", "activate", v2, "--config", cfg); code != 1 || !strings.Contains(aerr, "already active") {
		t.Errorf("activating the active pack again: exit %d\n%s", code, aerr)
	}
	// A sweep started through the server uses version 2: it flags /c.
	db := filepath.Join(dir, "c.db")
	url, token, ok := serverFor(db, lockedErr(t, db))
	if !ok {
		t.Fatal("no running server found for the database")
	}
	if err := callServer(url, token, "POST", "/control/sweep", nil, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var st controlStatus
		if err := callServer(url, token, "GET", "/control/status", nil, &st); err != nil {
			t.Fatal(err)
		}
		if !st.SweepRunning {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the sweep did not finish")
		}
		time.Sleep(50 * time.Millisecond)
	}
	mail := mailbox.Wait(t)
	if !strings.Contains(mail.Body, "假证买卖第二版") || strings.Contains(mail.Body, "买卖假证") {
		t.Errorf("the digest after the activation does not name categories as version 2 does:\n%s", mail.Body)
	}
	time.Sleep(200 * time.Millisecond)
	for _, line := range strings.Split(errOut.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			t.Errorf("server logged an error: %s", line)
		}
	}
	// Stop the server, then read what it recorded.
	stop()
	stDB, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer stDB.Close()
	c := caseAt(t, stDB, srv.URL+"/c")
	if !strings.Contains(string(c.Finding), `"pack":"dept@2+`) {
		t.Errorf("the sweep after the activation did not use version 2: %s", c.Finding)
	}
	es, _ := stDB.AuditEntries(store.AuditFilter{ActionPrefix: "rules.activate"})
	if len(es) != 1 || !strings.HasPrefix(es[0].Actor, "cli") {
		t.Errorf("activation audit entries: %+v", es)
	}
}

func lockedErr(t *testing.T, db string) error {
	t.Helper()
	_, err := store.Open(db, store.Options{ReadOnly: true, LockTimeout: 100 * time.Millisecond})
	if err == nil {
		t.Fatal("the database is not held by the server")
	}
	return err
}

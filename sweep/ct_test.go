package sweep

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/discover/ctlog"
	"github.com/certwatch/certwatch/discover/ctlog/ctlogtest"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// TestSweepCTDiscovery: with discover.ct over four logs on 127.0.0.1 —
// one honest log whose third entry is a certificate for cx-mem-gov.cn
// (the imitation site nothing links to, and no lookalike step runs), one
// answering garbage, one too slow for the request timeout, one that will
// later shrink its tree — the imitation site becomes a case whose first
// reason names the log and the entry; the bad logs are counted and in
// the health, and the sweep goes on. The next sweep reads only the new
// entries from the saved positions and counts the shrunken tree as lying.
func TestSweepCTDiscovery(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	ca := ctlogtest.NewCA(t)
	good, garbage, slow, liar := ctlogtest.NewLog(t), ctlogtest.NewLog(t), ctlogtest.NewLog(t), ctlogtest.NewLog(t)
	good.AddCert(t, ca, false, "shop.example.com", "www.shop.example.com")
	good.AddCert(t, ca, true, "news.example.org")
	good.AddCert(t, ca, false, testbed.HostLookalike)
	good.AddCert(t, ca, false, "mail.example.net")
	garbage.AddCert(t, ca, false, "a.example.com")
	garbage.Set(func(l *ctlogtest.Log) { l.GarbageSTH = true })
	slow.AddCert(t, ca, false, "b.example.com")
	slow.Set(func(l *ctlogtest.Log) { l.Delay = 3 * time.Second })
	liar.AddCert(t, ca, false, "c.example.com")
	liar.AddCert(t, ca, false, "d.example.com")

	dir := t.TempDir()
	disc := fmt.Sprintf("discover:\n  ct:\n    state: ct.json\n    request_timeout: 500ms\n    logs:\n"+
		"      - {url: %q, public_key: %q}\n      - {url: %q}\n      - {url: %q}\n      - {url: %q}\n",
		good.URL(), good.PublicKey(t), garbage.URL(), slow.URL(), liar.URL())
	start := time.Now()
	sum, byURL, st := qrSweep(t, discoverConfig(t, web, dir, disc))
	t.Logf("sweep with discover.ct: %v", time.Since(start))
	c, ok := byURL[store.CanonicalURL(testbed.LookalikeURL())]
	if !ok {
		t.Fatalf("no case for the imitation site only CT names; cases: %v", keys(byURL))
	}
	if c.Category != testbed.CategoryImitationSite {
		t.Errorf("CT case category %s", c.Category)
	}
	f := caseFinding(t, st, c)
	want := fmt.Sprintf("证书透明度日志 %s 第 2 条：%s", good.URL(), testbed.HostLookalike)
	if len(f.Reasons) == 0 || !strings.HasPrefix(f.Reasons[0], want) || !strings.Contains(f.Reasons[0], "cx.mem.gov.cn") {
		t.Errorf("first reason %q, want it to start with %q", f.Reasons, want)
	}
	t.Logf("reason: %s", f.Reasons[0])
	ct := sum.CT
	if ct == nil || ct.Logs != 4 || ct.Entries != 6 || ct.Matches != 1 || ct.Queued != 1 || ct.Garbage < 1 || ct.Timeouts < 1 || ct.Lying != 0 {
		t.Fatalf("CT counts: %+v", ct)
	}
	if ct.Names < 7 {
		t.Errorf("CT names examined: %d", ct.Names)
	}
	t.Logf("CT: %d entries in %v (%.0f entries/s, the slow log's timeout included)", ct.Entries, ct.Elapsed, ct.EntriesPerSecond())
	if c := sum.BySource[CTSource]; c == nil || c.Fetched != 1 || c.Findings != 1 {
		t.Errorf("source %s counts: %+v", CTSource, c)
	}
	if !slices.ContainsFunc(sum.Trouble, func(tr Trouble) bool {
		return tr.Source == CTSource && tr.Kind == TroubleCTFailed && strings.Contains(tr.Detail, garbage.URL()) &&
			strings.Contains(tr.Detail, slow.URL()) && !strings.Contains(tr.Detail, good.URL()+"（")
	}) {
		t.Errorf("no CT trouble naming the garbage and slow logs: %+v", sum.Trouble)
	}
	if _, ok := byURL[store.CanonicalURL(testbed.QROfferURL())]; !ok {
		t.Errorf("the sweep did not go on: no offer case")
	}
	var zh strings.Builder
	sum.PrintChinese(&zh, nil)
	if !strings.Contains(zh.String(), "证书透明度日志发现") || !strings.Contains(zh.String(), "读取的日志条目 6") || !strings.Contains(zh.String(), "请求超时") {
		t.Errorf("Chinese summary lacks the CT line:\n%s", zh.String())
	}
	if !slices.ContainsFunc(sum.Discovery, func(l DiscoveryLine) bool { return l.Name == "证书透明度日志发现" && len(l.Counts) == 11 }) {
		t.Errorf("discovery lines for the UI: %+v", sum.Discovery)
	}
	data, err := os.ReadFile(filepath.Join(dir, "ct.json"))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := ctlog.LoadState(data)
	if err != nil || saved.Logs[good.URL()] == nil || saved.Logs[good.URL()].NextIndex != 4 || saved.Logs[liar.URL()].NextIndex != 2 {
		t.Fatalf("state file: %s, %v", data, err)
	}
	st.Close()

	// Next sweep: one new entry in the honest log, read from the saved
	// position; the liar now claims a smaller tree.
	good.AddCert(t, ca, false, "other.example.com")
	liar.Set(func(l *ctlogtest.Log) { n := uint64(1); l.STHSize = &n })
	sum2, _, _ := qrSweep(t, discoverConfig(t, web, dir, disc))
	if sum2.SeenAgain < 1 || sum2.BySource[CTSource] == nil || sum2.BySource[CTSource].Fetched != 1 {
		t.Errorf("second sweep: the remembered name's page was not checked again: %+v", sum2.BySource[CTSource])
	}
	ct2 := sum2.CT
	// The name matched last time is checked again (its case seen again).
	if ct2 == nil || ct2.Entries != 1 || ct2.Matches != 0 || ct2.Remembered != 1 || ct2.Queued != 1 || ct2.Lying != 1 {
		t.Fatalf("second sweep CT counts: %+v", ct2)
	}
	var shrank bool
	for _, l := range ct2.PerLog {
		if l.Log == good.URL() && (l.From != 4 || l.To != 5) {
			t.Errorf("honest log read %d..%d, want 4..5", l.From, l.To)
		}
		shrank = shrank || (l.Log == liar.URL() && l.Problem == ctlog.KindTreeShrank.Label())
	}
	if !shrank {
		js, _ := json.Marshal(ct2.PerLog)
		t.Errorf("the liar's shrunken tree is not named: %s", js)
	}
}

// TestSweepCTRate measures the CT step of a sweep over one local log of
// 3,000 entries (three names each, one in 20 a precertificate): all are
// read in one sweep, the one lookalike among them queued.
func TestSweepCTRate(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	ca := ctlogtest.NewCA(t)
	log := ctlogtest.NewLog(t)
	const n = 3000
	ts := uint64(time.Now().UnixMilli())
	for i := range n {
		names := []string{fmt.Sprintf("host%d.example%d.com", i, i%97), fmt.Sprintf("www.shop%d.net", i), fmt.Sprintf("api-%d.example.org", i)}
		if i == n/2 {
			names[1] = testbed.HostLookalike
		}
		pre := i%20 == 0
		log.Add(ca.Leaf(t, pre, ca.Issue(t, pre, names...), ts))
	}
	disc := fmt.Sprintf("discover:\n  ct: {max_entries: %d, logs: [{url: %q}]}\n", n, log.URL())
	sum, byURL, _ := qrSweep(t, discoverConfig(t, web, t.TempDir(), disc))
	ct := sum.CT
	if ct == nil || ct.Entries != n || ct.Names != 3*n || ct.Matches != 1 || ct.Queued != 1 || len(ct.problems()) != 0 {
		t.Fatalf("CT counts: %+v", ct)
	}
	if _, ok := byURL[store.CanonicalURL(testbed.LookalikeURL())]; !ok {
		t.Errorf("the lookalike in entry %d did not become a case", n/2)
	}
	t.Logf("CT step in a sweep: %d entries (%d names) in %v: %.0f entries/s", ct.Entries, ct.Names, ct.Elapsed, ct.EntriesPerSecond())
	if ct.EntriesPerSecond() < 300 {
		t.Errorf("CT step read %.0f entries/s", ct.EntriesPerSecond())
	}
}

// TestSweepCTResolve: a log named by host is dialled at its resolve
// override; with resolve_only, a log host not in the overrides is refused
// (nothing leaves the machine), counted, and the other log is read.
func TestSweepCTResolve(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	ca := ctlogtest.NewCA(t)
	log := ctlogtest.NewLog(t)
	log.AddCert(t, ca, false, testbed.HostLookalike)
	// The third log's key is base64 but no key: only that log fails.
	disc := "discover:\n  ct: {logs: [{url: \"http://ctlog.example/\"}, {url: \"http://unlisted-log.example/\"}, {url: \"http://ctlog.example/\", public_key: \"bm90IGEga2V5\"}]}\n"
	cfg := discoverConfig(t, web, t.TempDir(), disc)
	cfg.Resolve["ctlog.example"] = strings.TrimPrefix(log.URL(), "http://")
	sum, byURL, st := qrSweep(t, cfg)
	ct := sum.CT
	if ct == nil || ct.Logs != 3 || ct.Entries != 1 || ct.Queued != 1 || ct.Failed+ct.Garbage+ct.Timeouts != 2 {
		t.Fatalf("CT counts: %+v", ct)
	}
	if p := ct.problems(); len(p) != 2 || !strings.Contains(p[0], "unlisted-log.example") || !strings.Contains(p[1], "ctlog.example") {
		t.Errorf("problems: %q", p)
	}
	if !slices.ContainsFunc(sum.Trouble, func(tr Trouble) bool {
		return tr.Kind == TroubleCTFailed && strings.Contains(tr.Detail, "3 个日志中 2 个读取出错")
	}) {
		t.Errorf("health: %+v", sum.Trouble)
	}
	c, ok := byURL[store.CanonicalURL(testbed.LookalikeURL())]
	if !ok {
		t.Fatal("no case from the log named by host")
	}
	if f := caseFinding(t, st, c); !strings.HasPrefix(f.Reasons[0], "证书透明度日志 http://ctlog.example 第 0 条：") {
		t.Errorf("reason %q", f.Reasons[0])
	}
}

// TestSweepCTNameGoesLive: a name logged before its site is online is
// remembered (discover.ct.names) and its home page checked in the next
// sweeps: the imitation site becomes a case once it is up, with the CT
// reason, though the log had nothing new.
func TestSweepCTNameGoesLive(t *testing.T) {
	const host = "yingji-zscx.top"
	ca := ctlogtest.NewCA(t)
	log := ctlogtest.NewLog(t)
	log.AddCert(t, ca, true, "cdn.example.com")
	log.AddCert(t, ca, true, host) // a precertificate: logged before issuance
	h := newHostSites(t)
	h.set(host, http.StatusNotFound, "coming soon")
	h.set("other.example", http.StatusOK, "<html><body><p>无关页面</p></body></html>")
	dir := t.TempDir()
	disc := fmt.Sprintf("discover:\n  ct: {logs: [{url: %q}], names: seen.json}\n", log.URL())
	sum, byURL, st := qrSweep(t, h.config(t, dir, disc, "other.example"))
	if ct := sum.CT; ct == nil || ct.Matches != 1 || ct.Remembered != 1 || ct.Queued != 1 || len(byURL) != 0 {
		t.Fatalf("sweep 1: CT %+v, cases %v", sum.CT, keys(byURL))
	}
	st.Close()
	data, err := os.ReadFile(filepath.Join(dir, "seen.json"))
	if err != nil || !strings.Contains(string(data), host) {
		t.Fatalf("names file: %s, %v", data, err)
	}
	h.set(host, http.StatusOK, imitationPage(t))
	sum, byURL, st = qrSweep(t, h.config(t, dir, disc, "other.example"))
	if ct := sum.CT; ct == nil || ct.Entries != 0 || ct.Remembered != 1 || ct.Queued != 1 {
		t.Fatalf("sweep 2: CT %+v", sum.CT)
	}
	c, ok := byURL[store.CanonicalURL("http://"+host+"/")]
	if !ok || c.Category != testbed.CategoryImitationSite {
		t.Fatalf("sweep 2: no imitation case for %s: %v", host, keys(byURL))
	}
	want := fmt.Sprintf("证书透明度日志 %s 第 1 条：%s（预证书中的域名", log.URL(), host)
	if f := caseFinding(t, st, c); !strings.HasPrefix(f.Reasons[0], want) {
		t.Errorf("reason %q, want %q…", f.Reasons[0], want)
	}
}

package sweep

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/discover/lookalike"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// TestSweepLookalikeDiscovery: with discover.lookalike answering from the
// resolve overrides, the imitation site on cx-mem-gov.cn (a lookalike of
// cx.mem.gov.cn that nothing links to) becomes an imitation case whose
// first reason says how it was found; the state file remembers the
// names, so the next sweep checks none again before they are due.
func TestSweepLookalikeDiscovery(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	dir := t.TempDir()
	disc := "discover:\n  lookalike: {resolver: resolve, max_names: 10000, state: names.json}\n"
	start := time.Now()
	sum, byURL, st := qrSweep(t, discoverConfig(t, web, dir, disc))
	t.Logf("sweep with discover.lookalike: %v", time.Since(start))
	c, ok := byURL[store.CanonicalURL(testbed.LookalikeURL())]
	if !ok {
		t.Fatalf("no case for the lookalike imitation site; cases: %v", keys(byURL))
	}
	if c.Category != testbed.CategoryImitationSite {
		t.Errorf("lookalike case category %s", c.Category)
	}
	f := caseFinding(t, st, c)
	if len(f.Reasons) == 0 || !strings.Contains(f.Reasons[0], "仿冒域名") || !strings.Contains(f.Reasons[0], "cx.mem.gov.cn") ||
		!strings.Contains(f.Reasons[0], "127.0.0.1") {
		t.Errorf("first reason does not say the lookalike step found it: %q", f.Reasons)
	}
	t.Logf("reason: %s", f.Reasons[0])
	l := sum.Lookalike
	if l == nil || l.Hosts < 3 || l.Candidates < 1000 || l.Due != l.Candidates || l.Registered != 1 || l.Queued != 1 || l.Err != "" {
		t.Fatalf("lookalike counts: %+v", l)
	}
	if c := sum.BySource[LookalikeSource]; c == nil || c.Fetched != 1 || c.Findings != 1 {
		t.Errorf("source %s counts: %+v", LookalikeSource, c)
	}
	var zh strings.Builder
	sum.PrintChinese(&zh, nil)
	if !strings.Contains(zh.String(), "仿冒域名发现") || !strings.Contains(zh.String(), "已注册域名 1") {
		t.Errorf("Chinese summary lacks the lookalike line:\n%s", zh.String())
	}
	t.Log("\n" + zh.String())
	data, err := os.ReadFile(filepath.Join(dir, "names.json"))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := lookalike.LoadState(data, lookalike.Schedule{})
	if err != nil || len(saved.Entries) != l.Candidates || len(saved.Registered()) != 1 || saved.Registered()[0].Host != testbed.HostLookalike {
		t.Fatalf("state file: %d entries, registered %+v, %v", len(saved.Entries), saved.Registered(), err)
	}
	st.Close()

	// The next sweep: no name is due for resolving again, and the
	// registered one's home page is checked again (the case seen again).
	sum2, _, _ := qrSweep(t, discoverConfig(t, web, dir, disc))
	if l2 := sum2.Lookalike; l2 == nil || l2.Due != 0 || l2.Names != 0 || l2.Queued != 1 || l2.Candidates != l.Candidates {
		t.Errorf("second sweep lookalike counts: %+v", l2)
	}
	if sum2.SeenAgain < 1 {
		t.Errorf("second sweep: no case seen again")
	}
}

// TestSweepLookalikeResolverTimesOut: a DNS server that never answers is
// bounded by the step's timeout, counted, and the sweep goes on.
func TestSweepLookalikeResolverTimesOut(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	mute, err := net.ListenPacket("udp", "127.0.0.1:0") // reads nothing, answers nothing
	if err != nil {
		t.Fatal(err)
	}
	defer mute.Close()
	dir := t.TempDir()
	disc := "discover:\n  lookalike: {resolver: \"" + mute.LocalAddr().String() + "\", max_names: 4, timeout: 3s, qps: 100}\n"
	start := time.Now()
	sum, byURL, _ := qrSweep(t, discoverConfig(t, web, dir, disc))
	took := time.Since(start)
	l := sum.Lookalike
	if l == nil || l.Due != 4 || l.Registered != 0 || l.Timeouts+l.Failed != 4 || l.Queued != 0 {
		t.Fatalf("lookalike counts: %+v", l)
	}
	if !slices.ContainsFunc(sum.Trouble, func(tr Trouble) bool {
		return tr.Source == LookalikeSource && tr.Kind == TroubleLookalikeFailed && strings.Contains(tr.Detail, "解析超时")
	}) {
		t.Errorf("no lookalike trouble in the health: %+v", sum.Trouble)
	}
	if !slices.ContainsFunc(sum.Sources, func(s SourceState) bool { return s.Source == LookalikeSource && s.State == StateTrouble }) {
		t.Errorf("the lookalike source's state is not trouble: %+v", sum.Sources)
	}
	if took > 20*time.Second {
		t.Errorf("sweep took %v with a mute resolver", took)
	}
	if _, ok := byURL[store.CanonicalURL(testbed.QROfferURL())]; !ok {
		t.Errorf("the sweep did not go on: no offer case")
	}
	js, _ := json.Marshal(sum)
	t.Logf("%v; lookalike %s", took, js[strings.Index(string(js), `"lookalike"`):])
	// The names are remembered with a retry, not as unregistered.
	st, err := loadLookalikeState(filepath.Join(dir, "lookalike-state.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range st.Entries {
		if e.Status == lookalike.Timeout || e.Status == lookalike.Failed {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d names remembered as timed out, want 4", n)
	}
}

// TestSweepLookalikeSkipsWildcards: a name the state holds as registered
// only through a wildcard record is not fetched; one truly registered is,
// each sweep, though neither is due for resolving.
func TestSweepLookalikeSkipsWildcards(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	dir := t.TempDir()
	now := time.Now()
	state := lookalike.NewState(lookalike.Schedule{})
	for _, e := range []lookalike.Entry{
		{Candidate: lookalike.Candidate{Host: testbed.HostLookalike, Official: "cx.mem.gov.cn", Technique: "hyphenation"}, Addrs: []string{"127.0.0.1"}},
		{Candidate: lookalike.Candidate{Host: testbed.HostQRImitation, Official: "cx.mem.gov.cn", Technique: "addition"}, Wildcard: true},
	} {
		e.Status, e.LastChecked, e.NextCheck = lookalike.Registered, now, now.Add(time.Hour)
		state.Entries[e.Host] = &e
	}
	if err := saveLookalikeState(filepath.Join(dir, "names.json"), state); err != nil {
		t.Fatal(err)
	}
	disc := "discover:\n  lookalike: {resolver: resolve, max_names: 10, state: names.json}\n"
	sum, byURL, _ := qrSweep(t, discoverConfig(t, web, dir, disc))
	if l := sum.Lookalike; l == nil || l.Queued != 1 {
		t.Fatalf("lookalike counts: %+v", l)
	}
	if _, ok := byURL[store.CanonicalURL(testbed.LookalikeURL())]; !ok {
		t.Errorf("the registered name's imitation site was not checked")
	}
	if n := web.Hits(testbed.HostQRImitation, "/"); n != 0 {
		t.Errorf("a wildcard name was fetched %d times", n)
	}
}

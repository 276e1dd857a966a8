package sweep

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/evidence/hostfacts"
	"github.com/certwatch/certwatch/evidence/hostfacts/hostfactstest"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// TestSweepKeepsHostFacts: the imitation case a sweep finds through the
// lookalike step gets its host facts at once, kept with their hash:
// the address from the resolve overrides with its hosting provider from
// the IP database, the response headers, WHOIS from the server configured
// for .cn; no TLS (the site serves plain HTTP), recorded as a problem.
// Cases that are not imitations get none, and seeing the case again
// without new content collects nothing new.
func TestSweepKeepsHostFacts(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	whois := hostfactstest.WHOISServer(t, func(q string, w io.Writer) {
		fmt.Fprintf(w, "Domain Name: %s\r\nRegistrant: 测试注册人\r\nRegistration Time: 2026-11-20 08:00:00\r\n", q)
	})
	mmdb := hostfactstest.MMDB(t, hostfactstest.Provider{Network: "127.0.0.0/8", ASN: 64500, ISP: "示例云计算有限公司", Country: "CN"})
	dir := t.TempDir()
	disc := "discover:\n  lookalike: {resolver: resolve, max_names: 10000, state: names.json}\n" +
		fmt.Sprintf("referral:\n  whois: {cn: %q}\n  ipdb: %q\n  part_timeout: 2s\n", whois, mmdb)
	_, byURL, st := qrSweep(t, discoverConfig(t, web, dir, disc))
	c, ok := byURL[store.CanonicalURL(testbed.LookalikeURL())]
	if !ok {
		t.Fatalf("no case for the lookalike imitation site; cases: %v", keys(byURL))
	}
	hs, err := st.HostFacts(c.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("host facts of the imitation case: %+v, %v", hs, err)
	}
	h := hs[0]
	f, err := hostfacts.Decode(h.Data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("collected in %v: %d problems", f.Finished.Sub(f.Started), len(f.Problems))
	if h.By != "sweep" || h.SnapshotID == 0 || f.Host != testbed.HostLookalike {
		t.Errorf("record %+v, host %s", h, f.Host)
	}
	if len(f.Addresses) != 1 || f.Addresses[0].IP != "127.0.0.1" || f.Addresses[0].Source != "resolve" ||
		f.Addresses[0].Provider.Name() != "示例云计算有限公司" {
		t.Errorf("addresses %+v", f.Addresses)
	}
	if f.HTTP == nil || f.HTTP.Header.Get("Server") != "nginx/1.14.0" || f.HTTP.Header.Get("X-Powered-By") != "PHP/5.6.40" {
		t.Errorf("http %+v", f.HTTP)
	}
	if f.WHOIS == nil || f.WHOIS.Query != testbed.HostLookalike || !strings.Contains(f.WHOIS.Text, "测试注册人") {
		t.Errorf("whois %+v", f.WHOIS)
	}
	if f.TLS != nil || len(f.Problems) == 0 {
		t.Errorf("tls %+v, problems %+v", f.TLS, f.Problems)
	}
	if d := f.Finished.Sub(f.Started); d > 5*time.Second {
		t.Errorf("collection took %v", d)
	}
	for u, other := range byURL {
		if other.Category == testbed.CategoryImitationSite {
			continue
		}
		if hs, err := st.HostFacts(other.ID); err != nil || len(hs) != 0 {
			t.Errorf("case %s (%s) has host facts %d, %v", u, other.Category, len(hs), err)
		}
	}
	st.Close()

	// Seen again with the same content: no new snapshot, no new facts.
	_, byURL2, st2 := qrSweep(t, discoverConfig(t, web, dir, disc))
	c2 := byURL2[store.CanonicalURL(testbed.LookalikeURL())]
	if hs, err := st2.HostFacts(c2.ID); err != nil || len(hs) != 1 {
		t.Errorf("after a second sweep: %d records, %v", len(hs), err)
	}
}

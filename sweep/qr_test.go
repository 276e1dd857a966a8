package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// qrConfig is a sweep config over the sample web with one source, the
// ershou classifieds, and discover.qr as given.
func qrConfig(t *testing.T, web *testbed.Web, qrOn bool) *config.Config {
	return discoverConfig(t, web, t.TempDir(), fmt.Sprintf("discover: {qr: %v}\n", qrOn))
}

// discoverConfig is that config with the discover key given, its files
// in dir.
func discoverConfig(t *testing.T, web *testbed.Web, dir, discover string) *config.Config {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "database: %q\nresolve_only: true\nresolve:\n", filepath.Join(dir, "certwatch.db"))
	for h, a := range web.Resolve() {
		fmt.Fprintf(&b, "  %s: %s\n", h, a)
	}
	b.WriteString("allow_internal: [")
	for i, h := range web.Hosts() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(h)
	}
	b.WriteString("]\nlimits: {per_host_delay: 10ms, timeout: 5s}\n")
	b.WriteString(discover)
	fmt.Fprintf(&b, "sources:\n  - id: ershou\n    type: site\n    start: [%q]\n    allowed_hosts: [%s]\n    depth: 2\n    max_pages: 50\n",
		"http://"+testbed.HostErshou+"/", testbed.HostErshou)
	path := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func qrSweep(t *testing.T, cfg *config.Config) (*Summary, map[string]store.Case, *store.Store) {
	t.Helper()
	return qrSweepWith(t, cfg, false)
}

// fetchOnly hides the crawler's evidence renders (a Fetcher that is not an
// EvidenceFetcher: a sweep without a browser for screenshots).
type fetchOnly struct{ Fetcher }

// qrSweepWith is qrSweep; noShots sweeps without evidence screenshots, for
// tests that measure something else on many imitation sites (each would be
// a browser render).
func qrSweepWith(t *testing.T, cfg *config.Config, noShots bool) (*Summary, map[string]store.Case, *store.Store) {
	t.Helper()
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cr, err := crawler.New(CrawlerOptions(cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer cr.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var f Fetcher = cr
	if noShots {
		f = fetchOnly{cr}
	}
	s := &Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: f, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	sum, err := s.Run(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := st.Cases(store.CaseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Case{}
	for _, c := range cases {
		byURL[c.URL] = c
	}
	return sum, byURL, st
}

// TestSweepQRDiscovery: the imitation site that only a QR code in an
// offer's image leads to (through a URL shortener) becomes an imitation
// case whose reasons say so, with discover.qr on; with it off, the
// imitation site is never fetched.
func TestSweepQRDiscovery(t *testing.T) {
	web, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	start := time.Now()
	sum, byURL, st := qrSweep(t, qrConfig(t, web, true))
	t.Logf("sweep with discover.qr: %v", time.Since(start))

	offer, ok := byURL[store.CanonicalURL(testbed.QROfferURL())]
	if !ok || offer.Category != testbed.CategoryCertSale {
		t.Errorf("offer case: %+v, %v", offer, ok)
	}
	c, ok := byURL[store.CanonicalURL(testbed.QRImitationURL())]
	if !ok {
		t.Fatalf("no case for the QR-only imitation site; cases: %v", keys(byURL))
	}
	if c.Category != testbed.CategoryImitationSite {
		t.Errorf("imitation case category %s", c.Category)
	}
	f := caseFinding(t, st, c)
	if len(f.Reasons) == 0 || !strings.Contains(f.Reasons[0], "二维码") ||
		!strings.Contains(f.Reasons[0], testbed.QRImageURL()) || !strings.Contains(f.Reasons[0], testbed.QROfferURL()) {
		t.Errorf("first reason does not name the QR code, its image and page: %q", f.Reasons)
	}
	t.Logf("reason: %s\n%s", f.Reasons[0], func() string { var b strings.Builder; sum.PrintChinese(&b, nil); return b.String() }())
	if q := sum.QR; q == nil || q.Pages < 1 || q.Codes != 1 || q.Strong != 1 || q.Queued != 1 || q.Fetched < 1 {
		t.Errorf("summary QR counts: %+v", q)
	}
	if n := web.Hits(testbed.HostErshou, "/img/500-bike.png"); n != 0 {
		t.Errorf("the image of an ordinary ad was fetched %d times: only offers and listings are scanned", n)
	}
	var zh strings.Builder
	sum.PrintChinese(&zh, nil)
	if !strings.Contains(zh.String(), "二维码发现") || !strings.Contains(zh.String(), "疑似假冒查询网址 1") {
		t.Errorf("Chinese summary lacks the QR line:\n%s", zh.String())
	}
	if len(sum.Discovery) != 1 || sum.Discovery[0].Name != "二维码发现" || len(sum.Discovery[0].Counts) != 10 {
		t.Errorf("discovery lines for the UI: %+v", sum.Discovery)
	}
	js, _ := json.Marshal(sum)
	if !strings.Contains(string(js), `"qr":{`) {
		t.Errorf("stored summary lacks qr: %s", js)
	}

	// Off: the imitation site is never reached.
	web2, err := testbed.Start(testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer web2.Close()
	sum2, byURL2, _ := qrSweep(t, qrConfig(t, web2, false))
	if _, ok := byURL2[store.CanonicalURL(testbed.QRImitationURL())]; ok || sum2.QR != nil {
		t.Errorf("discover.qr off: imitation case %v, QR counts %+v", ok, sum2.QR)
	}
	if n := web2.Hits(testbed.HostQRImitation, "/"); n != 0 {
		t.Errorf("discover.qr off: imitation site fetched %d times", n)
	}
}

// caseFinding decodes the finding of a case's latest snapshot.
func caseFinding(t *testing.T, st *store.Store, c store.Case) *finding.Finding {
	t.Helper()
	snaps, err := st.Snapshots(c.ID)
	if err != nil || len(snaps) == 0 {
		t.Fatalf("snapshots of case %d: %v, %v", c.ID, len(snaps), err)
	}
	f, err := finding.Decode(snaps[len(snaps)-1].Finding)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

package sweep

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// TestSweepImitationStaticScreenshots: a source fetched statically (no
// render key) still gets the imitation site's screenshot and the official
// reference page's, in the first sweep: the copy's case keeps its
// screenshot (a PNG), its verdict compares the two screenshots and keeps
// the official one's thumbnail, the kept reference has its screenshot,
// and the source's health counts both screenshots.
func TestSweepImitationStaticScreenshots(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	addr := imitationWeb(t)
	dir := t.TempDir()
	cfg := imitationConfig(t, addr, dir) // static: render is not set
	if src := cfg.Source("imitation"); src.Render || src.RenderAuto || src.EvidenceAlways {
		t.Fatalf("the source renders: %+v", src)
	}
	start := time.Now()
	sum, byURL, st := qrSweep(t, cfg)
	t.Logf("swept in %v", time.Since(start))
	var cp *store.Case
	for u, c := range byURL {
		if strings.Contains(u, "cx-mem-gov.example") {
			cp = &c
		}
	}
	if cp == nil {
		t.Fatalf("no case for the copy; cases %v", keys(byURL))
	}
	snaps, err := st.Snapshots(cp.ID)
	if err != nil || len(snaps) != 1 {
		t.Fatalf("snapshots: %d, %v", len(snaps), err)
	}
	if snaps[0].Rendered || snaps[0].ScreenshotSHA256 == "" {
		t.Fatalf("the copy's snapshot: rendered %v, screenshot %q (want fetched statically, with a screenshot)", snaps[0].Rendered, snaps[0].ScreenshotSHA256)
	}
	png, err := st.SnapshotScreenshot(snaps[0].ID)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("the copy's screenshot: %d bytes, %v", len(png), err)
	}
	f := caseFinding(t, st, *cp)
	if f.Imitation == nil || len(f.Imitation.ReferenceShot) == 0 || !strings.Contains(f.Imitation.Reference, "cx.mem.gov.cn") {
		t.Fatalf("the copy's verdict has no official screenshot: %+v", f.Imitation)
	}
	if !slices.ContainsFunc(f.Imitation.Verdict, func(s string) bool { return strings.HasPrefix(s, "截图与官方页面相近") }) {
		t.Errorf("the verdict does not compare the screenshots: %q", f.Imitation.Verdict)
	}
	kept, err := imitation.LoadStateFile(filepath.Join(dir, "refs.json"))
	if err != nil || len(kept) != 1 || !kept[0].HasHash || len(kept[0].Shot) == 0 {
		t.Fatalf("kept references: %d, %v (want the official page with its screenshot)", len(kept), err)
	}
	c := sum.BySource["imitation"]
	if c == nil || c.Screenshots != 2 || c.ScreenshotsFailed != 0 || c.Rendered != 0 {
		t.Errorf("health of the source: %+v (want 2 screenshots, the copy's and the official page's, none failed, no page rendered)", c)
	}
}

// TestNeedsEvidence: an offer (not an imitation site) fetched
// statically gets no evidence render unless its source says
// evidence_screenshot: always; an imitation site always does; a page
// whose discovery render failed is not rendered again.
func TestNeedsEvidence(t *testing.T) {
	for _, always := range []bool{false, true} {
		src := &config.Source{ID: "a", Kind: config.KindURLs, EvidenceAlways: always}
		static := &crawler.Result{Outcome: crawler.OutcomeOK}
		f := &matcher.Finding{Flagged: true, Category: "cert_sale"}
		if got := needsEvidence(src, f, static); got != always {
			t.Errorf("always=%v: an offer fetched statically needs a screenshot: %v", always, got)
		}
		if !needsEvidence(src, f, &crawler.Result{Outcome: crawler.OutcomeOK, Rendered: true}) {
			t.Errorf("always=%v: a rendered offer needs no screenshot", always)
		}
		if needsEvidence(src, f, &crawler.Result{Outcome: crawler.OutcomeOK, Rendered: true, Screenshot: []byte("x")}) {
			t.Errorf("always=%v: a page with a screenshot needs another", always)
		}
		f.Category = CategoryImitation
		if !needsEvidence(src, f, static) || !needsEvidence(nil, f, static) {
			t.Errorf("always=%v: an imitation site fetched statically needs no screenshot", always)
		}
		if needsEvidence(src, f, &crawler.Result{Outcome: crawler.OutcomeOK, RenderErr: context.DeadlineExceeded}) {
			t.Errorf("always=%v: a page whose render failed is rendered again for its screenshot", always)
		}
	}
}

// TestPendingRendersWait: a verdict waits for the reference renders in
// flight, and no longer than its bound.
func TestPendingRendersWait(t *testing.T) {
	var p pendingRenders
	if p.wait(context.Background(), time.Minute) {
		t.Fatal("waited with nothing pending")
	}
	done := p.start()
	go func() {
		time.Sleep(50 * time.Millisecond)
		done()
		done() // twice is once
	}()
	start := time.Now()
	if !p.wait(context.Background(), time.Minute) || time.Since(start) < 40*time.Millisecond {
		t.Errorf("did not wait for the render (%v)", time.Since(start))
	}
	p.start() // never ends
	start = time.Now()
	p.wait(context.Background(), 30*time.Millisecond)
	if d := time.Since(start); d < 25*time.Millisecond || d > 5*time.Second {
		t.Errorf("bounded wait took %v", d)
	}
}

// TestSweepEvidenceAlways: an offer on a source fetched statically has no
// screenshot (and no render is made for it); with the source's
// evidence_screenshot: always it has one.
func TestSweepEvidenceAlways(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>电工证 焊工证 办理</title></head><body>
<p>电工证 免考 包过 直接拿证 全国可查 加微信 abc12345</p></body></html>`))
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, always := range []bool{false, true} {
		dir := t.TempDir()
		y := fmt.Sprintf("database: %q\nresolve_only: true\nresolve: {offer.example: %s}\nallow_internal: [offer.example]\nlimits: {per_host_delay: 10ms, timeout: 5s}\n"+
			"sources:\n  - id: tips\n    type: urls\n    urls: [\"http://offer.example:%s/\"]\n", filepath.Join(dir, "c.db"), srv.Listener.Addr(), port)
		if always {
			y += "    evidence_screenshot: always\n"
		}
		cfg, err := config.Parse(filepath.Join(dir, "c.yaml"), []byte(y))
		if err != nil {
			t.Fatal(err)
		}
		sum, byURL, st := qrSweep(t, cfg)
		if len(byURL) != 1 {
			t.Fatalf("always=%v: cases %v", always, keys(byURL))
		}
		for _, c := range byURL {
			snaps, err := st.Snapshots(c.ID)
			if err != nil || len(snaps) != 1 {
				t.Fatalf("snapshots: %d, %v", len(snaps), err)
			}
			if got := snaps[0].ScreenshotSHA256 != ""; got != always || c.Category == CategoryImitation {
				t.Errorf("always=%v: the %s case has a screenshot: %v", always, c.Category, got)
			}
		}
		want := 0
		if always {
			want = 1
		}
		if n := sum.Total.Screenshots + sum.Total.ScreenshotsFailed; n != want {
			t.Errorf("always=%v: %d evidence renders, want %d", always, n, want)
		}
	}
}

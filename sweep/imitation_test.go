package sweep

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
)

// imitationWeb serves, by Host, the official query page (cx.mem.gov.cn,
// the embedded reference page), a copy of it on cx-mem-gov.example, and
// a navigation page on gov-cx-daohang.example that the rules flag (a
// query title, the ministry's name, gov in the host) but that only frames
// the official site.
func imitationWeb(t *testing.T) (addr string) {
	t.Helper()
	official := imitation.DefaultPage("cx.mem.gov.cn")
	if official == nil {
		t.Fatal("no embedded page of cx.mem.gov.cn")
	}
	copied, err := os.ReadFile("../testbed/sites/cx-mem-gov.example/index.html")
	if err != nil {
		t.Fatal(err)
	}
	nav := `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>特种作业操作证查询入口导航</title></head><body>
<h1>特种作业操作证在线查询</h1><p>下方为应急管理部官方查询平台，查询结果以官方平台为准。</p>
<iframe src="http://cx.mem.gov.cn/" width="960" height="640"></iframe>
<p>证书查询 真伪查询 在线查询</p></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch host {
		case "cx.mem.gov.cn":
			_, _ = w.Write(official)
		case "cx-mem-gov.example":
			_, _ = w.Write(copied)
		case "gov-cx-daohang.example":
			_, _ = w.Write([]byte(nav))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

func imitationConfig(t *testing.T, addr, dir string, render ...bool) *config.Config {
	t.Helper()
	hosts := []string{"cx.mem.gov.cn", "cx-mem-gov.example", "gov-cx-daohang.example"}
	_, port, _ := net.SplitHostPort(addr)
	var b strings.Builder
	fmt.Fprintf(&b, "database: %q\nresolve_only: true\nresolve:\n", filepath.Join(dir, "certwatch.db"))
	for _, h := range hosts {
		fmt.Fprintf(&b, "  %s: %s\n", h, addr)
	}
	fmt.Fprintf(&b, "allow_internal: [%s]\nlimits: {per_host_delay: 10ms, timeout: 5s}\n", strings.Join(hosts, ", "))
	b.WriteString("discover:\n  imitation: {state: refs.json}\n")
	b.WriteString("sources:\n  - id: imitation\n    type: urls\n    urls: [")
	for i, h := range hosts {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", "http://"+h+":"+port+"/")
	}
	b.WriteString("]\n")
	if len(render) > 0 && render[0] {
		b.WriteString("    render: true\n")
	}
	p := filepath.Join(dir, "sweep.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(p)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return cfg
}

// TestSweepImitationVerdict: the copy's finding carries the verdict's
// reasons (compared with the official page the sweep fetched), the
// navigation page the rules flag is cleared by the verdict and recorded
// as a page, not a case, and the official page is kept as a reference in
// the state file.
func TestSweepImitationVerdict(t *testing.T) {
	addr := imitationWeb(t)
	dir := t.TempDir()
	cfg := imitationConfig(t, addr, dir)
	_, byURL, st := qrSweep(t, cfg)
	var cp *store.Case
	for u, c := range byURL {
		if strings.Contains(u, "gov-cx-daohang.example") {
			t.Errorf("the navigation page that frames the official site is a case: %s", u)
		}
		if strings.Contains(u, "cx-mem-gov.example") {
			c := c
			cp = &c
		}
	}
	if cp == nil {
		t.Fatalf("no case for the copy; cases %v", keys(byURL))
	}
	f := caseFinding(t, st, *cp)
	im := f.Imitation
	if im == nil || !im.VerdictImitation || len(im.Verdict) == 0 {
		t.Fatalf("the copy's finding has no imitation verdict: %+v", im)
	}
	for _, want := range []string{"页面结构与 cx.mem.gov.cn 相似 1.00", "查询表单字段与官方相同：姓名、身份证号、证件类型、验证码", "非 gov.cn 域名含 gov：cx-mem-gov.example"} {
		if !slices.Contains(f.Reasons, want) || !slices.Contains(im.Verdict, want) {
			t.Errorf("reason %q missing: %q", want, f.Reasons)
		}
	}
	if !strings.Contains(im.Reference, "://cx.mem.gov.cn") {
		t.Errorf("compared with %q, want cx.mem.gov.cn", im.Reference)
	}
	kept, err := imitation.LoadStateFile(filepath.Join(dir, "refs.json"))
	if err != nil || len(kept) != 1 || kept[0].Host != "cx.mem.gov.cn" || len(kept[0].Kinds()) != 4 {
		t.Fatalf("kept references: %v, %v", kept, err)
	}
	st.Close()

	// The next sweep compares with the kept snapshot (the page as the
	// official site served it), not the embedded one.
	_, byURL, st = qrSweep(t, imitationConfig(t, addr, dir))
	c2, err := st.Case(byURL[cp.URL].ID)
	if err != nil {
		t.Fatal(err)
	}
	if f, err = finding.Decode(c2.Finding); err != nil { // the case's latest finding (the content did not change)
		t.Fatal(err)
	}
	if f.Imitation == nil || !strings.HasPrefix(f.Imitation.Reference, "http://cx.mem.gov.cn:") {
		t.Errorf("second sweep compared with %+v, want the kept http://cx.mem.gov.cn:PORT/", f.Imitation)
	}
}

// TestSweepImitationRendered: with a rendering source, the official
// page's screenshot is kept with its reference, and the copy's finding
// compares the two screenshots and keeps the official one's thumbnail
// for the case page.
func TestSweepImitationRendered(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	addr := imitationWeb(t)
	dir := t.TempDir()
	_, _, st := qrSweep(t, imitationConfig(t, addr, dir, true))
	st.Close()
	kept, err := imitation.LoadStateFile(filepath.Join(dir, "refs.json"))
	if err != nil || len(kept) != 1 || !kept[0].HasHash || len(kept[0].Shot) == 0 {
		t.Fatalf("kept references: %d, %v (want the official page with its screenshot)", len(kept), err)
	}
	// The next sweep compares with the kept screenshot.
	_, byURL, st := qrSweep(t, imitationConfig(t, addr, dir, true))
	var f *finding.Finding
	for u, c := range byURL {
		if strings.Contains(u, "cx-mem-gov.example") {
			c2, err := st.Case(c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if f, err = finding.Decode(c2.Finding); err != nil {
				t.Fatal(err)
			}
		}
	}
	if f == nil || f.Imitation == nil {
		t.Fatalf("no imitation finding for the copy: %v", keys(byURL))
	}
	if len(f.Imitation.ReferenceShot) == 0 || !slices.ContainsFunc(f.Imitation.Verdict, func(s string) bool { return strings.HasPrefix(s, "截图与官方页面相近") }) {
		t.Errorf("the copy's verdict does not compare screenshots: %q (reference shot %d bytes)", f.Imitation.Verdict, len(f.Imitation.ReferenceShot))
	}
}

package pgsweep_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// autoShells and autoStatic are the pages of each host of the render:
// auto site: script shells (nothing to read without the browser) and
// plain pages.
const autoShells, autoStatic = 2, 1

// newAutoSite serves hosts a0.site.test, a1.site.test, … : an index
// linking to /s/1 … (script shells, which render: auto renders after the
// static fetch) and /t/1 … (plain pages, fetched once), each request
// logged.
func newAutoSite(t *testing.T, hosts int) *site {
	t.Helper()
	s := &site{}
	for h := range hosts {
		sh := &siteHost{name: fmt.Sprintf("a%d.site.test", h)}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			fmt.Fprintln(w, "User-agent: *\nAllow: /")
		})
		html := func(w http.ResponseWriter, body string) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>生活资讯</title></head><body>"+body+"</body></html>")
		}
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			var b strings.Builder
			for i := 1; i <= autoShells; i++ {
				fmt.Fprintf(&b, "<p><a href=\"/s/%d\">动态第%d期</a></p>", i, i)
			}
			for i := 1; i <= autoStatic; i++ {
				fmt.Fprintf(&b, "<p><a href=\"/t/%d\">静态第%d期</a></p>", i, i)
			}
			b.WriteString("<p>" + strings.Join(siteSentences, "") + "</p>")
			html(w, b.String())
		})
		mux.HandleFunc("GET /s/{n}", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			html(w, `<div id="app"></div><script>document.getElementById("app").textContent = "`+siteSentences[h%len(siteSentences)]+`";</script>`)
		})
		mux.HandleFunc("GET /t/{n}", func(w http.ResponseWriter, r *http.Request) {
			defer sh.record(r.URL.Path)()
			html(w, "<p>"+strings.Join(siteSentences, "")+"</p>")
		})
		sh.Server = httptest.NewServer(mux)
		t.Cleanup(sh.Close)
		s.hosts = append(s.hosts, sh)
	}
	return s
}

// writeAutoConfig writes a configuration sweeping the site with render:
// auto into dir.
func writeAutoConfig(t *testing.T, s *site, dir string, delay time.Duration) string {
	t.Helper()
	var resolve, names, starts []string
	for _, h := range s.hosts {
		_, port, _ := net.SplitHostPort(h.Listener.Addr().String())
		resolve = append(resolve, fmt.Sprintf("  %s: 127.0.0.1:%s", h.name, port))
		names = append(names, h.name)
		starts = append(starts, fmt.Sprintf("%q", "http://"+h.name+"/"))
	}
	y := fmt.Sprintf(`database: %s
resolve_only: true
resolve:
%s
allow_internal: [%s]
limits: {per_host_delay: %s, timeout: 20s, retries: 1}
sources:
  - {id: site, type: site, start: [%s], depth: 2, max_pages: 1000, render: auto}
`, filepath.Join(dir, "unused.db"), strings.Join(resolve, "\n"), strings.Join(names, ", "), delay, strings.Join(starts, ", "))
	path := filepath.Join(dir, "auto.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWorkerRenderAutoWaitsItsTurn: in worker mode, the render of a
// render: auto page (its second request, after the static fetch showed a
// script shell) waits for the host's turn in the lease like every other
// request: each shell is requested twice (static, then the browser), the
// plain pages once, and the host's request log has no two requests closer
// than its delay. Needs Chromium.
func TestWorkerRenderAutoWaitsItsTurn(t *testing.T) {
	const (
		hosts = 2
		delay = 400 * time.Millisecond
	)
	s := newAutoSite(t, hosts)
	cfgPath := writeAutoConfig(t, s, t.TempDir(), delay)
	dbURL := migratedDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w, err := newWorker(ctx, cfgPath, dbURL, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	start := time.Now()
	sum, err := w.sw.Work(ctx, w.hf, sweep.WorkOptions{Name: "w0", Hosts: hosts, Seed: true, Once: true, Poll: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("swept in %v: %d attempted, %d rendered, %d static under render: auto", time.Since(start), sum.Total.Attempted, sum.Total.Rendered, sum.Total.AutoStatic)
	sws, err := w.b.Sweeps(1)
	if err != nil || len(sws) != 1 || sws[0].Status != store.SweepFinished {
		t.Fatalf("sweeps %+v, %v: want one finished", sws, err)
	}
	for _, h := range s.hosts {
		count := map[string]int{}
		for _, x := range h.hits() {
			count[x.path]++
		}
		for i := 1; i <= autoShells; i++ {
			if p := fmt.Sprintf("/s/%d", i); count[p] != 2 {
				t.Errorf("%s%s requested %d times, want 2 (static, then rendered)", h.name, p, count[p])
			}
		}
		for i := 1; i <= autoStatic; i++ {
			if p := fmt.Sprintf("/t/%d", i); count[p] != 1 {
				t.Errorf("%s%s requested %d times, want once (static is enough)", h.name, p, count[p])
			}
		}
	}
	if want := hosts * autoShells; sum.Total.Rendered != want || sum.Total.RenderFallback != 0 {
		t.Errorf("%d pages rendered, %d fell back to static; want %d and 0", sum.Total.Rendered, sum.Total.RenderFallback, want)
	}
	if want := hosts * (1 + autoStatic); sum.Total.AutoStatic != want {
		t.Errorf("%d pages kept static under render: auto, want %d", sum.Total.AutoStatic, want)
	}
	checkPolite(t, s, start, delay)
}

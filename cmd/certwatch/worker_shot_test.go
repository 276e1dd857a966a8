package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// TestWorkerImitationScreenshots: a distributed worker (PostgreSQL)
// sweeping a source that fetches statically records the imitation site's
// case with its screenshot, compared with the official page's screenshot
// (issue 13 defect 5): the evidence renders take the lease's turns.
func TestWorkerImitationScreenshots(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	copied, err := os.ReadFile("../../testbed/sites/cx-mem-gov.example/index.html")
	if err != nil {
		t.Fatal(err)
	}
	official := imitation.DefaultPage("cx.mem.gov.cn")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch host {
		case "cx.mem.gov.cn":
			_, _ = w.Write(official)
		case "cx-mem-gov.example":
			_, _ = w.Write(copied)
		}
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	dir := t.TempDir()
	cfg := writeFile(t, dir, "worker.yaml", fmt.Sprintf(`database: %s/unused.db
resolve_only: true
resolve: {cx.mem.gov.cn: 127.0.0.1:%[2]s, cx-mem-gov.example: 127.0.0.1:%[2]s}
allow_internal: [cx.mem.gov.cn, cx-mem-gov.example]
limits: {per_host_delay: 50ms, timeout: 10s}
sources:
  - {id: reported, type: urls, urls: ["http://cx.mem.gov.cn:%[2]s/", "http://cx-mem-gov.example:%[2]s/"]}
`, dir, port))
	url := pgtest.DB(t)
	if code, out, errOut := runCLI(t, "", "db", "migrate", "--database", url); code != 0 {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, "", "worker", "--config", cfg, "--database", url, "--blobs", dir+"/blobs", "--seed", "--once", "--name", "w")
	if code != 0 {
		t.Fatalf("worker: exit %d\n%s%s", code, out, errOut)
	}
	st, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := pgstore.NewBackend(st, nil)
	defer b.Close()
	cases, err := b.Cases(store.CaseFilter{Limit: 10})
	if err != nil || len(cases) != 1 || !strings.Contains(cases[0].URL, "cx-mem-gov.example") {
		t.Fatalf("cases %+v, %v; want the imitation site's alone", cases, err)
	}
	snaps, err := b.Snapshots(cases[0].ID)
	if err != nil || len(snaps) != 1 || snaps[0].Rendered || snaps[0].ScreenshotSHA256 == "" {
		t.Fatalf("snapshots %+v, %v: want one fetched statically with a screenshot", snaps, err)
	}
	f, err := finding.Decode(snaps[0].Finding)
	if err != nil {
		t.Fatal(err)
	}
	if f.Imitation == nil || len(f.Imitation.ReferenceShot) == 0 {
		t.Errorf("the verdict has no official screenshot: %+v", f.Imitation)
	}
}

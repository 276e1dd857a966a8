package main

import (
	"context"
	"fmt"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// TestWorkerCommand: `certwatch worker --seed --once` on a migrated
// database starts a sweep of a two-host local site, sweeps it and
// finishes it; a second worker with --once then finds no sweep.
func TestWorkerCommand(t *testing.T) {
	var resolve, names, starts []string
	for h := range 2 {
		name := fmt.Sprintf("w%d.example", h)
		mux := http.NewServeMux()
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><meta charset="utf-8"><title>首页</title></head><body><a href="/a.html">a</a> <a href="/b.html">b</a></body></html>`)
		})
		mux.HandleFunc("GET /a.html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><meta charset="utf-8"><title>天气</title></head><body><p>天气转凉，早晚温差大，出门记得多带一件外套。</p></body></html>`)
		})
		mux.HandleFunc("GET /b.html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>办证</title></head><body><p>低压电工证、焊工证、高处作业证，免考试，人不用到场，官网可查，半个月出证。加微信 zheng_%d 。</p></body></html>`, h)
		})
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
		resolve = append(resolve, fmt.Sprintf("  %s: 127.0.0.1:%s", name, port))
		names = append(names, name)
		starts = append(starts, fmt.Sprintf("%q", "http://"+name+"/"))
	}
	dir := t.TempDir()
	cfg := writeFile(t, dir, "worker.yaml", fmt.Sprintf(`database: %s/unused.db
resolve_only: true
resolve:
%s
allow_internal: [%s]
limits: {per_host_delay: 50ms, timeout: 10s}
sources:
  - {id: site, type: site, start: [%s], depth: 2}
`, dir, strings.Join(resolve, "\n"), strings.Join(names, ", "), strings.Join(starts, ", ")))
	url := pgtest.DB(t)
	if code, out, errOut := runCLI(t, "", "db", "migrate", "--database", url); code != 0 {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	args := []string{"worker", "--config", cfg, "--database", url, "--blobs", dir + "/blobs", "--log-format", "json"}
	code, out, errOut := runCLI(t, "", append(args, "--seed", "--once", "--name", "first")...)
	if code != 0 || !strings.Contains(out, "this worker's part of sweep 1") {
		t.Fatalf("worker --seed --once: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", append(args, "--once")...)
	if code != 1 || !strings.Contains(errOut, "start one with --seed") || !strings.Contains(errOut, "no sweep is running") || strings.Contains(errOut, "没有进行中的巡查") {
		t.Fatalf("worker --once with no sweep: exit %d\n%s", code, errOut)
	}

	st, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := pgstore.NewBackend(st, nil)
	defer b.Close()
	sw, err := b.Sweep(1)
	if err != nil || sw.Status != store.SweepFinished {
		t.Fatalf("sweep 1: %+v, %v; want finished", sw, err)
	}
	pending, done, err := b.FrontierCounts(1)
	if err != nil || pending != 0 || done != 6 {
		t.Errorf("frontier: %d pending, %d done, %v; want 0 and 6", pending, done, err)
	}
	cases, err := b.Cases(store.CaseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Errorf("%d cases, want the 2 offer pages", len(cases))
	}
}

func TestWorkerBadInput(t *testing.T) {
	t.Setenv("CERTWATCH_DATABASE", "")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no database", []string{"worker"}, 2, "no database"},
		{"a bbolt file", []string{"worker", "--database", "certwatch.db"}, 2, "must be a postgres:// URL"},
		{"no blobs", []string{"worker", "--database", "postgres://nobody@127.0.0.1:1/x"}, 2, "give --blobs DIR"},
		{"bad hosts", []string{"worker", "--database", "postgres://nobody@127.0.0.1:1/x", "--blobs", t.TempDir(), "--hosts", "0"}, 2, "--hosts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, tc.code, tc.want, errOut)
			}
		})
	}
}

// TestWorkerBlobsFromConfig: without --blobs a worker uses the
// configuration's blob store (by default "blobs" beside a configuration
// whose database is PostgreSQL), as serve does; with neither it says how
// to give one.
func TestWorkerBlobsFromConfig(t *testing.T) {
	url := pgstoretest.DB(t)
	dir := t.TempDir()
	src := `sources:
  - {id: site, type: site, start: ["http://site.test/"], depth: 1}
`
	pg := writeFile(t, dir, "pg.yaml", "database: "+url+"\n"+src)
	code, _, errOut := runCLI(t, "", "worker", "--config", pg, "--once")
	if code != 1 || !strings.Contains(errOut, "no sweep is running") || strings.Contains(errOut, "no evidence blob directory") {
		t.Fatalf("worker without --blobs, PostgreSQL config: exit %d\n%s", code, errOut)
	}
	if fi, err := os.Stat(filepath.Join(dir, "blobs")); err != nil || !fi.IsDir() {
		t.Errorf("the configuration's blob directory was not used: %v", err)
	}
	bolt := writeFile(t, dir, "bolt.yaml", "database: "+filepath.Join(dir, "x.db")+"\n"+src)
	code, _, errOut = runCLI(t, "", "worker", "--config", bolt, "--database", url, "--once")
	if code != 2 || !strings.Contains(errOut, "give --blobs DIR or set blobs:") {
		t.Fatalf("worker with neither --blobs nor a blob store in the configuration: exit %d\n%s", code, errOut)
	}
}

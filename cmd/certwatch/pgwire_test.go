package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// pgSite is a local site of one host: a home page linking two offers of
// fake certificates and one harmless page.
func pgSite(t *testing.T) (resolve, start string) {
	t.Helper()
	page := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>%s</title></head><body>%s</body></html>`, title, body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", page("首页", `<a href="/a.html">a</a> <a href="/b.html">b</a> <a href="/c.html">c</a>`))
	mux.HandleFunc("GET /a.html", page("天气", `<p>天气转凉，早晚温差大，出门记得多带一件外套。</p>`))
	mux.HandleFunc("GET /b.html", page("办证", `<p>低压电工证、焊工证、高处作业证，免考试，人不用到场，官网可查，半个月出证。加微信 zheng_1 。</p>`))
	mux.HandleFunc("GET /c.html", page("代办", `<p>安全员C证不用考试直接拿证，全国联网可查，包过，加微信 zheng_2 。</p>`))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return "  pg.example: 127.0.0.1:" + port, "http://pg.example/"
}

// TestSweepAndServeOnPostgreSQL: with `database: postgres://…` in the
// configuration, `certwatch sweep` records the local site's findings in
// PostgreSQL (evidence in the blob directory beside the configuration,
// the digest enqueued with the finished sweep), `certwatch serve` on the
// same database shows them in the queue after a sign-in, runs the job
// queue (the digest job completes) and keeps its control token beside
// the configuration.
func TestSweepAndServeOnPostgreSQL(t *testing.T) {
	resolve, start := pgSite(t)
	dbURL := pgtest.DB(t)
	if code, out, errOut := runCLI(t, "", "db", "migrate", "--database", dbURL); code != 0 {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	dir := t.TempDir()
	cfg := writeFile(t, dir, "pg.yaml", fmt.Sprintf(`database: %s
resolve_only: true
resolve:
%s
allow_internal: [pg.example]
limits: {per_host_delay: 10ms, timeout: 10s}
sources:
  - {id: site, type: site, start: [%q], depth: 2}
`, dbURL, resolve, start))

	code, out, errOut := runCLI(t, "", "sweep", "--config", cfg, "--log-format", "json")
	if code != 0 {
		t.Fatalf("sweep: exit %d\n%s%s", code, out, errOut)
	}
	st, err := pgstore.Open(context.Background(), dbURL, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blobstore.Open(context.Background(), filepath.Join(dir, "blobs"), blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer blobs.Close()
	b := pgstore.NewBackend(st, blobs)
	defer b.Close()
	sw, err := b.Sweep(1)
	if err != nil || sw.Status != store.SweepFinished {
		t.Fatalf("sweep 1: %+v, %v; want finished", sw, err)
	}
	cases, err := b.Cases(store.CaseFilter{})
	if err != nil || len(cases) != 2 {
		t.Fatalf("cases after the sweep: %+v, %v; want the two offers", cases, err)
	}
	for _, c := range cases {
		snaps, err := b.Snapshots(c.ID)
		if err != nil || len(snaps) == 0 {
			t.Fatalf("snapshots of case %d: %v, %v", c.ID, snaps, err)
		}
		// The evidence bytes come back from the blob store, checked.
		if body, err := b.SnapshotBody(snaps[0].ID); err != nil || !strings.Contains(string(body), "zheng_") {
			t.Fatalf("evidence of case %d: %.200s, %v", c.ID, body, err)
		}
	}
	digest := func() (state string) {
		t.Helper()
		err := st.Pool().QueryRow(context.Background(),
			`SELECT state::text FROM river.river_job WHERE kind = 'digest' AND (args->>'sweep_id')::bigint = 1`).Scan(&state)
		if err != nil {
			t.Fatalf("the finished sweep's digest job: %v", err)
		}
		return state
	}
	if s := digest(); s != "available" {
		t.Fatalf("digest job %s before serve; want available", s)
	}

	// An account, then serve.
	hash, err := review.HashPassword("a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.CreateUser("test", store.User{Name: "li", Roles: []casework.Role{casework.RoleReviewerCAC, casework.RoleReviewerSAMR},
		PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	out2, errOut2, done := startCLI(t, "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	m := waitFor(t, out2, errOut2, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 60*time.Second)
	// The database is named without its password or parameters.
	u, _ := url.Parse(dbURL)
	if want := fmt.Sprintf("(database postgres://%s@%s%s)", u.User.Username(), u.Host, u.Path); !strings.Contains(out2.String(), want) {
		t.Errorf("serve does not name the database as %s:\n%s", want, out2)
	}
	if _, err := os.Stat(cfg + ".control"); err != nil {
		t.Errorf("no control token beside the configuration: %v", err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second}
	resp, err := c.Get(m[1] + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	if tok == nil {
		t.Fatalf("login page has no csrf field:\n%s", body)
	}
	resp, err = c.PostForm(m[1]+"/login", url.Values{"csrf": {string(tok[1])}, "user": {"li"}, "password": {"a long enough password"}, "next": {"/cases"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	if resp.StatusCode != 200 || !strings.Contains(page, `id="case-table"`) || strings.Count(page, "data-case=") != len(cases) {
		t.Fatalf("queue after signing in: %d, want %d cases\n%.3000s", resp.StatusCode, len(cases), page)
	}
	for _, cs := range cases {
		if !strings.Contains(page, fmt.Sprintf(`data-case="%d"`, cs.ID)) {
			t.Errorf("the queue does not list case %d (%s)", cs.ID, cs.URL)
		}
	}

	// serve runs the job queue: the digest enqueued by the sweep is worked.
	deadline := time.Now().Add(2 * time.Minute)
	for s := digest(); s != "completed"; s = digest() {
		if time.Now().After(deadline) {
			t.Fatalf("digest job still %s two minutes after serve started\n%s", s, errOut2)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// The other commands on PostgreSQL: TestCommandsOnPostgreSQL.
}

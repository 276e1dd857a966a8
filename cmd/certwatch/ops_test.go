package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// TestBackupDuringAScheduledSweep runs serve on a large local site with a
// sweep every few seconds, takes a backup with the CLI while a sweep is
// running, and verifies the copy.
func TestBackupDuringAScheduledSweep(t *testing.T) {
	web, err := testbed.Start(testbed.Options{BigSitePages: 3000})
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	dir := t.TempDir()
	var cfg strings.Builder
	cfg.WriteString("database: c.db\nresolve_only: true\nresolve:\n  " + testbed.HostBig + ": " + web.Addr() + "\nallow_internal: [" + testbed.HostBig + "]\n")
	cfg.WriteString("limits: {per_host_delay: 20ms, per_host_parallel: 4}\n")
	cfg.WriteString("schedule: {sweep: \"@every 2s\", backup: \"\"}\n")
	cfg.WriteString("sources:\n  - {id: big, type: site, start: [\"http://" + testbed.HostBig + "/\"], depth: 6, max_pages: 5000}\n")
	cfgPath := writeFile(t, dir, "c.yaml", cfg.String())

	out, errOut, done := startCLI(t, "serve", "--config", cfgPath, "--listen", "127.0.0.1:0")
	waitFor(t, out, errOut, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 30*time.Second)
	code, sched, _ := runCLI(t, "", "schedule", "--config", cfgPath)
	if code != 0 || !strings.Contains(sched, "sweep") || !strings.Contains(sched, "@every 2s") || !strings.Contains(sched, "server at http://127.0.0.1:") {
		t.Errorf("schedule: exit %d\n%s", code, sched)
	}
	deadline := time.Now().Add(time.Minute)
	for web.TotalHits() < 200 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	code, sched, _ = runCLI(t, "", "schedule", "--config", cfgPath)
	if !strings.Contains(sched, "sweep running: yes") {
		t.Fatalf("no sweep running when the backup starts (%d requests so far):\n%s", web.TotalHits(), sched)
	}
	backup := filepath.Join(dir, "copy.db")
	code, bout, berr := runCLI(t, "", "backup", backup, "--config", cfgPath)
	if code != 0 || !strings.Contains(bout, "backup by the running server") || !strings.Contains(bout, "verified:") {
		t.Fatalf("backup during a sweep: exit %d\n%s%s", code, bout, berr)
	}
	rep, err := store.VerifyFile(backup)
	if err != nil || !rep.OK() {
		t.Fatalf("backup does not verify: %v %+v", err, rep)
	}
	if rep.Buckets["sweeps"] == 0 || rep.Buckets["frontier"] == 0 {
		t.Errorf("the backup holds no sweep in progress: %v", rep.Buckets)
	}
	if _, err := os.Stat(filepath.Join(dir, "c.db.control")); err != nil {
		t.Errorf("no control token beside the database while serving: %v", err)
	}
}

func TestCompactRefusedWhileServing(t *testing.T) {
	dir := t.TempDir()
	cfg := minimalConfig(t, dir)
	out, errOut, done := startCLI(t, "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	m := waitFor(t, out, errOut, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 30*time.Second)
	code, _, errText := runCLI(t, "", "compact", "--config", cfg)
	if code != 1 || !strings.Contains(errText, m[1]) {
		t.Errorf("compact while serving: exit %d\n%s", code, errText)
	}
}

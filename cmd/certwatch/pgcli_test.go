package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

// TestCommandsOnPostgreSQL: every command that reads or changes the
// database works on `database: postgres://…` through the store
// interfaces: after a sweep of the local site, the cases, evidence,
// user, audit, rules, model and report commands each do their work on
// PostgreSQL (checked in the database, not only from their output);
// --db with a URL works without a configuration; backup and compact,
// which work on the bbolt file itself, refuse and say what to use.
func TestCommandsOnPostgreSQL(t *testing.T) {
	resolve, start := pgSite(t)
	dbURL := pgstoretest.DB(t)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "pg.yaml", fmt.Sprintf(`database: %s
resolve_only: true
resolve:
%s
allow_internal: [pg.example]
limits: {per_host_delay: 1ms, timeout: 10s}
sources:
  - {id: site, type: site, start: [%q], depth: 2}
`, dbURL, resolve, start))
	if code, out, errOut := runCLI(t, "", "sweep", "--config", cfg); code != 0 {
		t.Fatalf("sweep: exit %d\n%s%s", code, out, errOut)
	}
	pst, err := pgstore.Open(context.Background(), dbURL, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blobstore.Open(context.Background(), filepath.Join(dir, "blobs"), blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer blobs.Close()
	b := pgstore.NewBackend(pst, blobs)
	defer b.Close()
	cli := func(stdin string, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, stdin, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
		return out
	}

	// cases list / show, evidence export.
	var listed []store.Case
	if err := json.Unmarshal([]byte(cli("", "cases", "list", "--config", cfg, "--format", "json")), &listed); err != nil || len(listed) != 2 {
		t.Fatalf("cases list: %d cases, %v; want the site's two offers", len(listed), err)
	}
	id := listed[0].ID
	snaps, err := b.Snapshots(id)
	if err != nil || len(snaps) == 0 {
		t.Fatalf("snapshots of case %d: %v", id, err)
	}
	if out := cli("", "cases", "show", fmt.Sprint(id), "--config", cfg); !strings.Contains(out, snaps[0].BodySHA256) || !strings.Contains(out, listed[0].URL) {
		t.Errorf("cases show %d lacks the snapshot hash %s:\n%s", id, snaps[0].BodySHA256, out)
	}
	exp := filepath.Join(dir, "evidence")
	cli("", "evidence", "export", fmt.Sprint(id), exp, "--config", cfg)
	sums, err := os.ReadFile(filepath.Join(exp, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	for _, line := range lines {
		sum, name, _ := strings.Cut(line, "  ")
		data, err := os.ReadFile(filepath.Join(exp, name))
		h := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(h[:]) != sum {
			t.Errorf("exported %s: %v, hash differs from SHA256SUMS", name, err)
		}
	}
	if len(lines) < 3 || !strings.Contains(string(sums), ".warc") {
		t.Errorf("evidence export wrote %d files:\n%s", len(lines), sums)
	}

	// --db with the URL alone: reading works; evidence bytes need the
	// configuration naming the blob store, and the command says so.
	if out := cli("", "cases", "list", "--db", dbURL); !strings.Contains(out, listed[1].URL) {
		t.Errorf("cases list --db URL:\n%s", out)
	}
	if code, _, errOut := runCLI(t, "", "evidence", "export", fmt.Sprint(id), filepath.Join(dir, "e2"), "--db", dbURL); code != 1 || !strings.Contains(errOut, "blob store") {
		t.Errorf("evidence export --db URL without a configuration: exit %d\n%s", code, errOut)
	}

	// user add / roles / disable / enable / passwd / list.
	cli("a long enough password\n", "user", "add", "li", "--role", "reviewer_cac", "--name", "李四", "--config", cfg)
	cli("", "user", "roles", "li", "--role", "reviewer_cac,approver", "--config", cfg)
	cli("", "user", "disable", "li", "--config", cfg)
	if u, err := b.User("li"); err != nil || !u.Disabled || len(u.Roles) != 2 || u.DisplayName != "李四" {
		t.Errorf("li after add, roles, disable: %+v, %v", u, err)
	}
	cli("", "user", "enable", "li", "--config", cfg)
	before, _ := b.User("li")
	cli("another long password\n", "user", "passwd", "li", "--config", cfg)
	if u, err := b.User("li"); err != nil || u.Disabled || u.PasswordHash == before.PasswordHash {
		t.Errorf("li after enable, passwd: %+v, %v", u, err)
	}
	if out := cli("", "--lang", "zh", "user", "list", "--config", cfg); !strings.Contains(out, "李四") || !strings.Contains(out, "审批人") {
		t.Errorf("user list:\n%s", out)
	}

	// rules activate / history / test / deactivate.
	pack := writeFile(t, dir, "pack.yaml", strings.Replace(cli("", "rules", "dump"), "version:", "version: pg-", 1))
	if !strings.Contains(readFile(t, pack), "version: pg-") {
		t.Fatalf("the dumped pack has no version line to change:\n%.500s", readFile(t, pack))
	}
	out := cli("", "rules", "activate", pack, "--config", cfg)
	ap, err := b.ActivePack()
	if err != nil || !strings.Contains(ap.Version, "@pg-") || !strings.Contains(out, "running certwatch serve processes switch to it within a minute") {
		t.Fatalf("rules activate: active pack %v, %v\n%s", ap != nil && strings.Contains(ap.Version, "@pg-"), err, out)
	}
	if out := cli("", "rules", "history", "--config", cfg); !strings.Contains(out, ap.Version) {
		t.Errorf("rules history lacks %s:\n%s", ap.Version, out)
	}
	if out := cli("", "rules", "test", pack, "--config", cfg); !regexp.MustCompile(`re-scored +2 of 2 stored cases`).MatchString(out) {
		t.Errorf("rules test:\n%s", out)
	}
	cli("", "rules", "deactivate", "--config", cfg)
	if _, err := b.ActivePack(); err == nil {
		t.Error("a pack is still active after rules deactivate")
	}

	// model train (with the database's decisions) / activate / history /
	// channel / deactivate.
	train := labelledFile(t, dir, "train.jsonl", 1, 10, "train")
	m := filepath.Join(dir, "m.cwm")
	if out := cli("", "model", "train", "--data", train, "--min-df", "1", "--from-store", "--config", cfg, "-o", m); !strings.Contains(out, "database: 2 cases") {
		t.Errorf("model train --from-store:\n%s", out)
	}
	cli("", "model", "activate", m, "--config", cfg)
	am, err := b.ActiveModel()
	if err != nil {
		t.Fatalf("no active model after model activate: %v", err)
	}
	if out := cli("", "model", "history", "--config", cfg); !strings.Contains(out, am.Version) {
		t.Errorf("model history lacks %s:\n%s", am.Version, out)
	}
	cli("", "model", "channel", "exam_fraud", "off", "--config", cfg)
	chs, err := b.ModelChannels()
	if err != nil || len(chs) != 1 || chs[0].Category != "exam_fraud" || chs[0].On {
		t.Errorf("model channels after switching exam_fraud off: %+v, %v", chs, err)
	}
	if out := cli("", "model", "channel", "--config", cfg); !regexp.MustCompile(`exam_fraud.*\s+off\s`).MatchString(out) {
		t.Errorf("model channel lists:\n%s", out)
	}
	cli("", "model", "deactivate", "--config", cfg)
	if _, err := b.ActiveModel(); err == nil {
		t.Error("a model is still active after model deactivate")
	}

	// audit list / verify: every change above is in the chain.
	if out := cli("", "audit", "list", "--config", cfg, "--limit", "100"); !strings.Contains(out, "user.add") || !strings.Contains(out, "rules.activate") ||
		!strings.Contains(out, "model.channel") {
		t.Errorf("audit list lacks the commands' entries:\n%s", out)
	}
	rep, err := b.VerifyAudit()
	if err != nil || !rep.OK() {
		t.Fatalf("VerifyAudit: %+v, %v", rep, err)
	}
	if out := cli("", "audit", "verify", "--config", cfg); !strings.Contains(out, fmt.Sprintf("audit log OK: %d entries", rep.Entries)) || !strings.Contains(out, rep.HeadHash) {
		t.Errorf("audit verify (want %d entries, head %s):\n%s", rep.Entries, rep.HeadHash, out)
	}
	if _, err := pst.Pool().Exec(context.Background(), `UPDATE audit SET detail = detail || 'x' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCLI(t, "", "audit", "verify", "--config", cfg); code != 1 || !strings.Contains(out, "BROKEN") {
		t.Errorf("audit verify after an edit in the database: exit %d\n%s", code, out)
	}

	// report over the period holding the sweep.
	sw, err := b.Sweep(1)
	if err != nil {
		t.Fatal(err)
	}
	day := sw.StartedAt.In(beijing.Zone).Format("2006-01-02")
	if out := cli("", "report", "--from", day, "--to", day, "--config", cfg); !regexp.MustCompile(`(?m)^\s*total\s+\d+\s+\d+\s+2\s`).MatchString(out) {
		t.Errorf("report for %s: want 2 found in the total row:\n%s", day, out)
	}

	// backup and compact work on the bbolt file itself: refused, saying
	// what to use on PostgreSQL, in the chosen language.
	for _, c := range []struct {
		args   []string
		zh, en string
	}{
		{[]string{"backup", filepath.Join(dir, "b.db")}, "pg_dump", "pg_basebackup"},
		{[]string{"compact"}, "VACUUM FULL", "autovacuum"},
	} {
		code, _, errOut := runCLI(t, "", append([]string{"--lang", "zh"}, append(c.args, "--config", cfg)...)...)
		if code != 1 || !strings.Contains(errOut, "「certwatch "+c.args[0]+"」") || !strings.Contains(errOut, c.zh) || strings.Contains(errOut, "bbolt database file itself") {
			t.Errorf("%s on PostgreSQL in Chinese: exit %d\n%s", c.args[0], code, errOut)
		}
		code, _, errOut = runCLI(t, "", append([]string{"--lang", "en"}, append(c.args, "--config", cfg)...)...)
		if code != 1 || !strings.Contains(errOut, c.en) || !strings.Contains(errOut, "bbolt database file itself") {
			t.Errorf("%s on PostgreSQL in English: exit %d\n%s", c.args[0], code, errOut)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

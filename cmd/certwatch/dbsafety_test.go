package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// TestBackupOntoTheServedDatabaseIsRefused is issue 10, defect 1 end to
// end: while serve runs, `certwatch backup` onto the database (by name,
// a symbolic or hard link, its lock or control file) exits 1 with a
// bilingual message and writes nothing; the server keeps its file; a
// second writer through a link is refused; everything written survives.
func TestBackupOntoTheServedDatabaseIsRefused(t *testing.T) {
	dir := t.TempDir()
	cfg := minimalConfig(t, dir)
	db := filepath.Join(dir, "c.db")
	if code, out, errOut := runCLI(t, "a long enough password\n", "user", "add", "alice", "--role", "admin", "--config", cfg); code != 0 {
		t.Fatalf("user add: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, done, stop := startStoppableCLI(t, "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	waitFor(t, out, errOut, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 30*time.Second)
	before, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	sym := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, sym); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{db, sym, hard, db + ".lock", db + ".control"} {
		code, bout, berr := runCLI(t, "", "--lang", "zh", "backup", target, "--config", cfg)
		if code != 1 || !strings.Contains(berr, "拒绝备份") || !strings.Contains(berr, "refusing to write a backup") {
			t.Errorf("backup %s while serving: exit %d\n%s%s", target, code, bout, berr)
		}
	}
	if after, err := os.Stat(db); err != nil || !os.SameFile(before, after) {
		t.Fatalf("the served database file was replaced: %v", err)
	}
	// A relative name is resolved by the CLI, and refused all the same.
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	code, _, berr := runCLI(t, "", "--lang", "zh", "backup", "c.db", "--config", cfg)
	os.Chdir(wd)
	if code != 1 || !strings.Contains(berr, "拒绝备份") {
		t.Errorf("backup c.db from the database's directory: exit %d\n%s", code, berr)
	}
	// A second writer through a link is refused while serve runs.
	for _, p := range []string{sym, hard} {
		code, uout, uerr := runCLI(t, "another long password\n", "user", "add", "mallory", "--role", "admin", "--db", p)
		if code == 0 || !strings.Contains(uerr, "in use") {
			t.Errorf("user add through %s while serving: exit %d\n%s%s", p, code, uout, uerr)
		}
	}
	// A good backup still works through the server.
	good := filepath.Join(t.TempDir(), "copy.db")
	if code, bout, berr := runCLI(t, "", "backup", good, "--config", cfg); code != 0 || !strings.Contains(bout, "backup by the running server") {
		t.Errorf("backup to a new file: exit %d\n%s%s", code, bout, berr)
	}
	stop()
	code, lout, _ := runCLI(t, "", "user", "list", "--config", cfg)
	if code != 0 || !strings.Contains(lout, "alice") || strings.Contains(lout, "mallory") {
		t.Errorf("user list after serve stopped: exit %d\n%s", code, lout)
	}
	if code, vout, _ := runCLI(t, "", "audit", "verify", "--config", cfg); code != 0 || !strings.Contains(vout, "audit log OK") {
		t.Errorf("audit verify: exit %d\n%s", code, vout)
	}
}

// TestCommandsOnADamagedDatabase is issue 10, defect 4 end to end:
// `cases list`, `cases show`, `audit verify` and `backup` on an empty or
// cut database exit 1 with a clear bilingual message instead of crashing.
func TestCommandsOnADamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	cfg := minimalConfig(t, dir)
	db := filepath.Join(dir, "c.db")
	for _, u := range []string{"alice", "bob", "carol"} {
		if code, out, errOut := runCLI(t, "a long enough password\n", "user", "add", u, "--role", "admin", "--config", cfg); code != 0 {
			t.Fatalf("user add: exit %d\n%s%s", code, out, errOut)
		}
	}
	good, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, 100, 4096, len(good) / 2} {
		if err := os.WriteFile(db, good[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"cases", "list"}, {"cases", "show", "1"}, {"audit", "verify"}, {"backup", filepath.Join(t.TempDir(), "b.db")},
		} {
			code, out, errOut := runCLI(t, "", append([]string{"--lang", "zh"}, append(args, "--config", cfg)...)...)
			if code != 1 || !strings.Contains(errOut, "数据库文件已损坏") || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, "certwatch backup") {
				t.Errorf("%v on a %d-byte database: exit %d\n%s%s", args, size, code, out, errOut)
			}
			if size == 0 && !strings.Contains(errOut, "empty (0 bytes)") {
				t.Errorf("%v on an empty file does not say it is empty: %s", args, errOut)
			}
		}
	}
}

// TestResumeWhenNoSweepWasRecorded is issue 10, defect 8: `--resume`
// after a kill that came before the sweep was recorded said "every sweep
// finished". It now says that nothing was started; after a finished sweep
// it names that sweep.
func TestResumeWhenNoSweepWasRecorded(t *testing.T) {
	dir := t.TempDir()
	cfg := minimalConfig(t, dir)
	// What a run killed right after opening the database leaves behind.
	st, err := store.Open(filepath.Join(dir, "c.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := runCLI(t, "", "--lang", "zh", "sweep", "--resume", "--config", cfg)
	if code != 1 || !strings.Contains(errOut, "没有可继续的巡查：上次巡查尚未开始记录") || !strings.Contains(errOut, "no sweep was ever recorded") || strings.Contains(errOut, "every sweep finished") {
		t.Errorf("resume with no sweep recorded: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "--lang", "en", "sweep", "--resume", "--config", cfg)
	if code != 1 || !strings.Contains(errOut, "no sweep was ever recorded") || strings.Contains(errOut, "没有可继续的巡查") {
		t.Errorf("resume with no sweep recorded, in English: exit %d\n%s%s", code, out, errOut)
	}
	st, err = store.Open(filepath.Join(dir, "c.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sw := store.Sweep{ConfigHash: "x"}
	if err := st.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishSweep(sw.ID, store.SweepFinished, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut = runCLI(t, "", "--lang", "zh", "sweep", "--resume", "--config", cfg)
	if code != 1 || !strings.Contains(errOut, "最近一次巡查（第 1 次，") || !strings.Contains(errOut, "+08:00 开始）已结束") || !strings.Contains(errOut, "the latest sweep (1, started") {
		t.Errorf("resume after a finished sweep: exit %d\n%s%s", code, out, errOut)
	}
}

package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeAudit writes n acknowledged audit entries and returns their objects.
func writeAudit(t *testing.T, s *Store, prefix string, n int) []string {
	t.Helper()
	var objs []string
	for i := range n {
		o := fmt.Sprintf("%s-%d", prefix, i)
		if _, err := s.Audit(AuditEntry{Actor: "reviewer", Action: "case.decide", Object: o}); err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o)
	}
	return objs
}

// checkAcknowledged reopens the database at path and checks that every
// acknowledged entry is there and the chain verifies.
func checkAcknowledged(t *testing.T, path string, objs []string) {
	t.Helper()
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	es, err := s.AuditEntries(AuditFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range es {
		have[e.Object] = true
	}
	for _, o := range objs {
		if !have[o] {
			t.Errorf("acknowledged write %s is gone after reopening", o)
		}
	}
	rep, err := s.VerifyAudit()
	if err != nil || !rep.OK() {
		t.Errorf("audit chain after reopening: %v %+v", err, rep)
	}
}

// TestBackupRefusesTheDatabaseItself is issue 10, defect 1: a backup
// written over the open database (by name, through a symbolic or hard
// link, its lock or control file) replaced the file under the server.
// Every such target is refused before anything is written, the database
// keeps its file, and the writes acknowledged before and after survive.
func TestBackupRefusesTheDatabaseItself(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acked := writeAudit(t, s, "before", 20)
	if err := os.WriteFile(path+".control", []byte("token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	lockBefore, err := os.Stat(path + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	sym := filepath.Join(dir, "link.db")
	if err := os.Symlink(path, sym); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	symDir := filepath.Join(t.TempDir(), "dirlink")
	if err := os.Symlink(dir, symDir); err != nil {
		t.Fatal(err)
	}
	lockSym := filepath.Join(dir, "lock-link")
	if err := os.Symlink(path+".lock", lockSym); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// Another database held open by this process (as a second server's).
	other, err := Open(filepath.Join(dir, "other.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, target := range []string{
		path,
		filepath.Join(dir, ".", "certwatch.db"),
		filepath.Join(symDir, "certwatch.db"),
		sym,
		hard,
		path + ".lock",
		lockSym,
		path + ".control",
		path + ".compact",
		dir,
		filepath.Join(path, "inside.db"),
		filepath.Join(dir, "other.db"),
		fifo,
		os.DevNull,
	} {
		_, err := s.BackupFile(target)
		if !errors.Is(err, ErrUnsafeTarget) {
			t.Errorf("BackupFile(%s) = %v, want ErrUnsafeTarget", target, err)
			continue
		}
		if !strings.Contains(err.Error(), "nothing was written") {
			t.Errorf("BackupFile(%s): message %q", target, err)
		}
		if err := CheckBackupTarget(path, target); !errors.Is(err, ErrUnsafeTarget) {
			t.Errorf("CheckBackupTarget(%s) = %v, want ErrUnsafeTarget", target, err)
		}
	}
	after, err := os.Stat(path)
	if err != nil || !os.SameFile(before, after) {
		t.Fatalf("the database file was replaced: %v", err)
	}
	if l, err := os.Stat(path + ".lock"); err != nil || !os.SameFile(lockBefore, l) {
		t.Fatalf("the lock file was replaced: %v", err)
	}
	if err := s.Healthy(); err != nil {
		t.Fatalf("store unhealthy after refused backups: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), backupTempPrefix) {
			t.Errorf("a refused backup left %s", e.Name())
		}
	}
	// A good target still works, and writes go on.
	good := filepath.Join(dir, "copy.db")
	if _, err := s.BackupFile(good); err != nil {
		t.Fatal(err)
	}
	acked = append(acked, writeAudit(t, s, "after", 20)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	checkAcknowledged(t, path, acked)
}

// TestSecondWriterThroughALinkIsRefused: while one process holds the
// database, another opening it through a symbolic link or a hard link is
// refused, and through the link is told who holds it.
func TestSecondWriterThroughALinkIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "certwatch.db")
	cmd, out, _ := startHelper(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("helper: %q %v", out.Text(), out.Err())
	}
	sym := filepath.Join(t.TempDir(), "elsewhere.db")
	if err := os.Symlink(path, sym); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{sym, hard} {
		for _, ro := range []bool{false, true} {
			_, err := Open(p, Options{LockTimeout: 200 * time.Millisecond, ReadOnly: ro})
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("Open(%s, read-only %t) while another process holds it: %v, want ErrLocked", p, ro, err)
			}
			var le *LockedError
			if p == sym && (!errors.As(err, &le) || le.Holder == nil || le.Holder.PID != cmd.Process.Pid) {
				t.Errorf("Open through a symbolic link: %v does not name pid %d", err, cmd.Process.Pid)
			}
		}
	}
}

// TestReplacedDatabaseIsNoticed: a database file renamed over while its
// holder runs (what a backup onto the database did) does not let a second
// writer or reader in, and the holder refuses further writes instead of
// acknowledging them into the replaced file.
func TestReplacedDatabaseIsNoticed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acked := writeAudit(t, s, "before", 5)
	// A copy renamed over the database, as `backup <db>` did.
	cp := filepath.Join(dir, "copy.db")
	if err := copyFileTo(path, cp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(cp, path); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		if _, err := Open(path, Options{LockTimeout: 200 * time.Millisecond, ReadOnly: ro}); !errors.Is(err, ErrLocked) {
			t.Fatalf("Open(read-only %t) of the swapped file while the holder runs: %v, want ErrLocked", ro, err)
		}
	}
	if _, err := s.Audit(AuditEntry{Actor: "reviewer", Action: "case.decide", Object: "lost"}); !errors.Is(err, ErrReplaced) {
		t.Fatalf("write after the file was replaced: %v, want ErrReplaced", err)
	}
	if err := s.Healthy(); !errors.Is(err, ErrReplaced) {
		t.Errorf("Healthy = %v, want ErrReplaced", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	checkAcknowledged(t, path, acked)

	// The lock file removed under a live holder: writes refused too.
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if err := os.Remove(path + ".lock"); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Audit(AuditEntry{Actor: "a", Action: "x", Object: "y"}); !errors.Is(err, ErrReplaced) {
		t.Errorf("write after the lock file was removed: %v, want ErrReplaced", err)
	}
}

// deadPID is the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestInterruptedBackupLeavesNoTempFile is issue 10, defect 8: an
// interrupted backup left its large temporary file forever. The next
// backup into the directory, or the next Open of a database there, removes
// the ones nobody is writing; a backup in progress (it holds a lock on its
// file) is left alone; a backup stopped by its context removes its own.
func TestInterruptedBackupLeavesNoTempFile(t *testing.T) {
	s, _ := openTest(t)
	writeAudit(t, s, "x", 3)
	dir := t.TempDir()
	big := bytes.Repeat([]byte{0xab}, 1<<20)
	old := time.Now().Add(-2 * time.Hour)
	killed := filepath.Join(dir, fmt.Sprintf("%s%d-4242.tmp", backupTempPrefix, deadPID(t)))
	oldStyle := filepath.Join(dir, backupTempPrefix+"3141592653")
	held := filepath.Join(dir, fmt.Sprintf("%s%d-7.tmp", backupTempPrefix, os.Getpid()))
	fresh := filepath.Join(dir, fmt.Sprintf("%s%d-8.tmp", backupTempPrefix, os.Getpid()))
	for _, p := range []string{killed, oldStyle, held, fresh} {
		if err := os.WriteFile(p, big, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{oldStyle, held} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	// A backup in progress in another process holds its file.
	hf, err := os.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	if err := tryFlock(hf, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BackupFile(filepath.Join(dir, "b.db")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{killed, oldStyle} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s survived the next backup: %v", filepath.Base(p), err)
		}
	}
	for _, p := range []string{held, fresh} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s (in use or just created) was removed: %v", filepath.Base(p), err)
		}
	}
	hf.Close()
	if got := CleanBackupTemps(dir); len(got) != 1 || got[0] != held {
		t.Errorf("after its writer let go: removed %v, want %s", got, held)
	}

	// Beside a database: removed by the next Open for writing.
	dbDir := t.TempDir()
	stale := filepath.Join(dbDir, fmt.Sprintf("%s%d-1.tmp", backupTempPrefix, deadPID(t)))
	if err := os.WriteFile(stale, big, 0o600); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(filepath.Join(dbDir, "certwatch.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file beside the database survived Open: %v", err)
	}

	// Stopped (a signal, a client gone): its own file goes.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.BackupFileContext(ctx, filepath.Join(dir, "c.db")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled backup: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "b.db" && e.Name() != filepath.Base(fresh) {
			t.Errorf("left in the backup directory: %s", e.Name())
		}
	}
}

// BenchmarkCheckIdentity is the cost every write transaction pays to
// know the database's name still leads to its file (two stat calls),
// against about 1 ms for a commit.
func BenchmarkCheckIdentity(b *testing.B) {
	s, _ := openTest(b)
	for b.Loop() {
		if err := s.checkIdentity(); err != nil {
			b.Fatal(err)
		}
	}
}

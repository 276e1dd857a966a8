//go:build linux

package browser

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStaleProfilesRemoved: profiles whose lock nobody holds (a killed
// render's) and old unlocked ones are removed at the next browser start;
// a live one (its lock held) and a young unlocked one are kept.
func TestStaleProfilesRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mk := func(name string, lock bool, age time.Duration) string {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(dir, "Default"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "Default", "Cookies"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if lock {
			if err := os.WriteFile(filepath.Join(dir, profileLockName), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		old := time.Now().Add(-age)
		if err := os.Chtimes(dir, old, old); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	deadOwner := mk(profilePrefix+"999999-1", true, 0)
	oldFormat := mk(profilePrefix+"123456", false, 2*time.Hour)
	young := mk(profilePrefix+"654321", false, 0)
	other := mk("not-certwatch-chromium", true, 2*time.Hour)
	live, lock, err := newProfile()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()

	removed := cleanStaleProfiles()
	for _, dir := range []string{deadOwner, oldFormat} {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("stale %s kept (removed %q)", filepath.Base(dir), removed)
		}
	}
	for _, dir := range []string{young, other, live} {
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(dir), err)
		}
	}
}

// TestKilledRenderProfileCleaned kills (SIGKILL) a process while its
// browser is up, then starts a browser here: the killed process's profile
// is gone afterwards.
func TestKilledRenderProfileCleaned(t *testing.T) {
	if os.Getenv("CERTWATCH_RENDER_CHILD") != "" {
		renderChild()
		return
	}
	needChromium(t)
	// Short: Chromium's socket path under the profile must fit in 108
	// bytes.
	tmp, err := os.MkdirTemp("/tmp", "cw")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	t.Setenv("TMPDIR", tmp)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRenderProfileCleaned$", "-test.timeout=2m")
	cmd.Env = append(os.Environ(), "CERTWATCH_RENDER_CHILD=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var dir string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if d, ok := strings.CutPrefix(sc.Text(), "PROFILE "); ok {
			dir = d
			break
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	// This process is a subreaper (adoptOrphans): the killed child's
	// browser processes become ours when they die. Reap them at the end,
	// so later tests that count child processes start clean.
	t.Cleanup(func() { reapAdopted(t) })
	if dir == "" {
		t.Fatalf("the child did not render (%v)", cmd.ProcessState)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the killed render left no profile to clean (%v): the test proves nothing", err)
	}

	p := newPool(t, Options{})
	if err := blankTab(p); err != nil {
		t.Fatalf("a tab in a new browser: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the killed render's profile %s is still there (%v)", dir, err)
	}
}

// renderChild opens a tab, prints its browser's profile and waits to be
// killed.
func renderChild() {
	p, err := New(Options{})
	if err != nil {
		os.Exit(2)
	}
	if err := blankTab(p); err != nil {
		fmt.Fprintln(os.Stderr, "child tab:", err)
		os.Exit(3)
	}
	_, dir, _ := p.Process()
	os.Stdout.WriteString("PROFILE " + dir + "\n")
	time.Sleep(time.Minute)
	os.Exit(4)
}

// reapAdopted kills and reaps the children of this process, waiting a
// few seconds at most. Only the killed child's orphans can be children
// here: the test's own crawler is closed (and reaped) before.
func reapAdopted(t *testing.T) {
	self := os.Getpid()
	deadline := time.Now().Add(5 * time.Second)
	for {
		live := 0
		for _, pid := range allPids() {
			st, ok := readStat(pid)
			if !ok || st.ppid != self {
				continue
			}
			if st.state == 'Z' {
				var ws syscall.WaitStatus
				_, _ = syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
				continue
			}
			// Only the killed child's orphans can still be running here.
			_ = syscall.Kill(pid, syscall.SIGKILL)
			live++
		}
		if live == 0 || time.Now().After(deadline) {
			if live > 0 {
				t.Logf("%d adopted processes still running", live)
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a command writing while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startCLI runs a long-running command until the test ends.
func startCLI(t *testing.T, args ...string) (out, errOut *syncBuffer, done <-chan int) {
	out, errOut, done, _ = startStoppableCLI(t, args...)
	return out, errOut, done
}

// startStoppableCLI is startCLI with a function that stops the command
// (as Ctrl-C does) and waits for it.
func startStoppableCLI(t *testing.T, args ...string) (out, errOut *syncBuffer, done <-chan int, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut = &syncBuffer{}, &syncBuffer{}
	ch := make(chan int, 1)
	go func() { ch <- run(ctx, args, strings.NewReader(""), out, errOut) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-ch:
			case <-time.After(30 * time.Second):
				t.Error("command did not stop")
			}
		})
	}
	t.Cleanup(stop)
	return out, errOut, ch, stop
}

// waitFor polls the output for a pattern.
func waitFor(t *testing.T, out, errOut *syncBuffer, done <-chan int, re *regexp.Regexp, limit time.Duration) []string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		select {
		case code := <-done:
			t.Fatalf("command ended (exit %d) before printing %s:\n%s\n%s", code, re, out, errOut)
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("no %s within %v:\n%s\n%s", re, limit, out, errOut)
	return nil
}

func minimalConfig(t *testing.T, dir string) string {
	return writeFile(t, dir, "c.yaml", "database: c.db\nsources:\n  - {id: a, type: urls, urls: [\"http://a.example/\"]}\n")
}

func TestUserAddAndAuditVerifyCatchesAnEditedEntry(t *testing.T) {
	dir := t.TempDir()
	cfg := minimalConfig(t, dir)
	if code, out, errOut := runCLI(t, "short\n", "user", "add", "alice", "--role", "admin", "--config", cfg); code != 1 || !strings.Contains(errOut, "at least 10 characters") {
		t.Errorf("short password: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "a long enough password\n", "user", "add", "alice", "--role", "boss", "--config", cfg); code != 2 || !strings.Contains(errOut, `unknown role "boss"`) {
		t.Errorf("bad role: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{
		{"user", "add", "alice", "--role", "admin", "--name", "爱丽丝"},
		{"user", "add", "bob", "--role", "reviewer_cac,approver"},
		{"user", "disable", "bob"},
		{"user", "passwd", "alice"},
	} {
		if code, out, errOut := runCLI(t, "a long enough password\n", append(args, "--config", cfg)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	code, out, errOut := runCLI(t, "", "user", "list", "--config", cfg)
	if code != 0 || !strings.Contains(out, "alice") || !regexp.MustCompile(`bob\s+reviewer_cac,approver\s+true`).MatchString(out) {
		t.Errorf("user list: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "audit", "verify", "--config", cfg)
	if code != 0 || !strings.Contains(out, "audit log OK: 4 entries") {
		t.Fatalf("audit verify on an untouched log: exit %d\n%s", code, out)
	}

	// Edit the file: bob's account change "disabled=true" becomes
	// "disabled=nope" — same length, so bbolt still opens it.
	db := filepath.Join(dir, "c.db")
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	old := []byte("disabled=true")
	if !bytes.Contains(data, old) {
		t.Fatal("the audit detail is not in the file")
	}
	// (Freed pages may hold older copies of the same leaf: edit them all.)
	if err := os.WriteFile(db, bytes.ReplaceAll(data, old, []byte("disabled=nope")), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", "audit", "verify", "--config", cfg)
	if code != 1 || !strings.Contains(out, "audit log BROKEN") || !strings.Contains(out, "entry 3 was changed") {
		t.Errorf("audit verify after an edit: exit %d\n%s%s", code, out, errOut)
	}
}

func TestCommandsRefusedWhileServing(t *testing.T) {
	dir := t.TempDir()
	cfg := minimalConfig(t, dir)
	out, errOut, done := startCLI(t, "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	m := waitFor(t, out, errOut, done, regexp.MustCompile(`review UI on (http://127\.0\.0\.1:\d+)`), 30*time.Second)
	resp, err := http.Get(m[1] + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", err, resp)
	}
	resp.Body.Close()
	for _, args := range [][]string{
		{"user", "add", "carol", "--role", "admin"},
		{"sweep"},
		{"audit", "verify"},
	} {
		code, _, errOut := runCLI(t, "a long enough password\n", append(args, "--config", cfg)...)
		if code != 1 || !strings.Contains(errOut, "serves the review UI and API at "+m[1]) {
			t.Errorf("%v while serving: exit %d, want 1 naming %s:\n%s", args, code, m[1], errOut)
		}
	}
}

// TestDemoEndsWithTheReviewUI runs `certwatch demo` as a new user would:
// it sweeps the sample web, prints the UI's address and demo logins, and
// the printed login works.
func TestDemoEndsWithTheReviewUI(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	out, errOut, done := startCLI(t, "demo", "--dir", t.TempDir(), "--listen", "127.0.0.1:0")
	m := waitFor(t, out, errOut, done, regexp.MustCompile(`Open  (http://127\.0\.0\.1:\d+)/login`), 3*time.Minute)
	login := regexp.MustCompile(`(?m)^  wangxin\s+(\S+)`).FindStringSubmatch(out.String())
	if login == nil {
		t.Fatalf("demo prints no login for wangxin:\n%s", out)
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
	resp, err = c.PostForm(m[1]+"/login", url.Values{"csrf": {string(tok[1])}, "user": {"wangxin"}, "password": {login[1]}, "next": {"/cases"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `id="case-table"`) || strings.Count(string(body), "data-case=") < 10 {
		t.Errorf("after signing in with the printed password: %d\n%.3000s", resp.StatusCode, body)
	}
}

// Package servetool starts a real `certwatch serve` on loopback for the
// load tools (tools/loginburst, tools/metricsload): it builds the binary
// when none is given, writes a minimal configuration in a temporary
// directory, adds one account and waits until /healthz answers.
package servetool

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// Options says what to start.
type Options struct {
	// Bin is the certwatch binary; empty builds ./cmd/certwatch (run the
	// tool from the repository root).
	Bin string
	// Prefix names the temporary directory.
	Prefix string
	// Fill, when set, writes the database (at the path it is given) before
	// serve opens it.
	Fill func(db string) error
	// User, Role and Password are the account added before serve starts.
	User, Role, Password string
}

// Serve is a running `certwatch serve`.
type Serve struct {
	Base string // http://127.0.0.1:PORT
	PID  int
	dir  string
	cmd  *exec.Cmd
	logs bytes.Buffer
}

// Start builds (if needed), configures and starts serve. Stop it with Stop.
func Start(o Options) (*Serve, error) {
	dir, err := os.MkdirTemp("", o.Prefix)
	if err != nil {
		return nil, err
	}
	s := &Serve{dir: dir}
	if err := s.start(o); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Serve) start(o Options) error {
	bin := o.Bin
	if bin == "" {
		bin = filepath.Join(s.dir, "certwatch")
		build := exec.Command("go", "build", "-tags", "ne", "-o", bin, "./cmd/certwatch")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build certwatch (run from the repository root): %w", err)
		}
	}
	db := filepath.Join(s.dir, "c.db")
	if o.Fill != nil {
		if err := o.Fill(db); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := filepath.Join(s.dir, "certwatch.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`database: %s
resolve_only: true
resolve:
  a.example: 127.0.0.1:1
serve:
  listen: %s
sources:
  - {id: a, type: urls, urls: ["http://a.example/"]}
`, db, addr)), 0o600); err != nil {
		return err
	}
	add := exec.Command(bin, "user", "add", o.User, "--role", o.Role, "--config", cfg)
	add.Stdin = strings.NewReader(o.Password + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		return fmt.Errorf("user add: %v\n%s", err, out)
	}
	s.cmd = exec.Command(bin, "serve", "--config", cfg)
	s.cmd.Stdout, s.cmd.Stderr = &s.logs, &s.logs
	if err := s.cmd.Start(); err != nil {
		return err
	}
	s.PID = s.cmd.Process.Pid
	s.Base = "http://" + addr
	if err := waitReady(s.Base); err != nil {
		return fmt.Errorf("%w\nserve said:\n%s", err, s.logs.String())
	}
	return nil
}

// Stop ends serve (SIGTERM, then SIGKILL after 30 s) and removes the
// temporary directory.
func (s *Serve) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- s.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			<-done
		}
	}
	os.RemoveAll(s.dir)
}

func waitReady(base string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("serve did not answer /healthz within 60 s")
}

// NewClient connects from the loopback address from (empty: any), keeps
// cookies and follows no redirect.
func NewClient(from string) *http.Client {
	jar, _ := cookiejar.New(nil)
	d := &net.Dialer{}
	if from != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 1}
	return &http.Client{Transport: tr, Jar: jar, Timeout: 2 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Get fetches u and returns its status and up to 4 MiB of its body.
func Get(c *http.Client, u string) (int, []byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	return resp.StatusCode, b, err
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// SignIn loads the login page for its token and posts the form; it returns
// the answer's status (303 on success).
func SignIn(c *http.Client, base, user, pw string) (int, error) {
	st, body, err := Get(c, base+"/login")
	if err != nil || st != http.StatusOK {
		return st, fmt.Errorf("GET /login: %d %v", st, err)
	}
	m := csrfField.FindSubmatch(body)
	if m == nil {
		return 0, errors.New("no csrf field on the login page")
	}
	resp, err := c.PostForm(base+"/login", url.Values{"csrf": {string(m[1])}, "user": {user}, "password": {pw}})
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

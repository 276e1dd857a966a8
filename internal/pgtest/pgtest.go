// Package pgtest gives tests a throwaway PostgreSQL server: one cluster per
// test binary, started by [Main] from TestMain (initdb into a temporary
// directory, then the server on a free loopback port), and a fresh database
// per test from [DB]. The cluster is stopped and its directory removed when
// the tests end.
//
// When CERTWATCH_TEST_POSTGRES holds a server URL
// (postgres://user:password@host:port/db), no cluster is started: the tests
// create and drop their databases on that server, as that user (who needs
// CREATEDB).
//
// The server binaries come from Debian's postgresql package
// (/usr/lib/postgresql/VERSION/bin; the newest installed version is used, or
// the directory named by CERTWATCH_POSTGRES_BIN). When they are missing, Main
// fails the test binary with a message naming the package to install; it
// never skips. PostgreSQL refuses to run as root: a test binary running as
// root runs initdb and the server as the postgres system user (which the
// Debian package creates), in a directory chowned to it.
//
// The server runs as a direct child of the test binary with a parent-death
// signal, so a test binary killed by its -timeout (or by anything else)
// takes its server down with it instead of leaving it running. It runs with
// fsync off: the data is thrown away anyway.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvServer names an existing server to use instead of a throwaway cluster.
const EnvServer = "CERTWATCH_TEST_POSTGRES"

// EnvBin names the directory holding initdb and postgres, when not the
// Debian default.
const EnvBin = "CERTWATCH_POSTGRES_BIN"

// installHint says how to get the binaries on the machines this project
// runs on.
const installHint = "install Debian's PostgreSQL server: apt-get install -y postgresql " +
	"(or set " + EnvServer + "=postgres://USER@HOST:PORT/DB to use a running server)"

// startTimeout bounds initdb plus the server's start; on this project's
// 2-core machines shared by several builds both take a few seconds.
const startTimeout = 2 * time.Minute

// maxStartAttempts bounds retries when another process took the free port
// between our probe and the server's bind.
const maxStartAttempts = 3

var (
	mu       sync.Mutex
	adminURL string   // a URL of the server's maintenance database, set by Main
	cluster  *Cluster // nil when EnvServer was given
	dbSeq    atomic.Int64
)

// Main runs the package's tests against a throwaway cluster (or the server
// in CERTWATCH_TEST_POSTGRES) and exits with their status. Call it from
// TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if env := os.Getenv(EnvServer); env != "" {
		if _, err := url.Parse(env); err != nil || !strings.HasPrefix(env, "postgres") {
			fmt.Fprintf(os.Stderr, "pgtest: %s=%q is not a postgres:// URL\n", EnvServer, env)
			return 1
		}
		mu.Lock()
		adminURL = env
		mu.Unlock()
		code := m.Run()
		dropTemplates(env)
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	c, err := Start(ctx)
	cancel()
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		return 1
	}
	mu.Lock()
	cluster, adminURL = c, c.URL("postgres")
	mu.Unlock()
	code := m.Run()
	if err := c.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// DB creates a new, empty database for t and returns its URL; it is dropped
// when t ends. It fails t when Main did not run (no TestMain).
func DB(t testing.TB) string {
	t.Helper()
	mu.Lock()
	admin := adminURL
	mu.Unlock()
	if admin == "" {
		t.Fatal("pgtest: no server: call pgtest.Main(m) from the package's TestMain")
	}
	name := dbName(t.Name(), dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := exec1(ctx, admin, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+createOptions(ctx, admin)); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() { dropDB(t, admin, name) })
	u, err := withDatabase(admin, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return u
}

// AdminURL is the URL of the server's maintenance database (for tests that
// create databases themselves); empty when Main did not run.
func AdminURL() string {
	mu.Lock()
	defer mu.Unlock()
	return adminURL
}

var unsafeName = regexp.MustCompile(`[^a-z0-9_]+`)

// dbName is a database name from a test's name: readable in server logs,
// unique in the binary, within PostgreSQL's 63 bytes.
func dbName(test string, seq int64) string {
	s := unsafeName.ReplaceAllString(strings.ToLower(test), "_")
	suffix := fmt.Sprintf("_%d_%d", os.Getpid(), seq)
	if max := 63 - len("t_") - len(suffix); len(s) > max {
		s = s[:max]
	}
	return "t_" + s + suffix
}

var (
	createOnce sync.Once
	createOpts string
)

// createOptions makes CREATE DATABASE copy the template's files (about
// 0.15 s here) rather than write them through the WAL (about 1 s), on
// servers that have the choice (PostgreSQL 15 and later).
func createOptions(ctx context.Context, admin string) string {
	createOnce.Do(func() {
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return
		}
		defer conn.Close(context.WithoutCancel(ctx))
		var v int
		if conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&v) == nil && v >= 150000 {
			createOpts = " STRATEGY FILE_COPY"
		}
	})
	return createOpts
}

func exec1(ctx context.Context, connURL, sql string) error {
	conn, err := pgx.Connect(ctx, connURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

// withDatabase returns connURL naming database name instead.
func withDatabase(connURL, name string) (string, error) {
	u, err := url.Parse(connURL)
	if err != nil {
		return "", fmt.Errorf("parse server URL: %w", err)
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

// Cluster is a running throwaway PostgreSQL cluster.
type Cluster struct {
	Dir  string // data directory (also holds the socket and the log)
	Port int
	Bin  string // directory of the server binaries

	cmd      *exec.Cmd
	root     string // the temporary directory holding Dir
	exited   chan struct{}
	waitErr  error
	stopOnce sync.Once
	stopErr  error
}

// URL is the URL of database db on the cluster, as its superuser.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, db)
}

// FindBin returns the directory holding initdb and postgres: EnvBin, else
// the newest /usr/lib/postgresql/*/bin that has both, else the directory of
// an initdb on PATH.
func FindBin() (string, error) {
	has := func(dir string) bool {
		for _, b := range []string{"initdb", "postgres"} {
			if fi, err := os.Stat(filepath.Join(dir, b)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if dir := os.Getenv(EnvBin); dir != "" {
		if !has(dir) {
			return "", fmt.Errorf("%s=%s has no initdb and postgres; %s", EnvBin, dir, installHint)
		}
		return dir, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return majorOf(b) - majorOf(a) }) // newest first
	for _, d := range dirs {
		if has(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil && has(filepath.Dir(p)) {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("PostgreSQL server binaries (initdb, postgres) not found in /usr/lib/postgresql/*/bin or on PATH; %s", installHint)
}

// majorOf is the version in /usr/lib/postgresql/VERSION/bin (0 if none).
func majorOf(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start creates a cluster in a new temporary directory and starts its server
// on a free loopback port. Stop it with Stop.
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	cred, owner, err := runAs()
	if err != nil {
		return nil, err
	}
	removeStale()
	root, err := os.MkdirTemp("", tempPrefix)
	if err != nil {
		return nil, fmt.Errorf("create cluster directory: %w", err)
	}
	// The temporary directory's parent is world-searchable (/tmp); the
	// data directory inside must belong to the server's user.
	if err := os.Chmod(root, 0o755); err != nil {
		os.RemoveAll(root)
		return nil, err
	}
	dir := filepath.Join(root, "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		os.RemoveAll(root)
		return nil, err
	}
	if owner != nil {
		if err := os.Chown(dir, owner.uid, owner.gid); err != nil {
			os.RemoveAll(root)
			return nil, fmt.Errorf("hand %s to the %s user: %w", dir, owner.name, err)
		}
	}
	c := &Cluster{Dir: dir, Bin: bin, root: root}
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"),
		"-D", dir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	initdb.Dir = root
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(root)
		return nil, fmt.Errorf("initdb %s: %w\n%s", dir, err, lastLines(string(out), 20))
	}
	for attempt := 1; ; attempt++ {
		port, perr := freePort()
		if perr != nil {
			os.RemoveAll(root)
			return nil, perr
		}
		err = c.start(ctx, cred, port)
		if err == nil {
			return c, nil
		}
		if attempt == maxStartAttempts || ctx.Err() != nil {
			os.RemoveAll(root)
			return nil, err
		}
	}
}

// tempPrefix names the temporary directories of clusters.
const tempPrefix = "certwatch-pgtest-"

// staleAge is how old a cluster directory without a running server must
// be before removeStale takes it (a younger one may be another test
// binary's, still in initdb).
const staleAge = 10 * time.Minute

// removeStale removes the cluster directories that test binaries killed
// before they could stop their cluster left behind (their servers went
// with them: see Pdeathsig): older than staleAge, and no live server
// named in their postmaster.pid.
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), tempPrefix+"*"))
	for _, d := range dirs {
		fi, err := os.Stat(d)
		if err != nil || !fi.IsDir() || time.Since(fi.ModTime()) < staleAge {
			continue
		}
		if pid, err := os.ReadFile(filepath.Join(d, "data", "postmaster.pid")); err == nil {
			first, _, _ := strings.Cut(string(pid), "\n")
			if n, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && syscall.Kill(n, 0) == nil {
				continue // its server runs
			}
		}
		os.RemoveAll(d)
	}
}

// serverSettings suit a throwaway test server: no fsync (the data survives
// the server's crash, not the machine's), small memory (several test
// binaries may run at once), enough connections for tests that open many.
// synchronous_commit stays on: a commit is written to the WAL before it is
// acknowledged, so tests that restart the server (Restart) lose nothing a
// client was told is committed, as with a real server.
var serverSettings = []string{
	"fsync=off", "full_page_writes=off",
	"shared_buffers=32MB", "max_connections=200",
	"listen_addresses=127.0.0.1",
	"log_min_messages=warning", "logging_collector=off",
}

func (c *Cluster) start(ctx context.Context, cred *syscall.Credential, port int) error {
	c.Port = port
	args := []string{"-D", c.Dir, "-p", strconv.Itoa(port), "-k", c.Dir}
	for _, s := range serverSettings {
		args = append(args, "-c", s)
	}
	logPath := filepath.Join(c.root, "server.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	// Not exec.CommandContext: ctx bounds the start, not the server's life.
	cmd := exec.Command(filepath.Join(c.Bin, "postgres"), args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Dir = c.root
	// SIGQUIT is PostgreSQL's immediate shutdown: the postmaster ends its
	// backends and removes its shared memory.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT, Setpgid: true}
	// Pdeathsig fires when the thread that started the child ends, not
	// the process (golang/go#27505): start and wait on a locked thread
	// that lives as long as the server.
	exited := make(chan struct{})
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := cmd.Start()
		logFile.Close()
		started <- err
		if err != nil {
			return
		}
		c.waitErr = cmd.Wait()
		close(exited)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.cmd, c.exited = cmd, exited
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		pingCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(pingCtx, c.URL("postgres"))
		cancel()
		if err == nil {
			conn.Close(ctx)
			return nil
		}
		select {
		case <-c.exited:
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("postgres on port %d exited at start (%v):\n%s", port, c.waitErr, lastLines(string(log), 20))
		case <-ctx.Done():
			c.kill()
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("postgres on port %d not ready: %w (last error: %v)\n%s", port, ctx.Err(), err, lastLines(string(log), 20))
		case <-tick.C:
		}
	}
}

func (c *Cluster) kill() {
	c.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-c.exited:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-c.exited
	}
}

// Stop shuts the server down (fast shutdown: sessions are ended) and
// removes the cluster's directory.
func (c *Cluster) Stop() error {
	c.stopOnce.Do(func() {
		c.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-c.exited:
		case <-time.After(30 * time.Second):
			c.kill()
			c.stopErr = errors.New("postgres did not stop within 30 s of a fast shutdown; killed")
		}
		if err := os.RemoveAll(c.root); err != nil && c.stopErr == nil {
			c.stopErr = fmt.Errorf("remove cluster directory: %w", err)
		}
	})
	return c.stopErr
}

// Restart stops the server at once (immediate shutdown, as a crash would)
// and starts it again on the same port and data: for tests of what clients
// do when the server goes away.
func (c *Cluster) Restart(ctx context.Context) error {
	c.kill()
	cred, _, err := runAs()
	if err != nil {
		return err
	}
	for {
		err := c.start(ctx, cred, c.Port)
		if err == nil || ctx.Err() != nil {
			return err
		}
		select { // the old socket may linger briefly
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Current returns the cluster Main started; nil when the tests use a server
// named by CERTWATCH_TEST_POSTGRES.
func Current() *Cluster {
	mu.Lock()
	defer mu.Unlock()
	return cluster
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port, nil
}

type account struct {
	name     string
	uid, gid int
}

// runAs returns the credential to run the server with: none when not root;
// the postgres system user's when root (PostgreSQL refuses to run as root).
func runAs() (*syscall.Credential, *account, error) {
	if os.Geteuid() != 0 {
		return nil, nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, nil, fmt.Errorf("running as root, and PostgreSQL refuses to run as root, but there is no postgres system user to run it as (%v); %s (the package creates the user)", err, installHint)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil {
		return nil, nil, fmt.Errorf("postgres user has uid %q gid %q", u.Uid, u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, &account{name: "postgres", uid: uid, gid: gid}, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

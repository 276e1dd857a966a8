package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// processStart approximates this process's start time: package variables
// are initialised before main runs.
var processStart = time.Now().UTC()

// LockHolder is what PATH.lock says about the process that opened the
// database for writing.
type LockHolder struct {
	PID  int      `json:"pid"`
	Args []string `json:"args"` // os.Args
	// Since is when that process started.
	Since time.Time `json:"since"`
	// URL is where the holder serves the UI and API (certwatch serve), so
	// a command refused the lock can say where to go instead.
	URL string `json:"url,omitempty"`
}

// Command is the holder's command line, program name without directory,
// shortened if long.
func (h *LockHolder) Command() string {
	if len(h.Args) == 0 {
		return "unknown command"
	}
	args := append([]string{filepath.Base(h.Args[0])}, h.Args[1:]...)
	cmd := strings.Join(args, " ")
	const maxCmd = 200
	if r := []rune(cmd); len(r) > maxCmd {
		cmd = string(r[:maxCmd]) + "…"
	}
	return cmd
}

// LockedError is Open's error when another process holds the database.
// It wraps ErrLocked.
type LockedError struct {
	Path string
	// Holder is the live process named by PATH.lock; nil when the file is
	// missing, unreadable or names a process that is not running (a
	// read-only user holds the lock, or the file is stale).
	Holder *LockHolder
}

func (e *LockedError) Error() string {
	name := filepath.Base(e.Path)
	if e.Holder == nil {
		return fmt.Sprintf("store: %s is in use by another process (%s does not say which); stop it or use its API",
			name, filepath.Base(lockPath(e.Path)))
	}
	if e.Holder.URL != "" {
		return fmt.Sprintf("store: %s is in use by pid %d (%s, since %s), which serves the review UI and API at %s: make changes there, or stop it first",
			name, e.Holder.PID, e.Holder.Command(), e.Holder.Since.UTC().Format(time.RFC3339), e.Holder.URL)
	}
	return fmt.Sprintf("store: %s is in use by pid %d (%s, since %s); stop it or use its API",
		name, e.Holder.PID, e.Holder.Command(), e.Holder.Since.UTC().Format(time.RFC3339))
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// newLockedError reads the lock file beside path to name the holder.
func newLockedError(path string) *LockedError {
	e := &LockedError{Path: path}
	h, err := readLockFile(path)
	if err == nil && processAlive(h.PID) {
		e.Holder = h
	}
	return e
}

// lockPath is the information file beside the database.
func lockPath(path string) string { return path + ".lock" }

// lockFile is the PATH.lock this process wrote.
type lockFile struct {
	path string
	pid  int
}

// writeLockFile records this process as the database's owner. The file is
// written under a temporary name and renamed, so a reader never sees half
// of it.
func writeLockFile(dbPath string) (*lockFile, error) {
	return writeLockInfo(dbPath, LockHolder{PID: os.Getpid(), Args: os.Args, Since: processStart})
}

// AnnounceURL records in PATH.lock where this process serves the UI and
// API; other processes refused the lock name it in their error.
func (s *Store) AnnounceURL(url string) error {
	if s.lock == nil {
		return ErrReadOnly
	}
	_, err := writeLockInfo(s.path, LockHolder{PID: os.Getpid(), Args: os.Args, Since: processStart, URL: url})
	return err
}

func writeLockInfo(dbPath string, h LockHolder) (*lockFile, error) {
	data, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	path := lockPath(dbPath)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write lock file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("write lock file: %w", err)
	}
	return &lockFile{path: path, pid: h.PID}, nil
}

// remove deletes the lock file if it still names this process.
func (l *lockFile) remove() {
	if l == nil {
		return
	}
	if h, err := readLockFile(strings.TrimSuffix(l.path, ".lock")); err == nil && h.PID != l.pid {
		return
	}
	os.Remove(l.path)
}

// maxLockFile bounds what is read of a lock file.
const maxLockFile = 64 << 10

func readLockFile(dbPath string) (*LockHolder, error) {
	f, err := os.Open(lockPath(dbPath))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxLockFile))
	if err != nil {
		return nil, err
	}
	var h LockHolder
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, err
	}
	if h.PID <= 0 {
		return nil, errors.New("lock file names no pid")
	}
	return &h, nil
}

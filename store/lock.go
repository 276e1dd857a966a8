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
		return fmt.Sprintf("store: %s is in use by another process (%s does not say which: a reader, or a process that opened the file under another name such as a hard link); stop it or use its API",
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

// lockFile is PATH.lock, held with flock for as long as the store is
// open: exclusively by the writer, which also writes its LockHolder into
// it, and shared by readers (when the file exists). bbolt's own flock is
// on the database file's inode; this one is on the database's name, so a
// database file swapped under its holder (renamed over, restored from a
// copy) is still refused to a second writer while the holder lives.
type lockFile struct {
	path      string
	f         *os.File
	fi        os.FileInfo // identity of f
	exclusive bool
}

// acquireLock takes PATH.lock beside dbPath (its canonical path), waiting
// at most timeout. A reader gets nil, nil when there is no lock file (it
// never creates one).
func acquireLock(dbPath string, exclusive bool, timeout time.Duration) (*lockFile, error) {
	path := lockPath(dbPath)
	deadline := time.Now().Add(timeout)
	for {
		var f *os.File
		var err error
		if exclusive {
			f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		} else {
			if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
				return nil, fmt.Errorf("lock file %s is not a regular file", path)
			}
			f, err = os.Open(path)
			if errors.Is(err, os.ErrNotExist) {
				return nil, nil
			}
		}
		if err != nil {
			return nil, fmt.Errorf("open lock file: %w", err)
		}
		err = tryFlock(f, exclusive)
		if err == nil {
			// The holder may have removed the file (Close) between our
			// open and our flock: then we hold a lock on a file nobody
			// else will look at, and must take the new one.
			fi, err1 := f.Stat()
			cur, err2 := os.Stat(path)
			if err1 == nil && err2 == nil && os.SameFile(fi, cur) {
				return &lockFile{path: path, f: f, fi: fi, exclusive: exclusive}, nil
			}
			f.Close()
			if !exclusive && errors.Is(err2, os.ErrNotExist) {
				return nil, nil
			}
			if err1 != nil {
				return nil, fmt.Errorf("lock file: %w", err1)
			}
		} else {
			f.Close()
			if !errors.Is(err, errWouldBlock) {
				return nil, fmt.Errorf("lock %s: %w", path, err)
			}
		}
		if time.Now().After(deadline) {
			return nil, newLockedError(dbPath)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// write records h in the held lock file. It is rewritten in place (the
// file must keep its identity); a reader racing the write sees a partial
// record, which it treats as "does not say which".
func (l *lockFile) write(h LockHolder) error {
	data, err := json.Marshal(h)
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	if _, err := l.f.WriteAt(data, 0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	return nil
}

// writeLockFile records this process as the database's owner.
func (l *lockFile) writeOwner(url string) error {
	return l.write(LockHolder{PID: os.Getpid(), Args: os.Args, Since: processStart, URL: url})
}

// AnnounceURL records in PATH.lock where this process serves the UI and
// API; other processes refused the lock name it in their error.
func (s *Store) AnnounceURL(url string) error {
	if s.readOnly || s.lock == nil {
		return ErrReadOnly
	}
	return s.lock.writeOwner(url)
}

// intact reports whether PATH.lock is still the file this process locked.
func (l *lockFile) intact() bool {
	if l == nil {
		return true
	}
	cur, err := os.Stat(l.path)
	return err == nil && os.SameFile(cur, l.fi)
}

// release removes the lock file (a writer's, if it is still the one it
// locked) and drops the lock. Removing before unlocking is safe: a
// process waiting on the old file notices it was removed (acquireLock).
func (l *lockFile) release() {
	if l == nil {
		return
	}
	if l.exclusive && l.intact() {
		os.Remove(l.path)
	}
	l.f.Close()
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

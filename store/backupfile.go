package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrUnsafeTarget: a backup target that is the database itself (or a
// link to it), its lock or control file, a directory, or a file another
// process has locked. The error is a *TargetError saying which.
var ErrUnsafeTarget = errors.New("unsafe backup target")

// TargetError is BackupFile's refusal of a target, before anything was
// written.
type TargetError struct {
	Target string
	Reason string
}

func (e *TargetError) Error() string {
	return fmt.Sprintf("store: refusing to write a backup to %s: %s; nothing was written: choose a new file outside the database's own files", e.Target, e.Reason)
}

func (e *TargetError) Unwrap() error { return ErrUnsafeTarget }

// companions are the files beside a database that belong to it: the lock
// file, serve's control token, compaction's scratch file.
var companions = []string{".lock", ".lock.tmp", ".control", ".compact"}

// CheckBackupTarget checks, without writing anything, that a backup of
// the database at db may be written to target (see BackupFile).
func CheckBackupTarget(db, target string) error {
	real, err := canonicalPath(db)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	fi, _ := os.Stat(real)
	return checkTarget(real, fi, target)
}

// checkTarget refuses a target that is, by name or by file identity
// (following symbolic links and so finding hard links), the database db
// (canonical), the file open (when the name now leads elsewhere), a
// companion file, a directory, inside a file, or a file that another open
// file holds a flock on (a database in use).
func checkTarget(db string, open os.FileInfo, target string) error {
	refuse := func(format string, args ...any) error {
		return &TargetError{Target: target, Reason: fmt.Sprintf(format, args...)}
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	// By name, with the links in its directories resolved.
	real := abs
	if r, err := canonicalPath(abs); err == nil {
		real = r
	} else if r, err := resolveExisting(abs); err == nil {
		real = r
	}
	if real == db {
		return refuse("it is the database itself (%s)", db)
	}
	for _, suffix := range companions {
		if real == db+suffix {
			return refuse("it is the database's own %s file", suffix)
		}
	}
	// The nearest existing ancestor must be a directory.
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err == nil {
			if open != nil && os.SameFile(fi, open) {
				return refuse("its directory %s is the database file", dir)
			}
			if !fi.IsDir() {
				return refuse("%s is not a directory", dir)
			}
			break
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	// By identity: a symbolic or hard link to one of those files.
	fi, err := os.Stat(abs)
	if err != nil {
		return nil // nothing there yet (or a dangling link, replaced by the rename)
	}
	if fi.IsDir() {
		return refuse("it is a directory")
	}
	if !fi.Mode().IsRegular() {
		// A device or a pipe: the rename would replace it (as root,
		// /dev/null too), and probing a pipe's lock would block.
		return refuse("it is not a regular file (%s)", fi.Mode().Type())
	}
	if open != nil && os.SameFile(fi, open) {
		return refuse("it is the database file this process has open (a link to it, or the file moved)")
	}
	for _, p := range append([]string{db}, companionPaths(db)...) {
		if pfi, err := os.Stat(p); err == nil && os.SameFile(fi, pfi) {
			return refuse("it is the same file as %s (a symbolic or hard link to it)", p)
		}
	}
	if fileBusy(abs, true) {
		return refuse("the file is in use: another program (or certwatch itself) holds a lock on it, as on an open database")
	}
	if lf := abs + ".lock"; fileBusy(lf, true) {
		return refuse("it is a database in use (%s is held)", lf)
	}
	return nil
}

func companionPaths(db string) []string {
	var ps []string
	for _, s := range companions {
		ps = append(ps, db+s)
	}
	return ps
}

// resolveExisting resolves the symbolic links of the longest existing
// prefix of abs.
func resolveExisting(abs string) (string, error) {
	dir, rest := abs, ""
	for {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// BackupFile writes a consistent copy of the database to path (through a
// temporary file in the same directory, synced and renamed, so path is
// either the old file or a complete copy) while writes go on. It refuses,
// before writing anything, a path that is the database itself, a link to
// it or one of its companion files, or a file in use (*TargetError).
func (s *Store) BackupFile(path string) (int64, error) {
	return s.BackupFileContext(context.Background(), path)
}

// backupTempPrefix names BackupFile's temporary files:
// .certwatch-backup-PID-RANDOM.tmp beside the target.
const backupTempPrefix = ".certwatch-backup-"

// BackupFileContext is BackupFile that stops, removing its temporary
// file, when ctx ends (a signal, a client that went away).
func (s *Store) BackupFileContext(ctx context.Context, path string) (int64, error) {
	if err := checkTarget(s.real, s.fileID, path); err != nil {
		return 0, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	CleanBackupTemps(dir)
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s%d-*.tmp", backupTempPrefix, os.Getpid()))
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	tmp := f.Name()
	// Held until the file is closed: CleanBackupTemps leaves it alone.
	err = tryFlock(f, true)
	var n int64
	if err == nil {
		n, err = s.Backup(&ctxWriter{ctx: ctx, w: f})
		if cerr := ctx.Err(); err != nil && cerr != nil {
			err = cerr // bbolt does not wrap the writer's error
		}
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		// The target may have become unsafe while we copied.
		err = checkTarget(s.real, s.fileID, path)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		if errors.Is(err, ErrUnsafeTarget) {
			return 0, err
		}
		return 0, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return n, nil
}

// ctxWriter fails its writes once ctx ends.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// staleBackupAge is how old a temporary backup file nobody holds must be
// before CleanBackupTemps removes it even though the process that named it
// may be alive (pids are reused).
const staleBackupAge = time.Minute

// CleanBackupTemps removes temporary backup files in dir that an
// interrupted backup (a kill, a crash, a full disk) left behind: files
// named .certwatch-backup-* that no process holds a lock on and whose
// writer (the pid in the name) is gone or that are older than a minute. A
// backup in progress holds a lock on its file and is never touched. It
// returns the removed paths.
func CleanBackupTemps(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, backupTempPrefix) {
			continue
		}
		p := filepath.Join(dir, name)
		info, err := e.Info()
		if err != nil {
			continue
		}
		writerGone := false
		if pid, ok := backupTempPID(name); ok {
			writerGone = pid != os.Getpid() && !processAlive(pid)
		}
		if !writerGone && time.Since(info.ModTime()) < staleBackupAge {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if tryFlock(f, true) == nil && os.Remove(p) == nil {
			removed = append(removed, p)
		}
		f.Close()
	}
	return removed
}

// backupTempPID is the pid in a temporary backup file's name.
func backupTempPID(name string) (int, bool) {
	rest := strings.TrimPrefix(name, backupTempPrefix)
	i := strings.IndexByte(rest, '-')
	if i <= 0 || !strings.HasSuffix(rest, ".tmp") {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[:i])
	return pid, err == nil && pid > 0
}

// BackupName is the file name of a scheduled backup taken at t.
func BackupName(t time.Time) string {
	return "certwatch-" + t.UTC().Format("20060102T150405Z") + ".db"
}

// RotateBackups deletes the oldest scheduled backups in dir (files named
// by BackupName) beyond keep, and returns the deleted paths.
func RotateBackups(dir string, keep int) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("store: rotate backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, "certwatch-") && strings.HasSuffix(n, "Z.db") {
			names = append(names, n)
		}
	}
	slices.Sort(names) // the names sort by time
	var deleted []string
	for len(names) > keep {
		p := filepath.Join(dir, names[0])
		if err := os.Remove(p); err != nil {
			return deleted, fmt.Errorf("store: rotate backups: %w", err)
		}
		deleted = append(deleted, p)
		names = names[1:]
	}
	return deleted, nil
}

// FileReport is what VerifyFile found in a database file.
type FileReport struct {
	Path     string
	Bytes    int64
	Buckets  map[string]int
	Audit    *AuditReport
	Problems []string // bbolt's consistency check, schema, audit chain
}

// OK reports whether the file verified.
func (r *FileReport) OK() bool { return len(r.Problems) == 0 }

// VerifyFile opens a database file (a backup) read-only and checks it:
// bbolt's page-level consistency check, the schema, the bucket counts and
// the audit log's hash chain.
func VerifyFile(path string) (*FileReport, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("store: verify %s: %w", path, err)
	}
	s, err := Open(path, Options{ReadOnly: true, preloadFreelist: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	r := &FileReport{Path: path, Bytes: fi.Size()}
	err = Guard(path, func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			// Read every page first, here, where a fault is recovered:
			// bbolt's check runs in a goroutine of its own.
			var sink byte
			if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walkBucket(b, &sink) }); err != nil {
				return err
			}
			for err := range tx.Check() {
				r.Problems = append(r.Problems, "bbolt: "+err.Error())
			}
			return nil
		})
	})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
		return nil, fmt.Errorf("store: verify %s: %w", path, err)
	}
	if len(r.Problems) > 0 {
		// Reading buckets of a file that fails bbolt's check may fault
		// or panic: report what the check found.
		return r, nil
	}
	err = Guard(path, func() error {
		var err error
		if r.Buckets, err = s.Stats(); err != nil {
			r.Problems = append(r.Problems, err.Error())
		}
		if r.Audit, err = s.VerifyAudit(); err != nil {
			r.Problems = append(r.Problems, err.Error())
		} else {
			r.Problems = append(r.Problems, r.Audit.Problems...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// walkBucket reads every key and value of b and its nested buckets.
func walkBucket(b *bolt.Bucket, sink *byte) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		touch(k, sink)
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				if err := walkBucket(nb, sink); err != nil {
					return err
				}
			}
			continue
		}
		touch(v, sink)
	}
	return nil
}

// Compact copies the database at path into a new, compacted file and
// swaps it in, keeping the original as path.before-compact-<time>. The
// database must not be in use (it takes the lock like Open). bbolt files
// never shrink by themselves.
func Compact(path string, lockTimeout time.Duration) (before, after int64, kept string, err error) {
	src, err := Open(path, Options{LockTimeout: lockTimeout})
	if err != nil {
		return 0, 0, "", err
	}
	defer src.Close()
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0, "", fmt.Errorf("store: compact: %w", err)
	}
	tmp := path + ".compact"
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return 0, 0, "", fmt.Errorf("store: compact: %w", err)
	}
	err = bolt.Compact(dst, src.db, 64<<20)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return 0, 0, "", fmt.Errorf("store: compact: %w", err)
	}
	nfi, err := os.Stat(tmp)
	if err != nil {
		return 0, 0, "", fmt.Errorf("store: compact: %w", err)
	}
	kept = path + ".before-compact-" + time.Now().UTC().Format("20060102T150405Z")
	// Still holding the source's lock: nobody else can open either file.
	if err := os.Link(path, kept); err != nil {
		if err := copyFileTo(path, kept); err != nil {
			os.Remove(tmp)
			return 0, 0, "", fmt.Errorf("store: compact: keep the original: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return 0, 0, "", fmt.Errorf("store: compact: %w", err)
	}
	return fi.Size(), nfi.Size(), kept, nil
}

func copyFileTo(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(err, os.Remove(to))
	}
	return nil
}

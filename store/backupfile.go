package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BackupFile writes a consistent copy of the database to path (through a
// temporary file in the same directory, synced and renamed, so path is
// either the old file or a complete copy) while writes go on.
func (s *Store) BackupFile(path string) (int64, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	f, err := os.CreateTemp(dir, ".certwatch-backup-*")
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	tmp := f.Name()
	n, err := s.Backup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return n, nil
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
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	r := &FileReport{Path: path, Bytes: fi.Size()}
	err = s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			r.Problems = append(r.Problems, "bbolt: "+err.Error())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: verify %s: %w", path, err)
	}
	if r.Buckets, err = s.Stats(); err != nil {
		r.Problems = append(r.Problems, err.Error())
	}
	if r.Audit, err = s.VerifyAudit(); err != nil {
		r.Problems = append(r.Problems, err.Error())
	} else {
		r.Problems = append(r.Problems, r.Audit.Problems...)
	}
	return r, nil
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

package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Sentinel errors. Callers test them with errors.Is.
var (
	// ErrNotFound: no such sweep, case, snapshot, page or frontier item.
	ErrNotFound = errors.New("not found")
	// ErrLocked: another process holds the database. The error is a
	// *LockedError saying which.
	ErrLocked = errors.New("database is locked by another process")
	// ErrReadOnly: a write on a store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("store is read-only")
)

// schemaVersion is the layout described in the package comment.
const schemaVersion = 1

// Bucket names.
var (
	bucketMeta          = []byte("meta")
	bucketSweeps        = []byte("sweeps")
	bucketFrontier      = []byte("frontier")
	bucketPages         = []byte("pages")
	bucketCases         = []byte("cases")
	bucketCaseKeys      = []byte("case_keys")
	bucketSightings     = []byte("sightings")
	bucketSnapshots     = []byte("snapshots")
	bucketCaseSnapshots = []byte("case_snapshots")
	bucketBodies        = []byte("bodies")
	bucketScreenshots   = []byte("screenshots")
	bucketTexts         = []byte("texts")
	bucketDecisions     = []byte("decisions")
	bucketNotices       = []byte("notices")
	bucketNoticeDrafts  = []byte("notice_drafts")
	bucketUsers         = []byte("users")
	bucketSessions      = []byte("sessions")
	bucketAudit         = []byte("audit")
	bucketOutbox        = []byte("outbox")
	bucketCheckEvidence = []byte("check_evidence")
	bucketCheckBodies   = []byte("check_bodies")

	allBuckets = [][]byte{
		bucketMeta, bucketSweeps, bucketFrontier, bucketPages, bucketCases,
		bucketCaseKeys, bucketSightings, bucketSnapshots, bucketCaseSnapshots,
		bucketBodies, bucketScreenshots, bucketTexts, bucketDecisions,
		bucketNotices, bucketNoticeDrafts, bucketUsers, bucketSessions, bucketAudit, bucketOutbox, bucketCheckEvidence, bucketCheckBodies,
		bucketPacks, bucketPackContents,
	}

	keySchema = []byte("schema")
)

// Options configure Open. The zero value is ready to use.
type Options struct {
	// LockTimeout bounds the wait for the file lock (default 2s); bbolt
	// waits forever without one.
	LockTimeout time.Duration
	// ReadOnly opens the database with a shared lock: other readers may
	// open it too, a writer may not. Writes fail with ErrReadOnly.
	ReadOnly bool
	// Clock is the time source for times the store assigns (sweep start
	// and end, export time, seen times of observations without one);
	// default time.Now.
	Clock func() time.Time

	// preloadFreelist reads the freelist inside Open (VerifyFile: so a
	// damaged one faults under Guard, not in bbolt's check goroutine).
	preloadFreelist bool
}

// defaultLockTimeout is Options.LockTimeout's default.
const defaultLockTimeout = 2 * time.Second

// Store is certwatch's database. Its methods are safe for concurrent use.
type Store struct {
	db       *bolt.DB
	path     string
	clock    func() time.Time
	readOnly bool
	real     string      // path, absolute, symbolic links resolved
	fileID   os.FileInfo // the database file this process has open
	lock     *lockFile   // PATH.lock; nil for a reader when there is none
	// replaced is set once checkIdentity found the file replaced.
	replaced atomic.Pointer[error]
	// batch routes frequent writes (Record, RecordPage, MarkDone) through
	// the group commit; off only in the benchmark that measures the
	// difference, which also sets boltBatch to compare with bbolt's Batch.
	batch, boltBatch bool
	group            commitGroup
	// batchedWrites counts batched writes done, and releasing is set while
	// the mapped pages are dropped (releaseMapped).
	batchedWrites atomic.Uint64
	releasing     atomic.Bool
	// mappedBudget, mappedFloor and mappedDrops: BoundMapped
	// (mapped_budget.go).
	mappedBudget atomic.Int64
	mappedFloor  atomic.Int64
	mappedDrops  atomic.Uint64

	closeOnce sync.Once
	closeErr  error
	// terms is the full-text index, in memory (search.go).
	terms termIndex
}

// Open opens (creating if needed, unless read-only) the database at path.
// When another process holds the file, Open gives up after
// Options.LockTimeout with a *LockedError (errors.Is(err, ErrLocked)) that
// names the holder. A file that is not a sound database (empty, cut short,
// a damaged meta page) is refused with a *DamagedError before bbolt maps
// it (errors.Is(err, ErrDamaged)).
//
// The lock holds on the database's name and on its file: a second Open
// through a symbolic link resolves to the same PATH.lock, one through a
// hard link meets bbolt's lock on the same inode, and one after the file
// was replaced under its holder meets the holder's PATH.lock.
func Open(path string, opts Options) (*Store, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = defaultLockTimeout
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	real, err := canonicalPath(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if opts.ReadOnly {
		if _, err := os.Stat(real); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	lock, err := acquireLock(real, !opts.ReadOnly, opts.LockTimeout)
	if err != nil {
		var le *LockedError
		if errors.As(err, &le) {
			le.Path = path
			return nil, le
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s, err := openLocked(path, real, lock, opts)
	if err != nil {
		lock.release()
		return nil, err
	}
	if !opts.ReadOnly {
		CleanBackupTemps(filepath.Dir(real))
	}
	return s, nil
}

// openLocked is Open once PATH.lock is held.
func openLocked(path, real string, lock *lockFile, opts Options) (*Store, error) {
	if err := checkFile(real); err != nil && !errors.Is(err, os.ErrNotExist) {
		// A process holding the file under another name (a hard link)
		// may be writing it as we read: that is a lock, not damage.
		if fileBusy(real, !opts.ReadOnly) {
			return nil, &LockedError{Path: path}
		}
		var de *DamagedError
		if errors.As(err, &de) {
			de.Path = path
			return nil, de
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	var db *bolt.DB
	var file *os.File // the file bbolt opened, to know its identity
	err := Guard(path, func() error {
		var err error
		db, err = bolt.Open(real, 0o600, &bolt.Options{
			Timeout:         opts.LockTimeout,
			ReadOnly:        opts.ReadOnly,
			PreLoadFreelist: opts.preloadFreelist,
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, perm)
				file = f
				return f, err
			},
		})
		return err
	})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &LockedError{Path: path}
	}
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
		if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
			return nil, &DamagedError{Path: path, Problem: err.Error()}
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, real: real, clock: opts.Clock, readOnly: opts.ReadOnly, batch: true, lock: lock}
	// The queue index exists (unbuilt) from the start, so that every
	// write transaction registers its commit hook: a write begun before
	// the index was asked for, and committed after the index build's scan
	// began, would otherwise be missing from the queue until a restart.
	s.queueIndex()
	fail := func(err error) (*Store, error) {
		db.Close()
		return nil, err
	}
	if s.fileID, err = file.Stat(); err != nil {
		return fail(fmt.Errorf("store: open %s: %w", path, err))
	}
	if cur, err := os.Stat(real); err != nil || !os.SameFile(cur, s.fileID) {
		return fail(fmt.Errorf("store: open %s: the file was replaced while it was being opened", path))
	}
	err = Guard(path, func() error {
		if opts.ReadOnly {
			return db.View(checkSchema)
		}
		// Only the holder of the exclusive locks gets here, so the lock
		// file it writes cannot clobber a live owner's.
		if err := lock.writeOwner(""); err != nil {
			return err
		}
		return db.Update(initSchema)
	})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			return fail(err)
		}
		return fail(fmt.Errorf("store: open %s: %w", path, err))
	}
	return s, nil
}

// canonicalPath is path made absolute with symbolic links resolved, so
// that every name of the database finds the same PATH.lock. A path that
// does not exist yet resolves through its directory; a dangling symbolic
// link is refused (bbolt would create its target, away from the lock).
func canonicalPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err == nil {
		return real, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	if fi, lerr := os.Lstat(abs); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
		return "", fmt.Errorf("%s is a symbolic link to a file that does not exist", path)
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}

// ErrReplaced: the database file or its lock file was replaced, moved or
// removed while this process had it open. Writes are refused from then on.
var ErrReplaced = errors.New("database file replaced while open")

// checkIdentity reports whether the database's name still leads to the
// file this process has open (and its PATH.lock to the lock it holds).
// Once it does not, it never does again: writes would go to a file that
// no later process reads, and another process could open the new one.
func (s *Store) checkIdentity() error {
	if e := s.replaced.Load(); e != nil {
		return *e
	}
	var what string
	if cur, err := os.Stat(s.real); err != nil || !os.SameFile(cur, s.fileID) {
		what = "the database file " + s.real
	} else if !s.lock.intact() {
		what = "its lock file " + lockPath(s.real)
	}
	if what == "" {
		return nil
	}
	err := fmt.Errorf("store: %w: %s was replaced, moved or removed while this process (pid %d) had the database open; "+
		"writes are refused so that none is acknowledged into a file nobody will read again: stop this process, find out what replaced the file, "+
		"and restore from a backup if needed", ErrReplaced, what, os.Getpid())
	s.replaced.CompareAndSwap(nil, &err)
	return *s.replaced.Load()
}

// Healthy is nil while the database's name still leads to the file this
// process has open; a server should report it in its health.
func (s *Store) Healthy() error { return s.checkIdentity() }

// initSchema creates missing buckets and checks the schema version.
func initSchema(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	if err := buildPivots(tx); err != nil {
		return err
	}
	meta := tx.Bucket(bucketMeta)
	if v := meta.Get(keySchema); v != nil {
		return checkVersion(v)
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(schemaVersion)))
}

// checkSchema is initSchema for read-only opens: it changes nothing.
func checkSchema(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("no bucket %s (open the database for writing once to create it)", name)
		}
	}
	return checkVersion(tx.Bucket(bucketMeta).Get(keySchema))
}

func checkVersion(v []byte) error {
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return fmt.Errorf("bad schema version %q", v)
	}
	if n > schemaVersion {
		return fmt.Errorf("schema version %d is newer than this program's (%d): upgrade certwatch", n, schemaVersion)
	}
	return nil
}

// Close removes the lock file and closes the database. It is safe to call
// more than once.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.dropQueueIndex()
		// The database first, then the lock file: a process waiting on
		// PATH.lock then finds the database free.
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("store: close: %w", err)
		}
		s.lock.release()
	})
	return s.closeErr
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// update runs fn in a write transaction.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if err := s.checkIdentity(); err != nil {
		return err
	}
	return s.db.Update(fn)
}

// batched runs fn in a write transaction that concurrent callers may share
// (a group commit, see commitGroup); fn may run more than once and must be
// idempotent.
func (s *Store) batched(fn func(*bolt.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	var err error
	if s.batch && !s.boltBatch {
		err = s.grouped(fn) // checks the identity once per group
	} else if err = s.checkIdentity(); err != nil {
		return err
	} else if s.boltBatch {
		err = s.db.Batch(fn)
	} else {
		err = s.db.Update(fn)
	}
	s.releaseMapped()
	return err
}

// Backup writes a consistent copy of the database to w while writes go
// on, and returns the bytes written. It holds a read transaction for the
// whole copy, during which the file cannot grow: write it to fast storage
// and copy it onward from there.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// Stats counts the entries of each bucket, keyed by bucket name. For the
// frontier it gives "frontier" (items of all sweeps) and
// "frontier_pending".
func (s *Store) Stats() (map[string]int, error) {
	m := make(map[string]int)
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if bytes.Equal(name, bucketFrontier) || bytes.Equal(name, bucketMeta) {
				continue
			}
			m[string(name)] = tx.Bucket(name).Stats().KeyN
		}
		m["frontier"], m["frontier_pending"] = 0, 0
		return tx.Bucket(bucketFrontier).ForEachBucket(func(k []byte) error {
			fb := tx.Bucket(bucketFrontier).Bucket(k)
			pending, done := readCounts(fb)
			m["frontier"] += pending + done
			m["frontier_pending"] += pending
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: stats: %w", err)
	}
	return m, nil
}

// u64 encodes v as a big-endian key.
func u64(v uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), v)
}

// pairKey is a ‖ b, two big-endian uint64s.
func pairKey(a, b uint64) []byte {
	k := make([]byte, 0, 16)
	k = binary.BigEndian.AppendUint64(k, a)
	return binary.BigEndian.AppendUint64(k, b)
}

// maxStringKey is the longest string used as a key as it is; longer ones
// are hashed (bbolt keys are at most 32 KiB, and long keys bloat pages).
const maxStringKey = 512

// stringKey is the key for a URL or case key.
func stringKey(s string) []byte {
	if len(s) <= maxStringKey {
		return []byte(s)
	}
	sum := sha256.Sum256([]byte(s))
	return append([]byte("\x00sha256:"), hex.EncodeToString(sum[:])...)
}

// getJSON decodes the value at key into v; false when absent.
func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("decode value at %x: %w", key, err)
	}
	return true, nil
}

// putJSON encodes v and stores it at key.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// now is the store's clock in UTC.
func (s *Store) now() time.Time { return s.clock().UTC() }

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
}

// defaultLockTimeout is Options.LockTimeout's default.
const defaultLockTimeout = 2 * time.Second

// batchDelay is how long bbolt's Batch waits for more calls before it
// commits. bbolt's default is 10 ms; a commit costs about 1 ms here, so a
// shorter wait keeps a lone caller fast while concurrent callers still
// share commits (see BenchmarkRecord).
const batchDelay = 2 * time.Millisecond

// Store is certwatch's database. Its methods are safe for concurrent use.
type Store struct {
	db       *bolt.DB
	path     string
	clock    func() time.Time
	readOnly bool
	lock     *lockFile // nil when read-only
	// batch routes frequent writes (Record, RecordPage, MarkDone) through
	// db.Batch; off only in the benchmark that measures the difference.
	batch bool
	// writers counts batched writes in progress: a lone writer commits at
	// once instead of waiting for company that is not coming.
	writers atomic.Int32

	closeOnce sync.Once
	closeErr  error
}

// Open opens (creating if needed, unless read-only) the database at path.
// When another process holds the file, Open gives up after
// Options.LockTimeout with a *LockedError (errors.Is(err, ErrLocked)) that
// names the holder.
func Open(path string, opts Options) (*Store, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = defaultLockTimeout
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:  opts.LockTimeout,
		ReadOnly: opts.ReadOnly,
	})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, newLockedError(path)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.MaxBatchDelay = batchDelay
	s := &Store{db: db, path: path, clock: opts.Clock, readOnly: opts.ReadOnly, batch: true}
	if opts.ReadOnly {
		err = db.View(checkSchema)
	} else {
		// Only the holder of the exclusive flock gets here, so the lock
		// file it writes cannot clobber a live owner's.
		s.lock, err = writeLockFile(path)
		if err == nil {
			err = db.Update(initSchema)
		}
	}
	if err != nil {
		s.lock.remove()
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// initSchema creates missing buckets and checks the schema version.
func initSchema(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
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
		// The lock file goes first: once the flock is released another
		// process may write its own.
		s.lock.remove()
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("store: close: %w", err)
		}
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
	return s.db.Update(fn)
}

// batched runs fn in a write transaction that concurrent callers may share;
// fn may run more than once and must be idempotent.
func (s *Store) batched(fn func(*bolt.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	n := s.writers.Add(1)
	defer s.writers.Add(-1)
	if s.batch && n > 1 {
		return s.db.Batch(fn)
	}
	return s.db.Update(fn)
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

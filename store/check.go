package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"runtime/debug"
)

// ErrDamaged: the database file is not a sound bbolt file (empty, cut
// short, a damaged meta page, or a fault while reading it). The error is a
// *DamagedError saying what is wrong.
var ErrDamaged = errors.New("database file is damaged")

// DamagedError says what is wrong with a database file and what to do.
type DamagedError struct {
	Path    string
	Problem string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("store: %s is damaged or not a certwatch database: %s. "+
		"Copy the damaged file aside (do not write to it), then restore the newest good copy made by \"certwatch backup\" "+
		"or a scheduled backup (\"certwatch audit verify --db COPY\" checks a copy)",
		e.Path, e.Problem)
}

func (e *DamagedError) Unwrap() error { return ErrDamaged }

// bbolt's on-disk layout (go.etcd.io/bbolt/internal/common, format
// version 2): every page starts with a 16-byte header; pages 0 and 1 are
// meta pages holding, after the header, magic, version, page size, flags
// (uint32 each), the root bucket (root page id, sequence), the freelist
// page id, the high-water page id, the transaction id and an FNV-64a
// checksum of the fields before it, in the machine's byte order.
const (
	boltPageHeader = 16
	boltMetaSize   = 64
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	boltNoFreelist = ^uint64(0)
	minPageSize    = 512
	maxPageSize    = 1 << 24
)

type boltMeta struct {
	pageSize           uint32
	root, freelist     uint64
	highWater, txid    uint64
	magic, version     uint32
	checksum, computed uint64
}

// parseMeta reads the meta page at the start of b; problem is empty when
// it is valid.
func parseMeta(b []byte) (m boltMeta, problem string) {
	if len(b) < boltPageHeader+boltMetaSize {
		return m, "cut short"
	}
	b = b[boltPageHeader : boltPageHeader+boltMetaSize]
	e := binary.NativeEndian
	m.magic, m.version, m.pageSize = e.Uint32(b[0:]), e.Uint32(b[4:]), e.Uint32(b[8:])
	m.root, m.freelist, m.highWater, m.txid = e.Uint64(b[16:]), e.Uint64(b[32:]), e.Uint64(b[40:]), e.Uint64(b[48:])
	m.checksum = e.Uint64(b[56:])
	h := fnv.New64a()
	h.Write(b[:56])
	m.computed = h.Sum64()
	switch {
	case m.magic != boltMagic:
		return m, "no bbolt meta page there (wrong magic number)"
	case m.version != boltVersion:
		return m, fmt.Sprintf("unsupported format version %d", m.version)
	case m.checksum != m.computed:
		return m, "its checksum does not match its contents"
	}
	return m, ""
}

// checkFile checks a database file before bbolt maps it: bbolt faults
// inside the mapping (SIGBUS/SIGSEGV, which no recover catches) rather
// than returning an error when the file is shorter than its meta pages
// say. It reads only the two meta pages. The error wraps os.ErrNotExist
// when there is no file, and is a *DamagedError when the file is unsound:
// empty; too short for its meta pages; a meta page with a wrong magic
// number, version or checksum (bbolt would silently fall back on the other
// copy, losing the last committed transaction); an implausible page size;
// a root or freelist page beyond the high-water mark; a size that is not a
// multiple of the page size or does not reach the high-water mark.
func checkFile(path string) error {
	if fi, err := os.Stat(path); err != nil {
		return err
	} else if !fi.Mode().IsRegular() {
		// Not opened: opening a pipe would block.
		return &DamagedError{Path: path, Problem: fmt.Sprintf("it is not a regular file (%s)", fi.Mode().Type())}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	damaged := func(format string, args ...any) error {
		return &DamagedError{Path: path, Problem: fmt.Sprintf(format, args...)}
	}
	size := fi.Size()
	switch {
	case !fi.Mode().IsRegular():
		return damaged("it is not a regular file (%s)", fi.Mode().Type())
	case size == 0:
		return damaged("the file is empty (0 bytes): it holds no database (it was truncated, or never written)")
	}
	read := func(off int64, n int) []byte {
		b := make([]byte, n)
		k, _ := f.ReadAt(b, off)
		return b[:k]
	}
	m0, p0 := parseMeta(read(0, boltPageHeader+boltMetaSize))
	ps := int64(m0.pageSize)
	if p0 != "" {
		// Find the page size from the second meta page, as bbolt does.
		ps = 0
		for i := 0; i <= 14; i++ {
			pos := int64(1024) << i
			if pos+boltPageHeader+boltMetaSize > size {
				break
			}
			if m, p := parseMeta(read(pos, boltPageHeader+boltMetaSize)); p == "" && int64(m.pageSize) == pos {
				ps = pos
				break
			}
		}
		if ps == 0 {
			if size < 2*1024 {
				return damaged("the file is only %d bytes, too short for the two meta pages every database starts with: it was cut short", size)
			}
			return damaged("neither meta page is valid (meta page 0: %s): the file was overwritten or is not a database", p0)
		}
	}
	if ps < minPageSize || ps > maxPageSize || ps&(ps-1) != 0 {
		return damaged("meta page 0 gives an implausible page size of %d bytes", ps)
	}
	if size < 2*ps {
		return damaged("the file is %d bytes, shorter than its two meta pages (2 × %d bytes): it was cut short", size, ps)
	}
	m1, p1 := parseMeta(read(ps, boltPageHeader+boltMetaSize))
	switch {
	case p0 != "":
		return damaged("meta page 0 is damaged (%s); bbolt would fall back on the copy in meta page 1 and could silently lose the last committed changes", p0)
	case p1 != "":
		return damaged("meta page 1 is damaged (%s); bbolt would fall back on the copy in meta page 0 and could silently lose the last committed changes", p1)
	case m0.pageSize != m1.pageSize:
		return damaged("the meta pages disagree on the page size (%d and %d bytes)", m0.pageSize, m1.pageSize)
	}
	pages := uint64(size / ps)
	for i, m := range []boltMeta{m0, m1} {
		switch {
		case m.highWater < 2:
			return damaged("meta page %d claims %d pages, fewer than the meta pages themselves", i, m.highWater)
		case m.root >= m.highWater || m.root < 2:
			return damaged("meta page %d puts the root page (%d) outside the database's %d pages", i, m.root, m.highWater)
		case m.freelist != boltNoFreelist && (m.freelist >= m.highWater || m.freelist < 2):
			return damaged("meta page %d puts the freelist page (%d) outside the database's %d pages", i, m.freelist, m.highWater)
		case m.highWater > pages:
			return damaged("meta page %d says the database has %d pages of %d bytes (%d bytes), but the file has only %d bytes: it was cut short",
				i, m.highWater, ps, m.highWater*uint64(ps), size)
		}
	}
	if size%ps != 0 {
		return damaged("the file is %d bytes, not a whole number of %d-byte pages: it was cut short or had bytes appended", size, ps)
	}
	return nil
}

// CheckFile checks a database file's structure without opening it: see
// Open for what it finds. It reads only the two meta pages.
func CheckFile(path string) error {
	err := checkFile(path)
	if err != nil && !errors.Is(err, ErrDamaged) {
		return fmt.Errorf("store: check %s: %w", path, err)
	}
	return err
}

// fileBusy reports whether another open file (another process, or bbolt
// in this one) holds a flock on path that conflicts with ours.
func fileBusy(path string, exclusive bool) bool {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return errors.Is(tryFlock(f, exclusive), errWouldBlock)
}

// Guard runs fn, which reads a database file of path, and turns a panic
// into a *DamagedError: bbolt panics on pages it cannot make sense of, and
// a read outside the file (a corrupt page reference) faults inside the
// memory mapping, which debug.SetPanicOnFault turns into a panic on this
// goroutine. Commands that read a database wrap their work in it.
func Guard(path string, fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = &DamagedError{Path: path, Problem: fmt.Sprintf("reading it failed (%v)", r)}
		}
	}()
	return fn()
}

// touch reads every page of a value so that a fault happens here, under
// Guard, rather than later in a goroutine that cannot recover.
func touch(b []byte, sink *byte) {
	for i := 0; i < len(b); i += 256 {
		*sink ^= b[i]
	}
}

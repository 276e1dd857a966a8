package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damagedDB builds a real database with cases, snapshots and audit
// entries (several hundred KiB, so it spans many pages), closed.
func damagedDB(t *testing.T) (path string, data []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "certwatch.db")
	clock := newClock()
	s, err := Open(path, Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	sw := startSweep(t, s)
	for i := range 60 {
		o := observation(sw, fmt.Sprintf("https://shop.example/item/%d", i), strings.Repeat(fmt.Sprintf("电工证 免考 包过 %d ", i), 200), clock.Now())
		o.FrontierURL = ""
		if _, err := s.Record(o); err != nil {
			t.Fatal(err)
		}
	}
	writeAudit(t, s, "entry", 30)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 16*4096 {
		t.Fatalf("test database is only %d bytes", len(data))
	}
	return path, data
}

// TestDamagedDatabaseIsRefused is issue 10, defect 4: a truncated or
// damaged database crashed the CLI with SIGSEGV/SIGBUS or a bbolt panic.
// Every open (read-only and for writing), CheckFile and VerifyFile now
// return a *DamagedError that says what is wrong and what to do, and a
// writer leaves the damaged file as it was.
func TestDamagedDatabaseIsRefused(t *testing.T) {
	path, good := damagedDB(t)
	ps := 4096
	flip := func(off int) []byte {
		b := bytes.Clone(good)
		b[off] ^= 0x5a
		return b
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty (0 bytes)"},
		{"100 bytes", good[:100], "cut short"},
		{"one page", good[:ps], "shorter than its two meta pages"},
		{"two pages", good[:2*ps], "cut short"},
		{"half", good[:len(good)/2], "cut short"},
		{"one byte short", good[:len(good)-1], "cut short"},
		{"meta 0 page size", flip(16 + 8), "meta page 0"},
		{"meta 0 high water", flip(16 + 40), "meta page 0 is damaged"},
		{"meta 0 checksum", flip(16 + 56), "meta page 0 is damaged"},
		{"meta 0 magic", flip(16), "meta page 0 is damaged"},
		{"meta 1 root", flip(ps + 16 + 16), "meta page 1 is damaged"},
		{"meta 1 txid", flip(ps + 16 + 48), "meta page 1 is damaged"},
		{"both metas", func() []byte { b := flip(16 + 40); b[ps+16+40] ^= 0x5a; return b }(), "neither meta page is valid"},
		{"not a database", bytes.Repeat([]byte("certwatch "), 3000), "neither meta page is valid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			check := func(what string, err error) {
				t.Helper()
				var de *DamagedError
				if !errors.As(err, &de) || !errors.Is(err, ErrDamaged) {
					t.Fatalf("%s: %v, want a DamagedError", what, err)
				}
				msg := err.Error()
				if !strings.Contains(msg, c.want) || !strings.Contains(msg, "certwatch backup") || !strings.Contains(msg, "aside") {
					t.Errorf("%s: message %q lacks %q or the backup advice", what, msg, c.want)
				}
			}
			_, err := Open(path, Options{ReadOnly: true})
			check("read-only Open", err)
			_, err = Open(path, Options{})
			check("Open for writing", err)
			check("CheckFile", CheckFile(path))
			_, err = VerifyFile(path)
			check("VerifyFile", err)
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, c.data) {
				t.Errorf("the damaged file was changed (%d → %d bytes)", len(c.data), len(after))
			}
			if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused open left its lock file: %v", err)
			}
		})
	}
	// The intact file still opens and verifies.
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyFile(path)
	if err != nil || !rep.OK() {
		t.Fatalf("intact file: %v %+v", err, rep)
	}
}

// TestGuardRecoversAFaultInTheMapping: a read beyond the end of the file
// through bbolt's memory mapping (what a corrupt page reference causes)
// is a fault no recover catches unless SetPanicOnFault is on; Guard turns
// it into a DamagedError.
func TestGuardRecoversAFaultInTheMapping(t *testing.T) {
	path, good := damagedDB(t)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Cut the file under the open mapping: pages past the end now fault.
	if err := os.Truncate(path, 2*4096); err != nil {
		t.Fatal(err)
	}
	defer os.WriteFile(path, good, 0o600)
	err = Guard(path, func() error {
		_, err := s.Cases(CaseFilter{Limit: 1000, WithFindings: true})
		return err
	})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "reading it failed") {
		t.Fatalf("Guard around reads of a cut file = %v, want a DamagedError", err)
	}
}

// TestDamagedPagesNeverCrash: damage inside the file (a page of 0xff, or
// its elements scrambled) that the meta pages cannot reveal never crashes
// VerifyFile or a guarded read: each returns or reports a problem. Damage
// to the root page is always found. (bbolt keeps no checksums of data
// pages, so damage inside a stored value goes unseen by it; evidence
// bodies carry their own SHA-256.)
func TestDamagedPagesNeverCrash(t *testing.T) {
	path, good := damagedDB(t)
	m, p := parseMeta(good)
	m1, p1 := parseMeta(good[4096:])
	if p != "" || p1 != "" {
		t.Fatal(p, p1)
	}
	if m1.txid > m.txid {
		m = m1 // the current meta page
	}
	found := 0
	for pg := uint64(2); pg < m.highWater; pg++ {
		if pg%3 != 0 && pg != m.root {
			continue
		}
		for _, mode := range []string{"ff", "scramble"} {
			b := bytes.Clone(good)
			page := b[pg*4096 : (pg+1)*4096]
			for i := range page {
				if mode == "ff" {
					page[i] = 0xff
				} else if i >= 16 && i < 400 {
					page[i] ^= 0xa5
				}
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			rep, err := VerifyFile(path)
			detected := err != nil || !rep.OK()
			if err != nil && !errors.Is(err, ErrDamaged) {
				t.Errorf("page %d %s: VerifyFile error %v is not a DamagedError", pg, mode, err)
			}
			if s, err := Open(path, Options{ReadOnly: true}); err == nil {
				err = Guard(path, func() error {
					_, err := s.Cases(CaseFilter{WithFindings: true})
					return err
				})
				s.Close()
				detected = detected || err != nil
			}
			if detected {
				found++
			} else if pg == m.root {
				t.Errorf("damage (%s) to the root page %d went unnoticed", mode, pg)
			}
		}
	}
	if found == 0 {
		t.Error("no damaged page was noticed")
	}
	t.Logf("%d of the damaged pages noticed", found)
}

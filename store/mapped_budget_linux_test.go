package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestBoundMapped: the mapped part of the resident set stays near the
// budget while cases are read, the drops come from the check before each
// case read (the poll here is too slow to matter) and from the poll, and
// reads still work after each drop.
func TestBoundMapped(t *testing.T) {
	s, _ := openTest(t)
	sw := startSweep(t, s)
	big := strings.Repeat("证书代办，全国通用。", 300) // ~8 KB a case
	var ids []uint64
	for i := range 400 {
		u := fmt.Sprintf("https://h.example/p/%d", i)
		res, err := s.Record(Observation{SweepID: sw, CaseKey: u, URL: u, FinalURL: u, Title: "t", Status: 200,
			Body: []byte(big), Flagged: true, Score: 1, Category: "cert_sale", Text: big})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CaseID)
	}
	read := func(id uint64) {
		t.Helper()
		if c, err := s.Case(id); err != nil || c.ID != id {
			t.Fatalf("case %d: %v", id, err)
		}
		sn, err := s.Snapshots(id)
		if err != nil || len(sn) == 0 {
			t.Fatalf("snapshots of %d: %v", id, err)
		}
		if txt, err := s.SnapshotText(sn[0].ID); err != nil || txt.Text != big {
			t.Fatalf("text of case %d: %v", id, err)
		}
	}
	if err := s.releaseMappedNow(); err != nil {
		t.Fatal(err)
	}
	base, ok := mappedFileBytes()
	if !ok || base <= 0 {
		t.Fatalf("mapped file bytes: %d %v", base, ok)
	}
	// Without a budget nothing is dropped: reading every case maps the file.
	for _, id := range ids {
		read(id)
	}
	full := mappedRSS(t, s.db.Path())
	if full < 1024 {
		t.Skipf("only %d kB of the file mapped after reading it all: nothing to measure", full)
	}
	if n := s.MappedDrops(); n != 0 {
		t.Fatalf("%d drops without a budget", n)
	}
	if err := s.releaseMappedNow(); err != nil {
		t.Fatal(err)
	}
	const budget = 2 << 20
	stop := s.BoundMapped(budget, time.Hour) // only Case's check drops
	defer stop()
	worst := 0
	for _, id := range ids {
		read(id)
		worst = max(worst, mappedRSS(t, s.db.Path()))
	}
	if s.MappedDrops() == 0 {
		t.Fatalf("no drop over a %d kB budget (%d kB of the file mapped without one)", budget>>10, full)
	}
	// The worst is the budget plus what one case's reads map, above what
	// a drop leaves (the test binary's code).
	if worst >= full/2 {
		t.Fatalf("file mapped while reading under a %d kB budget: up to %d kB, %d kB without one", budget>>10, worst, full)
	}
	caseDrops := s.MappedDrops()
	stop()
	stop() // twice is harmless
	if err := s.releaseMappedNow(); err != nil {
		t.Fatal(err)
	}
	// The poll alone: reads that are not Case (no check) are dropped at
	// the next look.
	drops := s.MappedDrops()
	stop = s.BoundMapped(budget, 5*time.Millisecond)
	defer stop()
	for _, id := range ids {
		sn, err := s.Snapshots(id)
		if err != nil || len(sn) == 0 {
			t.Fatalf("snapshots of %d: %v", id, err)
		}
		if txt, err := s.SnapshotText(sn[0].ID); err != nil || txt.Text != big {
			t.Fatalf("text of case %d: %v", id, err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.MappedDrops() == drops && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.MappedDrops() == drops {
		t.Fatal("the poll never dropped the mapped pages")
	}
	t.Logf("file mapped: %d kB reading every case without a budget, at most %d kB with a %d kB budget (%d drops)",
		full, worst, budget>>10, caseDrops)
}

// releaseMappedNow drops the database's mapped pages.
func (s *Store) releaseMappedNow() error {
	return s.db.View(func(tx *bolt.Tx) error { return dropMapped(s.db.Info().Data, tx.Size()) })
}

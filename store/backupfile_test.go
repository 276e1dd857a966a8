package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestBackupDuringWritesVerifies takes backups while other goroutines
// record findings and write audit entries: every backup opens, passes
// bbolt's check and the audit chain, and holds a prefix of the writes.
func TestBackupDuringWritesVerifies(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				o := observation(sweep, fmt.Sprintf("https://bbs.example/t/%d-%d", w, i), fmt.Sprint("offer ", i), clock.Now())
				o.FrontierURL = ""
				if _, err := s.Record(o); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Audit(AuditEntry{Actor: "test", Action: "write", Object: fmt.Sprint(w, i)}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	dir := t.TempDir()
	var last *FileReport
	for i := range 5 {
		time.Sleep(30 * time.Millisecond)
		p := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		if _, err := s.BackupFile(p); err != nil {
			t.Fatal(err)
		}
		r, err := VerifyFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Fatalf("backup %d: %v", i, r.Problems)
		}
		if last != nil && r.Buckets["cases"] < last.Buckets["cases"] {
			t.Errorf("backup %d has fewer cases (%d) than the one before (%d)", i, r.Buckets["cases"], last.Buckets["cases"])
		}
		last = r
	}
	close(stop)
	wg.Wait()
	if last.Buckets["cases"] == 0 || last.Audit.Entries == 0 {
		t.Errorf("the backups caught no writes: %v", last.Buckets)
	}
}

func TestVerifyFileFindsABrokenAuditChain(t *testing.T) {
	s, _ := openTest(t)
	for i := range 3 {
		if _, err := s.Audit(AuditEntry{Actor: "a", Action: "x", Object: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "b.db")
	if _, err := s.BackupFile(p); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAudit).Delete(u64(2)) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r, err := VerifyFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() {
		t.Error("a backup with an audit entry removed verifies")
	}
}

func TestRotateBackups(t *testing.T) {
	dir := t.TempDir()
	base := time.Date(2026, 11, 1, 3, 30, 0, 0, time.UTC)
	for i := range 5 {
		if err := os.WriteFile(filepath.Join(dir, BackupName(base.AddDate(0, 0, i))), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, "keep-me.db")
	os.WriteFile(other, nil, 0o600)
	deleted, err := RotateBackups(dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(deleted) != 2 || filepath.Base(deleted[0]) != BackupName(base) || filepath.Base(deleted[1]) != BackupName(base.AddDate(0, 0, 1)) {
		t.Errorf("deleted %v, want the two oldest", deleted)
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("a file not named like a backup was deleted")
	}
}

func TestCompact(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sweep := startSweep(t, s)
	for i := range 200 {
		o := observation(sweep, fmt.Sprintf("https://x.example/%d", i), fmt.Sprint("offer ", i), time.Now())
		o.FrontierURL = ""
		if _, err := s.Record(o); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := s.Stats()
	s.Close()
	before, after, kept, err := Compact(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if after > before {
		t.Errorf("compacted file %d bytes > original %d", after, before)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("original not kept: %v", err)
	}
	r, err := VerifyFile(path)
	if err != nil || !r.OK() {
		t.Fatalf("compacted file: %v %v", err, r)
	}
	if fmt.Sprint(r.Buckets) != fmt.Sprint(want) {
		t.Errorf("compacted counts %v, want %v", r.Buckets, want)
	}
	t.Logf("compacted %d → %d bytes", before, after)
}

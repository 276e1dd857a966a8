package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestActivatePackHistoryAndAudit(t *testing.T) {
	s, clock := openTest(t)
	if _, err := s.ActivePack(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ActivePack on a new database: %v, want ErrNotFound", err)
	}
	if err := s.DeactivatePack("alice"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("DeactivatePack with nothing active: %v, want ErrNotFound", err)
	}
	for _, tc := range []struct {
		name                 string
		actor, file, version string
		content              string
	}{
		{"no actor", "", "a.yaml", "dept@1+aaa", "name: dept"},
		{"no content", "alice", "a.yaml", "dept@1+aaa", ""},
		{"no version", "alice", "a.yaml", "", "name: dept"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.ActivatePack(tc.actor, tc.file, []byte(tc.content), tc.version); !errors.Is(err, ErrInvalid) {
				t.Errorf("ActivatePack: %v, want ErrInvalid", err)
			}
		})
	}
	before := auditLen(t, s)

	v1 := []byte("name: dept\nversion: \"1\"\n")
	if err := s.ActivatePack("alice", "/etc/certwatch/dept.yaml", v1, "dept@1+111"); err != nil {
		t.Fatal(err)
	}
	t1 := clock.Now()
	clock.Add(time.Hour)
	// The same bytes again change nothing.
	if err := s.ActivatePack("bob", "other.yaml", v1, "dept@1+111"); !errors.Is(err, ErrConflict) {
		t.Fatalf("activating the active pack again: %v, want ErrConflict", err)
	}
	v2 := []byte("name: dept\nversion: \"2\"\n")
	if err := s.ActivatePack("bob", "dept.yaml", v2, "dept@2+222"); err != nil {
		t.Fatal(err)
	}
	ap, err := s.ActivePack()
	if err != nil {
		t.Fatal(err)
	}
	if ap.Seq != 2 || ap.Version != "dept@2+222" || string(ap.Content) != string(v2) || ap.By != "bob" ||
		!ap.At.Equal(t1.Add(time.Hour)) || ap.Size != len(v2) || len(ap.SHA256) != 64 {
		t.Errorf("active pack = %+v", ap)
	}
	// The caller gets a copy: changing it changes nothing stored.
	ap.Content[0] = 'X'
	if c, err := s.PackContent(2); err != nil || string(c) != string(v2) {
		t.Errorf("PackContent(2) = %q, %v", c, err)
	}
	if c, err := s.PackContent(1); err != nil || string(c) != string(v1) {
		t.Errorf("PackContent(1) = %q, %v", c, err)
	}

	clock.Add(time.Hour)
	if err := s.DeactivatePack("carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ActivePack(); !errors.Is(err, ErrNotFound) {
		t.Errorf("ActivePack after deactivation: %v, want ErrNotFound", err)
	}
	if _, err := s.PackContent(3); !errors.Is(err, ErrNotFound) {
		t.Errorf("PackContent of a deactivation: %v, want ErrNotFound", err)
	}
	// After a deactivation the same pack may be activated again.
	if err := s.ActivatePack("alice", "dept.yaml", v2, "dept@2+222"); err != nil {
		t.Fatalf("reactivating after deactivation: %v", err)
	}

	h, err := s.PackHistory()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		if e.Content != nil {
			t.Errorf("history entry %d carries content", e.Seq)
		}
		got = append(got, e.By+":"+e.Version+map[bool]string{true: ":off"}[e.Deactivated])
	}
	if want := "alice:dept@1+111 bob:dept@2+222 carol::off alice:dept@2+222"; strings.Join(got, " ") != want {
		t.Errorf("history = %s, want %s", strings.Join(got, " "), want)
	}

	entries, err := s.AuditEntries(AuditFilter{ActionPrefix: "rules."})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 || auditLen(t, s) != before+4 {
		t.Fatalf("%d rules.* audit entries (log grew by %d), want 4", len(entries), auditLen(t, s)-before)
	}
	// Newest first.
	second, deact := entries[2], entries[1]
	if second.Actor != "bob" || second.Action != "rules.activate" || second.Object != "pack:dept@2+222" ||
		!strings.Contains(second.Detail, "file=dept.yaml") || !strings.Contains(second.Detail, "previous=dept@1+111") {
		t.Errorf("activation audit entry = %+v", second)
	}
	if deact.Actor != "carol" || deact.Action != "rules.deactivate" || deact.Object != "pack:dept@2+222" {
		t.Errorf("deactivation audit entry = %+v", deact)
	}
	if r, err := s.VerifyAudit(); err != nil || !r.OK() {
		t.Errorf("audit chain: %+v %v", r, err)
	}
}

func TestActivatePackSurvivesReopenAndDetectsChangedContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ActivatePack("alice", "dept.yaml", []byte("name: dept\n"), "dept@1+abc"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ap, err := ro.ActivePack()
	if err != nil || string(ap.Content) != "name: dept\n" {
		t.Fatalf("after reopening read-only: %+v %v", ap, err)
	}
	if err := ro.ActivatePack("bob", "x.yaml", []byte("x"), "x@1"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("activating on a read-only store: %v, want ErrReadOnly", err)
	}
	ro.Close()

	// Someone edits the stored bytes: the pack is refused, not used.
	editDB(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPackContents).Put(u64(1), []byte("name: evil\n"))
	})
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ActivePack(); err == nil || !strings.Contains(err.Error(), "does not match its SHA-256") {
		t.Errorf("ActivePack with edited content: %v", err)
	}
}

package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestActivateModelHistoryAndAudit(t *testing.T) {
	s, clock := openTest(t)
	if _, err := s.ActiveModel(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ActiveModel on a new database: %v, want ErrNotFound", err)
	}
	if h, err := s.ModelHistory(); err != nil || len(h) != 0 {
		t.Fatalf("ModelHistory on a new database: %v %v", h, err)
	}
	if err := s.DeactivateModel("alice"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("DeactivateModel with nothing active: %v, want ErrNotFound", err)
	}
	for _, tc := range []struct {
		name                          string
		actor, file, version, content string
	}{
		{"no actor", "", "m.cwm", "m@2026-12-01+aaa", "{}"},
		{"no content", "alice", "m.cwm", "m@2026-12-01+aaa", ""},
		{"no version", "alice", "m.cwm", "", "{}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.ActivateModel(tc.actor, tc.file, []byte(tc.content), tc.version); !errors.Is(err, ErrInvalid) {
				t.Errorf("ActivateModel: %v, want ErrInvalid", err)
			}
		})
	}
	before := auditLen(t, s)
	m1, m2 := []byte("model one"), []byte("model two")
	if err := s.ActivateModel("alice", "/srv/m1.cwm", m1, "m@2026-12-01+111"); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Hour)
	if err := s.ActivateModel("bob", "again.cwm", m1, "m@2026-12-01+111"); !errors.Is(err, ErrConflict) {
		t.Fatalf("activating the active model again: %v, want ErrConflict", err)
	}
	if err := s.ActivateModel("bob", "m2.cwm", m2, "m@2026-12-02+222"); err != nil {
		t.Fatal(err)
	}
	am, err := s.ActiveModel()
	if err != nil {
		t.Fatal(err)
	}
	if am.Seq != 2 || am.Version != "m@2026-12-02+222" || string(am.Content) != string(m2) || am.By != "bob" || am.Size != len(m2) {
		t.Errorf("active model = %+v", am)
	}
	clock.Add(time.Hour)
	if err := s.DeactivateModel("carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ActiveModel(); !errors.Is(err, ErrNotFound) {
		t.Errorf("ActiveModel after deactivation: %v, want ErrNotFound", err)
	}
	h, err := s.ModelHistory()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		got = append(got, e.By+":"+e.Version+map[bool]string{true: ":off"}[e.Deactivated])
	}
	if want := "alice:m@2026-12-01+111 bob:m@2026-12-02+222 carol::off"; strings.Join(got, " ") != want {
		t.Errorf("history = %s, want %s", strings.Join(got, " "), want)
	}
	entries, err := s.AuditEntries(AuditFilter{ActionPrefix: "model."})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 || auditLen(t, s) != before+3 {
		t.Fatalf("%d model.* audit entries (log grew by %d), want 3", len(entries), auditLen(t, s)-before)
	}
	second := entries[1] // newest first
	if second.Actor != "bob" || second.Action != "model.activate" || second.Object != "model:m@2026-12-02+222" ||
		!strings.Contains(second.Detail, "file=m2.cwm") || !strings.Contains(second.Detail, "previous=m@2026-12-01+111") {
		t.Errorf("activation audit entry = %+v", second)
	}
	if entries[0].Action != "model.deactivate" || entries[0].Actor != "carol" {
		t.Errorf("deactivation audit entry = %+v", entries[0])
	}
	if r, err := s.VerifyAudit(); err != nil || !r.OK() {
		t.Errorf("audit chain: %+v %v", r, err)
	}
}

func TestActiveModelReadOnlyAndChangedContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A database that never saw a model opens read-only and has none.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.ActiveModel(); !errors.Is(err, ErrNotFound) {
		t.Errorf("ActiveModel read-only without buckets: %v", err)
	}
	if err := ro.ActivateModel("bob", "x.cwm", []byte("x"), "x@1"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("activating on a read-only store: %v, want ErrReadOnly", err)
	}
	ro.Close()

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ActivateModel("alice", "m.cwm", []byte("model bytes"), "m@1+abc"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	editDB(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketModelContents).Put(u64(1), []byte("evil bytes"))
	})
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ActiveModel(); err == nil || !strings.Contains(err.Error(), "does not match its SHA-256") {
		t.Errorf("ActiveModel with edited content: %v", err)
	}
}

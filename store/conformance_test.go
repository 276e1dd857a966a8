package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/store/storetest"
)

// boltBackend is the bbolt store under the conformance suite: a real
// database file under t.TempDir(), reopened on the same file for the
// resume subtests and edited on disk for the tampering one.
type boltBackend struct {
	*store.Store
	path string
}

func openBolt(t *testing.T, path string) *boltBackend {
	t.Helper()
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &boltBackend{Store: s, path: path}
}

func (b *boltBackend) Reopen(t *testing.T) storetest.Backend {
	t.Helper()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return openBolt(t, b.path)
}

// TamperAudit edits the closed file in place (every copy of old: earlier
// versions of the page may linger in free pages) and reopens it.
func (b *boltBackend) TamperAudit(t *testing.T, seq uint64, old, new string) storetest.Backend {
	t.Helper()
	if len(old) != len(new) {
		t.Fatal("bad test: the edit changes the length")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(b.path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("audit entry %d: %q is not in %s", seq, old, b.path)
	}
	if err := os.WriteFile(b.path, bytes.ReplaceAll(data, []byte(old), []byte(new)), 0o600); err != nil {
		t.Fatal(err)
	}
	return openBolt(t, b.path)
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		return openBolt(t, filepath.Join(t.TempDir(), "certwatch.db"))
	})
}

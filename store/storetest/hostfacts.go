package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// testHostFacts (issue 14): host facts are kept per case byte for byte
// with their SHA-256, listed oldest first, refused for a missing case, a
// bad record or past MaxHostFactsPerCase (nothing changed by a refusal),
// and exported beside the case's evidence: one file per record, listed
// in the manifest and in SHA256SUMS.
func testHostFacts(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	id := flagCase(t, b, sw, "https://cx-mem-gov.example/query", "全国安全生产资格证书查询")
	other := flagCase(t, b, sw, "https://other.example/", "假证 other")
	at := time.Date(2026, 12, 3, 10, 0, 0, 123456789, time.UTC)
	// Whitespace and HTML characters must survive exactly: a backend that
	// re-encodes the JSON would change the bytes and the hash.
	data1 := []byte("{\"version\": 1,\n \"host\": \"cx-mem-gov.example\", \"note\": \"<b>&</b>\"}")
	data2 := []byte(`{"version":1,"host":"cx-mem-gov.example","addresses":[{"ip":"203.0.113.7"}]}`)

	if hs, err := b.HostFacts(id); err != nil || len(hs) != 0 {
		t.Fatalf("HostFacts of a new case = %+v, %v; want none", hs, err)
	}
	h1, err := b.AddHostFacts(store.HostFacts{CaseID: id, SnapshotID: 1, URL: "https://cx-mem-gov.example/query", CollectedAt: at, By: "sweep", Data: data1})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data1)
	if h1.ID == 0 || h1.SHA256 != hex.EncodeToString(sum[:]) || !h1.CollectedAt.Equal(at.Truncate(time.Microsecond)) {
		t.Errorf("AddHostFacts = %+v", h1)
	}
	h2, err := b.AddHostFacts(store.HostFacts{CaseID: id, URL: "https://cx-mem-gov.example/query", CollectedAt: at.Add(time.Hour), By: "张三", Data: data2})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		name string
		h    store.HostFacts
		want error
	}{
		{"missing case", store.HostFacts{CaseID: other + 100, CollectedAt: at, By: "sweep", Data: data2}, store.ErrNotFound},
		{"no case", store.HostFacts{CollectedAt: at, By: "sweep", Data: data2}, store.ErrInvalid},
		{"no data", store.HostFacts{CaseID: id, CollectedAt: at, By: "sweep"}, store.ErrInvalid},
		{"not JSON", store.HostFacts{CaseID: id, CollectedAt: at, By: "sweep", Data: []byte("{oops")}, store.ErrInvalid},
		{"too large", store.HostFacts{CaseID: id, CollectedAt: at, By: "sweep",
			Data: []byte(`"` + strings.Repeat("x", store.MaxHostFactsBytes) + `"`)}, store.ErrInvalid},
		{"no time", store.HostFacts{CaseID: id, By: "sweep", Data: data2}, store.ErrInvalid},
		{"no collector", store.HostFacts{CaseID: id, CollectedAt: at, Data: data2}, store.ErrInvalid},
	} {
		if _, err := b.AddHostFacts(bad.h); !errors.Is(err, bad.want) {
			t.Errorf("AddHostFacts(%s) = %v, want %v", bad.name, err, bad.want)
		}
	}
	hs, err := b.HostFacts(id)
	if err != nil || len(hs) != 2 {
		t.Fatalf("HostFacts = %+v, %v; want 2", hs, err)
	}
	if hs[0].ID != h1.ID || hs[1].ID != h2.ID || !bytes.Equal(hs[0].Data, data1) || !bytes.Equal(hs[1].Data, data2) ||
		hs[0].SHA256 != h1.SHA256 || hs[0].By != "sweep" || hs[1].By != "张三" || hs[0].SnapshotID != 1 ||
		!hs[0].CollectedAt.Equal(h1.CollectedAt) || hs[0].URL != "https://cx-mem-gov.example/query" || hs[0].CaseID != id {
		t.Errorf("HostFacts read back %+v, want %+v then %+v", hs, h1, h2)
	}
	if hs, err := b.HostFacts(other); err != nil || len(hs) != 0 {
		t.Errorf("HostFacts of another case = %+v, %v", hs, err)
	}
	if _, err := b.HostFacts(other + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("HostFacts of a missing case: %v, want ErrNotFound", err)
	}

	dir := filepath.Join(t.TempDir(), "case")
	m, err := b.ExportEvidence(id, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.HostFacts) != 2 || m.HostFacts[0].SHA256 != h1.SHA256 || m.HostFacts[1].By != "张三" {
		t.Errorf("manifest host facts %+v", m.HostFacts)
	}
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, mh := range m.HostFacts {
		got, err := os.ReadFile(filepath.Join(dir, mh.File))
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(got)
		if hex.EncodeToString(s[:]) != mh.SHA256 || !strings.Contains(string(sums), mh.SHA256+"  "+mh.File+"\n") {
			t.Errorf("%s: hash %x, manifest %s, not in SHA256SUMS as such", mh.File, s, mh.SHA256)
		}
	}

	// The bound: records past MaxHostFactsPerCase are refused.
	for i := range store.MaxHostFactsPerCase {
		if _, err := b.AddHostFacts(store.HostFacts{CaseID: other, CollectedAt: at, By: "sweep", Data: data2}); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
	}
	if _, err := b.AddHostFacts(store.HostFacts{CaseID: other, CollectedAt: at, By: "sweep", Data: data2}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("record %d of one case: %v, want ErrInvalid", store.MaxHostFactsPerCase+1, err)
	}
	if hs, err := b.HostFacts(other); err != nil || len(hs) != store.MaxHostFactsPerCase {
		t.Errorf("HostFacts after the bound: %d records, %v", len(hs), err)
	}
}

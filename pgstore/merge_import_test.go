package pgstore_test

import (
	"maps"
	"testing"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// TestImportBoltMerges: merged cases move from bbolt to PostgreSQL with
// their primary, actor and note, and the verification compares them.
func TestImportBoltMerges(t *testing.T) {
	d := buildDistrict(t, 8)
	rw, err := store.Open(d.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Merge(store.Merge{Primary: d.flagged[0], Cases: []uint64{d.flagged[6], d.flagged[7]}, By: "alice", Note: "同一卖家"}); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	src := openBolt(t, d.path)
	dst, _, _ := importTarget(t)
	r, err := importAndVerify(t, src, dst, pgstore.ImportOptions{Sample: -1})
	if err != nil || !r.OK() {
		t.Fatalf("verify: %v\n%v", err, r)
	}
	want, _ := src.MergedIDs()
	got, err := dst.MergedIDs()
	if err != nil || len(got) != 2 || !maps.Equal(want, got) {
		t.Fatalf("merged in PostgreSQL %v, %v; bbolt %v", got, err, want)
	}
	m, err := dst.MergeOf(d.flagged[6])
	if err != nil || m.Primary != d.flagged[0] || m.By != "alice" || m.Note != "同一卖家" || m.At.IsZero() {
		t.Errorf("MergeOf in PostgreSQL: %+v, %v", m, err)
	}
}

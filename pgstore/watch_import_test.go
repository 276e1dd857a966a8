package pgstore_test

import (
	"testing"
	"time"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// TestImportBoltWatchChecks: the re-checks of known imitation sites move
// from bbolt to PostgreSQL, newest first as before.
func TestImportBoltWatchChecks(t *testing.T) {
	d := buildDistrict(t, 8)
	rw, err := store.Open(d.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i, s := range []string{store.WatchOnline, store.WatchChanged, store.WatchGone} {
		if err := rw.RecordWatchCheck(store.WatchCheck{CaseID: d.flagged[1], SweepID: 1, At: at.Add(time.Duration(i) * time.Hour),
			URL: "http://cx-mem-zscx.top/", State: s, Status: 200 + i, ContentKey: "k", Detail: "复查 " + s}); err != nil {
			t.Fatal(err)
		}
	}
	rw.Close()
	src := openBolt(t, d.path)
	dst, _, _ := importTarget(t)
	r, err := importAndVerify(t, src, dst, pgstore.ImportOptions{Sample: -1})
	if err != nil || !r.OK() {
		t.Fatalf("verify: %v\n%v", err, r)
	}
	want, _ := src.WatchChecks(d.flagged[1], 0)
	got, err := dst.WatchChecks(d.flagged[1], 0)
	if err != nil || len(got) != 3 || len(want) != 3 {
		t.Fatalf("re-checks in PostgreSQL %+v, %v; bbolt %+v", got, err, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("re-check %d: PostgreSQL %+v, bbolt %+v", i, got[i], want[i])
		}
	}
}

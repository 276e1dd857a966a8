package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// retentionPruner is the page-record retention every backend offers:
// RetentionCounts says what a prune would delete, PrunePages deletes the
// page records of old sweeps, Page reads one back.
type retentionPruner interface {
	RetentionCounts(finishedBefore time.Time) (store.RetentionCounts, error)
	PrunePages(finishedBefore time.Time) (int, error)
	Page(url string) (*store.PageRecord, error)
}

// testPrunePages: the page records whose latest fetch is in a sweep
// finished before the cut go; a flagged page (its case's) stays, so do the
// case, its snapshots and sightings; a URL fetched again in a newer sweep
// keeps its newer record; a running sweep's pages stay; the dry-run counts
// match what is then deleted, frontiers included; pruning twice finds
// nothing.
func testPrunePages(t *testing.T, b Backend) {
	p, ok := b.(retentionPruner)
	if !ok {
		t.Fatalf("%T has no RetentionCounts, PrunePages and Page", b)
	}
	old := startSweep(t, b)
	var plain []string
	for i := range 5 {
		plain = append(plain, pageURL("old", i))
	}
	again, fresh := pageURL("again", 1), pageURL("fresh", 1)
	if _, err := b.AddFrontier(old, items(append(plain, again)...)); err != nil {
		t.Fatal(err)
	}
	for i := range plain {
		if _, err := b.RecordPageFollow(old, plain[i], store.PageRecord{Status: 200, BodySHA256: "ab", BodySize: 10}, nil); err != nil {
			t.Fatal(err)
		}
	}
	const flagged = "https://flagged.example/t/1"
	res, err := b.Record(observation(old, flagged, "出售安全员证"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.RecordPageFollow(old, again, store.PageRecord{Status: 200}, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.FinishSweep(old, store.SweepFinished, []byte(`{"pages":7}`)); err != nil {
		t.Fatal(err)
	}
	running := startSweep(t, b)
	if _, err := b.AddFrontier(running, items(again, fresh)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.RecordPageFollow(running, again, store.PageRecord{Status: 304}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := b.RecordPageFollow(running, fresh, store.PageRecord{Status: 200}, nil); err != nil {
		t.Fatal(err)
	}

	if c, err := p.RetentionCounts(time.Now().Add(-time.Hour)); err != nil || c != (store.RetentionCounts{}) {
		t.Fatalf("counts with a cut before the sweep finished: %+v, %v; want nothing", c, err)
	}
	if n, err := p.PrunePages(time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("pruning before the sweep finished: %d, %v; want 0", n, err)
	}
	cut := time.Now().Add(time.Hour)
	c, err := p.RetentionCounts(cut)
	if want := (store.RetentionCounts{FrontierSweeps: 1, FrontierURLs: 6, Pages: 5}); err != nil || c != want {
		t.Fatalf("dry-run counts: %+v, %v; want %+v", c, err, want)
	}
	n, err := p.PrunePages(cut)
	if err != nil || n != c.Pages {
		t.Fatalf("PrunePages: %d, %v; want the %d counted", n, err, c.Pages)
	}
	for _, u := range plain {
		if pr, err := p.Page(u); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("page %s of the old sweep after pruning: %+v, %v; want it gone", u, pr, err)
		}
	}
	if pr, err := p.Page(flagged); err != nil || pr.CaseID != res.CaseID || !pr.Flagged {
		t.Errorf("the flagged page: %+v, %v; want it kept with case %d", pr, err, res.CaseID)
	}
	if pr, err := p.Page(again); err != nil || pr.SweepID != running || pr.Status != 304 {
		t.Errorf("the page fetched again in the running sweep: %+v, %v; want its newer record", pr, err)
	}
	if pr, err := p.Page(fresh); err != nil || pr.SweepID != running {
		t.Errorf("the running sweep's page: %+v, %v; want it kept", pr, err)
	}
	cs := mustCase(t, b, res.CaseID)
	if snaps, err := b.Snapshots(cs.ID); err != nil || len(snaps) != 1 {
		t.Errorf("the case's snapshots after pruning: %d, %v; want 1", len(snaps), err)
	}
	if ss, err := b.Sightings(cs.ID); err != nil || len(ss) != 1 || ss[0].SweepID != old {
		t.Errorf("the case's sightings after pruning: %+v, %v; want the old sweep's", ss, err)
	}
	if body := mustBody(t, b, res.SnapshotID); len(body) == 0 {
		t.Error("the case's evidence body is gone")
	}
	// The frontier is PruneFrontiers' part: the counts still show it.
	if c, err := p.RetentionCounts(cut); err != nil || c != (store.RetentionCounts{FrontierSweeps: 1, FrontierURLs: 6}) {
		t.Errorf("counts after pruning pages: %+v, %v; want only the frontier left", c, err)
	}
	if n, err := p.PrunePages(cut); err != nil || n != 0 {
		t.Errorf("pruning twice: %d, %v; want nothing the second time", n, err)
	}
}

package pgstore_test

import (
	"context"
	"errors"
	"github.com/certwatch/certwatch/blobstore"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

func newBackend(t *testing.T) (*pgBackend, string) {
	t.Helper()
	url := pgstoretest.DB(t)
	dir := t.TempDir()
	return openPG(t, url, dirBlobs(t, dir)), dir
}

// hostsPending counts the pending frontier URLs a claim can find: those
// of hosts marked has_pending (a URL of an unmarked host would never be
// claimed).
func hostsPending(t *testing.T, b *pgBackend) int {
	t.Helper()
	var n int
	if err := b.Store().Pool().QueryRow(context.Background(), `
		SELECT count(*) FROM frontier f JOIN hosts h ON h.host = f.host
		WHERE f.state = 'pending' AND h.has_pending`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSweepFrontierIsShared: the frontier a single-process sweep writes is
// the one workers lease per host. Items it adds are claimed with their
// fields; what a worker completes is done for the sweep; what the sweep
// marks done (MarkDone, RecordPageFollow, Record) is no longer pending,
// so no worker claims it.
func TestSweepFrontierIsShared(t *testing.T) {
	b, _ := newBackend(t)
	ctx := context.Background()
	sw := store.Sweep{}
	if err := b.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	urls := []string{"https://a.example/1", "https://a.example/2", "https://b.example/1", "https://c.example/1", "https://c.example/2"}
	items := []store.FrontierItem{{URL: urls[0], SourceID: "forum", Depth: 2, Kind: "page", Meta: map[string]string{"term": "办证"}}}
	for _, u := range urls[1:] {
		items = append(items, store.FrontierItem{URL: u, Kind: "page"})
	}
	if n, err := b.AddFrontier(sw.ID, items); err != nil || n != 5 {
		t.Fatalf("AddFrontier = %d, %v", n, err)
	}
	if got := hostsPending(t, b); got != 5 {
		t.Fatalf("hosts count %d pending URLs, want 5", got)
	}

	// The sweep handles b.example and one URL of c.example itself.
	if err := b.MarkDone(sw.ID, urls[2], "robots"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.RecordPageFollow(sw.ID, urls[3], store.PageRecord{Status: 200}, nil); err != nil {
		t.Fatal(err)
	}
	o := benchObservation(sw.ID, 1)
	o.FrontierURL = urls[4]
	if _, err := b.Record(o); err != nil {
		t.Fatal(err)
	}
	if got := hostsPending(t, b); got != 2 {
		t.Fatalf("hosts count %d pending URLs after the sweep marked 3 done, want 2", got)
	}
	// Refusals change nothing: a missing sweep, a URL not in the frontier
	// (the links of that page are not added either).
	if _, err := b.RecordPageFollow(sw.ID+100, "", store.PageRecord{URL: urls[0]}, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RecordPageFollow in a missing sweep: %v, want ErrNotFound", err)
	}
	links := []store.FrontierItem{{URL: "https://d.example/1"}}
	if _, err := b.RecordPageFollow(sw.ID, "https://d.example/0", store.PageRecord{}, links); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RecordPageFollow of a URL not in the frontier: %v, want ErrNotFound", err)
	}
	if p, d, err := b.FrontierCounts(sw.ID); err != nil || p != 2 || d != 3 || hostsPending(t, b) != 2 {
		t.Fatalf("after refusals: %d pending, %d done, %v; want 2, 3", p, d, err)
	}

	// A worker claims the only host with work left, with the items'
	// fields, and completes one URL.
	l, err := b.Store().ClaimHost(ctx, "w1", time.Minute, pgstore.ClaimOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var claimed []string
	for _, u := range l.URLs {
		claimed = append(claimed, u.URL)
	}
	if l.Host != "a.example" || !slices.Equal(claimed, urls[:2]) || l.URLs[0].SweepID != sw.ID ||
		l.URLs[0].Depth != 2 || l.URLs[0].SourceID != "forum" || l.URLs[0].Meta["term"] != "办证" {
		t.Fatalf("claimed %s with %+v; want a.example with the sweep's two items", l.Host, l.URLs)
	}
	if err := b.Store().Complete(ctx, l, []pgstore.Done{{ID: l.URLs[0].ID, Outcome: "ok"}}); err != nil {
		t.Fatal(err)
	}
	if p, d, err := b.FrontierCounts(sw.ID); err != nil || p != 1 || d != 4 {
		t.Errorf("FrontierCounts = %d pending, %d done, %v; want 1, 4", p, d, err)
	}
	pending, err := b.PendingFrontier(sw.ID, 0)
	if err != nil || len(pending) != 1 || pending[0].URL != urls[1] {
		t.Errorf("PendingFrontier = %+v, %v; want only %s", pending, err, urls[1])
	}
	// The sweep marks the leased URL done too: counted once.
	if err := b.MarkDone(sw.ID, urls[1], "ok"); err != nil {
		t.Fatal(err)
	}
	if err := b.Store().Complete(ctx, l, []pgstore.Done{{ID: l.URLs[1].ID, Outcome: "ok"}}); err != nil {
		t.Fatal(err)
	}
	if got := hostsPending(t, b); got != 0 {
		t.Errorf("hosts count %d pending URLs when none is, want 0", got)
	}
	if p, d, err := b.FrontierCounts(sw.ID); err != nil || p != 0 || d != 5 {
		t.Errorf("FrontierCounts = %d pending, %d done, %v; want 0, 5", p, d, err)
	}
}

// TestEvidenceBlobs: a snapshot's bytes are read from Blobs and checked
// against its hash; missing or changed bytes are an error, never
// store.ErrNotFound (which means "none kept").
func TestEvidenceBlobs(t *testing.T) {
	b, dir := newBackend(t)
	sw := store.Sweep{}
	if err := b.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	o := benchObservation(sw.ID, 7)
	res, err := b.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	sn, err := b.Snapshot(res.SnapshotID)
	if err != nil {
		t.Fatal(err)
	}
	if body, err := b.SnapshotBody(sn.ID); err != nil || string(body) != string(o.Body) {
		t.Fatalf("SnapshotBody = %d bytes, %v; want the recorded body", len(body), err)
	}
	if _, err := b.SnapshotScreenshot(sn.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SnapshotScreenshot of a page not rendered: %v, want ErrNotFound", err)
	}
	path := filepath.Join(dir, filepath.FromSlash(blobstore.Key(sn.BodySHA256)))
	if err := os.WriteFile(path, []byte("changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SnapshotBody(sn.ID); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("SnapshotBody of changed bytes: %v; want an error other than ErrNotFound", err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SnapshotBody(sn.ID); !errors.Is(err, pgstore.ErrBlobMissing) {
		t.Errorf("SnapshotBody of a lost blob: %v, want ErrBlobMissing", err)
	}
	if _, err := b.SnapshotBody(sn.ID + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SnapshotBody of a missing snapshot: %v, want ErrNotFound", err)
	}
	// A Record in a sweep that does not exist is refused.
	o.SweepID = sw.ID + 100
	if _, err := b.Record(o); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Record in a missing sweep: %v, want ErrNotFound", err)
	}
}

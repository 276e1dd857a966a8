package pgstore

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// TestPrunePagesInBatches: with a batch smaller than the work, every old
// page record still goes (statement after statement), and the record a
// newer sweep fetched again stays.
func TestPrunePagesInBatches(t *testing.T) {
	b := NewBackend(open(t, migrated(t), Options{}), nil)
	defer b.Close()
	start := func() uint64 {
		sw := store.Sweep{ConfigHash: "cfg"}
		if err := b.StartSweep(&sw); err != nil {
			t.Fatal(err)
		}
		return sw.ID
	}
	old := start()
	var urls []string
	var items []store.FrontierItem
	for i := range 7 {
		urls = append(urls, fmt.Sprintf("https://old.example/%d", i))
		items = append(items, store.FrontierItem{URL: urls[i], SourceID: "s", Kind: "page"})
	}
	if _, err := b.AddFrontier(old, items); err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		if _, err := b.RecordPageFollow(old, u, store.PageRecord{Status: 200}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.FinishSweep(old, store.SweepFinished, nil); err != nil {
		t.Fatal(err)
	}
	newer := start()
	if _, err := b.AddFrontier(newer, items[3:4]); err != nil {
		t.Fatal(err)
	}
	if _, err := b.RecordPageFollow(newer, urls[3], store.PageRecord{Status: 200}, nil); err != nil {
		t.Fatal(err)
	}
	n, err := b.prunePages(time.Now().Add(time.Hour), 2)
	if err != nil || n != 6 {
		t.Fatalf("prunePages in batches of 2: %d, %v; want the 6 records still in the old sweep", n, err)
	}
	for i, u := range urls {
		_, err := b.Page(u)
		if (i == 3) != (err == nil) || (err != nil && !errors.Is(err, store.ErrNotFound)) {
			t.Errorf("page %s after pruning: %v", u, err)
		}
	}
}

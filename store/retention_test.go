package store

import (
	"fmt"
	"testing"
	"time"
)

// TestPrunePagesInBatches: with a batch smaller than the work, every old
// page record still goes (the walk continues after each batch), and the
// records of a newer sweep stay.
func TestPrunePagesInBatches(t *testing.T) {
	s, clock := openTest(t)
	old := startSweep(t, s)
	var urls []string
	for i := range 7 {
		urls = append(urls, fmt.Sprintf("https://old.example/%d", i))
	}
	addFrontier(t, s, old, urls...)
	for _, u := range urls {
		if err := s.RecordPage(old, u, PageRecord{Status: 200}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.FinishSweep(old, SweepFinished, nil); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Hour)
	newer := startSweep(t, s)
	addFrontier(t, s, newer, urls[3])
	if err := s.RecordPage(newer, urls[3], PageRecord{Status: 200}); err != nil {
		t.Fatal(err)
	}
	n, err := s.prunePages(clock.Now(), 2)
	if err != nil || n != 6 {
		t.Fatalf("prunePages in batches of 2: %d, %v; want the 6 records still in the old sweep", n, err)
	}
	for i, u := range urls {
		_, err := s.Page(u)
		if (i == 3) != (err == nil) {
			t.Errorf("page %s after pruning: %v", u, err)
		}
	}
}

package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// mappedKB is the resident size of this process's mappings of path, from
// /proc/self/smaps.
func mappedKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 5 && strings.Contains(fields[0], "-") {
			in = len(fields) >= 6 && fields[len(fields)-1] == path
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			kb += n
		}
	}
	return kb
}

// TestReleaseMappedPages reads a whole database, so that its file is
// mapped in, then writes releaseEvery pages: the writes drop the mapped
// pages, and everything reads back the same after.
func TestReleaseMappedPages(t *testing.T) {
	path, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(path, "certwatch.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sweep := startSweep(t, s)
	const n = 3000
	items := make([]FrontierItem, n)
	for i := range items {
		items[i] = FrontierItem{URL: fmt.Sprintf("https://m.example/%d/%s", i, strings.Repeat("x", 200)), SourceID: "m", Kind: "page"}
	}
	if _, err := s.AddFrontier(sweep, items); err != nil {
		t.Fatal(err)
	}
	all, err := s.PendingFrontier(sweep, 0) // reads every item: the file is mapped in
	if err != nil || len(all) != n {
		t.Fatalf("PendingFrontier: %d items, %v", len(all), err)
	}
	var used int64 // bytes of the file in use
	if err := s.db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		t.Fatal(err)
	}
	before := mappedKB(t, path)
	if before < 512 { // the items alone are 600 kB
		t.Fatalf("after reading everything, %d kB of the %d kB in use are mapped in: the test cannot see a drop", before, used/1024)
	}
	for i := range releaseEvery - int(s.batchedWrites.Load()%releaseEvery) {
		if err := s.RecordPage(sweep, items[i].URL, PageRecord{Status: 200}); err != nil {
			t.Fatal(err)
		}
	}
	after := mappedKB(t, path)
	t.Logf("%d kB in use; mapped in: %d kB after reading it all, %d kB after %d writes", used/1024, before, after, releaseEvery)
	if after > before/2 {
		t.Errorf("the writes did not drop the mapped pages: %d kB mapped, %d kB before", after, before)
	}
	pending, err := s.PendingFrontier(sweep, 0)
	if err != nil || len(pending) != n-releaseEvery {
		t.Fatalf("after the drop: %d pending, %v; want %d", len(pending), err, n-releaseEvery)
	}
	for i, it := range pending {
		if want := items[i+releaseEvery].URL; it.URL != want {
			t.Fatalf("pending item %d is %s, want %s", i, it.URL, want)
		}
	}
}

// TestReleaseMappedUnderLoad drops the mapped pages many times while
// writers grow the file (bbolt remaps it) and readers read: every read
// sees what was written.
func TestReleaseMappedUnderLoad(t *testing.T) {
	s, _ := openTest(t)
	sweep := startSweep(t, s)
	const writers, perWriter = 8, 80
	url := func(w, i int) string {
		return fmt.Sprintf("https://l.example/%d/%d/%s", w, i, strings.Repeat("y", 300))
	}
	var items []FrontierItem
	for w := range writers {
		for i := range perWriter {
			items = append(items, FrontierItem{URL: url(w, i), SourceID: "l", Kind: "page"})
		}
	}
	if _, err := s.AddFrontier(sweep, items); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				follow := []FrontierItem{{URL: url(w, i) + "/next", SourceID: "l", Kind: "page"}}
				if _, err := s.RecordPageFollow(sweep, url(w, i), PageRecord{Status: 200, BodySize: i}, follow); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	var readers sync.WaitGroup
	for r := range 3 {
		readers.Go(func() {
			for k := 0; ; k++ {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Microsecond): // leave the writers some CPU
				}
				w, i := (r+k)%writers, k%perWriter
				it, err := s.FrontierItem(sweep, url(w, i))
				if err != nil || it.URL != url(w, i) {
					t.Errorf("item %d/%d: %+v, %v", w, i, it, err)
					return
				}
				if it.State == FrontierDone {
					p, err := s.Page(url(w, i))
					if err != nil || p.BodySize != i || p.URL != url(w, i) {
						t.Errorf("page %d/%d: %+v, %v", w, i, p, err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	if got := s.batchedWrites.Load(); got < writers*perWriter {
		t.Errorf("%d batched writes counted, want at least %d", got, writers*perWriter)
	}
	pending, done, err := s.FrontierCounts(sweep)
	if err != nil || done != writers*perWriter || pending != writers*perWriter {
		t.Errorf("frontier: %d pending, %d done, %v; want %d of each", pending, done, err, writers*perWriter)
	}
}

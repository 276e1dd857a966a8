package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/blobstore"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

// pruneFixture is what TestPrune fills a database with: an old sweep
// (finished 40 days ago) with 4 plain pages and a flagged one in its
// frontier and page records, and a recent sweep with 2 pages.
type pruneFixture interface {
	StartSweep(*store.Sweep) error
	AddFrontier(sweepID uint64, items []store.FrontierItem) (int, error)
	RecordPageFollow(sweepID uint64, frontierURL string, p store.PageRecord, follow []store.FrontierItem) (int, error)
	Record(store.Observation) (store.RecordResult, error)
	FinishSweep(id uint64, status string, stats json.RawMessage) error
	Page(url string) (*store.PageRecord, error)
	Case(id uint64) (*store.Case, error)
}

func fillPrune(t *testing.T, st pruneFixture) (oldSweep uint64, plain []string, flagged string, caseID uint64) {
	t.Helper()
	sweep := func(urls ...string) uint64 {
		sw := store.Sweep{ConfigHash: "cfg"}
		if err := st.StartSweep(&sw); err != nil {
			t.Fatal(err)
		}
		var items []store.FrontierItem
		for _, u := range urls {
			items = append(items, store.FrontierItem{URL: u, SourceID: "site", Kind: "page"})
		}
		if _, err := st.AddFrontier(sw.ID, items); err != nil {
			t.Fatal(err)
		}
		for _, u := range urls {
			if _, err := st.RecordPageFollow(sw.ID, u, store.PageRecord{Status: 200}, nil); err != nil {
				t.Fatal(err)
			}
		}
		return sw.ID
	}
	for i := range 4 {
		plain = append(plain, fmt.Sprintf("https://old.example/%d", i))
	}
	oldSweep = sweep(plain...)
	flagged = "https://old.example/offer"
	body := []byte("<p>电工证免考 微信 zheng_1</p>")
	res, err := st.Record(store.Observation{SweepID: oldSweep, CaseKey: store.CanonicalURL(flagged), URL: flagged, FinalURL: flagged,
		SourceID: "site", FetchedAt: time.Now(), Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: body,
		Flagged: true, Score: 9, Category: "cert_sale", Finding: json.RawMessage(`{"score":9}`), Text: string(body), ContentKey: "k1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishSweep(oldSweep, store.SweepFinished, []byte(`{"pages":5}`)); err != nil {
		t.Fatal(err)
	}
	return oldSweep, plain, flagged, res.CaseID
}

// TestPrune: `certwatch prune --dry-run` counts, changing nothing, and
// `certwatch prune` deletes the old sweep's frontier and plain page
// records on bbolt and on PostgreSQL alike, keeping the flagged page's
// record, its case and the recent sweep's pages; Chinese and English
// output; a keep window out of bounds is refused.
func TestPrune(t *testing.T) {
	for _, backend := range []string{"bbolt", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			var db string
			var st pruneFixture
			var closeStore func()
			recent := []string{"https://new.example/1", "https://new.example/2"}
			if backend == "bbolt" {
				db = filepath.Join(dir, "certwatch.db")
				clock := time.Now().Add(-40 * 24 * time.Hour)
				bs, err := store.Open(db, store.Options{Clock: func() time.Time { return clock }})
				if err != nil {
					t.Fatal(err)
				}
				st, closeStore = bs, func() { bs.Close() }
				defer func() { closeStore() }()
				_, plain, flagged, caseID := fillPrune(t, st)
				clock = time.Now()
				testPruneCLI(t, db, st, closeStore, func() (pruneFixture, func()) {
					bs, err := store.Open(db, store.Options{})
					if err != nil {
						t.Fatal(err)
					}
					closeStore = func() { bs.Close() }
					return bs, closeStore
				}, plain, flagged, caseID, recent)
				return
			}
			db = pgstoretest.DB(t)
			blobs, err := blobstore.Open(context.Background(), filepath.Join(dir, "blobs"), blobstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer blobs.Close()
			pst, err := pgstore.Open(context.Background(), db, pgstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			b := pgstore.NewBackend(pst, blobs)
			defer b.Close()
			oldSweep, plain, flagged, caseID := fillPrune(t, b)
			if _, err := pst.Pool().Exec(context.Background(), `UPDATE sweeps SET finished_at = now() - interval '40 days' WHERE id = $1`, int64(oldSweep)); err != nil {
				t.Fatal(err)
			}
			testPruneCLI(t, db, b, func() {}, func() (pruneFixture, func()) { return b, func() {} }, plain, flagged, caseID, recent)
		})
	}
}

// testPruneCLI runs the prune command on db (st is closed with closeStore
// while the command runs, reopen gives it back) and checks the outcome.
func testPruneCLI(t *testing.T, db string, st pruneFixture, closeStore func(), reopen func() (pruneFixture, func()), plain []string, flagged string, caseID uint64, recent []string) {
	t.Helper()
	sw := store.Sweep{ConfigHash: "cfg"}
	if err := st.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	var items []store.FrontierItem
	for _, u := range recent {
		items = append(items, store.FrontierItem{URL: u, SourceID: "site", Kind: "page"})
	}
	if _, err := st.AddFrontier(sw.ID, items); err != nil {
		t.Fatal(err)
	}
	for _, u := range recent {
		if _, err := st.RecordPageFollow(sw.ID, u, store.PageRecord{Status: 200}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.FinishSweep(sw.ID, store.SweepFinished, nil); err != nil {
		t.Fatal(err)
	}
	closeStore()

	for _, days := range []string{"0", "3651"} {
		if code, _, errOut := runCLI(t, "", "--lang", "zh", "prune", "--db", db, "--keep-days", days); code != 2 || !strings.Contains(errOut, "须在 1 到 3650 天之间") {
			t.Errorf("--keep-days %s: exit %d\n%s", days, code, errOut)
		}
	}
	code, out, errOut := runCLI(t, "", "--lang", "zh", "prune", "--db", db, "--keep-days", "30", "--dry-run")
	if code != 0 || !regexp.MustCompile(`保留最近 30 天：将删除 .* 之前结束的 1 次巡查的抓取队列（4 个网址）和 4 条页面记录（试运行`).MatchString(out) {
		t.Fatalf("prune --dry-run: exit %d\n%s%s", code, out, errOut)
	}
	st, closeStore = reopen()
	if p, err := st.Page(plain[0]); err != nil || p.URL != plain[0] {
		t.Fatalf("a page record after the dry run: %+v, %v; want it kept", p, err)
	}
	closeStore()
	code, out, errOut = runCLI(t, "", "--lang", "en", "prune", "--db", db, "--keep-days", "30")
	if code != 0 || !strings.Contains(out, "deleted the frontiers of the sweeps finished before") || !strings.Contains(out, "1 sweeps with 4 URLs, and 4 page records") {
		t.Fatalf("prune: exit %d\n%s%s", code, out, errOut)
	}
	st, closeStore = reopen()
	for _, u := range plain {
		if p, err := st.Page(u); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("page %s after prune: %+v, %v; want it gone", u, p, err)
		}
	}
	if p, err := st.Page(flagged); err != nil || p.CaseID != caseID {
		t.Errorf("the flagged page after prune: %+v, %v; want it kept with case %d", p, err, caseID)
	}
	if c, err := st.Case(caseID); err != nil || c.Snapshots != 1 {
		t.Errorf("the case after prune: %+v, %v", c, err)
	}
	for _, u := range recent {
		if _, err := st.Page(u); err != nil {
			t.Errorf("recent page %s after prune: %v", u, err)
		}
	}
	closeStore()
	if code, out, errOut := runCLI(t, "", "--lang", "zh", "prune", "--db", db, "--keep-days", "30", "--dry-run"); code != 0 || !strings.Contains(out, "0 次巡查的抓取队列（0 个网址）和 0 条页面记录") {
		t.Errorf("prune --dry-run after pruning: exit %d\n%s%s", code, out, errOut)
	}
	reopen()
}

package sweep

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// costSweep sweeps the cost site with the default handlers, whose writes
// share commits.
func costSweep(t *testing.T, cfg *config.Config, resume bool) *Summary {
	t.Helper()
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	return sweepOnce(t, ctx, cfg, m, p.SearchTerms, resume)
}

// TestKillSweepBetweenBatches kills (SIGKILL) a child sweeping a local site
// of 1,000 static pages (every 20th an offer) with the default handlers,
// while pages wait in uncommitted batches, and resumes it here: a page is
// done only with its links in the frontier and, when an offer, its case;
// no page done at the kill is fetched again; every page is fetched and
// every offer is one case with one sighting in the end.
func TestKillSweepBetweenBatches(t *testing.T) {
	if os.Getenv("CERTWATCH_COST_CHILD") != "" {
		return // the child is run through TestCostSweepChild
	}
	const pages, offerEvery = 1000, 20
	site := newCostSite(t, pages, offerEvery)
	dir := t.TempDir()
	cfg := costConfig(t, dir, site, pages, 8)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCostSweepChild$")
	cmd.Env = append(os.Environ(), "CERTWATCH_COST_CHILD="+filepath.Join(dir, "cost.yaml"))
	var childOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for site.hits.Load() < 300 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	hitsAtKill := make([]int64, pages+1)
	for i := range hitsAtKill {
		hitsAtKill[i] = site.pageHits[i].Load()
	}
	t.Logf("killed the child after %d page requests", site.hits.Load())

	st, err := store.Open(cfg.Database, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	sw, err := st.RunningSweep()
	if err != nil {
		t.Fatalf("no unfinished sweep after the kill: %v\n%s", err, childOut.String())
	}
	pending, done, _ := st.FrontierCounts(sw.ID)
	if done == 0 || pending == 0 {
		t.Fatalf("the kill did not land mid-sweep: %d done, %d pending", done, pending)
	}
	doneAtKill := map[int]bool{}
	fetchedNotDone := 0
	for i := 0; i <= pages; i++ {
		it, err := st.FrontierItem(sw.ID, costURL(i))
		if err != nil {
			continue // no done page links to it yet
		}
		_, caseErr := st.CaseByKey(store.CanonicalURL(costURL(i)))
		offer := i > 0 && i%offerEvery == 0
		if it.State != store.FrontierDone {
			if hitsAtKill[i] > 0 {
				fetchedNotDone++
			}
			if caseErr == nil {
				t.Errorf("%s is pending but has a case", costURL(i))
			}
			continue
		}
		doneAtKill[i] = true
		if hitsAtKill[i] == 0 {
			t.Errorf("%s is done but was never fetched", costURL(i))
		}
		if offer && caseErr != nil {
			t.Errorf("%s is done but its finding is not stored: %v", costURL(i), caseErr)
		}
		for _, j := range costLinks(i, pages) {
			if _, err := st.FrontierItem(sw.ID, costURL(j)); err != nil {
				t.Errorf("%s is done but its link %s is not in the frontier: %v", costURL(i), costURL(j), err)
			}
		}
	}
	st.Close()
	// Pages fetched and not done at the kill were in flight: handed to
	// the crawler, or scored and waiting for their batch's commit.
	t.Logf("at the kill: %d done, %d pending; %d pages fetched but not done", done, pending, fetchedNotDone)

	sum := costSweep(t, cfg, true)
	if !sum.Resumed {
		t.Errorf("the second run did not resume")
	}
	st, err = store.Open(cfg.Database, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sweeps, _ := st.Sweeps(10)
	if len(sweeps) != 1 || sweeps[0].Status != store.SweepFinished {
		t.Fatalf("sweeps after resume: %+v", sweeps)
	}
	if pending, done, _ := st.FrontierCounts(sw.ID); pending != 0 || done != pages+1 {
		t.Errorf("after resume: %d pending, %d done; want every one of %d pages done", pending, done, pages+1)
	}
	refetched := 0
	for i := 0; i <= pages; i++ {
		n := site.pageHits[i].Load()
		switch {
		case n == 0:
			t.Errorf("%s was never fetched", costURL(i))
		case n > hitsAtKill[i] && doneAtKill[i]:
			t.Errorf("%s was done at the kill but fetched again", costURL(i))
		case n > hitsAtKill[i] && hitsAtKill[i] > 0:
			refetched++
		}
	}
	cases, err := st.Cases(store.CaseFilter{Limit: 10 * pages})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]int{}
	for _, c := range cases {
		byKey[c.Key]++
		if sg, _ := st.Sightings(c.ID); len(sg) != 1 {
			t.Errorf("case %d (%s) has %d sightings in one sweep", c.ID, c.Key, len(sg))
		}
	}
	for i := offerEvery; i <= pages; i += offerEvery {
		if n := byKey[store.CanonicalURL(costURL(i))]; n != 1 {
			t.Errorf("offer %s has %d cases, want 1", costURL(i), n)
		}
	}
	if len(cases) != pages/offerEvery {
		t.Errorf("%d cases, want %d", len(cases), pages/offerEvery)
	}
	t.Logf("%d pages done at the kill not fetched again; %d in flight at the kill fetched again", len(doneAtKill), refetched)
}

// TestCostSweepChild is the child of TestKillSweepBetweenBatches.
func TestCostSweepChild(t *testing.T) {
	path := os.Getenv("CERTWATCH_COST_CHILD")
	if path == "" {
		t.Skip("run by TestKillSweepBetweenBatches")
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	costSweep(t, cfg, false)
	fmt.Println("child finished before it was killed")
}

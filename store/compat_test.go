package store_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

var writeGolden = flag.Bool("write-golden", false, "write the golden.json missing from a new testdata/compat-v* (existing ones are never rewritten)")

// TestCompat: a database written by the code of each finding format
// version (testdata/compat-vN, by tools/compatfixture: cases of real
// findings, every decision, notices along their states, a removal check,
// accounts, the audit chain) reads back exactly as that code read it
// (golden.json, written by this test with that code). compat-v1 was
// written before package casework and package finding existed.
func TestCompat(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "compat-v*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 2 {
		t.Fatalf("compat fixtures %v; v1 and v2 at least", dirs)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) { checkCompat(t, dir) })
	}
}

func checkCompat(t *testing.T, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "certwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "certwatch.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{ReadOnly: true, Clock: func() time.Time { return time.Date(2025, 9, 10, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := readCompat(t, st)
	got, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	goldenPath := filepath.Join(dir, "golden.json")
	if _, err := os.Stat(goldenPath); err != nil && *writeGolden {
		// A new fixture: its golden file is written once, by the code
		// that wrote the database; an existing one is never rewritten.
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the database reads differently from %s:\n%s", goldenPath, firstDiff(string(got), string(want)))
	}
	if !g.Audit.OK() {
		t.Errorf("audit chain of the fixture: %v", g.Audit.Problems)
	}
	// The fixture covers what it claims to.
	statuses, actions, routes := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range g.Listed {
		statuses[string(c.Status)] = true
		routes[string(c.SuggestedRoute)] = true
	}
	for _, ds := range g.Decisions {
		for _, d := range ds {
			actions[string(d.Action)] = true
			routes[string(d.Route)] = true
		}
	}
	if len(statuses) != 4 || len(actions) != 6 || len(routes) < 4 {
		t.Errorf("the fixture covers statuses %v, actions %v, routes %v", statuses, actions, routes)
	}
}

// compat is what the store's readers return for a fixture database.
type compat struct {
	Cases []compatCase `json:"cases"`
	// Listed are Cases(CaseFilter{}) without findings, with the two
	// members read from the finding.
	Listed    []listedCase                `json:"listed"`
	Decisions map[string][]store.Decision `json:"decisions"`
	Notices   []store.Notice              `json:"notices"`
	Users     []store.User                `json:"users"`
	Audit     *store.AuditReport          `json:"audit"`
	Report    *store.PeriodReport         `json:"report"`
	Counts    store.StatusCounts          `json:"counts"`
}

type compatCase struct {
	Case           *store.Case `json:"case"`
	SuggestedRoute string      `json:"suggested_route"`
	Channel        string      `json:"channel"`
}

type listedCase struct {
	ID             uint64 `json:"id"`
	Status         string `json:"status"`
	Route          string `json:"route"`
	SuggestedRoute string `json:"suggested_route"`
	Channel        string `json:"channel"`
	HasFinding     bool   `json:"has_finding"`
}

func readCompat(t *testing.T, st *store.Store) *compat {
	t.Helper()
	g := &compat{Decisions: map[string][]store.Decision{}}
	all, err := st.Cases(store.CaseFilter{WithFindings: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		one, err := st.Case(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.Finding, c.Finding) || one.SuggestedRoute != c.SuggestedRoute || one.Channel != c.Channel {
			t.Errorf("case %d reads differently alone and in a listing", c.ID)
		}
		g.Cases = append(g.Cases, compatCase{one, string(one.SuggestedRoute), one.Channel})
		ds, err := st.Decisions(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) > 0 {
			g.Decisions[fmt.Sprint(c.ID)] = ds
		}
	}
	listed, err := st.Cases(store.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range listed {
		g.Listed = append(g.Listed, listedCase{c.ID, string(c.Status), string(c.Route), string(c.SuggestedRoute), c.Channel, c.Finding != nil})
	}
	if g.Notices, err = st.Notices(store.NoticeFilter{}); err != nil {
		t.Fatal(err)
	}
	if g.Users, err = st.Users(); err != nil {
		t.Fatal(err)
	}
	if g.Audit, err = st.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2025, 8, 1, 0, 0, 0, 0, store.Beijing)
	if g.Report, err = st.PeriodReport(from, from.AddDate(0, 2, 0), store.ReportOptions{
		SourceRoutes: map[string]casework.Route{"shop": casework.RouteTakedownSAMR}}); err != nil {
		t.Fatal(err)
	}
	// Fields the report gained after the fixtures were written (the
	// dashboard's split by category and weekly times to decision) are
	// additions, not a different reading: left out of the comparison.
	g.Report.DecisionWeeks = nil
	for i := range g.Report.Days {
		g.Report.Days[i].FoundByCategory = nil
	}
	if g.Counts, err = st.StatusCounts(time.Date(2025, 9, 10, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return g
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return fmt.Sprintf("got  …%s…\nwant …%s…", a[lo:min(len(a), i+200)], b[lo:min(len(b), i+200)])
}

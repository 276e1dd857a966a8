package tuning

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// clock is an injected clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// labelled is one stored case of the fixture: its page text and the
// reviewer's decision ("" leaves it open).
type labelled struct {
	text   string
	action casework.Action        // confirm, dismiss or ""
	route  casework.Route         // confirm
	reason casework.DismissReason // dismiss
	// noText records the snapshot without its text, as sweeps did before
	// texts were kept: only the body tells what the page said.
	noText bool
}

// fixture is the labelled store of the tests. Against dept@1
// (testdata/current.yaml) and dept@2 (testdata/candidate.yaml):
//
//	case text                 label       dept@1       dept@2
//	1    电工证 免考          positive    sale         sale
//	2    专业 办证            negative    sale         —            dropped
//	3    焊工证 包过 (body)   positive    —            sale         added
//	4    考试 替考            negative    cheat        cheat
//	5    办证 免考            unlabelled  sale         sale
//	6    办证 加急            excluded    sale, rush   —            dropped
//	7    包过 替考            positive    cheat        sale, cheat
//	8    加急 出证            negative    rush         —            dropped
//	9    官网可查 证书        negative    —            verify       added
//	10   免考 官网可查        excluded    sale         sale, verify
var fixture = []labelled{
	{text: "电工证 免考，联系微信", action: "confirm", route: casework.RouteTakedownCAC},
	{text: "专业 办证，各类证件", action: "dismiss", reason: casework.DismissFalsePositive},
	{text: "焊工证 包过 直接拿证", action: "confirm", route: casework.RouteTakedownSAMR, noText: true},
	{text: "考试 替考 服务", action: "dismiss", reason: casework.DismissFalsePositive},
	{text: "办证 免考"},
	{text: "办证 加急", action: "dismiss", reason: casework.DismissOutOfScope},
	{text: "包过 替考", action: "confirm", route: casework.RoutePoliceReferral},
	{text: "加急 出证", action: "dismiss", reason: casework.DismissFalsePositive},
	{text: "官网可查 证书", action: "dismiss", reason: casework.DismissFalsePositive},
	{text: "免考 官网可查", action: "dismiss", reason: casework.DismissDuplicate},
}

// buildStore records the fixture's cases under t.TempDir, decides them an
// hour later, and an hour after that records new content for case 2 (a
// snapshot the reviewer never saw, which the candidate would flag).
func buildStore(t *testing.T) *store.Store {
	t.Helper()
	clk := &clock{t: time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{Clock: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sw := store.Sweep{Packs: []string{"dept@0+000000000000"}}
	if err := st.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	for i, c := range fixture {
		res, err := st.Record(observation(sw.ID, i+1, c.text, clk.Now(), c.noText))
		if err != nil {
			t.Fatal(err)
		}
		if res.CaseID != uint64(i+1) {
			t.Fatalf("case %d got id %d", i+1, res.CaseID)
		}
	}
	clk.Add(time.Hour)
	for i, c := range fixture {
		if c.action == "" {
			continue
		}
		d := store.Decision{CaseID: uint64(i + 1), Action: c.action, Route: c.route, Reason: c.reason, By: "reviewer"}
		if c.action == casework.ActionConfirm {
			d.Recipient = "平台"
		}
		if _, _, err := st.Decide(d); err != nil {
			t.Fatal(err)
		}
	}
	clk.Add(time.Hour)
	if _, err := st.Record(observation(sw.ID, 2, "焊工证 包过 办证", clk.Now(), false)); err != nil {
		t.Fatal(err)
	}
	return st
}

func observation(sweep uint64, n int, text string, at time.Time, noText bool) store.Observation {
	url := fmt.Sprintf("http://seller%d.example/item", n)
	body := []byte("<html><head><title>证件</title></head><body><p>" + text + "</p></body></html>")
	sum := sha256.Sum256([]byte(text))
	o := store.Observation{
		SweepID: sweep, CaseKey: url, URL: url, FinalURL: url, Title: "证件", FetchedAt: at, Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: body,
		Flagged: true, Score: 5, Category: "cert_sale", Finding: json.RawMessage(`{"flagged":true}`),
		ContentKey: hex.EncodeToString(sum[:]), PageTitle: "证件", Text: text,
	}
	if noText {
		o.PageTitle, o.Text = "", ""
	}
	return o
}

func loadPack(t *testing.T, name string) []*rules.Pack {
	t.Helper()
	p, err := rules.LoadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return []*rules.Pack{p}
}

func caseIDs(cs []Change) string {
	var s []string
	for _, c := range cs {
		if c.CaseID != 0 {
			s = append(s, fmt.Sprint(c.CaseID))
		} else {
			s = append(s, c.Source)
		}
	}
	return strings.Join(s, ",")
}

// counts formats figures as "hits tp fp excluded unlabelled precision".
func counts(c *Counts) string {
	if c == nil {
		return "absent"
	}
	prec := "—"
	if c.Precision != nil {
		prec = fmt.Sprintf("%.2f", *c.Precision)
	}
	return fmt.Sprintf("%d %d %d %d %d %s", c.Hits, c.Positive, c.Negative, c.Excluded, c.Unlabelled, prec)
}

func TestCompareLabelledCases(t *testing.T) {
	st := buildStore(t)
	var calls, lastDone, lastTotal int
	rep, err := Compare(context.Background(), st, loadPack(t, "current.yaml"), loadPack(t, "candidate.yaml"),
		Options{Workers: 3, Progress: func(done, total int) { calls, lastDone, lastTotal = calls+1, done, total }})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 10 || lastDone != 10 || lastTotal != 10 {
		t.Errorf("progress: %d calls, last %d/%d; want 10 calls ending 10/10", calls, lastDone, lastTotal)
	}
	if rep.StoredCases != 10 || rep.Cases != 10 || rep.Pages != 0 || rep.SkippedCount != 0 || rep.Cut != 0 {
		t.Errorf("stored %d, re-scored %d cases and %d pages, skipped %d %v, cut %d",
			rep.StoredCases, rep.Cases, rep.Pages, rep.SkippedCount, rep.Skipped, rep.Cut)
	}
	if len(rep.Current) != 1 || !strings.HasPrefix(rep.Current[0].Version, "dept@1+") ||
		len(rep.Candidate) != 1 || !strings.HasPrefix(rep.Candidate[0].Version, "dept@2+") {
		t.Errorf("packs %+v → %+v", rep.Current, rep.Candidate)
	}
	wantLabels := map[Label]int{Positive: 3, Negative: 4, Excluded: 2, Unlabelled: 1}
	for l, n := range wantLabels {
		if rep.Labels[l] != n {
			t.Errorf("%s: %d, want %d", l, rep.Labels[l], n)
		}
	}

	// Case 2 is scored on the snapshot its reviewer dismissed, not on the
	// newer one: it is dropped although its latest content has 包过.
	if got := caseIDs(rep.Added); got != "3,9" || rep.AddedCount != 2 {
		t.Errorf("added %s (%d), want 3,9", got, rep.AddedCount)
	}
	if got := caseIDs(rep.Dropped); got != "2,6,8" || rep.DroppedCount != 3 {
		t.Errorf("dropped %s (%d), want 2,6,8", got, rep.DroppedCount)
	}
	a := rep.Added[0]
	if a.URL != "http://seller3.example/item" || a.Title != "证件" || a.Label != Positive || a.Status != casework.CaseConfirmed ||
		a.Before.Flagged || a.Before.Score != 0 || !a.After.Flagged || a.After.Score != 5 || strings.Join(a.After.Rules, ",") != "sale" ||
		a.SnapshotID == 0 {
		t.Errorf("added case 3 = %+v", a)
	}
	d := rep.Dropped[1]
	if d.CaseID != 6 || d.Label != Excluded || d.Status != casework.CaseDismissed || strings.Join(d.Before.Rules, ",") != "sale,rush" && strings.Join(d.Before.Rules, ",") != "rush,sale" {
		t.Errorf("dropped case 6 = %+v", d)
	}
	if d := rep.Dropped[0]; d.SnapshotID != 2 {
		t.Errorf("case 2 scored on snapshot %d, want 2 (the one reviewed; 11 came later)", d.SnapshotID)
	}

	for _, tc := range []struct {
		rule, current, candidate string
	}{
		{"sale", "5 1 1 2 1 0.50", "5 3 0 1 1 1.00"},
		{"cheat", "2 1 1 0 0 0.50", "2 1 1 0 0 0.50"},
		{"verify", "absent", "2 0 1 1 0 0.00"},
		{"unused", "absent", "0 0 0 0 0 —"},
		{"rush", "2 0 1 1 0 0.00", "absent"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			var row *RuleRow
			for i := range rep.Rules {
				if rep.Rules[i].ID == tc.rule {
					row = &rep.Rules[i]
				}
			}
			if row == nil {
				t.Fatalf("no row for rule %s", tc.rule)
			}
			if got := counts(row.Current); got != tc.current {
				t.Errorf("current: %s, want %s", got, tc.current)
			}
			if got := counts(row.Candidate); got != tc.candidate {
				t.Errorf("candidate: %s, want %s", got, tc.candidate)
			}
		})
	}
	var order []string
	for _, r := range rep.Rules {
		order = append(order, r.ID)
	}
	if got := strings.Join(order, ","); got != "sale,cheat,verify,unused,rush" {
		t.Errorf("rule order %s", got)
	}

	if got := counts(rep.Totals.Current); got != "8 2 3 2 1 0.40" {
		t.Errorf("current totals %s", got)
	}
	if got := counts(rep.Totals.Candidate); got != "7 3 2 1 1 0.60" {
		t.Errorf("candidate totals %s", got)
	}
	if r := rep.Totals.Current.Recall; r == nil || fmt.Sprintf("%.3f", *r) != "0.667" {
		t.Errorf("current recall %v, want 2/3", r)
	}
	if r := rep.Totals.Candidate.Recall; r == nil || *r != 1 {
		t.Errorf("candidate recall %v, want 1", r)
	}

	// The report is what an HTTP handler would send.
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"added_count":2`, `"precision":null`, `"label":"positive"`, `"tp":3`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func TestCompareOptions(t *testing.T) {
	st := buildStore(t)
	cur, cand := loadPack(t, "current.yaml"), loadPack(t, "candidate.yaml")

	t.Run("limit keeps the counts", func(t *testing.T) {
		rep, err := Compare(context.Background(), st, cur, cand, Options{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if caseIDs(rep.Added) != "3" || rep.AddedCount != 2 || caseIDs(rep.Dropped) != "2" || rep.DroppedCount != 3 {
			t.Errorf("added %s/%d dropped %s/%d", caseIDs(rep.Added), rep.AddedCount, caseIDs(rep.Dropped), rep.DroppedCount)
		}
	})
	t.Run("max cases takes the newest", func(t *testing.T) {
		rep, err := Compare(context.Background(), st, cur, cand, Options{MaxCases: 3, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if rep.StoredCases != 10 || rep.Cases != 3 || caseIDs(rep.Added) != "9" || caseIDs(rep.Dropped) != "8" {
			t.Errorf("stored %d re-scored %d added %s dropped %s", rep.StoredCases, rep.Cases, caseIDs(rep.Added), caseIDs(rep.Dropped))
		}
	})
	t.Run("max text cuts both sides alike", func(t *testing.T) {
		// 6 bytes: the first two characters of each text.
		rep, err := Compare(context.Background(), st, cur, cand, Options{MaxText: 7})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Cut != 10 {
			t.Errorf("cut %d pages, want 10", rep.Cut)
		}
		// Case 1 "电工证 免考…" loses 免考: neither side flags it.
		for _, c := range append(rep.Added, rep.Dropped...) {
			if c.CaseID == 1 {
				t.Errorf("case 1 changed: %+v", c)
			}
		}
		if rep.Totals.Current.Hits >= 8 {
			t.Errorf("current flags %d with cut texts", rep.Totals.Current.Hits)
		}
	})
	t.Run("same pack changes nothing", func(t *testing.T) {
		// The embedded pack detects imitation sites, so forms are read
		// from the stored bodies too.
		def, err := rules.Default()
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Compare(context.Background(), st, []*rules.Pack{def}, []*rules.Pack{def}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.AddedCount != 0 || rep.DroppedCount != 0 || rep.Cases != 10 ||
			counts(rep.Totals.Current) != counts(rep.Totals.Candidate) {
			t.Errorf("added %d dropped %d cases %d totals %s / %s", rep.AddedCount, rep.DroppedCount, rep.Cases,
				counts(rep.Totals.Current), counts(rep.Totals.Candidate))
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Compare(ctx, st, cur, cand, Options{}); !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	})
	t.Run("bad candidate set", func(t *testing.T) {
		_, err := Compare(context.Background(), st, cur, append(cand, cur...), Options{})
		if err == nil || !strings.Contains(err.Error(), "candidate packs") || !strings.Contains(err.Error(), "duplicate id") {
			t.Errorf("err %v", err)
		}
	})
}

func TestCompareExtraPages(t *testing.T) {
	st := buildStore(t)
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages.jsonl")
	lines := strings.Join([]string{
		`{"url": "https://a.example/", "text": "包过 办证", "label": "cert_sale"}`,
		`{"url": "https://b.example/", "text": "办证 服务", "label": "clean"}`,
		`{"url": "https://c.example/", "text": "unterminated`,
		`{"url": "https://d.example/", "text": "代办资格证"}`,
	}, "\n")
	if err := os.WriteFile(pages, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var lastTotal int
	rep, err := Compare(context.Background(), st, loadPack(t, "current.yaml"), loadPack(t, "candidate.yaml"),
		Options{Pages: []string{pages}, Progress: func(_, total int) { lastTotal = total }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cases != 10 || rep.Pages != 3 || rep.SkippedCount != 1 || lastTotal != 14 {
		t.Fatalf("cases %d pages %d skipped %d (%+v), progress total %d", rep.Cases, rep.Pages, rep.SkippedCount, rep.Skipped, lastTotal)
	}
	if s := rep.Skipped[0]; s.Source != pages+":3" || s.CaseID != 0 {
		t.Errorf("skip %+v", s)
	}
	// b is dropped (办证 alone); d is added by the rule that no case hits.
	if got := caseIDs(rep.Added); got != "3,9,"+pages+":4" {
		t.Errorf("added %s", got)
	}
	if got := caseIDs(rep.Dropped); got != "2,6,8,"+pages+":2" {
		t.Errorf("dropped %s", got)
	}
	if l := rep.Dropped[3].Label; l != Negative {
		t.Errorf("a page labelled clean is %s", l)
	}
	if rep.Labels[Positive] != 4 || rep.Labels[Negative] != 5 || rep.Labels[Unlabelled] != 2 {
		t.Errorf("labels %v", rep.Labels)
	}
	for _, r := range rep.Rules {
		if r.ID == "unused" && counts(r.Candidate) != "1 0 0 0 1 —" {
			t.Errorf("unused: %s", counts(r.Candidate))
		}
	}
}

func TestLabels(t *testing.T) {
	for _, tc := range []struct {
		status casework.CaseStatus
		reason casework.DismissReason
		want   Label
	}{
		{casework.CaseConfirmed, "", Positive},
		{casework.CasePendingApproval, "", Positive},
		{casework.CaseDismissed, casework.DismissFalsePositive, Negative},
		{casework.CaseDismissed, casework.DismissOutOfScope, Excluded},
		{casework.CaseDismissed, casework.DismissDuplicate, Excluded},
		{casework.CaseOpen, "", Unlabelled},
	} {
		t.Run(string(tc.status)+"/"+string(tc.reason), func(t *testing.T) {
			if got := CaseLabel(&store.Case{Status: tc.status, DismissReason: tc.reason}); got != tc.want {
				t.Errorf("%s", got)
			}
		})
	}
	for in, want := range map[string]Label{"": Unlabelled, "clean": Negative, " Negative ": Negative, "cert_sale": Positive, "positive": Positive} {
		if got := PageLabel(in); got != want {
			t.Errorf("PageLabel(%q) = %s, want %s", in, got, want)
		}
	}
}

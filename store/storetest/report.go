package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testPeriodReport builds a small campaign around the backend's clock (the
// suite cannot set the time of decisions and notices: they happen now)
// and checks each figure of two periods against what happened: P, the
// days around now, and Q, days before now that end before any decision,
// so that its Open figure counts the cases as they stood at its end.
func testPeriodReport(t *testing.T, b Backend) {
	now := time.Now()
	y, m, d := now.In(store.Beijing).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, store.Beijing)
	pFrom, pTo := today.AddDate(0, 0, -2), today.AddDate(0, 0, 2)
	qFrom, qTo := today.AddDate(0, 0, -7), today.AddDate(0, 0, -1)
	opts := store.ReportOptions{SourceRoutes: map[string]casework.Route{"mall": casework.RouteTakedownSAMR}}

	sweepAt := func(at time.Time) uint64 {
		sw := store.Sweep{StartedAt: at, ConfigHash: "cfg"}
		if err := b.StartSweep(&sw); err != nil {
			t.Fatal(err)
		}
		return sw.ID
	}
	page := func(sweep uint64, url, source, kind, outcome string) {
		t.Helper()
		if _, err := b.AddFrontier(sweep, []store.FrontierItem{{URL: url, SourceID: source, Kind: kind}}); err != nil {
			t.Fatal(err)
		}
		if outcome != "" {
			if err := b.MarkDone(sweep, url, outcome); err != nil {
				t.Fatal(err)
			}
		}
	}
	ok := store.ReportFetchedOutcome
	s0 := sweepAt(now.Add(-5 * 24 * time.Hour)) // in Q
	page(s0, "https://forum.example/q/1", "forum", "page", ok)
	s1 := sweepAt(now.Add(-time.Hour)) // in P
	for i := range 3 {
		page(s1, fmt.Sprintf("https://forum.example/p/%d", i), "forum", "page", ok)
	}
	page(s1, "https://mall.example/item/1", "mall", "listing", ok)
	page(s1, "https://mall.example/item/2", "mall", "listing", ok)
	page(s1, "https://forum.example/p/failed", "forum", "page", "http_error")
	page(s1, "https://forum.example/p/pending", "forum", "page", "")

	flag := func(url, source, suggested string, at time.Time) uint64 {
		t.Helper()
		o := observation(s1, url, "出售安全员证 "+url)
		o.SourceID, o.FetchedAt = source, at
		if suggested != "" {
			o.Finding = json.RawMessage(fmt.Sprintf(`{"score":0.9,"route":%q}`, suggested))
		}
		res, err := b.Record(o)
		if err != nil {
			t.Fatal(err)
		}
		return res.CaseID
	}
	confirm := func(id uint64, recipient string) *store.Case {
		d := confirmTakedown("carol", casework.RouteTakedownCAC)
		d.CaseID, d.Recipient = id, recipient
		return mustDecide(t, b, d)
	}
	found := now.Add(-time.Hour)
	c1 := flag("https://forum.example/c1", "forum", "", now.Add(-5*24*time.Hour)) // found in Q, confirmed now
	c2 := flag("https://mall.example/c2", "mall", "", found)                      // 市场监管, left open
	c3 := flag("https://forum.example/c3", "forum", "police_referral", found)     // referred and approved
	c4 := flag("https://forum.example/c4", "forum", "", found)                    // dismissed
	c5 := flag("https://forum.example/c5", "forum", "", found)                    // confirmed with c1
	_ = c2
	n1 := confirm(c1, "平台甲").NoticeID
	confirm(c5, "平台甲")
	mustDecide(t, b, store.Decision{CaseID: c3, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	n2 := mustDecide(t, b, store.Decision{CaseID: c3, Action: casework.ActionApprove, By: "bob"}).NoticeID
	mustDecide(t, b, store.Decision{CaseID: c4, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "carol"})
	for i, id := range []uint64{n1, n2} {
		mustMove(t, b, id, approval("boss", fmt.Sprintf("函〔2024〕%d号", i+1)))
		mustMove(t, b, id, store.NoticeMove{To: casework.NoticeSent, By: "clerk"})
	}
	removedAt := now.Add(-30 * time.Minute)
	if _, err := b.RecordChecks(n1, 0, "system", []store.ItemCheck{
		{CaseID: c1, At: removedAt, Outcome: casework.OutcomeRemoved},
		{CaseID: c5, At: removedAt, Outcome: casework.OutcomeLive},
	}); err != nil {
		t.Fatal(err)
	}

	type figures = store.ReportFigures
	tests := []struct {
		name     string
		from, to time.Time
		sweeps   int
		rows     map[casework.Route]figures
		found    map[string]int // by Beijing day, 2006-01-02
		removed  map[string]int
	}{
		{"P", pFrom, pTo, 1, map[casework.Route]figures{
			casework.RouteTakedownCAC:    {PagesChecked: 3, Found: 2, Confirmed: 2, TakedownsSent: 2, Removed: 1},
			casework.RouteTakedownSAMR:   {PagesChecked: 2, ListingsChecked: 2, Found: 1, Open: 1},
			casework.RoutePoliceReferral: {Found: 1, Confirmed: 1, Referrals: 1},
		}, map[string]int{dayOf(found): 4}, map[string]int{dayOf(removedAt): 1}},
		{"Q", qFrom, qTo, 1, map[casework.Route]figures{
			casework.RouteTakedownCAC: {PagesChecked: 1, Found: 1, Open: 1},
		}, map[string]int{dayOf(now.Add(-5 * 24 * time.Hour)): 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := b.PeriodReport(tt.from, tt.to, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !r.From.Equal(tt.from) || !r.To.Equal(tt.to) || r.Sweeps != tt.sweeps || len(r.Notes) != 0 || r.GeneratedAt.IsZero() {
				t.Errorf("report %v to %v, %d sweeps, notes %q; want %v to %v, %d sweeps, no notes", r.From, r.To, r.Sweeps, r.Notes, tt.from, tt.to, tt.sweeps)
			}
			var total figures
			for _, d := range store.ReportDepartments {
				want := tt.rows[d.Route]
				if got := r.Row(d.Route); got.ReportFigures != want || got.Department != d.Name {
					t.Errorf("%s: %+v, want %+v", d.Name, got, want)
				}
				total.PagesChecked += want.PagesChecked
				total.ListingsChecked += want.ListingsChecked
				total.Found += want.Found
				total.Confirmed += want.Confirmed
				total.TakedownsSent += want.TakedownsSent
				total.Removed += want.Removed
				total.Referrals += want.Referrals
				total.Open += want.Open
			}
			if r.Total.ReportFigures != total {
				t.Errorf("total %+v, want %+v", r.Total.ReportFigures, total)
			}
			days := int(tt.to.Sub(tt.from).Hours()/24 + 0.5)
			if len(r.Days) != days {
				t.Fatalf("%d days in the series, want %d", len(r.Days), days)
			}
			for i, day := range r.Days {
				key := dayOf(day.Date)
				if !day.Date.Equal(tt.from.AddDate(0, 0, i)) || day.Found != tt.found[key] || day.Removed != tt.removed[key] {
					t.Errorf("day %d: %v found %d removed %d; want %v found %d removed %d", i, day.Date, day.Found, day.Removed,
						tt.from.AddDate(0, 0, i), tt.found[key], tt.removed[key])
				}
			}
		})
	}
	if _, err := b.PeriodReport(pTo, pFrom, opts); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a period ending before it starts: %v, want ErrInvalid", err)
	}
}

// dayOf is t's day in Beijing, 2006-01-02.
func dayOf(t time.Time) string { return t.In(store.Beijing).Format(time.DateOnly) }

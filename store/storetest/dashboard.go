package storetest

import (
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testDashboard checks what the review dashboard and its charts read
// beyond the period report's table: new cases per day split by category,
// the weekly time to decision (first sighting to first decision, median
// and 90th percentile) and the audit log's time window.
func testDashboard(t *testing.T, b Backend) {
	now := time.Now()
	y, m, d := now.In(store.Beijing).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, store.Beijing)
	sw := startSweep(t, b)
	flag := func(url, category string, at time.Time) uint64 {
		t.Helper()
		o := observation(sw, url, "出售安全员证 "+url)
		o.Category, o.FetchedAt = category, at
		res, err := b.Record(o)
		if err != nil {
			t.Fatal(err)
		}
		return res.CaseID
	}
	early, late := now.Add(-50*time.Hour), now.Add(-2*time.Hour)
	c1 := flag("https://forum.example/d1", "fake_certificate", early)
	c2 := flag("https://forum.example/d2", "fake_certificate", late)
	c3 := flag("https://forum.example/d3", "imitation_site", late)
	flag("https://forum.example/d4", "imitation_site", late) // left open
	before := time.Now()
	for _, id := range []uint64{c1, c2} {
		d := confirmTakedown("carol", casework.RouteTakedownCAC)
		d.CaseID = id
		mustDecide(t, b, d)
	}
	mustDecide(t, b, store.Decision{CaseID: c3, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "carol"})
	// A later decision on c1 does not move its time to decision.
	mustDecide(t, b, store.Decision{CaseID: c1, Action: casework.ActionWithdraw, Note: "看错了", By: "carol"})
	after := time.Now()

	t.Run("FoundByCategory", func(t *testing.T) {
		r, err := b.PeriodReport(today.AddDate(0, 0, -3), today.AddDate(0, 0, 2), store.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]map[string]int{}
		add := func(at time.Time, cat string) {
			if want[dayOf(at)] == nil {
				want[dayOf(at)] = map[string]int{}
			}
			want[dayOf(at)][cat]++
		}
		add(early, "fake_certificate")
		add(late, "fake_certificate")
		add(late, "imitation_site")
		add(late, "imitation_site")
		for _, day := range r.Days {
			got, sum := day.FoundByCategory, 0
			for cat, n := range want[dayOf(day.Date)] {
				if got[cat] != n {
					t.Errorf("%s: %s found %d, want %d (all: %v)", dayOf(day.Date), cat, got[cat], n, got)
				}
			}
			for _, n := range got {
				sum += n
			}
			if sum != day.Found {
				t.Errorf("%s: by category %v add up to %d, Found is %d", dayOf(day.Date), got, sum, day.Found)
			}
		}
	})

	t.Run("TimeToDecision", func(t *testing.T) {
		r, err := b.PeriodReport(today.AddDate(0, 0, -3), today.AddDate(0, 0, 2), store.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.DecisionWeeks) != 1 {
			t.Fatalf("a 5-day period has %d weeks, want 1", len(r.DecisionWeeks))
		}
		w := r.DecisionWeeks[0]
		if !w.Start.Equal(today.AddDate(0, 0, -3)) {
			t.Errorf("week starts %v, want %v", w.Start, today.AddDate(0, 0, -3))
		}
		if w.Decided != 3 {
			t.Fatalf("decided %d, want 3 (c1, c2, c3; c1's withdrawal is not a first decision)", w.Decided)
		}
		// Times: c2 and c3 ≈ 2 h, c1 ≈ 50 h: median 2 h, p90 50 h.
		within := func(name string, got time.Duration, firstSeen time.Time) {
			lo, hi := before.Sub(firstSeen)-time.Millisecond, after.Sub(firstSeen)+time.Millisecond
			if got < lo || got > hi {
				t.Errorf("%s = %v, want between %v and %v", name, got, lo, hi)
			}
		}
		within("median", w.Median, late)
		within("p90", w.P90, early)

		// A period before the decisions has none; one after them neither.
		for _, p := range [][2]time.Time{{today.AddDate(0, 0, -9), today.AddDate(0, 0, -3)}, {today.AddDate(0, 0, 2), today.AddDate(0, 0, 20)}} {
			r, err := b.PeriodReport(p[0], p[1], store.ReportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range r.DecisionWeeks {
				if w.Decided != 0 || w.Median != 0 {
					t.Errorf("%s to %s: week %s decided %d (median %v), want none", dayOf(p[0]), dayOf(p[1]), dayOf(w.Start), w.Decided, w.Median)
				}
			}
			if want := (len(r.Days) + 6) / 7; len(r.DecisionWeeks) != want {
				t.Errorf("%d days make %d weeks, want %d", len(r.Days), len(r.DecisionWeeks), want)
			}
		}
	})

	t.Run("AuditWindow", func(t *testing.T) {
		for _, a := range []string{"report.export", "audit.verify"} {
			if _, err := b.Audit(store.AuditEntry{Actor: "dora", Action: a, Object: "report"}); err != nil {
				t.Fatal(err)
			}
		}
		all, err := b.AuditEntries(store.AuditFilter{Actor: "dora"})
		if err != nil || len(all) != 2 {
			t.Fatalf("entries of dora: %d, %v; want 2", len(all), err)
		}
		at := all[0].At
		for _, tt := range []struct {
			name         string
			since, until time.Time
			want         int
		}{
			{"open", time.Time{}, time.Time{}, 2},
			{"around", at.Add(-time.Hour), at.Add(time.Hour), 2},
			{"since later", at.Add(time.Hour), time.Time{}, 0},
			{"until earlier", time.Time{}, all[1].At.Add(-time.Hour), 0},
			{"until is exclusive", time.Time{}, all[1].At.Truncate(time.Microsecond), 0},
			{"since is inclusive", all[1].At.Truncate(time.Microsecond), time.Time{}, 2},
		} {
			got, err := b.AuditEntries(store.AuditFilter{Actor: "dora", Since: tt.since, Until: tt.until})
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if len(got) != tt.want {
				t.Errorf("%s: %d entries, want %d", tt.name, len(got), tt.want)
			}
		}
		// The window combines with the action filter and the limit.
		got, err := b.AuditEntries(store.AuditFilter{ActionPrefix: "report.", Since: at.Add(-time.Hour), Limit: 1})
		if err != nil || len(got) != 1 || got[0].Action != "report.export" {
			t.Errorf("report.* in the last hour, limit 1: %v, %v", got, err)
		}
	})
}

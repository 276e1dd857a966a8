package store

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// checkCounts compares StatusCounts with a scan of every case, notice and
// message, and with want (status → count; "outbox" for the pending
// messages) where want names it.
func checkCounts(t *testing.T, s *Store, now time.Time, step string, want map[any]int) {
	t.Helper()
	got, err := s.StatusCounts(now)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	truth, err := s.scanCounts(now)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got.Cases, truth.Cases) || !maps.Equal(got.Notices, truth.Notices) || got.OutboxPending != truth.OutboxPending {
		t.Errorf("%s: counts %+v, a scan says %+v", step, got, truth)
	}
	for k, v := range want {
		var n int
		var ok bool
		switch k := k.(type) {
		case casework.CaseStatus:
			n, ok = got.Cases[k]
		case casework.NoticeState:
			n, ok = got.Notices[k]
		case string: // "outbox"
			n, ok = got.OutboxPending, k == "outbox"
		}
		if !ok || n != v {
			t.Errorf("%s: %s = %d, want %d (counts %+v)", step, k, n, v, got)
		}
	}
}

// TestStatusCountsFollowChanges: the counters /metrics reads stay equal to
// what a scan finds through every kind of change of a case, a notice and
// an outbox message, including a notice's deadline passing.
func TestStatusCountsFollowChanges(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	now := clock.Now()
	checkCounts(t, s, now, "empty", map[any]int{casework.CaseOpen: 0, casework.NoticeDraft: 0, "outbox": 0})

	var ids []uint64
	for i := range 6 {
		ids = append(ids, flagCase(t, s, sweep, fmt.Sprintf("https://shop.example/item/%d", i), "出售安全员证", now))
	}
	flagCase(t, s, sweep, "https://shop.example/item/0", "出售安全员证 改价", now) // seen again: no new case
	checkCounts(t, s, now, "six cases", map[any]int{casework.CaseOpen: 6})

	mustDecide(t, s, Decision{CaseID: ids[0], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"})
	mustDecide(t, s, Decision{CaseID: ids[1], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"})
	mustDecide(t, s, Decision{CaseID: ids[2], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台乙", By: "alice"})
	mustDecide(t, s, Decision{CaseID: ids[3], Action: casework.ActionDismiss, Reason: casework.DismissOutOfScope, By: "alice"})
	mustDecide(t, s, Decision{CaseID: ids[4], Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	checkCounts(t, s, now, "decided", map[any]int{casework.CaseOpen: 1, casework.CaseConfirmed: 3, casework.CaseDismissed: 1,
		casework.CasePendingApproval: 1, casework.NoticeDraft: 2})

	// Withdrawing the only case of a draft deletes the draft.
	c2, _ := mustDecide(t, s, Decision{CaseID: ids[2], Action: casework.ActionWithdraw, Note: "看错了", By: "alice"})
	if c2.Status != casework.CaseOpen {
		t.Fatalf("withdrawn case is %s", c2.Status)
	}
	checkCounts(t, s, now, "withdrawn", map[any]int{casework.CaseOpen: 2, casework.CaseConfirmed: 2, casework.NoticeDraft: 1})
	mustDecide(t, s, Decision{CaseID: ids[4], Action: casework.ActionApprove, Recipient: "区公安分局", By: "boss"})
	checkCounts(t, s, now, "referral approved", map[any]int{casework.CasePendingApproval: 0, casework.CaseConfirmed: 3, casework.NoticeDraft: 2})

	c0, _ := mustDecide(t, s, Decision{CaseID: ids[5], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"})
	nid := c0.NoticeID
	mustMove(t, s, nid, approval(clock.Now()))
	checkCounts(t, s, clock.Now(), "approved", map[any]int{casework.NoticeDraft: 1, casework.NoticeApproved: 1})
	n := mustMove(t, s, nid, NoticeMove{To: casework.NoticeSent, By: "clerk"})
	checkCounts(t, s, clock.Now(), "sent", map[any]int{casework.NoticeSent: 1, casework.NoticeOverdue: 0})
	clock.Add(n.Deadline.Sub(clock.Now()) + time.Second)
	checkCounts(t, s, clock.Now(), "past the deadline", map[any]int{casework.NoticeSent: 0, casework.NoticeOverdue: 1})
	mustMove(t, s, nid, NoticeMove{To: casework.NoticeAcknowledged, By: "clerk"})
	checkCounts(t, s, clock.Now(), "acknowledged late", map[any]int{casework.NoticeAcknowledged: 0, casework.NoticeOverdue: 1})
	if _, err := s.RecordChecks(nid, 1, "system", []ItemCheck{{CaseID: ids[0], Outcome: casework.OutcomeRemoved},
		{CaseID: ids[1], Outcome: casework.OutcomeRemoved}, {CaseID: ids[5], Outcome: casework.OutcomeRemoved}}); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, clock.Now(), "removed", map[any]int{casework.NoticeRemoved: 1, casework.NoticeOverdue: 0, casework.CaseConfirmed: 4})

	if err := s.Enqueue(Message{Kind: "webhook", Target: "http://127.0.0.1/a"}, Message{Kind: "email", Target: "a@b.example"},
		Message{Kind: "email", Target: "c@d.example"}); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, clock.Now(), "queued", map[any]int{"outbox": 3})
	if err := s.MessageAttempt(1, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.MessageAttempt(2, errors.New("refused"), clock.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.MessageAttempt(3, errors.New("refused"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, clock.Now(), "delivered, retrying, given up", map[any]int{"outbox": 1})

	// A database from before the counters: they are built once, by a scan.
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketCounts) }); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, clock.Now(), "rebuilt", map[any]int{casework.CaseOpen: 1, casework.CaseConfirmed: 4, casework.CaseDismissed: 1,
		casework.NoticeRemoved: 1, casework.NoticeDraft: 1, "outbox": 1})
	mustDecide(t, s, Decision{CaseID: ids[2], Action: casework.ActionDismiss, Reason: casework.DismissOutOfScope, By: "alice"})
	checkCounts(t, s, clock.Now(), "after the rebuild", map[any]int{casework.CaseOpen: 0, casework.CaseDismissed: 2})
}

// TestStatusCountsReadNoCase: reading the counts costs the same with 300
// cases as with 10 — no case is decoded (allocations counted, not time).
func TestStatusCountsReadNoCase(t *testing.T) {
	allocs := func(cases int) float64 {
		s, clock := openTest(t)
		sweep := startSweep(t, s)
		for i := range cases {
			flagCase(t, s, sweep, fmt.Sprintf("https://shop.example/item/%d", i), "出售安全员证", clock.Now())
		}
		if _, err := s.StatusCounts(clock.Now()); err != nil { // builds the counters
			t.Fatal(err)
		}
		return testing.AllocsPerRun(20, func() {
			if _, err := s.StatusCounts(clock.Now()); err != nil {
				t.Fatal(err)
			}
		})
	}
	few, many := allocs(10), allocs(300)
	t.Logf("allocations per read: %.0f with 10 cases, %.0f with 300", few, many)
	if many > few+2 {
		t.Errorf("reading the counts allocates %.0f times with 300 cases and %.0f with 10: it reads the cases", many, few)
	}
}

// BenchmarkMetricsCounts compares a scrape's reading of the case and
// notice counts before (every case decoded) and after (the counters).
func BenchmarkMetricsCounts(b *testing.B) {
	s, clock := openTest(b)
	sweep := startSweep(b, s)
	for i := range 2000 {
		flagCase(b, s, sweep, fmt.Sprintf("https://shop.example/item/%d", i), "出售安全员证 "+fmt.Sprint(i), clock.Now())
	}
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			cases, err := s.Cases(CaseFilter{})
			if err != nil {
				b.Fatal(err)
			}
			n := map[casework.CaseStatus]int{}
			for _, c := range cases {
				n[c.Status]++
			}
		}
	})
	b.Run("counters", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.StatusCounts(clock.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestWritesGoThroughCounts: every write of a case, notice or outbox
// message in the store's code goes through putCase, putNotice,
// deleteNotice or putMessage, or the counters drift. It reads the source,
// so that a new write site (a merge, a new feature) fails here.
func TestWritesGoThroughCounts(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	direct := regexp.MustCompile(`putJSON\((cases|notices|outbox|tx\.Bucket\(bucket(Cases|Notices|Outbox)\))\b|` +
		`\b(cases|notices)\.(Put|Delete)\(|tx\.Bucket\(bucket(Cases|Notices|Outbox)\)\.(Put|Delete)\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "counts.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if direct.MatchString(line) {
				t.Errorf("%s:%d writes a case, notice or message directly (use putCase, putNotice, deleteNotice or putMessage): %s",
					f, i+1, strings.TrimSpace(line))
			}
		}
	}
}

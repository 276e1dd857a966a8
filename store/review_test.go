package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// flagCase records a flagged page at url outside any frontier and returns
// the case's id.
func flagCase(t testing.TB, s *Store, sweep uint64, url, content string, at time.Time) uint64 {
	t.Helper()
	o := observation(sweep, url, content, at)
	o.FrontierURL = ""
	res, err := s.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	return res.CaseID
}

// mustDecide applies d and fails the test when Decide refuses it.
func mustDecide(t testing.TB, s *Store, d Decision) (*Case, *Decision) {
	t.Helper()
	c, dec, err := s.Decide(d)
	if err != nil {
		t.Fatalf("Decide(%+v): %v", d, err)
	}
	return c, dec
}

// auditLen is the number of audit entries.
func auditLen(t testing.TB, s *Store) int {
	t.Helper()
	all, err := s.AuditEntries(AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// Decisions that bring a fresh case into each status. alice confirms,
// bob approves.
var caseSetups = map[string][]Decision{
	"open":     nil,
	"pending":  {{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "alice"}},
	"takedown": {{Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"}},
	"referred": {
		{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "alice"},
		{Action: casework.ActionApprove, By: "bob"},
	},
	"dismissed": {{Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "alice"}},
	"rejected": {
		{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "alice"},
		{Action: casework.ActionReject, By: "bob"},
	},
	"reopened": {
		{Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "alice"},
		{Action: casework.ActionReopen, By: "bob"},
	},
}

var setupStatus = map[string]casework.CaseStatus{
	"open": casework.CaseOpen, "pending": casework.CasePendingApproval, "takedown": casework.CaseConfirmed, "referred": casework.CaseConfirmed,
	"dismissed": casework.CaseDismissed, "rejected": casework.CaseOpen, "reopened": casework.CaseOpen,
}

func TestDecideTransitions(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)

	var (
		confirmTakedown = Decision{Action: casework.ActionConfirm, Route: casework.RouteTakedownSAMR, Recipient: "平台乙", By: "carol"}
		confirmPolice   = Decision{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "carol"}
		dismiss         = Decision{Action: casework.ActionDismiss, Reason: casework.DismissOutOfScope, Note: "外省", By: "carol"}
		approveOther    = Decision{Action: casework.ActionApprove, By: "carol"}
		approveSelf     = Decision{Action: casework.ActionApprove, By: "alice"}
		reject          = Decision{Action: casework.ActionReject, By: "carol"}
		reopen          = Decision{Action: casework.ActionReopen, By: "carol"}
	)
	with := func(d Decision, f func(*Decision)) Decision { f(&d); return d }

	tests := []struct {
		name    string
		from    string // a caseSetups key
		d       Decision
		wantTo  casework.CaseStatus
		wantErr error
		check   func(t *testing.T, c *Case)
	}{
		// open
		{name: "open/confirm takedown", from: "open", d: confirmTakedown, wantTo: casework.CaseConfirmed,
			check: func(t *testing.T, c *Case) {
				if c.Route != casework.RouteTakedownSAMR || c.Recipient != "平台乙" || c.ConfirmedBy != "carol" || c.ApprovedBy != "" || c.NoticeID == 0 {
					t.Errorf("confirmed case %+v", c)
				}
			}},
		{name: "open/confirm police", from: "open", d: confirmPolice, wantTo: casework.CasePendingApproval,
			check: func(t *testing.T, c *Case) {
				if c.Route != casework.RoutePoliceReferral || c.Recipient != "区公安分局" || c.ConfirmedBy != "carol" || c.NoticeID != 0 {
					t.Errorf("pending case %+v: a referral joins no notice before approval", c)
				}
			}},
		{name: "open/dismiss", from: "open", d: dismiss, wantTo: casework.CaseDismissed,
			check: func(t *testing.T, c *Case) {
				if c.DismissReason != casework.DismissOutOfScope || c.Route != "" || c.Recipient != "" {
					t.Errorf("dismissed case %+v", c)
				}
			}},
		{name: "open/approve", from: "open", d: approveOther, wantErr: ErrConflict},
		{name: "open/reject", from: "open", d: reject, wantErr: ErrConflict},
		{name: "open/reopen", from: "open", d: reopen, wantErr: ErrConflict},
		{name: "open/unknown route", from: "open", d: with(confirmTakedown, func(d *Decision) { d.Route = "takedown_xyz" }), wantErr: ErrInvalid},
		{name: "open/empty route", from: "open", d: with(confirmTakedown, func(d *Decision) { d.Route = "" }), wantErr: ErrInvalid},
		{name: "open/empty recipient", from: "open", d: with(confirmTakedown, func(d *Decision) { d.Recipient = "" }), wantErr: ErrInvalid},
		{name: "open/police empty recipient", from: "open", d: with(confirmPolice, func(d *Decision) { d.Recipient = "" }), wantErr: ErrInvalid},
		{name: "open/unknown reason", from: "open", d: with(dismiss, func(d *Decision) { d.Reason = "bored" }), wantErr: ErrInvalid},
		{name: "open/no reason", from: "open", d: with(dismiss, func(d *Decision) { d.Reason = "" }), wantErr: ErrInvalid},
		{name: "open/unknown action", from: "open", d: Decision{Action: "escalate", By: "carol"}, wantErr: ErrInvalid},
		{name: "open/no actor", from: "open", d: with(confirmTakedown, func(d *Decision) { d.By = "" }), wantErr: ErrInvalid},

		// pending_approval
		{name: "pending/approve by another", from: "pending", d: approveOther, wantTo: casework.CaseConfirmed,
			check: func(t *testing.T, c *Case) {
				if c.ConfirmedBy != "alice" || c.ApprovedBy != "carol" || c.Route != casework.RoutePoliceReferral || c.Recipient != "市公安局" || c.NoticeID == 0 {
					t.Errorf("approved referral %+v", c)
				}
			}},
		{name: "pending/approve with another recipient", from: "pending",
			d: with(approveOther, func(d *Decision) { d.Recipient = "省公安厅" }), wantTo: casework.CaseConfirmed,
			check: func(t *testing.T, c *Case) {
				if c.Recipient != "省公安厅" {
					t.Errorf("recipient %q, want the approver's 省公安厅", c.Recipient)
				}
			}},
		{name: "pending/approve by confirmer", from: "pending", d: approveSelf, wantErr: ErrSecondPerson},
		{name: "pending/reject", from: "pending", d: reject, wantTo: casework.CaseOpen,
			check: func(t *testing.T, c *Case) {
				if c.Route != "" || c.Recipient != "" || c.ConfirmedBy != "" {
					t.Errorf("rejected case keeps its referral: %+v", c)
				}
			}},
		{name: "pending/dismiss", from: "pending", d: dismiss, wantTo: casework.CaseDismissed,
			check: func(t *testing.T, c *Case) {
				if c.Route != "" || c.Recipient != "" || c.DismissReason != casework.DismissOutOfScope {
					t.Errorf("dismissed referral %+v", c)
				}
			}},
		{name: "pending/confirm again", from: "pending", d: confirmTakedown, wantErr: ErrConflict},
		{name: "pending/reopen", from: "pending", d: reopen, wantErr: ErrConflict},

		// confirmed (takedown and approved referral): final
		{name: "takedown/confirm", from: "takedown", d: confirmTakedown, wantErr: ErrConflict},
		{name: "takedown/dismiss", from: "takedown", d: dismiss, wantErr: ErrConflict},
		{name: "takedown/approve", from: "takedown", d: approveOther, wantErr: ErrConflict},
		{name: "takedown/reject", from: "takedown", d: reject, wantErr: ErrConflict},
		{name: "takedown/reopen", from: "takedown", d: reopen, wantErr: ErrConflict},
		{name: "referred/approve again", from: "referred", d: approveOther, wantErr: ErrConflict},
		{name: "referred/reject", from: "referred", d: reject, wantErr: ErrConflict},
		{name: "referred/dismiss", from: "referred", d: dismiss, wantErr: ErrConflict},

		// dismissed
		{name: "dismissed/reopen", from: "dismissed", d: reopen, wantTo: casework.CaseOpen,
			check: func(t *testing.T, c *Case) {
				if c.DismissReason != "" {
					t.Errorf("reopened case keeps dismissal reason %q", c.DismissReason)
				}
			}},
		{name: "dismissed/confirm", from: "dismissed", d: confirmTakedown, wantErr: ErrConflict},
		{name: "dismissed/dismiss", from: "dismissed", d: dismiss, wantErr: ErrConflict},
		{name: "dismissed/approve", from: "dismissed", d: approveOther, wantErr: ErrConflict},
		{name: "dismissed/reject", from: "dismissed", d: reject, wantErr: ErrConflict},

		// back to open: a full review again
		{name: "rejected/confirm police", from: "rejected", d: confirmPolice, wantTo: casework.CasePendingApproval},
		{name: "rejected/approve", from: "rejected", d: approveOther, wantErr: ErrConflict},
		{name: "reopened/confirm takedown", from: "reopened", d: confirmTakedown, wantTo: casework.CaseConfirmed},
		{name: "reopened/reopen", from: "reopened", d: reopen, wantErr: ErrConflict},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.wantTo == "") == (tt.wantErr == nil) {
				t.Fatal("bad test: want exactly one of wantTo and wantErr")
			}
			id := flagCase(t, s, sweep, fmt.Sprintf("https://forum.example/t/%d", i), tt.name, clock.Now())
			for _, d := range caseSetups[tt.from] {
				d.CaseID = id
				mustDecide(t, s, d)
			}
			before, err := s.Case(id)
			if err != nil {
				t.Fatal(err)
			}
			if before.Status != setupStatus[tt.from] {
				t.Fatalf("setup %s left the case %s", tt.from, before.Status)
			}
			decisions, _ := s.Decisions(id)
			entries := auditLen(t, s)
			clock.Add(time.Minute)

			d := tt.d
			d.CaseID = id
			c, dec, err := s.Decide(d)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Decide: %v, want %v", err, tt.wantErr)
				}
				if c != nil || dec != nil {
					t.Errorf("refused Decide returned %+v, %+v", c, dec)
				}
				after, _ := s.Case(id)
				if after.Status != before.Status || after.DecidedAt != before.DecidedAt || after.Route != before.Route ||
					after.Recipient != before.Recipient || after.NoticeID != before.NoticeID {
					t.Errorf("refused decision changed the case: %+v → %+v", before, after)
				}
				if got, _ := s.Decisions(id); len(got) != len(decisions) {
					t.Errorf("refused decision recorded: %d decisions, want %d", len(got), len(decisions))
				}
				if n := auditLen(t, s); n != entries {
					t.Errorf("refused decision audited: %d entries, want %d", n, entries)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decide: %v", err)
			}
			if c.Status != tt.wantTo || dec.From != before.Status || dec.To != tt.wantTo {
				t.Errorf("status %s, decision %s → %s; want %s → %s", c.Status, dec.From, dec.To, before.Status, tt.wantTo)
			}
			if c.DecidedBy != d.By || !c.DecidedAt.Equal(clock.Now()) || !dec.At.Equal(clock.Now()) || dec.By != d.By {
				t.Errorf("decided by %s at %v (decision %s at %v), want %s at %v", c.DecidedBy, c.DecidedAt, dec.By, dec.At, d.By, clock.Now())
			}
			stored, err := s.Case(id)
			if err != nil {
				t.Fatal(err)
			}
			if stored.Status != tt.wantTo || stored.NoticeID != c.NoticeID || stored.DecidedBy != d.By {
				t.Errorf("stored case %+v, returned %+v", stored, c)
			}
			if dec.NoticeID != c.NoticeID {
				t.Errorf("decision notice %d, case notice %d", dec.NoticeID, c.NoticeID)
			}
			if tt.check != nil {
				tt.check(t, stored)
			}
			if got, _ := s.Decisions(id); len(got) != len(decisions)+1 || got[len(got)-1].Seq != dec.Seq {
				t.Errorf("decisions %+v, want %d ending with seq %d", got, len(decisions)+1, dec.Seq)
			}
			last, err := s.AuditEntries(AuditFilter{Limit: 1})
			if err != nil || len(last) != 1 {
				t.Fatalf("audit: %v, %v", last, err)
			}
			e := last[0]
			wantDetail := string(before.Status + " → " + tt.wantTo)
			if e.Action != "case."+string(d.Action) || e.Actor != d.By || e.Object != fmt.Sprintf("case:%d", id) ||
				!strings.HasPrefix(e.Detail, wantDetail) || !e.At.Equal(clock.Now()) || auditLen(t, s) != entries+1 {
				t.Errorf("audit entry %+v, want case.%s by %s on case:%d, detail %q…", e, d.Action, d.By, id, wantDetail)
			}
			if d.Note != "" && !strings.Contains(e.Detail, "note="+d.Note) {
				t.Errorf("audit detail %q lacks the note", e.Detail)
			}
		})
	}

	t.Run("unknown case", func(t *testing.T) {
		if _, _, err := s.Decide(Decision{CaseID: 999, Action: casework.ActionReopen, By: "carol"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("Decide on case 999: %v, want ErrNotFound", err)
		}
	})
}

// noticeItem returns notice n's item for caseID.
func noticeItem(t testing.TB, n *Notice, caseID uint64) NoticeItem {
	t.Helper()
	for _, it := range n.Items {
		if it.CaseID == caseID {
			return it
		}
	}
	t.Fatalf("notice %d (%s, %s) does not list case %d", n.ID, n.Route, n.Recipient, caseID)
	return NoticeItem{}
}

func itemCases(n *Notice) []uint64 {
	var ids []uint64
	for _, it := range n.Items {
		ids = append(ids, it.CaseID)
	}
	return ids
}

func TestDecideDrafts(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	t0 := clock.Now()

	// Case 1 changed after it was first seen: the notice must carry the
	// latest snapshot.
	c1 := flagCase(t, s, sweep, "https://shop.example/1", "出售安全员证 v1", t0)
	o := observation(sweep, "https://shop.example/1", "出售安全员证 v2", t0.Add(2*time.Hour))
	o.FrontierURL, o.FinalURL = "", "https://shop.example/1?redirected=1"
	res, err := s.Record(o)
	if err != nil || res.CaseID != c1 || !res.NewSnapshot {
		t.Fatalf("second snapshot: %+v, %v", res, err)
	}
	c2 := flagCase(t, s, sweep, "https://shop.example/2", "出售电工证", t0.Add(3*time.Hour))
	c3 := flagCase(t, s, sweep, "https://shop.example/3", "出售焊工证", t0.Add(4*time.Hour))
	c4 := flagCase(t, s, sweep, "https://shop.example/4", "出售高处作业证", t0.Add(5*time.Hour))
	r1 := flagCase(t, s, sweep, "https://shop.example/5", "代办特种作业证 包过", t0.Add(6*time.Hour))
	r2 := flagCase(t, s, sweep, "https://shop.example/6", "假证 快递到家", t0.Add(7*time.Hour))
	clock.Add(24 * time.Hour)

	confirm := func(id uint64, route casework.Route, recipient string) uint64 {
		t.Helper()
		c, d := mustDecide(t, s, Decision{CaseID: id, Action: casework.ActionConfirm, Route: route, Recipient: recipient, By: "alice"})
		if d.NoticeID != c.NoticeID {
			t.Errorf("case %d: decision notice %d, case notice %d", id, d.NoticeID, c.NoticeID)
		}
		return c.NoticeID
	}

	n1 := confirm(c1, casework.RouteTakedownCAC, "平台甲")
	n2 := confirm(c2, casework.RouteTakedownCAC, "平台甲")
	n3 := confirm(c3, casework.RouteTakedownCAC, "平台乙")
	n4 := confirm(c4, casework.RouteTakedownSAMR, "平台甲")

	t.Run("same route and recipient share a draft", func(t *testing.T) {
		if n1 == 0 || n1 != n2 {
			t.Fatalf("notices %d, %d; want one draft", n1, n2)
		}
		n, err := s.Notice(n1)
		if err != nil {
			t.Fatal(err)
		}
		if n.Status != casework.NoticeDraft || n.Route != casework.RouteTakedownCAC || n.Recipient != "平台甲" || fmt.Sprint(itemCases(n)) != fmt.Sprint([]uint64{c1, c2}) {
			t.Errorf("draft %+v", n)
		}
		if len(n.History) != 1 || n.History[0].To != casework.NoticeDraft || n.History[0].By != "alice" || !n.Created.Equal(clock.Now()) {
			t.Errorf("draft history %+v created %v", n.History, n.Created)
		}
	})
	t.Run("another recipient or route gets another notice", func(t *testing.T) {
		if n3 == n1 || n4 == n1 || n3 == n4 || n3 == 0 || n4 == 0 {
			t.Errorf("notices %d, %d, %d", n1, n3, n4)
		}
		for id, want := range map[uint64]uint64{n3: c3, n4: c4} {
			n, err := s.Notice(id)
			if err != nil || len(n.Items) != 1 || n.Items[0].CaseID != want {
				t.Errorf("notice %d = %+v, %v; want only case %d", id, n, err, want)
			}
		}
	})
	t.Run("item carries the latest snapshot", func(t *testing.T) {
		n, _ := s.Notice(n1)
		c, _ := s.Case(c1)
		snaps, _ := s.Snapshots(c1)
		if len(snaps) != 2 {
			t.Fatalf("snapshots %+v", snaps)
		}
		it := noticeItem(t, n, c1)
		body, _ := s.SnapshotBody(snaps[1].ID)
		sum := sha256.Sum256(body)
		if it.SnapshotID != snaps[1].ID || it.SnapshotID != c.LatestSnapshot || it.BodySHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("item snapshot %d sha %s; want snapshot %d sha %x", it.SnapshotID, it.BodySHA256, snaps[1].ID, sum)
		}
		if !it.CapturedAt.Equal(t0.Add(2*time.Hour)) || !it.CapturedAt.Equal(snaps[1].FetchedAt) {
			t.Errorf("item captured at %v, want the snapshot's fetch time %v", it.CapturedAt, t0.Add(2*time.Hour))
		}
		if it.URL != "https://shop.example/1?redirected=1" || it.Title != "办证" || it.Category != "fake_certificate" {
			t.Errorf("item %+v", it)
		}
		it2 := noticeItem(t, n, c2)
		body2, _ := s.SnapshotBody(it2.SnapshotID)
		sum2 := sha256.Sum256(body2)
		if it2.BodySHA256 != hex.EncodeToString(sum2[:]) || !it2.CapturedAt.Equal(t0.Add(3*time.Hour)) {
			t.Errorf("item of case %d: %+v", c2, it2)
		}
	})
	t.Run("approved referral joins a police draft", func(t *testing.T) {
		for _, id := range []uint64{r1, r2} {
			c, d := mustDecide(t, s, Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "alice"})
			if c.NoticeID != 0 || d.NoticeID != 0 {
				t.Errorf("pending referral %d joined notice %d", id, c.NoticeID)
			}
		}
		if police, _ := s.Notices(NoticeFilter{Route: casework.RoutePoliceReferral}); len(police) != 0 {
			t.Fatalf("police notices before approval: %+v", police)
		}
		ca, da := mustDecide(t, s, Decision{CaseID: r1, Action: casework.ActionApprove, By: "bob"})
		cb, db := mustDecide(t, s, Decision{CaseID: r2, Action: casework.ActionApprove, By: "dave"})
		if ca.NoticeID == 0 || ca.NoticeID != cb.NoticeID || da.NoticeID != ca.NoticeID || db.NoticeID != cb.NoticeID {
			t.Fatalf("approved referrals in notices %d and %d (decisions %d, %d)", ca.NoticeID, cb.NoticeID, da.NoticeID, db.NoticeID)
		}
		if da.Route != casework.RoutePoliceReferral || da.Recipient != "市公安局" {
			t.Errorf("approval decision %+v lacks the route and recipient", da)
		}
		n, _ := s.Notice(ca.NoticeID)
		if n.Route != casework.RoutePoliceReferral || n.Recipient != "市公安局" || n.Status != casework.NoticeDraft || fmt.Sprint(itemCases(n)) != fmt.Sprint([]uint64{r1, r2}) {
			t.Errorf("police draft %+v", n)
		}
		if n.ID == n1 || n.ID == n3 || n.ID == n4 {
			t.Errorf("police draft %d shares an id with a takedown notice", n.ID)
		}
	})
}

func TestDecisionsInOrder(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	a := flagCase(t, s, sweep, "https://a.example/", "出售安全员证", clock.Now())
	b := flagCase(t, s, sweep, "https://b.example/", "出售电工证", clock.Now())

	steps := []struct {
		caseID   uint64
		d        Decision
		from, to casework.CaseStatus
	}{
		{a, Decision{Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "alice"}, casework.CaseOpen, casework.CaseDismissed},
		{b, Decision{Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "alice"}, casework.CaseOpen, casework.CaseDismissed},
		{a, Decision{Action: casework.ActionReopen, By: "bob"}, casework.CaseDismissed, casework.CaseOpen},
		{a, Decision{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "alice"}, casework.CaseOpen, casework.CasePendingApproval},
		{b, Decision{Action: casework.ActionReopen, By: "bob"}, casework.CaseDismissed, casework.CaseOpen},
		{a, Decision{Action: casework.ActionReject, By: "bob", Note: "证据不足"}, casework.CasePendingApproval, casework.CaseOpen},
		{a, Decision{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "carol"}, casework.CaseOpen, casework.CasePendingApproval},
		{a, Decision{Action: casework.ActionApprove, By: "bob"}, casework.CasePendingApproval, casework.CaseConfirmed},
	}
	want := map[uint64][]Decision{}
	for _, st := range steps {
		clock.Add(time.Minute)
		st.d.CaseID = st.caseID
		_, d := mustDecide(t, s, st.d)
		if d.From != st.from || d.To != st.to {
			t.Errorf("case %d %s: %s → %s, want %s → %s", st.caseID, st.d.Action, d.From, d.To, st.from, st.to)
		}
		want[st.caseID] = append(want[st.caseID], *d)
	}
	for _, id := range []uint64{a, b} {
		t.Run(fmt.Sprintf("case %d", id), func(t *testing.T) {
			got, err := s.Decisions(id)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want[id]) {
				t.Fatalf("%d decisions, want %d: %+v", len(got), len(want[id]), got)
			}
			for i := range got {
				g, w := got[i], want[id][i]
				gj, _ := json.Marshal(g)
				wj, _ := json.Marshal(w)
				if string(gj) != string(wj) {
					t.Errorf("decision %d:\n got %s\nwant %s", i, gj, wj)
				}
				if g.CaseID != id || (i > 0 && (g.Seq <= got[i-1].Seq || !g.At.After(got[i-1].At))) {
					t.Errorf("decision %d out of order: %+v after %+v", i, g, got[max(i-1, 0)])
				}
			}
		})
	}
	last := want[a][len(want[a])-1]
	if last.NoticeID == 0 || last.Route != casework.RoutePoliceReferral {
		t.Errorf("approval decision %+v", last)
	}
	if got, err := s.Decisions(999); err != nil || len(got) != 0 {
		t.Errorf("Decisions(999) = %+v, %v", got, err)
	}
}

func TestSnapshotText(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)

	o := observation(sweep, "https://t.example/1", "出售安全员证 微信 abc123", clock.Now())
	o.FrontierURL = ""
	o.PageTitle, o.Text = "安全员证 C 证 出售", "出售安全员证，微信 abc123，包过，三天出证。"
	first, err := s.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	// Seen again unchanged: no new snapshot, the text stays.
	clock.Add(time.Hour)
	again := o
	again.FetchedAt = clock.Now()
	again.Text = "这次读到的文字不应覆盖旧快照"
	if res, err := s.Record(again); err != nil || res.NewSnapshot {
		t.Fatalf("unchanged page: %+v, %v", res, err)
	}
	// Changed: a new snapshot with its own text.
	clock.Add(time.Hour)
	changed := observation(sweep, "https://t.example/1", "出售电工证 微信 abc123", clock.Now())
	changed.FrontierURL, changed.PageTitle, changed.Text = "", "电工证", "出售电工证，微信 abc123"
	second, err := s.Record(changed)
	if err != nil || !second.NewSnapshot {
		t.Fatalf("changed page: %+v, %v", second, err)
	}
	// No text: nothing stored for that snapshot.
	bare := observation(sweep, "https://t.example/2", "假证", clock.Now())
	bare.FrontierURL = ""
	third, err := s.Record(bare)
	if err != nil {
		t.Fatal(err)
	}
	titleOnly := observation(sweep, "https://t.example/3", "假证 3", clock.Now())
	titleOnly.FrontierURL, titleOnly.PageTitle = "", "只有标题"
	fourth, err := s.Record(titleOnly)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		id      uint64
		want    *SnapshotText
		wantErr error
	}{
		{"first snapshot", first.SnapshotID, &SnapshotText{Title: o.PageTitle, Text: o.Text}, nil},
		{"changed snapshot", second.SnapshotID, &SnapshotText{Title: "电工证", Text: "出售电工证，微信 abc123"}, nil},
		{"title only", fourth.SnapshotID, &SnapshotText{Title: "只有标题"}, nil},
		{"recorded without text", third.SnapshotID, nil, ErrNotFound},
		{"no such snapshot", 999, nil, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SnapshotText(tt.id)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("SnapshotText(%d) = %+v, %v; want %v", tt.id, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || *got != *tt.want {
				t.Errorf("SnapshotText(%d) = %+v, %v; want %+v", tt.id, got, err, tt.want)
			}
		})
	}
}

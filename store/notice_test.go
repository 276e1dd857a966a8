package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// takedownDraft flags a page, confirms it for a takedown to recipient and
// returns the case and its draft notice.
func takedownDraft(t testing.TB, s *Store, sweep uint64, url, recipient string, at time.Time) (caseID, noticeID uint64) {
	t.Helper()
	caseID = flagCase(t, s, sweep, url, "出售安全员证 "+url, at)
	c, _ := mustDecide(t, s, Decision{CaseID: caseID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: recipient, By: "alice"})
	if c.NoticeID == 0 {
		t.Fatalf("case %d joined no notice", caseID)
	}
	return caseID, c.NoticeID
}

// approval is a complete approving move, with a number of its own
// (numbers are unique per route).
func approval(now time.Time) NoticeMove {
	n := approvals.Add(1)
	return NoticeMove{To: casework.NoticeApproved, By: "boss", Number: fmt.Sprintf("网信函〔2024〕%d号", n), Deadline: now.Add(7 * 24 * time.Hour)}
}

var approvals atomic.Int64

func mustMove(t testing.TB, s *Store, id uint64, m NoticeMove) *Notice {
	t.Helper()
	n, err := s.MoveNotice(id, m)
	if err != nil {
		t.Fatalf("MoveNotice(%d, %s): %v", id, m.To, err)
	}
	return n
}

// noticePaths are the moves that bring a draft into each status.
var noticePaths = map[casework.NoticeState][]casework.NoticeState{
	casework.NoticeDraft:        nil,
	casework.NoticeApproved:     {casework.NoticeApproved},
	casework.NoticeSent:         {casework.NoticeApproved, casework.NoticeSent},
	casework.NoticeAcknowledged: {casework.NoticeApproved, casework.NoticeSent, casework.NoticeAcknowledged},
	casework.NoticeRemoved:      {casework.NoticeApproved, casework.NoticeSent, casework.NoticeRemoved},
	casework.NoticeRefused:      {casework.NoticeApproved, casework.NoticeSent, casework.NoticeRefused},
}

// moveTo is a move to status with what it needs.
func moveTo(status casework.NoticeState, now time.Time) NoticeMove {
	if status == casework.NoticeApproved {
		return approval(now)
	}
	return NoticeMove{To: status, By: "clerk", Note: "第" + string(status) + "步"}
}

func TestMoveNoticeMachine(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	allowed := map[[2]casework.NoticeState]bool{
		{casework.NoticeDraft, casework.NoticeApproved}:       true,
		{casework.NoticeApproved, casework.NoticeSent}:        true,
		{casework.NoticeApproved, casework.NoticeDraft}:       true,
		{casework.NoticeSent, casework.NoticeAcknowledged}:    true,
		{casework.NoticeSent, casework.NoticeRemoved}:         true,
		{casework.NoticeSent, casework.NoticeRefused}:         true,
		{casework.NoticeAcknowledged, casework.NoticeRemoved}: true,
		{casework.NoticeAcknowledged, casework.NoticeRefused}: true,
	}
	statuses := []casework.NoticeState{casework.NoticeDraft, casework.NoticeApproved, casework.NoticeSent, casework.NoticeAcknowledged, casework.NoticeRemoved, casework.NoticeRefused}
	targets := append(slices.Clone(statuses), casework.NoticeOverdue, "archived", "")
	i := 0
	for _, from := range statuses {
		for _, to := range targets {
			i++
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				_, id := takedownDraft(t, s, sweep, fmt.Sprintf("https://m.example/%d", i), fmt.Sprintf("平台%d", i), clock.Now())
				for _, step := range noticePaths[from] {
					mustMove(t, s, id, moveTo(step, clock.Now()))
				}
				before, err := s.Notice(id)
				if err != nil || before.Status != from {
					t.Fatalf("setup: %+v, %v", before, err)
				}
				entries := auditLen(t, s)
				clock.Add(time.Hour)
				now := clock.Now()

				m := moveTo(to, now)
				n, err := s.MoveNotice(id, m)
				if !allowed[[2]casework.NoticeState{from, to}] {
					if !errors.Is(err, ErrConflict) {
						t.Fatalf("MoveNotice = %+v, %v; want ErrConflict", n, err)
					}
					after, _ := s.Notice(id)
					if after.Status != from || len(after.History) != len(before.History) {
						t.Errorf("refused move changed the notice: %+v", after)
					}
					if auditLen(t, s) != entries {
						t.Error("refused move was audited")
					}
					return
				}
				if err != nil {
					t.Fatalf("MoveNotice: %v", err)
				}
				stored, err := s.Notice(id)
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range []*Notice{n, stored} {
					if n.Status != to {
						t.Errorf("status %s, want %s", n.Status, to)
					}
					ev := n.History[len(n.History)-1]
					if len(n.History) != len(before.History)+1 || ev.From != from || ev.To != to || ev.By != m.By || ev.Note != m.Note || !ev.At.Equal(now) {
						t.Errorf("history %+v", n.History)
					}
				}
				var stamp time.Time
				switch to {
				case casework.NoticeApproved:
					stamp = stored.IssuedAt
					if stored.Number != m.Number || !stored.Deadline.Equal(m.Deadline) || stored.ApprovedBy != "boss" {
						t.Errorf("approved notice %+v", stored)
					}
				case casework.NoticeSent:
					stamp = stored.SentAt
				case casework.NoticeAcknowledged:
					stamp = stored.AckAt
				case casework.NoticeRemoved, casework.NoticeRefused:
					stamp = stored.ClosedAt
				case casework.NoticeDraft:
					stamp = now
					if stored.Number != "" || !stored.Deadline.IsZero() || stored.ApprovedBy != "" || !stored.IssuedAt.IsZero() {
						t.Errorf("withdrawn notice keeps its approval: %+v", stored)
					}
				}
				if !stamp.Equal(now) {
					t.Errorf("%s time %v, want %v", to, stamp, now)
				}
				last, _ := s.AuditEntries(AuditFilter{Limit: 1})
				if auditLen(t, s) != entries+1 || last[0].Action != "notice."+string(to) || last[0].Object != fmt.Sprintf("notice:%d", id) ||
					last[0].Actor != m.By || !strings.HasPrefix(last[0].Detail, string(from+" → "+to)) {
					t.Errorf("audit entry %+v", last[0])
				}
			})
		}
	}
	t.Run("unknown notice", func(t *testing.T) {
		if _, err := s.MoveNotice(999, approval(clock.Now())); !errors.Is(err, ErrNotFound) {
			t.Errorf("MoveNotice(999): %v, want ErrNotFound", err)
		}
	})
}

func TestApproveNotice(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	url := 0
	draft := func(recipient string) (uint64, uint64) {
		url++
		return takedownDraft(t, s, sweep, fmt.Sprintf("https://a.example/%d", url), recipient, clock.Now())
	}

	t.Run("needs number and deadline", func(t *testing.T) {
		_, id := draft("平台甲")
		now := clock.Now()
		for _, m := range []NoticeMove{
			{To: casework.NoticeApproved, By: "boss", Deadline: now.Add(time.Hour)},
			{To: casework.NoticeApproved, By: "boss", Number: "网信函〔2024〕1号"},
			{To: casework.NoticeApproved, By: "boss"},
		} {
			if _, err := s.MoveNotice(id, m); !errors.Is(err, ErrInvalid) {
				t.Errorf("MoveNotice(%+v): %v, want ErrInvalid", m, err)
			}
		}
		if n, _ := s.Notice(id); n.Status != casework.NoticeDraft || n.Number != "" {
			t.Errorf("refused approval changed the notice: %+v", n)
		}
		issued := now.Add(-48 * time.Hour)
		m := approval(now)
		m.IssuedAt = issued
		n := mustMove(t, s, id, m)
		if !n.IssuedAt.Equal(issued) {
			t.Errorf("issued at %v, want the given %v", n.IssuedAt, issued)
		}
	})

	t.Run("approving closes the draft", func(t *testing.T) {
		c1, a := draft("平台乙")
		c2, a2 := draft("平台乙")
		if a != a2 {
			t.Fatalf("cases %d and %d in notices %d and %d", c1, c2, a, a2)
		}
		mustMove(t, s, a, approval(clock.Now()))
		c3, b := draft("平台乙")
		if b == a {
			t.Fatalf("case %d confirmed after approval joined the approved notice %d", c3, a)
		}
		c4, b2 := draft("平台乙")
		if b2 != b {
			t.Errorf("case %d in notice %d, want the new draft %d", c4, b2, b)
		}
		na, _ := s.Notice(a)
		nb, _ := s.Notice(b)
		if fmt.Sprint(itemCases(na)) != fmt.Sprint([]uint64{c1, c2}) || fmt.Sprint(itemCases(nb)) != fmt.Sprint([]uint64{c3, c4}) {
			t.Errorf("approved notice lists %v, new draft %v", itemCases(na), itemCases(nb))
		}

		// Withdrawing a while b is the current draft: a is a draft again
		// but new cases keep going to b.
		mustMove(t, s, a, NoticeMove{To: casework.NoticeDraft, By: "boss", Note: "文号有误"})
		c5, id5 := draft("平台乙")
		if id5 != b {
			t.Errorf("case %d joined notice %d, want the current draft %d", c5, id5, b)
		}
		// Approving a does not close b.
		mustMove(t, s, a, approval(clock.Now()))
		if _, id6 := draft("平台乙"); id6 != b {
			t.Errorf("after re-approving %d, a new case joined %d; want the draft %d", a, id6, b)
		}
	})

	t.Run("back to draft re-opens it", func(t *testing.T) {
		c1, a := draft("平台丙")
		mustMove(t, s, a, approval(clock.Now()))
		n := mustMove(t, s, a, NoticeMove{To: casework.NoticeDraft, By: "boss"})
		if n.Status != casework.NoticeDraft || n.Number != "" || !n.Deadline.IsZero() {
			t.Errorf("withdrawn notice %+v", n)
		}
		c2, id := draft("平台丙")
		if id != a {
			t.Fatalf("case %d confirmed after withdrawal joined notice %d, want the re-opened draft %d", c2, id, a)
		}
		n, _ = s.Notice(a)
		if fmt.Sprint(itemCases(n)) != fmt.Sprint([]uint64{c1, c2}) {
			t.Errorf("re-opened draft lists %v", itemCases(n))
		}
	})

	t.Run("sent notice does not take new cases", func(t *testing.T) {
		_, a := draft("平台丁")
		mustMove(t, s, a, approval(clock.Now()))
		mustMove(t, s, a, NoticeMove{To: casework.NoticeSent, By: "clerk"})
		if _, b := draft("平台丁"); b == a {
			t.Errorf("a case joined the sent notice %d", a)
		}
	})
}

func TestSendSchedulesChecks(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	_, a := takedownDraft(t, s, sweep, "https://s.example/1", "平台甲", clock.Now())
	_, b := takedownDraft(t, s, sweep, "https://s.example/2", "平台乙", clock.Now())
	_, d := takedownDraft(t, s, sweep, "https://s.example/3", "平台丙", clock.Now()) // stays a draft
	_, p := takedownDraft(t, s, sweep, "https://s.example/4", "平台丁", clock.Now()) // approved, not sent
	for _, id := range []uint64{a, b, p} {
		mustMove(t, s, id, approval(clock.Now()))
	}
	clock.Add(time.Hour)
	sentA := clock.Now()
	na := mustMove(t, s, a, NoticeMove{To: casework.NoticeSent, By: "clerk", CheckAfter: []time.Duration{24 * time.Hour, 72 * time.Hour}})
	clock.Add(time.Hour)
	sentB := clock.Now()
	mustMove(t, s, b, NoticeMove{To: casework.NoticeSent, By: "clerk", CheckAfter: []time.Duration{24 * time.Hour}})

	wantDue := []time.Time{sentA.Add(24 * time.Hour), sentA.Add(72 * time.Hour)}
	if fmt.Sprint(na.CheckDue) != fmt.Sprint(wantDue) || na.ChecksDone != 0 || !na.SentAt.Equal(sentA) || !na.NextCheck().Equal(wantDue[0]) {
		t.Fatalf("sent notice: check due %v, done %d, next %v; want %v", na.CheckDue, na.ChecksDone, na.NextCheck(), wantDue)
	}
	for _, id := range []uint64{d, p} {
		if n, _ := s.Notice(id); !n.NextCheck().IsZero() {
			t.Errorf("notice %d (%s) has a next check %v", id, n.Status, n.NextCheck())
		}
	}

	due := func(now time.Time) []uint64 {
		t.Helper()
		ns, err := s.DueNotices(now)
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		for _, n := range ns {
			ids = append(ids, n.ID)
		}
		return ids
	}
	steps := []struct {
		name  string
		round int // RecordChecks of a before asking; 0 for none
		at    time.Time
		want  []uint64
	}{
		{"nothing due yet", 0, sentA.Add(23 * time.Hour), nil},
		{"a's first round, a second before b's", 0, sentB.Add(24*time.Hour - time.Second), []uint64{a}},
		{"both due, by id", 0, sentB.Add(24 * time.Hour), []uint64{a, b}},
		{"a's first round done", 1, sentB.Add(25 * time.Hour), []uint64{b}},
		{"a's second round due", 0, sentA.Add(72 * time.Hour), []uint64{a, b}},
		{"a's all rounds done", 2, sentA.Add(1000 * time.Hour), []uint64{b}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.round > 0 {
				n, _ := s.Notice(a)
				if _, err := s.RecordChecks(a, st.round, "system", []ItemCheck{{CaseID: n.Items[0].CaseID, Outcome: casework.OutcomeLive}}); err != nil {
					t.Fatal(err)
				}
			}
			if got := due(st.at); fmt.Sprint(got) != fmt.Sprint(st.want) {
				t.Errorf("DueNotices(%v) = %v, want %v", st.at, got, st.want)
			}
		})
	}

	t.Run("sending again is refused and keeps the schedule", func(t *testing.T) {
		if _, err := s.MoveNotice(b, NoticeMove{To: casework.NoticeSent, By: "clerk"}); !errors.Is(err, ErrConflict) {
			t.Errorf("sending a sent notice: %v", err)
		}
	})
}

func TestNoticeStateAndFilter(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	t0 := clock.Now()
	deadline := t0.Add(7 * 24 * time.Hour)

	mk := func(recipient string, route casework.Route, path ...casework.NoticeState) uint64 {
		t.Helper()
		id := flagCase(t, s, sweep, "https://f.example/"+recipient, recipient, clock.Now())
		c, _ := mustDecide(t, s, Decision{CaseID: id, Action: casework.ActionConfirm, Route: route, Recipient: recipient, By: "alice"})
		for _, to := range path {
			m := moveTo(to, t0)
			m.Deadline = deadline
			mustMove(t, s, c.NoticeID, m)
		}
		return c.NoticeID
	}
	draft := mk("甲", casework.RouteTakedownCAC)
	approved := mk("乙", casework.RouteTakedownCAC, casework.NoticeApproved)
	sent := mk("丙", casework.RouteTakedownCAC, casework.NoticeApproved, casework.NoticeSent)
	acked := mk("丁", casework.RouteTakedownSAMR, casework.NoticeApproved, casework.NoticeSent, casework.NoticeAcknowledged)
	removed := mk("戊", casework.RouteTakedownSAMR, casework.NoticeApproved, casework.NoticeSent, casework.NoticeRemoved)
	refused := mk("己", casework.RouteTakedownCAC, casework.NoticeApproved, casework.NoticeSent, casework.NoticeRefused)

	before, at, after := deadline.Add(-time.Second), deadline, deadline.Add(time.Second)
	t.Run("State", func(t *testing.T) {
		tests := []struct {
			id   uint64
			now  time.Time
			want casework.NoticeState
		}{
			{draft, after, casework.NoticeDraft},
			{approved, after, casework.NoticeApproved},
			{sent, before, casework.NoticeSent},
			{sent, at, casework.NoticeSent},
			{sent, after, casework.NoticeOverdue},
			{acked, before, casework.NoticeAcknowledged},
			{acked, after, casework.NoticeOverdue},
			{removed, after, casework.NoticeRemoved},
			{refused, after, casework.NoticeRefused},
		}
		for _, tt := range tests {
			n, err := s.Notice(tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.State(tt.now); got != tt.want {
				t.Errorf("notice %d (%s) at deadline%+v: State = %s, want %s", tt.id, n.Status, tt.now.Sub(deadline), got, tt.want)
			}
		}
		var zero Notice
		zero.Status = casework.NoticeSent
		if got := zero.State(after.Add(1000 * time.Hour)); got != casework.NoticeSent {
			t.Errorf("sent notice without a deadline: %s", got)
		}
	})

	tests := []struct {
		name  string
		f     NoticeFilter
		clock time.Time // the store's clock, for filters without Now
		want  []uint64
	}{
		{"all, newest first", NoticeFilter{}, t0, []uint64{refused, removed, acked, sent, approved, draft}},
		{"drafts", NoticeFilter{Status: casework.NoticeDraft, Now: after}, t0, []uint64{draft}},
		{"overdue before the deadline", NoticeFilter{Status: casework.NoticeOverdue, Now: before}, t0, nil},
		{"overdue after the deadline", NoticeFilter{Status: casework.NoticeOverdue, Now: after}, t0, []uint64{acked, sent}},
		{"overdue by the store's clock", NoticeFilter{Status: casework.NoticeOverdue}, after, []uint64{acked, sent}},
		{"overdue by the store's clock, not yet", NoticeFilter{Status: casework.NoticeOverdue}, before, nil},
		{"overdue in one route", NoticeFilter{Status: casework.NoticeOverdue, Route: casework.RouteTakedownSAMR, Now: after}, t0, []uint64{acked}},
		{"sent keeps its stored status when overdue", NoticeFilter{Status: casework.NoticeSent, Now: after}, t0, []uint64{sent}},
		{"removed", NoticeFilter{Status: casework.NoticeRemoved, Now: after}, t0, []uint64{removed}},
		{"route", NoticeFilter{Route: casework.RouteTakedownSAMR}, t0, []uint64{removed, acked}},
		{"no such route", NoticeFilter{Route: casework.RoutePoliceReferral}, t0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Add(tt.clock.Sub(clock.Now()))
			ns, err := s.Notices(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []uint64
			for _, n := range ns {
				got = append(got, n.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Notices(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}
}

func TestRecordChecks(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	var cases []uint64
	var id uint64
	for i := range 3 {
		c, n := takedownDraft(t, s, sweep, fmt.Sprintf("https://r.example/%d", i), "平台甲", clock.Now())
		cases, id = append(cases, c), n
	}
	mustMove(t, s, id, approval(clock.Now()))
	mustMove(t, s, id, NoticeMove{To: casework.NoticeSent, By: "clerk", CheckAfter: []time.Duration{24 * time.Hour, 72 * time.Hour}})
	c1, c2, c3 := cases[0], cases[1], cases[2]

	type itemWant struct {
		outcome casework.Outcome
		checks  int
		rounds  []int
	}
	steps := []struct {
		name       string
		round      int
		checks     []ItemCheck
		wantErr    error
		wantItems  map[uint64]itemWant
		wantDone   int
		wantStatus casework.NoticeState
	}{
		{
			name: "by hand, round 0", round: 0,
			checks:    []ItemCheck{{CaseID: c1, Outcome: casework.OutcomeRemoved, Status: 404, Detail: "页面不存在"}},
			wantItems: map[uint64]itemWant{c1: {casework.OutcomeRemoved, 1, []int{0}}, c2: {"", 0, nil}, c3: {"", 0, nil}},
			wantDone:  0, wantStatus: casework.NoticeSent,
		},
		{
			name: "a case not in the notice", round: 1,
			checks:  []ItemCheck{{CaseID: c2, Outcome: casework.OutcomeLive}, {CaseID: 999, Outcome: casework.OutcomeRemoved}},
			wantErr: ErrInvalid,
		},
		{
			name: "round 1: failures do not hide a known outcome", round: 1,
			checks: []ItemCheck{
				{CaseID: c1, Outcome: casework.OutcomeFailed, Detail: "timeout"},
				{CaseID: c2, Outcome: casework.OutcomeFailed, Detail: "timeout"},
				{CaseID: c3, Outcome: casework.OutcomeLive, Status: 200},
			},
			wantItems: map[uint64]itemWant{c1: {casework.OutcomeRemoved, 2, []int{0, 1}}, c2: {casework.OutcomeFailed, 1, []int{1}}, c3: {casework.OutcomeLive, 1, []int{1}}},
			wantDone:  1, wantStatus: casework.NoticeSent,
		},
		{
			name: "round 2: one still live", round: 2,
			checks: []ItemCheck{
				{CaseID: c2, Outcome: casework.OutcomeRelisted, RelistedCase: 42},
				{CaseID: c3, Outcome: casework.OutcomeChanged},
			},
			wantItems: map[uint64]itemWant{c1: {casework.OutcomeRemoved, 2, []int{0, 1}}, c2: {casework.OutcomeRelisted, 2, []int{1, 2}}, c3: {casework.OutcomeChanged, 2, []int{1, 2}}},
			wantDone:  2, wantStatus: casework.NoticeSent,
		},
		{
			name: "by hand: the last one removed closes the notice", round: 0,
			checks:    []ItemCheck{{CaseID: c3, Outcome: casework.OutcomeRemoved, Status: 410}},
			wantItems: map[uint64]itemWant{c1: {casework.OutcomeRemoved, 2, []int{0, 1}}, c2: {casework.OutcomeRelisted, 2, []int{1, 2}}, c3: {casework.OutcomeRemoved, 3, []int{1, 2, 0}}},
			wantDone:  2, wantStatus: casework.NoticeRemoved,
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			clock.Add(time.Hour)
			now := clock.Now()
			before, _ := s.Notice(id)
			entries := auditLen(t, s)
			n, err := s.RecordChecks(id, st.round, "system", st.checks)
			if st.wantErr != nil {
				if !errors.Is(err, st.wantErr) {
					t.Fatalf("RecordChecks: %v, want %v", err, st.wantErr)
				}
				after, _ := s.Notice(id)
				if fmt.Sprint(after) != fmt.Sprint(before) || auditLen(t, s) != entries {
					t.Errorf("refused RecordChecks changed the notice or the log:\n%+v\n%+v", before, after)
				}
				if c, _ := s.Case(c2); c.Removal != "" {
					t.Errorf("refused RecordChecks changed case %d: removal %q", c2, c.Removal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := s.Notice(id)
			if fmt.Sprint(stored) != fmt.Sprint(n) {
				t.Errorf("returned %+v\nstored   %+v", n, stored)
			}
			if stored.ChecksDone != st.wantDone || stored.Status != st.wantStatus {
				t.Errorf("checks done %d, status %s; want %d, %s", stored.ChecksDone, stored.Status, st.wantDone, st.wantStatus)
			}
			for caseID, w := range st.wantItems {
				it := noticeItem(t, stored, caseID)
				var rounds []int
				for _, ch := range it.Checks {
					rounds = append(rounds, ch.Round)
				}
				if it.Outcome != w.outcome || len(it.Checks) != w.checks || fmt.Sprint(rounds) != fmt.Sprint(w.rounds) {
					t.Errorf("case %d: outcome %q, checks %d rounds %v; want %q, %d %v", caseID, it.Outcome, len(it.Checks), rounds, w.outcome, w.checks, w.rounds)
				}
				c, err := s.Case(caseID)
				if err != nil {
					t.Fatal(err)
				}
				if c.Removal != it.Outcome || c.RemovalDetail != it.OutcomeDetail || !c.RemovalAt.Equal(it.OutcomeAt) {
					t.Errorf("case %d removal %q %q %v; item %q %q %v", caseID, c.Removal, c.RemovalDetail, c.RemovalAt, it.Outcome, it.OutcomeDetail, it.OutcomeAt)
				}
			}
			for _, ch := range st.checks {
				it := noticeItem(t, stored, ch.CaseID)
				last := it.Checks[len(it.Checks)-1]
				if !last.At.Equal(now) || last.Outcome != ch.Outcome || last.Detail != ch.Detail || last.Status != ch.Status || last.RelistedCase != ch.RelistedCase {
					t.Errorf("case %d check %+v, want %+v at %v", ch.CaseID, last, ch, now)
				}
				if ch.Outcome != casework.OutcomeFailed && (!it.OutcomeAt.Equal(now) || it.OutcomeDetail != ch.Detail || it.RelistedCase != ch.RelistedCase) {
					t.Errorf("case %d item %+v not updated from %+v", ch.CaseID, it, ch)
				}
			}
			e, _ := s.AuditEntries(AuditFilter{Limit: 1})
			if auditLen(t, s) != entries+1 || e[0].Action != "notice.check" || e[0].Actor != "system" || e[0].Object != fmt.Sprintf("notice:%d", id) ||
				!strings.HasPrefix(e[0].Detail, fmt.Sprintf("round %d: ", st.round)) {
				t.Errorf("audit entry %+v", e[0])
			}
			if st.wantStatus == casework.NoticeRemoved {
				ev := stored.History[len(stored.History)-1]
				if ev.From != casework.NoticeSent || ev.To != casework.NoticeRemoved || ev.By != "system" || !stored.ClosedAt.Equal(now) {
					t.Errorf("closing event %+v, closed at %v", ev, stored.ClosedAt)
				}
				if !strings.Contains(e[0].Detail, "notice removed") {
					t.Errorf("audit detail %q does not say the notice was removed", e[0].Detail)
				}
			}
		})
	}

	t.Run("explicit check time is kept", func(t *testing.T) {
		at := clock.Now().Add(-30 * time.Minute)
		n, err := s.RecordChecks(id, 0, "alice", []ItemCheck{{CaseID: c1, Outcome: casework.OutcomeRemoved, At: at}})
		if err != nil {
			t.Fatal(err)
		}
		if it := noticeItem(t, n, c1); !it.OutcomeAt.Equal(at) || !it.Checks[len(it.Checks)-1].At.Equal(at) {
			t.Errorf("check at %v, want %v", it.OutcomeAt, at)
		}
	})

	t.Run("acknowledged notice closes too; a draft does not", func(t *testing.T) {
		ca, a := takedownDraft(t, s, sweep, "https://r.example/ack", "平台乙", clock.Now())
		mustMove(t, s, a, approval(clock.Now()))
		mustMove(t, s, a, NoticeMove{To: casework.NoticeSent, By: "clerk", CheckAfter: []time.Duration{time.Hour}})
		mustMove(t, s, a, NoticeMove{To: casework.NoticeAcknowledged, By: "clerk"})
		// Round numbers past the schedule complete it and no more.
		n, err := s.RecordChecks(a, 5, "system", []ItemCheck{{CaseID: ca, Outcome: casework.OutcomeRelisted, RelistedCase: 7}})
		if err != nil || n.Status != casework.NoticeRemoved || n.ChecksDone != 1 || n.History[len(n.History)-1].From != casework.NoticeAcknowledged {
			t.Errorf("acknowledged notice after all relisted: %+v, %v", n, err)
		}

		cd, d := takedownDraft(t, s, sweep, "https://r.example/draft", "平台丙", clock.Now())
		n, err = s.RecordChecks(d, 0, "alice", []ItemCheck{{CaseID: cd, Outcome: casework.OutcomeRemoved}})
		if err != nil || n.Status != casework.NoticeDraft {
			t.Errorf("draft after all removed: %+v, %v; want still a draft", n, err)
		}
	})

	t.Run("unknown notice", func(t *testing.T) {
		if _, err := s.RecordChecks(999, 1, "system", nil); !errors.Is(err, ErrNotFound) {
			t.Errorf("RecordChecks(999): %v, want ErrNotFound", err)
		}
	})
}

func TestRelisted(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	t0 := clock.Now()
	const phone = "13812345678"

	record := func(url, content, finding string, at time.Time) uint64 {
		t.Helper()
		o := observation(sweep, url, content, at)
		o.FrontierURL = ""
		o.Finding = []byte(finding)
		// The sweep indexes the finding's personal contacts.
		var f struct{ Contacts []CaseContact }
		if json.Unmarshal(o.Finding, &f) == nil {
			o.Contacts = f.Contacts
		}
		res, err := s.Record(o)
		if err != nil {
			t.Fatal(err)
		}
		return res.CaseID
	}
	contacts := func(vals ...string) string {
		var parts []string
		for _, v := range vals {
			parts = append(parts, fmt.Sprintf(`{"kind":"phone","value":%q}`, v))
		}
		return `{"score":0.9,"contacts":[` + strings.Join(parts, ",") + `]}`
	}

	old := record("https://x.example/old", "旧帖 出售安全员证", contacts(phone, "wx_old"), t0.Add(-time.Hour))
	orig := record("https://x.example/orig", "出售安全员证 包过", contacts(phone, "wx_orig"), t0)
	takedown := t0.Add(24 * time.Hour)
	byPhone := record("https://y.example/a", "换了说法 卖证", contacts("qq_999", phone), takedown.Add(time.Hour))
	byText := record("https://z.example/b", "出售安全员证 包过", `{"score":0.8}`, takedown.Add(2*time.Hour))
	other := record("https://w.example/c", "别的卖家", contacts("13900000000", ""), takedown.Add(3*time.Hour))
	atSince := record("https://v.example/d", "整点发布", contacts("wx_exact"), takedown)
	record("https://u.example/e", "坏的发现", `{"contacts":"not a list"}`, takedown.Add(4*time.Hour))
	// The same digits as a QQ number are another contact.
	record("https://q.example/f", "QQ 同号", `{"contacts":[{"kind":"qq","value":"13800000001"}]}`, takedown.Add(5*time.Hour))
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return indexContacts(tx, orig, []CaseContact{{"phone", "13800000001"}})
	}); err != nil {
		t.Fatal(err)
	}

	origKey, err := s.CaseContentKey(orig)
	if err != nil || origKey == "" {
		t.Fatalf("CaseContentKey = %q, %v", origKey, err)
	}
	if _, err := s.CaseContentKey(999); !errors.Is(err, ErrNotFound) {
		t.Errorf("CaseContentKey(999): %v", err)
	}

	tests := []struct {
		name       string
		caseID     uint64
		contacts   []string
		contentKey string
		since      time.Time
		want       uint64
	}{
		{"shared phone", orig, []string{phone}, "", takedown, byPhone},
		{"same content key", orig, nil, origKey, takedown, byText},
		{"both: the newest", orig, []string{phone}, origKey, takedown, byText},
		{"phone among others", orig, []string{"nobody", phone, ""}, "", takedown, byPhone},
		{"no match", orig, []string{"18800000000"}, "no-such-key", takedown, 0},
		{"nothing to look for", orig, nil, "", takedown, 0},
		{"empty contact matches no empty value", orig, []string{""}, "", takedown, 0},
		{"older case ignored", orig, []string{"wx_old"}, "", takedown, 0},
		{"older case found when since is earlier", orig, []string{"wx_old"}, "", t0.Add(-2 * time.Hour), old},
		{"the case itself ignored", orig, []string{"wx_orig"}, origKey, t0.Add(-2 * time.Hour), byText},
		{"the case itself only", orig, []string{"wx_orig"}, "", t0.Add(-2 * time.Hour), 0},
		{"first seen exactly at since", orig, []string{"wx_exact"}, "", takedown, atSince},
		{"first seen a moment before since", orig, []string{"wx_exact"}, "", takedown.Add(time.Nanosecond), 0},
		{"other seller", orig, []string{"13900000000"}, "", takedown, other},
		{"from the relisted case's side", byPhone, []string{phone}, "", t0.Add(-2 * time.Hour), orig},
		{"same digits, another kind", orig, []string{"13800000001"}, "", takedown, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cs []CaseContact
			for _, v := range tt.contacts {
				cs = append(cs, CaseContact{Kind: "phone", Value: v})
			}
			got, err := s.Relisted(tt.caseID, cs, tt.contentKey, tt.since)
			if err != nil || got != tt.want {
				t.Errorf("Relisted(%d, %q, %.8s, %v) = %d, %v; want %d", tt.caseID, tt.contacts, tt.contentKey, tt.since, got, err, tt.want)
			}
		})
	}
}

package store

import (
	"errors"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// TestWithdrawConfirmation: a confirmation can be taken back while its
// notice is a draft; the case leaves the draft (an emptied draft goes
// away), and once the notice is signed off it cannot.
func TestWithdrawConfirmation(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	a := flagCase(t, s, sweep, "https://a.example/1", "x", clock.Now())
	b := flagCase(t, s, sweep, "https://a.example/2", "y", clock.Now())
	c := flagCase(t, s, sweep, "https://a.example/3", "z", clock.Now())
	confirm := func(id uint64) uint64 {
		_, d := mustDecide(t, s, Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "wang"})
		return d.NoticeID
	}
	n1 := confirm(a)
	if confirm(b) != n1 {
		t.Fatal("two cases for one recipient are in two drafts")
	}
	if _, _, err := s.Decide(Decision{CaseID: a, Action: casework.ActionWithdraw, By: "wang"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("withdraw without a reason: %v, want ErrInvalid", err)
	}
	got, d := mustDecide(t, s, Decision{CaseID: a, Action: casework.ActionWithdraw, Note: "点错了", By: "wang"})
	if got.Status != casework.CaseOpen || got.NoticeID != 0 || got.Route != "" || d.NoticeID != n1 || d.From != casework.CaseConfirmed {
		t.Errorf("after withdraw: %+v, decision %+v", got, d)
	}
	n, err := s.Notice(n1)
	if err != nil || len(n.Items) != 1 || n.Items[0].CaseID != b {
		t.Fatalf("draft after withdraw: %+v %v", n, err)
	}
	// Withdrawing the last case removes the draft; the next confirmation
	// starts a new one.
	mustDecide(t, s, Decision{CaseID: b, Action: casework.ActionWithdraw, Note: "重复", By: "wang"})
	if _, err := s.Notice(n1); !errors.Is(err, ErrNotFound) {
		t.Errorf("emptied draft still there: %v", err)
	}
	n2 := confirm(a)
	if n2 == n1 {
		t.Error("a new confirmation went into the deleted draft")
	}
	// Signed off: no more withdrawing.
	if _, err := s.MoveNotice(n2, NoticeMove{To: casework.NoticeApproved, By: "shen", Number: "网信函〔2026〕1号", Deadline: clock.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Decide(Decision{CaseID: a, Action: casework.ActionWithdraw, Note: "晚了", By: "wang"}); !errors.Is(err, ErrConflict) {
		t.Errorf("withdraw from a signed-off notice: %v, want ErrConflict", err)
	}
	if got, _ := s.Case(a); got.Status != casework.CaseConfirmed || got.NoticeID != n2 {
		t.Errorf("a refused withdraw changed the case: %+v", got)
	}
	// A referral waiting for approval can be withdrawn too.
	mustDecide(t, s, Decision{CaseID: c, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "wang"})
	if got, _ := mustDecide(t, s, Decision{CaseID: c, Action: casework.ActionWithdraw, Note: "证据不足", By: "wang"}); got.Status != casework.CaseOpen {
		t.Errorf("withdrawn referral: %+v", got)
	}
	// Open or dismissed cases have nothing to withdraw.
	if _, _, err := s.Decide(Decision{CaseID: c, Action: casework.ActionWithdraw, Note: "x", By: "wang"}); !errors.Is(err, ErrConflict) {
		t.Errorf("withdraw an open case: %v, want ErrConflict", err)
	}
	if rep, _ := s.VerifyAudit(); !rep.OK() {
		t.Errorf("audit: %v", rep.Problems)
	}
}

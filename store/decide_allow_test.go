package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// TestDecideAllow: the caller's check on the case runs inside the
// transaction against the case as it is then (not as the caller read it),
// and its refusal changes nothing, not even the audit log. A confirmation
// never records a dismissal reason.
func TestDecideAllow(t *testing.T) {
	s, _ := openTest(t)
	sweep := startSweep(t, s)
	id := flagCase(t, s, sweep, "https://allow.example/a", "a", time.Now())

	// Someone proposes a referral after the caller read the case as open.
	mustDecide(t, s, Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "公安", By: "alice"})
	refusal := errors.New("only an approver may dismiss a pending referral")
	var seen casework.CaseStatus
	before := auditLen(t, s)
	_, _, err := s.Decide(Decision{CaseID: id, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "bob",
		Allow: func(c *Case) error {
			seen = c.Status
			if c.Status == casework.CasePendingApproval {
				return refusal
			}
			return nil
		}})
	if !errors.Is(err, refusal) {
		t.Fatalf("Decide = %v, want the refusal", err)
	}
	if seen != casework.CasePendingApproval {
		t.Errorf("Allow saw %q, want the current status", seen)
	}
	c, err := s.Case(id)
	if err != nil || c.Status != casework.CasePendingApproval || c.DecidedBy != "alice" {
		t.Errorf("case after a refused decision: %+v (%v)", c, err)
	}
	if ds, _ := s.Decisions(id); len(ds) != 1 {
		t.Errorf("%d decisions, want 1", len(ds))
	}
	if n := auditLen(t, s); n != before {
		t.Errorf("audit log grew from %d to %d on a refusal", before, n)
	}

	// A confirmation sent with a reason (a form's leftover field).
	other := flagCase(t, s, sweep, "https://allow.example/b", "b", time.Now())
	_, dec := mustDecide(t, s, Decision{CaseID: other, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台",
		Reason: casework.DismissDuplicate, By: "alice"})
	if dec.Reason != "" {
		t.Errorf("confirmation recorded reason %q", dec.Reason)
	}
	es, err := s.AuditEntries(AuditFilter{ActionPrefix: "case.confirm", Object: "case:" + itoa(other)})
	if err != nil || len(es) != 1 || strings.Contains(es[0].Detail, "reason=") {
		t.Errorf("confirmation audit = %+v (%v)", es, err)
	}
}

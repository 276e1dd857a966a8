package store

import (
	"strings"
	"testing"
	"time"
)

// TestLoginStateExpiresAndBurstsClose: attempt records are dropped once
// expired, and a burst's further failures become one audit entry when it
// closes.
func TestLoginStateExpiresAndBurstsClose(t *testing.T) {
	s, clock := openTest(t)
	t0 := clock.Now()
	fail := func(at time.Time, n int) {
		t.Helper()
		err := s.RecordLoginFailure(LoginFailure{User: "cac", Addr: "192.0.2.1", Reason: "wrong password", At: at,
			Window: 15 * time.Minute, Attempts: map[string]LoginAttempts{
				"ip:192.0.2.1": {Failures: n, First: t0, Last: at, Expires: t0.Add(15 * time.Minute)}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	fail(t0, 1)
	fail(t0.Add(time.Minute), 2)
	fail(t0.Add(2*time.Minute), 3)
	recs, known, err := s.LoginState("cac", t0, "ip:192.0.2.1", "user:cac")
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Failures != 3 || recs[1].Failures != 0 || len(known) != 0 {
		t.Fatalf("state %+v, known %v", recs, known)
	}
	next, err := s.FlushLoginBursts(t0.Add(10*time.Minute), false, map[string]RefusedLogins{
		BurstKey("cac", "192.0.2.1"): {N: 4, Last: t0.Add(3 * time.Minute)}})
	if err != nil {
		t.Fatal(err)
	}
	if !next.Equal(t0.Add(15 * time.Minute)) {
		t.Errorf("next close %v, want %v", next, t0.Add(15*time.Minute))
	}
	if n := auditLen(t, s); n != 1 {
		t.Fatalf("%d audit entries while the burst is open, want 1", n)
	}
	if _, err := s.FlushLoginBursts(t0.Add(16*time.Minute), false, nil); err != nil {
		t.Fatal(err)
	}
	ents, err := s.AuditEntries(AuditFilter{ActionPrefix: "login.failed"})
	if err != nil {
		t.Fatal(err)
	}
	want := "6 more failed sign-ins for cac from 192.0.2.1 between " + t0.UTC().Format(time.RFC3339) + " and " + t0.Add(3*time.Minute).UTC().Format(time.RFC3339)
	if len(ents) != 2 || ents[0].Action != "login.failed.repeated" || !strings.HasPrefix(ents[0].Detail, want) ||
		!strings.Contains(ents[0].Detail, "2 checked (wrong password ×2); 4 refused unchecked") {
		t.Fatalf("audit %+v, want one entry for the burst's further 2 failures and 4 refusals", ents)
	}
	recs, _, err = s.LoginState("cac", t0, "ip:192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Failures != 0 {
		t.Errorf("expired record kept: %+v", recs[0])
	}
	// A sign-in remembers the address and clears the keys it is given.
	fail(t0.Add(20*time.Minute), 1)
	if err := s.LoginSucceeded("cac", "192.0.2.1", t0.Add(21*time.Minute), RefusedLogins{}, "ip:192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	recs, known, err = s.LoginState("cac", t0, "ip:192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Failures != 0 || len(known) != 1 || known[0] != "192.0.2.1" {
		t.Errorf("after the sign-in: %+v, known %v", recs, known)
	}
}

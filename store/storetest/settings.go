package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testLogins: the sign-in throttle's records are kept per key, read back
// as written (lockouts included), the first failure of a burst audited at
// once and the rest when the burst closes, and a sign-in clears the keys
// it is given and remembers the address.
func testLogins(t *testing.T, b Backend) {
	t0 := time.Now().UTC().Truncate(time.Second)
	const ipKey, userKey, otherKey = "ip:192.0.2.1", "user:cac", "user:other"
	recs, known, err := b.LoginState("cac", t0.Add(-time.Hour), ipKey, userKey)
	if err != nil || len(recs) != 2 || recs[0].Failures != 0 || recs[1].Failures != 0 || len(known) != 0 {
		t.Fatalf("LoginState on an empty store = %+v, %v, %v; want two zero records", recs, known, err)
	}
	head := auditHead(t, b)
	fail := func(at time.Time, n int, until time.Time) {
		t.Helper()
		a := store.LoginAttempts{Failures: n, First: t0, Last: at, Until: until, Expires: t0.Add(time.Hour)}
		err := b.RecordLoginFailure(store.LoginFailure{User: "cac", Addr: "192.0.2.1", Reason: "wrong password", At: at,
			Window: 30 * time.Minute, Attempts: map[string]store.LoginAttempts{ipKey: a, userKey: a}})
		if err != nil {
			t.Fatalf("RecordLoginFailure(%d): %v", n, err)
		}
	}
	fail(t0, 1, time.Time{})
	ents, err := b.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil || len(ents) != 1 || ents[0].Action != "login.failed" || ents[0].Actor != "cac" || ents[0].Seq != head+1 {
		t.Fatalf("audit after the first failure = %+v, %v; want one login.failed by cac", ents, err)
	}
	lockout := t0.Add(15 * time.Minute)
	fail(t0.Add(time.Minute), 2, time.Time{})
	fail(t0.Add(2*time.Minute), 3, lockout)
	recs, _, err = b.LoginState("cac", t0.Add(-time.Hour), ipKey, otherKey, userKey)
	if err != nil || len(recs) != 3 {
		t.Fatalf("LoginState = %+v, %v", recs, err)
	}
	if recs[0].Failures != 3 || !recs[0].Until.Equal(lockout) || !recs[0].Last.Equal(t0.Add(2*time.Minute)) || !recs[0].First.Equal(t0) {
		t.Errorf("address record %+v; want 3 failures, locked out until %v", recs[0], lockout)
	}
	if recs[1].Failures != 0 || !recs[1].Until.IsZero() {
		t.Errorf("another account's record %+v; want none", recs[1])
	}
	if recs[2].Failures != 3 || !recs[2].Until.Equal(lockout) {
		t.Errorf("account record %+v; want 3 failures, locked out until %v", recs[2], lockout)
	}
	if ents, _ := b.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"}); len(ents) != 1 {
		t.Errorf("%d login.failed* entries while the burst is open, want 1", len(ents))
	}
	if _, err := b.FlushLoginBursts(t0.Add(3*time.Minute), true, map[string]store.RefusedLogins{
		store.BurstKey("cac", "192.0.2.1"): {N: 4, Last: t0.Add(3 * time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	ents, err = b.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil || len(ents) != 2 || ents[0].Action != "login.failed.repeated" ||
		!strings.Contains(ents[0].Detail, "6 more failed sign-ins for cac from 192.0.2.1") ||
		!strings.Contains(ents[0].Detail, "2 checked (wrong password ×2); 4 refused unchecked") {
		t.Fatalf("audit after the flush = %+v, %v; want the burst's 2 failures and 4 refusals in one entry", ents, err)
	}
	if err := b.LoginSucceeded("cac", "192.0.2.1", t0.Add(20*time.Minute), store.RefusedLogins{}, ipKey, userKey); err != nil {
		t.Fatal(err)
	}
	recs, known, err = b.LoginState("cac", t0, ipKey, userKey)
	if err != nil || recs[0].Failures != 0 || !recs[0].Until.IsZero() || recs[1].Failures != 0 || len(known) != 1 || known[0] != "192.0.2.1" {
		t.Errorf("after the sign-in: %+v, known %v, %v; want cleared records and the address known", recs, known, err)
	}
	if _, known, _ := b.LoginState("cac", t0.Add(time.Hour), ipKey); len(known) != 0 {
		t.Errorf("addresses known since after the sign-in: %v, want none", known)
	}
	checkChain(t, b)
}

// testModelChannels: channel switches are validated, read back sorted by
// category with the latest switch winning, and each one audited.
func testModelChannels(t *testing.T, b Backend) {
	if chs, err := b.ModelChannels(); err != nil || len(chs) != 0 {
		t.Fatalf("a new store has switches: %+v, %v", chs, err)
	}
	for _, tc := range []struct{ actor, category string }{{"", "exam_fraud"}, {"alice", ""}, {"alice", "Exam Fraud"}, {"alice", strings.Repeat("x", 65)}} {
		if err := b.SetModelChannel(tc.actor, tc.category, false); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("SetModelChannel(%q, %q): %v, want ErrInvalid", tc.actor, tc.category, err)
		}
	}
	head := auditHead(t, b)
	for _, s := range []struct {
		by, category string
		on           bool
	}{{"alice", "exam_fraud", true}, {"bob", "exam_fraud", false}, {"alice", "cert_sale", false}, {"carol", "cert_sale", true}} {
		if err := b.SetModelChannel(s.by, s.category, s.on); err != nil {
			t.Fatalf("SetModelChannel(%s, %s, %v): %v", s.by, s.category, s.on, err)
		}
	}
	chs, err := b.ModelChannels()
	if err != nil || len(chs) != 2 || chs[0].Category != "cert_sale" || !chs[0].On || chs[0].By != "carol" || chs[0].At.IsZero() ||
		chs[1].Category != "exam_fraud" || chs[1].On || chs[1].By != "bob" {
		t.Fatalf("switches %+v, %v; want cert_sale on by carol, exam_fraud off by bob", chs, err)
	}
	es, err := b.AuditEntries(store.AuditFilter{ActionPrefix: "model.channel"})
	if err != nil || len(es) != 4 || auditHead(t, b) != head+4 {
		t.Fatalf("audit %+v, %v; want 4 model.channel entries", es, err)
	}
	// Newest first: carol on, alice off, bob off, alice on.
	if es[2].Actor != "bob" || es[2].Detail != "model channel off; was on" || es[0].Actor != "carol" || es[0].Object == "" {
		t.Errorf("audit %+v", es)
	}
	checkChain(t, b)
}

// testActiveModel: a new store has no activated model (the embedded
// default is then in force).
func testActiveModel(t *testing.T, b Backend) {
	if am, err := b.ActiveModel(); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ActiveModel on a new store = %+v, %v; want ErrNotFound", am, err)
	}
}

// testLinkedCases: cases sharing a personal contact are linked both
// ways, by exactly the shared contacts; the same value under another kind
// links nothing; empty values are not indexed.
func testLinkedCases(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	record := func(url string, contacts ...store.CaseContact) uint64 {
		t.Helper()
		o := observation(sw, url, "出售电工证 "+url)
		o.Contacts = contacts
		res, err := b.Record(o)
		if err != nil {
			t.Fatalf("Record %s: %v", url, err)
		}
		return res.CaseID
	}
	wx := store.CaseContact{Kind: "wechat", Value: "seller-88"}
	phone := store.CaseContact{Kind: "phone", Value: "13900000001"}
	a := record("https://a.example/1", wx, phone)
	bb := record("https://b.example/2", wx)
	c := record("https://c.example/3", store.CaseContact{Kind: "qq", Value: "13900000001"})
	d := record("https://d.example/4", phone, store.CaseContact{Kind: "phone", Value: ""})
	record("https://a.example/1", wx) // recorded again: nothing new

	linked, err := b.LinkedCases(a)
	if err != nil {
		t.Fatal(err)
	}
	got := map[uint64][]store.CaseContact{}
	for _, l := range linked {
		got[l.CaseID] = l.Shared
		if l.CaseID == bb && (l.URL != "https://b.example/2" || l.Status != casework.CaseOpen || l.First.IsZero()) {
			t.Errorf("linked case fields %+v", l)
		}
	}
	if len(linked) != 2 || len(got[bb]) != 1 || got[bb][0] != wx || len(got[d]) != 1 || got[d][0] != phone {
		t.Fatalf("linked to %d: %+v; want %d by wechat and %d by phone", a, linked, bb, d)
	}
	for _, other := range []struct {
		id  uint64
		via store.CaseContact
	}{{bb, wx}, {d, phone}} {
		back, err := b.LinkedCases(other.id)
		if err != nil || len(back) != 1 || back[0].CaseID != a || len(back[0].Shared) != 1 || back[0].Shared[0] != other.via {
			t.Errorf("linked to %d: %+v, %v; want only %d by %v", other.id, back, err, a, other.via)
		}
	}
	if l, err := b.LinkedCases(c); err != nil || len(l) != 0 {
		t.Errorf("the QQ case is linked: %+v, %v", l, err)
	}
	if cs, err := b.CaseContacts(d); err != nil || len(cs) != 1 || cs[0] != phone {
		t.Errorf("contacts of %d: %+v, %v; want the phone only (empty values are not indexed)", d, cs, err)
	}
	if cs, err := b.CaseContacts(a); err != nil || len(cs) != 2 {
		t.Errorf("contacts of %d: %+v, %v; want 2", a, cs, err)
	}
	if cs, err := b.CaseContacts(d + 100); err != nil || len(cs) != 0 {
		t.Errorf("contacts of an unknown case: %+v, %v", cs, err)
	}
}

// testHealthy: a backend reports healthy when opened, after writes and
// after a restart.
func testHealthy(t *testing.T, b Backend) {
	if err := b.Healthy(); err != nil {
		t.Fatalf("Healthy on a new store: %v", err)
	}
	flagCase(t, b, startSweep(t, b), "https://forum.example/healthy", "出售安全员证")
	if err := b.Healthy(); err != nil {
		t.Fatalf("Healthy after a write: %v", err)
	}
	b = reopen(t, b)
	if err := b.Healthy(); err != nil {
		t.Errorf("Healthy after a restart: %v", err)
	}
	if cs, err := b.Cases(store.CaseFilter{}); err != nil || len(cs) != 1 {
		t.Errorf("after a restart: %d cases, %v; want 1", len(cs), err)
	}
}

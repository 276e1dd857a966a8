package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// checkChain reads the whole log and checks it is numbered 1..n without
// gaps, each entry's Prev the hash of the one before and its Hash
// store.AuditHash of its fields; it returns the entries oldest first.
func checkChain(t *testing.T, b Backend) []store.AuditEntry {
	t.Helper()
	entries, err := b.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatalf("AuditEntries: %v", err)
	}
	slices.Reverse(entries) // oldest first
	for i, e := range entries {
		if e.Seq != uint64(i+1) {
			t.Fatalf("entry %d has seq %d", i+1, e.Seq)
		}
		prev := ""
		if i > 0 {
			prev = entries[i-1].Hash
		}
		if e.Prev != prev || e.Hash != store.AuditHash(e) {
			t.Fatalf("entry %d: prev %.12s (want %.12s), hash %.12s (want %.12s)", e.Seq, e.Prev, prev, e.Hash, store.AuditHash(e))
		}
	}
	r, err := b.VerifyAudit()
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	if !r.OK() || r.Entries != len(entries) || r.HeadSeq != uint64(len(entries)) {
		t.Fatalf("VerifyAudit = %+v; want OK with %d entries", r, len(entries))
	}
	if len(entries) > 0 && r.HeadHash != entries[len(entries)-1].Hash {
		t.Fatalf("VerifyAudit head %.12s, want the last entry's %.12s", r.HeadHash, entries[len(entries)-1].Hash)
	}
	return entries
}

func testAuditChain(t *testing.T, b Backend) {
	if r, err := b.VerifyAudit(); err != nil || !r.OK() || r.Entries != 0 || r.HeadSeq != 0 {
		t.Fatalf("empty log: %+v, %v", r, err)
	}
	if _, err := b.Audit(store.AuditEntry{Action: "login"}); err == nil {
		t.Error("Audit accepted an entry without actor")
	}
	// Entries written directly and by decisions and notices share one chain.
	actors := []string{"alice", "bob", "cli:alice", "system"}
	for i := range 20 {
		if _, err := b.Audit(store.AuditEntry{Actor: actors[i%len(actors)], Action: "login",
			Object: fmt.Sprintf("user:%d", i%3), Detail: fmt.Sprintf("第%d次", i)}); err != nil {
			t.Fatal(err)
		}
	}
	sw := startSweep(t, b)
	id := flagCase(t, b, sw, "https://forum.example/audit", "出售安全员证")
	c := mustDecide(t, b, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"})
	mustMove(t, b, c.NoticeID, approval("bob", "网信函〔2024〕1号"))
	at := time.Date(2024, 11, 24, 16, 0, 0, 0, time.FixedZone("CST", 8*3600))
	forged, err := b.Audit(store.AuditEntry{Seq: 3, Prev: "forged", Hash: "forged", Actor: "cli:alice", Action: "evidence.export", Object: fmt.Sprintf("case:%d", id), At: at})
	if err != nil {
		t.Fatal(err)
	}
	entries := checkChain(t, b)
	total := len(entries)
	if total != 20+2+1 {
		t.Errorf("%d entries, want 23 (20 written, a decision, an approval)", total)
	}
	if forged.Seq != uint64(total) || forged.Hash != entries[total-1].Hash || !forged.At.Equal(at) {
		t.Errorf("Audit returned %+v; want seq %d, its own hash and the given time", forged, total)
	}

	count := func(f store.AuditFilter) []store.AuditEntry {
		t.Helper()
		got, err := b.AuditEntries(f)
		if err != nil {
			t.Fatalf("AuditEntries(%+v): %v", f, err)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Seq >= got[i-1].Seq {
				t.Fatalf("AuditEntries(%+v) not newest first: %d after %d", f, got[i].Seq, got[i-1].Seq)
			}
		}
		return got
	}
	if got := count(store.AuditFilter{Actor: "alice"}); len(got) != 5+1 {
		t.Errorf("entries by alice: %d, want 6", len(got))
	}
	if got := count(store.AuditFilter{ActionPrefix: "case."}); len(got) != 1 || got[0].Action != "case.confirm" {
		t.Errorf("case entries: %+v", got)
	}
	if got := count(store.AuditFilter{Object: fmt.Sprintf("case:%d", id)}); len(got) != 2 {
		t.Errorf("entries on case %d: %d, want 2", id, len(got))
	}
	if got := count(store.AuditFilter{Before: 10}); len(got) != 9 || got[0].Seq != 9 {
		t.Errorf("entries before 10: %d starting at %v", len(got), got)
	}
	if got := count(store.AuditFilter{Before: 10, Limit: 3, ActionPrefix: "login"}); len(got) != 3 || got[2].Seq != 7 {
		t.Errorf("3 logins before 10: %+v", got)
	}

	b = reopen(t, b)
	head := checkChain(t, b)[total-1]
	next, err := b.Audit(store.AuditEntry{Actor: "alice", Action: "logout"})
	if err != nil || next.Seq != head.Seq+1 || next.Prev != head.Hash {
		t.Fatalf("first entry after reopening = %+v, %v; want seq %d after %.12s", next, err, head.Seq+1, head.Hash)
	}
	checkChain(t, b)
}

func testAuditTamper(t *testing.T, b Backend) {
	tam, ok := b.(AuditTamperer)
	if !ok {
		t.Skip("the harness cannot change an audit entry behind the backend's back")
	}
	const mark, edit = "transfer to acct-1111", "transfer to acct-9999"
	var marked uint64
	for i := range 9 {
		detail := fmt.Sprintf("entry %d", i)
		if i == 4 {
			detail = mark
		}
		e, err := b.Audit(store.AuditEntry{Actor: "alice", Action: "evidence.export", Object: "case:1", Detail: detail})
		if err != nil {
			t.Fatal(err)
		}
		if i == 4 {
			marked = e.Seq
		}
	}
	checkChain(t, b)
	b = tam.TamperAudit(t, marked, mark, edit)
	got, err := b.AuditEntries(store.AuditFilter{Before: marked + 1, Limit: 1})
	if err != nil || len(got) != 1 || got[0].Detail != edit {
		t.Fatalf("entry %d after tampering: %+v, %v; the edit did not reach it", marked, got, err)
	}
	r, err := b.VerifyAudit()
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() {
		t.Fatalf("VerifyAudit = %+v after entry %d was changed; want a problem", r, marked)
	}
	named := false
	for _, p := range r.Problems {
		named = named || strings.Contains(p, fmt.Sprintf("entry %d ", marked))
	}
	if !named {
		t.Errorf("problems %q do not name entry %d", r.Problems, marked)
	}
}

func testOutbox(t *testing.T, b Backend) {
	msgs := []store.Message{
		{Kind: "webhook", Target: "http://127.0.0.1:1/hook", Payload: []byte(`{"n":1}`)},
		{Kind: "email", Target: "a@example.org", Subject: "巡查摘要", Payload: []byte(`{"n":2}`)},
		{Kind: "webhook", Target: "http://127.0.0.1:1/other", Payload: []byte(`{"n":3}`)},
	}
	if err := b.Enqueue(msgs...); err != nil {
		t.Fatal(err)
	}
	soon := time.Now().Add(time.Hour)
	due, err := b.DueMessages(soon, 0)
	if err != nil || len(due) != 3 {
		t.Fatalf("DueMessages = %+v, %v; want 3", due, err)
	}
	ids := map[string]uint64{}
	for _, m := range due {
		if m.ID == 0 || m.Attempts != 0 || m.Created.IsZero() {
			t.Errorf("queued message %+v", m)
		}
		ids[m.Target] = m.ID
	}
	later := soon.Add(24 * time.Hour)
	if err := b.MessageAttempt(ids["http://127.0.0.1:1/hook"], nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := b.MessageAttempt(ids["a@example.org"], errors.New("connection refused"), later); err != nil {
		t.Fatal(err)
	}
	if err := b.MessageAttempt(ids["http://127.0.0.1:1/other"], errors.New("410 gone"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if due, err := b.DueMessages(soon, 0); err != nil || len(due) != 0 {
		t.Errorf("due after the attempts: %+v, %v; want none (sent, retry later, gave up)", due, err)
	}
	due, err = b.DueMessages(later.Add(time.Minute), 0)
	if err != nil || len(due) != 1 || due[0].Target != "a@example.org" || due[0].Attempts != 1 || due[0].LastError != "connection refused" {
		t.Errorf("due at the retry: %+v, %v; want the email once more", due, err)
	}
	all, err := b.Messages(0)
	if err != nil || len(all) != 3 {
		t.Fatalf("Messages = %d, %v", len(all), err)
	}
	for _, m := range all {
		switch m.Target {
		case "http://127.0.0.1:1/hook":
			if m.Sent.IsZero() || m.GaveUp {
				t.Errorf("sent message %+v", m)
			}
		case "http://127.0.0.1:1/other":
			if !m.GaveUp || !m.Sent.IsZero() {
				t.Errorf("given-up message %+v", m)
			}
		}
	}
	if err := b.MessageAttempt(9999, nil, time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MessageAttempt of a missing message: %v, want ErrNotFound", err)
	}
}

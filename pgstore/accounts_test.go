package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

// twoServers opens two backends on one fresh database, each with its own
// pool: two serve processes behind a load balancer.
func twoServers(t *testing.T) (*pgBackend, *pgBackend) {
	t.Helper()
	url := pgstoretest.DB(t)
	blobs := dirBlobs(t, t.TempDir())
	return openPG(t, url, blobs), openPG(t, url, blobs)
}

func exec(t *testing.T, b *pgBackend, sql string, args ...any) int64 {
	t.Helper()
	tag, err := b.Store().Pool().Exec(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return tag.RowsAffected()
}

func mustAudit(t *testing.T, b *pgBackend, e store.AuditEntry) store.AuditEntry {
	t.Helper()
	got, err := b.Audit(e)
	if err != nil {
		t.Fatalf("Audit(%+v): %v", e, err)
	}
	return got
}

func verify(t *testing.T, b *pgBackend) *store.AuditReport {
	t.Helper()
	r, err := b.VerifyAudit()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAuditFilters: every AuditFilter field, a LIKE wildcard in a prefix
// taken literally, nanosecond times kept, and the chain continued after a
// reopen.
func TestAuditFilters(t *testing.T) {
	b, _ := twoServers(t)
	at := time.Date(2024, 11, 24, 16, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	first := mustAudit(t, b, store.AuditEntry{Seq: 9, Prev: "x", Hash: "y", Actor: "alice", Action: "login_x", Object: "user:alice", At: at})
	if first.Seq != 1 || first.Prev != "" || first.Hash != store.AuditHash(first) || !first.At.Equal(at) || first.At.Location() != time.UTC {
		t.Fatalf("first entry %+v", first)
	}
	for i := range 10 {
		mustAudit(t, b, store.AuditEntry{Actor: []string{"alice", "bob"}[i%2], Action: "loginx", Object: fmt.Sprintf("case:%d", i%3)})
	}
	got, err := b.AuditEntries(store.AuditFilter{ActionPrefix: "login_"})
	if err != nil || len(got) != 1 || got[0] != first {
		t.Fatalf("prefix login_: %+v, %v; want only the first entry, exactly as written", got, err)
	}
	got, _ = b.AuditEntries(store.AuditFilter{Actor: "bob", Object: "case:1", ActionPrefix: "login"})
	var seqs []uint64
	for _, e := range got {
		seqs = append(seqs, e.Seq)
	}
	// Entry i+2 is by bob when i is odd, on case:1 when i%3 == 1: i = 1, 7.
	if !slices.Equal(seqs, []uint64{9, 3}) {
		t.Errorf("bob on case:1: %v, want [9 3]", seqs)
	}
	got, _ = b.AuditEntries(store.AuditFilter{Before: 11, Limit: 2, Actor: "alice"})
	if len(got) != 2 || got[0].Seq != 10 || got[1].Seq != 8 {
		t.Errorf("2 by alice before 11: %+v", got)
	}
	if got, _ := b.AuditEntries(store.AuditFilter{Before: 1}); len(got) != 0 {
		t.Errorf("before 1: %+v", got)
	}
	b2 := b.Reopen(t).(*pgBackend)
	next := mustAudit(t, b2, store.AuditEntry{Actor: "alice", Action: "logout"})
	if next.Seq != 12 {
		t.Errorf("after reopening: seq %d, want 12", next.Seq)
	}
	if r := verify(t, b2); !r.OK() || r.Entries != 12 || r.HeadHash != next.Hash {
		t.Errorf("VerifyAudit = %+v", r)
	}
	if _, err := b2.Audit(store.AuditEntry{Actor: "a\x00b", Action: "login"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an actor with NUL: %v, want ErrInvalid", err)
	}
}

// TestAuditRemoved: a removed entry, a removed tail and a removed head
// record are each reported, and appending after a removed tail fails.
func TestAuditRemoved(t *testing.T) {
	b, other := twoServers(t)
	for i := range 8 {
		mustAudit(t, []*pgBackend{b, other}[i%2], store.AuditEntry{Actor: "alice", Action: "evidence.export", Detail: fmt.Sprint(i)})
	}
	exec(t, b, `DELETE FROM audit WHERE seq = 3`)
	r := verify(t, b)
	if r.OK() || !slices.ContainsFunc(r.Problems, func(p string) bool { return strings.Contains(p, "entry 3 is missing") }) {
		t.Errorf("a removed entry: %q", r.Problems)
	}
	exec(t, b, `DELETE FROM audit WHERE seq >= 7`)
	r = verify(t, b)
	if r.HeadSeq != 6 || !slices.ContainsFunc(r.Problems, func(p string) bool { return strings.Contains(p, "head record says entry 8") }) {
		t.Errorf("a removed tail: %+v", r)
	}
	if _, err := other.Audit(store.AuditEntry{Actor: "alice", Action: "login"}); err == nil || !strings.Contains(err.Error(), "entry 8 is missing") {
		t.Errorf("appending after a removed tail: %v", err)
	}
	exec(t, b, `DELETE FROM audit_head`)
	r = verify(t, b)
	if !slices.Contains(r.Problems, "the log's head record is missing") {
		t.Errorf("a removed head: %q", r.Problems)
	}
	if _, err := b.Audit(store.AuditEntry{Actor: "alice", Action: "login"}); err == nil {
		t.Error("appended without a head record")
	}
}

// TestAuditMovedFromBbolt: a log written by the bbolt store (nanosecond
// times) and copied row by row, as a mover would, verifies in PostgreSQL
// and goes on from there.
func TestAuditMovedFromBbolt(t *testing.T) {
	bolt, err := store.Open(filepath.Join(t.TempDir(), "cw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	for i := range 5 {
		if _, err := bolt.Audit(store.AuditEntry{Actor: "cli:root", Action: "user.add", Object: fmt.Sprintf("user:u%d", i), Detail: "审计"}); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := bolt.AuditEntries(store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if slices.IndexFunc(entries, func(e store.AuditEntry) bool { return e.At.Nanosecond()%1000 != 0 }) < 0 {
		t.Log("no bbolt entry has sub-microsecond digits; the copy is checked all the same")
	}
	b, _ := twoServers(t)
	for _, e := range entries {
		at := e.At.Truncate(time.Microsecond)
		exec(t, b, `INSERT INTO audit (seq, at, at_ns, actor, action, object, detail, prev, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			int64(e.Seq), at, e.At.Sub(at).Nanoseconds(), e.Actor, e.Action, e.Object, e.Detail, e.Prev, e.Hash)
	}
	exec(t, b, `UPDATE audit_head SET seq = $1, hash = $2`, int64(entries[0].Seq), entries[0].Hash)
	if r := verify(t, b); !r.OK() || r.Entries != 5 {
		t.Fatalf("moved log: %+v", r)
	}
	got, err := b.AuditEntries(store.AuditFilter{})
	if err != nil || !slices.Equal(got, entries) {
		t.Fatalf("moved entries differ:\n%+v\n%+v", got, entries)
	}
	next := mustAudit(t, b, store.AuditEntry{Actor: "alice", Action: "login"})
	if next.Seq != 6 || next.Prev != entries[0].Hash || !verify(t, b).OK() {
		t.Errorf("the first PostgreSQL entry %+v does not continue the chain", next)
	}
}

// TestSessionsAcrossServers: a session made by one server is seen by the
// other; logging out or disabling the account on one ends it on both.
func TestSessionsAcrossServers(t *testing.T) {
	a, b := twoServers(t)
	for _, name := range []string{"alice", "bob"} {
		if err := a.CreateUser("root", store.User{Name: name, Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: "h"}); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	for _, s := range []store.Session{
		{TokenHash: "t1", User: "alice", CSRF: "c1", Created: now, Expires: now.Add(time.Hour), Addr: "192.0.2.1"},
		{TokenHash: "t2", User: "bob", CSRF: "c2", Created: now, Expires: now.Add(time.Hour)},
	} {
		if err := a.CreateSession(s); err != nil {
			t.Fatal(err)
		}
	}
	if s, err := b.Session("t1"); err != nil || s.User != "alice" || s.Addr != "192.0.2.1" || !s.Expires.Equal(now.Add(time.Hour).Truncate(time.Microsecond)) {
		t.Fatalf("the other server's view of t1: %+v, %v", s, err)
	}
	if err := b.DeleteSession("t2"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Session("t2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("logged out on b, still in on a: %v", err)
	}
	pw := "new-hash"
	if _, err := b.UpdateUser("root", "alice", store.UserChange{PasswordHash: &pw}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Session("t1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("password changed on b, session still valid on a: %v", err)
	}
	if err := a.CreateSession(store.Session{TokenHash: "t3", User: "nobody", Expires: now.Add(time.Hour)}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a session of no account: %v, want ErrNotFound", err)
	}
	if err := a.CreateSession(store.Session{TokenHash: "old", User: "bob", Created: now.Add(-2 * time.Hour), Expires: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if n, err := b.PruneSessions(); err != nil || n != 1 {
		t.Errorf("PruneSessions = %d, %v; want the expired one", n, err)
	}
	us, err := b.Users()
	if err != nil || len(us) != 2 || us[0].Name != "alice" || us[0].PasswordHash != pw || us[0].PasswordSet.Before(us[0].Created) {
		t.Errorf("Users = %+v, %v", us, err)
	}
}

// TestLoginCountsAcrossServers: two servers that read the same record and
// each count a failure leave both failures counted, in a new window and
// in a running one.
func TestLoginCountsAcrossServers(t *testing.T) {
	a, b := twoServers(t)
	t0 := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	const key = "user:cac"
	record := func(s *pgBackend, at time.Time, rec store.LoginAttempts) {
		t.Helper()
		if err := s.RecordLoginFailure(store.LoginFailure{User: "cac", Addr: "192.0.2.9", Reason: "wrong password", At: at,
			Window: 15 * time.Minute, Attempts: map[string]store.LoginAttempts{key: rec}}); err != nil {
			t.Fatal(err)
		}
	}
	state := func() store.LoginAttempts {
		t.Helper()
		recs, _, err := a.LoginState("cac", t0, key)
		if err != nil {
			t.Fatal(err)
		}
		return recs[0]
	}
	// Both read no record and start a window a second apart.
	record(a, t0, store.LoginAttempts{Failures: 1, First: t0, Last: t0, Expires: t0.Add(15 * time.Minute)})
	t1 := t0.Add(time.Second)
	record(b, t1, store.LoginAttempts{Failures: 1, First: t1, Last: t1, Expires: t1.Add(15 * time.Minute)})
	if r := state(); r.Failures != 2 || !r.First.Equal(t0) || !r.Last.Equal(t1) || !r.Expires.Equal(t1.Add(15*time.Minute)) {
		t.Fatalf("after two concurrent first failures: %+v; want 2 in the window from %v", r, t0)
	}
	// Both read 2 and write 3; b's write also locks.
	t2, lock := t0.Add(time.Minute), t0.Add(time.Hour)
	record(a, t2, store.LoginAttempts{Failures: 3, First: t0, Last: t2, Expires: t0.Add(15 * time.Minute)})
	record(b, t2, store.LoginAttempts{Failures: 3, First: t0, Last: t2, Until: lock, Expires: lock})
	if r := state(); r.Failures != 4 || !r.Until.Equal(lock) || !r.Expires.Equal(lock) {
		t.Fatalf("after two concurrent third failures: %+v; want 4, locked until %v", r, lock)
	}
	// A sequential writer's record is taken as given, a new window too.
	t3 := t0.Add(2 * time.Hour)
	record(a, t3, store.LoginAttempts{Failures: 1, First: t3, Last: t3, Expires: t3.Add(15 * time.Minute)})
	if r := state(); r.Failures != 1 || !r.First.Equal(t3) || !r.Until.IsZero() {
		t.Fatalf("a new window: %+v", r)
	}
	// The first burst was opened once and held the next three failures;
	// the failure two hours later closed it and opened another.
	es, err := a.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil || len(es) != 3 || es[0].Action != "login.failed" || es[2].Action != "login.failed" ||
		!strings.Contains(es[1].Detail, "3 more failed sign-ins for cac") {
		t.Errorf("audit %+v, %v; want login.failed, 3 more, login.failed", es, err)
	}
}

// TestLoginBurstsAcrossServers: bursts flushed by two servers at once are
// audited once; refused counts of a burst no one opened are audited on
// their own; odd names are kept; the known addresses are bounded.
func TestLoginBurstsAcrossServers(t *testing.T) {
	a, b := twoServers(t)
	t0 := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	const users = 30
	for i := range users {
		for j, s := range []*pgBackend{a, b} {
			at := t0.Add(time.Duration(j) * time.Second)
			if err := s.RecordLoginFailure(store.LoginFailure{User: fmt.Sprintf("u%02d", i), Addr: "198.51.100.7", Reason: "no such account",
				At: at, Window: 15 * time.Minute}); err != nil {
				t.Fatal(err)
			}
		}
	}
	odd := "ev\x00e\xff"
	if err := a.RecordLoginFailure(store.LoginFailure{User: odd, Addr: "198.51.100.8", Reason: "wrong password", At: t0,
		Window: 15 * time.Minute, Attempts: map[string]store.LoginAttempts{"user:" + odd: {Failures: 1, First: t0, Last: t0}}}); err != nil {
		t.Fatalf("a name with NUL and invalid UTF-8: %v", err)
	}
	if recs, _, err := b.LoginState(odd, t0, "user:"+odd); err != nil || recs[0].Failures != 1 {
		t.Errorf("LoginState of the odd name: %+v, %v", recs, err)
	}
	next, err := a.FlushLoginBursts(t0.Add(time.Minute), false, nil)
	if err != nil || !next.Equal(t0.Add(15*time.Minute)) {
		t.Errorf("nothing closed yet: next %v, %v; want %v", next, err, t0.Add(15*time.Minute))
	}
	// Each server counted refused attempts of an address no burst is open
	// for: each count is audited on its own.
	refused := map[string]store.RefusedLogins{store.BurstKey("ghost", "203.0.113.1"): {N: 2, Last: t0.Add(time.Minute)}}
	var wg sync.WaitGroup
	for _, s := range []*pgBackend{a, b} {
		wg.Go(func() {
			if _, err := s.FlushLoginBursts(t0.Add(time.Hour), false, refused); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	es, err := a.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed.repeated"})
	if err != nil {
		t.Fatal(err)
	}
	byUser := map[string]int{}
	for _, e := range es {
		byUser[e.Actor]++
		if e.Actor != "ghost" && !strings.Contains(e.Detail, "1 more failed sign-ins for "+e.Actor+" from 198.51.100.7") {
			t.Errorf("%s's burst: %q", e.Actor, e.Detail)
		}
	}
	if len(es) != users+2 || byUser["ghost"] != 2 || byUser["u05"] != 1 || byUser["ev\uFFFDe\uFFFD"] != 0 {
		t.Errorf("%d repeated entries %v; want one per burst with a further failure and ghost's two", len(es), byUser)
	}
	if r := verify(t, a); !r.OK() {
		t.Errorf("chain: %q", r.Problems)
	}
	for i := range 12 {
		if err := b.LoginSucceeded("cac", fmt.Sprintf("10.0.0.%d", i), t0.Add(time.Duration(i)*time.Minute), store.RefusedLogins{}); err != nil {
			t.Fatal(err)
		}
	}
	_, known, err := a.LoginState("cac", t0)
	if err != nil || len(known) != 10 || known[0] != "10.0.0.11" || known[9] != "10.0.0.2" {
		t.Errorf("known addresses %v, %v; want the newest 10, newest first", known, err)
	}
	if n := exec(t, a, `SELECT FROM known_addrs`); n != 10 {
		t.Errorf("%d known address rows, want 10", n)
	}
}

// TestModelChannelRace: two servers switching the same channel on at
// once: one wins, the other gets ErrConflict, one audit entry.
func TestModelChannelRace(t *testing.T) {
	a, b := twoServers(t)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, s := range []*pgBackend{a, b} {
		wg.Go(func() { errs[i] = s.SetModelChannel(fmt.Sprintf("user%d", i), "exam_fraud", true) })
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) || !errors.Is(errors.Join(errs...), store.ErrConflict) {
		t.Errorf("concurrent switches: %v; want one success and one ErrConflict", errs)
	}
	if es, _ := a.AuditEntries(store.AuditFilter{ActionPrefix: "model.channel"}); len(es) != 1 || es[0].Detail != "model channel on" {
		t.Errorf("audit %+v", es)
	}
}

// TestActiveModel: the newest model activation is in force with its
// content; content that does not match its hash is refused; a
// deactivation ends it.
func TestActiveModelRows(t *testing.T) {
	b, _ := twoServers(t)
	const sum = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" // sha256("hello")
	exec(t, b, `INSERT INTO activations (kind, seq, file, version, sha256, size, actor, at, content)
		VALUES ('pack', 1, 'p.yaml', 'p@1', 'x', 1, 'alice', now(), 'p'),
		       ('model', 1, 'm.json', 'm@1', $1, 5, 'alice', now(), 'hello')`, sum)
	am, err := b.ActiveModel()
	if err != nil || am.Version != "m@1" || string(am.Content) != "hello" || am.Size != 5 || am.By != "alice" || am.Seq != 1 {
		t.Fatalf("ActiveModel = %+v, %v", am, err)
	}
	exec(t, b, `UPDATE activations SET content = 'jello' WHERE kind = 'model'`)
	if _, err := b.ActiveModel(); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("changed content: %v", err)
	}
	exec(t, b, `INSERT INTO activations (kind, seq, actor, at, deactivated) VALUES ('model', 2, 'bob', now(), true)`)
	if _, err := b.ActiveModel(); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after a deactivation: %v, want ErrNotFound", err)
	}
}

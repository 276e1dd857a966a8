package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// populateAudit writes a log through every kind of writer: accounts,
// decisions, notice moves, removal checks and plain Audit calls; mark, when
// not empty, is written with Audit in the middle. It returns the number of
// entries and mark's entry.
func populateAudit(t testing.TB, s *Store, clock *fakeClock, mark AuditEntry) (total int, marked AuditEntry) {
	t.Helper()
	tick := func() { clock.Add(time.Minute) }
	for i, name := range []string{"alice", "bob"} {
		tick()
		if err := s.CreateUser("root", User{Name: name, Roles: []casework.Role{casework.RoleReviewerCAC, casework.RoleApprover}, PasswordHash: testHash(i)}); err != nil {
			t.Fatal(err)
		}
	}
	sweep := startSweep(t, s)
	var cases []uint64
	for i := range 4 {
		cases = append(cases, flagCase(t, s, sweep, fmt.Sprintf("https://audit.example/%d", i), fmt.Sprintf("出售安全员证 %d", i), clock.Now()))
	}
	for _, d := range []Decision{
		{CaseID: cases[0], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice"},
		{CaseID: cases[1], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "alice", Note: "同一卖家"},
		{CaseID: cases[2], Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "市公安局", By: "alice"},
		{CaseID: cases[2], Action: casework.ActionApprove, By: "bob"},
		{CaseID: cases[3], Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "bob"},
		{CaseID: cases[3], Action: casework.ActionReopen, By: "alice"},
	} {
		tick()
		mustDecide(t, s, d)
	}
	c, _ := s.Case(cases[0])
	for _, m := range []NoticeMove{
		approval(clock.Now()),
		{To: casework.NoticeSent, By: "alice", CheckAfter: []time.Duration{time.Hour}},
		{To: casework.NoticeAcknowledged, By: "alice", Note: "平台已签收"},
	} {
		tick()
		mustMove(t, s, c.NoticeID, m)
	}
	tick()
	if _, err := s.RecordChecks(c.NoticeID, 1, "system", []ItemCheck{{CaseID: cases[0], Outcome: casework.OutcomeLive}}); err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		tick()
		if i == 20 && mark.Action != "" {
			var err error
			if marked, err = s.Audit(mark); err != nil {
				t.Fatal(err)
			}
			continue
		}
		actor, action := "alice", "login"
		if i%3 == 1 {
			actor, action = "bob", "evidence.export"
		} else if i%3 == 2 {
			actor, action = "cli:root", "login.failed"
		}
		if _, err := s.Audit(AuditEntry{Actor: actor, Action: action, Object: fmt.Sprintf("case:%d", i%4+1), Detail: fmt.Sprintf("from 10.0.0.%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	return auditLen(t, s), marked
}

func TestAuditChain(t *testing.T) {
	s, clock := openTest(t)
	if r, err := s.VerifyAudit(); err != nil || !r.OK() || r.Entries != 0 || r.HeadSeq != 0 {
		t.Fatalf("empty log: %+v, %v", r, err)
	}
	total, _ := populateAudit(t, s, clock, AuditEntry{})
	if total != 2+6+3+1+40 {
		t.Fatalf("%d entries, want 52", total)
	}
	entries, err := s.AuditEntries(AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(entries) // oldest first
	actions := map[string]bool{}
	for i, e := range entries {
		actions[e.Action] = true
		if e.Seq != uint64(i+1) {
			t.Errorf("entry %d has seq %d", i+1, e.Seq)
		}
		wantPrev := ""
		if i > 0 {
			wantPrev = entries[i-1].Hash
		}
		if e.Prev != wantPrev {
			t.Errorf("entry %d: prev %.12s, want the previous hash %.12s", e.Seq, e.Prev, wantPrev)
		}
		if len(e.Hash) != 64 || e.Hash != auditHash(&e) {
			t.Errorf("entry %d: hash %s does not match its fields", e.Seq, e.Hash)
		}
		if i > 0 && e.At.Before(entries[i-1].At) || e.At.Location() != time.UTC {
			t.Errorf("entry %d at %v", e.Seq, e.At)
		}
	}
	for _, a := range []string{"user.add", "case.confirm", "case.approve", "case.dismiss", "case.reopen",
		"notice.approved", "notice.sent", "notice.acknowledged", "notice.check", "login", "evidence.export"} {
		if !actions[a] {
			t.Errorf("no %s entry", a)
		}
	}
	r, err := s.VerifyAudit()
	if err != nil {
		t.Fatal(err)
	}
	last := entries[len(entries)-1]
	if !r.OK() || r.Entries != total || r.HeadSeq != uint64(total) || r.HeadHash != last.Hash {
		t.Errorf("VerifyAudit = %+v; want OK with %d entries ending at %.12s", r, total, last.Hash)
	}

	t.Run("Audit fills in seq, time and chain", func(t *testing.T) {
		clock.Add(time.Second)
		e, err := s.Audit(AuditEntry{Seq: 7, Actor: "cli:alice", Action: "evidence.export", Object: "case:1",
			Prev: "forged", Hash: "forged", At: time.Date(2024, 11, 24, 16, 0, 0, 0, time.FixedZone("CST", 8*3600))})
		if err != nil {
			t.Fatal(err)
		}
		if e.Seq != uint64(total+1) || e.Prev != last.Hash || e.Hash != auditHash(&e) || e.At.Location() != time.UTC ||
			!e.At.Equal(time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("Audit = %+v", e)
		}
		e2, err := s.Audit(AuditEntry{Actor: "alice", Action: "login"})
		if err != nil || !e2.At.Equal(clock.Now()) || e2.Prev != e.Hash {
			t.Errorf("Audit without a time = %+v, %v; want at %v after %.12s", e2, err, clock.Now(), e.Hash)
		}
		if r, _ := s.VerifyAudit(); !r.OK() || r.HeadHash != e2.Hash {
			t.Errorf("VerifyAudit after Audit = %+v", r)
		}
	})
}

func TestAuditEntriesFilter(t *testing.T) {
	s, clock := openTest(t)
	// 12 entries: seq i has actor a<i%3>, action act<i%2>.x, object o<i%4>.
	for i := 1; i <= 12; i++ {
		clock.Add(time.Second)
		if _, err := s.Audit(AuditEntry{Actor: fmt.Sprintf("a%d", i%3), Action: fmt.Sprintf("act%d.x", i%2), Object: fmt.Sprintf("o%d", i%4)}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    AuditFilter
		want []uint64
	}{
		{"all, newest first", AuditFilter{}, []uint64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"limit", AuditFilter{Limit: 3}, []uint64{12, 11, 10}},
		{"negative limit is all", AuditFilter{Limit: -1}, []uint64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"before", AuditFilter{Before: 5}, []uint64{4, 3, 2, 1}},
		{"before and limit", AuditFilter{Before: 5, Limit: 2}, []uint64{4, 3}},
		{"before the first", AuditFilter{Before: 1}, nil},
		{"before past the end", AuditFilter{Before: 100}, []uint64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"before the next", AuditFilter{Before: 13, Limit: 1}, []uint64{12}},
		{"action prefix", AuditFilter{ActionPrefix: "act1."}, []uint64{11, 9, 7, 5, 3, 1}},
		{"action prefix, part of a word", AuditFilter{ActionPrefix: "act"}, []uint64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"action prefix and limit", AuditFilter{ActionPrefix: "act0", Limit: 2}, []uint64{12, 10}},
		{"action prefix and before", AuditFilter{ActionPrefix: "act0", Before: 10}, []uint64{8, 6, 4, 2}},
		{"no such action", AuditFilter{ActionPrefix: "user."}, nil},
		{"actor", AuditFilter{Actor: "a0"}, []uint64{12, 9, 6, 3}},
		{"object", AuditFilter{Object: "o1"}, []uint64{9, 5, 1}},
		{"actor and object", AuditFilter{Actor: "a1", Object: "o2"}, []uint64{10}},
		{"actor, action, before, limit", AuditFilter{Actor: "a2", ActionPrefix: "act1", Before: 11, Limit: 1}, []uint64{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.AuditEntries(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var seqs []uint64
			for _, e := range got {
				seqs = append(seqs, e.Seq)
			}
			if !slices.Equal(seqs, tt.want) {
				t.Errorf("AuditEntries(%+v) = %v, want %v", tt.f, seqs, tt.want)
			}
		})
	}
	for _, f := range []AuditFilter{{Limit: 5}, {Limit: 2, ActionPrefix: "act1"}, {Limit: 1, Actor: "a1"}} {
		t.Run(fmt.Sprintf("paging %+v", f), func(t *testing.T) {
			all, _ := s.AuditEntries(AuditFilter{Actor: f.Actor, ActionPrefix: f.ActionPrefix})
			var paged []AuditEntry
			for pages := 0; ; pages++ {
				if pages > 20 {
					t.Fatal("paging does not end")
				}
				page, err := s.AuditEntries(f)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) == 0 {
					break
				}
				if len(page) > f.Limit {
					t.Fatalf("page of %d, limit %d", len(page), f.Limit)
				}
				paged = append(paged, page...)
				f.Before = page[len(page)-1].Seq
			}
			if fmt.Sprint(paged) != fmt.Sprint(all) {
				t.Errorf("pages give %d entries, want the %d of one listing", len(paged), len(all))
			}
		})
	}
}

// editDB changes the closed database file at path with bbolt directly,
// as someone with access to the file could.
func editDB(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		db.Close()
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// tamperFixture writes a log with mark in the middle to a database under
// t.TempDir and closes it; it returns the path, the clock, the number of
// entries and mark as written.
func tamperFixture(t *testing.T, mark AuditEntry) (string, *fakeClock, int, AuditEntry) {
	t.Helper()
	clock := newClock()
	path := filepath.Join(t.TempDir(), "certwatch.db")
	s, err := Open(path, Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	total, marked := populateAudit(t, s, clock, mark)
	if r, err := s.VerifyAudit(); err != nil || !r.OK() {
		t.Fatalf("untouched log: %+v, %v", r, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, clock, total, marked
}

// reopenVerify opens the database at path and verifies its log.
func reopenVerify(t *testing.T, path string, clock *fakeClock) (*Store, *AuditReport) {
	t.Helper()
	s, err := Open(path, Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	r, err := s.VerifyAudit()
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// problemsAbout returns the problems that match pattern.
func problemsAbout(r *AuditReport, pattern string) []string {
	re := regexp.MustCompile(pattern)
	var out []string
	for _, p := range r.Problems {
		if re.MatchString(p) {
			out = append(out, p)
		}
	}
	return out
}

func TestAuditTamperedFile(t *testing.T) {
	tests := []struct {
		name     string
		mark     AuditEntry
		old, new string // same length
	}{
		{"detail", AuditEntry{Actor: "alice", Action: "evidence.export", Object: "case:3", Detail: "导出 3 个快照 to /srv/export-7f3a"},
			"/srv/export-7f3a", "/srv/export-0000"},
		{"actor", AuditEntry{Actor: "wangwu-9", Action: "case.confirm", Object: "case:2", Detail: "open → confirmed"},
			`"actor":"wangwu-9"`, `"actor":"zhaoli-9"`},
		{"time", AuditEntry{Actor: "alice", Action: "login", At: time.Date(2023, 1, 2, 3, 4, 5, 6789, time.UTC)},
			"2023-01-02T03:04:05.000006789Z", "2023-01-02T03:04:59.000006789Z"},
		{"object", AuditEntry{Actor: "alice", Action: "evidence.export", Object: "case:12345"},
			`"object":"case:12345"`, `"object":"case:54321"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.old) != len(tt.new) {
				t.Fatal("bad test: replacement changes the length")
			}
			path, clock, total, marked := tamperFixture(t, tt.mark)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Earlier copies of the page may linger in free pages: change
			// them all.
			n := bytes.Count(data, []byte(tt.old))
			if n == 0 {
				t.Fatalf("%q is not in the file", tt.old)
			}
			if err := os.WriteFile(path, bytes.ReplaceAll(data, []byte(tt.old), []byte(tt.new)), 0o600); err != nil {
				t.Fatal(err)
			}

			s, r := reopenVerify(t, path, clock)
			got, err := s.AuditEntries(AuditFilter{Before: marked.Seq + 1, Limit: 1})
			if err != nil || len(got) != 1 {
				t.Fatalf("entry %d after the edit: %+v, %v", marked.Seq, got, err)
			}
			if js, _ := json.Marshal(got[0]); !strings.Contains(string(js), tt.new) {
				t.Fatalf("the edit did not reach entry %d: %s", marked.Seq, js)
			}
			if r.OK() || len(r.Problems) != 1 {
				t.Fatalf("VerifyAudit = %+v; want exactly one problem", r)
			}
			if p := problemsAbout(r, fmt.Sprintf(`^entry %d was changed after it was written`, marked.Seq)); len(p) != 1 {
				t.Errorf("problems %q do not name entry %d", r.Problems, marked.Seq)
			}
			if r.Entries != total || r.HeadSeq != uint64(total) {
				t.Errorf("report %+v, want %d entries", r, total)
			}
		})
	}
}

func TestAuditRemovedEntries(t *testing.T) {
	type fixture struct {
		total  int
		marked AuditEntry
	}
	key := func(seq uint64) []byte { return u64(seq) }
	tests := []struct {
		name string
		edit func(tx *bolt.Tx, f fixture) error
		// wantProblems are patterns each matching exactly one problem, and
		// there are no other problems. In them {m} is the marked entry's
		// seq, {m1} and {m2} the two after it, {last} the last entry's seq
		// and {last-1} the one before.
		wantProblems []string
		// allowProblems may or may not be reported.
		allowProblems []string
		wantEntries   func(f fixture) int
		wantHead      func(f fixture) uint64
	}{
		{
			name:         "entry in the middle",
			edit:         func(tx *bolt.Tx, f fixture) error { return tx.Bucket(bucketAudit).Delete(key(f.marked.Seq)) },
			wantProblems: []string{`^entr(y|ies) {m}(–{m})? (is|are) missing$`},
			wantEntries:  func(f fixture) int { return f.total - 1 },
			wantHead:     func(f fixture) uint64 { return uint64(f.total) },
		},
		{
			name: "three entries in the middle",
			edit: func(tx *bolt.Tx, f fixture) error {
				for i := range uint64(3) {
					if err := tx.Bucket(bucketAudit).Delete(key(f.marked.Seq + i)); err != nil {
						return err
					}
				}
				return nil
			},
			wantProblems: []string{`^entries {m}–{m2} are missing$`},
			wantEntries:  func(f fixture) int { return f.total - 3 },
			wantHead:     func(f fixture) uint64 { return uint64(f.total) },
		},
		{
			name:         "the first entry",
			edit:         func(tx *bolt.Tx, f fixture) error { return tx.Bucket(bucketAudit).Delete(key(1)) },
			wantProblems: []string{`^entr(y|ies) 1(–1)? (is|are) missing$`},
			wantEntries:  func(f fixture) int { return f.total - 1 },
			wantHead:     func(f fixture) uint64 { return uint64(f.total) },
		},
		{
			name:         "the last entry",
			edit:         func(tx *bolt.Tx, f fixture) error { return tx.Bucket(bucketAudit).Delete(key(uint64(f.total))) },
			wantProblems: []string{`^the log ends at entry {last-1} but its head record says entry {last} \(.*removed from the end`},
			wantEntries:  func(f fixture) int { return f.total - 1 },
			wantHead:     func(f fixture) uint64 { return uint64(f.total - 1) },
		},
		{
			name:         "the head record",
			edit:         func(tx *bolt.Tx, f fixture) error { return tx.Bucket(bucketMeta).Delete(keyAuditHead) },
			wantProblems: []string{`head record is missing`},
			wantEntries:  func(f fixture) int { return f.total },
			wantHead:     func(f fixture) uint64 { return uint64(f.total) },
		},
		{
			name: "every entry",
			edit: func(tx *bolt.Tx, f fixture) error {
				for i := 1; i <= f.total; i++ {
					if err := tx.Bucket(bucketAudit).Delete(key(uint64(i))); err != nil {
						return err
					}
				}
				return nil
			},
			wantProblems: []string{`^the log ends at entry 0 but its head record says entry {last}`},
			wantEntries:  func(f fixture) int { return 0 },
			wantHead:     func(f fixture) uint64 { return 0 },
		},
		{
			name: "an entry rewritten with a fresh hash",
			edit: func(tx *bolt.Tx, f fixture) error {
				e := f.marked
				e.Detail = "nothing to see"
				e.Hash = auditHash(&e)
				return putJSON(tx.Bucket(bucketAudit), key(e.Seq), &e)
			},
			wantProblems: []string{`^entry {m1} does not follow entry {m}`},
			wantEntries:  func(f fixture) int { return f.total },
			wantHead:     func(f fixture) uint64 { return uint64(f.total) },
		},
		{
			name: "two entries swapped",
			edit: func(tx *bolt.Tx, f fixture) error {
				b := tx.Bucket(bucketAudit)
				x := bytes.Clone(b.Get(key(f.marked.Seq)))
				y := bytes.Clone(b.Get(key(f.marked.Seq + 1)))
				if err := b.Put(key(f.marked.Seq), y); err != nil {
					return err
				}
				return b.Put(key(f.marked.Seq+1), x)
			},
			wantProblems: []string{
				`^entry {m} says it is entry {m1}$`, `^entry {m} does not follow`,
				`^entry {m1} says it is entry {m}$`, `^entry {m1} does not follow`,
				`^entry {m2} does not follow entry {m1}`,
			},
			wantEntries: func(f fixture) int { return f.total },
			wantHead:    func(f fixture) uint64 { return uint64(f.total) },
		},
		{
			name: "an entry that does not decode",
			edit: func(tx *bolt.Tx, f fixture) error {
				return tx.Bucket(bucketAudit).Put(key(f.marked.Seq), []byte(`{"seq":`))
			},
			wantProblems: []string{`^entry {m} does not decode`},
			// The next entry cannot be checked against it.
			allowProblems: []string{`^entry {m1} does not follow entry {m}`},
			wantEntries:   func(f fixture) int { return f.total },
			wantHead:      func(f fixture) uint64 { return uint64(f.total) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := AuditEntry{Actor: "alice", Action: "evidence.export", Object: "case:1", Detail: "marked"}
			path, clock, total, marked := tamperFixture(t, mark)
			f := fixture{total: total, marked: marked}
			editDB(t, path, func(tx *bolt.Tx) error { return tt.edit(tx, f) })

			_, r := reopenVerify(t, path, clock)
			if r.OK() {
				t.Fatalf("VerifyAudit found nothing: %+v", r)
			}
			m := marked.Seq
			placeholders := strings.NewReplacer("{m}", fmt.Sprint(m), "{m1}", fmt.Sprint(m+1), "{m2}", fmt.Sprint(m+2),
				"{last}", fmt.Sprint(total), "{last-1}", fmt.Sprint(total-1))
			claimed := map[string]bool{}
			for _, pat := range tt.wantProblems {
				pat = placeholders.Replace(pat)
				ps := problemsAbout(r, pat)
				if len(ps) != 1 {
					t.Errorf("%d problems match %q: %q", len(ps), pat, r.Problems)
				}
				for _, p := range ps {
					claimed[p] = true
				}
			}
			for _, pat := range tt.allowProblems {
				for _, p := range problemsAbout(r, placeholders.Replace(pat)) {
					claimed[p] = true
				}
			}
			for _, p := range r.Problems {
				if !claimed[p] {
					t.Errorf("unexpected problem %q", p)
				}
			}
			if r.Entries != tt.wantEntries(f) || r.HeadSeq != tt.wantHead(f) {
				t.Errorf("report: %d entries, head %d; want %d, %d", r.Entries, r.HeadSeq, tt.wantEntries(f), tt.wantHead(f))
			}
		})
	}

	t.Run("a cut tail stops further writes", func(t *testing.T) {
		path, clock, total, _ := tamperFixture(t, AuditEntry{})
		editDB(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketAudit).Delete(key(uint64(total))) })
		s, _ := reopenVerify(t, path, clock)
		if _, err := s.Audit(AuditEntry{Actor: "alice", Action: "login"}); err == nil || !strings.Contains(err.Error(), "tampered") {
			t.Errorf("Audit on a log with a cut tail: %v, want a tampering error", err)
		}
		if _, _, err := s.Decide(Decision{CaseID: 4, Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "bob"}); err == nil {
			t.Error("Decide succeeded without its audit entry")
		} else if c, _ := s.Case(4); c.Status != casework.CaseOpen {
			t.Errorf("Decide failed but changed the case to %s", c.Status)
		}
		if r, _ := s.VerifyAudit(); r.Entries != total-1 {
			t.Errorf("%d entries after refused writes, want %d", r.Entries, total-1)
		}
	})

	t.Run("a rewritten tail changes the head hash", func(t *testing.T) {
		path, clock, total, marked := tamperFixture(t, AuditEntry{Actor: "alice", Action: "login", Detail: "marked"})
		s, r := reopenVerify(t, path, clock)
		noted := r.HeadHash
		s.Close()
		// Someone who rewrites every entry from the marked one on, and the
		// head, leaves a chain that holds: only the noted head hash shows it.
		editDB(t, path, func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketAudit)
			var prev AuditEntry
			if _, err := getJSON(b, u64(marked.Seq-1), &prev); err != nil {
				return err
			}
			for seq := marked.Seq; seq <= uint64(total); seq++ {
				var e AuditEntry
				if _, err := getJSON(b, u64(seq), &e); err != nil {
					return err
				}
				if seq == marked.Seq {
					e.Detail = "rewritten"
				}
				e.Prev = prev.Hash
				e.Hash = auditHash(&e)
				if err := putJSON(b, u64(seq), &e); err != nil {
					return err
				}
				prev = e
			}
			return tx.Bucket(bucketMeta).Put(keyAuditHead, append(u64(prev.Seq), prev.Hash...))
		})
		_, r = reopenVerify(t, path, clock)
		if !r.OK() || r.HeadSeq != uint64(total) || r.HeadHash == noted {
			t.Errorf("rewritten log: %+v; want a chain that holds with a head hash other than %.12s", r, noted)
		}
	})
}

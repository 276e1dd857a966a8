// Package storetest is the conformance suite every store backend must
// pass: the bbolt store (package store) runs it from its tests, and a
// second backend (PostgreSQL) must pass the same subtests before callers
// may be given it.
//
// A backend is the union of what its callers need (Backend): the
// interfaces sweep and review own. The suite checks behaviour those
// callers rely on, with package store's types and sentinel errors as the
// shared vocabulary (store.ErrNotFound, ErrConflict, ErrInvalid,
// ErrSecondPerson) and package casework's state machines as the oracle:
//
//   - sweeps: start, running, finish, newest first;
//   - record → case → decide: every action from every case status, each
//     route, refusals that change nothing, the draft notices decisions
//     feed;
//   - the two-person rule: a police referral is approved by someone other
//     than its confirmer; the notice state machine; approval numbering;
//   - the audit chain: numbered without gaps, each entry's Prev the hash
//     before (store.AuditHash), verified; tampering detected when the
//     harness can tamper (AuditTamperer);
//   - resume: the frontier after a close and reopen (Reopener) holds
//     exactly the work not marked done, nothing lost or repeated;
//   - accounts and sessions: unique names, expiry, logout, disabling
//     ends sessions, no password hash in the log;
//   - the outbox: due, retried, sent, given up;
//   - sign-in limits: attempt records per key, lockouts, bursts audited
//     once, cleared on success; model channel switches (validated,
//     latest wins, audited) and no active model on a new store;
//   - linked cases: a shared personal contact links two cases both ways;
//   - evidence: screenshots, and exports whose SHA256SUMS match the files;
//   - removal checks: due rounds, responses kept as evidence and read
//     back, outcomes, a notice closed when all is gone; notice lists by
//     route, state and overdue; relistings by contact or content key;
//   - period reports: every figure of two periods, the daily series;
//   - health: Healthy when opened, after writes and after a restart;
//   - concurrency: many writers recording, deciding, auditing and adding
//     to the frontier at once, with exact counts.
//   - claims and comments (assign.go): a claim held until it lapses or is
//     released, refusals that change nothing, takeover and reassignment,
//     every change audited; concurrent claims of one case, exactly one
//     winner; comments kept verbatim and bounded.
//
// The suite never sleeps on timing and never reaches the network.
package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// Backend is everything the callers of a store need: what a sweep writes
// and reads (with its frontier), what digests, the outbox and removal
// checks use, and what the review server reads and decides.
type Backend interface {
	sweep.Store
	sweep.DigestStore
	sweep.Outbox
	sweep.NoticeStore
	review.Store
	io.Closer
}

// Reopener is a backend that can be closed and opened again on the same
// database, as a process restarting after a crash or a deploy would. The
// resume subtests need it: a backend without it fails them.
type Reopener interface {
	// Reopen closes the backend and returns a new one on the same
	// database; the old one is not used again.
	Reopen(t *testing.T) Backend
}

// AuditTamperer is a harness that can change a stored audit entry behind
// the backend's back (an edited file, an UPDATE run by hand). When the
// backend has it, the suite checks that VerifyAudit finds the change.
type AuditTamperer interface {
	// TamperAudit replaces old by new (same length) in the stored form
	// of audit entry seq, bypassing the backend, and returns the backend
	// to read with afterwards (reopened if the change needed it closed).
	TamperAudit(t *testing.T, seq uint64, old, new string) Backend
}

// reopen closes b and opens its database again; a backend that cannot
// fails the test.
func reopen(t *testing.T, b Backend) Backend {
	t.Helper()
	r, ok := b.(Reopener)
	if !ok {
		t.Fatalf("%T does not implement storetest.Reopener: what survives a restart is untested", b)
	}
	return r.Reopen(t)
}

// Run runs the suite; open returns a new, empty backend for one subtest
// and closes it when that subtest ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) Backend) {
	parallel(t, "Sweeps", func(t *testing.T) { testSweeps(t, open(t)) })
	parallel(t, "Record", func(t *testing.T) { testRecord(t, open(t)) })
	parallel(t, "Decide", func(t *testing.T) { testDecide(t, open) })
	parallel(t, "DecideRefusals", func(t *testing.T) { testDecideRefusals(t, open(t)) })
	parallel(t, "TwoPersonRule", func(t *testing.T) { testTwoPersonRule(t, open(t)) })
	parallel(t, "NoticeMachine", func(t *testing.T) { testNoticeMachine(t, open) })
	parallel(t, "NumbersUnique", func(t *testing.T) { testNumbersUnique(t, open(t)) })
	parallel(t, "AuditChain", func(t *testing.T) { testAuditChain(t, open(t)) })
	parallel(t, "AuditTamper", func(t *testing.T) { testAuditTamper(t, open(t)) })
	parallel(t, "Frontier", func(t *testing.T) { testFrontier(t, open(t)) })
	parallel(t, "FrontierResume", func(t *testing.T) { testFrontierResume(t, open(t)) })
	parallel(t, "Outbox", func(t *testing.T) { testOutbox(t, open(t)) })
	parallel(t, "Accounts", func(t *testing.T) { testAccounts(t, open(t)) })
	parallel(t, "Logins", func(t *testing.T) { testLogins(t, open(t)) })
	parallel(t, "ModelChannels", func(t *testing.T) { testModelChannels(t, open(t)) })
	parallel(t, "ActiveModel", func(t *testing.T) { testActiveModel(t, open(t)) })
	parallel(t, "LinkedCases", func(t *testing.T) { testLinkedCases(t, open(t)) })
	parallel(t, "Evidence", func(t *testing.T) { testEvidence(t, open(t)) })
	parallel(t, "RemovalChecks", func(t *testing.T) { testRemovalChecks(t, open(t)) })
	parallel(t, "NoticeLists", func(t *testing.T) { testNoticeLists(t, open(t)) })
	parallel(t, "Relisted", func(t *testing.T) { testRelisted(t, open(t)) })
	parallel(t, "PeriodReport", func(t *testing.T) { testPeriodReport(t, open(t)) })
	parallel(t, "Healthy", func(t *testing.T) { testHealthy(t, open(t)) })
	parallel(t, "ConcurrentRecord", func(t *testing.T) { testConcurrentRecord(t, open(t)) })
	parallel(t, "ConcurrentDecide", func(t *testing.T) { testConcurrentDecide(t, open(t)) })
	parallel(t, "ConcurrentAudit", func(t *testing.T) { testConcurrentAudit(t, open(t)) })
	parallel(t, "ConcurrentFrontier", func(t *testing.T) { testConcurrentFrontier(t, open(t)) })
	parallel(t, "Merge", func(t *testing.T) { testMerge(t, open(t)) })
	parallel(t, "Dashboard", func(t *testing.T) { testDashboard(t, open(t)) })
	parallel(t, "PruneFrontiers", func(t *testing.T) { testPruneFrontiers(t, open(t)) })
	parallel(t, "PrunePages", func(t *testing.T) { testPrunePages(t, open(t)) })
	parallel(t, "SourceCaps", func(t *testing.T) { testSourceCaps(t, open(t)) })
	parallel(t, "Claims", func(t *testing.T) { testClaims(t, open(t)) }) // assign.go: claims, concurrent claims, comments
	parallel(t, "ConcurrentClaim", func(t *testing.T) { testConcurrentClaim(t, open(t)) })
	parallel(t, "Comments", func(t *testing.T) { testComments(t, open(t)) })
	parallel(t, "NoticeTracking", func(t *testing.T) { testNoticeTracking(t, open) })
	parallel(t, "Queue", func(t *testing.T) { testQueue(t, open(t)); testSavedFilters(t, open(t)) })
	parallel(t, "Search", func(t *testing.T) { testSearch(t, open(t)) })
	parallel(t, "Pivots", func(t *testing.T) { testPivots(t, open(t)) })
	parallel(t, "HostFacts", func(t *testing.T) { testHostFacts(t, open(t)) })     // hostfacts.go: referral facts kept with their hash
	parallel(t, "WatchChecks", func(t *testing.T) { testWatchChecks(t, open(t)) }) // watch.go: re-checks of known imitation sites
	parallel(t, "CaseFinding", func(t *testing.T) { testCaseFinding(t, open(t)) }) // casefinding.go: the case page's read
}

// parallel runs one part of the suite as a parallel subtest: each opens a
// backend of its own, so they share nothing but the machine (on PostgreSQL
// the suite spends most of its time waiting on the server).
func parallel(t *testing.T, name string, fn func(t *testing.T)) {
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		fn(t)
	})
}

// startSweep starts a sweep and returns its id.
func startSweep(t testing.TB, b Backend) uint64 {
	t.Helper()
	sw := store.Sweep{ConfigHash: "cfg", Packs: []string{"default@abc"}}
	if err := b.StartSweep(&sw); err != nil {
		t.Fatalf("StartSweep: %v", err)
	}
	if sw.ID == 0 {
		t.Fatal("StartSweep left the id 0")
	}
	return sw.ID
}

// observation is a flagged page at url whose body and content key follow
// content; it completes no frontier item.
func observation(sweepID uint64, url, content string) store.Observation {
	body := []byte("<html><title>办证</title><body>" + content + "</body></html>")
	sum := sha256.Sum256([]byte(content))
	return store.Observation{
		SweepID:    sweepID,
		CaseKey:    store.CanonicalURL(url),
		URL:        url,
		FinalURL:   url,
		SourceID:   "forum",
		Title:      "办证",
		FetchedAt:  time.Date(2024, 11, 24, 8, 0, 0, 0, time.UTC),
		Status:     200,
		Header:     http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body:       body,
		RemoteAddr: "127.0.0.1:8080",
		Flagged:    true,
		Score:      0.9,
		Category:   "fake_certificate",
		Finding:    json.RawMessage(`{"score":0.9,"rules":["cert-sale"]}`),
		PageTitle:  "办证",
		Text:       content,
		ContentKey: hex.EncodeToString(sum[:]),
	}
}

// flagCase records a flagged page and returns its case.
func flagCase(t testing.TB, b Backend, sweepID uint64, url, content string) uint64 {
	t.Helper()
	res, err := b.Record(observation(sweepID, url, content))
	if err != nil {
		t.Fatalf("Record %s: %v", url, err)
	}
	return res.CaseID
}

func mustCase(t testing.TB, b Backend, id uint64) *store.Case {
	t.Helper()
	c, err := b.Case(id)
	if err != nil {
		t.Fatalf("Case(%d): %v", id, err)
	}
	return c
}

func mustDecide(t testing.TB, b Backend, d store.Decision) *store.Case {
	t.Helper()
	c, _, err := b.Decide(d)
	if err != nil {
		t.Fatalf("Decide(case %d, %s by %s): %v", d.CaseID, d.Action, d.By, err)
	}
	return c
}

func mustNotice(t testing.TB, b Backend, id uint64) *store.Notice {
	t.Helper()
	n, err := b.Notice(id)
	if err != nil {
		t.Fatalf("Notice(%d): %v", id, err)
	}
	return n
}

func mustMove(t testing.TB, b Backend, id uint64, m store.NoticeMove) *store.Notice {
	t.Helper()
	n, err := b.MoveNotice(id, m)
	if err != nil {
		t.Fatalf("MoveNotice(%d → %s by %s): %v", id, m.To, m.By, err)
	}
	return n
}

// auditHead is the newest audit entry's number (0 for an empty log).
func auditHead(t testing.TB, b Backend) uint64 {
	t.Helper()
	last, err := b.AuditEntries(store.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatalf("AuditEntries: %v", err)
	}
	if len(last) == 0 {
		return 0
	}
	return last[0].Seq
}

// lists reports whether notice n lists case id.
func lists(n *store.Notice, id uint64) bool {
	for _, it := range n.Items {
		if it.CaseID == id {
			return true
		}
	}
	return false
}

func approval(by, number string) store.NoticeMove {
	return store.NoticeMove{To: casework.NoticeApproved, By: by, Number: number,
		Deadline: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
}

package pgstore_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
)

// twoProcesses opens two backends, each with its own pool, on one fresh
// database: what two servers behind a load balancer share.
func twoProcesses(t *testing.T) (*pgBackend, *pgBackend) {
	t.Helper()
	url := pgstoretest.DB(t)
	blobs := dirBlobs(t, t.TempDir())
	return openPG(t, url, blobs), openPG(t, url, blobs)
}

// flag records a flagged page at url and returns its case.
func flag(t *testing.T, b *pgBackend, sweepID uint64, url string) uint64 {
	t.Helper()
	body := []byte("<html><body>出售安全员证 " + url + "</body></html>")
	sum := sha256.Sum256(body)
	res, err := b.Record(store.Observation{SweepID: sweepID, CaseKey: store.CanonicalURL(url), URL: url, FinalURL: url,
		SourceID: "forum", Title: "办证", FetchedAt: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), Status: 200, Body: body,
		Flagged: true, Score: 0.9, Category: "fake_certificate", ContentKey: hex.EncodeToString(sum[:])})
	if err != nil {
		t.Fatalf("Record %s: %v", url, err)
	}
	return res.CaseID
}

func sweep(t *testing.T, b *pgBackend) uint64 {
	t.Helper()
	sw := store.Sweep{ConfigHash: "cfg"}
	if err := b.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	return sw.ID
}

func confirm(id uint64, by, recipient string) store.Decision {
	return store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: recipient, By: by}
}

func approveAs(number string) store.NoticeMove {
	return store.NoticeMove{To: casework.NoticeApproved, By: "boss", Number: number, Deadline: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// TestDecideAcrossProcesses: reviewers on two servers confirming the same
// cases at once, in different orders: each case is confirmed exactly
// once, the losers get ErrConflict, and every case joins the one draft of
// the recipient (no second draft started by a race).
func TestDecideAcrossProcesses(t *testing.T) {
	a, b := twoProcesses(t)
	sw := sweep(t, a)
	const cases, writers = 12, 6
	var ids []uint64
	for i := range cases {
		ids = append(ids, flag(t, a, sw, fmt.Sprintf("https://forum.example/race/%d", i)))
	}
	var won, lost atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		be := []*pgBackend{a, b}[w%2]
		wg.Go(func() {
			// Each from its own offset: the first confirmations are of
			// different cases, racing to start the recipient's draft.
			for k := range cases {
				id := ids[(k+w*cases/writers)%cases]
				_, _, err := be.Decide(confirm(id, fmt.Sprintf("reviewer%d", w), "平台甲"))
				switch {
				case err == nil:
					won.Add(1)
				case errors.Is(err, store.ErrConflict):
					lost.Add(1)
				default:
					t.Errorf("case %d: %v", id, err)
				}
			}
		})
	}
	wg.Wait()
	if won.Load() != cases || lost.Load() != cases*(writers-1) {
		t.Fatalf("%d confirmations won, %d lost; want %d and %d", won.Load(), lost.Load(), cases, cases*(writers-1))
	}
	drafts, err := b.Notices(store.NoticeFilter{Status: casework.NoticeDraft})
	if err != nil || len(drafts) != 1 || len(drafts[0].Items) != cases {
		t.Fatalf("drafts %+v, %v; want one listing all %d cases", drafts, err, cases)
	}
	for _, id := range ids {
		c, err := a.Case(id)
		if err != nil || c.NoticeID != drafts[0].ID {
			t.Errorf("case %+v, %v; want it in notice %d", c, err, drafts[0].ID)
		}
		if ds, err := b.Decisions(id); err != nil || len(ds) != 1 || ds[0].By != c.ConfirmedBy {
			t.Errorf("decisions of case %d: %+v, %v; want one, by %s", id, ds, err, c.ConfirmedBy)
		}
	}
	if rep, err := a.VerifyAudit(); err != nil || !rep.OK() || rep.Entries != cases {
		t.Errorf("audit %+v, %v; want %d entries, intact", rep, err, cases)
	}
}

// TestApprovalNumbers: an approval's number is unique per route, also
// between two servers approving at once; a notice sent back to draft gives
// its number up.
func TestApprovalNumbers(t *testing.T) {
	a, b := twoProcesses(t)
	sw := sweep(t, a)
	draft := func(recipient string, route casework.Route) uint64 {
		t.Helper()
		d := confirm(flag(t, a, sw, "https://forum.example/"+recipient), "carol", recipient)
		d.Route = route
		c, _, err := a.Decide(d)
		if err != nil {
			t.Fatal(err)
		}
		if route.NeedsApproval() {
			if c, _, err = a.Decide(store.Decision{CaseID: c.ID, Action: casework.ActionApprove, By: "bob"}); err != nil {
				t.Fatal(err)
			}
		}
		return c.NoticeID
	}
	n1, n2 := draft("甲", casework.RouteTakedownCAC), draft("乙", casework.RouteTakedownCAC)
	other := draft("丙", casework.RoutePoliceReferral)
	const number = "网信函〔2026〕1号"

	// Two servers approve two notices with the same number at once.
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, x := range []struct {
		be *pgBackend
		id uint64
	}{{a, n1}, {b, n2}} {
		wg.Go(func() { _, errs[i] = x.be.MoveNotice(x.id, approveAs(number)) })
	}
	wg.Wait()
	winner, loser := n1, n2
	switch {
	case errs[0] == nil && errors.Is(errs[1], pgstore.ErrNumberTaken):
	case errs[1] == nil && errors.Is(errs[0], pgstore.ErrNumberTaken):
		winner, loser = n2, n1
	default:
		t.Fatalf("two approvals numbered %s: %v and %v; want one to win, one ErrNumberTaken", number, errs[0], errs[1])
	}
	if !errors.Is(errs[0], store.ErrConflict) && !errors.Is(errs[1], store.ErrConflict) {
		t.Error("ErrNumberTaken is no ErrConflict")
	}
	if n, err := b.Notice(loser); err != nil || n.Status != casework.NoticeDraft || n.Number != "" || len(n.History) != 1 {
		t.Errorf("the losing notice %+v, %v; want an unnumbered draft with no new event", n, err)
	}
	// Another route numbers on its own.
	if _, err := a.MoveNotice(other, approveAs(number)); err != nil {
		t.Errorf("the same number on another route: %v", err)
	}
	// Sent back to draft, the winner gives its number up.
	if _, err := b.MoveNotice(winner, store.NoticeMove{To: casework.NoticeDraft, By: "boss", Note: "改号"}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.MoveNotice(loser, approveAs(number)); err != nil || n.Number != number {
		t.Errorf("the freed number: %+v, %v", n, err)
	}
}

// TestDraftReturns: an approved notice sent back to draft while another
// draft for its recipient is current stays a draft of its own; new
// confirmations keep joining the current one, and once that is approved
// the next confirmation starts a new draft (as in bbolt).
func TestDraftReturns(t *testing.T) {
	a, b := twoProcesses(t)
	sw := sweep(t, a)
	decide := func(be *pgBackend, url string) *store.Case {
		t.Helper()
		c, _, err := be.Decide(confirm(flag(t, a, sw, url), "carol", "平台甲"))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	first := decide(a, "https://forum.example/1").NoticeID
	if _, err := a.MoveNotice(first, approveAs("函〔2026〕1号")); err != nil {
		t.Fatal(err)
	}
	second := decide(b, "https://forum.example/2").NoticeID
	if second == first {
		t.Fatal("a confirmation joined an approved notice")
	}
	back, err := b.MoveNotice(first, store.NoticeMove{To: casework.NoticeDraft, By: "boss"})
	if err != nil || back.Status != casework.NoticeDraft {
		t.Fatalf("back to draft: %+v, %v", back, err)
	}
	if got := decide(a, "https://forum.example/3").NoticeID; got != second {
		t.Errorf("a confirmation joined notice %d; want the current draft %d", got, second)
	}
	if _, err := a.MoveNotice(second, approveAs("函〔2026〕2号")); err != nil {
		t.Fatal(err)
	}
	third := decide(b, "https://forum.example/4").NoticeID
	if third == first || third == second {
		t.Errorf("a confirmation after the current draft was approved joined notice %d; want a new draft", third)
	}
	drafts, err := a.Notices(store.NoticeFilter{Status: casework.NoticeDraft})
	if err != nil || len(drafts) != 2 {
		t.Errorf("drafts %+v, %v; want the returned one and the new one", drafts, err)
	}
}

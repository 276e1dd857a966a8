package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/store"
)

// claimAt is a claim change at at, lasting two hours.
func claimAt(id uint64, op store.ClaimOp, by string, at time.Time) store.ClaimMove {
	return store.ClaimMove{CaseID: id, Op: op, By: by, At: at, Until: at.Add(2 * time.Hour)}
}

// holder is who holds case id at now ("" for nobody); other errors fail.
func holder(t *testing.T, b Backend, id uint64, now time.Time) string {
	t.Helper()
	c, err := b.CaseClaim(id, now)
	if errors.Is(err, store.ErrNotFound) {
		return ""
	}
	if err != nil {
		t.Fatalf("CaseClaim(%d): %v", id, err)
	}
	return c.Holder
}

// caseAudit are the actions of case id's audit entries, oldest first.
func caseAudit(t *testing.T, b Backend, id uint64) []string {
	t.Helper()
	es, err := b.AuditEntries(store.AuditFilter{Object: fmt.Sprintf("case:%d", id)})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action)
	}
	return out
}

// testClaims: a claim is held by one reviewer until it lapses or is
// released; another's claim and release are refused and change nothing;
// the holder renews (keeping Since); a takeover and a reassignment take
// it whoever held it; Claims lists those in force by holder; every change
// and nothing else is in the audit log; malformed changes are ErrInvalid
// and a missing case ErrNotFound.
func testClaims(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	id := flagCase(t, b, sw, "https://claim.example/a", "出售安全员证")
	other := flagCase(t, b, sw, "https://claim.example/b", "出售电工证")
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

	c, err := b.MoveClaim(claimAt(id, store.ClaimTake, "alice", t0))
	if err != nil || c.Holder != "alice" || !c.Since.Equal(t0) || !c.Until.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("claim = %+v, %v", c, err)
	}
	if got := holder(t, b, id, t0.Add(time.Minute)); got != "alice" {
		t.Fatalf("holder after claim = %q", got)
	}
	if got := holder(t, b, other, t0); got != "" {
		t.Errorf("an unclaimed case is held by %q", got)
	}
	for _, m := range []store.ClaimMove{
		claimAt(id, store.ClaimTake, "bob", t0.Add(time.Minute)),
		claimAt(id, store.ClaimRelease, "bob", t0.Add(time.Minute)),
	} {
		if _, err := b.MoveClaim(m); !errors.Is(err, store.ErrConflict) {
			t.Errorf("%s by bob of alice's case: %v, want ErrConflict", m.Op, err)
		}
	}
	renew := claimAt(id, store.ClaimTake, "alice", t0.Add(time.Hour))
	c, err = b.MoveClaim(renew)
	if err != nil || !c.Since.Equal(t0) || !c.Until.Equal(renew.Until) {
		t.Fatalf("renewal = %+v, %v; want since %v until %v", c, err, t0, renew.Until)
	}
	if got, err := b.Claims(store.ClaimFilter{Holder: "alice", Now: t0.Add(time.Hour)}); err != nil || len(got) != 1 || got[0].CaseID != id {
		t.Errorf("alice's claims = %+v, %v", got, err)
	}
	if got, err := b.Claims(store.ClaimFilter{Holder: "bob", Now: t0.Add(time.Hour)}); err != nil || len(got) != 0 {
		t.Errorf("bob's claims = %+v, %v; want none", got, err)
	}

	// Lapsed: nobody holds it, and bob may claim.
	lapsed := renew.Until.Add(time.Second)
	if got := holder(t, b, id, lapsed); got != "" {
		t.Fatalf("a lapsed claim is held by %q", got)
	}
	if got, _ := b.Claims(store.ClaimFilter{Now: lapsed}); len(got) != 0 {
		t.Errorf("claims in force after lapsing: %+v", got)
	}
	if _, err := b.MoveClaim(claimAt(id, store.ClaimRelease, "alice", lapsed)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("releasing a lapsed claim: %v, want ErrConflict", err)
	}
	if _, err := b.MoveClaim(claimAt(id, store.ClaimTake, "bob", lapsed)); err != nil {
		t.Fatal(err)
	}
	// Takeover and reassignment take it from whoever holds it.
	if c, err = b.MoveClaim(claimAt(id, store.ClaimTakeover, "alice", lapsed.Add(time.Minute))); err != nil || c.Holder != "alice" {
		t.Fatalf("takeover = %+v, %v", c, err)
	}
	re := claimAt(id, store.ClaimReassign, "approver", lapsed.Add(2*time.Minute))
	re.To = "carol"
	if c, err = b.MoveClaim(re); err != nil || c.Holder != "carol" || c.AssignedBy != "approver" {
		t.Fatalf("reassign = %+v, %v", c, err)
	}
	if got, err := b.Claims(store.ClaimFilter{Holder: "carol", Now: re.At}); err != nil || len(got) != 1 || got[0].AssignedBy != "approver" {
		t.Errorf("carol's claims = %+v, %v", got, err)
	}
	if c, err = b.MoveClaim(claimAt(id, store.ClaimRelease, "carol", re.At)); err != nil || c != nil {
		t.Fatalf("release = %+v, %v; want nil, nil", c, err)
	}
	if got := holder(t, b, id, re.At); got != "" {
		t.Errorf("released, still held by %q", got)
	}

	for name, m := range map[string]store.ClaimMove{
		"until not after now": {CaseID: id, Op: store.ClaimTake, By: "alice", At: t0, Until: t0},
		"no actor":            claimAt(id, store.ClaimTake, "", t0),
		"unknown op":          claimAt(id, "steal", "alice", t0),
		"reassign to nobody":  claimAt(id, store.ClaimReassign, "approver", t0),
	} {
		if _, err := b.MoveClaim(m); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if _, err := b.MoveClaim(claimAt(999999, store.ClaimTake, "alice", t0)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("claiming a missing case: %v, want ErrNotFound", err)
	}

	want := []string{"case.claim", "case.claim", "case.claim", "case.takeover", "case.reassign", "case.release"}
	if got := caseAudit(t, b, id); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("audit of the case = %v, want %v", got, want)
	}
	es, err := b.AuditEntries(store.AuditFilter{Object: fmt.Sprintf("case:%d", id), ActionPrefix: "case.reassign"})
	if err != nil || len(es) != 1 || es[0].Actor != "approver" || !strings.Contains(es[0].Detail, "from=alice") ||
		!strings.Contains(es[0].Detail, "to=carol") {
		t.Errorf("reassign audit = %+v, %v", es, err)
	}
	checkChain(t, b)
}

// testConcurrentClaim: many reviewers claiming one case at once: exactly
// one wins, every other is refused with ErrConflict, and the case is the
// winner's.
func testConcurrentClaim(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for k := range 4 {
		id := flagCase(t, b, sw, pageURL("claimrace", k), "出售安全员证")
		var mu sync.Mutex
		var winners []string
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				by := fmt.Sprintf("reviewer%d", w)
				_, err := b.MoveClaim(claimAt(id, store.ClaimTake, by, at))
				switch {
				case err == nil:
					mu.Lock()
					winners = append(winners, by)
					mu.Unlock()
				case !errors.Is(err, store.ErrConflict):
					t.Errorf("a losing claim: %v, want ErrConflict", err)
				}
			})
		}
		wg.Wait()
		if len(winners) != 1 {
			t.Fatalf("case %d: winners %v, want exactly one", id, winners)
		}
		if got := holder(t, b, id, at); got != winners[0] {
			t.Errorf("case %d held by %q, the winner was %q", id, got, winners[0])
		}
		if got := caseAudit(t, b, id); len(got) != 1 {
			t.Errorf("case %d: audit %v, want one claim", id, got)
		}
	}
	checkChain(t, b)
}

// testComments: comments are kept verbatim (markup included, trimmed),
// listed oldest first per case with author, time and rising ids, audited;
// empty, over-long and invalid text are ErrInvalid, a missing case
// ErrNotFound.
func testComments(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	id := flagCase(t, b, sw, "https://comment.example/a", "出售安全员证")
	other := flagCase(t, b, sw, "https://comment.example/b", "出售电工证")
	texts := []string{"  卖家同时在两个平台发布  ", `<script>alert("x")</script> & 'quote'`, strings.Repeat("长", store.MaxCommentRunes)}
	for _, tx := range texts {
		c, err := b.AddComment(store.Comment{CaseID: id, By: "alice", Text: tx})
		if err != nil || c.ID == 0 || c.At.IsZero() || c.Text != strings.TrimSpace(tx) {
			t.Fatalf("AddComment(%.20q) = %+v, %v", tx, c, err)
		}
	}
	if _, err := b.AddComment(store.Comment{CaseID: other, By: "bob", Text: "另一案件"}); err != nil {
		t.Fatal(err)
	}
	got, err := b.Comments(id)
	if err != nil || len(got) != len(texts) {
		t.Fatalf("Comments = %d, %v; want %d", len(got), err, len(texts))
	}
	for i, c := range got {
		if c.Text != strings.TrimSpace(texts[i]) || c.By != "alice" || c.CaseID != id || (i > 0 && c.ID <= got[i-1].ID) {
			t.Errorf("comment %d = %+v", i, c)
		}
	}
	if got, err := b.Comments(other); err != nil || len(got) != 1 || got[0].By != "bob" {
		t.Errorf("other case's comments = %+v, %v", got, err)
	}
	if got, err := b.Comments(999999); err != nil || len(got) != 0 {
		t.Errorf("comments of a missing case = %+v, %v", got, err)
	}
	for name, c := range map[string]store.Comment{
		"empty":     {CaseID: id, By: "alice", Text: "  \n "},
		"too long":  {CaseID: id, By: "alice", Text: strings.Repeat("长", store.MaxCommentRunes+1)},
		"not UTF-8": {CaseID: id, By: "alice", Text: "ok\xff"},
		"NUL":       {CaseID: id, By: "alice", Text: "a\x00b"},
		"no author": {CaseID: id, Text: "x"},
	} {
		if _, err := b.AddComment(c); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if _, err := b.AddComment(store.Comment{CaseID: 999999, By: "alice", Text: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("comment on a missing case: %v, want ErrNotFound", err)
	}
	if got, _ := b.Comments(id); len(got) != len(texts) {
		t.Errorf("refusals added comments: %d", len(got))
	}
	if acts := caseAudit(t, b, id); len(acts) != len(texts) || acts[0] != "case.comment" {
		t.Errorf("audit of the case = %v, want %d comments", acts, len(texts))
	}
	checkChain(t, b)
}

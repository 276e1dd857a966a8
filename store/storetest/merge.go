package storetest

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testMerge: duplicates merged into a primary leave the queue (MergedIDs)
// and refuse decisions of their own; the primary is decided as usual;
// unmerging restores a case; merging a case into itself, chains (a primary
// merged, a merged case as a primary), a case merged twice and a decided
// case are refused and change nothing; every merge and unmerge is one
// audit entry per case.
func testMerge(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	var ids []uint64
	for i := range 6 {
		ids = append(ids, flagCase(t, b, sw, fmt.Sprintf("https://dup.example/%d", i), fmt.Sprintf("出售安全员证 重复 %d", i)))
	}
	p, x, y, z, w, v := ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]
	mustDecide(t, b, store.Decision{CaseID: v, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "rev"})

	mergedIDs := func() map[uint64]uint64 {
		t.Helper()
		m, err := b.MergedIDs()
		if err != nil {
			t.Fatalf("MergedIDs: %v", err)
		}
		return m
	}
	head := auditHead(t, b)
	refusals := []struct {
		name string
		m    store.Merge
		want error
	}{
		{"into itself", store.Merge{Primary: p, Cases: []uint64{x, p}, By: "rev"}, store.ErrInvalid},
		{"nothing", store.Merge{Primary: p, By: "rev"}, store.ErrInvalid},
		{"twice in one", store.Merge{Primary: p, Cases: []uint64{x, x}, By: "rev"}, store.ErrInvalid},
		{"no actor", store.Merge{Primary: p, Cases: []uint64{x}}, store.ErrInvalid},
		{"too many", store.Merge{Primary: p, Cases: make([]uint64, store.MaxMergeCases+1), By: "rev"}, store.ErrInvalid},
		{"missing case", store.Merge{Primary: p, Cases: []uint64{x, 9999}, By: "rev"}, store.ErrNotFound},
		{"missing primary", store.Merge{Primary: 9999, Cases: []uint64{x}, By: "rev"}, store.ErrNotFound},
		{"decided case", store.Merge{Primary: p, Cases: []uint64{x, v}, By: "rev"}, store.ErrConflict},
	}
	for _, r := range refusals {
		if _, err := b.Merge(r.m); !errors.Is(err, r.want) {
			t.Errorf("Merge %s: %v, want %v", r.name, err, r.want)
		}
	}
	if m := mergedIDs(); len(m) != 0 || auditHead(t, b) != head {
		t.Fatalf("refused merges left %v merged and audit head %d → %d", m, head, auditHead(t, b))
	}

	got, err := b.Merge(store.Merge{Primary: p, Cases: []uint64{x, y}, By: "rev", Note: " 同一卖家重复发布 "})
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	if len(got) != 2 || got[0].CaseID != x || got[1].CaseID != y || got[0].Primary != p || got[0].By != "rev" ||
		got[0].Note != "同一卖家重复发布" || got[0].At.IsZero() {
		t.Fatalf("Merge returned %+v", got)
	}
	if m := mergedIDs(); !maps.Equal(m, map[uint64]uint64{x: p, y: p}) {
		t.Fatalf("MergedIDs = %v, want %d and %d into %d", m, x, y, p)
	}
	if m, err := b.MergeOf(x); err != nil || m.Primary != p || m.CaseID != x {
		t.Errorf("MergeOf(%d) = %+v, %v", x, m, err)
	}
	if _, err := b.MergeOf(p); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MergeOf(primary) = %v, want ErrNotFound", err)
	}
	if ms, err := b.MergedCases(p); err != nil || len(ms) != 2 || ms[0].CaseID != x || ms[1].CaseID != y {
		t.Errorf("MergedCases(%d) = %+v, %v", p, ms, err)
	}
	entries, err := b.AuditEntries(store.AuditFilter{ActionPrefix: "case.merge", Limit: 10})
	if err != nil || len(entries) != 2 {
		t.Fatalf("audit case.merge: %+v, %v; want 2 entries", entries, err)
	}
	for _, e := range entries {
		if e.Actor != "rev" || (e.Object != fmt.Sprintf("case:%d", x) && e.Object != fmt.Sprintf("case:%d", y)) ||
			!strings.Contains(e.Detail, fmt.Sprintf("merged into case %d", p)) || !strings.Contains(e.Detail, "同一卖家重复发布") {
			t.Errorf("merge audit entry %+v", e)
		}
	}

	// Chains and second merges are refused, and change nothing.
	head = auditHead(t, b)
	for _, r := range []struct {
		name string
		m    store.Merge
	}{
		{"primary into another", store.Merge{Primary: z, Cases: []uint64{p}, By: "rev"}},
		{"into a merged case", store.Merge{Primary: x, Cases: []uint64{z}, By: "rev"}},
		{"merged again", store.Merge{Primary: z, Cases: []uint64{w, y}, By: "rev"}},
	} {
		if _, err := b.Merge(r.m); !errors.Is(err, store.ErrConflict) {
			t.Errorf("Merge %s: %v, want ErrConflict", r.name, err)
		}
	}
	if m := mergedIDs(); len(m) != 2 || auditHead(t, b) != head {
		t.Fatalf("refused chains changed the merges to %v, audit head %d → %d", m, head, auditHead(t, b))
	}

	// A merged case is decided through its primary.
	if _, _, err := b.Decide(store.Decision{CaseID: x, Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "rev"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("Decide on merged case: %v, want ErrConflict", err)
	}
	if c := mustCase(t, b, x); c.Status != casework.CaseOpen {
		t.Errorf("merged case decided: %s", c.Status)
	}
	c := mustDecide(t, b, store.Decision{CaseID: p, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "dup.example 网站运营者", By: "rev"})
	if c.Status != casework.CaseConfirmed {
		t.Fatalf("primary after confirm: %s", c.Status)
	}
	// A pending case may still join a decided primary.
	if _, err := b.Merge(store.Merge{Primary: p, Cases: []uint64{z}, By: "rev2"}); err != nil {
		t.Fatalf("Merge into the confirmed primary: %v", err)
	}

	// Unmerge restores the case.
	m, err := b.Unmerge(x, "rev2", "不是同一条")
	if err != nil || m.Primary != p || m.CaseID != x {
		t.Fatalf("Unmerge(%d) = %+v, %v", x, m, err)
	}
	if ids := mergedIDs(); !maps.Equal(ids, map[uint64]uint64{y: p, z: p}) {
		t.Errorf("after unmerge MergedIDs = %v", ids)
	}
	if _, err := b.MergeOf(x); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MergeOf unmerged = %v, want ErrNotFound", err)
	}
	if _, err := b.Unmerge(x, "rev2", ""); !errors.Is(err, store.ErrConflict) {
		t.Errorf("Unmerge twice: %v, want ErrConflict", err)
	}
	if _, err := b.Unmerge(9999, "rev2", ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Unmerge missing: %v, want ErrNotFound", err)
	}
	if _, err := b.Unmerge(y, "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Unmerge without actor: %v, want ErrInvalid", err)
	}
	un, err := b.AuditEntries(store.AuditFilter{ActionPrefix: "case.unmerge", Limit: 10})
	if err != nil || len(un) != 1 || un[0].Actor != "rev2" || un[0].Object != fmt.Sprintf("case:%d", x) ||
		!strings.Contains(un[0].Detail, fmt.Sprintf("unmerged from case %d", p)) || !strings.Contains(un[0].Detail, "不是同一条") {
		t.Errorf("audit case.unmerge: %+v, %v", un, err)
	}
	if c := mustDecide(t, b, store.Decision{CaseID: x, Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "rev"}); c.Status != casework.CaseDismissed {
		t.Errorf("unmerged case after dismiss: %s", c.Status)
	}
	// An unmerged case may be merged again, here as a primary of its own.
	if _, err := b.Merge(store.Merge{Primary: x, Cases: []uint64{w}, By: "rev"}); err != nil {
		t.Errorf("Merge into the unmerged case: %v", err)
	}
	if rep, err := b.VerifyAudit(); err != nil || !rep.OK() {
		t.Errorf("VerifyAudit after merges: %+v, %v", rep, err)
	}

	// A merge and a decision on the same case at once: exactly one wins,
	// the other is refused with ErrConflict.
	const pairs = 8
	type result struct{ merge, decide error }
	results := make([]result, pairs)
	var dups []uint64
	var wg sync.WaitGroup
	for i := range pairs {
		primary := flagCase(t, b, sw, fmt.Sprintf("https://race.example/p%d", i), fmt.Sprintf("出售特种作业证 %d", i))
		dup := flagCase(t, b, sw, fmt.Sprintf("https://race.example/d%d", i), fmt.Sprintf("出售特种作业证 重复 %d", i))
		dups = append(dups, dup)
		wg.Go(func() {
			_, results[i].merge = b.Merge(store.Merge{Primary: primary, Cases: []uint64{dup}, By: "rev"})
		})
		wg.Go(func() {
			_, _, results[i].decide = b.Decide(store.Decision{CaseID: dup, Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "rev2"})
		})
	}
	wg.Wait()
	merged := mergedIDs()
	for i, r := range results {
		_, isMerged := merged[dups[i]]
		status := mustCase(t, b, dups[i]).Status
		switch {
		case r.merge == nil && r.decide == nil, r.merge != nil && r.decide != nil:
			t.Errorf("race %d: merge %v, decide %v; want exactly one to succeed", i, r.merge, r.decide)
		case r.merge == nil && (!errors.Is(r.decide, store.ErrConflict) || !isMerged || status != casework.CaseOpen):
			t.Errorf("race %d: merged, but decide %v, merged %v, status %s", i, r.decide, isMerged, status)
		case r.decide == nil && (!errors.Is(r.merge, store.ErrConflict) || isMerged || status != casework.CaseDismissed):
			t.Errorf("race %d: decided, but merge %v, merged %v, status %s", i, r.merge, isMerged, status)
		}
	}
}

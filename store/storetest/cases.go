package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

func testSweeps(t *testing.T, b Backend) {
	if _, err := b.RunningSweep(); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("RunningSweep on an empty store: %v, want ErrNotFound", err)
	}
	first := startSweep(t, b)
	if run, err := b.RunningSweep(); err != nil || run.ID != first || run.Status != store.SweepRunning {
		t.Fatalf("RunningSweep = %+v, %v; want sweep %d running", run, err, first)
	}
	if err := b.FinishSweep(first, store.SweepFinished, json.RawMessage(`{"pages":3}`)); err != nil {
		t.Fatal(err)
	}
	second := startSweep(t, b)
	if second <= first {
		t.Errorf("sweep ids %d then %d: want increasing", first, second)
	}
	if err := b.FinishSweep(second, "done", nil); err == nil {
		t.Error(`FinishSweep accepted status "done"`)
	}
	if err := b.FinishSweep(second+100, store.SweepFinished, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FinishSweep of a missing sweep: %v, want ErrNotFound", err)
	}
	if err := b.FinishSweep(second, store.SweepInterrupted, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := b.RunningSweep(); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RunningSweep after all finished: %v, want ErrNotFound", err)
	}
	list, err := b.Sweeps(0)
	if err != nil || len(list) != 2 || list[0].ID != second || list[1].ID != first {
		t.Fatalf("Sweeps(0) = %+v, %v; want %d then %d", list, err, second, first)
	}
	if string(list[1].Stats) != `{"pages":3}` || list[1].Status != store.SweepFinished || list[1].FinishedAt.IsZero() {
		t.Errorf("finished sweep read back as %+v", list[1])
	}
	if list[0].Status != store.SweepInterrupted {
		t.Errorf("interrupted sweep read back as %+v", list[0])
	}
	if one, err := b.Sweeps(1); err != nil || len(one) != 1 || one[0].ID != second {
		t.Errorf("Sweeps(1) = %+v, %v", one, err)
	}
	if sw, err := b.Sweep(first); err != nil || sw.ID != first || sw.ConfigHash != "cfg" || len(sw.Packs) != 1 {
		t.Errorf("Sweep(%d) = %+v, %v", first, sw, err)
	}
	if _, err := b.Sweep(second + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Sweep of a missing sweep: %v, want ErrNotFound", err)
	}
}

func testRecord(t *testing.T, b Backend) {
	sw1 := startSweep(t, b)
	const url = "https://forum.example/t/1"
	o := observation(sw1, url, "出售安全员证 A")
	first, err := b.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	if first.CaseID == 0 || !first.NewCase || !first.NewSnapshot || !first.NewSighting || first.SnapshotID == 0 {
		t.Fatalf("first Record = %+v; want a new case, snapshot and sighting", first)
	}
	again, err := b.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	if again.CaseID != first.CaseID || again.NewCase || again.NewSnapshot || again.NewSighting || again.SnapshotID != first.SnapshotID {
		t.Errorf("the same observation again = %+v; want nothing new (first %+v)", again, first)
	}
	changed, err := b.Record(observation(sw1, url, "出售安全员证 B"))
	if err != nil {
		t.Fatal(err)
	}
	if changed.CaseID != first.CaseID || !changed.NewSnapshot || changed.NewSighting || changed.SnapshotID == first.SnapshotID {
		t.Errorf("changed content = %+v; want a new snapshot only", changed)
	}
	sw2 := startSweep(t, b)
	later, err := b.Record(observation(sw2, url, "出售安全员证 B"))
	if err != nil {
		t.Fatal(err)
	}
	if later.CaseID != first.CaseID || later.NewSnapshot || !later.NewSighting {
		t.Errorf("next sweep, same content = %+v; want a new sighting only", later)
	}

	c := mustCase(t, b, first.CaseID)
	if c.Status != casework.CaseOpen || c.Key != store.CanonicalURL(url) || c.Sightings != 2 || c.Snapshots != 2 ||
		c.LatestSnapshot != changed.SnapshotID || c.FirstSweep != sw1 || c.LastSweep != sw2 || c.Category != "fake_certificate" {
		t.Errorf("case = %+v", c)
	}
	sightings, err := b.Sightings(c.ID)
	if err != nil || len(sightings) != 2 || sightings[0].SweepID != sw1 || sightings[1].SweepID != sw2 {
		t.Errorf("Sightings = %+v, %v; want sweeps %d, %d", sightings, err, sw1, sw2)
	}
	snaps, err := b.Snapshots(c.ID)
	if err != nil || len(snaps) != 2 {
		t.Fatalf("Snapshots = %+v, %v; want 2", snaps, err)
	}
	for _, sn := range snaps {
		body, err := b.SnapshotBody(sn.ID)
		if err != nil {
			t.Fatalf("SnapshotBody(%d): %v", sn.ID, err)
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != sn.BodySHA256 || len(body) != sn.BodySize || sn.CaseID != c.ID {
			t.Errorf("snapshot %d: body of %d bytes hashes to %x; snapshot says %s, %d bytes", sn.ID, len(body), sum, sn.BodySHA256, sn.BodySize)
		}
	}
	latest, err := b.Snapshot(changed.SnapshotID)
	if err != nil || !bytes.Contains(mustBody(t, b, latest.ID), []byte("出售安全员证 B")) {
		t.Errorf("latest snapshot %+v, %v does not hold the changed content", latest, err)
	}
	if txt, err := b.SnapshotText(latest.ID); err != nil || txt.Text != "出售安全员证 B" {
		t.Errorf("SnapshotText = %+v, %v", txt, err)
	}

	other := flagCase(t, b, sw2, "https://forum.example/t/2", "出售特种作业证")
	if other == c.ID {
		t.Fatal("another URL joined the same case")
	}
	all, err := b.Cases(store.CaseFilter{})
	if err != nil || len(all) != 2 {
		t.Errorf("Cases = %d, %v; want 2", len(all), err)
	}
	if none, err := b.Cases(store.CaseFilter{Category: "no_such_category"}); err != nil || len(none) != 0 {
		t.Errorf("Cases of another category = %d, %v", len(none), err)
	}
	if one, err := b.Cases(store.CaseFilter{Limit: 1}); err != nil || len(one) != 1 {
		t.Errorf("Cases(Limit 1) = %d, %v", len(one), err)
	}
	if _, err := b.Case(other + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Case of a missing id: %v, want ErrNotFound", err)
	}

	bad := observation(sw2, "https://forum.example/t/3", "x")
	bad.BodySHA256 = "00"
	if _, err := b.Record(bad); err == nil {
		t.Error("Record accepted a body that does not match its hash")
	}
	if all, _ := b.Cases(store.CaseFilter{}); len(all) != 2 {
		t.Errorf("a refused Record left %d cases, want 2", len(all))
	}
}

func mustBody(t testing.TB, b Backend, id uint64) []byte {
	t.Helper()
	body, err := b.SnapshotBody(id)
	if err != nil {
		t.Fatalf("SnapshotBody(%d): %v", id, err)
	}
	return body
}

// setups bring a new case into each status: the decisions to apply, by
// alice (and bob for the approval).
var setups = []struct {
	name   string
	steps  []store.Decision
	status casework.CaseStatus
}{
	{"open", nil, casework.CaseOpen},
	{"pending", []store.Decision{confirmPolice("alice")}, casework.CasePendingApproval},
	{"takedown", []store.Decision{confirmTakedown("alice", casework.RouteTakedownCAC)}, casework.CaseConfirmed},
	{"referred", []store.Decision{confirmPolice("alice"), {Action: casework.ActionApprove, By: "bob"}}, casework.CaseConfirmed},
	{"dismissed", []store.Decision{{Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "alice"}}, casework.CaseDismissed},
}

func confirmPolice(by string) store.Decision {
	return store.Decision{Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: by}
}

func confirmTakedown(by string, route casework.Route) store.Decision {
	return store.Decision{Action: casework.ActionConfirm, Route: route, Recipient: "平台甲", By: by}
}

// decisions are one complete decision per action and route, by carol
// (never the confirmer of a setup, so the two-person rule does not stand
// in the way here).
func decisions() []store.Decision {
	var out []store.Decision
	for _, r := range casework.Routes {
		if r.NeedsApproval() {
			out = append(out, confirmPolice("carol"))
		} else {
			out = append(out, confirmTakedown("carol", r))
		}
	}
	return append(out,
		store.Decision{Action: casework.ActionDismiss, Reason: casework.DismissOutOfScope, Note: "外省", By: "carol"},
		store.Decision{Action: casework.ActionApprove, By: "carol"},
		store.Decision{Action: casework.ActionReject, By: "carol"},
		store.Decision{Action: casework.ActionReopen, By: "carol"},
		store.Decision{Action: casework.ActionWithdraw, Note: "证据不足", By: "carol"},
	)
}

// testDecide applies every action (and each route of a confirmation) to
// a case in every status and checks the outcome against casework.Next: a
// move it allows happens with its decision, audit entry and draft
// notice; one it refuses fails with ErrConflict and changes nothing.
func testDecide(t *testing.T, open func(t *testing.T) Backend) {
	b := open(t)
	sw := startSweep(t, b)
	n := 0
	for _, setup := range setups {
		for _, d := range decisions() {
			n++
			name := fmt.Sprintf("%s/%s", setup.name, d.Action)
			if d.Route != "" {
				name += "/" + string(d.Route)
			}
			t.Run(name, func(t *testing.T) {
				id := flagCase(t, b, sw, fmt.Sprintf("https://forum.example/decide/%d", n), "出售安全员证 "+name)
				for _, step := range setup.steps {
					step.CaseID = id
					mustDecide(t, b, step)
				}
				before := mustCase(t, b, id)
				if before.Status != setup.status {
					t.Fatalf("setup %s left the case %s, want %s", setup.name, before.Status, setup.status)
				}
				decided, _ := b.Decisions(id)
				head := auditHead(t, b)

				d.CaseID = id
				want, werr := casework.Next(before.Status, d.Action, d.Route)
				c, dec, err := b.Decide(d)
				if werr != nil {
					if !errors.Is(err, store.ErrConflict) {
						t.Fatalf("Decide: %v; casework says %v, want ErrConflict", err, werr)
					}
					if c != nil || dec != nil {
						t.Errorf("refused Decide returned %+v, %+v", c, dec)
					}
					after := mustCase(t, b, id)
					if after.Status != before.Status || after.NoticeID != before.NoticeID || after.Route != before.Route ||
						after.Recipient != before.Recipient || after.DecidedBy != before.DecidedBy {
						t.Errorf("refused decision changed the case: %+v → %+v", before, after)
					}
					if got, _ := b.Decisions(id); len(got) != len(decided) {
						t.Errorf("refused decision recorded: %d decisions, want %d", len(got), len(decided))
					}
					if h := auditHead(t, b); h != head {
						t.Errorf("refused decision audited: head %d, want %d", h, head)
					}
					return
				}
				if err != nil {
					t.Fatalf("Decide: %v; casework allows %s → %s", err, before.Status, want)
				}
				stored := mustCase(t, b, id)
				if c.Status != want || stored.Status != want || dec.From != before.Status || dec.To != want {
					t.Fatalf("case %s (stored %s), decision %s → %s; want %s → %s", c.Status, stored.Status, dec.From, dec.To, before.Status, want)
				}
				if stored.DecidedBy != d.By || stored.NoticeID != c.NoticeID || dec.NoticeID != c.NoticeID && d.Action != casework.ActionWithdraw {
					t.Errorf("stored case %+v, returned %+v, decision %+v", stored, c, dec)
				}
				if got, _ := b.Decisions(id); len(got) != len(decided)+1 || got[len(got)-1].Seq != dec.Seq || got[len(got)-1].Action != d.Action {
					t.Errorf("decisions %+v, want %d ending with this %s", got, len(decided)+1, d.Action)
				}
				last, err := b.AuditEntries(store.AuditFilter{Limit: 1})
				if err != nil || len(last) != 1 || last[0].Seq != head+1 || last[0].Action != "case."+string(d.Action) ||
					last[0].Actor != d.By || last[0].Object != fmt.Sprintf("case:%d", id) {
					t.Errorf("audit %+v, %v; want entry %d case.%s by %s on case:%d", last, err, head+1, d.Action, d.By, id)
				}
				checkDraft(t, b, stored, before)
			})
		}
	}
}

// checkDraft checks the draft notice a decision left the case in: a
// confirmed case is listed in the draft for its route and recipient, any
// other in none; a case that left a notice is no longer listed there.
func checkDraft(t *testing.T, b Backend, c, before *store.Case) {
	t.Helper()
	switch c.Status {
	case casework.CaseConfirmed:
		if c.NoticeID == 0 {
			t.Fatalf("confirmed case %d joined no notice", c.ID)
		}
		n := mustNotice(t, b, c.NoticeID)
		if n.Status != casework.NoticeDraft || n.Route != c.Route || n.Recipient != c.Recipient || !lists(n, c.ID) {
			t.Errorf("notice %+v; want a draft for %s to %s listing case %d", n, c.Route, c.Recipient, c.ID)
		}
	default:
		if c.NoticeID != 0 {
			t.Errorf("%s case %d is in notice %d", c.Status, c.ID, c.NoticeID)
		}
		if before.NoticeID != 0 && lists(mustNotice(t, b, before.NoticeID), c.ID) {
			t.Errorf("case %d left notice %d but is still listed", c.ID, before.NoticeID)
		}
	}
	if c.Status == casework.CaseOpen && (c.Route != "" || c.Recipient != "" || c.ConfirmedBy != "" || c.DismissReason != "") {
		t.Errorf("open case keeps an earlier decision: %+v", c)
	}
}

// testDecideRefusals: malformed decisions fail with ErrInvalid, a
// missing case with ErrNotFound, and neither changes anything.
func testDecideRefusals(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	id := flagCase(t, b, sw, "https://forum.example/refuse", "出售安全员证")
	with := func(d store.Decision, f func(*store.Decision)) store.Decision { d.CaseID = id; f(&d); return d }
	tests := []struct {
		name string
		d    store.Decision
	}{
		{"unknown route", with(confirmTakedown("carol", casework.RouteTakedownCAC), func(d *store.Decision) { d.Route = "takedown_xyz" })},
		{"no route", with(confirmTakedown("carol", casework.RouteTakedownCAC), func(d *store.Decision) { d.Route = "" })},
		{"no recipient", with(confirmTakedown("carol", casework.RouteTakedownCAC), func(d *store.Decision) { d.Recipient = "" })},
		{"referral without recipient", with(confirmPolice("carol"), func(d *store.Decision) { d.Recipient = "" })},
		{"unknown reason", with(store.Decision{Action: casework.ActionDismiss, By: "carol"}, func(d *store.Decision) { d.Reason = "bored" })},
		{"no reason", with(store.Decision{Action: casework.ActionDismiss, By: "carol"}, func(d *store.Decision) {})},
		{"unknown action", with(store.Decision{Action: "escalate", By: "carol"}, func(d *store.Decision) {})},
		{"no actor", with(confirmTakedown("", casework.RouteTakedownCAC), func(d *store.Decision) {})},
	}
	head := auditHead(t, b)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := b.Decide(tt.d); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("Decide: %v, want ErrInvalid", err)
			}
		})
	}
	if c := mustCase(t, b, id); c.Status != casework.CaseOpen || c.NoticeID != 0 {
		t.Errorf("refused decisions changed the case: %+v", c)
	}
	if got, _ := b.Decisions(id); len(got) != 0 {
		t.Errorf("refused decisions recorded: %+v", got)
	}
	if h := auditHead(t, b); h != head {
		t.Errorf("refused decisions audited: head %d, want %d", h, head)
	}
	if _, _, err := b.Decide(store.Decision{CaseID: id + 100, Action: casework.ActionReopen, By: "carol"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Decide on a missing case: %v, want ErrNotFound", err)
	}
	// Withdrawing needs a reason.
	mustDecide(t, b, with(confirmTakedown("carol", casework.RouteTakedownCAC), func(*store.Decision) {}))
	if _, _, err := b.Decide(store.Decision{CaseID: id, Action: casework.ActionWithdraw, By: "carol"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("withdraw without a note: %v, want ErrInvalid", err)
	}
}

// testTwoPersonRule: a police referral waits for a second person; its
// confirmer cannot approve it; the approval puts it in a referral draft
// that is then numbered and sent like any notice. A confirmation cannot
// be withdrawn once its notice is approved.
func testTwoPersonRule(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	id := flagCase(t, b, sw, "https://forum.example/referral", "出售安全员证 假证")
	c := mustDecide(t, b, store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	if c.Status != casework.CasePendingApproval || c.NoticeID != 0 || c.ConfirmedBy != "alice" {
		t.Fatalf("confirmed referral %+v; want pending approval in no notice", c)
	}
	head := auditHead(t, b)
	if _, _, err := b.Decide(store.Decision{CaseID: id, Action: casework.ActionApprove, By: "alice"}); !errors.Is(err, store.ErrSecondPerson) {
		t.Fatalf("the confirmer approving: %v, want ErrSecondPerson", err)
	}
	if c := mustCase(t, b, id); c.Status != casework.CasePendingApproval || c.ApprovedBy != "" || auditHead(t, b) != head {
		t.Fatalf("a refused self-approval changed the case %+v or the log", c)
	}
	c = mustDecide(t, b, store.Decision{CaseID: id, Action: casework.ActionApprove, By: "bob"})
	if c.Status != casework.CaseConfirmed || c.ConfirmedBy != "alice" || c.ApprovedBy != "bob" || c.NoticeID == 0 {
		t.Fatalf("approved referral %+v", c)
	}
	n := mustNotice(t, b, c.NoticeID)
	if n.Route != casework.RoutePoliceReferral || n.Recipient != "区公安分局" || n.Status != casework.NoticeDraft || !lists(n, id) {
		t.Fatalf("referral notice %+v", n)
	}

	// Approving a notice needs its number and deadline.
	if _, err := b.MoveNotice(n.ID, store.NoticeMove{To: casework.NoticeApproved, By: "bob"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("approving without a number: %v, want ErrInvalid", err)
	}
	n = mustMove(t, b, n.ID, approval("bob", "公移〔2024〕1号"))
	if n.Status != casework.NoticeApproved || n.ApprovedBy != "bob" || n.Number != "公移〔2024〕1号" || n.IssuedAt.IsZero() {
		t.Errorf("approved notice %+v", n)
	}
	if _, _, err := b.Decide(store.Decision{CaseID: id, Action: casework.ActionWithdraw, Note: "撤回", By: "alice"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("withdrawing a case from an approved notice: %v, want ErrConflict", err)
	}
	// The approved notice is closed: a referral confirmed later for the
	// same recipient starts a new draft.
	id2 := flagCase(t, b, sw, "https://forum.example/referral-2", "出售安全员证 假证 2")
	mustDecide(t, b, store.Decision{CaseID: id2, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "carol"})
	c2 := mustDecide(t, b, store.Decision{CaseID: id2, Action: casework.ActionApprove, By: "alice"})
	if c2.NoticeID == 0 || c2.NoticeID == n.ID {
		t.Errorf("a referral after approval joined notice %d; want a new draft, not %d", c2.NoticeID, n.ID)
	}
	if ns, err := b.Notices(store.NoticeFilter{}); err != nil || len(ns) != 2 {
		t.Errorf("Notices = %d, %v; want 2", len(ns), err)
	}
	entries, err := b.AuditEntries(store.AuditFilter{Object: fmt.Sprintf("notice:%d", n.ID)})
	if err != nil || len(entries) != 1 || entries[0].Action != "notice.approved" || entries[0].Actor != "bob" {
		t.Errorf("audit of notice %d = %+v, %v; want one notice.approved by bob", n.ID, entries, err)
	}
}

// noticePaths are the moves that bring a draft into each state.
var noticePaths = []struct {
	state casework.NoticeState
	path  []casework.NoticeState
}{
	{casework.NoticeDraft, nil},
	{casework.NoticeApproved, []casework.NoticeState{casework.NoticeApproved}},
	{casework.NoticeSent, []casework.NoticeState{casework.NoticeApproved, casework.NoticeSent}},
	{casework.NoticeAcknowledged, []casework.NoticeState{casework.NoticeApproved, casework.NoticeSent, casework.NoticeAcknowledged}},
	{casework.NoticeRemoved, []casework.NoticeState{casework.NoticeApproved, casework.NoticeSent, casework.NoticeRemoved}},
	{casework.NoticeRefused, []casework.NoticeState{casework.NoticeApproved, casework.NoticeSent, casework.NoticeRefused}},
}

func moveTo(s casework.NoticeState, number string) store.NoticeMove {
	if s == casework.NoticeApproved {
		return approval("boss", number)
	}
	return store.NoticeMove{To: s, By: "clerk", Note: "第" + string(s) + "步"}
}

// testNoticeMachine moves a notice in every state to every state and
// checks the outcome against casework.CheckNoticeMove.
func testNoticeMachine(t *testing.T, open func(t *testing.T) Backend) {
	b := open(t)
	sw := startSweep(t, b)
	n := 0
	for _, from := range noticePaths {
		for _, to := range casework.NoticeStates {
			n++
			t.Run(fmt.Sprintf("%s→%s", from.state, to), func(t *testing.T) {
				id := flagCase(t, b, sw, fmt.Sprintf("https://forum.example/notice/%d", n), "出售安全员证")
				// A recipient of its own, so each notice is a new draft.
				d := confirmTakedown("carol", casework.RouteTakedownSAMR)
				d.CaseID, d.Recipient = id, fmt.Sprintf("平台%d", n)
				c := mustDecide(t, b, d)
				for _, s := range from.path {
					mustMove(t, b, c.NoticeID, moveTo(s, fmt.Sprintf("函〔2024〕%d号", n)))
				}
				before := mustNotice(t, b, c.NoticeID)
				if before.Status != from.state {
					t.Fatalf("setup left the notice %s, want %s", before.Status, from.state)
				}
				head := auditHead(t, b)
				got, err := b.MoveNotice(c.NoticeID, moveTo(to, fmt.Sprintf("函〔2024〕%d号", n)))
				if werr := casework.CheckNoticeMove(from.state, to); werr != nil {
					if err == nil {
						t.Fatalf("MoveNotice allowed what casework refuses: %v", werr)
					}
					if errors.Is(werr, casework.ErrNotAllowed) && !errors.Is(err, store.ErrConflict) {
						t.Errorf("MoveNotice: %v, want ErrConflict", err)
					}
					if after := mustNotice(t, b, c.NoticeID); after.Status != before.Status || len(after.History) != len(before.History) || auditHead(t, b) != head {
						t.Errorf("a refused move changed the notice or the log: %+v", after)
					}
					return
				}
				if err != nil {
					t.Fatalf("MoveNotice: %v; casework allows it", err)
				}
				stored := mustNotice(t, b, c.NoticeID)
				if got.Status != to || stored.Status != to || len(stored.History) != len(before.History)+1 {
					t.Errorf("notice moved to %s (stored %s, %d events); want %s after %d events", got.Status, stored.Status, len(stored.History), to, len(before.History))
				}
				ev := stored.History[len(stored.History)-1]
				if ev.From != from.state || ev.To != to || ev.By == "" {
					t.Errorf("last event %+v", ev)
				}
				last, err := b.AuditEntries(store.AuditFilter{Limit: 1})
				if err != nil || len(last) != 1 || last[0].Seq != head+1 || last[0].Action != "notice."+string(to) ||
					last[0].Object != fmt.Sprintf("notice:%d", c.NoticeID) {
					t.Errorf("audit %+v, %v; want notice.%s on notice:%d", last, err, to, c.NoticeID)
				}
				if to == casework.NoticeDraft && (stored.Number != "" || stored.ApprovedBy != "") {
					t.Errorf("a notice back to draft keeps its approval: %+v", stored)
				}
			})
		}
	}
	if _, err := b.MoveNotice(9999, moveTo(casework.NoticeApproved, "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MoveNotice of a missing notice: %v, want ErrNotFound", err)
	}
}

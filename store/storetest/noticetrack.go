package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// testNoticeTracking (issue 13) runs the tracking subtests: follow-ups,
// reminders and escalations.
func testNoticeTracking(t *testing.T, open func(t *testing.T) Backend) {
	t.Run("FollowUps", func(t *testing.T) { testFollowUps(t, open(t)) })
	t.Run("Reminders", func(t *testing.T) { testReminders(t, open(t)) })
	t.Run("Escalation", func(t *testing.T) { testEscalation(t, open(t)) })
}

func mustTrack(t testing.TB, b Backend, id uint64) *store.NoticeTrack {
	t.Helper()
	tr, err := b.NoticeTrack(id)
	if err != nil {
		t.Fatalf("NoticeTrack(%d): %v", id, err)
	}
	return tr
}

// lastAudit is the newest audit entry.
func lastAudit(t testing.TB, b Backend) store.AuditEntry {
	t.Helper()
	last, err := b.AuditEntries(store.AuditFilter{Limit: 1})
	if err != nil || len(last) != 1 {
		t.Fatalf("AuditEntries: %v, %v", last, err)
	}
	return last[0]
}

// testFollowUps: a sent notice records delivery, receipt and reply in
// order, read back as entered (times to the second) and audited; updates
// outside the rules are refused with nothing recorded; a notice not sent
// records none; tracking of many notices at once has only those with
// something recorded.
func testFollowUps(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	n, _ := sentNotice(t, b, sw, "平台乙", "网信函〔2024〕21号", []time.Duration{time.Hour}, "https://shop.example/t/1")
	draftCase := flagCase(t, b, sw, "https://shop.example/t/draft", "出售特种作业证")
	d := confirmTakedown("carol", casework.RouteTakedownCAC)
	d.CaseID, d.Recipient = draftCase, "平台丙"
	draft := mustDecide(t, b, d).NoticeID

	if tr := mustTrack(t, b, n.ID); tr.NoticeID != n.ID || len(tr.Events)+len(tr.Reminders)+len(tr.Escalations) != 0 || tr.From != 0 {
		t.Fatalf("tracking of a notice nothing was recorded on: %+v", tr)
	}
	if _, err := b.NoticeTrack(n.ID + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("tracking of a missing notice: %v, want ErrNotFound", err)
	}
	now := time.Now()
	head := auditHead(t, b)
	for _, c := range []struct {
		name string
		id   uint64
		u    store.TrackUpdate
		want error
	}{
		{"draft", draft, store.TrackUpdate{Kind: casework.TrackDelivery, Channel: casework.ChannelEmail, At: now, By: "clerk"}, store.ErrConflict},
		{"missing notice", n.ID + 100, store.TrackUpdate{Kind: casework.TrackReceipt, At: now, By: "clerk"}, store.ErrNotFound},
		{"unknown kind", n.ID, store.TrackUpdate{Kind: "opened", At: now, By: "clerk"}, store.ErrInvalid},
		{"unknown channel", n.ID, store.TrackUpdate{Kind: casework.TrackDelivery, Channel: "pigeon", At: now, By: "clerk"}, store.ErrInvalid},
		{"no channel", n.ID, store.TrackUpdate{Kind: casework.TrackDelivery, At: now, By: "clerk"}, store.ErrInvalid},
		{"channel on a receipt", n.ID, store.TrackUpdate{Kind: casework.TrackReceipt, Channel: casework.ChannelEmail, At: now, By: "clerk"}, store.ErrInvalid},
		{"no time", n.ID, store.TrackUpdate{Kind: casework.TrackReceipt, By: "clerk"}, store.ErrInvalid},
		{"future", n.ID, store.TrackUpdate{Kind: casework.TrackReceipt, At: now.Add(2 * time.Hour), By: "clerk"}, store.ErrInvalid},
		{"before sending", n.ID, store.TrackUpdate{Kind: casework.TrackReceipt, At: now.Add(-72 * time.Hour), By: "clerk"}, store.ErrInvalid},
		{"reply without text", n.ID, store.TrackUpdate{Kind: casework.TrackReply, Text: "  ", At: now, By: "clerk"}, store.ErrInvalid},
		{"reply too long", n.ID, store.TrackUpdate{Kind: casework.TrackReply, Text: strings.Repeat("删", store.MaxReplyText+1), At: now, By: "clerk"}, store.ErrInvalid},
		{"no actor", n.ID, store.TrackUpdate{Kind: casework.TrackReceipt, At: now}, store.ErrInvalid},
	} {
		if _, err := b.TrackNotice(c.id, c.u); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if h := auditHead(t, b); h != head || len(mustTrack(t, b, n.ID).Events) != 0 {
		t.Fatalf("refused follow-ups were recorded (audit head %d, was %d)", h, head)
	}

	delivered := now.Add(-2 * time.Hour).Truncate(time.Minute)
	steps := []store.TrackUpdate{
		{Kind: casework.TrackDelivery, Channel: casework.ChannelPlatform, At: delivered, By: "clerk"},
		{Kind: casework.TrackReceipt, At: delivered.Add(30 * time.Minute), By: "clerk"},
		{Kind: casework.TrackReply, At: delivered.Add(time.Hour), Text: "  已对涉事店铺下架处理，账号已封禁。\n", By: "wang"},
	}
	for _, u := range steps {
		tr, err := b.TrackNotice(n.ID, u)
		if err != nil {
			t.Fatalf("TrackNotice %s: %v", u.Kind, err)
		}
		if got := tr.Latest(u.Kind); got == nil || !got.At.Equal(u.At) {
			t.Fatalf("after recording %s: %+v", u.Kind, tr)
		}
		// The follow-up's entry (a receipt's is followed by its move's).
		es, err := b.AuditEntries(store.AuditFilter{Limit: 2})
		if err != nil || len(es) != 2 {
			t.Fatalf("AuditEntries: %v, %v", es, err)
		}
		a := es[0]
		if u.Kind == casework.TrackReceipt {
			a = es[1]
			if es[0].Action != "notice.acknowledged" || es[0].Actor != u.By {
				t.Errorf("audit of the receipt's move: %+v", es[0])
			}
		}
		if a.Action != "notice."+string(u.Kind) || a.Object != fmt.Sprintf("notice:%d", n.ID) || a.Actor != u.By {
			t.Errorf("audit of %s: %+v", u.Kind, a)
		}
	}
	// The receipt acknowledged the notice, once.
	acked := mustNotice(t, b, n.ID)
	if acked.Status != casework.NoticeAcknowledged || acked.AckAt.IsZero() || len(acked.History) != 4 ||
		acked.History[3].To != casework.NoticeAcknowledged || acked.History[3].By != "clerk" {
		t.Errorf("after the receipt: status %s, ack %v, history %+v; want acknowledged by clerk", acked.Status, acked.AckAt, acked.History)
	}
	tr := mustTrack(t, b, n.ID)
	if len(tr.Events) != 3 {
		t.Fatalf("events %+v, want 3", tr.Events)
	}
	for i, ev := range tr.Events {
		if ev.Kind != steps[i].Kind || !ev.At.Equal(steps[i].At) || ev.By != steps[i].By || ev.Recorded.IsZero() || ev.At.Location() != time.UTC {
			t.Errorf("event %d: %+v, want %+v", i, ev, steps[i])
		}
	}
	if ev := tr.Latest(casework.TrackDelivery); ev.Channel != casework.ChannelPlatform {
		t.Errorf("delivery channel %q", ev.Channel)
	}
	if !tr.Replied() || tr.Latest(casework.TrackReply).Text != "已对涉事店铺下架处理，账号已封禁。" {
		t.Errorf("reply %+v (the text is kept trimmed)", tr.Latest(casework.TrackReply))
	}
	// A later reply is a new event; the latest is the current one.
	if _, err := b.TrackNotice(n.ID, store.TrackUpdate{Kind: casework.TrackReply, At: now, Text: "补充答复：已全部删除。", By: "wang"}); err != nil {
		t.Fatal(err)
	}
	if got := mustTrack(t, b, n.ID).Latest(casework.TrackReply).Text; got != "补充答复：已全部删除。" {
		t.Errorf("latest reply %q", got)
	}
	all, err := b.NoticeTracks([]uint64{n.ID, draft, n.ID + 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || len(all[n.ID].Events) != 4 {
		t.Errorf("NoticeTracks = %+v; want only notice %d with 4 events", all, n.ID)
	}
	if _, err := b.NoticeTracks(make([]uint64, store.MaxNoticeTracks+1)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("NoticeTracks over the bound: %v, want ErrInvalid", err)
	}
	if r, err := b.VerifyAudit(); err != nil || !r.OK() {
		t.Errorf("VerifyAudit = %+v, %v", r, err)
	}
}

// reminderStore is the reminder job's view of a backend.
func reminderStore(t *testing.T, b Backend) sweep.ReminderStore {
	t.Helper()
	rs, ok := b.(sweep.ReminderStore)
	if !ok {
		t.Fatalf("%T does not implement sweep.ReminderStore: notice reminders are untested", b)
	}
	return rs
}

// testReminders: a reminder is recorded once per notice, kind and
// deadline — the first call queues its in-app message (stored delivered,
// never due for a deliverer) and audits, repeats change nothing, also
// when many writers race — and another deadline or kind is a new one.
func testReminders(t *testing.T, b Backend) {
	rs := reminderStore(t, b)
	sw := startSweep(t, b)
	n, _ := sentNotice(t, b, sw, "平台乙", "网信函〔2024〕22号", []time.Duration{time.Hour}, "https://shop.example/r/1")
	deadline := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	msg := func(s string) store.Message {
		return store.Message{Kind: sweep.InAppKind, Target: "网信办", Subject: s, Payload: []byte(`{"notice":1}`)}
	}
	r := store.NoticeReminder{NoticeID: n.ID, Kind: casework.ReminderDueSoon, Deadline: deadline}
	if ok, err := rs.RemindNotice(r, msg("即将到期")); err != nil || !ok {
		t.Fatalf("first reminder: %v, %v", ok, err)
	}
	head := auditHead(t, b)
	if a := lastAudit(t, b); a.Action != "notice.reminder" || a.Object != fmt.Sprintf("notice:%d", n.ID) || a.Actor != "system" {
		t.Errorf("audit of the reminder: %+v", a)
	}
	if ok, err := rs.RemindNotice(r, msg("again")); err != nil || ok {
		t.Fatalf("the same reminder again: %v, %v; want false", ok, err)
	}
	if h := auditHead(t, b); h != head {
		t.Errorf("a repeated reminder was audited")
	}
	msgs, err := b.Messages(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Kind != sweep.InAppKind || msgs[0].Subject != "即将到期" || msgs[0].Sent.IsZero() {
		t.Fatalf("messages %+v; want the one in-app message, delivered", msgs)
	}
	if due, err := b.DueMessages(time.Now().Add(time.Hour), 0); err != nil || len(due) != 0 {
		t.Errorf("an in-app message is due for delivery: %+v, %v", due, err)
	}
	tr := mustTrack(t, b, n.ID)
	if len(tr.Reminders) != 1 || tr.Reminders[0].MessageID != msgs[0].ID || !tr.Reminders[0].Deadline.Equal(deadline) ||
		tr.Reminders[0].Kind != casework.ReminderDueSoon || tr.Reminders[0].At.IsZero() {
		t.Fatalf("reminders %+v (message %d)", tr.Reminders, msgs[0].ID)
	}

	// Many processes' jobs at once: one wins.
	over := store.NoticeReminder{NoticeID: n.ID, Kind: casework.ReminderOverdue, Deadline: deadline}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range 8 {
		wg.Go(func() {
			ok, err := rs.RemindNotice(over, msg("已逾期"))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				won++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if won != 1 {
		t.Errorf("%d of 8 concurrent overdue reminders were recorded, want 1", won)
	}
	if a := lastAudit(t, b); a.Action != "notice.overdue" {
		t.Errorf("audit of the overdue reminder: %+v", a)
	}
	// A new deadline (the notice withdrawn and signed again) is reminded
	// of again.
	if ok, err := rs.RemindNotice(store.NoticeReminder{NoticeID: n.ID, Kind: casework.ReminderDueSoon, Deadline: deadline.Add(24 * time.Hour)}, msg("新期限")); err != nil || !ok {
		t.Errorf("a reminder for another deadline: %v, %v", ok, err)
	}
	if msgs, _ := b.Messages(0); len(msgs) != 3 {
		t.Errorf("%d messages, want 3", len(msgs))
	}
	if len(mustTrack(t, b, n.ID).Reminders) != 3 {
		t.Errorf("reminders %+v, want 3", mustTrack(t, b, n.ID).Reminders)
	}
	for _, c := range []struct {
		name string
		r    store.NoticeReminder
		want error
	}{
		{"missing notice", store.NoticeReminder{NoticeID: n.ID + 100, Kind: casework.ReminderDueSoon, Deadline: deadline}, store.ErrNotFound},
		{"unknown kind", store.NoticeReminder{NoticeID: n.ID, Kind: "nag", Deadline: deadline}, store.ErrInvalid},
		{"no deadline", store.NoticeReminder{NoticeID: n.ID, Kind: casework.ReminderDueSoon}, store.ErrInvalid},
	} {
		if _, err := rs.RemindNotice(c.r, msg(c.name)); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if msgs, _ := b.Messages(0); len(msgs) != 3 {
		t.Errorf("refused reminders queued messages: %d, want 3", len(msgs))
	}
}

// testEscalation: a sent notice with a listing still online drafts a
// second notice (same route and recipient) and a referral (to the
// police), each once, listing only what is not gone; the drafts are
// linked both ways, are not the current draft (new confirmations do not
// join them), and go through approval and sending like any notice.
func testEscalation(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	urls := []string{"https://shop.example/e/1", "https://shop.example/e/2"}
	n, ids := sentNotice(t, b, sw, "平台乙", "网信函〔2024〕23号", []time.Duration{time.Hour}, urls...)
	second := store.EscalationRequest{From: n.ID, Kind: casework.EscalateSecondNotice, By: "wang", Note: "平台未答复"}
	head := auditHead(t, b)
	if _, err := b.EscalateNotice(second); !errors.Is(err, store.ErrConflict) {
		t.Errorf("escalating before any check found a listing online (deadline ahead): %v, want ErrConflict", err)
	}
	for _, c := range []struct {
		name string
		req  store.EscalationRequest
		want error
	}{
		{"unknown kind", store.EscalationRequest{From: n.ID, Kind: "shout", By: "wang"}, store.ErrInvalid},
		{"no actor", store.EscalationRequest{From: n.ID, Kind: casework.EscalateReferral}, store.ErrInvalid},
		{"missing notice", store.EscalationRequest{From: n.ID + 100, Kind: casework.EscalateReferral, By: "wang"}, store.ErrNotFound},
	} {
		if _, err := b.EscalateNotice(c.req); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if h := auditHead(t, b); h != head {
		t.Fatalf("refused escalations were audited")
	}
	if _, err := b.RecordChecks(n.ID, 1, "system", []store.ItemCheck{
		response(ids[0], urls[0], casework.OutcomeRemoved, 404, "gone"),
		response(ids[1], urls[1], casework.OutcomeLive, 200, "出售安全员证 仍在"),
	}); err != nil {
		t.Fatal(err)
	}

	sn, err := b.EscalateNotice(second)
	if err != nil {
		t.Fatal(err)
	}
	if sn.ID == n.ID || sn.Route != n.Route || sn.Recipient != n.Recipient || sn.Status != casework.NoticeDraft ||
		len(sn.Items) != 1 || sn.Items[0].CaseID != ids[1] || sn.Items[0].Outcome != "" || len(sn.Items[0].Checks) != 0 {
		t.Fatalf("second notice %+v", sn)
	}
	stored := mustNotice(t, b, sn.ID)
	if len(stored.History) != 1 || stored.History[0].To != casework.NoticeDraft || !strings.Contains(stored.History[0].Note, fmt.Sprintf("#%d", n.ID)) ||
		len(stored.Items) != 1 || stored.Items[0].URL != urls[1] {
		t.Errorf("stored second notice %+v", stored)
	}
	if a := lastAudit(t, b); a.Action != "notice.escalate" || a.Object != fmt.Sprintf("notice:%d", n.ID) || a.Actor != "wang" {
		t.Errorf("audit of the escalation: %+v", a)
	}
	if _, err := b.EscalateNotice(second); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second escalation of the same kind: %v, want ErrConflict", err)
	}
	ref, err := b.EscalateNotice(store.EscalationRequest{From: n.ID, Kind: casework.EscalateReferral, Recipient: "区公安分局", By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	if ref.Route != casework.RoutePoliceReferral || ref.Recipient != "区公安分局" || len(ref.Items) != 1 {
		t.Errorf("referral %+v", ref)
	}
	if _, err := b.EscalateNotice(store.EscalationRequest{From: ref.ID, Kind: casework.EscalateReferral, By: "wang"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("escalating a referral to a referral: %v, want ErrInvalid", err)
	}

	ft := mustTrack(t, b, n.ID)
	if len(ft.Escalations) != 2 || ft.Escalation(casework.EscalateSecondNotice).To != sn.ID || ft.Escalation(casework.EscalateReferral).To != ref.ID ||
		ft.Escalations[0].By != "wang" || ft.Escalations[0].At.IsZero() {
		t.Errorf("first notice's escalations %+v", ft.Escalations)
	}
	for _, x := range []struct {
		id   uint64
		kind casework.Escalation
	}{{sn.ID, casework.EscalateSecondNotice}, {ref.ID, casework.EscalateReferral}} {
		if tr := mustTrack(t, b, x.id); tr.From != n.ID || tr.FromKind != x.kind {
			t.Errorf("notice %d's tracking %+v; want drafted from %d as %s", x.id, tr, n.ID, x.kind)
		}
	}
	all, err := b.NoticeTracks([]uint64{n.ID, sn.ID, ref.ID})
	if err != nil || len(all) != 3 || all[sn.ID].From != n.ID || len(all[n.ID].Escalations) != 2 {
		t.Errorf("NoticeTracks = %+v, %v", all, err)
	}

	// A case confirmed now for the same recipient starts or joins the
	// current draft, never the escalation.
	late := flagCase(t, b, sw, "https://shop.example/e/3", "出售安全员证 新")
	d := confirmTakedown("carol", casework.RouteTakedownCAC)
	d.CaseID, d.Recipient = late, n.Recipient
	if c := mustDecide(t, b, d); c.NoticeID == sn.ID || c.NoticeID == 0 {
		t.Errorf("a new confirmation joined notice %d (the escalation is %d)", c.NoticeID, sn.ID)
	}
	if got := mustNotice(t, b, sn.ID); len(got.Items) != 1 {
		t.Errorf("the escalation lists %d items after a new confirmation", len(got.Items))
	}
	// The same approval flow.
	mustMove(t, b, sn.ID, approval("boss", "网信函〔2024〕24号"))
	sent := mustMove(t, b, sn.ID, store.NoticeMove{To: casework.NoticeSent, By: "clerk", CheckAfter: []time.Duration{time.Hour}})
	if sent.Status != casework.NoticeSent || sent.Number != "网信函〔2024〕24号" || len(sent.CheckDue) != 1 {
		t.Errorf("escalation after approval and sending: %+v", sent)
	}
	if r, err := b.VerifyAudit(); err != nil || !r.OK() {
		t.Errorf("VerifyAudit = %+v, %v", r, err)
	}
}

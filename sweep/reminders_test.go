package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// reminderNotice records a case on url, confirms it onto a 网信办 notice
// to recipient, signs it with the deadline and sends it (at the store's
// clock), and returns the notice.
func reminderNotice(t *testing.T, st *store.Store, sweepID uint64, url, recipient string, deadline time.Time) *store.Notice {
	t.Helper()
	res, err := st.Record(store.Observation{SweepID: sweepID, CaseKey: url, URL: url, Status: 200, Body: []byte("<html>" + url),
		Score: 20, Category: "cert_sale", Finding: json.RawMessage(`{"route":"takedown_cac"}`)})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := st.Decide(store.Decision{CaseID: res.CaseID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC,
		Recipient: recipient, By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeApproved, By: "shen",
		Number: "网信函〔2026〕" + fmt.Sprint(c.NoticeID) + "号", Deadline: deadline}); err != nil {
		t.Fatal(err)
	}
	n, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeSent, By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// inApp lists the in-app messages, oldest first.
func inApp(t *testing.T, st *store.Store) []store.Message {
	t.Helper()
	msgs, err := st.Messages(0)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Message
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Kind == InAppKind {
			out = append(out, msgs[i])
		}
	}
	return out
}

// TestReminderDue pins which reminder a notice needs when.
func TestReminderDue(t *testing.T) {
	deadline := time.Date(2026, 3, 13, 2, 0, 0, 0, time.UTC)
	sent := store.Notice{Status: casework.NoticeSent, Deadline: deadline}
	for _, c := range []struct {
		name string
		n    store.Notice
		now  time.Time
		want casework.ReminderKind
	}{
		{"two days ahead", sent, deadline.Add(-48 * time.Hour), ""},
		{"just before the window", sent, deadline.Add(-24*time.Hour - time.Second), ""},
		{"window opens", sent, deadline.Add(-24 * time.Hour), casework.ReminderDueSoon},
		{"at the deadline", sent, deadline, casework.ReminderDueSoon},
		{"just after", sent, deadline.Add(time.Second), casework.ReminderOverdue},
		{"acknowledged, after", store.Notice{Status: casework.NoticeAcknowledged, Deadline: deadline}, deadline.Add(time.Hour), casework.ReminderOverdue},
		{"removed", store.Notice{Status: casework.NoticeRemoved, Deadline: deadline}, deadline.Add(time.Hour), ""},
		{"refused", store.Notice{Status: casework.NoticeRefused, Deadline: deadline}, deadline.Add(time.Hour), ""},
		{"approved, not sent", store.Notice{Status: casework.NoticeApproved, Deadline: deadline}, deadline.Add(time.Hour), ""},
		{"no deadline", store.Notice{Status: casework.NoticeSent}, deadline, ""},
	} {
		got, ok := ReminderDue(&c.n, c.now, 24*time.Hour)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s: %q %v, want %q", c.name, got, ok, c.want)
		}
		// The overdue reminder agrees with the state the UI shows.
		if c.n.Status.Waiting() && !c.n.Deadline.IsZero() && (got == casework.ReminderOverdue) != (c.n.State(c.now) == casework.NoticeOverdue) {
			t.Errorf("%s: reminder %q but state %s", c.name, got, c.n.State(c.now))
		}
	}
}

// TestReminderRuns drives the reminder job with an injected clock over a
// bbolt file: nothing early; one reminder a day ahead, not repeated by
// later runs, by a restarted process or by two runs at once; an overdue
// one after the deadline; a notice found already overdue gets only the
// overdue one; a closed notice none. Messages are in-app, delivered as
// stored, in Chinese with the deadline in Beijing time and a link.
func TestReminderRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	start := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) // 10:00 in Beijing
	clock := &testClock{t: start}
	st, err := store.Open(path, store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { st.Close() }()
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	deadline := start.Add(72 * time.Hour)
	a := reminderNotice(t, st, sw.ID, "http://shop.example/a", "平台甲", deadline)
	b := reminderNotice(t, st, sw.ID, "http://shop.example/b", "平台乙", start.Add(time.Hour))
	c := reminderNotice(t, st, sw.ID, "http://shop.example/c", "平台丙", start.Add(time.Hour))
	if _, err := st.MoveNotice(c.ID, store.NoticeMove{To: casework.NoticeRemoved, By: "wang"}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := &Reminder{Store: st, UI: "http://127.0.0.1:8080", Log: log}
	ctx := context.Background()
	run := func(at time.Time, want int) {
		t.Helper()
		clock.t = at
		n, err := r.Run(ctx, at)
		if err != nil || n != want {
			t.Fatalf("run at %v: sent %d, %v; want %d", at, n, err, want)
		}
	}

	// b's deadline passes an hour in: only its overdue reminder, never a
	// "due soon" afterwards.
	run(start.Add(30*time.Minute), 1) // b due soon (deadline within 24 h)
	run(start.Add(2*time.Hour), 1)    // b overdue
	run(start.Add(3*time.Hour), 0)
	run(deadline.Add(-25*time.Hour), 0) // a: not yet
	run(deadline.Add(-23*time.Hour), 1) // a: due soon
	run(deadline.Add(-22*time.Hour), 0)

	// A restart: the same file, a new store and job.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(path, store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	r = &Reminder{Store: st, UI: "http://127.0.0.1:8080", Log: log}
	run(deadline.Add(-time.Hour), 0)

	// Two runs at once after the deadline: one overdue reminder.
	clock.t = deadline.Add(time.Minute)
	var wg sync.WaitGroup
	sent := make([]int, 2)
	for i := range sent {
		wg.Go(func() {
			rr := &Reminder{Store: st, UI: "http://127.0.0.1:8080", Log: log}
			n, err := rr.Run(ctx, deadline.Add(time.Minute))
			if err != nil {
				t.Error(err)
			}
			sent[i] = n
		})
	}
	wg.Wait()
	if sent[0]+sent[1] != 1 {
		t.Errorf("two concurrent runs sent %v, want one reminder in all", sent)
	}

	msgs := inApp(t, st)
	if len(msgs) != 4 {
		t.Fatalf("%d in-app messages, want 4: %+v", len(msgs), msgs)
	}
	want := []struct {
		notice uint64
		kind   casework.ReminderKind
		text   string
	}{
		{b.ID, casework.ReminderDueSoon, "将于 2026-03-10 11:00（北京时间）到期"},
		{b.ID, casework.ReminderOverdue, "已于 2026-03-10 11:00（北京时间）逾期"},
		{a.ID, casework.ReminderDueSoon, "将于 2026-03-13 10:00（北京时间）到期"},
		{a.ID, casework.ReminderOverdue, "已于 2026-03-13 10:00（北京时间）逾期"},
	}
	for i, m := range msgs {
		var p ReminderPayload
		if err := json.Unmarshal(m.Payload, &p); err != nil {
			t.Fatal(err)
		}
		w := want[i]
		if p.Notice != w.notice || p.Kind != w.kind || !strings.Contains(m.Subject, w.text) || m.Sent.IsZero() ||
			m.Target != "网信办" || p.Link != fmt.Sprintf("http://127.0.0.1:8080/notices/%d", w.notice) {
			t.Errorf("message %d: %+v %+v; want notice %d %s %q", i, m, p, w.notice, w.kind, w.text)
		}
	}
	if due, err := st.DueMessages(deadline.Add(time.Hour), 0); err != nil || len(due) != 0 {
		t.Errorf("in-app messages due for delivery: %+v %v", due, err)
	}
	// Each is recorded on its notice and audited.
	for _, n := range []*store.Notice{a, b} {
		tr, err := st.NoticeTrack(n.ID)
		if err != nil || len(tr.Reminders) != 2 {
			t.Errorf("notice %d reminders %+v, %v", n.ID, tr, err)
		}
	}
	if tr, _ := st.NoticeTrack(c.ID); len(tr.Reminders) != 0 {
		t.Errorf("the removed notice was reminded: %+v", tr.Reminders)
	}
	es, err := st.AuditEntries(store.AuditFilter{ActionPrefix: "notice.overdue"})
	if err != nil || len(es) != 2 {
		t.Errorf("overdue audit entries %+v, %v; want 2", es, err)
	}
}

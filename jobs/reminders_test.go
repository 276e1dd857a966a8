package jobs

import (
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// TestReminderJob: the periodic reminder job runs at start and sends the
// overdue reminder of a notice whose deadline passed, as an in-app
// message; another run sends nothing more.
func TestReminderJob(t *testing.T) {
	clk := &clock{t: time.Now().UTC().Add(-96 * time.Hour)}
	st := boltStore(t)
	_ = st.Close()
	st, err := store.Open(st.Path(), store.Options{Clock: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	f, _ := json.Marshal(map[string]any{"route": "takedown_cac"})
	res, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: "http://a.example/1", URL: "http://a.example/1", Status: 200,
		Body: []byte("<html>1"), Score: 20, Category: "cert_sale", Finding: f})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := st.Decide(store.Decision{CaseID: res.CaseID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "某平台", By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeApproved, By: "shen", Number: "网信函〔2026〕1号", Deadline: clk.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeSent, By: "wang"}); err != nil {
		t.Fatal(err)
	}
	clk.Set(time.Now().UTC())

	o := options(st, &sweep.Notifier{Store: st})
	o.Schedule = config.Schedule{RemovalChecks: "@every 1h", Location: time.UTC}
	o.Reminder = &sweep.Reminder{Store: st, UI: "http://review.test", Log: slog.New(slog.DiscardHandler)}
	h := start(t, queueStore(t), o)
	if ev := h.await(t, "notice_reminders", false); ev.Kind != river.EventKindJobCompleted {
		t.Fatalf("reminder job: %s; log:\n%s", ev.Kind, h.log.String())
	}
	inApp := func() []store.Message {
		msgs, err := st.Messages(0)
		if err != nil {
			t.Fatal(err)
		}
		var out []store.Message
		for _, m := range msgs {
			if m.Kind == sweep.InAppKind {
				out = append(out, m)
			}
		}
		return out
	}
	msgs := inApp()
	if len(msgs) != 1 || !json.Valid(msgs[0].Payload) {
		t.Fatalf("in-app messages %+v, want the overdue reminder", msgs)
	}
	var p sweep.ReminderPayload
	if err := json.Unmarshal(msgs[0].Payload, &p); err != nil || p.Kind != casework.ReminderOverdue || p.Notice != c.NoticeID {
		t.Errorf("reminder %+v, %v", p, err)
	}
	if ok, err := h.r.Insert(testCtx(t), pgstore.NoticeReminderArgs{}, nil); err != nil || !ok {
		t.Fatalf("insert another run: %v, %v", ok, err)
	}
	if ev := h.await(t, "notice_reminders", false); ev.Kind != river.EventKindJobCompleted {
		t.Fatalf("second reminder job: %s", ev.Kind)
	}
	if got := inApp(); len(got) != 1 {
		t.Errorf("after a second run: %d in-app messages, want 1", len(got))
	}
}

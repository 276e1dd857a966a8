package pgstore_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// TestImportNoticeTracking: a bbolt database moved into PostgreSQL keeps
// its notices' follow-ups, reminders (with their messages) and
// escalations, read back the same from both.
func TestImportNoticeTracking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "certwatch.db")
	src, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sw := &store.Sweep{}
	if err := src.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	res, err := src.Record(store.Observation{SweepID: sw.ID, CaseKey: "http://shop.example/i", URL: "http://shop.example/i",
		Status: 200, Body: []byte("<html>i"), Score: 20, Category: "cert_sale", Finding: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := src.Decide(store.Decision{CaseID: res.CaseID, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	id := c.NoticeID
	if _, err := src.MoveNotice(id, store.NoticeMove{To: casework.NoticeApproved, By: "shen", Number: "网信函〔2026〕1号", Deadline: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.MoveNotice(id, store.NoticeMove{To: casework.NoticeSent, By: "wang"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Truncate(time.Second)
	for _, u := range []store.TrackUpdate{
		{Kind: casework.TrackDelivery, Channel: casework.ChannelLetter, At: now, By: "wang"},
		{Kind: casework.TrackReply, Text: "已删除", At: now, By: "wang"},
	} {
		if _, err := src.TrackNotice(id, u); err != nil {
			t.Fatal(err)
		}
	}
	n, _ := src.Notice(id)
	if _, err := src.RemindNotice(store.NoticeReminder{NoticeID: id, Kind: casework.ReminderDueSoon, Deadline: n.Deadline},
		store.Message{Kind: "inapp", Target: "网信办", Subject: "即将到期", Payload: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.RecordChecks(id, 0, "wang", []store.ItemCheck{{CaseID: res.CaseID, Outcome: casework.OutcomeLive}}); err != nil {
		t.Fatal(err)
	}
	second, err := src.EscalateNotice(store.EscalationRequest{From: id, Kind: casework.EscalateSecondNotice, By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	ro := openBolt(t, path)
	dst, _, _ := importTarget(t)
	if r, err := importAndVerify(t, ro, dst, pgstore.ImportOptions{}); err != nil || !r.OK() {
		t.Fatalf("import: %+v, %v", r, err)
	}
	for _, nid := range []uint64{id, second.ID} {
		want, err := ro.NoticeTrack(nid)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dst.NoticeTrack(nid)
		if err != nil {
			t.Fatal(err)
		}
		norm := func(tr *store.NoticeTrack) {
			for i := range tr.Events {
				tr.Events[i].At, tr.Events[i].Recorded = pgT(tr.Events[i].At), pgT(tr.Events[i].Recorded)
			}
			for i := range tr.Reminders {
				tr.Reminders[i].At, tr.Reminders[i].Deadline = pgT(tr.Reminders[i].At), pgT(tr.Reminders[i].Deadline)
			}
			for i := range tr.Escalations {
				tr.Escalations[i].At = pgT(tr.Escalations[i].At)
			}
		}
		norm(want)
		norm(got)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("notice %d tracking:\n got %+v\nwant %+v", nid, got, want)
		}
	}
	if tr, _ := dst.NoticeTrack(id); len(tr.Events) != 2 || len(tr.Reminders) != 1 || tr.Reminders[0].MessageID == 0 || len(tr.Escalations) != 1 {
		t.Errorf("imported tracking %+v", tr)
	}
}

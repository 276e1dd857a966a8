package sweep

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// TestRemovalChecksOnSchedule sends a notice for two sample-web pages and
// runs the scheduled rounds: nothing before the first is due; then one
// page is gone and the other live; then the live one is gone too and the
// seller of the first reappears elsewhere (relisted), which closes the
// notice as removed.
func TestRemovalChecksOnSchedule(t *testing.T) {
	web, s := recheckSetup(t, testbed.Options{}, nil)
	clock := &testClock{t: time.Now().UTC()}
	st, err := store.Open(s.Config.Database, store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s.Store = st
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	forum, classified := u(testbed.HostBBS, "/thread/1001.html"), u(testbed.HostFenlei, "/post/88001.html")
	finding := func(phone string) json.RawMessage {
		b, _ := json.Marshal(map[string]any{"route": "takedown_cac", "contacts": []map[string]string{{"kind": "phone", "value": phone}}})
		return b
	}
	record := func(url, phone, key string) uint64 {
		t.Helper()
		res, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: url, URL: url, Status: 200, Body: []byte("<html>" + url),
			Score: 20, Category: "cert_sale", Finding: finding(phone), ContentKey: key,
			Contacts: []store.CaseContact{{Kind: "phone", Value: phone}}})
		if err != nil {
			t.Fatal(err)
		}
		return res.CaseID
	}
	a, b := record(forum, "13900000001", "key-a"), record(classified, "13900000002", "key-b")
	var noticeID uint64
	for _, id := range []uint64{a, b} {
		if _, d, err := st.Decide(store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "某平台", By: "wang"}); err != nil {
			t.Fatal(err)
		} else {
			noticeID = d.NoticeID
		}
	}
	if _, err := st.MoveNotice(noticeID, store.NoticeMove{To: casework.NoticeApproved, By: "shen", Number: "网信函〔2026〕1号", Deadline: clock.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(noticeID, store.NoticeMove{To: casework.NoticeSent, By: "wang", CheckAfter: []time.Duration{24 * time.Hour, 72 * time.Hour}}); err != nil {
		t.Fatal(err)
	}
	rc := &RemovalChecker{Store: st, Sweeper: s}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	if n, err := rc.RunDue(ctx, clock.Add(23*time.Hour)); err != nil || n != 0 {
		t.Fatalf("before the first round: %d checked, %v", n, err)
	}
	if err := web.TakeDown(forum, testbed.Gone404); err != nil {
		t.Fatal(err)
	}
	if n, err := rc.RunDue(ctx, clock.Add(2*time.Hour)); err != nil || n != 1 {
		t.Fatalf("first round: %d checked, %v", n, err)
	}
	n, err := st.Notice(noticeID)
	if err != nil {
		t.Fatal(err)
	}
	outcomes := func(n *store.Notice) map[uint64]casework.Outcome {
		m := map[uint64]casework.Outcome{}
		for _, it := range n.Items {
			m[it.CaseID] = it.Outcome
		}
		return m
	}
	if got := outcomes(n); got[a] != casework.OutcomeRemoved || got[b] != casework.OutcomeLive || n.ChecksDone != 1 || n.Status != casework.NoticeSent {
		t.Errorf("after round 1: outcomes %v, rounds done %d, status %s", got, n.ChecksDone, n.Status)
	}
	if c, _ := st.Case(a); c.Removal != casework.OutcomeRemoved {
		t.Errorf("case %d removal %q", a, c.Removal)
	}
	// Each check keeps the response it got: the 404 page of the removed
	// post, the page still offering certificates.
	for _, it := range n.Items {
		ch := it.Checks[len(it.Checks)-1]
		ev, body, err := st.CheckResponse(ch.Evidence)
		if err != nil {
			t.Fatalf("case %d: check response %d: %v", it.CaseID, ch.Evidence, err)
		}
		want := 200
		if it.CaseID == a {
			want = 404
		}
		if ev.Status != want || ev.NoticeID != noticeID || len(body) != ev.BodySize || ev.BodySHA256 != ch.BodySHA256 || ev.BodySHA256 == "" {
			t.Errorf("case %d: check evidence %+v (%d bytes), want status %d", it.CaseID, ev, len(body), want)
		}
	}
	if n, err := rc.RunDue(ctx, clock.Add(time.Hour)); err != nil || n != 0 {
		t.Fatalf("between rounds: %d checked, %v", n, err)
	}

	// The seller of the forum post turns up in a new listing; the
	// classified ad is taken down.
	relisted := record(u(testbed.HostShop, "/item/600101"), "13900000001", "key-c")
	if err := web.TakeDown(classified, testbed.GoneNotice); err != nil {
		t.Fatal(err)
	}
	if n, err := rc.RunDue(ctx, clock.Add(48*time.Hour)); err != nil || n != 1 {
		t.Fatalf("second round: %d checked, %v", n, err)
	}
	n, err = st.Notice(noticeID)
	if err != nil {
		t.Fatal(err)
	}
	got := outcomes(n)
	if got[a] != casework.OutcomeRelisted || got[b] != casework.OutcomeRemoved {
		t.Errorf("after round 2: outcomes %v", got)
	}
	for _, it := range n.Items {
		if it.CaseID == a && it.RelistedCase != relisted {
			t.Errorf("relisted case %d, want %d", it.RelistedCase, relisted)
		}
	}
	if n.Status != casework.NoticeRemoved || n.ChecksDone != 2 {
		t.Errorf("notice status %s, rounds done %d; want removed after 2", n.Status, n.ChecksDone)
	}
	if due, err := st.DueNotices(clock.Add(30 * 24 * time.Hour)); err != nil || len(due) != 0 {
		t.Errorf("a closed notice is still due: %v %v", due, err)
	}
}

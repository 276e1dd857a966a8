package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// sentNotice confirms a case per URL onto one takedown notice to
// recipient, approves it (numbered number) and sends it with removal
// checks due after each of checkAfter. It returns the notice and the
// cases in listing order.
func sentNotice(t *testing.T, b Backend, sw uint64, recipient, number string, checkAfter []time.Duration, urls ...string) (*store.Notice, []uint64) {
	t.Helper()
	var ids []uint64
	var noticeID uint64
	for _, u := range urls {
		id := flagCase(t, b, sw, u, "出售安全员证 "+u)
		d := confirmTakedown("carol", casework.RouteTakedownCAC)
		d.CaseID, d.Recipient = id, recipient
		c := mustDecide(t, b, d)
		if noticeID != 0 && c.NoticeID != noticeID {
			t.Fatalf("case %d joined notice %d, want the draft %d", id, c.NoticeID, noticeID)
		}
		noticeID = c.NoticeID
		ids = append(ids, id)
	}
	mustMove(t, b, noticeID, approval("boss", number))
	n := mustMove(t, b, noticeID, store.NoticeMove{To: casework.NoticeSent, By: "clerk", CheckAfter: checkAfter})
	if len(n.CheckDue) != len(checkAfter) || n.ChecksDone != 0 || n.SentAt.IsZero() {
		t.Fatalf("sent notice %+v; want %d checks due", n, len(checkAfter))
	}
	return n, ids
}

// dueIDs are the ids DueNotices gives at now.
func dueIDs(t *testing.T, b Backend, now time.Time) []uint64 {
	t.Helper()
	due, err := b.DueNotices(now)
	if err != nil {
		t.Fatalf("DueNotices: %v", err)
	}
	var ids []uint64
	for _, n := range due {
		ids = append(ids, n.ID)
	}
	return ids
}

// response is a removal check that fetched url and got status and body.
func response(caseID uint64, url string, outcome casework.Outcome, status int, body string) store.ItemCheck {
	return store.ItemCheck{CaseID: caseID, Outcome: outcome, Status: status, URL: url, FinalURL: url + "#final",
		Detail: fmt.Sprintf("HTTP %d", status), Header: http.Header{"Content-Type": {"text/html"}, "X-Check": {url}},
		Body: []byte(body)}
}

// testRemovalChecks: a sent notice is due when its next round's time has
// come and not before; RecordChecks keeps each response as evidence
// (CheckResponse gives it back byte for byte), moves the items' and
// cases' removal state (a failed check does not hide an earlier outcome),
// completes rounds, audits, refuses a case the notice does not list, and
// closes the notice as removed once every item is gone.
func testRemovalChecks(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	start := time.Now()
	urls := []string{"https://shop.example/item/1", "https://shop.example/item/2"}
	n, ids := sentNotice(t, b, sw, "平台乙", "网信函〔2024〕7号", []time.Duration{time.Hour, 24 * time.Hour}, urls...)
	// A draft and an approved notice are never due.
	draftCase := flagCase(t, b, sw, "https://shop.example/draft", "出售特种作业证")
	d := confirmTakedown("carol", casework.RouteTakedownCAC)
	d.CaseID, d.Recipient = draftCase, "平台丙"
	mustDecide(t, b, d)

	if got := dueIDs(t, b, start); len(got) != 0 {
		t.Errorf("due before the first round: %v", got)
	}
	if got := dueIDs(t, b, start.Add(2*time.Hour)); !slices.Equal(got, []uint64{n.ID}) {
		t.Errorf("due after the first round's time: %v, want [%d]", got, n.ID)
	}
	if !n.NextCheck().Equal(n.CheckDue[0]) || n.CheckDue[0].Before(start.Add(time.Hour-time.Second)) {
		t.Errorf("next check %v, due %v; want an hour after sending", n.NextCheck(), n.CheckDue)
	}

	head := auditHead(t, b)
	if _, err := b.RecordChecks(n.ID, 1, "system", []store.ItemCheck{response(ids[0]+100, urls[0], casework.OutcomeRemoved, 404, "")}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a check of a case the notice does not list: %v, want ErrInvalid", err)
	}
	if _, err := b.RecordChecks(n.ID+100, 1, "system", nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("checks of a missing notice: %v, want ErrNotFound", err)
	}
	if h := auditHead(t, b); h != head || len(mustNotice(t, b, n.ID).Items[0].Checks) != 0 {
		t.Errorf("refused checks were recorded (audit head %d, was %d)", h, head)
	}

	gone := response(ids[0], urls[0], casework.OutcomeRemoved, 404, "<html>页面不存在</html>")
	live := response(ids[1], urls[1], casework.OutcomeLive, 200, "<html>出售安全员证 仍在</html>")
	got, err := b.RecordChecks(n.ID, 1, "system", []store.ItemCheck{gone, live})
	if err != nil {
		t.Fatal(err)
	}
	stored := mustNotice(t, b, n.ID)
	for _, x := range []*store.Notice{got, stored} {
		if x.ChecksDone != 1 || x.Status != casework.NoticeSent || x.Items[0].Outcome != casework.OutcomeRemoved ||
			x.Items[1].Outcome != casework.OutcomeLive || len(x.Items[0].Checks) != 1 || x.Items[0].OutcomeAt.IsZero() {
			t.Fatalf("after round 1: %+v", x)
		}
	}
	last, err := b.AuditEntries(store.AuditFilter{Limit: 1})
	if err != nil || len(last) != 1 || last[0].Action != "notice.check" || last[0].Object != fmt.Sprintf("notice:%d", n.ID) ||
		last[0].Actor != "system" || !strings.HasPrefix(last[0].Detail, "round 1: ") {
		t.Errorf("audit %+v, %v; want notice.check of round 1 by system", last, err)
	}
	if c := mustCase(t, b, ids[0]); c.Removal != casework.OutcomeRemoved || c.RemovalAt.IsZero() {
		t.Errorf("case %d removal %q at %v; want removed", c.ID, c.Removal, c.RemovalAt)
	}
	for i, want := range []store.ItemCheck{gone, live} {
		ch := stored.Items[i].Checks[0]
		sum := sha256.Sum256(want.Body)
		if ch.Evidence == 0 || ch.Round != 1 || ch.Status != want.Status || ch.BodySHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("check %+v; want round 1, status %d, evidence kept, body hash %x", ch, want.Status, sum)
			continue
		}
		ev, body, err := b.CheckResponse(ch.Evidence)
		if err != nil {
			t.Fatalf("CheckResponse(%d): %v", ch.Evidence, err)
		}
		if !bytes.Equal(body, want.Body) || ev.Status != want.Status || ev.CaseID != want.CaseID || ev.NoticeID != n.ID ||
			ev.URL != want.URL || ev.FinalURL != want.FinalURL || ev.Outcome != want.Outcome || ev.BodySize != len(want.Body) ||
			ev.BodySHA256 != ch.BodySHA256 || ev.Header.Get("X-Check") != want.URL || ev.FetchedAt.IsZero() {
			t.Errorf("CheckResponse(%d) = %+v, %q; want the response of case %d as fetched", ch.Evidence, ev, body, want.CaseID)
		}
	}
	if _, _, err := b.CheckResponse(stored.Items[1].Checks[0].Evidence + 100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CheckResponse of a missing id: %v, want ErrNotFound", err)
	}
	if got := dueIDs(t, b, start.Add(2*time.Hour)); len(got) != 0 {
		t.Errorf("due again after round 1: %v", got)
	}
	if got := dueIDs(t, b, start.Add(25*time.Hour)); !slices.Equal(got, []uint64{n.ID}) {
		t.Errorf("due at the second round: %v, want [%d]", got, n.ID)
	}

	// A check by hand that failed (no response) completes no round and
	// does not hide the earlier outcome.
	at := time.Date(2024, 12, 1, 9, 0, 0, 0, time.UTC)
	failed := store.ItemCheck{CaseID: ids[0], At: at, Outcome: casework.OutcomeFailed, Detail: "连接超时"}
	got, err = b.RecordChecks(n.ID, 0, "alice", []store.ItemCheck{failed})
	if err != nil {
		t.Fatal(err)
	}
	it := got.Items[0]
	if got.ChecksDone != 1 || it.Outcome != casework.OutcomeRemoved || len(it.Checks) != 2 || it.Checks[1].Evidence != 0 ||
		it.Checks[1].Round != 0 || !it.Checks[1].At.Equal(at) {
		t.Errorf("after a failed check by hand: checks done %d, item %+v", got.ChecksDone, it)
	}

	// Round 2: the second listing is gone too, so the notice is removed.
	got, err = b.RecordChecks(n.ID, 2, "system", []store.ItemCheck{response(ids[1], urls[1], casework.OutcomeRemoved, 410, "")})
	if err != nil {
		t.Fatal(err)
	}
	stored = mustNotice(t, b, n.ID)
	for _, x := range []*store.Notice{got, stored} {
		ev := x.History[len(x.History)-1]
		if x.Status != casework.NoticeRemoved || x.ClosedAt.IsZero() || x.ChecksDone != 2 || ev.To != casework.NoticeRemoved ||
			ev.From != casework.NoticeSent || ev.By != "system" || len(x.Items[1].Checks) != 2 {
			t.Errorf("after the last listing went: %+v", x)
		}
	}
	if got := dueIDs(t, b, start.Add(1000*time.Hour)); len(got) != 0 {
		t.Errorf("a removed notice is due: %v", got)
	}
	if entries, err := b.AuditEntries(store.AuditFilter{Object: fmt.Sprintf("notice:%d", n.ID), ActionPrefix: "notice.check"}); err != nil ||
		len(entries) != 3 || !strings.Contains(entries[0].Detail, "notice removed") {
		t.Errorf("check audit of notice %d = %+v, %v; want 3, the last saying the notice was removed", n.ID, entries, err)
	}
}

// testNoticeLists: Notices filters by route, by stored state and by
// overdue (a sent notice whose deadline passed at the filter's Now),
// newest first; DueNotices orders by id.
func testNoticeLists(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	now := time.Now()
	// Two sent takedowns (deadline 2030), one approved referral, one draft.
	sent1, _ := sentNotice(t, b, sw, "平台一", "网信函〔2024〕1号", []time.Duration{time.Minute}, "https://a.example/1")
	sent2, _ := sentNotice(t, b, sw, "平台二", "网信函〔2024〕2号", []time.Duration{time.Minute}, "https://a.example/2")
	ref := flagCase(t, b, sw, "https://a.example/3", "出售假证 3")
	mustDecide(t, b, store.Decision{CaseID: ref, Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "区公安分局", By: "alice"})
	refCase := mustDecide(t, b, store.Decision{CaseID: ref, Action: casework.ActionApprove, By: "bob"})
	mustMove(t, b, refCase.NoticeID, approval("boss", "公移〔2024〕1号"))
	draft := flagCase(t, b, sw, "https://a.example/4", "出售假证 4")
	d := confirmTakedown("carol", casework.RouteTakedownSAMR)
	d.CaseID = draft
	draftNotice := mustDecide(t, b, d).NoticeID

	ids := func(f store.NoticeFilter) []uint64 {
		t.Helper()
		ns, err := b.Notices(f)
		if err != nil {
			t.Fatalf("Notices(%+v): %v", f, err)
		}
		var out []uint64
		for _, n := range ns {
			out = append(out, n.ID)
		}
		return out
	}
	after2030 := time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		f    store.NoticeFilter
		want []uint64
	}{
		{"all, newest first", store.NoticeFilter{}, []uint64{draftNotice, refCase.NoticeID, sent2.ID, sent1.ID}},
		{"route", store.NoticeFilter{Route: casework.RouteTakedownCAC}, []uint64{sent2.ID, sent1.ID}},
		{"other route", store.NoticeFilter{Route: casework.RoutePoliceReferral}, []uint64{refCase.NoticeID}},
		{"stored state", store.NoticeFilter{Status: casework.NoticeSent}, []uint64{sent2.ID, sent1.ID}},
		{"draft", store.NoticeFilter{Status: casework.NoticeDraft}, []uint64{draftNotice}},
		{"not yet overdue", store.NoticeFilter{Status: casework.NoticeOverdue, Now: now}, nil},
		{"overdue", store.NoticeFilter{Status: casework.NoticeOverdue, Now: after2030}, []uint64{sent2.ID, sent1.ID}},
		{"overdue and sent", store.NoticeFilter{Status: casework.NoticeSent, Now: after2030}, []uint64{sent2.ID, sent1.ID}},
		{"overdue on a route", store.NoticeFilter{Status: casework.NoticeOverdue, Route: casework.RouteTakedownSAMR, Now: after2030}, nil},
		{"approved is never overdue", store.NoticeFilter{Status: casework.NoticeApproved, Now: after2030}, []uint64{refCase.NoticeID}},
		{"unknown state", store.NoticeFilter{Status: "lost"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("Notices = %v, want %v", got, tt.want)
			}
		})
	}
	if got := dueIDs(t, b, now.Add(time.Hour)); !slices.Equal(got, []uint64{sent1.ID, sent2.ID}) {
		t.Errorf("DueNotices = %v, want [%d %d]", got, sent1.ID, sent2.ID)
	}
	if n := mustNotice(t, b, sent1.ID); n.State(after2030) != casework.NoticeOverdue || n.State(now) != casework.NoticeSent {
		t.Errorf("notice %d state %s in 2030, %s now", n.ID, n.State(after2030), n.State(now))
	}
}

// testRelisted: after a takedown, another case first seen since then
// that shares a personal contact or the content key is the relisting;
// the newest wins, the case itself and cases seen earlier never count.
func testRelisted(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	day := func(d int) time.Time { return time.Date(2024, 11, d, 8, 0, 0, 0, time.UTC) }
	phone := store.CaseContact{Kind: "phone", Value: "13800138000"}
	wechat := store.CaseContact{Kind: "wechat", Value: "zheng-ban"}
	record := func(url, content string, at time.Time, contacts ...store.CaseContact) uint64 {
		t.Helper()
		o := observation(sw, url, content)
		o.FetchedAt, o.Contacts = at, contacts
		res, err := b.Record(o)
		if err != nil {
			t.Fatalf("Record %s: %v", url, err)
		}
		return res.CaseID
	}
	orig := record("https://shop.example/orig", "出售安全员证 原帖", day(1), phone, wechat)
	earlier := record("https://shop.example/earlier", "出售安全员证 早帖", day(2), phone)
	bySameText := record("https://mirror.example/copy", "出售安全员证 原帖", day(5))
	byPhone := record("https://other.example/new", "出售安全员证 新帖", day(6), phone)
	unrelated := record("https://other.example/x", "出售特种作业证", day(7), store.CaseContact{Kind: "qq", Value: "13800138000"})
	key := observation(sw, "", "出售安全员证 原帖").ContentKey

	tests := []struct {
		name     string
		contacts []store.CaseContact
		key      string
		since    time.Time
		want     uint64
	}{
		{"contact", []store.CaseContact{phone}, "", day(3), byPhone},
		{"content key", nil, key, day(3), bySameText},
		{"newest of both", []store.CaseContact{wechat, phone}, key, day(3), byPhone},
		{"since is inclusive", []store.CaseContact{phone}, "", day(6), byPhone},
		{"nothing since", []store.CaseContact{phone}, key, day(8), 0},
		{"only the case itself", []store.CaseContact{wechat}, "", day(1), 0},
		{"from the start", []store.CaseContact{phone}, "", day(1), byPhone},
		{"kind matters", []store.CaseContact{{Kind: "wechat", Value: "13800138000"}}, "", day(1), 0},
		{"no contacts, no key", nil, "", day(1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Relisted(orig, tt.contacts, tt.key, tt.since)
			if err != nil || got != tt.want {
				t.Errorf("Relisted = %d, %v; want %d (orig %d, earlier %d, text %d, phone %d, unrelated %d)",
					got, err, tt.want, orig, earlier, bySameText, byPhone, unrelated)
			}
		})
	}
	// From the later case's side, the original (seen before since) is no
	// relisting, and a case never counts as its own.
	if got, err := b.Relisted(byPhone, []store.CaseContact{phone}, "", day(6)); err != nil || got != 0 {
		t.Errorf("Relisted of the newest case = %d, %v; want 0", got, err)
	}
	if got, err := b.Relisted(earlier, []store.CaseContact{phone}, "", day(1)); err != nil || got != byPhone {
		t.Errorf("Relisted(earlier) = %d, %v; want %d", got, err, byPhone)
	}
}

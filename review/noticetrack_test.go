package review_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// htSentNotice confirms a 网信办 takedown per URL onto one notice, has
// it signed by approver over HTTP and sent by the cac reviewer, and
// returns the notice id and the cases.
func (e *htEnv) htSentNotice(cac, approver *htClient, urls ...string) (uint64, []uint64) {
	e.t.Helper()
	var ids []uint64
	for _, u := range urls {
		id := e.htSimple(u, casework.RouteTakedownCAC)
		resp, body := cac.htPost("/cases/"+htID(id)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
		htExpect(e.t, "confirm "+u, resp, body, http.StatusSeeOther, "")
		ids = append(ids, id)
	}
	nid := e.htCase(ids[0]).NoticeID
	resp, body := approver.htPost("/notices/"+htID(nid)+"/move", url.Values{"to": {"approved"}})
	htExpect(e.t, "approve", resp, body, http.StatusSeeOther, "")
	resp, body = cac.htPost("/notices/"+htID(nid)+"/move", url.Values{"to": {"sent"}})
	htExpect(e.t, "send", resp, body, http.StatusSeeOther, "")
	return nid, ids
}

// htTimeline is the notice page's timeline, one string per entry.
func htTimeline(doc *goquery.Document) []string {
	return htTexts(doc, "#notice-timeline li")
}

// TestNoticeTracking: on a sent notice's page the department's reviewer
// records delivery, receipt and the platform's reply (Beijing times, as
// entered), each audited and shown in the summary and, in order with the
// notice's states, on the timeline; other roles and bad entries are
// refused in Chinese with nothing recorded; a draft takes none.
func TestNoticeTracking(t *testing.T) {
	e := htNew(t)
	cac, samr, approver, analyst := e.htLogin("cac"), e.htLogin("samr"), e.htLogin("approver"), e.htLogin("analyst")
	nid, _ := e.htSentNotice(cac, approver, "https://www.shop.example/t1")
	path := "/notices/" + htID(nid)

	doc := cac.htDoc(path, http.StatusOK)
	for _, sel := range []string{"#track-delivery-form", "#track-receipt-form", "#track-reply-form"} {
		if doc.Find(sel).Length() != 1 {
			t.Errorf("sent notice page lacks %s", sel)
		}
	}
	if got := doc.Find("#track-delivery-form option").Length(); got != len(casework.DeliveryChannels)+1 {
		t.Errorf("%d channel options, want %d and the prompt", got, len(casework.DeliveryChannels))
	}
	if v := doc.Find("#delivery-at").AttrOr("value", ""); v != "2026-03-10T10:00" {
		t.Errorf("time input defaults to %q, want now in Beijing 2026-03-10T10:00", v)
	}
	if got := strings.TrimSpace(doc.Find("#track-reply").Text()); got != "未答复" {
		t.Errorf("reply before any: %q", got)
	}

	track := func(cl *htClient, form url.Values) (*http.Response, []byte) {
		t.Helper()
		return cl.htPost(path+"/track", form)
	}
	head := func() uint64 {
		es, err := e.st.AuditEntries(store.AuditFilter{Limit: 1})
		if err != nil || len(es) != 1 {
			t.Fatalf("audit: %v %v", es, err)
		}
		return es[0].Seq
	}
	before := head()
	for _, c := range []struct {
		name string
		cl   *htClient
		form url.Values
		want int
		msg  string
	}{
		{"other department", samr, url.Values{"kind": {"receipt"}, "at": {"2026-03-10T10:00"}}, http.StatusForbidden, "无权"},
		{"analyst", analyst, url.Values{"kind": {"receipt"}, "at": {"2026-03-10T10:00"}}, http.StatusForbidden, ""},
		{"unknown kind", cac, url.Values{"kind": {"opened"}, "at": {"2026-03-10T10:00"}}, http.StatusBadRequest, "请选择要登记的事项"},
		{"no channel", cac, url.Values{"kind": {"delivery"}, "at": {"2026-03-10T10:00"}}, http.StatusBadRequest, "请选择送达方式"},
		{"bad channel", cac, url.Values{"kind": {"delivery"}, "channel": {"pigeon"}, "at": {"2026-03-10T10:00"}}, http.StatusBadRequest, "请选择送达方式"},
		{"no time", cac, url.Values{"kind": {"receipt"}}, http.StatusBadRequest, "请填写日期和时间"},
		{"garbled time", cac, url.Values{"kind": {"receipt"}, "at": {"明天"}}, http.StatusBadRequest, "请填写日期和时间"},
		{"future", cac, url.Values{"kind": {"receipt"}, "at": {"2026-03-11T10:00"}}, http.StatusBadRequest, "晚于现在"},
		{"before sending", cac, url.Values{"kind": {"receipt"}, "at": {"2026-03-01T10:00"}}, http.StatusBadRequest, "早于通知发送"},
		{"empty reply", cac, url.Values{"kind": {"reply"}, "at": {"2026-03-10T10:00"}, "text": {"  "}}, http.StatusBadRequest, "答复的内容"},
		{"long reply", cac, url.Values{"kind": {"reply"}, "at": {"2026-03-10T10:00"}, "text": {strings.Repeat("删", store.MaxReplyText+1)}}, http.StatusBadRequest, "内容过长"},
	} {
		resp, body := track(c.cl, c.form)
		htExpect(t, c.name, resp, body, c.want, "")
		if c.msg != "" && !strings.Contains(htErrorMessage(t, body), c.msg) {
			t.Errorf("%s: message %q, want %q in it", c.name, htErrorMessage(t, body), c.msg)
		}
	}
	if h := head(); h != before {
		t.Fatalf("refused follow-ups were audited (%d → %d)", before, h)
	}

	// The reviewer records the follow-ups as they happen.
	e.clock.Add(3 * time.Hour) // 13:00 Beijing
	steps := []struct {
		form url.Values
		want string
	}{
		{url.Values{"kind": {"delivery"}, "channel": {"platform"}, "at": {"2026-03-10T10:30"}}, "已送达"},
		{url.Values{"kind": {"receipt"}, "at": {"2026-03-10T11:15"}}, "回执确认"},
		{url.Values{"kind": {"reply"}, "at": {"2026-03-10T12:40"}, "text": {"已对涉事店铺下架处理，<b>账号</b>已封禁。"}}, "平台答复"},
	}
	for _, st := range steps {
		resp, body := track(cac, st.form)
		htExpect(t, "record "+st.want, resp, body, http.StatusSeeOther, path+"?ok=tracked")
		es, _ := e.st.AuditEntries(store.AuditFilter{Limit: 1, ActionPrefix: "notice." + st.form.Get("kind")})
		if len(es) != 1 || es[0].Actor != "cac" || es[0].Object != "notice:"+htID(nid) {
			t.Errorf("audit of %s: %+v", st.want, es)
		}
	}
	tr, err := e.st.NoticeTrack(nid)
	if err != nil {
		t.Fatal(err)
	}
	if d := tr.Latest(casework.TrackDelivery); d == nil || d.Channel != casework.ChannelPlatform ||
		!d.At.Equal(time.Date(2026, 3, 10, 10, 30, 0, 0, htBeijing)) {
		t.Errorf("delivery %+v, want 平台后台 at 10:30 Beijing", d)
	}
	doc = cac.htDoc(path+"?ok=tracked", http.StatusOK)
	if got := strings.TrimSpace(doc.Find("#flash").Text()); got != "已登记，见下方时间线。" {
		t.Errorf("flash %q", got)
	}
	if got := doc.Find("#track-delivery").Text(); !strings.Contains(got, "2026-03-10 10:30") || !strings.Contains(got, "平台后台") {
		t.Errorf("delivery shown %q", got)
	}
	if got := doc.Find("#track-receipt").Text(); !strings.Contains(got, "2026-03-10 11:15") {
		t.Errorf("receipt shown %q", got)
	}
	if got := doc.Find("#track-reply blockquote").Text(); got != "已对涉事店铺下架处理，<b>账号</b>已封禁。" {
		t.Errorf("reply shown %q (as text, escaped)", got)
	}
	if doc.Find("#track-reply b").Length() != 0 {
		t.Error("the reply's markup was rendered")
	}
	got := htTimeline(doc)
	want := []string{"2026-03-10 10:00 +08:00 起草", "2026-03-10 10:00 +08:00 签发", "2026-03-10 10:00 +08:00 已发送", "2026-03-10 10:30 +08:00 已送达",
		"2026-03-10 11:15 +08:00 回执确认", "2026-03-10 12:40 +08:00 平台答复", "2026-03-10 13:00 +08:00 已签收"}
	if len(got) != len(want) {
		t.Fatalf("timeline %q, want %d entries", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("timeline[%d] = %q, want it to start %q", i, got[i], want[i])
		}
	}
	if !strings.Contains(got[3], "平台后台") || !strings.Contains(got[5], "账号") || !strings.Contains(got[4], "cac") ||
		!strings.Contains(got[6], "登记回执（2026-03-10 11:15 确认收到）") {
		t.Errorf("timeline details %q", got)
	}
	// The receipt acknowledged the notice.
	if got := strings.TrimSpace(doc.Find("#notice-state").Text()); got != "已签收" {
		t.Errorf("state after the receipt %q, want 已签收", got)
	}

	// The API gives the same record.
	resp, body := cac.htGet("/api/notices/" + htID(nid) + "/track")
	htExpect(t, "tracking as JSON", resp, body, http.StatusOK, "")
	var api store.NoticeTrack
	htJSON(t, body, &api)
	if api.NoticeID != nid || len(api.Events) != 3 || api.Events[2].Kind != casework.TrackReply || api.Events[0].Channel != casework.ChannelPlatform {
		t.Errorf("API tracking %+v", api)
	}

	// A draft takes no follow-up and shows no form.
	d := e.htSimple("https://www.shop.example/draft", casework.RouteTakedownCAC)
	resp, body = cac.htPost("/cases/"+htID(d)+"/decide", url.Values{"action": {"confirm"}, "route": {"takedown_cac"}})
	htExpect(t, "confirm draft case", resp, body, http.StatusSeeOther, "")
	draft := e.htCase(d).NoticeID
	resp, body = cac.htPost("/notices/"+htID(draft)+"/track", url.Values{"kind": {"receipt"}, "at": {"2026-03-10T12:00"}})
	htExpect(t, "receipt of a draft", resp, body, http.StatusBadRequest, "")
	if !strings.Contains(htErrorMessage(t, body), "尚未发送") {
		t.Errorf("draft refusal %q", htErrorMessage(t, body))
	}
	if cac.htDoc("/notices/"+htID(draft), http.StatusOK).Find("#track-delivery-form").Length() != 0 {
		t.Error("a draft's page offers the follow-up forms")
	}
}

// TestNoticeEscalationAndFilters: once a removal check finds a listing
// still online the page offers a second notice and a referral; one click
// drafts each (listing only what is still up), linked on both pages and
// audited, and the draft is signed like any notice; a repeat is refused;
// the list filters by overdue, awaiting reply and still online.
func TestNoticeEscalationAndFilters(t *testing.T) {
	// Sessions outlast the days the test moves through (each sign-in
	// costs an Argon2id hash).
	e := htNew(t, func(o *review.Options) {
		o.Serve = config.DefaultServe()
		o.Serve.SessionTTL = 30 * 24 * time.Hour
	})
	cac, approver := e.htLogin("cac"), e.htLogin("approver")
	urls := []string{"https://www.shop.example/e1", "https://www.shop.example/e2"}
	nid, ids := e.htSentNotice(cac, approver, urls...)
	other, _ := e.htSentNotice(cac, approver, "https://www.shop.example/e3")
	path := "/notices/" + htID(nid)

	if doc := cac.htDoc(path, http.StatusOK); doc.Find("#escalate-form").Length() != 0 {
		t.Error("escalation offered before any check found a listing online, deadline ahead")
	}
	resp, body := cac.htPost(path+"/escalate", url.Values{"kind": {"second_notice"}})
	htExpect(t, "escalate too early", resp, body, http.StatusConflict, "")

	listed := func(track string) []string {
		t.Helper()
		doc := cac.htDoc("/notices?track="+track, http.StatusOK)
		return htTexts(doc, "#notice-table tbody tr[data-notice] .notice-link")
	}
	if got := listed("awaiting_reply"); !slices.Equal(got, []string{"#" + htID(other), "#" + htID(nid)}) {
		t.Errorf("awaiting reply: %q", got)
	}
	if got := listed("still_online"); len(got) != 0 {
		t.Errorf("still online before any check: %q", got)
	}

	e.clock.Add(25 * time.Hour)
	if _, err := e.st.RecordChecks(nid, 1, "system", []store.ItemCheck{
		{CaseID: ids[0], Outcome: casework.OutcomeRemoved, Detail: "HTTP 404"},
		{CaseID: ids[1], Outcome: casework.OutcomeLive, Detail: "HTTP 200"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.TrackNotice(other, store.TrackUpdate{Kind: casework.TrackReply, At: e.clock.Now(), Text: "已处理", By: "cac"}); err != nil {
		t.Fatal(err)
	}
	if got := listed("still_online"); !slices.Equal(got, []string{"#" + htID(nid)}) {
		t.Errorf("still online: %q", got)
	}
	if got := listed("awaiting_reply"); !slices.Equal(got, []string{"#" + htID(nid)}) {
		t.Errorf("awaiting reply after the other's reply: %q", got)
	}
	if got := listed("overdue"); len(got) != 0 {
		t.Errorf("overdue before the deadline: %q", got)
	}
	doc := cac.htDoc("/notices", http.StatusOK)
	if got := strings.Join(strings.Fields(doc.Find("#track-filters").Text()), " "); !strings.Contains(got, "已逾期 0") ||
		!strings.Contains(got, "待平台答复 1") || !strings.Contains(got, "仍在线 1") {
		t.Errorf("filter counts %q", got)
	}
	resp, body = cac.htGet("/notices?track=whatever")
	htExpect(t, "unknown filter", resp, body, http.StatusBadRequest, "")

	doc = cac.htDoc(path, http.StatusOK)
	var offered []string
	doc.Find("#escalate-form button").Each(func(_ int, s *goquery.Selection) { offered = append(offered, s.AttrOr("value", "")) })
	if !slices.Equal(offered, []string{"second_notice", "referral"}) {
		t.Fatalf("escalations offered %v", offered)
	}
	if tl := htTimeline(doc); !slices.ContainsFunc(tl, func(s string) bool { return strings.Contains(s, "第 1 轮复查") && strings.Contains(s, "仍在线") }) {
		t.Errorf("timeline lacks the check that found the listing online: %q", tl)
	}

	resp, body = cac.htPost(path+"/escalate", url.Values{"kind": {"second_notice"}, "note": {"平台逾期未处理"}})
	htExpect(t, "second notice", resp, body, http.StatusSeeOther, "")
	loc := resp.Header.Get("Location")
	var second uint64
	if _, err := fmt.Sscanf(loc, "/notices/%d?ok=escalated", &second); err != nil || second == nid {
		t.Fatalf("escalation redirected to %q", loc)
	}
	sn, err := e.st.Notice(second)
	if err != nil {
		t.Fatal(err)
	}
	if sn.Status != casework.NoticeDraft || sn.Route != casework.RouteTakedownCAC || len(sn.Items) != 1 || sn.Items[0].CaseID != ids[1] {
		t.Errorf("second notice %+v", sn)
	}
	doc = cac.htDoc(loc, http.StatusOK)
	if got := doc.Find("#escalated-from a").AttrOr("href", ""); got != path {
		t.Errorf("second notice links to %q, want %s", got, path)
	}
	if tl := htTimeline(doc); len(tl) == 0 || !strings.Contains(tl[0], "起草（第二次通知）") || !strings.Contains(tl[0], "平台逾期未处理") {
		t.Errorf("second notice's timeline %q", tl)
	}
	// The letter says it is the second and what came first.
	resp, body = cac.htGet("/notices/" + htID(second) + "/document")
	htExpect(t, "second notice's letter", resp, body, http.StatusOK, "")
	letter := htParse(t, body)
	if got := letter.Find("#title").Text(); !strings.HasSuffix(got, "（第二次通知）") {
		t.Errorf("letter title %q", got)
	}
	if got := letter.Find("#body").Text(); !strings.Contains(got, "我单位已于2026年3月10日以网信函〔2026〕1号通知你单位") ||
		!strings.Contains(got, "截至2026年3月11日，相关链接仍可访问") {
		t.Errorf("letter body %q", got)
	}
	es, _ := e.st.AuditEntries(store.AuditFilter{Limit: 1})
	if es[0].Action != "notice.escalate" || es[0].Object != "notice:"+htID(nid) || es[0].Actor != "cac" {
		t.Errorf("audit %+v", es[0])
	}
	resp, body = cac.htPost(path+"/escalate", url.Values{"kind": {"second_notice"}})
	htExpect(t, "second notice again", resp, body, http.StatusConflict, "")

	resp, body = cac.htPost(path+"/escalate", url.Values{"kind": {"referral"}})
	htExpect(t, "referral", resp, body, http.StatusSeeOther, "")
	var ref uint64
	fmt.Sscanf(resp.Header.Get("Location"), "/notices/%d", &ref)
	if rn, err := e.st.Notice(ref); err != nil || rn.Route != casework.RoutePoliceReferral || rn.Recipient != "区公安分局" {
		t.Errorf("referral %+v, %v", rn, err)
	}
	doc = cac.htDoc(path, http.StatusOK)
	var links []string
	doc.Find(".escalated-to a").Each(func(_ int, s *goquery.Selection) { links = append(links, s.AttrOr("href", "")) })
	if !slices.Equal(links, []string{"/notices/" + htID(second), "/notices/" + htID(ref)}) {
		t.Errorf("first notice links %v", links)
	}
	if doc.Find("#escalate-form").Length() != 0 {
		t.Error("escalation still offered after both")
	}

	// The second notice goes through the same approval.
	resp, body = cac.htPost("/notices/"+htID(second)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "reviewer signs", resp, body, http.StatusForbidden, "")
	resp, body = approver.htPost("/notices/"+htID(second)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "approver signs the second notice", resp, body, http.StatusSeeOther, "")
	if sn, _ := e.st.Notice(second); sn.Status != casework.NoticeApproved || sn.Number == "" {
		t.Errorf("signed second notice %+v", sn)
	}

	// Past the deadline (72 h from signing) the first notice is overdue.
	e.clock.Add(48 * time.Hour)
	if got := listed("overdue"); !slices.Contains(got, "#"+htID(nid)) {
		t.Errorf("overdue after the deadline: %q", got)
	}
}

// TestNoticeTrackingNoRawNames: the notice pages, the list with its
// filters and reminders, and the audit log of a notice followed to the
// end (delivered, answered, reminded, overdue, escalated both ways) show
// no raw identifier of the tracking vocabulary or casework's table.
func TestNoticeTrackingNoRawNames(t *testing.T) {
	e := htNew(t)
	cac, approver := e.htLogin("cac"), e.htLogin("approver")
	nid, ids := e.htSentNotice(cac, approver, "https://www.shop.example/r1")
	for _, u := range []url.Values{
		{"kind": {"delivery"}, "channel": {"in_person"}, "at": {"2026-03-10T10:00"}},
		{"kind": {"receipt"}, "at": {"2026-03-10T10:00"}},
		{"kind": {"reply"}, "at": {"2026-03-10T10:00"}, "text": {"收到，正在核查。"}},
	} {
		resp, body := cac.htPost("/notices/"+htID(nid)+"/track", u)
		htExpect(t, "record "+u.Get("kind"), resp, body, http.StatusSeeOther, "")
	}
	n, err := e.st.Notice(nid)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range casework.ReminderKinds {
		if _, err := e.st.RemindNotice(store.NoticeReminder{NoticeID: nid, Kind: k, Deadline: n.Deadline},
			store.Message{Kind: "inapp", Target: "网信办", Subject: "通知 #" + htID(nid) + " " + k.Name(), Payload: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.st.RecordChecks(nid, 1, "system", []store.ItemCheck{{CaseID: ids[0], Outcome: casework.OutcomeLive}}); err != nil {
		t.Fatal(err)
	}
	var drafted []uint64
	for _, k := range casework.Escalations {
		resp, body := cac.htPost("/notices/"+htID(nid)+"/escalate", url.Values{"kind": {string(k)}})
		htExpect(t, "escalate "+string(k), resp, body, http.StatusSeeOther, "")
		var id uint64
		fmt.Sscanf(resp.Header.Get("Location"), "/notices/%d", &id)
		drafted = append(drafted, id)
	}
	known := htTableIdentifiers(e)
	for _, vs := range [][]string{strs(casework.DeliveryChannels), strs(casework.TrackKinds), strs(casework.ReminderKinds),
		strs(casework.Escalations), {"inapp", "still_online", "awaiting_reply"}} {
		known = append(known, vs...)
	}
	for _, v := range casework.DeliveryChannels {
		if v.Name() == string(v) {
			t.Errorf("channel %s has no Chinese name", v)
		}
	}
	pages := []string{"/notices/" + htID(nid), "/notices", "/notices?track=overdue", "/notices?track=awaiting_reply", "/notices?track=still_online"}
	for _, id := range drafted {
		pages = append(pages, "/notices/"+htID(id))
	}
	for _, p := range pages {
		resp, body := cac.htGet(p)
		htExpect(t, p, resp, body, http.StatusOK, "")
		if raw := htRawNames(htVisibleText(t, body), known); len(raw) > 0 {
			t.Errorf("%s shows raw identifiers %q:\n%.3000s", p, raw, htVisibleText(t, body))
		}
	}
	admin := e.htLogin("admin")
	resp, body := admin.htGet("/audit")
	htExpect(t, "audit", resp, body, http.StatusOK, "")
	if raw := htRawNames(htVisibleText(t, body), known); len(raw) > 0 {
		t.Errorf("the audit log shows raw identifiers %q", raw)
	}
	doc := htParse(t, body)
	seen := map[string]bool{}
	doc.Find("#audit-table tbody tr").Each(func(_ int, r *goquery.Selection) { seen[r.AttrOr("data-action", "")] = true })
	for _, a := range []string{"notice.delivery", "notice.receipt", "notice.reply", "notice.reminder", "notice.overdue", "notice.escalate"} {
		if !seen[a] {
			t.Errorf("the audit log lacks %s", a)
		}
		if casework.AuditAction(a).Name() == a {
			t.Errorf("audit action %s has no Chinese name", a)
		}
	}
	doc = cac.htDoc("/notices", http.StatusOK)
	if got := htTexts(doc, "#notice-reminders li"); len(got) != 2 {
		t.Errorf("reminders on the list %q, want 2", got)
	}
}

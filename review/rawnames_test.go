package review_test

// Issue 13, defect 1: no raw identifier reaches people. The test fills a
// server with a realistic day (cases with every contact kind and linked
// sellers, decisions of every kind, notices signed, sent and checked, a
// sweep with failures, troubles and every source state, a rules trial,
// the audit log of all of it), renders every page of the review UI and
// the notice and report documents, and scans what a reader sees for the
// identifiers of casework's table and for Go duration strings.

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/tuning"
)

// htGoDuration is a Go duration as time.Duration prints it: 1.703831211s,
// 2m3.5s, 350ms.
var htGoDuration = regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|ms|s|m|h)(\d+(\.\d+)?(ns|µs|ms|s|m|h))*\b`)

// htTableIdentifiers are every identifier casework's table names, and
// the vocabularies the documents test knows.
func htTableIdentifiers(e *htEnv) []string {
	ids := htKnownIdentifiers(e)
	for _, vs := range [][]string{strs(casework.ContactKinds), strs(casework.Labels), strs(casework.FetchOutcomes),
		strs(casework.SweepTroubles), strs(casework.SourceStates), strs(casework.AuditActions), strs(casework.AuditObjects),
		strs(casework.Actions)} {
		ids = append(ids, vs...)
	}
	// The test accounts are named after roles (analyst, admin…): those
	// names are people's, not raw roles (the other roles are snake_case,
	// which the scanner finds anyway).
	ids = slices.DeleteFunc(ids, func(id string) bool { _, user := htUsers[id]; return user })
	slices.Sort(ids)
	return slices.Compact(ids)
}

// htVisibleText is what a reader of a page sees: its title and body text
// and the labels of its controls, without scripts, styles, and what is
// raw on purpose (code, the YAML of a rule pack in a text box).
func htVisibleText(t *testing.T, body []byte) string {
	t.Helper()
	doc := htParse(t, body)
	doc.Find("style, script, textarea, code").Remove()
	var b strings.Builder
	b.WriteString(doc.Find("title").Text())
	doc.Find("body").Each(func(_ int, s *goquery.Selection) { b.WriteString("\n" + s.Text()) })
	doc.Find("input[type=submit], input[type=button]").Each(func(_ int, s *goquery.Selection) { b.WriteString("\n" + s.AttrOr("value", "")) })
	return b.String()
}

// htRawNames lists the raw identifiers and Go durations in text. URLs,
// host names, hashes and robots.txt (robots协议) may be ASCII.
func htRawNames(text string, known []string) []string {
	text = htDocURL.ReplaceAllString(text, " ")
	text = htDocHex.ReplaceAllString(text, " ")
	text = strings.NewReplacer("robots.txt", " ", "robots协议", " ").Replace(text)
	var found []string
	for _, id := range known {
		if regexp.MustCompile(`(^|[^A-Za-z0-9_.-])` + regexp.QuoteMeta(id) + `($|\.($|[^A-Za-z])|[^A-Za-z0-9_.-])`).MatchString(text) {
			found = append(found, id)
		}
	}
	found = append(found, htGoDuration.FindAllString(text, -1)...)
	text = htDocHost.ReplaceAllString(text, " ")
	found = append(found, htDocIdent.FindAllString(text, -1)...)
	slices.Sort(found)
	return slices.Compact(found)
}

// htDayOfWork builds the day and returns the pages to scan (path → the
// user who opens it).
func htDayOfWork(t *testing.T, e *htEnv) []struct{ user, path string } {
	t.Helper()
	sw := e.htSweep()
	contacts := func(text string) []matcher.Contact {
		var out []matcher.Contact
		for _, c := range []struct{ sub, kind, value string }{
			{"13812345678", matcher.ContactPhone, "13812345678"}, {"010-62345678", matcher.ContactLandline, "010-62345678"},
			{"zhengban88", matcher.ContactWeChat, "zhengban88"}, {"QQ 123456789", matcher.ContactQQ, "123456789"},
			{"@zhengban88bot", matcher.ContactTelegram, "@zhengban88bot"}, {"zheng-ban.example", matcher.ContactDomain, "zheng-ban.example"},
		} {
			out = append(out, htContact(t, "text", text, c.sub, c.kind, c.value))
		}
		return out
	}
	text := "电工证 免考包过 当天出证，联系 13812345678 或 010-62345678，微信 zhengban88，QQ 123456789，电报 @zhengban88bot，官网 zheng-ban.example"
	link := []store.CaseContact{{Kind: matcher.ContactWeChat, Value: "zhengban88"}, {Kind: matcher.ContactPhone, Value: "13812345678"}}
	var ids []uint64
	for i, cat := range e.pack.Categories {
		r := e.pack.Rules[slices.IndexFunc(e.pack.Rules, func(r *rules.Rule) bool { return r.Category == cat.ID })]
		for j, route := range casework.Routes {
			u := "https://shop" + string(rune('a'+i)) + ".example/item/" + string(rune('1'+j))
			ids = append(ids, e.htRecord(htPage{URL: u, Title: "办理特种作业操作证 免考包过", Text: text, Category: cat.ID, Route: route,
				Rules:    []matcher.RuleHit{{ID: r.ID, Category: cat.ID, Pack: e.pack.Version(), Route: route, Score: 9, Threshold: e.pack.Threshold, Fired: true}},
				Matches:  []matcher.Match{htSpan(t, "text", text, "免考包过", "term", "免考")},
				Contacts: contacts(text), Link: link, Screenshot: htShot(t)}).CaseID)
		}
	}
	cac, samr, approver := e.htLogin("cac"), e.htLogin("samr"), e.htLogin("approver")
	decide := func(cl *htClient, id uint64, form url.Values) {
		t.Helper()
		resp, body := cl.htPost("/cases/"+htID(id)+"/decide", form)
		htExpect(t, "decide", resp, body, http.StatusSeeOther, "")
	}
	decide(cac, ids[0], url.Values{"action": {"confirm"}, "route": {"takedown_cac"}, "note": {"核实无误"}})
	decide(samr, ids[1], url.Values{"action": {"confirm"}, "route": {"takedown_samr"}})
	decide(cac, ids[2], url.Values{"action": {"confirm"}, "route": {"police_referral"}})
	decide(approver, ids[2], url.Values{"action": {"approve"}})
	decide(cac, ids[3], url.Values{"action": {"dismiss"}, "reason": {"false_positive"}})
	decide(samr, ids[4], url.Values{"action": {"dismiss"}, "reason": {"duplicate"}})
	decide(cac, ids[5], url.Values{"action": {"confirm"}, "route": {"police_referral"}})
	decide(approver, ids[5], url.Values{"action": {"reject"}, "note": {"证据不足"}})
	// Claims, a reassignment, a takeover and a comment (assign.go), and a
	// second snapshot of a case to compare; the case is then merged into
	// another (below), as a claimed duplicate would be.
	held := ids[len(ids)-1]
	for _, step := range []struct {
		cl   *htClient
		path string
		form url.Values
	}{
		{cac, "/claim", url.Values{"op": {"claim"}}},
		{approver, "/claim", url.Values{"op": {"reassign"}, "to": {"samr"}}},
		{cac, "/claim", url.Values{"op": {"takeover"}}},
		{cac, "/comments", url.Values{"text": {"卖家另有店铺; 见案件 #1\n价格 800 元"}}},
	} {
		resp, body := step.cl.htPost("/cases/"+htID(held)+step.path, step.form)
		htExpect(t, step.path, resp, body, http.StatusSeeOther, "")
	}
	e.htRecord(htPage{URL: e.htCase(held).URL, Title: "办理特种作业操作证 免考包过", Text: text + "\n新增：价格 800 元"})
	// Duplicates merged into a pending case, one of them unmerged again
	// (issue 13: linked cases), so the audit log, the queue's badges and
	// the case pages show merges too.
	{
		n := len(ids) // the last three are pending
		resp, body := cac.htPost("/cases/"+htID(ids[n-3])+"/merge", url.Values{"ids": {htID(ids[n-2]) + "," + htID(ids[n-1])}, "note": {"同一卖家重复发布"}})
		htExpect(t, "merge", resp, body, http.StatusSeeOther, "")
		resp, body = cac.htPost("/cases/"+htID(ids[n-2])+"/unmerge", url.Values{"note": {"不是同一条"}})
		htExpect(t, "unmerge", resp, body, http.StatusSeeOther, "")
	}
	cacNotice, samrNotice := e.htCase(ids[0]).NoticeID, e.htCase(ids[1]).NoticeID
	for _, to := range []string{"approved", "sent"} {
		resp, body := approver.htPost("/notices/"+htID(cacNotice)+"/move", url.Values{"to": {to}})
		htExpect(t, "move notice", resp, body, http.StatusSeeOther, "")
	}
	resp, body := approver.htPost("/notices/"+htID(samrNotice)+"/move", url.Values{"to": {"approved"}})
	htExpect(t, "sign samr notice", resp, body, http.StatusSeeOther, "")
	e.clock.Add(25 * time.Hour)
	if _, err := e.st.RecordChecks(cacNotice, 1, "scheduler", []store.ItemCheck{
		{CaseID: ids[0], Outcome: casework.OutcomeLive, Status: 200, Detail: "页面仍在线", Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte("<p>仍在</p>")},
	}); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetModelChannel("admin", "cert_sale", false); err != nil {
		t.Fatal(err)
	}
	// The sweep: failures of every kind, troubles, every source state; an
	// older sweep stored before names were (no failure_names, no trouble
	// names, no source states).
	stats, _ := json.Marshal(map[string]any{
		"total": map[string]any{"attempted": 60, "fetched": 40, "failed": map[string]int{"redirect_limit": 3, "http_error": 5, "timeout": 2,
			"network": 1, "render_failed": 1, "not_html": 2, "blocked_address": 1}, "robots_refused": 5, "blocked": 4, "findings": 6},
		"by_source": map[string]any{"bbs": map[string]any{"attempted": 40, "fetched": 30, "failed": map[string]int{"http_error": 5}, "findings": 6},
			"closed": map[string]any{"attempted": 5, "robots_refused": 5}},
		"by_host": map[string]any{"bbs.example": map[string]any{"attempted": 40, "fetched": 30, "failed": map[string]int{"redirect_limit": 3, "http_error": 5,
			"timeout": 2, "network": 1, "render_failed": 1, "not_html": 2, "blocked_address": 1}}},
		"trouble": []map[string]string{{"source": "closed", "kind": "robots_refused", "detail": "5 个页面中 5 个被网站的 robots.txt 禁止抓取"},
			{"source": "gone", "kind": "not_checked", "detail": "本次巡查没有抓取该来源的任何页面"}},
		"sources": []map[string]string{{"source": "bbs", "state": "checked", "name": "已检查"}, {"source": "closed", "state": "trouble", "name": "需要关注", "detail": "robots.txt 禁止抓取"},
			{"source": "imitation", "state": "shared", "name": "由其他来源抓取", "detail": "起始网址已先由来源 reported 排入并抓取"},
			{"source": "gone", "state": "not_checked", "name": "未检查"}},
		"new_cases": 6,
	})
	if err := e.st.FinishSweep(sw, store.SweepFinished, stats); err != nil {
		t.Fatal(err)
	}
	admin := e.htLogin("admin")
	resp, body = admin.htPost("/audit/verify", nil)
	htExpect(t, "verify", resp, body, http.StatusOK, "")
	pages := []struct{ user, path string }{
		{"", "/login"}, {"cac", "/cases"}, {"cac", "/cases?status="}, {"cac", "/cases?status=dismissed"},
		{"approver", "/cases?status=pending_approval"}, {"approver", "/notices"}, {"analyst", "/rules"}, {"analyst", "/rules/test"},
		{"cac", "/reports"}, {"cac", "/reports/html"}, {"cac", "/sweeps"}, {"cac", "/sweeps/" + htID(sw)},
		{"admin", "/users"}, {"admin", "/audit"}, {"admin", "/audit?action=case."}, {"cac", "/account"}, {"cac", "/cases/999999"},
	}
	for _, id := range ids {
		pages = append(pages, struct{ user, path string }{"approver", "/cases/" + htID(id)})
	}
	pages = append(pages, struct{ user, path string }{"cac", "/search?q=" + url.QueryEscape("证书")},
		struct{ user, path string }{"cac", "/search?q=" + url.QueryEscape("代办")}, struct{ user, path string }{"cac", "/search?pivot=host:bbs.example"})
	for _, n := range []uint64{cacNotice, samrNotice, e.htCase(ids[2]).NoticeID} {
		pages = append(pages, struct{ user, path string }{"approver", "/notices/" + htID(n)},
			struct{ user, path string }{"approver", "/notices/" + htID(n) + "/document"})
	}
	// Last: the layout test opens the first /cases/ page for its screenshot.
	pages = append(pages, struct{ user, path string }{"cac", "/cases/mine"}, struct{ user, path string }{"approver", "/cases/mine?all=1"},
		struct{ user, path string }{"cac", "/cases/" + htID(held) + "/diff"})
	return pages
}

func TestNoRawIdentifiersOnAnyPage(t *testing.T) {
	e := htNew(t, func(o *review.Options) { o.Printer = &htPrinter{} })
	known := htTableIdentifiers(e)
	pages := htDayOfWork(t, e)
	clients := map[string]*htClient{"": e.htAnon()}
	scan := func(what string, body []byte) {
		t.Helper()
		if raw := htRawNames(htVisibleText(t, body), known); len(raw) > 0 {
			t.Errorf("%s shows raw identifiers %q:\n%.4000s", what, raw, htVisibleText(t, body))
		}
	}
	for _, p := range pages {
		cl := clients[p.user]
		if cl == nil {
			cl = e.htLogin(p.user)
			clients[p.user] = cl
		}
		resp, body := cl.htGet(p.path)
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s as %s: %d", p.path, p.user, resp.StatusCode)
			continue
		}
		scan(p.path, body)
	}
	// The rules trial: the default pack with thresholds nothing reaches,
	// so that every case drops out and shows its label.
	analyst := clients["analyst"]
	cand := strings.NewReplacer("\nthreshold: ", "\nthreshold: 999 #", "\n  threshold: ", "\n  threshold: 999 #").Replace(string(rules.DefaultSource()))
	resp, body := analyst.htPost("/rules/test", url.Values{"pack": {cand}})
	htExpect(t, "rules trial", resp, body, http.StatusOK, "")
	doc := htParse(t, body)
	if doc.Find("#tuning-totals").Length() != 1 || !strings.Contains(doc.Find("h2").Text(), "秒") || doc.Find("#tuning-dropped li").Length() == 0 {
		t.Errorf("the trial shows no result, no time in seconds or no dropped case: %q %q", doc.Find("h2").Text(), doc.Find("#tuning-totals").Text())
	}
	scan("rules trial", body)
	// The labels the trial can show all have names.
	for _, l := range []tuning.Label{tuning.Positive, tuning.Negative, tuning.Excluded, tuning.Unlabelled} {
		if n := casework.Label(l).Name(); n == string(l) {
			t.Errorf("tuning label %s has no Chinese name", l)
		}
	}
	// So do the contact kinds the matcher finds.
	for _, k := range []string{matcher.ContactPhone, matcher.ContactLandline, matcher.ContactWeChat, matcher.ContactQQ,
		matcher.ContactTelegram, matcher.ContactURL, matcher.ContactDomain} {
		if n := casework.ContactKind(k).Name(); n == k {
			t.Errorf("contact kind %s has no Chinese name", k)
		}
	}
	// The audit log names every action and object it shows.
	doc = htParse(t, func() []byte { _, b := clients["admin"].htGet("/audit"); return b }())
	doc.Find("#audit-table tbody tr").Each(func(_ int, r *goquery.Selection) {
		action := r.AttrOr("data-action", "")
		if !slices.Contains(casework.AuditActions, casework.AuditAction(action)) {
			t.Errorf("audit action %q has no Chinese name", action)
		}
	})
}

// TestRawNameScanner: the scanner finds what it must and passes what is
// ASCII on purpose.
func TestRawNameScanner(t *testing.T) {
	known := []string{"wechat", "positive", "redirect_limit", "case.confirm", "case", "robots"}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"联系方式 wechat：abc", []string{"wechat"}},
		{"（positive，得分 9）", []string{"positive"}},
		{"用时 1.703831211s", []string{"1.703831211s"}},
		{"用时 2m3.5s）", []string{"2m3.5s"}},
		{"失败 redirect_limit 3", []string{"redirect_limit"}},
		{"操作 case.confirm", []string{"case.confirm"}},
		{"对象 case:3", []string{"case"}},
		{"网址 https://a.example/case/wechat_x 主机 shop.example 哈希 0123456789abcdef0123", nil},
		{"robots.txt 禁止抓取，用时 1.7 秒，2026-03-10 10:00", nil},
	} {
		got := htRawNames(tc.text, known)
		if !slices.Equal(got, tc.want) {
			t.Errorf("htRawNames(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// htShotWidth is the width of htShot's picture, wider than a case page's
// column at any usual screen size.
const htShotWidth = 1600

// htShot is a real PNG screenshot, htShotWidth × 1200 px.
func htShot(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, htShotWidth, 1200))
	for y := 0; y < 1200; y += 40 {
		for x := 0; x < htShotWidth; x++ {
			img.Set(x, y, color.RGBA{200, 30, 30, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

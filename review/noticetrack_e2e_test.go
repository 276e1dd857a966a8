package review_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/casework"
)

// TestEndToEndNoticeReply (issue 13): in a real Chromium, the 网信办
// reviewer opens a sent notice, records its delivery (channel from the
// list), the receipt and the platform's reply with their Beijing times,
// and sees each on the page and in order on the notice's timeline (the
// receipt also marks the notice 已签收, at the time it was entered).
func TestEndToEndNoticeReply(t *testing.T) {
	chromiumPath(t)
	e := htNew(t)
	nid, _ := e.htSentNotice(e.htLogin("cac"), e.htLogin("approver"), "https://www.shop.example/e2e-reply")
	e.clock.Add(2 * time.Hour) // 12:00 in Beijing

	ctx := browser(t)
	base := e.srv.URL
	login(t, ctx, base, "cac", htPassword)
	page := fmt.Sprintf("%s/notices/%d", base, nid)
	reply := "已对涉事商品下架处理，店铺已关闭（工单 2026-0310-77）。"
	// Each step opens the page afresh and waits until the page after the
	// form's redirect shows what was recorded.
	// (The form's submission navigates: an evaluation that meets the
	// navigation fails and is tried again.)
	shown := func(sel, text string) chromedp.Action[chromedp.Void] {
		check := chromedp.Evaluate[bool](fmt.Sprintf(`location.search.includes("ok=tracked") && (document.querySelector(%q)?.textContent || "").includes(%q)`, sel, text))
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			deadline := time.Now().Add(20 * time.Second)
			for {
				if ok, err := check(ctx, tg); err == nil && ok {
					return chromedp.Void{}, nil
				}
				if time.Now().After(deadline) || ctx.Err() != nil {
					return chromedp.Void{}, fmt.Errorf("%s never showed %q", sel, text)
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	}
	run(t, ctx, "record the delivery",
		chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#track-delivery-form")),
		chromedp.SetValue(chromedp.CSS("#delivery-channel"), "email"),
		chromedp.SetValue(chromedp.CSS("#delivery-at"), "2026-03-10T10:20"),
		chromedp.Click(chromedp.CSS("#record-delivery")),
		shown("#track-delivery", "10:20"))
	run(t, ctx, "record the receipt",
		chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#track-receipt-form")),
		chromedp.SetValue(chromedp.CSS("#receipt-at"), "2026-03-10T11:05"),
		chromedp.Click(chromedp.CSS("#record-receipt")),
		shown("#track-receipt", "11:05"))
	run(t, ctx, "record the reply",
		chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#track-reply-form")),
		chromedp.SetValue(chromedp.CSS("#reply-at"), "2026-03-10T11:50"),
		chromedp.SendKeys(chromedp.CSS("#reply-text"), reply),
		chromedp.Click(chromedp.CSS("#record-reply")),
		shown("#track-reply", reply))

	if got := textOf(t, ctx, "#flash"); !strings.Contains(got, "已登记") {
		t.Errorf("flash %q", got)
	}
	if got := textOf(t, ctx, "#track-delivery"); !strings.Contains(got, "2026-03-10 10:20") || !strings.Contains(got, "电子邮件") {
		t.Errorf("delivery shown %q", got)
	}
	if got := textOf(t, ctx, "#track-receipt"); !strings.Contains(got, "2026-03-10 11:05") {
		t.Errorf("receipt shown %q", got)
	}
	if got := textOf(t, ctx, "#track-reply"); !strings.Contains(got, "2026-03-10 11:50") || !strings.Contains(got, reply) {
		t.Errorf("reply shown %q", got)
	}
	entries := get(t, ctx, "read the timeline", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#notice-timeline li")].map(li => li.textContent.trim())`))
	want := []string{"2026-03-10 10:00 +08:00 起草", "2026-03-10 10:00 +08:00 签发", "2026-03-10 10:00 +08:00 已发送",
		"2026-03-10 10:20 +08:00 已送达", "2026-03-10 11:05 +08:00 回执确认", "2026-03-10 11:50 +08:00 平台答复", "2026-03-10 12:00 +08:00 已签收"}
	if len(entries) != len(want) {
		t.Fatalf("timeline %q, want %d entries", entries, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(entries[i], w) {
			t.Errorf("timeline[%d] = %q, want it to start %q", i, entries[i], w)
		}
	}
	if !strings.Contains(entries[5], reply) || !strings.Contains(entries[3], "电子邮件") {
		t.Errorf("timeline details %q", entries)
	}
	// What the page shows is what was stored, in UTC.
	tr, err := e.st.NoticeTrack(nid)
	if err != nil {
		t.Fatal(err)
	}
	if r := tr.Latest(casework.TrackReply); r == nil || r.Text != reply || !r.At.Equal(time.Date(2026, 3, 10, 3, 50, 0, 0, time.UTC)) || r.By != "cac" {
		t.Errorf("stored reply %+v", r)
	}
}

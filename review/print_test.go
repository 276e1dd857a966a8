package review_test

// Issue 13, defect 3: a notice or report PDF whose printing times out is
// no "500 context deadline exceeded": it is tried three times, then the
// page says so in Chinese, links to try again and to the HTML version,
// and answers 503 with Retry-After. Slow prints and removal checks run in
// the background: the request answers 202 with a progress page at
// /tasks/{id} that refreshes itself and, once done, gives the result.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// htSlowPrinter prints through a print service on loopback that holds
// every request until released (a browser busy or starting): a real HTTP
// round trip that ends only when the service answers or the caller's
// context does.
type htSlowPrinter struct {
	srv       *httptest.Server
	release   chan struct{}
	once      sync.Once
	requests  atomic.Int32
	abandoned atomic.Int32 // requests whose caller gave up before the answer
}

func newSlowPrinter(t *testing.T) *htSlowPrinter {
	p := &htSlowPrinter{release: make(chan struct{})}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.requests.Add(1)
		html, _ := io.ReadAll(r.Body)
		select {
		case <-p.release:
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprintf(w, "%%PDF-1.7 printed %d bytes of HTML", len(html))
		case <-r.Context().Done():
			p.abandoned.Add(1)
		}
	}))
	t.Cleanup(func() { p.Release(); p.srv.Close() })
	return p
}

// Release lets the service answer, now and from then on.
func (p *htSlowPrinter) Release() { p.once.Do(func() { close(p.release) }) }

func (p *htSlowPrinter) PrintPDF(ctx context.Context, html []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.srv.URL+"/print", bytes.NewReader(html))
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func TestPrintTimeoutIsNoServerError(t *testing.T) {
	printer := newSlowPrinter(t)
	e := htNew(t, func(o *review.Options) {
		o.Printer, o.PrintTimeout, o.TaskWait = printer, 300*time.Millisecond, 20*time.Second
	})
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac := e.htLogin("cac")
	resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	nid := htID(e.htCase(a).NoticeID)

	for _, tc := range []struct{ name, path, alternative string }{
		{"notice", "/notices/" + nid + "/pdf", "/notices/" + nid + "/document"},
		{"report", "/reports/pdf?from=2026-03-01&to=2026-03-10", "/reports/html?from=2026-03-01&to=2026-03-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := printer.requests.Load()
			resp, body := cac.htGet(tc.path)
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("a print that timed out answers %d, want 503: %s", resp.StatusCode, htClip(body))
			}
			if ra := resp.Header.Get("Retry-After"); ra == "" {
				t.Error("no Retry-After")
			}
			if n := printer.requests.Load() - before; n != 3 {
				t.Errorf("the print service got %d requests, want 3 attempts", n)
			}
			doc := htParse(t, body)
			msg := htErrorMessage(t, body)
			if !strings.Contains(msg, "超时") || !strings.Contains(msg, "稍后重试") || !strings.Contains(msg, "3 次") || strings.Contains(msg, "deadline") {
				t.Errorf("message %q: want a Chinese explanation of the timeout after 3 attempts", msg)
			}
			if href := doc.Find("#retry").AttrOr("href", ""); href != tc.path {
				t.Errorf("retry link %q, want %q", href, tc.path)
			}
			if href := doc.Find("#alternative").AttrOr("href", ""); href != tc.alternative {
				t.Errorf("HTML link %q, want %q", href, tc.alternative)
			}
		})
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "notice.print"}); len(ents) != 0 {
		t.Errorf("a print that failed was audited: %+v", ents)
	}
	// Each attempt's deadline reached the print service (which sees the
	// abandoned request a moment later).
	for end := time.Now().Add(5 * time.Second); printer.abandoned.Load() < 6 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := printer.abandoned.Load(); n != 6 {
		t.Errorf("%d timed-out prints abandoned, want 6", n)
	}
	// The service comes back: the retry link prints.
	printer.Release()
	resp, body = cac.htGet("/notices/" + nid + "/pdf")
	htExpect(t, "retry", resp, body, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(body), "%PDF-1.7 printed") {
		t.Errorf("retry answered %s %q", resp.Header.Get("Content-Type"), htClip(body))
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "notice.print"}); len(ents) != 1 || ents[0].Actor != "cac" {
		t.Errorf("print audit = %+v", ents)
	}
}

// htTaskPage checks a progress page: 202, a refresh to its /tasks/ URL
// in the page's head, and Chinese only. It returns the task's URL.
func htTaskPage(t *testing.T, e *htEnv, resp *http.Response, body []byte) (string, *goquery.Document) {
	t.Helper()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("status %d, want 202 with the progress page: %s", resp.StatusCode, htClip(body))
	}
	doc := htParse(t, body)
	id := doc.Find("#task").AttrOr("data-task", "")
	if id == "" {
		t.Fatalf("no task on the progress page: %s", htClip(body))
	}
	taskURL := "/tasks/" + id
	if loc := resp.Header.Get("Location"); loc != taskURL {
		t.Errorf("Location %q, want %q", loc, taskURL)
	}
	if c := doc.Find(`head meta[http-equiv=refresh]`).AttrOr("content", ""); c != "2; url="+taskURL {
		t.Errorf("refresh %q, want every 2 s to %s", c, taskURL)
	}
	if doc.Find("script:not([src])").Length() != 0 {
		t.Error("inline script on the progress page (CSP)")
	}
	if raw := htRawNames(htVisibleText(t, body), htTableIdentifiers(e)); len(raw) > 0 {
		t.Errorf("the progress page shows raw identifiers %q", raw)
	}
	if !strings.Contains(doc.Find("#task-elapsed").Text(), "秒") {
		t.Errorf("elapsed %q: want seconds", doc.Find("#task-elapsed").Text())
	}
	return taskURL, doc
}

// htPoll GETs path until it answers other than 202, for at most limit.
func htPoll(t *testing.T, cl *htClient, path string, limit time.Duration) (*http.Response, []byte) {
	t.Helper()
	end := time.Now().Add(limit)
	for {
		resp, body := cl.htGet(path)
		if resp.StatusCode != http.StatusAccepted || time.Now().After(end) {
			return resp, body
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// htSettle waits until the print service got want requests (for at most
// 5 s), then a little more for any it should not get.
func htSettle(p *htSlowPrinter, want int32) {
	for end := time.Now().Add(5 * time.Second); p.requests.Load() < want && time.Now().Before(end); {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
}

func TestPrintSlowInBackground(t *testing.T) {
	printer := newSlowPrinter(t)
	e := htNew(t, func(o *review.Options) {
		o.Printer, o.PrintTimeout, o.TaskWait = printer, time.Minute, 200*time.Millisecond
	})
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac, samr := e.htLogin("cac"), e.htLogin("samr")
	resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	nid := htID(e.htCase(a).NoticeID)

	resp, body = cac.htGet("/notices/" + nid + "/pdf")
	taskURL, doc := htTaskPage(t, e, resp, body)
	if label := doc.Find("#task-label").Text(); !strings.Contains(label, "PDF") || !strings.Contains(label, "通知") {
		t.Errorf("the page does not say what runs: %q", label)
	}
	if href := doc.Find("#alternative").AttrOr("href", ""); href != "/notices/"+nid+"/document" {
		t.Errorf("HTML link %q", href)
	}
	// A second click joins the running print.
	resp, body = cac.htGet("/notices/" + nid + "/pdf")
	if again, doc := htTaskPage(t, e, resp, body); again != taskURL {
		t.Errorf("a second click started %s, want to join %s", again, taskURL)
	} else if at := doc.Find("#task-attempt").Text(); !strings.Contains(at, "第 1 次") || !strings.Contains(at, "共 3 次") {
		t.Errorf("attempt %q, want 第 1 次 of 3", at)
	}
	htSettle(printer, 1)
	if n := printer.requests.Load(); n != 1 {
		t.Errorf("%d prints for two clicks, want 1", n)
	}
	// The task is its owner's alone.
	resp, body = samr.htGet(taskURL)
	htExpect(t, "another user's task", resp, body, http.StatusNotFound, "")
	resp, body = cac.htGet("/tasks/nosuchtask")
	htExpect(t, "no such task", resp, body, http.StatusNotFound, "")

	printer.Release()
	resp, body = htPoll(t, cac, taskURL, 10*time.Second)
	htExpect(t, "the finished task", resp, body, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(body), "%PDF-1.7 printed") {
		t.Errorf("the task answered %s %q", resp.Header.Get("Content-Type"), htClip(body))
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `inline; filename="certwatch-notice-`+nid+`.pdf"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	// The result is kept: a second GET gives it again without printing.
	resp, body2 := cac.htGet(taskURL)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, body2) {
		t.Errorf("the kept result: %d %q", resp.StatusCode, htClip(body2))
	}
	if n := printer.requests.Load(); n != 1 {
		t.Errorf("%d prints, want 1", n)
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "notice.print"}); len(ents) != 1 || ents[0].Actor != "cac" {
		t.Errorf("print audit = %+v", ents)
	}
}

// htFlakyPrinter's first request hangs until its caller gives up (a
// browser starting); the later ones print.
type htFlakyPrinter struct{ *htSlowPrinter }

func (p htFlakyPrinter) PrintPDF(ctx context.Context, html []byte) ([]byte, error) {
	if p.requests.Load() >= 1 {
		// The service sees the first request abandoned a moment after
		// its caller gave up; then it answers.
		for end := time.Now().Add(5 * time.Second); p.abandoned.Load() < 1 && time.Now().Before(end); {
			time.Sleep(5 * time.Millisecond)
		}
		p.Release()
	}
	return p.htSlowPrinter.PrintPDF(ctx, html)
}

func TestPrintRetriedAfterTimeout(t *testing.T) {
	printer := htFlakyPrinter{newSlowPrinter(t)}
	e := htNew(t, func(o *review.Options) {
		o.Printer, o.PrintTimeout, o.TaskWait = printer, 400*time.Millisecond, 10*time.Second
	})
	cac := e.htLogin("cac")
	resp, body := cac.htGet("/reports/pdf?from=2026-03-01&to=2026-03-10")
	htExpect(t, "report after a retry", resp, body, http.StatusOK, "")
	if !strings.HasPrefix(string(body), "%PDF-1.7 printed") {
		t.Errorf("report %q", htClip(body))
	}
	if n, ab := printer.requests.Load(), printer.abandoned.Load(); n != 2 || ab != 1 {
		t.Errorf("%d prints, %d abandoned; want 2 and 1", n, ab)
	}
	if ents, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "report.export"}); len(ents) != 1 || ents[0].Actor != "cac" {
		t.Errorf("report audit = %+v", ents)
	}
}

func TestPrintTimeoutInBackground(t *testing.T) {
	printer := newSlowPrinter(t)
	e := htNew(t, func(o *review.Options) {
		o.Printer, o.PrintTimeout, o.TaskWait = printer, 400*time.Millisecond, 50*time.Millisecond
	})
	cac := e.htLogin("cac")
	path := "/reports/pdf?from=2026-03-01&to=2026-03-10"
	resp, body := cac.htGet(path)
	taskURL, _ := htTaskPage(t, e, resp, body)
	// The page follows the attempts…
	var attempts []string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		resp, body = cac.htGet(taskURL)
		if resp.StatusCode != http.StatusAccepted {
			break
		}
		at := strings.TrimSpace(htParse(t, body).Find("#task-attempt").Text())
		if len(attempts) == 0 || attempts[len(attempts)-1] != at {
			attempts = append(attempts, at)
		}
	}
	if len(attempts) < 2 || !strings.Contains(attempts[len(attempts)-1], "第 3 次") {
		t.Errorf("attempts shown %q, want up to 第 3 次", attempts)
	}
	// …and ends on the timeout page, which tries the same PDF again.
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("after 3 timeouts: %d, want 503: %s", resp.StatusCode, htClip(body))
	}
	if href := htParse(t, body).Find("#retry").AttrOr("href", ""); href != path {
		t.Errorf("retry link %q, want %q", href, path)
	}
	if n := printer.requests.Load(); n != 3 {
		t.Errorf("%d prints, want 3", n)
	}
}

// htSlowChecker holds every removal check until released.
type htSlowChecker struct {
	htChecker
	release chan struct{}
}

func (c *htSlowChecker) CheckNotice(ctx context.Context, id uint64, by string) (*store.Notice, error) {
	select {
	case <-c.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return c.htChecker.CheckNotice(ctx, id, by)
}

func TestCheckInBackground(t *testing.T) {
	checker := &htSlowChecker{release: make(chan struct{})}
	e := htNew(t, func(o *review.Options) { o.Checker, o.TaskWait = checker, 100*time.Millisecond })
	checker.st = e.st
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac, approver := e.htLogin("cac"), e.htLogin("approver")
	resp, body := cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	nid := htID(e.htCase(a).NoticeID)
	for _, to := range []string{"approved", "sent"} {
		resp, body = approver.htPost("/notices/"+nid+"/move", url.Values{"to": {to}})
		htExpect(t, "move to "+to, resp, body, http.StatusSeeOther, "")
	}
	resp, body = cac.htPost("/notices/"+nid+"/check", nil)
	taskURL, doc := htTaskPage(t, e, resp, body)
	if label := doc.Find("#task-label").Text(); !strings.Contains(label, "复查") {
		t.Errorf("label %q", label)
	}
	if doc.Find("#task-attempt").Length() != 0 || doc.Find("#alternative").Length() != 0 {
		t.Error("a check shows print attempts or an HTML version")
	}
	resp, body = cac.htPost("/notices/"+nid+"/check", nil)
	if again, _ := htTaskPage(t, e, resp, body); again != taskURL {
		t.Errorf("a second click started %s, want to join %s", again, taskURL)
	}
	close(checker.release)
	resp, body = htPoll(t, cac, taskURL, 10*time.Second)
	htExpect(t, "the finished check", resp, body, http.StatusSeeOther, "/notices/"+nid+"?ok=checked")
	checker.mu.Lock()
	defer checker.mu.Unlock()
	if !slices.Equal(checker.calls, []string{nid + " by cac"}) {
		t.Errorf("checker calls = %v", checker.calls)
	}
}

func TestTasksBounded(t *testing.T) {
	printer := newSlowPrinter(t)
	e := htNew(t, func(o *review.Options) {
		o.Printer, o.PrintTimeout, o.TaskWait = printer, time.Minute, 10*time.Millisecond
	})
	cac, samr := e.htLogin("cac"), e.htLogin("samr")
	report := func(day int) string { return fmt.Sprintf("/reports/pdf?from=2026-03-01&to=2026-03-%02d", day) }
	queued := 0
	for day := 1; day <= 8; day++ {
		resp, body := cac.htGet(report(day))
		_, doc := htTaskPage(t, e, resp, body)
		if strings.Contains(doc.Find("#task-state").Text(), "排队") {
			queued++
		}
	}
	// Two print at once; the others wait their turn.
	if queued < 6 {
		t.Errorf("%d of 8 tasks queued, want at least 6 (2 run at once)", queued)
	}
	htSettle(printer, 2)
	if n := printer.requests.Load(); n != 2 {
		t.Errorf("%d prints at once, want 2", n)
	}
	// One user's share is bounded: a 9th task is refused in Chinese.
	resp, body := cac.htGet(report(9))
	htExpect(t, "a 9th task", resp, body, http.StatusTooManyRequests, "")
	if msg := htErrorMessage(t, body); !strings.Contains(msg, "后台任务过多") || resp.Header.Get("Retry-After") == "" {
		t.Errorf("429 message %q, Retry-After %q", msg, resp.Header.Get("Retry-After"))
	}
	if raw := htRawNames(htVisibleText(t, body), htTableIdentifiers(e)); len(raw) > 0 {
		t.Errorf("the 429 page shows raw identifiers %q", raw)
	}
	// Joining a running task is still possible, and another user may start.
	resp, body = cac.htGet(report(1))
	htTaskPage(t, e, resp, body)
	resp, body = samr.htGet(report(1))
	htTaskPage(t, e, resp, body)
	printer.Release()
}

package sweep

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/smtptest"
	"github.com/certwatch/certwatch/store"
)

// digestStore has two finished sweeps: the second found two new cases and
// saw an old one again, and one source was in trouble.
func digestStore(t *testing.T, clock *testClock) (*store.Store, uint64) {
	t.Helper()
	st, err := store.Open(t.TempDir()+"/d.db", store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rec := func(sweep uint64, url, cat string, route casework.Route, score float64) {
		f, _ := json.Marshal(map[string]any{"route": route})
		if _, err := st.Record(store.Observation{SweepID: sweep, CaseKey: url, URL: url, Title: "标题 " + url, Status: 200,
			Body: []byte(url), Score: score, Category: cat, Finding: f}); err != nil {
			t.Fatal(err)
		}
	}
	one := &store.Sweep{}
	st.StartSweep(one)
	rec(one.ID, "http://a.example/1", "cert_sale", casework.RouteTakedownCAC, 20)
	st.FinishSweep(one.ID, "finished", nil)
	two := &store.Sweep{}
	st.StartSweep(two)
	rec(two.ID, "http://a.example/1", "cert_sale", casework.RouteTakedownCAC, 20)
	rec(two.ID, "http://shop.example/item/9", "cert_sale", casework.RouteTakedownSAMR, 31)
	rec(two.ID, "http://cx-mem-gov.example/", "imitation_site", casework.RoutePoliceReferral, 17)
	stats, _ := json.Marshal(&Summary{Total: Counts{Attempted: 50, Fetched: 45, Robots: 2, Blocked: 3},
		Trouble: []Trouble{{Source: "shop", Kind: TroubleMostlyBlocked, Detail: "10 个页面中 8 个被拦截"}}})
	st.FinishSweep(two.ID, "finished", stats)
	return st, two.ID
}

func TestBuildDigest(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)}
	st, id := digestStore(t, clock)
	d, err := BuildDigest(st, id, "http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	if d.NewCases != 2 || d.ByCategory["cert_sale"] != 1 || d.ByCategory["imitation_site"] != 1 ||
		d.ByRoute["takedown_samr"] != 1 || d.ByRoute["police_referral"] != 1 || d.OpenCases != 3 {
		t.Errorf("digest counts: new %d, by category %v, by route %v, open %d", d.NewCases, d.ByCategory, d.ByRoute, d.OpenCases)
	}
	if len(d.Cases) != 2 || d.Cases[0].Score < d.Cases[1].Score {
		t.Errorf("digest cases %+v, want the two new ones by score", d.Cases)
	}
	if len(d.Trouble) != 1 || d.Totals.Blocked != 3 {
		t.Errorf("trouble %v, totals %+v", d.Trouble, d.Totals)
	}
	text := d.Text(func(s string) string { return map[string]string{"cert_sale": "制售、买卖假证"}[s] })
	for _, want := range []string{"巡查 #2", "新发现线索：2 条", "制售、买卖假证：1", "市场监管下架通知：1", "大部分被拦截", "2026-11-26 02:00", "http://127.0.0.1:8080/cases?new=1"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest text lacks %q:\n%s", want, text)
		}
	}
}

// TestNotifierRetriesAndGivesUp delivers a digest to a webhook that fails
// twice, one that always fails, and a real SMTP server on loopback.
func TestNotifierRetriesAndGivesUp(t *testing.T) {
	clock := &testClock{t: time.Now().UTC()}
	st, id := digestStore(t, clock)
	var flakyCalls, deadCalls atomic.Int32
	var got []byte
	var auth string
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if flakyCalls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		got, _ = io.ReadAll(r.Body)
		auth = r.Header.Get("Authorization")
	}))
	defer flaky.Close()
	dead := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadCalls.Add(1)
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer dead.Close()
	mailbox := smtptest.Start(t)

	n := &Notifier{Store: st, Config: config.Notify{
		Webhooks:    []config.Webhook{{URL: flaky.URL, Headers: map[string]string{"Authorization": "Bearer s3cret"}}, {URL: dead.URL}},
		Email:       &config.Email{Host: "127.0.0.1", Port: mailbox.Port, From: "certwatch@example.gov.cn", To: []string{"wxb@example.gov.cn"}, TLS: "none"},
		RetryAfter:  time.Minute,
		MaxAttempts: 3,
	}}
	d, err := BuildDigest(st, id, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Queue(d); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Attempts at 0, +1m, +3m (the delay doubles): the flaky hook gets
	// through on the third; the dead one gives up after three.
	for i, step := range []time.Duration{0, time.Minute, 2 * time.Minute, 10 * time.Minute} {
		now := clock.Add(step)
		sent, failed, err := n.Deliver(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d: sent %d failed %d", i, sent, failed)
	}
	if flakyCalls.Load() != 3 || deadCalls.Load() != 3 {
		t.Errorf("webhook calls: flaky %d (want 3), dead %d (want 3: max attempts)", flakyCalls.Load(), deadCalls.Load())
	}
	var back Digest
	if err := json.Unmarshal(got, &back); err != nil || back.Sweep != id || back.NewCases != 2 || auth != "Bearer s3cret" {
		t.Errorf("webhook got %s (auth %q): %v", got, auth, err)
	}
	msgs, _ := st.Messages(0)
	for _, m := range msgs {
		switch m.Target {
		case dead.URL:
			if !m.GaveUp || m.Attempts != 3 || !strings.Contains(m.LastError, "500") {
				t.Errorf("dead webhook message: %+v", m)
			}
		default:
			if m.Sent.IsZero() {
				t.Errorf("message to %s not sent: %+v", m.Target, m)
			}
		}
	}
	mail := mailbox.Wait(t)
	if !strings.Contains(mail.Subject, "新线索 2 条") || !strings.Contains(mail.Subject, "1 个来源需要关注") || !strings.Contains(mail.Rcpt, "wxb@example.gov.cn") {
		t.Errorf("mail subject %q to %q", mail.Subject, mail.Rcpt)
	}
}

package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// scrape reads the certwatch_cases, certwatch_notices and
// certwatch_outbox_pending samples from a real /metrics.
func scrape(t *testing.T, url string) map[string]int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %d %v", resp.StatusCode, err)
	}
	out := map[string]int{}
	re := regexp.MustCompile(`(?m)^certwatch_(cases|notices|outbox_pending)(?:\{(?:status|state)="([a-z_]+)"\})? ([0-9.e+]+)$`)
	for _, m := range re.FindAllStringSubmatch(string(body), -1) {
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Fatal(err)
		}
		key := m[1]
		if m[2] != "" {
			key += "/" + m[2]
		}
		out[key] = int(v)
	}
	return out
}

// TestMetricsCountsFollowChanges: /metrics, served from the store's
// counters rather than a scan of every case, shows the right numbers as
// cases are found and decided and notices move.
func TestMetricsCountsFollowChanges(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "c.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(newMetrics(st).handler())
	defer srv.Close()
	url := srv.URL + "/metrics"
	expect := func(step string, want map[string]int) {
		t.Helper()
		got := scrape(t, url)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %d, want %d (all: %v)", step, k, got[k], v, got)
			}
		}
	}
	expect("empty", map[string]int{"cases/open": 0, "notices/draft": 0, "outbox_pending": 0})

	sw := store.Sweep{ConfigHash: "test"}
	if err := st.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for i := range 4 {
		u := fmt.Sprintf("https://shop.example/item/%d", i)
		res, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: u, URL: u, SourceID: "shop", Title: "出售安全员证",
			Status: 200, Body: []byte("出售安全员证 " + u), Flagged: true, Score: 9, Category: "cert_sale"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CaseID)
	}
	expect("four cases", map[string]int{"cases/open": 4, "cases/confirmed": 0})

	decide := func(d store.Decision) *store.Case {
		t.Helper()
		c, _, err := st.Decide(d)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := decide(store.Decision{CaseID: ids[0], Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC, Recipient: "平台甲", By: "a"})
	decide(store.Decision{CaseID: ids[1], Action: casework.ActionDismiss, Reason: casework.DismissOutOfScope, By: "a"})
	decide(store.Decision{CaseID: ids[2], Action: casework.ActionConfirm, Route: casework.RoutePoliceReferral, Recipient: "公安", By: "a"})
	expect("decided", map[string]int{"cases/open": 1, "cases/confirmed": 1, "cases/dismissed": 1,
		"cases/pending_approval": 1, "notices/draft": 1})

	if _, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeApproved, By: "boss", Number: "网信函〔2026〕1号",
		Deadline: time.Now().AddDate(1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveNotice(c.NoticeID, store.NoticeMove{To: casework.NoticeSent, By: "clerk"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Enqueue(store.Message{Kind: "webhook", Target: "http://127.0.0.1/x"}); err != nil {
		t.Fatal(err)
	}
	expect("sent", map[string]int{"notices/draft": 0, "notices/sent": 1, "notices/overdue": 0, "outbox_pending": 1})
}

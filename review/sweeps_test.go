package review_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// TestSweepsPage shows each sweep's health: totals, sources in trouble,
// per-source and per-host tables, and the digest deliveries; "sweep now"
// is offered to approvers and admins and refused while one runs.
func TestSweepsPage(t *testing.T) {
	var started atomic.Int32
	var busy atomic.Bool
	e := htNew(t, func(o *review.Options) {
		o.SweepBusy = busy.Load
		o.SweepNow = func() error {
			if busy.Load() {
				return review.ErrSweepBusy
			}
			started.Add(1)
			return nil
		}
	})
	id := e.htSweep()
	e.htRecord(htPage{URL: "http://shop.example/item/1", Title: "电工证包过", Text: "电工证 免考 包过", Route: casework.RouteTakedownSAMR})
	stats, _ := json.Marshal(map[string]any{
		"total":     map[string]any{"attempted": 40, "fetched": 30, "failed": map[string]int{"timeout": 4}, "robots_refused": 2, "blocked": 4, "findings": 3},
		"by_source": map[string]any{"shop": map[string]any{"attempted": 10, "fetched": 10, "blocked": 8}, "bbs": map[string]any{"attempted": 30, "fetched": 20, "robots_refused": 10, "findings": 3}},
		// Every configured source, as the sweep writes them: imitation's
		// start URL was queued by another source, so it has no counts.
		"sources": []map[string]string{{"source": "bbs", "state": "checked", "name": "已检查"},
			{"source": "shop", "state": "trouble", "name": "需要关注", "detail": "大部分被拦截"},
			{"source": "imitation", "state": "shared", "name": "由其他来源抓取", "detail": "起始网址已先由来源 reported 排入并抓取"}},
		"by_host": map[string]any{"shop.example": map[string]any{"attempted": 10, "fetched": 10, "blocked": 8},
			"bbs.example": map[string]any{"attempted": 30, "fetched": 20, "failed": map[string]int{"blocked_address": 2}, "blocked_address": 3}},
		"failure_names": map[string]string{"timeout": "超时", "blocked_address": "禁止访问的内网地址"},
		"new_cases":     3,
		"trouble":       []map[string]string{{"source": "shop", "kind": "mostly_blocked", "name": "大部分被拦截", "detail": "10 个页面中 8 个被拦截<script>"}},
		"discovery": []map[string]any{{"name": "二维码发现", "counts": []map[string]any{{"name": "识别出的二维码", "value": 2}, {"name": "疑似假冒查询网址", "value": 1}}},
			{"name": "仿冒域名发现", "counts": []map[string]any{{"name": "已注册域名", "value": 1}}, "err": "i/o timeout"}},
	})
	if err := e.st.FinishSweep(id, store.SweepFinished, stats); err != nil {
		t.Fatal(err)
	}
	if err := e.st.Enqueue(store.Message{Kind: "webhook", Target: "https://oa.example.gov.cn/hook", Payload: []byte("{}")}); err != nil {
		t.Fatal(err)
	}

	c := e.htLogin("cac")
	doc := c.htDoc("/sweeps", http.StatusOK)
	row := doc.Find(`#sweep-table tr[data-sweep]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "已完成") || !strings.Contains(row.Find(".trouble").Text(), "shop 大部分被拦截") {
		t.Errorf("sweep row: %q", row.Text())
	}
	if doc.Find("#sweep-now").Length() != 0 {
		t.Error("a reviewer is offered to start a sweep")
	}
	if !strings.Contains(doc.Find("#outbox").Text(), "等待发送") {
		t.Errorf("outbox: %q", doc.Find("#outbox").Text())
	}
	doc = c.htDoc("/sweeps/"+htID(id), http.StatusOK)
	if tr := doc.Find("#trouble").Text(); !strings.Contains(tr, "大部分被拦截") || !strings.Contains(tr, "<script>") {
		t.Errorf("trouble list %q (the detail must show as text)", tr)
	}
	if doc.Find("#trouble script").Length() != 0 {
		t.Error("trouble detail injected an element")
	}
	if d := doc.Find("#digest").Text(); !strings.Contains(d, "制售、买卖假证 1") || !strings.Contains(d, "市场监管下架通知 1") {
		t.Errorf("digest %q", d)
	}
	if got := doc.Find("#digest-cases li").Length(); got != 1 {
		t.Errorf("%d new cases listed, want 1", got)
	}
	if d := doc.Find("#discovery").Text(); !strings.Contains(d, "二维码发现：识别出的二维码 2，疑似假冒查询网址 1") || !strings.Contains(d, "已注册域名 1") || !strings.Contains(d, "出错：i/o timeout") {
		t.Errorf("discovery %q", d)
	}
	if h := doc.Find("#by-host").Text(); !strings.Contains(h, "禁止访问的内网地址 2") || strings.Contains(h, "blocked_address") {
		t.Errorf("host table %q: failure reasons must show by their Chinese names", h)
	}
	if got := doc.Find("#by-source tbody tr").Length(); got != 3 {
		t.Errorf("%d source rows, want 3 (every configured source)", got)
	}
	if s := doc.Find(`#by-source tr[data-source="shop"]`); !strings.Contains(s.Text(), "80%") || !strings.Contains(s.Find(".state").Text(), "需要关注") {
		t.Errorf("shop row %q lacks its state or the blocked share 80%%", s.Text())
	}
	// robots.txt refusals are not "blocked": bbs has 10 of them and no
	// blocked page, so its blocked share is 0%.
	if s := doc.Find(`#by-source tr[data-source="bbs"]`); !strings.Contains(s.Text(), "0%") || strings.Contains(s.Text(), "33%") || !strings.Contains(s.Find(".state").Text(), "已检查") {
		t.Errorf("bbs row %q: robots refusals must not count as blocked", s.Text())
	}
	if s := doc.Find(`#by-source tr[data-source="imitation"]`); !strings.Contains(s.Find(".state").Text(), "由其他来源抓取") || !strings.Contains(s.Text(), "reported") {
		t.Errorf("imitation row %q: a source whose start URL another source fetched must show, with its state", s.Text())
	}

	a := e.htLogin("approver")
	if a.htDoc("/sweeps", http.StatusOK).Find("#sweep-now button").Length() != 1 {
		t.Error("an approver is not offered to start a sweep")
	}
	resp, body := a.htPost("/sweeps/run", url.Values{})
	htExpect(t, "sweep now", resp, body, http.StatusSeeOther, "/sweeps?ok=sweepstarted")
	if started.Load() != 1 {
		t.Errorf("SweepNow called %d times", started.Load())
	}
	busy.Store(true)
	resp, body = a.htPost("/sweeps/run", url.Values{})
	htExpect(t, "sweep now while one runs", resp, body, http.StatusConflict, "")
	if started.Load() != 1 {
		t.Error("a second sweep was started while one ran")
	}
	es, _ := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "sweep."})
	if len(es) != 1 || es[0].Actor != "approver" {
		t.Errorf("audit of sweep starts: %+v", es)
	}
}

package sweep

import (
	"slices"
	"testing"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

func TestHealth(t *testing.T) {
	cfg := &config.Config{Sources: []*config.Source{{ID: "a"}, {ID: "b"}}}
	sum := func(a, b *Counts) *Summary {
		s := newSummary(1)
		if a != nil {
			s.BySource["a"] = a
		}
		if b != nil {
			s.BySource["b"] = b
		}
		return s
	}
	ok := &Counts{Attempted: 20, Fetched: 20, Findings: 3}
	tests := []struct {
		name      string
		now, prev *Summary
		resumed   bool
		want      []string // source:kind
	}{
		{"healthy", sum(ok, ok), sum(ok, ok), false, nil},
		{"first sweep", sum(ok, ok), nil, false, nil},
		{"not checked", sum(ok, nil), nil, false, []string{"b:not_checked"}},
		{"not checked after a resume is not news", sum(ok, nil), nil, true, nil},
		{"seeds queued by another source", func() *Summary { s := sum(ok, nil); s.SharedSeeds = []string{"b"}; return s }(), nil, false, nil},
		{"nothing loaded", sum(ok, &Counts{Attempted: 5, Failed: map[string]int{"timeout": 5}}), nil, false, []string{"b:nothing_loaded"}},
		{"mostly blocked", sum(ok, &Counts{Attempted: 10, Fetched: 10, Blocked: 4, Robots: 2}), nil, false, []string{"b:mostly_blocked"}},
		{"half blocked is not mostly", sum(ok, &Counts{Attempted: 10, Fetched: 10, Blocked: 5}), nil, false, nil},
		{"mostly failed", sum(ok, &Counts{Attempted: 10, Fetched: 3, Failed: map[string]int{"network": 7}}), nil, false, []string{"b:mostly_failed"}},
		{"went quiet", sum(ok, &Counts{Attempted: 20, Fetched: 20}), sum(ok, ok), false, []string{"b:went_quiet"}},
		{"quiet source stays quiet", sum(ok, &Counts{Attempted: 20, Fetched: 20}), sum(ok, &Counts{Attempted: 20, Fetched: 20, Findings: 1}), false, nil},
		{"shrank", sum(ok, &Counts{Attempted: 6, Fetched: 6, Findings: 3}), sum(ok, ok), false, []string{"b:shrank"}},
		{"no comparison after a resume", sum(ok, &Counts{Attempted: 6, Fetched: 6}), sum(ok, ok), true, nil},
		{"renders fell back to static", sum(ok, &Counts{Attempted: 20, Fetched: 20, Findings: 3, AutoStatic: 17, RenderFallback: 3}), nil, false, []string{"b:render_failed"}},
		{"evidence screenshots failed", sum(&Counts{Attempted: 20, Fetched: 20, Findings: 3, Screenshots: 2, ScreenshotsFailed: 1}, ok), nil, false, []string{"a:render_failed"}},
		{"auto pages kept static are healthy", sum(ok, &Counts{Attempted: 20, Fetched: 20, Findings: 3, AutoStatic: 20}), nil, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.now.Resumed = tc.resumed
			var got []string
			for _, tr := range Health(cfg, tc.now, tc.prev) {
				got = append(got, tr.Source+":"+tr.Kind)
				if tr.Detail == "" || tr.Name == "" || tr.Name != TroubleNames[tr.Kind] {
					t.Errorf("trouble %+v lacks a detail or a name", tr)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Health = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWallMarkers(t *testing.T) {
	ms := removalMarkers(defaultMatcher(t))
	pg := func(title, text string) *page.Page {
		p := page.FromText("http://x/", text)
		p.Title = title
		return p
	}
	long := pg("论坛", "请先登录后回复。"+repeat("正常的帖子内容，讨论焊接工艺。", 400))
	for _, tc := range []struct {
		name string
		p    *page.Page
		want bool
	}{
		{"login wall", pg("登录", "请登录后查看"), true},
		{"captcha", pg("安全验证", "请输入验证码"), true},
		{"long page mentioning login", long, false},
		{"ordinary page", pg("电工证", "电工证报名须知"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ms.wall(tc.p); got != tc.want {
				t.Errorf("wall = %v, want %v", got, tc.want)
			}
		})
	}
}

func repeat(s string, n int) string {
	out := make([]byte, 0, len(s)*n)
	for range n {
		out = append(out, s...)
	}
	return string(out)
}

func TestSharedSeeds(t *testing.T) {
	items := []store.FrontierItem{
		{URL: "http://a/", SourceID: "reported"}, {URL: "http://b/", SourceID: "reported"},
		{URL: "http://a/", SourceID: "imitation"},
		{URL: "http://b/", SourceID: "site"}, {URL: "http://c/", SourceID: "site"},
	}
	if got := sharedSeeds(items); !slices.Equal(got, []string{"imitation"}) {
		t.Errorf("sharedSeeds = %v, want [imitation]", got)
	}
}

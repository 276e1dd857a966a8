package sweep

import (
	"slices"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
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
		{"mostly blocked", sum(ok, &Counts{Attempted: 10, Fetched: 10, Blocked: 6}), nil, false, []string{"b:mostly_blocked"}},
		{"robots refusals are not blocked", sum(ok, &Counts{Attempted: 10, Fetched: 4, Robots: 6}), nil, false, []string{"b:robots_refused"}},
		{"all refused by robots.txt is not a failure", sum(ok, &Counts{Attempted: 3, Robots: 3}), nil, false, []string{"b:robots_refused"}},
		{"blocked and robots together", sum(ok, &Counts{Attempted: 10, Fetched: 6, Blocked: 4, Robots: 2}), nil, false, []string{"b:mostly_unchecked"}},
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
				if tr.Detail == "" || tr.Name == "" || tr.Name == tr.Kind || tr.Name != TroubleName(tr.Kind) {
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
			if got := ms.wall(tc.p, matcher.PageNormalized(tc.p)); got != tc.want {
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
	got := sharedSeeds(items)
	if len(got) != 1 || !slices.Equal(got["imitation"], []string{"reported"}) {
		t.Errorf("sharedSeeds = %v, want imitation held by reported", got)
	}
}

// TestSourceStates: every configured source gets a state, in the
// configuration's order, whatever the counts hold.
func TestSourceStates(t *testing.T) {
	cfg := &config.Config{Sources: []*config.Source{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}}
	s := newSummary(1)
	s.BySource["a"] = &Counts{Attempted: 5, Fetched: 5}
	s.BySource["b"] = &Counts{Attempted: 5, Robots: 5}
	s.BySource["gone"] = &Counts{Attempted: 1, Fetched: 1} // a source no longer configured
	s.shareSeeds(map[string][]string{"c": {"a"}})
	s.Trouble = Health(cfg, s, nil)
	s.finish(cfg)
	var got []string
	for _, st := range s.Sources {
		got = append(got, st.Source+":"+st.State)
		if st.Name != StateName(st.State) || st.Name == "" || st.Name == st.State {
			t.Errorf("source %s: name %q for state %s", st.Source, st.Name, st.State)
		}
	}
	want := []string{"a:checked", "b:trouble", "c:shared", "d:not_checked"}
	if !slices.Equal(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
	if last := s.sourcesInOrder(); len(last) != 5 || last[4].Source != "gone" || last[4].State != StateChecked {
		t.Errorf("printed states %+v: want the configured ones, then gone", last)
	}
	s.Resumed, s.SharedSeeds = true, nil
	if st := s.stateOf("c"); st.State != StateNotResumed {
		t.Errorf("after a resume, a source without pages is %s, want %s", st.State, StateNotResumed)
	}
}

// TestNamesInCasework: every trouble kind, source state and crawler
// outcome the sweep writes has its Chinese name in casework's table.
func TestNamesInCasework(t *testing.T) {
	for _, k := range []string{TroubleNotChecked, TroubleNothingLoaded, TroubleMostlyBlocked, TroubleMostlyFailed, TroubleWentQuiet,
		TroubleShrank, TroubleBlockedAddress, TroubleRenderFailed, TroubleRobots, TroubleMostlyUnchecked} {
		if !slices.Contains(casework.SweepTroubles, casework.SweepTrouble(k)) {
			t.Errorf("trouble %s has no name in casework", k)
		}
	}
	for _, k := range []string{StateChecked, StateTrouble, StateShared, StateNotChecked, StateNotResumed} {
		if !slices.Contains(casework.SourceStates, casework.SourceState(k)) {
			t.Errorf("source state %s has no name in casework", k)
		}
	}
	for _, o := range []crawler.Outcome{crawler.OutcomeOK, crawler.OutcomeHTTPError, crawler.OutcomeTimeout, crawler.OutcomeNetwork,
		crawler.OutcomeRobots, crawler.OutcomeTooManyRedirs, crawler.OutcomeRenderFailed, crawler.OutcomeNotHTML, crawler.OutcomeBlockedAddress} {
		if !slices.Contains(casework.FetchOutcomes, casework.FetchOutcome(o)) {
			t.Errorf("crawler outcome %s has no name in casework", o)
		}
	}
}

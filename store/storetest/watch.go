package storetest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// testWatchChecks: re-checks of known imitation sites (discover.watch) are
// recorded per case and listed newest first, bounded by limit and by
// store.MaxWatchChecks kept per case; other cases' checks never mix in; a
// missing case is ErrNotFound and a malformed check ErrInvalid, and
// neither records anything.
func testWatchChecks(t *testing.T, b Backend) {
	ws, ok := b.(interface {
		sweep.WatchRecorder
		review.WatchCheckStore
	})
	if !ok {
		t.Fatalf("%T does not record re-checks of known imitation sites (sweep.WatchRecorder, review.WatchCheckStore)", b)
	}
	sw := startSweep(t, b)
	a := flagCase(t, b, sw, "http://cx-mem-gov.top/", "特种作业操作证查询平台 仿冒 a")
	other := flagCase(t, b, sw, "http://mem-cx.top/", "特种作业操作证查询平台 仿冒 b")
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	states := []string{store.WatchOnline, store.WatchChanged, store.WatchGone, store.WatchFailed}
	for i, s := range states {
		c := store.WatchCheck{CaseID: a, SweepID: sw, At: at.Add(time.Duration(i) * time.Hour), URL: "http://cx-mem-gov.top/",
			State: s, Status: 200 + i, ContentKey: fmt.Sprintf("key%d", i), Detail: "复查结果 " + s}
		if err := ws.RecordWatchCheck(c); err != nil {
			t.Fatalf("RecordWatchCheck %s: %v", s, err)
		}
	}
	if err := ws.RecordWatchCheck(store.WatchCheck{CaseID: other, SweepID: sw, At: at, URL: "http://mem-cx.top/", State: store.WatchGone, Status: 404}); err != nil {
		t.Fatal(err)
	}
	got, err := ws.WatchChecks(a, 0)
	if err != nil || len(got) != 4 {
		t.Fatalf("WatchChecks: %d, %v", len(got), err)
	}
	for i, c := range got {
		want := len(states) - 1 - i
		if c.CaseID != a || c.SweepID != sw || c.State != states[want] || c.Status != 200+want || c.ContentKey != fmt.Sprintf("key%d", want) ||
			!c.At.Equal(at.Add(time.Duration(want)*time.Hour)) || c.URL != "http://cx-mem-gov.top/" || c.Detail != "复查结果 "+states[want] {
			t.Errorf("check %d: %+v", i, c)
		}
	}
	if got, _ := ws.WatchChecks(a, 2); len(got) != 2 || got[0].State != store.WatchFailed {
		t.Errorf("limit 2: %+v", got)
	}
	if got, _ := ws.WatchChecks(other, 0); len(got) != 1 || got[0].State != store.WatchGone || got[0].CaseID != other {
		t.Errorf("the other case's checks: %+v", got)
	}
	if got, err := ws.WatchChecks(999999, 0); err != nil || len(got) != 0 {
		t.Errorf("checks of a case without any: %+v, %v", got, err)
	}

	// Refusals record nothing.
	if err := ws.RecordWatchCheck(store.WatchCheck{CaseID: 999999, State: store.WatchGone}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("check of a missing case: %v, want ErrNotFound", err)
	}
	for _, bad := range []store.WatchCheck{
		{CaseID: a, State: "sleeping"},
		{CaseID: 0, State: store.WatchGone},
		{CaseID: a, State: store.WatchGone, URL: "http://x/" + strings.Repeat("a", 5000)},
		{CaseID: a, State: store.WatchGone, Detail: strings.Repeat("长", 501)},
	} {
		if err := ws.RecordWatchCheck(bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad check %.60v: %v, want ErrInvalid", bad, err)
		}
	}
	if got, _ := ws.WatchChecks(a, 0); len(got) != 4 {
		t.Errorf("refused checks were recorded: %d", len(got))
	}

	// The bound: the oldest are dropped.
	for i := range store.MaxWatchChecks + 5 {
		if err := ws.RecordWatchCheck(store.WatchCheck{CaseID: other, SweepID: sw, At: at.Add(time.Duration(i) * time.Minute), State: store.WatchOnline, Status: 200, Detail: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	got, err = ws.WatchChecks(other, 1000)
	if err != nil || len(got) != store.MaxWatchChecks || got[0].Detail != fmt.Sprint(store.MaxWatchChecks+4) || got[len(got)-1].Detail != "5" {
		t.Errorf("after %d checks: %d kept, newest %q, oldest %q, %v", store.MaxWatchChecks+6, len(got), got[0].Detail, got[len(got)-1].Detail, err)
	}
	if got, _ := ws.WatchChecks(a, 0); len(got) != 4 {
		t.Errorf("the bound of one case dropped another's checks: %d", len(got))
	}
}

package lookalike

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

func mustCandidates(t testing.TB, host string, max int) []Candidate {
	t.Helper()
	cs, err := Generate(host, Options{MaxCandidates: max})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestResolveKeepsRegistered(t *testing.T) {
	cs := mustCandidates(t, "cx.mem.gov.cn", 0)
	var idn string
	for _, c := range cs {
		if c.Technique == IDNHomoglyph {
			idn = c.Host
			break
		}
	}
	zone := testZone{
		addrs: map[string][]string{
			"cx-mem-gov.cn":    {"192.0.2.10"},
			"cxmem.gov.cn.com": {"192.0.2.20", "2001:db8::20"},
			idn:                {"192.0.2.30"},
		},
		nodata:   map[string]bool{"memgov.cn": true, "gov.cn.com": true}, // gov.cn.com: NS of cxmem.gov.cn.com
		silent:   map[string]bool{"mem-gov.cn": true},
		servfail: map[string]bool{"cx.mem.com": true},
		wildcard: map[string]string{"gov-cn.com": "192.0.2.99"},
	}
	var wild []string // every name under the wildcard domain resolves
	for _, c := range cs {
		if strings.HasSuffix(c.Host, ".gov-cn.com") {
			wild = append(wild, c.Host)
		}
	}
	if len(wild) < 3 {
		t.Fatalf("only %d names under gov-cn.com", len(wild))
	}
	srv := startDNS(t, zone)
	client, err := NewClient(srv.addr, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	start := time.Now()
	res, st, err := Resolve(context.Background(), cs, client, Limits{QPS: 1000, Burst: 10, Concurrency: 16, NS: true}, func() time.Time { return clock })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d names, %d queries in %v", st.Names, st.Queries, time.Since(start))
	if len(res) != len(cs) {
		t.Fatalf("%d results for %d candidates", len(res), len(cs))
	}
	var kept []string
	for _, r := range Keep(res) {
		kept = append(kept, r.Host)
	}
	sort.Strings(kept)
	want := append([]string{"cx-mem-gov.cn", "cxmem.gov.cn.com", idn, "memgov.cn"}, wild...)
	sort.Strings(want)
	if !reflect.DeepEqual(kept, want) {
		t.Fatalf("kept %v, want %v", kept, want)
	}
	byHost := map[string]Result{}
	for _, r := range res {
		byHost[r.Host] = r
	}
	if r := byHost["cxmem.gov.cn.com"]; !reflect.DeepEqual(r.Addrs, []string{"192.0.2.20", "2001:db8::20"}) || len(r.NS) != 1 {
		t.Errorf("cxmem.gov.cn.com: addrs %v ns %v", r.Addrs, r.NS)
	}
	if r := byHost["memgov.cn"]; len(r.Addrs) != 0 || len(r.NS) != 1 {
		t.Errorf("memgov.cn (NS only): %+v", r)
	}
	if r := byHost["mem-gov.cn"]; r.Status != Timeout || r.Err == "" {
		t.Errorf("silent name: %+v, want timeout", r)
	}
	if r := byHost["cx.mem.com"]; r.Status != Failed || r.Rcode != "SERVFAIL" {
		t.Errorf("servfail name: %+v", r)
	}
	for _, r := range Keep(res) {
		if r.Wildcard != strings.HasSuffix(r.Host, ".gov-cn.com") {
			t.Errorf("%s: wildcard %v", r.Host, r.Wildcard)
		}
	}
	if st.Registered != 4+len(wild) || st.Timeouts != 1 || st.Failed != 1 || st.Unregistered != len(cs)-6-len(wild) {
		t.Errorf("stats %+v", st)
	}
	// An NXDOMAIN name costs one query: A only.
	if n := srv.queries("cx.mem.gov.cn.com"); n != 1 {
		t.Errorf("unregistered name queried %d times", n)
	}
	if n := srv.queries("cxmem.gov.cn.com"); n != 2 {
		t.Errorf("registered name queried %d times, want A+AAAA", n)
	}
	if n := srv.queries("gov.cn.com"); n != 1 {
		t.Errorf("registrable domain queried %d times, want NS once", n)
	}

	// Schedule: only the timeout is due soon; registered ones in a day.
	state := NewState(Schedule{})
	state.Add(cs)
	if n := len(state.Due(clock, 0)); n != len(cs) {
		t.Fatalf("%d due before any check, want %d", n, len(cs))
	}
	state.Record(res)
	if due := state.Due(clock.Add(time.Minute), 0); len(due) != 0 {
		t.Errorf("due a minute later: %v", due)
	}
	due := state.Due(clock.Add(11*time.Minute), 0)
	if len(due) != 2 || due[0].Host != "cx.mem.com" && due[0].Host != "mem-gov.cn" {
		t.Errorf("due after 11 min: %v, want the timeout and the failure", due)
	}
	if n := len(state.Due(clock.Add(25*time.Hour), 0)); n != 6+len(wild) {
		t.Errorf("due after 25 h: %d, want %d", n, 6+len(wild))
	}
	if n := len(state.Due(clock.Add(8*24*time.Hour), 0)); n != len(cs) {
		t.Errorf("due after 8 days: %d, want all %d", n, len(cs))
	}

	// The state survives JSON, and a later answer clears the timeout.
	data, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadState(data, Schedule{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Entries, state.Entries) {
		t.Fatal("state changed through JSON")
	}
	e := again.Entries["mem-gov.cn"]
	if e.Status != Timeout || e.Failures != 1 {
		t.Fatalf("timeout entry: %+v", e)
	}
	srv.setSilent(nil) // the server now answers NXDOMAIN for it
	later := clock.Add(11 * time.Minute)
	res2, _, err := Resolve(context.Background(), again.Due(later, 0), client, Limits{QPS: 1000}, func() time.Time { return later })
	if err != nil {
		t.Fatal(err)
	}
	again.Record(res2)
	if e := again.Entries["mem-gov.cn"]; e.Status != Unregistered || e.Failures != 0 || !e.NextCheck.Equal(later.Add(7*24*time.Hour)) {
		t.Errorf("after retry: %+v", e)
	}
	if reg := again.Registered(); len(reg) != 4+len(wild) || reg[0].FirstSeen != clock {
		t.Errorf("registered entries: %+v", reg)
	}
}

func TestResolveRateBound(t *testing.T) {
	const qps = 100
	cs := mustCandidates(t, "zlaq.mohurd.gov.cn", 150)
	srv := startDNS(t, testZone{}) // every name NXDOMAIN: one query each
	client, err := NewClient(srv.addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, st, err := Resolve(context.Background(), cs, client, Limits{QPS: qps, Burst: 1, Concurrency: 16}, nil)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	times := srv.queryTimes()
	if len(times) != len(cs) || st.Queries != len(cs) || st.Unregistered != len(cs) {
		t.Fatalf("server saw %d queries, stats %+v, for %d names", len(times), st, len(cs))
	}
	// 150 queries at 100/s with a bucket of 1 need at least 1.49 s.
	if elapsed < 1200*time.Millisecond {
		t.Errorf("150 queries took %v: rate not bounded", elapsed)
	}
	// In any second the server sees at most 100 (+1 burst, and a generous
	// 30% for a scheduler that delays and then bunches packets on a busy machine).
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	maxIn := 0
	for i := range times {
		n := 0
		for j := i; j < len(times) && times[j].Sub(times[i]) < time.Second; j++ {
			n++
		}
		maxIn = max(maxIn, n)
	}
	t.Logf("%d queries in %v, at most %d in any second", len(times), elapsed, maxIn)
	if maxIn > qps*13/10 {
		t.Errorf("%d queries in one second, bound %d/s", maxIn, qps)
	}
}

func TestResolveTimeoutsBounded(t *testing.T) {
	cs := mustCandidates(t, "cnse.e-cqs.cn", 12)
	silent := map[string]bool{}
	for _, c := range cs {
		silent[c.Host] = true
	}
	srv := startDNS(t, testZone{silent: silent})
	client, err := NewClient(srv.addr, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, st, err := Resolve(context.Background(), cs, client, Limits{QPS: 1000, Concurrency: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 12 names, 4 at a time, 200 ms each: ~600 ms; never unbounded.
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("timeouts took %v", d)
	}
	if st.Timeouts != len(cs) || len(Keep(res)) != 0 {
		t.Errorf("stats %+v", st)
	}
	for _, r := range res {
		if r.Status != Timeout {
			t.Errorf("%s: %s, want timeout (not unregistered)", r.Host, r.Status)
		}
	}

	// A cancelled run stops and marks the rest failed, not unregistered.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, _, err = Resolve(ctx, cs, client, Limits{}, nil)
	if err == nil {
		t.Error("cancelled run returned no error")
	}
	for _, r := range res {
		if r.Status == Unregistered || r.Status == Registered {
			t.Errorf("%s: %s after cancel", r.Host, r.Status)
		}
	}
	if _, _, err := Resolve(context.Background(), make([]Candidate, HardMaxCandidates+1), client, Limits{}, nil); err == nil {
		t.Error("no error for too many names")
	}
}

func TestStateBackoff(t *testing.T) {
	s := NewState(Schedule{Retry: time.Minute, MaxRetry: 5 * time.Minute})
	c := Candidate{Host: "mem-gov.cn", Official: "cx.mem.gov.cn", Technique: Hyphenation}
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	// A registered name that later times out keeps its status and addresses.
	s.Record([]Result{{Candidate: c, Status: Registered, Addrs: []string{"192.0.2.1"}, Checked: now}})
	var gaps []time.Duration
	for i := 0; i < 5; i++ {
		now = now.Add(time.Hour)
		s.Record([]Result{{Candidate: c, Status: Timeout, Err: "i/o timeout", Checked: now}})
		gaps = append(gaps, s.Entries[c.Host].NextCheck.Sub(now))
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute}
	if !reflect.DeepEqual(gaps, want) {
		t.Errorf("retry gaps %v, want %v", gaps, want)
	}
	e := s.Entries[c.Host]
	if e.Status != Registered || len(e.Addrs) != 1 || e.Failures != 5 {
		t.Errorf("entry after timeouts: %+v", e)
	}
	if _, err := LoadState([]byte(`{"entries":`), Schedule{}); err == nil {
		t.Error("truncated JSON accepted")
	}
}

func TestResolveLargeAnswerOverTCP(t *testing.T) {
	var many []string
	for i := 1; i <= 120; i++ {
		many = append(many, fmt.Sprintf("192.0.2.%d", i))
	}
	srv := startDNS(t, testZone{addrs: map[string][]string{"zlaq-mohurd-gov.cn": many}})
	client, err := NewClient(srv.addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := Candidate{Host: "zlaq-mohurd-gov.cn", Official: "zlaq.mohurd.gov.cn", Technique: Hyphenation}
	res, _, err := Resolve(context.Background(), []Candidate{c}, client, Limits{QPS: 1000}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != Registered || len(res[0].Addrs) != len(many) {
		t.Fatalf("got %s with %d addresses, want %d", res[0].Status, len(res[0].Addrs), len(many))
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.tcp == 0 {
		t.Error("truncated answer was not retried over TCP")
	}
}

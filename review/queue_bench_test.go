package review_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// BenchmarkQueue100k is issue 13's benchmark (not a timed test): a bbolt
// store with 100,000 cases (findings of ~3 KB each, 3 categories, 4
// sources, 2,000 hosts, two sweeps, 1 in 50 dismissed), the review server
// on loopback HTTP, and the p50/p95/max of the queue page, a filtered
// queue, /api/cases and a case page, idle (sequential requests) and with
// 50 concurrent clients; then the process's RSS (VmRSS, VmHWM from
// /proc/self/status: store, index and server in this one process) and Go
// heap. The fill takes a few minutes; run it on its own:
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkQueue100k -benchtime 1x -timeout 30m ./review/
//
// CERTWATCH_BENCH_CASES overrides the number of cases; CERTWATCH_BENCH_DB
// names a database file to fill once and reuse in later runs.
func BenchmarkQueue100k(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CERTWATCH_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	path := filepath.Join(b.TempDir(), "q.db")
	reuse := false
	if p := os.Getenv("CERTWATCH_BENCH_DB"); p != "" { // keep the filled database for the next run
		path = p
		_, err := os.Stat(p)
		reuse = err == nil
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var ids []uint64
	if reuse {
		for id := uint64(1); id <= uint64(n); id++ {
			ids = append(ids, id)
		}
		if _, err := st.Case(uint64(n)); err != nil {
			b.Fatalf("reusing %s: %v", path, err)
		}
	} else {
		start := time.Now()
		ids = qbFill(b, st, n)
		b.Logf("filled %d cases in %s", n, time.Since(start).Round(time.Second))
	}
	if fi, err := os.Stat(path); err == nil {
		b.Logf("database file: %d MB", fi.Size()>>20)
	}
	// What serve does for its memory (cmd/certwatch/serve.go), from its
	// start: the soft limit for the collector and the budget on mapped
	// pages. CERTWATCH_BENCH_NO_MEMLIMIT=1 (the limit and GOGC) and
	// CERTWATCH_BENCH_NO_BOUND=1 (the budget) leave one out, to measure
	// without.
	if os.Getenv("CERTWATCH_BENCH_NO_MEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(review.ServeMemoryLimit))
		defer debug.SetGCPercent(debug.SetGCPercent(review.ServeGCPercent))
	}
	if os.Getenv("CERTWATCH_BENCH_NO_BOUND") == "" { // the budget on mapped file pages
		defer st.BoundMapped(store.ServeMappedBudget, store.ServeMappedPoll)()
	}
	// The first query builds the index (what a serve process does once).
	debug.FreeOSMemory()
	qbResetPeak()
	peaks := qbSamplePeaks()
	defer peaks.stop()
	rss0, _, anon0, file0 := qbRSS()
	b.Logf("after the fill: RSS %d MB (anonymous %d MB, mapped file %d MB)", rss0>>10, anon0>>10, file0>>10)
	before := qbHeap()
	start := time.Now()
	if _, err := st.QueryCases(store.CaseQuery{Limit: 1}); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.Logf("queue index built in %s; Go heap %d MB before, %d MB after (index ≈ %d MB)",
		time.Since(start).Round(time.Millisecond), before>>20, qbHeap()>>20, (qbHeap()-before)>>20)
	rss0, _, anon0, file0 = qbRSS()
	b.Logf("after the index: RSS %d MB (anonymous %d MB, mapped file %d MB)", rss0>>10, anon0>>10, file0>>10)
	// The full-text index too, as serve builds it at start (review.New
	// starts it in the background; here it is waited for, so that the
	// figures below are of both indexes).
	before = qbHeap()
	start = time.Now()
	if err := st.WarmSearch(); err != nil {
		b.Fatal(err)
	}
	b.Logf("search index built in %s; Go heap %d MB before, %d MB after (index ≈ %d MB)",
		time.Since(start).Round(time.Millisecond), before>>20, qbHeap()>>20, (qbHeap()-before)>>20)
	if t, err := st.Snapshots(ids[len(ids)/2]); err == nil && len(t) > 0 {
		if txt, err := st.SnapshotText(t[len(t)-1].ID); err == nil {
			b.Logf("a case's text: %d characters", len([]rune(txt.Text)))
		}
	}
	rss0, _, anon0, file0 = qbRSS()
	b.Logf("after both indexes: RSS %d MB (anonymous %d MB, mapped file %d MB)", rss0>>10, anon0>>10, file0>>10)

	peaks.serving()
	pack, _ := rules.Default()
	srv, err := review.New(review.Options{Store: st, Packs: []*rules.Pack{pack}, Log: slog.New(slog.DiscardHandler),
		SourceRoutes: map[string]casework.Route{"shop": casework.RouteTakedownSAMR}})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.CreateUser("bench", store.User{Name: "cac", Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: "x"}); err != nil && !reuse {
		b.Fatal(err)
	}
	tok := "bench-session-token"
	sum := sha256.Sum256([]byte(tok))
	if err := st.CreateSession(store.Session{TokenHash: hex.EncodeToString(sum[:]), User: "cac", CSRF: "c", Expires: time.Now().Add(24 * time.Hour)}); err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: time.Minute}
	get := func(path string) time.Duration {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.AddCookie(&http.Cookie{Name: "certwatch_session", Value: tok})
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Error(err)
			return 0
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Errorf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		return d
	}
	casePath := func(i int) string { return fmt.Sprintf("/cases/%d", ids[(i*7919)%len(ids)]) }
	endpoints := []struct {
		name string
		path func(i int) string
	}{
		{"queue page", func(int) string { return "/cases" }},
		{"filtered queue", func(i int) string {
			return []string{"/cases?category=exam_fraud&source=tieba&sort=first_seen",
				"/cases?status=&route=takedown_samr&min=20&sort=host&order=asc&page=3",
				"/cases?host=h17.example&status=", "/cases?new=1&sort=last_seen&size=200"}[i%4]
		}},
		{"/api/cases", func(i int) string { return []string{"/api/cases", "/api/cases?status=&sort=last_seen&page=40"}[i%2] }},
		{"case page", casePath},
		// Full-text search (search.go): Chinese words, ANDed words, a
		// host and a contact-like number.
		{"search", func(i int) string {
			return []string{"/search?q=%E5%AE%89%E5%85%A8%E5%91%98%E8%AF%81", "/search?q=%E7%94%B5%E5%B7%A5%E8%AF%81+%E4%BB%A3%E5%8A%9E",
				"/search?q=h17.example", "/search?q=%E7%84%8A%E5%B7%A5%E8%AF%81+%E5%8C%85%E8%BF%87", "/search?q=138"}[i%5]
		}},
	}
	type figure struct {
		name, mode    string
		p50, p95, max time.Duration
		n             int
		cpu           time.Duration // process CPU time per request (server and client)
		rss, file     uint64        // VmRSS and its mapped-file part after the phase (kB)
	}
	var figs []figure
	measure := func(name, mode string, clients, per int, path func(int) string) {
		var mu sync.Mutex
		var lat []time.Duration
		var wg sync.WaitGroup
		cpu0 := qbCPU()
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range per {
					d := get(path(c*per + i))
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		cpu := (qbCPU() - cpu0) / time.Duration(clients*per)
		slices.Sort(lat)
		q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
		rss, _, _, file := qbRSS()
		figs = append(figs, figure{name, mode, q(0.50), q(0.95), lat[len(lat)-1], len(lat), cpu, rss, file})
	}
	load0 := qbLoad()
	for _, ep := range endpoints {
		for i := range 5 { // warm up
			get(ep.path(i))
		}
		measure(ep.name, "idle", 1, 100, ep.path)
		measure(ep.name, "50 concurrent", 50, 10, ep.path)
	}
	// Every page at once: 50 clients over every kind of request.
	mixed := func(i int) string { return endpoints[i%len(endpoints)].path(i / len(endpoints)) }
	measure("mixed", "50 concurrent", 50, 12, mixed)
	// The same while reviewers decide: a dismissal every 100 ms, each of
	// which makes every cached queue answer stale.
	stopWrites := make(chan struct{})
	var writes sync.WaitGroup
	writes.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for j := 1; ; j++ {
			select {
			case <-stopWrites:
				return
			case <-t.C:
			}
			id := ids[(j*104729+17)%len(ids)]
			if _, _, err := st.Decide(store.Decision{CaseID: id, Action: casework.ActionDismiss, Reason: casework.DismissDuplicate, By: "bench"}); err != nil {
				continue // decided already
			}
		}
	})
	measure("mixed+writes", "50 concurrent", 50, 12, mixed)
	close(stopWrites)
	writes.Wait()
	if hits, misses := st.QueueCacheStats(); hits+misses > 0 {
		b.Logf("queue answers from the cache: %d of %d", hits, hits+misses)
	}
	runtime.GC()
	var out strings.Builder
	fmt.Fprintf(&out, "\n%d cases, loopback HTTP, GOMAXPROCS %d, load average %s at the start, %s at the end\n",
		n, runtime.GOMAXPROCS(0), load0, qbLoad())
	fmt.Fprintf(&out, "%-16s %-14s %6s %9s %9s %9s %12s %14s\n", "request", "load", "n", "p50", "p95", "max", "CPU/request", "RSS (file) MB")
	for _, f := range figs {
		fmt.Fprintf(&out, "%-16s %-14s %6d %9s %9s %9s %12s %8d (%3d)\n", f.name, f.mode, f.n, qbMs(f.p50), qbMs(f.p95), qbMs(f.max), qbMs(f.cpu), f.rss>>10, f.file>>10)
		b.ReportMetric(float64(f.p95.Microseconds())/1000, "p95-ms/"+strings.ReplaceAll(f.name+"-"+f.mode, " ", "_"))
	}
	rss, hwm, anon, file := qbRSS()
	fmt.Fprintf(&out, "process RSS %d MB (anonymous %d MB, mapped database file %d MB; peak %d MB since the fill, with the index builds), Go heap in use %d MB\n",
		rss>>10, anon>>10, file>>10, hwm>>10, qbHeap()>>20)
	fmt.Fprintf(&out, "file mappings resident: %s; drops over the mapped budget: %d\n", qbMappedFiles(), st.MappedDrops())
	pa, pf, ph, pAll, pServe := peaks.stop()
	fmt.Fprintf(&out, "peaks sampled every 20 ms since the fill: anonymous %d MB, mapped file %d MB, Go heap in use %d MB; while serving (after both index builds): RSS %d MB (anonymous %d MB)\n",
		pa>>10, pf>>10, ph>>20, pAll>>10, pServe>>10)
	if p := os.Getenv("CERTWATCH_BENCH_HEAPPROFILE"); p != "" { // the live heap with both indexes, before the store closes
		runtime.GC()
		if f, err := os.Create(p); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	b.Log(out.String())
	fmt.Print(out.String())
}

// qbCPU is this process's CPU time so far (user and system).
func qbCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// qbLoad is the machine's 1-minute load average (the benchmark shares
// the machine: read its figures against it).
func qbLoad() string {
	data, _ := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

func qbMs(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func qbHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// qbResetPeak resets VmHWM (Linux: clear_refs 5), so that the peak
// reported is of what serve does, not of the fill.
func qbResetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// qbRSS reads VmRSS, VmHWM, RssAnon and RssFile (kB) of this process.
func qbRSS() (rss, hwm, anon, file uint64) {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 {
			v, _ := strconv.ParseUint(f[1], 10, 64)
			switch f[0] {
			case "VmRSS:":
				rss = v
			case "VmHWM:":
				hwm = v
			case "RssAnon:":
				anon = v
			case "RssFile:":
				file = v
			}
		}
	}
	return rss, hwm, anon, file
}

// qbFill records n cases through store.Record from 16 goroutines, so the
// store's group commit batches them (the fast path a sweep uses), in two
// sweeps, and dismisses 1 in 50.
func qbFill(b *testing.B, st *store.Store, n int) []uint64 {
	var sweeps [2]uint64
	for i := range sweeps {
		sw := store.Sweep{}
		if err := st.StartSweep(&sw); err != nil {
			b.Fatal(err)
		}
		sweeps[i] = sw.ID
	}
	texts := qbTexts(b)
	cats := []string{"cert_sale", "exam_fraud", "imitation_site"}
	srcs := []string{"tieba", "xianyu", "shop", "bbs"}
	routes := []casework.Route{casework.RouteTakedownCAC, casework.RouteTakedownSAMR, casework.RoutePoliceReferral}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := make([]uint64, n)
	var wg sync.WaitGroup
	var failed sync.Once
	const workers = 16
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f := matcher.Finding{Flagged: true, Score: float64(i % 40), Category: cats[i%3], Route: routes[(i/3)%3],
					Reasons: []string{strings.Repeat("达到阈值 6，建议：网信办下架通知。规则 cert-sale-no-exam 得分 31：“出证”（+2），", 8)},
					Rules:   []matcher.RuleHit{{ID: "cert-sale-no-exam", Category: cats[i%3], Route: routes[(i/3)%3], Score: float64(i % 40), Fired: true}}}
				for j := range 20 {
					f.Matches = append(f.Matches, matcher.Match{Field: "text", Start: j * 10, End: j*10 + 6, Text: "免考包过", Term: "免考", Kind: "term", Rules: []string{"cert-sale-no-exam"}})
				}
				raw, err := finding.Encode(&f)
				if err != nil {
					failed.Do(func() { b.Error(err) })
					return
				}
				u := fmt.Sprintf("https://h%d.example/t/%d", i%2000, i)
				title, text := texts.page(i)
				res, err := st.Record(store.Observation{SweepID: sweeps[min(1, i/(n-n/10))], CaseKey: u, URL: u, FinalURL: u,
					SourceID: srcs[i%4], Title: title, Status: 200, Body: []byte(u),
					FetchedAt: base.Add(time.Duration(i) * time.Minute), Flagged: true, Score: float64(i % 40), Category: cats[i%3],
					Finding: raw, PageTitle: title, Text: text})
				if err != nil {
					failed.Do(func() { b.Error(err) })
					return
				}
				ids[i] = res.CaseID
			}
		}()
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	for i := 0; i < n; i += 50 {
		if _, _, err := st.Decide(store.Decision{CaseID: ids[i], Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	return ids
}

// qbPeaks samples this process's anonymous and file-backed resident set
// and its Go heap every 20 ms (the kernel keeps the peak of the total
// only, VmHWM), and the peaks of RSS and RssAnon from the moment
// serving starts.
type qbPeaks struct {
	mu                             sync.Mutex
	anon, file, heap, rss, anonSrv uint64
	srv                            bool
	done                           chan struct{}
	wg                             sync.WaitGroup
	once                           sync.Once
}

func qbSamplePeaks() *qbPeaks {
	p := &qbPeaks{done: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	p.wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			rss, _, anon, file := qbRSS()
			metrics.Read(sample)
			p.mu.Lock()
			p.anon, p.file, p.heap = max(p.anon, anon), max(p.file, file), max(p.heap, sample[0].Value.Uint64())
			if p.srv {
				p.rss, p.anonSrv = max(p.rss, rss), max(p.anonSrv, anon)
			}
			p.mu.Unlock()
			select {
			case <-p.done:
				return
			case <-t.C:
			}
		}
	})
	return p
}

// serving starts the peaks of the serving phase.
func (p *qbPeaks) serving() {
	p.mu.Lock()
	p.srv = true
	p.mu.Unlock()
}

// stop ends the sampling and returns the peaks (kB; heap in bytes).
func (p *qbPeaks) stop() (anon, file, heap, rss, anonServe uint64) {
	p.once.Do(func() { close(p.done); p.wg.Wait() })
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.anon, p.file, p.heap, p.rss, p.anonSrv
}

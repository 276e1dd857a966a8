package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func newSweep(t testing.TB, st *Store) uint64 {
	t.Helper()
	var id uint64
	if err := st.Pool().QueryRow(testCtx(t), `INSERT INTO sweeps (started_at, status) VALUES (now(), 'running') RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// hostRow is a host as stored.
type hostRow struct {
	DelayMS          int32
	Pending          int64 // pending frontier rows of the host
	HasPending       bool  // the host is marked as having some
	Claims, Expired  int64
	LeaseOwner       *string
	ReadyInFuture    bool
	NextAllowedLater time.Duration // next_allowed - now (negative when past)
}

func readHost(t *testing.T, st *Store, host string) hostRow {
	t.Helper()
	var h hostRow
	var next *time.Duration
	err := st.Pool().QueryRow(testCtx(t), `
		SELECT delay_ms, (SELECT count(*) FROM frontier f WHERE f.host = hosts.host AND f.state = 'pending'),
		       has_pending, claims, expired, lease_owner, ready_at > clock_timestamp(),
		       CASE WHEN next_allowed = '-infinity' THEN NULL ELSE next_allowed - clock_timestamp() END
		FROM hosts WHERE host = $1`, host).Scan(&h.DelayMS, &h.Pending, &h.HasPending, &h.Claims, &h.Expired, &h.LeaseOwner, &h.ReadyInFuture, &next)
	if err != nil {
		t.Fatalf("host %s: %v", host, err)
	}
	if next != nil {
		h.NextAllowedLater = *next
	}
	return h
}

func TestAddURLs(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	sw := newSweep(t, st)
	n, err := st.AddURLs(ctx, sw, []Item{
		{URL: "http://a.test/1", Delay: time.Second},
		{URL: "http://A.test:80/1?utm_source=x"}, // the same page
		{URL: "http://a.test/2", Delay: 3 * time.Second, SourceID: "s1", Depth: 2, Render: true, Kind: "listing", Meta: map[string]string{"price": "100"}},
		{URL: "https://b.test./x", Delay: 500 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("added %d, want 3 (one duplicate by canonical URL)", n)
	}
	n, err = st.AddURLs(ctx, sw, []Item{{URL: "http://a.test/1#frag"}, {URL: "http://a.test/3"}})
	if err != nil || n != 1 {
		t.Fatalf("second add: %d, %v; want 1 (a.test/1 is in the frontier already)", n, err)
	}
	// Another sweep has a frontier of its own.
	if n, err := st.AddURLs(ctx, newSweep(t, st), []Item{{URL: "http://a.test/1"}}); err != nil || n != 1 {
		t.Fatalf("add to another sweep: %d, %v", n, err)
	}
	a, b := readHost(t, st, "a.test"), readHost(t, st, "b.test")
	if a.Pending != 4 || !a.HasPending || a.DelayMS != 3000 {
		t.Fatalf("host a.test: %+v; want 4 pending (3 + 1 of the other sweep), delay the largest asked for (3000 ms)", a)
	}
	if b.Pending != 1 || !b.HasPending || b.DelayMS != 500 {
		t.Fatalf("host b.test (trailing dot dropped): %+v", b)
	}
	if p, d, err := st.FrontierCounts(ctx, sw); err != nil || p != 4 || d != 0 {
		t.Fatalf("counts: %d pending, %d done, %v", p, d, err)
	}
	// The URL's fields come back with a lease.
	var l *Lease
	for l == nil || l.Host != "a.test" {
		if l, err = st.ClaimHost(ctx, "w", time.Minute, ClaimOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	i := slices.IndexFunc(l.URLs, func(u URL) bool { return u.URL == "http://a.test/2" })
	if l.Host != "a.test" || i < 0 {
		t.Fatalf("lease %s with %v", l.Host, l.URLs)
	}
	if u := l.URLs[i]; u.SweepID != sw || u.SourceID != "s1" || u.Depth != 2 || !u.Render || u.Kind != "listing" || u.Meta["price"] != "100" {
		t.Fatalf("URL as claimed: %+v", u)
	}
}

func TestAddURLsBadInput(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	sw := newSweep(t, st)
	for _, tc := range []struct {
		name  string
		items []Item
		want  string
	}{
		{"empty URL", []Item{{URL: "http://a.test/"}, {URL: ""}}, "frontier item 1: URL must be"},
		{"no host", []Item{{URL: "/relative/path"}}, "has no host"},
		{"too long", []Item{{URL: "http://a.test/" + strings.Repeat("x", maxURLLen)}}, "URL must be 1–"},
		{"negative delay", []Item{{URL: "http://a.test/", Delay: -time.Second}}, "delay -1s outside"},
		{"too many", make([]Item, MaxAddBatch+1), "at most 10000 a call"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := st.AddURLs(ctx, sw, tc.items)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("AddURLs: %v; want an error saying %q", err, tc.want)
			}
		})
	}
	if p, _, err := st.FrontierCounts(ctx, sw); err != nil || p != 0 {
		t.Fatalf("a refused batch added %d URLs (%v)", p, err)
	}
	if _, err := st.ClaimHost(ctx, "", time.Minute, ClaimOptions{}); err == nil {
		t.Fatal("ClaimHost with no worker name")
	}
	if _, err := st.ClaimHost(ctx, "w", time.Millisecond, ClaimOptions{}); err == nil {
		t.Fatal("ClaimHost with a 1 ms lease")
	}
	if _, err := st.ClaimHost(ctx, "w", time.Minute, ClaimOptions{Batch: MaxClaimBatch + 1}); err == nil {
		t.Fatal("ClaimHost with an unbounded batch")
	}
}

// TestClaimConcurrentNeverSameHost runs 16 workers over 4 stores (as 4
// processes would, each with its own pool) until the frontier is empty,
// and checks that no host was ever held by two workers at once and that
// every URL was completed exactly once.
func TestClaimConcurrentNeverSameHost(t *testing.T) {
	ctx := testCtx(t)
	url := migrated(t)
	stores := make([]*Store, 4)
	for i := range stores {
		stores[i] = open(t, url, Options{MaxConns: 4})
	}
	sw := newSweep(t, stores[0])
	const hosts, perHost = 40, 10
	var items []Item
	for h := range hosts {
		for p := range perHost {
			items = append(items, Item{URL: fmt.Sprintf("http://h%02d.test/p%d", h, p), Delay: 0})
		}
	}
	if _, err := stores[0].AddURLs(ctx, sw, items); err != nil {
		t.Fatal(err)
	}
	var (
		mu        sync.Mutex
		holder    = map[string]string{} // host → worker holding it now
		completed = map[int64]int{}
		claims    int
	)
	var wg sync.WaitGroup
	for w := range 16 {
		st := stores[w%len(stores)]
		name := fmt.Sprintf("w%02d", w)
		wg.Go(func() {
			for {
				l, err := st.ClaimHost(ctx, name, time.Minute, ClaimOptions{Batch: 3})
				if errors.Is(err, ErrNoWork) {
					_, pending, err := st.NextReady(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if !pending {
						return
					}
					time.Sleep(time.Millisecond)
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				claims++
				if other, held := holder[l.Host]; held {
					t.Errorf("host %s claimed by %s while %s holds it", l.Host, name, other)
				}
				holder[l.Host] = name
				mu.Unlock()
				var done []Done
				for _, u := range l.URLs {
					if err := l.Begin(ctx); err != nil {
						t.Error(err)
						return
					}
					done = append(done, Done{ID: u.ID})
				}
				mu.Lock()
				for _, d := range done {
					completed[d.ID]++
				}
				mu.Unlock()
				if err := st.Complete(ctx, l, done); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				delete(holder, l.Host)
				mu.Unlock()
				if err := st.Release(ctx, l); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if len(completed) != hosts*perHost {
		t.Fatalf("%d URLs completed, want %d", len(completed), hosts*perHost)
	}
	for id, n := range completed {
		if n != 1 {
			t.Errorf("URL %d handed out %d times", id, n)
		}
	}
	if p, d, err := stores[0].FrontierCounts(ctx, sw); err != nil || p != 0 || d != hosts*perHost {
		t.Fatalf("counts after: %d pending, %d done, %v", p, d, err)
	}
	// The workers stopped when NextReady saw no host marked: the claims
	// that found a host with nothing left cleared its mark.
	var marked int64
	if err := stores[0].Pool().QueryRow(ctx, `SELECT count(*) FROM hosts WHERE has_pending`).Scan(&marked); err != nil || marked != 0 {
		t.Fatalf("%d hosts marked as having pending URLs after all was done (%v)", marked, err)
	}
	t.Logf("%d claims by 16 workers over %d hosts", claims, hosts)
}

func TestExpiredLeaseReclaimed(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	sw := newSweep(t, st)
	const delay = 100 * time.Millisecond
	if _, err := st.AddURLs(ctx, sw, []Item{
		{URL: "http://slow.test/1", Delay: delay}, {URL: "http://slow.test/2"}, {URL: "http://slow.test/3"},
	}); err != nil {
		t.Fatal(err)
	}
	const ttl = 300 * time.Millisecond
	a, err := st.ClaimHost(ctx, "a", ttl, ClaimOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Begin(ctx); err != nil { // a starts a fetch, then dies
		t.Fatal(err)
	}
	aFetch := time.Now()
	if _, err := st.ClaimHost(ctx, "b", time.Minute, ClaimOptions{}); !errors.Is(err, ErrNoWork) {
		t.Fatalf("claim of a held host: %v; want ErrNoWork", err)
	}
	// b polls until the host comes back (bounded: a bug that never frees
	// it fails here instead of hanging).
	var b *Lease
	for give := time.Now().Add(time.Minute); b == nil; {
		b, err = st.ClaimHost(ctx, "b", time.Minute, ClaimOptions{})
		switch {
		case errors.Is(err, ErrNoWork) && time.Now().Before(give):
			time.Sleep(5 * time.Millisecond)
		case err != nil:
			t.Fatalf("host never came back after its lease expired: %v", err)
		}
	}
	bClaimed := time.Now()
	// The host comes back one delay after a's lease expired, so never
	// closer than its delay to a's fetch.
	if gap := bClaimed.Sub(aFetch); gap < delay {
		t.Fatalf("b claimed the host %v after a's fetch; its delay is %v", gap, delay)
	}
	if bClaimed.Before(a.Deadline().Add(delay)) {
		t.Fatalf("b claimed at %v, before a's deadline %v plus the delay", bClaimed, a.Deadline())
	}
	if len(b.URLs) != 3 || b.Token <= a.Token {
		t.Fatalf("b's lease: %d URLs, token %d (a's %d); want all 3 back and a later token", len(b.URLs), b.Token, a.Token)
	}
	// a learns it lost the host whatever it tries.
	if err := a.Begin(ctx); !errors.Is(err, ErrLeaseExpiring) {
		t.Fatalf("a.Begin after its deadline: %v", err)
	}
	if err := st.Renew(ctx, a, time.Minute); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("a renews: %v; want ErrLeaseLost", err)
	}
	if err := st.Release(ctx, a); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("a releases: %v; want ErrLeaseLost", err)
	}
	// a's late report of what it fetched is kept, and a is told to stop.
	if err := st.Complete(ctx, a, []Done{{ID: a.URLs[0].ID, Outcome: "ok"}}); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("a completes: %v; want ErrLeaseLost", err)
	}
	h := readHost(t, st, "slow.test")
	if h.Pending != 2 || h.Expired != 1 || h.Claims != 2 || h.LeaseOwner == nil || *h.LeaseOwner != "b" {
		t.Fatalf("host after: %+v; want 2 pending, 1 expired lease, 2 claims, held by b", h)
	}
	// b's lease is unaffected.
	if err := st.Renew(ctx, b, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := st.Complete(ctx, b, []Done{{ID: b.URLs[1].ID}, {ID: b.URLs[2].ID}, {ID: b.URLs[0].ID}}); err != nil {
		t.Fatal(err)
	}
	if err := st.Release(ctx, b); err != nil {
		t.Fatal(err)
	}
	// The host keeps its mark until a claim finds nothing left: that
	// claim fails with ErrNoWork and clears it.
	if _, err := st.ClaimHost(ctx, "c", time.Minute, ClaimOptions{}); !errors.Is(err, ErrNoWork) {
		t.Fatalf("claim after all done: %v; want ErrNoWork", err)
	}
	if _, ok, err := st.NextReady(ctx); err != nil || ok {
		t.Fatalf("NextReady after all done: pending=%v, %v", ok, err)
	}
}

func TestReleaseKeepsDelay(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	sw := newSweep(t, st)
	if _, err := st.AddURLs(ctx, sw, []Item{
		{URL: "http://never-fetched.test/1", Delay: 30 * time.Minute}, {URL: "http://never-fetched.test/2"},
		{URL: "http://fetched.test/1", Delay: 30 * time.Minute}, {URL: "http://fetched.test/2"},
	}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		l, err := st.ClaimHost(ctx, "a", time.Minute, ClaimOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if l.Host == "fetched.test" {
			if err := l.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			if err := st.Complete(ctx, l, []Done{{ID: l.URLs[0].ID}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Release(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	// The host released without a fetch is ready at once; the fetched one
	// only half an hour after its fetch.
	l, err := st.ClaimHost(ctx, "b", time.Minute, ClaimOptions{})
	if err != nil || l.Host != "never-fetched.test" {
		t.Fatalf("claim after release: %v, %v; want never-fetched.test", l, err)
	}
	if _, err := st.ClaimHost(ctx, "c", time.Minute, ClaimOptions{}); !errors.Is(err, ErrNoWork) {
		t.Fatalf("claim of a host fetched a moment ago with half an hour's delay: %v; want ErrNoWork", err)
	}
	h := readHost(t, st, "fetched.test")
	if h.NextAllowedLater < 29*time.Minute || !h.ReadyInFuture || h.Pending != 1 {
		t.Fatalf("fetched.test after release: %+v; want next fetch in about half an hour, 1 pending", h)
	}
	if err := st.Release(ctx, l); err != nil {
		t.Fatal(err)
	}
	wait, ok, err := st.NextReady(ctx)
	if err != nil || !ok || wait != 0 {
		t.Fatalf("NextReady: %v, %v, %v; want 0 (never-fetched.test is ready)", wait, ok, err)
	}
	// A raised delay holds for the lease and the host.
	l, err = st.ClaimHost(ctx, "d", time.Minute, ClaimOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RaiseDelay(ctx, l, time.Hour); err != nil || l.Delay != time.Hour {
		t.Fatalf("RaiseDelay: %v, lease delay %v", err, l.Delay)
	}
	if err := st.RaiseDelay(ctx, l, time.Minute); err != nil || l.Delay != time.Hour {
		t.Fatalf("RaiseDelay lowered the delay: %v, lease delay %v", err, l.Delay)
	}
	if err := st.RaiseDelay(ctx, l, 2*time.Hour); err == nil {
		t.Fatal("RaiseDelay past MaxHostDelay")
	}
	if h := readHost(t, st, l.Host); h.DelayMS != 3_600_000 {
		t.Fatalf("host delay after RaiseDelay: %d ms", h.DelayMS)
	}
}

// fetchLog is the test site's record of requests, by host.
type fetchLog struct {
	mu  sync.Mutex
	got map[string][]string // host → paths in arrival order
}

// TestDelaysHold runs workers that fetch from a real HTTP server on
// 127.0.0.1 (each host name dialled to it) through leases of two URLs, so
// hosts change hands often, with one worker that dies holding a lease.
// From the fetch start times the workers record, no two fetches of one
// host are closer than its delay, whichever workers made them; the server
// saw every URL.
func TestDelaysHold(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{MaxConns: 16})
	sw := newSweep(t, st)
	log := &fetchLog{got: map[string][]string{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.mu.Lock()
		log.got[r.Host] = append(log.got[r.Host], r.URL.Path)
		log.mu.Unlock()
		io.WriteString(w, "<html><body>ok</body></html>")
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr) // every host name is the test server
		},
	}}
	delays := map[string]time.Duration{"a.test": 150 * time.Millisecond, "b.test": 100 * time.Millisecond, "c.test": 200 * time.Millisecond}
	const perHost = 8
	var items []Item
	for h, d := range delays {
		for p := range perHost {
			items = append(items, Item{URL: fmt.Sprintf("http://%s/p%d", h, p), Delay: d})
		}
	}
	if _, err := st.AddURLs(ctx, sw, items); err != nil {
		t.Fatal(err)
	}
	type start struct {
		at     time.Time
		worker string
	}
	var (
		mu     sync.Mutex
		starts = map[string][]start{}
	)
	fetch := func(l *Lease, u URL, worker string) error {
		if err := l.Begin(ctx); err != nil {
			return err
		}
		mu.Lock()
		starts[l.Host] = append(starts[l.Host], start{time.Now(), worker})
		mu.Unlock()
		resp, err := client.Get(u.URL)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	}
	var wg sync.WaitGroup
	// The worker that dies: it fetches one URL of a host and stops
	// without completing it or releasing the host.
	doomed, err := st.ClaimHost(ctx, "doomed", 300*time.Millisecond, ClaimOptions{Batch: 2})
	if err != nil {
		t.Fatal(err)
	}
	wg.Go(func() {
		if err := fetch(doomed, doomed.URLs[0], "doomed"); err != nil {
			t.Error(err)
		}
	})
	for w := range 6 {
		name := fmt.Sprintf("w%d", w)
		wg.Go(func() {
			for {
				l, err := st.ClaimHost(ctx, name, 10*time.Second, ClaimOptions{Batch: 2})
				if errors.Is(err, ErrNoWork) {
					wait, pending, err := st.NextReady(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if !pending {
						return
					}
					time.Sleep(min(wait, 20*time.Millisecond) + time.Millisecond)
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				for _, u := range l.URLs {
					if err := fetch(l, u, name); err != nil {
						t.Error(err)
						return
					}
					if err := st.Complete(ctx, l, []Done{{ID: u.ID, Outcome: "ok"}}); err != nil {
						t.Error(err)
						return
					}
				}
				if err := st.Release(ctx, l); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	handoffs := 0
	for host, ss := range starts {
		for i := 1; i < len(ss); i++ {
			if gap := ss[i].at.Sub(ss[i-1].at); gap < delays[host] {
				t.Errorf("%s fetched by %s then %s %v apart; its delay is %v", host, ss[i-1].worker, ss[i].worker, gap, delays[host])
			}
			if ss[i].worker != ss[i-1].worker {
				handoffs++
			}
		}
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	for host := range delays {
		seen := map[string]bool{}
		for _, p := range log.got[host] {
			seen[p] = true
		}
		if len(seen) != perHost {
			t.Errorf("the server saw %d distinct pages of %s, want %d: %v", len(seen), host, perHost, log.got[host])
		}
	}
	if handoffs == 0 {
		t.Fatal("no host changed hands between workers: the test checked nothing across workers")
	}
	t.Logf("%d handoffs between workers", handoffs)
}

// TestClaimAndAdderRace: a claim that finds a marked host with nothing
// pending clears the mark; URLs added meanwhile keep the host claimable,
// whichever of the two goes first. The adder inserts its URLs (and so
// holds its host KEY SHARE) before the claim: the claim skips the host.
// The claim holds the host first: the adder waits for it, then marks the
// host again.
func TestClaimAndAdderRace(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{MaxConns: 8})
	sw := newSweep(t, st)
	// race.test: marked, with nothing pending (its only URL done).
	emptyHost := func(path string) {
		t.Helper()
		if _, err := st.AddURLs(ctx, sw, []Item{{URL: "http://race.test/" + path}}); err != nil {
			t.Fatal(err)
		}
		l, err := st.ClaimHost(ctx, "w", time.Minute, ClaimOptions{})
		if err != nil || l.Host != "race.test" {
			t.Fatalf("claim: %v, %v", l, err)
		}
		if err := st.Complete(ctx, l, []Done{{ID: l.URLs[0].ID}}); err != nil {
			t.Fatal(err)
		}
		if err := st.Release(ctx, l); err != nil {
			t.Fatal(err)
		}
		if h := readHost(t, st, "race.test"); h.Pending != 0 || !h.HasPending {
			t.Fatalf("race.test: %+v; want marked with nothing pending", h)
		}
	}
	addIn := func(tx pgx.Tx, path string) {
		t.Helper()
		batch, err := newURLBatch(sw, []Item{{URL: "http://race.test/" + path}})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := batch.insert(ctx, tx); err != nil || n != 1 {
			t.Fatalf("add %s: %d, %v", path, n, err)
		}
	}
	claimGets := func(want string) {
		t.Helper()
		l, err := st.ClaimHost(ctx, "w", time.Minute, ClaimOptions{})
		if err != nil || len(l.URLs) != 1 || l.URLs[0].URL != "http://race.test/"+want {
			t.Fatalf("claim after the add: %+v, %v; want race.test with %s", l, err, want)
		}
		if err := st.Complete(ctx, l, []Done{{ID: l.URLs[0].ID}}); err != nil {
			t.Fatal(err)
		}
		if err := st.Release(ctx, l); err != nil {
			t.Fatal(err)
		}
	}

	// The adder first: the claim skips the host and leaves its mark.
	emptyHost("1")
	tx, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addIn(tx, "2")
	if _, err := st.ClaimHost(ctx, "w", time.Minute, ClaimOptions{}); !errors.Is(err, ErrNoWork) {
		t.Fatalf("claim while an adder holds the host: %v; want ErrNoWork", err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	claimGets("2")

	// The claim first: it holds the host, finds nothing and clears the
	// mark; the adder waits for it and marks the host again.
	emptyHost("3")
	claim, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Rollback(ctx)
	var picked string
	if err := claim.QueryRow(ctx, claimHostSQL[0]).Scan(&picked); err != nil || picked != "race.test" {
		t.Fatalf("claim's pick: %q, %v", picked, err)
	}
	added := make(chan error, 1)
	go func() {
		added <- func() error {
			tx, err := st.Pool().Begin(ctx)
			if err != nil {
				return err
			}
			batch, err := newURLBatch(sw, []Item{{URL: "http://race.test/4"}})
			if err != nil {
				return err
			}
			if _, err := batch.insert(ctx, tx); err != nil {
				_ = tx.Rollback(ctx)
				return err
			}
			return tx.Commit(ctx)
		}()
	}()
	// Wait until the adder waits for the claim's lock.
	for waiting := false; !waiting; {
		select {
		case err := <-added:
			t.Fatalf("the adder did not wait for the claim: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
		if err := st.Pool().QueryRow(ctx, `
			SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = current_database()
			               AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO frontier%')`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := claim.Query(ctx, claimHostSQL[1], "w", time.Minute, 16)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if rows.Close(); rows.Err() != nil || n != 1 {
		t.Fatalf("claim's lease: %d rows, %v; want the one idle row", n, rows.Err())
	}
	if err := claim.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-added; err != nil {
		t.Fatal(err)
	}
	if h := readHost(t, st, "race.test"); h.Pending != 1 || !h.HasPending {
		t.Fatalf("race.test after the claim and the add: %+v; want 1 pending, marked", h)
	}
	claimGets("4")
}

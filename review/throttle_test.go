package review_test

// Regression tests of issue 10, defect 2: a burst of sign-ins must not run
// more Argon2id hashes at once than the gate allows, must be counted before
// hashing, must not lock the real user out, must keep its lockout across a
// restart and must be audited as one entry with a count. Clients sign in
// from their own loopback addresses (127.0.0.N), as separate machines would.

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// thAnswer is what a sign-in got.
type thAnswer struct {
	status     int
	retryAfter string
	message    string
	err        error
}

// thSignIn loads the login page and posts user and password, over a new
// connection from the loopback address from.
func thSignIn(base, from, user, password string) thAnswer {
	tr := &http.Transport{DisableKeepAlives: true,
		DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}).DialContext}
	defer tr.CloseIdleConnections()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Transport: tr, Jar: jar, Timeout: 5 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(base + "/login")
	if err != nil {
		return thAnswer{err: err}
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	doc, err := goqueryDoc(body)
	if err != nil {
		return thAnswer{err: err}
	}
	tok := doc.Find(`#login-form input[name=csrf]`).AttrOr("value", "")
	resp, err = hc.PostForm(base+"/login", url.Values{"csrf": {tok}, "user": {user}, "password": {password}})
	if err != nil {
		return thAnswer{err: err}
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	a := thAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After")}
	if doc, err := goqueryDoc(body); err == nil {
		a.message = strings.TrimSpace(doc.Find("#login-error").Text())
	}
	return a
}

// thAudit shows audit entries briefly (at most five).
func thAudit(ents []store.AuditEntry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d entries", len(ents))
	for i, e := range ents[:min(len(ents), 5)] {
		fmt.Fprintf(&b, "\n  %d. %s %s: %s", i+1, e.Action, e.Object, e.Detail)
	}
	return b.String()
}

func goqueryDoc(body []byte) (*goquery.Document, error) {
	return goquery.NewDocumentFromReader(bytes.NewReader(body))
}

// thCheap gives every test account a cheap password hash, so that the
// many wrong passwords a test tries cost little.
func thCheap(t *testing.T, e *htEnv) {
	t.Helper()
	h := review.CheapHash(htPassword)
	for name := range htUsers {
		if _, err := e.st.UpdateUser("test", name, store.UserChange{PasswordHash: &h}); err != nil {
			t.Fatal(err)
		}
	}
}

// thBurst signs in n times at once; from(i) and user(i) give each its
// address and account.
func thBurst(base string, n int, from, user func(i int) string) []thAnswer {
	out := make([]thAnswer, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { out[i] = thSignIn(base, from(i), user(i), fmt.Sprintf("wrong-password-%d", i)) })
	}
	wg.Wait()
	return out
}

func thStatuses(t *testing.T, as []thAnswer) map[int]int {
	t.Helper()
	n := map[int]int{}
	for _, a := range as {
		if a.err != nil {
			t.Fatal(a.err)
		}
		n[a.status]++
	}
	return n
}

// TestLoginBurstBoundsConcurrentHashing: 40 wrong sign-ins at once from 40
// addresses, five an account (so that no limit stops them), run at most MaxHashing hashes at
// once; the rest are answered 503 with Retry-After and a clear message,
// and a signed-in reviewer's case page is answered meanwhile.
func TestLoginBurstBoundsConcurrentHashing(t *testing.T) {
	e := htNew(t)
	thCheap(t, e)
	id := e.htRecord(htPage{URL: "https://tieba.example/p/1", Title: "代办安全员证", Text: "包过"}).CaseID
	reviewer := e.htLogin("cac")

	const n = 40
	var running, most, started atomic.Int32
	release := make(chan struct{})
	review.SetHashGate(e.rs, 20*time.Millisecond, func(now int) {
		started.Add(1)
		for {
			m := most.Load()
			if int32(now) <= m || most.CompareAndSwap(m, int32(now)) {
				break
			}
		}
		running.Add(1)
		<-release // hold the slot until every other attempt was answered
		running.Add(-1)
	})
	// Five attempts an account, each from its own address: no limit
	// refuses them, only the gate can.
	var accounts []string
	for name := range htUsers {
		accounts = append(accounts, name)
	}
	answers := make(chan thAnswer, n)
	for i := range n {
		go func() {
			answers <- thSignIn(e.srv.URL, fmt.Sprintf("127.0.0.%d", 10+i), accounts[i%len(accounts)], "wrong-password")
		}()
	}
	var got []thAnswer
	for len(got) < n-review.MaxHashing {
		got = append(got, <-answers)
	}
	// The burst holds every slot now: other pages still answer.
	if running.Load() != review.MaxHashing {
		t.Errorf("%d hashes running while the others were answered, want %d", running.Load(), review.MaxHashing)
	}
	cl := reviewer.htDoc("/cases/"+htID(id), http.StatusOK)
	if cl.Find("h1").Length() == 0 {
		t.Error("the case page answered during the burst has no heading")
	}
	close(release)
	for len(got) < n {
		got = append(got, <-answers)
	}
	st := thStatuses(t, got)
	if most.Load() > review.MaxHashing {
		t.Errorf("%d hashes ran at once, want at most %d", most.Load(), review.MaxHashing)
	}
	if st[http.StatusServiceUnavailable] != n-review.MaxHashing || st[http.StatusUnauthorized] != review.MaxHashing {
		t.Errorf("statuses %v, want %d × 503 and %d × 401", st, n-review.MaxHashing, review.MaxHashing)
	}
	if int(started.Load()) != review.MaxHashing {
		t.Errorf("%d hashes started, want %d", started.Load(), review.MaxHashing)
	}
	for _, a := range got {
		if a.status == http.StatusServiceUnavailable && (a.retryAfter == "" || a.message != "登录请求过多，请稍后再试。") {
			t.Errorf("503 with Retry-After %q and message %q", a.retryAfter, a.message)
		}
	}
}

// TestLoginBurstCountedBeforeHashing: 40 wrong sign-ins at once for one
// account from one address run at most as many hashes as the address may
// fail (5), whatever their concurrency; the rest are refused 429 with
// Retry-After. The burst is audited as its first failure plus one entry
// with the count, and the real user, from another address, still signs in.
func TestLoginBurstCountedBeforeHashing(t *testing.T) {
	e := htNew(t)
	thCheap(t, e)
	var hashes atomic.Int32
	review.SetHashGate(e.rs, time.Minute, func(int) { hashes.Add(1) })
	const n = 40
	got := thBurst(e.srv.URL, n, func(int) string { return "127.0.0.9" }, func(int) string { return "cac" })
	st := thStatuses(t, got)
	if h := hashes.Load(); h > 5 || int(h) != st[http.StatusUnauthorized] {
		t.Errorf("%d hashes ran for %d wrong passwords (statuses %v), want at most 5", h, st[http.StatusUnauthorized], st)
	}
	if st[http.StatusTooManyRequests] != n-st[http.StatusUnauthorized] {
		t.Errorf("statuses %v: every attempt beyond the limit should be refused with 429", st)
	}
	for _, a := range got {
		if a.status == http.StatusTooManyRequests && (a.retryAfter == "" || !strings.Contains(a.message, "登录失败次数过多")) {
			t.Errorf("429 with Retry-After %q and message %q", a.retryAfter, a.message)
		}
	}
	// The burst from 127.0.0.9 did not lock the account: the real user
	// signs in from elsewhere (this also leaves the burst open).
	if a := thSignIn(e.srv.URL, "127.0.0.2", "cac", htPassword); a.status != http.StatusSeeOther {
		t.Errorf("the real user after the burst: %d %q", a.status, a.message)
	}
	ents, err := e.st.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Action != "login.failed" || ents[0].Detail != "wrong password from 127.0.0.9" {
		t.Fatalf("audit during the burst: %s, want only its first failure", thAudit(ents))
	}
	// Once the burst's window closes, the rest is one entry with the count.
	e.clock.Add(16 * time.Minute)
	e.htAnon().htGet("/login")
	ents, err = e.st.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed"})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d more failed sign-ins for cac from 127.0.0.9 between ", n-1)
	if len(ents) != 2 || ents[0].Action != "login.failed.repeated" || !strings.HasPrefix(ents[0].Detail, want) ||
		!strings.Contains(ents[0].Detail, fmt.Sprintf("%d checked", st[http.StatusUnauthorized]-1)) ||
		!strings.Contains(ents[0].Detail, fmt.Sprintf("%d refused unchecked", n-st[http.StatusUnauthorized])) {
		t.Errorf("audit after the burst: %s, want one login.failed.repeated %q…", thAudit(ents), want)
	}
}

// TestLoginAccountLockSparesKnownAddress: wrong passwords for one account
// from many addresses lock the account for new addresses, but not for the
// address its user signed in from before.
func TestLoginAccountLockSparesKnownAddress(t *testing.T) {
	e := htNew(t)
	thCheap(t, e)
	if a := thSignIn(e.srv.URL, "127.0.0.2", "cac", htPassword); a.status != http.StatusSeeOther {
		t.Fatalf("first sign-in: %d %q", a.status, a.message)
	}
	for i := range 10 {
		if a := thSignIn(e.srv.URL, fmt.Sprintf("127.0.1.%d", i+1), "cac", "wrong-password"); a.status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d %q", i, a.status, a.message)
		}
	}
	a := thSignIn(e.srv.URL, "127.0.2.1", "cac", htPassword)
	if a.status != http.StatusTooManyRequests || a.retryAfter != "60" {
		t.Errorf("right password from a new address while the account is locked: %d, Retry-After %q", a.status, a.retryAfter)
	}
	if a := thSignIn(e.srv.URL, "127.0.0.2", "cac", htPassword); a.status != http.StatusSeeOther {
		t.Errorf("right password from the user's own address: %d %q", a.status, a.message)
	}
}

// TestLoginLockSurvivesRestart: a lockout is kept in the database, so a new
// server on the same database (after a restart) still refuses.
func TestLoginLockSurvivesRestart(t *testing.T) {
	e := htNew(t)
	thCheap(t, e)
	for range 5 {
		if a := thSignIn(e.srv.URL, "127.0.0.3", "cac", "wrong-password"); a.status != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d %q", a.status, a.message)
		}
	}
	if a := thSignIn(e.srv.URL, "127.0.0.3", "cac", htPassword); a.status != http.StatusTooManyRequests {
		t.Fatalf("locked before the restart: %d", a.status)
	}
	path := e.st.Path()
	e.srv.Close()
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Clock: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := review.New(review.Options{Store: st, Packs: []*rules.Pack{pack}, Clock: e.clock.Now, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rs)
	t.Cleanup(srv.Close)
	a := thSignIn(srv.URL, "127.0.0.3", "cac", htPassword)
	if a.status != http.StatusTooManyRequests || a.retryAfter != "60" {
		t.Errorf("right password after the restart: %d, Retry-After %q, want 429 with the lockout's 60 s", a.status, a.retryAfter)
	}
	e.clock.Add(61 * time.Second)
	if a := thSignIn(srv.URL, "127.0.0.3", "cac", htPassword); a.status != http.StatusSeeOther {
		t.Fatalf("after the lockout: %d %q", a.status, a.message)
	}
	// The burst opened before the restart closed with the sign-in.
	ents, err := st.AuditEntries(store.AuditFilter{ActionPrefix: "login.failed.repeated"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || !strings.HasPrefix(ents[0].Detail, "5 more failed sign-ins for cac from 127.0.0.3") ||
		!strings.Contains(ents[0].Detail, "4 checked") {
		t.Errorf("audit after the restart: %s", thAudit(ents))
	}
}

// TestDummyHashNotMadeAtStart: linking the review package costs no
// Argon2id hash (64 MiB) at start-up; the dummy hash is made on first use.
// It runs itself in a fresh process, where nothing else has hashed yet.
func TestDummyHashNotMadeAtStart(t *testing.T) {
	if os.Getenv("CERTWATCH_DUMMY_HASH_CHILD") == "1" {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("allocated-at-start %d\n", ms.TotalAlloc)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDummyHashNotMadeAtStart$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CERTWATCH_DUMMY_HASH_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var n uint64
	i := strings.Index(string(out), "allocated-at-start ")
	if i < 0 {
		t.Fatalf("child said %s", out)
	}
	fmt.Sscan(string(out[i+len("allocated-at-start "):]), &n)
	t.Logf("allocated before the first test: %.1f MiB", float64(n)/(1<<20))
	if n >= 32<<20 {
		t.Errorf("%d bytes allocated at start-up: the package hashes a password before it is asked to", n)
	}
}

package review

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/certwatch/certwatch/store"
)

// Password guessing and memory.
//
// Every password check costs an Argon2id hash of 64 MiB. Two things keep a
// burst of sign-ins from taking the server's memory or an account:
//
//   - hashGate lets at most maxHashing hashes run at once (sign-in, the
//     current-password check, setting a password). A request that cannot
//     get a slot within hashWait is answered 503 with Retry-After, unhashed.
//   - throttle counts an attempt before its hash runs: an attempt is a
//     reservation against the limits of its address and its account, so a
//     burst cannot start more checks than the limits allow, whatever its
//     concurrency. Beyond the limits the answer is 429 with Retry-After.
//
// Policy (chosen so that a burst cannot lock the real user out for long):
//
//   - Per address: 5 failures within 15 minutes lock the address out for
//     1 minute, doubling with each further failure up to 30 minutes.
//   - Per account: 10 failures within 15 minutes (from any addresses)
//     lock the account out for 1 minute, doubling up to 15 minutes — but
//     not for addresses the account signed in from within the last 30
//     days, which only their own address limit applies to. A guesser
//     spread over many addresses thus cannot lock the real user out of
//     the office machine they use.
//   - A successful sign-in clears the account's count, not the address's.
//
// The counts live in the database (store.LoginState), so a restart does
// not lift a lockout. Refused attempts cost no hash and are not written one
// by one: the first failed check of an account from an address is audited
// at once (login.failed), and the rest of that burst — checked failures
// and refused attempts — goes into one login.failed.repeated entry with
// the counts when the burst closes: 15 minutes after its first failure
// (written at the next sign-in attempt or login page after that, or at
// the next start), or when the account signs in from that address.
// Refused attempts are counted in memory until then: a crash loses that
// count, never a checked failure.
const (
	maxHashing = 2               // concurrent Argon2id hashes (64 MiB each)
	hashWait   = 1 * time.Second // how long a request waits for a slot

	throttleWindow = 15 * time.Minute
	knownAddrFor   = 30 * 24 * time.Hour
	// inFlightWait is the Retry-After when the attempts in flight already
	// use up a limit: they decide within a hash or two.
	inFlightWait = 5 * time.Second
	// maxRefusedKeys bounds the refused counts kept in memory.
	maxRefusedKeys = 10000
)

// limit is one lockout rule.
type limit struct {
	max       int           // failures within throttleWindow before a lockout
	base, top time.Duration // first lockout, doubling up to top
}

var (
	addrLimit    = limit{max: 5, base: time.Minute, top: 30 * time.Minute}
	accountLimit = limit{max: 10, base: time.Minute, top: 15 * time.Minute}
)

// errBusy: every hashing slot stayed taken for hashWait.
var errBusy = errors.New("too many password checks at once")

// hashGate bounds concurrent password hashing.
type hashGate struct {
	slots   chan struct{}
	wait    time.Duration
	running atomic.Int32
	// started, when set (tests), is called as each hash starts with the
	// number running, this one included.
	started func(running int)
}

func newHashGate() *hashGate {
	return &hashGate{slots: make(chan struct{}, maxHashing), wait: hashWait}
}

// run runs fn, a password hash, in a slot; errBusy when none frees within
// the wait.
func (g *hashGate) run(ctx context.Context, fn func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		t := time.NewTimer(g.wait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-t.C:
			return errBusy
		case <-ctx.Done():
			return fmt.Errorf("wait for a password check: %w", ctx.Err())
		}
	}
	defer func() { <-g.slots }()
	n := g.running.Add(1)
	defer g.running.Add(-1)
	if g.started != nil {
		g.started(int(n))
	}
	fn()
	// The hash's 64 MiB is garbage now. Left to the pacer, a burst piles
	// up several of them before a collection (measured: 425 MB peak RSS
	// for 200 sign-ins with two slots); collecting and returning the
	// memory here keeps serve near two hashes' worth above its base.
	debug.FreeOSMemory()
	return nil
}

// verifyPassword checks password against hash in a hashing slot. An
// empty hash (no such account) is checked against dummyHash, which takes
// as long and never matches.
func (s *Server) verifyPassword(ctx context.Context, hash, password string) (ok bool, err error) {
	var verr error
	check := func() {
		if hash == "" {
			_, verr = VerifyPassword(dummyHash(), password)
			return
		}
		ok, verr = VerifyPassword(hash, password)
	}
	if err := s.throttle.gate.run(ctx, check); err != nil {
		return false, err
	}
	return ok, verr
}

// hashPassword hashes password in a hashing slot.
func (s *Server) hashPassword(ctx context.Context, password string) (hash string, err error) {
	var herr error
	if err := s.throttle.gate.run(ctx, func() { hash, herr = HashPassword(password) }); err != nil {
		return "", err
	}
	return hash, herr
}

// busy answers a request that found no hashing slot.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, msg string) {
	w.Header().Set("Retry-After", "2")
	s.fail(w, r, http.StatusServiceUnavailable, msg)
}

// retryAfter sets Retry-After to d, rounded up to whole seconds.
func retryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
}

// throttle keeps the sign-in limits (see the comment at the top).
type throttle struct {
	mu      sync.Mutex
	st      LoginStore
	now     func() time.Time
	log     *slog.Logger
	gate    *hashGate
	pending map[string]int                 // attempts being checked, by key
	refused map[string]store.RefusedLogins // refused attempts not yet written, by store.BurstKey
	// nextFlush is when the next open burst closes (zero: look now).
	nextFlush time.Time
}

func newThrottle(st LoginStore, now func() time.Time, log *slog.Logger) *throttle {
	return &throttle{st: st, now: now, log: log, gate: newHashGate(),
		pending: map[string]int{}, refused: map[string]store.RefusedLogins{}}
}

// attempt is a reservation against the limits, made before the password
// is checked; end it with succeeded, failed or cancel.
type attempt struct {
	t          *throttle
	user, addr string
	keys       []string
	done       bool
}

func addrKey(addr string) string { return "ip:" + addr }
func userKey(user string) string { return "user:" + user }

// begin reserves an attempt of user from addr. When a limit refuses it,
// it returns the wait before the next try instead (the refusal is counted
// for the audit log).
func (t *throttle) begin(user, addr string) (*attempt, time.Duration, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.flushLocked(now, false)
	keys := []string{addrKey(addr), userKey(user)}
	recs, known, err := t.st.LoginState(user, now.Add(-knownAddrFor), keys...)
	if err != nil {
		return nil, 0, err
	}
	limits := []limit{addrLimit, accountLimit}
	if slices.Contains(known, addr) {
		keys, recs, limits = keys[:1], recs[:1], limits[:1]
	}
	var wait time.Duration
	for i, k := range keys {
		wait = max(wait, refusal(recs[i], limits[i], t.pending[k], now))
	}
	if wait > 0 {
		t.refuseLocked(user, addr)
		return nil, wait, nil
	}
	for _, k := range keys {
		t.pending[k]++
	}
	return &attempt{t: t, user: user, addr: addr, keys: keys}, 0, nil
}

// refusal is how long rec's key must wait before another attempt (0: it
// may try now) with inFlight attempts of it being checked.
func refusal(rec store.LoginAttempts, l limit, inFlight int, now time.Time) time.Duration {
	if rec.Until.After(now) {
		return rec.Until.Sub(now)
	}
	n := 0
	if live(rec, now) {
		n = rec.Failures
	}
	// Attempts left before a lockout; once the count is past the limit
	// (a lockout has ended) one at a time, each failure locking again.
	allowance := max(l.max-n, 1)
	if inFlight >= allowance {
		return inFlightWait
	}
	return 0
}

// live reports whether rec's window is still open.
func live(rec store.LoginAttempts, now time.Time) bool {
	return rec.Failures > 0 && (now.Sub(rec.First) <= throttleWindow || rec.Until.After(now))
}

// refuse counts an attempt refused without a reservation (busy).
func (t *throttle) refuse(user, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refuseLocked(user, addr)
}

func (t *throttle) refuseLocked(user, addr string) {
	k := store.BurstKey(user, addr)
	if _, ok := t.refused[k]; !ok && len(t.refused) >= maxRefusedKeys {
		t.flushLocked(t.now(), true)
	}
	r := t.refused[k]
	r.N++
	r.Last = t.now()
	t.refused[k] = r
	if n := r.N; n == 1 || n%100 == 0 {
		t.log.Warn("sign-in refused unchecked (locked out or busy)", "user", user, "addr", addr, "refused", n)
	}
}

// flush writes closed bursts to the audit log (with all, every burst and
// refused count) when one may have closed.
func (t *throttle) flush(all bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.flushLocked(t.now(), all)
}

func (t *throttle) flushLocked(now time.Time, all bool) {
	if !all && !t.nextFlush.IsZero() && now.Before(t.nextFlush) {
		return
	}
	next, err := t.st.FlushLoginBursts(now, all, t.refused)
	if err != nil {
		t.log.Error("write sign-in failures to the audit log", "err", err)
		return
	}
	clear(t.refused)
	if next.IsZero() {
		next = now.Add(throttleWindow)
	}
	t.nextFlush = next
}

func (a *attempt) release() {
	a.done = true
	for _, k := range a.keys {
		if a.t.pending[k]--; a.t.pending[k] <= 0 {
			delete(a.t.pending, k)
		}
	}
}

// cancel ends an attempt that was not checked (no hashing slot).
func (a *attempt) cancel() {
	a.t.mu.Lock()
	defer a.t.mu.Unlock()
	if !a.done {
		a.release()
		a.t.refuseLocked(a.user, a.addr)
	}
}

// failed counts a failed check against the attempt's address and account
// and audits it (at once, or in its burst).
func (a *attempt) failed(reason string) error {
	t := a.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if a.done {
		return nil
	}
	a.release()
	now := t.now()
	// Both keys count a failure, even when the account's limit did not
	// apply to this address.
	keys := []string{addrKey(a.addr), userKey(a.user)}
	recs, _, err := t.st.LoginState(a.user, now, keys...)
	if err != nil {
		return err
	}
	set := map[string]store.LoginAttempts{}
	for i, l := range []limit{addrLimit, accountLimit} {
		set[keys[i]] = countFailure(recs[i], l, now)
	}
	if err := t.st.RecordLoginFailure(store.LoginFailure{User: a.user, Addr: a.addr, Reason: reason, At: now,
		Attempts: set, Window: throttleWindow}); err != nil {
		return err
	}
	if closes := now.Add(throttleWindow); !t.nextFlush.IsZero() && closes.Before(t.nextFlush) {
		t.nextFlush = closes // a burst this failure opened
	}
	return nil
}

// countFailure adds a failure at now to rec under l.
func countFailure(rec store.LoginAttempts, l limit, now time.Time) store.LoginAttempts {
	if !live(rec, now) {
		rec = store.LoginAttempts{First: now}
	}
	rec.Failures++
	rec.Last = now
	if rec.Failures >= l.max {
		lock := l.base << min(rec.Failures-l.max, 10)
		rec.Until = now.Add(min(lock, l.top))
	}
	rec.Expires = rec.First.Add(throttleWindow)
	if rec.Until.After(rec.Expires) {
		rec.Expires = rec.Until
	}
	return rec
}

// succeeded clears the account's count and closes its burst from this
// address.
func (a *attempt) succeeded() error {
	t := a.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if a.done {
		return nil
	}
	a.release()
	k := store.BurstKey(a.user, a.addr)
	refused := t.refused[k]
	if err := t.st.LoginSucceeded(a.user, a.addr, t.now(), refused, userKey(a.user)); err != nil {
		return err
	}
	delete(t.refused, k)
	return nil
}

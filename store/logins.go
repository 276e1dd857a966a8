package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Sign-in throttling state, kept in the database so that a restart does
// not lift a lockout. The review package decides the policy (limits,
// lockout lengths); the store keeps the records and writes the audit
// entries that go with them in the same transaction.
//
//	logins  "a\x00" key                 → LoginAttempts (key e.g. "user:NAME", "ip:ADDR")
//	        "b\x00" user "\x00" addr    → LoginBurst (failures not yet in the audit log)
//	        "k\x00" user                → KnownAddrs (addresses the account signed in from)
//
// The bucket is created by the first write, so a database from before it
// existed opens (read-only too) without it.
var bucketLogins = []byte("logins")

const (
	loginAttemptPrefix = "a\x00"
	loginBurstPrefix   = "b\x00"
	loginKnownPrefix   = "k\x00"
)

// maxLoginKey bounds the user names and addresses used in keys: sign-in
// names are typed by anyone.
const maxLoginKey = 128

func loginKey(prefix string, parts ...string) []byte {
	for i, p := range parts {
		parts[i] = LoginKeyPart(p)
	}
	return []byte(prefix + strings.Join(parts, "\x00"))
}

// LoginKeyPart is a sign-in name, address or attempt key as the sign-in
// records key it: its first 128 bytes.
func LoginKeyPart(p string) string {
	if len(p) > maxLoginKey {
		return p[:maxLoginKey]
	}
	return p
}

// LoginAttempts counts the failed sign-ins of one key (an account or an
// address) in the current window.
type LoginAttempts struct {
	Failures int       `json:"failures"`
	First    time.Time `json:"first"`            // first failure of the window
	Until    time.Time `json:"until,omitzero"`   // refused until then
	Last     time.Time `json:"last,omitzero"`    // latest failure
	Expires  time.Time `json:"expires,omitzero"` // the record may be dropped after this
}

// LoginBurst collects the failed sign-ins of one account from one
// address after the first, which is audited at once. The burst is written
// as one audit entry when it closes (its window has passed, the account
// signs in from that address, or FlushLoginBursts is told to).
type LoginBurst struct {
	User    string         `json:"user"`
	Addr    string         `json:"addr"`
	First   time.Time      `json:"first"` // the audited first failure
	Last    time.Time      `json:"last"`
	Closes  time.Time      `json:"closes"`
	Failed  int            `json:"failed"`            // further failures checked against a password
	Refused int            `json:"refused,omitempty"` // attempts refused unchecked (locked out or busy)
	Reasons map[string]int `json:"reasons,omitempty"` // failures by reason
}

// KnownAddrs are the addresses an account signed in from recently, newest
// first.
type KnownAddrs struct {
	Addrs []KnownAddr `json:"addrs"`
}

// KnownAddr is one address and when the account last signed in from it.
type KnownAddr struct {
	Addr string    `json:"addr"`
	At   time.Time `json:"at"`
}

// maxKnownAddrs bounds KnownAddrs per account.
const maxKnownAddrs = 10

// LoginState returns the attempt records of keys (zero values for keys
// without one) and the addresses user signed in from since knownSince.
func (s *Store) LoginState(user string, knownSince time.Time, keys ...string) ([]LoginAttempts, []string, error) {
	out := make([]LoginAttempts, len(keys))
	var known []string
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLogins)
		if b == nil {
			return nil
		}
		for i, k := range keys {
			if _, err := getJSON(b, loginKey(loginAttemptPrefix, k), &out[i]); err != nil {
				return err
			}
		}
		var ka KnownAddrs
		if _, err := getJSON(b, loginKey(loginKnownPrefix, user), &ka); err != nil {
			return err
		}
		for _, a := range ka.Addrs {
			if !a.At.Before(knownSince) {
				known = append(known, a.Addr)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: read sign-in attempts: %w", err)
	}
	return out, known, nil
}

// LoginFailure is one failed sign-in to record.
type LoginFailure struct {
	User, Addr, Reason string
	At                 time.Time
	// Attempts are the new records of the keys the failure counts against
	// (the caller applied its policy to them).
	Attempts map[string]LoginAttempts
	// Window is how long a burst collects failures before it is written.
	Window time.Duration
}

// RecordLoginFailure stores the new attempt records and either audits the
// failure at once (the first of a burst of user from addr: action
// login.failed) or adds it to the open burst, in one transaction.
func (s *Store) RecordLoginFailure(f LoginFailure) error {
	at := f.At.UTC()
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketLogins)
		if err != nil {
			return err
		}
		for k, a := range f.Attempts {
			if err := putJSON(b, loginKey(loginAttemptPrefix, k), &a); err != nil {
				return err
			}
		}
		bk := loginKey(loginBurstPrefix, f.User, f.Addr)
		var burst LoginBurst
		open, err := getJSON(b, bk, &burst)
		if err != nil {
			return err
		}
		if open && !at.Before(burst.Closes) {
			if err := closeBurst(tx, b, bk, &burst, RefusedLogins{}); err != nil {
				return err
			}
			open = false
		}
		if open {
			burst.Failed++
			burst.Last = at
			if burst.Reasons == nil {
				burst.Reasons = map[string]int{}
			}
			burst.Reasons[f.Reason]++
			return putJSON(b, bk, &burst)
		}
		burst = LoginBurst{User: f.User, Addr: f.Addr, First: at, Last: at, Closes: at.Add(f.Window)}
		if err := putJSON(b, bk, &burst); err != nil {
			return err
		}
		e := f.AuditEntry()
		return appendAudit(tx, at, &e)
	})
	if err != nil {
		return fmt.Errorf("store: record failed sign-in of %s: %w", f.User, err)
	}
	return nil
}

// AuditEntry is the entry that audits f at once, as the first failure of
// a burst (action login.failed).
func (f LoginFailure) AuditEntry() AuditEntry {
	return AuditEntry{Actor: auditActor(f.User), Action: "login.failed",
		Object: "user:" + f.User, Detail: f.Reason + " from " + f.Addr}
}

// auditActor is a sign-in name as an audit actor (never empty).
func auditActor(user string) string {
	if user == "" {
		return "(empty)"
	}
	return user
}

// closeBurst writes burst's audit entry, when it holds anything, and
// deletes it. refused adds attempts refused unchecked that the caller
// counted in memory.
func closeBurst(tx *bolt.Tx, b *bolt.Bucket, key []byte, burst *LoginBurst, refused RefusedLogins) error {
	burst.AddRefused(refused)
	if e, ok := burst.AuditEntry(); ok {
		if err := appendAudit(tx, burst.Last, &e); err != nil {
			return err
		}
	}
	return b.Delete(key)
}

// AuditEntry is the entry that audits a closing burst (action
// login.failed.repeated, at its last attempt); false when the burst holds
// nothing beyond its first failure, which was audited already.
func (b *LoginBurst) AuditEntry() (AuditEntry, bool) {
	if b.Failed+b.Refused <= 0 {
		return AuditEntry{}, false
	}
	var reasons []string
	for r, n := range b.Reasons {
		reasons = append(reasons, fmt.Sprintf("%s ×%d", r, n))
	}
	slices.Sort(reasons)
	detail := fmt.Sprintf("%d more failed sign-ins for %s from %s between %s and %s",
		b.Failed+b.Refused, b.User, b.Addr,
		b.First.UTC().Format(time.RFC3339), b.Last.UTC().Format(time.RFC3339))
	var parts []string
	if b.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d checked (%s)", b.Failed, strings.Join(reasons, ", ")))
	}
	if b.Refused > 0 {
		parts = append(parts, fmt.Sprintf("%d refused unchecked (locked out or busy)", b.Refused))
	}
	detail += ": " + strings.Join(parts, "; ")
	return AuditEntry{At: b.Last, Actor: auditActor(b.User), Action: "login.failed.repeated",
		Object: "user:" + b.User, Detail: detail}, true
}

// RefusedLogins counts attempts refused unchecked, kept in memory by the
// caller until their burst is written.
type RefusedLogins struct {
	N    int
	Last time.Time
}

// AddRefused adds r, attempts refused unchecked, to the burst.
func (b *LoginBurst) AddRefused(r RefusedLogins) {
	b.Refused += r.N
	if r.N > 0 && r.Last.After(b.Last) {
		b.Last = r.Last.UTC()
	}
}

// BurstKey names the burst of user from addr in the counts of refused
// attempts passed to FlushLoginBursts and LoginSucceeded.
func BurstKey(user, addr string) string { return string(loginKey("", user, addr)) }

// FlushLoginBursts writes the bursts that closed by now (all of them when
// all is true) to the audit log, adding the refused attempts counted in
// memory (by BurstKey; a refused count without an open burst opens none
// but is written on its own), and drops attempt records that expired. It
// returns when the next open burst closes (zero when none is open).
func (s *Store) FlushLoginBursts(now time.Time, all bool, refused map[string]RefusedLogins) (time.Time, error) {
	now = now.UTC()
	var next time.Time
	err := s.update(func(tx *bolt.Tx) error {
		next = time.Time{}
		b, err := tx.CreateBucketIfNotExists(bucketLogins)
		if err != nil {
			return err
		}
		left := maps.Clone(refused)
		type closing struct {
			key   []byte
			burst LoginBurst
		}
		var closes []closing
		var dead [][]byte
		c := b.Cursor()
		for k, v := c.Seek([]byte(loginBurstPrefix)); k != nil && bytes.HasPrefix(k, []byte(loginBurstPrefix)); k, v = c.Next() {
			var burst LoginBurst
			if err := json.Unmarshal(v, &burst); err != nil {
				dead = append(dead, slices.Clone(k))
				continue
			}
			if all || !now.Before(burst.Closes) {
				closes = append(closes, closing{slices.Clone(k), burst})
				continue
			}
			if next.IsZero() || burst.Closes.Before(next) {
				next = burst.Closes
			}
		}
		for k, v := c.Seek([]byte(loginAttemptPrefix)); k != nil && bytes.HasPrefix(k, []byte(loginAttemptPrefix)); k, v = c.Next() {
			var a LoginAttempts
			if json.Unmarshal(v, &a) != nil || !a.Expires.IsZero() && now.After(a.Expires) {
				dead = append(dead, slices.Clone(k))
			}
		}
		for _, cl := range closes {
			bk := string(cl.key[len(loginBurstPrefix):])
			if err := closeBurst(tx, b, cl.key, &cl.burst, left[bk]); err != nil {
				return err
			}
			delete(left, bk)
		}
		for bk, n := range left {
			if n.N <= 0 {
				continue
			}
			user, addr, _ := strings.Cut(bk, "\x00")
			key := loginKey(loginBurstPrefix, user, addr)
			var burst LoginBurst
			if ok, err := getJSON(b, key, &burst); err != nil {
				return err
			} else if ok {
				// Still open: the refused attempts wait in it.
				burst.AddRefused(n)
				if err := putJSON(b, key, &burst); err != nil {
					return err
				}
				continue
			}
			burst = LoginBurst{User: user, Addr: addr, First: n.Last, Last: n.Last}
			if err := closeBurst(tx, b, key, &burst, n); err != nil {
				return err
			}
		}
		for _, k := range dead {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("store: flush sign-in failures: %w", err)
	}
	return next, nil
}

// LoginSucceeded records a successful sign-in of user from addr: it drops
// the attempt records of clear, closes the burst of user from addr (with
// refused more attempts refused unchecked) and remembers addr as one user
// signs in from.
func (s *Store) LoginSucceeded(user, addr string, at time.Time, refused RefusedLogins, clear ...string) error {
	at = at.UTC()
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketLogins)
		if err != nil {
			return err
		}
		for _, k := range clear {
			if err := b.Delete(loginKey(loginAttemptPrefix, k)); err != nil {
				return err
			}
		}
		bk := loginKey(loginBurstPrefix, user, addr)
		var burst LoginBurst
		if ok, err := getJSON(b, bk, &burst); err != nil {
			return err
		} else if ok || refused.N > 0 {
			if !ok {
				burst = LoginBurst{User: user, Addr: addr, First: refused.Last, Last: refused.Last}
			}
			if err := closeBurst(tx, b, bk, &burst, refused); err != nil {
				return err
			}
		}
		kk := loginKey(loginKnownPrefix, user)
		var ka KnownAddrs
		if _, err := getJSON(b, kk, &ka); err != nil {
			return err
		}
		ka.Addrs = slices.DeleteFunc(ka.Addrs, func(a KnownAddr) bool { return a.Addr == addr })
		ka.Addrs = slices.Insert(ka.Addrs, 0, KnownAddr{Addr: addr, At: at})
		if len(ka.Addrs) > maxKnownAddrs {
			ka.Addrs = ka.Addrs[:maxKnownAddrs]
		}
		return putJSON(b, kk, &ka)
	})
	if err != nil {
		return fmt.Errorf("store: record sign-in of %s: %w", user, err)
	}
	return nil
}

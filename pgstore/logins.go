package pgstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// Sign-in throttling (store/logins.go's semantics) in tables shared by
// every serve process: login_attempts (records by key), login_bursts
// (failures not yet audited) and known_addrs. The review package keeps
// the policy; these methods keep the records and write the audit entries
// that go with them in the same transaction. Every transaction takes its
// row locks in one order, attempts (by key), bursts, known addresses, the
// audit head, and is retried on a deadlock.

// maxKnownAddrs bounds the addresses remembered per account (as bbolt's
// KnownAddrs).
const maxKnownAddrs = 10

// burstBatch bounds the bursts FlushLoginBursts closes per statement.
const burstBatch = 1000

// mergeSkew is how close two windows' first failures must be for a
// failure recorded concurrently by another process to count in the same
// window (see RecordLoginFailure). The throttle's window is 15 minutes,
// so a record whose window started this recently was live for every
// caller.
const mergeSkew = time.Minute

// loginText is a sign-in name, address or attempt key as the tables key
// it: its first 128 bytes (store.LoginKeyPart), with what PostgreSQL text
// cannot hold (NUL, invalid UTF-8) replaced by U+FFFD. Names are typed by
// anyone.
func loginText(s string) string {
	s = store.LoginKeyPart(s)
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", "\uFFFD"), "\uFFFD")
}

// LoginState returns the attempt records of keys (zero values for keys
// without one) and the addresses user signed in from since knownSince,
// newest first.
func (b *Backend) LoginState(user string, knownSince time.Time, keys ...string) ([]store.LoginAttempts, []string, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	out := make([]store.LoginAttempts, len(keys))
	var known []string
	err := pgx.BeginTxFunc(ctx, b.st.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		byKey := map[string]store.LoginAttempts{}
		texts := make([]string, len(keys))
		for i, k := range keys {
			texts[i] = loginText(k)
		}
		rows, err := tx.Query(ctx, `SELECT key, failures, first, until, last, expires FROM login_attempts WHERE key = ANY($1)`, texts)
		if err != nil {
			return err
		}
		var key string
		var a store.LoginAttempts
		var until, last, expires *time.Time
		_, err = pgx.ForEachRow(rows, []any{&key, &a.Failures, &a.First, &until, &last, &expires}, func() error {
			byKey[key] = store.LoginAttempts{Failures: a.Failures, First: a.First.UTC(),
				Until: utcOrZero(until), Last: utcOrZero(last), Expires: utcOrZero(expires)}
			return nil
		})
		if err != nil {
			return err
		}
		for i, k := range texts {
			out[i] = byKey[k]
		}
		rows, err = tx.Query(ctx, `SELECT addr FROM known_addrs WHERE user_name = $1 AND at >= $2
			ORDER BY at DESC, addr LIMIT $3`, loginText(user), knownSince, maxKnownAddrs)
		if err != nil {
			return err
		}
		known, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("pgstore: read sign-in attempts: %w", err)
	}
	return out, known, nil
}

// RecordLoginFailure stores the new attempt records and either audits the
// failure at once (the first of a burst of user from addr: action
// login.failed) or adds it to the open burst, in one transaction.
//
// The caller computed each record from the one LoginState returned. Two
// serve processes may do that for the same key at once; so that neither
// failure is lost, a record is written as given unless the stored one is
// of the same window (first failures within mergeSkew) and counts at least
// as many failures: then the stored one gets this failure added, with the
// later of the two lockouts, last failures and expiries.
func (b *Backend) RecordLoginFailure(f store.LoginFailure) error {
	ctx, cancel := b.ctx()
	defer cancel()
	at := pgTime(f.At)
	user, addr := loginText(f.User), loginText(f.Addr)
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		for _, k := range slices.Sorted(maps.Keys(f.Attempts)) {
			if err := putAttempts(ctx, tx, loginText(k), f.Attempts[k]); err != nil {
				return fmt.Errorf("sign-in attempts of %s: %w", k, err)
			}
		}
		fresh := store.LoginBurst{User: user, Addr: addr, First: at, Last: at, Closes: at.Add(f.Window)}
		tag, err := tx.Exec(ctx, `INSERT INTO login_bursts (user_name, addr, first, last, closes) VALUES ($1, $2, $3, $3, $4)
			ON CONFLICT (user_name, addr) DO NOTHING`, user, addr, at, fresh.Closes)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 { // a burst is open
			burst, err := lockBurst(ctx, tx, user, addr)
			if err != nil {
				return err
			}
			if at.Before(burst.Closes) {
				burst.Failed++
				burst.Last = at
				if burst.Reasons == nil {
					burst.Reasons = map[string]int{}
				}
				burst.Reasons[f.Reason]++
				return putBurst(ctx, tx, burst)
			}
			// It closed: audit it and start this one's.
			if err := b.auditBurst(ctx, tx, burst, store.RefusedLogins{}); err != nil {
				return err
			}
			if err := putBurst(ctx, tx, &fresh); err != nil {
				return err
			}
		}
		e := store.LoginFailure{User: user, Addr: addr, Reason: f.Reason}.AuditEntry()
		e.At = at
		return b.appendAudit(ctx, tx, &e)
	})
	if err != nil {
		return fmt.Errorf("pgstore: record failed sign-in of %s: %w", f.User, err)
	}
	return nil
}

// putAttempts writes a's record of key, merged with a concurrent one as
// RecordLoginFailure describes.
func putAttempts(ctx context.Context, tx pgx.Tx, key string, a store.LoginAttempts) error {
	const merge = `(s.failures >= excluded.failures AND s.first BETWEEN $7 AND $8)`
	_, err := tx.Exec(ctx, `INSERT INTO login_attempts AS s (key, failures, first, until, last, expires)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN `+merge+` THEN s.failures + 1 ELSE excluded.failures END,
			first    = CASE WHEN `+merge+` THEN least(s.first, excluded.first) ELSE excluded.first END,
			until    = CASE WHEN `+merge+` THEN greatest(s.until, excluded.until) ELSE excluded.until END,
			last     = CASE WHEN `+merge+` THEN greatest(s.last, excluded.last) ELSE excluded.last END,
			expires  = CASE WHEN `+merge+` THEN greatest(s.expires, excluded.expires) ELSE excluded.expires END`,
		key, a.Failures, a.First, nullTime(a.Until), nullTime(a.Last), nullTime(a.Expires),
		a.First.Add(-mergeSkew), a.First.Add(mergeSkew))
	return err
}

// lockBurst reads the open burst of user from addr and locks it.
func lockBurst(ctx context.Context, tx pgx.Tx, user, addr string) (*store.LoginBurst, error) {
	rows, err := tx.Query(ctx, `SELECT `+burstColumns+` FROM login_bursts WHERE user_name = $1 AND addr = $2 FOR UPDATE`, user, addr)
	if err != nil {
		return nil, err
	}
	burst, err := pgx.CollectExactlyOneRow(rows, scanBurst)
	if err != nil {
		return nil, fmt.Errorf("sign-in burst of %s from %s: %w", user, addr, err)
	}
	return &burst, nil
}

// burstColumns are the columns scanBurst reads, in its order.
const burstColumns = `user_name, addr, first, last, closes, failed, refused, reasons`

func scanBurst(row pgx.CollectableRow) (store.LoginBurst, error) {
	var bu store.LoginBurst
	err := row.Scan(&bu.User, &bu.Addr, &bu.First, &bu.Last, &bu.Closes, &bu.Failed, &bu.Refused, &bu.Reasons)
	bu.First, bu.Last, bu.Closes = bu.First.UTC(), bu.Last.UTC(), bu.Closes.UTC()
	return bu, err
}

// putBurst writes an open burst.
func putBurst(ctx context.Context, tx pgx.Tx, bu *store.LoginBurst) error {
	var reasons any
	if len(bu.Reasons) > 0 {
		reasons = bu.Reasons
	}
	_, err := tx.Exec(ctx, `INSERT INTO login_bursts (`+burstColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (user_name, addr) DO UPDATE SET first = excluded.first, last = excluded.last, closes = excluded.closes,
			failed = excluded.failed, refused = excluded.refused, reasons = excluded.reasons`,
		bu.User, bu.Addr, bu.First, bu.Last, bu.Closes, bu.Failed, bu.Refused, reasons)
	return err
}

// auditBurst writes the entry of a closing burst (deleted or about to be
// replaced by the caller) with refused added, when it holds anything.
func (b *Backend) auditBurst(ctx context.Context, tx pgx.Tx, bu *store.LoginBurst, refused store.RefusedLogins) error {
	bu.AddRefused(refused)
	e, ok := bu.AuditEntry()
	if !ok {
		return nil
	}
	return b.appendAudit(ctx, tx, &e)
}

// normalRefused is refused keyed as the tables key bursts (loginText of
// the user and the address), counts of keys that meet there added up.
func normalRefused(refused map[string]store.RefusedLogins) map[string]store.RefusedLogins {
	out := make(map[string]store.RefusedLogins, len(refused))
	for k, r := range refused {
		if r.N <= 0 {
			continue
		}
		user, addr, _ := strings.Cut(k, "\x00")
		nk := loginText(user) + "\x00" + loginText(addr)
		sum := out[nk]
		sum.N += r.N
		if r.Last.After(sum.Last) {
			sum.Last = r.Last
		}
		out[nk] = sum
	}
	return out
}

// FlushLoginBursts writes the bursts that closed by now (all of them when
// all is true) to the audit log, adding the refused attempts counted in
// memory (by store.BurstKey; a refused count without an open burst opens
// none but is written on its own), and drops attempt records that
// expired. It returns when the next open burst closes (zero when none is
// open). Each burst is deleted as it is audited, so processes flushing at
// once write it once.
func (b *Backend) FlushLoginBursts(now time.Time, all bool, refused map[string]store.RefusedLogins) (time.Time, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	now = now.UTC()
	var next time.Time
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM login_attempts WHERE expires < $1`, now); err != nil {
			return fmt.Errorf("drop expired sign-in attempts: %w", err)
		}
		left := normalRefused(refused)
		for {
			rows, err := tx.Query(ctx, `DELETE FROM login_bursts d
				WHERE ($1 OR d.closes <= $2) AND (d.user_name, d.addr) IN (
					SELECT user_name, addr FROM login_bursts WHERE $1 OR closes <= $2
					ORDER BY user_name, addr LIMIT $3)
				RETURNING `+burstColumns, all, now, burstBatch)
			if err != nil {
				return err
			}
			closing, err := pgx.CollectRows(rows, scanBurst)
			if err != nil {
				return err
			}
			slices.SortFunc(closing, func(x, y store.LoginBurst) int {
				return strings.Compare(x.User+"\x00"+x.Addr, y.User+"\x00"+y.Addr)
			})
			for i := range closing {
				k := closing[i].User + "\x00" + closing[i].Addr
				if err := b.auditBurst(ctx, tx, &closing[i], left[k]); err != nil {
					return err
				}
				delete(left, k)
			}
			if len(closing) < burstBatch {
				break
			}
		}
		for _, k := range slices.Sorted(maps.Keys(left)) {
			if err := b.addRefused(ctx, tx, k, left[k]); err != nil {
				return err
			}
		}
		var n *time.Time
		if err := tx.QueryRow(ctx, `SELECT min(closes) FROM login_bursts`).Scan(&n); err != nil {
			return err
		}
		next = utcOrZero(n)
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("pgstore: flush sign-in failures: %w", err)
	}
	return next, nil
}

// addRefused adds n refused attempts to the open burst of key (user NUL
// addr), or audits them on their own when none is open.
func (b *Backend) addRefused(ctx context.Context, tx pgx.Tx, key string, n store.RefusedLogins) error {
	user, addr, _ := strings.Cut(key, "\x00")
	tag, err := tx.Exec(ctx, `UPDATE login_bursts SET refused = refused + $3,
			last = CASE WHEN $4::timestamptz > last THEN $4 ELSE last END
		WHERE user_name = $1 AND addr = $2`, user, addr, n.N, n.Last.UTC())
	if err != nil || tag.RowsAffected() > 0 {
		return err
	}
	bu := store.LoginBurst{User: user, Addr: addr, First: n.Last.UTC(), Last: n.Last.UTC()}
	return b.auditBurst(ctx, tx, &bu, n)
}

// LoginSucceeded records a successful sign-in of user from addr: it drops
// the attempt records of clear, closes the burst of user from addr (with
// refused more attempts refused unchecked) and remembers addr as one user
// signs in from (the newest maxKnownAddrs per account).
func (b *Backend) LoginSucceeded(user, addr string, at time.Time, refused store.RefusedLogins, clear ...string) error {
	ctx, cancel := b.ctx()
	defer cancel()
	at = pgTime(at)
	u, a := loginText(user), loginText(addr)
	keys := make([]string, len(clear))
	for i, k := range clear {
		keys[i] = loginText(k)
	}
	slices.Sort(keys)
	err := b.st.retryTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM login_attempts WHERE key = ANY($1)`, keys); err != nil {
			return fmt.Errorf("clear sign-in attempts: %w", err)
		}
		rows, err := tx.Query(ctx, `DELETE FROM login_bursts WHERE user_name = $1 AND addr = $2 RETURNING `+burstColumns, u, a)
		if err != nil {
			return err
		}
		burst, err := pgx.CollectExactlyOneRow(rows, scanBurst)
		open := err == nil
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO known_addrs (user_name, addr, at) VALUES ($1, $2, $3)
			ON CONFLICT (user_name, addr) DO UPDATE SET at = excluded.at`, u, a, at); err != nil {
			return fmt.Errorf("remember the address: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM known_addrs WHERE user_name = $1 AND addr NOT IN (
			SELECT addr FROM known_addrs WHERE user_name = $1 ORDER BY at DESC, addr LIMIT $2)`, u, maxKnownAddrs); err != nil {
			return fmt.Errorf("forget old addresses: %w", err)
		}
		if !open && refused.N <= 0 {
			return nil
		}
		if !open {
			burst = store.LoginBurst{User: u, Addr: a, First: refused.Last.UTC(), Last: refused.Last.UTC()}
		}
		return b.auditBurst(ctx, tx, &burst, refused)
	})
	if err != nil {
		return fmt.Errorf("pgstore: record sign-in of %s: %w", user, err)
	}
	return nil
}

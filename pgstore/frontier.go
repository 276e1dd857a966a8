package pgstore

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/certwatch/certwatch/store"
)

// Frontier bounds.
const (
	// MaxAddBatch bounds the items of one AddURLs call.
	MaxAddBatch = 10_000
	// MaxClaimBatch bounds the URLs one lease carries (and the results of
	// one Complete call).
	MaxClaimBatch = 1_000
	// DefaultClaimBatch is the URLs a lease carries when ClaimOptions.Batch
	// is 0.
	DefaultClaimBatch = 64
	// MinLeaseTTL and MaxLeaseTTL bound a lease's time to live.
	MinLeaseTTL = 50 * time.Millisecond
	MaxLeaseTTL = time.Hour
	// MaxHostDelay bounds a host's delay (robots.txt Crawl-delay is capped
	// lower by the crawler).
	MaxHostDelay = time.Hour
	// maxURLLen bounds a frontier URL (crawled URLs are written by
	// adversaries).
	maxURLLen = 32 << 10
	// maxWorkerLen bounds a worker's name.
	maxWorkerLen = 128
	// leaseMargin is kept between the last fetch start a lease allows and
	// its expiry: a fetch begun at the deadline would start after the
	// database thinks the lease is over.
	leaseMargin = 10 * time.Millisecond
)

// Frontier errors.
var (
	// ErrNoWork: no host has pending URLs and is ready now (NextReady says
	// when one will be).
	ErrNoWork = errors.New("no host ready to claim")
	// ErrLeaseLost: the lease expired and was claimed again, or was
	// released; its holder must stop fetching the host.
	ErrLeaseLost = errors.New("host lease lost")
	// ErrLeaseExpiring: Lease.Begin would start a fetch too close to the
	// lease's expiry; renew the lease or release it.
	ErrLeaseExpiring = errors.New("host lease about to expire")
)

// HostKey is the politeness key of a URL, as the crawler's scheduler keys
// hosts: the host name in lower case, without port or trailing dot.
func HostKey(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("URL %.200q: %w", rawURL, err)
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	switch {
	case h == "":
		return "", fmt.Errorf("URL %.200q has no host", rawURL)
	case len(h) > 253:
		return "", fmt.Errorf("URL %.200q: host name longer than 253 bytes", rawURL)
	}
	return h, nil
}

// Item is a URL to add to a sweep's frontier.
type Item struct {
	URL      string
	SourceID string
	Depth    int
	Render   bool
	Kind     string            // page, search, listing
	Meta     map[string]string // e.g. listing fields, search term
	// Delay is the politeness delay its source asks for its host; a host's
	// delay is the largest any item of it asked for (at most MaxHostDelay).
	Delay time.Duration
}

// URL is a pending frontier URL handed out with a lease.
type URL struct {
	ID       int64
	SweepID  uint64
	URL      string
	SourceID string
	Depth    int
	Render   bool
	Kind     string
	Meta     map[string]string
}

// urlKey is the frontier's deduplication key: the SHA-256 of the canonical
// URL, the same comparison the bbolt store makes.
func urlKey(u string) []byte {
	sum := sha256.Sum256([]byte(store.CanonicalURL(u)))
	return sum[:]
}

// AddURLs adds pending URLs to a sweep's frontier, skipping those already
// in it in any state (compared by store.CanonicalURL, also within items),
// creates their hosts as needed and raises a host's delay to the largest
// asked for. It returns how many were added. A call takes at most
// MaxAddBatch items.
func (s *Store) AddURLs(ctx context.Context, sweepID uint64, items []Item) (int, error) {
	if len(items) > MaxAddBatch {
		return 0, fmt.Errorf("pgstore: add %d frontier URLs: at most %d a call", len(items), MaxAddBatch)
	}
	batch, err := newURLBatch(sweepID, items)
	if err != nil {
		return 0, fmt.Errorf("pgstore: %w", err)
	}
	var added int
	err = s.retryTx(ctx, func(tx pgx.Tx) error {
		added, err = batch.insert(ctx, tx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("pgstore: add frontier URLs to sweep %d: %w", sweepID, err)
	}
	return added, nil
}

// urlBatch is frontier items checked, keyed and laid out as the columns
// of one insert, with their hosts in name order.
type urlBatch struct {
	hosts  []string
	delays []int32

	sweepIDs []int64
	rowHosts []string
	urls     []string
	keys     [][]byte
	sources  []string
	depths   []int32
	renders  []bool
	kinds    []string
	metas    []map[string]string

	// capSources, when set, are the batch's sources (in name order) whose
	// caps in sweep capSweep its URLs count against (followBatch).
	capSweep   int64
	capSources []string
}

// newURLBatch checks items and drops those that repeat an earlier one.
func newURLBatch(sweepID uint64, items []Item) (*urlBatch, error) {
	b := &urlBatch{}
	seen := make(map[string]bool, len(items))
	hostDelay := map[string]int32{}
	for i, it := range items {
		if it.URL == "" || len(it.URL) > maxURLLen {
			return nil, fmt.Errorf("frontier item %d: URL must be 1–%d bytes", i, maxURLLen)
		}
		if it.Delay < 0 || it.Delay > MaxHostDelay {
			return nil, fmt.Errorf("frontier item %d (%.200s): delay %v outside 0–%v", i, it.URL, it.Delay, MaxHostDelay)
		}
		host, err := HostKey(it.URL)
		if err != nil {
			return nil, fmt.Errorf("frontier item %d: %w", i, err)
		}
		key := urlKey(it.URL)
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		delay := int32(it.Delay / time.Millisecond)
		if d, ok := hostDelay[host]; !ok || delay > d {
			hostDelay[host] = delay
		}
		b.sweepIDs = append(b.sweepIDs, int64(sweepID))
		b.rowHosts = append(b.rowHosts, host)
		b.urls = append(b.urls, it.URL)
		b.keys = append(b.keys, key)
		b.sources = append(b.sources, it.SourceID)
		b.depths = append(b.depths, int32(it.Depth))
		b.renders = append(b.renders, it.Render)
		b.kinds = append(b.kinds, it.Kind)
		b.metas = append(b.metas, it.Meta)
	}
	// Hosts are locked in name order, so concurrent calls never deadlock
	// on them.
	b.hosts = slices.Sorted(maps.Keys(hostDelay))
	b.delays = make([]int32, len(b.hosts))
	for i, h := range b.hosts {
		b.delays[i] = hostDelay[h]
	}
	return b, nil
}

// Adding URLs writes a hosts row only when something about the host
// changes: the host is new, its delay grows, or it gets pending URLs when
// it had none (has_pending flips to true). A page's transaction adds links
// to its own host and to others; were it to write those hosts' rows every
// time (a pending count, say), the transactions of neighbouring hosts
// would queue on each other's rows. Instead, inserting a URL takes a KEY
// SHARE lock on its host (the check of frontier's foreign key to hosts,
// not deferrable, so taken by the insert statement itself), which writers
// of other columns (leases, delays) do not wait for and other adders
// share; only a claim's FOR UPDATE conflicts with it.
//
// That lock is what keeps has_pending right: the claim that finds no
// pending URL for a host it locked clears the flag (ClaimHost), and a
// claim skips hosts an adder holds (SKIP LOCKED), while an adder that
// comes later waits for the claim to commit and then, in a statement of
// its own after its insert (flagHostsSQL), sees the cleared flag and sets
// it again. TestClaimAndAdderRace checks both orders.

// ensureHostsSQL creates a batch's hosts that do not exist yet
// (arguments: hosts, delays), in name order; it writes no existing row.
const ensureHostsSQL = `
	INSERT INTO hosts (host, delay_ms)
	SELECT h, d FROM unnest($1::text[], $2::integer[]) AS t(h, d) ORDER BY h
	ON CONFLICT (host) DO NOTHING`

// raiseDelaysSQL raises the delays of a batch's hosts (arguments: hosts,
// delays) where they grow; it writes (and locks) no other row.
const raiseDelaysSQL = `
	UPDATE hosts SET delay_ms = t.d
	FROM unnest($1::text[], $2::integer[]) AS t(h, d)
	WHERE hosts.host = t.h AND hosts.delay_ms < t.d`

// addURLsSQL inserts a batch's URLs (arguments: urlArgs) in the order
// given, so ids follow it, and returns how many were new.
const addURLsSQL = `
	WITH ins AS (
		INSERT INTO frontier (sweep_id, host, url, url_sha256, source_id, depth, render, kind, meta)
		SELECT sweep_id, host, url, url_sha256, source_id, depth, render, kind, meta
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::text[],
		            $6::integer[], $7::boolean[], $8::text[], $9::jsonb[])
		     WITH ORDINALITY AS t(sweep_id, host, url, url_sha256, source_id, depth, render, kind, meta, n)
		ORDER BY n
		ON CONFLICT (sweep_id, url_sha256) DO NOTHING
		RETURNING 1
	)
	SELECT count(*) FROM ins`

// flagHostsSQL marks the batch's hosts (argument: hosts) that have
// pending URLs and were not marked; run after addURLsSQL, as a statement
// of its own (it must see the flag as a claim that cleared it meanwhile
// committed it).
const flagHostsSQL = `
	UPDATE hosts SET has_pending = true
	WHERE host = ANY($1::text[]) AND NOT has_pending
	  AND EXISTS (SELECT 1 FROM frontier f WHERE f.host = hosts.host AND f.state = 'pending')`

func (b *urlBatch) urlArgs() []any {
	return []any{b.sweepIDs, b.rowHosts, b.urls, b.keys, b.sources, b.depths, b.renders, b.kinds, b.metas}
}

// insert adds the batch's URLs inside tx and returns how many were new.
func (b *urlBatch) insert(ctx context.Context, tx pgx.Tx) (int, error) {
	var st stmts
	var added int
	b.queue(&st, &added)
	return added, st.send(ctx, tx)
}

// queue adds the batch's statements to st; added receives how many URLs
// were new.
func (b *urlBatch) queue(st *stmts, added *int) {
	if len(b.hosts) == 0 {
		return
	}
	st.exec(ensureHostsSQL, b.hosts, b.delays)
	st.exec(raiseDelaysSQL, b.hosts, b.delays)
	if b.capSources != nil {
		args := append(b.urlArgs(), b.capSweep, b.capSources)
		st.queue(func(br pgx.BatchResults) error { return br.QueryRow().Scan(added) }, addCappedURLsSQL, args...)
	} else {
		st.queue(func(br pgx.BatchResults) error { return br.QueryRow().Scan(added) }, addURLsSQL, b.urlArgs()...)
	}
	st.exec(flagHostsSQL, b.hosts)
}

// stmts are statements sent to the server in one round trip (a pipeline,
// in the caller's transaction), each with the function that reads its
// result. The first failure ends the reading; the transaction is then
// rolled back.
type stmts struct {
	batch pgx.Batch
	scans []func(pgx.BatchResults) error
}

// queue adds a statement whose result scan reads.
func (s *stmts) queue(scan func(pgx.BatchResults) error, sql string, args ...any) {
	s.batch.Queue(sql, args...)
	s.scans = append(s.scans, scan)
}

// exec adds a statement whose result is not read.
func (s *stmts) exec(sql string, args ...any) {
	s.queue(func(br pgx.BatchResults) error { _, err := br.Exec(); return err }, sql, args...)
}

// send runs the statements in tx and reads their results in order.
func (s *stmts) send(ctx context.Context, tx pgx.Tx) error {
	if len(s.scans) == 0 {
		return nil
	}
	br := tx.SendBatch(ctx, &s.batch)
	var err error
	for _, scan := range s.scans {
		if err = scan(br); err != nil {
			break
		}
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return err
}

// retryTx runs fn in a transaction and retries it (a few times) when
// PostgreSQL aborted it for a deadlock or a serialization failure.
func (s *Store) retryTx(ctx context.Context, fn func(pgx.Tx) error) error {
	const attempts = 5
	var err error
	for i := 0; i < attempts; i++ {
		err = s.inTx(ctx, fn)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return err
		}
	}
	return err
}

// ClaimOptions tune ClaimHost.
type ClaimOptions struct {
	// Batch is the most pending URLs the lease carries (default
	// DefaultClaimBatch, at most MaxClaimBatch).
	Batch int
}

// Lease is a worker's exclusive hold on one host: while it lasts, no other
// worker fetches the host. Its methods are safe for concurrent use (a
// worker may fetch a host with several connections, Begin spaces their
// starts).
type Lease struct {
	Host   string
	Worker string
	Token  int64         // the claim's number; a later claim of the host has a larger one
	Delay  time.Duration // the host's politeness delay
	URLs   []URL         // pending URLs of the host, oldest first

	mu        sync.Mutex
	deadline  time.Time // local clock; no fetch may start after it
	lastStart time.Time // local clock; zero before the first Begin
}

// ClaimHost gives worker the lease of one host that has pending URLs and is
// ready (the host that has waited longest), with up to opts.Batch of its
// pending URLs, for ttl. It fails with ErrNoWork when no host is ready.
//
// Claims run in one short transaction on the hosts table with
// SELECT … FOR UPDATE SKIP LOCKED, so any number of workers, in any
// number of processes, claim at once without waiting for each other and
// never get the same host. The claim reads one index entry (hosts ready
// now, by ready time) and the host's first URLs (by host), so its cost
// does not grow with the size of the frontier.
func (s *Store) ClaimHost(ctx context.Context, worker string, ttl time.Duration, opts ClaimOptions) (*Lease, error) {
	if worker == "" || len(worker) > maxWorkerLen {
		return nil, fmt.Errorf("pgstore: claim host: worker name must be 1–%d bytes", maxWorkerLen)
	}
	if ttl < MinLeaseTTL || ttl > MaxLeaseTTL {
		return nil, fmt.Errorf("pgstore: claim host: lease time %v outside %v–%v", ttl, MinLeaseTTL, MaxLeaseTTL)
	}
	switch {
	case opts.Batch == 0:
		opts.Batch = DefaultClaimBatch
	case opts.Batch < 1 || opts.Batch > MaxClaimBatch:
		return nil, fmt.Errorf("pgstore: claim host: batch %d outside 1–%d", opts.Batch, MaxClaimBatch)
	}
	// The local deadline counts from before the call, so it ends no later
	// than the expiry the database records (which counts from its own
	// clock, later).
	start := time.Now()
	for range maxIdleClears {
		l, idle, err := s.claimOnce(ctx, worker, ttl, opts.Batch)
		if err != nil {
			return nil, fmt.Errorf("pgstore: claim host for %s: %w", worker, err)
		}
		if !idle {
			if l == nil {
				return nil, ErrNoWork
			}
			l.deadline = start.Add(ttl)
			return l, nil
		}
	}
	return nil, ErrNoWork // hosts whose last URLs were done: the next claim goes on
}

// maxIdleClears bounds the hosts one ClaimHost call finds marked but with
// nothing pending (and clears) before it reports ErrNoWork.
const maxIdleClears = 16

// claimHostSQL are the two statements of a claim, sent in one round trip
// and run in one implicit transaction. The first picks the host that has
// waited longest and locks it FOR UPDATE SKIP LOCKED (ready_at against
// the statement's start time, which unlike clock_timestamp() can bound
// the index scan, so a claim when nothing is ready reads no more than one
// entry) and passes it to the second (a transaction-local setting, set
// above the subquery: a target list below the row lock is evaluated also
// for rows the lock then skips). The
// second, whose snapshot is taken after the lock (it is a statement of its
// own), reads the host's first pending URLs: it sees every URL added by a
// transaction that committed before the lock, and a later adder waits for
// this one (see ensureHostsSQL). With URLs it leases the host; without,
// it clears has_pending. A lease still held when it expired was given up
// by a worker that stopped (killed, cut off): it is counted.
var claimHostSQL = [2]string{`
	SELECT set_config('certwatch.claim_host', host, true) FROM (
		SELECT host FROM hosts
		WHERE has_pending AND ready_at <= statement_timestamp()
		ORDER BY ready_at LIMIT 1
		FOR UPDATE SKIP LOCKED
	) pick`, `
	WITH pick AS (
		SELECT nullif(current_setting('certwatch.claim_host', true), '') AS host
	), urls AS (
		SELECT f.id, f.sweep_id, f.url, f.source_id, f.depth, f.render, f.kind, f.meta
		FROM pick, LATERAL (
			SELECT * FROM frontier WHERE frontier.host = pick.host AND state = 'pending' ORDER BY id LIMIT $3
		) f
	), lease AS (
		UPDATE hosts SET
			expired = expired + (lease_owner IS NOT NULL)::int,
			lease_owner = $1, lease_token = lease_token + 1,
			lease_expires = clock_timestamp() + $2::interval,
			ready_at = clock_timestamp() + $2::interval + delay_ms * interval '1 millisecond',
			claims = claims + 1
		FROM pick WHERE hosts.host = pick.host AND EXISTS (SELECT FROM urls)
		RETURNING hosts.host, hosts.delay_ms, hosts.lease_token
	), idle AS (
		UPDATE hosts SET has_pending = false
		FROM pick WHERE hosts.host = pick.host AND NOT EXISTS (SELECT FROM urls)
		RETURNING hosts.host
	)
	SELECT lease.host, lease.delay_ms, lease.lease_token,
	       urls.id, urls.sweep_id, urls.url, urls.source_id, urls.depth, urls.render, urls.kind, urls.meta
	FROM lease, urls
	UNION ALL
	SELECT idle.host, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM idle
	ORDER BY 4`}

// claimOnce runs claimHostSQL: the lease (nil when no host was ready),
// or idle when the host picked had nothing pending (its flag is cleared).
func (s *Store) claimOnce(ctx context.Context, worker string, ttl time.Duration, batch int) (l *Lease, idle bool, err error) {
	var b pgx.Batch
	b.Queue(claimHostSQL[0])
	b.Queue(claimHostSQL[1], worker, ttl, batch)
	br := s.pool.SendBatch(ctx, &b)
	defer func() {
		if cerr := br.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err := br.Exec(); err != nil {
		return nil, false, err
	}
	rows, err := br.Query()
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			host    string
			delayMS *int32
			token   *int64
			id      *int64
			u       URL
			depth   *int32
			sweepID *uint64
			url     *string
			source  *string
			render  *bool
			kind    *string
		)
		if err := rows.Scan(&host, &delayMS, &token, &id, &sweepID, &url, &source, &depth, &render, &kind, &u.Meta); err != nil {
			return nil, false, err
		}
		if id == nil { // the host had nothing pending
			return nil, true, nil
		}
		if l == nil {
			l = &Lease{Host: host, Worker: worker, Token: *token, Delay: time.Duration(*delayMS) * time.Millisecond}
		}
		u.ID, u.SweepID, u.URL, u.SourceID, u.Depth, u.Render, u.Kind = *id, *sweepID, *url, *source, int(*depth), *render, *kind
		l.URLs = append(l.URLs, u)
	}
	return l, false, rows.Err()
}

// Begin waits until the lease allows the next fetch of its host (its delay
// after the previous fetch's start) and records that a fetch starts now;
// call it right before each request. It fails with ErrLeaseExpiring when
// that moment would be too close to the lease's expiry (renew the lease
// first), and with ctx's error when ctx ends while waiting.
func (l *Lease) Begin(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	next := time.Now()
	if !l.lastStart.IsZero() {
		next = l.lastStart.Add(l.Delay)
	}
	if next.After(l.deadline.Add(-leaseMargin)) {
		return fmt.Errorf("pgstore: host %s: %w (renew it before %s)", l.Host, ErrLeaseExpiring, l.deadline.Format(time.RFC3339Nano))
	}
	if d := time.Until(next); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	now := time.Now()
	if now.After(l.deadline.Add(-leaseMargin)) {
		return fmt.Errorf("pgstore: host %s: %w", l.Host, ErrLeaseExpiring)
	}
	l.lastStart = now
	return nil
}

// sinceLastFetch is the time since the lease's last fetch start, whether
// there was one, and the host's delay.
func (l *Lease) sinceLastFetch() (since time.Duration, fetched bool, delay time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lastStart.IsZero() {
		return 0, false, l.Delay
	}
	return time.Since(l.lastStart), true, l.Delay
}

// Deadline is the local time after which the lease allows no fetch to
// start.
func (l *Lease) Deadline() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.deadline
}

// Done is the outcome of one leased URL.
type Done struct {
	ID      int64
	Outcome string // the crawler's outcome: ok, error, robots, ...
}

// Complete marks leased URLs done with their outcomes. URLs already done
// are left as they are, so completing twice changes nothing. The URLs are
// marked done even when the lease was lost meanwhile (they were fetched),
// and then Complete returns ErrLeaseLost: the worker must stop.
func (s *Store) Complete(ctx context.Context, l *Lease, done []Done) error {
	if len(done) > MaxClaimBatch {
		return fmt.Errorf("pgstore: complete %d URLs of %s: at most %d a call", len(done), l.Host, MaxClaimBatch)
	}
	ids := make([]int64, len(done))
	outcomes := make([]string, len(done))
	for i, d := range done {
		ids[i], outcomes[i] = d.ID, cmp.Or(d.Outcome, "ok")
	}
	lost := false
	err := s.retryTx(ctx, func(tx pgx.Tx) error {
		// The host's row is read, not locked or written: a host whose
		// last URLs are done keeps has_pending until a claim clears it.
		var st stmts
		st.queue(func(br pgx.BatchResults) error {
			var token int64
			var owner *string
			if err := br.QueryRow().Scan(&token, &owner); err != nil {
				return err
			}
			lost = token != l.Token || owner == nil || *owner != l.Worker
			return nil
		}, `SELECT lease_token, lease_owner FROM hosts WHERE host = $1`, l.Host)
		st.exec(`
			UPDATE frontier f SET state = 'done', outcome = d.outcome, done_at = clock_timestamp(), done_by = $3
			FROM unnest($1::bigint[], $2::text[]) AS d(id, outcome)
			WHERE f.id = d.id AND f.host = $4 AND f.state = 'pending'`,
			ids, outcomes, l.Worker, l.Host)
		return st.send(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("pgstore: complete %d URLs of %s: %w", len(done), l.Host, err)
	}
	if lost {
		return fmt.Errorf("pgstore: complete URLs of %s: %w", l.Host, ErrLeaseLost)
	}
	return nil
}

// Renew extends the lease to ttl from now. It fails with ErrLeaseLost when
// the lease has expired (even if nobody claimed the host since: the holder
// may not have fetched within it, but its deadline has passed) or was
// released.
func (s *Store) Renew(ctx context.Context, l *Lease, ttl time.Duration) error {
	if ttl < MinLeaseTTL || ttl > MaxLeaseTTL {
		return fmt.Errorf("pgstore: renew lease of %s: lease time %v outside %v–%v", l.Host, ttl, MinLeaseTTL, MaxLeaseTTL)
	}
	start := time.Now()
	tag, err := s.pool.Exec(ctx, `
		UPDATE hosts SET
			lease_expires = clock_timestamp() + $4::interval,
			ready_at = clock_timestamp() + $4::interval + delay_ms * interval '1 millisecond'
		WHERE host = $1 AND lease_token = $2 AND lease_owner = $3 AND lease_expires > clock_timestamp()`,
		l.Host, l.Token, l.Worker, ttl)
	if err != nil {
		return fmt.Errorf("pgstore: renew lease of %s: %w", l.Host, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("pgstore: renew lease of %s: %w", l.Host, ErrLeaseLost)
	}
	l.mu.Lock()
	l.deadline = start.Add(ttl)
	l.mu.Unlock()
	return nil
}

// Release gives the host back: it may be claimed again one delay after the
// lease's last fetch started (at once when the lease fetched nothing). Its
// URLs not completed stay pending for the next claim. It fails with
// ErrLeaseLost when the host was claimed again after the lease expired.
func (s *Store) Release(ctx context.Context, l *Lease) error {
	// The time since the last fetch is measured before the call, so the
	// database's clock, read later, puts the next fetch no earlier than
	// the delay after it.
	since, fetched, delay := l.sinceLastFetch()
	var wait time.Duration // from the database's now: delay - since
	if fetched {
		wait = delay - since
	}
	tag, err := s.pool.Exec(ctx, `
		UPDATE hosts SET
			next_allowed = CASE WHEN $4 THEN greatest(next_allowed, clock_timestamp() + $5::interval) ELSE next_allowed END,
			ready_at = CASE WHEN $4 THEN greatest(next_allowed, clock_timestamp() + $5::interval) ELSE next_allowed END,
			lease_owner = NULL, lease_expires = NULL
		WHERE host = $1 AND lease_token = $2 AND lease_owner = $3`,
		l.Host, l.Token, l.Worker, fetched, wait)
	if err != nil {
		return fmt.Errorf("pgstore: release lease of %s: %w", l.Host, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("pgstore: release lease of %s: %w", l.Host, ErrLeaseLost)
	}
	l.mu.Lock()
	l.deadline = time.Time{} // no more fetches under this lease
	l.mu.Unlock()
	return nil
}

// RaiseDelay raises the leased host's delay to d when d is larger (a
// robots.txt Crawl-delay, a server asking to slow down); the lease's next
// fetches keep it too.
func (s *Store) RaiseDelay(ctx context.Context, l *Lease, d time.Duration) error {
	if d < 0 || d > MaxHostDelay {
		return fmt.Errorf("pgstore: delay of %s: %v outside 0–%v", l.Host, d, MaxHostDelay)
	}
	tag, err := s.pool.Exec(ctx, `
		UPDATE hosts SET delay_ms = greatest(delay_ms, $4),
			ready_at = CASE WHEN lease_expires IS NULL THEN ready_at
			                ELSE lease_expires + greatest(delay_ms, $4) * interval '1 millisecond' END
		WHERE host = $1 AND lease_token = $2 AND lease_owner = $3`,
		l.Host, l.Token, l.Worker, int32(d/time.Millisecond))
	if err != nil {
		return fmt.Errorf("pgstore: delay of %s: %w", l.Host, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("pgstore: delay of %s: %w", l.Host, ErrLeaseLost)
	}
	l.mu.Lock()
	l.Delay = max(l.Delay, d)
	l.mu.Unlock()
	return nil
}

// NextReady says how long until a host with pending URLs is ready to claim
// (0 when one is now); ok is false when no host has pending URLs. A host
// whose last URLs were done counts until a claim finds it has none.
func (s *Store) NextReady(ctx context.Context) (wait time.Duration, ok bool, err error) {
	var d *time.Duration
	if err := s.pool.QueryRow(ctx, `
		SELECT CASE WHEN min(ready_at) IS NULL THEN NULL
		            WHEN min(ready_at) <= clock_timestamp() THEN interval '0'
		            ELSE min(ready_at) - clock_timestamp() END
		FROM hosts WHERE has_pending`).Scan(&d); err != nil {
		return 0, false, fmt.Errorf("pgstore: next ready host: %w", err)
	}
	if d == nil {
		return 0, false, nil
	}
	return *d, true, nil
}

// FrontierCounts returns how many of a sweep's URLs are pending and done.
func (s *Store) FrontierCounts(ctx context.Context, sweepID uint64) (pending, done int, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'done')
		FROM frontier WHERE sweep_id = $1`, int64(sweepID)).Scan(&pending, &done)
	if err != nil {
		return 0, 0, fmt.Errorf("pgstore: frontier counts of sweep %d: %w", sweepID, err)
	}
	return pending, done, nil
}

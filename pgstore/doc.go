// Package pgstore is certwatch's PostgreSQL backend, for deployments that
// outgrow one machine (issue 12, Part 2): many sweep workers on many
// machines sharing one frontier, and review servers behind a load
// balancer. The embedded bbolt store (package store) stays the default for
// a district; a database setting that is a postgres:// URL selects this one.
//
// This package holds the backend's foundations: the connection pool
// ([Open], bounded by [Options.MaxConns]), the versioned schema and its
// migrations, and the shared frontier. The store methods the review and
// sweep code call arrive with the store interfaces and their conformance
// suite. Accounts, sessions and the sign-in limits (attempt records,
// bursts, known addresses) live in the database, so any number of serve
// processes share sign-ins and lockouts; the audit log is one hash chain
// (store.AuditHash, as in bbolt) appended under a lock on its head row,
// whatever the process. Decisions, notices, removal checks, evidence
// exports and period reports apply package store's rules (ApplyDecision,
// ApplyNoticeMove, WriteEvidence, ReportTally); the database decides who
// goes first: a decision locks its case row, a draft notice's writers an
// advisory lock on its route and recipient, and an approval's number is
// unique per route ([ErrNumberTaken]) however many servers approve.
//
// # Schema and migrations
//
// The schema is a series of SQL migrations embedded in the binary
// (migrations/NNNNN_*.sql, applied in order by pressly/goose v3, recorded in
// table certwatch_schema_version). [SchemaVersion] is the newest one.
// [Migrate] (`certwatch db migrate --database URL`) applies the missing
// ones under an advisory lock, so concurrent migrators are safe; it refuses
// a database whose schema is newer than the binary with a [*SchemaError]
// naming both versions. [Open] never migrates: it refuses any database not
// at exactly SchemaVersion, older (run migrate) or newer (run a newer
// binary).
//
// Version 1 mirrors what the bbolt store keeps (store/doc.go): sweeps, the
// frontier, pages, cases, sightings, snapshots and their texts, decisions,
// notices with their items, history and removal checks, users, sessions,
// sign-in throttling, the hash-chained audit log, the outbox, rule-pack and
// model activations, model channels and the contact index. The review
// queue over 10^6 cases is an index range: cases by (status, department,
// score, id), and by category, first and last seen, and host. Evidence
// bytes are not in PostgreSQL: rows keep their hex SHA-256, the key of the
// content-addressed blob store. A sweep's Record follows bbolt's rules
// (store.Observation.Prepare): it puts the evidence bytes in [Blobs]
// before the rows that name them commit, locks the case's row (a new
// case: an advisory lock on its key, its row inserted last) and sends its
// other writes in one batch.
//
// # The shared frontier
//
// Workers claim hosts, not URLs: a host has one lease at a time, so
// politeness (its delay, its parallelism, robots.txt) is kept by one worker
// at a time, whichever machine it runs on. A worker:
//
//	lease, err := st.ClaimHost(ctx, "worker-7", time.Minute, pgstore.ClaimOptions{})
//	// errors.Is(err, pgstore.ErrNoWork): sleep NextReady's wait, try again
//	for _, u := range lease.URLs {
//		if err := lease.Begin(ctx); err != nil { break } // waits the host's delay
//		outcome := fetch(u.URL)
//		err = st.Complete(ctx, lease, []pgstore.Done{{ID: u.ID, Outcome: outcome}})
//		// errors.Is(err, pgstore.ErrLeaseLost): stop fetching this host
//	}
//	st.Release(ctx, lease)
//
// [Store.ClaimHost] takes the host that has been ready longest with
// SELECT … FOR UPDATE SKIP LOCKED on the hosts table (a partial index of
// hosts marked has_pending, by ready time), so claims by any number of
// workers neither wait for each other nor return the same host, and cost
// the same with 10^4 URLs as with 10^7.
//
// Many workers: the transactions that record pages (Record,
// RecordPageFollow) and add their links write no hosts row for a host
// that exists, so pages of neighbouring hosts do not queue on each
// other's rows. A host's has_pending is written only when it flips: set by
// the adder of its first pending URL, cleared by the claim that finds it
// has none left (a host whose last URLs were done stays marked until
// then, so NextReady may report it once more); its delay is written only
// when it grows. Adders hold a KEY SHARE lock on their hosts, which only a
// claim's FOR UPDATE conflicts with: a claim skips such a host, and an
// adder that comes after a claim sees the flag it cleared and sets it
// again (pgstore/frontier.go). New cases add to their status count in one
// of 16 rows per group (case_counts, summed on read), not one.
//
// Time: every instant is taken from the database's clock
// (clock_timestamp()); workers only measure durations on their own
// monotonic clocks, so clock skew between machines does not matter. A
// lease's local deadline counts from before the claim was sent, so it ends
// no later than the expiry the database records; [Lease.Begin] starts no
// fetch after it. While a lease is held the host is ready again at its
// expiry plus its delay: a worker killed mid-lease therefore frees the host
// one delay after its lease ran out, never closer to its last fetch, and
// its URLs not completed are claimed again ([Store.Renew] extends a lease).
// [Store.Release] makes the host ready one delay after the lease's last
// fetch start, measured by the worker before the call and counted by the
// database from later, so the next holder's first fetch is at least one
// delay after the previous holder's last.
//
// The per-sweep frontier a single-process sweep uses (AddFrontier,
// PendingFrontier, MarkDone, RecordPageFollow, Record's frontier URL) is
// these same rows: what a sweep adds, workers may claim, and what either
// marks done is done for both. Frontier writers lock the hosts they add
// URLs to in name order (KEY SHARE) before any URL row; marking URLs done
// locks no hosts row.
package pgstore

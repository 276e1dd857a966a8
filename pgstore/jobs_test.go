package pgstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/store"
)

// queueTables lists the tables in the job queue's schema.
func queueTables(t *testing.T, url string) []string {
	t.Helper()
	ctx := testCtx(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, QueueSchema)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestMigrateCreatesQueue(t *testing.T) {
	ctx := testCtx(t)
	url := pgtest.DB(t)
	res, err := Migrate(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.QueueFrom != 0 || res.QueueTo != QueueSchemaVersion || len(res.QueueApplied) != int(QueueSchemaVersion) {
		t.Fatalf("first migrate: queue %d → %d applying %v; want 0 → %d applying each of river's migrations",
			res.QueueFrom, res.QueueTo, res.QueueApplied, QueueSchemaVersion)
	}
	got := queueTables(t, url)
	for _, want := range []string{"river_job", "river_leader", "river_migration", "river_queue"} {
		if !slices.Contains(got, want) {
			t.Errorf("schema %s has no table %s: %v", QueueSchema, want, got)
		}
	}
	if pub := tables(t, url); !slices.Equal(pub, wantTables) {
		t.Fatalf("river's tables leaked into public: %v", pub)
	}
	res, err = Migrate(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.QueueFrom != QueueSchemaVersion || res.QueueTo != QueueSchemaVersion || len(res.QueueApplied) != 0 {
		t.Fatalf("second migrate: %+v, want nothing to do", res)
	}
	if v, err := QueueVersion(ctx, url); err != nil || v != QueueSchemaVersion {
		t.Fatalf("QueueVersion = %d, %v; want %d", v, err, QueueSchemaVersion)
	}
	if err := open(t, url, Options{}).CheckQueueSchema(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestNewerQueueSchemaRefused: a database whose river schema a newer
// binary migrated is refused before anything is applied, by Migrate and
// by CheckQueueSchema, with a message naming both versions.
func TestNewerQueueSchemaRefused(t *testing.T) {
	ctx := testCtx(t)
	url := pgtest.DB(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	newer := QueueSchemaVersion + 1
	// What river's migration 1 and 5 leave, plus a row of a version this
	// binary's river does not know.
	if _, err := conn.Exec(ctx, `
		CREATE SCHEMA river;
		CREATE TABLE river.river_migration (line text NOT NULL, version bigint NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (line, version))`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO river.river_migration (line, version) SELECT 'main', v FROM generate_series(1, $1::bigint) v`, newer); err != nil {
		t.Fatal(err)
	}
	_, err = Migrate(ctx, url)
	var qe *QueueSchemaError
	if !errors.As(err, &qe) || !errors.Is(err, ErrSchemaNewer) || errors.Is(err, ErrSchemaOlder) {
		t.Fatalf("Migrate with a newer queue schema: %v; want a QueueSchemaError (newer)", err)
	}
	for _, w := range []string{"任务队列", "river", "newer", fmt.Sprint(newer), fmt.Sprint(QueueSchemaVersion)} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q: %v", w, err)
		}
	}
	if got := tables(t, url); len(got) != 0 {
		t.Fatalf("the refused migrate applied certwatch's migrations: %v", got)
	}
	if v, err := QueueVersion(ctx, url); err != nil || v != newer {
		t.Fatalf("QueueVersion = %d, %v; want %d", v, err, newer)
	}
	if err := checkQueueSchema(ctx, conn); !errors.Is(err, ErrSchemaNewer) {
		t.Fatalf("checkQueueSchema: %v; want ErrSchemaNewer", err)
	}
}

func TestCheckQueueSchemaOlder(t *testing.T) {
	ctx := testCtx(t)
	url := migrated(t)
	st := open(t, url, Options{})
	if _, err := st.Pool().Exec(ctx, `DELETE FROM river.river_migration WHERE version = $1`, QueueSchemaVersion); err != nil {
		t.Fatal(err)
	}
	err := st.CheckQueueSchema(ctx)
	if !errors.Is(err, ErrSchemaOlder) || !strings.Contains(err.Error(), "certwatch db migrate") {
		t.Fatalf("CheckQueueSchema of an older queue: %v; want ErrSchemaOlder naming db migrate", err)
	}
}

// jobRow is what the tests read back of a queued job.
type jobRow struct {
	Kind, Queue, State string
	Args               json.RawMessage
	ScheduledAt        time.Time
}

func jobs(t *testing.T, st *Store, kind string) []jobRow {
	t.Helper()
	rows, err := st.Pool().Query(testCtx(t),
		`SELECT kind, queue, state::text, args, scheduled_at FROM river.river_job WHERE kind = $1 ORDER BY id`, kind)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (jobRow, error) {
		var j jobRow
		err := r.Scan(&j.Kind, &j.Queue, &j.State, &j.Args, &j.ScheduledAt)
		return j, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEnqueueInTheChangesTransaction: a job enqueued in a transaction that
// rolls back does not exist; one whose transaction commits exists once; a
// second digest for the same sweep, from another transaction, is not
// inserted, also when both transactions run at once.
func TestEnqueueInTheChangesTransaction(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	b := NewBackend(st, nil)
	rollback := errors.New("the change failed")
	err := b.tx(ctx, func(tx pgx.Tx) error {
		if err := b.enqueueTx(ctx, tx, DigestArgs{SweepID: 7}, nil); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatalf("tx: %v", err)
	}
	if got := jobs(t, st, "digest"); len(got) != 0 {
		t.Fatalf("a rolled-back transaction left jobs: %+v", got)
	}
	enqueue := func(args river.JobArgs, opts *river.InsertOpts) error {
		return b.tx(ctx, func(tx pgx.Tx) error { return b.enqueueTx(ctx, tx, args, opts) })
	}
	if err := enqueue(DigestArgs{SweepID: 7}, nil); err != nil {
		t.Fatal(err)
	}
	got := jobs(t, st, "digest")
	if len(got) != 1 || got[0].Queue != QueueNotify || got[0].State != "available" {
		t.Fatalf("after one commit: %+v; want one available digest job in queue %s", got, QueueNotify)
	}
	var args DigestArgs
	if err := json.Unmarshal(got[0].Args, &args); err != nil || args.SweepID != 7 {
		t.Fatalf("job args %s: %v", got[0].Args, err)
	}
	if err := enqueue(DigestArgs{SweepID: 7}, nil); err != nil {
		t.Fatalf("a duplicate digest is not an error: %v", err)
	}
	if got := jobs(t, st, "digest"); len(got) != 1 {
		t.Fatalf("a second digest for sweep 7 was inserted: %+v", got)
	}

	// Two transactions at once for sweep 8: the second waits on the
	// first's unique key, then finds it.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = enqueue(DigestArgs{SweepID: 8}, nil) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent enqueue %d: %v", i, err)
		}
	}
	if got := jobs(t, st, "digest"); len(got) != 2 {
		t.Fatalf("after four concurrent digests for sweep 8: %d digest jobs, want 2 (sweeps 7 and 8)", len(got))
	}
}

// TestEnqueueRemovalChecks: a sent notice's rounds are enqueued each at
// its due time, once however often the enqueue runs; the digest helper
// enqueues one digest per sweep.
func TestEnqueueRemovalChecks(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	b := NewBackend(st, nil)
	sent := time.Now().UTC().Truncate(time.Microsecond)
	n := &store.Notice{ID: 3, CheckDue: []time.Time{sent.Add(24 * time.Hour), sent.Add(72 * time.Hour)}}
	for range 2 {
		if err := b.tx(ctx, func(tx pgx.Tx) error { return b.enqueueRemovalChecks(ctx, tx, n) }); err != nil {
			t.Fatal(err)
		}
	}
	got := jobs(t, st, "removal_check")
	if len(got) != 2 {
		t.Fatalf("removal checks: %+v; want rounds 1 and 2 once each", got)
	}
	for i, j := range got {
		var args RemovalCheckArgs
		if err := json.Unmarshal(j.Args, &args); err != nil || args != (RemovalCheckArgs{NoticeID: 3, Round: i + 1}) {
			t.Fatalf("job %d args %s (%v)", i, j.Args, err)
		}
		if j.State != "scheduled" || j.Queue != QueueRemovalChecks || !j.ScheduledAt.Equal(n.CheckDue[i]) {
			t.Fatalf("round %d: %+v; want scheduled at %v in queue %s", i+1, j, n.CheckDue[i], QueueRemovalChecks)
		}
	}
	for _, id := range []uint64{5, 5, 6} {
		if err := b.tx(ctx, func(tx pgx.Tx) error { return b.enqueueDigest(ctx, tx, id) }); err != nil {
			t.Fatal(err)
		}
	}
	if got := jobs(t, st, "digest"); len(got) != 2 {
		t.Fatalf("digests for sweeps 5, 5, 6: %d jobs, want 2", len(got))
	}
}

// TestEnqueueBadArgs: a kind river refuses is an error naming the kind,
// and the transaction it was in is not committed by the caller.
func TestEnqueueBadArgs(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	b := NewBackend(st, nil)
	err := b.tx(ctx, func(tx pgx.Tx) error {
		return b.enqueueTx(ctx, tx, DigestArgs{SweepID: 1}, &river.InsertOpts{Queue: "Not A Queue!"})
	})
	if err == nil || !strings.Contains(err.Error(), "digest") {
		t.Fatalf("enqueue into an invalid queue: %v; want an error naming the job kind", err)
	}
	if got := jobs(t, st, "digest"); len(got) != 0 {
		t.Fatalf("jobs after a refused insert: %+v", got)
	}
}

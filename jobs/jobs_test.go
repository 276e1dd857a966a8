package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/pgstore/pgstoretest"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// The queue is real (river on the throwaway PostgreSQL cluster); the
// business data the workers read is in a bbolt store, which implements
// the same interfaces as the PostgreSQL backend, until that backend's
// methods land (they return errors.ErrUnsupported for now).

func TestMain(m *testing.M) { pgtest.Main(m) }

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// queueStore is a fresh migrated database.
func queueStore(t *testing.T) *pgstore.Store {
	t.Helper()
	url := pgstoretest.DB(t)
	st, err := pgstore.Open(testCtx(t), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

func boltStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// syncBuffer is a log destination the workers and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a started Runner with its events and log.
type harness struct {
	r      *Runner
	events <-chan *river.Event
	log    *syncBuffer
}

func start(t *testing.T, q *pgstore.Store, o Options) *harness {
	t.Helper()
	logs := &syncBuffer{}
	o.Log = slog.New(slog.NewTextHandler(logs, nil))
	if o.Backoff == (Backoff{}) {
		o.Backoff = Backoff{Base: 20 * time.Millisecond, Max: 100 * time.Millisecond}
	}
	r, err := New(testCtx(t), q, o)
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := r.client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed,
		river.EventKindJobCancelled, river.EventKindJobSnoozed)
	t.Cleanup(cancel)
	if err := r.Start(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Error(err)
		}
	})
	return &harness{r: r, events: events, log: logs}
}

// await returns the next event of a job of kind whose state is final or
// snoozed, skipping other kinds' events and intermediate failures unless
// failures is set.
func (h *harness) await(t *testing.T, kind string, failures bool) *river.Event {
	t.Helper()
	ctx := testCtx(t)
	for {
		select {
		case ev := <-h.events:
			if ev.Job.Kind != kind {
				continue
			}
			if ev.Kind == river.EventKindJobFailed && !failures && ev.Job.State == rivertype.JobStateRetryable {
				continue
			}
			return ev
		case <-ctx.Done():
			t.Fatalf("no %s job ended; log:\n%s", kind, h.log.String())
			return nil
		}
	}
}

// webhook records the digests posted to it.
type webhook struct {
	srv *httptest.Server
	got chan sweep.Digest
}

func newWebhook(t *testing.T) *webhook {
	w := &webhook{got: make(chan sweep.Digest, 16)}
	w.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var d sweep.Digest
		if err := json.Unmarshal(body, &d); err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		w.got <- d
	}))
	t.Cleanup(w.srv.Close)
	return w
}

func (w *webhook) notifier(st sweep.Outbox) *sweep.Notifier {
	return &sweep.Notifier{Store: st, Config: config.Notify{Webhooks: []config.Webhook{{URL: w.srv.URL}}}}
}

// finishedSweep records a sweep that found two cases.
func finishedSweep(t *testing.T, st *store.Store) uint64 {
	t.Helper()
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	for i, u := range []string{"http://a.example/1", "http://b.example/2"} {
		f, _ := json.Marshal(map[string]any{"route": casework.RouteTakedownCAC})
		if _, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: u, URL: u, Title: "办证 " + u, Status: 200,
			Body: []byte(u), Score: float64(20 + i), Category: "cert_sale", Finding: f}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.FinishSweep(sw.ID, "finished", nil); err != nil {
		t.Fatal(err)
	}
	return sw.ID
}

func options(st *store.Store, n *sweep.Notifier) Options {
	// Deliveries every second: a digest queued while a delivery runs
	// waits for the next one.
	return Options{Store: st, Notifier: n, Checker: &sweep.RemovalChecker{Store: st, Sweeper: &sweep.Sweeper{}}, UI: "http://review.test",
		DeliverEvery: time.Second}
}

// TestDigestJob: a digest job for a finished sweep reaches the webhook
// with the sweep's new cases; a second one for the same sweep is not
// inserted; one for a sweep that does not exist is cancelled, not
// retried, and logged.
func TestDigestJob(t *testing.T) {
	q, st, hook := queueStore(t), boltStore(t), newWebhook(t)
	id := finishedSweep(t, st)
	h := start(t, q, options(st, hook.notifier(st)))
	ctx := testCtx(t)

	if ok, err := h.r.Insert(ctx, pgstore.DigestArgs{SweepID: id}, nil); err != nil || !ok {
		t.Fatalf("insert digest: %v, %v", ok, err)
	}
	if ev := h.await(t, "digest", true); ev.Kind != river.EventKindJobCompleted {
		t.Fatalf("digest job: %s %+v; log:\n%s", ev.Kind, ev.Job.Errors, h.log.String())
	}
	select {
	case d := <-hook.got:
		if d.Sweep != id || d.NewCases != 2 || d.UI != "http://review.test" {
			t.Fatalf("digest posted: sweep %d, %d new cases, ui %q; want sweep %d with 2", d.Sweep, d.NewCases, d.UI, id)
		}
	case <-ctx.Done():
		t.Fatalf("the digest never reached the webhook; log:\n%s", h.log.String())
	}
	if ok, err := h.r.Insert(ctx, pgstore.DigestArgs{SweepID: id}, nil); err != nil || ok {
		t.Fatalf("second digest for sweep %d: inserted %v, %v; want skipped as a duplicate", id, ok, err)
	}

	if _, err := h.r.Insert(ctx, pgstore.DigestArgs{SweepID: 999}, nil); err != nil {
		t.Fatal(err)
	}
	ev := h.await(t, "digest", true)
	if ev.Kind != river.EventKindJobCancelled || ev.Job.Attempt != 1 {
		t.Fatalf("digest of a missing sweep: %s after %d attempts; want cancelled after 1", ev.Kind, ev.Job.Attempt)
	}
	for _, want := range []string{"background job failed", "kind=digest", "sweep 999", "will not be retried"} {
		if !strings.Contains(h.log.String(), want) {
			t.Errorf("log does not say %q:\n%s", want, h.log.String())
		}
	}
}

// flaky fails Sweep n times (a database fault the test cannot cause in
// bbolt), then reads the real store.
type flaky struct {
	*store.Store
	fails atomic.Int32
}

var errFault = errors.New("connection reset by peer")

func (f *flaky) Sweep(id uint64) (*store.Sweep, error) {
	if f.fails.Add(-1) >= 0 {
		return nil, errFault
	}
	return f.Store.Sweep(id)
}

// TestDigestRetried: a digest whose store fails twice is retried with a
// backoff, each failure logged with its attempt, and then delivered.
func TestDigestRetried(t *testing.T) {
	q, st, hook := queueStore(t), boltStore(t), newWebhook(t)
	id := finishedSweep(t, st)
	fl := &flaky{Store: st}
	fl.fails.Store(2)
	o := options(st, hook.notifier(st))
	o.Store = fl
	h := start(t, q, o)
	ctx := testCtx(t)
	if _, err := h.r.Insert(ctx, pgstore.DigestArgs{SweepID: id}, nil); err != nil {
		t.Fatal(err)
	}
	var states []string
	for {
		ev := h.await(t, "digest", true)
		states = append(states, fmt.Sprintf("%s/%d", ev.Kind, ev.Job.Attempt))
		if ev.Kind != river.EventKindJobFailed {
			break
		}
	}
	want := "job_failed/1 job_failed/2 job_completed/3"
	if got := strings.Join(states, " "); got != want {
		t.Fatalf("digest attempts: %s; want %s; log:\n%s", got, want, h.log.String())
	}
	select {
	case d := <-hook.got:
		if d.Sweep != id {
			t.Fatalf("digest of sweep %d posted, want %d", d.Sweep, id)
		}
	case <-ctx.Done():
		t.Fatal("the retried digest never reached the webhook")
	}
	logs := h.log.String()
	for _, want := range []string{"attempt=1", "attempt=2", "max_attempts=10", "next=retry", errFault.Error()} {
		if !strings.Contains(logs, want) {
			t.Errorf("log does not say %q:\n%s", want, logs)
		}
	}
}

func TestBackoff(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 10 * time.Second}
	for n, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second, 60: 10 * time.Second} {
		if got := b.Delay(n); got != want {
			t.Errorf("Delay(%d) = %v, want %v", n, got, want)
		}
	}
	if got := (Backoff{}).Delay(1); got != 30*time.Second {
		t.Errorf("default first delay %v, want 30s", got)
	}
	job := &rivertype.JobRow{Errors: make([]rivertype.AttemptError, 2)}
	for range 100 {
		d := time.Until(b.NextRetry(job))
		if d < 3500*time.Millisecond || d > 4500*time.Millisecond {
			t.Fatalf("third retry in %v, want 4s ± 10%%", d)
		}
	}
}

func TestNewRefuses(t *testing.T) {
	q, st := queueStore(t), boltStore(t)
	ctx := testCtx(t)
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no store", func(o *Options) { o.Store = nil }, "required"},
		{"no sweeper", func(o *Options) { o.Checker.Sweeper = nil }, "with its Sweeper"},
		{"too many workers", func(o *Options) { o.Workers.RemovalChecks = maxWorkers + 1 }, "workers for queue removal_checks"},
		{"bad cron", func(o *Options) { o.Schedule.Backup = "every day" }, "schedule.backup"},
		{"delivery too often", func(o *Options) { o.DeliverEvery = time.Millisecond }, "at least a second"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := options(st, &sweep.Notifier{Store: st})
			tc.edit(&o)
			if _, err := New(ctx, q, o); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: %v; want an error saying %q", err, tc.want)
			}
		})
	}
	// A queue schema older than the binary's: run db migrate.
	if _, err := q.Pool().Exec(ctx, `DELETE FROM river.river_migration WHERE version = $1`, pgstore.QueueSchemaVersion); err != nil {
		t.Fatal(err)
	}
	if _, err := New(ctx, q, options(st, &sweep.Notifier{Store: st})); !errors.Is(err, pgstore.ErrSchemaOlder) {
		t.Fatalf("New on an older queue schema: %v; want ErrSchemaOlder", err)
	}
}

// TestTwoProcesses: two runners on one database (as two processes on two
// machines would be) work ten digests between them: each digest is built
// and delivered exactly once.
func TestTwoProcesses(t *testing.T) {
	q, st, hook := queueStore(t), boltStore(t), newWebhook(t)
	const n = 10
	var sweeps []uint64
	for range n {
		sweeps = append(sweeps, finishedSweep(t, st))
	}
	for i := range 2 {
		o := options(st, hook.notifier(st))
		o.ID = fmt.Sprintf("worker-%d", i)
		start(t, q, o)
	}
	ctx := testCtx(t)
	r, err := New(ctx, q, options(st, hook.notifier(st))) // inserts only
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range sweeps {
		if _, err := r.Insert(ctx, pgstore.DigestArgs{SweepID: id}, nil); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "ten digests completed", func() (bool, error) {
		var done int
		err := q.Pool().QueryRow(ctx, `SELECT count(*) FROM river.river_job WHERE kind = 'digest' AND state = 'completed'`).Scan(&done)
		return done == n, err
	})
	waitFor(t, "the outbox empty", func() (bool, error) {
		due, err := st.DueMessages(time.Now().Add(24*time.Hour), 100)
		return len(due) == 0, err
	})
	got := map[uint64]int{}
	for len(hook.got) > 0 {
		got[(<-hook.got).Sweep]++
	}
	for _, id := range sweeps {
		if got[id] != 1 {
			t.Errorf("sweep %d: digest delivered %d times, want once (all: %v)", id, got[id], got)
		}
	}
}

// waitFor polls cond until it holds or the test's deadline passes.
func waitFor(t *testing.T, what string, cond func() (bool, error)) {
	t.Helper()
	ctx := testCtx(t)
	for {
		ok, err := cond()
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", what, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// TestStopCancelsRunningJobs: a delivery stuck on a webhook that does not
// answer is cancelled when Stop's context ends, and Stop returns.
func TestStopCancelsRunningJobs(t *testing.T) {
	q, st := queueStore(t), boltStore(t)
	entered := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		// Read the body, so the server watches the connection and ends
		// the request's context when the client gives up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case entered <- struct{}{}:
		default:
		}
		<-r.Context().Done() // never answers
	}))
	defer srv.Close()
	n := &sweep.Notifier{Store: st, Config: config.Notify{Webhooks: []config.Webhook{{URL: srv.URL}}}, Client: &http.Client{}}
	o := options(st, n)
	o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	r, err := New(testCtx(t), q, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	id := finishedSweep(t, st)
	if _, err := r.Insert(testCtx(t), pgstore.DigestArgs{SweepID: id}, nil); err != nil {
		t.Fatal(err)
	}
	select {
	case <-entered:
	case <-testCtx(t).Done():
		t.Fatal("no delivery reached the webhook")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := r.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	var running int
	if err := q.Pool().QueryRow(testCtx(t), `SELECT count(*) FROM river.river_job WHERE state = 'running'`).Scan(&running); err != nil {
		t.Fatal(err)
	}
	if running != 0 {
		t.Fatalf("%d jobs still marked running after Stop", running)
	}
}

// Package jobs runs certwatch's background work on PostgreSQL through the
// river job queue (issue 12, Part 2): the work that `certwatch serve` runs
// from its in-process cron schedule on bbolt, done instead by any number
// of processes sharing one database, each job once.
//
// Jobs are rows in river's tables (schema pgstore.QueueSchema), inserted by
// pgstore in the transaction of the change they follow from (a finished
// sweep enqueues its digest, a sent notice its removal-check rounds) or by
// river's periodic scheduler, which runs on one elected leader among the
// processes. Kinds, their queues and uniqueness are defined in pgstore
// (DigestArgs, RemovalCheckArgs, RemovalScanArgs, DeliverArgs,
// MetadataBackupArgs); this package registers a worker for each that calls
// the existing sweep code:
//
//   - digest: sweep.BuildDigest, then Notifier.Queue into the outbox and a
//     delivery job;
//   - deliver_outbox: Notifier.Deliver (one pass at a time across all
//     processes; every minute and after each digest);
//   - removal_check: RemovalChecker.CheckRound for one notice's round, at
//     its due time (snoozed while not due, skipped once done);
//   - removal_check_scan (periodic, schedule.removal_checks): enqueues a
//     removal_check for every due notice, so nothing depends on the
//     enqueue at send time alone;
//   - metadata_backup (periodic, schedule.backup): verifies the audit chain
//     and checkpoints its head outside the database (see checkpoint.go);
//     the data itself is backed up with PostgreSQL's own tools.
//
// Every queue has a bounded number of worker goroutines per process
// (Workers). A failed job is retried with a doubling, jittered delay
// (Backoff) up to its kind's MaxAttempts, then discarded; a job that can
// never succeed (its sweep or notice does not exist) is cancelled at once.
// Each failure is logged at error level with the job's kind, id, args,
// attempt and whether it will be retried. Delivery is at least once: a
// process killed after queueing a digest but before river records the job
// complete queues it again on the retry.
package jobs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
	"github.com/robfig/cron/v3"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// Store is what the workers read and write besides the queue: digests,
// removal checks and the audit log. *pgstore.Backend implements it (and
// so does the bbolt *store.Store).
type Store interface {
	sweep.DigestStore
	sweep.NoticeStore
	VerifyAudit() (*store.AuditReport, error)
	AuditEntries(f store.AuditFilter) ([]store.AuditEntry, error)
}

var (
	_ Store = (*pgstore.Backend)(nil)
	_ Store = (*store.Store)(nil)
)

// Workers are the worker goroutines per process for each queue.
type Workers struct {
	Notify        int // digests and deliveries (default 2)
	RemovalChecks int // removal checks, each fetching up to 32 URLs at once (default 2)
	Maintenance   int // the scan and the metadata backup (default 1)
}

// maxWorkers bounds each queue's goroutines in one process.
const maxWorkers = 32

// Backoff is the delay before a failed job's next attempt: Base after the
// first failure, doubling after each further one, at most Max, with ±10 %
// jitter so jobs that failed together do not retry together.
type Backoff struct {
	Base time.Duration // default 30 s
	Max  time.Duration // default 1 h
}

// Delay is the wait after the n-th failure (1-based), without jitter.
func (b Backoff) Delay(n int) time.Duration {
	base, maxDelay := cmp.Or(b.Base, 30*time.Second), cmp.Or(b.Max, time.Hour)
	d := base
	for i := 1; i < n && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

// NextRetry implements river.ClientRetryPolicy.
func (b Backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := b.Delay(len(job.Errors) + 1)
	jitter := time.Duration((rand.Float64()*0.2 - 0.1) * float64(d))
	return time.Now().Add(d + jitter)
}

// Options configure a Runner.
type Options struct {
	Store    Store
	Checker  *sweep.RemovalChecker // removal checks (its Store is normally Store)
	Notifier *sweep.Notifier       // digests and deliveries
	UI       string                // the review UI's address, linked from digests
	// Schedule: RemovalChecks is the scan's cron spec, Backup the
	// metadata backup's ("" turns either off), read in Location;
	// BackupDir holds the audit checkpoints.
	Schedule config.Schedule
	// DeliverEvery is the outbox delivery interval (default 1 min).
	DeliverEvery time.Duration
	Workers      Workers
	Backoff      Backoff
	Log          *slog.Logger
	// ID names this process among the queue's clients (default: host
	// name and start time).
	ID string
	// Reminder sends notices' deadline reminders (kind notice_reminders,
	// on Schedule.RemovalChecks); nil leaves them off.
	Reminder *sweep.Reminder
}

// Job time limits: a job still running then has its context cancelled
// and counts as failed.
const (
	digestTimeout  = 5 * time.Minute
	deliverTimeout = 30 * time.Minute // up to 100 messages, each within 30 s
	removalTimeout = 30 * time.Minute // a notice's URLs, 32 at a time
	scanTimeout    = 5 * time.Minute
	backupTimeout  = 30 * time.Minute // the whole audit chain is read
)

// Runner works the job queue in one process.
type Runner struct {
	client  *river.Client[pgx.Tx]
	log     *slog.Logger
	workers Workers
}

// New prepares a Runner over st's pool; Start starts it. It refuses a
// database whose job queue schema is not this binary's (run `certwatch db
// migrate`), and options it cannot run with.
func New(ctx context.Context, st *pgstore.Store, o Options) (*Runner, error) {
	if err := st.CheckQueueSchema(ctx); err != nil {
		return nil, err
	}
	if o.Store == nil || o.Checker == nil || o.Checker.Sweeper == nil || o.Notifier == nil {
		return nil, errors.New("jobs: Store, Checker (with its Sweeper) and Notifier are required")
	}
	log := cmp.Or(o.Log, slog.Default())
	w := o.Workers
	w.Notify, w.RemovalChecks, w.Maintenance = cmp.Or(w.Notify, 2), cmp.Or(w.RemovalChecks, 2), cmp.Or(w.Maintenance, 1)
	for name, n := range map[string]int{"notify": w.Notify, "removal_checks": w.RemovalChecks, "maintenance": w.Maintenance} {
		if n < 1 || n > maxWorkers {
			return nil, fmt.Errorf("jobs: %d workers for queue %s: want 1–%d", n, name, maxWorkers)
		}
	}
	periodic, err := periodicJobs(o)
	if err != nil {
		return nil, err
	}
	r := &Runner{log: log, workers: w}
	workers := river.NewWorkers()
	river.AddWorker(workers, &digestWorker{r: r, store: o.Store, notifier: o.Notifier, ui: o.UI})
	river.AddWorker(workers, &deliverWorker{notifier: o.Notifier, log: log})
	river.AddWorker(workers, &removalWorker{store: o.Store, checker: o.Checker, log: log})
	river.AddWorker(workers, &scanWorker{r: r, store: o.Store, log: log})
	river.AddWorker(workers, &backupWorker{store: o.Store, dir: o.Schedule.BackupDir, log: log})
	if o.Reminder != nil {
		river.AddWorker(workers, &reminderWorker{reminder: o.Reminder, log: log})
	}
	r.client, err = river.NewClient(riverpgxv5.New(st.Pool()), &river.Config{
		ID:     o.ID,
		Schema: pgstore.QueueSchema,
		Queues: map[string]river.QueueConfig{
			pgstore.QueueNotify:        {MaxWorkers: w.Notify},
			pgstore.QueueRemovalChecks: {MaxWorkers: w.RemovalChecks},
			pgstore.QueueMaintenance:   {MaxWorkers: w.Maintenance},
		},
		Workers:      workers,
		PeriodicJobs: periodic,
		RetryPolicy:  o.Backoff,
		ErrorHandler: &errorLog{log: log},
		// River's own logs: warnings and errors only.
		Logger: slog.New(minLevel{log.Handler(), slog.LevelWarn}),
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return r, nil
}

// periodicJobs are the jobs river's leader inserts on a schedule.
func periodicJobs(o Options) ([]*river.PeriodicJob, error) {
	loc := cmp.Or(o.Schedule.Location, time.Local)
	every := cmp.Or(o.DeliverEvery, time.Minute)
	if every < time.Second {
		return nil, fmt.Errorf("jobs: delivery every %v: want at least a second", every)
	}
	jobs := []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return pgstore.DeliverArgs{}, nil },
		&river.PeriodicJobOpts{ID: "deliver_outbox", RunOnStart: true})}
	for _, p := range []struct {
		name, spec string
		args       river.JobArgs
		onStart    bool
	}{
		{"removal_checks", o.Schedule.RemovalChecks, pgstore.RemovalScanArgs{}, true},
		{"backup", o.Schedule.Backup, pgstore.MetadataBackupArgs{}, false},
		{"notice_reminders", reminderSpec(o), pgstore.NoticeReminderArgs{}, true},
	} {
		if p.spec == "" {
			continue
		}
		s, err := config.ParseCron(p.spec)
		if err != nil {
			return nil, fmt.Errorf("jobs: schedule.%s %q: %w", p.name, p.spec, err)
		}
		args := p.args
		jobs = append(jobs, river.NewPeriodicJob(inZone{s, loc},
			func() (river.JobArgs, *river.InsertOpts) { return args, nil },
			&river.PeriodicJobOpts{ID: args.Kind(), RunOnStart: p.onStart}))
	}
	return jobs, nil
}

// inZone reads a cron schedule in the configured time zone.
type inZone struct {
	s   cron.Schedule
	loc *time.Location
}

func (z inZone) Next(t time.Time) time.Time { return z.s.Next(t.In(z.loc)) }

// Start starts working the queues until ctx ends or Stop is called.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	r.log.InfoContext(ctx, "job runner started", "client", r.client.ID(), "workers", r.workers)
	return nil
}

// cancelWait bounds the wait for cancelled jobs to return once Stop's
// context has ended.
const cancelWait = 30 * time.Second

// Stop stops taking jobs and waits for the running ones to finish, until
// ctx ends; then their contexts are cancelled (they are retried later,
// here or in another process) and Stop waits up to 30 s more for them to
// return.
func (r *Runner) Stop(ctx context.Context) error {
	err := r.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelWait)
		defer cancel()
		err = r.client.StopAndCancel(cctx)
	}
	if err != nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// Insert enqueues a job outside any transaction (for jobs that follow no
// change of their own: the scan's removal checks, a delivery after a
// digest). It reports whether the job was inserted, false when a unique
// job like it already exists.
func (r *Runner) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (bool, error) {
	res, err := r.client.Insert(ctx, args, opts)
	if err != nil {
		return false, fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// errorLog logs every failed attempt: what failed, how often, and what
// happens next. (Cancelled jobs never reach it: workers log them, see
// cancel.)
type errorLog struct{ log *slog.Logger }

func (e *errorLog) HandleError(ctx context.Context, job *rivertype.JobRow, err error) *river.ErrorHandlerResult {
	next := "retry"
	if job.Attempt >= job.MaxAttempts {
		next = "discarded: no attempts left"
	}
	e.log.ErrorContext(ctx, "background job failed", "kind", job.Kind, "job", job.ID, "args", string(job.EncodedArgs),
		"attempt", job.Attempt, "max_attempts", job.MaxAttempts, "next", next, "err", err)
	return nil
}

func (e *errorLog) HandlePanic(ctx context.Context, job *rivertype.JobRow, v any, trace string) *river.ErrorHandlerResult {
	e.log.ErrorContext(ctx, "background job panicked", "kind", job.Kind, "job", job.ID, "args", string(job.EncodedArgs),
		"attempt", job.Attempt, "max_attempts", job.MaxAttempts, "panic", fmt.Sprint(v), "trace", trace)
	return nil
}

// minLevel drops records below a level.
type minLevel struct {
	slog.Handler
	level slog.Level
}

func (m minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= m.level && m.Handler.Enabled(ctx, l)
}

func (m minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{m.Handler.WithAttrs(as), m.level}
}

func (m minLevel) WithGroup(name string) slog.Handler {
	return minLevel{m.Handler.WithGroup(name), m.level}
}

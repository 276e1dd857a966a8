package sweep

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/store"
)

// ErrBusy: a sweep is already running.
var ErrBusy = errors.New("a sweep is already running")

// Runner runs sweeps one at a time, whoever asks (the schedule, a button
// in the UI): a sweep left running by a crash or a shutdown is resumed,
// not started afresh.
type Runner struct {
	Sweeper *Sweeper
	// After is called with each finished sweep's summary (the digest).
	After func(ctx context.Context, sum *Summary)
	mu    sync.Mutex
}

// Sweep runs (or resumes) one sweep; ErrBusy when one is running.
func (r *Runner) Sweep(ctx context.Context) (*Summary, error) {
	if !r.mu.TryLock() {
		return nil, ErrBusy
	}
	defer r.mu.Unlock()
	running, err := r.Sweeper.Store.RunningSweep()
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	sum, err := r.Sweeper.Run(ctx, running != nil)
	if err == nil && r.After != nil {
		r.After(ctx, sum)
	}
	return sum, err
}

// Busy reports whether a sweep is running.
func (r *Runner) Busy() bool {
	if r.mu.TryLock() {
		r.mu.Unlock()
		return false
	}
	return true
}

// Job is one scheduled task.
type Job struct {
	Name string // sweep, removal_checks, backup
	Spec string
	Run  func(ctx context.Context) error
	// Claim, when set, is asked before each run whether this process runs
	// the occurrence due at slot (the time the schedule made it due, the
	// same in every process with the same spec); false skips it. Several
	// serve processes over one PostgreSQL database claim each scheduled
	// sweep there, so one of them runs it.
	Claim func(ctx context.Context, slot time.Time) (bool, error)
}

// Scheduler runs jobs on cron specs in one time zone. A job never
// overlaps itself (a run still going when the next is due is skipped and
// logged), a panicking job is logged and recovered, and Stop cancels the
// running jobs' context — a sweep checkpoints (its frontier is in the
// database) and is resumed at the next start — and waits for them.
type Scheduler struct {
	cron    *cron.Cron
	log     *slog.Logger
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	entries map[string]cron.EntryID
}

// NewScheduler parses the jobs' specs (see config.ParseCron); a job with
// an empty spec is left out.
func NewScheduler(loc *time.Location, log *slog.Logger, jobs ...Job) (*Scheduler, error) {
	if loc == nil {
		loc = time.UTC
	}
	if log == nil {
		log = slog.Default()
	}
	cl := cronLogger{log}
	s := &Scheduler{log: log, entries: map[string]cron.EntryID{}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.cron = cron.New(cron.WithLocation(loc), cron.WithLogger(cl))
	for _, j := range jobs {
		if j.Spec == "" {
			continue
		}
		sched, err := config.ParseCron(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("sweep: schedule %s: %w", j.Name, err)
		}
		// Recover goes inside SkipIfStillRunning: v3.0.1's Skip releases
		// its slot only when the job returns, so a panic escaping it
		// would skip that job forever.
		id := s.cron.Schedule(sched, cron.NewChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)).Then(s.wrap(j)))
		s.entries[j.Name] = id
	}
	return s, nil
}

// wrap runs a job with the scheduler's context and logs its outcome. A
// panic goes on to cron.Recover, which logs it with the stack.
func (s *Scheduler) wrap(j Job) cron.Job {
	return cron.FuncJob(func() {
		s.wg.Add(1)
		defer s.wg.Done()
		if s.ctx.Err() != nil {
			return
		}
		start := time.Now()
		if j.Claim != nil {
			slot := s.slot(j.Name, start)
			ok, err := j.Claim(s.ctx, slot)
			if err != nil {
				s.log.Error("scheduled job not started: claim failed", "job", j.Name, "slot", slot, "err", err)
				return
			}
			if !ok {
				s.log.Info("scheduled job skipped: another process runs it", "job", j.Name, "slot", slot)
				return
			}
		}
		s.log.Info("scheduled job started", "job", j.Name)
		err := j.Run(s.ctx)
		switch {
		case err == nil:
			s.log.Info("scheduled job finished", "job", j.Name, "took", time.Since(start).Round(time.Millisecond))
		case errors.Is(err, ErrBusy):
			s.log.Warn("scheduled job skipped", "job", j.Name, "reason", err)
		case s.ctx.Err() != nil:
			s.log.Warn("scheduled job stopped by shutdown", "job", j.Name, "err", err)
		default:
			s.log.Error("scheduled job failed", "job", j.Name, "err", err)
		}
	})
}

// slot is the time the schedule made job due: cron sets the entry's Prev
// to it before the run loop answers Entry, so a job reading it while
// running sees its own occurrence. Without an entry (never, short of a
// bug) it is the start time to the second.
func (s *Scheduler) slot(job string, start time.Time) time.Time {
	if id, ok := s.entries[job]; ok {
		if e := s.cron.Entry(id); !e.Prev.IsZero() {
			return e.Prev
		}
	}
	return start.Truncate(time.Second)
}

// Start starts the schedule.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop stops scheduling, cancels the running jobs and waits for them (at
// most wait).
func (s *Scheduler) Stop(wait time.Duration) {
	s.cancel()
	ctx := s.cron.Stop()
	select {
	case <-ctx.Done():
	case <-time.After(wait):
		s.log.Warn("scheduled jobs still running at shutdown", "waited", wait)
		return
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		s.log.Warn("scheduled jobs still running at shutdown", "waited", wait)
	}
}

// NextRun is when a job runs next.
type NextRun struct {
	Job  string
	Spec string
	Next []time.Time
}

// Upcoming lists each job's next n run times, from now, in the schedule's
// zone.
func Upcoming(loc *time.Location, now time.Time, n int, jobs ...Job) ([]NextRun, error) {
	var out []NextRun
	for _, j := range jobs {
		nr := NextRun{Job: j.Name, Spec: j.Spec}
		if j.Spec != "" {
			sched, err := config.ParseCron(j.Spec)
			if err != nil {
				return nil, fmt.Errorf("sweep: schedule %s: %w", j.Name, err)
			}
			t := now.In(loc)
			for range n {
				t = sched.Next(t)
				nr.Next = append(nr.Next, t)
			}
		}
		out = append(out, nr)
	}
	return out, nil
}

// cronLogger adapts slog to cron.Logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("scheduled job still running: this run is skipped", kv...)
		return
	}
	c.l.Debug("cron: "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}

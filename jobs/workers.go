package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// permanent cancels a job whose error no retry can fix (what it refers to
// does not exist, or it asks for something invalid); other errors are
// retried (and logged by errorLog).
func permanent(ctx context.Context, log *slog.Logger, job *rivertype.JobRow, err error) error {
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalid) {
		return cancel(ctx, log, job, err)
	}
	return err
}

// cancel logs why a job is given up and cancels it: river does not pass
// cancellations to its error handler.
func cancel(ctx context.Context, log *slog.Logger, job *rivertype.JobRow, err error) error {
	log.ErrorContext(ctx, "background job failed", "kind", job.Kind, "job", job.ID, "args", string(job.EncodedArgs),
		"attempt", job.Attempt, "max_attempts", job.MaxAttempts, "next", "cancelled: will not be retried", "err", err)
	return river.JobCancel(err)
}

// digestWorker builds a finished sweep's digest and queues it in the
// outbox, then asks for a delivery.
type digestWorker struct {
	river.WorkerDefaults[pgstore.DigestArgs]
	r        *Runner
	store    sweep.DigestStore
	notifier *sweep.Notifier
	ui       string
}

func (w *digestWorker) Timeout(*river.Job[pgstore.DigestArgs]) time.Duration { return digestTimeout }

func (w *digestWorker) Work(ctx context.Context, job *river.Job[pgstore.DigestArgs]) error {
	d, err := sweep.BuildDigest(w.store, job.Args.SweepID, w.ui)
	if err != nil {
		return permanent(ctx, w.r.log, job.JobRow, fmt.Errorf("digest of sweep %d: %w", job.Args.SweepID, err))
	}
	if err := w.notifier.Queue(d); err != nil {
		return fmt.Errorf("digest of sweep %d: queue: %w", job.Args.SweepID, err)
	}
	// The digest is in the outbox: a failed delivery request is not a
	// failed digest (the periodic delivery sends it).
	if _, err := w.r.Insert(ctx, pgstore.DeliverArgs{}, nil); err != nil {
		w.r.log.WarnContext(ctx, "digest queued; delivery waits for the next periodic run", "sweep", job.Args.SweepID, "err", err)
	}
	return nil
}

// deliverWorker sends the outbox's due messages once.
type deliverWorker struct {
	river.WorkerDefaults[pgstore.DeliverArgs]
	notifier *sweep.Notifier
	log      *slog.Logger
}

func (w *deliverWorker) Timeout(*river.Job[pgstore.DeliverArgs]) time.Duration { return deliverTimeout }

func (w *deliverWorker) Work(ctx context.Context, _ *river.Job[pgstore.DeliverArgs]) error {
	sent, failed, err := w.notifier.Deliver(ctx, time.Now())
	if sent+failed > 0 {
		w.log.InfoContext(ctx, "outbox delivery", "sent", sent, "failed", failed)
	}
	if err != nil {
		return fmt.Errorf("outbox delivery: %w", err)
	}
	return nil
}

// removalWorker runs one scheduled round of a notice's removal checks.
type removalWorker struct {
	river.WorkerDefaults[pgstore.RemovalCheckArgs]
	store   sweep.NoticeStore
	checker *sweep.RemovalChecker
	log     *slog.Logger
}

func (w *removalWorker) Timeout(*river.Job[pgstore.RemovalCheckArgs]) time.Duration {
	return removalTimeout
}

// minSnooze is the shortest wait of a round that is not due yet.
const minSnooze = time.Minute

func (w *removalWorker) Work(ctx context.Context, job *river.Job[pgstore.RemovalCheckArgs]) error {
	id, round := job.Args.NoticeID, job.Args.Round
	n, err := w.store.Notice(id)
	if err != nil {
		return permanent(ctx, w.log, job.JobRow, fmt.Errorf("removal check of notice %d: %w", id, err))
	}
	wait, run, why := roundDue(n, round, time.Now())
	switch {
	case why != "":
		w.log.InfoContext(ctx, "removal check not needed", "notice", id, "round", round, "why", why)
		return nil
	case !run:
		return river.JobSnooze(wait)
	}
	if _, err := w.checker.CheckRound(ctx, id, round); err != nil {
		return permanent(ctx, w.log, job.JobRow, fmt.Errorf("removal check of notice %d round %d: %w", id, round, err))
	}
	return nil
}

// roundDue decides what to do with round of n at now: run it, wait (and
// how long), or nothing (why not).
func roundDue(n *store.Notice, round int, now time.Time) (wait time.Duration, run bool, why string) {
	switch {
	case round < 1 || round > len(n.CheckDue):
		return 0, false, fmt.Sprintf("notice has %d rounds, not %d", len(n.CheckDue), round)
	case n.ChecksDone >= round:
		return 0, false, "round already done"
	case !n.Status.Waiting():
		return 0, false, fmt.Sprintf("notice is %s", n.Status)
	}
	// An earlier round not yet done goes first: wait for its time.
	due := n.CheckDue[n.ChecksDone]
	if n.ChecksDone+1 == round && !due.After(now) {
		return 0, true, ""
	}
	return max(due.Sub(now), minSnooze), false, ""
}

// scanWorker enqueues a removal check for every notice with a due round.
type scanWorker struct {
	river.WorkerDefaults[pgstore.RemovalScanArgs]
	r     *Runner
	store sweep.NoticeStore
	log   *slog.Logger
}

func (w *scanWorker) Timeout(*river.Job[pgstore.RemovalScanArgs]) time.Duration { return scanTimeout }

func (w *scanWorker) Work(ctx context.Context, _ *river.Job[pgstore.RemovalScanArgs]) error {
	due, err := w.store.DueNotices(time.Now())
	if err != nil {
		return fmt.Errorf("removal check scan: %w", err)
	}
	added := 0
	for _, n := range due {
		ok, err := w.r.Insert(ctx, pgstore.RemovalCheckArgs{NoticeID: n.ID, Round: n.ChecksDone + 1}, nil)
		if err != nil {
			return fmt.Errorf("removal check scan: %w", err)
		}
		if ok {
			added++
		}
	}
	if added > 0 {
		w.log.InfoContext(ctx, "removal check scan", "due", len(due), "enqueued", added)
	}
	return nil
}

// backupWorker verifies the audit chain and checkpoints its head.
type backupWorker struct {
	river.WorkerDefaults[pgstore.MetadataBackupArgs]
	store Store
	dir   string
	log   *slog.Logger
}

func (w *backupWorker) Timeout(*river.Job[pgstore.MetadataBackupArgs]) time.Duration {
	return backupTimeout
}

func (w *backupWorker) Work(ctx context.Context, job *river.Job[pgstore.MetadataBackupArgs]) error {
	cp, err := checkpointAudit(w.store, w.dir, time.Now())
	if err != nil {
		if errors.Is(err, ErrAuditBroken) {
			// No retry mends a broken chain: say so once, loudly.
			return cancel(ctx, w.log, job.JobRow, err)
		}
		return err
	}
	w.log.InfoContext(ctx, "audit chain verified and checkpointed", "entries", cp.Entries, "head_seq", cp.HeadSeq,
		"head_hash", cp.HeadHash, "file", checkpointPath(w.dir))
	return nil
}

package pgstore

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/certwatch/certwatch/store"
)

// Background work on PostgreSQL goes through a job queue in the same
// database, river (github.com/riverqueue/river, MPL-2.0): a job is a row
// in river's table, so a business method inserts it in the transaction
// that makes its change (enqueueTx) and it exists exactly when the change
// was committed. Workers (package jobs) take jobs with SELECT … FOR UPDATE
// SKIP LOCKED from any number of processes and retry failures with a
// backoff. The kinds and their queues below are the contract between the
// methods that enqueue and the workers; a kind never changes meaning.

// Queues, each worked by a bounded number of goroutines per process.
const (
	// QueueNotify holds digests and outbox deliveries.
	QueueNotify = "notify"
	// QueueRemovalChecks holds removal checks (each fetches a notice's
	// URLs again).
	QueueRemovalChecks = "removal_checks"
	// QueueMaintenance holds periodic housekeeping: the removal-check
	// scan and the metadata backup.
	QueueMaintenance = "maintenance"
)

// unfinished are the job states in which a periodic job counts as
// already there: at most one of its kind waits or runs at a time, and
// the next one can be inserted once it has completed (the default
// unique states include completed, which would block the next run until
// river's cleaner deleted the old row).
var unfinished = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled,
}

// DigestArgs asks for the digest of a finished sweep: built from the
// store (sweep.BuildDigest) and queued in the outbox for the configured
// webhooks and mailboxes. Unique per sweep: a sweep finished twice (a
// retried FinishSweep) still sends one digest.
type DigestArgs struct {
	SweepID uint64 `json:"sweep_id"`
}

// Kind names the job.
func (DigestArgs) Kind() string { return "digest" }

// InsertOpts are the defaults of a digest job.
func (DigestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueNotify, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// RemovalCheckArgs asks for scheduled removal-check round Round
// (1-based) of a sent notice, inserted with ScheduledAt at the round's
// due time. Unique per notice and round (a notice is sent once: the
// notice states never lead back to sent).
type RemovalCheckArgs struct {
	NoticeID uint64 `json:"notice_id"`
	Round    int    `json:"round"`
}

// Kind names the job.
func (RemovalCheckArgs) Kind() string { return "removal_check" }

// InsertOpts are the defaults of a removal-check job.
func (RemovalCheckArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueRemovalChecks, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// RemovalScanArgs asks for the periodic scan of notices whose removal
// checks are due, which enqueues a RemovalCheckArgs for each: the safety
// net for notices sent before the queue existed, or whose job was
// discarded after its last attempt.
type RemovalScanArgs struct{}

// Kind names the job.
func (RemovalScanArgs) Kind() string { return "removal_check_scan" }

// InsertOpts are the defaults of a scan job: one at a time.
func (RemovalScanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByState: unfinished}}
}

// DeliverArgs asks for one delivery pass over the outbox (digests due
// to webhooks and mailboxes). One at a time across all processes, so no
// message is sent twice by two deliverers reading the same due list.
type DeliverArgs struct{}

// Kind names the job.
func (DeliverArgs) Kind() string { return "deliver_outbox" }

// InsertOpts are the defaults of a delivery job: one at a time.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueNotify, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByState: unfinished}}
}

// MetadataBackupArgs asks for the periodic metadata backup. On
// PostgreSQL the data itself is backed up by PostgreSQL's own tools
// (pg_dump, or pg_basebackup with WAL archiving), which copy a
// consistent database while it runs; this job checks what those tools
// cannot: it verifies the hash-chained audit log and writes its head
// (sequence number and hash) to a checkpoint file outside the database,
// so a later run (or an auditor) notices a log that was cut or rewritten
// behind the application, even in a restored dump.
type MetadataBackupArgs struct{}

// Kind names the job.
func (MetadataBackupArgs) Kind() string { return "metadata_backup" }

// InsertOpts are the defaults of a backup job: one at a time.
func (MetadataBackupArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByState: unfinished}}
}

// insertClient is an insert-only river client (no pool, no workers):
// it only inserts jobs in a transaction it is given. It holds no
// connection, so one serves every Backend.
var insertClient = sync.OnceValues(func() (*river.Client[pgx.Tx], error) {
	return river.NewClient(riverpgxv5.New(nil), &river.Config{Schema: QueueSchema})
})

// enqueueTx inserts a job in tx, the transaction of the change it
// follows from: rolled back with it, visible to workers when it commits.
// A unique job (DigestArgs per sweep, RemovalCheckArgs per notice and
// round) that already exists is not inserted again, and that is not an
// error.
func (b *Backend) enqueueTx(ctx context.Context, tx pgx.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	c, err := insertClient()
	if err != nil {
		return fmt.Errorf("pgstore: job queue client: %w", err)
	}
	if _, err := c.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("pgstore: enqueue %s job: %w", args.Kind(), err)
	}
	return nil
}

// enqueueDigest enqueues the digest of a sweep that finished, in the
// transaction that records it finished (FinishSweep).
func (b *Backend) enqueueDigest(ctx context.Context, tx pgx.Tx, sweepID uint64) error {
	return b.enqueueTx(ctx, tx, DigestArgs{SweepID: sweepID}, nil)
}

// enqueueRemovalChecks enqueues every removal-check round of a notice
// just sent, each at its due time, in the transaction that records the
// sending (MoveNotice to sent).
func (b *Backend) enqueueRemovalChecks(ctx context.Context, tx pgx.Tx, n *store.Notice) error {
	for i, due := range n.CheckDue {
		args := RemovalCheckArgs{NoticeID: n.ID, Round: i + 1}
		if err := b.enqueueTx(ctx, tx, args, &river.InsertOpts{ScheduledAt: due}); err != nil {
			return err
		}
	}
	return nil
}

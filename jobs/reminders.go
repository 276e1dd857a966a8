package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/sweep"
)

// reminderTimeout bounds one pass of deadline reminders.
const reminderTimeout = 5 * time.Minute

// reminderSpec is the reminders' schedule: the removal checks' (a
// reminder is recorded once per notice, kind and deadline, so a frequent
// pass sends nothing twice); "" when there is no Reminder.
func reminderSpec(o Options) string {
	if o.Reminder == nil {
		return ""
	}
	return o.Schedule.RemovalChecks
}

// reminderWorker sends the notice deadline reminders that are due. Two
// processes running it at once send each reminder once: the store
// records a reminder and queues its message in one transaction, keyed by
// notice, kind and deadline.
type reminderWorker struct {
	river.WorkerDefaults[pgstore.NoticeReminderArgs]
	reminder *sweep.Reminder
	log      *slog.Logger
}

func (w *reminderWorker) Timeout(*river.Job[pgstore.NoticeReminderArgs]) time.Duration {
	return reminderTimeout
}

func (w *reminderWorker) Work(ctx context.Context, _ *river.Job[pgstore.NoticeReminderArgs]) error {
	n, err := w.reminder.Run(ctx, time.Now())
	if n > 0 {
		w.log.InfoContext(ctx, "notice reminders", "sent", n)
	}
	if err != nil {
		return fmt.Errorf("notice reminders: %w", err)
	}
	return nil
}

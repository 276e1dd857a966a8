package sweep

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// ReminderStore is what a Reminder reads notices from and records its
// reminders in.
type ReminderStore interface {
	Notices(f store.NoticeFilter) ([]store.Notice, error)
	// RemindNotice records a reminder once per notice, kind and
	// deadline, queueing its message the first time (true) and doing
	// nothing after (false), whichever process asks.
	RemindNotice(r store.NoticeReminder, m store.Message) (bool, error)
}

var _ ReminderStore = (*store.Store)(nil)

// InAppKind is the outbox kind of a message shown in the review UI only:
// it is stored delivered, so no deliverer ever sends it anywhere.
const InAppKind = "inapp"

// DefaultReminderBefore is how long before a notice's deadline the
// reminder goes when the configuration does not say.
const DefaultReminderBefore = 24 * time.Hour

// Reminder reminds staff of notices' deadlines with in-app messages: one
// before the deadline (Before ahead) and one when it has passed with the
// notice still waiting for its recipient (sent or acknowledged: not
// removed, not closed as refused). The deadline is the one printed on the
// letter (set at approval from the route's office: serve.offices.<route>
// .deadline). Each reminder is recorded once per notice, kind and
// deadline by the store, so runs may repeat, overlap, restart or happen
// in several processes at once and still send each reminder once; a run
// that finds the deadline already passed sends only the overdue one.
type Reminder struct {
	Store  ReminderStore
	Before time.Duration // default DefaultReminderBefore
	UI     string        // the review UI's address, for links in messages
	Log    *slog.Logger
}

// ReminderDue says which reminder a notice needs at now, if any: overdue
// once the deadline has passed (as Notice.State counts it), due_soon from
// before ahead of it.
func ReminderDue(n *store.Notice, now time.Time, before time.Duration) (casework.ReminderKind, bool) {
	switch {
	case !n.Status.Waiting() || n.Deadline.IsZero():
		return "", false
	case now.After(n.Deadline):
		return casework.ReminderOverdue, true
	case !now.Before(n.Deadline.Add(-before)):
		return casework.ReminderDueSoon, true
	}
	return "", false
}

// ReminderPayload is the JSON of a reminder's in-app message.
type ReminderPayload struct {
	Notice    uint64                `json:"notice"`
	Kind      casework.ReminderKind `json:"kind"`
	Deadline  time.Time             `json:"deadline"`
	Number    string                `json:"number,omitempty"`
	Recipient string                `json:"recipient"`
	Route     casework.Route        `json:"route"`
	Link      string                `json:"link"`
}

// reminderMessage is the in-app message of a reminder about n.
func (r *Reminder) reminderMessage(n *store.Notice, kind casework.ReminderKind) (store.Message, error) {
	deadline := n.Deadline.In(store.Beijing).Format("2006-01-02 15:04")
	what := fmt.Sprintf("通知 #%d", n.ID)
	if n.Number != "" {
		what += "（" + n.Number + "）"
	}
	subject := fmt.Sprintf("%s发往%s，将于 %s（北京时间）到期，请跟进送达、回执和平台答复", what, n.Recipient, deadline)
	if kind == casework.ReminderOverdue {
		subject = fmt.Sprintf("%s发往%s，已于 %s（北京时间）逾期，可发第二次通知或移送公安", what, n.Recipient, deadline)
	}
	link := fmt.Sprintf("%s/notices/%d", r.UI, n.ID)
	payload, err := json.Marshal(ReminderPayload{Notice: n.ID, Kind: kind, Deadline: n.Deadline, Number: n.Number,
		Recipient: n.Recipient, Route: n.Route, Link: link})
	if err != nil {
		return store.Message{}, err
	}
	return store.Message{Kind: InAppKind, Target: cmp.Or(n.Route.Department(), n.Route.Name()), Subject: subject, Payload: payload}, nil
}

// Run sends the reminders due at now and returns how many it sent (those
// recorded before are not counted). A notice whose reminder fails is
// logged and tried again on the next run.
func (r *Reminder) Run(ctx context.Context, now time.Time) (int, error) {
	before := cmp.Or(r.Before, DefaultReminderBefore)
	ns, err := r.Store.Notices(store.NoticeFilter{Now: now})
	if err != nil {
		return 0, fmt.Errorf("sweep: reminders: %w", err)
	}
	sent := 0
	var firstErr error
	for i := range ns {
		if err := ctx.Err(); err != nil {
			return sent, err
		}
		n := &ns[i]
		kind, ok := ReminderDue(n, now, before)
		if !ok {
			continue
		}
		m, err := r.reminderMessage(n, kind)
		if err == nil {
			ok, err = r.Store.RemindNotice(store.NoticeReminder{NoticeID: n.ID, Kind: kind, Deadline: n.Deadline}, m)
		}
		if err != nil {
			r.log().Error("notice reminder failed", "notice", n.ID, "kind", kind, "err", err)
			firstErr = cmp.Or(firstErr, err)
			continue
		}
		if ok {
			sent++
			r.log().Info("notice reminder", "notice", n.ID, "kind", kind, "deadline", n.Deadline)
		}
	}
	return sent, firstErr
}

func (r *Reminder) log() *slog.Logger {
	if r.Log == nil {
		return slog.Default()
	}
	return r.Log
}

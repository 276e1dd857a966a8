package pgstore_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// queued is one job row as the tests read it back.
type queued struct {
	Args        map[string]any
	Queue       string
	ScheduledAt time.Time
}

// queuedJobs lists the jobs of kind in the queue, oldest first.
func queuedJobs(t *testing.T, b *pgBackend, kind string) []queued {
	t.Helper()
	rows, err := b.Store().Pool().Query(context.Background(),
		`SELECT args, queue, scheduled_at FROM river.river_job WHERE kind = $1 ORDER BY id`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []queued
	for rows.Next() {
		var q queued
		var args []byte
		if err := rows.Scan(&args, &q.Queue, &q.ScheduledAt); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(args, &q.Args); err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// refuseJobs makes every job insert fail (a trigger raising an error), as
// a queue that cannot take the job would; allowJobs undoes it.
func refuseJobs(t *testing.T, b *pgBackend) {
	t.Helper()
	if _, err := b.Store().Pool().Exec(context.Background(), `
		CREATE FUNCTION refuse_job() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'test: the queue refuses jobs'; END $$;
		CREATE TRIGGER refuse_job BEFORE INSERT ON river.river_job FOR EACH ROW EXECUTE FUNCTION refuse_job()`); err != nil {
		t.Fatal(err)
	}
}

func allowJobs(t *testing.T, b *pgBackend) {
	t.Helper()
	if _, err := b.Store().Pool().Exec(context.Background(),
		`DROP TRIGGER refuse_job ON river.river_job; DROP FUNCTION refuse_job()`); err != nil {
		t.Fatal(err)
	}
}

// TestFinishSweepEnqueuesDigest: a finished sweep has its digest job, in
// the notify queue; an interrupted one, an unknown one, or a finish whose
// job cannot be inserted has none, and the failed finish leaves the sweep
// running.
func TestFinishSweepEnqueuesDigest(t *testing.T) {
	b, _ := twoProcesses(t)
	if err := b.FinishSweep(999, store.SweepFinished, nil); err == nil {
		t.Fatal("finishing an unknown sweep succeeded")
	}
	interrupted := sweep(t, b)
	if err := b.FinishSweep(interrupted, store.SweepInterrupted, nil); err != nil {
		t.Fatal(err)
	}
	if got := queuedJobs(t, b, "digest"); len(got) != 0 {
		t.Fatalf("jobs after an unknown and an interrupted sweep: %+v; want none", got)
	}

	id := sweep(t, b)
	refuseJobs(t, b)
	if err := b.FinishSweep(id, store.SweepFinished, json.RawMessage(`{"pages":1}`)); err == nil {
		t.Fatal("FinishSweep succeeded although its digest job could not be inserted")
	}
	allowJobs(t, b)
	if sw, err := b.Sweep(id); err != nil || sw.Status != store.SweepRunning {
		t.Fatalf("sweep after the failed finish: %+v, %v; want it still running", sw, err)
	}
	if got := queuedJobs(t, b, "digest"); len(got) != 0 {
		t.Fatalf("jobs after the failed finish: %+v; want none", got)
	}

	if err := b.FinishSweep(id, store.SweepFinished, json.RawMessage(`{"pages":1}`)); err != nil {
		t.Fatal(err)
	}
	got := queuedJobs(t, b, "digest")
	if len(got) != 1 || got[0].Queue != pgstore.QueueNotify || got[0].Args["sweep_id"] != float64(id) {
		t.Fatalf("jobs after the finish: %+v; want one digest of sweep %d in queue %s", got, id, pgstore.QueueNotify)
	}
}

// TestSendingEnqueuesRemovalChecks: a notice moved to sent has one
// removal-check job per round, each scheduled at its due time; a refused
// move, or a sending whose jobs cannot be inserted, leaves no job and the
// notice unsent.
func TestSendingEnqueuesRemovalChecks(t *testing.T) {
	b, _ := twoProcesses(t)
	sw := sweep(t, b)
	c, _, err := b.Decide(confirm(flag(t, b, sw, "https://forum.example/sent"), "carol", "平台甲"))
	if err != nil {
		t.Fatal(err)
	}
	id := c.NoticeID
	send := store.NoticeMove{To: casework.NoticeSent, By: "boss", CheckAfter: []time.Duration{24 * time.Hour, 72 * time.Hour}}
	if _, err := b.MoveNotice(id, send); err == nil {
		t.Fatal("a draft was sent without approval")
	}
	if _, err := b.MoveNotice(id, approveAs("函〔2026〕9号")); err != nil {
		t.Fatal(err)
	}
	refuseJobs(t, b)
	if _, err := b.MoveNotice(id, send); err == nil {
		t.Fatal("MoveNotice to sent succeeded although its removal checks could not be enqueued")
	}
	allowJobs(t, b)
	if n, err := b.Notice(id); err != nil || n.Status != casework.NoticeApproved {
		t.Fatalf("notice after the failed sending: %+v, %v; want it still approved", n, err)
	}
	if got := queuedJobs(t, b, "removal_check"); len(got) != 0 {
		t.Fatalf("jobs after the failed calls: %+v; want none", got)
	}

	n, err := b.MoveNotice(id, send)
	if err != nil {
		t.Fatal(err)
	}
	got := queuedJobs(t, b, "removal_check")
	if len(got) != len(send.CheckAfter) || len(n.CheckDue) != len(send.CheckAfter) {
		t.Fatalf("jobs %+v for due times %v; want one per round", got, n.CheckDue)
	}
	for i, j := range got {
		if j.Queue != pgstore.QueueRemovalChecks || j.Args["notice_id"] != float64(id) || j.Args["round"] != float64(i+1) {
			t.Errorf("job %d: %+v; want round %d of notice %d in queue %s", i, j, i+1, id, pgstore.QueueRemovalChecks)
		}
		if d := j.ScheduledAt.Sub(n.CheckDue[i]); d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("round %d scheduled at %v; due %v", i+1, j.ScheduledAt, n.CheckDue[i])
		}
	}
	if _, err := b.MoveNotice(id, store.NoticeMove{To: casework.NoticeAcknowledged, By: "boss"}); err != nil {
		t.Fatal(err)
	}
	if got := queuedJobs(t, b, "removal_check"); len(got) != len(send.CheckAfter) {
		t.Fatalf("%d jobs after acknowledging; want still %d", len(got), len(send.CheckAfter))
	}
}

package jobs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

func audit(t *testing.T, st *store.Store, n int) {
	t.Helper()
	for i := range n {
		if _, err := st.Audit(store.AuditEntry{Actor: "wang", Action: "case.confirm", Object: "case " + string(rune('0'+i))}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMetadataBackupJob: the periodic metadata backup verifies the audit
// chain and appends its head to the checkpoint file, run after run (the
// log does not change between runs here: when a run starts is river's
// business).
func TestMetadataBackupJob(t *testing.T) {
	q, st := queueStore(t), boltStore(t)
	audit(t, st, 3)
	dir := filepath.Join(t.TempDir(), "backups")
	h := start(t, q, Options{Store: st, Notifier: &sweep.Notifier{Store: st}, Checker: &sweep.RemovalChecker{Store: st, Sweeper: &sweep.Sweeper{}},
		Schedule: config.Schedule{Backup: "@every 1s", BackupDir: dir, Location: time.UTC}})
	for run := 1; run <= 2; run++ {
		if ev := h.await(t, "metadata_backup", true); ev.Kind != river.EventKindJobCompleted {
			t.Fatalf("backup run %d: %s %+v; log:\n%s", run, ev.Kind, ev.Job.Errors, h.log.String())
		}
		cps, err := readCheckpoints(checkpointPath(dir))
		if err != nil {
			t.Fatal(err)
		}
		last := cps[len(cps)-1]
		if len(cps) != run || last.Entries != 3 || last.HeadSeq != 3 || len(last.HeadHash) != 64 {
			t.Fatalf("after run %d: checkpoints %+v; want %d, the last at entry 3", run, cps, run)
		}
	}
	if !strings.Contains(h.log.String(), "audit chain verified and checkpointed") {
		t.Errorf("log does not report the checkpoint:\n%s", h.log.String())
	}
}

// TestCheckpointCatchesRewrite: a checkpoint whose head is no longer in
// the log (cut) or has another hash (rewritten) fails the backup with
// ErrAuditBroken, and the job is cancelled with an error log.
func TestCheckpointCatchesRewrite(t *testing.T) {
	st := boltStore(t)
	audit(t, st, 4)
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 3, 30, 0, 0, time.UTC)
	cp, err := checkpointAudit(st, dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if cp.HeadSeq != 4 {
		t.Fatalf("checkpoint %+v, want head 4", cp)
	}
	// The log grows; the next checkpoint checks the last one and moves on.
	audit(t, st, 2)
	if cp, err = checkpointAudit(st, dir, now.Add(time.Hour)); err != nil || cp.HeadSeq != 6 || cp.Entries != 6 {
		t.Fatalf("second checkpoint %+v, %v; want head 6", cp, err)
	}
	path := checkpointPath(dir)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"rewritten", cp.HeadHash, strings.Repeat("0", 64), "the log was rewritten"},
		{"cut", `"head_seq":6`, `"head_seq":9`, "the log was cut"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, []byte(strings.Replace(string(good), tc.old, tc.new, 1)), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := checkpointAudit(st, dir, now.Add(24*time.Hour))
			if !errors.Is(err, ErrAuditBroken) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("checkpoint over a %s log: %v; want ErrAuditBroken saying %q", tc.name, err, tc.want)
			}
		})
	}

	// Through the queue: cancelled at once, logged.
	q := queueStore(t)
	h := start(t, q, Options{Store: st, Notifier: &sweep.Notifier{Store: st}, Checker: &sweep.RemovalChecker{Store: st, Sweeper: &sweep.Sweeper{}},
		Schedule: config.Schedule{Backup: "@every 1s", BackupDir: dir, Location: time.UTC}})
	if ev := h.await(t, "metadata_backup", true); ev.Kind != river.EventKindJobCancelled {
		t.Fatalf("backup over a cut log: %s; want cancelled", ev.Kind)
	}
	for _, want := range []string{"background job failed", "kind=metadata_backup", "audit log broken", "will not be retried"} {
		if !strings.Contains(h.log.String(), want) {
			t.Errorf("log does not say %q:\n%s", want, h.log.String())
		}
	}
}

func TestCheckpointBounded(t *testing.T) {
	st := boltStore(t)
	audit(t, st, 1)
	dir := t.TempDir()
	cps := make([]Checkpoint, maxCheckpoints)
	for i := range cps {
		cps[i] = Checkpoint{At: time.Unix(int64(i), 0).UTC()}
	}
	if err := writeCheckpoints(checkpointPath(dir), cps); err != nil {
		t.Fatal(err)
	}
	if _, err := checkpointAudit(st, dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := readCheckpoints(checkpointPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != maxCheckpoints || got[0].At.Unix() != 1 || got[len(got)-1].HeadSeq != 1 {
		t.Fatalf("%d checkpoints kept, first at %v; want the newest %d", len(got), got[0].At, maxCheckpoints)
	}

	if _, err := checkpointAudit(st, "", time.Now()); err == nil || !strings.Contains(err.Error(), "backup_dir") {
		t.Fatalf("no directory: %v; want an error naming schedule.backup_dir", err)
	}
	if err := os.WriteFile(checkpointPath(dir), []byte("{\"at\":\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := checkpointAudit(st, dir, time.Now()); err == nil || !strings.Contains(err.Error(), "audit-checkpoints.jsonl:1") {
		t.Fatalf("a damaged checkpoint file: %v; want an error naming file and line", err)
	}
}

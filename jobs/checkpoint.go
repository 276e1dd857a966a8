package jobs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/store"
)

// What "backup of metadata" is on PostgreSQL. The bbolt store copies its
// file and verifies the copy; on PostgreSQL the cases, decisions, notices
// and audit log are backed up by PostgreSQL's own tools, which take a
// consistent copy of a running database (pg_dump for a logical copy,
// pg_basebackup with WAL archiving for point-in-time recovery), scheduled
// by the database's operators. Exporting the same rows again from here
// would be a second, weaker backup.
//
// What those tools cannot see is whether the audit log still says what it
// said: anyone with the database password can cut its tail or rewrite it,
// and a dump copies the damage faithfully. So the periodic metadata_backup
// job verifies the hash chain (VerifyAudit) and appends its head — entry
// count, last sequence number and hash — to a checkpoint file outside the
// database (schedule.backup_dir/audit-checkpoints.jsonl). Before it does,
// it checks that the entry of the previous checkpoint is still in the log
// with the same hash: a log cut below it, or rewritten up to it with
// recomputed hashes, fails the job with ErrAuditBroken and an error log.
// The file is the trail an auditor compares a restored dump against.
// Keep backup_dir on storage the database's users cannot write.

// ErrAuditBroken: the audit chain does not verify, or no longer holds the
// entry of the last checkpoint.
var ErrAuditBroken = errors.New("audit log broken")

// checkpointName is the checkpoint file in the backup directory.
const checkpointName = "audit-checkpoints.jsonl"

// maxCheckpoints bounds the file: the newest ones are kept (one a day is
// almost three years).
const maxCheckpoints = 1000

// maxCheckpointFile bounds what is read of the file.
const maxCheckpointFile = 1 << 20

// Checkpoint is one verified head of the audit chain.
type Checkpoint struct {
	At       time.Time `json:"at"`
	Entries  int       `json:"entries"`
	HeadSeq  uint64    `json:"head_seq"`
	HeadHash string    `json:"head_hash"`
}

// AuditLog is what a checkpoint reads.
type AuditLog interface {
	VerifyAudit() (*store.AuditReport, error)
	AuditEntries(f store.AuditFilter) ([]store.AuditEntry, error)
}

func checkpointPath(dir string) string { return filepath.Join(dir, checkpointName) }

// checkpointAudit verifies the chain against itself and against the last
// checkpoint in dir, then appends the new one.
func checkpointAudit(log AuditLog, dir string, now time.Time) (*Checkpoint, error) {
	if dir == "" {
		return nil, errors.New("metadata backup: no backup directory (schedule.backup_dir) for the audit checkpoints")
	}
	path := checkpointPath(dir)
	old, err := readCheckpoints(path)
	if err != nil {
		return nil, err
	}
	rep, err := log.VerifyAudit()
	if err != nil {
		return nil, fmt.Errorf("metadata backup: verify the audit log: %w", err)
	}
	if !rep.OK() {
		return nil, fmt.Errorf("metadata backup: %w: %d problems, first: %s", ErrAuditBroken, len(rep.Problems), rep.Problems[0])
	}
	if len(old) > 0 {
		if err := stillHolds(log, old[len(old)-1]); err != nil {
			return nil, err
		}
	}
	cp := Checkpoint{At: now.UTC(), Entries: rep.Entries, HeadSeq: rep.HeadSeq, HeadHash: rep.HeadHash}
	kept := append(old[max(0, len(old)-(maxCheckpoints-1)):], cp)
	if err := writeCheckpoints(path, kept); err != nil {
		return nil, err
	}
	return &cp, nil
}

// stillHolds checks that the log still has cp's head entry with its hash.
func stillHolds(log AuditLog, cp Checkpoint) error {
	if cp.HeadSeq == 0 {
		return nil // the log was empty then
	}
	es, err := log.AuditEntries(store.AuditFilter{Before: cp.HeadSeq + 1, Limit: 1})
	if err != nil {
		return fmt.Errorf("metadata backup: read audit entry %d: %w", cp.HeadSeq, err)
	}
	switch {
	case len(es) == 0 || es[0].Seq != cp.HeadSeq:
		return fmt.Errorf("metadata backup: %w: entry %d, the head checkpointed at %s, is gone (the log was cut)",
			ErrAuditBroken, cp.HeadSeq, beijing.Format(cp.At))
	case es[0].Hash != cp.HeadHash:
		return fmt.Errorf("metadata backup: %w: entry %d has hash %s, checkpointed at %s as %s (the log was rewritten)",
			ErrAuditBroken, cp.HeadSeq, es[0].Hash, beijing.Format(cp.At), cp.HeadHash)
	}
	return nil
}

func readCheckpoints(path string) ([]Checkpoint, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("metadata backup: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() > maxCheckpointFile {
		return nil, fmt.Errorf("metadata backup: %s is larger than %d bytes or unreadable (%v): not a checkpoint file of ours", path, maxCheckpointFile, err)
	}
	var out []Checkpoint
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var cp Checkpoint
		if err := json.Unmarshal(sc.Bytes(), &cp); err != nil {
			return nil, fmt.Errorf("metadata backup: %s:%d: %w", path, line, err)
		}
		out = append(out, cp)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("metadata backup: %s: %w", path, err)
	}
	return out, nil
}

// writeCheckpoints replaces the file with cps, through a temporary file
// renamed over it, so a crash leaves the old file or the new one.
func writeCheckpoints(path string, cps []Checkpoint) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, cp := range cps {
		if err := enc.Encode(cp); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("metadata backup: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), checkpointName+".*")
	if err != nil {
		return fmt.Errorf("metadata backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("metadata backup: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("metadata backup: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("metadata backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("metadata backup: %w", err)
	}
	return nil
}

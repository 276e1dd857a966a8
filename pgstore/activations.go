package pgstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// MaxActivationHistory bounds PackHistory and ModelHistory (the newest
// entries): an activation is a person's act, a few a week.
const MaxActivationHistory = 10_000

// activationKind is one history of the activations table: its kind, what
// it holds (for messages) and its audit action and object prefix, as in
// bbolt (store/activation.go).
type activationKind struct {
	kind, what, action, object string
}

var (
	packKind  = activationKind{kind: "pack", what: "pack", action: "rules", object: "pack"}
	modelKind = activationKind{kind: "model", what: "model", action: "model", object: "model"}
)

// ActivatePack records content (a rule-pack file, read from file) as the
// active pack; the caller checks that it loads and passes its version.
// The same bytes as the active pack fail with ErrConflict. Audited as
// "rules.activate" in the same transaction.
func (b *Backend) ActivatePack(actor, file string, content []byte, version string) error {
	return b.activate(packKind, actor, file, content, version)
}

// DeactivatePack ends the current pack activation; ErrNotFound when no
// pack is active. Audited as "rules.deactivate".
func (b *Backend) DeactivatePack(actor string) error { return b.deactivate(packKind, actor) }

// ActivePack returns the active pack with its content (checked against
// its recorded SHA-256); ErrNotFound when none was activated or the last
// activation was ended.
func (b *Backend) ActivePack() (*store.ActivatedPack, error) { return b.active(packKind) }

// PackHistory lists the pack activations and deactivations, oldest
// first, without content (at most MaxActivationHistory, the newest).
func (b *Backend) PackHistory() ([]store.ActivatedPack, error) { return b.history(packKind) }

// ActivateModel records content (a model file read from file) as the
// active model, as ActivatePack does for packs ("model.activate").
func (b *Backend) ActivateModel(actor, file string, content []byte, version string) error {
	return b.activate(modelKind, actor, file, content, version)
}

// DeactivateModel ends the current model activation (back to the
// embedded default); ErrNotFound when none is active ("model.deactivate").
func (b *Backend) DeactivateModel(actor string) error { return b.deactivate(modelKind, actor) }

// ModelHistory lists the model activations and deactivations, oldest
// first, without content.
func (b *Backend) ModelHistory() ([]store.ActivatedModel, error) { return b.history(modelKind) }

// lastActivation locks the kind's history (an advisory lock: activations
// of one kind are appended one at a time, whatever the server) and
// returns its newest entry, nil when there is none.
func lastActivation(ctx context.Context, tx pgx.Tx, k activationKind) (*store.Activation, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('activations:' || $1, 0))`, k.kind); err != nil {
		return nil, fmt.Errorf("lock the %s activations: %w", k.what, err)
	}
	var a store.Activation
	var seq, size int64
	err := tx.QueryRow(ctx, `SELECT seq, file, version, sha256, size, actor, at, deactivated
		FROM activations WHERE kind = $1 ORDER BY seq DESC LIMIT 1`, k.kind).
		Scan(&seq, &a.File, &a.Version, &a.SHA256, &size, &a.By, &a.At, &a.Deactivated)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("last %s activation: %w", k.what, err)
	}
	a.Seq, a.Size, a.At = uint64(seq), int(size), a.At.UTC()
	return &a, nil
}

// putActivation appends a (its Seq and At set here) with its content and
// audit entry inside tx.
func (b *Backend) putActivation(ctx context.Context, tx pgx.Tx, k activationKind, prev, a *store.Activation, content []byte, e *store.AuditEntry) error {
	a.Seq, a.At = 1, pgTime(b.now())
	if prev != nil {
		a.Seq = prev.Seq + 1
	}
	if _, err := tx.Exec(ctx, `INSERT INTO activations (kind, seq, file, version, sha256, size, actor, at, deactivated, content)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		k.kind, int64(a.Seq), a.File, a.Version, a.SHA256, int64(a.Size), a.By, a.At, a.Deactivated, content); err != nil {
		return fmt.Errorf("insert %s activation %d: %w", k.what, a.Seq, err)
	}
	e.At = a.At
	return b.appendAudit(ctx, tx, e)
}

func (b *Backend) activate(k activationKind, actor, file string, content []byte, version string) error {
	switch {
	case actor == "":
		return fmt.Errorf("pgstore: activate %s %s: %w: no actor", k.what, version, store.ErrInvalid)
	case len(content) == 0:
		return fmt.Errorf("pgstore: activate %s %s: %w: empty %s file", k.what, version, store.ErrInvalid, k.what)
	case version == "":
		return fmt.Errorf("pgstore: activate %s from %s: %w: no version", k.what, file, store.ErrInvalid)
	}
	sum := sha256.Sum256(content)
	a := store.Activation{File: file, Version: version, SHA256: hex.EncodeToString(sum[:]), Size: len(content), By: actor}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		prev, err := lastActivation(ctx, tx, k)
		if err != nil {
			return err
		}
		if prev != nil && !prev.Deactivated && prev.SHA256 == a.SHA256 {
			return fmt.Errorf("%w: this %s is already active (activated by %s at %s)", store.ErrConflict, k.what, prev.By, prev.At.Format(time.RFC3339))
		}
		detail := fmt.Sprintf("file=%s; sha256=%s; size=%d", file, a.SHA256, len(content))
		if prev != nil && !prev.Deactivated {
			detail += "; previous=" + prev.Version
		}
		return b.putActivation(ctx, tx, k, prev, &a, content, &store.AuditEntry{Actor: actor, Action: k.action + ".activate",
			Object: k.object + ":" + version, Detail: detail})
	})
	if err != nil {
		return fmt.Errorf("pgstore: activate %s %s: %w", k.what, version, err)
	}
	return nil
}

func (b *Backend) deactivate(k activationKind, actor string) error {
	if actor == "" {
		return fmt.Errorf("pgstore: deactivate %s: %w: no actor", k.what, store.ErrInvalid)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		prev, err := lastActivation(ctx, tx, k)
		if err != nil {
			return err
		}
		if prev == nil || prev.Deactivated {
			return fmt.Errorf("no %s is active: %w", k.what, store.ErrNotFound)
		}
		a := store.Activation{By: actor, Deactivated: true}
		return b.putActivation(ctx, tx, k, prev, &a, nil, &store.AuditEntry{Actor: actor, Action: k.action + ".deactivate",
			Object: k.object + ":" + prev.Version, Detail: fmt.Sprintf("was activated by %s at %s", prev.By, prev.At.Format(time.RFC3339))})
	})
	if err != nil {
		return fmt.Errorf("pgstore: deactivate %s: %w", k.what, err)
	}
	return nil
}

// active returns the kind's active entry with its content, checked
// against its recorded SHA-256; ErrNotFound when none was activated or
// the last activation was ended.
func (b *Backend) active(k activationKind) (*store.Activation, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var a store.Activation
	var seq, size int64
	err := b.st.pool.QueryRow(ctx, `SELECT seq, file, version, sha256, size, actor, at, deactivated, content
		FROM activations WHERE kind = $1 ORDER BY seq DESC LIMIT 1`, k.kind).
		Scan(&seq, &a.File, &a.Version, &a.SHA256, &size, &a.By, &a.At, &a.Deactivated, &a.Content)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && a.Deactivated {
		return nil, fmt.Errorf("pgstore: active %s: %w", k.what, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: active %s: %w", k.what, err)
	}
	a.Seq, a.Size, a.At = uint64(seq), int(size), a.At.UTC()
	if a.Content == nil {
		return nil, fmt.Errorf("pgstore: active %s: content of %s activation %d is missing", k.what, k.what, a.Seq)
	}
	if sum := sha256.Sum256(a.Content); hex.EncodeToString(sum[:]) != a.SHA256 {
		return nil, fmt.Errorf("pgstore: active %s: content of %s activation %d does not match its SHA-256 %s", k.what, k.what, a.Seq, a.SHA256)
	}
	return &a, nil
}

// history lists the kind's entries oldest first, without content.
func (b *Backend) history(k activationKind) ([]store.Activation, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT * FROM (
		SELECT seq, file, version, sha256, size, actor, at, deactivated FROM activations
		WHERE kind = $1 ORDER BY seq DESC LIMIT $2) newest ORDER BY seq`, k.kind, MaxActivationHistory)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s history: %w", k.what, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Activation, error) {
		var a store.Activation
		var seq, size int64
		err := row.Scan(&seq, &a.File, &a.Version, &a.SHA256, &size, &a.By, &a.At, &a.Deactivated)
		a.Seq, a.Size, a.At = uint64(seq), int(size), a.At.UTC()
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s history: %w", k.what, err)
	}
	return out, nil
}

// StatusCounts reads the numbers of cases by status (the case_counts
// table the triggers keep), of notices by state (overdue: waiting past
// the deadline at now, as store.Notice.State) and of outbox messages
// neither delivered nor given up. Every status is present, 0 when none.
func (b *Backend) StatusCounts(now time.Time) (store.StatusCounts, error) {
	sc := store.StatusCounts{Cases: map[casework.CaseStatus]int{}, Notices: map[casework.NoticeState]int{}}
	for _, s := range casework.CaseStatuses {
		sc.Cases[s] = 0
	}
	for _, s := range casework.NoticeStates {
		sc.Notices[s] = 0
	}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`); err != nil {
			return err
		}
		add := func(sql string, args []any, put func(status string, n int)) error {
			rows, err := tx.Query(ctx, sql, args...)
			if err != nil {
				return err
			}
			var status string
			var n int64
			_, err = pgx.ForEachRow(rows, []any{&status, &n}, func() error { put(status, int(n)); return nil })
			return err
		}
		if err := add(`SELECT status, sum(n) FROM case_counts GROUP BY status`, nil,
			func(s string, n int) { sc.Cases[casework.CaseStatus(s)] += n }); err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		if err := add(`SELECT CASE WHEN status IN ('sent', 'acknowledged') AND deadline IS NOT NULL AND deadline < $1
				THEN 'overdue' ELSE status END, count(*) FROM notices GROUP BY 1`, []any{pgTime(now)},
			func(s string, n int) { sc.Notices[casework.NoticeState(s)] += n }); err != nil {
			return fmt.Errorf("notices: %w", err)
		}
		return tx.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE sent IS NULL AND NOT gave_up`).Scan(&sc.OutboxPending)
	})
	if err != nil {
		return store.StatusCounts{}, fmt.Errorf("pgstore: status counts: %w", err)
	}
	return sc, nil
}

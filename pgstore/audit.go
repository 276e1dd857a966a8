package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// MaxAuditList bounds AuditEntries when its filter sets no limit (or a
// larger one): an unbounded listing that matches more fails and asks for
// paging (AuditFilter.Before and Limit) instead of being cut silently.
const MaxAuditList = 100_000

// verifyTimeout bounds VerifyAudit, which reads the whole log: about
// 10 µs an entry measured on a loaded 2-core machine
// (BenchmarkAuditLog), so 10^6 entries would not fit opTimeout.
const verifyTimeout = 10 * time.Minute

// auditColumns are the columns scanAudit reads, in its order.
const auditColumns = `seq, at, at_ns, actor, action, object, detail, prev, hash`

// checkAuditText refuses what a PostgreSQL text column cannot hold (NUL,
// invalid UTF-8), naming the field, before it is hashed.
func checkAuditText(e *store.AuditEntry) error {
	for _, f := range []struct{ name, v string }{{"actor", e.Actor}, {"action", e.Action}, {"object", e.Object}, {"detail", e.Detail}} {
		if !utf8.ValidString(f.v) || strings.ContainsRune(f.v, 0) {
			return fmt.Errorf("%w: the audit entry's %s is not valid UTF-8 text", store.ErrInvalid, f.name)
		}
	}
	return nil
}

// splitTime is t as PostgreSQL keeps it: the microsecond (timestamptz
// truncates) and the nanoseconds beyond it.
func splitTime(t time.Time) (time.Time, int16) {
	ns := t.Nanosecond() % 1000
	return t.Add(-time.Duration(ns)), int16(ns)
}

// appendAudit adds e to the audit chain inside tx (as store.appendAudit
// does for bbolt): it sets Seq, At (b.now() when zero, always UTC), Prev
// and Hash (store.AuditHash). It locks the audit_head row until tx ends,
// so appends from any number of processes are numbered without gaps; a
// business method calls it last in its transaction to hold that lock
// briefly. When the entry the head names is missing (someone deleted the
// tail), appending fails: the log stays broken in plain view for
// VerifyAudit rather than being papered over by new entries.
func (b *Backend) appendAudit(ctx context.Context, tx pgx.Tx, e *store.AuditEntry) error {
	if e.Actor == "" || e.Action == "" {
		return fmt.Errorf("%w: an audit entry needs an actor and an action", store.ErrInvalid)
	}
	if err := checkAuditText(e); err != nil {
		return err
	}
	var headSeq int64
	var headHash string
	err := tx.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE one FOR UPDATE`).Scan(&headSeq, &headHash)
	if errors.Is(err, pgx.ErrNoRows) {
		return errors.New("the audit log's head record is missing: the log has been tampered with")
	}
	if err != nil {
		return fmt.Errorf("lock the audit log's head: %w", err)
	}
	e.Seq, e.Prev = uint64(headSeq)+1, ""
	if headSeq > 0 {
		err := tx.QueryRow(ctx, `SELECT hash FROM audit WHERE seq = $1`, headSeq).Scan(&e.Prev)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("audit entry %d is missing: the log has been tampered with", headSeq)
		}
		if err != nil {
			return fmt.Errorf("audit entry %d: %w", headSeq, err)
		}
	}
	if e.At.IsZero() {
		e.At = b.now()
	}
	e.At = e.At.UTC()
	e.Hash = store.AuditHash(*e)
	at, ns := splitTime(e.At)
	if _, err := tx.Exec(ctx, `INSERT INTO audit (`+auditColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		int64(e.Seq), at, ns, e.Actor, e.Action, e.Object, e.Detail, e.Prev, e.Hash); err != nil {
		return fmt.Errorf("write audit entry %d: %w", e.Seq, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE one`, int64(e.Seq), e.Hash); err != nil {
		return fmt.Errorf("move the audit log's head to entry %d: %w", e.Seq, err)
	}
	return nil
}

// scanAudit reads one row of auditColumns.
func scanAudit(row pgx.CollectableRow) (store.AuditEntry, error) {
	var e store.AuditEntry
	var seq int64
	var ns int16
	if err := row.Scan(&seq, &e.At, &ns, &e.Actor, &e.Action, &e.Object, &e.Detail, &e.Prev, &e.Hash); err != nil {
		return e, err
	}
	e.Seq = uint64(seq)
	e.At = e.At.UTC().Add(time.Duration(ns))
	return e, nil
}

// Audit appends an entry that does not go with another change (a login,
// an export); see store.Store.Audit.
func (b *Backend) Audit(e store.AuditEntry) (store.AuditEntry, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error { return b.appendAudit(ctx, tx, &e) })
	if err != nil {
		return e, fmt.Errorf("pgstore: audit %s: %w", e.Action, err)
	}
	return e, nil
}

// likePrefix is a LIKE pattern matching the strings that start with p.
func likePrefix(p string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(p) + "%"
}

// AuditEntries lists entries newest first, filtered by every field of f
// (see store.AuditFilter); at most MaxAuditList.
func (b *Backend) AuditEntries(f store.AuditFilter) ([]store.AuditEntry, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	limit, unbounded := f.Limit, f.Limit <= 0 || f.Limit > MaxAuditList
	if unbounded {
		limit = MaxAuditList + 1
	}
	var where []string
	var args []any
	arg := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Actor != "" {
		arg("actor = $%d", f.Actor)
	}
	if f.ActionPrefix != "" {
		arg("action LIKE $%d", likePrefix(f.ActionPrefix))
	}
	if f.Object != "" {
		arg("object = $%d", f.Object)
	}
	if f.Before > 0 {
		arg("seq < $%d", int64(min(f.Before, 1<<63-1)))
	}
	if !f.Since.IsZero() {
		arg("at >= $%d", f.Since)
	}
	if !f.Until.IsZero() {
		arg("at < $%d", f.Until)
	}
	q := `SELECT ` + auditColumns + ` FROM audit`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, limit)
	q += fmt.Sprintf(` ORDER BY seq DESC LIMIT $%d`, len(args))
	rows, err := b.st.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: audit entries: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("pgstore: audit entries: %w", err)
	}
	if unbounded && len(out) > MaxAuditList {
		return nil, fmt.Errorf("pgstore: audit entries: %w: more than %d match; page with a limit and Before", store.ErrInvalid, MaxAuditList)
	}
	return out, nil
}

// VerifyAudit walks the whole log, oldest first, in one snapshot and
// reports every break as store.Store.VerifyAudit does: a gap in the
// numbering (a removed entry), a Prev that is not the hash of the entry
// before, a Hash that does not match the entry's fields (an edited row),
// and a head that is not the last entry (a removed tail). Rows are
// streamed, so the log's length costs time (bounded by verifyTimeout),
// not memory.
func (b *Backend) VerifyAudit() (*store.AuditReport, error) {
	ctx, cancel := context.WithTimeout(context.Background(), verifyTimeout)
	defer cancel()
	var r *store.AuditReport
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	err := pgx.BeginTxFunc(ctx, b.st.pool, opts, func(tx pgx.Tx) error {
		r = &store.AuditReport{}
		rows, err := tx.Query(ctx, `SELECT `+auditColumns+` FROM audit ORDER BY seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var want uint64 = 1
		prev := ""
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			verifyEntry(r, &e, want, prev)
			prev, want = e.Hash, e.Seq+1
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var seq int64
		var hash string
		err = tx.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE one`).Scan(&seq, &hash)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			if r.Entries > 0 {
				r.Problems = append(r.Problems, "the log's head record is missing")
			}
		case err != nil:
			return err
		case uint64(seq) != r.HeadSeq || hash != r.HeadHash:
			r.Problems = append(r.Problems, fmt.Sprintf("the log ends at entry %d but its head record says entry %d (%.12s…): entries were removed from the end or the head was edited", r.HeadSeq, seq, hash))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: verify audit log: %w", err)
	}
	return r, nil
}

// verifyEntry checks e, read where entry want was expected after an entry
// hashing to prev, and adds what is wrong to r (the messages of
// store.Store.VerifyAudit).
func verifyEntry(r *store.AuditReport, e *store.AuditEntry, want uint64, prev string) {
	seq := e.Seq
	r.Entries++
	switch {
	case seq == want+1:
		r.Problems = append(r.Problems, fmt.Sprintf("entry %d is missing", want))
	case seq > want:
		r.Problems = append(r.Problems, fmt.Sprintf("entries %d–%d are missing", want, seq-1))
	}
	if seq == want && e.Prev != prev {
		r.Problems = append(r.Problems, fmt.Sprintf("entry %d does not follow entry %d (prev hash %.12s…, entry %d hashes to %.12s…)", seq, seq-1, e.Prev, seq-1, prev))
	}
	if h := store.AuditHash(*e); h != e.Hash {
		r.Problems = append(r.Problems, fmt.Sprintf("entry %d was changed after it was written (%s %s by %s at %s)", seq, e.Action, e.Object, e.Actor, e.At.Format(time.RFC3339)))
	}
	r.HeadSeq, r.HeadHash = seq, e.Hash
}

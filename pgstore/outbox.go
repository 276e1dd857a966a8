package pgstore

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Outbox bounds.
const (
	// MaxListMessages bounds Messages and DueMessages when their limit is
	// <= 0.
	MaxListMessages = 10_000
	// MaxEnqueue bounds the messages of one Enqueue call.
	MaxEnqueue = 1_000
	// maxLastError bounds the delivery error kept with a message.
	maxLastError = 4 << 10
)

// Enqueue stores messages to deliver now.
func (b *Backend) Enqueue(msgs ...store.Message) error {
	if len(msgs) > MaxEnqueue {
		return fmt.Errorf("pgstore: enqueue %d messages: at most %d a call", len(msgs), MaxEnqueue)
	}
	if len(msgs) == 0 {
		return nil
	}
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	n := len(msgs)
	var (
		kinds, targets, subjects, payloads, lastErrors = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		attempts                                       = make([]int32, n)
		sent                                           = make([]*time.Time, n)
		gaveUp                                         = make([]bool, n)
	)
	for i, m := range msgs {
		payload := m.Payload
		if payload == nil {
			payload = json.RawMessage("null") // as bbolt encodes a nil payload
		}
		if !json.Valid(payload) {
			return fmt.Errorf("pgstore: enqueue: message %d: payload is not valid JSON", i)
		}
		kinds[i], targets[i], subjects[i], payloads[i] = m.Kind, m.Target, m.Subject, string(payload)
		attempts[i], lastErrors[i], sent[i], gaveUp[i] = int32(m.Attempts), m.LastError, nullTime(m.Sent), m.GaveUp
	}
	_, err := b.st.pool.Exec(ctx, `
		INSERT INTO outbox (kind, target, subject, payload, created, next_attempt, attempts, last_error, sent, gave_up)
		SELECT k, t, s, p::json, $9, $9, a, e, d, g
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::text[],
		            $7::timestamptz[], $8::boolean[]) WITH ORDINALITY AS m(k, t, s, p, a, e, d, g, n)
		ORDER BY n`,
		kinds, targets, subjects, payloads, attempts, lastErrors, sent, gaveUp, now)
	if err != nil {
		return fmt.Errorf("pgstore: enqueue: %w", err)
	}
	return nil
}

const messageColumns = `id, kind, target, subject, payload, created, attempts, next_attempt, last_error, sent, gave_up`

func scanMessage(row pgx.CollectableRow) (store.Message, error) {
	var (
		m       store.Message
		payload []byte
		sent    *time.Time
	)
	if err := row.Scan(&m.ID, &m.Kind, &m.Target, &m.Subject, &payload, &m.Created, &m.Attempts,
		&m.NextAttempt, &m.LastError, &sent, &m.GaveUp); err != nil {
		return store.Message{}, err
	}
	m.Payload = json.RawMessage(payload)
	m.Created, m.NextAttempt, m.Sent = m.Created.UTC(), m.NextAttempt.UTC(), utcOrZero(sent)
	return m, nil
}

// DueMessages lists undelivered messages whose next attempt is due, in the
// order they were queued; limit <= 0 means at most MaxListMessages.
func (b *Backend) DueMessages(now time.Time, limit int) ([]store.Message, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+messageColumns+` FROM outbox
		WHERE sent IS NULL AND NOT gave_up AND next_attempt <= $1 ORDER BY id LIMIT $2`,
		now, listLimit(limit, MaxListMessages))
	if err != nil {
		return nil, fmt.Errorf("pgstore: due messages: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanMessage)
	if err != nil {
		return nil, fmt.Errorf("pgstore: due messages: %w", err)
	}
	return out, nil
}

// Messages lists the newest messages first (for the UI); limit <= 0 means
// at most MaxListMessages.
func (b *Backend) Messages(limit int) ([]store.Message, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+messageColumns+` FROM outbox ORDER BY id DESC LIMIT $1`,
		listLimit(limit, MaxListMessages))
	if err != nil {
		return nil, fmt.Errorf("pgstore: messages: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanMessage)
	if err != nil {
		return nil, fmt.Errorf("pgstore: messages: %w", err)
	}
	return out, nil
}

// MessageAttempt records one delivery attempt: success (err nil), or a
// failure with the time of the next attempt (zero: give up).
func (b *Backend) MessageAttempt(id uint64, err error, next time.Time) error {
	ctx, cancel := b.ctx()
	defer cancel()
	var (
		failed  = err != nil
		lastErr string
	)
	if failed {
		lastErr = err.Error()
		if len(lastErr) > maxLastError {
			lastErr = lastErr[:maxLastError] + "…"
		}
	}
	tag, uerr := b.st.pool.Exec(ctx, `
		UPDATE outbox SET attempts = attempts + 1,
			sent = CASE WHEN $2 THEN sent ELSE $3 END,
			last_error = CASE WHEN $2 THEN $4 ELSE '' END,
			gave_up = gave_up OR ($2 AND $5::timestamptz IS NULL),
			next_attempt = CASE WHEN $2 AND $5::timestamptz IS NOT NULL THEN $5 ELSE next_attempt END
		WHERE id = $1`,
		int64(id), failed, pgTime(b.now()), lastErr, nullTime(next))
	if uerr == nil && tag.RowsAffected() == 0 {
		uerr = fmt.Errorf("message %d: %w", id, store.ErrNotFound)
	}
	if uerr != nil {
		return fmt.Errorf("pgstore: message attempt: %w", uerr)
	}
	return nil
}

// Healthy reports whether the database answers and still has the schema
// this binary was built for.
func (b *Backend) Healthy() error {
	ctx, cancel := b.ctx()
	defer cancel()
	v, err := schemaVersion(ctx, b.st.pool)
	if err != nil {
		return fmt.Errorf("pgstore: %s: %w", b.st.url, err)
	}
	if v != SchemaVersion {
		return fmt.Errorf("pgstore: %s: %w", b.st.url, &SchemaError{Database: v, Binary: SchemaVersion})
	}
	return nil
}

// CaseContacts lists the indexed contacts of a case, by kind and value
// (byte order, as bbolt keys sort).
func (b *Backend) CaseContacts(caseID uint64) ([]store.CaseContact, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `
		SELECT kind, value FROM case_contacts WHERE case_id = $1
		ORDER BY kind COLLATE "C", value COLLATE "C" LIMIT $2`, int64(caseID), maxPerCase)
	if err != nil {
		return nil, fmt.Errorf("pgstore: contacts of case %d: %w", caseID, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[store.CaseContact])
	if err != nil {
		return nil, fmt.Errorf("pgstore: contacts of case %d: %w", caseID, err)
	}
	return out, nil
}

// LinkedCases lists the other cases that share a personal contact with
// caseID, newest first; at most store.MaxLinkedCases (the newest) per
// contact are looked at.
func (b *Backend) LinkedCases(caseID uint64) ([]store.LinkedCase, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `
		SELECT c.id, c.title, c.url, c.status, c.category, c.first_seen, mine.kind, mine.value
		FROM case_contacts mine
		CROSS JOIN LATERAL (
			SELECT case_id FROM case_contacts o
			WHERE o.kind = mine.kind AND o.value = mine.value
			ORDER BY case_id DESC LIMIT $2
		) other
		JOIN cases c ON c.id = other.case_id
		WHERE mine.case_id = $1 AND other.case_id <> $1
		ORDER BY c.id DESC, mine.kind COLLATE "C", mine.value COLLATE "C"`,
		int64(caseID), store.MaxLinkedCases)
	if err != nil {
		return nil, fmt.Errorf("pgstore: cases linked to case %d: %w", caseID, err)
	}
	var out []store.LinkedCase
	for rows.Next() {
		var (
			l      store.LinkedCase
			status string
			ct     store.CaseContact
		)
		if err := rows.Scan(&l.CaseID, &l.Title, &l.URL, &status, &l.Category, &l.First, &ct.Kind, &ct.Value); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pgstore: cases linked to case %d: %w", caseID, err)
		}
		if n := len(out); n > 0 && out[n-1].CaseID == l.CaseID {
			out[n-1].Shared = append(out[n-1].Shared, ct)
			continue
		}
		l.Status, l.First, l.Shared = casework.CaseStatus(status), l.First.UTC(), []store.CaseContact{ct}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: cases linked to case %d: %w", caseID, err)
	}
	return out, nil
}

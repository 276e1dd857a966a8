package pgstore

import (
	"fmt"
	"strings"
	"time"

	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// maxCategoryLen bounds a category id in a channel switch (as bbolt).
const maxCategoryLen = 64

// MaxModelChannels bounds ModelChannels: one switch per category, and a
// deployment has a few dozen categories.
const MaxModelChannels = 10_000

// validCategory reports whether category is a category id: lower-case
// letters, digits, _ and -, at most maxCategoryLen.
func validCategory(category string) bool {
	return category != "" && len(category) <= maxCategoryLen && !strings.ContainsFunc(category, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	})
}

// SetModelChannel records that the model channel of category is on or
// off, with an audit entry ("model.channel", object "category:ID") in the
// same transaction. Setting what is already set fails with ErrConflict,
// so the audit log holds only changes.
func (b *Backend) SetModelChannel(actor, category string, on bool) error {
	switch {
	case actor == "":
		return fmt.Errorf("pgstore: model channel %s: %w: no actor", category, store.ErrInvalid)
	case !validCategory(category):
		return fmt.Errorf("pgstore: model channel %q: %w: a category id is lower-case letters, digits, _ and - (at most %d)", category, store.ErrInvalid, maxCategoryLen)
	}
	state := map[bool]string{true: "on", false: "off"}
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		now := pgTime(b.now())
		detail := "model channel " + state[on]
		tag, err := tx.Exec(ctx, `INSERT INTO model_channels (category, enabled, actor, at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (category) DO NOTHING`, category, on, actor, now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			var prev store.ModelChannel
			if err := tx.QueryRow(ctx, `SELECT enabled, actor, at FROM model_channels WHERE category = $1 FOR UPDATE`,
				category).Scan(&prev.On, &prev.By, &prev.At); err != nil {
				return err
			}
			if prev.On == on {
				return fmt.Errorf("%w: the model channel of %s is already %s (set by %s at %s)", store.ErrConflict, category, state[on], prev.By, prev.At.UTC().Format(time.RFC3339))
			}
			detail += "; was " + state[prev.On]
			if _, err := tx.Exec(ctx, `UPDATE model_channels SET enabled = $2, actor = $3, at = $4 WHERE category = $1`,
				category, on, actor, now); err != nil {
				return err
			}
		}
		return b.appendAudit(ctx, tx, &store.AuditEntry{At: now, Actor: actor, Action: "model.channel", Object: "category:" + category, Detail: detail})
	})
	if err != nil {
		return fmt.Errorf("pgstore: model channel %s %s: %w", category, state[on], err)
	}
	return nil
}

// ModelChannels lists the recorded switches, by category id; categories
// never switched are not listed.
func (b *Backend) ModelChannels() ([]store.ModelChannel, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT category, enabled, actor, at FROM model_channels
		ORDER BY category COLLATE "C" LIMIT $1`, MaxModelChannels)
	if err != nil {
		return nil, fmt.Errorf("pgstore: model channels: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.ModelChannel, error) {
		var c store.ModelChannel
		err := row.Scan(&c.Category, &c.On, &c.By, &c.At)
		c.At = c.At.UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: model channels: %w", err)
	}
	return out, nil
}

// ActiveModel returns the active model with its content (checked against
// its recorded SHA-256); ErrNotFound when none was activated or the last
// activation was ended.
func (b *Backend) ActiveModel() (*store.Activation, error) { return b.active(modelKind) }

package pgstore

import (
	"errors"
	"fmt"
	"strings"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// MaxUsers bounds Users: local accounts of one deployment are a few
// dozen.
const MaxUsers = 10_000

// userColumns are the columns scanUser reads, in its order.
const userColumns = `name, display_name, roles, password_hash, disabled, created, updated, password_set`

func roleStrings(rs []casework.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// scanUser reads one row of userColumns.
func scanUser(row pgx.CollectableRow) (store.User, error) {
	var u store.User
	var roles []string
	err := row.Scan(&u.Name, &u.DisplayName, &roles, &u.PasswordHash, &u.Disabled, &u.Created, &u.Updated, &u.PasswordSet)
	for _, r := range roles {
		u.Roles = append(u.Roles, casework.Role(r))
	}
	u.Created, u.Updated, u.PasswordSet = u.Created.UTC(), u.Updated.UTC(), u.PasswordSet.UTC()
	return u, err
}

// CreateUser adds an account; actor is who did it (audited as user.add
// with the roles, never the password hash, in the same transaction).
func (b *Backend) CreateUser(actor string, u store.User) error {
	if err := store.ValidUserName(u.Name); err != nil {
		return fmt.Errorf("pgstore: add user: %w: %v", store.ErrInvalid, err)
	}
	if u.PasswordHash == "" || len(u.Roles) == 0 {
		return fmt.Errorf("pgstore: add user %s: %w: a password hash and at least one role are required", u.Name, store.ErrInvalid)
	}
	if err := store.CheckRoles(u.Roles); err != nil {
		return fmt.Errorf("pgstore: add user %s: %w", u.Name, err)
	}
	if strings.ContainsRune(u.DisplayName, 0) || strings.ContainsRune(u.PasswordHash, 0) {
		return fmt.Errorf("pgstore: add user %s: %w: NUL in the display name or password hash", u.Name, store.ErrInvalid)
	}
	ctx, cancel := b.ctx()
	defer cancel()
	now := pgTime(b.now())
	u.Created, u.Updated, u.PasswordSet = now, now, now
	err := b.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO users (`+userColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
			ON CONFLICT (name) DO NOTHING`,
			u.Name, u.DisplayName, roleStrings(u.Roles), u.PasswordHash, u.Disabled, now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("user %s: %w", u.Name, store.ErrExists)
		}
		return b.appendAudit(ctx, tx, &store.AuditEntry{At: now, Actor: actor, Action: "user.add", Object: "user:" + u.Name,
			Detail: "roles=" + casework.Join(u.Roles)})
	})
	if err != nil {
		return fmt.Errorf("pgstore: add user: %w", err)
	}
	return nil
}

// UpdateUser changes an account and, when its password changes or it is
// disabled, ends its sessions, with a user.change audit entry naming what
// changed, all in one transaction.
func (b *Backend) UpdateUser(actor, name string, ch store.UserChange) (*store.User, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var u store.User
	err := b.tx(ctx, func(tx pgx.Tx) error {
		now := pgTime(b.now())
		rows, err := tx.Query(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1 FOR UPDATE`, name)
		if err != nil {
			return err
		}
		u, err = pgx.CollectExactlyOneRow(rows, scanUser)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("user %s: %w", name, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		what, endSessions, err := applyUserChange(&u, ch)
		if err != nil {
			return err
		}
		if ch.PasswordHash != nil {
			u.PasswordSet = now
		}
		u.Updated = now
		if _, err := tx.Exec(ctx, `UPDATE users SET display_name = $2, roles = $3, password_hash = $4, disabled = $5,
			updated = $6, password_set = $7 WHERE name = $1`,
			name, u.DisplayName, roleStrings(u.Roles), u.PasswordHash, u.Disabled, u.Updated, u.PasswordSet); err != nil {
			return err
		}
		if endSessions {
			if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_name = $1`, name); err != nil {
				return fmt.Errorf("end the sessions of %s: %w", name, err)
			}
		}
		return b.appendAudit(ctx, tx, &store.AuditEntry{At: now, Actor: actor, Action: "user.change", Object: "user:" + name,
			Detail: strings.Join(what, "; ")})
	})
	if err != nil {
		return nil, fmt.Errorf("pgstore: change user %s: %w", name, err)
	}
	return &u, nil
}

// applyUserChange applies ch to u as store.Store.UpdateUser does (but
// for the times): it returns what changed, for the audit entry, and
// whether the account's sessions end.
func applyUserChange(u *store.User, ch store.UserChange) (what []string, endSessions bool, err error) {
	if ch.PasswordHash != nil {
		switch {
		case *ch.PasswordHash == "":
			return nil, false, fmt.Errorf("%w: empty password hash", store.ErrInvalid)
		case strings.ContainsRune(*ch.PasswordHash, 0):
			return nil, false, fmt.Errorf("%w: NUL in the password hash", store.ErrInvalid)
		}
		u.PasswordHash = *ch.PasswordHash
		what = append(what, "password")
		endSessions = true
	}
	if ch.Roles != nil {
		if len(ch.Roles) == 0 {
			return nil, false, fmt.Errorf("%w: an account needs at least one role", store.ErrInvalid)
		}
		if err := store.CheckRoles(ch.Roles); err != nil {
			return nil, false, err
		}
		u.Roles = ch.Roles
		what = append(what, "roles="+casework.Join(ch.Roles))
	}
	if ch.Disabled != nil {
		u.Disabled = *ch.Disabled
		what = append(what, fmt.Sprintf("disabled=%t", u.Disabled))
		endSessions = endSessions || u.Disabled
	}
	if ch.DisplayName != nil {
		if strings.ContainsRune(*ch.DisplayName, 0) {
			return nil, false, fmt.Errorf("%w: NUL in the display name", store.ErrInvalid)
		}
		u.DisplayName = *ch.DisplayName
		what = append(what, "display name")
	}
	return what, endSessions, nil
}

// User returns one account; ErrNotFound when there is none.
func (b *Backend) User(name string) (*store.User, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name)
	if err != nil {
		return nil, fmt.Errorf("pgstore: user %s: %w", name, err)
	}
	u, err := pgx.CollectExactlyOneRow(rows, scanUser)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("pgstore: user %s: %w", name, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: user %s: %w", name, err)
	}
	return &u, nil
}

// Users lists the accounts by name (at most MaxUsers).
func (b *Backend) Users() ([]store.User, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	rows, err := b.st.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY name COLLATE "C" LIMIT $1`, MaxUsers)
	if err != nil {
		return nil, fmt.Errorf("pgstore: list users: %w", err)
	}
	us, err := pgx.CollectRows(rows, scanUser)
	if err != nil {
		return nil, fmt.Errorf("pgstore: list users: %w", err)
	}
	return us, nil
}

// CreateSession stores a session (replacing one with the same token
// hash). Its account must exist: ErrNotFound otherwise. Expired sessions
// are dropped on the way, so the table holds the live ones.
func (b *Backend) CreateSession(sess store.Session) error {
	ctx, cancel := b.ctx()
	defer cancel()
	err := b.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expires <= $1`, b.now()); err != nil {
			return fmt.Errorf("drop expired sessions: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_name, csrf, created, expires, addr)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (token_hash) DO UPDATE SET user_name = excluded.user_name, csrf = excluded.csrf,
				created = excluded.created, expires = excluded.expires, addr = excluded.addr`,
			sess.TokenHash, sess.User, sess.CSRF, sess.Created, sess.Expires, sess.Addr)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23503" { // foreign_key_violation
			return fmt.Errorf("user %s: %w", sess.User, store.ErrNotFound)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: create session: %w", err)
	}
	return nil
}

// Session returns a session by its token hash; ErrNotFound when there is
// none or it has expired.
func (b *Backend) Session(tokenHash string) (*store.Session, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	var s store.Session
	err := b.st.pool.QueryRow(ctx, `SELECT token_hash, user_name, csrf, created, expires, addr FROM sessions WHERE token_hash = $1`,
		tokenHash).Scan(&s.TokenHash, &s.User, &s.CSRF, &s.Created, &s.Expires, &s.Addr)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && !b.now().Before(s.Expires) {
		return nil, fmt.Errorf("pgstore: session: %w", store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: session: %w", err)
	}
	s.Created, s.Expires = s.Created.UTC(), s.Expires.UTC()
	return &s, nil
}

// DeleteSession ends a session (logout); ending one that is gone is not
// an error.
func (b *Backend) DeleteSession(tokenHash string) error {
	ctx, cancel := b.ctx()
	defer cancel()
	if _, err := b.st.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash); err != nil {
		return fmt.Errorf("pgstore: end session: %w", err)
	}
	return nil
}

// PruneSessions drops expired sessions and returns how many, as
// store.Store.PruneSessions does for serve's hourly clean-up.
func (b *Backend) PruneSessions() (int, error) {
	ctx, cancel := b.ctx()
	defer cancel()
	tag, err := b.st.pool.Exec(ctx, `DELETE FROM sessions WHERE expires <= $1`, b.now())
	if err != nil {
		return 0, fmt.Errorf("pgstore: prune sessions: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

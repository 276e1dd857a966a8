package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	bolt "go.etcd.io/bbolt"
)

// CheckRoles fails with ErrInvalid naming the first role that is not
// known.
func CheckRoles(rs []casework.Role) error {
	for _, r := range rs {
		if !r.Known() {
			return fmt.Errorf("%w: unknown role %q", ErrInvalid, r)
		}
	}
	return nil
}

func joinRoles(rs []casework.Role) string { return casework.Join(rs) }

// User is a local account. PasswordHash is an encoded hash (the review
// package makes and checks it); the store never sees a password.
type User struct {
	Name         string          `json:"name"`
	DisplayName  string          `json:"display_name,omitempty"`
	Roles        []casework.Role `json:"roles"`
	PasswordHash string          `json:"password_hash"`
	Disabled     bool            `json:"disabled,omitempty"`
	Created      time.Time       `json:"created"`
	Updated      time.Time       `json:"updated"`
	PasswordSet  time.Time       `json:"password_set"`
}

// Has reports whether u has role r.
func (u *User) Has(r casework.Role) bool { return slices.Contains(u.Roles, r) }

// Label is the display name, or the account name.
func (u *User) Label() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Name
}

// ErrExists: an account with that name exists already.
var ErrExists = errors.New("already exists")

// ValidUserName keeps names printable and short: they appear in the
// audit log, in notices and in URLs.
func ValidUserName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("user name must be 1–64 characters")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-@", r)) {
			return fmt.Errorf("user name %q: only letters, digits and . _ - @", name)
		}
	}
	return nil
}

// CreateUser adds an account; actor is who did it (for the audit log).
func (s *Store) CreateUser(actor string, u User) error {
	if err := ValidUserName(u.Name); err != nil {
		return fmt.Errorf("store: add user: %w: %v", ErrInvalid, err)
	}
	if u.PasswordHash == "" || len(u.Roles) == 0 {
		return fmt.Errorf("store: add user %s: %w: a password hash and at least one role are required", u.Name, ErrInvalid)
	}
	if err := CheckRoles(u.Roles); err != nil {
		return fmt.Errorf("store: add user %s: %w", u.Name, err)
	}
	now := s.now()
	u.Created, u.Updated, u.PasswordSet = now, now, now
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUsers)
		if b.Get([]byte(u.Name)) != nil {
			return fmt.Errorf("user %s: %w", u.Name, ErrExists)
		}
		if err := putJSON(b, []byte(u.Name), &u); err != nil {
			return err
		}
		return appendAudit(tx, now, &AuditEntry{Actor: actor, Action: "user.add", Object: "user:" + u.Name,
			Detail: "roles=" + joinRoles(u.Roles)})
	})
	if err != nil {
		return fmt.Errorf("store: add user: %w", err)
	}
	return nil
}

// UserChange is one change to an account; nil fields stay as they are.
type UserChange struct {
	PasswordHash *string
	Roles        []casework.Role
	Disabled     *bool
	DisplayName  *string
}

// UpdateUser changes an account and, when its password changes or it is
// disabled, ends its sessions.
func (s *Store) UpdateUser(actor, name string, ch UserChange) (*User, error) {
	var u User
	now := s.now()
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUsers)
		ok, err := getJSON(b, []byte(name), &u)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("user %s: %w", name, ErrNotFound)
		}
		var what []string
		endSessions := false
		if ch.PasswordHash != nil {
			if *ch.PasswordHash == "" {
				return fmt.Errorf("%w: empty password hash", ErrInvalid)
			}
			u.PasswordHash, u.PasswordSet = *ch.PasswordHash, now
			what = append(what, "password")
			endSessions = true
		}
		if ch.Roles != nil {
			if len(ch.Roles) == 0 {
				return fmt.Errorf("%w: an account needs at least one role", ErrInvalid)
			}
			if err := CheckRoles(ch.Roles); err != nil {
				return err
			}
			u.Roles = ch.Roles
			what = append(what, "roles="+joinRoles(ch.Roles))
		}
		if ch.Disabled != nil {
			u.Disabled = *ch.Disabled
			what = append(what, fmt.Sprintf("disabled=%t", u.Disabled))
			endSessions = endSessions || u.Disabled
		}
		if ch.DisplayName != nil {
			u.DisplayName = *ch.DisplayName
			what = append(what, "display name")
		}
		u.Updated = now
		if err := putJSON(b, []byte(name), &u); err != nil {
			return err
		}
		if endSessions {
			if err := deleteUserSessions(tx, name); err != nil {
				return err
			}
		}
		return appendAudit(tx, now, &AuditEntry{Actor: actor, Action: "user.change", Object: "user:" + name,
			Detail: strings.Join(what, "; ")})
	})
	if err != nil {
		return nil, fmt.Errorf("store: change user %s: %w", name, err)
	}
	return &u, nil
}

// User returns one account.
func (s *Store) User(name string) (*User, error) {
	var u User
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketUsers), []byte(name), &u)
		if err == nil && !ok {
			err = fmt.Errorf("user %s: %w", name, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &u, nil
}

// Users lists the accounts by name.
func (s *Store) Users() ([]User, error) {
	var out []User
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var u User
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("decode user %s: %w", k, err)
			}
			out = append(out, u)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	return out, nil
}

// Session is a signed-in browser. The store keeps only the hash of the
// cookie's token, so a copy of the database does not let anyone in.
type Session struct {
	TokenHash string    `json:"token_hash"`
	User      string    `json:"user"`
	CSRF      string    `json:"csrf"` // the token every state-changing request must carry
	Created   time.Time `json:"created"`
	Expires   time.Time `json:"expires"`
	Addr      string    `json:"addr,omitempty"`
}

// CreateSession stores a session.
func (s *Store) CreateSession(sess Session) error {
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketSessions), []byte(sess.TokenHash), &sess)
	})
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// Session returns a session by its token hash; ErrNotFound when there is
// none or it has expired.
func (s *Store) Session(tokenHash string) (*Session, error) {
	var sess Session
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bucketSessions), []byte(tokenHash), &sess)
		if err == nil && (!ok || !s.now().Before(sess.Expires)) {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", err)
	}
	return &sess, nil
}

// DeleteSession ends a session (logout).
func (s *Store) DeleteSession(tokenHash string) error {
	return s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSessions).Delete([]byte(tokenHash)) })
}

// PruneSessions drops expired sessions and returns how many.
func (s *Store) PruneSessions() (int, error) {
	n := 0
	now := s.now()
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSessions)
		var dead [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var sess Session
			if json.Unmarshal(v, &sess) != nil || !now.Before(sess.Expires) {
				dead = append(dead, slices.Clone(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range dead {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(dead)
		return nil
	})
	return n, err
}

func deleteUserSessions(tx *bolt.Tx, name string) error {
	b := tx.Bucket(bucketSessions)
	var dead [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var sess Session
		if json.Unmarshal(v, &sess) != nil || sess.User == name {
			dead = append(dead, slices.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range dead {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

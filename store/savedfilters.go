package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Saved queue filters: a user keeps the query string of a queue view
// under a name, to apply it again later.
//
//	saved_filters  user ‖ 0x00 ‖ name → SavedFilter (JSON)
//
// The bucket is made by the first save.

// Saved filter limits.
const (
	MaxSavedFilters       = 50   // per user
	MaxSavedFilterName    = 64   // characters
	MaxSavedFilterQuery   = 2000 // bytes
	maxSavedFilterUserLen = 256
)

// ErrTooMany: a user already keeps MaxSavedFilters filters.
var ErrTooMany = errors.New("too many")

var bucketSavedFilters = []byte("saved_filters")

// SavedFilter is a named queue query of one user.
type SavedFilter struct {
	User    string    `json:"user"`
	Name    string    `json:"name"`
	Query   string    `json:"query"` // the queue's URL query string
	Created time.Time `json:"created"`
}

// Check validates f (name and query trimmed of spaces first).
func (f *SavedFilter) Check() error {
	f.Name = strings.TrimSpace(f.Name)
	f.Query = strings.TrimSpace(f.Query)
	switch {
	case f.User == "" || len(f.User) > maxSavedFilterUserLen:
		return fmt.Errorf("%w: saved filter user %.40q", ErrInvalid, f.User)
	case f.Name == "":
		return fmt.Errorf("%w: saved filter without a name", ErrInvalid)
	case !utf8.ValidString(f.Name) || utf8.RuneCountInString(f.Name) > MaxSavedFilterName || strings.ContainsAny(f.Name, "\x00\r\n"):
		return fmt.Errorf("%w: saved filter name (at most %d characters)", ErrInvalid, MaxSavedFilterName)
	case len(f.Query) > MaxSavedFilterQuery || !utf8.ValidString(f.Query):
		return fmt.Errorf("%w: saved filter query longer than %d bytes", ErrInvalid, MaxSavedFilterQuery)
	}
	return nil
}

func savedFilterKey(user, name string) []byte {
	return append(append([]byte(user), 0), name...)
}

// SaveFilter keeps f under its user and name, replacing a filter of the
// same name; ErrTooMany when the user has MaxSavedFilters others.
func (s *Store) SaveFilter(f SavedFilter) error {
	if err := f.Check(); err != nil {
		return fmt.Errorf("store: save filter: %w", err)
	}
	if f.Created.IsZero() {
		f.Created = s.now()
	}
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSavedFilters)
		if err != nil {
			return err
		}
		key := savedFilterKey(f.User, f.Name)
		if b.Get(key) == nil {
			n := 0
			prefix := savedFilterKey(f.User, "")
			c := b.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				n++
			}
			if n >= MaxSavedFilters {
				return fmt.Errorf("%w: %d saved filters", ErrTooMany, n)
			}
		}
		return putJSON(b, key, &f)
	})
	if err != nil {
		return fmt.Errorf("store: save filter: %w", err)
	}
	return nil
}

// SavedFilters lists a user's saved filters by name.
func (s *Store) SavedFilters(user string) ([]SavedFilter, error) {
	var out []SavedFilter
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSavedFilters)
		if b == nil {
			return nil
		}
		prefix := savedFilterKey(user, "")
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var f SavedFilter
			if _, err := getJSON(b, k, &f); err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: saved filters: %w", err)
	}
	slices.SortFunc(out, func(a, b SavedFilter) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// DeleteSavedFilter removes a user's saved filter; ErrNotFound when there
// is none of that name.
func (s *Store) DeleteSavedFilter(user, name string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSavedFilters)
		key := savedFilterKey(user, strings.TrimSpace(name))
		if b == nil || b.Get(key) == nil {
			return ErrNotFound
		}
		return b.Delete(key)
	})
	if err != nil {
		return fmt.Errorf("store: delete saved filter %.64q: %w", name, err)
	}
	return nil
}

//go:build !unix

package store

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("lock held elsewhere")

// tryFlock is not available here: bbolt's own lock on the database file
// is the only one.
func tryFlock(f *os.File, exclusive bool) error { return nil }

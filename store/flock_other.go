//go:build !linux && !darwin

package store

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("lock held elsewhere")

// tryFlock is not implemented on this system (certwatch runs on Linux):
// only bbolt's own lock on the database file applies.
func tryFlock(f *os.File, exclusive bool) error { return nil }

//go:build linux || darwin

package store

import (
	"errors"
	"os"
	"syscall"
)

// errWouldBlock: another open file description holds a conflicting flock.
var errWouldBlock = errors.New("lock held elsewhere")

// tryFlock takes a non-blocking flock on f: exclusive or shared.
func tryFlock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errWouldBlock
		default:
			return err
		}
	}
}

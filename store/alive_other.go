//go:build !unix

package store

// processAlive cannot check without signals; the lock file is believed.
func processAlive(pid int) bool { return pid > 0 }

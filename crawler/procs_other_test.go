//go:build !linux

package crawler

// childProcesses is only implemented on Linux.
func childProcesses() []string { return nil }

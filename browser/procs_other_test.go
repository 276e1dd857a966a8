//go:build !linux

package browser

// childProcesses is only implemented on Linux.
func childProcesses() []string { return nil }

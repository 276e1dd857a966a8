//go:build !linux

package store

// dropMapped does nothing outside Linux (see releaseMapped).
func dropMapped(addr uintptr, size int64) error { return nil }

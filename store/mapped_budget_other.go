//go:build !linux

package store

func mappedFileSupported() bool { return false }

// mappedFileBytes is not known outside Linux (see BoundMapped).
func mappedFileBytes() (int64, bool) { return 0, false }

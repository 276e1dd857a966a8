package store

import "syscall"

// dropMapped drops size bytes of the file mapping at addr from the
// process's page tables (see releaseMapped); the page cache keeps them.
func dropMapped(addr uintptr, size int64) error {
	if size <= 0 {
		return nil
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(size), syscall.MADV_DONTNEED)
	if errno != 0 {
		return errno
	}
	return nil
}

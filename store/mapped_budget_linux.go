package store

import (
	"bytes"
	"os"
	"strconv"
	"sync"
)

var statm struct {
	sync.Mutex
	f   *os.File
	buf [128]byte
}

var pageSize = int64(os.Getpagesize())

func mappedFileSupported() bool { return true }

// mappedFileBytes is the shared (file-backed, here the database's)
// part of the process's resident set: the third field of
// /proc/self/statm, kept open and read again from offset 0 (the kernel
// reads counters, it does not walk the page tables).
func mappedFileBytes() (int64, bool) {
	statm.Lock()
	defer statm.Unlock()
	if statm.f == nil {
		f, err := os.Open("/proc/self/statm")
		if err != nil {
			return 0, false
		}
		statm.f = f
	}
	n, err := statm.f.ReadAt(statm.buf[:], 0)
	if n == 0 && err != nil {
		return 0, false
	}
	fields := bytes.Fields(statm.buf[:n])
	if len(fields) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(fields[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * pageSize, true
}

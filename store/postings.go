package store

import (
	"encoding/binary"
	"slices"
)

// A term's postings, compressed (issue 13: serve under 500 MB with
// 100,000 cases). Kept as []uint32 (id<<3 | fields) they were 4 bytes a
// posting, 150 MB of the term index's 220 MB at 100,000 realistic
// cases (37 million postings). Here each posting is a uvarint of
// (id - previous id)<<1 | flag, ascending by id, followed by a byte of
// fields when flag is 1; flag 0 is a posting in the text alone (96% of
// them): a term one case in 64 or more holds takes a byte a posting, a
// rarer one two or three (57 MB for those 37 million postings, 47 MB
// this way).
//
// Every postingBlock postings appended, a skip entry remembers where a
// posting starts and the id before it, so that seeking an id (a search
// intersecting lists, a Record adding a posting in the middle) reads one
// block, not the whole list. A posting inserted in the middle grows its
// block; blocks only bound the work of a seek, not its correctness.

// postingBlock is how many postings are appended between skip entries.
const postingBlock = 128

// postingList is one term's postings.
type postingList struct {
	data  []byte        // uvarint((id - previous id)<<3 | fields) each
	skips []postingSkip // ascending by off
	last  uint32        // the last posting's id
	n     uint32        // number of postings
}

// postingSkip: the posting at data[off:] follows the posting of id base.
type postingSkip struct{ base, off uint32 }

// postingPlain is the fields of a posting without its fields byte.
const postingPlain = SearchFieldText

// appendPosting encodes a posting of id, after the posting of id prev.
func appendPosting(b []byte, prev, id uint32, fields uint8) []byte {
	if fields == postingPlain {
		return binary.AppendUvarint(b, uint64(id-prev)<<1)
	}
	return append(binary.AppendUvarint(b, uint64(id-prev)<<1|1), fields)
}

// readPosting decodes the posting at data[off:] that follows prev: its id,
// fields and length.
func readPosting(data []byte, off int, prev uint32) (id uint32, fields uint8, n int) {
	v, n := binary.Uvarint(data[off:])
	if v&1 == 0 {
		return prev + uint32(v>>1), postingPlain, n
	}
	return prev + uint32(v>>1), data[off+n], n + 1
}

// blockBefore is where to start reading for id: the offset and previous id
// of the last skip entry whose base is below id (0, 0 when none).
func (l *postingList) blockBefore(id uint32, from int) (off int, prev uint32, next int) {
	j, _ := slices.BinarySearchFunc(l.skips[from:], id, func(s postingSkip, id uint32) int {
		if s.base < id {
			return -1
		}
		return 1
	})
	j += from
	if j == 0 {
		return 0, 0, 0
	}
	return int(l.skips[j-1].off), l.skips[j-1].base, j
}

// add adds fields to the posting of id, inserting it if missing.
func (l *postingList) add(id uint32, fields uint8) {
	if l.n == 0 || id > l.last {
		if l.n > 0 && l.n%postingBlock == 0 {
			l.skips = append(l.skips, postingSkip{base: l.last, off: uint32(len(l.data))})
		}
		l.data = appendPosting(l.data, l.last, id, fields)
		l.last = id
		l.n++
		return
	}
	off, prev, _ := l.blockBefore(id, 0)
	for off < len(l.data) {
		pid, pf, n := readPosting(l.data, off, prev)
		if pid == id {
			if pf|fields != pf {
				var buf [binary.MaxVarintLen64 + 1]byte
				l.replace(off, n, appendPosting(buf[:0], prev, id, pf|fields))
			}
			return
		}
		if pid > id {
			var buf [2 * (binary.MaxVarintLen64 + 1)]byte
			l.replace(off, n, appendPosting(appendPosting(buf[:0], prev, id, fields), id, pid, pf))
			l.n++
			return
		}
		off, prev = off+n, pid
	}
	// Not reached: id <= last is somewhere before the end.
}

// replace replaces the n bytes at data[off:] by enc, moving the skip
// entries after off.
func (l *postingList) replace(off, n int, enc []byte) {
	l.data = slices.Replace(l.data, off, off+n, enc...)
	grow := uint32(len(enc) - n)
	for i := range l.skips {
		if int(l.skips[i].off) > off {
			l.skips[i].off += grow // wraps around for a negative grow
		}
	}
}

// trim drops the slack that appends left.
func (l *postingList) trim() {
	if cap(l.data) > len(l.data)+len(l.data)/16 {
		l.data = slices.Clone(l.data)
	}
	if cap(l.skips) > len(l.skips) {
		l.skips = slices.Clip(slices.Clone(l.skips))
	}
}

// each calls fn with every posting, ascending.
func (l *postingList) each(fn func(id uint32, fields uint8)) {
	var prev uint32
	for off := 0; off < len(l.data); {
		id, f, n := readPosting(l.data, off, prev)
		fn(id, f)
		off, prev = off+n, id
	}
}

// postingCursor reads a list forward, seeking ids in ascending order.
type postingCursor struct {
	l    *postingList
	off  int    // the next posting to read
	prev uint32 // the id of the posting before off
	skip int    // skip entries before this one are behind off
}

// seek moves to the first posting whose id is at least id and returns it
// (ok false at the end). Successive seeks must not go down.
func (c *postingCursor) seek(id uint32) (pid uint32, fields uint8, ok bool) {
	l := c.l
	if c.skip < len(l.skips) && l.skips[c.skip].base < id {
		if off, prev, next := l.blockBefore(id, c.skip); off > c.off {
			c.off, c.prev, c.skip = off, prev, next
		} else {
			c.skip = next
		}
	}
	for c.off < len(l.data) {
		pid, f, n := readPosting(l.data, c.off, c.prev)
		if pid >= id {
			return pid, f, true
		}
		c.off, c.prev = c.off+n, pid
	}
	return 0, 0, false
}

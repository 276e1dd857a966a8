package testbed

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"sync"
)

// bombOnce builds the gzip bomb the first time /bomb is asked for.
type bombOnce struct {
	once sync.Once
	body []byte
	err  error
}

func (b *bombOnce) get() ([]byte, error) {
	b.once.Do(func() { b.body, b.err = gzipBomb(BombSize >> 20) })
	return b.body, b.err
}

// gzipBomb returns a gzip member that expands to mib MiB: an HTML prologue
// padded with spaces to 1 MiB, then mib-1 MiB of spaces. Deflate cannot
// beat about 1:1000, so 1 GiB is about 1 MiB on the wire.
//
// Compressing a gigabyte would take seconds (minutes under the race
// detector). It is not needed: once the window holds nothing but spaces,
// every further MiB of spaces compresses, up to a sync flush, to the same
// byte-aligned run of non-final blocks, so the stream is the prologue's
// blocks, that run repeated, and a final empty block. The CRC is computed
// over the real content, so the member is valid to its last byte.
func gzipBomb(mib int) ([]byte, error) {
	if mib < 3 {
		return nil, fmt.Errorf("gzip bomb of %d MiB: need at least 3", mib)
	}
	const chunk = 1 << 20
	first := bytes.Repeat([]byte{' '}, chunk)
	copy(first, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>压缩资料包</title></head><body>\n")
	spaces := bytes.Repeat([]byte{' '}, chunk)

	var z bytes.Buffer
	fw, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	flushed := func(p []byte) ([]byte, error) {
		start := z.Len()
		if _, err := fw.Write(p); err != nil {
			return nil, err
		}
		if err := fw.Flush(); err != nil {
			return nil, err
		}
		return bytes.Clone(z.Bytes()[start:]), nil
	}
	head, err := flushed(first)
	if err != nil {
		return nil, err
	}
	run, err := flushed(spaces)
	if err != nil {
		return nil, err
	}
	again, err := flushed(spaces)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(run, again) {
		return nil, fmt.Errorf("gzip bomb: compressed runs of spaces differ (%d and %d bytes)", len(run), len(again))
	}
	start := z.Len()
	if err := fw.Close(); err != nil {
		return nil, err
	}
	tail := bytes.Clone(z.Bytes()[start:])

	crc := crc32.Update(0, crc32.IEEETable, first)
	for i := 1; i < mib; i++ {
		crc = crc32.Update(crc, crc32.IEEETable, spaces)
	}

	out := make([]byte, 0, 10+len(head)+(mib-1)*len(run)+len(tail)+8)
	// RFC 1952 header: magic, deflate, no flags, no mtime, max compression, OS unknown.
	out = append(out, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255)
	out = append(out, head...)
	for i := 1; i < mib; i++ {
		out = append(out, run...)
	}
	out = append(out, tail...)
	out = binary.LittleEndian.AppendUint32(out, crc)
	out = binary.LittleEndian.AppendUint32(out, uint32(uint64(mib)*chunk)) // ISIZE is the size mod 2^32
	return out, nil
}

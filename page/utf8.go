package page

import (
	"encoding/binary"
	"unicode/utf8"
)

// validUTF8 is utf8.Valid, faster on Chinese text: ASCII is checked eight
// bytes at a time, and a three-byte sequence with a lead byte of
// 0xE1–0xEC (U+1000–U+CFFF, where the common Chinese characters are),
// which is valid with any two continuation bytes, without decoding it.
// Everything else is decoded as utf8.Valid would.
func validUTF8(b []byte) bool {
	i, n := 0, len(b)
	for i < n {
		c := b[i]
		if c < utf8.RuneSelf {
			for i+8 <= n && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
				i += 8
			}
			for i < n && b[i] < utf8.RuneSelf {
				i++
			}
			continue
		}
		if c >= 0xE1 && c <= 0xEC && i+2 < n && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

package hostfacts

import (
	"testing"
	"time"
)

// FuzzParseSCT: any bytes a server sends as an SCT are parsed or refused,
// never a panic; a parsed one names a 32-byte log ID.
func FuzzParseSCT(f *testing.F) {
	_, good := sct(f, 0x11, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	f.Add(good)
	f.Add(good[:10])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := parseSCT(b)
		if err == nil && (len(s.LogIDHex) != 64 || s.Version < 1) {
			t.Errorf("parsed %+v from %x", s, b)
		}
	})
}

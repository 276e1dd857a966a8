package page

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestValidUTF8 holds validUTF8 to utf8.Valid: every sequence of up to
// three bytes after a lead byte (behind ASCII, so the eight-byte path
// runs too, and at the end of the input), random bytes biased to UTF-8,
// and the repository's pages.
func TestValidUTF8(t *testing.T) {
	buf := []byte("abcdefgh0000")
	for b0 := 0x80; b0 <= 0xFF; b0++ {
		for b1 := 0; b1 <= 0xFF; b1++ {
			for b2 := 0; b2 <= 0xFF; b2++ {
				for _, s := range [][]byte{append(buf[:9], byte(b0), byte(b1), byte(b2)), append(buf[:9], byte(b0), byte(b1)), {byte(b0), byte(b1), byte(b2), 0xBF}} {
					if got, want := validUTF8(s), utf8.Valid(s); got != want {
						t.Fatalf("validUTF8(%x) = %v, utf8.Valid %v", s, got, want)
					}
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := [][]byte{[]byte("证书"), []byte("a"), []byte("😀"), []byte("é"), {0xED, 0xA0, 0x80}, {0xE1}, {0x80}, {0xF4, 0x90}, []byte("abcdefghij")}
	for range 20000 {
		var s []byte
		for range rng.IntN(12) {
			if rng.IntN(4) == 0 {
				s = append(s, byte(rng.IntN(256)))
			} else {
				s = append(s, pieces[rng.IntN(len(pieces))]...)
			}
		}
		if got, want := validUTF8(s), utf8.Valid(s); got != want {
			t.Fatalf("validUTF8(%x) = %v, utf8.Valid %v", s, got, want)
		}
	}
	for _, p := range repoPages(t) {
		if got, want := validUTF8(p.body), utf8.Valid(p.body); got != want {
			t.Fatalf("%s: validUTF8 %v, utf8.Valid %v", p.source, got, want)
		}
	}
}

// Package bidi makes Unicode bidirectional controls in crawled text
// visible. A title such as "证书\u202Egnp.exe" displays reversed
// ("证书exe.png") wherever it is shown raw, so a page can make its text
// look like something it is not. Every view and document certwatch
// produces from crawled text (the review UI, notices, reports, digests,
// CLI output) passes it through Neutralize, which replaces each control
// with a visible marker naming it, "⟨U+202E⟩": the text then reads in its
// stored (logical) order and the reader sees that the page used the
// control. Raw evidence (stored bodies, WARC exports) and JSON data are
// left as they were captured.
package bidi

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r is a bidirectional formatting character:
// the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069,
// the marks U+200E (LRM), U+200F (RLM) and U+061C (ALM).
func IsControl(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Marker is the visible stand-in for a control r: "⟨U+202E⟩".
func Marker(r rune) string { return fmt.Sprintf("⟨U+%04X⟩", r) }

// Neutralize returns s with every bidirectional control replaced by its
// Marker; s itself when it has none.
func Neutralize(s string) string {
	if !strings.ContainsFunc(s, IsControl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if IsControl(r) {
			b.WriteString(Marker(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NeutralizeBytes is Neutralize for UTF-8 bytes such as a rendered page;
// invalid bytes are kept as they are. It returns b itself when b has no
// control.
func NeutralizeBytes(b []byte) []byte {
	first := -1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if IsControl(r) {
			first = i
			break
		}
		i += n
	}
	if first < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	out = append(out, b[:first]...)
	for i := first; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if IsControl(r) {
			out = append(out, Marker(r)...)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// ForTerminal makes text from crawled input safe to print on a terminal:
// bidirectional controls become their markers (as Neutralize), other
// control characters except tab (an escape sequence in a crawled title
// would otherwise reach the terminal), U+2028/U+2029 and invalid UTF-8
// become \u escapes.
func ForTerminal(s string) string {
	unsafe := func(r rune) bool {
		return r == utf8.RuneError || (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 || IsControl(r)
	}
	if !strings.ContainsFunc(s, unsafe) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case IsControl(r):
			b.WriteString(Marker(r))
		case unsafe(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

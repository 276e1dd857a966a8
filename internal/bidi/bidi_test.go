package bidi

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNeutralize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"证书\u202Egnp.exe", "证书⟨U+202E⟩gnp.exe"},
		{"\u202A\u202B\u202C\u202D\u202E", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩"},
		{"a\u2066b\u2067c\u2068d\u2069", "a⟨U+2066⟩b⟨U+2067⟩c⟨U+2068⟩d⟨U+2069⟩"},
		{"\u200E\u200F\u061C", "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"},
		// Neighbours that are not bidirectional controls stay.
		{"\u200B\u200D\u2028\u2065\u206A\u2029", "\u200B\u200D\u2028\u2065\u206A\u2029"},
		{"特种作业操作证 abc", "特种作业操作证 abc"},
		{"", ""},
	} {
		if got := Neutralize(tc.in); got != tc.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(NeutralizeBytes([]byte(tc.in))); got != tc.want {
			t.Errorf("NeutralizeBytes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Invalid bytes pass through NeutralizeBytes untouched.
	in := []byte("a\xff\u202Eb\xe2\x80")
	if got := string(NeutralizeBytes(in)); got != "a\xff⟨U+202E⟩b\xe2\x80" {
		t.Errorf("NeutralizeBytes(%q) = %q", in, got)
	}
}

func FuzzNeutralize(f *testing.F) {
	f.Add("证书\u202Egnp.exe\u2066x\u200F")
	f.Fuzz(func(t *testing.T, s string) {
		out := Neutralize(s)
		if strings.ContainsFunc(out, IsControl) {
			t.Fatalf("control left in %q", out)
		}
		if utf8.ValidString(s) && string(NeutralizeBytes([]byte(s))) != out {
			t.Fatalf("bytes and string versions differ on %q", s)
		}
	})
}

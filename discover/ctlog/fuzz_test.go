package ctlog

import (
	"strings"
	"testing"

	ct "github.com/google/certificate-transparency-go"

	"github.com/certwatch/certwatch/discover/ctlog/ctlogtest"
)

// FuzzParseEntry: arbitrary leaf_input and extra_data never panic, and any
// names returned are valid host names.
func FuzzParseEntry(f *testing.F) {
	ca := ctlogtest.NewCA(f)
	for _, pre := range []bool{false, true} {
		le := ca.Leaf(f, pre, ca.Issue(f, pre, "cx.mem.gov.cn.fuzz.top", "www.example.com"), 1)
		f.Add(le.LeafInput, le.ExtraData)
		f.Add(le.LeafInput[:len(le.LeafInput)/2], le.ExtraData)
		f.Add(le.LeafInput, le.ExtraData[:len(le.ExtraData)-1])
	}
	f.Add([]byte{}, []byte{})
	m := newMatcher(f)
	f.Fuzz(func(t *testing.T, in, extra []byte) {
		e, err := parseEntry(0, &ct.LeafEntry{LeafInput: in, ExtraData: extra})
		if err != nil {
			return
		}
		for _, n := range e.names(10) {
			if _, ok := NormalizeName(n); !ok {
				t.Fatalf("invalid name %q", n)
			}
			m.Match(n)
		}
	})
}

// FuzzMatch: Match never panics on any string, and never matches a name
// under an official registrable domain.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"", ".", "cn", ".cn", "a..cn", "cx.mem.gov.cn.x.top", "yingji-cx.com", "mem.gov.cn", "x.mem.gov.cn"} {
		f.Add(s)
	}
	m := newMatcher(f)
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := m.Match(s); ok && (strings.HasSuffix(s, ".mem.gov.cn") || strings.HasSuffix(s, ".gov.cn")) {
			t.Fatalf("%q matched %+v", s, got)
		}
	})
}

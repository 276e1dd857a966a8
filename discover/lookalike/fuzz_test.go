package lookalike

import (
	"strings"
	"testing"
)

// FuzzGenerate checks the properties every output must hold, whatever the
// host: valid DNS names, no duplicates, never the official host nor a name
// under gov.cn, within the bound.
func FuzzGenerate(f *testing.F) {
	for _, h := range []string{"cx.mem.gov.cn", "zlaq.mohurd.gov.cn", "cnse.e-cqs.cn", "a.b.c.example.com.cn", "xn--fiqs8s.cn", "x.cn"} {
		f.Add(h, 30)
	}
	f.Fuzz(func(t *testing.T, host string, max int) {
		if max > 200 {
			max = 200
		}
		cs, err := Generate(host, Options{MaxCandidates: max})
		if err != nil {
			return
		}
		limit := max
		if limit <= 0 {
			limit = DefaultMaxCandidates
		}
		if len(cs) > limit {
			t.Fatalf("%d candidates over bound %d", len(cs), limit)
		}
		seen := map[string]bool{}
		official := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(host), "."))
		for _, c := range cs {
			if !ValidName(c.Host) || seen[c.Host] || c.Host == official || strings.HasSuffix(c.Host, ".gov.cn") {
				t.Fatalf("bad candidate %q for %q", c.Host, host)
			}
			seen[c.Host] = true
		}
	})
}

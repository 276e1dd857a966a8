package lookalike

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/idna"
)

func hostsOf(cs []Candidate) map[string]Candidate {
	m := map[string]Candidate{}
	for _, c := range cs {
		m[c.Host] = c
	}
	return m
}

func TestGenerateTechniques(t *testing.T) {
	punyMem, err := idna.Lookup.ToASCII("мem") // Cyrillic м
	if err != nil {
		t.Fatal(err)
	}
	punyMohurd, err := idna.Lookup.ToASCII("mоhurd") // Cyrillic о
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		host string
		want map[string]Technique
	}{
		{"cx.mem.gov.cn", map[string]Technique{
			"cx.mem.gov.cn.com":     Subdomain,
			"cx.mem.gov.cn.top":     Subdomain,
			"cx.mem.gov-cn.com":     GovSuffix,
			"cxmem.gov.cn.com":      GovSuffix,
			"mem.govcn.com":         GovSuffix,
			"memgovcn.com":          GovSuffix,
			"cx-mem-gov.cn":         Hyphenation,
			"mem-gov.cn":            Hyphenation,
			"cx-mem-gov-cn.com":     Hyphenation,
			"cxmemgov.cn":           Join,
			"cxmem.cn":              Join,
			"memchaxun.com":         Addition,
			"yingjicx.com":          Addition,
			"cx-yingji.cn":          Addition,
			"cx.mem.com":            TLDSwap,
			"mem.xyz":               TLDSwap,
			"cx.rnem.cn":            Homoglyph,
			"rnem.com":              Homoglyph,
			"cx." + punyMem + ".cn": IDNHomoglyph,
			"cx.me.cn":              Omission,
			"cx.mmem.cn":            Repetition,
			"cx.emm.cn":             Transposition,
			"cx.nem.cn":             Replacement,
			"cx.mjem.cn":            Insertion,
		}},
		{"zlaq.mohurd.gov.cn", map[string]Technique{
			"zlaq.mohurd.gov.cn.com":     Subdomain,
			"zlaq.mohurd.gov-cn.com":     GovSuffix,
			"zlaqmohurd.gov.cn.com":      GovSuffix,
			"zlaq-mohurd-gov.cn":         Hyphenation,
			"zlaqmohurd.cn":              Join,
			"zhujianchaxun.com":          Addition,
			"mohurd-query.com":           Addition,
			"mohurd.com":                 TLDSwap,
			"zlaq.rnohurd.cn":            Homoglyph,
			"zlaq.m0hurd.com":            Homoglyph,
			"zlaq." + punyMohurd + ".cn": IDNHomoglyph,
			"zlaq.mohrd.cn":              Omission,
			"zlaq.mohhurd.cn":            Repetition,
			"zlaq.mohudr.cn":             Transposition,
			"zlaq.mohyrd.cn":             Replacement,
			"zlaq.mohuyrd.cn":            Insertion,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.host, func(t *testing.T) {
			cs, err := Generate(tc.host, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 || len(cs) > DefaultMaxCandidates {
				t.Fatalf("got %d candidates", len(cs))
			}
			byHost := hostsOf(cs)
			if len(byHost) != len(cs) {
				t.Errorf("duplicates: %d unique of %d", len(byHost), len(cs))
			}
			counts := CountByTechnique(cs)
			for _, tech := range Techniques {
				if counts[tech] == 0 {
					t.Errorf("no candidate by %s", tech)
				}
				if tech.Label() == "其他变形" {
					t.Errorf("technique %s has no Chinese name", tech)
				}
			}
			for h, tech := range tc.want {
				c, ok := byHost[h]
				if !ok {
					t.Errorf("missing %s (%s)", h, tech)
					continue
				}
				if c.Technique != tech {
					t.Errorf("%s: technique %s, want %s", h, c.Technique, tech)
				}
			}
			for _, c := range cs {
				if !ValidName(c.Host) {
					t.Errorf("invalid name %q", c.Host)
				}
				if c.Host == tc.host || strings.HasSuffix(c.Host, ".gov.cn") {
					t.Errorf("unregistrable or official name %q", c.Host)
				}
				if c.Official != tc.host {
					t.Errorf("%s: official %q", c.Host, c.Official)
				}
				if strings.Contains(c.Host, "xn--") {
					u, err := idna.ToUnicode(c.Host)
					if err != nil || c.Unicode != u {
						t.Errorf("%s: unicode %q, want %q (%v)", c.Host, c.Unicode, u, err)
					}
				}
				if !strings.Contains(c.Reason(), c.Technique.Label()) {
					t.Errorf("reason %q lacks technique", c.Reason())
				}
			}
		})
	}
}

func TestGenerateUnrestrictedSuffix(t *testing.T) {
	cs, err := Generate("cnse.e-cqs.cn", Options{Anchors: []string{"duckdns.org"}})
	if err != nil {
		t.Fatal(err)
	}
	byHost := hostsOf(cs)
	for _, h := range []string{"cnse.ecqs.cn", "ecqs.cn", "cnse.e-cqs.com", "cnse.e-cqs.cn.duckdns.org", "cnse-e-cqs-cn.duckdns.org", "tezhong-e-cqs.cn"} {
		if _, ok := byHost[h]; !ok {
			t.Errorf("missing %s", h)
		}
	}
	for _, c := range cs {
		if c.Host == "e-cqs.cn" || strings.HasSuffix(c.Host, ".e-cqs.cn") {
			t.Errorf("name under the official domain: %s", c.Host)
		}
	}
}

func TestGenerateIDNOfficial(t *testing.T) {
	cs, err := Generate("查询.例子.cn", Options{MaxCandidates: 50})
	if err != nil {
		t.Fatal(err)
	}
	official, _ := idna.Lookup.ToASCII("查询.例子.cn")
	if len(cs) == 0 || cs[0].Official != official {
		t.Fatalf("got %d candidates, first %+v", len(cs), cs)
	}
	byHost := hostsOf(cs)
	for _, want := range []string{official + ".com", strings.TrimSuffix(official, ".cn") + ".com"} {
		if _, ok := byHost[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	for _, c := range cs {
		switch c.Technique {
		case Subdomain, TLDSwap, GovSuffix:
		default:
			t.Errorf("%s: %s applied to punycode letters", c.Host, c.Technique)
		}
		if u, err := idna.Lookup.ToUnicode(c.Host); err != nil || u != c.Unicode {
			t.Errorf("%s: unicode %q vs %q (%v)", c.Host, c.Unicode, u, err)
		}
	}
}

func TestGenerateBounded(t *testing.T) {
	cs, err := Generate("zlaq.mohurd.gov.cn", Options{MaxCandidates: 40, Words: []string{"anquanzheng"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 40 {
		t.Fatalf("got %d, want 40", len(cs))
	}
	// Interleaving keeps every technique represented under a tight bound.
	if n := len(CountByTechnique(cs)); n != len(Techniques) {
		t.Errorf("%d techniques under the bound, want %d", n, len(Techniques))
	}
	all, _ := Generate("zlaq.mohurd.gov.cn", Options{MaxCandidates: 1 << 30, Words: []string{"anquanzheng"}})
	if len(all) > HardMaxCandidates {
		t.Errorf("hard bound not applied: %d", len(all))
	}
	if _, ok := hostsOf(all)["mohurdanquanzheng.com"]; !ok {
		t.Error("extra word not used")
	}
}

func TestGenerateBadHost(t *testing.T) {
	for _, h := range []string{"", "localhost", "a..cn", "-x.cn", "x-.cn", "ex ample.cn", "gov.cn", strings.Repeat("a", 64) + ".cn", strings.Repeat("abcdefghi.", 26) + "cn", "1.2.3.4"} {
		if _, err := Generate(h, Options{}); !errors.Is(err, ErrBadHost) {
			t.Errorf("Generate(%q): err %v, want ErrBadHost", h, err)
		}
	}
}

func TestValidName(t *testing.T) {
	for s, want := range map[string]bool{
		"cx-mem-gov.cn":                 true,
		"xn--em-7lc.cn":                 true,
		"ab--cd.cn":                     false,
		"a.b":                           true,
		"com":                           false,
		"a_b.cn":                        false,
		"A.cn":                          false,
		"mem.123":                       false,
		"-a.cn":                         false,
		"a..cn":                         false,
		strings.Repeat("a", 63) + ".cn": true,
		strings.Repeat("a", 64) + ".cn": false,
	} {
		if got := ValidName(s); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", s, got, want)
		}
	}
}

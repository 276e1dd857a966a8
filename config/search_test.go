package config

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/internal/strictyaml"
)

// searchConfig is a configuration with one search source whose terms key
// is terms (YAML, after "terms:"); the source starts at line 2.
func searchConfig(terms string) string {
	return "database: x.db\nsources:\n  - id: engine\n    type: search\n    url: \"https://sousuo.example/s?wd={q}\"\n    terms: " + terms + "\n    listing: {item: .result, link: h3 a}\n"
}

// TestOfficialSitesTerms: terms: official_sites, alone or in a list with
// other terms, asks for the official sites' names and titles; the other
// terms are kept in order.
func TestOfficialSitesTerms(t *testing.T) {
	for _, tc := range []struct {
		terms    string
		official bool
		want     []string
	}{
		{"official_sites", true, nil},
		{"[official_sites]", true, nil},
		{"[特种作业操作证查询, official_sites, 官网可查 证书]", true, []string{"特种作业操作证查询", "官网可查 证书"}},
		{"[特种作业操作证查询, 官网可查 证书]", false, []string{"特种作业操作证查询", "官网可查 证书"}},
		{"特种作业操作证查询", false, []string{"特种作业操作证查询"}},
	} {
		c, err := Parse("c.yaml", []byte(searchConfig(tc.terms)))
		if err != nil {
			t.Errorf("terms: %s: %v", tc.terms, err)
			continue
		}
		s := c.Source("engine")
		if s.OfficialSiteTerms != tc.official || !slices.Equal(s.Terms, tc.want) {
			t.Errorf("terms: %s: official %v, terms %q; want %v, %q", tc.terms, s.OfficialSiteTerms, s.Terms, tc.official, tc.want)
		}
	}
}

// TestSearchTermsErrors: a misspelt keyword, a duplicate, a term too long,
// official_sites twice and too many terms are errors naming file, line
// and key.
func TestSearchTermsErrors(t *testing.T) {
	long := strings.Repeat("查", MaxSearchTermRunes+1)
	var many []string
	for i := 0; i <= MaxSearchTerms; i++ {
		many = append(many, fmt.Sprintf("词%d", i))
	}
	for _, tc := range []struct{ terms, want string }{
		{"official_site", `c.yaml:6: sources[0].terms: unknown terms keyword "official_site" (the only one is official_sites`},
		{"[电工证, offical_sites]", `c.yaml:6: sources[0].terms[1]: unknown terms keyword "offical_sites"`},
		{"[电工证, 焊工证, 电工证]", `c.yaml:6: sources[0].terms[2]: search term "电工证" is given twice (first as sources[0].terms[0])`},
		{"[official_sites, official_sites]", `c.yaml:6: sources[0].terms[1]: official_sites is given twice`},
		{"[" + long + "]", `c.yaml:6: sources[0].terms[0]: a search term of 101 characters is longer than the 100 allowed`},
		{"[" + strings.Join(many, ", ") + "]", `c.yaml:6: sources[0].terms: 201 search terms, more than the 200 allowed`},
		{"[]", `c.yaml:6: sources[0].terms: must not be an empty list`},
		{"\n      - 电工证\n      - {a: b}", `c.yaml:8: sources[0].terms[1]: must be text`},
	} {
		_, err := Parse("c.yaml", []byte(searchConfig(tc.terms)))
		var es strictyaml.Errors
		if !errors.As(err, &es) {
			t.Errorf("terms: %.40s: want located errors, got %v", tc.terms, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("terms: %.40s:\ngot  %v\nwant %s", tc.terms, err, tc.want)
		}
	}
	// A site source has no terms, official_sites or not.
	_, err := Parse("c.yaml", []byte("database: x.db\nsources:\n  - id: a\n    type: site\n    start: [\"https://a.example/\"]\n    terms: official_sites\n"))
	if err == nil || !strings.Contains(err.Error(), `c.yaml:6: sources[0].terms: a site source has no "terms"`) {
		t.Errorf("terms on a site source: %v", err)
	}
}

// TestExampleSearchEngineSource: the commented-out search-engine source of
// config.example.yaml loads once uncommented, with official_sites and
// the listing selectors of a typical result page.
func TestExampleSearchEngineSource(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var block []string
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "  # - id: sousuo"):
			block = append(block, "  - id: sousuo")
		case len(block) > 0 && strings.HasPrefix(l, "  #   "):
			block = append(block, "  "+strings.TrimPrefix(l, "  # "))
		case len(block) > 0:
			goto done
		}
	}
done:
	if len(block) < 10 {
		t.Fatalf("no commented-out sousuo source in config.example.yaml (%d lines)", len(block))
	}
	c, err := Parse("example.yaml", []byte("database: x.db\nsources:\n"+strings.Join(block, "\n")+"\n"))
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(block, "\n"))
	}
	s := c.Source("sousuo")
	if s.Kind != KindSearch || !s.OfficialSiteTerms || len(s.Terms) != 7 || !slices.Contains(s.Terms, "官网可查 证书") || !s.RenderAuto ||
		s.Listing == nil || s.Listing.Item != ".result" || s.Listing.Link != "h3 a" || s.Listing.Next == "" || s.ResultPages != 2 {
		t.Errorf("example search-engine source: %+v, listing %+v", s, s.Listing)
	}
}

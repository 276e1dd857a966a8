package config

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// OfficialSitesTerms is the value of a search source's terms key (alone,
// or as one entry of the list) that stands for the names and titles of
// the rule packs' official certificate-query sites (rules.Imitation.Sites),
// read when a sweep starts: a search engine searched for them lists the
// official platforms, pages that explain them, and imitations of them.
const OfficialSitesTerms = "official_sites"

// Bounds on a search source's terms: each term is one request per result
// page per sweep.
const (
	MaxSearchTerms     = 200
	MaxSearchTermRunes = 100
)

// keywordLike is a term that looks like a keyword of this file (letters
// joined by underscores) rather than something a person searches for: a
// misspelt official_sites.
var keywordLike = regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)

// terms decodes a search source's terms: a list of search terms (or one
// term), in which OfficialSitesTerms stands for the official sites'
// names and titles (s.OfficialSiteTerms).
func (d *decoder) terms(n *yaml.Node, key string, s *Source) {
	// Each entry with its node and key, for errors at its own line.
	type entry struct {
		node *yaml.Node
		key  string
		term string
	}
	var entries []entry
	if n.Kind == yaml.SequenceNode {
		if len(n.Content) == 0 {
			d.Fail(n, key, "must not be an empty list")
		}
		for i, c := range n.Content {
			e := entry{node: c, key: fmt.Sprintf("%s[%d]", key, i)}
			d.Str(c, e.key, &e.term)
			if e.term != "" {
				entries = append(entries, e)
			}
		}
	} else {
		e := entry{node: n, key: key}
		d.Str(n, key, &e.term) // one term, or official_sites
		if e.term != "" {
			entries = append(entries, e)
		}
	}
	seen := map[string]string{}
	for _, e := range entries {
		t := e.term
		switch {
		case t == OfficialSitesTerms:
			if s.OfficialSiteTerms {
				d.Fail(e.node, e.key, "%s is given twice", OfficialSitesTerms)
			}
			s.OfficialSiteTerms = true
			continue
		case keywordLike.MatchString(t):
			d.Fail(e.node, e.key, "unknown terms keyword %q (the only one is %s: the names and titles of the rule packs' official query sites)", t, OfficialSitesTerms)
			continue
		case utf8.RuneCountInString(t) > MaxSearchTermRunes:
			d.Fail(e.node, e.key, "a search term of %d characters is longer than the %d allowed", utf8.RuneCountInString(t), MaxSearchTermRunes)
			continue
		}
		if first, dup := seen[t]; dup {
			d.Fail(e.node, e.key, "search term %q is given twice (first as %s)", t, first)
			continue
		}
		seen[t] = e.key
		s.Terms = append(s.Terms, t)
	}
	if len(s.Terms) > MaxSearchTerms {
		d.Fail(n, key, "%d search terms, more than the %d allowed (each is fetched every sweep)", len(s.Terms), MaxSearchTerms)
	}
}

package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/strictyaml"
)

// Error is one problem in a pack file, located by line and key path.
type Error = strictyaml.Error

// Errors is every problem found in one file, in file order.
type Errors = strictyaml.Errors

// MaxPackSize bounds a pack file; larger files are refused before parsing.
const MaxPackSize = 64 << 20

// LoadFile reads and validates one pack file.
func LoadFile(path string) (*Pack, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	// Read at most one byte past the limit, so a FIFO or a file that grows
	// after a size check cannot get past it.
	data, err := io.ReadAll(io.LimitReader(f, MaxPackSize+1))
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if len(data) > MaxPackSize {
		return nil, fmt.Errorf("rules: %s: the file is larger than the %d bytes allowed for a rule pack (规则包超过 %d MiB 上限)", path, MaxPackSize, MaxPackSize>>20)
	}
	return Parse(path, data)
}

// LoadPath loads a pack file, or every *.yaml / *.yml file of a directory
// (in name order). Rule ids must be unique across the packs.
func LoadPath(path string) ([]*Pack, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if !st.IsDir() {
		p, err := LoadFile(path)
		if err != nil {
			return nil, err
		}
		return []*Pack{p}, nil
	}
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(path, pat))
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("rules: %s: no *.yaml rule packs in directory", path)
	}
	var packs []*Pack
	var errs []error
	for _, f := range files {
		p, err := LoadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		packs = append(packs, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := CheckSet(packs); err != nil {
		return nil, err
	}
	return packs, nil
}

// CheckSet verifies what must hold across packs used together: unique rule ids.
func CheckSet(packs []*Pack) error {
	seen := map[string]*Rule{}
	var errs Errors
	for _, p := range packs {
		for _, r := range p.Rules {
			if prev, ok := seen[r.ID]; ok {
				errs = append(errs, &Error{File: p.File, Line: r.Line, Key: "rules.id",
					Msg: fmt.Sprintf("duplicate id %q (also in %s:%d)", r.ID, prev.Pack.File, prev.Line)})
				continue
			}
			seen[r.ID] = r
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Parse validates pack data read from file (the name is used in errors).
func Parse(file string, data []byte) (*Pack, error) {
	root, err := strictyaml.Parse(file, "rule pack", data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	d := &decoder{Decoder: strictyaml.Decoder{File: file}}
	p := &Pack{File: file, Hash: hex.EncodeToString(sum[:]), Window: 12, NegationGap: 2}
	d.pack(root, p)
	if err := d.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// decoder adds the rule-pack parts to the strict YAML decoder.
type decoder struct {
	strictyaml.Decoder
}

func (d *decoder) pack(n *yaml.Node, p *Pack) {
	var rulesNode *yaml.Node
	var rulesKey string
	var imitNode *yaml.Node
	var imitKey string
	var famNode, shortNode, notNegNode *yaml.Node
	var famKey, shortKey, notNegKey string
	catLine := map[string]int{}
	threshold := -1.0
	d.Fields(n, "", map[string]func(*yaml.Node, string){
		"name":      func(v *yaml.Node, k string) { d.ID(v, k, &p.Name) },
		"issuer":    func(v *yaml.Node, k string) { d.Str(v, k, &p.Issuer) },
		"version":   func(v *yaml.Node, k string) { d.Str(v, k, &p.DeclaredVersion) },
		"threshold": func(v *yaml.Node, k string) { d.Num(v, k, 0.1, 1000, true, &threshold) },
		"window":    func(v *yaml.Node, k string) { d.Int(v, k, 1, 500, &p.Window) },
		"categories": func(v *yaml.Node, k string) {
			if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
				d.Fail(v, k, "must be a mapping of category id to display name, got %s", strictyaml.KindName(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				ck, cv := v.Content[i], v.Content[i+1]
				var c Category
				d.ID(ck, k+"."+ck.Value, &c.ID)
				d.Str(cv, k+"."+ck.Value, &c.Name)
				if c.ID == "" {
					continue
				}
				if _, dup := catLine[c.ID]; dup {
					d.Fail(ck, k+"."+ck.Value, "category declared twice")
					continue
				}
				catLine[c.ID] = ck.Line
				p.Categories = append(p.Categories, c)
			}
		},
		"search_terms":     func(v *yaml.Node, k string) { d.StrList(v, k, &p.SearchTerms) },
		"negations":        func(v *yaml.Node, k string) { d.StrList(v, k, &p.Negations) },
		"not_negations":    func(v *yaml.Node, k string) { notNegNode, notNegKey = v, k },
		"negation_gap":     func(v *yaml.Node, k string) { d.Int(v, k, 0, 10, &p.NegationGap) },
		"question_gap":     func(v *yaml.Node, k string) { d.Int(v, k, 0, 30, &p.QuestionGap) },
		"ignore_quoted":    func(v *yaml.Node, k string) { d.Bool(v, k, &p.IgnoreQuoted) },
		"exclusion_window": func(v *yaml.Node, k string) { d.Int(v, k, 0, 100000, &p.ExclusionWindow) },
		"contact_bonus":    func(v *yaml.Node, k string) { d.contactBonus(v, k, &p.ContactBonus) },
		"exclusions": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) { p.Exclusions = append(p.Exclusions, d.exclusion(c, k)) })
		},
		"rules":      func(v *yaml.Node, k string) { rulesNode, rulesKey = v, k },
		"imitation":  func(v *yaml.Node, k string) { imitNode, imitKey = v, k },
		"removal":    func(v *yaml.Node, k string) { d.removal(v, k, &p.Removal) },
		"families":   func(v *yaml.Node, k string) { famNode, famKey = v, k },
		"short_text": func(v *yaml.Node, k string) { shortNode, shortKey = v, k },
		"genres":     func(v *yaml.Node, k string) { d.genres(v, k, p) },
	}, "name", "issuer", "version", "threshold", "categories", "rules")
	p.Threshold = threshold
	if notNegNode != nil {
		d.notNegations(notNegNode, notNegKey, p)
	}

	// Families first: short_text and the rules' proximity clauses name them.
	p.Families = map[string]*Family{}
	if famNode != nil {
		d.families(famNode, famKey, p)
		d.checkFamilies(p)
	}
	if shortNode != nil {
		p.ShortText = d.shortText(shortNode, shortKey, p)
		if p.ShortText.Threshold > 0 && threshold > 0 && p.ShortText.Threshold > threshold {
			d.Fail(shortNode, shortKey+".threshold", "%g is above the pack's threshold %g; a short text's threshold may only be lower", p.ShortText.Threshold, threshold)
		}
	}
	if rulesNode != nil {
		ids := map[string]int{}
		d.List(rulesNode, rulesKey, func(_ int, c *yaml.Node, k string) {
			if r := d.rule(c, k, p, catLine); d.Unique(ids, c, k+".id", "id", r.ID) {
				p.Rules = append(p.Rules, r)
			}
		})
		if len(rulesNode.Content) == 0 {
			d.Fail(rulesNode, rulesKey, "a pack needs at least one rule")
		}
	}
	if imitNode != nil {
		p.Imitation = d.imitation(imitNode, imitKey, p)
	}
}

func (d *decoder) rule(n *yaml.Node, path string, p *Pack, cats map[string]int) *Rule {
	r := &Rule{Pack: p, Line: n.Line}
	var catNode, routeNode *yaml.Node
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"id":          func(v *yaml.Node, k string) { d.ID(v, k, &r.ID) },
		"category":    func(v *yaml.Node, k string) { d.Str(v, k, &r.Category); catNode = v },
		"description": func(v *yaml.Node, k string) { d.Str(v, k, &r.Description) },
		"legal_basis": func(v *yaml.Node, k string) { d.Str(v, k, &r.LegalBasis) },
		"route": func(v *yaml.Node, k string) {
			var s string
			d.Str(v, k, &s)
			r.Route = casework.Route(s)
			routeNode = v
		},
		"terms": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) { r.Terms = append(r.Terms, d.term(c, k)) })
		},
		"groups": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) { r.Groups = append(r.Groups, d.group(c, k, p)) })
		},
		"exclusions": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) { r.Exclusions = append(r.Exclusions, d.exclusion(c, k)) })
		},
		"near": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) { r.Near = append(r.Near, d.near(c, k, p)) })
		},
	}, "id", "category", "description", "legal_basis", "route")
	if catNode != nil && r.Category != "" {
		if _, ok := cats[r.Category]; !ok {
			d.Fail(catNode, path+".category", "category %q is not declared under categories", r.Category)
		}
	}
	if routeNode != nil && r.Route != "" {
		if !r.Route.Known() {
			d.Fail(routeNode, path+".route", "unknown route %q (one of %s)", r.Route, casework.Join(casework.Routes))
		}
	}
	return r
}

func (d *decoder) term(n *yaml.Node, path string) Term {
	t := Term{Line: n.Line}
	if n.Kind == yaml.ScalarNode {
		d.Fail(n, path, "a term needs a weight: write {term: %s, weight: N}", n.Value)
		return t
	}
	var patNode *yaml.Node
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"term":    func(v *yaml.Node, k string) { d.Str(v, k, &t.Text) },
		"pattern": func(v *yaml.Node, k string) { patNode = v; t.Pattern = d.Pattern(v, k) },
		"weight":  func(v *yaml.Node, k string) { d.Num(v, k, -100, 100, true, &t.Weight) },
		"pinyin": func(v *yaml.Node, k string) {
			if v.Kind == yaml.ScalarNode && v.Value == "full" {
				t.Pinyin = true
				return
			}
			d.Bool(v, k, &t.Pinyin)
			t.Initial = t.Pinyin
		},
	}, "weight")
	switch {
	case t.Text == "" && patNode == nil && !hasKey(n, "term"):
		d.Fail(n, path, "needs either term or pattern")
	case t.Text != "" && patNode != nil:
		d.Fail(n, path, "has both term and pattern; use one")
	case patNode != nil && t.Pinyin:
		d.Fail(n, path+".pinyin", "pinyin applies to literal terms only")
	}
	return t
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (d *decoder) group(n *yaml.Node, path string, p *Pack) Group {
	g := Group{Line: n.Line, Window: p.Window}
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"name":   func(v *yaml.Node, k string) { d.Str(v, k, &g.Name) },
		"weight": func(v *yaml.Node, k string) { d.Num(v, k, -100, 100, true, &g.Weight) },
		"window": func(v *yaml.Node, k string) { d.Int(v, k, 1, 500, &g.Window) },
		"all": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) {
				var slot []string
				d.StrList(c, k, &slot)
				if len(slot) > 0 {
					g.Slots = append(g.Slots, slot)
				}
			})
			if v.Kind == yaml.SequenceNode && len(v.Content) < 2 {
				d.Fail(v, k, "a group needs at least two slots")
			}
		},
	}, "name", "weight", "all")
	for i, s := range g.Slots {
		for _, t := range s {
			if strings.HasPrefix(t, "@") && !IsContactToken(t) {
				d.Fail(n, fmt.Sprintf("%s.all[%d]", path, i), "unknown contact token %q (one of @contact, @phone, @wechat, @qq, @url)", t)
			}
		}
	}
	return g
}

func (d *decoder) exclusion(n *yaml.Node, path string) Exclusion {
	e := Exclusion{Line: n.Line, MaxHits: 1, NearLines: -1}
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"id":     func(v *yaml.Node, k string) { d.ID(v, k, &e.ID) },
		"reason": func(v *yaml.Node, k string) { d.Str(v, k, &e.Reason) },
		"weight": func(v *yaml.Node, k string) {
			d.Num(v, k, -100, -0.01, true, &e.Weight)
		},
		"max_hits":   func(v *yaml.Node, k string) { d.Int(v, k, 1, 100, &e.MaxHits) },
		"near_lines": func(v *yaml.Node, k string) { d.Int(v, k, 0, 1000, &e.NearLines) },
		"terms":      func(v *yaml.Node, k string) { d.StrList(v, k, &e.Terms) },
	}, "id", "reason", "weight", "terms")
	return e
}

// contactBonus decodes {weight: W, window: N}: both required, the weight
// positive.
func (d *decoder) contactBonus(n *yaml.Node, path string, b *ContactBonus) {
	b.Line = n.Line
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"weight": func(v *yaml.Node, k string) { d.Num(v, k, 0.01, 100, true, &b.Weight) },
		"window": func(v *yaml.Node, k string) { d.Int(v, k, 1, 1000, &b.Window) },
	}, "weight", "window")
}

// removal decodes the removal markers: optional lists of non-empty,
// distinct phrases, at least one list.
func (d *decoder) removal(n *yaml.Node, path string, r *Removal) {
	r.Line = n.Line
	list := func(dst *[]string) func(*yaml.Node, string) {
		return func(v *yaml.Node, k string) {
			d.StrList(v, k, dst)
			if v.Kind != yaml.SequenceNode {
				return
			}
			seen := map[string]bool{}
			for i, c := range v.Content {
				s := strings.TrimSpace(c.Value)
				if s != "" && seen[s] {
					d.Fail(c, fmt.Sprintf("%s[%d]", k, i), "marker %q is listed twice", s)
				}
				seen[s] = true
			}
		}
	}
	ok := d.Fields(n, path, map[string]func(*yaml.Node, string){
		"gone":    list(&r.Gone),
		"blocked": list(&r.Blocked),
	})
	if ok && len(n.Content) == 0 {
		d.Fail(n, path, "needs gone or blocked markers (or leave the section out)")
	}
}

func (d *decoder) imitation(n *yaml.Node, path string, p *Pack) *Imitation {
	im := &Imitation{Line: n.Line, MinSimilarity: 0.5}
	var ruleNode *yaml.Node
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"rule":              func(v *yaml.Node, k string) { d.Str(v, k, &im.Rule); ruleNode = v },
		"official_suffixes": func(v *yaml.Node, k string) { d.StrList(v, k, &im.OfficialSuffixes) },
		"min_similarity":    func(v *yaml.Node, k string) { d.Num(v, k, 0.01, 1, true, &im.MinSimilarity) },
		"agencies":          func(v *yaml.Node, k string) { d.StrList(v, k, &im.Agencies) },
		"query_terms":       func(v *yaml.Node, k string) { d.StrList(v, k, &im.QueryTerms) },
		"form_labels":       func(v *yaml.Node, k string) { d.StrList(v, k, &im.FormLabels) },
		"copyright_pattern": func(v *yaml.Node, k string) { im.CopyrightPattern = d.Pattern(v, k) },
		"weights": func(v *yaml.Node, k string) {
			w := &im.Weights
			num := func(dst *float64) func(*yaml.Node, string) {
				return func(v *yaml.Node, k string) { d.Num(v, k, 0, 100, false, dst) }
			}
			d.Fields(v, k, map[string]func(*yaml.Node, string){
				"title": num(&w.Title), "agency": num(&w.Agency), "form": num(&w.Form),
				"copyright": num(&w.Copyright), "query": num(&w.Query), "host": num(&w.Host),
			}, "title", "agency", "form", "copyright", "query", "host")
		},
		"sites": func(v *yaml.Node, k string) {
			d.List(v, k, func(_ int, c *yaml.Node, k string) {
				s := OfficialSite{Line: c.Line}
				d.Fields(c, k, map[string]func(*yaml.Node, string){
					"name":        func(v *yaml.Node, k string) { d.Str(v, k, &s.Name) },
					"hosts":       func(v *yaml.Node, k string) { d.hosts(v, k, &s.Hosts) },
					"titles":      func(v *yaml.Node, k string) { d.StrList(v, k, &s.Titles) },
					"agency":      func(v *yaml.Node, k string) { d.Str(v, k, &s.Agency) },
					"form_labels": func(v *yaml.Node, k string) { d.StrList(v, k, &s.FormLabels) },
				}, "name", "hosts", "titles", "agency")
				im.Sites = append(im.Sites, s)
			})
		},
	}, "rule", "official_suffixes", "weights", "agencies", "query_terms", "form_labels", "sites")
	for i, s := range im.OfficialSuffixes {
		im.OfficialSuffixes[i] = strings.Trim(strings.ToLower(s), ".")
	}
	if ruleNode != nil && im.Rule != "" {
		r := p.Rule(im.Rule)
		switch {
		case r == nil:
			d.Fail(ruleNode, path+".rule", "no rule with id %q in this pack", im.Rule)
		case r.Category != "imitation_site":
			d.Fail(ruleNode, path+".rule", "rule %q has category %q; the imitation rule needs category imitation_site", im.Rule, r.Category)
		}
	}
	return im
}

var hostPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

func (d *decoder) hosts(n *yaml.Node, key string, dst *[]string) {
	var hs []string
	d.StrList(n, key, &hs)
	for _, h := range hs {
		h = strings.ToLower(h)
		if !hostPattern.MatchString(h) {
			d.Fail(n, key, "%q is not a host name", h)
			continue
		}
		*dst = append(*dst, h)
	}
}

// notNegations decodes not_negations: words that begin with one of the
// pack's negation cues but negate nothing (不同, 不少, 不仅), so a term after
// them still counts. Each must begin with a cue of the same pack.
func (d *decoder) notNegations(n *yaml.Node, key string, p *Pack) {
	d.StrList(n, key, &p.NotNegations)
	for i, w := range p.NotNegations {
		at := n
		if n.Kind == yaml.SequenceNode && i < len(n.Content) {
			at = n.Content[i]
		}
		ok := false
		for _, c := range p.Negations {
			if c != "" && strings.HasPrefix(w, c) && w != c {
				ok = true
				break
			}
		}
		if !ok {
			d.Fail(at, fmt.Sprintf("%s[%d]", key, i), "%q does not begin with a negation cue of this pack (and is not a cue itself)", w)
		}
	}
}

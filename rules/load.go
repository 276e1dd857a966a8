package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a pack file, located by line and key path.
type Error struct {
	File string
	Line int
	Key  string // key path such as rules[2].terms[0].weight; empty for syntax errors
	Msg  string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// MaxPackSize bounds a pack file; larger files are refused before parsing.
const MaxPackSize = 64 << 20

// LoadFile reads and validates one pack file.
func LoadFile(path string) (*Pack, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if st.Size() > MaxPackSize {
		return nil, fmt.Errorf("rules: %s: %d bytes is larger than the %d allowed", path, st.Size(), MaxPackSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
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

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse validates pack data read from file (the name is used in errors).
func Parse(file string, data []byte) (*Pack, error) {
	if !utf8.Valid(data) {
		return nil, Errors{{File: file, Line: firstInvalidLine(data), Msg: "file is not valid UTF-8"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 0, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		return nil, Errors{{File: file, Line: line, Msg: "YAML syntax: " + msg}}
	}
	if len(doc.Content) == 0 {
		return nil, Errors{{File: file, Line: 1, Msg: "empty rule pack"}}
	}
	sum := sha256.Sum256(data)
	d := &decoder{file: file}
	p := &Pack{File: file, Hash: hex.EncodeToString(sum[:]), Window: 12, NegationGap: 2}
	d.pack(doc.Content[0], p)
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Line < d.errs[j].Line })
		return nil, d.errs
	}
	return p, nil
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line
}

// decoder walks the YAML node tree, collecting every error with its line.
type decoder struct {
	file string
	errs Errors
}

func (d *decoder) fail(n *yaml.Node, key, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// fields walks a mapping, calling set for each known key and reporting
// unknown, duplicate and missing required keys.
func (d *decoder) fields(n *yaml.Node, path string, set map[string]func(v *yaml.Node, key string), required ...string) bool {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "must be a mapping, got %s", kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := join(path, k.Value)
		fn, ok := set[k.Value]
		if !ok {
			d.fail(k, key, "unknown key %q (known: %s)", k.Value, knownKeys(set))
			continue
		}
		if seen[k.Value] {
			d.fail(k, key, "key given twice")
			continue
		}
		seen[k.Value] = true
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		fn(v, key)
	}
	for _, r := range required {
		if !seen[r] {
			d.fail(n, join(path, r), "required key is missing")
		}
	}
	return true
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func knownKeys(set map[string]func(*yaml.Node, string)) string {
	ks := make([]string, 0, len(set))
	for k := range set {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unexpected node"
}

func (d *decoder) str(n *yaml.Node, key string, dst *string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, key, "must be text, got %s", kindName(n))
		return
	}
	v := strings.TrimSpace(n.Value)
	if v == "" {
		d.fail(n, key, "must not be empty")
		return
	}
	*dst = v
}

func (d *decoder) num(n *yaml.Node, key string, lo, hi float64, nonZero bool, dst *float64) {
	var f float64
	var err error
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		f, err = strconv.ParseFloat(n.Value, 64)
	} else {
		err = errors.New("not a number")
	}
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < lo || f > hi || (nonZero && f == 0) {
		extra := ""
		if nonZero {
			extra = " other than 0"
		}
		d.fail(n, key, "must be a number in [%g, %g]%s, got %s", lo, hi, extra, kindName(n))
		return
	}
	*dst = f
}

func (d *decoder) integer(n *yaml.Node, key string, lo, hi int, dst *int) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || v < lo || v > hi {
		d.fail(n, key, "must be a whole number in [%d, %d], got %s", lo, hi, kindName(n))
		return
	}
	*dst = v
}

func (d *decoder) boolean(n *yaml.Node, key string, dst *bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.fail(n, key, "must be true or false, got %s", kindName(n))
		return
	}
	*dst = n.Value == "true"
}

// strList decodes a list of non-empty strings (a single string is accepted as a list of one).
func (d *decoder) strList(n *yaml.Node, key string, dst *[]string) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		var s string
		d.str(n, key, &s)
		if s != "" {
			*dst = append(*dst, s)
		}
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, key, "must be a list of text, got %s", kindName(n))
		return
	}
	if len(n.Content) == 0 {
		d.fail(n, key, "must not be an empty list")
		return
	}
	for i, c := range n.Content {
		var s string
		d.str(c, fmt.Sprintf("%s[%d]", key, i), &s)
		if s != "" {
			*dst = append(*dst, s)
		}
	}
}

func (d *decoder) list(n *yaml.Node, key string, each func(i int, c *yaml.Node, key string)) {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, key, "must be a list, got %s", kindName(n))
		return
	}
	for i, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			c = c.Alias
		}
		each(i, c, fmt.Sprintf("%s[%d]", key, i))
	}
}

func (d *decoder) pattern(n *yaml.Node, key string) *regexp.Regexp {
	var s string
	d.str(n, key, &s)
	if s == "" {
		return nil
	}
	re, err := regexp.Compile(s)
	if err != nil {
		d.fail(n, key, "invalid pattern: %v", err)
		return nil
	}
	if re.MatchString("") {
		d.fail(n, key, "pattern %q matches empty text", s)
		return nil
	}
	return re
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

func (d *decoder) id(n *yaml.Node, key string, dst *string) {
	d.str(n, key, dst)
	if *dst != "" && !idPattern.MatchString(*dst) {
		d.fail(n, key, "id %q must be lower-case letters, digits, '-', '_' or '.'", *dst)
		*dst = ""
	}
}

func (d *decoder) pack(n *yaml.Node, p *Pack) {
	var rulesNode *yaml.Node
	var rulesKey string
	var imitNode *yaml.Node
	var imitKey string
	catLine := map[string]int{}
	threshold := -1.0
	d.fields(n, "", map[string]func(*yaml.Node, string){
		"name":      func(v *yaml.Node, k string) { d.id(v, k, &p.Name) },
		"issuer":    func(v *yaml.Node, k string) { d.str(v, k, &p.Issuer) },
		"version":   func(v *yaml.Node, k string) { d.str(v, k, &p.DeclaredVersion) },
		"threshold": func(v *yaml.Node, k string) { d.num(v, k, 0.1, 1000, true, &threshold) },
		"window":    func(v *yaml.Node, k string) { d.integer(v, k, 1, 500, &p.Window) },
		"categories": func(v *yaml.Node, k string) {
			if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
				d.fail(v, k, "must be a mapping of category id to display name, got %s", kindName(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				ck, cv := v.Content[i], v.Content[i+1]
				var c Category
				d.id(ck, k+"."+ck.Value, &c.ID)
				d.str(cv, k+"."+ck.Value, &c.Name)
				if c.ID == "" {
					continue
				}
				if _, dup := catLine[c.ID]; dup {
					d.fail(ck, k+"."+ck.Value, "category declared twice")
					continue
				}
				catLine[c.ID] = ck.Line
				p.Categories = append(p.Categories, c)
			}
		},
		"search_terms":  func(v *yaml.Node, k string) { d.strList(v, k, &p.SearchTerms) },
		"negations":     func(v *yaml.Node, k string) { d.strList(v, k, &p.Negations) },
		"negation_gap":  func(v *yaml.Node, k string) { d.integer(v, k, 0, 10, &p.NegationGap) },
		"ignore_quoted": func(v *yaml.Node, k string) { d.boolean(v, k, &p.IgnoreQuoted) },
		"exclusions": func(v *yaml.Node, k string) {
			d.list(v, k, func(_ int, c *yaml.Node, k string) { p.Exclusions = append(p.Exclusions, d.exclusion(c, k)) })
		},
		"rules":     func(v *yaml.Node, k string) { rulesNode, rulesKey = v, k },
		"imitation": func(v *yaml.Node, k string) { imitNode, imitKey = v, k },
	}, "name", "issuer", "version", "threshold", "categories", "rules")
	p.Threshold = threshold

	if rulesNode != nil {
		ids := map[string]int{}
		d.list(rulesNode, rulesKey, func(_ int, c *yaml.Node, k string) {
			r := d.rule(c, k, p, catLine)
			if r.ID != "" {
				if line, dup := ids[r.ID]; dup {
					d.fail(c, k+".id", "duplicate id %q (first at line %d)", r.ID, line)
					return
				}
				ids[r.ID] = c.Line
			}
			p.Rules = append(p.Rules, r)
		})
		if len(rulesNode.Content) == 0 {
			d.fail(rulesNode, rulesKey, "a pack needs at least one rule")
		}
	}
	if imitNode != nil {
		p.Imitation = d.imitation(imitNode, imitKey, p)
	}
}

func (d *decoder) rule(n *yaml.Node, path string, p *Pack, cats map[string]int) *Rule {
	r := &Rule{Pack: p, Line: n.Line}
	var catNode, routeNode *yaml.Node
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"id":          func(v *yaml.Node, k string) { d.id(v, k, &r.ID) },
		"category":    func(v *yaml.Node, k string) { d.str(v, k, &r.Category); catNode = v },
		"description": func(v *yaml.Node, k string) { d.str(v, k, &r.Description) },
		"legal_basis": func(v *yaml.Node, k string) { d.str(v, k, &r.LegalBasis) },
		"route": func(v *yaml.Node, k string) {
			var s string
			d.str(v, k, &s)
			r.Route = Route(s)
			routeNode = v
		},
		"terms": func(v *yaml.Node, k string) {
			d.list(v, k, func(_ int, c *yaml.Node, k string) { r.Terms = append(r.Terms, d.term(c, k)) })
		},
		"groups": func(v *yaml.Node, k string) {
			d.list(v, k, func(_ int, c *yaml.Node, k string) { r.Groups = append(r.Groups, d.group(c, k, p)) })
		},
		"exclusions": func(v *yaml.Node, k string) {
			d.list(v, k, func(_ int, c *yaml.Node, k string) { r.Exclusions = append(r.Exclusions, d.exclusion(c, k)) })
		},
	}, "id", "category", "description", "legal_basis", "route")
	if catNode != nil && r.Category != "" {
		if _, ok := cats[r.Category]; !ok {
			d.fail(catNode, path+".category", "category %q is not declared under categories", r.Category)
		}
	}
	if routeNode != nil && r.Route != "" {
		if _, ok := RouteNames[r.Route]; !ok {
			d.fail(routeNode, path+".route", "unknown route %q (one of takedown_cac, takedown_samr, police_referral)", r.Route)
		}
	}
	return r
}

func (d *decoder) term(n *yaml.Node, path string) Term {
	t := Term{Line: n.Line}
	if n.Kind == yaml.ScalarNode {
		d.fail(n, path, "a term needs a weight: write {term: %s, weight: N}", n.Value)
		return t
	}
	var patNode *yaml.Node
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"term":    func(v *yaml.Node, k string) { d.str(v, k, &t.Text) },
		"pattern": func(v *yaml.Node, k string) { patNode = v; t.Pattern = d.pattern(v, k) },
		"weight":  func(v *yaml.Node, k string) { d.num(v, k, -100, 100, true, &t.Weight) },
		"pinyin": func(v *yaml.Node, k string) {
			if v.Kind == yaml.ScalarNode && v.Value == "full" {
				t.Pinyin = true
				return
			}
			d.boolean(v, k, &t.Pinyin)
			t.Initial = t.Pinyin
		},
	}, "weight")
	switch {
	case t.Text == "" && patNode == nil && !hasKey(n, "term"):
		d.fail(n, path, "needs either term or pattern")
	case t.Text != "" && patNode != nil:
		d.fail(n, path, "has both term and pattern; use one")
	case patNode != nil && t.Pinyin:
		d.fail(n, path+".pinyin", "pinyin applies to literal terms only")
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
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"name":   func(v *yaml.Node, k string) { d.str(v, k, &g.Name) },
		"weight": func(v *yaml.Node, k string) { d.num(v, k, -100, 100, true, &g.Weight) },
		"window": func(v *yaml.Node, k string) { d.integer(v, k, 1, 500, &g.Window) },
		"all": func(v *yaml.Node, k string) {
			d.list(v, k, func(_ int, c *yaml.Node, k string) {
				var slot []string
				d.strList(c, k, &slot)
				if len(slot) > 0 {
					g.Slots = append(g.Slots, slot)
				}
			})
			if v.Kind == yaml.SequenceNode && len(v.Content) < 2 {
				d.fail(v, k, "a group needs at least two slots")
			}
		},
	}, "name", "weight", "all")
	for i, s := range g.Slots {
		for _, t := range s {
			if strings.HasPrefix(t, "@") && !IsContactToken(t) {
				d.fail(n, fmt.Sprintf("%s.all[%d]", path, i), "unknown contact token %q (one of @contact, @phone, @wechat, @qq, @url)", t)
			}
		}
	}
	return g
}

func (d *decoder) exclusion(n *yaml.Node, path string) Exclusion {
	e := Exclusion{Line: n.Line, MaxHits: 1}
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"id":     func(v *yaml.Node, k string) { d.id(v, k, &e.ID) },
		"reason": func(v *yaml.Node, k string) { d.str(v, k, &e.Reason) },
		"weight": func(v *yaml.Node, k string) {
			d.num(v, k, -100, -0.01, true, &e.Weight)
		},
		"max_hits": func(v *yaml.Node, k string) { d.integer(v, k, 1, 100, &e.MaxHits) },
		"terms":    func(v *yaml.Node, k string) { d.strList(v, k, &e.Terms) },
	}, "id", "reason", "weight", "terms")
	return e
}

func (d *decoder) imitation(n *yaml.Node, path string, p *Pack) *Imitation {
	im := &Imitation{Line: n.Line, MinSimilarity: 0.5}
	var ruleNode *yaml.Node
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"rule":              func(v *yaml.Node, k string) { d.str(v, k, &im.Rule); ruleNode = v },
		"official_suffixes": func(v *yaml.Node, k string) { d.strList(v, k, &im.OfficialSuffixes) },
		"min_similarity":    func(v *yaml.Node, k string) { d.num(v, k, 0.01, 1, true, &im.MinSimilarity) },
		"agencies":          func(v *yaml.Node, k string) { d.strList(v, k, &im.Agencies) },
		"query_terms":       func(v *yaml.Node, k string) { d.strList(v, k, &im.QueryTerms) },
		"form_labels":       func(v *yaml.Node, k string) { d.strList(v, k, &im.FormLabels) },
		"copyright_pattern": func(v *yaml.Node, k string) { im.CopyrightPattern = d.pattern(v, k) },
		"weights": func(v *yaml.Node, k string) {
			w := &im.Weights
			num := func(dst *float64) func(*yaml.Node, string) {
				return func(v *yaml.Node, k string) { d.num(v, k, 0, 100, false, dst) }
			}
			d.fields(v, k, map[string]func(*yaml.Node, string){
				"title": num(&w.Title), "agency": num(&w.Agency), "form": num(&w.Form),
				"copyright": num(&w.Copyright), "query": num(&w.Query), "host": num(&w.Host),
			}, "title", "agency", "form", "copyright", "query", "host")
		},
		"sites": func(v *yaml.Node, k string) {
			d.list(v, k, func(_ int, c *yaml.Node, k string) {
				s := OfficialSite{Line: c.Line}
				d.fields(c, k, map[string]func(*yaml.Node, string){
					"name":        func(v *yaml.Node, k string) { d.str(v, k, &s.Name) },
					"hosts":       func(v *yaml.Node, k string) { d.hosts(v, k, &s.Hosts) },
					"titles":      func(v *yaml.Node, k string) { d.strList(v, k, &s.Titles) },
					"agency":      func(v *yaml.Node, k string) { d.str(v, k, &s.Agency) },
					"form_labels": func(v *yaml.Node, k string) { d.strList(v, k, &s.FormLabels) },
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
			d.fail(ruleNode, path+".rule", "no rule with id %q in this pack", im.Rule)
		case r.Category != "imitation_site":
			d.fail(ruleNode, path+".rule", "rule %q has category %q; the imitation rule needs category imitation_site", im.Rule, r.Category)
		}
	}
	return im
}

var hostPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

func (d *decoder) hosts(n *yaml.Node, key string, dst *[]string) {
	var hs []string
	d.strList(n, key, &hs)
	for _, h := range hs {
		h = strings.ToLower(h)
		if !hostPattern.MatchString(h) {
			d.fail(n, key, "%q is not a host name", h)
			continue
		}
		*dst = append(*dst, h)
	}
}

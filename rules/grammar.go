package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/certwatch/certwatch/internal/strictyaml"
)

// Family is a named set of terms that proximity rules combine: certificate
// nouns, offer verbs, request and price phrasing, "fake" modifiers and so
// on. A family written as a mapping has sub-families ("cert_noun.学历"); its
// members are those of all its sub-families.
type Family struct {
	Line  int
	Name  string       // full name: "cert_noun" or "cert_noun.学历"
	Items []FamilyItem // own items (a family with sub-families has none)
	Subs  []string     // full names of its direct sub-families, in file order
}

// FamilyItem is one entry of a family's list: a term, a reference to
// another family, or a composition.
type FamilyItem struct {
	Line    int
	Term    string   // a literal, written as a reader would write it
	Pinyin  bool     // also its pinyin (as for rule terms)
	Initial bool     // also its pinyin initials
	Unless  []string // a hit of Term inside one of these words does not count (办 in 办公室)
	Family  string   // include every member of this family
	// Compose: a member of Compose[0] (the modifier) followed, at most Gap
	// characters later, by a member of Compose[1] (the head): 假 + 毕业证.
	Compose []string
	Gap     int
}

// Near is a proximity rule: one member of every listed family (or a
// contact) within Within characters of normalized text.
type Near struct {
	Line    int
	Name    string
	Weight  float64
	All     []string // family names or contact tokens, at least two
	Within  int      // characters between a member of All[0] and each other member
	Ordered bool     // members must appear in the order of All
}

// TokenPrice, among short-text corroborators and in a near clause's all:,
// stands for an amount of money written with digits or numerals and a unit
// (800元, 1.5万, 300块, 人民币300, 两千元).
const TokenPrice = "@price"

// ShortText lowers the threshold of short texts that carry a corroborating
// signal (a contact, a price, a call to act, a guarantee).
type ShortText struct {
	Line          int
	MaxChars      int      // a text of at most this many normalized characters is short
	Threshold     float64  // the threshold a rule must reach on a short text
	Corroborators []string // family names or contact tokens
	// TwoSignals: two independent signals of one rule (terms, groups or
	// proximity clauses that each weigh at least 2 and share no span)
	// reaching the short threshold together count like one strong signal
	// with a corroborator (代评 + 包过; 能运作 + 代报名).
	TwoSignals bool
	// Questions names the families whose members mark a text as a
	// question (?, 吗, 哪里, 怎么, …): a short text no rule touched that
	// asks one and carries no corroborator is judged by the learned model
	// but never flagged by it alone (package detect, "Questions"). Empty:
	// the detector's built-in list applies.
	Questions []string
}

var familyNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// families decodes the families section: a mapping of family name to a
// list of items or to a mapping of sub-families.
func (d *decoder) families(n *yaml.Node, path string, p *Pack) {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		d.Fail(n, path, "must be a mapping of family name to a list of terms (or to sub-families), got %s", strictyaml.KindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := path + "." + k.Value
		if !familyNamePattern.MatchString(k.Value) {
			d.Fail(k, key, "family name %q must be lower-case letters, digits and '_', starting with a letter", k.Value)
			continue
		}
		d.family(k, v, key, k.Value, p)
	}
}

func (d *decoder) family(k, v *yaml.Node, path, name string, p *Pack) {
	if _, dup := p.Families[name]; dup {
		d.Fail(k, path, "family %q declared twice", name)
		return
	}
	if v.Kind == yaml.AliasNode {
		v = v.Alias
	}
	f := &Family{Line: k.Line, Name: name}
	p.Families[name] = f
	p.FamilyOrder = append(p.FamilyOrder, name)
	switch v.Kind {
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			d.Fail(v, path, "a family needs at least one item")
		}
		d.List(v, path, func(_ int, c *yaml.Node, key string) { f.Items = append(f.Items, d.familyItem(c, key)) })
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			d.Fail(v, path, "a family needs at least one item")
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			sk, sv := v.Content[i], v.Content[i+1]
			sub := strings.TrimSpace(sk.Value)
			if sub == "" || strings.ContainsAny(sub, ". ") {
				d.Fail(sk, path+"."+sk.Value, "sub-family name %q must be non-empty, without '.' or spaces", sk.Value)
				continue
			}
			if isItemKey(sub) {
				d.Fail(sk, path+"."+sub, "%q is an item key: write the family as a list of items (- {%s: …}), or name the sub-family otherwise", sub, sub)
				continue
			}
			full := name + "." + sub
			f.Subs = append(f.Subs, full)
			d.family(sk, sv, path+"."+sub, full, p)
		}
	default:
		d.Fail(v, path, "must be a list of terms or a mapping of sub-families, got %s", strictyaml.KindName(v))
	}
}

func isItemKey(s string) bool {
	switch s {
	case "term", "family", "compose", "gap", "pinyin", "unless", "weight":
		return true
	}
	return false
}

func (d *decoder) familyItem(n *yaml.Node, path string) FamilyItem {
	it := FamilyItem{Line: n.Line, Gap: 2}
	if n.Kind == yaml.ScalarNode {
		d.Str(n, path, &it.Term)
		return it
	}
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"term": func(v *yaml.Node, k string) { d.Str(v, k, &it.Term) },
		"pinyin": func(v *yaml.Node, k string) {
			if v.Kind == yaml.ScalarNode && v.Value == "full" {
				it.Pinyin = true
				return
			}
			d.Bool(v, k, &it.Pinyin)
			it.Initial = it.Pinyin
		},
		"unless":  func(v *yaml.Node, k string) { d.StrList(v, k, &it.Unless) },
		"family":  func(v *yaml.Node, k string) { d.Str(v, k, &it.Family) },
		"compose": func(v *yaml.Node, k string) { d.StrList(v, k, &it.Compose) },
		"gap":     func(v *yaml.Node, k string) { d.Int(v, k, 0, 20, &it.Gap) },
	})
	set := 0
	for _, b := range []bool{hasKey(n, "term"), hasKey(n, "family"), hasKey(n, "compose")} {
		if b {
			set++
		}
	}
	switch {
	case set == 0:
		d.Fail(n, path, "needs one of term, family or compose")
	case set > 1:
		d.Fail(n, path, "has more than one of term, family and compose; use one")
	case hasKey(n, "compose") && len(it.Compose) > 0 && len(it.Compose) != 2:
		d.Fail(n, path+".compose", "must name two families, [modifier, head], got %d", len(it.Compose))
	case (hasKey(n, "pinyin") || hasKey(n, "unless")) && !hasKey(n, "term"):
		d.Fail(n, path, "pinyin and unless apply to a term")
	case hasKey(n, "gap") && !hasKey(n, "compose"):
		d.Fail(n, path+".gap", "gap applies to compose")
	}
	return it
}

// checkFamilies resolves the references between families and rejects
// unknown names and cycles.
func (d *decoder) checkFamilies(p *Pack) {
	for _, name := range p.FamilyOrder {
		f := p.Families[name]
		for i, it := range f.Items {
			key := fmt.Sprintf("families.%s[%d]", name, i)
			if it.Family != "" && p.Families[it.Family] == nil {
				d.Fail(&yaml.Node{Line: it.Line}, key+".family", "no family %q%s", it.Family, p.familyHint())
			}
			for _, c := range it.Compose {
				if p.Families[c] == nil {
					d.Fail(&yaml.Node{Line: it.Line}, key+".compose", "no family %q%s", c, p.familyHint())
				}
			}
		}
	}
	// Cycles: a family may not contain itself through references.
	state := map[string]int{} // 0 new, 1 on the stack, 2 done
	var visit func(name string, stack []string) bool
	visit = func(name string, stack []string) bool {
		f := p.Families[name]
		if f == nil {
			return true
		}
		switch state[name] {
		case 1:
			cyc := append(stack, name)
			d.Fail(&yaml.Node{Line: f.Line}, "families."+name, "families refer to each other in a cycle: %s", strings.Join(cyc, " → "))
			return false
		case 2:
			return true
		}
		state[name] = 1
		ok := true
		for _, s := range p.familyRefs(f) {
			if !visit(s, append(stack, name)) {
				ok = false
				break
			}
		}
		state[name] = 2
		return ok
	}
	for _, name := range p.FamilyOrder {
		if state[name] == 0 && !visit(name, nil) {
			return
		}
	}
}

// familyRefs lists the families f reaches directly.
func (p *Pack) familyRefs(f *Family) []string {
	out := append([]string(nil), f.Subs...)
	for _, it := range f.Items {
		if it.Family != "" {
			out = append(out, it.Family)
		}
		out = append(out, it.Compose...)
	}
	return out
}

func (p *Pack) familyHint() string {
	if len(p.Families) == 0 {
		return " (the pack declares no families)"
	}
	names := make([]string, 0, len(p.Families))
	for n := range p.Families {
		if !strings.Contains(n, ".") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	return " (families: " + strings.Join(names, ", ") + ")"
}

// slotName checks a family name or contact token used by a rule.
func (d *decoder) slotName(n *yaml.Node, key, s string, p *Pack) {
	switch {
	case s == TokenPrice:
		// an amount of money: a short-text corroborator or a near slot
	case strings.HasPrefix(s, "@"):
		if !IsContactToken(s) {
			d.Fail(n, key, "unknown contact token %q (one of @contact, @phone, @wechat, @qq, @url, @price)", s)
		}
	case p.Families[s] == nil:
		d.Fail(n, key, "no family %q%s", s, p.familyHint())
	}
}

func (d *decoder) near(n *yaml.Node, path string, p *Pack) Near {
	r := Near{Line: n.Line, Within: 8}
	var allNode *yaml.Node
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"name":   func(v *yaml.Node, k string) { d.Str(v, k, &r.Name) },
		"weight": func(v *yaml.Node, k string) { d.Num(v, k, -100, 100, true, &r.Weight) },
		"within": func(v *yaml.Node, k string) { d.Int(v, k, 0, 500, &r.Within) },
		"order": func(v *yaml.Node, k string) {
			switch v.Value {
			case "any":
			case "ordered":
				r.Ordered = true
			default:
				d.Fail(v, k, "must be any or ordered, got %s", strictyaml.KindName(v))
			}
		},
		"all": func(v *yaml.Node, k string) {
			allNode = v
			d.StrList(v, k, &r.All)
		},
	}, "name", "weight", "all")
	if allNode != nil {
		for i, s := range r.All {
			at := allNode
			if allNode.Kind == yaml.SequenceNode && i < len(allNode.Content) {
				at = allNode.Content[i]
			}
			d.slotName(at, fmt.Sprintf("%s.all[%d]", path, i), s, p)
		}
	}
	return r
}

func (d *decoder) shortText(n *yaml.Node, path string, p *Pack) *ShortText {
	st := &ShortText{Line: n.Line}
	var corNode, qNode *yaml.Node
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"max_chars": func(v *yaml.Node, k string) { d.Int(v, k, 1, 100000, &st.MaxChars) },
		"threshold": func(v *yaml.Node, k string) { d.Num(v, k, 0.1, 1000, true, &st.Threshold) },
		"corroborators": func(v *yaml.Node, k string) {
			corNode = v
			d.StrList(v, k, &st.Corroborators)
		},
		"two_signals": func(v *yaml.Node, k string) { d.Bool(v, k, &st.TwoSignals) },
		"questions": func(v *yaml.Node, k string) {
			qNode = v
			d.StrList(v, k, &st.Questions)
		},
	}, "max_chars", "threshold", "corroborators")
	if qNode != nil {
		for i, s := range st.Questions {
			at := qNode
			if qNode.Kind == yaml.SequenceNode && i < len(qNode.Content) {
				at = qNode.Content[i]
			}
			key := fmt.Sprintf("%s.questions[%d]", path, i)
			if strings.HasPrefix(s, "@") {
				d.Fail(at, key, "must name a family of question words, got the token %q", s)
				continue
			}
			d.slotName(at, key, s, p)
		}
	}
	if corNode != nil {
		for i, s := range st.Corroborators {
			at := corNode
			if corNode.Kind == yaml.SequenceNode && i < len(corNode.Content) {
				at = corNode.Content[i]
			}
			if s == TokenPrice {
				continue // an amount of money: only a corroborator
			}
			d.slotName(at, fmt.Sprintf("%s.corroborators[%d]", path, i), s, p)
		}
	}
	return st
}

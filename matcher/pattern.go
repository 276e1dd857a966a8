package matcher

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
)

// cpattern is a pack's regular expression, with the literals any match
// must start with when the expression begins with a literal or an
// alternation of literals, as most rule patterns do ((电工|焊工)证…).
// Then only the places where one of them occurs are tried, with the
// expression anchored there: Go's regexp engine has no such prefilter for
// alternations and is slow over CJK text.
type cpattern struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp // ^(?:re); nil when starts is empty
	starts   []string
	weight   float64
	label    string
}

func compilePattern(re *regexp.Regexp, weight float64, label string) cpattern {
	p := cpattern{re: re, weight: weight, label: label}
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return p
	}
	p.starts = leadingLiterals(t.Simplify())
	if len(p.starts) > 0 {
		p.anchored = regexp.MustCompile(`^(?:` + re.String() + `)`)
	}
	return p
}

// leadingLiterals returns the literals one of which every match of t
// begins with, or nil when there is no such short list.
func leadingLiterals(t *syntax.Regexp) []string {
	for t.Op == syntax.OpCapture || (t.Op == syntax.OpConcat && len(t.Sub) > 0) {
		if t.Op == syntax.OpCapture {
			t = t.Sub[0]
		} else {
			t = t.Sub[0]
		}
	}
	lit := func(t *syntax.Regexp) (string, bool) {
		if t.Op == syntax.OpLiteral && t.Flags&syntax.FoldCase == 0 {
			return string(t.Rune), true
		}
		return "", false
	}
	if s, ok := lit(t); ok {
		return []string{s}
	}
	if t.Op == syntax.OpCharClass { // the parser turns (办|做) into [办做]
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				if len(out) == 64 {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	}
	if t.Op != syntax.OpAlternate || len(t.Sub) > 64 {
		return nil
	}
	var out []string
	for _, sub := range t.Sub {
		for sub.Op == syntax.OpCapture || (sub.Op == syntax.OpConcat && len(sub.Sub) > 0) {
			sub = sub.Sub[0]
		}
		if sub.Op == syntax.OpCharClass {
			cls := leadingLiterals(sub)
			if cls == nil {
				return nil
			}
			out = append(out, cls...)
			continue
		}
		s, ok := lit(sub)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// findAll returns up to n non-overlapping matches, leftmost first.
func (p *cpattern) findAll(text string, n int) [][]int {
	if p.anchored == nil {
		return p.re.FindAllStringIndex(text, n)
	}
	var starts []int
	for _, s := range p.starts {
		for i := 0; ; {
			j := strings.Index(text[i:], s)
			if j < 0 {
				break
			}
			starts = append(starts, i+j)
			i += j + 1
		}
	}
	if len(starts) == 0 {
		return nil
	}
	sort.Ints(starts)
	var out [][]int
	end := -1
	for _, st := range starts {
		if st < end {
			continue
		}
		loc := p.anchored.FindStringIndex(text[st:])
		if loc == nil {
			continue
		}
		out = append(out, []int{st + loc[0], st + loc[1]})
		end = st + loc[1]
		if end == st {
			end++
		}
		if len(out) == n {
			break
		}
	}
	return out
}

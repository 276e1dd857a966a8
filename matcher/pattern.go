package matcher

import (
	"regexp"
	"regexp/syntax"
	"slices"
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
	// occID numbers the rule patterns whose start literals the matcher
	// finds in one pass (patstarts.go), from 1; 0: not numbered.
	occID int
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
	return p.findAllIn(text, 0, len(text), p.occurrences(text), n)
}

// occurrences returns where the literals a match starts with occur in
// text, as byte ranges sorted by start (then end).
func (p *cpattern) occurrences(text string) [][2]int {
	var out [][2]int
	for _, s := range p.starts {
		for i := 0; ; {
			j := strings.Index(text[i:], s)
			if j < 0 {
				break
			}
			out = append(out, [2]int{i + j, i + j + len(s)})
			i += j + 1
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return out
}

// findAllIn is findAll over text[lo:hi] (offsets relative to lo), given
// the occurrences of p.starts in all of text: those that lie inside
// [lo, hi) are the ones a search of text[lo:hi] finds. A page's text is
// searched once per pattern, not once per unit and rule.
func (p *cpattern) findAllIn(text string, lo, hi int, occ [][2]int, n int) [][]int {
	if p.anchored == nil {
		return p.re.FindAllStringIndex(text[lo:hi], n)
	}
	var starts []int
	i := sort.Search(len(occ), func(i int) bool { return occ[i][0] >= lo })
	for ; i < len(occ) && occ[i][0] < hi; i++ {
		if occ[i][1] <= hi {
			starts = append(starts, occ[i][0]-lo)
		}
	}
	if len(starts) == 0 {
		return nil
	}
	text = text[lo:hi]
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

package matcher

import "slices"

// Pattern start literals, found in one pass.
//
// A pattern that begins with a literal or an alternation of literals is
// tried only where one of them occurs (pattern.go). Finding those places
// with strings.Index costs a pass over the page per literal, and a rule
// pattern may begin with dozens ((电工|焊工|…)证): measured about 6 % of
// the time on candidate pages. patStarts puts the start literals of every
// rule pattern in one automaton, read once per candidate page, and hands
// each pattern the same occurrences (sorted by start, then end) as
// cpattern.occurrences. The reference matcher keeps the per-literal
// search, so TestFastPathSameFindings compares the two.
type patStarts struct {
	ac *automaton
	// by is, per start literal (the automaton's pattern id), the rule
	// patterns (numbered by cpattern.occID-1) it starts, once for each
	// time it is listed among their starts.
	by [][]int32
	n  int
}

// indexPatternStarts numbers the rule patterns that have start literals
// and builds their automaton.
func (m *Matcher) indexPatternStarts() {
	if m.reference {
		return
	}
	idx := map[string]int{}
	var lits []string
	var by [][]int32
	n := 0
	for _, cr := range m.rules {
		for pi := range cr.patterns {
			p := &cr.patterns[pi]
			if p.anchored == nil || slices.Contains(p.starts, "") {
				continue
			}
			p.occID = n + 1
			for _, st := range p.starts {
				id, ok := idx[st]
				if !ok {
					id = len(lits)
					idx[st] = id
					lits = append(lits, st)
					by = append(by, nil)
				}
				by[id] = append(by[id], int32(n))
			}
			n++
		}
	}
	if n == 0 {
		return
	}
	ac := newRuneAutomaton(lits)
	if ac == nil {
		ac = newAutomaton(lits)
	}
	m.pstarts = patStarts{ac: ac, by: by, n: n}
}

// find returns, per numbered pattern, where its start literals occur in
// text (valid UTF-8), sorted by start, then end.
func (ps *patStarts) find(text string) [][][2]int {
	out := make([][][2]int, ps.n)
	ps.ac.each([]byte(text), func(id, start, end int) bool {
		for _, p := range ps.by[id] {
			out[p] = append(out[p], [2]int{start, end})
		}
		return true
	})
	for _, occ := range out {
		slices.SortFunc(occ, func(a, b [2]int) int {
			if a[0] != b[0] {
				return a[0] - b[0]
			}
			return a[1] - b[1]
		})
	}
	return out
}

package matcher

import "sync"

// List rules.
//
// A department may load a list of tens of thousands of words (a sensitive
// word list, a register of names), each a term of low weight under a
// threshold only several of them reach. If each such term opened a page
// as a heavier term does, nearly every page would hold one and take the
// close look (segmentation and scoring of every rule): measured 0.04 MB/s
// with a 65,000-term list loaded, against hundreds without it.
//
// A rule with at least listMinTerms terms of positive weight is therefore
// a list rule: the first pass sums, per list rule, the weights of its
// distinct terms that occur, and the page is a candidate only when that
// sum, plus everything else the rule could score (its groups, patterns and
// proximity clauses of positive weight, the contact bonus) reaches the
// lowest threshold the rule can have (the short-text threshold when the
// pack has one), with what units other than the best may add to it
// (units.go; see listScratch.add). That is an upper bound of the rule's
// score, so no page a list rule would flag is missed; what such pages
// lose is the report of a list rule that scored below its threshold.
// Rules of fewer terms (every rule of the default pack) open a page with
// any positive term, as before, so their near misses are still reported.
// Rules of a pack with an imitation check are never list rules.
var listMinTerms = 200 // a variable for tests only

// listTerm is a term of a list rule.
type listTerm struct {
	rule   int32 // index into Matcher.listNeed
	weight float64
}

// markLists finds the list rules, records their terms on their literals,
// and sets which literals open a page by themselves.
func (m *Matcher) markLists() {
	for i := range m.lits {
		m.lits[i].opens = false
	}
	for _, cr := range m.rules {
		positive := 0
		for _, t := range cr.terms {
			if t.weight > 0 {
				positive++
			}
		}
		p := cr.r.Pack
		need, capped := -1.0, false
		if positive >= listMinTerms && p.Imitation == nil {
			need = p.Threshold
			if cs := m.gram.short[p]; cs != nil && cs.st.Threshold < need {
				need = cs.st.Threshold
			}
			other := 0.0
			for _, g := range cr.groups {
				other += max(g.g.Weight, 0)
			}
			for _, pt := range cr.patterns {
				other += max(pt.weight, 0)
			}
			for _, n := range m.gram.near[cr.r] {
				other += max(n.n.Weight, 0)
			}
			other += max(p.ContactBonus.Weight, 0)
			need -= other
			if other > 0 {
				// Those parts may score again in every other unit: the
				// other units may add the whole cap.
				need -= otherUnitCap
				capped = true
			}
		}
		if need <= 0 {
			// Not a list, or one whose other parts may reach the
			// threshold alone: any positive term opens the page.
			for _, t := range cr.terms {
				if t.weight <= 0 {
					continue
				}
				for _, id := range t.lits {
					if id >= 0 {
						m.lits[id].opens = true
					}
				}
			}
			continue
		}
		rule := int32(len(m.listNeed))
		m.listNeed = append(m.listNeed, need)
		m.listCapped = append(m.listCapped, capped)
		for _, t := range cr.terms {
			if t.weight <= 0 {
				continue
			}
			term := int32(len(m.listTerms))
			m.listTerms = append(m.listTerms, listTerm{rule: rule, weight: t.weight})
			for _, id := range t.lits {
				if id >= 0 && (len(m.lits[id].list) == 0 || m.lits[id].list[len(m.lits[id].list)-1] != term) {
					m.lits[id].list = append(m.lits[id].list, term)
				}
			}
		}
	}
}

// listScratch is the first pass's tally of list terms on one page.
type listScratch struct {
	seen    []uint64  // by list term
	sum     []float64 // by list rule: weights of its distinct terms
	again   []float64 // by list rule: weights of its repeated occurrences
	touched []int32   // list terms seen, to reset
	rules   []int32   // list rules summed, to reset
}

var listPool sync.Pool

func (m *Matcher) newListScratch() *listScratch {
	if x, ok := listPool.Get().(*listScratch); ok && len(x.seen) == (len(m.listTerms)+63)/64 && len(x.sum) == len(m.listNeed) {
		return x
	}
	return &listScratch{seen: make([]uint64, (len(m.listTerms)+63)/64), sum: make([]float64, len(m.listNeed)), again: make([]float64, len(m.listNeed))}
}

// add counts the list terms of one hit (in the title when title) and
// reports whether some list rule may now reach its threshold.
//
// The bound, for a rule of terms only: its page score is its best unit's
// score, at most the weights D of the distinct terms there (unit weights
// and genre factors are at most 1), plus half of each other unit's score,
// at most otherUnitCap in all. A unit scores each term once, so the other
// units together score at most the weights of the page's occurrences
// other than those D counts: every occurrence but the first of a term
// (again), title occurrences twice (the title scores alone and inside
// the article, both other units when the best is a post), and the
// distinct terms the best unit lacks (sum - D). The score is then at most
// D + min(cap, share*(sum - D + again)), which grows with D: at most
// sum + min(cap, share*again). For a rule with other positive parts,
// listNeed already holds the whole cap off (markLists).
func (x *listScratch) add(m *Matcher, terms []int32, title bool) bool {
	for _, t := range terms {
		lt := m.listTerms[t]
		r := lt.rule
		if x.seen[t/64]&(1<<(t%64)) != 0 {
			if m.listCapped[r] {
				continue
			}
			x.again[r] += lt.weight
		} else {
			x.seen[t/64] |= 1 << (t % 64)
			x.touched = append(x.touched, t)
			if x.sum[r] == 0 {
				x.rules = append(x.rules, r)
			}
			x.sum[r] += lt.weight
		}
		if title && !m.listCapped[r] {
			x.again[r] += lt.weight
		}
		bound := x.sum[r]
		if !m.listCapped[r] {
			bound += min(otherUnitCap, otherUnitShare*x.again[r])
		}
		// A small tolerance: the sum is a bound, rounding must not make
		// it fall short of what scoring would add up.
		if bound >= m.listNeed[r]-1e-9 {
			return true
		}
	}
	return false
}

// release clears what the page set and returns the scratch to the pool.
func (x *listScratch) release() {
	for _, t := range x.touched {
		x.seen[t/64] = 0
	}
	for _, r := range x.rules {
		x.sum[r], x.again[r] = 0, 0
	}
	x.touched, x.rules = x.touched[:0], x.rules[:0]
	listPool.Put(x)
}

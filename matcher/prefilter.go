package matcher

// Scoring prefilter.
//
// scoreUnits scores every rule on every unit of a candidate page, and
// most rules have nothing to score there: score then builds a result,
// looks for every group and proximity clause, and returns nil because
// nothing of positive weight was found. mayScore answers the same
// question from what is already known, without allocating: whether some
// term of positive weight has a hit in the view, whether every slot of a
// group of positive weight has an item present, and whether every family
// of a proximity clause of positive weight has a member in the view. It
// never says no where score would return a result (it only drops the
// window and distance checks), so findings are unchanged
// (TestFastPathSameFindings compares them with the reference matcher,
// which skips this prefilter).

// mayScore reports whether score(cr) can return a result in the current
// view: false only when score would return nil.
func (s *scan) mayScore(cr *crule) bool {
	if s.anyPresent(cr.pre.terms) {
		return true
	}
	for gi, g := range cr.groups {
		if g.g.Weight > 0 && s.maySlots(g, cr.pre.slots[gi]) {
			return true
		}
	}
	near := s.m.gram.near[cr.r]
	if len(near) == 0 {
		return false
	}
	// nearScore would compute the families here: so does the prefilter.
	s.ensureFamilies()
	for _, n := range near {
		if n.n.Weight <= 0 {
			continue
		}
		ok := true
		for _, sl := range n.slots {
			if sl.fam >= 0 && (s.fam == nil || len(s.fam[sl.fam]) == 0) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// maskWord is one word of a bitset over literal ids: the literals
// i*64+k for each bit k of m.
type maskWord struct {
	i int
	m uint64
}

// rulePre is a rule's literals as bitsets, for mayScore: those of its
// terms of positive weight, and per group, per slot, its literal items
// (a slot with a contact item is answered by looking at the contacts).
type rulePre struct {
	terms []maskWord
	slots [][][]maskWord
}

// maskOf returns the bitset of ids (those ≥ 0), by ascending word.
func maskOf(ids []int) []maskWord {
	var out []maskWord
	for _, id := range ids {
		if id < 0 {
			continue
		}
		w, bit := id>>6, uint64(1)<<(id&63)
		k := 0
		for k < len(out) && out[k].i != w {
			k++
		}
		if k == len(out) {
			out = append(out, maskWord{i: w})
		}
		out[k].m |= bit
	}
	return out
}

// indexRulePre builds every rule's rulePre (after the literals are final).
func (m *Matcher) indexRulePre() {
	for _, cr := range m.rules {
		pre := &rulePre{slots: make([][][]maskWord, len(cr.groups))}
		var ids []int
		for _, t := range cr.terms {
			if t.weight > 0 {
				ids = append(ids, t.lits...)
			}
		}
		pre.terms = maskOf(ids)
		for gi, g := range cr.groups {
			pre.slots[gi] = make([][]maskWord, len(g.slots))
			for si, slot := range g.slots {
				ids = ids[:0]
				for _, it := range slot {
					if it.lit >= 0 {
						ids = append(ids, it.lit)
					}
				}
				pre.slots[gi][si] = maskOf(ids)
			}
		}
		cr.pre = pre
	}
}

// anyPresent reports whether a literal of mask has a hit in the view.
func (s *scan) anyPresent(mask []maskWord) bool {
	x := s.byLit
	if x == nil {
		return false
	}
	for _, w := range mask {
		if w.i < len(x.present) && x.present[w.i]&w.m != 0 {
			return true
		}
	}
	return false
}

// maySlots reports whether every slot of g has an item present in the
// view (the first loop of group, without the events); slots holds each
// slot's literal items as a bitset.
func (s *scan) maySlots(g cgroup, slots [][]maskWord) bool {
	for si, slot := range g.slots {
		if s.anyPresent(slots[si]) {
			continue
		}
		found := false
		for _, it := range slot {
			if it.lit >= 0 {
				continue
			}
			for _, c := range s.contacts {
				if !c.possible && contactMatches(it.contact, c.kind) {
					found = true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

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
	for _, t := range cr.terms {
		if t.weight <= 0 {
			continue
		}
		for _, id := range t.lits {
			if len(s.byLit.get(id)) > 0 {
				return true
			}
		}
	}
	for _, g := range cr.groups {
		if g.g.Weight > 0 && s.mayGroup(g) {
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

// mayGroup reports whether every slot of g has an item present in the
// view (the first loop of group, without the events).
func (s *scan) mayGroup(g cgroup) bool {
	for _, slot := range g.slots {
		found := false
		for _, it := range slot {
			if it.lit >= 0 {
				if len(s.byLit.get(it.lit)) > 0 {
					found = true
					break
				}
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

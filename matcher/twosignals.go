package matcher

// minSignal is the least weight a term, group or proximity clause needs to
// count as one of two independent signals on a short text.
const minSignal = 2

// signal is one scoring contribution of a rule: its label and spans.
type signal struct {
	label string
	spans []hit
}

// twoSignals reports two contributions of res that each weigh at least
// minSignal and share no span (代评 and 包过; 能运作 and 代报名), with their
// labels for the reason. The caller has checked that res's score reaches
// the short threshold.
func twoSignals(res *ruleResult) (string, string, bool) {
	var sigs []signal
	for _, t := range res.terms {
		if t.weight >= minSignal {
			sigs = append(sigs, signal{"“" + t.label + "”", t.spans})
		}
	}
	for _, g := range res.groups {
		if g.weight >= minSignal {
			sigs = append(sigs, signal{"组合“" + g.name + "”", g.spans})
		}
	}
	for _, n := range res.near {
		if n.weight >= minSignal {
			sigs = append(sigs, signal{"近邻“" + n.name + "”", n.spans})
		}
	}
	for i := range sigs {
		for j := i + 1; j < len(sigs); j++ {
			if !overlaps(sigs[i].spans, sigs[j].spans) {
				return sigs[i].label, sigs[j].label, true
			}
		}
	}
	return "", "", false
}

// overlaps reports whether any span of a overlaps any span of b.
func overlaps(a, b []hit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.start < y.end && y.start < x.end {
				return true
			}
		}
	}
	return false
}

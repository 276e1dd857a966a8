package matcher

import "slices"

// litHits is the valid hits of a page or a unit by literal: what scoring
// asks for every term, group item and exclusion of every rule, most of
// which have no hit. A bit per literal answers those at once; the
// literals that have hits are found by binary search. (It replaced a map
// built per unit, which was a tenth of the allocations on candidate
// pages.)
type litHits struct {
	present []uint64 // bit per literal id
	ids     []int32  // literals with hits, ascending
	hits    [][]hit  // hits[i]: those of ids[i], in the order given
}

// newLitHits indexes hs (in the order each literal's hits are to be
// listed) for a matcher of n literals. It keeps a copy, not hs.
func newLitHits(n int, hs []hit) *litHits {
	x := &litHits{present: make([]uint64, (n+63)/64)}
	if len(hs) == 0 {
		return x
	}
	sorted := slices.Clone(hs)
	slices.SortStableFunc(sorted, func(a, b hit) int { return a.lit - b.lit })
	distinct := 1
	for i := 1; i < len(sorted); i++ {
		if sorted[i].lit != sorted[i-1].lit {
			distinct++
		}
	}
	x.ids, x.hits = make([]int32, 0, distinct), make([][]hit, 0, distinct)
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].lit == sorted[i].lit {
			j++
		}
		id := sorted[i].lit
		x.present[id>>6] |= 1 << (id & 63)
		x.ids = append(x.ids, int32(id))
		x.hits = append(x.hits, sorted[i:j:j])
		i = j
	}
	return x
}

// get returns the hits of literal id (nil when it has none).
func (x *litHits) get(id int) []hit {
	if x == nil || id < 0 || id>>6 >= len(x.present) || x.present[id>>6]&(1<<(id&63)) == 0 {
		return nil
	}
	i, _ := slices.BinarySearch(x.ids, int32(id))
	return x.hits[i]
}

// literals returns the literals that have hits, ascending.
func (x *litHits) literals() []int32 {
	if x == nil {
		return nil
	}
	return x.ids
}

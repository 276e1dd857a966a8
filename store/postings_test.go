package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPostingList adds postings in random order (appends, inserts in the
// middle, fields added to a posting already there) to lists long enough
// to have many skip entries, and checks every posting and every seek
// against a plain map.
func TestPostingList(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		var l postingList
		want := map[uint32]uint8{}
		maxID := uint32(10 + rng.IntN(5000))
		if round%5 == 0 {
			maxID = 1 << 28 // wide gaps: three- and four-byte postings
		}
		n := rng.IntN(3000)
		// Ascending first, as a build adds them (skip entries made), then
		// at random (inserts in the middle, fields added).
		next := uint32(0)
		for i := range n {
			var id uint32
			if i >= n*3/4 || rng.IntN(20) == 0 {
				id = rng.Uint32N(max(1, next) + 1)
			} else {
				next += 1 + rng.Uint32N(max(1, maxID/uint32(max(1, n))))
				id = next
			}
			f := uint8(1 << rng.IntN(3))
			l.add(id, f)
			want[id] |= f
		}
		if round%2 == 0 {
			l.trim()
		}
		ids := make([]uint32, 0, len(want))
		for id := range want {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		if int(l.n) != len(ids) {
			t.Fatalf("round %d: %d postings, want %d", round, l.n, len(ids))
		}
		var got []uint32
		l.each(func(id uint32, f uint8) {
			got = append(got, id)
			if want[id] != f {
				t.Fatalf("round %d: id %d fields %b, want %b", round, id, f, want[id])
			}
		})
		if !slices.Equal(got, ids) {
			t.Fatalf("round %d: ids differ (%d vs %d)", round, len(got), len(ids))
		}
		if len(ids) > 0 && l.last != ids[len(ids)-1] {
			t.Fatalf("round %d: last %d, want %d", round, l.last, ids[len(ids)-1])
		}
		// Seeks in ascending order, some present, some not.
		cur := postingCursor{l: &l}
		var probe uint32
		for range 500 {
			probe += rng.Uint32N(max(2, 2*maxID/500))
			id, f, ok := cur.seek(probe)
			i, _ := slices.BinarySearch(ids, probe)
			if i == len(ids) {
				if ok {
					t.Fatalf("round %d: seek %d found %d past the end", round, probe, id)
				}
				continue
			}
			if !ok || id != ids[i] || f != want[id] {
				t.Fatalf("round %d: seek %d = %d %b %v, want %d %b", round, probe, id, f, ok, ids[i], want[ids[i]])
			}
		}
	}
}

// TestTermIndexLists: terms with one posting (kept inline), that gain a
// second (before or after it), and many, read back as added.
func TestTermIndexLists(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ix := &termIndex{postings: map[string]uint64{}}
	want := map[string]map[uint32]uint8{}
	terms := []string{"证书", "办理", "wx123", "example"}
	for i := range 300 {
		terms = append(terms, fmt.Sprintf("t%d", i))
	}
	for range 3000 {
		id := uint64(1 + rng.IntN(2000))
		got := map[string]uint8{}
		for range 1 + rng.IntN(4) {
			// Low-numbered terms often, the others rarely (one posting).
			term := terms[min(len(terms)-1, int(rng.ExpFloat64()*40))]
			got[term] |= uint8(1 << rng.IntN(3))
		}
		ix.add(id, got)
		for term, f := range got {
			if want[term] == nil {
				want[term] = map[uint32]uint8{}
			}
			want[term][uint32(id)] |= f
		}
	}
	singles := 0
	for term, m := range want {
		if len(m) == 1 {
			singles++
		}
		l := ix.list(term)
		n := 0
		l.each(func(id uint32, f uint8) {
			n++
			if m[id] != f {
				t.Fatalf("term %s case %d: fields %b, want %b", term, id, f, m[id])
			}
		})
		if n != len(m) || int(l.n) != n {
			t.Fatalf("term %s: %d postings (n %d), want %d", term, n, l.n, len(m))
		}
	}
	if singles == 0 || len(ix.lists) == 0 {
		t.Fatalf("%d single postings, %d lists: the test should have both", singles, len(ix.lists))
	}
	if l := ix.list("absent"); l.n != 0 {
		t.Fatalf("absent term: %d postings", l.n)
	}
}

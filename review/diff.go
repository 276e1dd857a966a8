package review

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/certwatch/certwatch/store"
)

// The diff between two snapshots of a case's page (对比): what the page
// text lost and gained between two sweeps, line by line. The diff is
// Myers' O(ND) algorithm on lines after the common head and tail are
// trimmed, and it is bounded: each side is cut at maxDiffLines lines of at
// most maxDiffLineBytes, and past maxDiffEdits changed lines the middle is
// shown as wholly replaced (still correct, no longer minimal). Long runs
// of unchanged lines are folded to diffContext lines around each change.

const (
	maxDiffLines     = 5000
	maxDiffLineBytes = 2000
	maxDiffEdits     = 1000
	diffContext      = 3
)

// diffOp is one line of a diff: ' ' kept, '-' only in the older text,
// '+' only in the newer.
type diffOp struct {
	Kind byte
	Text string
	A, B int // line numbers in each text (1-based; 0 when absent)
}

// lineDiff diffs two texts by lines; exact is false when the edit bound
// was hit and the middle is shown as replaced.
func lineDiff(a, b []string) (ops []diffOp, exact bool) {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	for i := 0; i < head; i++ {
		ops = append(ops, diffOp{' ', a[i], i + 1, i + 1})
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	mid, exact := myers(ma, mb, maxDiffEdits)
	if !exact {
		mid = mid[:0]
		for _, l := range ma {
			mid = append(mid, diffOp{Kind: '-', Text: l})
		}
		for _, l := range mb {
			mid = append(mid, diffOp{Kind: '+', Text: l})
		}
	}
	ai, bi := head, head
	for _, op := range mid {
		switch op.Kind {
		case ' ':
			ai, bi = ai+1, bi+1
			op.A, op.B = ai, bi
		case '-':
			ai++
			op.A = ai
		case '+':
			bi++
			op.B = bi
		}
		ops = append(ops, op)
	}
	for i := 0; i < tail; i++ {
		ops = append(ops, diffOp{' ', a[len(a)-tail+i], len(a) - tail + i + 1, len(b) - tail + i + 1})
	}
	return ops, exact
}

// myers is the shortest edit script from a to b, or false when it needs
// more than maxD inserted and deleted lines. Memory is O(D²) for the
// trace, bounded by maxD.
func myers(a, b []string, maxD int) ([]diffOp, bool) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	// trace[d] is v over diagonals -(d-1)..d-1 before step d (d >= 1).
	trace := [][]int{nil}
	end := -1
	for d := 0; d <= maxD && end < 0; d++ {
		if d > 0 {
			trace = append(trace, slices.Clone(v[off-(d-1):off+d]))
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				end = d
				break
			}
		}
	}
	if end < 0 {
		return nil, false
	}
	var rev []diffOp
	x, y := n, m
	for d := end; d > 0; d-- {
		prev := trace[d]
		at := func(k int) int { return prev[k+(d-1)] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			rev = append(rev, diffOp{Kind: ' ', Text: a[x-1]})
			x, y = x-1, y-1
		}
		if x == px {
			rev = append(rev, diffOp{Kind: '+', Text: b[y-1]})
		} else {
			rev = append(rev, diffOp{Kind: '-', Text: a[x-1]})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, diffOp{Kind: ' ', Text: a[x-1]})
		x, y = x-1, y-1
	}
	slices.Reverse(rev)
	return rev, true
}

// diffLines splits a snapshot's text for diffing: lines without trailing
// spaces, blank ones dropped, each cut at maxDiffLineBytes on a UTF-8
// boundary, at most maxDiffLines (cut says whether some were left out).
func diffLines(text string) (lines []string, cut bool) {
	for l := range strings.SplitSeq(text, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(lines) == maxDiffLines {
			return lines, true
		}
		if len(l) > maxDiffLineBytes {
			i := maxDiffLineBytes
			for i > 0 && !utf8Start(l[i]) {
				i--
			}
			l, cut = l[:i]+"…", true
		}
		lines = append(lines, l)
	}
	return lines, cut
}

// diffRow is a line of the page, or a fold of unchanged lines.
type diffRow struct {
	diffOp
	Folded int // > 0: this many unchanged lines are not shown
}

// foldDiff keeps diffContext unchanged lines around each change and folds
// the rest.
func foldDiff(ops []diffOp) []diffRow {
	keep := make([]bool, len(ops))
	for i, op := range ops {
		if op.Kind != ' ' {
			for j := max(0, i-diffContext); j <= min(len(ops)-1, i+diffContext); j++ {
				keep[j] = true
			}
		}
	}
	var out []diffRow
	for i := 0; i < len(ops); {
		if keep[i] {
			out = append(out, diffRow{diffOp: ops[i]})
			i++
			continue
		}
		j := i
		for j < len(ops) && !keep[j] {
			j++
		}
		out = append(out, diffRow{Folded: j - i})
		i = j
	}
	return out
}

type diffView struct {
	Case               *store.Case
	Snapshots          []store.Snapshot // newest first, for the choosers
	A, B               *store.Snapshot  // older, newer
	Rows               []diffRow
	Added, Removed     int
	Same               bool
	Inexact, Cut       bool
	MissingA, MissingB bool // a snapshot kept no text
	MaxLines, MaxEdits int
}

// diffPage shows the diff between two snapshots of a case (?a=&b=, ids;
// by default the two newest).
func (s *Server) diffPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.pathCase(w, r)
	if !ok {
		return
	}
	id := c.ID
	snaps, err := s.st.Snapshots(id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(snaps) < 2 {
		s.fail(w, r, http.StatusNotFound, "该案件只有一个快照，没有可对比的内容。")
		return
	}
	slices.Reverse(snaps) // newest first
	v := diffView{Case: c, Snapshots: snaps, MaxLines: maxDiffLines, MaxEdits: maxDiffEdits}
	pick := func(key string, def int) (*store.Snapshot, error) {
		raw := r.URL.Query().Get(key)
		if raw == "" {
			return &snaps[def], nil
		}
		sid, err := strconv.ParseUint(raw, 10, 64)
		if err != nil {
			return nil, badRequest("快照编号无效。")
		}
		for i := range snaps {
			if snaps[i].ID == sid {
				return &snaps[i], nil
			}
		}
		return nil, badRequest("快照 #%d 不属于案件 #%d。", sid, id)
	}
	if v.A, err = pick("a", 1); err == nil {
		v.B, err = pick("b", 0)
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if v.A.ID > v.B.ID {
		v.A, v.B = v.B, v.A
	}
	text := func(sid uint64) (string, bool, error) {
		t, err := s.st.SnapshotText(sid)
		if errors.Is(err, store.ErrNotFound) {
			return "", true, nil
		}
		if err != nil {
			return "", false, err
		}
		return t.Title + "\n" + t.Text, false, nil
	}
	ta, missA, err := text(v.A.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	tb, missB, err := text(v.B.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.MissingA, v.MissingB = missA, missB
	la, cutA := diffLines(ta)
	lb, cutB := diffLines(tb)
	v.Cut = cutA || cutB
	ops, exact := lineDiff(la, lb)
	v.Inexact = !exact
	for _, op := range ops {
		switch op.Kind {
		case '+':
			v.Added++
		case '-':
			v.Removed++
		}
	}
	v.Same = v.Added == 0 && v.Removed == 0
	v.Rows = foldDiff(ops)
	s.render(w, r, http.StatusOK, "diff", v)
}

// Sign is the op's sign, for the template.
func (op diffOp) Sign() string {
	switch op.Kind {
	case '+':
		return "+"
	case '-':
		return "−"
	}
	return ""
}

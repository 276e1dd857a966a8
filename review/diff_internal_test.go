package review

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// lcsLen is the length of the longest common subsequence, by the
// textbook table: the oracle for the diff's size.
func lcsLen(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

// sides rebuilds both texts from a diff and checks its line numbers.
func sides(t *testing.T, ops []diffOp) (a, b []string) {
	t.Helper()
	for _, op := range ops {
		if op.Kind != '+' {
			a = append(a, op.Text)
			if op.A != len(a) {
				t.Fatalf("line %q: old number %d, want %d", op.Text, op.A, len(a))
			}
		}
		if op.Kind != '-' {
			b = append(b, op.Text)
			if op.B != len(b) {
				t.Fatalf("line %q: new number %d, want %d", op.Text, op.B, len(b))
			}
		}
	}
	return a, b
}

// TestLineDiff: on random texts the diff rebuilds both sides, numbers
// their lines, and changes exactly len(a)+len(b)-2·LCS lines (minimal).
func TestLineDiff(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	words := []string{"出售安全员证", "包过", "联系微信", "电工证", "官网可查", "", "代办"}
	gen := func() []string {
		out := make([]string, rng.IntN(30))
		for i := range out {
			out[i] = words[rng.IntN(len(words))]
		}
		return out
	}
	for i := range 400 {
		a, b := gen(), gen()
		ops, exact := lineDiff(a, b)
		if !exact {
			t.Fatalf("case %d: inexact on %d+%d lines", i, len(a), len(b))
		}
		ga, gb := sides(t, ops)
		if strings.Join(ga, "\n") != strings.Join(a, "\n") || strings.Join(gb, "\n") != strings.Join(b, "\n") {
			t.Fatalf("case %d: the diff does not rebuild its sides\na=%q\nb=%q\nops=%v", i, a, b, ops)
		}
		changed := 0
		for _, op := range ops {
			if op.Kind != ' ' {
				changed++
			}
		}
		if want := len(a) + len(b) - 2*lcsLen(a, b); changed != want {
			t.Fatalf("case %d: %d changed lines, minimal is %d\na=%q\nb=%q", i, changed, want, a, b)
		}
	}
}

// TestLineDiffBounded: past maxDiffEdits the middle is replaced whole
// (still rebuilding both sides) and the largest input is quick.
func TestLineDiffBounded(t *testing.T) {
	a, b := make([]string, maxDiffLines), make([]string, maxDiffLines)
	for i := range a {
		a[i], b[i] = fmt.Sprint("旧", i), fmt.Sprint("新", i)
	}
	b[0], b[maxDiffLines-1] = a[0], a[maxDiffLines-1] // a common head and tail
	start := time.Now()
	ops, exact := lineDiff(a, b)
	took := time.Since(start)
	if exact {
		t.Fatal("a diff of 10,000 changed lines was exact, want the bound to apply")
	}
	ga, gb := sides(t, ops)
	if len(ga) != len(a) || len(gb) != len(b) || ops[0].Kind != ' ' || ops[len(ops)-1].Kind != ' ' {
		t.Fatalf("bounded diff: %d/%d lines, first %q last %q", len(ga), len(gb), ops[0].Kind, ops[len(ops)-1].Kind)
	}
	if took > 2*time.Second {
		t.Errorf("the bounded diff took %v", took)
	}
	t.Logf("%d+%d lines, all changed: %v", len(a), len(b), took)
}

func TestFoldDiff(t *testing.T) {
	var a, b []string
	for i := range 40 {
		a = append(a, fmt.Sprint("行", i))
	}
	b = append(b, a...)
	b[20] = "改动"
	ops, _ := lineDiff(a, b)
	rows := foldDiff(ops)
	// 20 folded, 3 context, -, +, 3 context, 16 folded.
	if len(rows) != 10 || rows[0].Folded != 17 || rows[len(rows)-1].Folded != 16 {
		t.Fatalf("rows = %+v", rows)
	}
}

func TestDiffLines(t *testing.T) {
	long := strings.Repeat("长", maxDiffLineBytes) // 3 bytes each
	lines, cut := diffLines("a  \n\n  \nb\r\n" + long)
	if len(lines) != 3 || lines[0] != "a" || lines[1] != "b" || !cut || !strings.HasSuffix(lines[2], "…") ||
		!strings.HasPrefix(long, strings.TrimSuffix(lines[2], "…")) {
		t.Fatalf("diffLines = %q, %v", lines, cut)
	}
	many := strings.Repeat("x\n", maxDiffLines+5)
	if lines, cut := diffLines(many); len(lines) != maxDiffLines || !cut {
		t.Fatalf("%d lines, cut %v", len(lines), cut)
	}
}

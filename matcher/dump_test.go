package matcher

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/certwatch/certwatch/rules"
)

// TestDumpFindings writes, when CERTWATCH_DUMP_FINDINGS names a file, the
// finding of every page TestFastPathSameFindings compares (and two
// variants of each), matched with the default pack and with the default
// pack beside a list of 4,000 terms, one JSON line each. Run at two
// commits and compared with cmp, it shows that a change to the matcher
// leaves every finding (scores, categories, reasons, offsets, contacts) as
// it was:
//
//	CERTWATCH_DUMP_FINDINGS=/tmp/a.jsonl go test -tags ne,demo -run TestDumpFindings ./matcher
func TestDumpFindings(t *testing.T) {
	out := os.Getenv("CERTWATCH_DUMP_FINDINGS")
	if out == "" {
		t.Skip("set CERTWATCH_DUMP_FINDINGS to a file to write the findings to")
	}
	dp, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	pages := sameTestPages(t)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	n := 0
	for _, packs := range [][]*rules.Pack{{dp}, {dp, bigramPack(t, pages, 4000, 6)}} {
		m, err := Compile(packs...)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(11, 7))
		for _, p := range pages {
			for _, v := range variants(r, p, 2) {
				c := *v
				j, err := json.Marshal(m.Match(&c))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := w.Write(append(j, '\n')); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d findings written to %s", n, out)
}

package matcher

import (
	"github.com/certwatch/certwatch/internal/racemode"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// TestPageNormalizedSameAsNormalize: the normalised text Match keeps on a
// page, and the one PageNormalized makes when nothing was kept, are what
// NormalizeString gives for the same strings, so content keys and the
// blocked-page check read exactly what they read before they shared it;
// and a page Match has read is not normalised again.
func TestPageNormalizedSameAsNormalize(t *testing.T) {
	if racemode.Enabled {
		t.Skip("single-goroutine comparison over large inputs: make test runs it without -race (NORACE_TESTS)")
	}
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(pack)
	if err != nil {
		t.Fatal(err)
	}
	pages := sameTestPages(t)
	if len(pages) < 500 {
		t.Fatalf("only %d pages", len(pages))
	}
	large := 0
	for i, p := range pages {
		for _, kept := range []bool{true, false} {
			q := &page.Page{URL: p.URL, Title: p.Title, Text: p.Text, Blocks: p.Blocks, Forms: p.Forms, Links: p.Links}
			if kept {
				m.Match(q)
			}
			before := Normalizations()
			pn := PageNormalized(q)
			pn2 := PageNormalized(q) // kept: no second normalisation
			if pn2 != pn {
				t.Fatalf("page %d: PageNormalized did not keep its result", i)
			}
			want := uint64(1) // normalised here
			if kept || len(q.Title)+1+len(q.Text) < largeNorm {
				want = 0 // Match's kept, or too short to count
			}
			if n := Normalizations() - before; n != want {
				t.Errorf("page %d (kept %v): PageNormalized normalised %d times, want %d", i, kept, n, want)
			}
			if want := NormalizeString(q.Title + "\n" + q.Text); pn.Text != want {
				t.Fatalf("page %d (kept %v): PageNormalized text differs from NormalizeString:\n%q\n%q", i, kept, pn.Text, want)
			}
			if want := NormalizeString(q.Title); pn.Title() != want {
				t.Errorf("page %d (kept %v): title %q, NormalizeString %q", i, kept, pn.Title(), want)
			}
			if got, want := HashNormalized(pn.Text), ContentHash(q.Title+"\n"+q.Text); got != want {
				t.Errorf("page %d: content hash %s, want %s", i, got, want)
			}
		}
		if len(p.Title)+1+len(p.Text) >= largeNorm {
			large++
		}
	}
	if large == 0 {
		t.Fatal("no page of 1 KiB or more: the count is untested")
	}
}

package matcher

import (
	"github.com/certwatch/certwatch/internal/racemode"
	"reflect"
	"testing"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// TestPageNormalizedSameAsNormalize: the normalised text MatchNorm
// returns with its finding, and the one PageNormalized makes for a page
// the matcher has not read, are what NormalizeString gives for the same
// strings, so content keys and the blocked-page check read exactly what
// they read before they shared it; and PageNormalized normalises once.
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
		for _, matched := range []bool{true, false} {
			q := &page.Page{URL: p.URL, Title: p.Title, Text: p.Text, Blocks: p.Blocks, Forms: p.Forms, Links: p.Links}
			before := Normalizations()
			var pn *PageNorm
			if matched {
				f, n := m.MatchNorm(q)
				if g := m.Match(q); !reflect.DeepEqual(f, g) {
					t.Fatalf("page %d: MatchNorm's finding differs from Match's", i)
				}
				pn = n
			} else {
				pn = PageNormalized(q)
			}
			want := uint64(1) // normalised once
			if len(q.Title)+1+len(q.Text) < largeNorm {
				want = 0 // too short to count
			}
			if n := Normalizations() - before; !matched && n != want {
				t.Errorf("page %d: PageNormalized normalised %d times, want %d", i, n, want)
			}
			if want := NormalizeString(q.Title + "\n" + q.Text); pn.Text != want {
				t.Fatalf("page %d (matched %v): normalised text differs from NormalizeString:\n%q\n%q", i, matched, pn.Text, want)
			}
			if want := NormalizeString(q.Title); pn.Title() != want {
				t.Errorf("page %d (matched %v): title %q, NormalizeString %q", i, matched, pn.Title(), want)
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

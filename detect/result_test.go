package detect

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
)

// TestExamineResult: Examine's result holds what the sweep used to
// compute from the page after Detect, the same bytes: the finding as
// Detect gives it, the normalised text (NormalizeString of title and
// text), the content key (SHA-256 of it, as stores keep it) and the link
// contacts (LinkContacts of that finding).
func TestExamineResult(t *testing.T) {
	m := defaultMatcher(t)
	dets := map[string]*Detector{"rules": New(m, Options{}), "model": New(m, Options{Model: defaultModel(t)})}
	var pages []*page.Page
	for _, f := range []string{"../testdata/corpus/cert_sale.jsonl", "../testdata/corpus/clean_misc.jsonl", "../testdata/corpus/imitation_site.jsonl"} {
		if err := page.Read(context.Background(), f, nil, func(it page.Item) error {
			if it.Err != nil {
				t.Errorf("%s: %v", f, it.Err)
				return nil
			}
			pages = append(pages, it.Page)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if len(pages) < 50 {
		t.Fatalf("only %d pages", len(pages))
	}
	flagged, linked := 0, 0
	for name, d := range dets {
		for i, p := range pages {
			r := d.Examine(p)
			f := d.Detect(p)
			a, err := finding.Encode(r.Finding)
			if err != nil {
				t.Fatal(err)
			}
			b, err := finding.Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(a) != string(b) {
				t.Fatalf("%s page %d: Examine's finding differs from Detect's:\n%s\n%s", name, i, a, b)
			}
			norm := matcher.NormalizeString(p.Title + "\n" + p.Text)
			if r.Norm.Text != norm {
				t.Fatalf("%s page %d: normalised text differs from NormalizeString", name, i)
			}
			sum := sha256.Sum256([]byte(norm))
			if got, want := r.ContentKey(), hex.EncodeToString(sum[:]); got != want {
				t.Errorf("%s page %d: content key %s, want %s", name, i, got, want)
			}
			if got, want := r.Contacts, LinkContacts(p, f); !reflect.DeepEqual(got, want) {
				t.Errorf("%s page %d: contacts %v, want %v", name, i, got, want)
			}
			if f.Flagged {
				flagged++
			}
			if len(r.Contacts) > 0 {
				linked++
			}
		}
	}
	if flagged == 0 || linked == 0 {
		t.Fatalf("%d flagged, %d with link contacts: the corpus does not test the result", flagged, linked)
	}
}

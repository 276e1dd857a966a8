package inforce

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

func compiled(t *testing.T, p *rules.Pack) Rules {
	t.Helper()
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return Rules{Packs: []*rules.Pack{p}, Matcher: m, SearchTerms: p.SearchTerms}
}

const otherPack = `name: dept
issuer: 测试局
version: "2"
threshold: 5
categories: {cert_sale: 假证买卖第二版}
search_terms: [包过]
rules:
  - id: sale
    category: cert_sale
    description: 证书买卖
    legal_basis: 测试
    route: takedown_cac
    terms:
      - {term: 包过, weight: 5}
`

// TestHolderChangesInOnePlace: after UseRules every reader (packs,
// category names, search terms, the detector's rules) sees the new pack
// and the model stays; after a channel switch ModelChanged takes it in and
// the rules stay.
func TestHolderChangesInOnePlace(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "h.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	def, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	h := New(compiled(t, def), st, nil)
	first := h.Detector()
	if first.Model() == nil {
		t.Fatalf("no model in force with the embedded default: %+v", first.Status())
	}
	if got := h.CategoryName("cert_sale"); got != def.CategoryName("cert_sale") {
		t.Errorf("category name %q", got)
	}

	p2, err := rules.Parse("v2.yaml", []byte(otherPack))
	if err != nil {
		t.Fatal(err)
	}
	h.UseRules(compiled(t, p2))
	if got := h.CategoryName("cert_sale"); got != "假证买卖第二版" {
		t.Errorf("category name after UseRules %q", got)
	}
	if !slices.Equal(h.SearchTerms(), []string{"包过"}) || len(h.Packs()) != 1 || h.Packs()[0] != p2 {
		t.Errorf("packs %v, search terms %v after UseRules", h.Packs(), h.SearchTerms())
	}
	d := h.Detector()
	if !slices.Equal(d.Status().Rules, []string{p2.Version()}) || d.Model() != first.Model() {
		t.Errorf("detector after UseRules: %+v (model kept: %v)", d.Status(), d.Model() == first.Model())
	}

	if err := st.SetModelChannel("test", "cert_sale", false); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(h.Detector().Status().Off, "cert_sale") {
		t.Fatal("the switch reached the detector before ModelChanged")
	}
	h.ModelChanged()
	s := h.Detector().Status()
	if !slices.Contains(s.Off, "cert_sale") || !slices.Equal(s.Rules, []string{p2.Version()}) {
		t.Errorf("after ModelChanged: %+v", s)
	}
}

// TestHolderConcurrent: readers never see a torn state while writers
// change it (run with -race).
func TestHolderConcurrent(t *testing.T) {
	def, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p2, err := rules.Parse("v2.yaml", []byte(otherPack))
	if err != nil {
		t.Fatal(err)
	}
	a, b := compiled(t, def), compiled(t, p2)
	h := New(a, nil, nil)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				if (i+j)%2 == 0 {
					h.UseRules(a)
				} else {
					h.UseRules(b)
				}
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				s := h.now.Load()
				if s.det.Matcher() != s.rules.Matcher {
					t.Error("the detector's rules and the packs in force differ")
					return
				}
			}
		}()
	}
	wg.Wait()
}

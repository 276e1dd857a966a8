package store

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

func TestSearchTerms(t *testing.T) {
	for _, tc := range []struct {
		name             string
		title, text, url string
		want             map[string]uint8
	}{
		{"han bigrams", "办证", "安全员证", "",
			map[string]uint8{"办证": SearchFieldTitle, "安全": SearchFieldText, "全员": SearchFieldText, "员证": SearchFieldText}},
		{"words and numbers, folded", "", "加ＶＸ：Zs_88 或 138-0000", "",
			map[string]uint8{"vx": SearchFieldText, "zs": SearchFieldText, "88": SearchFieldText, "138": SearchFieldText, "0000": SearchFieldText}},
		{"a lone Han character is no term", "", "证 书", "", map[string]uint8{}},
		{"URL words, decoded", "", "", "https://Shop-A.example/%E5%8A%9E%E8%AF%81?id=7",
			map[string]uint8{"https": SearchFieldURL, "shop": SearchFieldURL, "a": SearchFieldURL, "example": SearchFieldURL,
				"办证": SearchFieldURL, "id": SearchFieldURL, "7": SearchFieldURL}},
		{"fields add up", "电工证", "电工证", "",
			map[string]uint8{"电工": SearchFieldTitle | SearchFieldText, "工证": SearchFieldTitle | SearchFieldText}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SearchTerms(tc.title, tc.text, tc.url); !maps.Equal(got, tc.want) {
				t.Errorf("terms %v, want %v", got, tc.want)
			}
		})
	}
	long := strings.Repeat("a", 100) + " " + strings.Repeat("字", maxIndexedText)
	terms := SearchTerms("", long, "")
	if _, ok := terms[strings.Repeat("a", maxTermBytes)]; !ok || len(terms) != 2 {
		t.Errorf("a long run is cut at %d bytes, long text at %d bytes: %d terms", maxTermBytes, maxIndexedText, len(terms))
	}
	var many strings.Builder
	for i := range maxCaseTerms * 2 {
		fmt.Fprintf(&many, "w%d ", i)
	}
	if n := len(SearchTerms(many.String(), "", "")); n != maxCaseTerms {
		t.Errorf("%d terms kept, want the bound %d", n, maxCaseTerms)
	}
}

func TestParseSearchQuery(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string
		err  error
	}{
		{"安全员证", []string{"安全", "全员", "员证"}, nil},
		{" 证书  证书 ", []string{"证书"}, nil},
		{"微信 ZS88", []string{"微信", "zs88"}, nil},
		{"证", nil, ErrSearchNoTerms},
		{"", nil, ErrSearchNoTerms},
		{strings.Repeat("证", MaxSearchQuery+1), nil, ErrSearchTooLong},
	} {
		got, err := ParseSearchQuery(tc.q)
		if !slices.Equal(got, tc.want) || !errors.Is(err, tc.err) {
			t.Errorf("ParseSearchQuery(%.20q) = %v, %v; want %v, %v", tc.q, got, err, tc.want, tc.err)
		}
		if tc.err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseSearchQuery(%.20q): %v does not wrap ErrInvalid", tc.q, err)
		}
	}
}

// FuzzSearchSubstring: every query cut from an indexed text (two Han
// characters or more, or whole words) has only terms the text has, so the
// text's case is found.
func FuzzSearchSubstring(f *testing.F) {
	f.Add("专业办理安全员证书，微信 zs88 包过", 2, 9)
	f.Add("电工证ＱＱ１２３焊工证", 0, 5)
	f.Fuzz(func(t *testing.T, text string, i, j int) {
		if !utf8.ValidString(text) || len(text) > 2000 {
			return
		}
		runes := []rune(text)
		if i < 0 || j <= i || j > len(runes) {
			return
		}
		q := string(runes[i:j])
		terms, err := ParseSearchQuery(q)
		if err != nil {
			return
		}
		have := SearchTerms("", text, "")
		for _, term := range terms {
			if _, ok := have[term]; ok {
				continue
			}
			// A word cut in the middle is not a whole word of the text.
			if r, _ := utf8.DecodeRuneInString(term); !isSearchHan(r) {
				continue
			}
			t.Fatalf("query %q of text %q: term %q is not indexed", q, text, term)
		}
	})
}

// TestSearchIndexBuiltAtOpen: a database from before search gets its
// pivots when opened for writing, and its terms on the first search.
func TestSearchIndexBuiltAtOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sw := Sweep{ConfigHash: "c"}
	if err := s.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	res, err := s.Record(Observation{SweepID: sw.ID, CaseKey: "listing:m:9", URL: "https://m.example/9", Title: "安全员证",
		Text: "代办焊工证", Body: []byte("x"), Contacts: []CaseContact{{Kind: "qq", Value: "123456"}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.DeleteBucket(bucketPivotCases)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []SearchQuery{
		{Text: "焊工"}, {Text: "安全员证"}, {Text: "m.example"},
		{Pivot: &Pivot{Kind: PivotListing, Value: "9"}}, {Pivot: &Pivot{Kind: PivotHost, Value: "m.example"}},
		{Pivot: &Pivot{Kind: PivotContact, Value: "qq:123456"}},
	} {
		got, err := s.Search(q)
		if err != nil || got.Total != 1 || got.Cases[0].ID != res.CaseID {
			t.Errorf("search %+v after rebuild: %+v, %v", q, got, err)
		}
	}
	pcs, err := s.PivotCounts(res.CaseID)
	if err != nil || len(pcs) != 4 {
		t.Errorf("pivots after rebuild: %+v, %v", pcs, err)
	}
}

// TestBestHits: the bounded heap gives what a full sort gives.
func TestBestHits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 3, 50, 1000, 5000} {
		hits := make([]hit, size)
		for i := range hits {
			hits[i] = hit{id: uint64(i + 1), relevance: rng.IntN(4), score: float64(rng.IntN(5)), lastSeen: int64(rng.IntN(3))}
		}
		want := slices.Clone(hits)
		slices.SortFunc(want, better)
		for _, n := range []int{1, 50, 200} {
			got := bestHits(slices.Clone(hits), n)
			if !slices.Equal(got, want[:min(n, size)]) {
				t.Errorf("best %d of %d differ from a full sort", n, size)
			}
		}
	}
}

// TestSearchWhileIndexBuilds: above syncBuildCases the index is built in
// the background; searches by words say so meanwhile, pivots answer, and
// words answer once it is built.
func TestSearchWhileIndexBuilds(t *testing.T) {
	old := syncBuildCases
	syncBuildCases = 0
	defer func() { syncBuildCases = old }()
	s, err := Open(filepath.Join(t.TempDir(), "b.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sw := Sweep{ConfigHash: "c"}
	if err := s.StartSweep(&sw); err != nil {
		t.Fatal(err)
	}
	res, err := s.Record(Observation{SweepID: sw.ID, CaseKey: "k", URL: "https://h.example/1", Title: "安全员证", Text: "代办", Body: []byte("x")})
	if err != nil {
		t.Fatal(err)
	}
	s.terms.mu.Lock() // hold the build back
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := s.Search(SearchQuery{Text: "代办"}); !errors.Is(err, ErrSearchIndexBuilding) {
			t.Errorf("search while building: %v, want ErrSearchIndexBuilding", err)
		}
		got, err := s.Search(SearchQuery{Pivot: &Pivot{Kind: PivotHost, Value: "h.example"}})
		if err != nil || got.Total != 1 || got.Cases[0].ID != res.CaseID {
			t.Errorf("pivot while building: %+v, %v", got, err)
		}
	}()
	<-done
	s.terms.mu.Unlock()
	for i := 0; ; i++ {
		got, err := s.Search(SearchQuery{Text: "代办"})
		if err == nil {
			if got.Total != 1 {
				t.Errorf("search once built: %+v", got)
			}
			break
		}
		if !errors.Is(err, ErrSearchIndexBuilding) || i == 500 {
			t.Fatalf("search: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

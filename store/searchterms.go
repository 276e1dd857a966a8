package store

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Full-text search terms. Every backend indexes a case under the terms
// SearchTerms gives for its title, page text and URL, and answers a query
// with the cases that hold every term ParseSearchQuery gives for it (an
// AND), so the two must tokenise alike; they share this file.
//
// Tokens, after lower-casing and folding full-width ASCII (ＱＱ → qq):
//
//   - a run of Han characters gives its character bigrams (证书办理 →
//     证书 书办 办理), so any query of two or more consecutive Han
//     characters finds the texts that hold it whatever the word
//     boundaries: this is what makes the search segmentation-proof (a
//     segmenter that cut 办理 differently on the page and in the query
//     would miss);
//   - a run of other letters and digits is one token (wx123, 13812345678,
//     example), at most maxTermBytes long;
//   - a URL is read decoded (percent escapes undone) and tokenised the
//     same way, so its host labels and path words are terms.
//
// Each posting remembers in which fields the term occurred (title, URL,
// text), which ranks the results: a hit in a title or URL counts more
// than one in the text.
//
// Bounds: the first maxIndexedText bytes of the text are indexed, at most
// maxCaseTerms terms a snapshot; a query is at most MaxSearchQuery
// characters and maxQueryTerms terms.

// Fields a term occurred in (bit set).
const (
	SearchFieldTitle uint8 = 1 << iota
	SearchFieldURL
	SearchFieldText
)

const (
	// MaxSearchQuery bounds a query, in characters.
	MaxSearchQuery = 100
	// MaxSearchResults bounds the cases one search returns (a page).
	MaxSearchResults = 200
	// maxIndexedText bounds how much of a page's text is indexed (about
	// 1,300 Han characters): the bbolt store keeps the terms in memory,
	// 4 bytes a posting.
	maxIndexedText = 4 << 10
	// maxCaseTerms bounds the distinct terms of one snapshot.
	maxCaseTerms = 1000
	// maxTermBytes bounds one token; longer runs are cut.
	maxTermBytes = 64
	// maxQueryTerms bounds the terms of a query.
	maxQueryTerms = 32
)

// Query errors, both wrapping ErrInvalid.
var (
	// ErrSearchTooLong: the query is longer than MaxSearchQuery.
	ErrSearchTooLong = fmt.Errorf("%w: search query longer than %d characters", ErrInvalid, MaxSearchQuery)
	// ErrSearchNoTerms: the query holds nothing searchable (only
	// punctuation, or a single Han character).
	ErrSearchNoTerms = fmt.Errorf("%w: search query has no term (two Han characters, or a word or number)", ErrInvalid)
)

// SearchTerms are the index terms of one snapshot of a case, each with
// the fields it occurred in.
func SearchTerms(title, text, rawURL string) map[string]uint8 {
	terms := map[string]uint8{}
	add := func(t string, f uint8) {
		if len(terms) >= maxCaseTerms {
			if _, ok := terms[t]; !ok {
				return
			}
		}
		terms[t] |= f
	}
	eachSearchToken(title, func(t string) { add(t, SearchFieldTitle) })
	eachSearchToken(urlText(rawURL), func(t string) { add(t, SearchFieldURL) })
	if len(text) > maxIndexedText {
		cut := maxIndexedText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	eachSearchToken(text, func(t string) { add(t, SearchFieldText) })
	return terms
}

// ParseSearchQuery gives the terms a case must hold to match q, without
// duplicates, in query order.
func ParseSearchQuery(q string) ([]string, error) {
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > MaxSearchQuery {
		return nil, ErrSearchTooLong
	}
	var out []string
	seen := map[string]bool{}
	eachSearchToken(q, func(t string) {
		if !seen[t] && len(out) < maxQueryTerms {
			seen[t] = true
			out = append(out, t)
		}
	})
	if len(out) == 0 {
		return nil, ErrSearchNoTerms
	}
	return out, nil
}

// urlText is a URL as its reader sees it: percent escapes decoded when
// they decode to UTF-8.
func urlText(raw string) string {
	if s, err := url.PathUnescape(raw); err == nil && utf8.ValidString(s) {
		return s
	}
	return raw
}

// foldSearchRune lower-cases r and folds full-width ASCII to ASCII.
func foldSearchRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFF01 - 0x21
	}
	return unicode.ToLower(r)
}

// isSearchHan reports whether r is a Han character (CJK ideograph).
func isSearchHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// eachSearchToken calls fn with every token of s (see the file comment).
func eachSearchToken(s string, fn func(string)) {
	var (
		word    strings.Builder // the current letter/digit run
		prevHan rune            // the previous character when it was Han, else 0
	)
	flush := func() {
		if word.Len() > 0 {
			fn(word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		r = foldSearchRune(r)
		switch {
		case isSearchHan(r):
			flush()
			if prevHan != 0 {
				fn(string([]rune{prevHan, r}))
			}
			prevHan = r
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			prevHan = 0
			if word.Len()+utf8.RuneLen(r) <= maxTermBytes {
				word.WriteRune(r)
			}
		default:
			prevHan = 0
			flush()
		}
	}
	flush()
}

// PivotKind is what a pivot follows from a case to the others.
type PivotKind string

// Pivots.
const (
	// PivotContact: the cases with a personal contact (Value is
	// "kind:value", e.g. "wechat:zhengshu88").
	PivotContact PivotKind = "contact"
	// PivotHost: the cases whose URL is on a host (lower case, no port).
	PivotHost PivotKind = "host"
	// PivotListing: the cases of a marketplace listing id (case keys
	// "listing:<source>:<id>", any source).
	PivotListing PivotKind = "listing"
	// PivotContent: the cases with a snapshot whose body has this
	// SHA-256 (hex, lower case).
	PivotContent PivotKind = "content"
)

// Pivot selects the cases sharing one thing with a case.
type Pivot struct {
	Kind  PivotKind `json:"kind"`
	Value string    `json:"value"`
}

// String is the pivot as written in a URL: kind:value.
func (p Pivot) String() string { return string(p.Kind) + ":" + p.Value }

// ParsePivot reads a pivot written kind:value.
func ParsePivot(s string) (Pivot, error) {
	kind, value, ok := strings.Cut(s, ":")
	p := Pivot{Kind: PivotKind(kind), Value: value}
	if !ok {
		return p, fmt.Errorf("%w: pivot %.100q is not kind:value", ErrInvalid, s)
	}
	return p, p.Check()
}

// maxPivotValue bounds a pivot's value.
const maxPivotValue = 256

// Check validates p.
func (p Pivot) Check() error {
	if p.Value == "" || len(p.Value) > maxPivotValue || strings.ContainsRune(p.Value, 0) {
		return fmt.Errorf("%w: pivot value %.100q", ErrInvalid, p.Value)
	}
	switch p.Kind {
	case PivotHost, PivotListing:
	case PivotContact:
		if _, ok := p.Contact(); !ok {
			return fmt.Errorf("%w: contact pivot %.100q is not kind:value", ErrInvalid, p.Value)
		}
	case PivotContent:
		if len(p.Value) != 64 || strings.Trim(p.Value, "0123456789abcdef") != "" {
			return fmt.Errorf("%w: content pivot %.100q is not a lower-case hex SHA-256", ErrInvalid, p.Value)
		}
	default:
		return fmt.Errorf("%w: unknown pivot kind %.40q", ErrInvalid, p.Kind)
	}
	return nil
}

// Contact is the contact of a contact pivot.
func (p Pivot) Contact() (CaseContact, bool) {
	kind, value, ok := strings.Cut(p.Value, ":")
	c := CaseContact{Kind: kind, Value: value}
	return c, ok && c.valid()
}

// ContactPivot is the pivot to the cases with contact c.
func ContactPivot(c CaseContact) Pivot {
	return Pivot{Kind: PivotContact, Value: c.Kind + ":" + c.Value}
}

// ListingID is the listing id of a case key "listing:<source>:<id>".
func ListingID(caseKey string) (string, bool) {
	rest, ok := strings.CutPrefix(caseKey, "listing:")
	if !ok {
		return "", false
	}
	_, id, ok := strings.Cut(rest, ":")
	return id, ok && id != ""
}

// SearchHost is the host of a case's URL as the host pivot keys it: lower
// case, without port or trailing dot; "" when it has none.
func SearchHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if len(h) > 253 {
		return ""
	}
	return h
}

// SearchQuery is a search: cases that hold every term of Text and share
// Pivot (either may be empty, not both).
type SearchQuery struct {
	Text  string
	Pivot *Pivot
	// Limit bounds the cases returned (default and maximum
	// MaxSearchResults); Offset skips the first ones, for paging.
	Limit, Offset int
}

// SearchResult is a page of the cases that match a search, best first:
// by relevance (hits in the title 3, in the URL 2, in the text 1, summed
// over the terms; 0 for a pivot alone), then case score, last seen, and
// id, all descending.
type SearchResult struct {
	Cases []Case `json:"cases"`
	// Total counts every matching case.
	Total int `json:"total"`
}

// PivotCount is one pivot of a case and how many cases share it (the case
// itself included).
type PivotCount struct {
	Pivot
	Count int `json:"count"`
}

// ErrSearchEmpty: a search with neither text nor pivot.
var ErrSearchEmpty = errors.New("search has neither text nor pivot")

// Prepare validates q and returns its terms (nil for a pivot alone), with
// Limit brought within bounds. Every backend's Search calls it.
func (q *SearchQuery) Prepare() ([]string, error) {
	if q.Limit <= 0 || q.Limit > MaxSearchResults {
		q.Limit = MaxSearchResults
	}
	q.Offset = max(q.Offset, 0)
	if q.Pivot != nil {
		if err := q.Pivot.Check(); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(q.Text) == "" {
		if q.Pivot == nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, ErrSearchEmpty)
		}
		return nil, nil
	}
	return ParseSearchQuery(q.Text)
}

// SearchWeight is the relevance of one term from the fields it occurred
// in: title 3, URL 2, text 1, summed.
func SearchWeight(fields uint8) int {
	w := 0
	if fields&SearchFieldTitle != 0 {
		w += 3
	}
	if fields&SearchFieldURL != 0 {
		w += 2
	}
	if fields&SearchFieldText != 0 {
		w++
	}
	return w
}

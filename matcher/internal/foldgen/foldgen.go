// Package foldgen computes the normalizer's character folding table from
// maintained sources. It is used by the generator and by the test that
// checks the committed table is current; the matcher itself never imports it.
package foldgen

import (
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// lookalikes are characters sellers substitute to slip past keyword
// filters, folded to what they imitate. Terms go through the same fold, so
// a pack never needs to list these spellings.
var lookalikes = map[rune]rune{
	// 微信 written as 威信, 薇信, 嶶信, 徽信, 溦信.
	'威': '微', '薇': '微', '嶶': '微', '徽': '微', '溦': '微',
	// Cyrillic and Greek letters that look like Latin ones (vх, qq with а …).
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
	'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ν': 'v',
	'ο': 'o', 'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ρ': 'p', 'τ': 't', 'χ': 'x', 'υ': 'u',
	// Cyrillic letters that look like digits.
	'з': '3', 'б': '6', 'ч': '4',
}

// Fold is the composite fold of one character (without the table).
func Fold(r rune) rune {
	r = compat(r)
	r = unicode.ToLower(r)
	if s, ok := t2s(r); ok {
		r = s
	}
	if l, ok := lookalikes[r]; ok {
		r = l
	}
	return r
}

// dingbatDigits are circled digits without a compatibility decomposition:
// the start of each run of 1–9 (➊ ❶ ➀ ⓵).
var dingbatDigits = []rune{0x2776, 0x2780, 0x278A, 0x24F5}

func compat(r rune) rune {
	for _, start := range dingbatDigits {
		if r >= start && r < start+9 {
			return '1' + (r - start)
		}
	}
	if r == 0x24FF || r == 0x1F10B || r == 0x1F10C { // ⓿ and negative circled zeros
		return '0'
	}
	if w := width.LookupRune(r).Folded(); w != 0 {
		r = w
	}
	s := norm.NFKC.String(string(r))
	if utf8.RuneCountInString(s) == 1 {
		c, _ := utf8.DecodeRuneInString(s)
		return c
	}
	// ⑴ → "(1)", ⒈ → "1.", ⒜ → "(a)": keep the letter or digit.
	var alnum []rune
	for _, c := range s {
		switch {
		case c < 0x80 && (unicode.IsDigit(c) || unicode.IsLetter(c)):
			alnum = append(alnum, c)
		case c == '(' || c == ')' || c == '.':
		default:
			return r
		}
	}
	if len(alnum) == 1 {
		return alnum[0]
	}
	return r
}

var cc *opencc.OpenCC

func t2s(r rune) (rune, bool) {
	if !unicode.Is(unicode.Han, r) {
		return 0, false
	}
	out, err := cc.Convert(string(r))
	if err != nil || utf8.RuneCountInString(out) != 1 {
		return 0, false
	}
	s, _ := utf8.DecodeRuneInString(out)
	return s, s != r
}

// Pairs returns every (from, to) with Fold(from) != from, over the BMP and
// the CJK supplementary planes, sorted by from.
func Pairs() ([][2]rune, error) {
	var err error
	if cc == nil {
		if cc, err = opencc.New("t2s"); err != nil {
			return nil, fmt.Errorf("foldgen: opencc: %w", err)
		}
	}
	var pairs [][2]rune
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			f := Fold(r)
			// Fold until stable so the table is idempotent.
			for i := 0; i < 3; i++ {
				if g := Fold(f); g != f {
					f = g
				}
			}
			if f != r && f != utf8.RuneError {
				pairs = append(pairs, [2]rune{r, f})
			}
		}
	}
	add(0x80, 0xFFFF)
	add(0x1D400, 0x1D7FF) // mathematical letters and digits
	add(0x1F100, 0x1F1FF) // enclosed alphanumerics
	add(0x20000, 0x2FA1F) // CJK extensions and compatibility supplement
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	return pairs, nil
}

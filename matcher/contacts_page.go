package matcher

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Contacts on every page. The close look (scan) extracts contacts on pages
// that are candidates for a rule; every other page goes through
// contactCue, a byte scan of the text the first pass normalized anyway,
// and only pages it picks are normalized with an offset map and searched
// for personal contacts (phone, WeChat, QQ, Telegram; not URLs and
// domains, which every page has).

// cjkDigit marks the CJK characters digitValue decodes, for contactCue.
var cjkDigit [0x10000 / 64]uint64

func init() {
	for r := rune(0x3000); r < 0xA000; r++ {
		if v, _ := digitValue(r); v >= 0 {
			cjkDigit[r/64] |= 1 << (r % 64)
		}
	}
}

// contactCue reports whether normalized text may hold a contact: a run of
// seven digit-like characters (ASCII digits, Chinese numerals, homophones;
// up to two separators between them), a run of five with a label right
// before it, a Latin id after CJK or a colon with a label before it, an
// @handle or a t.me link. It never decodes a number; it only decides
// whether the page is worth decoding.
func contactCue(b []byte) bool {
	run, gap, runStart := 0, 0, 0
	endRun := func(i int) bool {
		ok := run >= 5 && labelBefore(b, runStart)
		run, gap = 0, 0
		return ok
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			switch {
			case c >= '0' && c <= '9':
				if run == 0 {
					runStart = i
				}
				run++
				gap = 0
				if run >= 7 {
					return true
				}
				i++
				continue
			case (c == ' ' || c == '-' || c == '.' || c == ',') && run > 0 && gap < 2:
				gap++
				if c == '.' && i > 0 && b[i-1] == 't' && hasPrefixAt(b, i, ".me/") {
					return true
				}
				i++
				continue
			case c == '.':
				if i > 0 && b[i-1] == 't' && hasPrefixAt(b, i, ".me/") {
					return true
				}
			case c == '@':
				if i+1 < len(b) && b[i+1] >= 'a' && b[i+1] <= 'z' && (i == 0 || !isASCIIWord(b[i-1])) {
					return true
				}
			case c >= 'a' && c <= 'z' && i > 0 && (b[i-1] >= 0x80 || b[i-1] == ':'):
				// A Latin word right after CJK or a colon: an id when a
				// label stands before it (微信abc123, vx:abc123).
				if labelBefore(b, i) && idLen(b, i) >= 5 {
					return true
				}
			case c >= 'a' && c <= 'z' && i > 1 && b[i-1] == ' ' && isASCIIWord(b[i-2]):
				// vx abc123, tg zheng_88: a Latin label, a space, an id.
				if labelBefore(b, i) && idLen(b, i) >= 5 {
					return true
				}
			}
			if run > 0 && endRun(i) {
				return true
			}
			i++
			continue
		}
		if c >= 0xE0 && c < 0xF0 && i+2 < len(b) {
			r := rune(c&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
			if cjkDigit[r/64]&(1<<(r%64)) != 0 {
				if run == 0 {
					runStart = i
				}
				run++
				gap = 0
				if run >= 7 {
					return true
				}
				i += 3
				continue
			}
			if run > 0 && endRun(i) {
				return true
			}
			i += 3
			continue
		}
		if run > 0 && endRun(i) {
			return true
		}
		i++
	}
	return run > 0 && endRun(len(b))
}

func hasPrefixAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

func idLen(b []byte, i int) int {
	n := 0
	for i+n < len(b) && (isASCIIWord(b[i+n]) || b[i+n] == '-') {
		n++
	}
	return n
}

// labelBefore reports whether a contact label ends in the 15 bytes before i.
func labelBefore(b []byte, i int) bool {
	a := max(i-15, 0)
	for a < i && a > 0 && b[a]&0xC0 == 0x80 {
		a++ // start on a character boundary
	}
	return hasLabelCue(string(b[a:i]))
}

// pageContacts extracts the contacts of a normalized page. Numbers written
// with enclosed numbers above 9 (⒔⒑ for 1310, ⑫ for 12) lose them in
// normalization; a page that has them is searched a second time with
// those expanded to digits, and what that finds is mapped back.
func pageContacts(n *Normalized, personalOnly bool) []contact {
	src := n.Source()
	atBefore := func(i int) bool {
		a := n.OrigOffset(i)
		r, _ := utf8.DecodeLastRuneInString(src[:a])
		return r == '@' || r == '＠'
	}
	cs := extractContactsOpt(n.Text, personalOnly, atBefore)
	if !hasEnclosedTens(src) {
		return cs
	}
	exp, emap := expandEnclosed(src)
	n2 := Normalize(exp)
	more := extractContactsOpt(n2.Text, true, nil)
	for _, c := range more {
		ea, eb := n2.Orig(c.start, c.end)
		if eb <= ea || eb > len(emap) {
			continue
		}
		sa := int(emap[ea])
		last := int(emap[eb-1])
		_, size := utf8.DecodeRuneInString(src[last:])
		c.start, c.end = n.normOffset(sa), n.normOffset(last+size)
		if c.end <= c.start {
			continue
		}
		cs = append(cs, c)
	}
	return dedupeContacts(cs)
}

// normOffset maps an original byte offset to the first normalized byte
// that comes from at or after it.
func (n *Normalized) normOffset(a int) int {
	return sort.Search(len(n.orig), func(i int) bool { return int(n.orig[i]) >= a })
}

// enclosedTens gives the number of the enclosed numbers 10–50.
func enclosedTens(r rune) int {
	switch {
	case r >= 0x2469 && r <= 0x2473: // ⑩–⑳
		return int(r-0x2469) + 10
	case r >= 0x247D && r <= 0x2487: // ⑽–⒇
		return int(r-0x247D) + 10
	case r >= 0x2491 && r <= 0x249B: // ⒑–⒛
		return int(r-0x2491) + 10
	case r >= 0x24EB && r <= 0x24F4: // ⓫–⓴
		return int(r-0x24EB) + 11
	case r == 0x24FE || r == 0x277F || r == 0x2789 || r == 0x2793: // ⓾ ❿ ➉ ➓
		return 10
	case r >= 0x3251 && r <= 0x325F: // ㉑–㉟
		return int(r-0x3251) + 21
	case r >= 0x32B1 && r <= 0x32BF: // ㊱–㊿
		return int(r-0x32B1) + 36
	}
	return 0
}

func hasEnclosedTens(s string) bool {
	// All of them are three bytes starting E2 91/92/93/9D/9E or E3 89/8A.
	if !strings.Contains(s, "\xe2\x91") && !strings.Contains(s, "\xe2\x92") && !strings.Contains(s, "\xe2\x93") &&
		!strings.Contains(s, "\xe2\x9d") && !strings.Contains(s, "\xe2\x9e") && !strings.Contains(s, "\xe3\x89") && !strings.Contains(s, "\xe3\x8a") {
		return false
	}
	for _, r := range s {
		if enclosedTens(r) > 0 {
			return true
		}
	}
	return false
}

// expandEnclosed writes enclosed numbers above 9 as digits and returns a
// map from each byte of the result to the offset of its source character.
func expandEnclosed(s string) (string, []int32) {
	var b strings.Builder
	m := make([]int32, 0, len(s)+16)
	for i, r := range s {
		if v := enclosedTens(r); v > 0 {
			d := itoa(v)
			b.WriteString(d)
			for range len(d) {
				m = append(m, int32(i))
			}
			continue
		}
		n, _ := b.WriteRune(r)
		for range n {
			m = append(m, int32(i))
		}
	}
	return b.String(), m
}

func itoa(v int) string {
	if v < 10 {
		return string(rune('0' + v))
	}
	return itoa(v/10) + string(rune('0'+v%10))
}

// contactNear returns a personal contact within window characters of a
// positive term or group item of res, or nil. A rule whose group already
// used a contact slot gets none: the contact counted there.
func (s *scan) contactNear(res *ruleResult, window int) *contact {
	var spans []hit
	for _, g := range res.groups {
		if g.weight <= 0 {
			continue
		}
		for _, h := range g.spans {
			if h.lit == contactLit {
				return nil
			}
			spans = append(spans, h)
		}
	}
	for _, t := range res.terms {
		if t.weight > 0 {
			spans = append(spans, t.spans...)
		}
	}
	text := s.n.Text
	for i := range s.contacts {
		c := &s.contacts[i]
		if !c.personal() {
			continue
		}
		for _, h := range spans {
			var a, b int
			switch {
			case c.end <= h.start:
				a, b = c.end, h.start
			case h.end <= c.start:
				a, b = h.end, c.start
			default:
				return c // overlapping
			}
			if b-a <= 4*window && utf8.RuneCountInString(text[a:b]) <= window {
				return c
			}
		}
	}
	return nil
}

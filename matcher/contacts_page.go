package matcher

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/certwatch/certwatch/page"
)

// Contacts on every page. The close look (scan) extracts contacts on pages
// that are candidates for a rule; every other page goes through
// contactCue, a byte scan of the text the first pass normalized anyway,
// and only pages it picks are normalized with an offset map and searched
// for personal contacts (phone, WeChat, QQ, Telegram; not URLs and
// domains, which every page has).

// cjkDigit marks the CJK characters digitValue decodes, for contactCue;
// cjkWeak those of them that are common words (weakDigit).
var cjkDigit, cjkWeak [0x10000 / 64]uint64

func init() {
	for r := rune(0x3000); r < 0xA000; r++ {
		if v, _ := digitValue(r); v >= 0 {
			cjkDigit[r/64] |= 1 << (r % 64)
		}
		if weakDigit(r) {
			cjkWeak[r/64] |= 1 << (r % 64)
		}
	}
}

// digitByteAt reports an ASCII digit or a CJK digit character at i.
func digitByteAt(b []byte, i int) bool {
	if i >= len(b) {
		return false
	}
	if c := b[i]; c < 0x80 {
		return c >= '0' && c <= '9'
	} else if c < 0xE0 || c >= 0xF0 || i+2 >= len(b) {
		return false
	}
	r := rune(b[i]&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
	return cjkDigit[r/64]&(1<<(r%64)) != 0
}

// contactCue reports whether normalized text may hold a contact: a run of
// seven digit-like characters (ASCII digits, Chinese numerals, homophones,
// o/l/i inside a run; groups split by up to three separators or, after a
// group of three, by up to two filler characters, as scanDigitRuns
// allows), a run of five with a label right before it, a Latin id next to
// a label, an @handle or a t.me link. It never decodes a number; it only
// decides whether the page is worth decoding.
func contactCue(b []byte) bool { return len(contactCues(b, false)) > 0 }

// contactCues returns where contactCue fires: the start of each run, word
// or handle that may be a contact (all of them with all, else the first).
func contactCues(b []byte, all bool) []int { return appendContactCues(nil, b, all) }

// appendContactCues appends the cues of contactCues to dst.
func appendContactCues(dst []int, b []byte, all bool) []int {
	out := dst
	digits, group, gap, filler, runStart := 0, 0, 0, 0, 0
	fired := false
	fire := func(pos int) bool {
		out = append(out, pos)
		return !all
	}
	endRun := func() bool {
		ok := !fired && digits >= 5 && labelBefore(b, runStart)
		digits, group, gap, filler, fired = 0, 0, 0, 0, false
		return ok && fire(runStart)
	}
	digit := func(i int) bool {
		if digits == 0 {
			runStart = i
		}
		digits++
		group++
		gap, filler = 0, 0
		if digits >= 7 && !fired {
			fired = true
			return fire(runStart)
		}
		return false
	}
	for i := 0; i < len(b); {
		if digits == 0 {
			// Outside a run a CJK character that is no digit does
			// nothing: skip such characters in a tight loop, and the
			// homophones that are common words (要 灵 散 霸) unless a
			// digit follows (as scanDigitRuns starts no run on them).
			for i+2 < len(b) && b[i] >= 0xE0 && b[i] < 0xF0 {
				r := rune(b[i]&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
				if cjkDigit[r/64]&(1<<(r%64)) != 0 && (cjkWeak[r/64]&(1<<(r%64)) == 0 || digitByteAt(b, i+3)) {
					break
				}
				i += 3
			}
			if i >= len(b) {
				break
			}
		}
		c := b[i]
		var r rune
		size := 1
		switch {
		case c < 0x80:
			r = rune(c)
		case c >= 0xE0 && c < 0xF0 && i+2 < len(b):
			r = rune(c&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
			size = 3
		case c >= 0xF0:
			r, size = 0x1F000, 4 // emoji and other astral symbols: separators
		default:
			r, size = 0x80, 2
		}
		switch {
		case r >= '0' && r <= '9':
			if digit(i) {
				return out
			}
		case r < 0x80 && (r >= 'a' && r <= 'z' || r == '_'):
			// o/l/i/z for a digit in a Latin word of digits and such
			// letters (159o, l3800l38000, 8ooo), as scanDigitRuns
			// reads them; counted whether or not the run has three
			// digits before the word (more cues, never fewer).
			if (r == 'o' || r == 'l' || r == 'i' || r == 'z') && digitWord(b, i) {
				if digit(i) {
					return out
				}
				break
			}
			if i > 0 && (isASCIIWord(b[i-1]) || b[i-1] == '-') {
				break // inside a word: its start decided
			}
			if digits > 0 && endRun() {
				return out
			}
			if (tokenCue(b, i) || appToken(b[i:i+idLen(b, i)])) && fire(i) {
				return out
			}
			j := i + idLen(b, i)
			i = j
			continue
		case r == '\n':
			if digits > 0 && endRun() {
				return out
			}
		case r == '@':
			if i+1 < len(b) && b[i+1] >= 'a' && b[i+1] <= 'z' && (i == 0 || !isASCIIWord(b[i-1])) && fire(i) {
				return out
			}
			fallthrough
		case r < 0x80 || r == 0x1F000 || r == 0x80:
			if r == '.' && i > 0 && b[i-1] == 't' && hasPrefixAt(b, i, ".me/") && fire(i-1) {
				return out
			}
			if digits > 0 {
				gap++
				if gap+filler > 3 && endRun() {
					return out
				}
			}
		default: // CJK
			if size == 3 && cjkDigit[r/64]&(1<<(r%64)) != 0 {
				if digit(i) {
					return out
				}
				break
			}
			if digits > 0 {
				filler++
				if (group < 3 || filler > 2 || gap+filler > 3) && endRun() {
					return out
				}
				group = 0
			}
		}
		i += size
	}
	if digits > 0 {
		endRun()
	}
	return out
}

// tokenCue looks at the Latin word starting at i: a word with seven
// digits, or an id of five or more characters with a label before it
// (微信abc123, vx: abc123, 飞机 abc_88) or after it (kefu_88微同号).
func tokenCue(b []byte, i int) bool {
	n := idLen(b, i)
	nd := 0
	for k := i; k < i+n; k++ {
		if b[k] >= '0' && b[k] <= '9' {
			nd++
		}
	}
	if nd >= 7 {
		return true
	}
	if nd >= 5 && labelWord(string(b[i:min(i+2, i+n)])) {
		return true // qq12345, vx12345, q12345
	}
	if n < 5 {
		return false
	}
	if j := i + n; j < len(b) && b[j] >= 0x80 && hasLabelCue(string(b[j:min(j+9, len(b))])) {
		return true
	}
	k := i
	for k > 0 && (b[k-1] == ' ' || b[k-1] == ':') {
		k--
	}
	if k == 0 {
		return false
	}
	if b[k-1] >= 0x80 || k < i && b[k] == ':' {
		return labelBefore(b, i)
	}
	// The word before: a Latin label (vx abc123, tg zheng_88)?
	e := k
	for k > 0 && b[k-1] >= 'a' && b[k-1] <= 'z' {
		k--
	}
	return e-k <= 8 && labelWord(string(b[k:e]))
}

// appToken: a messaging app's full name (the handle may stand a few
// words away, and normalization drops the @ next to CJK) or a Telegram
// bot's name.
func appToken(tok []byte) bool {
	switch string(tok) {
	case "telegram", "wechat", "weixin":
		return true
	}
	return len(tok) > 4 && bytes.HasSuffix(tok, []byte("_bot"))
}

// digitWord reports whether the Latin word around i is made of digits
// and digit letters only and holds a digit (letterDigit without the
// count of digits against letters).
func digitWord(b []byte, i int) bool {
	a := i
	for a > 0 && isASCIIWord(b[a-1]) {
		a--
		if i-a > maxDigitWord {
			return false
		}
	}
	nd := 0
	for k := a; k < len(b) && isASCIIWord(b[k]); k++ {
		switch c := b[k]; {
		case c >= '0' && c <= '9':
			nd++
		case c == 'o' || c == 'l' || c == 'i' || c == 'z':
		default:
			return false
		}
		if k-a > 2*maxDigitWord {
			return false
		}
	}
	return nd > 0
}

func labelWord(w string) bool {
	switch w {
	case "qq", "q", "vx", "wx", "v", "tg", "tel", "wechat", "weixin", "telegram":
		return true
	}
	return false
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
	if strings.IndexByte(src, '@') < 0 && !strings.Contains(src, "＠") {
		atBefore = nil // no @ anywhere: no handle lost its @
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

// enclosedTens gives the number of the enclosed numbers that normalization
// does not fold to a digit: 10–50, and the parenthesized and circled
// ideographs 一–十.
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
	case r >= 0x3220 && r <= 0x3229: // ㈠–㈩ (normalization drops them)
		return int(r-0x3220) + 1
	case r >= 0x3280 && r <= 0x3289: // ㊀–㊉
		return int(r-0x3280) + 1
	}
	return 0
}

func hasEnclosedTens(s string) bool {
	// All of them are three bytes starting E2 91/92/93/9D/9E or E3 88/89/8A:
	// one pass over the bytes, decoding only those.
	for i := 0; i+2 < len(s); i++ {
		c, d := s[i], s[i+1]
		if c == 0xE2 && (d == 0x91 || d == 0x92 || d == 0x93 || d == 0x9D || d == 0x9E) ||
			c == 0xE3 && (d == 0x88 || d == 0x89 || d == 0x8A) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); enclosedTens(r) > 0 {
				return true
			}
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

// contactsOnly reports the personal contacts of a page no rule can score
// (src: its title, a newline and its text, which may be read in place and
// is copied if kept; buf and spans: src as the first
// pass normalized it, with its offset map; cues: where contactCues
// fired). Contacts are local (a label and a value on a line or two), so
// only the lines around the cues, one more on either side, are searched.
// Pages with an @ (handles whose @ normalization drops) or enclosed
// numbers above 9 take the whole-page path (full: normalizeSeen saw one).
func contactsOnly(f *Finding, p *page.Page, src string, buf []byte, spans []span, cues []int, full bool) {
	var cs []contact
	if !full {
		if cs = windowContacts(buf, cues); len(cs) == 0 {
			return
		}
	}
	// The normalized text, its map and the source are read in place
	// (they are the caller's scratch space): what the finding keeps of
	// them is copied (borrowed).
	n := &Normalized{Text: unsafe.String(unsafe.SliceData(buf), len(buf)), spans: spans, source: src}
	if full {
		cs = pageContacts(n, true)
		for i := range cs {
			cs[i].value = strings.Clone(cs[i].value)
		}
	}
	sc := &scan{n: n, page: p, titleEnd: len(p.Title), contacts: cs, borrowed: true}
	sc.fillContacts(f)
}

// windowContacts extracts the personal contacts near each cue: from 48
// bytes before it to 128 after (a label, a value of up to eleven
// homophones with separators, a label after it), widened to whole runs
// and words so that no number is cut, and kept within the cue's line and
// the lines on either side. Offsets are in b.
func windowContacts(b []byte, cues []int) []contact {
	var out []contact
	end := 0
	for _, p := range cues {
		if p < end {
			continue
		}
		// lo: the start of the line before the cue's; hi: the end of the
		// line after it. Only a line break within the window's reach
		// matters (the widening below stops at a line break by itself),
		// so only that stretch is searched: a page of few long lines is
		// not scanned from each cue to its start and end.
		floor, ceil := max(p-48, end, 0), min(len(b), p+128)
		lo := 0
		if k := bytes.LastIndexByte(b[floor:p], '\n'); k >= 0 {
			if k2 := bytes.LastIndexByte(b[floor:floor+k], '\n'); k2 >= 0 {
				lo = floor + k2 + 1
			}
		}
		hi := len(b)
		if k := bytes.IndexByte(b[p:ceil], '\n'); k >= 0 {
			if k2 := bytes.IndexByte(b[p+k+1:ceil], '\n'); k2 >= 0 {
				hi = p + k + 1 + k2
			}
		}
		ws, we := max(lo, floor), min(hi, ceil)
		for ws > lo && b[ws]&0xC0 == 0x80 {
			ws--
		}
		for we < hi && b[we]&0xC0 == 0x80 {
			we++
		}
		for ws > max(lo, end) {
			r, size := utf8.DecodeLastRune(b[:ws])
			if !soft(r) {
				break
			}
			ws -= size
		}
		for we < hi {
			r, size := utf8.DecodeRune(b[we:])
			if !soft(r) {
				break
			}
			we += size
		}
		if we > ws {
			// The window is read in place; what the contacts keep of it
			// is copied (a Latin id is a substring of the text it was
			// found in; decoded numbers are strings of their own).
			k := len(out)
			out = appendContacts(out, unsafe.String(&b[ws], we-ws), true, nil)
			for i := k; i < len(out); i++ {
				c := &out[i]
				if inBytes(c.value, b) {
					c.value = strings.Clone(c.value)
				}
				c.start += ws
				c.end += ws
			}
		}
		end = we
	}
	return dedupeContacts(out)
}

// inBytes reports whether s is stored inside b.
func inBytes(s string, b []byte) bool {
	if len(s) == 0 || len(b) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return p >= lo && p < lo+uintptr(len(b))
}

// soft reports characters a window must not cut between: digits and
// their stand-ins, Latin letters, and what joins digit groups.
func soft(r rune) bool {
	if v, _ := digitValue(r); v >= 0 {
		return true
	}
	return r < 0x80 && (isASCIIWord(byte(r)) || r == '-' || r == ' ' || r == '.' || r == ':' || r == '/' || r == '+' || r == '@')
}

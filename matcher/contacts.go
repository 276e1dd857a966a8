package matcher

import (
	"net"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// Contact kinds.
const (
	ContactPhone    = "phone"    // mainland mobile number
	ContactLandline = "landline" // number with an area code
	ContactWeChat   = "wechat"
	ContactQQ       = "qq"
	ContactURL      = "url"
	ContactDomain   = "domain"
)

// contact is a contact found in normalized text.
type contact struct {
	kind, value string
	start, end  int // normalized byte offsets
}

// digitValue decodes characters that stand for a digit in obfuscated phone
// numbers: ASCII digits (circled, full-width and Cyrillic look-alikes are
// already folded to them), Chinese numerals and their financial forms, and
// the homophones dispatchers and sellers use (幺 1, 两 2, 洞 0, 拐 7, 勾 9).
// real reports an ASCII digit.
func digitValue(r rune) (v int, real bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	switch r {
	case '零', '〇', '洞', 'o':
		return 0, false
	case '一', '壹', '幺':
		return 1, false
	case '二', '贰', '两':
		return 2, false
	case '三', '叁':
		return 3, false
	case '四', '肆':
		return 4, false
	case '五', '伍':
		return 5, false
	case '六', '陆':
		return 6, false
	case '七', '柒', '拐':
		return 7, false
	case '八', '捌':
		return 8, false
	case '九', '玖', '勾':
		return 9, false
	}
	return -1, false
}

// digitRun is a run of digit-like characters, possibly split into groups
// by separators or short filler words (138-1234-5678, 138加1234加5678).
type digitRun struct {
	digits     []byte
	start, end int
	fake       int // digits that were not ASCII digits
	groups     int
}

// scanDigitRuns finds the digit runs of text.
func scanDigitRuns(text string) []digitRun {
	var runs []digitRun
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		v, real := digitValue(r)
		if v < 0 || (r == 'o' && !nextIsDigit(text, i+size)) {
			i += size
			continue
		}
		run := digitRun{start: i, groups: 1}
		groupLen := 0
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			v, real = digitValue(r)
			if v >= 0 {
				run.digits = append(run.digits, byte('0'+v))
				if !real {
					run.fake++
				}
				groupLen++
				j += size
				run.end = j
				continue
			}
			// A gap: up to three separators, or up to two filler
			// characters between groups of at least three digits.
			k, gap, filler := j, 0, 0
			for k < len(text) && gap < 3 {
				r2, s2 := utf8.DecodeRuneInString(text[k:])
				if v2, _ := digitValue(r2); v2 >= 0 {
					break
				}
				if r2 == '\n' {
					gap = 99
					break
				}
				if isHan(r2) || isAlnum(r2) {
					filler++
				}
				gap++
				k += s2
			}
			if gap == 0 || gap > 3 || k >= len(text) || (filler > 0 && (groupLen < 3 || filler > 2)) {
				break
			}
			if r2, _ := utf8.DecodeRuneInString(text[k:]); !startsGroup(text, k, r2, filler > 0) {
				break
			}
			j = k
			groupLen = 0
			run.groups++
		}
		runs = append(runs, run)
		if run.end > i {
			i = run.end
		} else {
			i += size
		}
	}
	return runs
}

func nextIsDigit(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	v, _ := digitValue(r)
	return v >= 0
}

// startsGroup reports whether a new digit group of at least three digits
// begins at k (after a filler word it must be that long to count).
func startsGroup(text string, k int, r rune, needLong bool) bool {
	if !needLong {
		return true
	}
	n := 0
	for k < len(text) && n < 3 {
		r, s := utf8.DecodeRuneInString(text[k:])
		if v, _ := digitValue(r); v < 0 {
			break
		}
		n++
		k += s
	}
	return n >= 3
}

func isMobile(d string) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// phones turns digit runs into phone numbers.
func phones(runs []digitRun) []contact {
	var out []contact
	for _, r := range runs {
		d := string(r.digits)
		if strings.HasPrefix(d, "86") && len(d) == 13 {
			d = d[2:]
		}
		switch {
		case isMobile(d):
			out = append(out, contact{kind: ContactPhone, value: d, start: r.start, end: r.end})
		case r.fake == 0 && len(d) >= 10 && len(d) <= 12 && d[0] == '0' && d[1] != '0' && r.groups >= 2:
			out = append(out, contact{kind: ContactLandline, value: d, start: r.start, end: r.end})
		}
	}
	return out
}

var (
	// Keywords followed by an id. The single-letter and single-character
	// forms need a colon after them.
	wechatRe      = regexp.MustCompile(`(?:微信号|微信|weixin|wechat|v ?x|w ?x|v信|(?:加|\+)v|(?:加|\+)微|微[:：]|v[:：])[\s:：]*(?:号|是|为|id)?[\s:：]*([a-z][a-z0-9_-]{5,19})`)
	wechatPhoneRe = regexp.MustCompile(`(?:微信|vx|wx|v信)(?:同号)?[\s:：号]*`)
	qqRe          = regexp.MustCompile(`(?:qq|扣扣|企鹅|q号|球球)[\s:：]*(?:号|是|为|号码)?[\s:：]*`)
	qqMailRe      = regexp.MustCompile(`([1-9][0-9]{4,10})@qq\.com`)
	urlRe         = regexp.MustCompile(`(?:https?|ftp)://[^\s<>"'` + "`" + `\p{Han}，。、；！？（）【】]+`)
)

// extractContacts finds contacts in normalized text.
func extractContacts(text string) []contact {
	runs := scanDigitRuns(text)
	out := phones(runs)
	// Each regular expression runs only when a cheap test says it can
	// match: regexp over CJK text is the slow part of a close look.
	hasWeChat := containsAny(text, "微", "vx", "wx", "v x", "w x", "v信", "weixin", "wechat", "v:", "v：", "+v", "加v")
	hasQQ := containsAny(text, "qq", "扣扣", "企鹅", "q号", "球球")
	hasDot := strings.IndexByte(text, '.') >= 0
	for _, m := range findAllSubmatch(hasWeChat, wechatRe, text) {
		id := text[m[2]:m[3]]
		if id == "wechat" || id == "weixin" {
			continue
		}
		out = append(out, contact{kind: ContactWeChat, value: id, start: m[0], end: m[3]})
	}
	// A WeChat id that is a phone number: 微信同号, 微信: 138…
	for _, m := range findAll(hasWeChat, wechatPhoneRe, text) {
		for _, r := range runs {
			if r.start >= m[1] && r.start-m[1] <= 3 && isMobile(string(r.digits)) {
				out = append(out, contact{kind: ContactWeChat, value: string(r.digits), start: m[0], end: r.end})
			}
		}
	}
	for _, m := range findAll(hasQQ, qqRe, text) {
		for _, r := range runs {
			if r.start == m[1] || (r.start > m[1] && r.start-m[1] <= 2) {
				d := string(r.digits)
				if len(d) >= 5 && len(d) <= 11 && d[0] != '0' {
					out = append(out, contact{kind: ContactQQ, value: d, start: m[0], end: r.end})
				}
				break
			}
		}
	}
	for _, m := range findAllSubmatch(hasQQ, qqMailRe, text) {
		out = append(out, contact{kind: ContactQQ, value: text[m[2]:m[3]], start: m[0], end: m[1]})
	}
	urlSpans := findAll(strings.Contains(text, "://"), urlRe, text)
	for _, m := range urlSpans {
		out = append(out, contact{kind: ContactURL, value: strings.TrimRight(text[m[0]:m[1]], ".,;:!?)"), start: m[0], end: m[1]})
	}
	if hasDot {
		for _, sp := range dottedNames(text) {
			name := text[sp[0]:sp[1]]
			if inSpans(sp[0], urlSpans) {
				continue
			}
			if net.ParseIP(name) != nil || isRegistrable(name) {
				out = append(out, contact{kind: ContactDomain, value: name, start: sp[0], end: sp[1]})
			}
		}
	}
	return dedupeContacts(out)
}

// dottedNames returns the spans of the dotted names of text (a.b, a.b.c,
// 1.2.3.4) that do not continue an e-mail address or a path: candidates
// for domains and IP addresses.
func dottedNames(text string) [][2]int {
	var out [][2]int
	isName := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
	}
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '.')
		if j < 0 {
			break
		}
		dot := i + j
		a := dot
		for a > 0 && isName(text[a-1]) {
			a--
		}
		b := dot + 1
		for b < len(text) && isName(text[b]) {
			b++
		}
		i = b + 1
		for a < dot && (text[a] == '.' || text[a] == '-') {
			a++
		}
		end := b
		for end > dot && (text[end-1] == '.' || text[end-1] == '-') {
			end--
		}
		if a >= dot || end <= dot+1 {
			continue
		}
		if a > 0 && (text[a-1] == '@' || text[a-1] == '/') {
			continue
		}
		out = append(out, [2]int{a, end})
	}
	return out
}

func containsAny(text string, subs ...string) bool {
	for _, s := range subs {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

func findAll(ok bool, re *regexp.Regexp, text string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringIndex(text, -1)
}

func findAllSubmatch(ok bool, re *regexp.Regexp, text string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(text, -1)
}

func inSpans(off int, spans [][]int) bool {
	for _, s := range spans {
		if off >= s[0] && off < s[1] {
			return true
		}
	}
	return false
}

// isRegistrable reports whether d ends in an ICANN public suffix and has a
// label of its own before it (so "1.5" or "file.txt" are not domains).
func isRegistrable(d string) bool {
	suffix, icann := publicsuffix.PublicSuffix(d)
	if !icann || len(d) <= len(suffix)+1 {
		return false
	}
	switch suffix {
	case "txt", "jpg", "png", "gif", "html", "htm", "php", "doc", "docx", "pdf", "xls", "xlsx", "zip", "rar", "exe":
		return false
	}
	return true
}

func dedupeContacts(cs []contact) []contact {
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		k := c.kind + "\x00" + c.value
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}

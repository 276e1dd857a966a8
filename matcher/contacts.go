package matcher

import (
	"net"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/publicsuffix"
)

// Contact kinds.
const (
	ContactPhone    = "phone"    // mainland mobile number
	ContactLandline = "landline" // number with an area code
	ContactWeChat   = "wechat"
	ContactQQ       = "qq"
	ContactTelegram = "telegram" // Telegram handle or bot (value "@name")
	ContactURL      = "url"
	ContactDomain   = "domain"
)

// contact is a contact found in normalized text.
type contact struct {
	kind, value string
	start, end  int // normalized byte offsets
	// possible: a bare mobile number written in disguise (homophones,
	// filler words) with no label; reported, never scored.
	possible bool
}

// personal reports whether a contact reaches a person (the seller) rather
// than a site: the kinds that corroborate an offer in scoring.
func (c contact) personal() bool {
	if c.possible {
		return false
	}
	switch c.kind {
	case ContactPhone, ContactWeChat, ContactQQ, ContactTelegram:
		return true
	}
	return false
}

// contactLit marks a hit that stands for a contact (group slot or contact
// bonus) rather than a literal or a pattern: exclusion windows never
// anchor on it.
const contactLit = -2

// digitValue decodes characters that stand for a digit in obfuscated phone
// numbers: ASCII digits (circled, parenthesized, full-width, mathematical
// and Cyrillic look-alikes are already folded to them), Chinese numerals
// and their financial forms, and the homophones sellers and dispatchers
// use (幺/妖/要 1, 两 2, 仨/伞/散 3, 死/似 4, 吾/武/舞 5, 溜 6, 拐/漆/妻 7,
// 扒/霸 8, 勾/久/酒 9, 洞/灵 0). Letters (o 0, l/i 1, z 2) count only in a
// Latin word of digits (see letterDigit), and the homophones that are
// common words (要 灵 散 霸, see weakDigit) only next to another digit.
// real reports an ASCII digit.
//
// This is the one table of digit homophones: the normalizer's fold table
// (internal/foldgen) must not fold them, since they are words everywhere
// but in a number.
func digitValue(r rune) (v int, real bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	switch r {
	case '零', '〇', '洞', '灵', 'o':
		return 0, false
	case '一', '壹', '幺', '妖', '要', 'l', 'i':
		return 1, false
	case '二', '贰', '两', 'z':
		return 2, false
	case '三', '叁', '仨', '伞', '散':
		return 3, false
	case '四', '肆', '死', '似':
		return 4, false
	case '五', '伍', '吾', '武', '舞':
		return 5, false
	case '六', '陆', '溜':
		return 6, false
	case '七', '柒', '拐', '漆', '妻':
		return 7, false
	case '八', '捌', '扒', '霸':
		return 8, false
	case '九', '玖', '勾', '久', '酒':
		return 9, false
	}
	return -1, false
}

func isDigitLetter(r rune) bool { return r == 'o' || r == 'l' || r == 'i' || r == 'z' }

// weakDigit reports the homophones that are common words (要求, 灵活,
// 散步, 霸王): a digit only with another digit right before or after it,
// never alone between words.
func weakDigit(r rune) bool { return r == '要' || r == '灵' || r == '散' || r == '霸' }

// maxDigitWord bounds the Latin word letterDigit reads on either side.
const maxDigitWord = 24

// letterDigit reports whether the letter at j (o, l, i, z) stands for a
// digit: its Latin word is made of digits and such letters only, holds a
// digit, and has more digits than letters (159o, l3800l38000, 15l3) —
// unless it continues a run that already has three digits before the
// word and the word starts with a digit or right after one (…幺3 8ooo,
// 幺3捌o0). starts are the offsets of the digits the run
// has so far. Words like no12345, 1st, o2o, i7 or zoo are no digits.
func letterDigit(text string, j int, starts []int) bool {
	a := j
	for a > 0 && isASCIIWord(text[a-1]) {
		a--
		if j-a > maxDigitWord {
			return false
		}
	}
	nd, nl := 0, 0
	for k := a; k < len(text) && isASCIIWord(text[k]); k++ {
		c := text[k]
		switch {
		case c >= '0' && c <= '9':
			nd++
		case c == 'o' || c == 'l' || c == 'i' || c == 'z':
			nl++
		default:
			return false
		}
		if k-a > 2*maxDigitWord {
			return false
		}
	}
	if nd == 0 {
		return false
	}
	if nd > nl {
		return true
	}
	before := len(starts)
	for before > 0 && starts[before-1] >= a {
		before--
	}
	if before < 3 {
		return false
	}
	// A continuation starts with a digit (8ooo) or is glued to the
	// run's last digit (捌o0): 13812345678 o2o is a number and a word.
	if text[a] >= '0' && text[a] <= '9' {
		return true
	}
	_, size := utf8.DecodeLastRuneInString(text[:a])
	return starts[before-1] == a-size
}

// digitAt reports whether the character at i is a digit of a run (see
// digitValue): starts are the offsets of the digits the run has so far,
// prevDigit whether the character before i is one of them.
func digitAt(text string, i int, r rune, size int, starts []int, prevDigit bool) bool {
	v, _ := digitValue(r)
	switch {
	case v < 0:
		return false
	case isDigitLetter(r):
		return letterDigit(text, i, starts)
	case weakDigit(r):
		if !prevDigit {
			// Starting a group it needs a CJK digit after it: 要散霸…
			// is a number, 要13812345678 a word and a number.
			r2, _ := utf8.DecodeRuneInString(text[i+size:])
			v2, _ := digitValue(r2)
			return v2 >= 0 && r2 >= 0x80
		}
		if nextIsDigit(text, i+size) {
			return true
		}
		// After the last digit of a run it is a digit unless a word
		// starts with it (…八要的抓紧, 灵活, 散步, 霸王): normalization
		// drops the space between a number and such a word. A label
		// after it is no such word (…灵灵微信同号).
		r2, _ := utf8.DecodeRuneInString(text[i+size:])
		return !isHan(r2) || labelStartsAt(text[i+size:])
	}
	return true
}

// labelStartsAt reports whether a contact label starts s.
func labelStartsAt(s string) bool {
	s = s[:min(len(s), 12)]
	found := false
	labelAC.each(unsafe.Slice(unsafe.StringData(s), len(s)), func(id, start, end int) bool {
		found = start == 0
		return !found
	})
	return found
}

// digitRun is a run of digit-like characters, possibly split into groups
// by separators or short filler words (138-1234-5678, 138加1234加5678).
type digitRun struct {
	digits     []byte
	start, end int
	fake       int // digits that were not ASCII digits
	groups     int
	filler     bool  // a word between two groups
	starts     []int // byte offset of each digit, for trimming
	fakes      []bool
	claimed    bool
}

// scanDigitRuns finds the digit runs of text.
//
// Runs of fewer than five digits are left out (no contact is that short):
// most runs on a page are years, prices and counts. The digits, offsets
// and styles of all runs share one buffer each, a run's part of it ending
// where the next begins; a run that is left out gives its part back.
//
// The buffers come from sc and are reused by the next call with it: the
// runs are valid until then.
func scanDigitRuns(text string, sc *runScratch) []digitRun {
	runs := sc.runs[:0]
	dbuf, sbuf, fbuf := sc.digits[:0], sc.starts[:0], sc.fakes[:0]
	defer func() {
		sc.runs, sc.digits, sc.starts, sc.fakes = runs, dbuf, sbuf, fbuf
	}()
	i := 0
	for i < len(text) {
		// Fast skip to the next character that can start a run.
		c := text[i]
		switch {
		case c < 0x80:
			if c < '0' || c > '9' {
				// A letter for a digit can start a run at the start
				// of its word (l3800l38000).
				if !(c == 'o' || c == 'l' || c == 'i' || c == 'z') || i > 0 && isASCIIWord(text[i-1]) || !letterDigit(text, i, nil) {
					i++
					continue
				}
			}
		case c >= 0xE0 && c < 0xF0 && i+2 < len(text):
			if r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F); cjkDigit[r/64]&(1<<(r%64)) == 0 ||
				weakDigit(r) && !nextIsDigit(text, i+3) {
				i += 3
				continue
			}
		default:
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		run := digitRun{start: i, groups: 1}
		base := len(dbuf)
		groupLen := 0
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if digitAt(text, j, r, size, sbuf[base:], len(sbuf) > base && run.end == j) {
				v, real := digitValue(r)
				dbuf = append(dbuf, byte('0'+v))
				sbuf = append(sbuf, j)
				fbuf = append(fbuf, !real)
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
			var r2 rune
			next := false // a digit at k
			for k < len(text) && gap <= 3 {
				var s2 int
				r2, s2 = utf8.DecodeRuneInString(text[k:])
				if next = digitAt(text, k, r2, s2, sbuf[base:], false); next {
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
			if !next || gap == 0 || gap > 3 || (filler > 0 && (groupLen < 3 || filler > 2)) {
				break
			}
			if !startsGroup(text, k, r2, filler > 0) {
				break
			}
			// Styles do not mix across a gap: 1245164853/一手 is a
			// number and a word, not one number. Letters go with
			// ASCII digits (159o 667l 543).
			if (text[sbuf[len(sbuf)-1]] < 0x80) != (r2 < 0x80) {
				break
			}
			// A label between two groups starts another contact
			// (微信abc123电话138…, 微abc123抠抠12345678).
			if filler > 0 && labelIn(text[j:k]) {
				break
			}
			if filler > 0 {
				run.filler = true
			}
			j = k
			groupLen = 0
			run.groups++
		}
		run.digits, run.starts, run.fakes = dbuf[base:len(dbuf):len(dbuf)], sbuf[base:len(sbuf):len(sbuf)], fbuf[base:len(fbuf):len(fbuf)]
		// A numeral word right after plain digits is a word
		// (1245164853一手, 13812345678要求): up to two trailing CJK
		// digits after five plain ones are dropped.
		if n := len(run.fakes); n > 5 && run.fakes[n-1] {
			t := 0
			for t < n && run.fakes[n-1-t] && text[run.starts[n-1-t]] >= 0x80 {
				t++
			}
			if t <= 2 && n-t >= 5 && !slices.Contains(run.fakes[:n-t], true) {
				run.end = run.starts[n-t]
				run.digits, run.starts, run.fakes = run.digits[:n-t], run.starts[:n-t], run.fakes[:n-t]
				run.fake -= t
			}
		}
		if len(run.digits) >= 5 {
			k := base + len(run.digits)
			dbuf, sbuf, fbuf = dbuf[:k], sbuf[:k], fbuf[:k]
			runs = append(runs, run)
		} else {
			dbuf, sbuf, fbuf = dbuf[:base], sbuf[:base], fbuf[:base]
		}
		if run.end > i {
			i = run.end
		} else {
			i += size
		}
	}
	return runs
}

// runScratch holds scanDigitRuns's buffers between calls.
type runScratch struct {
	runs   []digitRun
	digits []byte
	starts []int
	fakes  []bool
	chains []labelChain
	kinds  []string
}

// maxScratch bounds the buffers a runScratch keeps for the next text.
const maxScratch = 4096

var runScratchPool = sync.Pool{New: func() any { return new(runScratch) }}

func putRunScratch(sc *runScratch) {
	if cap(sc.digits) <= maxScratch && cap(sc.runs) <= maxScratch/8 && cap(sc.chains) <= maxScratch/8 && cap(sc.kinds) <= maxScratch {
		clear(sc.runs[:cap(sc.runs)]) // drop the references to the last text's buffers
		runScratchPool.Put(sc)
	}
}

// labelIn reports a contact label in a short filler between two digit
// groups: one of CJK characters or of two or more letters (qq, vx, tel),
// or a lone letter (q, v) only as a word of its own (123 q 4567).
func labelIn(gap string) bool {
	found := false
	labelAC.each(unsafe.Slice(unsafe.StringData(gap), len(gap)), func(id, start, end int) bool {
		found = len(contactLabels[id].label) >= 2 ||
			start > 0 && end < len(gap) && !isASCIIWord(gap[start-1]) && !isASCIIWord(gap[end])
		return !found
	})
	return found
}

// nextIsDigit reports a digit at i that is no letter (a CJK numeral or
// homophone, weak ones included, or an ASCII digit).
func nextIsDigit(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	v, _ := digitValue(r)
	return v >= 0 && !isDigitLetter(r)
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
		if v, _ := digitValue(r); v < 0 || isDigitLetter(r) {
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

func isMobileBytes(d []byte) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// mobile returns the mobile number a run holds, with its span: the run
// itself, without a +86 prefix, or the run with up to two homophone
// characters trimmed at either end (似138… is "like 138…", not 4138…).
func (r *digitRun) mobile() (d string, start, end int, ok bool) {
	ds := r.digits
	if len(ds) == 13 && ds[0] == '8' && ds[1] == '6' {
		if isMobileBytes(ds[2:]) {
			return string(ds[2:]), r.start, r.end, true
		}
		return "", r.start, r.end, false
	}
	if isMobileBytes(ds) {
		return string(ds), r.start, r.end, true
	}
	n := len(r.digits)
	if n < 12 || n > 15 {
		return "", 0, 0, false
	}
	for a := 0; a <= 2 && a < n; a++ {
		if a > 0 && !r.fakes[a-1] {
			break
		}
		for b := 0; b <= 2 && b < n-a; b++ {
			if b > 0 && !r.fakes[n-b] {
				break
			}
			if s := r.digits[a : n-b]; isMobileBytes(s) {
				end := r.end
				if b > 0 {
					end = r.starts[n-b]
				}
				return string(s), r.starts[a], end, true
			}
		}
	}
	return "", 0, 0, false
}

// thousands reports a number written with thousands separators
// (13,812,345,678): a figure, not a phone number.
func (r *digitRun) thousands(text string) bool {
	return r.groups >= 3 && strings.Count(text[r.start:r.end], ",") >= 2
}

// disguised reports a run written to slip past filters: homophones,
// Chinese numerals or words between its groups, within [start, end)
// (一13812345678 is a word and a plain number).
func (r *digitRun) disguised(start, end int) bool {
	if r.filler {
		return true
	}
	for k, at := range r.starts {
		if r.fakes[k] && at >= start && at < end {
			return true
		}
	}
	return false
}

// phones appends to out the runs no label claimed, as phone numbers; a
// disguised mobile number with no label is only a possible contact.
func phones(out []contact, text string, runs []digitRun) []contact {
	for i := range runs {
		r := &runs[i]
		if r.claimed || r.thousands(text) {
			continue
		}
		if d, a, b, ok := r.mobile(); ok {
			out = append(out, contact{kind: ContactPhone, value: d, start: a, end: b, possible: r.disguised(a, b) && !callCueBefore(text, a)})
			continue
		}
		if d := r.digits; r.fake == 0 && len(d) >= 10 && len(d) <= 12 && d[0] == '0' && d[1] != '0' && r.groups >= 2 {
			out = append(out, contact{kind: ContactLandline, value: string(d), start: r.start, end: r.end})
		}
	}
	return out
}

// Labels of the messaging apps and the phone, in normalized form (威信 and
// 薇信 fold to 微信 only partly: every variant is listed; 威芯 folds to
// 微芯, 微訊號 to 微讯号). Single
// characters and letters count only with a value right after them or
// inside a chain of labels (Q/微, 电话&微信).
var contactLabels = []struct {
	label, kind string
}{
	{"联系电话", ContactPhone}, {"手机号码", ContactPhone}, {"手机号", ContactPhone}, {"电话", ContactPhone},
	{"手机", ContactPhone}, {"座机", ContactPhone}, {"致电", ContactPhone}, {"来电", ContactPhone},
	{"tel", ContactPhone}, {"电", ContactPhone},
	{"微信号", ContactWeChat}, {"微信", ContactWeChat}, {"微芯", ContactWeChat}, {"v芯", ContactWeChat},
	{"微讯号", ContactWeChat}, {"微讯", ContactWeChat}, {"薇信", ContactWeChat}, {"嶶信", ContactWeChat},
	{"徽信", ContactWeChat}, {"威信", ContactWeChat}, {"v信", ContactWeChat}, {"wechat", ContactWeChat},
	{"weixin", ContactWeChat}, {"vx", ContactWeChat}, {"wx", ContactWeChat}, {"v x", ContactWeChat}, {"w x", ContactWeChat}, {"卫星号", ContactWeChat},
	{"微", ContactWeChat}, {"薇", ContactWeChat}, {"v", ContactWeChat},
	{"qq群", ContactQQ}, {"qq号", ContactQQ}, {"qq", ContactQQ}, {"q群", ContactQQ}, {"q号", ContactQQ},
	{"扣扣", ContactQQ}, {"口口", ContactQQ}, {"蔻蔻", ContactQQ}, {"抠抠", ContactQQ}, {"企鹅号", ContactQQ},
	{"企鹅", ContactQQ}, {"球球", ContactQQ}, {"扣", ContactQQ}, {"q", ContactQQ},
	{"telegram", ContactTelegram}, {"纸飞机", ContactTelegram}, {"小飞机", ContactTelegram},
	{"飞机号", ContactTelegram}, {"飞机", ContactTelegram}, {"电报", ContactTelegram}, {"tg", ContactTelegram},
}

var (
	labelAC  *automaton // every label of contactLabels, pattern id = index
	qqMailRe = regexp.MustCompile(`([1-9][0-9]{4,10})@qq\.com`)
	urlRe    = regexp.MustCompile(`(?:https?|ftp)://[^\s<>"'` + "`" + `\p{Han}，。、；！？（）【】]+`)
	tmeRe    = regexp.MustCompile(`(?:https?://)?(?:t\.me|telegram\.me)/([a-z][a-z0-9_]{4,31})`)
	atRe     = regexp.MustCompile(`(?:^|[^a-z0-9_.@])@([a-z][a-z0-9_]{4,31})`)
)

func init() {
	pats := make([]string, len(contactLabels))
	for i, l := range contactLabels {
		pats[i] = l.label
	}
	labelAC = newRuneAutomaton(pats)
}

// labelChain is one or more labels written together (QQ/微信, 电话&微信,
// Q微), naming the kinds of the value next to it.
type labelChain struct {
	start, end int
	kinds      []string
	same       bool // 同号/同步: the number beside it serves this app too
	strong     bool // holds a label of two or more characters, or two labels
}

// chainJoiners may stand between two labels of one chain.
const chainJoiners = "/、&+|和或及"

// chains finds the label chains of text: the longest label at each place
// (an automaton pass, not a regular expression: this runs on every page
// with a contact cue), labels next to each other or one joiner apart
// joined, with 加/+ before and 同号/同步/号码/号/是/为 after.
func chains(text string, sc *runScratch) []labelChain {
	// The automaton only reads the bytes: no copy of the page.
	var small [16]labelHit
	ms := small[:0]
	labelAC.each(unsafe.Slice(unsafe.StringData(text), len(text)), func(id, start, end int) bool {
		ms = append(ms, labelHit{id, start, end})
		return true
	})
	if len(ms) == 0 {
		return nil
	}
	slices.SortFunc(ms, func(x, y labelHit) int {
		if x.start != y.start {
			return x.start - y.start
		}
		return y.end - x.end
	})
	// The chains and their kinds are kept in sc's buffers for the next
	// text: the kinds of all chains share one array, a chain's part of it
	// ending where the next one's begins.
	out := sc.chains[:0]
	kinds := sc.kinds[:0]
	defer func() { sc.chains, sc.kinds = out, kinds }()
	var cur labelChain
	open := false
	kindsFrom := 0
	labels, lastEnd := 0, -1
	flush := func() {
		if !open {
			return
		}
		for _, suf := range []string{"同号", "同步", "同微", "号码", "号", "是", "为"} {
			if strings.HasPrefix(text[cur.end:], suf) {
				cur.same = strings.HasPrefix(suf, "同")
				cur.end += len(suf)
				break
			}
		}
		if labels >= 2 {
			cur.strong = true
		}
		cur.kinds = kinds[kindsFrom:len(kinds):len(kinds)]
		out = append(out, cur)
		open = false
	}
	for _, m := range ms {
		if m.start < lastEnd {
			continue // inside a longer label
		}
		if m.start > 0 && isASCIIWord(text[m.start-1]) && isASCIIWord(text[m.start]) && (!open || cur.end != m.start) {
			continue // inside a Latin word: hotel, bqq
		}
		l := contactLabels[m.id]
		joined := false
		if open {
			gap := text[cur.end:m.start]
			joined = gap == "" || utf8.RuneCountInString(gap) == 1 && strings.Contains(chainJoiners, gap)
		}
		if !joined {
			flush()
			start := m.start
			if strings.HasSuffix(text[:start], "加") {
				start -= len("加")
			} else if strings.HasSuffix(text[:start], "+") {
				start--
			}
			cur = labelChain{start: start}
			open = true
			kindsFrom = len(kinds)
			labels = 0
		}
		cur.end = m.end
		labels++
		if utf8.RuneCountInString(l.label) >= 2 {
			cur.strong = true
		}
		if !slices.Contains(kinds[kindsFrom:], l.kind) {
			kinds = append(kinds, l.kind)
		}
		lastEnd = m.end
	}
	flush()
	return out
}

// labelHit is a label found by labelAC.
type labelHit struct{ id, start, end int }

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// skipFill skips what stands between a label and its value: separators,
// colons, 号/是/为, and a word like 聊 or 搜 (微信聊：abc, 加微信搜 abc) —
// at most 6 bytes — and an "id" with a colon or space after it (微信 ID:
// wxid_…, 微信号 id：abc).
func skipFill(text string, i int) int {
	i = skipFillChars(text, i)
	if strings.HasPrefix(text[i:], "id") && i+2 < len(text) && (i == 0 || !isASCIIWord(text[i-1])) {
		switch text[i+2] {
		case ':', ' ', '=':
			return skipFillChars(text, i+2)
		}
		if strings.HasPrefix(text[i+2:], "：") || strings.HasPrefix(text[i+2:], "号") {
			return skipFillChars(text, i+2)
		}
	}
	return i
}

func skipFillChars(text string, i int) int {
	for n := 0; i < len(text) && n < 6; {
		r, s := utf8.DecodeRuneInString(text[i:])
		switch r {
		case ' ', ':', '：', '-', '=', '>', '~', '是', '为', '聊', '搜', '加', '找', '私', '号':
			i += s
			n += s
			continue
		}
		break
	}
	return i
}

// callCueBefore reports a word that invites a call or a message in the 12
// bytes before i (或者打 一五九…, 联系 幺三八…): a disguised number after it
// is a phone number, not just a possible contact.
func callCueBefore(text string, i int) bool {
	a := max(i-12, 0)
	for a < i && a > 0 && text[a]&0xC0 == 0x80 {
		a++
	}
	return hasLabelCue(text[a:i]) || containsAny(text[a:i], "打", "拨", "联系", "咨询", "call", "加")
}

// valueFits reports whether a decoded number can be a contact of kind.
func valueFits(kind, d string) bool {
	switch kind {
	case ContactPhone:
		return isMobile(d)
	case ContactQQ:
		return len(d) >= 5 && len(d) <= 11 && d[0] != '0'
	case ContactWeChat:
		return len(d) >= 5 && len(d) <= 20
	}
	return false
}

// extractContacts finds contacts in normalized text. With personalOnly
// it leaves out addresses (URLs, domains): every page links somewhere,
// and on pages with no rule candidate only ways to reach a person are
// worth reporting. atBefore, when not nil, reports whether the original
// text has an @ right before normalized offset i (normalization drops it
// next to CJK: 联系@abc_bot).
func extractContacts(text string) []contact { return extractContactsOpt(text, false, nil) }

func extractContactsOpt(text string, personalOnly bool, atBefore func(int) bool) []contact {
	return appendContacts(nil, text, personalOnly, atBefore)
}

// appendContacts appends the contacts of text (extractContactsOpt) to dst.
func appendContacts(dst []contact, text string, personalOnly bool, atBefore func(int) bool) []contact {
	sc := runScratchPool.Get().(*runScratch)
	defer putRunScratch(sc)
	runs := scanDigitRuns(text, sc)
	from := len(dst)
	out := dst
	// dedupe removes the repeats among text's contacts (not dst's).
	dedupe := func() []contact { return append(out[:from], dedupeContacts(out[from:])...) }
	runAt := func(i int) *digitRun {
		for k := range runs {
			if runs[k].start >= i && runs[k].start-i <= 3 {
				return &runs[k]
			}
			if runs[k].start > i+3 {
				break
			}
		}
		return nil
	}
	runEndingAt := func(i int) *digitRun {
		for k := len(runs) - 1; k >= 0; k-- {
			if runs[k].end <= i && i-runs[k].end <= 3 {
				return &runs[k]
			}
			if runs[k].end < i-3 {
				break
			}
		}
		return nil
	}
	assign := func(c labelChain, r *digitRun, a, b int) {
		if r.thousands(text) {
			return
		}
		// The digits are read in place until some kind takes them.
		d, inPlace := unsafe.String(unsafe.SliceData(r.digits), len(r.digits)), true
		if m, ma, mb, ok := r.mobile(); ok {
			d, inPlace = m, false
			if ma < a {
				a = ma
			}
			if mb > b {
				b = mb
			}
		}
		any := false
		for _, k := range c.kinds {
			if valueFits(k, d) {
				if inPlace {
					d, inPlace = string(r.digits), false
				}
				out = append(out, contact{kind: k, value: d, start: min(a, r.start), end: max(b, r.end)})
				any = true
			}
		}
		if any {
			r.claimed = true
		}
	}
	// idBefore finds a Latin id right before a chain (q283214072+wechat).
	idBefore := func(c labelChain) (int, int, bool) {
		j := strings.LastIndexFunc(text[:c.start], func(r rune) bool { return r != '+' && r != ' ' && r != '/' })
		if j < 0 || c.start-j > 3 || text[j] >= 0x80 {
			return 0, 0, false
		}
		k := j + 1
		for k > 0 && isASCIIWord(text[k-1]) {
			k--
		}
		n := idAt(text[k : j+1])
		return k, j + 1, n > 0 && n == j+1-k
	}
	addIDBefore := func(c labelChain, k, e int) {
		for _, kind := range c.kinds {
			if kind == ContactWeChat || kind == ContactTelegram {
				val := text[k:e]
				if kind == ContactTelegram {
					val = "@" + val
				}
				out = append(out, contact{kind: kind, value: val, start: k, end: c.end})
			}
		}
	}
	if cl := chains(text, sc); len(cl) > 0 {
		// First the labels written after an id with nothing after them
		// (q283214072+wechat): the id is theirs, and a one-letter label
		// inside it (q…) is no label.
		var taken [][2]int
		for _, c := range cl {
			v := skipFill(text, c.end)
			if !c.strong || idAt(text[v:]) > 0 || runAt(v) != nil {
				continue
			}
			if k, e, ok := idBefore(c); ok && k < e && text[k] >= 'a' && text[k] <= 'z' {
				addIDBefore(c, k, e)
				taken = append(taken, [2]int{k, c.end})
			}
		}
		for _, c := range cl {
			if slices.ContainsFunc(taken, func(t [2]int) bool { return c.start >= t[0] && c.start < t[1] }) {
				continue
			}
			v := skipFill(text, c.end)
			if n := idAt(text[v:]); n > 0 {
				if v == c.end && isASCIIWord(text[c.end-1]) {
					continue // version, vxworks, telephone: one Latin word
				}
				id := text[v : v+n]
				if isStopID(id) {
					continue
				}
				for _, k := range c.kinds {
					if k == ContactWeChat || k == ContactTelegram {
						val := id
						if k == ContactTelegram {
							val = "@" + id
						}
						out = append(out, contact{kind: k, value: val, start: c.start, end: v + n})
					}
				}
				continue
			}
			if r := runAt(v); r != nil && !r.claimed && (v == r.start || !isASCIIWord(text[v])) {
				// One-character labels need an unbroken value right
				// after them (q3 2023 is a quarter, not QQ 32023).
				if !c.strong && (r.start > v || r.groups > 1) {
					continue
				}
				assign(c, r, c.start, r.end)
				continue
			}
			// The value before the label: 138… 微信同号, q283214072+wechat.
			if !c.strong && !c.same {
				continue
			}
			if r := runEndingAt(c.start); r != nil {
				assign(c, r, r.start, c.end)
				continue
			}
			if k, e, ok := idBefore(c); ok {
				addIDBefore(c, k, e)
			}
		}
	}
	out = phones(out, text, runs)
	hasQQMail := strings.Contains(text, "@qq.")
	for _, m := range findAllSubmatch(hasQQMail, qqMailRe, text) {
		out = append(out, contact{kind: ContactQQ, value: text[m[2]:m[3]], start: m[0], end: m[1]})
	}
	if strings.Contains(text, ".me/") {
		for _, m := range tmeRe.FindAllStringSubmatchIndex(text, -1) {
			out = append(out, contact{kind: ContactTelegram, value: "@" + text[m[2]:m[3]], start: m[0], end: m[1]})
		}
	}
	if strings.IndexByte(text, '@') >= 0 {
		for _, m := range atRe.FindAllStringSubmatchIndex(text, -1) {
			out = append(out, contact{kind: ContactTelegram, value: "@" + text[m[2]:m[3]], start: m[2] - 1, end: m[3]})
		}
	}
	if atBefore != nil {
		// @handle right after CJK: normalization dropped the @.
		for i := 0; i < len(text); i++ {
			if !(text[i] >= 'a' && text[i] <= 'z') || i == 0 || text[i-1] < 0x80 {
				continue
			}
			if !atBefore(i) {
				continue
			}
			if n := idAt(text[i:]); n > 0 {
				out = append(out, contact{kind: ContactTelegram, value: "@" + strings.TrimRight(text[i:i+n], "-"), start: i, end: i + n})
				i += n
			}
		}
	}
	if personalOnly {
		return dedupe()
	}
	hasDot := strings.IndexByte(text, '.') >= 0
	urlSpans := findAll(strings.Contains(text, "://"), urlRe, text)
	for _, m := range urlSpans {
		if isTelegramURL(text[m[0]:m[1]]) {
			continue
		}
		out = append(out, contact{kind: ContactURL, value: strings.TrimRight(text[m[0]:m[1]], ".,;:!?)"), start: m[0], end: m[1]})
	}
	if hasDot {
		for _, sp := range dottedNames(text) {
			name := text[sp[0]:sp[1]]
			if inSpans(sp[0], urlSpans) || name == "t.me" || name == "telegram.me" {
				continue
			}
			if net.ParseIP(name) != nil || isRegistrable(name) {
				out = append(out, contact{kind: ContactDomain, value: name, start: sp[0], end: sp[1]})
			}
		}
	}
	return dedupe()
}

func isTelegramURL(u string) bool {
	return strings.Contains(u, "://t.me/") || strings.Contains(u, "://telegram.me/")
}

// isStopID reports Latin words that follow a label but are no id
// (微信 wechat pay, 飞机 telegram group names are kept).
func isStopID(id string) bool {
	switch id {
	case "wechat", "weixin", "telegram", "group", "qqcom", "email", "phone", "mobile":
		return true
	}
	return false
}

// labelCues are the words hasLabelCue looks for.
var labelCues = []string{"微", "薇", "嶶", "徽信", "威信", "卫星", "vx", "wx", "v x", "w x", "v信", "weixin", "wechat", "v:", "v：", "+v", "加v", "v ",
	"qq", "q", "扣", "口口", "蔻蔻", "抠抠", "企鹅", "球球", "电", "手机", "座机", "tel", "飞机", "tg", "telegram"}

// labelCueAC finds labelCues (texts may be cut inside a character: the
// cut bytes are no character of any cue).
var labelCueAC = newRuneAutomaton(labelCues)

// hasLabelCue is a cheap test for any label: the regular expressions over
// CJK text are the slow part of a close look. One automaton pass, not a
// search per cue word: it runs on the text around every digit run.
func hasLabelCue(text string) bool {
	found := false
	labelCueAC.each(unsafe.Slice(unsafe.StringData(text), len(text)), func(int, int, int) bool {
		found = true
		return false
	})
	return found
}

// idAt is the length of the Latin id at the start of s: a letter, then
// 4 to 31 letters, digits, underscores or hyphens, as many as there are
// (what ^[a-z][a-z0-9_-]{4,31} matches); 0 when there is none.
func idAt(s string) int {
	if len(s) == 0 || s[0] < 'a' || s[0] > 'z' {
		return 0
	}
	n := 1
	for n < len(s) && n < 32 && (isASCIIWord(s[n]) || s[n] == '-') {
		n++
	}
	if n < 5 {
		return 0
	}
	return n
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
	out := cs[:0]
	if len(cs) <= 16 {
		// Few contacts (the usual case): no map.
		for _, c := range cs {
			if !slices.ContainsFunc(out, func(o contact) bool { return o.kind == c.kind && o.value == c.value }) {
				out = append(out, c)
			}
		}
		return out
	}
	seen := map[string]bool{}
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

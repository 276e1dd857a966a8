// Package lookalike finds domains that imitate the official certificate-query
// hosts (cx.mem.gov.cn, zlaq.mohurd.gov.cn, cnse.e-cqs.cn …) before anyone
// reports them.
//
// It owns three stages:
//
//   - Generate turns one official host into candidate lookalike names, in the
//     manner of dnstwist: character mutations of the registrable label
//     (omission, insertion, repetition, keyboard-adjacent replacement,
//     transposition, ASCII and IDN homoglyphs), hyphenation and joined labels,
//     added words (gov, cx, query, chaxun, the pinyin of the issuer), TLD swaps,
//     imitation government suffixes (gov-cn.com, govcn.com, gov.cn.com …) and
//     subdomain tricks (cx.mem.gov.cn.example.com). Every candidate names its
//     technique; the list is deduplicated, bounded, valid DNS names only, and
//     never contains the official host nor a name under the official
//     registrable domain nor under gov.cn (which only government bodies can
//     register, so a fraudster cannot hold such a name).
//   - Resolve queries A/AAAA (and optionally NS) for the candidates through a
//     configured DNS server at a bounded query rate and concurrency, with a
//     per-query timeout, and tells registered names from NXDOMAIN, timeouts and
//     other failures.
//   - State keeps what was checked and when, serialises to JSON, and Due lists
//     what must be checked again.
//
// Names under a suffix that only government bodies can register are
// generated in an "unrestricted" form instead: the character mutations of
// mem in cx.mem.gov.cn are emitted as cx.<mutation>.cn and cx.<mutation>.com.
package lookalike

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Technique names how a candidate was derived from the official host.
type Technique string

// The techniques, in the order candidates are interleaved.
const (
	Subdomain     Technique = "subdomain"     // official host as a prefix under another domain
	GovSuffix     Technique = "govsuffix"     // gov.cn imitated: gov-cn.com, govcn.com, gov.cn.com
	Hyphenation   Technique = "hyphenation"   // labels or letters joined by hyphens
	Join          Technique = "join"          // dots removed between labels
	Addition      Technique = "addition"      // a word added: cx, gov, chaxun, pinyin of the issuer
	TLDSwap       Technique = "tld"           // another top-level domain
	Homoglyph     Technique = "homoglyph"     // ASCII lookalikes: rn/m, 0/o, 1/l
	IDNHomoglyph  Technique = "idn"           // Cyrillic/Greek lookalikes, punycode
	Omission      Technique = "omission"      // one letter left out
	Repetition    Technique = "repetition"    // one letter doubled
	Transposition Technique = "transposition" // two neighbouring letters swapped
	Replacement   Technique = "replacement"   // one letter replaced by a keyboard neighbour
	Insertion     Technique = "insertion"     // a keyboard neighbour inserted
)

// Techniques lists every technique in interleaving order.
var Techniques = []Technique{
	Subdomain, GovSuffix, Hyphenation, Join, Addition, TLDSwap, Homoglyph,
	IDNHomoglyph, Omission, Repetition, Transposition, Replacement, Insertion,
}

// techniqueNames are the user-facing (Chinese) names of the techniques.
var techniqueNames = map[Technique]string{
	Subdomain:     "子域嵌套",
	GovSuffix:     "仿政务后缀",
	Hyphenation:   "加连字符",
	Join:          "去点合并",
	Addition:      "添加词语",
	TLDSwap:       "更换后缀",
	Homoglyph:     "形近字符",
	IDNHomoglyph:  "国际化域名形近字",
	Omission:      "漏写字母",
	Repetition:    "重复字母",
	Transposition: "字母换位",
	Replacement:   "邻键替换",
	Insertion:     "邻键插入",
}

// Label is the Chinese name of the technique, for reasons shown to users.
func (t Technique) Label() string {
	if s, ok := techniqueNames[t]; ok {
		return s
	}
	return "其他变形"
}

// Candidate is one lookalike name of an official host.
type Candidate struct {
	Host      string    `json:"host"`              // ASCII (punycode) form, lower case
	Unicode   string    `json:"unicode,omitempty"` // display form when Host holds IDN labels
	Official  string    `json:"official"`          // the official host it imitates
	Technique Technique `json:"technique"`
}

// Reason is a one-line Chinese explanation of the candidate.
func (c Candidate) Reason() string {
	shown := c.Host
	if c.Unicode != "" {
		shown = c.Unicode + "（" + c.Host + "）"
	}
	return fmt.Sprintf("%s 疑似仿冒官方查询网址 %s（%s）", shown, c.Official, c.Technique.Label())
}

// Limits on generation.
const (
	DefaultMaxCandidates = 5000
	HardMaxCandidates    = 50000
	maxExtraWords        = 64
	maxAnchors           = 64
)

// DefaultTLDs are the top-level domains tried by TLD swaps.
var DefaultTLDs = []string{"com", "cn", "com.cn", "net", "org", "top", "xyz", "cc"}

// DefaultWords are the words added to the official labels.
var DefaultWords = []string{"gov", "cx", "query", "chaxun", "zs", "zhengshu", "cha", "zscx"}

// IssuerPinyin maps an official registrable label to the pinyin of its
// issuer, used as added words: mem (应急管理部) → yingji.
var IssuerPinyin = map[string][]string{
	"mem":    {"yingji", "anquan"},
	"mohurd": {"zhujian", "jianshe"},
	"e-cqs":  {"tezhong", "tzsb"},
	"samr":   {"shichang", "tezhong"},
}

// restrictedSuffixes can only be registered by government bodies.
var restrictedSuffixes = []string{"gov.cn"}

// govSuffixLookalikes imitate the gov.cn suffix under registrable domains.
var govSuffixLookalikes = []string{
	"gov-cn.com", "govcn.com", "gov.cn.com", "gov-cn.cn", "govcn.cn", "gov.cn.net",
	"gov-cn.net", "govcn.net", "gov.cn.cc", "gov.cn.top", "gov.cn.xyz", "gov.com", "gov.com.cn",
	"gov-cn.top", "gov-cn.xyz", "gov-cn.cc", "govcn.top", "govcn.xyz", "govcn.cc",
}

// Options tune Generate. The zero value uses the defaults.
type Options struct {
	// MaxCandidates bounds the result (default 5,000, at most 50,000). When
	// the bound cuts, techniques are interleaved so each stays represented.
	MaxCandidates int
	// TLDs replaces DefaultTLDs.
	TLDs []string
	// Words are added to DefaultWords and the issuer's pinyin.
	Words []string
	// Anchors are extra registrable domains for subdomain tricks
	// (cx.mem.gov.cn.<anchor>), e.g. free dynamic-DNS zones seen in offers.
	Anchors []string
	// NoIDN disables the Cyrillic/Greek homoglyphs.
	NoIDN bool
}

// ErrBadHost is returned for a host that is not a valid DNS name with a
// registrable domain.
var ErrBadHost = errors.New("lookalike: not a valid host name")

// official is the split official host.
type official struct {
	host   string
	subs   []string // labels left of the registrable label
	reg    string   // the registrable label: mem in cx.mem.gov.cn
	suffix string   // the public suffix: gov.cn
	regDom string   // reg + "." + suffix
}

func splitHost(host string) (official, error) {
	h := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ".")
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		h = a // an IDN official host is handled in its punycode form
	}
	if !ValidName(h) {
		return official{}, fmt.Errorf("%w: %q", ErrBadHost, host)
	}
	regDom, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return official{}, fmt.Errorf("%w: %q: %v", ErrBadHost, host, err)
	}
	reg, suffix, _ := strings.Cut(regDom, ".")
	var subs []string
	if rest := strings.TrimSuffix(h, regDom); rest != "" {
		subs = strings.Split(strings.TrimSuffix(rest, "."), ".")
	}
	return official{host: h, subs: subs, reg: reg, suffix: suffix, regDom: regDom}, nil
}

func isRestricted(suffix string) bool {
	for _, r := range restrictedSuffixes {
		if suffix == r || strings.HasSuffix(suffix, "."+r) {
			return true
		}
	}
	return false
}

// generator collects candidates per technique.
type generator struct {
	o      official
	byTech map[Technique][]Candidate
	seen   map[string]bool
	max    int
}

func (g *generator) add(t Technique, host string) {
	host = strings.ToLower(host)
	if g.seen[host] || len(g.byTech[t]) >= g.max {
		return
	}
	if host == g.o.host || !ValidName(host) {
		return
	}
	regDom, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil || regDom == g.o.regDom || strings.HasSuffix(host, "."+g.o.regDom) {
		return
	}
	if ps, _ := publicsuffix.PublicSuffix(host); isRestricted(ps) {
		return
	}
	c := Candidate{Host: host, Official: g.o.host, Technique: t}
	if strings.Contains(host, "xn--") {
		// Every xn-- label must be valid punycode that round-trips.
		u, err := idna.Lookup.ToUnicode(host)
		if err != nil {
			return
		}
		if back, err := idna.Lookup.ToASCII(u); err != nil || back != host {
			return
		}
		c.Unicode = u
	}
	g.seen[host] = true
	g.byTech[t] = append(g.byTech[t], c)
}

// carriers are the suffixes under which a mutated registrable label is
// emitted: the official suffix when anyone can register under it, otherwise
// .cn and .com.
func (g *generator) carriers() []string {
	if isRestricted(g.o.suffix) {
		return []string{"cn", "com"}
	}
	return []string{g.o.suffix}
}

// withReg builds subs + reg + suffix.
func (g *generator) withReg(reg, suffix string) string {
	parts := append(append([]string{}, g.o.subs...), reg, suffix)
	return strings.Join(parts, ".")
}

// Generate returns lookalike candidates of one official host. See the
// package comment for the techniques and the names that are left out.
func Generate(host string, opts Options) ([]Candidate, error) {
	o, err := splitHost(host)
	if err != nil {
		return nil, err
	}
	max := opts.MaxCandidates
	if max <= 0 {
		max = DefaultMaxCandidates
	}
	if max > HardMaxCandidates {
		max = HardMaxCandidates
	}
	tlds := opts.TLDs
	if len(tlds) == 0 {
		tlds = DefaultTLDs
	}
	g := &generator{o: o, byTech: map[Technique][]Candidate{}, seen: map[string]bool{}, max: max}

	subDotted := strings.Join(o.subs, ".")                 // cx
	subJoined := strings.Join(o.subs, "")                  // cx
	subHyphen := strings.Join(o.subs, "-")                 // cx
	suffixJoined := strings.ReplaceAll(o.suffix, ".", "")  // govcn
	suffixHyphen := strings.ReplaceAll(o.suffix, ".", "-") // gov-cn
	prefixed := func(sep, s string) string {
		if subJoined == "" {
			return s
		}
		if sep == "." {
			return subDotted + "." + s
		}
		if sep == "-" {
			return subHyphen + "-" + s
		}
		return subJoined + s
	}
	carriers := g.carriers()
	// Letters of a punycode (xn--) label are not the letters a reader sees:
	// mutating them makes noise, so IDN hosts get only the structural
	// techniques (subdomain, suffix and TLD swaps).
	textual := !strings.Contains(o.host, "xn--")

	// Subdomain tricks: the whole official host under another domain.
	for _, t := range tlds {
		g.add(Subdomain, o.host+"."+t)
	}
	for _, a := range limitList(opts.Anchors, maxAnchors) {
		a = strings.Trim(strings.ToLower(a), ".")
		g.add(Subdomain, o.host+"."+a)
		g.add(Subdomain, strings.ReplaceAll(o.host, ".", "-")+"."+a)
	}

	// Imitation government suffixes.
	if isRestricted(o.suffix) {
		for _, s := range govSuffixLookalikes {
			g.add(GovSuffix, g.withReg(o.reg, s))                 // cx.mem.gov-cn.com
			g.add(GovSuffix, o.reg+"."+s)                         // mem.gov-cn.com
			g.add(GovSuffix, prefixed("", o.reg)+"."+s)           // cxmem.gov.cn.com
			g.add(GovSuffix, prefixed("-", o.reg)+"."+s)          // cx-mem.gov.cn.com
			g.add(GovSuffix, o.reg+suffixJoined+"."+tldOf(s))     // memgovcn.com
			g.add(GovSuffix, o.reg+"-"+suffixHyphen+"."+tldOf(s)) // mem-gov-cn.com
		}
	}

	if textual {
		// Hyphenation: labels joined by hyphens, and hyphens inside a label.
		for _, t := range append(append([]string{}, carriers...), tlds...) {
			g.add(Hyphenation, prefixed("-", o.reg)+"."+t)                  // cx-mem.cn
			g.add(Hyphenation, prefixed("-", o.reg)+"-"+suffixHyphen+"."+t) // cx-mem-gov-cn.com
			g.add(Hyphenation, o.reg+"-"+suffixHyphen+"."+t)                // mem-gov-cn.com
			if first, _, ok := strings.Cut(o.suffix, "."); ok {
				g.add(Hyphenation, prefixed("-", o.reg)+"-"+first+"."+t) // cx-mem-gov.cn
				g.add(Hyphenation, o.reg+"-"+first+"."+t)                // mem-gov.cn
			}
		}
		for i := 1; i < len(o.reg); i++ {
			if o.reg[i-1] == '-' || o.reg[i] == '-' {
				continue
			}
			for _, c := range carriers {
				g.add(Hyphenation, g.withReg(o.reg[:i]+"-"+o.reg[i:], c))
			}
		}

		// Joined labels: the dots removed.
		for _, t := range append(append([]string{}, carriers...), tlds...) {
			g.add(Join, prefixed("", o.reg)+"."+t)              // cxmem.cn
			g.add(Join, prefixed("", o.reg)+suffixJoined+"."+t) // cxmemgovcn.com
			g.add(Join, o.reg+suffixJoined+"."+t)               // memgovcn.com
			if first, _, ok := strings.Cut(o.suffix, "."); ok {
				g.add(Join, prefixed("", o.reg)+first+"."+t) // cxmemgov.cn
				g.add(Join, o.reg+first+"."+t)               // memgov.cn
			}
		}

		// Added words.
		words := append(append([]string{}, DefaultWords...), IssuerPinyin[o.reg]...)
		words = append(words, limitList(opts.Words, maxExtraWords)...)
		stems := []string{o.reg}
		if subJoined != "" {
			stems = append(stems, subJoined+o.reg)
		}
		stems = append(stems, IssuerPinyin[o.reg]...)
		for _, w := range words {
			w = strings.ToLower(strings.TrimSpace(w))
			for _, s := range stems {
				if w == "" || w == s {
					continue
				}
				for _, c := range append(append([]string{}, carriers...), "com") {
					g.add(Addition, s+w+"."+c)
					g.add(Addition, w+s+"."+c)
					g.add(Addition, s+"-"+w+"."+c)
					g.add(Addition, w+"-"+s+"."+c)
				}
			}
		}

	}
	// TLD swaps.
	for _, t := range tlds {
		if t == o.suffix {
			continue
		}
		g.add(TLDSwap, g.withReg(o.reg, t)) // cx.mem.com
		g.add(TLDSwap, o.reg+"."+t)         // mem.com
	}

	if textual {
		// Character mutations of the registrable label.
		// Each mutation is emitted with the official subdomain labels
		// (cx.rnem.cn) and as the bare registrable name (rnem.cn), which answers
		// whenever the name is registered.
		emit := func(t Technique, label string) {
			for _, c := range carriers {
				g.add(t, g.withReg(label, c))
				g.add(t, label+"."+c)
			}
		}
		for _, m := range homoglyphs(o.reg) {
			emit(Homoglyph, m)
		}
		if !opts.NoIDN {
			for _, m := range idnHomoglyphs(o.reg) {
				emit(IDNHomoglyph, m)
			}
		}
		r := o.reg
		for i := range len(r) {
			emit(Omission, r[:i]+r[i+1:])
			emit(Repetition, r[:i+1]+r[i:])
			if i+1 < len(r) && r[i] != r[i+1] {
				emit(Transposition, r[:i]+string(r[i+1])+string(r[i])+r[i+2:])
			}
			for _, k := range keyboardNeighbours[r[i]] {
				emit(Replacement, r[:i]+string(k)+r[i+1:])
				emit(Insertion, r[:i]+string(k)+r[i:])
				emit(Insertion, r[:i+1]+string(k)+r[i+1:])
			}
		}

	}
	// Interleave so a bound cuts evenly across techniques.
	var out []Candidate
	for idx := 0; len(out) < max; idx++ {
		any := false
		for _, t := range Techniques {
			if idx < len(g.byTech[t]) {
				any = true
				out = append(out, g.byTech[t][idx])
				if len(out) == max {
					break
				}
			}
		}
		if !any {
			break
		}
	}
	return out, nil
}

// GenerateAll generates candidates for several official hosts; a name that
// imitates two hosts is kept once, for the first.
func GenerateAll(hosts []string, opts Options) ([]Candidate, error) {
	seen := map[string]bool{}
	var out []Candidate
	for _, h := range hosts {
		cs, err := Generate(h, opts)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if !seen[c.Host] {
				seen[c.Host] = true
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// CountByTechnique tallies candidates per technique.
func CountByTechnique(cs []Candidate) map[Technique]int {
	m := map[Technique]int{}
	for _, c := range cs {
		m[c.Technique]++
	}
	return m
}

func tldOf(suffix string) string {
	i := strings.LastIndexByte(suffix, '.')
	return suffix[i+1:]
}

func limitList(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// ValidName reports whether s is a valid lower-case ASCII DNS host name with
// at least two labels: labels of 1–63 letters, digits and hyphens, no hyphen
// at either end, "--" in positions 3–4 only for xn-- labels, 253 characters in
// all.
func ValidName(s string) bool {
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
		if len(l) >= 4 && l[2:4] == "--" && !strings.HasPrefix(l, "xn--") {
			return false
		}
	}
	// A top-level domain is never all digits.
	tld := labels[len(labels)-1]
	return strings.Trim(tld, "0123456789") != ""
}

// keyboardNeighbours lists the keys around each key on a QWERTY keyboard.
var keyboardNeighbours = map[byte]string{
	'1': "2q", '2': "13qw", '3': "24we", '4': "35er", '5': "46rt", '6': "57ty",
	'7': "68yu", '8': "79ui", '9': "80io", '0': "9op",
	'q': "12wa", 'w': "23qeas", 'e': "34wrsd", 'r': "45etdf", 't': "56ryfg",
	'y': "67tugh", 'u': "78yihj", 'i': "89uojk", 'o': "90ipkl", 'p': "0ol",
	'a': "qwsz", 's': "weadzx", 'd': "ersfxc", 'f': "rtdgcv", 'g': "tyfhvb",
	'h': "yugjbn", 'j': "uihknm", 'k': "iojlm", 'l': "opk",
	'z': "asx", 'x': "zsdc", 'c': "xdfv", 'v': "cfgb", 'b': "vghn",
	'n': "bhjm", 'm': "njk",
}

// asciiGlyphs maps a letter group to ASCII groups that look like it.
var asciiGlyphs = map[string][]string{
	"m": {"rn", "nn"}, "rn": {"m"}, "nn": {"m"}, "w": {"vv"}, "vv": {"w"},
	"d": {"cl"}, "cl": {"d"}, "o": {"0"}, "0": {"o"}, "l": {"1", "i"},
	"1": {"l"}, "i": {"1", "l"}, "g": {"q", "9"}, "q": {"g"}, "u": {"v"},
	"v": {"u"}, "s": {"5"}, "z": {"2"}, "b": {"6"}, "e": {"3"}, "a": {"4"},
}

// homoglyphs replaces each occurrence of a group, one at a time and all at
// once.
func homoglyphs(label string) []string {
	keys := make([]string, 0, len(asciiGlyphs))
	for k := range asciiGlyphs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		for _, rep := range asciiGlyphs[k] {
			for i := 0; ; {
				j := strings.Index(label[i:], k)
				if j < 0 {
					break
				}
				j += i
				out = append(out, label[:j]+rep+label[j+len(k):])
				i = j + 1
			}
			if strings.Count(label, k) > 1 {
				out = append(out, strings.ReplaceAll(label, k, rep))
			}
		}
	}
	return out
}

// unicodeGlyphs maps ASCII letters to Cyrillic and Greek letters that look
// the same.
var unicodeGlyphs = map[byte][]rune{
	'a': {'а', 'α'}, 'c': {'с'}, 'e': {'е'}, 'o': {'о', 'ο'}, 'p': {'р', 'ρ'},
	'x': {'х', 'χ'}, 'y': {'у'}, 'i': {'і', 'ι'}, 'j': {'ј'}, 's': {'ѕ'},
	'h': {'һ'}, 'k': {'κ'}, 'v': {'ν'}, 'u': {'υ'}, 'n': {'п'}, 'm': {'м'},
	'd': {'ԁ'}, 'q': {'ԛ'}, 'w': {'ԝ'}, 'b': {'Ь'},
}

// idnHomoglyphs replaces one letter at a time, and every replaceable letter
// with the first lookalike, and returns the punycode labels.
func idnHomoglyphs(label string) []string {
	var out []string
	addU := func(u string) {
		a, err := idna.Lookup.ToASCII(u)
		if err != nil || a == label || !strings.HasPrefix(a, "xn--") {
			return
		}
		out = append(out, a)
	}
	all := []rune(label)
	changed := false
	for i := 0; i < len(label); i++ {
		for _, r := range unicodeGlyphs[label[i]] {
			addU(label[:i] + string(r) + label[i+1:])
		}
		if rs := unicodeGlyphs[label[i]]; len(rs) > 0 {
			all[i] = rs[0]
			changed = true
		}
	}
	if changed {
		addU(string(all))
	}
	return out
}

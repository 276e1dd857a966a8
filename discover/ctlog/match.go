package ctlog

import (
	"fmt"
	"strings"

	"github.com/certwatch/certwatch/discover/lookalike"
	"golang.org/x/net/publicsuffix"
)

// Rule names how a name from a CT entry was matched.
type Rule string

// The rules, from most to least specific.
const (
	// RuleCandidate: the name, or its registrable domain, is one of the
	// candidates lookalike.Generate produced for an official host.
	RuleCandidate Rule = "candidate"
	// RuleEmbedded: the official host appears as whole labels inside a name
	// under another registrable domain (cx.mem.gov.cn.example.com).
	RuleEmbedded Rule = "embedded"
	// RuleStructural: a label holds an issuer word of an official host (mem,
	// mohurd, yingji, zhujian …) together with a query or government word
	// (gov, cx, chaxun, zhengshu …). Catches names the bounded candidate list
	// leaves out, such as mem-gov-zscx.com.
	RuleStructural Rule = "structural"
)

var ruleNames = map[Rule]string{
	RuleCandidate:  "仿冒域名候选",
	RuleEmbedded:   "嵌入官方网址",
	RuleStructural: "含主管部门与查询词",
}

// Label is the Chinese name of the rule, for reasons shown to users.
func (r Rule) Label() string {
	if s, ok := ruleNames[r]; ok {
		return s
	}
	return "其他规则"
}

// Match is one name from a CT entry that looks like an official host.
type Match struct {
	Name      string              `json:"name"`     // the name as found (lower case, wildcard removed)
	Official  string              `json:"official"` // the official host it imitates
	Rule      Rule                `json:"rule"`
	Technique lookalike.Technique `json:"technique,omitempty"` // for RuleCandidate
	Word      string              `json:"word,omitempty"`      // for RuleStructural: the issuer word
	Log       string              `json:"log,omitempty"`
	Index     uint64              `json:"index"`            // entry index in the log
	Precert   bool                `json:"precert"`          // found in a precertificate
	Timestamp int64               `json:"timestamp_ms"`     // the entry's timestamp (ms since epoch)
	Serial    string              `json:"serial,omitempty"` // certificate serial number, hex
	Issuer    string              `json:"issuer,omitempty"`
}

// Reason is a one-line Chinese explanation of the match.
func (m Match) Reason() string {
	kind := "证书"
	if m.Precert {
		kind = "预证书"
	}
	detail := m.Rule.Label()
	switch {
	case m.Rule == RuleCandidate && m.Technique != "":
		detail += "，" + m.Technique.Label()
	case m.Rule == RuleStructural && m.Word != "":
		detail += "（" + m.Word + "）"
	}
	return fmt.Sprintf("证书透明度日志中的%s包含域名 %s，疑似仿冒官方查询网址 %s（%s）", kind, m.Name, m.Official, detail)
}

// officialInfo is what the matcher keeps about one official host.
type officialInfo struct {
	host   string
	regDom string
	words  []string // issuer words: the registrable label and its pinyin
	prefix string   // host + "."
	inner  string   // "." + host + "."
}

// Matcher matches names against the lookalike rules of a set of official
// hosts. It is read-only after NewMatcher and safe for concurrent use.
type Matcher struct {
	officials  []officialInfo
	candidates map[string]lookalike.Candidate
	// skip holds registrable domains that are never matched: the official
	// ones and any the caller allows.
	skip map[string]bool
}

// companionWords are the query and government words that, next to an issuer
// word, make a name structurally suspicious.
var companionWords = []string{
	"gov", "govcn", "cx", "chaxun", "query", "zhengshu", "zs", "zscx", "cha", "check", "verify", "cert", "zhengjian",
}

// NewMatcher builds a matcher for the official hosts. opts bounds the
// candidates generated per host (see lookalike.Options); allow lists
// registrable domains that are never matched (legitimate aggregators).
func NewMatcher(officials []string, opts lookalike.Options, allow []string) (*Matcher, error) {
	m := &Matcher{candidates: map[string]lookalike.Candidate{}, skip: map[string]bool{}}
	for _, a := range allow {
		m.skip[strings.ToLower(strings.TrimSpace(a))] = true
	}
	for _, h := range officials {
		h = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
		if !lookalike.ValidName(h) {
			return nil, fmt.Errorf("ctlog: bad official host %q", h)
		}
		reg, err := publicsuffix.EffectiveTLDPlusOne(h)
		if err != nil {
			return nil, fmt.Errorf("ctlog: official host %q: %v", h, err)
		}
		m.skip[reg] = true
		label, _, _ := strings.Cut(reg, ".")
		words := []string{label}
		if d := strings.ReplaceAll(label, "-", ""); d != label {
			words = append(words, d)
		}
		words = append(words, lookalike.IssuerPinyin[label]...)
		m.officials = append(m.officials, officialInfo{host: h, regDom: reg, words: words, prefix: h + ".", inner: "." + h + "."})
	}
	cs, err := lookalike.GenerateAll(officials, opts)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		m.candidates[c.Host] = c
	}
	return m, nil
}

// Candidates is the number of generated candidate names held.
func (m *Matcher) Candidates() int { return len(m.candidates) }

// Match tests one DNS name (lower-case ASCII, no wildcard). It returns the
// first rule that matches, and false for names under an official or allowed
// registrable domain, under gov.cn, or that match nothing.
func (m *Matcher) Match(name string) (Match, bool) {
	// One public-suffix lookup gives both the suffix and the registrable
	// domain (as publicsuffix.EffectiveTLDPlusOne would).
	ps, _ := publicsuffix.PublicSuffix(name)
	if len(name) <= len(ps) || name[len(name)-len(ps)-1] != '.' {
		return Match{}, false
	}
	head := name[:len(name)-len(ps)-1]
	reg := head[strings.LastIndexByte(head, '.')+1:] + "." + ps
	if m.skip[reg] || ps == "gov.cn" || strings.HasSuffix(ps, ".gov.cn") {
		return Match{}, false
	}
	if c, ok := m.candidates[name]; ok {
		return Match{Name: name, Official: c.Official, Rule: RuleCandidate, Technique: c.Technique}, true
	}
	if c, ok := m.candidates[reg]; ok {
		return Match{Name: name, Official: c.Official, Rule: RuleCandidate, Technique: c.Technique}, true
	}
	for _, o := range m.officials {
		if name == o.host {
			continue
		}
		if strings.HasPrefix(name, o.prefix) || strings.Contains(name, o.inner) {
			return Match{Name: name, Official: o.host, Rule: RuleEmbedded}, true
		}
	}
	// Structural test on the labels left of the public suffix.
	tokens := strings.FieldsFunc(head, func(r rune) bool { return r == '.' || r == '-' })
	for _, o := range m.officials {
		for _, w := range o.words {
			if hasIssuerWithCompanion(tokens, w) {
				return Match{Name: name, Official: o.host, Rule: RuleStructural, Word: w}, true
			}
		}
	}
	return Match{}, false
}

// hasIssuerWithCompanion reports whether the tokens hold the issuer word w
// (a whole token, or joined to a companion word: memgov, cxmem) and a
// companion word (its own token or joined to w). Issuer words of five or
// more letters (mohurd, yingji, zhujian) also count inside longer tokens.
func hasIssuerWithCompanion(tokens []string, w string) bool {
	issuer, companion := false, false
	for _, t := range tokens {
		switch {
		case t == w:
			issuer = true
		case strings.HasPrefix(t, w) && isCompanion(t[len(w):]):
			issuer, companion = true, true
		case strings.HasSuffix(t, w) && isCompanion(t[:len(t)-len(w)]):
			issuer, companion = true, true
		case len(w) >= 5 && strings.Contains(t, w):
			issuer = true
			rest := strings.Replace(t, w, " ", 1)
			for _, p := range strings.Fields(rest) {
				if isCompanion(p) {
					companion = true
				}
			}
		case isCompanion(t):
			companion = true
		}
	}
	return issuer && companion
}

func isCompanion(s string) bool {
	for _, c := range companionWords {
		if s == c {
			return true
		}
	}
	return false
}

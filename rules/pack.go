package rules

import (
	"regexp"
	"strings"

	"github.com/certwatch/certwatch/casework"
)

// Contact tokens a group slot may use instead of a term.
const (
	TokenContact = "@contact"
	TokenPhone   = "@phone"
	TokenWeChat  = "@wechat"
	TokenQQ      = "@qq"
	TokenURL     = "@url"
)

var contactTokens = map[string]bool{TokenContact: true, TokenPhone: true, TokenWeChat: true, TokenQQ: true, TokenURL: true}

// IsContactToken reports whether s names a kind of contact rather than a term.
func IsContactToken(s string) bool { return contactTokens[s] }

// Pack is one loaded rule pack.
type Pack struct {
	File            string // where it was loaded from ("embedded:default.yaml" for the default)
	Name            string
	Issuer          string
	DeclaredVersion string
	Hash            string // hex SHA-256 of the file's bytes
	Threshold       float64
	Window          int
	Categories      []Category
	SearchTerms     []string
	Negations       []string // cue words that cancel a term right after them (不代考, 严禁替考)
	NotNegations    []string // words that begin with a cue but negate nothing (不同, 不少, 不仅)
	NegationGap     int      // characters allowed between a cue and the term
	// QuestionGap: a term followed, within this many characters of its
	// clause, by a question mark is asked about, not offered (叉车证不用考了吗？,
	// 是否可以不参加考试就能获得证书？); 0: off.
	QuestionGap int
	// ExclusionWindow limits exclusions to context near the rule's own hits:
	// an exclusion term counts only within this many words of a term or
	// group item that scored (0: anywhere on the page). Long pages (forum
	// threads, pages with sidebars) mix offers with unrelated text.
	ExclusionWindow int
	IgnoreQuoted    bool // terms inside quotation marks (“包过”) do not count
	// ContactBonus adds a corroborating signal: a personal contact next to
	// a rule's own hits (zero value: off).
	ContactBonus ContactBonus
	Exclusions   []Exclusion
	Rules        []*Rule
	Imitation    *Imitation
	// Removal holds the markers a removal check looks for on a page
	// fetched again after a takedown notice (empty when the pack has none).
	Removal Removal

	// Families are the named term sets of the offer grammar, by full name
	// ("cert_noun", "cert_noun.学历"); FamilyOrder lists them in file order.
	Families    map[string]*Family
	FamilyOrder []string
	// ShortText, when set, lowers the threshold of short texts that carry
	// a corroborating signal.
	ShortText *ShortText
	// Genres are the kinds of text that mention offers without making
	// them (news, warnings, Q&A that denies, ...), with the factor their
	// scores are multiplied by.
	Genres []Genre
}

// ContactBonus is the weight a rule gains when a personal contact (a
// mobile number, WeChat, QQ or Telegram id; not a web address, not a
// "possible contact") stands within Window characters of a term or group
// item that scored for the rule. It is added once per rule, only to a
// rule that already scored with a positive term or group, and not when
// one of the rule's groups already used a contact slot; it never pulls
// exclusions into range.
type ContactBonus struct {
	Line   int
	Weight float64
	Window int // characters of normalized text between the contact and the hit
}

// Removal are the phrases by which a site says that a page is gone or
// that it will not show it. They are matched against the normalized title
// and text of a re-fetched page, like terms, so one spelling covers its
// traditional, full-width and spaced variants.
type Removal struct {
	Line int
	// Gone: the page says its content was removed (该商品已下架, 帖子已被删除).
	Gone []string
	// Blocked: a login wall, captcha or rate-limit page stands in the way
	// (请登录后查看, 验证码).
	Blocked []string
}

// Version is the stable version every finding records: the declared
// version and the first 12 hex digits of the content hash, so two files
// that claim the same version but differ can still be told apart.
func (p *Pack) Version() string {
	h := p.Hash
	if len(h) > 12 {
		h = h[:12]
	}
	return p.Name + "@" + p.DeclaredVersion + "+" + h
}

// CategoryName returns the display name of a category id, or the id.
func (p *Pack) CategoryName(id string) string {
	for _, c := range p.Categories {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}

// Rule looks up a rule by id.
func (p *Pack) Rule(id string) *Rule {
	for _, r := range p.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Category is a kind of finding with its display name.
type Category struct {
	ID   string
	Name string
}

// Rule is one rule of a pack.
type Rule struct {
	Pack        *Pack
	Line        int
	ID          string
	Category    string
	Description string
	LegalBasis  string
	Route       casework.Route // the notice it suggests
	Terms       []Term
	Groups      []Group
	Near        []Near // proximity rules over families
	Exclusions  []Exclusion
}

// Term is a weighted literal or pattern.
type Term struct {
	Line    int
	Text    string         // literal, as written; empty for a pattern
	Pattern *regexp.Regexp // nil for a literal
	Weight  float64
	Pinyin  bool // also match the term's pinyin, joined or spaced
	Initial bool // also match its pinyin initials (pinyin: true; "pinyin: full" leaves them out)
}

// Label is how a term is shown in reasons.
func (t Term) Label() string {
	if t.Pattern != nil {
		return "/" + t.Pattern.String() + "/"
	}
	return t.Text
}

// Group is a co-occurrence condition: one item of every slot within Window
// words of each other.
type Group struct {
	Line   int
	Name   string
	Weight float64
	Window int
	Slots  [][]string // literals or contact tokens
}

// Exclusion is context that lowers a score when any of its terms appears.
type Exclusion struct {
	Line    int
	ID      string
	Reason  string
	Weight  float64 // negative, applied once per distinct term found
	MaxHits int     // at most this many times (default 1)
	Terms   []string
	// NearLines, when set (≥ 0), limits the exclusion to the title and to
	// lines within NearLines of a line where the rule scored: context
	// that pages carry in sidebars, footers and other replies (platform
	// rules, related news, exam timetables) then no longer cancels an
	// offer elsewhere on the page. -1 (the default): anywhere within the
	// pack's exclusion_window.
	NearLines int
}

// Imitation configures the detection of imitation certificate-query sites.
type Imitation struct {
	Line             int
	Rule             string // id of the rule whose category, route and legal basis findings carry
	OfficialSuffixes []string
	MinSimilarity    float64
	Weights          ImitationWeights
	Agencies         []string
	QueryTerms       []string
	FormLabels       []string
	CopyrightPattern *regexp.Regexp
	Sites            []OfficialSite
}

// ImitationWeights are the score contributions of the signals of an imitation site.
type ImitationWeights struct {
	Title     float64 // title similar to an official site's title (scaled by similarity)
	Agency    float64 // names a government agency
	Form      float64 // a form asking for identity or certificate details
	Copyright float64 // a copyright or sponsor line naming a government body
	Query     float64 // presents itself as a query or verification service
	Host      float64 // the host imitates an official one (look-alike, gov.cn as a label, bare IP)
}

// OfficialSite is a real certificate-query site.
type OfficialSite struct {
	Line       int
	Name       string
	Hosts      []string
	Titles     []string
	Agency     string
	FormLabels []string
}

// IsOfficialHost reports whether host belongs to an official query site or
// lies under one of the official suffixes (such as gov.cn).
func (im *Imitation) IsOfficialHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, s := range im.Sites {
		for _, h := range s.Hosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				return true
			}
		}
	}
	for _, suf := range im.OfficialSuffixes {
		if strings.HasSuffix(host, "."+suf) {
			return true
		}
	}
	return false
}

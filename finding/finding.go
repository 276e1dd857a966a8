// Package finding is the finding format: the verdict on one page that the
// matcher and the learned stage (package detect) produce, a sweep stores
// with each case and snapshot, and review, notices, removal checks, reports
// and the CLI read back. It is one struct, encoded and decoded only here
// (Encode, Decode; Peek for listings that need two members of it).
//
// # Versions
//
// An encoded finding is a JSON object whose "version" member says which
// version of the format it is. Decode reads every version certwatch ever
// wrote and refuses, with ErrNewer, a version newer than it knows (a
// database written by a newer certwatch); it never guesses.
//
//   - 1: every finding written before the format was versioned. It has no
//     "version" member. Its members are those of version 2; older ones
//     lack the members added since (before the learned stage: "channel",
//     "model", "genre", "genre_name", a rule hit's "block" and "genre",
//     a contact's "obfuscated" and "possible"), which decode as empty.
//   - 2: version 1 with "version": 2 first.
//
// The fixtures in testdata/v1 are real bytes of version 1 (see
// testdata/README.md); every later version adds its own directory, and the
// tests decode them all.
package finding

import "github.com/certwatch/certwatch/casework"

// Version is the version Encode writes.
const Version = 2

// Finding is the verdict on one page, with everything a reviewer needs to
// trust it and an analyst needs to tune the rules.
type Finding struct {
	// Version is the format version the finding was decoded from (Decode
	// sets it: 1 for a finding stored without one). Encode always writes
	// the package's Version. A finding fresh from the matcher has 0, so
	// the JSON that scan and rules test print has no version member.
	Version      int            `json:"version,omitempty"`
	URL          string         `json:"url"`
	Flagged      bool           `json:"flagged"`
	Score        float64        `json:"score"`
	Category     string         `json:"category"`                // the strongest rule's category, when flagged
	CategoryName string         `json:"category_name,omitempty"` // its display name
	Route        casework.Route `json:"route,omitempty"`         // the notice the strongest rule suggests
	Rules        []RuleHit      `json:"rules"`                   // every rule that scored, strongest first
	Matches      []Match        `json:"matches"`                 // matched spans in the original title and text
	Contacts     []Contact      `json:"contacts"`
	Reasons      []string       `json:"reasons"`
	Imitation    *Imitated      `json:"imitation,omitempty"`
	// Genre is the page's recognised genre (news, gov_warning, qa_debunk,
	// …; see the matcher's genre.go), empty when none; GenreName its
	// display name.
	Genre     string `json:"genre,omitempty"`
	GenreName string `json:"genre_name,omitempty"`
	// Model is the learned stage's verdict on the page, filled in by
	// package detect; nil when no model judged it.
	Model *ModelVerdict `json:"model,omitempty"`
	// Channel says which stage flagged the page (ChannelRules,
	// ChannelModel, ChannelBoth), filled in by package detect; empty when
	// the page is not flagged, and in findings from before the learned
	// stage.
	Channel string `json:"channel,omitempty"`
}

// Channels: which stage of detection flagged a page.
const (
	ChannelRules = "rules"
	ChannelModel = "model"
	ChannelBoth  = "rules+model"
)

// Channels are the channels in display order.
var Channels = []string{ChannelRules, ChannelModel, ChannelBoth}

var channelNames = map[string]string{ChannelRules: "规则", ChannelModel: "学习模型", ChannelBoth: "规则 + 学习模型"}

// ChannelName is a channel's Chinese name, or c itself when unknown.
func ChannelName(c string) string {
	if n := channelNames[c]; n != "" {
		return n
	}
	return c
}

// ModelVerdict is what the learned model (package rank) said of a page,
// as package detect records it in a finding.
type ModelVerdict struct {
	Version string `json:"version"` // the model's version (name@date+hash)
	// Probability is 1 − P(negative): the chance that the page offers
	// anything.
	Probability float64 `json:"probability"`
	// Category is the likeliest category when Probability reaches the
	// model's own threshold, else "negative".
	Category string `json:"category"`
	// Flagged: the model's vote counted towards flagging the page (its
	// probability reached the bar and its channel is on for Category).
	Flagged bool `json:"flagged"`
	// Bar is the probability the model needed to flag the page alone.
	Bar float64 `json:"bar"`
	// NGrams are the character n-grams that drove the verdict most,
	// strongest first.
	NGrams []NGram `json:"ngrams"`
}

// NGram is one n-gram's pull in a model verdict.
type NGram struct {
	Text   string  `json:"text"`
	Weight float64 `json:"weight"`
}

// RuleHit is one rule's contribution.
type RuleHit struct {
	ID         string         `json:"id"`
	Category   string         `json:"category"`
	Pack       string         `json:"pack"` // pack version that produced it
	Route      casework.Route `json:"route"`
	Score      float64        `json:"score"`
	Threshold  float64        `json:"threshold"`
	Fired      bool           `json:"fired"` // score reached the pack's threshold
	Terms      []string       `json:"terms,omitempty"`
	Groups     []string       `json:"groups,omitempty"`
	Near       []string       `json:"near,omitempty"` // proximity rules that were satisfied
	Exclusions []string       `json:"exclusions,omitempty"`
	// ContactBonus is what a personal contact next to the rule's hits
	// added (the pack's contact_bonus), 0 when none.
	ContactBonus float64 `json:"contact_bonus,omitempty"`
	// Block is where the rule scored best: the block kind and path of the
	// unit (main, post, listing_field, …; see the matcher's units.go),
	// e.g. "post div.reply".
	Block string `json:"block,omitempty"`
	// Genre is the genre whose factor lowered the rule's score, if any.
	Genre string `json:"genre,omitempty"`
}

// Match is a span of the original page text (or title) that a rule used.
type Match struct {
	Field string   `json:"field"` // "title" or "text"
	Start int      `json:"start"` // byte offsets into page.Title or page.Text
	End   int      `json:"end"`
	Text  string   `json:"text"` // the original characters
	Term  string   `json:"term"` // the term, pattern or group item it matched
	Kind  string   `json:"kind"` // term, pattern, group, near, exclusion
	Rules []string `json:"rules"`
}

// Contact is a way to reach the seller, after de-obfuscation. Text is the
// raw form beside the decoded Value.
type Contact struct {
	Kind  string `json:"kind"`  // phone, landline, wechat, qq, telegram, url, domain
	Value string `json:"value"` // decoded: 13812345678, not 一三八…; telegram: @name
	Field string `json:"field"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"` // as written, with its label (威信同號, Q/微)
	// Obfuscated: the number is not written as plain digits in Text
	// (homophones, circled or styled digits, words between groups).
	Obfuscated bool `json:"obfuscated,omitempty"`
	// Possible: a bare mobile number written in disguise with no label
	// (可能的联系方式). Reported for reviewers; it never adds to a score.
	Possible bool `json:"possible,omitempty"`
}

// Imitated describes an imitation query site.
type Imitated struct {
	Site       string  `json:"site"` // the official site it copies
	Host       string  `json:"official_host"`
	Similarity float64 `json:"similarity"`
	// The imitation verdict (discover/imitation), when the page was
	// compared with the official pages: its reasons, score and decision,
	// the official page it resembles most, and a thumbnail (PNG) of that
	// page's screenshot when one was kept, for the case page.
	Verdict          []string `json:"verdict,omitempty"`
	VerdictScore     float64  `json:"verdict_score,omitempty"`
	VerdictImitation bool     `json:"verdict_imitation,omitempty"`
	Reference        string   `json:"reference,omitempty"`
	ReferenceShot    []byte   `json:"reference_shot,omitempty"`
}

package eval

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/page"
)

// Negative is the gold label of a text that offers nothing.
const Negative = "negative"

// Categories are the four gold categories, in report order.
var Categories = []string{"cert_sale", "exam_fraud", "training_fraud", "imitation_site"}

// CategoryNames are the categories' Chinese names (as in the default pack),
// with Negative's.
var CategoryNames = map[string]string{
	"cert_sale":      "制售、买卖假证",
	"exam_fraud":     "考试作弊、代考",
	"training_fraud": "培训虚假宣传",
	"imitation_site": "仿冒证书查询网站",
	Negative:         "正常（不应标记）",
}

// Text kinds.
const (
	KindPage    = "page"
	KindPost    = "post"
	KindListing = "listing"
	KindShort   = "short"
)

// Kinds are the text kinds in report order.
var Kinds = []string{KindPage, KindPost, KindListing, KindShort}

// KindNames are the kinds' Chinese names.
var KindNames = map[string]string{KindPage: "网页", KindPost: "帖子", KindListing: "商品信息", KindShort: "短文本"}

// ShortRunes and LongRunes are the length bounds of Kind.
const (
	ShortRunes = 140
	LongRunes  = 500
)

// Label normalises a record's label field (see the package comment); ok is
// false for a label eval does not know.
func Label(raw string) (label string, ok bool) {
	l := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(raw)), "-", "_")
	switch {
	case slices.Contains(Categories, l):
		return l, true
	case l == "negative" || l == "clean" || l == "none" || l == "benign" || l == "ok" || l == "0",
		strings.HasPrefix(l, "clean_"), strings.HasPrefix(l, "negative_"):
		return Negative, true
	}
	return "", false
}

var (
	listingWords = []string{"listing", "classified", "marketplace", "shop", "product"}
	postWords    = []string{"forum", "post", "reply", "comment", "comments", "social", "moments", "chat", "video", "caption",
		"qa", "question", "answer", "message", "sms", "buyer", "request", "group", "im"}
)

// Kind returns a page's text kind: the record's kind field when it is one
// of the four, otherwise the rule of the package comment, with the kind
// field as a hint.
func Kind(p *page.Page) string {
	hint := strings.ToLower(strings.TrimSpace(p.Meta["kind"]))
	if slices.Contains(Kinds, hint) {
		return hint
	}
	if p.Title != "" || len(p.Links) > 0 || len(p.Forms) > 0 {
		return KindPage
	}
	n := utf8.RuneCountInString(strings.TrimSpace(p.Text))
	if n <= ShortRunes {
		return KindShort
	}
	words := strings.FieldsFunc(hint, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	has := func(set []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(set, w) })
	}
	switch {
	case has(listingWords):
		return KindListing
	case has(postWords):
		return KindPost
	case n > LongRunes:
		return KindPage
	}
	return KindPost
}

// Selection says which splits are evaluated.
type Selection struct {
	// Splits are the selected split names.
	Splits []string `json:"splits"`
	// Explicit is set when they were named (--split); the default is
	// train and dev.
	Explicit bool `json:"explicit"`
}

// KnownSplits are the split names a record may carry.
var KnownSplits = []string{"train", "dev", "test"}

// ParseSelection reads a --split value: a comma-separated list of train,
// dev, test; empty selects the default (train and dev).
func ParseSelection(s string) (Selection, error) {
	if strings.TrimSpace(s) == "" {
		return Selection{Splits: []string{"train", "dev"}}, nil
	}
	sel := Selection{Explicit: true}
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		if !slices.Contains(KnownSplits, part) {
			return Selection{}, fmt.Errorf("eval: unknown split %q (train, dev or test, comma-separated)", part)
		}
		if !slices.Contains(sel.Splits, part) {
			sel.Splits = append(sel.Splits, part)
		}
	}
	return sel, nil
}

// Includes says whether a record with this split field is evaluated: one
// without a split always is.
func (s Selection) Includes(split string) bool {
	return split == "" || slices.Contains(s.Splits, strings.ToLower(strings.TrimSpace(split)))
}

// Test says whether the test split is selected.
func (s Selection) Test() bool { return slices.Contains(s.Splits, "test") }

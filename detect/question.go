package detect

import (
	"slices"

	"github.com/coregx/ahocorasick"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// questionWords mark a text as a question once normalized (full-width
// ？ folds to ?). See "Questions" in the package comment.
var questionWords = []string{"?", "吗", "呢", "哪里", "哪儿", "哪个", "哪些", "什么", "怎么", "怎样", "如何",
	"为什么", "为啥", "是否", "多久", "几时"}

// questions recognises questionWords; built once.
var questions = func() *ahocorasick.Automaton {
	a, err := ahocorasick.NewBuilder().AddStrings(questionWords).Build()
	if err != nil {
		panic("detect: question words: " + err.Error())
	}
	return a
}()

// corroboratorsOf recognises the normalized members of the families the
// packs name as short-text corroborators (price, call to act, guarantee,
// direct address, …); nil when there are none.
func corroboratorsOf(packs []*rules.Pack) *ahocorasick.Automaton {
	set := map[string]bool{}
	for _, pk := range packs {
		if pk.ShortText == nil {
			continue
		}
		for _, c := range pk.ShortText.Corroborators {
			members(pk, c, set, map[string]bool{}) // "@contact" names no family: contacts are checked apart
		}
	}
	var words []string
	for w := range set {
		if w != "" {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil
	}
	slices.Sort(words)
	a, err := ahocorasick.NewBuilder().AddStrings(words).Build()
	if err != nil {
		return nil
	}
	return a
}

// bareQuestion reports whether p, a short text no rule touched, asks a
// question (a question mark or word) and carries no corroborator: no
// contact of any kind (f.Contacts, possible ones included) and no member
// of the packs' corroborator families (a price, a call to act, a
// guarantee, direct address). Such a text asks for information ("沙市叉车证
// 在哪里考"); a buyer's request the rules know (哪里能办, 求购) touches a
// rule, and one that asks the price or says 私信我 carries a corroborator.
func (d *Detector) bareQuestion(p *page.Page, f *matcher.Finding, norm *matcher.PageNorm) bool {
	if len(f.Contacts) > 0 {
		return false
	}
	text := norm.Text
	for _, fm := range p.Forms {
		for _, fl := range fm.Fields {
			text += "\n" + matcher.NormalizeString(fl.Label+"\n"+fl.Placeholder)
		}
	}
	if !questions.IsMatch([]byte(text)) {
		return false
	}
	return d.corr == nil || !d.corr.IsMatch([]byte(text))
}

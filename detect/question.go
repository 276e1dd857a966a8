package detect

import (
	"slices"

	"github.com/coregx/ahocorasick"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// defaultQuestionWords mark a text as a question once normalized when no
// pack names families of question words (short_text.questions; packs
// written before round 12). See "Questions" in the package comment. The
// question mark is not among them: normalizing turns it into a line break
// (the "?" this list held before round 12 never matched).
var defaultQuestionWords = []string{"吗", "呢", "哪里", "哪儿", "哪个", "哪些", "什么", "怎么", "怎样", "如何",
	"为什么", "为啥", "是否", "多久", "几时"}

// questionsOf recognises the question words of the packs: the members of
// the families their short_text.questions name, normalized like page
// text, or defaultQuestionWords when no pack names any.
func questionsOf(packs []*rules.Pack) *ahocorasick.Automaton {
	words := questionWordsOf(packs)
	if len(words) == 0 {
		words = defaultQuestionWords
	}
	a, err := ahocorasick.NewBuilder().AddStrings(words).Build()
	if err != nil {
		panic("detect: question words: " + err.Error()) // cannot happen: the list is not empty
	}
	return a
}

// questionWordsOf lists the normalized members of the packs' question
// families, sorted; nil when no pack names any.
func questionWordsOf(packs []*rules.Pack) []string {
	set := map[string]bool{}
	for _, pk := range packs {
		if pk.ShortText == nil {
			continue
		}
		for _, q := range pk.ShortText.Questions {
			rawMembers(pk, q, set, map[string]bool{})
		}
	}
	var words []string
	for w := range set {
		if n := matcher.NormalizeString(w); n != "" {
			words = append(words, n)
		}
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// rawMembers adds the terms of family name as written (its items, its
// sub-families and the families it includes) to into.
func rawMembers(pk *rules.Pack, name string, into, seen map[string]bool) {
	walkTerms(pk, name, seen, func(term string) { into[term] = true })
}

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
	if d.quest == nil || !d.quest.IsMatch([]byte(text)) {
		return false
	}
	return d.corr == nil || !d.corr.IsMatch([]byte(text))
}

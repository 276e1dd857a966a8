package matcher

import "unicode/utf8"

// maxEnumItem is the longest item, in characters, of an enumeration that
// an offer's term stands in.
const maxEnumItem = 6

// enumeration widens text[start:end] (a term that scored) to the list it
// stands in: items joined by the enumeration comma 、 on both sides, each of
// at most maxEnumItem characters, on one line (耳机、话筒、准考证,我们都搞定 —
// the seller lists what he supplies). An exclusion term among the items
// (准考证) comes from inside the offer. Any other punctuation, a line break
// or a longer item ends the list.
func enumeration(text string, start, end int) (int, int) {
	hi := end
	for hi < len(text) {
		r, size := utf8.DecodeRuneInString(text[hi:])
		if r != '、' {
			break
		}
		j, n := hi+size, 0
		for j < len(text) && n <= maxEnumItem {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if isEnumStop(r2) {
				break
			}
			j += s2
			n++
		}
		if n == 0 || n > maxEnumItem {
			break
		}
		hi = j
	}
	lo := start
	for lo > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:lo])
		if r != '、' {
			break
		}
		j, n := lo-size, 0
		for j > 0 && n <= maxEnumItem {
			r2, s2 := utf8.DecodeLastRuneInString(text[:j])
			if isEnumStop(r2) {
				break
			}
			j -= s2
			n++
		}
		if n == 0 || n > maxEnumItem {
			break
		}
		lo = j
	}
	return lo, hi
}

// isEnumStop reports whether r ends an enumeration item: punctuation,
// white space or a line break.
func isEnumStop(r rune) bool {
	switch r {
	case '、', '，', ',', '。', '.', '；', ';', '：', ':', '！', '!', '？', '?', '\n', ' ', '\t', '(', ')', '（', '）', '“', '”', '"':
		return true
	}
	return false
}

package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Question-and-answer pairs (issue 11). A doubting question (…也能代考吗?) is
// not an offer by itself, but a seller's FAQ answers its own questions:
//
//	Q：结业考试也能代考吗？ A：可以，包含在价格里，保证合格。
//
// There the question is judged by its answer. affirmedAnswer reports whether
// the question whose clause starts at src[qStart] and whose mark ends at
// src[after] is followed by its own answer that does not deny the claim. The
// answer is what follows an answer marker (A：, 答：, 回答：…) right after the
// mark, or, when the question itself carries a question marker (Q：, 问：), the
// next line. A denial (不可以, 没有, 是假的, 违法, 必须参加考试…) keeps the
// question excluded, as does an answer that is missing or is itself another
// question; a debunking Q&A page stays a debunking page.
func affirmedAnswer(src string, qStart, after int) bool {
	i := skipSpace(src, after, false)
	rest, ok := cutMarker(src[i:], answerMarkers)
	if !ok {
		// no answer marker: a "Q：" question is answered by the next line
		if _, q := cutMarker(src[qStart:], questionMarkers); !q {
			return false
		}
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			return false
		}
		rest = src[skipSpace(src, i+j, true):]
		if _, q := cutMarker(rest, questionMarkers); q {
			return false
		}
	}
	answer := firstSentence(rest, 40)
	if strings.TrimSpace(answer) == "" {
		return false
	}
	low := strings.ToLower(answer)
	for _, w := range denialWords {
		if strings.Contains(low, w) {
			return false
		}
	}
	return true
}

// answerMarkers and questionMarkers open an answer or a question in a Q&A
// list; they are matched case-insensitively at the start of the text, each
// followed by a colon, a full stop or a closing bracket where it needs one.
var (
	answerMarkers   = []string{"a：", "a:", "a.", "a．", "a、", "答：", "答:", "回答：", "回答:", "答复：", "答复:", "解答：", "解答:", "【答】", "[答]", "answer:"}
	questionMarkers = []string{"q：", "q:", "q.", "q．", "q、", "问：", "问:", "問：", "問:", "问题：", "问题:", "【问】", "[问]", "question:"}
	// denialWords in an answer's first sentence deny the claim asked about.
	denialWords = []string{"不可以", "不能", "不行", "不可能", "不会", "不是", "不存在", "不建议", "不要", "没有", "没这", "沒有",
		"无法", "無法", "假的", "假证", "骗", "騙", "违法", "違法", "违规", "非法", "千万", "千萬", "必须", "必須", "需要参加",
		"需参加", "谨防", "警惕", "小心", "当心", "否", "属于", "no", "not"}
)

// cutMarker strips one of markers from the start of s, case-insensitively;
// a numbered marker (Q1：, A2:, 问3：) counts as its unnumbered form.
func cutMarker(s string, markers []string) (string, bool) {
	low := strings.ToLower(s)
	for _, mk := range markers {
		if strings.HasPrefix(low, mk) {
			return s[len(mk):], true
		}
		// numbered markers: Q1：, A2:, 问1：
		r, size := utf8.DecodeRuneInString(mk)
		if head := string(r); strings.HasPrefix(low, head) && size < len(mk) {
			j := size
			for j < len(low) && low[j] >= '0' && low[j] <= '9' {
				j++
			}
			if j > size && strings.HasPrefix(low[j:], mk[size:]) {
				return s[j+len(mk)-size:], true
			}
		}
	}
	return s, false
}

// skipSpace returns the first index at or after i that is not white space;
// line breaks are skipped only when lines is set.
func skipSpace(src string, i int, lines bool) int {
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == '\n' && !lines {
			// an answer on the next line still follows its question
			if j := skipSpace(src, i+size, false); j < len(src) {
				if _, ok := cutMarker(src[j:], answerMarkers); ok {
					return j
				}
			}
			return i
		}
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// firstSentence is s up to its first full stop, exclamation or question
// mark, semicolon or line break, at most max characters.
func firstSentence(s string, max int) string {
	n := 0
	for i, r := range s {
		if n >= max {
			return s[:i]
		}
		switch r {
		case '\n', '。', '.', '!', '！', '?', '？', ';', '；':
			return s[:i]
		}
		n++
	}
	return s
}

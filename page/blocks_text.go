package page

import (
	"strings"
	"unicode/utf8"
)

// shortTextRunes is the length up to which a text record is one block
// whatever its shape: a message, a comment, a listing title.
const shortTextRunes = 200

// shortTailRunes is the length up to which a paragraph after a reply that
// starts without a marker is taken as part of that reply.
const shortTailRunes = 30

// maxTextBlocks bounds the blocks of one text record; past it the rest of
// the text joins the last block.
const maxTextBlocks = 5000

// textBlocks splits a text record into blocks: one main block for a short
// text; otherwise one block per paragraph group (lines between blank
// lines), and when lines start with reply markers ("2楼", "#3", "回复：",
// "楼主", "网友…：", "答："), one post block per reply. The text before the
// first reply stays main.
func textBlocks(text string) []Block {
	trimmedStart, trimmedEnd := trimSpan(text, 0, len(text))
	if trimmedStart >= trimmedEnd {
		return nil
	}
	if utf8.RuneCountInString(text[trimmedStart:trimmedEnd]) <= shortTextRunes {
		return []Block{textBlock(text, KindMain, trimmedStart, trimmedEnd)}
	}
	var blocks []Block
	start, kind := -1, KindMain // start of the open block
	lastEnd := 0                // end of the last non-blank line
	byReply := false            // the open block started with a reply marker
	flush := func() {
		if start >= 0 {
			if s, e := trimSpan(text, start, lastEnd); s < e {
				n := len(blocks)
				if kind == KindPost && !byReply && n > 0 && blocks[n-1].Kind == KindPost &&
					(utf8.RuneCountInString(text[s:e]) <= shortTailRunes || !strings.Contains(blocks[n-1].Text, "\n")) {
					// A short line after a reply ("回复 点赞 9") is its
					// toolbar, and the text after a reply's one-line
					// header ("11楼 老王 10小时前") its body: neither is a
					// reply of its own.
					blocks[n-1].End = e
					blocks[n-1].Text = text[blocks[n-1].Start:e]
				} else {
					blocks = append(blocks, textBlock(text, kind, s, e))
				}
			}
		}
		start = -1
	}
	sawReply := false
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := text[off:end]
		s, e := trimSpan(text, off, end)
		switch {
		case s >= e: // blank line: ends a paragraph group
			if len(blocks) < maxTextBlocks-1 {
				flush()
			}
		case startsReply(line):
			if len(blocks) < maxTextBlocks-1 {
				flush()
			}
			sawReply = true
			if start < 0 {
				start, kind, byReply = s, KindPost, true
			}
			lastEnd = e
		default:
			if start < 0 {
				start, byReply = s, false
				kind = KindMain
				if sawReply {
					// A paragraph after a reply belongs to a reply until
					// a blank line and a non-reply show otherwise.
					kind = KindPost
				}
			}
			lastEnd = e
		}
		off = end + 1
	}
	flush()
	// Page chrome copied with the text: a copyright line at either end is
	// the footer, a list headed "相关推荐" anywhere is boilerplate.
	for i := range blocks {
		bl := &blocks[i]
		switch {
		case (i == 0 || i == len(blocks)-1) && len(blocks) > 1 && len(bl.Text) < 600 && containsAny(bl.Text, copyrightMarkers):
			bl.Kind = KindFooter
		case hasPrefixAny(bl.Text, relatedMarkers):
			bl.Kind = KindBoilerplate
		default:
			continue
		}
		bl.Weight = bl.Kind.Weight()
	}
	return blocks
}

func textBlock(text string, k Kind, s, e int) Block {
	return Block{Kind: k, Text: text[s:e], Start: s, End: e, Weight: k.Weight(), Path: "text"}
}

// trimSpan shrinks [s, e) of text past leading and trailing whitespace.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// replyPrefixes start a reply in plain text and in the first line of a
// repeated element when a separator, a digit or the end of the line
// follows ("回复：", "楼主 发表于", "网友26846", but not "回复 点赞" under
// a post or "楼主别找" in one); replyOpeners need nothing after them.
var (
	replyPrefixes = []string{"楼主", "回覆", "引用", "网友", "匿名用户", "沙发", "板凳", "地板", "追问", "追答", "层主"}
	replyOpeners  = []string{"答：", "答:", "问：", "问:", "最佳答案", "Re:", "RE:", "re:", "回复@", "回复 @", "回复：", "回复:"}
)

// startsReply reports whether a line starts like a reply: a reply prefix,
// "#12", "12楼", "12#", "第12楼", "12F".
func startsReply(line string) bool {
	line = strings.TrimLeft(line, " \t\r\u3000[【(（")
	for _, p := range replyOpeners {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	for _, p := range replyPrefixes {
		if strings.HasPrefix(line, p) {
			rest := line[len(p):]
			if rest == "" || strings.HasPrefix(rest, "回复") {
				return false // "回复" alone, "楼主回复" (a toolbar)
			}
			r, _ := utf8.DecodeRuneInString(rest)
			if (r >= '0' && r <= '9') || strings.ContainsRune(" \t：:]】)）\u3000", r) {
				return true
			}
		}
	}
	s := strings.TrimPrefix(line, "#")
	s = strings.TrimPrefix(s, "第")
	digits := 0
	for digits < len(s) && digits < 6 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits == 0 {
		return false
	}
	rest := s[digits:]
	if len(s) < len(line) && line[0] == '#' {
		return true // "#12"
	}
	return strings.HasPrefix(rest, "楼") || strings.HasPrefix(rest, "#") || strings.HasPrefix(rest, "F ") || rest == "F"
}

// hasReplyMarker reports whether the first bytes of a block's text carry a
// reply marker on any of its first lines.
func hasReplyMarker(s string) bool {
	if len(s) > 300 {
		s = s[:300]
	}
	for i := 0; i < 4 && s != ""; i++ {
		line := s
		if j := strings.IndexByte(s, '\n'); j >= 0 {
			line, s = s[:j], s[j+1:]
		} else {
			s = ""
		}
		if startsReply(line) || strings.Contains(line, "发表于") || strings.Contains(line, "楼主") {
			return true
		}
	}
	return false
}

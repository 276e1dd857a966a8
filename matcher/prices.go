package matcher

import "unicode/utf8"

// findPrices returns what priceRE.FindAllStringIndex(text, n) returns,
// without running the regular expression over the whole text: a match
// consists only of digits, full stops, white space, the letters of rmb,
// 人民币 and the numerals and units of priceRE, so no match crosses any
// other character. The text is cut at those characters and the expression
// runs only on the pieces that hold a unit or a currency word (元 块 万 b
// 币), which every match contains. priceRE has no anchors or word
// boundaries: matching a piece finds what matching the text finds there.
func findPrices(text string, n int) [][]int {
	var out [][]int
	run, anchor := -1, false
	flush := func(end int) bool {
		if run >= 0 && anchor {
			rest := -1
			if n >= 0 {
				rest = n - len(out)
			}
			for _, loc := range priceRE.FindAllStringIndex(text[run:end], rest) {
				out = append(out, []int{run + loc[0], run + loc[1]})
			}
		}
		run, anchor = -1, false
		return n >= 0 && len(out) >= n
	}
	if n == 0 {
		return nil
	}
	for i := 0; i < len(text); {
		c := text[i]
		size, in, anch := 1, false, false
		if c < utf8.RuneSelf {
			in = priceASCII[c]
			anch = c == 'b'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			switch r {
			case '元', '块', '万', '币':
				in, anch = true, true
			case '人', '民', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
				in = true
			}
		}
		if in {
			if run < 0 {
				run = i
			}
			anchor = anchor || anch
		} else if run >= 0 && flush(i) {
			return out
		}
		i += size
	}
	flush(len(text))
	return out
}

// priceASCII marks the ASCII characters a match of priceRE may hold.
var priceASCII = func() (t [utf8.RuneSelf]bool) {
	for _, c := range "0123456789. \t\n\f\rrmb" {
		t[c] = true
	}
	return t
}()

package matcher

import (
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/certwatch/certwatch/matcher/internal/foldgen"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "电工证免考", "电工证免考"},
		{"space between CJK", "办 证", "办证"},
		{"dot between CJK", "办.证", "办证"},
		{"star split", "电*工*证", "电工证"},
		{"three separators removed", "办 - 证", "办证"},
		{"four separators make a break", "办 -- 证", "办\n证"},
		{"four separators between latin", "ab -- cd", "ab cd"},
		{"newline kept", "办\n证", "办\n证"},
		{"sentence mark between CJK is a break", "不代考。电工证", "不代考\n电工证"},
		{"full-width exclamation between CJK", "包过！加微信", "包过\n加微信"},
		{"zero-width space", "办\u200b证", "办证"},
		{"zero-width joiner and BOM", "免\u200d\ufeff考", "免考"},
		{"soft hyphen", "包\u00ad过", "包过"},
		{"combining strike-through", "办\u0336证", "办证"},
		{"traditional", "辦證 電工證 免試", "办证电工证免试"},
		{"traditional long", "特種作業操作證", "特种作业操作证"},
		{"full-width latin", "ＶＸ：ＡＢＣ１２３", "vx:abc123"},
		{"full-width digits", "１３８１２３４５６７８", "13812345678"},
		{"ideographic space", "办\u3000证", "办证"},
		{"case", "BanZheng", "banzheng"},
		{"circled digits", "①③⑧", "138"},
		{"parenthesised digits", "⑴⑶⑻", "138"},
		{"digit full stop", "⒈⒊⒏", "138"},
		{"dingbat circled digits", "➊❸➑", "138"},
		{"cyrillic look-alike digits", "1З8б", "1386"},
		{"cyrillic look-alike letters", "vх", "vx"},
		{"wei xin look-alikes", "威信 薇信 嶶信 徽信", "微信微信微信微信"},
		{"latin words keep one space", "ban  zheng", "ban zheng"},
		{"url punctuation kept", "http://a.b-c.com/x", "http://a.b-c.com/x"},
		{"emoji between CJK", "加🔥微🔥信", "加微信"},
		{"leading and trailing separators", "  ——办证——  ", "办证"},
		{"kangxi radical", "⾔", "言"},
		{"compatibility ideograph", "\uf900", "岂"},
		{"invalid utf-8 dropped", "办\xff证", "办证"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := Normalize(tt.in)
			if n.Text != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, n.Text, tt.want)
			}
			if got := NormalizeString(tt.in); got != n.Text {
				t.Errorf("NormalizeString(%q) = %q, differs from Normalize %q", tt.in, got, n.Text)
			}
			checkOffsets(t, tt.in, n)
		})
	}
}

func TestNormalizeOffsets(t *testing.T) {
	in := "【辦 證】電*工*證，ＶＸ：ａｂｃ１２３"
	n := Normalize(in)
	i := strings.Index(n.Text, "电工证")
	if i < 0 {
		t.Fatalf("normalized %q lacks 电工证", n.Text)
	}
	a, b := n.Orig(i, i+len("电工证"))
	if got := in[a:b]; got != "電*工*證" {
		t.Errorf("original of 电工证 = %q, want 電*工*證", got)
	}
	j := strings.Index(n.Text, "abc123")
	a, b = n.Orig(j, j+len("abc123"))
	if got := in[a:b]; got != "ａｂｃ１２３" {
		t.Errorf("original of abc123 = %q", got)
	}
}

// checkOffsets verifies the offset map: one entry per output byte, inside
// the input, non-decreasing, at the start of a character, and every output
// character maps to an input character that folds to it (or to a
// separator for emitted spaces and newlines).
func checkOffsets(t *testing.T, in string, n *Normalized) {
	t.Helper()
	// The sparse map against the dense reference, byte by byte.
	ref, dense := normalizeDenseRef(nil, nil, in, true)
	if string(ref) != n.Text {
		t.Fatalf("reference normalizes %q to %q, normalize to %q", in, ref, n.Text)
	}
	for i := range dense {
		if got := n.OrigOffset(i); got != int(dense[i]) {
			t.Fatalf("output byte %d of %q maps to %d, the dense map says %d", i, in, got, dense[i])
		}
	}
	for a := 0; a <= len(in); a++ {
		want := sort.Search(len(dense), func(i int) bool { return int(dense[i]) >= a })
		if got := n.normOffset(a); got != want {
			t.Fatalf("normOffset(%d) of %q = %d, the dense map says %d", a, in, got, want)
		}
	}
	prev := -1
	for i := 0; i < len(n.Text); {
		r, size := utf8.DecodeRuneInString(n.Text[i:])
		o := n.OrigOffset(i)
		for k := 0; k < size; k++ {
			if n.OrigOffset(i+k) != o {
				t.Fatalf("bytes of one character map to different offsets at %d", i)
			}
		}
		if o < prev || o >= len(in) || !utf8.RuneStart(in[o]) {
			t.Fatalf("offset %d for output byte %d is out of order or not a character start (input %q)", o, i, in)
		}
		prev = o
		src, _ := utf8.DecodeRuneInString(in[o:])
		f, cls := foldRune(src)
		if r != ' ' && r != '\n' && f != r && !(cls == clsSep) {
			t.Fatalf("output %q at %d maps to input %q which folds to %q", r, i, src, f)
		}
		i += size
	}
	if !utf8.ValidString(n.Text) {
		t.Fatalf("output is not valid UTF-8: %q", n.Text)
	}
}

// TestNormalizeMapCorpus checks the sparse offset map against the dense
// reference on every page of the corpora, as the matcher normalizes them
// (title, newline, text).
func TestNormalizeMapCorpus(t *testing.T) {
	n := 0
	for _, g := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		for _, lp := range loadCorpus(t, g) {
			src := lp.p.Title + "\n" + lp.p.Text
			checkOffsets(t, src, Normalize(src))
			n++
		}
	}
	if n < 500 {
		t.Fatalf("only %d pages", n)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"办 证", "辦證", "ＶＸ：ＡＢＣ１２３", "①③⑧ 一三八", "a\u200bb", "http://x.cn", "\xff\xfe", "办\n\n证"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		checkOffsets(t, s, n)
		if NormalizeString(s) != n.Text {
			t.Fatalf("fast and mapped normalization differ for %q", s)
		}
		// Normalizing twice changes nothing more.
		if again := NormalizeString(n.Text); again != n.Text {
			t.Fatalf("not idempotent: %q → %q → %q", s, n.Text, again)
		}
		if len(n.Text) > 0 {
			a, b := n.Orig(0, len(n.Text))
			if a < 0 || b > len(s) || a > b {
				t.Fatalf("Orig of the whole text = [%d,%d) for input of %d bytes", a, b, len(s))
			}
		}
	})
}

// TestFoldTableCurrent regenerates the fold table from OpenCC and
// x/text and compares it with the committed one, so an upgrade of either
// cannot silently leave the table stale. Run `go generate ./matcher/` to fix.
func TestFoldTableCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the table")
	}
	pairs, err := foldgen.Pairs()
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != len(foldPairs) {
		t.Fatalf("generated %d pairs, committed table has %d: run go generate ./matcher/", len(pairs), len(foldPairs))
	}
	for i := range pairs {
		if pairs[i] != foldPairs[i] {
			t.Fatalf("pair %d: generated %U→%U, committed %U→%U: run go generate ./matcher/", i, pairs[i][0], pairs[i][1], foldPairs[i][0], foldPairs[i][1])
		}
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, p := range foldPairs {
		if g, _ := foldRune(p[1]); g != p[1] {
			t.Errorf("%U folds to %U which folds again to %U", p[0], p[1], g)
		}
	}
}

// normalizeDenseRef is the normalizer as it was before the offset map
// became sparse (one offset per output byte): the reference the sparse map
// is checked against.
func normalizeDenseRef(dst []byte, m []int32, s string, withMap bool) ([]byte, []int32) {
	pend := sepBuf{stop: -1}
	prev := clsDrop // class of the last emitted word character; clsDrop at start
	emit := func(r rune, off int32) {
		n := len(dst)
		dst = utf8.AppendRune(dst, r)
		if withMap {
			for ; n < len(dst); n++ {
				m = append(m, off)
			}
		}
	}
	// run is the start of a stretch of s that normalizes to itself and is
	// copied in one piece when it ends (without a map only); -1 when none.
	run := -1
	flush := func(end int) {
		if run >= 0 {
			dst = append(dst, s[run:end]...)
			run = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// Three bytes, as almost every CJK character: decoded inline
			// (utf8.DecodeRuneInString is not inlined for multi-byte input).
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			size = 3
			if r < 0x800 || (r >= 0xD800 && r <= 0xDFFF) {
				flush(i)
				i++
				continue
			}
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				flush(i)
				i++
				continue
			}
		}
		off := i
		i += size
		var f rune
		var cls uint8
		if r < 0x10000 {
			f = rune(foldBMP[r])
			cls = classBMP[f]
		} else {
			f, cls = foldRune(r)
		}
		if f == r && cls > clsNL && pend.count == 0 && !withMap {
			if run < 0 {
				run = off
			}
			prev = cls
			continue
		}
		flush(off)
		if cls <= clsNL {
			if cls == clsDrop {
				continue
			}
			if pend.count < len(pend.runes) {
				pend.runes[pend.count] = f
				pend.offs[pend.count] = int32(off)
			}
			if cls == clsNL && !pend.nl {
				pend.nl, pend.nlOff = true, int32(off)
			}
			if pend.stop < 0 && isSentenceMark(f) {
				pend.stop = int32(off)
			}
			pend.count++
			continue
		}
		if pend.count > 0 {
			switch {
			case prev == clsDrop: // leading separators
			case pend.nl:
				emit('\n', pend.nlOff)
			case pend.stop >= 0 && (prev == clsHan || cls == clsHan):
				emit('\n', pend.stop)
			case pend.count <= maxJoinRun && (prev == clsHan || cls == clsHan):
				// 办 证, 办.证: removed.
			case pend.count <= maxJoinRun:
				// Between Latin letters and digits keep punctuation (URLs,
				// domains, ids) but collapse white space.
				space := false
				for k := 0; k < pend.count; k++ {
					pr := pend.runes[k]
					if unicode.IsSpace(pr) {
						if !space {
							emit(' ', pend.offs[k])
						}
						space = true
						continue
					}
					space = false
					emit(pr, pend.offs[k])
				}
			case prev == clsHan || cls == clsHan:
				// A long gap next to CJK is a hard break; a space there
				// would be removed by a second normalization.
				emit('\n', pend.offs[0])
			default:
				emit(' ', pend.offs[0])
			}
			pend.count, pend.nl, pend.stop = 0, false, -1
		}
		// The common case: the character stays as it is; copy its bytes.
		n := len(dst)
		if f == r {
			dst = append(dst, s[off:i]...)
		} else if f < utf8.RuneSelf {
			dst = append(dst, byte(f))
		} else {
			dst = utf8.AppendRune(dst, f)
		}
		if withMap {
			for ; n < len(dst); n++ {
				m = append(m, int32(off))
			}
		}
		prev = cls
	}
	flush(len(s))
	return dst, m
}

// TestNormalizeSeen: every character the contact extractor needs to know
// about (an @, an enclosed number above 9) is reported wherever it stands,
// and plain text reports nothing.
func TestNormalizeSeen(t *testing.T) {
	check := func(s string, want uint8) {
		t.Helper()
		note := normNote{markAt: -1}
		normalizeSeen(nil, nil, s, false, &note)
		if seen := note.seen; seen != want {
			t.Errorf("normalizeSeen(%q) saw %b, want %b", s, note.seen, want)
		}
	}
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		want := uint8(0)
		switch {
		case r == '@' || r == '＠':
			want = seenAt
		case enclosedTens(r) > 0:
			want = seenEnclosed
		default:
			continue
		}
		n++
		for _, ctx := range []string{"%c", "办%c证", "a%c1", "1%c2", " %c ", "%c%c"} {
			s := strings.ReplaceAll(ctx, "%c", string(r))
			check(s, want)
		}
	}
	if n != 99 { // 97 enclosed numbers and the two @
		t.Fatalf("%d characters checked, want 99", n)
	}
	check("电工证 办理 13812345678 abc", 0)
}

// TestNormalizeMark: the output length noted at the line break after a
// title is the length of the title normalized alone, whatever the title
// ends with and the text starts with.
func TestNormalizeMark(t *testing.T) {
	titles := []string{"", "办证", "办 ", "abc\n", "a.", "\xff", "证\xe5\x8a", "办\u200b", "电 * ", "VX：", "①②", "。", "abc  def"}
	texts := []string{"", "证", " 证", "\n\n证", "x", "。办", "\u200b"}
	for _, title := range titles {
		for _, text := range texts {
			note := normNote{markAt: len(title)}
			normalizeSeen(nil, nil, title+"\n"+text, true, &note)
			if want := len(NormalizeString(title)); note.markOut != want {
				t.Errorf("title %q, text %q: mark %d, the title alone normalizes to %d bytes", title, text, note.markOut, want)
			}
		}
	}
}

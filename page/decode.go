package page

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Charset names reported by Decode. Other declared charsets are reported by
// their WHATWG name ("shift_jis", "euc-kr", "iso-8859-2", ...).
const (
	CharsetUTF8        = "utf-8"
	CharsetGBK         = "gbk"
	CharsetGB18030     = "gb18030"
	CharsetBig5        = "big5"
	CharsetWindows1252 = "windows-1252"
)

const (
	// prescanLen is how much of a body is searched for a <meta> charset
	// declaration, as in the HTML standard.
	prescanLen = 1024
	// guessSampleLen bounds the work of guessing an undeclared charset: the
	// candidates are scored on this much of the body only.
	guessSampleLen = 64 << 10
)

// Decode turns body into UTF-8 text and reports the charset it was decoded
// from. The charset is taken from, in order:
//
//  1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE), or else the zero
//     bytes of UTF-16 without one (see sniffUTF16), which no declaration
//     can overrule: no ASCII-compatible charset puts them in text;
//  2. the charset parameter of contentType (the HTTP Content-Type header);
//  3. a <meta charset> or <meta http-equiv="Content-Type"> in the first
//     1024 bytes;
//  4. a guess: valid UTF-8 is UTF-8; otherwise UTF-8, GB18030 and Big5 are
//     each tried on a sample and scored (frequent Chinese characters count
//     for, replacement and private-use characters against); when no
//     candidate yields a frequent character but all yield errors, the body
//     is read as windows-1252, which never fails.
//
// Labels are normalised before they are looked up, so the spellings found in
// the wild ("GB2312", "x-gbk", "GB-18030", "cp936", "big-5", "utf8") all
// work; unknown labels are ignored and the next step is tried. A
// Content-Type charset that means windows-1252 (including "ISO-8859-1" and
// "US-ASCII", which many Chinese servers send by default) gives way to a
// <meta> declaration of another charset. Labels the HTML standard maps to
// its "replacement" encoding are ignored rather than blanking the page.
//
// GBK and GB2312 bodies are decoded with the GB18030 decoder, a superset of
// both, but reported as "gbk" when so declared.
//
// Decode never fails on bad bytes: invalid sequences become U+FFFD. The
// error is reserved for a failing decoder.
func Decode(body []byte, contentType string) (text string, charsetName string, err error) {
	if choice, n := fromBOM(body); choice != nil {
		return decodeWith(choice.enc, choice.name, body[n:])
	}
	if choice := sniffUTF16(body); choice != nil {
		return decodeWith(choice.enc, choice.name, body)
	}
	var header *encodingChoice
	if label := contentTypeCharset(contentType); label != "" {
		header = lookupLabel(label)
	}
	if header != nil && header.name != CharsetWindows1252 {
		return decodeWith(header.enc, header.name, body)
	}
	if meta := prescanMeta(body); meta != nil {
		if meta.name == "utf-16le" || meta.name == "utf-16be" {
			// A document that can declare its charset in ASCII is not
			// UTF-16; the HTML standard reads it as UTF-8.
			meta = lookupLabel("utf-8")
		}
		if header == nil || meta.name != CharsetWindows1252 {
			return decodeWith(meta.enc, meta.name, body)
		}
	}
	if header != nil {
		return decodeWith(header.enc, header.name, body)
	}
	if validUTF8(body) {
		// What guessCharset would say first, without validating twice.
		return string(body), CharsetUTF8, nil
	}
	enc, name := guessCharset(body)
	return decodeWith(enc, name, body)
}

// encodingChoice is a resolved charset label.
type encodingChoice struct {
	enc  encoding.Encoding
	name string
}

// decodeWith decodes body with enc; a nil enc means UTF-8.
func decodeWith(enc encoding.Encoding, name string, body []byte) (string, string, error) {
	if enc == nil {
		if validUTF8(body) {
			// The common case, checked by the fast validator before
			// the one copy.
			return string(body), name, nil
		}
		return strings.ToValidUTF8(string(body), "\uFFFD"), name, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", "", fmt.Errorf("page: decode %s: %w", name, err)
	}
	// Decoders emit U+FFFD for bad input; this guards against one that
	// passes bytes through.
	if !validUTF8(out) {
		return strings.ToValidUTF8(string(out), "\uFFFD"), name, nil
	}
	return string(out), name, nil
}

// fromBOM returns the charset announced by a byte order mark and the mark's
// length, or nil.
func fromBOM(body []byte) (*encodingChoice, int) {
	if len(body) < 2 || body[0] < 0xEF {
		return nil, 0 // no mark starts so (the marks start 0xEF, 0xFE, 0xFF)
	}
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return &encodingChoice{enc: nil, name: CharsetUTF8}, 3
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return &encodingChoice{enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), name: "utf-16le"}, 2
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return &encodingChoice{enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), name: "utf-16be"}, 2
	}
	return nil, 0
}

// utf16SampleLen bounds the work of recognising UTF-16 without a BOM.
const utf16SampleLen = 8 << 10

// sniffUTF16 recognises UTF-16 without a byte order mark. Markup and
// the text around it are partly ASCII, and each ASCII character in UTF-16
// is a code unit with a zero high byte: at odd offsets in UTF-16LE, at
// even ones in UTF-16BE. UTF-8, GBK, GB18030 and Big5 text has no zero
// bytes at all. So a sample is taken for UTF-16 when at least one code
// unit in eight has a zero byte on one side and the other side has at most
// a third as many (CJK characters such as 一 U+4E00 have a zero low
// byte), and
// when it then decodes cleanly: no U+0000, and at most one code unit in
// fifty an unpaired surrogate, a control character, a noncharacter or a
// private-use character. Binary data fails one test or the other: its
// zero bytes fall on both sides, or it decodes to controls.
func sniffUTF16(body []byte) *encodingChoice {
	sample := body
	if len(sample) > utf16SampleLen {
		sample = sample[:utf16SampleLen]
	}
	sample = sample[:len(sample)&^1]
	units := len(sample) / 2
	if units < 4 || bytes.IndexByte(sample, 0) < 0 {
		// UTF-16 text has zero bytes; nothing else here has.
		return nil
	}
	var zeroEven, zeroOdd int
	for i := 0; i < len(sample); i += 2 {
		if sample[i] == 0 {
			zeroEven++
		}
		if sample[i+1] == 0 {
			zeroOdd++
		}
	}
	var choice *encodingChoice
	switch {
	case zeroOdd*8 >= units && zeroEven*3 <= zeroOdd:
		choice = &encodingChoice{enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), name: "utf-16le"}
	case zeroEven*8 >= units && zeroOdd*3 <= zeroEven:
		choice = &encodingChoice{enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), name: "utf-16be"}
	default:
		return nil
	}
	out, err := choice.enc.NewDecoder().Bytes(sample)
	if err != nil {
		return nil
	}
	bad := 0
	for len(out) > 0 {
		r, n := utf8.DecodeRune(out)
		out = out[n:]
		switch {
		case r == 0:
			return nil
		case r == utf8.RuneError && len(out) == 0:
			// The sample may end inside a surrogate pair.
		case r == utf8.RuneError, r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f',
			r >= 0x7F && r <= 0x9F, r >= 0xE000 && r <= 0xF8FF, r == 0xFFFE, r == 0xFFFF:
			bad++
		}
	}
	if bad*50 > units {
		return nil
	}
	return choice
}

// contentTypeCharset returns the charset parameter of a Content-Type value,
// tolerating values mime.ParseMediaType rejects (duplicate parameters, stray
// semicolons, bad quoting).
func contentTypeCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return params["charset"]
	}
	return charsetParam(contentType)
}

// charsetParam finds `charset=value` in s, as in a <meta content> value.
func charsetParam(s string) string {
	lower := strings.ToLower(s)
	for {
		i := strings.Index(lower, "charset")
		if i < 0 {
			return ""
		}
		rest := strings.TrimLeft(lower[i+len("charset"):], " \t\r\n\f")
		lower = lower[i+len("charset"):]
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n\f")
		if rest == "" {
			return ""
		}
		if q := rest[0]; q == '"' || q == '\'' {
			if j := strings.IndexByte(rest[1:], q); j >= 0 {
				return rest[1 : 1+j]
			}
			return ""
		}
		end := strings.IndexAny(rest, " \t\r\n\f;,")
		if end < 0 {
			end = len(rest)
		}
		return rest[:end]
	}
}

// labelAliases maps labels compacted by compactLabel to canonical names.
// It covers the WHATWG labels of the Chinese charsets and UTF-8 plus the
// spellings seen on Chinese sites and in detectors (colly's "GB-18030").
var labelAliases = map[string]string{
	"gb18030": CharsetGB18030,

	"gbk": CharsetGBK, "xgbk": CharsetGBK, "csgbk": CharsetGBK, "gb2312": CharsetGBK,
	"csgb2312": CharsetGBK, "gb231280": CharsetGBK, "gb23121980": CharsetGBK,
	"csiso58gb231280": CharsetGBK, "isoir58": CharsetGBK, "chinese": CharsetGBK,
	"cp936": CharsetGBK, "ms936": CharsetGBK, "windows936": CharsetGBK, "936": CharsetGBK,
	"euccn": CharsetGBK, "xeuccn": CharsetGBK,

	"big5": CharsetBig5, "xbig5": CharsetBig5, "csbig5": CharsetBig5, "cnbig5": CharsetBig5,
	"xxbig5": CharsetBig5, "big5hkscs": CharsetBig5, "big5eten": CharsetBig5,
	"cp950": CharsetBig5, "ms950": CharsetBig5, "windows950": CharsetBig5, "950": CharsetBig5,

	"utf8": CharsetUTF8, "unicode11utf8": CharsetUTF8, "unicode20utf8": CharsetUTF8,
	"xunicode20utf8": CharsetUTF8,
}

func compactLabel(label string) string {
	var b strings.Builder
	for i := 0; i < len(label); i++ {
		c := label[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// utf8Choice is lookupLabel("utf-8"); not to be modified.
var utf8Choice = encodingChoice{enc: nil, name: CharsetUTF8}

// lookupLabel resolves a charset label, or returns nil for an unknown one.
func lookupLabel(label string) *encodingChoice {
	if strings.EqualFold(label, "utf-8") {
		// The label of almost every page: no allocation.
		return &utf8Choice
	}
	label = strings.ToLower(strings.Trim(label, " \t\r\n\f\"';,"))
	if label == "" || len(label) > 64 {
		return nil
	}
	switch labelAliases[compactLabel(label)] {
	case CharsetUTF8:
		return &encodingChoice{enc: nil, name: CharsetUTF8}
	case CharsetGBK:
		return &encodingChoice{enc: simplifiedchinese.GB18030, name: CharsetGBK}
	case CharsetGB18030:
		return &encodingChoice{enc: simplifiedchinese.GB18030, name: CharsetGB18030}
	case CharsetBig5:
		return &encodingChoice{enc: traditionalchinese.Big5, name: CharsetBig5}
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "replacement" {
		return nil
	}
	if name == CharsetUTF8 {
		enc = nil
	}
	return &encodingChoice{enc: enc, name: name}
}

// prescanMeta looks for a charset declared in a <meta> element within the
// first prescanLen bytes and returns the first one that names a known
// charset. The bytes are not decoded yet: the lexer reads them as the
// tokenizer of golang.org/x/net/html would.
func prescanMeta(body []byte) *encodingChoice {
	if len(body) > prescanLen {
		body = body[:prescanLen]
	}
	if !containsFoldASCII(body, "charset") {
		return nil
	}
	// The lexer reads body in place (no copy): nothing it returns is
	// kept past this function (lookupLabel returns canonical names).
	z := lexer{s: unsafe.String(unsafe.SliceData(body), len(body))}
	for {
		switch z.next() {
		case tokError:
			return nil
		case tokStartTag, tokSelfClosingTag:
			if z.tagAtom() != atom.Meta {
				continue
			}
			declared, _ := z.attr(keyCharset)
			httpEquiv, _ := z.attr(keyHTTPEquiv)
			content, _ := z.attr(keyContent)
			if declared == "" && strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") {
				declared = charsetParam(content)
			}
			if declared != "" {
				if choice := lookupLabel(declared); choice != nil {
					return choice
				}
			}
		}
	}
}

// containsFoldASCII reports whether b holds word (lower-case ASCII) in any
// ASCII case. (No other character lower-cases to the letters of
// "charset", so this is bytes.Contains(bytes.ToLower(b), word) without
// the copy.)
func containsFoldASCII(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		if b[i]|0x20 != word[0] {
			continue
		}
		j := 1
		for j < len(word) && b[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// guessCharset picks the charset of a body that declares none.
func guessCharset(body []byte) (encoding.Encoding, string) {
	if utf8.Valid(body) {
		return nil, CharsetUTF8
	}
	sample := body
	if len(sample) > guessSampleLen {
		sample = sample[:guessSampleLen]
	}
	candidates := []encodingChoice{
		{enc: nil, name: CharsetUTF8},
		{enc: simplifiedchinese.GB18030, name: CharsetGB18030},
		{enc: traditionalchinese.Big5, name: CharsetBig5},
	}
	best, bestScore, bestCommon, bestBad := 0, 0, 0, 0
	for i, c := range candidates {
		var text string
		if c.enc == nil {
			text = strings.ToValidUTF8(string(sample), "\uFFFD")
		} else {
			out, err := c.enc.NewDecoder().Bytes(sample)
			if err != nil {
				continue
			}
			text = string(out)
		}
		common, bad := scoreText(text)
		score := 2*common - 3*bad
		// Earlier candidates win ties: UTF-8 first (a stray bad byte in a
		// UTF-8 page), then GB18030 (the likelier legacy charset here).
		if i == 0 || score > bestScore {
			best, bestScore, bestCommon, bestBad = i, score, common, bad
		}
	}
	if bestCommon == 0 && bestBad > 0 {
		return charmap.Windows1252, CharsetWindows1252
	}
	return candidates[best].enc, candidates[best].name
}

// scoreText counts the frequent Chinese characters in text and the runes
// that show a wrong decoding: U+FFFD and private-use characters.
func scoreText(text string) (common, bad int) {
	table := commonHanTable()
	for _, r := range text {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF:
			i := r - 0x4E00
			if table[i/64]&(1<<(i%64)) != 0 {
				common++
			}
		case r == utf8.RuneError, r >= 0xE000 && r <= 0xF8FF:
			bad++
		}
	}
	return common, bad
}

// commonHanTable is a bit set over U+4E00–U+9FFF of the runes in commonHan.
var commonHanTable = sync.OnceValue(func() *[(0x9FFF - 0x4E00 + 64) / 64]uint64 {
	var t [(0x9FFF - 0x4E00 + 64) / 64]uint64
	for _, r := range commonHan {
		if r >= 0x4E00 && r <= 0x9FFF {
			i := r - 0x4E00
			t[i/64] |= 1 << (i % 64)
		}
	}
	return &t
})

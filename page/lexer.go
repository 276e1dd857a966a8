package page

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lexer splits a decoded document into the tokens the tokenizer of
// golang.org/x/net/html returns for it, with the same boundaries, tag names,
// attribute values and text, but over the string itself: it reads no
// io.Reader, copies no bytes into a buffer of its own, and allocates only
// when a text or attribute value needs changing (character references, CR
// LF pairs, NUL bytes). That tokenizer was about half of FromHTML's time.
//
// Where the two could differ, the lexer follows that tokenizer's code rather
// than the HTML standard, so that FromHTML returns what it returned before:
// FuzzLexerMatchesTokenizer holds the two to the same tokens. Character
// references are decoded by golang.org/x/net/html itself (UnescapeString
// for text, attrUnescaper for attribute values).
//
// Attributes are not collected: the lexer keeps the first occurrence of each
// attribute the extractor reads (attrKey), so a tag with a million
// attributes costs no memory.
type lexer struct {
	s   string
	pos int // the next byte to read
	// rawTag is the lower-case name of the raw-text element (script,
	// style, textarea, title, ...) whose content the next token is, or "".
	rawTag string

	// The current token.
	tt         tokenType
	rawStart   int // the token is s[rawStart:pos]
	dataStart  int // text, or a tag's name, is s[dataStart:dataEnd]
	dataEnd    int
	textIsRaw  bool // text not unescaped (script, style, ...)
	convertNUL bool // NUL bytes in text become U+FFFD (raw text)

	// Attributes of the current start tag: the first occurrence of each
	// known key, valid when its gen is attrGen.
	attrGen    uint32
	attrs      [numAttrKeys]attrSpan
	knownAttrs int // how many of attrs the current tag has

	atoms *atomCache // when not nil, remembers the atoms of tag names

	// allAttrs, when set (tests), sees every attribute of a start tag
	// with a non-empty key, in order, duplicates included.
	allAttrs func(ks, ke, vs, ve int, quote byte)

	unesc *attrUnescaper // made on the first value that needs it
}

// tokenType is the type of a token, as html.TokenType.
type tokenType uint8

const (
	tokError tokenType = iota
	tokText
	tokStartTag
	tokEndTag
	tokSelfClosingTag
	tokComment
	tokDoctype
)

// attrKey names an attribute the extractor (or Decode's prescan) reads.
type attrKey uint8

const (
	keyAction attrKey = iota
	keyAlt
	keyAriaLabel
	keyCharset
	keyClass
	keyContent
	keyFor
	keyHref
	keyHTTPEquiv
	keyID
	keyItemprop
	keyLabel
	keyMethod
	keyName
	keyPlaceholder
	keyRole
	keyTitle
	keyType
	keyValue
	numAttrKeys
)

var attrKeyNames = [numAttrKeys]string{
	keyAction: "action", keyAlt: "alt", keyAriaLabel: "aria-label", keyCharset: "charset", keyClass: "class", keyContent: "content",
	keyFor: "for", keyHref: "href", keyHTTPEquiv: "http-equiv", keyID: "id", keyItemprop: "itemprop", keyLabel: "label", keyMethod: "method",
	keyName: "name", keyPlaceholder: "placeholder", keyRole: "role", keyTitle: "title", keyType: "type", keyValue: "value",
}

// attrSpan is where an attribute's value is: s[start:end], and the quote
// around it (0 when unquoted).
type attrSpan struct {
	gen        uint32
	start, end int
	quote      byte
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// skipSpace returns the index of the first byte at or after i that is not
// white space (len(s) at the end).
func skipSpace(s string, i int) int {
	for i < len(s) && isTagSpace(s[i]) {
		i++
	}
	return i
}

// next reads the next token and returns its type; tokError at the end of
// the input (the tokenizer's io.EOF), after which it returns tokError
// again.
func (z *lexer) next() tokenType {
	s := z.s
	z.rawStart = z.pos
	z.dataStart, z.dataEnd = z.pos, z.pos
	if z.pos >= len(s) {
		z.tt = tokError
		return z.tt
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			z.pos = len(s)
			z.dataEnd = len(s)
			z.textIsRaw = true
		} else {
			z.readRawOrRCDATA()
		}
		if z.dataEnd > z.dataStart {
			z.tt = tokText
			z.convertNUL = true
			return z.tt
		}
	}
	z.textIsRaw = false
	z.convertNUL = false

	for {
		j := 0
		if s[z.pos] != '<' {
			// Most tokens start right where the last one ended.
			j = strings.IndexByte(s[z.pos:], '<')
		}
		if j < 0 || z.pos+j+1 >= len(s) {
			// Text up to the end, a final "<" included.
			z.pos = len(s)
			break
		}
		lt := z.pos + j
		c := s[lt+1]
		var tt tokenType
		switch {
		case isASCIILetter(c):
			tt = tokStartTag
		case c == '/':
			tt = tokEndTag
		case c == '!' || c == '?':
			tt = tokComment
		default:
			// Not a tag: "<" is text, and c is read again.
			z.pos = lt + 1
			continue
		}
		if lt > z.rawStart {
			// Text first; the tag is the next token.
			z.pos = lt
			z.dataEnd = lt
			z.tt = tokText
			return z.tt
		}
		z.pos = lt + 2
		switch tt {
		case tokStartTag:
			z.tt = z.readStartTag()
			return z.tt
		case tokEndTag:
			if z.pos >= len(s) {
				// "</" at the end is text.
				z.pos = len(s)
				z.dataEnd = len(s)
				z.tt = tokText
				return z.tt
			}
			c = s[z.pos]
			z.pos++
			if c == '>' {
				// "</>" is no token at all; the tokenizer returns an
				// empty comment.
				z.dataStart, z.dataEnd = z.pos, z.pos
				z.tt = tokComment
				return z.tt
			}
			if isASCIILetter(c) {
				if !z.readTagAttrs(nil) {
					z.tt = tokError
				} else {
					z.tt = tokEndTag
				}
				return z.tt
			}
			z.pos--
			z.readUntilCloseAngle()
			z.tt = tokComment
			return z.tt
		default:
			if c == '!' {
				z.tt = z.readMarkupDeclaration()
				return z.tt
			}
			z.pos--
			z.readUntilCloseAngle()
			z.tt = tokComment
			return z.tt
		}
	}
	if z.rawStart < z.pos {
		z.dataEnd = z.pos
		z.tt = tokText
		return z.tt
	}
	z.tt = tokError
	return z.tt
}

// readUntilCloseAngle reads up to and including the next ">".
func (z *lexer) readUntilCloseAngle() {
	z.dataStart = z.pos
	if j := strings.IndexByte(z.s[z.pos:], '>'); j >= 0 {
		z.dataEnd = z.pos + j
		z.pos += j + 1
		return
	}
	z.pos = len(z.s)
	z.dataEnd = z.pos
}

// readMarkupDeclaration reads a token that starts with "<!": a comment, a
// doctype or a bogus comment (CDATA sections are not recognised, as the
// tokenizer does by default). Only its extent matters to the extractor.
func (z *lexer) readMarkupDeclaration() tokenType {
	s := z.s
	z.dataStart = z.pos
	if z.pos+2 > len(s) {
		z.pos = len(s)
		z.dataEnd = z.pos
		return tokComment
	}
	if s[z.pos] == '-' && s[z.pos+1] == '-' {
		z.pos += 2
		z.readComment()
		return tokComment
	}
	const doctype = "DOCTYPE"
	isDoctype := len(s)-z.pos >= len(doctype)
	for i := 0; isDoctype && i < len(doctype); i++ {
		if c := s[z.pos+i]; c != doctype[i] && c != doctype[i]+('a'-'A') {
			isDoctype = false
		}
	}
	if isDoctype {
		// After "<!DOCTYPE" and white space, up to ">".
		z.pos = skipSpace(s, z.pos+len(doctype))
		if z.pos >= len(s) {
			z.dataStart, z.dataEnd = z.pos, z.pos
			return tokDoctype
		}
		z.readUntilCloseAngle()
		return tokDoctype
	}
	z.readUntilCloseAngle()
	return tokComment
}

// readComment reads a comment after its "<!--", up to "-->", "--!>" or the
// end, the way the tokenizer does ("<!-->" and "<!--->" are whole
// comments).
func (z *lexer) readComment() {
	s := z.s
	z.dataStart = z.pos
	dashCount := 0
	beginning := true
	for i := z.pos; ; {
		if i >= len(s) {
			z.pos = len(s)
			z.dataEnd = z.pos
			return
		}
		c := s[i]
		i++
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				z.pos = i
				z.dataEnd = max(i-3, z.dataStart)
				return
			}
		case '!':
			if dashCount >= 2 {
				if i >= len(s) {
					z.pos = len(s)
					z.dataEnd = z.pos
					return
				}
				c = s[i]
				i++
				if c == '>' {
					z.pos = i
					z.dataEnd = max(i-4, z.dataStart)
					return
				} else if c == '-' {
					dashCount = 1
					beginning = false
					continue
				}
			}
		}
		dashCount = 0
		beginning = false
	}
}

// rawTags are the elements whose content the tokenizer returns as one
// text token.
var rawTags = []string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

// rawTagOf returns the raw-text element named by name (any case), or "".
func rawTagOf(name string) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	switch name[0] | 0x20 {
	case 'i', 'n', 'p', 's', 't', 'x':
	default:
		return ""
	}
	for _, t := range rawTags {
		if len(t) == len(name) && asciiLowerEqual(name, t) {
			return t
		}
	}
	return ""
}

// asciiLowerEqual reports whether s lower-cased in ASCII (as the tokenizer
// lower-cases names) is lower.
func asciiLowerEqual(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// readStartTag reads a start tag after its "<" and first letter.
func (z *lexer) readStartTag() tokenType {
	z.attrGen++
	if z.attrGen == 0 {
		// Wrapped: old generations must not look current.
		z.attrs = [numAttrKeys]attrSpan{}
		z.attrGen = 1
	}
	z.knownAttrs = 0
	lastKS, lastKE, lastVE, n := 0, 0, 0, 0
	if !z.readTagAttrs(func(ks, ke, vs, ve int, quote byte) {
		z.noteAttr(ks, ke, vs, ve, quote)
		lastKS, lastKE, lastVE = ks, ke, ve
		n++
	}) {
		return tokError
	}
	if t := rawTagOf(z.s[z.dataStart:z.dataEnd]); t != "" {
		z.rawTag = t
	}
	// "<br/>" is self-closing, "<p a=/>" is not: the slash must not be the
	// last byte of the value of the last attribute the tokenizer kept
	// (a repeated attribute is not kept).
	if z.s[z.pos-2] == '/' {
		if n == 0 || z.pos-2 != lastVE-1 || z.repeatsEarlierKey(lastKS, lastKE) {
			return tokSelfClosingTag
		}
	}
	return tokStartTag
}

// readTagAttrs reads a tag's name and attributes after the first letter of
// its name, and passes each attribute with a non-empty key to attr (when
// not nil). It reports false when the input ends inside the tag.
func (z *lexer) readTagAttrs(attr func(ks, ke, vs, ve int, quote byte)) bool {
	s := z.s
	i := z.pos
	z.dataStart = i - 1
	for {
		if i >= len(s) {
			z.pos = len(s)
			return false
		}
		c := s[i]
		if isTagSpace(c) {
			z.dataEnd = i
			i++
			break
		}
		if c == '/' || c == '>' {
			z.dataEnd = i
			break
		}
		i++
	}
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			z.pos = len(s)
			return false
		}
		if s[i] == '>' {
			z.pos = i + 1
			return true
		}
		ks, ke, vs, ve, quote, next := lexAttr(s, i)
		if next < 0 {
			z.pos = len(s)
			return false
		}
		if attr != nil && ks != ke {
			attr(ks, ke, vs, ve, quote)
			if z.allAttrs != nil {
				z.allAttrs(ks, ke, vs, ve, quote)
			}
		}
		i = next
	}
}

// lexAttr reads one attribute starting at s[i] (not white space, not
// ">"): its key s[ks:ke] (empty for a stray "/"), its value s[vs:ve] and
// quote, and where reading goes on; next < 0 when the input ends first.
func lexAttr(s string, i int) (ks, ke, vs, ve int, quote byte, next int) {
	ks = i
	for {
		if i >= len(s) {
			return 0, 0, 0, 0, 0, -1
		}
		c := s[i]
		i++
		if c == '=' && ks+1 == i {
			// "=" first is part of the name.
			continue
		}
		if c == '=' || c == '/' || c == '>' || isTagSpace(c) {
			i--
			break
		}
	}
	ke = i
	vs, ve = i, i
	i = skipSpace(s, i)
	if i >= len(s) {
		return 0, 0, 0, 0, 0, -1
	}
	c := s[i]
	i++
	if c == '/' {
		return ks, ke, vs, ve, 0, i
	}
	if c != '=' {
		return ks, ke, vs, ve, 0, i - 1
	}
	i = skipSpace(s, i)
	if i >= len(s) {
		return 0, 0, 0, 0, 0, -1
	}
	q := s[i]
	i++
	switch q {
	case '>':
		return ks, ke, vs, ve, 0, i - 1
	case '\'', '"':
		j := strings.IndexByte(s[i:], q)
		if j < 0 {
			return 0, 0, 0, 0, 0, -1
		}
		return ks, ke, i, i + j, q, i + j + 1
	}
	vs = i - 1
	for {
		if i >= len(s) {
			return 0, 0, 0, 0, 0, -1
		}
		c := s[i]
		i++
		if isTagSpace(c) {
			return ks, ke, vs, i - 1, 0, i
		}
		if c == '>' {
			return ks, ke, vs, i - 1, 0, i - 1
		}
	}
}

// repeatsEarlierKey reports whether the attribute key s[ks:ke] of the
// current start tag repeats the key of an earlier attribute (ASCII case
// folded, as the tokenizer compares them).
func (z *lexer) repeatsEarlierKey(ks, ke int) bool {
	s := z.s
	i := z.dataEnd
	for {
		i = skipSpace(s, i)
		if i >= ks {
			return false
		}
		k0, k1, _, _, _, next := lexAttr(s, i)
		if next < 0 {
			return false
		}
		if k0 != k1 && k1-k0 == ke-ks && asciiFoldEqual(s[k0:k1], s[ks:ke]) {
			return true
		}
		i = next
	}
}

// asciiFoldEqual reports whether a and b are equal once lower-cased in
// ASCII.
func asciiFoldEqual(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// noteAttr keeps the first occurrence of each key the extractor reads.
func (z *lexer) noteAttr(ks, ke, vs, ve int, quote byte) {
	k := keyOf(z.s[ks:ke])
	if k == numAttrKeys || z.attrs[k].gen == z.attrGen {
		return
	}
	z.attrs[k] = attrSpan{gen: z.attrGen, start: vs, end: ve, quote: quote}
	z.knownAttrs++
}

// keyOf returns the attrKey named key (any ASCII case), or numAttrKeys.
func keyOf(key string) attrKey {
	var cands []attrKey
	switch len(key) {
	case 2:
		cands = keys2
	case 3:
		cands = keys3
	case 4:
		cands = keys4
	case 5:
		cands = keys5
	case 6:
		cands = keys6
	case 7:
		cands = keys7
	case 8:
		cands = keys8
	case 10:
		cands = keys10
	case 11:
		cands = keys11
	default:
		return numAttrKeys
	}
	for _, k := range cands {
		if asciiLowerEqual(key, attrKeyNames[k]) {
			return k
		}
	}
	return numAttrKeys
}

var (
	keys2  = []attrKey{keyID}
	keys3  = []attrKey{keyAlt, keyFor}
	keys4  = []attrKey{keyHref, keyName, keyType, keyRole}
	keys5  = []attrKey{keyClass, keyTitle, keyValue, keyLabel}
	keys6  = []attrKey{keyAction, keyMethod}
	keys7  = []attrKey{keyContent, keyCharset}
	keys8  = []attrKey{keyItemprop}
	keys10 = []attrKey{keyAriaLabel, keyHTTPEquiv}
	keys11 = []attrKey{keyPlaceholder}
)

// attr returns the value of attribute k of the current start tag as the
// tokenizer's TagAttr returns it, and whether the tag has it.
func (z *lexer) attr(k attrKey) (string, bool) {
	a := &z.attrs[k]
	if a.gen != z.attrGen || z.attrGen == 0 {
		return "", false
	}
	return z.attrValue(a.start, a.end, a.quote), true
}

// attrValue is the value s[vs:ve] as TagAttr returns it: NUL bytes
// replaced, CR LF and CR made LF, character references decoded as in an
// attribute.
func (z *lexer) attrValue(vs, ve int, quote byte) string {
	v := z.s[vs:ve]
	plain := true
	if len(v) < 64 {
		for i := 0; i < len(v); i++ {
			if c := v[i]; c == '&' || c == '\r' || c == 0 {
				plain = false
				break
			}
		}
	} else {
		plain = strings.IndexByte(v, '&') < 0 && strings.IndexByte(v, '\r') < 0 && strings.IndexByte(v, 0) < 0
	}
	if plain {
		return v
	}
	if strings.IndexByte(v, '&') >= 0 {
		if z.unesc == nil {
			z.unesc = &attrUnescaper{}
		}
		return z.unesc.unescape(v, quote)
	}
	if strings.IndexByte(v, 0) >= 0 {
		v = strings.ReplaceAll(v, "\x00", "\uFFFD")
	}
	if strings.IndexByte(v, '\r') >= 0 {
		v = convertNewlines(v)
	}
	return v
}

// text returns the current text token as the tokenizer's Text returns it.
func (z *lexer) text() string {
	s := z.s[z.dataStart:z.dataEnd]
	if strings.IndexByte(s, '\r') >= 0 {
		s = convertNewlines(s)
	}
	if z.convertNUL && strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	if !z.textIsRaw && strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// convertNewlines makes CR LF and lone CR into LF.
func convertNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// tagAtom returns the atom of the current tag's name, lower-cased as the
// tokenizer's TagName returns it (0 for a name that is no atom).
func (z *lexer) tagAtom() atom.Atom {
	name := z.s[z.dataStart:z.dataEnd]
	if z.atoms == nil {
		return lookupAtom(name)
	}
	return z.atoms.lookup(name)
}

// atomCache remembers the atoms of the tag names last seen, as written
// (pages use a few dozen names): a direct-mapped table without pointers,
// kept from page to page.
type atomCache [64]struct {
	n    uint8
	name [15]byte
	a    atom.Atom
}

func (c *atomCache) lookup(name string) atom.Atom {
	if len(name) == 0 || len(name) > len(c[0].name) {
		return lookupAtom(name)
	}
	e := &c[(len(name)*7+int(name[0])+int(name[len(name)-1]))&(len(c)-1)]
	if int(e.n) == len(name) && string(e.name[:e.n]) == name {
		return e.a
	}
	e.a = lookupAtom(name)
	e.n = uint8(copy(e.name[:], name))
	return e.a
}

// lookupAtom returns the atom of name lower-cased in ASCII.
func lookupAtom(name string) atom.Atom {
	var buf [32]byte
	b := buf[:0]
	if len(name) > len(buf) {
		b = make([]byte, len(name))
	}
	b = b[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return atom.Lookup(b)
}

// readRawOrRCDATA reads the content of a raw-text element up to its end
// tag ("</script", "</STYLE" ... followed by white space, "/" or ">") or
// the end of the input.
func (z *lexer) readRawOrRCDATA() {
	tag := z.rawTag
	z.rawTag = ""
	if tag == "script" {
		z.readScript()
		z.textIsRaw = true
		return
	}
	s := z.s
	i := z.pos
	end := len(s)
	for {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			break
		}
		p := i + j
		if _, ok, eof := rawEndTag(s, p+2, tag); ok {
			end = p
			break
		} else if eof {
			break
		}
		i = p + 2
	}
	z.pos = end
	z.dataEnd = end
	// A textarea's or title's RCDATA can hold character references.
	z.textIsRaw = tag != "textarea" && tag != "title"
}

// rawEndTag matches tag (any case) and a delimiter at s[i:], just after a
// "</". It returns where the tokenizer would read on: past the match, or
// at the first byte that did not match.
func rawEndTag(s string, i int, tag string) (next int, ok, eof bool) {
	for k := 0; k < len(tag); k++ {
		if i >= len(s) {
			return len(s), false, true
		}
		if c := s[i]; c != tag[k] && c != tag[k]-('a'-'A') {
			return i, false, false
		}
		i++
	}
	if i >= len(s) {
		return len(s), false, true
	}
	switch s[i] {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		return i + 1, true, false
	}
	return i, false, false
}

// readScript reads the content of a script element up to its end tag,
// following the script data states of the HTML standard (an end tag
// inside "<!--<script>" does not end it) as the tokenizer does.
func (z *lexer) readScript() {
	s := z.s
	i := z.pos
	n := len(s)
	defer func() {
		z.pos = i
		z.dataEnd = i
	}()
	var c byte
	var ok, eof bool

scriptData:
	// Up to the next "<".
	if j := strings.IndexByte(s[i:], '<'); j >= 0 {
		i += j + 1
	} else {
		i = n
		return
	}
	goto scriptDataLessThanSign

scriptDataLessThanSign:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	i--
	goto scriptData

scriptDataEndTagOpen:
	if i, ok, eof = rawEndTag(s, i, "script"); ok {
		i -= len("</script") + 1
		return
	} else if eof {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	if i >= n {
		return
	}
	c = s[i]
	i++
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	i--
	goto scriptData

scriptDataEscapeStartDash:
	if i >= n {
		return
	}
	c = s[i]
	i++
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	i--
	goto scriptData

scriptDataEscaped:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	if i >= n {
		return
	}
	c = s[i]
	i++
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if isASCIILetter(c) {
		goto scriptDataDoubleEscapeStart
	}
	i--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if i, ok, eof = rawEndTag(s, i, "script"); ok {
		i -= len("</script") + 1
		return
	} else if eof {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	i--
	for k := 0; k < len("script"); k++ {
		if i >= n {
			return
		}
		c = s[i]
		i++
		if c != "script"[k] && c != "SCRIPT"[k] {
			i--
			goto scriptDataEscaped
		}
	}
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		goto scriptDataDoubleEscaped
	}
	i--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	if i >= n {
		return
	}
	c = s[i]
	i++
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	if i >= n {
		return
	}
	c = s[i]
	i++
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	i--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if i, ok, eof = rawEndTag(s, i, "script"); ok {
		// Past the "</script>" (or "</script " ...) that ends the
		// double escape.
		goto scriptDataEscaped
	} else if eof {
		return
	}
	goto scriptDataDoubleEscaped
}

// attrUnescaper decodes the character references of attribute values
// exactly as the tokenizer of golang.org/x/net/html does, which treats them
// unlike text ("&copy=2" stays as written in a URL) and exports no function
// for it: it hands `<a a="VALUE">` to one long-lived html.Tokenizer and
// reads the value back. Only values with an "&" come here.
type attrUnescaper struct {
	z   *html.Tokenizer
	src feed
	buf []byte
}

// feed is the tokenizer's input: each unescape call puts one tag in it.
type feed struct{ next []byte }

func (f *feed) Read(p []byte) (int, error) {
	if len(f.next) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.next)
	f.next = f.next[n:]
	return n, nil
}

func (u *attrUnescaper) unescape(v string, quote byte) string {
	if u.z == nil {
		u.z = html.NewTokenizer(&u.src)
	}
	b := append(u.buf[:0], "<a a="...)
	if quote != 0 {
		b = append(b, quote)
	}
	b = append(b, v...)
	if quote != 0 {
		b = append(b, quote)
	}
	b = append(b, '>')
	u.buf = b
	u.src.next = b
	if u.z.Next() != html.StartTagToken {
		// Cannot happen: a value the lexer read is a value again in
		// this tag. Keep the tokenizer usable and the value as written.
		u.z = nil
		return v
	}
	u.z.TagName()
	_, val, _ := u.z.TagAttr()
	out := string(val)
	if len(b) > maxKeptUnescapeBytes {
		// The tokenizer's buffer grew with the value: do not keep it.
		u.z, u.buf = nil, nil
	}
	return out
}

// maxKeptUnescapeBytes bounds the buffers an attrUnescaper keeps.
const maxKeptUnescapeBytes = 64 << 10

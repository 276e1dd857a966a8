package page

import (
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// extract reads a decoded document in one pass over its tokens.
//
// It deliberately does not build a tree with html.Parse: that parser rejects
// documents nested deeper than 512 elements (so an adversary could hide a
// page behind 513 <div>s), and it detaches the controls of a <form> written
// directly inside a <table> — the layout of many old query sites — from the
// form element. A single pass with a few counters keeps the work linear and
// the memory bounded by the input, whatever the markup.
func extract(pageURL, doc string) *Page {
	e := extractorPool.Get().(*extractor)
	defer e.release()
	e.reset(doc)
	z := &e.lex
	for {
		switch tt := z.next(); tt {
		case tokError:
			// The end of the input.
			return e.finish(pageURL)
		case tokText:
			if e.templateDepth > 0 {
				continue
			}
			if e.raw != 0 && !isVisibleRawText(e.raw) {
				// Script, style and the like: only the first title's
				// text is read.
				if e.raw == atom.Title && e.titleState == 1 {
					e.title.write(z.text())
				}
				continue
			}
			e.onText(z.text())
		case tokStartTag, tokSelfClosingTag:
			a := z.tagAtom()
			var cl classAttrs
			// Past the tracked depth the block heuristics read nothing.
			if e.b.overflow == 0 && z.knownAttrs > 0 {
				as := attrs{z}
				cl = e.classes.attrs(e.classes.lookupString(as.value(keyClass), false), e.classes.lookupString(as.value(keyID), true),
					as.value(keyRole), as.value(keyItemprop))
			}
			e.onStart(a, attrs{z}, cl, tt == tokSelfClosingTag)
		case tokEndTag:
			e.onEnd(z.tagAtom())
		}
	}
}

// extractor is the state of one pass over a document.
type extractor struct {
	text  lineWriter // Page.Text without the meta description
	title oneLine
	// titleState: 0 no title seen yet, 1 inside the first title, 2 done.
	titleState int
	metaDesc   oneLine
	hasMetaDsc bool
	baseHref   string
	hasBase    bool

	// raw is the raw-text element (script, style, title, textarea, ...)
	// whose content the tokenizer is returning, or 0.
	raw           atom.Atom
	templateDepth int
	svgDepth      int

	links    []Link // URLs unresolved until finish
	linkOpen bool   // the last of links is an open <a>
	linkText oneLine
	linkAlt  string

	forms     []*formState
	form      *formState // the open <form>, or nil
	orphan    formState  // controls outside any form
	sel       *fieldState
	option    *oneLine
	button    *fieldState
	buttonTxt oneLine
	textarea  *fieldState

	label    *labelState
	labelFor map[string]string // id → text of the first <label for=id>

	// Records reused in turn (see onStart and addField).
	optionText oneLine
	labelRec   labelState
	spareField fieldState

	// recent is the text since the last visible control within the current
	// table row: the candidate label of the next control.
	recent recentLine

	b        blockState // the block structure of Text
	classes  classCache
	lex      lexer
	atoms    *atomCache        // the lexer's, kept from page to page
	resolved map[string]string // href → resolved URL (finish)
}

// extractorPool keeps extractors between pages: the buffers a page needs
// (text, element and segment records, the lexer's unescaper, the class
// cache) are reused instead of allocated, which halves what a page costs
// the garbage collector. Nothing a Page holds points into them.
var extractorPool = sync.Pool{New: func() any { return new(extractor) }}

// Past these capacities a buffer is dropped rather than kept for the next
// page, so that one huge page does not pin its buffers.
const (
	maxKeptTextBytes = 4 << 20
	maxKeptRecords   = 8192
)

// reset prepares e for doc, keeping the buffers of its last page.
func (e *extractor) reset(doc string) {
	// What is kept is taken field by field: copying the whole extractor
	// (some 3 KB) cost more than a small page's lexing.
	oldB := e.b
	labelFor, classes, resolved, links := e.labelFor, e.classes, e.resolved, e.links[:0]
	recentCur, recentLast := e.recent.cur[:0], e.recent.last[:0]
	atoms, unesc, textOut := e.atoms, e.lex.unesc, e.text.out[:0]
	*e = extractor{
		labelFor: labelFor,
		title:    oneLine{max: maxTitleRunes},
		metaDesc: oneLine{max: maxTitleRunes},
		classes:  classes,
		resolved: resolved,
		links:    links,
	}
	if e.labelFor == nil {
		e.labelFor = map[string]string{}
		e.classes = newClassCache()
		e.resolved = map[string]string{}
	} else {
		clear(e.labelFor)
		clear(e.resolved)
	}
	e.recent.cur, e.recent.last = recentCur, recentLast
	if atoms == nil {
		atoms = new(atomCache)
	}
	e.atoms = atoms
	e.lex = lexer{s: doc, unesc: unesc, atoms: atoms}
	// Text is typically a third to two thirds of a page's bytes; past a
	// megabyte it grows as needed (a hostile page may have none).
	e.text.out = textOut
	if n := min(len(doc)/2, 1<<20); cap(e.text.out) < n {
		e.text.out = make([]byte, 0, n)
	}
	e.b.init(strings.Count(doc, "<"), &oldB)
}

// release returns e to the pool, without the buffers a huge page grew.
func (e *extractor) release() {
	if cap(e.text.out) > maxKeptTextBytes {
		e.text.out = nil
	}
	if cap(e.links) > maxKeptRecords {
		e.links = nil
	}
	e.labelRec, e.spareField, e.optionText = labelState{}, fieldState{}, oneLine{}
	e.b.release()
	e.lex = lexer{unesc: e.lex.unesc} // no reference to the document
	extractorPool.Put(e)
}

type formState struct {
	action, method string
	fields         []*fieldState
	discard        bool // over maxForms: fields are not kept
}

type fieldState struct {
	Field
	wrapLabel, aria, recent, title string
}

type labelState struct {
	forID  string
	text   oneLine
	fields []*fieldState
}

// attrs are the attributes of the current start tag; the first of each
// name wins, as in browsers.
type attrs struct{ z *lexer }

func (as attrs) get(k attrKey) (string, bool) {
	return as.z.attr(k)
}

// value returns the attribute's value, or "" when it is absent.
func (as attrs) value(k attrKey) string {
	v, _ := as.z.attr(k)
	return v
}

// isRawText reports the elements whose content the tokenizer returns as
// one text token.
func isRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Textarea, atom.Noscript, atom.Iframe,
		atom.Noembed, atom.Noframes, atom.Xmp, atom.Plaintext:
		return true
	}
	return false
}

// isVisibleRawText reports the raw-text elements whose content is shown.
func isVisibleRawText(a atom.Atom) bool {
	return a == atom.Textarea || a == atom.Xmp || a == atom.Plaintext
}

// isBlock reports the elements that start and end a line of text.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Br,
		atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div,
		atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Head, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Label, atom.Legend,
		atom.Li, atom.Listing, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.Optgroup,
		atom.Option, atom.P, atom.Plaintext, atom.Pre, atom.Section, atom.Select,
		atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Textarea, atom.Tfoot, atom.Th,
		atom.Thead, atom.Tr, atom.Ul, atom.Xmp:
		return true
	}
	return false
}

// onText takes visible text (not inside a template, a script or the like).
func (e *extractor) onText(s string) {
	if s == "" {
		return
	}
	// Most texts between tags are one word (Chinese text has no spaces):
	// each writer then only appends it.
	end, runes := wordEnd(s, 0, len(s))
	word := end == len(s)
	e.writeText(s, word)
	if e.linkOpen {
		e.linkText.writeText(s, word, runes)
	}
	if e.raw == atom.Textarea {
		if e.textarea != nil {
			e.textarea.Value = collapse(s, maxLinkTextRunes)
		}
		return
	}
	switch {
	case e.option != nil:
		e.option.writeText(s, word, runes)
	case e.button != nil:
		e.buttonTxt.writeText(s, word, runes)
	case e.sel != nil:
		// Text in a select outside an option: shown by no browser's label.
	default:
		if e.label != nil {
			e.label.text.writeText(s, word, runes)
		}
		if word {
			e.recent.writeWord(s)
		} else {
			e.recent.write(s)
		}
	}
}

// blockBoundary ends the current line everywhere text is collected.
func (e *extractor) blockBoundary() {
	e.text.breakLine()
	e.recent.breakLine()
	e.linkText.sep()
	e.buttonTxt.sep()
	if e.option != nil {
		e.option.sep()
	}
	if e.label != nil {
		e.label.text.sep()
	}
}

// rowBoundary forgets the candidate label: text in another table row or
// form does not name the next control.
func (e *extractor) rowBoundary() {
	e.recent.reset()
}

func (e *extractor) onStart(a atom.Atom, as attrs, cl classAttrs, selfClosing bool) {
	if isRawText(a) {
		// The tokenizer returns everything up to the matching end tag as
		// text, even for <script/>, so the element is always entered.
		e.raw = a
	}
	if e.templateDepth > 0 {
		if a == atom.Template {
			e.templateDepth++
		}
		return
	}
	if isBlock(a) {
		e.blockBoundary()
	}
	if !selfClosing || e.svgDepth == 0 {
		// Browsers ignore the slash of <div/> outside SVG and MathML.
		e.blockStart(a, cl)
	}
	switch a {
	case atom.Template:
		e.templateDepth++
	case atom.Svg:
		if !selfClosing {
			e.svgDepth++
		}
	case atom.Title:
		if e.titleState == 0 && e.svgDepth == 0 {
			e.titleState = 1
		}
	case atom.Base:
		if href, ok := as.get(keyHref); ok && !e.hasBase {
			e.baseHref, e.hasBase = href, true
		}
	case atom.Meta:
		if strings.EqualFold(strings.TrimSpace(as.value(keyName)), "description") && !e.hasMetaDsc {
			e.metaDesc.write(as.value(keyContent))
			e.hasMetaDsc = true
		}
	case atom.A:
		e.closeLink()
		if href, ok := as.get(keyHref); ok && len(e.links) < maxLinks {
			e.links = append(e.links, Link{URL: href})
			e.b.seg.links++
			e.linkOpen = true
			e.linkText = oneLine{max: maxLinkTextRunes}
			e.linkAlt = as.value(keyTitle)
		}
	case atom.Area:
		if href, ok := as.get(keyHref); ok && len(e.links) < maxLinks {
			text := collapse(as.value(keyAlt), maxLinkTextRunes)
			if text == "" {
				text = collapse(as.value(keyTitle), maxLinkTextRunes)
			}
			e.links = append(e.links, Link{URL: href, Text: text})
		}
	case atom.Img:
		e.addAlt(as)
		if e.linkOpen {
			if alt := as.value(keyAlt); strings.TrimSpace(alt) != "" {
				e.linkAlt = alt
			}
		}
	case atom.Form:
		e.rowBoundary()
		if e.form != nil {
			// Browsers ignore a form inside a form.
			return
		}
		e.form = &formState{action: as.value(keyAction), method: formMethod(as.value(keyMethod))}
		if len(e.forms) < maxForms {
			e.forms = append(e.forms, e.form)
		} else {
			e.form.discard = true
		}
	case atom.Tr, atom.Table:
		e.rowBoundary()
	case atom.Input:
		e.closeSelect()
		typ := strings.ToLower(strings.TrimSpace(as.value(keyType)))
		if typ == "" {
			typ = "text"
		}
		e.addField(typ, as)
	case atom.Select:
		e.closeSelect()
		e.sel = e.addField("select", as)
	case atom.Option:
		if e.sel != nil {
			e.closeOption()
			e.optionText = oneLine{max: maxLabelRunes}
			e.option = &e.optionText
			if l := as.value(keyLabel); l != "" {
				e.option.write(l)
			}
		}
	case atom.Optgroup:
		e.closeOption()
	case atom.Textarea:
		e.closeSelect()
		e.textarea = e.addField("textarea", as)
	case atom.Button:
		e.closeButton()
		typ := strings.ToLower(strings.TrimSpace(as.value(keyType)))
		if typ == "" {
			typ = "submit"
		}
		e.button = e.addField(typ, as)
		e.buttonTxt = oneLine{max: maxLabelRunes}
	case atom.Label:
		e.closeLabel()
		// One record serves every label in turn: nothing keeps it once
		// closeLabel has read it.
		e.labelRec = labelState{forID: as.value(keyFor), text: oneLine{max: maxLabelRunes}, fields: e.labelRec.fields[:0]}
		e.label = &e.labelRec
	}
}

func (e *extractor) onEnd(a atom.Atom) {
	if e.raw != 0 {
		// The only end tag the tokenizer returns after raw text is the one
		// that closes it.
		if e.raw == atom.Title && e.titleState == 1 {
			e.titleState = 2
		}
		if e.raw == atom.Textarea {
			e.textarea = nil
		}
		e.raw = 0
		if e.templateDepth == 0 && isBlock(a) {
			e.blockBoundary()
		}
		return
	}
	if e.templateDepth > 0 {
		if a == atom.Template {
			e.templateDepth--
		}
		return
	}
	if isBlock(a) {
		e.blockBoundary()
	}
	e.blockEnd(a)
	switch a {
	case atom.Svg:
		if e.svgDepth > 0 {
			e.svgDepth--
		}
	case atom.A:
		e.closeLink()
	case atom.Form:
		e.closeSelect()
		e.closeButton()
		e.form = nil
		e.rowBoundary()
	case atom.Tr, atom.Table:
		e.rowBoundary()
	case atom.Select:
		e.closeSelect()
	case atom.Option:
		e.closeOption()
	case atom.Button:
		e.closeButton()
	case atom.Label:
		e.closeLabel()
	}
}

// addField records a control in the open form (or with the orphans) and
// settles what can be known of its label now.
func (e *extractor) addField(typ string, as attrs) *fieldState {
	form := e.form
	if form == nil {
		form = &e.orphan
	}
	if form.discard || len(form.fields) >= maxFieldsPerForm {
		// Past the bounds the field is not kept: only its effect on the
		// candidate label and on a wrapping label's count remains, and a
		// spare record stands in for it (a hostile page has millions).
		e.spareField = fieldState{Field: Field{Type: typ}}
		f := &e.spareField
		if typ != "hidden" {
			e.recent.reset()
			if e.label != nil {
				e.label.fields = append(e.label.fields, f)
			}
		}
		return f
	}
	f := &fieldState{Field: Field{
		Name:        as.value(keyName),
		ID:          as.value(keyID),
		Type:        typ,
		Placeholder: collapse(as.value(keyPlaceholder), maxLinkTextRunes),
		Value:       collapse(as.value(keyValue), maxLinkTextRunes),
	}}
	if typ == "image" && f.Value == "" {
		// An image button's words are in its alt text.
		f.Value = collapse(as.value(keyAlt), maxLinkTextRunes)
	}
	if typ != "hidden" {
		f.aria = collapse(as.value(keyAriaLabel), maxLabelRunes)
		f.title = collapse(as.value(keyTitle), maxLabelRunes)
		f.recent = e.recent.label()
		e.recent.reset()
		if e.label != nil {
			e.label.fields = append(e.label.fields, f)
		}
	}
	form.fields = append(form.fields, f)
	return f
}

func (e *extractor) closeLink() {
	if !e.linkOpen {
		return
	}
	l := &e.links[len(e.links)-1]
	l.Text = e.linkText.String()
	if l.Text == "" {
		l.Text = collapse(e.linkAlt, maxLinkTextRunes)
	}
	e.linkOpen = false
}

func (e *extractor) closeOption() {
	if e.option == nil {
		return
	}
	if text := e.option.String(); text != "" && e.sel != nil && len(e.sel.Options) < maxOptions {
		e.sel.Options = append(e.sel.Options, text)
	}
	e.option = nil
}

func (e *extractor) closeSelect() {
	e.closeOption()
	e.sel = nil
}

func (e *extractor) closeButton() {
	if e.button == nil {
		return
	}
	if text := e.buttonTxt.String(); text != "" {
		e.button.Value = text
	}
	e.button = nil
}

func (e *extractor) closeLabel() {
	l := e.label
	if l == nil {
		return
	}
	e.label = nil
	text := l.text.String()
	if text == "" {
		return
	}
	if l.forID != "" {
		if _, seen := e.labelFor[l.forID]; !seen {
			e.labelFor[l.forID] = text
		}
	}
	for _, f := range l.fields {
		// A label with for= names its target, not the controls it wraps.
		if l.forID == "" || l.forID == f.ID {
			f.wrapLabel = text
		}
	}
	if len(l.fields) > 0 {
		// The label's text, even after the control as with radio buttons,
		// belongs to the controls it wraps, not to the next one.
		e.recent.reset()
	}
}

// finish settles labels and URLs and returns the Page.
func (e *extractor) finish(pageURL string) *Page {
	e.closeLink()
	e.closeSelect()
	e.closeButton()
	e.closeLabel()

	links := pageLinkResolver(pageURL, e.baseHref, e.hasBase)
	p := &Page{URL: pageURL, Title: e.title.String()}

	desc := e.metaDesc.String()
	text, shift := "", 0
	switch {
	case desc == "":
		text = string(e.text.out)
	case len(e.text.out) == 0:
		text = desc
	default:
		var b strings.Builder
		b.Grow(len(desc) + 1 + len(e.text.out))
		b.WriteString(desc)
		b.WriteByte('\n')
		b.Write(e.text.out)
		text, shift = b.String(), len(desc)+1
	}
	p.Text = text
	p.Blocks = e.buildBlocks(text, shift, desc, p.Title)

	// Pages repeat their links (menus at the top and the bottom, one
	// address per item card): each distinct href is resolved once.
	resolved := e.resolved
	for i := range e.links {
		href := e.links[i].URL
		u, ok := resolved[href]
		if !ok {
			u = links.resolve(href)
			if len(resolved) < maxLinks {
				resolved[href] = u
			}
		}
		e.links[i].URL = u
	}
	if len(e.links) > 0 {
		p.Links = append([]Link(nil), e.links...)
		clear(e.links)
	}

	forms := e.forms
	if len(e.orphan.fields) > 0 {
		forms = append(forms, &e.orphan)
	}
	for _, fs := range forms {
		form := Form{Method: fs.method}
		if fs != &e.orphan && strings.TrimSpace(fs.action) != "" {
			form.Action = links.resolve(fs.action)
		}
		form.Fields = make([]Field, 0, len(fs.fields))
		for _, f := range fs.fields {
			form.Fields = append(form.Fields, e.settleLabel(f))
		}
		p.Forms = append(p.Forms, form)
	}
	return p
}

// settleLabel picks a field's label by the precedence documented on
// Field.Label.
func (e *extractor) settleLabel(f *fieldState) Field {
	field := f.Field
	if f.Type != "hidden" && f.ID != "" {
		if text, ok := e.labelFor[f.ID]; ok {
			field.Label = text
			return field
		}
	}
	for _, candidate := range []string{f.wrapLabel, f.aria, f.recent, f.title} {
		if candidate != "" {
			field.Label = candidate
			break
		}
	}
	return field
}

func formMethod(m string) string {
	if strings.EqualFold(strings.TrimSpace(m), "post") {
		return "POST"
	}
	return "GET"
}

// baseURL returns the URL relative links are resolved against, or nil when
// there is no absolute one.
func baseURL(pageURL, baseHref string, hasBase bool) *url.URL {
	var base *url.URL
	if u, err := url.Parse(strings.TrimSpace(pageURL)); err == nil && u.IsAbs() {
		base = u
	}
	if hasBase {
		if ref, err := url.Parse(cleanHref(baseHref)); err == nil {
			if base != nil {
				return base.ResolveReference(ref)
			}
			if ref.IsAbs() {
				return ref
			}
		}
	}
	return base
}

// cleanHref strips what browsers strip from a URL attribute: surrounding
// whitespace and any tab or newline.
func cleanHref(href string) string {
	href = strings.TrimSpace(href)
	if strings.ContainsAny(href, "\t\r\n") {
		href = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(href)
	}
	return href
}

func resolve(base *url.URL, href string) string {
	href = cleanHref(href)
	if base == nil {
		return href
	}
	ref, err := url.Parse(href)
	if err != nil {
		return href
	}
	return base.ResolveReference(ref).String()
}

func isSpace(r rune) bool {
	if r > 0x3000 {
		// Past the ideographic space, the last of Unicode's spaces: all
		// of Chinese text.
		return false
	}
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || (r > 0x7F && unicode.IsSpace(r)) || r == '\f' || r == '\v'
}

// collapse returns s with whitespace runs collapsed to one space, trimmed,
// and cut to max runes.
func collapse(s string, max int) string {
	o := oneLine{max: max}
	o.write(s)
	return o.String()
}

// skipASCIISpace returns the index of the first byte at or after i that
// is not an ASCII space. Writers skip a run of spaces at once: a space
// after a space changes nothing, and markup is indented with long runs.
func skipASCIISpace(s string, i int) int {
	for i < len(s) && s[i] < utf8.RuneSelf && asciiSpace[s[i]] {
		i++
	}
	return i
}

// asciiSpace marks the ASCII bytes isSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true, '\v': true}

// wordEnd returns the end of the run of characters that are not spaces at
// s[i:], and how many runes it holds; the run is at most limit runes long
// and ends before a space or an invalid byte.
func wordEnd(s string, i, limit int) (end, runes int) {
	for i < len(s) && runes < limit {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			i++
			runes++
			continue
		}
		if c >= 0xE4 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// U+4000–U+CFFF and U+E000–U+FFFF, where Chinese text is:
			// valid and no space.
			i += 3
			runes++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || isSpace(r) {
			break
		}
		i += n
		runes++
	}
	return i, runes
}

// lineWriter builds Text: lines of collapsed whitespace, no empty lines.
type lineWriter struct {
	out          []byte
	lineHasText  bool
	pendingSpace bool
}

func (w *lineWriter) write(s string) {
	for i := 0; i < len(s); {
		// A run of characters that are not spaces is copied at once; an
		// invalid byte ends it and is written as U+FFFD.
		j, _ := wordEnd(s, i, len(s))
		r, n := rune(0), 0
		if j < len(s) {
			r, n = utf8.DecodeRuneInString(s[j:])
		}
		bad := r == utf8.RuneError && n == 1
		if j > i || bad {
			switch {
			case !w.lineHasText:
				if len(w.out) > 0 {
					w.out = append(w.out, '\n')
				}
				w.lineHasText = true
			case w.pendingSpace:
				w.out = append(w.out, ' ')
			}
			w.pendingSpace = false
			w.out = append(w.out, s[i:j]...)
			if bad {
				w.out = append(w.out, "\uFFFD"...)
				j++
			}
			i = j
			continue
		}
		// s[i] starts a space.
		if w.lineHasText {
			w.pendingSpace = true
		}
		i += n
		i = skipASCIISpace(s, i) // the rest of a run of indentation: the same
	}
}

// writeWord writes s, which has no space and no invalid byte (see
// wordEnd), as write would.
func (w *lineWriter) writeWord(s string) {
	switch {
	case !w.lineHasText:
		if len(w.out) > 0 {
			w.out = append(w.out, '\n')
		}
		w.lineHasText = true
	case w.pendingSpace:
		w.out = append(w.out, ' ')
	}
	w.pendingSpace = false
	w.out = append(w.out, s...)
}

func (w *lineWriter) breakLine() {
	w.lineHasText = false
	w.pendingSpace = false
}

// Len is the length of the text so far.
func (w *lineWriter) Len() int { return len(w.out) }

// oneLine collects text on a single line, whitespace collapsed, keeping at
// most max runes.
type oneLine struct {
	b     strings.Builder
	n     int
	max   int
	space bool
}

func (o *oneLine) write(s string) {
	for i := 0; i < len(s); {
		if j, k := wordEnd(s, i, o.max-o.n); j > i {
			if o.space {
				o.b.WriteByte(' ')
				o.space = false
			}
			o.b.WriteString(s[i:j])
			o.n += k
			i = j
			continue
		}
		// A space, an invalid byte, or no room left.
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			o.sep()
			i = skipASCIISpace(s, i+n)
			continue
		}
		if o.n >= o.max {
			return
		}
		if o.space {
			o.b.WriteByte(' ')
			o.space = false
		}
		o.b.WriteString("\uFFFD")
		o.n++
		i += n
	}
}

// writeText writes s; word says it is one word of runes runes (see
// wordEnd), which is then appended at once.
func (o *oneLine) writeText(s string, word bool, runes int) {
	if !word || runes > o.max-o.n {
		o.write(s)
		return
	}
	if o.space {
		o.b.WriteByte(' ')
		o.space = false
	}
	o.b.WriteString(s)
	o.n += runes
}

// sep separates what comes next by a space, unless nothing came before.
func (o *oneLine) sep() {
	if o.b.Len() > 0 {
		o.space = true
	}
}

func (o *oneLine) String() string { return o.b.String() }

// recentLine keeps the tail of the current line of text and the last
// completed line: the nearest text before a control. Both are valid UTF-8
// (an invalid byte is kept as U+FFFD) with whitespace collapsed.
type recentLine struct {
	cur   []byte
	space bool
	last  []byte // the last completed line (its tail), untrimmed
	// lastStr is last as a trimmed string once a control asked for it.
	lastStr   string
	lastReady bool
}

// recentKeep is how long the current line may grow before its head is
// dropped; only its last maxLabelRunes runes are ever read.
const recentKeep = 16 * maxLabelRunes

func (r *recentLine) write(s string) {
	for i := 0; i < len(s); {
		if j, _ := wordEnd(s, i, len(s)); j > i {
			if r.space {
				r.cur = append(r.cur, ' ')
				r.space = false
			}
			r.cur = append(r.cur, s[i:j]...)
			i = j
			continue
		}
		c, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isSpace(c) {
			if len(r.cur) > 0 {
				r.space = true
			}
			i = skipASCIISpace(s, i)
			continue
		}
		if r.space {
			r.cur = append(r.cur, ' ')
			r.space = false
		}
		r.cur = append(r.cur, "\uFFFD"...)
	}
	if len(r.cur) > recentKeep {
		n := copy(r.cur, lastRunes(r.cur, maxLabelRunes))
		r.cur = r.cur[:n]
	}
}

// writeWord writes s, which has no space and no invalid byte (see
// wordEnd), as write would.
func (r *recentLine) writeWord(s string) {
	if r.space {
		r.cur = append(r.cur, ' ')
		r.space = false
	}
	r.cur = append(r.cur, s...)
	if len(r.cur) > recentKeep {
		n := copy(r.cur, lastRunes(r.cur, maxLabelRunes))
		r.cur = r.cur[:n]
	}
}

// lastRunes returns the last n runes of the valid UTF-8 b.
func lastRunes(b []byte, n int) []byte {
	i := len(b)
	for ; i > 0 && n > 0; n-- {
		i--
		for i > 0 && b[i]&0xC0 == 0x80 {
			i--
		}
	}
	return b[i:]
}

func (r *recentLine) breakLine() {
	if len(r.cur) > 0 {
		// Kept as bytes, made a string only if a control asks for it:
		// most lines never name a control.
		r.last, r.cur = r.cur, r.last[:0]
		r.lastReady = false
	}
	r.space = false
}

func (r *recentLine) reset() {
	r.cur = r.cur[:0]
	r.space = false
	r.last = r.last[:0]
	r.lastReady = false
}

func (r *recentLine) label() string {
	if len(r.cur) > 0 {
		return strings.TrimSpace(string(lastRunes(r.cur, maxLabelRunes)))
	}
	if !r.lastReady {
		r.lastStr, r.lastReady = "", true
		if len(r.last) > 0 {
			r.lastStr = strings.TrimSpace(string(lastRunes(r.last, maxLabelRunes)))
		}
	}
	return r.lastStr
}

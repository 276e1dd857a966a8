// Code generated from extract.go and blocks_html.go (commit d33714b) by renaming
// every top-level identifier with a "ref" prefix. DO NOT EDIT.

package page

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// extract reads a decoded document in one pass over its tokens.
//
// It deliberately does not build a tree with html.Parse: that parser rejects
// documents nested deeper than 512 elements (so an adversary could hide a
// page behind 513 <div>s), and it detaches the controls of a <form> written
// directly inside a <table> — the layout of many old query sites — from the
// form element. A single pass with a few counters keeps the work linear and
// the memory bounded by the input, whatever the markup.
func refExtract(pageURL, doc string) *Page {
	e := &refExtractor{
		labelFor: map[string]string{},
		title:    refOneLine{max: maxTitleRunes},
		metaDesc: refOneLine{max: maxTitleRunes},
	}
	e.b.init(strings.Count(doc, "<"))
	e.classes = refNewClassCache()
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			// io.EOF, or a tokenizer error; either way the input ends here.
			return e.finish(pageURL)
		case html.TextToken:
			e.onText(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var as refAttrs
			var cl refClassAttrs
			// Past the tracked depth the block heuristics read nothing.
			blocks := e.b.overflow == 0
			if hasAttr {
				if refWantsAttrs(a) {
					as = refReadAttrs(z)
					if blocks {
						cl = e.classes.refAttrs(e.classes.lookupString(as.value("class"), false), e.classes.lookupString(as.value("id"), true),
							as.value("role"), as.value("itemprop"))
					}
				} else if blocks {
					cl = e.readClassAttrs(z)
				}
			}
			e.onStart(a, as, cl, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			e.onEnd(atom.Lookup(name))
		}
	}
}

// extractor is the state of one pass over a document.
type refExtractor struct {
	text  refLineWriter // Page.Text without the meta description
	title refOneLine
	// titleState: 0 no title seen yet, 1 inside the first title, 2 done.
	titleState int
	metaDesc   refOneLine
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
	linkText refOneLine
	linkAlt  string

	forms     []*refFormState
	form      *refFormState // the open <form>, or nil
	orphan    refFormState  // controls outside any form
	sel       *refFieldState
	option    *refOneLine
	button    *refFieldState
	buttonTxt refOneLine
	textarea  *refFieldState

	label    *refLabelState
	labelFor map[string]string // id → text of the first <label for=id>

	// recent is the text since the last visible control within the current
	// table row: the candidate label of the next control.
	recent refRecentLine

	b       refBlockState // the block structure of Text
	classes refClassCache
}

type refFormState struct {
	action, method string
	fields         []*refFieldState
	discard        bool // over maxForms: fields are not kept
}

type refFieldState struct {
	Field
	wrapLabel, aria, recent, title string
}

type refLabelState struct {
	forID  string
	text   refOneLine
	fields []*refFieldState
}

// wantsAttrs reports whether the extractor reads the attributes of a.
func refWantsAttrs(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Area, atom.Img, atom.Base, atom.Meta, atom.Form, atom.Input,
		atom.Select, atom.Textarea, atom.Button, atom.Label, atom.Option:
		return true
	}
	return false
}

// attrs are a tag's attributes; the first of each name wins, as in
// browsers.
type refAttrs []refAttr

type refAttr struct{ key, val string }

func (as refAttrs) get(key string) (string, bool) {
	for _, a := range as {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

// value returns the attribute's value, or "" when it is absent.
func (as refAttrs) value(key string) string {
	v, _ := as.get(key)
	return v
}

// readAttrs returns the current tag's attributes.
func refReadAttrs(z *html.Tokenizer) refAttrs {
	var as refAttrs
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		as = append(as, refAttr{key: string(k), val: string(v)})
	}
	return as
}

// readClassAttrs reads the attributes the block heuristics need, without
// keeping any other.
func (e *refExtractor) readClassAttrs(z *html.Tokenizer) refClassAttrs {
	var class, id refClassInfo
	var role, itemprop string
	seen := 0
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "class":
			if seen&1 == 0 {
				class, seen = e.classes.lookup(v, false), seen|1
			}
		case "id":
			if seen&2 == 0 {
				id, seen = e.classes.lookup(v, true), seen|2
			}
		case "role":
			if role == "" {
				role = string(v)
			}
		case "itemprop":
			if itemprop == "" {
				itemprop = string(v)
			}
		}
	}
	return e.classes.refAttrs(class, id, role, itemprop)
}

// isRawText reports the elements whose content the tokenizer returns as
// one text token.
func refIsRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Textarea, atom.Noscript, atom.Iframe,
		atom.Noembed, atom.Noframes, atom.Xmp, atom.Plaintext:
		return true
	}
	return false
}

// isVisibleRawText reports the raw-text elements whose content is shown.
func refIsVisibleRawText(a atom.Atom) bool {
	return a == atom.Textarea || a == atom.Xmp || a == atom.Plaintext
}

// isBlock reports the elements that start and end a line of text.
func refIsBlock(a atom.Atom) bool {
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

func (e *refExtractor) onText(s string) {
	if e.templateDepth > 0 {
		return
	}
	if e.raw != 0 && !refIsVisibleRawText(e.raw) {
		if e.raw == atom.Title && e.titleState == 1 {
			e.title.write(s)
		}
		return
	}
	e.writeText(s)
	if e.linkOpen {
		e.linkText.write(s)
	}
	if e.raw == atom.Textarea {
		if e.textarea != nil {
			e.textarea.Value = refCollapse(s, maxLinkTextRunes)
		}
		return
	}
	switch {
	case e.option != nil:
		e.option.write(s)
	case e.button != nil:
		e.buttonTxt.write(s)
	case e.sel != nil:
		// Text in a select outside an option: shown by no browser's label.
	default:
		if e.label != nil {
			e.label.text.write(s)
		}
		e.recent.write(s)
	}
}

// blockBoundary ends the current line everywhere text is collected.
func (e *refExtractor) blockBoundary() {
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
func (e *refExtractor) rowBoundary() {
	e.recent.reset()
}

func (e *refExtractor) onStart(a atom.Atom, as refAttrs, cl refClassAttrs, selfClosing bool) {
	if refIsRawText(a) {
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
	if refIsBlock(a) {
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
		if href, ok := as.get("href"); ok && !e.hasBase {
			e.baseHref, e.hasBase = href, true
		}
	case atom.Meta:
		if strings.EqualFold(strings.TrimSpace(as.value("name")), "description") && !e.hasMetaDsc {
			e.metaDesc.write(as.value("content"))
			e.hasMetaDsc = true
		}
	case atom.A:
		e.closeLink()
		if href, ok := as.get("href"); ok && len(e.links) < maxLinks {
			e.links = append(e.links, Link{URL: href})
			e.b.seg.links++
			e.linkOpen = true
			e.linkText = refOneLine{max: maxLinkTextRunes}
			e.linkAlt = as.value("title")
		}
	case atom.Area:
		if href, ok := as.get("href"); ok && len(e.links) < maxLinks {
			text := refCollapse(as.value("alt"), maxLinkTextRunes)
			if text == "" {
				text = refCollapse(as.value("title"), maxLinkTextRunes)
			}
			e.links = append(e.links, Link{URL: href, Text: text})
		}
	case atom.Img:
		e.addAlt(as)
		if e.linkOpen {
			if alt := as.value("alt"); strings.TrimSpace(alt) != "" {
				e.linkAlt = alt
			}
		}
	case atom.Form:
		e.rowBoundary()
		if e.form != nil {
			// Browsers ignore a form inside a form.
			return
		}
		e.form = &refFormState{action: as.value("action"), method: refFormMethod(as.value("method"))}
		if len(e.forms) < maxForms {
			e.forms = append(e.forms, e.form)
		} else {
			e.form.discard = true
		}
	case atom.Tr, atom.Table:
		e.rowBoundary()
	case atom.Input:
		e.closeSelect()
		typ := strings.ToLower(strings.TrimSpace(as.value("type")))
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
			e.option = &refOneLine{max: maxLabelRunes}
			if l := as.value("label"); l != "" {
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
		typ := strings.ToLower(strings.TrimSpace(as.value("type")))
		if typ == "" {
			typ = "submit"
		}
		e.button = e.addField(typ, as)
		e.buttonTxt = refOneLine{max: maxLabelRunes}
	case atom.Label:
		e.closeLabel()
		e.label = &refLabelState{forID: as.value("for"), text: refOneLine{max: maxLabelRunes}}
	}
}

func (e *refExtractor) onEnd(a atom.Atom) {
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
		if e.templateDepth == 0 && refIsBlock(a) {
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
	if refIsBlock(a) {
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
func (e *refExtractor) addField(typ string, as refAttrs) *refFieldState {
	f := &refFieldState{Field: Field{
		Name:        as.value("name"),
		ID:          as.value("id"),
		Type:        typ,
		Placeholder: refCollapse(as.value("placeholder"), maxLinkTextRunes),
		Value:       refCollapse(as.value("value"), maxLinkTextRunes),
	}}
	if typ == "image" && f.Value == "" {
		// An image button's words are in its alt text.
		f.Value = refCollapse(as.value("alt"), maxLinkTextRunes)
	}
	if typ != "hidden" {
		f.aria = refCollapse(as.value("aria-label"), maxLabelRunes)
		f.title = refCollapse(as.value("title"), maxLabelRunes)
		f.recent = e.recent.label()
		e.recent.reset()
		if e.label != nil {
			e.label.fields = append(e.label.fields, f)
		}
	}
	form := e.form
	if form == nil {
		form = &e.orphan
	}
	if !form.discard && len(form.fields) < maxFieldsPerForm {
		form.fields = append(form.fields, f)
	}
	return f
}

func (e *refExtractor) closeLink() {
	if !e.linkOpen {
		return
	}
	l := &e.links[len(e.links)-1]
	l.Text = e.linkText.String()
	if l.Text == "" {
		l.Text = refCollapse(e.linkAlt, maxLinkTextRunes)
	}
	e.linkOpen = false
}

func (e *refExtractor) closeOption() {
	if e.option == nil {
		return
	}
	if text := e.option.String(); text != "" && e.sel != nil && len(e.sel.Options) < maxOptions {
		e.sel.Options = append(e.sel.Options, text)
	}
	e.option = nil
}

func (e *refExtractor) closeSelect() {
	e.closeOption()
	e.sel = nil
}

func (e *refExtractor) closeButton() {
	if e.button == nil {
		return
	}
	if text := e.buttonTxt.String(); text != "" {
		e.button.Value = text
	}
	e.button = nil
}

func (e *refExtractor) closeLabel() {
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
func (e *refExtractor) finish(pageURL string) *Page {
	e.closeLink()
	e.closeSelect()
	e.closeButton()
	e.closeLabel()

	base := refBaseURL(pageURL, e.baseHref, e.hasBase)
	p := &Page{URL: pageURL, Title: e.title.String()}

	text := e.text.String()
	desc := e.metaDesc.String()
	shift := 0
	if desc != "" {
		if text != "" {
			text = desc + "\n" + text
			shift = len(desc) + 1
		} else {
			text = desc
		}
	}
	p.Text = text
	p.Blocks = e.buildBlocks(text, shift, desc, p.Title)

	// Pages repeat their links (menus at the top and the bottom, one
	// address per item card): each distinct href is resolved once.
	resolved := make(map[string]string, min(len(e.links), 256))
	for i := range e.links {
		href := e.links[i].URL
		u, ok := resolved[href]
		if !ok {
			u = refResolve(base, href)
			if len(resolved) < maxLinks {
				resolved[href] = u
			}
		}
		e.links[i].URL = u
	}
	p.Links = e.links

	forms := e.forms
	if len(e.orphan.fields) > 0 {
		forms = append(forms, &e.orphan)
	}
	for _, fs := range forms {
		form := Form{Method: fs.method}
		if fs != &e.orphan && strings.TrimSpace(fs.action) != "" {
			form.Action = refResolve(base, fs.action)
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
func (e *refExtractor) settleLabel(f *refFieldState) Field {
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

func refFormMethod(m string) string {
	if strings.EqualFold(strings.TrimSpace(m), "post") {
		return "POST"
	}
	return "GET"
}

// baseURL returns the URL relative links are resolved against, or nil when
// there is no absolute one.
func refBaseURL(pageURL, baseHref string, hasBase bool) *url.URL {
	var base *url.URL
	if u, err := url.Parse(strings.TrimSpace(pageURL)); err == nil && u.IsAbs() {
		base = u
	}
	if hasBase {
		if ref, err := url.Parse(refCleanHref(baseHref)); err == nil {
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
func refCleanHref(href string) string {
	href = strings.TrimSpace(href)
	if strings.ContainsAny(href, "\t\r\n") {
		href = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(href)
	}
	return href
}

func refResolve(base *url.URL, href string) string {
	href = refCleanHref(href)
	if base == nil {
		return href
	}
	ref, err := url.Parse(href)
	if err != nil {
		return href
	}
	return base.ResolveReference(ref).String()
}

func refIsSpace(r rune) bool {
	if r > 0x3000 {
		// Past the ideographic space, the last of Unicode's spaces: all
		// of Chinese text.
		return false
	}
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || (r > 0x7F && unicode.IsSpace(r)) || r == '\f' || r == '\v'
}

// collapse returns s with whitespace runs collapsed to one space, trimmed,
// and cut to max runes.
func refCollapse(s string, max int) string {
	o := refOneLine{max: max}
	o.write(s)
	return o.String()
}

// lineWriter builds Text: lines of collapsed whitespace, no empty lines.
type refLineWriter struct {
	out          strings.Builder
	lineHasText  bool
	pendingSpace bool
}

func (w *refLineWriter) write(s string) {
	for i := 0; i < len(s); {
		// A run of characters that are not spaces is copied at once.
		j := i
		bad := false // an invalid byte ends the run and is written as U+FFFD
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && n == 1 {
				bad = true
				break
			}
			if refIsSpace(r) {
				break
			}
			j += n
		}
		if j > i || bad {
			switch {
			case !w.lineHasText:
				if w.out.Len() > 0 {
					w.out.WriteByte('\n')
				}
				w.lineHasText = true
			case w.pendingSpace:
				w.out.WriteByte(' ')
			}
			w.pendingSpace = false
			w.out.WriteString(s[i:j])
			if bad {
				w.out.WriteString("\uFFFD")
				j++
			}
			i = j
			continue
		}
		// s[i] starts a space.
		if w.lineHasText {
			w.pendingSpace = true
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
}

func (w *refLineWriter) breakLine() {
	w.lineHasText = false
	w.pendingSpace = false
}

func (w *refLineWriter) String() string { return w.out.String() }

// oneLine collects text on a single line, whitespace collapsed, keeping at
// most max runes.
type refOneLine struct {
	b     strings.Builder
	n     int
	max   int
	space bool
}

func (o *refOneLine) write(s string) {
	for _, r := range s {
		if refIsSpace(r) {
			o.sep()
			continue
		}
		if o.n >= o.max {
			return
		}
		if o.space {
			o.b.WriteByte(' ')
			o.space = false
		}
		o.b.WriteRune(r)
		o.n++
	}
}

// sep separates what comes next by a space, unless nothing came before.
func (o *refOneLine) sep() {
	if o.b.Len() > 0 {
		o.space = true
	}
}

func (o *refOneLine) String() string { return o.b.String() }

// recentLine keeps the tail of the current line of text and the last
// completed line: the nearest text before a control.
type refRecentLine struct {
	cur   []rune
	space bool
	last  []rune // the tail of the last completed line, untrimmed
	// lastStr is last as a trimmed string once a control asked for it.
	lastStr   string
	lastReady bool
}

func (r *refRecentLine) write(s string) {
	for _, c := range s {
		if refIsSpace(c) {
			if len(r.cur) > 0 {
				r.space = true
			}
			continue
		}
		if r.space {
			r.cur = append(r.cur, ' ')
			r.space = false
		}
		r.cur = append(r.cur, c)
	}
	if len(r.cur) > 4*maxLabelRunes {
		n := copy(r.cur, r.cur[len(r.cur)-maxLabelRunes:])
		r.cur = r.cur[:n]
	}
}

func (r *refRecentLine) breakLine() {
	if len(r.cur) > 0 {
		// Kept as runes, made a string only if a control asks for it:
		// most lines never name a control.
		rs := r.cur
		if len(rs) > maxLabelRunes {
			rs = rs[len(rs)-maxLabelRunes:]
		}
		r.last = append(r.last[:0], rs...)
		r.lastReady = false
		r.cur = r.cur[:0]
	}
	r.space = false
}

func (r *refRecentLine) reset() {
	r.cur = r.cur[:0]
	r.space = false
	r.last = r.last[:0]
	r.lastReady = false
}

func (r *refRecentLine) label() string {
	if len(r.cur) > 0 {
		return refTail(r.cur)
	}
	if !r.lastReady {
		r.lastStr, r.lastReady = "", true
		if len(r.last) > 0 {
			r.lastStr = strings.TrimSpace(string(r.last))
		}
	}
	return r.lastStr
}

func refTail(rs []rune) string {
	if len(rs) > maxLabelRunes {
		rs = rs[len(rs)-maxLabelRunes:]
	}
	return strings.TrimSpace(string(rs))
}

// Bounds on the block structure of one page.
const (
	// maxStack is the deepest element nesting tracked; deeper elements
	// belong to the block of their deepest tracked ancestor.
	refMaxStack = 256
	// maxEndSearch is how far down the stack an end tag looks for its
	// element; a stray end tag further down is ignored.
	refMaxEndSearch = 32
	// maxUnits bounds the elements that may start a block; past it new
	// elements stay in the block they are in.
	refMaxUnits = 1 << 15
	// maxSegments bounds the stretches of text between block boundaries;
	// past it text joins the last one.
	refMaxSegments = 1 << 15
	// maxAltBlocks bounds alt-text blocks.
	refMaxAltBlocks = 2000
	// maxPathBytes bounds Block.Path.
	refMaxPathBytes = 60
)

// unit is an element that may make a block of its own: one the heuristics
// classified (nav, footer, post, ...), or a container with a class or id
// that becomes a block only if it turns out to repeat among its siblings
// (forum replies, item cards).
type refUnit struct {
	parent int32 // enclosing unit; -1 for the root
	kind   Kind  // the kind of its text; "" for the root and unclassified main text
	field  string
	// the element, for Path: its tag and "#id" or ".first-class"
	a     atom.Atom
	first string
	// candidate units: the parent element and signature that group
	// repeated siblings.
	parentElem int32
	sig        uint64
	itemish    bool // its class looks like an item card
	postish    bool // its class looks like a post, inside a post
	inItem     bool // inside a unit whose class looks like an item card
	real       bool // a block of its own
	firstText  int  // offset of its first text, or -1
}

// frame is an open element.
type refFrame struct {
	a       atom.Atom
	elem    int32 // serial number of the element
	refUnit int32 // the unit its text belongs to
}

// segment is a stretch of text in one unit.
type refSegment struct {
	refUnit    int32
	start, end int
	linkBytes  int
	links      int
}

type refAltText struct {
	pos  int
	text string
}

// blockState is the block part of the extractor.
type refBlockState struct {
	stack    []refFrame
	overflow int   // elements opened past maxStack and not yet closed
	elems    int32 // element serial numbers handed out
	units    []refUnit
	seg      refSegment // the open segment; start < 0 while it has no text
	segs     []refSegment
	alts     []refAltText
}

// init prepares for a document of about tags tags: a quarter of them
// start a unit or a segment on typical pages.
func (b *refBlockState) init(tags int) {
	n := min(tags/4+16, refMaxUnits)
	b.units = make([]refUnit, 0, n)
	b.segs = make([]refSegment, 0, n)
	b.stack = make([]refFrame, 0, min(tags+1, 64))
	b.units = append(b.units, refUnit{parent: -1, real: true, a: atom.Body, firstText: -1})
	b.seg = refSegment{start: -1}
}

// cur is the unit text goes to now.
func (b *refBlockState) cur() int32 {
	if n := len(b.stack); n > 0 {
		return b.stack[n-1].refUnit
	}
	return 0
}

func refIsVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link,
		atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr, atom.Keygen, atom.Frame, atom.Image:
		return true
	}
	return false
}

// Families of elements that close an open one implicitly, and where the
// search for it stops.
var (
	refLiSame, refLiStop      = []atom.Atom{atom.Li}, []atom.Atom{atom.Ul, atom.Ol, atom.Menu}
	refDSame, refDStop        = []atom.Atom{atom.Dt, atom.Dd}, []atom.Atom{atom.Dl}
	refTrSame, refTrStop      = []atom.Atom{atom.Tr, atom.Td, atom.Th}, []atom.Atom{atom.Table, atom.Tbody, atom.Thead, atom.Tfoot}
	refTdSame, refTdStop      = []atom.Atom{atom.Td, atom.Th}, []atom.Atom{atom.Tr, atom.Table}
	refBodySame, refBodyStop  = []atom.Atom{atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th}, []atom.Atom{atom.Table}
	refOptionSame, refOptStop = []atom.Atom{atom.Option}, []atom.Atom{atom.Select, atom.Datalist, atom.Optgroup}
)

// implicitClose gives, for an element that implicitly closes an open one
// of its family (a new <li> the open <li>), the family and the elements
// the search stops at.
func refImplicitClose(a atom.Atom) (same []atom.Atom, stop []atom.Atom) {
	switch a {
	case atom.Li:
		return refLiSame, refLiStop
	case atom.Dt, atom.Dd:
		return refDSame, refDStop
	case atom.Tr:
		return refTrSame, refTrStop
	case atom.Td, atom.Th:
		return refTdSame, refTdStop
	case atom.Tbody, atom.Thead, atom.Tfoot:
		return refBodySame, refBodyStop
	case atom.Option:
		return refOptionSame, refOptStop
	}
	return nil, nil
}

func refHasAtom(list []atom.Atom, a atom.Atom) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// popTo closes the elements above and including stack[i].
func (e *refExtractor) popTo(i int) {
	e.b.stack = e.b.stack[:i]
	e.switchUnit(e.b.cur())
}

// blockStart tracks an element start for the block structure.
func (e *refExtractor) blockStart(a atom.Atom, cl refClassAttrs) {
	b := &e.b
	if a == atom.Html || a == atom.Body || a == atom.Head || refIsVoid(a) || refIsRawText(a) || a == atom.Template {
		return
	}
	if b.overflow > 0 {
		// Past the tracked depth nothing more is learnt.
		b.overflow++
		return
	}
	// Implicit ends: a new <li> ends the open one, a block ends an open <p>.
	if n := len(b.stack); n > 0 {
		if same, stop := refImplicitClose(a); same != nil {
			for i := n - 1; i >= 0 && i >= n-refMaxEndSearch; i-- {
				if refHasAtom(stop, b.stack[i].a) {
					break
				}
				if refHasAtom(same, b.stack[i].a) {
					e.popTo(i)
					break
				}
			}
		} else if b.stack[n-1].a == atom.P && refIsBlock(a) {
			e.popTo(n - 1)
		}
	}
	if len(b.stack) >= refMaxStack {
		b.overflow++
		return
	}
	parentElem := int32(-1)
	if n := len(b.stack); n > 0 {
		parentElem = b.stack[n-1].elem
	}
	b.elems++
	f := refFrame{a: a, elem: b.elems, refUnit: b.cur()}
	ctx := b.units[f.refUnit].kind
	if len(b.units) < refMaxUnits {
		pu := &b.units[f.refUnit]
		inItem := pu.inItem || pu.itemish
		if u, ok := refClassify(a, cl, ctx, inItem); ok && !(u.kind == KindListingField && u.field == pu.field && ctx == KindListingField) {
			u.parent = f.refUnit
			u.inItem = inItem
			u.parentElem = parentElem
			u.firstText = -1
			b.units = append(b.units, u)
			f.refUnit = int32(len(b.units) - 1)
		}
	}
	b.stack = append(b.stack, f)
	if !e.switchUnit(f.refUnit) && refIsDivision(a) {
		e.cutSegment()
	}
}

// isDivision reports the elements that end a stretch of text for link
// density and boilerplate lines, without starting a unit: a menu is a <ul>
// or a <div> of links, a copyright line a <p> or a <div>.
func refIsDivision(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Ul, atom.Ol, atom.Table, atom.Section, atom.Dl, atom.Form, atom.P, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre, atom.Center, atom.Header, atom.Footer, atom.Nav, atom.Aside,
		atom.Article, atom.Main, atom.Menu, atom.Address, atom.Fieldset, atom.Details, atom.Figure:
		return true
	}
	return false
}

// cutSegment ends the open segment; the next text starts a new one in the
// same unit, on a new line as the element that cut it asks anyway.
func (e *refExtractor) cutSegment() {
	if e.b.seg.start >= 0 {
		e.closeSegment()
	}
}

// blockEnd tracks an element end.
func (e *refExtractor) blockEnd(a atom.Atom) {
	b := &e.b
	if a == atom.Html || a == atom.Body || a == atom.Head || refIsVoid(a) || a == atom.Template {
		return
	}
	if b.overflow > 0 {
		b.overflow--
		return
	}
	n := len(b.stack)
	for i := n - 1; i >= 0 && i >= n-refMaxEndSearch; i-- {
		if b.stack[i].a == a {
			e.popTo(i)
			if refIsDivision(a) {
				e.cutSegment()
			}
			return
		}
	}
}

// switchUnit makes u the unit text goes to: the open segment ends, and the
// next text starts on a new line. It reports whether the unit changed.
func (e *refExtractor) switchUnit(u int32) bool {
	b := &e.b
	if u == b.seg.refUnit {
		return false
	}
	e.closeSegment()
	e.text.breakLine()
	b.seg = refSegment{refUnit: u, start: -1}
	return true
}

func (e *refExtractor) closeSegment() {
	b := &e.b
	s := b.seg
	if s.start < 0 {
		return
	}
	if len(b.segs) >= refMaxSegments {
		last := &b.segs[len(b.segs)-1]
		last.end = s.end
		last.linkBytes += s.linkBytes
		last.links += s.links
	} else {
		b.segs = append(b.segs, s)
	}
	if u := &b.units[s.refUnit]; u.firstText < 0 {
		u.firstText = s.start
	}
	b.seg.start = -1
	b.seg.linkBytes, b.seg.links = 0, 0
}

// writeText writes visible text and keeps the open segment's extent.
func (e *refExtractor) writeText(s string) {
	before := e.text.out.Len()
	next := before
	if !e.text.lineHasText && before > 0 {
		next++
	}
	e.text.write(s)
	n := e.text.out.Len()
	if n == before {
		return
	}
	seg := &e.b.seg
	if seg.start < 0 {
		seg.start = next
	}
	seg.end = n
	if e.linkOpen {
		seg.linkBytes += n - before
	}
}

// addAlt records an image's alt (or title) text where the image stands.
func (e *refExtractor) addAlt(as refAttrs) {
	if len(e.b.alts) >= refMaxAltBlocks {
		return
	}
	t := refCollapse(as.value("alt"), maxLinkTextRunes)
	if t == "" {
		t = refCollapse(as.value("title"), maxLinkTextRunes)
	}
	if t == "" {
		return
	}
	e.b.alts = append(e.b.alts, refAltText{pos: e.text.out.Len(), text: t})
}

// classAttrs are what the block heuristics read of an element's
// attributes: its class and id words, role and itemprop.
type refClassAttrs struct {
	info           refClassInfo // class and id together
	role, itemprop string
}

// classInfo is what the class or id words of an element say.
type refClassInfo struct {
	mask uint32 // the word families its tokens match (cat*)
	sig  uint64 // hash of its tokens, for repeated siblings; 0 for none
	// first is the Path suffix: "#id", or "." and the first class.
	first string
}

// Word families.
const (
	refCatNav uint32 = 1 << iota
	refCatFooter
	refCatSidebar
	refCatBoiler
	refCatPost
	refCatMain
	refCatItem
	refCatTitle
	refCatPrice
	refCatSeller
	refCatDesc
	refCatContact
	refCatWrapper
)

// wordFamilies lists the word lists with their family bit.
var refWordFamilies = []struct {
	cat   uint32
	words []string
}{
	{refCatNav, refNavWords}, {refCatFooter, refFooterWords}, {refCatSidebar, refSidebarWords}, {refCatBoiler, refBoilerWords},
	{refCatPost, refPostWords}, {refCatMain, refMainWords}, {refCatItem, refItemWords}, {refCatTitle, refTitleWords}, {refCatPrice, refPriceWords},
	{refCatSeller, refSellerWords}, {refCatDesc, refDescWords}, {refCatContact, refContactWords}, {refCatWrapper, refWrapperWords},
}

// maxClassCache bounds the distinct class and id values remembered per
// page; past it values are analysed every time.
const refMaxClassCache = 4096

// classCache remembers what each class or id value of a page says: pages
// repeat a few class values thousands of times.
type refClassCache struct {
	classes, ids map[string]refClassInfo
}

func refNewClassCache() refClassCache {
	return refClassCache{classes: map[string]refClassInfo{}, ids: map[string]refClassInfo{}}
}

func (c refClassCache) mapFor(isID bool) map[string]refClassInfo {
	if isID {
		return c.ids
	}
	return c.classes
}

// lookup analyses a class (isID false) or id value. The map lookup with
// string(v) does not allocate.
func (c refClassCache) lookup(v []byte, isID bool) refClassInfo {
	if len(v) == 0 {
		return refClassInfo{}
	}
	m := c.mapFor(isID)
	if info, ok := m[string(v)]; ok {
		return info
	}
	info := refAnalyseClass(string(v), isID)
	if len(m) < refMaxClassCache {
		m[string(v)] = info
	}
	return info
}

func (c refClassCache) lookupString(v string, isID bool) refClassInfo {
	if v == "" {
		return refClassInfo{}
	}
	m := c.mapFor(isID)
	if info, ok := m[v]; ok {
		return info
	}
	info := refAnalyseClass(v, isID)
	if len(m) < refMaxClassCache {
		m[v] = info
	}
	return info
}

// attrs combines the class and id analyses of an element.
func (c refClassCache) refAttrs(class, id refClassInfo, role, itemprop string) refClassAttrs {
	info := refClassInfo{mask: class.mask | id.mask, sig: class.sig*1099511628211 ^ id.sig, first: class.first}
	if id.first != "" {
		info.first = id.first
	}
	return refClassAttrs{info: info, role: role, itemprop: itemprop}
}

// analyseClass splits a class or id value into lower-case letter tokens
// (digits and punctuation separate them and are dropped, at most 16
// tokens) and matches them against the word families.
func refAnalyseClass(v string, isID bool) refClassInfo {
	var info refClassInfo
	if isID {
		info.first = "#" + strings.TrimSpace(v)
	} else if f := strings.Fields(v); len(f) > 0 {
		info.first = "." + f[0]
	}
	if len(info.first) > refMaxPathBytes {
		info.first = info.first[:refMaxPathBytes]
		for len(info.first) > 0 && !utf8.ValidString(info.first) {
			info.first = info.first[:len(info.first)-1]
		}
	}
	h := uint64(14695981039346656037)
	if isID {
		h ^= 1
	}
	var buf [64]byte
	n, start, count := 0, -1, 0
	for i := 0; i <= len(v) && count < 16; i++ {
		c := byte(' ')
		if i < len(v) {
			c = v[i]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		letter := c >= 'a' && c <= 'z'
		if letter {
			if start < 0 {
				start, n = i, 0
			}
			if n < len(buf) {
				buf[n] = c
				n++
			}
			h = (h ^ uint64(c)) * 1099511628211
			continue
		}
		if start >= 0 {
			t := string(buf[:n])
			for _, f := range refWordFamilies {
				if info.mask&f.cat == 0 && refTokenMatch(t, f.words) {
					info.mask |= f.cat
				}
			}
			h = (h ^ '.') * 1099511628211
			start = -1
			count++
		}
	}
	if count > 0 {
		info.sig = h
	}
	return info
}

// Words of class and id attributes, matched against each lower-case token
// of the attribute (split at anything but letters and digits, digits
// removed) as the whole token, its prefix or its suffix.
var (
	refNavWords = []string{"nav", "menu", "breadcrumb", "crumb", "pagination", "pager", "paging", "topbar", "toolbar", "header", "masthead", "tabs", "daohang",
		"topnav", "subnav", "mainnav", "sitenav", "leftnav", "topmenu", "mainmenu", "submenu", "leftmenu"}
	refFooterWords  = []string{"footer", "foot", "copyright", "bottom", "banquan"}
	refSidebarWords = []string{"sidebar", "side", "aside", "widget", "rightbar", "leftbar", "sidebox", "rank", "ranking", "hotlist", "hotnews"}
	refBoilerWords  = []string{"cookie", "cookies", "consent", "gdpr", "related", "relate", "recommend", "recommended", "share", "sharing", "social", "disclaimer", "advert", "ads", "sponsor", "popup", "modal", "xiangguan", "tuijian"}
	refPostWords    = []string{"post", "posts", "reply", "replies", "comment", "comments", "floor", "answer", "answers", "topic", "cmt", "review", "reviews", "pinglun", "huifu", "huida", "tiezi", "louceng"}
	refMainWords    = []string{"content", "article", "main", "detail", "entry", "story", "zhengwen", "neirong"}
	refItemWords    = []string{"item", "items", "card", "goods", "product", "products", "listing", "sku", "offer", "shangpin"}
	refTitleWords   = []string{"title", "tit", "subject", "headline", "biaoti"}
	refPriceWords   = []string{"price", "jiage", "money", "cost"}
	refSellerWords  = []string{"seller", "shop", "store", "vendor", "merchant", "dianpu", "shangjia", "company"}
	refDescWords    = []string{"desc", "description", "intro", "summary", "jianjie"}
	refContactWords = []string{"contact", "tel", "phone", "mobile", "wechat", "weixin", "lianxi"}
	// wrapperWords veto low-weight words in another token of the same
	// attribute: "content side" is content.
	refWrapperWords = []string{"content", "article", "container", "wrapper", "wrap"}
)

// tokenMatch reports whether the token t is one of words or starts with
// one, or (words of five letters or more) ends with one: "sidebar" and
// "navbar" match "side" and "nav", "rsidebar" matches "sidebar", but
// "inside" does not match "side".
func refTokenMatch(t string, words []string) bool {
	for _, w := range words {
		if t == w || (len(t) > len(w) && (strings.HasPrefix(t, w) || (len(w) >= 5 && strings.HasSuffix(t, w)))) {
			return true
		}
	}
	return false
}

// containerTag reports the elements whose class may make a repeated
// block (a reply, an item card).
func refContainerTag(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Li, atom.Article, atom.Section, atom.Table, atom.Tbody, atom.Tr, atom.Dl, atom.Dd, atom.Blockquote:
		return true
	}
	return false
}

func refIsHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// classify decides whether an element starts a unit, and of what kind, from
// its tag, ARIA role, itemprop and class and id tokens, given the kind of
// the text around it (ctx) and whether it sits in an item card.
func refClassify(a atom.Atom, cl refClassAttrs, ctx Kind, inItem bool) (refUnit, bool) {
	u := refUnit{kind: ctx}
	role, prop := cl.role, cl.itemprop
	if role != "" {
		role = strings.ToLower(strings.TrimSpace(role))
	}
	if prop != "" {
		prop = strings.ToLower(strings.TrimSpace(prop))
	}
	m := cl.info.mask
	has := func(cat uint32) bool { return m&cat != 0 }
	u.a, u.first = a, cl.info.first
	lowCtx := ctx.LowWeight()

	// Low-weight regions. Inside a post or a listing these words name the
	// post's own parts (a reply's footer with its date), so they count
	// only around content.
	if ctx != KindPost && ctx != KindListingField && !inItem {
		var k Kind
		switch {
		case a == atom.Nav || role == "navigation" || role == "menu" || role == "menubar":
			k = KindNav
		case a == atom.Aside || role == "complementary":
			k = KindSidebar
		case (a == atom.Footer && ctx != KindMain) || role == "contentinfo":
			k = KindFooter
		case a == atom.Header && ctx == "" || role == "banner":
			k = KindNav
		case m != 0 && !has(refCatWrapper):
			switch {
			case has(refCatBoiler):
				k = KindBoilerplate
			case has(refCatFooter):
				k = KindFooter
			case has(refCatSidebar):
				k = KindSidebar
			case has(refCatNav):
				k = KindNav
			}
		}
		if k != "" && k != ctx {
			u.kind, u.real = k, true
			return u, true
		}
	}
	if lowCtx {
		return u, false
	}

	// Posts: replies, comments, answers; an <article> inside the main
	// content or inside another article.
	if ctx != KindListingField {
		isPost := role == "comment" || prop == "comment" || prop == "answer" || prop == "suggestedanswer" || prop == "acceptedanswer" ||
			(a == atom.Article && (ctx == KindMain || ctx == KindPost)) ||
			((refContainerTag(a) || a == atom.Td) && has(refCatPost))
		if isPost && ctx == KindPost && a != atom.Article && refContainerTag(a) {
			// Inside a post, a "post" element is a part of it (the
			// message body), unless its siblings repeat it (nested
			// replies).
			u.sig = cl.info.sig ^ uint64(a)
			u.postish = true
			return u, true
		}
		if isPost && (ctx != KindPost || a == atom.Article || role == "comment") {
			u.kind, u.real = KindPost, true
			return u, true
		}
	}

	// Listing fields, inside an item card or in the main text of a detail
	// page.
	if ctx != KindPost {
		field := ""
		switch {
		case prop == "price" || prop == "offers" || has(refCatPrice):
			field = "price"
		case prop == "seller" || has(refCatSeller):
			field = "seller"
		case prop == "description" || has(refCatDesc):
			field = "description"
		case prop == "telephone" || has(refCatContact):
			field = "contact"
		case inItem && (prop == "name" || refIsHeading(a) || has(refCatTitle)):
			field = "title"
		}
		if field != "" && (inItem || ctx == KindListingField || ctx == "" || ctx == KindMain) {
			u.kind, u.field, u.real = KindListingField, field, true
			return u, true
		}
	}

	// Titles of the main content.
	if ctx == "" || ctx == KindMain {
		if a == atom.H1 || ((refIsHeading(a) || a == atom.Div || a == atom.P || a == atom.Span) && has(refCatTitle)) {
			u.kind, u.real = KindTitle, true
			return u, true
		}
	}

	// Main content regions.
	if ctx == "" && (a == atom.Main || a == atom.Article || role == "main" || role == "article" || has(refCatMain)) {
		u.kind, u.real = KindMain, true
		return u, true
	}

	// Candidates for repeated blocks: containers with a class or id.
	if refContainerTag(a) && cl.info.first != "" && (ctx == "" || ctx == KindMain || ctx == KindPost) {
		u.sig = cl.info.sig ^ uint64(a)
		u.itemish = has(refCatItem)
		return u, true
	}
	return u, false
}

// path is the Path hint of a unit's element: tag, then #id or
// .first-class.
func (u *refUnit) path() string {
	return u.a.String() + u.first
}

// Text markers of boilerplate lines.
var (
	refCopyrightMarkers = []string{"版权所有", "Copyright", "copyright", "COPYRIGHT", "©", "ICP备", "ICP证", "公网安备", "All rights reserved", "All Rights Reserved", "主办单位", "技术支持：", "网站地图", "Powered by"}
	refRelatedMarkers   = []string{"相关文章", "相关阅读", "相关推荐", "相关新闻", "相关链接", "相关问题", "热门推荐", "热门文章", "猜你喜欢", "推荐阅读", "延伸阅读", "为您推荐", "看了又看", "同城推荐", "同城热门", "上一篇", "Related", "RELATED"}
	refCookieMarkers    = []string{"cookie", "Cookie", "COOKIE"}
)

func refContainsAny(s string, markers []string) bool {
	for _, m := range markers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

func refHasPrefixAny(s string, markers []string) bool {
	for _, m := range markers {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	return false
}

// buildBlocks turns the units and segments into Page.Blocks. shift is the
// length Page.Text gained in front of what the extractor wrote (the meta
// description and its line break); desc is that description.
func (e *refExtractor) buildBlocks(text string, shift int, desc, title string) []Block {
	b := &e.b
	e.closeSegment()
	units := b.units

	// First text of each unit including its descendants (a few levels up
	// from each segment: enough for a reply's first line).
	for _, s := range b.segs {
		for u, d := s.refUnit, 0; u >= 0 && d < 8; u, d = units[u].parent, d+1 {
			if ft := units[u].firstText; ft < 0 || s.start < ft {
				units[u].firstText = s.start
			}
		}
	}

	// Repeated siblings: candidates sharing parent element and signature.
	type key struct {
		parent int32
		sig    uint64
	}
	groups := map[key][]int32{}
	for i := range units {
		u := &units[i]
		if !u.real && u.sig != 0 {
			k := key{u.parentElem, u.sig}
			groups[k] = append(groups[k], int32(i))
		}
	}
	for _, members := range groups {
		if len(members) < 2 {
			continue
		}
		var kind Kind
		item := units[members[0]].itemish
		ctx := units[units[members[0]].parent].kind
		switch {
		case item && ctx != KindPost:
			kind = KindListingField
		case units[members[0]].postish:
			kind = KindPost
		default:
			for _, m := range members {
				if ft := units[m].firstText; ft >= 0 && hasReplyMarker(text[ft:]) {
					kind = KindPost
					break
				}
			}
		}
		if kind == "" {
			continue
		}
		for _, m := range members {
			units[m].real = true
			units[m].kind = kind
		}
	}

	// Effective unit: the nearest real one. Parents come before children.
	eff := make([]int32, len(units))
	for i := range units {
		if units[i].real {
			eff[i] = int32(i)
		} else {
			eff[i] = eff[units[i].parent]
		}
	}
	// Kinds flow down to units whose kind was inherited at creation.
	for i := range units {
		if i > 0 && units[i].real && units[i].kind == "" {
			units[i].kind = units[units[i].parent].kind
		}
	}

	blocks := make([]Block, 0, len(b.segs)+2+len(b.alts))
	if title != "" {
		blocks = append(blocks, Block{Kind: KindTitle, Text: title, Detached: true, Weight: KindTitle.Weight(), Path: "title"})
	}
	if desc != "" {
		blocks = append(blocks, Block{Kind: KindTitle, Text: desc, Start: 0, End: len(desc), Weight: KindTitle.Weight(), Path: "meta[description]"})
	}
	first := len(blocks)
	// Within main text, stretches of links and boilerplate lines become
	// blocks of their own: adjacent segments of one unit merge only when
	// they are of the same class.
	const (
		plain = iota
		linky // mostly link text, or the heading of a link list
		chrome
	)
	type extra struct{ links, linkBytes, class int }
	var ex []extra
	lastUnit, lastClass := int32(-1), -1
	for _, s := range b.segs {
		u := eff[s.refUnit]
		un := &units[u]
		kind := un.kind
		if kind == "" {
			kind = KindMain
		}
		class := plain
		if kind == KindMain {
			n := s.end - s.start
			seg := text[s.start+shift : s.end+shift]
			switch {
			case n < 300 && (refContainsAny(seg, refCopyrightMarkers) || refContainsAny(seg, refCookieMarkers)):
				class = chrome
			case s.links >= 2 && s.linkBytes*2 >= n,
				n < 40 && refHasPrefixAny(seg, refRelatedMarkers):
				class = linky
			}
		}
		if u == lastUnit && class == lastClass && len(blocks) > first {
			last := &blocks[len(blocks)-1]
			last.End = s.end + shift
			ex[len(ex)-1].links += s.links
			ex[len(ex)-1].linkBytes += s.linkBytes
			continue
		}
		lastUnit, lastClass = u, class
		blocks = append(blocks, Block{Kind: kind, Start: s.start + shift, End: s.end + shift, Field: un.field, Path: un.path(),
			Group: refGroupOf(units, u)})
		ex = append(ex, extra{s.links, s.linkBytes, class})
	}

	total := 0
	for i := first; i < len(blocks); i++ {
		total += blocks[i].End - blocks[i].Start
	}
	content := false
	for i := first; i < len(blocks); i++ {
		bl := &blocks[i]
		bl.Text = text[bl.Start:bl.End]
		n := bl.End - bl.Start
		x := ex[i-first]
		switch bl.Kind {
		case KindMain:
			switch {
			case x.class == chrome && refContainsAny(bl.Text, refCopyrightMarkers):
				bl.Kind = KindFooter
			case x.class == chrome:
				bl.Kind = KindBoilerplate
			case x.class == linky && refHasPrefixAny(bl.Text, refRelatedMarkers):
				bl.Kind = KindBoilerplate
			case x.class == linky && x.links >= 2 && x.linkBytes*2 >= n:
				if x.linkBytes/x.links < 30 { // about ten Chinese characters a link
					bl.Kind = KindNav
				} else {
					bl.Kind = KindLinkText
				}
			}
		case KindNav, KindFooter, KindSidebar, KindBoilerplate:
			// A region the class words called low-weight that holds most
			// of the page's text and is not made of links is the content
			// (a wrapper with an unlucky class).
			if n > 1000 && n*10 > total*6 && x.linkBytes*10 < n*3 {
				bl.Kind = KindMain
			}
		}
		bl.Weight = bl.Kind.Weight()
		content = content || !bl.Kind.LowWeight()
	}
	if !content && len(blocks) > first {
		// Nothing but navigation, footers and boilerplate: the largest
		// block is what the page is about, whatever it looks like.
		big := first
		for i := first; i < len(blocks); i++ {
			if blocks[i].End-blocks[i].Start > blocks[big].End-blocks[big].Start {
				big = i
			}
		}
		blocks[big].Kind = KindMain
		blocks[big].Weight = KindMain.Weight()
	}

	if len(b.alts) > 0 {
		blocks = refInsertAlts(blocks, b.alts, shift)
	}
	return blocks
}

// groupOf is the Group of a block of unit u: 1 + the nearest unit at or
// above u (a few levels) that is a post or an item card, or 0.
func refGroupOf(units []refUnit, u int32) int {
	for d := 0; u > 0 && d < 8; u, d = units[u].parent, d+1 {
		if un := &units[u]; un.real && (un.kind == KindPost || (un.kind == KindListingField && un.field == "")) {
			return int(u) + 1
		}
	}
	return 0
}

// insertAlts adds detached alt-text blocks in document order: after the
// block the image stood in (at its End), or before the next block (at its
// Start). It moves blocks within the slice rather than copying it.
func refInsertAlts(blocks []Block, alts []refAltText, shift int) []Block {
	// before[j] is how many blocks precede alt j, pos[j] where it stands.
	before := make([]int, len(alts))
	pos := make([]int, len(alts))
	j := 0
	for i, bl := range blocks {
		for ; j < len(alts) && !bl.Detached && alts[j].pos+shift < bl.Start; j++ {
			before[j], pos[j] = i, bl.Start
		}
		for ; j < len(alts) && !bl.Detached && alts[j].pos+shift <= bl.End; j++ {
			before[j], pos[j] = i+1, bl.End
		}
	}
	end := 0
	if n := len(blocks); n > 0 {
		end = blocks[n-1].End
	}
	for ; j < len(alts); j++ {
		before[j], pos[j] = len(blocks), max(alts[j].pos+shift, end)
	}
	// Fill from the back: each block moves once.
	n := len(blocks)
	blocks = append(blocks, make([]Block, len(alts))...)
	w := len(blocks) - 1
	i := n - 1
	for j := len(alts) - 1; j >= 0; j-- {
		for ; i >= before[j]; i-- {
			blocks[w] = blocks[i]
			w--
		}
		blocks[w] = refAltBlock(alts[j], pos[j])
		w--
	}
	return blocks
}

func refAltBlock(a refAltText, pos int) Block {
	return Block{Kind: KindAltText, Text: a.text, Start: pos, End: pos, Detached: true, Weight: KindAltText.Weight(), Path: "img"}
}

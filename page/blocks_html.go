package page

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// Bounds on the block structure of one page.
const (
	// maxStack is the deepest element nesting tracked; deeper elements
	// belong to the block of their deepest tracked ancestor.
	maxStack = 256
	// maxEndSearch is how far down the stack an end tag looks for its
	// element; a stray end tag further down is ignored.
	maxEndSearch = 32
	// maxUnits bounds the elements that may start a block; past it new
	// elements stay in the block they are in.
	maxUnits = 1 << 15
	// maxSegments bounds the stretches of text between block boundaries;
	// past it text joins the last one.
	maxSegments = 1 << 15
	// maxAltBlocks bounds alt-text blocks.
	maxAltBlocks = 2000
	// maxPathBytes bounds Block.Path.
	maxPathBytes = 60
)

// unit is an element that may make a block of its own: one the heuristics
// classified (nav, footer, post, ...), or a container with a class or id
// that becomes a block only if it turns out to repeat among its siblings
// (forum replies, item cards).
type unit struct {
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
type frame struct {
	a    atom.Atom
	elem int32 // serial number of the element
	unit int32 // the unit its text belongs to
}

// segment is a stretch of text in one unit.
type segment struct {
	unit       int32
	start, end int
	linkBytes  int
	links      int
}

type altText struct {
	pos  int
	text string
}

// blockState is the block part of the extractor.
type blockState struct {
	stack    []frame
	overflow int   // elements opened past maxStack and not yet closed
	elems    int32 // element serial numbers handed out
	units    []unit
	seg      segment // the open segment; start < 0 while it has no text
	segs     []segment
	alts     []altText

	// Scratch space of buildBlocks, kept between pages.
	eff    []int32
	ex     []blockExtra
	groups map[groupKey][]int32
	paths  map[pathKey]string
}

// groupKey groups candidate units: repeated siblings share their parent
// element and signature.
type groupKey struct {
	parent int32
	sig    uint64
}

// blockExtra is a block as buildBlocks gathers it before making it.
type blockExtra struct {
	start, end       int
	unit             int32
	links, linkBytes int
	class            int
}

// init prepares for a document of about tags tags (a quarter of them
// start a unit or a segment on typical pages), reusing the records of old.
func (b *blockState) init(tags int, old *blockState) {
	n := min(tags/4+16, maxUnits)
	*b = blockState{units: old.units[:0], segs: old.segs[:0], stack: old.stack[:0], alts: old.alts[:0],
		eff: old.eff[:0], ex: old.ex[:0], groups: old.groups, paths: old.paths}
	if cap(b.units) < n {
		b.units = make([]unit, 0, n)
	}
	if cap(b.segs) < n {
		b.segs = make([]segment, 0, n)
	}
	if b.stack == nil {
		b.stack = make([]frame, 0, 64)
	}
	if b.groups == nil {
		b.groups = map[groupKey][]int32{}
		b.paths = map[pathKey]string{}
	} else {
		clear(b.groups)
		clear(b.paths)
	}
	b.units = append(b.units, unit{parent: -1, real: true, a: atom.Body, firstText: -1})
	b.seg = segment{start: -1}
}

// release drops the records a huge page grew.
func (b *blockState) release() {
	if cap(b.units) > maxKeptRecords || cap(b.segs) > maxKeptRecords || cap(b.ex) > maxKeptRecords || len(b.groups) > maxKeptRecords {
		*b = blockState{}
	}
}

// cur is the unit text goes to now.
func (b *blockState) cur() int32 {
	if n := len(b.stack); n > 0 {
		return b.stack[n-1].unit
	}
	return 0
}

func isVoid(a atom.Atom) bool {
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
	liSame, liStop      = []atom.Atom{atom.Li}, []atom.Atom{atom.Ul, atom.Ol, atom.Menu}
	dSame, dStop        = []atom.Atom{atom.Dt, atom.Dd}, []atom.Atom{atom.Dl}
	trSame, trStop      = []atom.Atom{atom.Tr, atom.Td, atom.Th}, []atom.Atom{atom.Table, atom.Tbody, atom.Thead, atom.Tfoot}
	tdSame, tdStop      = []atom.Atom{atom.Td, atom.Th}, []atom.Atom{atom.Tr, atom.Table}
	bodySame, bodyStop  = []atom.Atom{atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th}, []atom.Atom{atom.Table}
	optionSame, optStop = []atom.Atom{atom.Option}, []atom.Atom{atom.Select, atom.Datalist, atom.Optgroup}
)

// implicitClose gives, for an element that implicitly closes an open one
// of its family (a new <li> the open <li>), the family and the elements
// the search stops at.
func implicitClose(a atom.Atom) (same []atom.Atom, stop []atom.Atom) {
	switch a {
	case atom.Li:
		return liSame, liStop
	case atom.Dt, atom.Dd:
		return dSame, dStop
	case atom.Tr:
		return trSame, trStop
	case atom.Td, atom.Th:
		return tdSame, tdStop
	case atom.Tbody, atom.Thead, atom.Tfoot:
		return bodySame, bodyStop
	case atom.Option:
		return optionSame, optStop
	}
	return nil, nil
}

func hasAtom(list []atom.Atom, a atom.Atom) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// popTo closes the elements above and including stack[i].
func (e *extractor) popTo(i int) {
	e.b.stack = e.b.stack[:i]
	e.switchUnit(e.b.cur())
}

// blockStart tracks an element start for the block structure.
func (e *extractor) blockStart(a atom.Atom, cl classAttrs) {
	b := &e.b
	if a == atom.Html || a == atom.Body || a == atom.Head || isVoid(a) || isRawText(a) || a == atom.Template {
		return
	}
	if b.overflow > 0 {
		// Past the tracked depth nothing more is learnt.
		b.overflow++
		return
	}
	// Implicit ends: a new <li> ends the open one, a block ends an open <p>.
	if n := len(b.stack); n > 0 {
		if same, stop := implicitClose(a); same != nil {
			for i := n - 1; i >= 0 && i >= n-maxEndSearch; i-- {
				if hasAtom(stop, b.stack[i].a) {
					break
				}
				if hasAtom(same, b.stack[i].a) {
					e.popTo(i)
					break
				}
			}
		} else if b.stack[n-1].a == atom.P && isBlock(a) {
			e.popTo(n - 1)
		}
	}
	if len(b.stack) >= maxStack {
		b.overflow++
		return
	}
	parentElem := int32(-1)
	if n := len(b.stack); n > 0 {
		parentElem = b.stack[n-1].elem
	}
	b.elems++
	f := frame{a: a, elem: b.elems, unit: b.cur()}
	ctx := b.units[f.unit].kind
	if len(b.units) < maxUnits && (cl.info.first != "" || cl.info.mask != 0 || cl.role != "" || cl.itemprop != "" || classifiedByTag(a)) {
		pu := &b.units[f.unit]
		inItem := pu.inItem || pu.itemish
		if u, ok := classify(a, cl, ctx, inItem); ok && !(u.kind == KindListingField && u.field == pu.field && ctx == KindListingField) {
			u.parent = f.unit
			u.inItem = inItem
			u.parentElem = parentElem
			u.firstText = -1
			b.units = append(b.units, u)
			f.unit = int32(len(b.units) - 1)
		}
	}
	b.stack = append(b.stack, f)
	if !e.switchUnit(f.unit) && isDivision(a) {
		e.cutSegment()
	}
}

// isDivision reports the elements that end a stretch of text for link
// density and boilerplate lines, without starting a unit: a menu is a <ul>
// or a <div> of links, a copyright line a <p> or a <div>.
func isDivision(a atom.Atom) bool {
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
func (e *extractor) cutSegment() {
	if e.b.seg.start >= 0 {
		e.closeSegment()
	}
}

// blockEnd tracks an element end.
func (e *extractor) blockEnd(a atom.Atom) {
	b := &e.b
	if a == atom.Html || a == atom.Body || a == atom.Head || isVoid(a) || a == atom.Template {
		return
	}
	if b.overflow > 0 {
		b.overflow--
		return
	}
	n := len(b.stack)
	for i := n - 1; i >= 0 && i >= n-maxEndSearch; i-- {
		if b.stack[i].a == a {
			e.popTo(i)
			if isDivision(a) {
				e.cutSegment()
			}
			return
		}
	}
}

// switchUnit makes u the unit text goes to: the open segment ends, and the
// next text starts on a new line. It reports whether the unit changed.
func (e *extractor) switchUnit(u int32) bool {
	b := &e.b
	if u == b.seg.unit {
		return false
	}
	e.closeSegment()
	e.text.breakLine()
	b.seg = segment{unit: u, start: -1}
	return true
}

func (e *extractor) closeSegment() {
	b := &e.b
	s := b.seg
	if s.start < 0 {
		return
	}
	if len(b.segs) >= maxSegments {
		last := &b.segs[len(b.segs)-1]
		last.end = s.end
		last.linkBytes += s.linkBytes
		last.links += s.links
	} else {
		b.segs = append(b.segs, s)
	}
	if u := &b.units[s.unit]; u.firstText < 0 {
		u.firstText = s.start
	}
	b.seg.start = -1
	b.seg.linkBytes, b.seg.links = 0, 0
}

// writeText writes visible text and keeps the open segment's extent.
func (e *extractor) writeText(s string, word bool) {
	before := e.text.Len()
	next := before
	if !e.text.lineHasText && before > 0 {
		next++
	}
	if word {
		e.text.writeWord(s)
	} else {
		e.text.write(s)
	}
	n := e.text.Len()
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
func (e *extractor) addAlt(as attrs) {
	if len(e.b.alts) >= maxAltBlocks {
		return
	}
	t := collapse(as.value(keyAlt), maxLinkTextRunes)
	if t == "" {
		t = collapse(as.value(keyTitle), maxLinkTextRunes)
	}
	if t == "" {
		return
	}
	e.b.alts = append(e.b.alts, altText{pos: e.text.Len(), text: t})
}

// classAttrs are what the block heuristics read of an element's
// attributes: its class and id words, role and itemprop.
type classAttrs struct {
	info           classInfo // class and id together
	role, itemprop string
}

// classInfo is what the class or id words of an element say.
type classInfo struct {
	mask uint32 // the word families its tokens match (cat*)
	sig  uint64 // hash of its tokens, for repeated siblings; 0 for none
	// first is the Path suffix: "#id", or "." and the first class.
	first string
}

// Word families.
const (
	catNav uint32 = 1 << iota
	catFooter
	catSidebar
	catBoiler
	catPost
	catMain
	catItem
	catTitle
	catPrice
	catSeller
	catDesc
	catContact
	catWrapper
)

// wordFamilies lists the word lists with their family bit.
var wordFamilies = []struct {
	cat   uint32
	words []string
}{
	{catNav, navWords}, {catFooter, footerWords}, {catSidebar, sidebarWords}, {catBoiler, boilerWords},
	{catPost, postWords}, {catMain, mainWords}, {catItem, itemWords}, {catTitle, titleWords}, {catPrice, priceWords},
	{catSeller, sellerWords}, {catDesc, descWords}, {catContact, contactWords}, {catWrapper, wrapperWords},
}

// maxClassCache bounds the distinct class and id values remembered; when
// it is reached the cache starts afresh.
const maxClassCache = 4096

// classCache remembers what each class or id value says: pages repeat a
// few class values thousands of times, and the pages of one site share
// them. What a value says depends on the value alone, so the cache lives
// as long as its extractor (its keys are copies, not pieces of a page).
type classCache struct {
	classes, ids map[string]classInfo
}

func newClassCache() classCache {
	return classCache{classes: map[string]classInfo{}, ids: map[string]classInfo{}}
}

// lookupString analyses a class (isID false) or id value.
func (c classCache) lookupString(v string, isID bool) classInfo {
	if v == "" {
		return classInfo{}
	}
	m := c.classes
	if isID {
		m = c.ids
	}
	if info, ok := m[v]; ok {
		return info
	}
	info := analyseClass(v, isID)
	if len(m) >= maxClassCache {
		clear(m)
	}
	m[strings.Clone(v)] = info
	return info
}

// attrs combines the class and id analyses of an element.
func (c classCache) attrs(class, id classInfo, role, itemprop string) classAttrs {
	info := classInfo{mask: class.mask | id.mask, sig: class.sig*1099511628211 ^ id.sig, first: class.first}
	if id.first != "" {
		info.first = id.first
	}
	return classAttrs{info: info, role: role, itemprop: itemprop}
}

// analyseClass splits a class or id value into lower-case letter tokens
// (digits and punctuation separate them and are dropped, at most 16
// tokens) and matches them against the word families.
func analyseClass(v string, isID bool) classInfo {
	var info classInfo
	if isID {
		info.first = "#" + strings.TrimSpace(v)
	} else if f := strings.Fields(v); len(f) > 0 {
		info.first = "." + f[0]
	}
	if len(info.first) > maxPathBytes {
		info.first = info.first[:maxPathBytes]
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
			for _, f := range wordFamilies {
				if info.mask&f.cat == 0 && tokenMatch(t, f.words) {
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
	navWords = []string{"nav", "menu", "breadcrumb", "crumb", "pagination", "pager", "paging", "topbar", "toolbar", "header", "masthead", "tabs", "daohang",
		"topnav", "subnav", "mainnav", "sitenav", "leftnav", "topmenu", "mainmenu", "submenu", "leftmenu"}
	footerWords  = []string{"footer", "foot", "copyright", "bottom", "banquan"}
	sidebarWords = []string{"sidebar", "side", "aside", "widget", "rightbar", "leftbar", "sidebox", "rank", "ranking", "hotlist", "hotnews"}
	boilerWords  = []string{"cookie", "cookies", "consent", "gdpr", "related", "relate", "recommend", "recommended", "share", "sharing", "social", "disclaimer", "advert", "ads", "sponsor", "popup", "modal", "xiangguan", "tuijian"}
	postWords    = []string{"post", "posts", "reply", "replies", "comment", "comments", "floor", "answer", "answers", "topic", "cmt", "review", "reviews", "pinglun", "huifu", "huida", "tiezi", "louceng"}
	mainWords    = []string{"content", "article", "main", "detail", "entry", "story", "zhengwen", "neirong"}
	itemWords    = []string{"item", "items", "card", "goods", "product", "products", "listing", "sku", "offer", "shangpin"}
	titleWords   = []string{"title", "tit", "subject", "headline", "biaoti"}
	priceWords   = []string{"price", "jiage", "money", "cost"}
	sellerWords  = []string{"seller", "shop", "store", "vendor", "merchant", "dianpu", "shangjia", "company"}
	descWords    = []string{"desc", "description", "intro", "summary", "jianjie"}
	contactWords = []string{"contact", "tel", "phone", "mobile", "wechat", "weixin", "lianxi"}
	// wrapperWords veto low-weight words in another token of the same
	// attribute: "content side" is content.
	wrapperWords = []string{"content", "article", "container", "wrapper", "wrap"}
)

// tokenMatch reports whether the token t is one of words or starts with
// one, or (words of five letters or more) ends with one: "sidebar" and
// "navbar" match "side" and "nav", "rsidebar" matches "sidebar", but
// "inside" does not match "side".
func tokenMatch(t string, words []string) bool {
	for _, w := range words {
		if t == w || (len(t) > len(w) && (strings.HasPrefix(t, w) || (len(w) >= 5 && strings.HasSuffix(t, w)))) {
			return true
		}
	}
	return false
}

// containerTag reports the elements whose class may make a repeated
// block (a reply, an item card).
func containerTag(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Li, atom.Article, atom.Section, atom.Table, atom.Tbody, atom.Tr, atom.Dl, atom.Dd, atom.Blockquote:
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// classifiedByTag reports the elements classify may make a unit of without
// any class, id, role or itemprop: for all others it returns false.
func classifiedByTag(a atom.Atom) bool {
	switch a {
	case atom.Nav, atom.Aside, atom.Footer, atom.Header, atom.Article, atom.Main,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// classify decides whether an element starts a unit, and of what kind, from
// its tag, ARIA role, itemprop and class and id tokens, given the kind of
// the text around it (ctx) and whether it sits in an item card.
func classify(a atom.Atom, cl classAttrs, ctx Kind, inItem bool) (unit, bool) {
	u := unit{kind: ctx}
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
		case m != 0 && !has(catWrapper):
			switch {
			case has(catBoiler):
				k = KindBoilerplate
			case has(catFooter):
				k = KindFooter
			case has(catSidebar):
				k = KindSidebar
			case has(catNav):
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
			((containerTag(a) || a == atom.Td) && has(catPost))
		if isPost && ctx == KindPost && a != atom.Article && containerTag(a) {
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
		case prop == "price" || prop == "offers" || has(catPrice):
			field = "price"
		case prop == "seller" || has(catSeller):
			field = "seller"
		case prop == "description" || has(catDesc):
			field = "description"
		case prop == "telephone" || has(catContact):
			field = "contact"
		case inItem && (prop == "name" || isHeading(a) || has(catTitle)):
			field = "title"
		}
		if field != "" && (inItem || ctx == KindListingField || ctx == "" || ctx == KindMain) {
			u.kind, u.field, u.real = KindListingField, field, true
			return u, true
		}
	}

	// Titles of the main content.
	if ctx == "" || ctx == KindMain {
		if a == atom.H1 || ((isHeading(a) || a == atom.Div || a == atom.P || a == atom.Span) && has(catTitle)) {
			u.kind, u.real = KindTitle, true
			return u, true
		}
	}

	// Main content regions.
	if ctx == "" && (a == atom.Main || a == atom.Article || role == "main" || role == "article" || has(catMain)) {
		u.kind, u.real = KindMain, true
		return u, true
	}

	// Candidates for repeated blocks: containers with a class or id.
	if containerTag(a) && cl.info.first != "" && (ctx == "" || ctx == KindMain || ctx == KindPost) {
		u.sig = cl.info.sig ^ uint64(a)
		u.itemish = has(catItem)
		return u, true
	}
	return u, false
}

// path is the Path hint of a unit's element: tag, then #id or
// .first-class.
func (u *unit) path() string {
	return u.a.String() + u.first
}

// pathOf is u.path(), made once per page for each distinct element and
// class (a page of item cards has thousands of blocks "div.item").
func (b *blockState) pathOf(u *unit) string {
	if u.first == "" {
		return u.a.String()
	}
	k := pathKey{u.a, u.first}
	if p, ok := b.paths[k]; ok {
		return p
	}
	p := u.path()
	if len(b.paths) < maxClassCache {
		b.paths[k] = p
	}
	return p
}

type pathKey struct {
	a     atom.Atom
	first string
}

// Text markers of boilerplate lines.
var (
	copyrightMarkers = []string{"版权所有", "Copyright", "copyright", "COPYRIGHT", "©", "ICP备", "ICP证", "公网安备", "All rights reserved", "All Rights Reserved", "主办单位", "技术支持：", "网站地图", "Powered by"}
	relatedMarkers   = []string{"相关文章", "相关阅读", "相关推荐", "相关新闻", "相关链接", "相关问题", "热门推荐", "热门文章", "猜你喜欢", "推荐阅读", "延伸阅读", "为您推荐", "看了又看", "同城推荐", "同城热门", "上一篇", "Related", "RELATED"}
	cookieMarkers    = []string{"cookie", "Cookie", "COOKIE"}
)

// markerSet finds any of a set of markers of two bytes or more in one pass:
// a marker can start only where its first two bytes are. The markers of a
// pair are found by an index into lists (not a map: Chinese text hits
// the pairs of Chinese markers often, each Chinese pair standing for 64
// characters).
type markerSet struct {
	pairBits [1 << 16 / 64]uint64
	index    []uint8    // by pair: 1 + the position of its markers in lists
	lists    [][]string // the markers of each pair
}

func newMarkerSet(lists ...[]string) *markerSet {
	m := &markerSet{index: make([]uint8, 1<<16)}
	for _, l := range lists {
		for _, w := range l {
			if len(w) < 2 {
				panic("page: marker shorter than two bytes: " + w)
			}
			p := uint16(w[0])<<8 | uint16(w[1])
			m.pairBits[p>>6] |= 1 << (p & 63)
			if m.index[p] == 0 {
				if len(m.lists) >= 255 {
					panic("page: too many marker pairs")
				}
				m.lists = append(m.lists, nil)
				m.index[p] = uint8(len(m.lists))
			}
			m.lists[m.index[p]-1] = append(m.lists[m.index[p]-1], w)
		}
	}
	return m
}

// in reports whether s contains one of the markers.
func (m *markerSet) in(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		p := uint16(s[i])<<8 | uint16(s[i+1])
		if m.pairBits[p>>6]&(1<<(p&63)) == 0 {
			continue
		}
		for _, w := range m.lists[m.index[p]-1] {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// chromeMarkers are the copyright and cookie markers together.
var chromeMarkers = newMarkerSet(copyrightMarkers, cookieMarkers)

func containsAny(s string, markers []string) bool {
	for _, m := range markers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, markers []string) bool {
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
func (e *extractor) buildBlocks(text string, shift int, desc, title string) []Block {
	b := &e.b
	e.closeSegment()
	units := b.units

	// First text of each unit including its descendants (a few levels up
	// from each segment: enough for a reply's first line).
	for _, s := range b.segs {
		for u, d := s.unit, 0; u >= 0 && d < 8; u, d = units[u].parent, d+1 {
			if ft := units[u].firstText; ft < 0 || s.start < ft {
				units[u].firstText = s.start
			}
		}
	}

	// Repeated siblings: candidates sharing parent element and signature.
	groups := b.groups
	for i := range units {
		u := &units[i]
		if !u.real && u.sig != 0 {
			k := groupKey{u.parentElem, u.sig}
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
	eff := append(b.eff[:0], make([]int32, len(units))...)
	b.eff = eff
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

	// Within main text, stretches of links and boilerplate lines become
	// blocks of their own: adjacent segments of one unit merge only when
	// they are of the same class. The blocks are first gathered in
	// scratch space, then made at their exact number.
	const (
		plain = iota
		linky // mostly link text, or the heading of a link list
		chrome
	)
	ex := b.ex[:0]
	lastUnit, lastClass := int32(-1), -1
	for _, s := range b.segs {
		u := eff[s.unit]
		kind := units[u].kind
		if kind == "" {
			kind = KindMain
		}
		class := plain
		if kind == KindMain {
			n := s.end - s.start
			seg := text[s.start+shift : s.end+shift]
			switch {
			case n < 300 && chromeMarkers.in(seg):
				class = chrome
			case s.links >= 2 && s.linkBytes*2 >= n,
				n < 40 && hasPrefixAny(seg, relatedMarkers):
				class = linky
			}
		}
		if u == lastUnit && class == lastClass && len(ex) > 0 {
			last := &ex[len(ex)-1]
			last.end = s.end + shift
			last.links += s.links
			last.linkBytes += s.linkBytes
			continue
		}
		lastUnit, lastClass = u, class
		ex = append(ex, blockExtra{start: s.start + shift, end: s.end + shift, unit: u, links: s.links, linkBytes: s.linkBytes, class: class})
	}
	b.ex = ex

	first := 0
	if title != "" {
		first++
	}
	if desc != "" {
		first++
	}
	blocks := make([]Block, 0, first+len(ex)+len(b.alts))
	if title != "" {
		blocks = append(blocks, Block{Kind: KindTitle, Text: title, Detached: true, Weight: KindTitle.Weight(), Path: "title"})
	}
	if desc != "" {
		blocks = append(blocks, Block{Kind: KindTitle, Text: desc, Start: 0, End: len(desc), Weight: KindTitle.Weight(), Path: "meta[description]"})
	}
	for _, x := range ex {
		un := &units[x.unit]
		kind := un.kind
		if kind == "" {
			kind = KindMain
		}
		blocks = append(blocks, Block{Kind: kind, Start: x.start, End: x.end, Field: un.field, Path: b.pathOf(un),
			Group: groupOf(units, x.unit)})
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
			case x.class == chrome && containsAny(bl.Text, copyrightMarkers):
				bl.Kind = KindFooter
			case x.class == chrome:
				bl.Kind = KindBoilerplate
			case x.class == linky && hasPrefixAny(bl.Text, relatedMarkers):
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
		blocks = insertAlts(blocks, b.alts, shift)
	}
	return blocks
}

// groupOf is the Group of a block of unit u: 1 + the nearest unit at or
// above u (a few levels) that is a post or an item card, or 0.
func groupOf(units []unit, u int32) int {
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
func insertAlts(blocks []Block, alts []altText, shift int) []Block {
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
		blocks[w] = altBlock(alts[j], pos[j])
		w--
	}
	return blocks
}

func altBlock(a altText, pos int) Block {
	return Block{Kind: KindAltText, Text: a.text, Start: pos, End: pos, Detached: true, Weight: KindAltText.Weight(), Path: "img"}
}

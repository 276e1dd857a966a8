package page

import (
	"strings"
)

// Kind says what part of a page a Block is. The matcher weighs blocks by
// kind: an offer in the main text or a reply counts fully, the same words in
// a menu or a "related articles" list much less.
type Kind string

// Block kinds.
const (
	// KindTitle is the page's <title> (detached: Page.Title is not part of
	// Page.Text), the meta description, an <h1> or a heading-like element
	// of the main content.
	KindTitle Kind = "title"
	// KindMain is main content: an article's body, a notice, the text of a
	// page that has no recognisable structure.
	KindMain Kind = "main"
	// KindPost is one post, reply, comment or answer of a forum thread,
	// comment list or Q&A page.
	KindPost Kind = "post"
	// KindListingField is one field of a marketplace listing (Block.Field
	// names it: title, price, seller, description, contact), or a whole
	// item card of a result page (Field empty).
	KindListingField Kind = "listing_field"
	// KindLinkText is a block mostly made of links with longer texts
	// (lists of headlines or ads) outside any navigation.
	KindLinkText Kind = "link_text"
	// KindAltText is an image's alt (or title) attribute; it is detached.
	KindAltText Kind = "alt_text"
	// KindNav is navigation: menus, breadcrumbs, pagination, site headers,
	// and blocks mostly made of short links.
	KindNav Kind = "nav"
	// KindFooter is a page footer: copyright, ICP registration, contact
	// lines of the site itself.
	KindFooter Kind = "footer"
	// KindSidebar is complementary content beside the main text: asides,
	// widgets, rankings.
	KindSidebar Kind = "sidebar"
	// KindBoilerplate is text any page of the site repeats: cookie
	// banners, share bars, "related articles" and recommendation lists,
	// advertisement slots.
	KindBoilerplate Kind = "boilerplate"
)

// Weight is the default weight of a kind, a hint for the matcher in [0, 1]:
// 1 for content a person wrote for this page, less for what the site
// repeats around it. See doc.go for how it was chosen.
func (k Kind) Weight() float64 {
	switch k {
	case KindTitle, KindMain, KindPost, KindListingField:
		return 1
	case KindLinkText, KindAltText:
		return 0.6
	case KindSidebar, KindBoilerplate:
		return 0.3
	case KindNav, KindFooter:
		return 0.2
	}
	return 1
}

// LowWeight reports the kinds around the content: navigation, footers,
// sidebars and boilerplate.
func (k Kind) LowWeight() bool {
	switch k {
	case KindNav, KindFooter, KindSidebar, KindBoilerplate:
		return true
	}
	return false
}

// Block is one typed part of a page.
//
// The blocks of a Page are in document order. A block that is not Detached
// is the byte range [Start, End) of Page.Text, Text == Page.Text[Start:End];
// such blocks do not overlap, each starts at the beginning of a line and
// ends at the end of one (in a text record, past leading and trailing
// spaces), and together they cover every non-space byte of Page.Text (what
// lies between two blocks is line breaks, in a text record also spaces). A Detached block
// (the <title>, an image's alt text, a listing field the page itself does
// not show) carries text that is not in Page.Text; its Start == End is
// where in Page.Text it stood.
type Block struct {
	Kind Kind
	// Text is the block's text: lines of collapsed whitespace, like
	// Page.Text.
	Text       string
	Start, End int
	Detached   bool
	// Weight is Kind.Weight() unless the extractor had reason to change it.
	Weight float64
	// Field names a listing field ("title", "price", "seller",
	// "description", "contact"), empty otherwise.
	Field string
	// Path is a hint at the element the block came from, like "div.post"
	// or "aside#side" or "body"; for text records "text".
	Path string
	// Group, when not 0, is shared by the blocks of one listing card or
	// one post: a card's title, price and seller fields, a reply's parts.
	// Score them together as one short text.
	Group int
}

// Listing field names, in the order WithListing adds them.
var ListingFieldNames = []string{"title", "price", "seller", "description", "contact"}

// ListingField is one field of a marketplace listing as a source's listing
// selectors read it from a result page.
type ListingField struct {
	Name, Value string
}

// ListingFields returns the fields of m named in ListingFieldNames, in that
// order, skipping empty ones: the shape the sweep keeps listing fields in
// (a frontier item's Meta).
func ListingFields(m map[string]string) []ListingField {
	var out []ListingField
	for _, k := range ListingFieldNames {
		if v := strings.TrimSpace(m[k]); v != "" {
			out = append(out, ListingField{Name: k, Value: v})
		}
	}
	return out
}

// WithListing returns a copy of p that knows what a result page said about
// it: each field whose value is a whole line of a block of p's text splits
// that block and becomes a listing_field block in place; any other field is
// appended to Text on a line of its own as a listing_field block (so the
// matcher sees what the marketplace showed even when the detail page does
// not repeat it). p itself is not changed.
func (p *Page) WithListing(fields []ListingField) *Page {
	cp := *p
	cp.Blocks = append([]Block(nil), p.Blocks...)
	var extra []ListingField
	for _, f := range fields {
		v := collapse(f.Value, maxListingFieldRunes)
		if v == "" {
			continue
		}
		if !cp.retagLine(v, f.Name) {
			if !strings.Contains(cp.Text, v) {
				extra = append(extra, ListingField{Name: f.Name, Value: v})
			}
		}
	}
	for _, f := range extra {
		cp.AppendBlock(KindListingField, "listing", f.Value)
		cp.Blocks[len(cp.Blocks)-1].Field = f.Name
	}
	return &cp
}

// AppendBlock adds text on a line of its own at the end of Text as a
// block of the given kind (Path path), for text a fetch engine learns
// after extraction, such as the messages of JavaScript dialogs. Empty
// text adds nothing.
func (p *Page) AppendBlock(kind Kind, path, text string) {
	text = strings.TrimSpace(strings.ToValidUTF8(text, "\uFFFD"))
	if text == "" {
		return
	}
	start := len(p.Text)
	if start > 0 {
		p.Text += "\n"
		start++
	}
	p.Text += text
	p.Blocks = append(p.Blocks, Block{Kind: kind, Text: text, Start: start, End: len(p.Text), Weight: kind.Weight(), Path: path})
}

// maxListingFieldRunes bounds one listing field's value.
const maxListingFieldRunes = 2000

// retagLine finds v as a whole line inside a non-detached block that is not
// already a listing field, and splits that block so that the line becomes a
// listing_field block. It reports whether it did.
func (p *Page) retagLine(v, field string) bool {
	for i, b := range p.Blocks {
		if b.Detached || b.Kind == KindListingField {
			continue
		}
		off := lineIndex(b.Text, v)
		if off < 0 {
			continue
		}
		var parts []Block
		if off > 0 {
			before := b
			before.End = b.Start + off - 1 // without the line break
			before.Text = p.Text[before.Start:before.End]
			parts = append(parts, before)
		}
		mid := Block{Kind: KindListingField, Start: b.Start + off, End: b.Start + off + len(v), Weight: KindListingField.Weight(),
			Field: field, Path: b.Path}
		mid.Text = p.Text[mid.Start:mid.End]
		parts = append(parts, mid)
		if mid.End < b.End {
			after := b
			after.Start = mid.End + 1
			after.Text = p.Text[after.Start:after.End]
			parts = append(parts, after)
		}
		rest := append(parts, p.Blocks[i+1:]...)
		p.Blocks = append(p.Blocks[:i], rest...)
		return true
	}
	return false
}

// lineIndex returns the offset of the first occurrence of v in s that is a
// whole line of s, or -1.
func lineIndex(s, v string) int {
	for from := 0; from <= len(s)-len(v); {
		i := strings.Index(s[from:], v)
		if i < 0 {
			return -1
		}
		i += from
		if (i == 0 || s[i-1] == '\n') && (i+len(v) == len(s) || s[i+len(v)] == '\n') {
			return i
		}
		from = i + 1
	}
	return -1
}

// EnsureBlocks makes Blocks describe Text for a Page that was not built by
// FromHTML or FromText (a Page literal), or whose Text was changed after
// (lines appended by a fetch engine). Blocks that no longer match Text are
// rebuilt the way FromText splits a text record, with a detached title
// block for a Title; text after the last block becomes a main block
// (Path "appended"). Pages whose blocks match their text are left alone,
// so calling it again costs one comparison per block.
func (p *Page) EnsureBlocks() {
	end := 0
	for _, b := range p.Blocks {
		if b.Start < end || b.End < b.Start || b.End > len(p.Text) || (!b.Detached && p.Text[b.Start:b.End] != b.Text) {
			p.Blocks = nil
			break
		}
		end = b.End
	}
	if p.Blocks != nil {
		if s, e := trimSpan(p.Text, end, len(p.Text)); s < e {
			// Start and end on whole lines, like every block.
			s = strings.LastIndexByte(p.Text[:s], '\n') + 1
			if s >= end {
				p.Blocks = append(p.Blocks, Block{Kind: KindMain, Text: p.Text[s:e], Start: s, End: e, Weight: KindMain.Weight(), Path: "appended"})
				return
			}
			p.Blocks = nil // appended to the last line: start afresh
		}
	}
	if p.Blocks == nil {
		blocks := textBlocks(p.Text)
		if p.Title != "" {
			title := Block{Kind: KindTitle, Text: p.Title, Detached: true, Weight: KindTitle.Weight(), Path: "title"}
			blocks = append([]Block{title}, blocks...)
		}
		p.Blocks = blocks
	}
}

// BlocksOf returns the blocks of the given kinds, in document order.
func (p *Page) BlocksOf(kinds ...Kind) []Block {
	var out []Block
	for _, b := range p.Blocks {
		for _, k := range kinds {
			if b.Kind == k {
				out = append(out, b)
				break
			}
		}
	}
	return out
}

// BlockAt returns the index of the non-detached block that holds byte off
// of Page.Text, or -1 (off on a line break between blocks, or out of
// range). Blocks are sorted, so this is a binary search.
func (p *Page) BlockAt(off int) int {
	lo, hi := 0, len(p.Blocks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p.Blocks[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for i := lo; i < len(p.Blocks); i++ {
		b := p.Blocks[i]
		if b.Start > off {
			return -1
		}
		if !b.Detached && b.Start <= off && off < b.End {
			return i
		}
	}
	return -1
}

package page

import (
	"errors"
	"fmt"
	"strings"
)

// MaxBodySize is the largest body FromHTML accepts and the largest record the
// readers take in. Real pages are far smaller; anything bigger is either not a
// page or an attempt to exhaust memory.
const MaxBodySize = 32 << 20

// Bounds on what one page keeps. Extraction stops collecting past them, so a
// hostile page cannot turn 32 MiB of markup into gigabytes of structs.
const (
	maxLinks         = 20000
	maxForms         = 200
	maxFieldsPerForm = 500
	maxOptions       = 200
	maxLinkTextRunes = 300
	maxLabelRunes    = 100
	maxTitleRunes    = 1000
)

// ErrTooLarge is returned (wrapped) for bodies over MaxBodySize.
var ErrTooLarge = errors.New("larger than the limit")

// Page is one page as the matcher sees it: UTF-8 text and structure, no
// markup.
type Page struct {
	// URL is the page's address as given; FromHTML does not change it. The
	// file readers use "file://" + absolute path for files that have none.
	URL string
	// Title is the text of the first <title>, whitespace collapsed.
	Title string
	// Text is the visible text. Each block element (p, div, li, tr, td, br,
	// h1–h6, option, label, ...) ends a line; inline text is joined without
	// adding spaces; runs of whitespace within a line collapse to one space;
	// empty lines are dropped. Script, style, noscript, template, iframe
	// fallback and title content is excluded, and so are attribute texts
	// (alt, placeholder, value): form details are in Forms. A meta
	// description, if any, is the first line.
	Text string
	// Forms are the page's forms in document order. Controls outside any
	// <form> (pages that submit with script) are gathered into one trailing
	// Form with empty Action and Method.
	Forms []Form
	// Links are the <a href> and <area href> links in document order.
	Links []Link
	// Charset is the charset the body was decoded from ("utf-8", "gbk",
	// "gb18030", "big5", ...); see Decode.
	Charset string
	// Source says where the page came from, for messages:
	// "path/file.html", "pages.jsonl:12", "crawl.warc.gz#record 3 (offset
	// 1234)", "stdin:5". FromHTML and FromText leave it empty.
	Source string
	// Blocks are the typed parts of the page in document order (see Block
	// and doc.go): the title, the main text, each post or reply, listing
	// fields, link and alt texts, and the navigation, footers, sidebars and
	// boilerplate around them. Text is their concatenation, each block on
	// lines of its own.
	Blocks []Block
	// Meta holds extra string fields of the input record: the other fields
	// of a JSON Lines record ("label", "id", ...), or for a WARC record
	// "warc-record-id", "warc-date" and "http-status". Nil when there are
	// none.
	Meta map[string]string
}

// Form is one HTML form.
type Form struct {
	// Action is the action attribute resolved against the page URL (or
	// <base href>) when possible, empty when absent.
	Action string
	// Method is "GET" or "POST" (upper case; "GET" when absent or unknown).
	Method string
	Fields []Field
}

// Field is one form control: input, select, textarea or button.
type Field struct {
	// Label is what a person reads as the field's name. It is the first
	// found of: the text of a <label for=id>; the text of a wrapping
	// <label>; the aria-label attribute; the nearest text before the field
	// in the same table row (or, outside tables, since the previous field),
	// such as "证件号码：" in a cell to its left; the title attribute.
	Label string
	Name  string
	ID    string
	// Type is the input type in lower case ("text" when absent), or
	// "select", "textarea", or the type of a <button> ("submit" by default).
	Type        string
	Placeholder string
	// Value is the value attribute, a button's text, an image button's alt
	// text, or a textarea's text: for buttons ("查询") and hidden fields it
	// is often the only clue.
	Value string
	// Options are the option texts of a select.
	Options []string
}

// Link is one hyperlink.
type Link struct {
	// URL is the href resolved against the page URL (or <base href>) when
	// possible, otherwise as written with surrounding whitespace removed.
	URL string
	// Text is the link's text, whitespace collapsed; for an image link
	// without text, the image's alt text; failing that the title attribute.
	Text string
}

// FromHTML decodes body (see Decode; contentType is the HTTP Content-Type
// header, may be empty) and extracts the Page. url is the page's address,
// used to resolve links; it may be empty. It fails only for a body over
// MaxBodySize (ErrTooLarge) or a failing decoder: malformed markup is read
// the way a browser would read it, as far as text, forms and links go.
func FromHTML(url string, body []byte, contentType string) (*Page, error) {
	if len(body) > MaxBodySize {
		return nil, fmt.Errorf("page: parse %s: body of %d bytes: %w (%d bytes)", describeURL(url), len(body), ErrTooLarge, MaxBodySize)
	}
	text, cs, err := Decode(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("page: parse %s: %w", describeURL(url), err)
	}
	p := extract(url, text)
	p.Charset = cs
	return p, nil
}

// FromText makes a Page of plain text: no title, no forms, no links, Text as
// given (invalid UTF-8 replaced by U+FFFD), blocks by paragraph groups and
// reply markers (see doc.go).
func FromText(url, text string) *Page {
	text = strings.ToValidUTF8(text, "\uFFFD")
	return &Page{URL: url, Text: text, Charset: CharsetUTF8, Blocks: textBlocks(text)}
}

func describeURL(url string) string {
	if url == "" {
		return "page without URL"
	}
	return url
}

// String describes the page for messages: address, title, size of the text
// and number of blocks.
func (p *Page) String() string {
	if p == nil {
		return "<nil page>"
	}
	return fmt.Sprintf("page %s %q: %d bytes of text in %d blocks", describeURL(p.URL), p.Title, len(p.Text), len(p.Blocks))
}

package tuning

import (
	"errors"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

// snapshotPage rebuilds the page the matcher read for a snapshot. It
// returns a nil page with a reason when the snapshot cannot be read as a
// page, and an error only when the store fails.
//
// The stored text is what the sweep matched (for a listing, with the
// listing's fields added), so it wins; the body adds forms, which only
// imitation checks read, and is the whole source for snapshots recorded
// before texts were kept.
func (c *comparer) snapshotPage(sn *store.Snapshot) (*page.Page, string, error) {
	url := sn.FinalURL
	if url == "" {
		url = sn.URL
	}
	txt, err := c.st.SnapshotText(sn.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		txt = nil
	case err != nil:
		return nil, "", err
	case !c.needForms:
		return textPage(url, txt.Title, txt.Text), "", nil
	}
	body, err := c.st.SnapshotBody(sn.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if txt == nil {
			return nil, "neither text nor body is stored", nil
		}
		return textPage(url, txt.Title, txt.Text), "", nil
	case err != nil:
		return nil, "", err
	}
	p, err := bodyPage(url, body, sn.Header.Get("Content-Type"), sn.Rendered)
	if err != nil {
		if txt == nil {
			return nil, err.Error(), nil
		}
		p = &page.Page{URL: url}
	}
	if txt != nil {
		p.Title, p.Text = txt.Title, txt.Text
	}
	// Blocks that no longer describe the stored text are rebuilt the
	// way a text record's are: the matcher scores per block.
	p.EnsureBlocks()
	return p, "", nil
}

// textPage is a page of a stored title and text, with blocks as a text
// record gets them.
func textPage(url, title, text string) *page.Page {
	p := &page.Page{URL: url, Title: title, Text: text}
	p.EnsureBlocks()
	return p
}

// bodyPage reads a stored body as the crawler read it when it fetched it:
// markup when it is HTML or was rendered, plain text otherwise, decoded by
// the Content-Type's charset or by sniffing.
func bodyPage(url string, body []byte, contentType string, rendered bool) (*page.Page, error) {
	if len(body) > page.MaxBodySize {
		body = body[:page.MaxBodySize]
	}
	mt := contentType
	if mt == "" {
		mt = http.DetectContentType(body)
	}
	if m, _, err := mime.ParseMediaType(mt); err == nil {
		mt = m
	} else {
		mt, _, _ = strings.Cut(mt, ";")
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	if rendered || mt == "text/html" || mt == "application/xhtml+xml" {
		return page.FromHTML(url, body, contentType)
	}
	text, cs, err := page.Decode(body, contentType)
	if err != nil {
		return nil, err
	}
	p := page.FromText(url, text)
	p.Charset = cs
	return p, nil
}

// maxTitle bounds a page title; extraction keeps at most 1000 runes.
const maxTitle = 16 << 10

// capText cuts the title and text at their bounds, on a character
// boundary, and reports whether it cut anything.
func capText(p *page.Page, maxText int) bool {
	var cut bool
	p.Title, cut = cutUTF8(p.Title, maxTitle)
	var cutText bool
	p.Text, cutText = cutUTF8(p.Text, maxText)
	return cut || cutText
}

func cutUTF8(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

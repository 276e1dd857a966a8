package crawler

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"

	"github.com/certwatch/certwatch/page"
)

// Bounds on what one result page yields: listing pages are written by
// adversaries too.
const (
	maxListings       = 1000
	maxListingRunes   = 2000
	maxListingURLSize = 4096
)

// Fields returns the listing's fields as the page model takes them (see
// page.Page.WithListing): the detail page's listing_field blocks.
func (l Listing) Fields() []page.ListingField {
	return page.ListingFields(map[string]string{
		"title": l.Title, "price": l.Price, "seller": l.Seller, "description": l.Description, "contact": l.Contact,
	})
}

// Validate compiles every selector, so that a bad one is reported when the
// configuration is loaded rather than silently matching nothing.
func (s *ListingSelectors) Validate() error {
	if strings.TrimSpace(s.Item) == "" {
		return fmt.Errorf("crawler: listing selectors: item selector is empty")
	}
	for _, f := range []struct{ name, sel string }{
		{"item", s.Item}, {"title", s.Title}, {"price", s.Price}, {"seller", s.Seller},
		{"description", s.Description}, {"contact", s.Contact}, {"link", s.Link}, {"next", s.Next},
	} {
		if f.sel == "" {
			continue
		}
		if _, err := cascadia.Compile(f.sel); err != nil {
			return fmt.Errorf("crawler: listing selectors: %s %q: %w", f.name, f.sel, err)
		}
	}
	return nil
}

// extractListings reads the listings of a result page and the URL of the
// next result page. body is decoded like the Page; URLs are resolved
// against pageURL (or the document's <base href>).
func extractListings(body []byte, contentType, pageURL string, sel *ListingSelectors) ([]Listing, string) {
	text, _, err := page.Decode(body, contentType)
	if err != nil {
		return nil, ""
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil, ""
	}
	base, _ := url.Parse(pageURL)
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok && base != nil {
		if ref, err := url.Parse(strings.TrimSpace(href)); err == nil {
			base = base.ResolveReference(ref)
		}
	}
	var out []Listing
	if sel.Item != "" {
		doc.Find(sel.Item).EachWithBreak(func(_ int, item *goquery.Selection) bool {
			l := Listing{
				Title:       fieldText(item, sel.Title),
				Price:       fieldText(item, sel.Price),
				Seller:      fieldText(item, sel.Seller),
				Description: fieldText(item, sel.Description),
				Contact:     fieldText(item, sel.Contact),
				URL:         absolute(base, linkOf(item, sel.Link)),
			}
			if l != (Listing{}) {
				out = append(out, l)
			}
			return len(out) < maxListings
		})
	}
	var next string
	if sel.Next != "" {
		next = absolute(base, linkOf(doc.Find(sel.Next).First(), ""))
	}
	return out, next
}

// fieldText is the collapsed text of the first match of sel within item.
func fieldText(item *goquery.Selection, sel string) string {
	if sel == "" {
		return ""
	}
	return collapseText(item.Find(sel).First().Text(), maxListingRunes)
}

// linkOf finds a link: the first match of sel within s (s itself when sel
// is empty) if it has an href, else the first a[href] inside it.
func linkOf(s *goquery.Selection, sel string) string {
	if sel != "" {
		s = s.Find(sel).First()
	}
	if s.Length() == 0 {
		return ""
	}
	for _, attr := range []string{"href", "data-href", "data-url"} {
		if v, ok := s.Attr(attr); ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	if v, ok := s.Find("a[href]").First().Attr("href"); ok {
		return v
	}
	return ""
}

// absolute resolves href against base; only http(s) results are kept.
func absolute(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || len(href) > maxListingURLSize {
		return ""
	}
	ref, err := url.Parse(href)
	if err != nil {
		return ""
	}
	u := ref
	if base != nil {
		u = base.ResolveReference(ref)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// collapseText joins whitespace runs into one space and bounds the length.
func collapseText(s string, maxRunes int) string {
	var b strings.Builder
	n := 0
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= maxRunes {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

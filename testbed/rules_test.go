package testbed

import (
	"fmt"
	"html"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// renderedItem is the DOM the item page's script builds, written out as
// HTML: what a browser engine hands the matcher. Keep it in step with
// shopItemShell.
func renderedItem(l listing) string {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<html><head><title>%s - 优品集市</title></head><body><div class="top"><a href="/">优品集市</a></div><div class="wrap"><div id="status"></div><div id="detail" class="item" data-id="%d">`, e(l.Title), l.ID)
	fmt.Fprintf(&b, `<h1 class="title">%s</h1><span class="price">%s</span><span class="seller">店铺：%s</span>`, e(l.Title), e(l.Price), e(l.Seller))
	fmt.Fprintf(&b, `<p class="location">发货地：%s　已售 %d 件</p><p class="desc">%s</p><p class="contact">%s</p><h3>商品详情</h3>`, e(l.Location), l.Sold, e(l.Desc), e(l.Contact))
	for _, p := range l.Detail {
		fmt.Fprintf(&b, `<p class="detail-text">%s</p>`, e(p))
	}
	b.WriteString(`</div></div></body></html>`)
	return b.String()
}

// defaultMatcher compiles the embedded rule pack.
func defaultMatcher(t *testing.T) (*matcher.Matcher, *rules.Pack) {
	t.Helper()
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(pack)
	if err != nil {
		t.Fatal(err)
	}
	return m, pack
}

// sweptBody is a page of the sample web as a sweep fetches it: a shop
// item as the browser renders it, any other page as served (fenlei pages
// as raw GBK), with its Content-Type.
func sweptBody(t *testing.T, c *http.Client, u string) (body []byte, contentType string, ok bool) {
	t.Helper()
	if l, ok := listingAt(u); ok {
		return []byte(renderedItem(l)), ctHTML, true
	}
	r := get(t, c, u)
	if r.status != http.StatusOK {
		t.Errorf("%s: status %d", u, r.status)
		return nil, "", false
	}
	return r.body, r.header.Get("Content-Type"), true
}

func listingAt(u string) (listing, bool) {
	for _, l := range listings {
		if urlOf(HostShop, itemPath(l.ID)) == u {
			return l, true
		}
	}
	return listing{}, false
}

// sweptPage is what a sweep's matcher gets from body: the page, and for a
// shop item also what the search results showed about it (the listing
// fields the sweep adds with page.WithListing).
func sweptPage(u string, body []byte, contentType string) (*page.Page, error) {
	p, err := page.FromHTML(u, body, contentType)
	if err != nil {
		return nil, err
	}
	if l, ok := listingAt(u); ok {
		p = p.WithListing(page.ListingFields(map[string]string{
			"title": l.Title, "price": l.Price, "seller": l.Seller, "description": l.Desc, "contact": l.Contact}))
	}
	return p, nil
}

// TestExpectedAgreesWithDefaultRules scores every page of Expected with the
// embedded rule pack, as a sweep would (see sweptBody and sweptPage), so a change to the
// pages or the rules that would break the end-to-end sweep shows here
// first, with the matcher's reasons.
func TestExpectedAgreesWithDefaultRules(t *testing.T) {
	m, _ := defaultMatcher(t)
	w := shared(t)
	c := client(t, w)
	e := w.Expected()
	want := map[string]string{}
	for u, cat := range e.Flagged {
		want[u] = cat
	}
	for _, u := range e.NotFlagged {
		want[u] = ""
	}
	urls := make([]string, 0, len(want))
	for u := range want {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		body, ct, ok := sweptBody(t, c, u)
		if !ok {
			continue
		}
		p, err := sweptPage(u, body, ct)
		if err != nil {
			t.Errorf("%s: %v", u, err)
			continue
		}
		f := m.Match(p)
		got := ""
		if f.Flagged {
			got = f.Category
		}
		if got != want[u] {
			t.Errorf("%s: flagged as %q (score %v), want %q\n\t%s", u, got, f.Score, want[u], strings.Join(f.Reasons, "\n\t"))
		}
	}
}

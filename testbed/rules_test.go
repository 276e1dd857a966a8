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

// TestExpectedAgreesWithDefaultRules scores every page of Expected with the
// embedded rule pack, as a sweep would (shop items as the browser renders
// them, fenlei pages as raw GBK with Content-Type "text/html"), so a change
// to the pages or the rules that would break the end-to-end sweep shows
// here first, with the matcher's reasons.
func TestExpectedAgreesWithDefaultRules(t *testing.T) {
	pack, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(pack)
	if err != nil {
		t.Fatal(err)
	}
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
	items := map[string]listing{}
	for _, l := range listings {
		items[urlOf(HostShop, itemPath(l.ID))] = l
	}
	for _, u := range urls {
		var p *page.Page
		if l, ok := items[u]; ok {
			p, err = page.FromHTML(u, []byte(renderedItem(l)), ctHTML)
		} else {
			r := get(t, c, u)
			if r.status != http.StatusOK {
				t.Errorf("%s: status %d", u, r.status)
				continue
			}
			p, err = page.FromHTML(u, r.body, r.header.Get("Content-Type"))
		}
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

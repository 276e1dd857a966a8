package page

import (
	"regexp"
	"strings"
	"testing"
)

// TestFastResolveMatchesNetURL holds linkResolver to net/url's answer
// (resolve) for every href and form action in the repository's pages,
// against their own URLs and a set of awkward bases, and for hrefs made
// to sit on the edges of the fast path.
func TestFastResolveMatchesNetURL(t *testing.T) {
	hrefRE := regexp.MustCompile(`(?i)(?:href|action|src)\s*=\s*["']([^"']*)["']`)
	hrefs := []string{
		"", " ", "/", "//", "/a", "a", "a/b", "./a", "../a", "a/../b", "a/./b", "/a/..", "/a/.", ".", "..", "...", ".a",
		"/a//b", "//h.example/x", "a:b", "/a:b", "mailto:x@y.example", "javascript:void(0)", "#top", "/a#b", "?q=1",
		"/a?q=1", "/a?", "a?b?c", "/a?x=%zz", "/a?x y", "/a%20b", "/a b", "/é", " /a", "/a ", "/a\tb", "\n/a",
		"http://h.example", "http://h.example/", "http://h.example?q", "http://h.example/a?q=1", "https://h.example:8443/a",
		"http://h.example:/a", "http://h.example:x/a", "HTTP://h.example/a", "http://H.example/a", "http://u@h.example/a",
		"http://h.example/./a", "http://h.example//a", "http://[::1]/a", "http:/a", "http:a", "ftp://h.example/a",
		"/p/1.html", "p/1.html", "p/1.html?id=2&x=3", "/$&+,;=@~_-.a", "\u3000/a",
	}
	bases := []string{
		"http://a.example/", "http://a.example", "http://a.example/dir/page.html", "http://a.example/dir/",
		"https://a.example:8443/x/y?q=1#f", "http://a.example/a/../b/c", "http://a.example/./c", "http://a.example//c",
		"http://u:p@a.example/x", "http://A.example/x", "http://a.example/%41/x", "http://a.example/é/x",
		"mailto:x@a.example", "ftp://a.example/x", "http://[::1]:80/x", "http://a.example:/x",
		"http://a.example?q=1", "http://a.example/d/p?q=/x/", "https://a.example:8443", " http://a.example/d/x",
		"http://a.example/d/x ", "HTTP://a.example/d/x", "http://a.example/d/x#f", "http://a.example/d/x?a#f",
	}
	crafted := len(hrefs)
	seenBase, seenHref := map[string]bool{}, map[string]bool{}
	for _, p := range allOraclePages(t) {
		// One base per directory: the others resolve alike.
		if dir := p.url[:strings.LastIndexByte(p.url, '/')+1]; !seenBase[dir] && len(seenBase) < 60 {
			seenBase[dir] = true
			bases = append(bases, p.url)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(p.body), -1) {
			if !seenHref[m[1]] {
				seenHref[m[1]] = true
				hrefs = append(hrefs, m[1])
			}
		}
	}
	fast, n := 0, 0
	for _, b := range bases {
		base := baseURL(b, "", false)
		r := pageLinkResolver(b, "", false)
		if o, d, ok := plainPageURL(b); ok {
			full := newLinkResolver(base)
			if full.origin != o || full.dir != d {
				t.Errorf("page URL %q read as origin %q, directory %q; parsed: %q, %q", b, o, d, full.origin, full.dir)
			}
		}
		for _, h := range hrefs {
			n++
			want := resolve(base, h)
			if got := r.resolve(h); got != want {
				t.Errorf("base %q, href %q: fast path gives %q, net/url %q", b, h, got, want)
			}
			if r.origin != "" {
				if _, ok := r.fastResolve(h); ok {
					fast++
				}
			}
		}
	}
	// A base with a <base href>, which baseURL resolves first.
	for _, bh := range []string{"/sub/", "../up/x", "http://b.example/q/", "sub"} {
		base := baseURL("http://a.example/dir/page.html", bh, true)
		r := pageLinkResolver("http://a.example/dir/page.html", bh, true)
		for _, h := range hrefs[:crafted] {
			if got, want := r.resolve(h), resolve(base, h); got != want {
				t.Errorf("base href %q, href %q: fast path gives %q, net/url %q", bh, h, got, want)
			}
		}
	}
	if fast == 0 || fast == n {
		t.Fatalf("the fast path took %d of %d hrefs: the test does not cover both paths", fast, n)
	}
	t.Logf("%d of %d resolutions on the fast path", fast, n)
}

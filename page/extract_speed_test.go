package page

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html/atom"
)

// Extractors come from a pool and keep their buffers: pages extracted at
// the same time, one after another in any order, come out as when each is
// extracted alone.
func TestExtractPooledConcurrently(t *testing.T) {
	pages := repoPages(t)
	pages = append(pages, trickyPages()...)
	want := make([]*Page, len(pages))
	for i, p := range pages {
		want[i] = refExtract(p.url, strings.ToValidUTF8(string(p.body), "\uFFFD"))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 12))
			for _, i := range r.Perm(len(pages)) {
				got := extract(pages[i].url, strings.ToValidUTF8(string(pages[i].body), "\uFFFD"))
				if d := diffPages(got, want[i]); d != "" {
					errs <- pages[i].source + ":\n" + d
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// A Page shares no memory with the extractor that made it: extracting
// other pages afterwards changes nothing in it.
func TestExtractPageOutlivesExtractor(t *testing.T) {
	doc := `<title>甲</title><div class="post">楼主 发表于 2024</div><div class="post">2楼 回复</div><a href="/x">链接</a><img alt="图">`
	p := extract("http://a.example/", doc)
	before := exported(p)
	before.Blocks = append([]Block(nil), p.Blocks...)
	before.Links = append([]Link(nil), p.Links...)
	for i := 0; i < 50; i++ {
		extract("http://b.example/", strings.Repeat(`<div class="item"><a href="/y">乙乙乙乙</a></div><p>丙</p>`, i+1))
	}
	if d := diffPages(p, &before); d != "" {
		t.Fatalf("the page changed after later extractions:\n%s", d)
	}
}

// Elements without class, id, role or itemprop skip classify: it must
// not make a unit of them unless classifiedByTag says it may.
func TestClassifiedByTag(t *testing.T) {
	var names []string
	for _, list := range [][]string{
		{"a", "abbr", "address", "area", "article", "aside", "b", "blockquote", "body", "br", "button", "caption", "center", "dd", "details",
			"dialog", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
			"header", "hgroup", "hr", "i", "img", "input", "label", "legend", "li", "main", "mark", "menu", "nav", "ol", "optgroup", "option",
			"p", "pre", "section", "select", "small", "span", "strong", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
			"time", "tr", "u", "ul", "video", "xmp", "iframe", "object", "canvas", "svg", "math", "q", "s", "sub", "sup", "code", "cite"},
	} {
		names = append(names, list...)
	}
	kinds := []Kind{"", KindMain, KindPost, KindListingField, KindTitle, KindLinkText, KindNav, KindFooter, KindSidebar, KindBoilerplate}
	for _, n := range names {
		a := atom.Lookup([]byte(n))
		if a == 0 {
			t.Fatalf("%s is no atom", n)
		}
		if classifiedByTag(a) {
			continue
		}
		for _, ctx := range kinds {
			for _, inItem := range []bool{false, true} {
				if _, ok := classify(a, classAttrs{}, ctx, inItem); ok {
					t.Errorf("classify(<%s>, no attributes, %q, %v) makes a unit, but classifiedByTag says it cannot", n, ctx, inItem)
				}
			}
		}
	}
}

// markerSet finds what containsAny finds.
func FuzzMarkerSet(f *testing.F) {
	for _, s := range []string{"版权所有 2024", "京ICP备1号", "x©y", "Cookie", "COOKIE policy", "abc", "版权", "©", "Powered byz", "主办单位：某局"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := containsAny(s, copyrightMarkers) || containsAny(s, cookieMarkers)
		if got := chromeMarkers.in(s); got != want {
			t.Fatalf("chromeMarkers.in(%q) = %v, want %v", s, got, want)
		}
	})
}

// The text writers copy runs at once; they must write what writing rune
// by rune wrote.
func FuzzTextWriters(f *testing.F) {
	for _, s := range []string{"甲 乙\u3000丙\n丁", "  a\tb  ", "\xff\xfe甲", "\u00a0x\u2028y", strings.Repeat("字", 120), "a\x00b"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max&255 + 1
		// oneLine against the reference.
		o := oneLine{max: max}
		r := refOneLine{max: max}
		for _, part := range strings.SplitAfter(s, "|") {
			end, runes := wordEnd(part, 0, len(part))
			o.writeText(part, end == len(part), runes)
			r.write(part)
		}
		if o.String() != r.String() {
			t.Fatalf("oneLine(%q, %d) = %q, want %q", s, max, o.String(), r.String())
		}
		// lineWriter.
		var w lineWriter
		var rw refLineWriter
		for _, part := range strings.SplitAfter(s, "|") {
			if end, _ := wordEnd(part, 0, len(part)); end == len(part) && part != "" {
				w.writeWord(part)
			} else {
				w.write(part)
			}
			rw.write(part)
			if len(part)%3 == 0 {
				w.breakLine()
				rw.breakLine()
			}
		}
		if string(w.out) != rw.String() {
			t.Fatalf("lineWriter(%q) = %q, want %q", s, w.out, rw.String())
		}
		// recentLine.
		var rl recentLine
		var rr refRecentLine
		for i, part := range strings.SplitAfter(s, "|") {
			if end, _ := wordEnd(part, 0, len(part)); end == len(part) && part != "" {
				rl.writeWord(part)
			} else {
				rl.write(part)
			}
			rr.write(part)
			if i%2 == 1 {
				rl.breakLine()
				rr.breakLine()
			}
			if g, w := rl.label(), rr.label(); g != w {
				t.Fatalf("recentLine(%q) label %q, want %q", s, g, w)
			}
		}
	})
}

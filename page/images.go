package page

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// MaxImageURLs is the number of image addresses ImageURLs returns when
// the caller passes no limit.
const MaxImageURLs = 64

// minImageSide is the smallest declared width or height worth fetching: a
// readable QR code has at least 21 modules of 2 pixels.
const minImageSide = 40

// ImageURLs lists the absolute http(s) addresses of the images of an HTML
// document, in document order without duplicates, at most max (64 when
// max <= 0): img src and the lazy-loading attributes (data-src,
// data-original, data-lazy-src), every srcset candidate of img and
// picture sources, and og:image. Images whose declared width or height is
// under 40 pixels (icons, tracking pixels) and data: URIs are left out.
// It is the hook for discover/qr: a sweep fetches these (bounded) and
// decodes the QR codes in them.
func ImageURLs(pageURL, doc string, max int) []string {
	if max <= 0 {
		max = MaxImageURLs
	}
	base := baseURL(pageURL, "", false)
	baseSet := false
	var out []string
	seen := map[string]bool{}
	add := func(raw string) {
		raw = cleanHref(raw)
		if raw == "" || len(out) >= max || strings.HasPrefix(strings.ToLower(raw), "data:") {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return
		}
		u.Fragment = ""
		s := u.String()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	z := html.NewTokenizer(strings.NewReader(doc))
	for len(out) < max {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		attrs := map[string]string{}
		for {
			k, v, more := z.TagAttr()
			if _, dup := attrs[string(k)]; !dup {
				attrs[string(k)] = string(v)
			}
			if !more {
				break
			}
		}
		switch string(name) {
		case "base":
			if href, ok := attrs["href"]; ok && !baseSet {
				baseSet = true
				base = baseURL(pageURL, href, true)
			}
		case "img":
			if tooSmall(attrs["width"]) || tooSmall(attrs["height"]) {
				continue
			}
			for _, k := range []string{"data-original", "data-src", "data-lazy-src", "src"} {
				add(attrs[k])
			}
			addSrcset(attrs["srcset"], add)
			addSrcset(attrs["data-srcset"], add)
		case "source":
			addSrcset(attrs["srcset"], add)
		case "meta":
			if p := strings.ToLower(attrs["property"]); p == "og:image" || strings.ToLower(attrs["name"]) == "og:image" {
				add(attrs["content"])
			}
		}
	}
	return out
}

// tooSmall reports a declared size under minImageSide ("1", "16px").
func tooSmall(v string) bool {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	n, err := strconv.Atoi(v)
	return err == nil && n < minImageSide
}

// addSrcset adds every URL of a srcset ("a.jpg 1x, b.jpg 2x").
func addSrcset(srcset string, add func(string)) {
	for _, c := range strings.Split(srcset, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			add(f[0])
		}
	}
}

package page

import (
	"net/url"
	"strings"
)

// linkResolver resolves a page's hrefs against its base URL. The common
// hrefs (absolute http(s) URLs, root-relative and plain relative paths of
// unreserved characters with an optional simple query) are resolved by
// string concatenation: for them net/url's Parse, ResolveReference and
// String give back the href itself (absolute), or origin + href
// (root-relative), or origin + the base's directory + href (relative),
// which is what fastResolve returns. Anything else (dot segments, empty
// segments, fragments, escapes, non-ASCII, scheme-relative, other
// schemes, a base with user info or dot segments) goes through net/url.
// TestFastResolveMatchesNetURL holds the two to the same answers.
type linkResolver struct {
	base   *url.URL
	origin string // scheme://host of base; "" turns the fast path off
	dir    string // base's escaped path up to and including its last '/'

	// A plain page URL (and no <base href>) is read without net/url;
	// base is then parsed from it when an href needs the slow path.
	pageURL string
	parsed  bool
}

// pageLinkResolver is newLinkResolver(baseURL(pageURL, baseHref,
// hasBase)), without parsing a plain page URL up front.
func pageLinkResolver(pageURL, baseHref string, hasBase bool) linkResolver {
	if !hasBase {
		if origin, dir, ok := plainPageURL(pageURL); ok {
			return linkResolver{origin: origin, dir: dir, pageURL: pageURL}
		}
	}
	r := newLinkResolver(baseURL(pageURL, baseHref, hasBase))
	r.parsed = true
	return r
}

// plainPageURL splits an http(s) URL of a plain host and path (see
// plainHost, plainPath) and an optional plain query into its origin and
// directory, as newLinkResolver would from the parsed URL.
func plainPageURL(u string) (origin, dir string, ok bool) {
	scheme := "http://"
	if !strings.HasPrefix(u, scheme) {
		if scheme = "https://"; !strings.HasPrefix(u, scheme) {
			return "", "", false
		}
	}
	rest, query, hasQuery := strings.Cut(u[len(scheme):], "?")
	if hasQuery && !plainQuery(query) {
		return "", "", false
	}
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if !plainHost(host) || (path != "" && !plainPath(path)) {
		return "", "", false
	}
	if path == "" {
		return scheme + host, "/", true
	}
	return scheme + host, path[:strings.LastIndexByte(path, '/')+1], true
}

func newLinkResolver(base *url.URL) linkResolver {
	r := linkResolver{base: base}
	if base == nil || base.User != nil || base.Opaque != "" || base.Host == "" ||
		(base.Scheme != "http" && base.Scheme != "https") || !plainHost(base.Host) {
		return r
	}
	p := base.EscapedPath()
	switch {
	case p == "":
		r.dir = "/"
	case p[0] == '/' && plainPath(p):
		r.dir = p[:strings.LastIndexByte(p, '/')+1]
	default:
		return r
	}
	r.origin = base.Scheme + "://" + base.Host
	return r
}

// resolve is resolve(base, href) of the page.
func (r *linkResolver) resolve(href string) string {
	if r.origin != "" {
		if u, ok := r.fastResolve(href); ok {
			return u
		}
	}
	if !r.parsed {
		r.base, r.parsed = baseURL(r.pageURL, "", false), true
	}
	return resolve(r.base, href)
}

// fastResolve resolves href without net/url when it is one of the simple
// forms (see linkResolver); ok is false otherwise.
func (r *linkResolver) fastResolve(href string) (string, bool) {
	if href == "" || href[0] <= ' ' || href[len(href)-1] <= ' ' {
		return "", false // cleanHref's work: the slow path
	}
	path, query, hasQuery := strings.Cut(href, "?")
	if hasQuery && !plainQuery(query) {
		return "", false
	}
	switch {
	case strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://"):
		rest := path[strings.IndexByte(path, ':')+3:]
		host, p := rest, ""
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			host, p = rest[:i], rest[i:]
		}
		if host == "" || !plainHost(host) || (p != "" && !plainPath(p)) {
			return "", false
		}
		if p == "" && hasQuery {
			return "", false // "http://h?q": left to net/url
		}
		return href, true
	case path == "" || path[0] == '.' || !plainPath(path):
		return "", false
	case path[0] == '/':
		if len(path) > 1 && path[1] == '/' {
			return "", false // scheme-relative
		}
		return r.origin + href, true
	default:
		return r.origin + r.dir + href, true
	}
}

// plainHost: a host name of lower-case letters, digits, dots and hyphens,
// with an optional port of digits.
func plainHost(h string) bool {
	name, port, hasPort := strings.Cut(h, ":")
	if name == "" || (hasPort && port == "") {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	for i := 0; i < len(port); i++ {
		if c := port[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// plainPathByte marks the bytes a path may hold for net/url to keep it as
// written: the unreserved characters and the sub-delimiters it does not
// escape in a path (no ':', which a relative reference's first segment
// may not hold, no '%').
var plainPathByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-_.~/$&+,;=@" {
		t[c] = true
	}
	return t
}()

// plainPath: only plainPathByte bytes, and no dot segment or empty
// segment that resolution would rewrite ("/." also rules out names
// starting with a dot, which is only cautious).
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if !plainPathByte[p[i]] {
			return false
		}
	}
	return !strings.Contains(p, "/.") && !strings.Contains(p, "//")
}

// plainQuery: a query net/url keeps as written.
func plainQuery(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; !plainPathByte[c] && c != ':' && c != '%' && c != '?' {
			return false
		}
	}
	return true
}

package store

import "strings"

// PlainURLHost returns the host of a URL of the plain form most URLs a
// sweep handles have: http(s), a host of lower-case letters, digits, dots
// and hyphens without a port, and a path of characters net/url keeps as
// written, with no query and no fragment. For such a URL url.Parse
// succeeds and strings.ToLower(u.Hostname()) is that host; ok is false
// for anything else, which callers then parse. TestPlainURLHost holds it
// to url.Parse.
func PlainURLHost(raw string) (host string, ok bool) {
	rest, ok := strings.CutPrefix(raw, "http://")
	if !ok {
		if rest, ok = strings.CutPrefix(raw, "https://"); !ok {
			return "", false
		}
	}
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if host == "" {
		return "", false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return "", false
		}
	}
	for i := 0; i < len(path); i++ {
		if !plainPathByte[path[i]] {
			return "", false
		}
	}
	return host, true
}

// plainCanonical is CanonicalURL for a plain URL (PlainURLHost), which is
// its own canonical form (with "/" for an empty path), so it is returned
// without parsing; ok is false for anything else. TestPlainCanonical
// holds it to CanonicalURL's answer.
func plainCanonical(raw string) (string, bool) {
	host, ok := PlainURLHost(raw)
	if !ok {
		return "", false
	}
	scheme := len("http://")
	if raw[4] == 's' {
		scheme++
	}
	if len(raw) == scheme+len(host) { // no path
		return raw + "/", true
	}
	return raw, true
}

// plainPathByte marks the bytes net/url keeps as written in a path: the
// unreserved characters and the sub-delimiters it does not escape (no
// '%', no '?', no '#').
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
	for _, c := range "-_.~/$&+,;=@:" {
		t[c] = true
	}
	return t
}()

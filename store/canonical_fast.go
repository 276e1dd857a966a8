package store

import "strings"

// plainCanonical is CanonicalURL for the URLs a sweep handles most, in
// the form CanonicalURL gives them: http(s), a host of lower-case
// letters, digits, dots and hyphens without a port, and a path of
// characters net/url keeps as written, with no query and no fragment.
// Such a URL is its own canonical form (with "/" for an empty path), so
// it is returned without parsing; ok is false for anything else.
// TestPlainCanonical holds it to CanonicalURL's answer.
func plainCanonical(raw string) (string, bool) {
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
	if path == "" {
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

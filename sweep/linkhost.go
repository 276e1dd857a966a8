package sweep

import "strings"

// plainLinkHost returns the host of a link of the plain form most links
// have: http(s), a host of lower-case letters, digits, dots and hyphens
// without a port, and a path of characters net/url takes as written, with
// no query or fragment. For such a link url.Parse succeeds and
// strings.ToLower(u.Hostname()) is that host; ok is false for any other
// link, which allowed then parses. TestPlainLinkHost holds the two to the
// same answer.
func plainLinkHost(link string) (string, bool) {
	rest, ok := strings.CutPrefix(link, "http://")
	if !ok {
		if rest, ok = strings.CutPrefix(link, "https://"); !ok {
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
		c := path[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~/$&+,;=@:", c) >= 0) {
			return "", false
		}
	}
	return host, true
}

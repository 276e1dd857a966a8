package store

import (
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a visitor arrived, not
// what the page is; CanonicalURL drops them (names compared without case):
//
//	analytics:   utm_* (any name starting so), fbclid, gclid, dclid, msclkid,
//	             yclid, _ga, _gl, mc_cid, mc_eid, igshid, bd_vid (Baidu ads)
//	referrers:   ref, src, from, spm, scm, ali_trackid, ali_refid, pvid
//	             (Taobao/Alibaba), share* (any name starting so: share,
//	             share_source, shareid, sharer_sharetime, ...)
//	WeChat:      isappinstalled, nsukey, scene, srcid, clicktime, enterid
//	timestamps:  _, _t, _ts, __t, timestamp (cache-busters)
//
// Parameters that can name content (id, t, p, page, q, ts, ...) are kept:
// dropping one would merge different pages into one case.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"_ga": true, "_gl": true, "mc_cid": true, "mc_eid": true, "igshid": true, "bd_vid": true,
	"ref": true, "src": true, "from": true, "spm": true, "scm": true,
	"ali_trackid": true, "ali_refid": true, "pvid": true,
	"isappinstalled": true, "nsukey": true, "scene": true, "srcid": true,
	"clicktime": true, "enterid": true,
	"_": true, "_t": true, "_ts": true, "__t": true, "timestamp": true,
}

// trackingPrefixes are prefixes of tracking parameter names.
var trackingPrefixes = []string{"utm_", "share"}

func isTracking(name string) bool {
	name = strings.ToLower(name)
	if trackingParams[name] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// defaultPorts are removed from hosts.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// CanonicalURL is the form of a URL that decides when two URLs are the
// same page, for frontier deduplication, case keys and the pages bucket:
// surrounding space trimmed; scheme and host lower-cased; the scheme's
// default port removed; the fragment removed; the tracking parameters
// listed at trackingParams removed; the remaining query parameters sorted
// by name (stable, so repeated names keep their order), each kept exactly
// as written (no re-encoding, so the server sees the same bytes); an empty
// path replaced by "/". The path is not otherwise changed: servers may
// treat case and escapes in it as significant. A non-ASCII host is kept in
// Unicode, also when it came percent-encoded (IDNA/punycode forms are not
// converted). A string that does not
// parse as an absolute URL is returned trimmed. CanonicalURL is idempotent.
func CanonicalURL(raw string) string {
	if c, ok := plainCanonical(raw); ok {
		return c // most URLs of a sweep, already canonical (canonical_fast.go)
	}
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Opaque != "" || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if host == "" || (strings.Contains(host, ":") && !strings.HasPrefix(u.Host, "[")) {
		return raw // no host, or a malformed one
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	if port != "" && port != defaultPorts[u.Scheme] {
		host += ":" + port
	}
	// Built by hand rather than with u.String, which would percent-encode
	// a non-ASCII host.
	var b strings.Builder
	b.WriteString(u.Scheme)
	b.WriteString("://")
	if u.User != nil {
		b.WriteString(u.User.String())
		b.WriteByte('@')
	}
	b.WriteString(host)
	if path := u.EscapedPath(); path != "" {
		b.WriteString(path)
	} else {
		b.WriteByte('/')
	}
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// canonicalQuery drops tracking parameters and empty pairs and sorts the
// rest by name.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type param struct{ name, pair string }
	var params []param
	for pair := range strings.SplitSeq(raw, "&") {
		// Unescaped space is invalid in a query; trimmed, so that sorting
		// cannot move it to the end of the URL, where it would be trimmed
		// next time.
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		rawName, _, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			name = rawName
		}
		if isTracking(name) {
			continue
		}
		params = append(params, param{name, pair})
	}
	slices.SortStableFunc(params, func(a, b param) int { return strings.Compare(a.name, b.name) })
	pairs := make([]string, len(params))
	for i, p := range params {
		pairs[i] = p.pair
	}
	return strings.Join(pairs, "&")
}

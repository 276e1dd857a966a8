// Package allowinternal reads the entries of an allow_internal list (the
// configuration's key, the crawler's Options.AllowInternal): each entry is
// an IP address, a CIDR network, a host name, or "*.domain" for a domain's
// subdomains. It is shared by the configuration loader, which reports a
// bad entry where it is written, and the crawler, which enforces the list,
// so both accept exactly the same entries with the same words.
package allowinternal

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// Entry parses one entry. It returns either a network (an address is a
// single-address network, IPv4-mapped addresses unmapped) or a lower-case
// host name without a trailing dot, where "*.example" is returned as
// ".example" (any subdomain of example).
func Entry(e string) (network netip.Prefix, host string, err error) {
	e = strings.ToLower(strings.TrimSpace(e))
	if e == "" {
		return netip.Prefix{}, "", errors.New("empty entry")
	}
	if strings.Contains(e, "/") {
		pfx, err := netip.ParsePrefix(e)
		if err != nil {
			return netip.Prefix{}, "", fmt.Errorf("%q is not a network such as 127.0.0.1/32: %w", e, err)
		}
		return pfx.Masked(), "", nil
	}
	if a, err := netip.ParseAddr(strings.Trim(e, "[]")); err == nil {
		return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), "", nil
	}
	name := strings.TrimSuffix(e, ".")
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		name = "." + rest
	}
	if !validHostName(strings.TrimPrefix(name, ".")) {
		return netip.Prefix{}, "", fmt.Errorf("%q is neither an IP address, a network nor a host name", e)
	}
	return netip.Prefix{}, name, nil
}

// Check validates one entry.
func Check(e string) error {
	_, _, err := Entry(e)
	return err
}

func validHostName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// Hosts is the host-name entries of a list, as Entry returns them (a
// name, or ".domain" for any subdomain of domain).
type Hosts map[string]bool

// Allows reports whether h names host or a domain above it.
func (h Hosts) Allows(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if h[host] {
		return true
	}
	for rest := host; ; {
		i := strings.IndexByte(rest, '.')
		if i < 0 {
			return false
		}
		rest = rest[i+1:]
		if h["."+rest] {
			return true
		}
	}
}

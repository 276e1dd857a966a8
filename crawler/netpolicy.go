package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/certwatch/certwatch/internal/allowinternal"
)

// ErrBlockedAddress is wrapped by the error of a request refused because
// its host is, or resolves to, an internal or special-purpose address
// (loopback, private, link-local, CGNAT, multicast, ...) that
// Options.AllowInternal does not re-open. Crawled content must not make
// certwatch reach the networks it runs in (server-side request forgery).
// It is not retried.
var ErrBlockedAddress = errors.New("internal or special-purpose address refused")

// blockedPrefixes are the address ranges no crawl request may connect to
// unless AllowInternal names them: everything that is not a globally
// routed unicast address. IPv4-mapped, IPv4-compatible and NAT64/6to4
// forms of IPv6 are checked through the IPv4 address they carry (see
// checkAddr).
var blockedPrefixes = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",       // "this network", unspecified
		"10.0.0.0/8",      // private
		"100.64.0.0/10",   // carrier-grade NAT
		"127.0.0.0/8",     // loopback
		"169.254.0.0/16",  // link-local (cloud metadata services)
		"172.16.0.0/12",   // private
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // documentation
		"192.88.99.0/24",  // 6to4 relay anycast (deprecated)
		"192.168.0.0/16",  // private
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // documentation
		"203.0.113.0/24",  // documentation
		"224.0.0.0/4",     // multicast
		"240.0.0.0/4",     // reserved, and 255.255.255.255 broadcast
		"::/128",          // unspecified
		"::1/128",         // loopback
		"64:ff9b:1::/48",  // local-use NAT64
		"100::/64",        // discard
		"2001::/32",       // Teredo (carries an obfuscated IPv4 address)
		"2001:2::/48",     // benchmarking
		"2001:db8::/32",   // documentation
		"2001:10::/28",    // ORCHID (deprecated)
		"fc00::/7",        // unique local
		"fe80::/10",       // link-local
		"fec0::/10",       // site-local (deprecated)
		"ff00::/8",        // multicast
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

var (
	nat64WellKnown = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour      = netip.MustParsePrefix("2002::/16")
	ipv4Compatible = netip.MustParsePrefix("::/96")
)

// netPolicy decides which addresses a crawl may connect to: every global
// unicast address, plus the networks and host names of
// Options.AllowInternal.
type netPolicy struct {
	nets  []netip.Prefix
	hosts allowinternal.Hosts // lower-case names; "*.example" entries as ".example"
}

// parseAllowInternal reads Options.AllowInternal: each entry is an IP
// address, a CIDR network, a host name, or "*.domain" for a domain's
// subdomains (see package allowinternal, which the configuration loader
// shares).
func parseAllowInternal(entries []string) (*netPolicy, error) {
	p := &netPolicy{hosts: allowinternal.Hosts{}}
	for _, e := range entries {
		pfx, host, err := allowinternal.Entry(e)
		if err != nil {
			return nil, err
		}
		if host != "" {
			p.hosts[host] = true
			continue
		}
		p.nets = append(p.nets, pfx)
	}
	return p, nil
}

// CheckAllowInternal validates one Options.AllowInternal entry (for
// callers that report each entry where it is written).
func CheckAllowInternal(entry string) error {
	return allowinternal.Check(entry)
}

// hostAllowed reports whether AllowInternal names host (or a domain above
// it), which may then connect to any address.
func (p *netPolicy) hostAllowed(host string) bool {
	return p.hosts.Allows(host)
}

// checkAddr returns nil when a connection to a is allowed for host.
func (p *netPolicy) checkAddr(host string, a netip.Addr) error {
	a = a.WithZone("")
	if p.hostAllowed(host) {
		return nil
	}
	for _, n := range p.nets {
		if n.Contains(a.Unmap()) || n.Contains(a) {
			return nil
		}
	}
	if reason := specialAddr(a); reason != "" {
		return fmt.Errorf("%s (%s): %w", a, reason, ErrBlockedAddress)
	}
	return nil
}

// specialAddr names why a is not a global unicast address, or returns "".
func specialAddr(a netip.Addr) string {
	if !a.IsValid() {
		return "invalid"
	}
	if a.Is4In6() {
		return specialAddr(a.Unmap())
	}
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64WellKnown.Contains(a):
			if r := specialAddr(netip.AddrFrom4([4]byte(b[12:16]))); r != "" {
				return "NAT64 of " + r
			}
			return ""
		case sixToFour.Contains(a):
			if r := specialAddr(netip.AddrFrom4([4]byte(b[2:6]))); r != "" {
				return "6to4 of " + r
			}
			return ""
		case ipv4Compatible.Contains(a):
			return "IPv4-compatible IPv6"
		}
	}
	for _, pfx := range blockedPrefixes {
		if pfx.Contains(a) {
			return pfx.String()
		}
	}
	return ""
}

// resolveChecked returns the addresses host:port may be dialed at: the
// resolve override or the DNS answer, without those the policy refuses.
// The result is what the caller must dial (never the name again), so a
// second, different DNS answer cannot slip past the check. When every
// address is refused the error wraps ErrBlockedAddress; a host Resolve
// does not name under ResolveOnly gives ErrHostNotResolvable.
func (r *resolver) resolveChecked(ctx context.Context, host, port string) ([]string, error) {
	to, ok := r.target(host, port)
	if !ok {
		return nil, fmt.Errorf("%s: %w", host, ErrHostNotResolvable)
	}
	th, tp, err := net.SplitHostPort(to)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", to, err)
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(th); err == nil {
		addrs = []netip.Addr{a}
	} else {
		addrs, err = r.lookup(ctx, "ip", th)
		if err != nil {
			return nil, err
		}
	}
	var out []string
	var refused error
	for _, a := range addrs {
		if err := r.policy.checkAddr(host, a); err != nil {
			refused = err
			continue
		}
		out = append(out, net.JoinHostPort(a.Unmap().WithZone("").String(), tp))
	}
	if len(out) == 0 {
		if refused == nil {
			refused = fmt.Errorf("%s: no address", host)
		}
		return nil, fmt.Errorf("%s: %w", host, refused)
	}
	return out, nil
}

// precheck is the check of a request sent through Options.Proxy, which
// resolves names itself: IP literals are checked, and so are the names
// reserved for loopback ("localhost", "*.localhost", RFC 6761). Other
// names are not looked up here — the answer the proxy gets may differ,
// and a lookup would leak queries past the proxy — so the proxy's own
// egress rules must refuse internal networks (see Options.AllowInternal).
func (r *resolver) precheck(_ context.Context, host string) error {
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if r.policy.hostAllowed(host) {
		return nil
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if err := r.policy.checkAddr(host, a); err != nil {
			return fmt.Errorf("%s: %w", host, err)
		}
		return nil
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return fmt.Errorf("%s (loopback name): %w", host, ErrBlockedAddress)
	}
	return nil
}

package hostfacts

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"slices"
	"strings"

	"github.com/miekg/dns"
	"golang.org/x/net/publicsuffix"
)

// registrable is host's registrable domain (eTLD+1), or host itself.
func registrable(host string) string {
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// override returns the resolve override for host:port or host, if any.
func (c *Collector) override(host, port string) (string, bool) {
	if to, ok := c.rules[net.JoinHostPort(host, port)]; ok {
		return to, true
	}
	to, ok := c.rules[host]
	return to, ok
}

// portFixed reports whether the bare-host override of host names a port
// (it then replaces every destination of the host).
func (c *Collector) portFixed(host string) bool {
	to, ok := c.rules[host]
	if !ok {
		return false
	}
	_, _, err := net.SplitHostPort(to)
	return err == nil
}

// addresses resolves host: from the resolve overrides when they name it
// (every override of the host, any port), else A and AAAA from the DNS
// server. The addresses found are recorded in order, at most
// MaxAddresses, and returned.
func (c *Collector) addresses(ctx context.Context, r *run, host string) []netip.Addr {
	var out []netip.Addr
	add := func(a netip.Addr, source string) {
		a = a.Unmap().WithZone("")
		if slices.Contains(out, a) || len(out) >= MaxAddresses {
			return
		}
		out = append(out, a)
		r.set(func(f *Facts) { f.Addresses = append(f.Addresses, Address{IP: a.String(), Source: source}) })
	}
	if a, err := netip.ParseAddr(host); err == nil {
		add(a, "literal")
		return out
	}
	overridden := false
	for _, k := range slices.Sorted(maps.Keys(c.rules)) {
		h, _, err := net.SplitHostPort(k)
		if err != nil {
			h = k
		}
		if h != host {
			continue
		}
		overridden = true
		to := c.rules[k]
		if th, _, err := net.SplitHostPort(to); err == nil {
			to = th
		}
		if a, err := netip.ParseAddr(strings.Trim(to, "[]")); err == nil {
			add(a, "resolve")
		}
	}
	if overridden {
		return out
	}
	if c.ex == nil {
		err := fmt.Errorf("%s: %w", host, ErrNotResolvable)
		if c.dnsErr != nil {
			err = fmt.Errorf("%s: %w", host, c.dnsErr)
		}
		r.fail(PartDNS, err)
		return out
	}
	var errs []error
	exists := false
	for _, qt := range []uint16{dns.TypeA, dns.TypeAAAA} {
		m, err := c.exchange(ctx, host, qt)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", dns.TypeToString[qt], host, err))
			continue
		}
		switch m.Rcode {
		case dns.RcodeSuccess:
			exists = true
		case dns.RcodeNameError:
			if !exists {
				errs = append(errs, fmt.Errorf("%s %s: NXDOMAIN (the name does not exist)", dns.TypeToString[qt], host))
			}
			continue
		default:
			errs = append(errs, fmt.Errorf("%s %s: rcode %s", dns.TypeToString[qt], host, dns.RcodeToString[m.Rcode]))
			continue
		}
		for _, rr := range m.Answer {
			switch v := rr.(type) {
			case *dns.A:
				if a, ok := netip.AddrFromSlice(v.A); ok {
					add(a, "dns")
				}
			case *dns.AAAA:
				if a, ok := netip.AddrFromSlice(v.AAAA); ok {
					add(a, "dns")
				}
			case *dns.CNAME:
				target := strings.TrimSuffix(strings.ToLower(v.Target), ".")
				r.set(func(f *Facts) {
					if !slices.Contains(f.CNAMEs, target) && len(f.CNAMEs) < 8 {
						f.CNAMEs = append(f.CNAMEs, clip(target, 253))
					}
				})
			}
		}
	}
	if len(out) == 0 {
		if len(errs) == 0 {
			errs = append(errs, fmt.Errorf("%s: no A or AAAA record", host))
		}
		r.fail(PartDNS, errors.Join(errs...))
	}
	return out
}

func (c *Collector) exchange(ctx context.Context, name string, qt uint16) (*dns.Msg, error) {
	if c.ex == nil {
		return nil, errors.New("no DNS server configured")
	}
	ctx, cancel := context.WithTimeout(ctx, c.o.PartTimeout)
	defer cancel()
	m, err := c.ex.Exchange(ctx, name, qt)
	if err == nil && m == nil {
		err = errors.New("no answer")
	}
	return m, err
}

// ptr asks the reverse name of the i-th address.
func (c *Collector) ptr(ctx context.Context, r *run, i int, a netip.Addr) {
	if c.ex == nil {
		r.fail(PartPTR, fmt.Errorf("%s: no DNS server configured", a))
		return
	}
	if special(a) && c.o.DNS == "" && c.o.Exchanger == nil {
		// The system resolver is not asked about internal addresses
		// (and tests never reach a real DNS server).
		r.fail(PartPTR, fmt.Errorf("%s: internal address, not asked without a configured DNS server", a))
		return
	}
	rev, err := dns.ReverseAddr(a.String())
	if err != nil {
		r.fail(PartPTR, fmt.Errorf("%s: %w", a, err))
		return
	}
	m, err := c.exchange(ctx, rev, dns.TypePTR)
	if err != nil {
		r.fail(PartPTR, fmt.Errorf("%s: %w", a, err))
		return
	}
	if m.Rcode != dns.RcodeSuccess {
		r.fail(PartPTR, fmt.Errorf("%s: rcode %s", a, dns.RcodeToString[m.Rcode]))
		return
	}
	var names []string
	for _, rr := range m.Answer {
		if p, ok := rr.(*dns.PTR); ok && len(names) < 8 {
			names = append(names, strings.TrimSuffix(strings.ToLower(p.Ptr), "."))
		}
	}
	if len(names) == 0 {
		r.fail(PartPTR, fmt.Errorf("%s: no PTR record", a))
		return
	}
	r.set(func(f *Facts) { f.Addresses[i].PTR = names })
}

// ipRecord is what is read of an IP database record: the fields of
// GeoLite2-ASN, GeoIP2-ISP and the country databases.
type ipRecord struct {
	ASN     uint   `maxminddb:"autonomous_system_number"`
	ASOrg   string `maxminddb:"autonomous_system_organization"`
	ISP     string `maxminddb:"isp"`
	Org     string `maxminddb:"organization"`
	Country struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"country"`
}

// provider looks the i-th address up in the IP database.
func (c *Collector) provider(r *run, i int, a netip.Addr) {
	if c.ipdb == nil {
		return
	}
	res := c.ipdb.Lookup(a)
	if err := res.Err(); err != nil {
		r.fail(PartIPDB, fmt.Errorf("%s: %w", a, err))
		return
	}
	if !res.Found() {
		r.fail(PartIPDB, fmt.Errorf("%s: not in the IP database", a))
		return
	}
	var rec ipRecord
	if err := res.Decode(&rec); err != nil {
		r.fail(PartIPDB, fmt.Errorf("%s: %w", a, err))
		return
	}
	p := &Provider{Network: res.Prefix().String(), ASN: rec.ASN, ASOrg: clip(rec.ASOrg, 200), ISP: clip(rec.ISP, 200),
		Org: clip(rec.Org, 200), Country: clip(rec.Country.ISOCode, 8)}
	r.set(func(f *Facts) { f.Addresses[i].Provider = p })
}

// targets are the "ip:port" addresses to dial for host:port: the resolve
// override, else the resolved addresses; internal addresses are refused
// unless allow_internal re-opens them.
func (c *Collector) targets(host, port string, addrs []netip.Addr) ([]string, error) {
	var cands []string
	if to, ok := c.override(host, port); ok {
		if _, _, err := net.SplitHostPort(to); err != nil {
			to = net.JoinHostPort(strings.Trim(to, "[]"), port)
		}
		cands = []string{to}
	} else {
		for _, a := range addrs {
			cands = append(cands, net.JoinHostPort(a.String(), port))
		}
	}
	var out []string
	var refused error
	for _, t := range cands {
		h, _, _ := net.SplitHostPort(t)
		a, err := netip.ParseAddr(h)
		if err != nil {
			refused = fmt.Errorf("%s: %q is not an IP address", host, h)
			continue
		}
		if err := c.allowed(host, a); err != nil {
			refused = err
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		if refused == nil {
			refused = fmt.Errorf("%s: no address to connect to", host)
		}
		return nil, refused
	}
	return out, nil
}

// allowed returns nil when a connection to a is allowed for host.
func (c *Collector) allowed(host string, a netip.Addr) error {
	a = a.Unmap().WithZone("")
	if c.hostAllowed(host) {
		return nil
	}
	for _, n := range c.nets {
		if n.Contains(a) {
			return nil
		}
	}
	if special(a) {
		return fmt.Errorf("%s: %s: %w", host, a, ErrBlockedAddress)
	}
	return nil
}

func (c *Collector) hostAllowed(host string) bool {
	return c.hosts.Allows(host)
}

// specialNets are refused besides what netip calls non-global or private.
var specialNets = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{"0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "::/96", "64:ff9b::/96", "64:ff9b:1::/48",
		"100::/64", "2001::/32", "2001:db8::/32", "2002::/16", "fec0::/10"} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// special reports whether a is not a public unicast address (the same
// ranges the crawler refuses; 6to4 and NAT64 forms are refused whole).
func special(a netip.Addr) bool {
	if !a.IsGlobalUnicast() || a.IsPrivate() {
		return true
	}
	for _, p := range specialNets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clip cuts s to n bytes at a rune boundary and makes it valid UTF-8.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

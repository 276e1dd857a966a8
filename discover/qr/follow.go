package qr

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/certwatch/certwatch/internal/allowinternal"
)

// FollowOptions bound a Follower. Zero fields take the defaults named.
type FollowOptions struct {
	MaxRedirects int           // hops after the first request (5)
	Timeout      time.Duration // for a whole chain (15 s)
	MaxBody      int64         // bytes read of each response, to find HTML redirects (64 KiB)
	MaxURL       int           // length of any URL in the chain (2048)
	// AllowInternal re-opens internal addresses, as the crawler's option
	// of the same name: IP addresses, CIDR networks, host names, "*.domain".
	AllowInternal []string
	// Resolve maps host names to IP addresses, ahead of DNS (tests, a
	// sample web).
	Resolve map[string]string
	// Dial maps host names to "ip:port" addresses that replace the whole
	// destination, as the crawler's resolve overrides do (config resolve:
	// map; the sample web serves every host on one port). The address
	// check applies to the IP as to a resolved one.
	Dial map[string]string
	// DialOnly refuses every host that Dial does not name (config
	// resolve_only): nothing else is resolved.
	DialOnly  bool
	UserAgent string
}

// ErrTooManyRedirects is returned when a chain is longer than MaxRedirects.
var ErrTooManyRedirects = errors.New("too many redirects")

// ErrBlockedAddress is wrapped by the error of a hop whose host is, or
// resolves to, an internal or special-purpose address not re-opened by
// FollowOptions.AllowInternal (a QR code must not make certwatch reach the
// networks it runs in).
var ErrBlockedAddress = errors.New("internal or special-purpose address refused")

// Follower follows candidate addresses through HTTP redirects, HTML meta
// refreshes and script redirects of URL shorteners.
type Follower struct {
	o      FollowOptions
	nets   []netip.Prefix
	hosts  allowinternal.Hosts
	client *http.Client
}

// NewFollower checks o and builds a Follower.
func NewFollower(o FollowOptions) (*Follower, error) {
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 64 << 10
	}
	if o.MaxURL <= 0 {
		o.MaxURL = 2048
	}
	if o.UserAgent == "" {
		o.UserAgent = "Mozilla/5.0 (compatible; certwatch-qr)"
	}
	f := &Follower{o: o, hosts: allowinternal.Hosts{}}
	for _, e := range o.AllowInternal {
		pfx, host, err := allowinternal.Entry(e)
		if err != nil {
			return nil, fmt.Errorf("allow_internal: %w", err)
		}
		if host != "" {
			f.hosts[host] = true
		} else {
			f.nets = append(f.nets, pfx)
		}
	}
	for h, ip := range o.Resolve {
		if _, err := netip.ParseAddr(ip); err != nil {
			return nil, fmt.Errorf("resolve %s: %q is not an IP address", h, ip)
		}
	}
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		Proxy: nil, // the address check must see the real destination
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if to, ok := f.o.Dial[strings.ToLower(strings.TrimSuffix(host, "."))]; ok {
				return f.dialOverride(ctx, dialer, network, host, to)
			}
			if f.o.DialOnly {
				return nil, fmt.Errorf("%s: not among the resolve overrides (resolve_only): %w", host, ErrBlockedAddress)
			}
			addrs, err := f.resolve(ctx, host)
			if err != nil {
				return nil, err
			}
			var lastErr error
			for _, a := range addrs {
				c, err := dialer.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
				if err == nil {
					return c, nil
				}
				lastErr = err
			}
			return nil, lastErr
		},
		TLSHandshakeTimeout:    5 * time.Second,
		ResponseHeaderTimeout:  10 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		MaxIdleConns:           8,
		IdleConnTimeout:        30 * time.Second,
	}
	f.client = &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return f, nil
}

// Timeout is the bound of one chain (FollowOptions.Timeout).
func (f *Follower) Timeout() time.Duration { return f.o.Timeout }

// dialOverride dials the "ip:port" a Dial override gives host, refusing
// an internal IP unless host or the IP is allowed.
func (f *Follower) dialOverride(ctx context.Context, d *net.Dialer, network, host, to string) (net.Conn, error) {
	ip, _, err := net.SplitHostPort(to)
	if err != nil {
		return nil, fmt.Errorf("dial override %s: %w", host, err)
	}
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return nil, fmt.Errorf("dial override %s: %q is not an IP address", host, ip)
	}
	a = a.Unmap().WithZone("")
	if !f.hostAllowed(strings.ToLower(host)) && !f.netAllowed(a) && special(a) {
		return nil, fmt.Errorf("%s: %s: %w", host, a, ErrBlockedAddress)
	}
	return d.DialContext(ctx, network, to)
}

// resolve returns the addresses host may be dialed at, refusing internal
// ones unless allowed.
func (f *Follower) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	var addrs []netip.Addr
	if ip, ok := f.o.Resolve[host]; ok {
		addrs = []netip.Addr{netip.MustParseAddr(ip)}
	} else if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		if host == "localhost" || strings.HasSuffix(host, ".localhost") {
			if !f.hostAllowed(host) {
				return nil, fmt.Errorf("%s (loopback name): %w", host, ErrBlockedAddress)
			}
		}
		addrs, err = net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
	}
	if f.hostAllowed(host) {
		return addrs, nil
	}
	var out []netip.Addr
	var refused error
	for _, a := range addrs {
		a = a.Unmap().WithZone("")
		if f.netAllowed(a) || !special(a) {
			out = append(out, a)
			continue
		}
		refused = fmt.Errorf("%s: %s: %w", host, a, ErrBlockedAddress)
	}
	if len(out) == 0 {
		if refused == nil {
			refused = fmt.Errorf("%s: no address", host)
		}
		return nil, refused
	}
	return out, nil
}

func (f *Follower) hostAllowed(host string) bool {
	return f.hosts.Allows(host)
}

func (f *Follower) netAllowed(a netip.Addr) bool {
	for _, n := range f.nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// specialPrefixes are ranges refused besides what netip classifies as
// non-global or private (CGNAT, documentation, benchmarking, reserved,
// and IPv6 forms that carry or translate IPv4 addresses).
var specialPrefixes = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
		"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
		"::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:2::/48",
		"2001:db8::/32", "2001:10::/28", "2002::/16", "fec0::/10",
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// special reports whether a is not a public unicast address. It is
// deliberately stricter than the crawler's policy for the IPv6 forms that
// carry IPv4 addresses (all refused).
func special(a netip.Addr) bool {
	if !a.IsValid() || !a.IsGlobalUnicast() || a.IsPrivate() {
		return true
	}
	for _, p := range specialPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// HTML redirects of URL shorteners: a meta refresh, or a script setting
// the location.
var (
	metaRefresh  = regexp.MustCompile(`(?is)<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)`)
	metaRefresh2 = regexp.MustCompile(`(?is)<meta[^>]+content\s*=\s*["']\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)[^>]*http-equiv\s*=\s*["']?refresh`)
	scriptLoc    = regexp.MustCompile(`(?is)(?:window\.|document\.|top\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']|location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)`)
)

func htmlRedirect(body string) string {
	for _, re := range []*regexp.Regexp{metaRefresh, metaRefresh2, scriptLoc} {
		if m := re.FindStringSubmatch(body); m != nil {
			for _, g := range m[1:] {
				if g != "" {
					return html.UnescapeString(g)
				}
			}
		}
	}
	return ""
}

// Follow requests raw and every address it redirects to (HTTP 3xx, meta
// refresh, script location), at most MaxRedirects hops within Timeout.
// It returns the last URL reached and the chain of every URL requested,
// the first being raw; on error the chain holds the hops made so far.
func (f *Follower) Follow(ctx context.Context, raw string) (final string, chain []string, err error) {
	ctx, cancel := context.WithTimeout(ctx, f.o.Timeout)
	defer cancel()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", nil, fmt.Errorf("not an http(s) address: %q", raw)
	}
	for hop := 0; ; hop++ {
		cur := u.String()
		if len(cur) > f.o.MaxURL {
			return "", chain, fmt.Errorf("address of %d bytes over limit %d", len(cur), f.o.MaxURL)
		}
		chain = append(chain, cur)
		next, err := f.hop(ctx, u)
		if err != nil {
			return "", chain, err
		}
		if next == nil {
			return cur, chain, nil
		}
		if hop >= f.o.MaxRedirects {
			return "", chain, fmt.Errorf("%w: more than %d", ErrTooManyRedirects, f.o.MaxRedirects)
		}
		for _, seen := range chain {
			if seen == next.String() {
				return "", chain, fmt.Errorf("redirect loop at %s", seen)
			}
		}
		u = next
	}
}

// hop requests u and returns where it redirects to, or nil.
func (f *Follower) hop(ctx context.Context, u *url.URL) (*url.URL, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, f.o.MaxBody))
	var loc string
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		loc = resp.Header.Get("Location")
		if loc == "" {
			return nil, nil
		}
	case resp.StatusCode == http.StatusOK && strings.Contains(strings.ToLower(resp.Header.Get("Content-Type")), "html"):
		if loc = htmlRedirect(string(body)); loc == "" {
			return nil, nil
		}
	default:
		return nil, nil
	}
	next, err := u.Parse(loc)
	if err != nil || (next.Scheme != "http" && next.Scheme != "https") || next.Host == "" {
		return nil, fmt.Errorf("bad redirect %q from %s", loc, u)
	}
	next.Fragment = ""
	return next, nil
}

// FollowAll follows every candidate that is neither official (the
// official sites are not loaded by every sweep) nor a messaging contact and records the final URL,
// the chain and any error in it. A candidate whose final host is not official
// and that claims verification, in its own address or the final one,
// becomes Strong; one that reaches an official host is not.
func (f *Follower) FollowAll(ctx context.Context, cands []Candidate, official []string) {
	for i := range cands {
		c := &cands[i]
		if c.Official || c.Contact {
			continue
		}
		final, chain, err := f.Follow(ctx, c.URL)
		c.Chain = chain
		if err != nil {
			c.FollowErr = err.Error()
			continue
		}
		c.FinalURL = final
		fu, perr := url.Parse(final)
		if perr != nil {
			continue
		}
		c.FinalHost = strings.ToLower(fu.Hostname())
		if c.FinalHost == c.Host {
			continue
		}
		if isOfficial(c.FinalHost, official) {
			c.Strong = false
			c.Reason = fmt.Sprintf("二维码经 %d 次跳转指向官方查询网站 %s", len(chain)-1, c.FinalHost)
			continue
		}
		why := claim(fu, "")
		if why == "" && c.Claims {
			why = "二维码或说明文字声称可查询"
		}
		if why != "" {
			c.Claims, c.Strong = true, true
			c.Reason = fmt.Sprintf("二维码经 %d 次跳转指向非官方网站 %s，却声称可查询或验证证书（%s），疑似假冒查询网站", len(chain)-1, c.FinalHost, why)
		} else {
			c.Reason = fmt.Sprintf("二维码经 %d 次跳转指向非官方网站 %s", len(chain)-1, c.FinalHost)
		}
	}
}

package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sort"
	"strings"
	"time"
)

// ErrHostNotResolvable is wrapped by the error of a fetch to a host that
// Options.Resolve does not name while Options.ResolveOnly is set. No DNS
// lookup and no connection is made. It is not retried.
var ErrHostNotResolvable = errors.New("host not in the resolve overrides (ResolveOnly)")

// resolver applies Options.Resolve, like curl --resolve, to both engines:
// the static engine dials through it, and Chromium gets the same map as
// --host-resolver-rules.
type resolver struct {
	// rules maps a lower-case "host" or "host:port" to "addr" or
	// "addr:port".
	rules  map[string]string
	only   bool
	dialer net.Dialer
	// policy refuses internal addresses after resolution (netpolicy.go).
	policy *netPolicy
	// lookup resolves a name (net.DefaultResolver.LookupNetIP; tests
	// replace it to play a DNS server).
	lookup func(ctx context.Context, network, host string) ([]netip.Addr, error)
}

func newResolver(rules map[string]string, only bool) *resolver {
	r := &resolver{
		rules:  make(map[string]string, len(rules)),
		only:   only,
		dialer: net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second},
		policy: &netPolicy{hosts: map[string]bool{}},
		lookup: net.DefaultResolver.LookupNetIP,
	}
	for from, to := range rules {
		r.rules[strings.ToLower(from)] = to
	}
	return r
}

// target returns the address to connect to for host:port, and whether a
// connection is allowed at all.
func (r *resolver) target(host, port string) (addr string, ok bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	to, found := r.rules[net.JoinHostPort(host, port)]
	if !found {
		to, found = r.rules[host]
	}
	if !found {
		return net.JoinHostPort(host, port), !r.only
	}
	if _, _, err := net.SplitHostPort(to); err != nil {
		// A bare address keeps the requested port.
		return net.JoinHostPort(strings.Trim(to, "[]"), port), true
	}
	return to, true
}

// DialContext is the dialer of the static engine and of the browser's
// SOCKS proxy: it resolves addr (the override, or DNS), drops the
// addresses the policy refuses and dials the checked addresses
// themselves, one after another, so that what is dialed is what was
// checked (no DNS-rebinding gap). Hosts without an override are refused
// when ResolveOnly is set.
func (r *resolver) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("crawler: dial %s: %w", addr, err)
	}
	addrs, err := r.resolveChecked(ctx, host, port)
	if err != nil {
		return nil, &net.OpError{Op: "dial", Net: network, Err: err}
	}
	var errs []error
	for _, a := range addrs {
		conn, err := r.dialer.DialContext(ctx, network, a)
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// chromiumRules renders the overrides as Chromium's --host-resolver-rules.
// Chromium's MAP rules accept a port on both sides (checked with Chromium
// 156: "MAP a.example 127.0.0.1:8080" sends http://a.example/ to port 8080,
// with Host: a.example), so no forwarding proxy is needed. The first
// matching rule wins, so host:port rules come before bare host rules, and
// with ResolveOnly a final "MAP * ~NOTFOUND" fails every other name (and IP
// literal) with ERR_NAME_NOT_RESOLVED before any lookup.
func (r *resolver) chromiumRules() string {
	var withPort, bare []string
	for from, to := range r.rules {
		rule := "MAP " + from + " " + to
		if _, _, err := net.SplitHostPort(from); err == nil {
			withPort = append(withPort, rule)
		} else {
			bare = append(bare, rule)
		}
	}
	sort.Strings(withPort)
	sort.Strings(bare)
	rules := append(withPort, bare...)
	if r.only {
		rules = append(rules, "MAP * ~NOTFOUND")
	}
	return strings.Join(rules, ", ")
}

// dialProxy dials Options.Proxy, which the operator configured: the
// resolve overrides apply, the address policy does not.
func (r *resolver) dialProxy(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("crawler: dial %s: %w", addr, err)
	}
	to, ok := r.target(host, port)
	if !ok {
		return nil, &net.OpError{Op: "dial", Net: network, Err: fmt.Errorf("%s: %w", host, ErrHostNotResolvable)}
	}
	return r.dialer.DialContext(ctx, network, to)
}

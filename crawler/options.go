package crawler

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/certwatch/certwatch/browser"
)

// DefaultUserAgent names certwatch honestly; see Options.UserAgent.
const DefaultUserAgent = "certwatch/1.0 (+regulatory crawler; contact: see robots)"

// Defaults of Options, applied by New to zero values.
const (
	defaultPerHostDelay    = time.Second
	defaultPerHostParallel = 1
	defaultParallel        = 16
	defaultTimeout         = 20 * time.Second
	defaultMaxBody         = 5 << 20
	defaultMaxDecompressed = 50 << 20
	defaultMaxRedirects    = 5
	defaultRetries         = 2
	defaultRetryBackoff    = 2 * time.Second

	defaultTabs         = 2
	defaultPageTimeout  = 30 * time.Second
	defaultRestartEvery = 200
	defaultSettle       = 500 * time.Millisecond
)

// ErrOptions is wrapped by every error New returns for bad Options.
var ErrOptions = errors.New("invalid crawler options")

// withDefaults returns o with every zero value replaced by its default.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	switch {
	case o.PerHostDelay == 0:
		o.PerHostDelay = defaultPerHostDelay
	case o.PerHostDelay < 0:
		o.PerHostDelay = 0 // negative: no delay (tests, own servers)
	}
	if o.PerHostParallel == 0 {
		o.PerHostParallel = defaultPerHostParallel
	}
	if o.Parallel == 0 {
		o.Parallel = defaultParallel
	}
	if o.Timeout == 0 {
		o.Timeout = defaultTimeout
	}
	if o.MaxBody == 0 {
		o.MaxBody = defaultMaxBody
	}
	if o.MaxDecompressed == 0 {
		o.MaxDecompressed = defaultMaxDecompressed
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = defaultMaxRedirects
	}
	switch {
	case o.Retries == 0:
		o.Retries = defaultRetries
	case o.Retries < 0:
		o.Retries = 0 // negative: no retries
	}
	switch {
	case o.RetryBackoff == 0:
		o.RetryBackoff = defaultRetryBackoff
	case o.RetryBackoff < 0:
		o.RetryBackoff = 0 // negative: retry at once
	}
	r := &o.Render
	if r.Tabs == 0 {
		r.Tabs = defaultTabs
	}
	if r.PageTimeout == 0 {
		r.PageTimeout = defaultPageTimeout
	}
	if r.RestartEvery == 0 {
		r.RestartEvery = defaultRestartEvery
	}
	switch {
	case r.Settle == 0:
		r.Settle = defaultSettle
	case r.Settle < 0:
		r.Settle = 0 // negative: no settle time
	}
	return o
}

// validate reports the first bad value of o (after withDefaults).
func (o Options) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("crawler: %w: %s", ErrOptions, fmt.Sprintf(format, args...))
	}
	if strings.ContainsAny(o.UserAgent, "\r\n") {
		return bad("UserAgent contains a line break")
	}
	for _, f := range []struct {
		name string
		n    int64
	}{
		{"Timeout", int64(o.Timeout)}, {"RetryBackoff", int64(o.RetryBackoff)},
		{"PerHostParallel", int64(o.PerHostParallel)}, {"Parallel", int64(o.Parallel)},
		{"MaxBody", o.MaxBody}, {"MaxDecompressed", o.MaxDecompressed},
		{"MaxRedirects", int64(o.MaxRedirects)},
		{"Render.PageTimeout", int64(o.Render.PageTimeout)}, {"Render.Settle", int64(o.Render.Settle)},
		{"Render.Tabs", int64(o.Render.Tabs)}, {"Render.RestartEvery", int64(o.Render.RestartEvery)},
	} {
		if f.n < 0 {
			return bad("%s is negative", f.name)
		}
	}
	if o.Proxy != "" {
		u, err := url.Parse(o.Proxy)
		if err != nil {
			return bad("Proxy %q: %v", o.Proxy, err)
		}
		switch u.Scheme {
		case "http", "https", "socks5":
		default:
			return bad("Proxy %q: scheme must be http, https or socks5", o.Proxy)
		}
		if u.Host == "" {
			return bad("Proxy %q has no host", o.Proxy)
		}
		if o.ResolveOnly {
			// Through a proxy the proxy resolves host names, so
			// neither engine could keep the promise of ResolveOnly.
			return bad("ResolveOnly cannot be combined with Proxy")
		}
	}
	if _, err := parseAllowInternal(o.AllowInternal); err != nil {
		return bad("AllowInternal: %v", err)
	}
	for _, from := range slices.Sorted(maps.Keys(o.Resolve)) {
		if err := checkResolveRule(from, o.Resolve[from]); err != nil {
			return bad("Resolve %q: %v", from, err)
		}
	}
	return nil
}

// checkResolveRule validates one Resolve entry: "host" or "host:port" maps
// to "ip:port" (or a bare "ip", which keeps the requested port).
func checkResolveRule(from, to string) error {
	if from == "" || strings.ContainsAny(from, " ,/") {
		return errors.New("the host must be a host name or host:port")
	}
	if _, port, err := net.SplitHostPort(from); err == nil {
		if !validPort(port) {
			return fmt.Errorf("bad port %q", port)
		}
	}
	if to == "" || strings.ContainsAny(to, " ,/") {
		return fmt.Errorf("target %q must be ip:port", to)
	}
	if host, port, err := net.SplitHostPort(to); err == nil {
		if host == "" || !validPort(port) {
			return fmt.Errorf("target %q must be ip:port", to)
		}
	}
	return nil
}

func validPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n > 0 && n < 65536
}

// BrowserOptions are the options of the browser pool the crawler's
// render engine uses (without the network switches, which only a
// Crawler's engine sets): for a browser check outside a Crawler.
func (o Options) BrowserOptions() browser.Options {
	o = o.withDefaults()
	return browser.Options{
		Chromium:     o.Render.Chromium,
		Tabs:         o.Render.Tabs,
		RestartEvery: o.Render.RestartEvery,
		PageTimeout:  o.Render.PageTimeout,
		UserAgent:    o.UserAgent,
	}
}

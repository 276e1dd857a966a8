// Package hostfacts collects what a police referral of an imitation site
// needs to know about the host that serves it (issue 14, part 3): the
// addresses its name resolves to and their reverse DNS, the TLS
// certificate it presents (subject, issuer, names, validity, serial,
// SHA-256 fingerprint) with its Certificate Transparency entries (SCTs
// from the handshake and embedded in the certificate, with their log IDs
// and timestamps), the response headers it sends, WHOIS of its domain
// from a configured server, and the hosting provider of each address from
// an offline MaxMind-format database.
//
// A Collector does all of it for one URL in Collect. Every part has its
// own deadline and byte bound; a part that fails is recorded in
// Facts.Problems with the part's name and the error, and never stops the
// others. Nothing here reaches a server the configuration does not name:
// addresses come from the configured DNS server (or the resolve
// overrides), internal and special-purpose addresses are refused unless
// allow_internal re-opens them (the crawler's rule), and WHOIS asks only
// the server configured for the domain's TLD (no built-in default).
//
// The facts are a plain JSON document (Encode, Decode, with a version
// member) that the store keeps beside a case's evidence with its SHA-256,
// and that review and the referral letter show (Items).
//
// Libraries: github.com/miekg/dns (BSD-3) through discover/lookalike's
// client for DNS; github.com/google/certificate-transparency-go
// (Apache-2.0) to parse SCT lists; github.com/oschwald/maxminddb-golang/v2
// (ISC) to read .mmdb files.
package hostfacts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/certwatch/certwatch/discover/lookalike"
	"github.com/certwatch/certwatch/internal/allowinternal"
	"github.com/oschwald/maxminddb-golang/v2"
	"golang.org/x/net/idna"
)

// Version is the format version Encode writes.
const Version = 1

// Parts of a collection, as Problem.Part names them.
const (
	PartDNS   = "dns"
	PartPTR   = "ptr"
	PartTLS   = "tls"
	PartHTTP  = "http"
	PartWHOIS = "whois"
	PartIPDB  = "ipdb"
)

// Defaults and hard limits.
const (
	DefaultPartTimeout = 5 * time.Second
	DefaultTimeout     = 20 * time.Second
	DefaultMaxWHOIS    = 64 << 10
	HardMaxWHOIS       = 1 << 20
	DefaultMaxHeader   = 64 << 10
	// MaxAddresses bounds the addresses kept (and looked up) per host.
	MaxAddresses = 16
	// MaxChain bounds the certificates of a chain kept.
	MaxChain = 5
	// MaxSCTs bounds the SCTs kept from each source.
	MaxSCTs = 16
	// MaxHeaders bounds the response header fields kept; maxHeaderValue
	// the characters of each value.
	MaxHeaders     = 100
	maxHeaderValue = 1024
	// MaxEncoded bounds an encoded Facts (what a store accepts).
	MaxEncoded = 512 << 10
)

// Options configure a Collector. Zero fields take the defaults named.
type Options struct {
	// DNS is "ip:port" of the DNS server asked for A, AAAA and PTR
	// records; "" reads the first nameserver of /etc/resolv.conf, unless
	// ResolveOnly is set, when only Resolve answers.
	DNS string
	// Exchanger, when set, is used instead of a client for DNS.
	Exchanger lookalike.Exchanger
	// NoDNS asks no DNS server: addresses come from Resolve only, and
	// there is no reverse DNS.
	NoDNS bool
	// Resolve are the configuration's resolve overrides ("host" or
	// "host:port" → "ip" or "ip:port", like curl --resolve): a host they
	// name is dialed there, and its addresses come from them.
	Resolve map[string]string
	// ResolveOnly refuses every host Resolve does not name (no DNS).
	ResolveOnly bool
	// AllowInternal re-opens internal addresses (IP, CIDR, host name,
	// "*.domain"), as the crawler's option of the same name.
	AllowInternal []string
	// WHOIS maps a top-level domain ("cn", "com") or "*" (any other) to
	// the "host:port" of its WHOIS server (RFC 3912). None by default:
	// a domain whose TLD has no server is recorded as not asked.
	WHOIS map[string]string
	// IPDB is the path of a MaxMind-format database (.mmdb: GeoLite2-ASN,
	// GeoIP2-ISP or compatible) read for each address's hosting provider;
	// "" for none.
	IPDB string
	// PartTimeout bounds each network part (default 5 s, at most 60 s);
	// Timeout the whole collection (default 20 s, at most 5 min).
	PartTimeout time.Duration
	Timeout     time.Duration
	// MaxWHOIS bounds the bytes of a WHOIS answer kept (default 64 KiB,
	// at most 1 MiB); the rest is not read.
	MaxWHOIS int64
	// MaxHeader bounds the response header bytes (default 64 KiB).
	MaxHeader int
	UserAgent string
	// Now is the clock (tests); time.Now by default.
	Now func() time.Time
}

// Collector collects host facts. It is safe for concurrent use.
type Collector struct {
	o      Options
	ex     lookalike.Exchanger
	nets   []netip.Prefix
	hosts  allowinternal.Hosts
	rules  map[string]string
	ipdb   *maxminddb.Reader
	ipMeta *IPDBInfo
	// dnsErr is why no DNS client could be made (no resolv.conf).
	dnsErr error
	// ipdbErr is why the configured IP database could not be opened:
	// every collection records it, and the other parts go on.
	ipdbErr error
}

// New checks o, opens the IP database when one is configured and returns
// a Collector; Close releases the database. Only a bad allow_internal
// entry or WHOIS server fails it (the configuration checks both): an IP
// database that cannot be opened, or no DNS server to ask, is recorded
// as a problem of every collection, whose other parts go on.
func New(o Options) (*Collector, error) {
	if o.PartTimeout <= 0 {
		o.PartTimeout = DefaultPartTimeout
	}
	o.PartTimeout = min(o.PartTimeout, time.Minute)
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	o.Timeout = min(o.Timeout, 5*time.Minute)
	if o.MaxWHOIS <= 0 {
		o.MaxWHOIS = DefaultMaxWHOIS
	}
	o.MaxWHOIS = min(o.MaxWHOIS, HardMaxWHOIS)
	if o.MaxHeader <= 0 {
		o.MaxHeader = DefaultMaxHeader
	}
	if o.UserAgent == "" {
		o.UserAgent = "Mozilla/5.0 (compatible; certwatch-hostfacts)"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	c := &Collector{o: o, ex: o.Exchanger, hosts: allowinternal.Hosts{}, rules: map[string]string{}}
	for _, e := range o.AllowInternal {
		pfx, host, err := allowinternal.Entry(e)
		if err != nil {
			return nil, fmt.Errorf("hostfacts: allow_internal: %w", err)
		}
		if host != "" {
			c.hosts[host] = true
		} else {
			c.nets = append(c.nets, pfx)
		}
	}
	for from, to := range o.Resolve {
		c.rules[strings.ToLower(from)] = to
	}
	for tld, srv := range o.WHOIS {
		if _, _, err := net.SplitHostPort(srv); err != nil {
			return nil, fmt.Errorf("hostfacts: whois server for %q: %q is not host:port", tld, srv)
		}
	}
	if c.ex == nil && !o.NoDNS && !(o.ResolveOnly && o.DNS == "") {
		if cl, err := lookalike.NewClient(o.DNS, o.PartTimeout); err != nil {
			c.dnsErr = err // recorded by each collection; overrides still answer
		} else {
			c.ex = cl
		}
	}
	if o.IPDB != "" {
		if db, err := maxminddb.Open(o.IPDB); err != nil {
			c.ipdbErr = fmt.Errorf("open IP database %s: %w", o.IPDB, err)
		} else {
			c.ipdb = db
			c.ipMeta = &IPDBInfo{Type: db.Metadata.DatabaseType, Built: db.Metadata.BuildTime().UTC()}
		}
	}
	return c, nil
}

// Close releases the IP database.
func (c *Collector) Close() error {
	if c.ipdb != nil {
		return c.ipdb.Close()
	}
	return nil
}

// Facts is everything collected about one URL's host.
type Facts struct {
	Version  int       `json:"version"`
	URL      string    `json:"url"`
	Host     string    `json:"host"`
	Domain   string    `json:"domain,omitempty"` // registrable domain
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`

	Addresses []Address `json:"addresses,omitempty"`
	// CNAMEs are the aliases the DNS answers went through (a CDN or a
	// parking service shows here), in the order met.
	CNAMEs   []string    `json:"cnames,omitempty"`
	TLS      *TLSFacts   `json:"tls,omitempty"`
	HTTP     *HTTPFacts  `json:"http,omitempty"`
	WHOIS    *WHOISFacts `json:"whois,omitempty"`
	IPDB     *IPDBInfo   `json:"ipdb,omitempty"`
	Problems []Problem   `json:"problems,omitempty"`
	NotAsked []string    `json:"not_asked,omitempty"` // parts not configured (no WHOIS server, no IP database)
}

// Address is one address the host resolved to.
type Address struct {
	IP     string   `json:"ip"`
	Source string   `json:"source"` // "dns" or "resolve" (the configured overrides)
	PTR    []string `json:"ptr,omitempty"`
	// Provider is what the IP database says of the address.
	Provider *Provider `json:"provider,omitempty"`
}

// Provider is an IP database's record of an address.
type Provider struct {
	Network string `json:"network,omitempty"`
	ASN     uint   `json:"asn,omitempty"`
	ASOrg   string `json:"as_org,omitempty"`
	ISP     string `json:"isp,omitempty"`
	Org     string `json:"org,omitempty"`
	Country string `json:"country,omitempty"` // ISO code
}

// Name is the provider's best name: ISP, else organisation, else the
// AS organisation.
func (p *Provider) Name() string {
	if p == nil {
		return ""
	}
	for _, s := range []string{p.ISP, p.Org, p.ASOrg} {
		if s != "" {
			return s
		}
	}
	return ""
}

// IPDBInfo says which database answered.
type IPDBInfo struct {
	Type  string    `json:"type"`
	Built time.Time `json:"built"`
}

// Problem is a part that failed.
type Problem struct {
	Part string `json:"part"`
	Err  string `json:"err"`
}

// Encode is the JSON of f, the bytes a store keeps and hashes.
func Encode(f *Facts) ([]byte, error) {
	f.Version = Version
	b, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("hostfacts: encode: %w", err)
	}
	if len(b) > MaxEncoded {
		return nil, fmt.Errorf("hostfacts: encode: %d bytes, more than %d", len(b), MaxEncoded)
	}
	return b, nil
}

// ErrNewer is returned by Decode for a version newer than Version.
var ErrNewer = errors.New("hostfacts: written by a newer certwatch")

// Decode reads what Encode wrote.
func Decode(b []byte) (*Facts, error) {
	var f Facts
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("hostfacts: decode: %w", err)
	}
	if f.Version > Version {
		return nil, fmt.Errorf("%w: version %d", ErrNewer, f.Version)
	}
	return &f, nil
}

// run is one collection: the facts filled in by parts running at once.
type run struct {
	mu sync.Mutex
	f  *Facts
}

// fail records a failed part.
func (r *run) fail(part string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.f.Problems = append(r.f.Problems, Problem{Part: part, Err: err.Error()})
}

func (r *run) notAsked(part string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.f.NotAsked = append(r.f.NotAsked, part)
}

// set runs fn with the facts locked.
func (r *run) set(fn func(f *Facts)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fn(r.f)
}

// ErrBlockedAddress is wrapped by the error of a part refused because the
// host is, or resolves to, an internal address allow_internal does not
// re-open.
var ErrBlockedAddress = errors.New("internal or special-purpose address refused")

// ErrNotResolvable is the error of a host the resolve overrides do not
// name when no DNS server is asked (resolve_only, or resolver "resolve").
var ErrNotResolvable = errors.New("host not in the resolve overrides, and no DNS server is asked")

// Collect collects the facts of rawURL's host, bounded by the Collector's
// Timeout and ctx. It never fails as a whole: each part's failure is in
// Problems.
func (c *Collector) Collect(ctx context.Context, rawURL string) *Facts {
	ctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	f := &Facts{Version: Version, URL: rawURL, Started: c.o.Now().UTC()}
	r := &run{f: f}
	defer func() { f.Finished = c.o.Now().UTC() }()
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" || (u.Scheme != "http" && u.Scheme != "https") {
		r.fail(PartDNS, fmt.Errorf("not an http(s) URL: %q", rawURL))
		return f
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		host = a // DNS, SNI and WHOIS take the A-label (xn--) form
	}
	f.Host = host
	f.Domain = registrable(host)
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}

	var wg sync.WaitGroup
	// WHOIS needs only the name: it runs beside the rest.
	wg.Add(1)
	go func() { defer wg.Done(); c.whois(ctx, r, f.Domain) }()

	addrs := c.addresses(ctx, r, host)
	switch {
	case c.ipdb != nil:
		f.IPDB = c.ipMeta
	case c.ipdbErr != nil:
		r.fail(PartIPDB, c.ipdbErr)
	default:
		r.notAsked(PartIPDB)
	}
	for i := range addrs {
		wg.Add(1)
		go func() { defer wg.Done(); c.ptr(ctx, r, i, addrs[i]) }()
		c.provider(r, i, addrs[i])
	}
	dial, derr := c.targets(host, port, addrs)
	tlsDial, terr := dial, derr
	if u.Scheme == "http" {
		// An http site may still present a certificate on 443, unless an
		// override sends the whole host to one port (which serves HTTP).
		tlsDial, terr = c.targets(host, "443", addrs)
		if c.portFixed(host) {
			tlsDial, terr = nil, errors.New("the resolve override sends the host to one port, which serves plain HTTP")
		}
	}
	wg.Add(2)
	go func() { defer wg.Done(); c.tlsFacts(ctx, r, host, tlsDial, terr) }()
	go func() { defer wg.Done(); c.httpFacts(ctx, r, u, dial, derr) }()
	wg.Wait()
	return f
}

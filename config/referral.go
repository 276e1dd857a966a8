package config

import (
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/certwatch/certwatch/internal/strictyaml"
	"go.yaml.in/yaml/v3"
)

// Referral is the referral key: what certwatch collects about the host of
// an imitation site for its police referral (issue 14, part 3: package
// evidence/hostfacts). When a sweep records an imitation case (a new
// case, or a new snapshot of one) it collects, bounded by Timeout, the
// host's addresses and their reverse DNS, its TLS certificate with the
// Certificate Transparency timestamps, its response headers, WHOIS from
// the server configured for the domain's TLD, and the hosting provider
// from an offline IP database, and keeps them with the case's evidence.
// Without the key the collection is on, with no WHOIS server and no IP
// database.
//
//	referral:
//	  host_facts: true          # false turns the collection off
//	  resolver: 10.0.0.53:53    # DNS server for A/AAAA/PTR ("resolve": the overrides only)
//	  whois:                    # per TLD ("*": any other); RFC 3912, port 43
//	    cn: whois.cnnic.cn:43
//	  ipdb: GeoLite2-ASN.mmdb   # MaxMind-format database (beside the config file)
//	  timeout: 20s              # whole collection
//	  part_timeout: 5s          # each network part
//	  max_whois: 64KiB
type Referral struct {
	HostFacts bool
	// Resolver is "ip:port" of a DNS server, "resolve" (the resolve
	// overrides answer and no DNS server is asked), or "" (the lookalike
	// resolver when one is configured, else /etc/resolv.conf).
	Resolver    string
	WHOIS       map[string]string
	IPDB        string
	Timeout     time.Duration
	PartTimeout time.Duration
	MaxWHOIS    int64
}

// DefaultReferral is the referral settings without the key.
func DefaultReferral() Referral {
	return Referral{HostFacts: true, Timeout: 20 * time.Second, PartTimeout: 5 * time.Second, MaxWHOIS: 64 << 10}
}

// ReferralSettings are the referral key's settings, or DefaultReferral.
func (c *Config) ReferralSettings() Referral {
	if c.Referral != nil {
		return *c.Referral
	}
	return DefaultReferral()
}

func (d *decoder) referral(n *yaml.Node, key string, r *Referral) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"host_facts": func(v *yaml.Node, k string) { d.Bool(v, k, &r.HostFacts) },
		"resolver": func(v *yaml.Node, k string) {
			d.Str(v, k, &r.Resolver)
			if r.Resolver != ResolverOverrides {
				if h, p, err := net.SplitHostPort(r.Resolver); err != nil || net.ParseIP(h) == nil || p == "" {
					d.Fail(v, k, "must be ip:port of a DNS server such as 127.0.0.1:53, or %q (the resolve overrides answer)", ResolverOverrides)
				}
			}
		},
		"whois": func(v *yaml.Node, k string) {
			if v.Kind != yaml.MappingNode {
				d.Fail(v, k, "must be a mapping of TLD to host:port, got %s", strictyaml.KindName(v))
				return
			}
			r.WHOIS = map[string]string{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				tk, tv := v.Content[i], v.Content[i+1]
				tld := strings.Trim(strings.ToLower(strings.TrimSpace(tk.Value)), ".")
				kk := k + "." + tk.Value
				if tld == "" {
					d.Fail(tk, kk, "empty TLD")
					continue
				}
				h, p, err := net.SplitHostPort(tv.Value)
				if tv.Kind != yaml.ScalarNode || err != nil || h == "" || p == "" {
					d.Fail(tv, kk, "must be host:port of a WHOIS server such as whois.cnnic.cn:43, got %s", strictyaml.KindName(tv))
					continue
				}
				r.WHOIS[tld] = tv.Value
			}
		},
		"ipdb":         func(v *yaml.Node, k string) { d.Str(v, k, &r.IPDB) },
		"timeout":      func(v *yaml.Node, k string) { d.Duration(v, k, time.Second, 5*time.Minute, &r.Timeout) },
		"part_timeout": func(v *yaml.Node, k string) { d.Duration(v, k, 100*time.Millisecond, time.Minute, &r.PartTimeout) },
		"max_whois":    func(v *yaml.Node, k string) { d.Size(v, k, 1<<10, 1<<20, &r.MaxWHOIS) },
	})
}

// resolvePaths makes the IP database's path absolute against dir.
func (r *Referral) resolvePaths(dir string) {
	if r != nil && r.IPDB != "" && !filepath.IsAbs(r.IPDB) {
		r.IPDB = filepath.Join(dir, r.IPDB)
	}
}

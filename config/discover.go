package config

import (
	"net"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"
)

// Discover is the discover key: ways a sweep finds candidate imitation
// query sites besides the configured sources (issue 14).
//
// QR (discover.qr) scans the images of every page the sweep flags as an
// offer and of every marketplace listing for QR codes, follows their
// addresses through redirects and URL shorteners (bounded, internal
// addresses refused), and queues each strong candidate (a non-official
// host that claims to verify certificates) as a page to check for
// imitation. It is off by default: it fetches up to QRMaxImages images of
// each such page from hosts the sources name, and follows addresses to
// hosts no source names; an operator turns it on knowingly (the sample
// web's config does).
//
// Lookalike (discover.lookalike), when set, resolves at the start of
// every sweep the lookalike names of the official query hosts that are
// due for a check (discover/lookalike: generated in the manner of
// dnstwist, remembered in a state file with their next check) and queues
// the home page of every registered one as a page to check for
// imitation.
type Discover struct {
	QR          bool
	QRMaxImages int // images fetched per page (default 8, at most 64)
	Lookalike   *Lookalike
	Imitation   *Imitation // discover.imitation (imitation.go)
	CT          *CT        // discover.ct (discover_ct.go)
	Watch       *Watch     // discover.watch (discover_ct.go)
}

// Lookalike is the discover.lookalike key.
type Lookalike struct {
	// Resolver is "ip:port" of a DNS server, or "resolve": the config's
	// resolve overrides answer instead (a name among them is registered
	// at its IP, any other is not), for the sample web and tests, where
	// no DNS server may be started without privileges.
	Resolver string
	QPS      float64       // DNS queries per second (default 20, at most 1,000)
	MaxNames int           // names resolved per sweep (default 500, at most 50,000)
	Timeout  time.Duration // budget of the whole step (default 2 min)
	// State is the JSON file that remembers every name and its next check
	// (default lookalike-state.json beside the config file).
	State string
	// Hosts are official hosts whose lookalikes are checked, besides the
	// rule packs' official query hosts.
	Hosts []string
}

// ResolverOverrides is the Lookalike.Resolver value that answers from
// the resolve overrides.
const ResolverOverrides = "resolve"

// DefaultQRMaxImages is Discover.QRMaxImages when the config gives none.
const DefaultQRMaxImages = 8

func (d *decoder) discover(n *yaml.Node, key string, dst *Discover) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"qr":            func(v *yaml.Node, k string) { d.Bool(v, k, &dst.QR) },
		"qr_max_images": func(v *yaml.Node, k string) { d.Int(v, k, 1, 64, &dst.QRMaxImages) },
		"lookalike": func(v *yaml.Node, k string) {
			dst.Lookalike = &Lookalike{QPS: 20, MaxNames: 500, Timeout: 2 * time.Minute}
			d.lookalike(v, k, dst.Lookalike)
		},
		"imitation": func(v *yaml.Node, k string) { dst.Imitation = &Imitation{}; d.imitation(v, k, dst.Imitation) },
		"ct": func(v *yaml.Node, k string) {
			dst.CT = &CT{MaxEntries: 10000, MaxQueued: 500, Timeout: 2 * time.Minute, RequestTimeout: 20 * time.Second, Recheck: 30 * 24 * time.Hour}
			d.ct(v, k, dst.CT)
		},
		"watch": func(v *yaml.Node, k string) {
			dst.Watch = &Watch{MaxHosts: 200, Category: DefaultWatchCategory, Moves: true}
			d.watch(v, k, dst.Watch)
		},
	})
}

func (d *decoder) lookalike(n *yaml.Node, key string, l *Lookalike) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"resolver": func(v *yaml.Node, k string) {
			d.Str(v, k, &l.Resolver)
			if l.Resolver != ResolverOverrides {
				if h, p, err := net.SplitHostPort(l.Resolver); err != nil || net.ParseIP(h) == nil || p == "" {
					d.Fail(v, k, "must be ip:port of a DNS server such as 127.0.0.1:53, or %q (the resolve overrides answer)", ResolverOverrides)
				}
			}
		},
		"qps":       func(v *yaml.Node, k string) { d.Num(v, k, 0.1, 1000, true, &l.QPS) },
		"max_names": func(v *yaml.Node, k string) { d.Int(v, k, 1, 50000, &l.MaxNames) },
		"timeout":   func(v *yaml.Node, k string) { d.Duration(v, k, time.Second, time.Hour, &l.Timeout) },
		"state":     func(v *yaml.Node, k string) { d.Str(v, k, &l.State) },
		"hosts":     func(v *yaml.Node, k string) { d.StrList(v, k, &l.Hosts) },
	}, "resolver")
}

// resolveState makes the state file absolute against dir.
func (l *Lookalike) resolveState(dir string) {
	if l.State == "" {
		l.State = "lookalike-state.json"
	}
	if !filepath.IsAbs(l.State) {
		l.State = filepath.Join(dir, l.State)
	}
}

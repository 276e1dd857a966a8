package config

import (
	"encoding/base64"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// CT is the discover.ct key: at the start of every sweep each configured
// Certificate Transparency log is polled from its saved position (RFC 6962
// get-sth and get-entries, discover/ctlog), the DNS names of the new
// certificates are matched against the lookalike rules of the official
// query hosts, and the home page of every matched name is queued as a
// page to check for imitation.
type CT struct {
	Logs []CTLog
	// MaxEntries bounds the entries read per log per sweep (default
	// 10,000, at most 1,000,000).
	MaxEntries int
	// MaxQueued bounds the home pages queued per sweep (default 500, at
	// most 50,000).
	MaxQueued int
	// Timeout is the budget of the whole step (default 2 min), and
	// RequestTimeout of each request to a log (default 20 s).
	Timeout        time.Duration
	RequestTimeout time.Duration
	// State is the JSON file that keeps each log's position and last tree
	// head (default ct-state.json beside the config file).
	State string
	// Names is the JSON file that remembers the names matched (default
	// ct-names.json beside the config file): a certificate is often
	// logged before its site goes online, so each matched name's home
	// page is checked in every sweep for Recheck after it was first seen
	// (default 30 days, at most a year).
	Names   string
	Recheck time.Duration
	// Hosts are official hosts whose lookalikes are matched, besides the
	// rule packs' official query hosts.
	Hosts []string
	// Allow lists registrable domains never matched (legitimate
	// aggregators).
	Allow []string
}

// CTLog is one log of discover.ct.logs.
type CTLog struct {
	URL string
	// PublicKey is the log's key, base64 DER as in the published log
	// lists; when set every tree head's signature is verified.
	PublicKey string
	// StartAtHead: with no saved position, start at the log's current
	// size instead of its first entry.
	StartAtHead bool
}

// Watch is the discover.watch key: at the start of every sweep the page of
// every known imitation site (an imitation case pending review or
// confirmed) is queued again, so the sweep records whether it is still
// online, gone, or changed, at most MaxHosts of them (newest cases first),
// at the crawler's per-host delay.
type Watch struct {
	MaxHosts int // pages re-checked per sweep (default 200, at most 10,000)
	// Category is the case category of imitation sites (default
	// imitation_site).
	Category string
	// Moves links a new imitation case whose page has the same content or
	// the same template as a known imitation case on another host to that
	// case (default on).
	Moves bool
}

// DefaultWatchCategory is Watch.Category when the config gives none.
const DefaultWatchCategory = "imitation_site"

func (d *decoder) ct(n *yaml.Node, key string, c *CT) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"logs": func(v *yaml.Node, k string) {
			d.List(v, k, func(i int, e *yaml.Node, ek string) {
				if len(c.Logs) >= 100 {
					d.Fail(e, ek, "at most 100 logs")
					return
				}
				var l CTLog
				d.Fields(e, ek, map[string]func(*yaml.Node, string){
					"url": func(v *yaml.Node, k string) {
						d.Str(v, k, &l.URL)
						d.httpURL(v, k, l.URL)
					},
					"public_key": func(v *yaml.Node, k string) {
						d.Str(v, k, &l.PublicKey)
						s := strings.TrimSpace(l.PublicKey)
						s = strings.TrimPrefix(s, "-----BEGIN PUBLIC KEY-----")
						s = strings.TrimSuffix(s, "-----END PUBLIC KEY-----")
						if _, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), "")); err != nil || s == "" {
							d.Fail(v, k, "must be the log's public key, base64 DER as in the log lists")
						}
					},
					"start_at_head": func(v *yaml.Node, k string) { d.Bool(v, k, &l.StartAtHead) },
				}, "url")
				c.Logs = append(c.Logs, l)
			})
		},
		"max_entries": func(v *yaml.Node, k string) { d.Int(v, k, 1, 1000000, &c.MaxEntries) },
		"max_queued":  func(v *yaml.Node, k string) { d.Int(v, k, 1, 50000, &c.MaxQueued) },
		"timeout":     func(v *yaml.Node, k string) { d.Duration(v, k, time.Second, time.Hour, &c.Timeout) },
		"request_timeout": func(v *yaml.Node, k string) {
			d.Duration(v, k, 100*time.Millisecond, 10*time.Minute, &c.RequestTimeout)
		},
		"state":   func(v *yaml.Node, k string) { d.Str(v, k, &c.State) },
		"names":   func(v *yaml.Node, k string) { d.Str(v, k, &c.Names) },
		"recheck": func(v *yaml.Node, k string) { d.Duration(v, k, time.Hour, 366*24*time.Hour, &c.Recheck) },
		"hosts":   func(v *yaml.Node, k string) { d.StrList(v, k, &c.Hosts) },
		"allow":   func(v *yaml.Node, k string) { d.StrList(v, k, &c.Allow) },
	}, "logs")
}

func (d *decoder) watch(n *yaml.Node, key string, w *Watch) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"max_hosts": func(v *yaml.Node, k string) { d.Int(v, k, 1, 10000, &w.MaxHosts) },
		"category":  func(v *yaml.Node, k string) { d.Str(v, k, &w.Category) },
		"moves":     func(v *yaml.Node, k string) { d.Bool(v, k, &w.Moves) },
	})
}

// resolveState makes the state files absolute against dir.
func (c *CT) resolveState(dir string) {
	if c.State == "" {
		c.State = "ct-state.json"
	}
	if c.Names == "" {
		c.Names = "ct-names.json"
	}
	for _, p := range []*string{&c.State, &c.Names} {
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
}

// Package config reads the sweep configuration: where the database lives,
// how to crawl (user agent, proxy, resolve overrides, limits, browser) and
// what to crawl (the sources). Loading is strict: an unknown key, a wrong
// type, a bad URL or pattern, a duplicate source id is an error naming
// file, line and key path, and every error of the file is reported
// together. config.example.yaml at the repository root documents every key.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Shanghai without system zoneinfo

	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/allowinternal"
	"github.com/certwatch/certwatch/internal/strictyaml"
)

// Source kinds.
const (
	KindSite   = "site"   // crawl from start URLs within allowed hosts
	KindSearch = "search" // a marketplace or search URL template expanded with search terms
	KindURLs   = "urls"   // a list or file of URLs (e.g. reported by the public)
)

// Config is one loaded configuration.
type Config struct {
	File string
	Hash string // hex SHA-256 of the file, recorded with each sweep
	// Database is the bbolt file (resolved against the file's
	// directory), the embedded default, or a postgres:// URL selecting
	// the PostgreSQL backend (IsDatabaseURL).
	Database string
	// Blobs is where the PostgreSQL backend keeps evidence bytes: a
	// directory (resolved against the file's directory; default "blobs"
	// beside it) or an s3:// URL. Empty with a bbolt database, which keeps
	// them in its file.
	Blobs       string
	Rules       []string
	UserAgent   string
	Proxy       string
	ResolveOnly bool
	Resolve     map[string]string
	Limits      Limits
	Render      Render
	Sources     []*Source
	Serve       Serve
	Schedule    Schedule
	Notify      Notify

	// AllowInternal re-opens internal addresses, which crawling refuses
	// by default: IPs, CIDR networks, host names or "*.domain" (read by
	// package internal/allowinternal, as the crawler reads them).
	AllowInternal []string

	// Discover turns on discovery of imitation sites (see Discover).
	Discover Discover
	// Referral is what a referral of an imitation site collects (nil:
	// DefaultReferral; see Referral and ReferralSettings).
	Referral *Referral
}

// Limits are the politeness and safety bounds of a crawl.
type Limits struct {
	PerHostDelay    time.Duration
	PerHostParallel int
	Parallel        int
	Timeout         time.Duration
	MaxBody         int64
	MaxDecompressed int64
	MaxRedirects    int
	Retries         int
	RetryBackoff    time.Duration
}

// Render holds the browser settings of the render key. The values are
// explicit (defaults applied while loading): a zero Settle means none.
// Package config imports no engine; the sweep package turns these into
// the crawler's options (sweep.CrawlerOptions).
type Render struct {
	Chromium     string        // path ("": chromium or chromium-browser on PATH)
	Tabs         int           // pages rendered at once (0: the crawler's default, 2)
	PageTimeout  time.Duration // per page (0: the crawler's default, 30s)
	RestartEvery int           // restart the browser after this many pages (0: the crawler's default, 200)
	Settle       time.Duration // wait after load for scripts (default 500ms; 0: none)
}

// Listing holds the CSS selectors of a search source's listing key, each
// checked to parse while loading: Item selects each listing on a result
// page, the others are relative to it, Next selects the next result page.
type Listing struct {
	Item, Title, Price, Seller, Description, Contact, Link string
	Next                                                   string
}

// Source is one thing to crawl.
type Source struct {
	Line int
	ID   string
	Kind string
	// Render ("render: true") fetches every page of the source with the
	// browser; RenderAuto ("render: auto") fetches statically first and
	// renders only the pages that need it (the crawler's NeedsRender: script
	// shells, result pages whose listing selectors find nothing). At
	// most one is set; neither ("render: false", the default) never
	// renders.
	Render       bool
	RenderAuto   bool
	IgnoreRobots bool
	// EvidenceAlways ("evidence_screenshot: always") takes an evidence
	// screenshot (a browser render) of every page of the source that
	// becomes a case, also those fetched statically. The default
	// ("rendered") screenshots rendered pages and imitation query sites
	// only (sweep.wantsEvidence).
	EvidenceAlways bool
	// Route is the notice route suggested for this source's takedown
	// findings (e.g. takedown_samr for a marketplace); "" keeps the rule's.
	// A rule's police referral is never overridden.
	Route casework.Route

	// site
	Start        []string
	AllowedHosts []string
	Depth        int
	Include      []*regexp.Regexp
	Exclude      []*regexp.Regexp
	MaxPages     int

	// search
	URL         string // template holding {q}
	Terms       []string
	ResultPages int
	Listing     *Listing
	// ListingID extracts a listing's stable id from its detail URL (first
	// capture group), so a listing is one case even when its URL changes.
	ListingID *regexp.Regexp
	// OfficialSiteTerms: the terms named official_sites (config/search.go),
	// the names and titles of the rule packs' official query sites, are
	// searched too (before Terms).
	OfficialSiteTerms bool

	// urls
	URLs    []string
	URLFile string // resolved against the config file's directory
}

// Defaults applied when a key is absent.
var defaultLimits = Limits{
	PerHostDelay:    time.Second,
	PerHostParallel: 1,
	Parallel:        16,
	Timeout:         20 * time.Second,
	MaxBody:         5 << 20,
	MaxDecompressed: 50 << 20,
	MaxRedirects:    5,
	Retries:         2,
	RetryBackoff:    2 * time.Second,
}

// DefaultUserAgent names certwatch honestly.
const DefaultUserAgent = "certwatch/1.0 (regulatory crawler for fake safety certificates)"

// MaxConfigSize bounds a configuration file; a larger one is refused
// before it is parsed (parsing takes several times the file's size in
// memory). Real configurations are a few KB; long URL lists belong in a
// urls source's file.
const MaxConfigSize = 4 << 20

// Load reads and validates a configuration file.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	// Read one byte past the limit rather than trust the size from stat:
	// a FIFO or a device has none, and a file may grow.
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if len(data) > MaxConfigSize {
		return nil, fmt.Errorf("config: %s: the file is larger than the %d bytes (%d MiB) allowed for a configuration (配置文件超过 %d MiB 上限)",
			path, MaxConfigSize, MaxConfigSize>>20, MaxConfigSize>>20)
	}
	return Parse(path, data)
}

// Parse validates configuration data read from file.
func Parse(file string, data []byte) (*Config, error) {
	root, err := strictyaml.Parse(file, "configuration", data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	c := &Config{File: file, Hash: hex.EncodeToString(sum[:]), UserAgent: DefaultUserAgent, Limits: defaultLimits, Resolve: map[string]string{},
		Render: Render{Settle: 500 * time.Millisecond}, Serve: DefaultServe(), Schedule: DefaultSchedule(),
		Notify: Notify{RetryAfter: time.Minute, MaxAttempts: 10}}
	d := &decoder{Decoder: strictyaml.Decoder{File: file}}
	d.config(root, c)
	if err := d.Err(); err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	shared := IsDatabaseURL(c.Database)
	if c.Blobs != "" && !shared {
		return nil, fmt.Errorf("%s: blobs: only a PostgreSQL database (database: postgres://…) keeps evidence in a blob store; the bbolt file keeps it itself", file)
	}
	if c.Database != "" && !shared && !filepath.IsAbs(c.Database) {
		c.Database = filepath.Join(dir, c.Database)
	}
	if shared && c.Blobs == "" {
		c.Blobs = "blobs"
	}
	if c.Blobs != "" && !strings.Contains(c.Blobs, "://") && !filepath.IsAbs(c.Blobs) {
		c.Blobs = filepath.Join(dir, c.Blobs)
	}
	for i, r := range c.Rules {
		if !filepath.IsAbs(r) {
			c.Rules[i] = filepath.Join(dir, r)
		}
	}
	if shared && !filepath.IsAbs(c.Schedule.BackupDir) {
		c.Schedule.BackupDir = filepath.Join(dir, c.Schedule.BackupDir)
	} else if c.Database != "" && !filepath.IsAbs(c.Schedule.BackupDir) {
		c.Schedule.BackupDir = filepath.Join(filepath.Dir(c.Database), c.Schedule.BackupDir)
	}
	for _, p := range []*string{&c.Serve.TLSCert, &c.Serve.TLSKey} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	if c.Discover.Lookalike != nil {
		c.Discover.Lookalike.resolveState(dir)
	}
	if c.Discover.Imitation != nil {
		c.Discover.Imitation.resolvePaths(dir)
	}
	c.Referral.resolvePaths(dir)
	if c.Discover.CT != nil {
		c.Discover.CT.resolveState(dir)
	}
	for _, s := range c.Sources {
		if s.URLFile != "" && !filepath.IsAbs(s.URLFile) {
			s.URLFile = filepath.Join(dir, s.URLFile)
		}
	}
	return c, nil
}

// Source looks a source up by id.
func (c *Config) Source(id string) *Source {
	for _, s := range c.Sources {
		if s.ID == id {
			return s
		}
	}
	return nil
}

type decoder struct {
	strictyaml.Decoder
}

// IsDatabaseURL reports whether database names a PostgreSQL server (a
// postgres:// or postgresql:// URL) rather than a bbolt file.
func IsDatabaseURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// database refuses a URL that does not name PostgreSQL: only a file path
// or a postgres:// URL is meant.
func (d *decoder) database(v *yaml.Node, k, s string) {
	if strings.Contains(s, "://") && !IsDatabaseURL(s) {
		scheme, _, _ := strings.Cut(s, "://")
		d.Fail(v, k, "%s:// is not a database: want a file path (bbolt, the embedded default) or a postgres:// URL", scheme)
	}
}

// blobs accepts a directory, a file:// URL or an s3:// URL.
func (d *decoder) blobs(v *yaml.Node, k, s string) {
	if scheme, _, ok := strings.Cut(s, "://"); ok && scheme != "file" && scheme != "s3" {
		d.Fail(v, k, "%s:// is not a blob store: want a directory, a file:// URL or an s3:// URL", scheme)
	}
}

func (d *decoder) config(n *yaml.Node, c *Config) {
	var sourcesNode *yaml.Node
	d.Fields(n, "", map[string]func(*yaml.Node, string){
		"database":     func(v *yaml.Node, k string) { d.Str(v, k, &c.Database); d.database(v, k, c.Database) },
		"blobs":        func(v *yaml.Node, k string) { d.Str(v, k, &c.Blobs); d.blobs(v, k, c.Blobs) },
		"rules":        func(v *yaml.Node, k string) { d.StrList(v, k, &c.Rules) },
		"user_agent":   func(v *yaml.Node, k string) { d.Str(v, k, &c.UserAgent) },
		"proxy":        func(v *yaml.Node, k string) { d.Str(v, k, &c.Proxy); d.httpURL(v, k, c.Proxy) },
		"resolve_only": func(v *yaml.Node, k string) { d.Bool(v, k, &c.ResolveOnly) },
		"resolve":      func(v *yaml.Node, k string) { d.resolve(v, k, c.Resolve) },
		"limits":       func(v *yaml.Node, k string) { d.limits(v, k, &c.Limits) },
		"render":       func(v *yaml.Node, k string) { d.render(v, k, &c.Render) },
		"sources":      func(v *yaml.Node, k string) { sourcesNode = v },
		"serve":        func(v *yaml.Node, k string) { d.serve(v, k, &c.Serve) },
		"schedule":     func(v *yaml.Node, k string) { d.schedule(v, k, &c.Schedule) },
		"notify":       func(v *yaml.Node, k string) { d.notify(v, k, &c.Notify) },
		"discover":     func(v *yaml.Node, k string) { d.discover(v, k, &c.Discover) },
		"referral":     func(v *yaml.Node, k string) { r := DefaultReferral(); c.Referral = &r; d.referral(v, k, c.Referral) },
		"allow_internal": func(v *yaml.Node, k string) {
			d.StrList(v, k, &c.AllowInternal)
			for i, e := range c.AllowInternal {
				if err := allowinternal.Check(e); err != nil {
					d.Fail(v, fmt.Sprintf("%s[%d]", k, i), "%v (an IP, a network such as 10.1.0.0/16, a host name or *.domain)", err)
				}
			}
		},
	}, "database", "sources")
	if sourcesNode == nil {
		return
	}
	ids := map[string]int{}
	d.List(sourcesNode, "sources", func(_ int, sn *yaml.Node, k string) {
		if s := d.source(sn, k); d.Unique(ids, sn, k+".id", "source id", s.ID) {
			c.Sources = append(c.Sources, s)
		}
	})
	if len(sourcesNode.Content) == 0 {
		d.Fail(sourcesNode, "sources", "a configuration needs at least one source")
	}
	if c.ResolveOnly && len(c.Resolve) == 0 {
		d.Fail(n, "resolve_only", "resolve_only is set but resolve names no host: nothing could be fetched")
	}
}

func (d *decoder) httpURL(n *yaml.Node, key, raw string) bool {
	if raw == "" {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.Fail(n, key, "%q is not an http(s) URL", raw)
		return false
	}
	return true
}

func (d *decoder) resolve(n *yaml.Node, key string, dst map[string]string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "resolve:" with everything commented out
	}
	if n.Kind != yaml.MappingNode {
		d.Fail(n, key, "must be a mapping of host to ip:port, got %s", strictyaml.KindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		hk, hv := n.Content[i], n.Content[i+1]
		k := key + "." + hk.Value
		host := strings.ToLower(strings.TrimSpace(hk.Value))
		ip, port, err := net.SplitHostPort(hv.Value)
		if hv.Kind != yaml.ScalarNode || err != nil || net.ParseIP(ip) == nil || port == "" {
			d.Fail(hv, k, "must be ip:port such as 127.0.0.1:8080, got %s", strictyaml.KindName(hv))
			continue
		}
		if host == "" {
			d.Fail(hk, k, "empty host name")
			continue
		}
		dst[host] = hv.Value
	}
}

func (d *decoder) limits(n *yaml.Node, key string, l *Limits) {
	dur := func(dst *time.Duration, lo, hi time.Duration) func(*yaml.Node, string) {
		return func(v *yaml.Node, k string) { d.Duration(v, k, lo, hi, dst) }
	}
	num := func(dst *int, lo, hi int) func(*yaml.Node, string) {
		return func(v *yaml.Node, k string) { d.Int(v, k, lo, hi, dst) }
	}
	size := func(dst *int64, lo, hi int64) func(*yaml.Node, string) {
		return func(v *yaml.Node, k string) { d.Size(v, k, lo, hi, dst) }
	}
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"per_host_delay":    dur(&l.PerHostDelay, 0, time.Hour),
		"per_host_parallel": num(&l.PerHostParallel, 1, 64),
		"parallel":          num(&l.Parallel, 1, 1024),
		"timeout":           dur(&l.Timeout, 100*time.Millisecond, 10*time.Minute),
		"max_body":          size(&l.MaxBody, 1<<10, 1<<30),
		"max_decompressed":  size(&l.MaxDecompressed, 1<<10, 4<<30),
		"max_redirects":     num(&l.MaxRedirects, 1, 50), // the crawler reads 0 as its default
		"retries":           num(&l.Retries, 0, 10),
		"retry_backoff":     dur(&l.RetryBackoff, 0, time.Hour),
	})
}

func (d *decoder) render(n *yaml.Node, key string, r *Render) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"chromium":      func(v *yaml.Node, k string) { d.Str(v, k, &r.Chromium) },
		"tabs":          func(v *yaml.Node, k string) { d.Int(v, k, 1, 32, &r.Tabs) },
		"page_timeout":  func(v *yaml.Node, k string) { d.Duration(v, k, time.Second, 10*time.Minute, &r.PageTimeout) },
		"restart_every": func(v *yaml.Node, k string) { d.Int(v, k, 1, 100000, &r.RestartEvery) },
		"settle":        func(v *yaml.Node, k string) { d.Duration(v, k, 0, time.Minute, &r.Settle) },
	})
}

// renderModes are the values of a source's render key.
const renderModes = "true, false or auto"

// renderMode decodes a source's render key: the YAML booleans true and
// false, or the word auto.
func (d *decoder) renderMode(n *yaml.Node, key string, s *Source) {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!bool":
		s.Render = n.Value == "true"
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Value == "auto":
		s.RenderAuto = true
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
		d.Fail(n, key, "unknown render mode %q (%s)", n.Value, renderModes)
	default:
		d.Fail(n, key, "must be %s, got %s", renderModes, strictyaml.KindName(n))
	}
}

func (d *decoder) patterns(n *yaml.Node, key string, dst *[]*regexp.Regexp) {
	var ss []string
	d.StrList(n, key, &ss)
	for i, s := range ss {
		re, err := regexp.Compile(s)
		if err != nil {
			d.Fail(n, fmt.Sprintf("%s[%d]", key, i), "invalid pattern: %v", err)
			continue
		}
		*dst = append(*dst, re)
	}
}

func (d *decoder) source(n *yaml.Node, path string) *Source {
	s := &Source{Line: n.Line, Depth: 1, MaxPages: 1000, ResultPages: 1}
	var listingNode *yaml.Node
	d.Fields(n, path, map[string]func(*yaml.Node, string){
		"id":            func(v *yaml.Node, k string) { d.ID(v, k, &s.ID) },
		"type":          func(v *yaml.Node, k string) { d.Str(v, k, &s.Kind) },
		"render":        func(v *yaml.Node, k string) { d.renderMode(v, k, s) },
		"ignore_robots": func(v *yaml.Node, k string) { d.Bool(v, k, &s.IgnoreRobots) },
		"evidence_screenshot": func(v *yaml.Node, k string) {
			var mode string
			d.Str(v, k, &mode)
			switch mode {
			case "always":
				s.EvidenceAlways = true
			case "rendered", "": // "": Str said what is wrong
			default:
				d.Fail(v, k, "unknown evidence_screenshot %q (always or rendered)", mode)
			}
		},
		"route": func(v *yaml.Node, k string) {
			d.Str(v, k, (*string)(&s.Route))
			if !s.Route.Takedown() {
				d.Fail(v, k, "unknown route %q (%s)", s.Route, strings.ReplaceAll(casework.Join(casework.TakedownRoutes()), ", ", " or "))
			}
		},
		"start":         func(v *yaml.Node, k string) { d.urls(v, k, &s.Start) },
		"allowed_hosts": func(v *yaml.Node, k string) { d.StrList(v, k, &s.AllowedHosts) },
		"depth":         func(v *yaml.Node, k string) { d.Int(v, k, 0, 20, &s.Depth) },
		"include":       func(v *yaml.Node, k string) { d.patterns(v, k, &s.Include) },
		"exclude":       func(v *yaml.Node, k string) { d.patterns(v, k, &s.Exclude) },
		"max_pages":     func(v *yaml.Node, k string) { d.Int(v, k, 1, 10_000_000, &s.MaxPages) },
		"url":           func(v *yaml.Node, k string) { d.Str(v, k, &s.URL) },
		"terms":         func(v *yaml.Node, k string) { d.terms(v, k, s) },
		"result_pages":  func(v *yaml.Node, k string) { d.Int(v, k, 1, 100, &s.ResultPages) },
		"listing":       func(v *yaml.Node, k string) { listingNode = v },
		"listing_id": func(v *yaml.Node, k string) {
			if re := d.Pattern(v, k); re != nil {
				if re.NumSubexp() < 1 {
					d.Fail(v, k, "pattern %q needs a capture group for the id", re.String())
					return
				}
				s.ListingID = re
			}
		},
		"urls": func(v *yaml.Node, k string) { d.urls(v, k, &s.URLs) },
		"file": func(v *yaml.Node, k string) { d.Str(v, k, &s.URLFile) },
	}, "id", "type")
	allowed := map[string][]string{
		KindSite:   {"start", "allowed_hosts", "depth", "include", "exclude", "max_pages"},
		KindSearch: {"url", "terms", "result_pages", "listing", "listing_id", "max_pages", "depth"},
		KindURLs:   {"urls", "file", "max_pages", "depth"},
	}
	common := map[string]bool{"id": true, "type": true, "render": true, "ignore_robots": true, "evidence_screenshot": true}
	keys, ok := allowed[s.Kind]
	if !ok {
		if s.Kind != "" {
			d.Fail(n, path+".type", "unknown source type %q (site, search or urls)", s.Kind)
		}
		return s
	}
	// Keys of another kind of source are mistakes, not options.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if common[k] || contains(keys, k) {
			continue
		}
		if _, known := map[string]bool{"start": true, "allowed_hosts": true, "depth": true, "include": true, "exclude": true, "max_pages": true, "url": true, "terms": true, "result_pages": true, "listing": true, "listing_id": true, "urls": true, "file": true}[k]; known {
			d.Fail(n.Content[i], path+"."+k, "a %s source has no %q (it takes %s)", s.Kind, k, strings.Join(keys, ", "))
		}
	}
	switch s.Kind {
	case KindSite:
		if len(s.Start) == 0 {
			d.Fail(n, path+".start", "a site source needs start URLs")
		}
		if len(s.AllowedHosts) == 0 {
			for _, st := range s.Start {
				if u, err := url.Parse(st); err == nil && !contains(s.AllowedHosts, u.Hostname()) {
					s.AllowedHosts = append(s.AllowedHosts, u.Hostname())
				}
			}
		}
	case KindSearch:
		s.Depth = 0
		if s.URL == "" {
			d.Fail(n, path+".url", "a search source needs a url template with {q}")
		} else if !strings.Contains(s.URL, "{q}") {
			d.Fail(n, path+".url", "url template %q lacks {q}", s.URL)
		} else {
			d.httpURL(n, path+".url", strings.ReplaceAll(s.URL, "{q}", "x"))
		}
		if listingNode != nil {
			s.Listing = d.listing(listingNode, path+".listing")
		}
	case KindURLs:
		s.Depth = 0
		if len(s.URLs) == 0 && s.URLFile == "" {
			d.Fail(n, path, "a urls source needs urls or file")
		}
	}
	return s
}

func (d *decoder) urls(n *yaml.Node, key string, dst *[]string) {
	var ss []string
	d.StrList(n, key, &ss)
	for i, s := range ss {
		if d.httpURL(n, fmt.Sprintf("%s[%d]", key, i), s) {
			*dst = append(*dst, s)
		}
	}
}

func (d *decoder) listing(n *yaml.Node, key string) *Listing {
	l := &Listing{}
	sel := func(dst *string) func(*yaml.Node, string) {
		return func(v *yaml.Node, k string) {
			d.Str(v, k, dst)
			if *dst == "" {
				return
			}
			if _, err := cascadia.Parse(*dst); err != nil {
				d.Fail(v, k, "invalid CSS selector %q: %v", *dst, err)
			}
		}
	}
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"item": sel(&l.Item), "title": sel(&l.Title), "price": sel(&l.Price), "seller": sel(&l.Seller),
		"description": sel(&l.Description), "contact": sel(&l.Contact), "link": sel(&l.Link), "next": sel(&l.Next),
	}, "item", "link")
	return l
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

package config

import (
	"net"
	"time"

	"github.com/certwatch/certwatch/casework"
	"go.yaml.in/yaml/v3"
)

// Serve configures `certwatch serve`: the review UI, notices and removal
// checks.
type Serve struct {
	Listen     string        // host:port (default 127.0.0.1:8080)
	TLSCert    string        // with TLSKey: serve HTTPS (cookies become Secure)
	TLSKey     string        //
	SessionTTL time.Duration // how long a login lasts (default 12h)
	// Offices issue the notices of each route (every one of
	// casework.Routes has one).
	Offices map[casework.Route]*Office
	// RemovalChecks are when a sent notice's URLs are fetched again,
	// counted from sending (default 24h, 72h, 168h).
	RemovalChecks []time.Duration
	// NoticeReminder is how long before a sent notice's deadline (the
	// office's deadline, from approval) staff get an in-app reminder
	// (default 24h); another goes when the deadline has passed.
	NoticeReminder time.Duration
	// Platforms name the operators of hosts, for notice addressees:
	// "shop.example" → "某购物平台运营者". A host not named is addressed by
	// its registrable domain.
	Platforms map[string]string
	// ClaimTTL is how long a reviewer's claim on a case lasts before it
	// lapses by itself (default casework.DefaultClaimTTL, 2h).
	ClaimTTL time.Duration
}

// Office is who issues one route's notices.
type Office struct {
	Issuer       string        // 发文机关
	NumberPrefix string        // 文号 prefix: "网信函" gives 网信函〔2026〕3号
	Contact      string        // 联系人及电话 printed on the notice
	Recipient    string        // fixed addressee (the police for referrals); empty: the platform
	Deadline     time.Duration // reply within (from approval)
}

// DefaultServe is used where the configuration is silent.
func DefaultServe() Serve {
	return Serve{
		Listen:        "127.0.0.1:8080",
		SessionTTL:    12 * time.Hour,
		RemovalChecks: []time.Duration{24 * time.Hour, 72 * time.Hour, 168 * time.Hour},
		Platforms:     map[string]string{},
		ClaimTTL:      casework.DefaultClaimTTL,
		// A day ahead of the default three days.
		NoticeReminder: 24 * time.Hour,
		Offices: map[casework.Route]*Office{
			casework.RouteTakedownCAC:    {Issuer: "区委网络安全和信息化委员会办公室", NumberPrefix: "网信函", Deadline: 72 * time.Hour},
			casework.RouteTakedownSAMR:   {Issuer: "区市场监督管理局", NumberPrefix: "市监函", Deadline: 72 * time.Hour},
			casework.RoutePoliceReferral: {Issuer: "区打击假冒安全生产类证书专项工作领导小组办公室", NumberPrefix: "移送函", Recipient: "区公安分局", Deadline: 15 * 24 * time.Hour},
		},
	}
}

func (d *decoder) serve(n *yaml.Node, key string, s *Serve) {
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"listen": func(v *yaml.Node, k string) {
			d.Str(v, k, &s.Listen)
			if _, _, err := net.SplitHostPort(s.Listen); err != nil {
				d.Fail(v, k, "must be host:port such as 127.0.0.1:8080: %v", err)
			}
		},
		"tls_cert":    func(v *yaml.Node, k string) { d.Str(v, k, &s.TLSCert) },
		"tls_key":     func(v *yaml.Node, k string) { d.Str(v, k, &s.TLSKey) },
		"session_ttl": func(v *yaml.Node, k string) { d.Duration(v, k, 5*time.Minute, 30*24*time.Hour, &s.SessionTTL) },
		"claim_ttl":   func(v *yaml.Node, k string) { d.Duration(v, k, 5*time.Minute, 7*24*time.Hour, &s.ClaimTTL) },
		"removal_checks": func(v *yaml.Node, k string) {
			s.RemovalChecks = nil
			d.List(v, k, func(_ int, c *yaml.Node, ck string) {
				var dur time.Duration
				d.Duration(c, ck, time.Minute, 365*24*time.Hour, &dur)
				s.RemovalChecks = append(s.RemovalChecks, dur)
			})
		},
		"notice_reminder": func(v *yaml.Node, k string) {
			d.Duration(v, k, time.Hour, 30*24*time.Hour, &s.NoticeReminder)
		},
		"platforms": func(v *yaml.Node, k string) {
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				return // every entry commented out
			}
			if v.Kind != yaml.MappingNode {
				d.Fail(v, k, "must be a mapping of host to operator name")
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				var name string
				d.Str(v.Content[i+1], k+"."+v.Content[i].Value, &name)
				s.Platforms[v.Content[i].Value] = name
			}
		},
		"offices": func(v *yaml.Node, k string) {
			set := map[string]func(*yaml.Node, string){}
			for _, r := range casework.Routes {
				o := s.Offices[r]
				set[string(r)] = func(ov *yaml.Node, ok string) {
					d.Fields(ov, ok, map[string]func(*yaml.Node, string){
						"issuer":        func(x *yaml.Node, xk string) { d.Str(x, xk, &o.Issuer) },
						"number_prefix": func(x *yaml.Node, xk string) { d.Str(x, xk, &o.NumberPrefix) },
						"contact":       func(x *yaml.Node, xk string) { d.Str(x, xk, &o.Contact) },
						"recipient":     func(x *yaml.Node, xk string) { d.Str(x, xk, &o.Recipient) },
						"deadline":      func(x *yaml.Node, xk string) { d.Duration(x, xk, time.Hour, 365*24*time.Hour, &o.Deadline) },
					})
				}
			}
			d.Fields(v, k, set)
		},
	})
	if (s.TLSCert == "") != (s.TLSKey == "") {
		d.Fail(n, key, "tls_cert and tls_key go together")
	}
}

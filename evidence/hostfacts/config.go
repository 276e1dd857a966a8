package hostfacts

import (
	"github.com/certwatch/certwatch/config"
)

// OptionsFrom are the Options a configuration gives (its referral key,
// resolve overrides and allow_internal). The DNS server is the referral
// key's resolver; without one, the lookalike step's; without either, the
// system's (none under resolve_only). "resolve" asks no DNS server.
func OptionsFrom(c *config.Config) Options {
	r := c.ReferralSettings()
	o := Options{Resolve: c.Resolve, ResolveOnly: c.ResolveOnly, AllowInternal: c.AllowInternal, WHOIS: r.WHOIS,
		IPDB: r.IPDB, PartTimeout: r.PartTimeout, Timeout: r.Timeout, MaxWHOIS: r.MaxWHOIS, UserAgent: c.UserAgent}
	resolver := r.Resolver
	if resolver == "" && c.Discover.Lookalike != nil {
		resolver = c.Discover.Lookalike.Resolver
	}
	switch resolver {
	case config.ResolverOverrides:
		o.NoDNS = true
	default:
		o.DNS = resolver
	}
	return o
}

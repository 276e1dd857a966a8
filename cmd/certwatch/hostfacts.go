package main

import (
	"context"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/evidence/hostfacts"
	"github.com/certwatch/certwatch/review"
)

// hostFactsCollector collects a URL's host facts for the review server's
// "collect again" button, with the configuration's referral key, resolve
// overrides and allow_internal (the sweep collects with the same
// options). nil when the referral key turns the collection off.
func hostFactsCollector(cfg *config.Config) review.HostFactsCollector {
	if !cfg.ReferralSettings().HostFacts {
		return nil
	}
	return func(ctx context.Context, url string) *hostfacts.Facts {
		c, err := hostfacts.New(hostfacts.OptionsFrom(cfg))
		if err != nil {
			now := time.Now().UTC()
			return &hostfacts.Facts{Version: hostfacts.Version, URL: url, Started: now, Finished: now,
				Problems: []hostfacts.Problem{{Part: hostfacts.PartDNS, Err: err.Error()}}}
		}
		defer c.Close()
		return c.Collect(ctx, url)
	}
}

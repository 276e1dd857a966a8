package sweep

import (
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
)

// CrawlerOptions turns a loaded configuration into the crawler's options
// (package config holds plain values and imports no engine). The
// configuration holds explicit values (its defaults are applied while
// loading), so a zero delay, back-off, settle time or retry count means
// none, which the crawler spells as a negative value (its zero means "use
// the default").
func CrawlerOptions(c *config.Config) crawler.Options {
	none := func(d time.Duration) time.Duration {
		if d == 0 {
			return -1
		}
		return d
	}
	retries := c.Limits.Retries
	if retries == 0 {
		retries = -1
	}
	return crawler.Options{
		UserAgent:       c.UserAgent,
		Proxy:           c.Proxy,
		Resolve:         c.Resolve,
		ResolveOnly:     c.ResolveOnly,
		AllowInternal:   c.AllowInternal,
		PerHostDelay:    none(c.Limits.PerHostDelay),
		PerHostParallel: c.Limits.PerHostParallel,
		Parallel:        c.Limits.Parallel,
		Timeout:         c.Limits.Timeout,
		MaxBody:         c.Limits.MaxBody,
		MaxDecompressed: c.Limits.MaxDecompressed,
		MaxRedirects:    c.Limits.MaxRedirects,
		Retries:         retries,
		RetryBackoff:    none(c.Limits.RetryBackoff),
		Render: crawler.RenderOptions{
			Chromium:     c.Render.Chromium,
			Tabs:         c.Render.Tabs,
			PageTimeout:  c.Render.PageTimeout,
			RestartEvery: c.Render.RestartEvery,
			Settle:       none(c.Render.Settle),
		},
	}
}

// listingSelectors turns a search source's listing selectors into the
// crawler's; nil stays nil.
func listingSelectors(l *config.Listing) *crawler.ListingSelectors {
	if l == nil {
		return nil
	}
	return &crawler.ListingSelectors{
		Item: l.Item, Title: l.Title, Price: l.Price, Seller: l.Seller,
		Description: l.Description, Contact: l.Contact, Link: l.Link, Next: l.Next,
	}
}

// Package crawler fetches pages for a sweep: two engines behind one small
// interface (colly for static pages, chromedp for pages built by
// JavaScript), politeness (robots.txt, per-host delay and parallelism,
// retries with back-off), hard limits on size, time and redirects, resolve
// overrides and a proxy, charset decoding, extraction of links and listing
// fields, and evidence capture (raw bytes, headers, hashes, screenshots).
// It decides nothing about what is suspicious.
//
// A Crawler (New) owns both engines and the politeness state; Run and
// Fetch go through the same scheduler:
//
//   - Scheduling: one queue per host name and a heap of hosts ordered by
//     their next allowed start; a goroutine exists only per running
//     request (at most Options.Parallel), at most PerHostParallel per host,
//     starts to one host at least PerHostDelay apart (or robots.txt's
//     Crawl-delay, up to 30 s). Retries (timeouts, network errors, 5xx)
//     go back to the front of their host's queue after an exponential
//     back-off (or Retry-After).
//   - robots.txt: fetched once per origin with the static engine and its
//     limits, before the first page, as one of the host's requests;
//     matched on the User-Agent's product token ("certwatch"). 4xx allows
//     everything, 5xx refuses everything, a network failure is retried.
//     Request.IgnoreRobots fetches anyway, logged at WARN and counted.
//   - Engines (Engine) do one attempt each and fill the same Result: the
//     static engine is one colly Collector behind a transport that bounds
//     decompression and keeps the body as received; the render engine
//     uses the crawler's browser pool (package browser: one warm
//     Chromium, a tab per page; Crawler.Browser shares it with notice
//     printing). Discovery renders block images, fonts and media and
//     take no screenshot; evidence renders (Request.Evidence) load them
//     and take a full-page screenshot (see renderEngine).
//   - Request.RenderAuto (a source's "render: auto") fetches statically
//     first and renders only pages that need it (NeedsRender: a script
//     shell, or a result page whose listing selectors find nothing); the
//     render is a second request that waits for the host's next turn.
//   - Resolve overrides reach the static engine through its dialer and
//     Chromium through its SOCKS gate (or, with a Proxy, through
//     --host-resolver-rules); with ResolveOnly every other host fails
//     with ErrHostNotResolvable in both, without a DNS lookup.
//   - Internal networks (netpolicy.go): no request a page causes may
//     connect to a loopback, private, link-local, CGNAT, multicast,
//     unspecified or otherwise special-purpose address unless
//     Options.AllowInternal names the host or network. The check is made
//     after resolution on the address actually dialed: the static engine
//     dials the checked addresses themselves (redirects included), and
//     Chromium reaches the network only through an in-process SOCKS5
//     gate on 127.0.0.1 that dials the same way (socks.go), so DNS
//     rebinding finds no gap. Each tab also checks every request before
//     it is sent (navigate.go), to fail it (a page's own document: the
//     page fails with OutcomeBlockedAddress; a later navigation of the
//     main frame: aborted, the page stays) and count it in
//     Result.Refused. With a Proxy, which resolves names itself, IP
//     literals and "localhost" names are checked before the request
//     leaves; the proxy's own egress rules must do the rest.
//   - JavaScript dialogs (alert, confirm, prompt, beforeunload) are
//     answered at once — alert and beforeunload accepted, confirm and
//     prompt cancelled, as a cautious visitor would — and their text is
//     appended to the page's text (Result.Dialogs).
package crawler

import (
	"context"
	"net/http"
	"time"

	"github.com/certwatch/certwatch/page"
)

// Request is one URL to fetch.
type Request struct {
	URL      string
	SourceID string
	Depth    int
	Render   bool // fetch with the browser engine
	// RenderAuto (when Render is unset) fetches with the static engine
	// first and renders only when the page needs a browser: a script
	// shell, or a result page whose Listing selectors find nothing (see
	// NeedsRender). The render waits for the host's next turn, like a
	// retry; if it fails, the static result is kept (Result.RenderErr).
	RenderAuto bool
	// Evidence renders with images, fonts and media (which discovery
	// renders block) and takes a full-page screenshot: for a page that
	// was flagged, and for rechecks. Static fetches ignore it.
	Evidence bool
	// IgnoreRobots is the per-source override; when set, the fetch is
	// logged and counted as such.
	IgnoreRobots bool
	// Listing, when set, extracts listing fields with these CSS selectors.
	Listing *ListingSelectors
}

// ListingSelectors are CSS selectors for the fields of marketplace listings
// on a search-result page (Item selects each listing; the others are
// relative to it) and for the next result page.
type ListingSelectors struct {
	Item, Title, Price, Seller, Description, Contact, Link string
	Next                                                   string
}

// Listing is one listing read from a result page.
type Listing struct {
	Title, Price, Seller, Description, Contact string
	URL                                        string // detail page, absolute
}

// Outcome classifies a fetch.
type Outcome string

// Outcomes.
const (
	OutcomeOK            Outcome = "ok"
	OutcomeHTTPError     Outcome = "http_error"     // 4xx/5xx after retries
	OutcomeTimeout       Outcome = "timeout"        // deadline exceeded
	OutcomeNetwork       Outcome = "network"        // DNS, refused, reset
	OutcomeRobots        Outcome = "robots"         // refused by robots.txt, not fetched
	OutcomeTooManyRedirs Outcome = "redirect_limit" // redirect loop or too many redirects
	OutcomeRenderFailed  Outcome = "render_failed"  // browser error or crash
	OutcomeNotHTML       Outcome = "not_html"       // fetched, but not a page to score
	// OutcomeBlockedAddress: the URL, or a redirect of it, leads to an
	// internal address (ErrBlockedAddress); nothing was sent there.
	OutcomeBlockedAddress Outcome = "blocked_address"
)

// Result is everything a fetch produced: the evidence as fetched and the
// page as the matcher sees it.
type Result struct {
	Request      Request
	Outcome      Outcome
	Err          error // detail for Outcome != ok
	Attempts     int
	RequestedURL string
	FinalURL     string // after redirects
	Status       int
	Header       http.Header
	// Body is the response body as received, after transfer and content
	// decoding (gzip), before charset decoding; at most Limits.MaxBody bytes.
	Body       []byte
	Truncated  bool   // the body was cut at Limits.MaxBody (never silently)
	BodySHA256 string // hex SHA-256 of Body
	RemoteAddr string // ip:port the response came from
	FetchedAt  time.Time
	Duration   time.Duration
	Rendered   bool
	// Auto: fetched for a RenderAuto request. Rendered tells whether the
	// static page was enough (false) or the page was rendered (true).
	Auto bool
	// RenderErr: a RenderAuto page needed a render that failed; the
	// Result is the static fetch.
	RenderErr     error
	Screenshot    []byte // full-page PNG, evidence renders only
	ScreenshotSHA string // hex SHA-256 of Screenshot
	IgnoredRobots bool   // fetched although robots.txt disallows it (source override)
	Page          *page.Page
	Links         []string  // absolute http(s) links, fragments removed, de-duplicated
	Listings      []Listing // when Request.Listing was set
	NextPage      string    // when Request.Listing.Next matched
	// Refused counts the requests of this fetch refused by the address
	// policy (ErrBlockedAddress): the page itself, a redirect, or, when
	// rendered, a navigation, frame, script request or other subresource
	// the page caused. RefusedURLs keeps the first few of them.
	Refused     int
	RefusedURLs []string
	// Dialogs are the JavaScript dialogs (alert, confirm, prompt,
	// beforeunload) the page opened while rendered, at most 20, each as
	// the line appended to Page.Text ("【网页弹窗·提示框】text"): a dialog's
	// text is content. Each was answered at once (see the package doc).
	Dialogs []string
}

// Engine fetches one request. Implementations are safe for concurrent use.
type Engine interface {
	Fetch(ctx context.Context, req Request) *Result
	Close() error
}

// Options configure a Crawler. Zero values take the defaults noted.
type Options struct {
	// UserAgent is sent with every request; it names certwatch and who runs
	// it (default "certwatch/1.0 (+regulatory crawler; contact: see robots)").
	UserAgent string
	// Proxy is an HTTP proxy URL for both engines ("" for none).
	Proxy string
	// Resolve maps "host" or "host:port" to "ip:port", like curl --resolve,
	// for both engines.
	Resolve map[string]string
	// ResolveOnly refuses every host that Resolve does not name (tests and
	// the demo: nothing may reach the internet).
	ResolveOnly bool
	// AllowInternal re-opens internal and special-purpose addresses,
	// which every request is refused by default (ErrBlockedAddress;
	// loopback, private, link-local, CGNAT, multicast, unspecified,
	// reserved, and their IPv4-mapped, NAT64 and 6to4 forms): each entry
	// is an IP address or CIDR network any host may connect to, or a host
	// name ("*.domain" for its subdomains) that may connect to any
	// address. A name Resolve maps to 127.0.0.1 is refused unless listed.
	// The Proxy's own address is always allowed; through a Proxy, which
	// resolves names itself, only IP literals and "localhost" names are
	// checked, and the proxy's egress rules must do the rest.
	AllowInternal []string

	PerHostDelay    time.Duration // between requests to one host (default 1s; negative: none)
	PerHostParallel int           // requests in flight per host (default 1)
	Parallel        int           // requests in flight in all (default 16)
	Timeout         time.Duration // per request, headers and body (default 20s)
	MaxBody         int64         // bytes kept of a body (default 5 MiB); more → Truncated
	MaxDecompressed int64         // bytes read from a compressed body (default 50 MiB)
	MaxRedirects    int           // default 5
	Retries         int           // on timeouts, network errors and 5xx (default 2; negative: none)
	RetryBackoff    time.Duration // first back-off, doubled each retry (default 2s; negative: none)

	Render RenderOptions
}

// RenderOptions configure the browser engine.
type RenderOptions struct {
	Chromium     string        // path (default: chromium or chromium-browser on PATH)
	Tabs         int           // pages rendered at once (default 2)
	PageTimeout  time.Duration // per page (default 30s)
	RestartEvery int           // restart the browser after this many pages (default 200)
	Settle       time.Duration // wait after load for scripts (default 500ms; negative: none)
}

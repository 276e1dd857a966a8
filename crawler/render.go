package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/browser"
	"github.com/certwatch/certwatch/page"
)

// ErrBrowserCrashed is wrapped by the error of a page whose browser or tab
// died; the browser is restarted for the next page.
var ErrBrowserCrashed = browser.ErrCrashed

// renderEngine renders pages in the browser pool's Chromium (package
// browser: one warm browser, at most Render.Tabs pages at once, each in a
// new tab with its own deadline). Without Options.Proxy the browser
// reaches the network only through the engine's SOCKS gate, started with
// the first browser.
//
// A discovery render (Request.Evidence unset) fails image, font and media
// requests before they are sent and takes no screenshot: what the matcher
// reads is the document, and those resources are most of a page's bytes
// and of the browser's work. An evidence render (Request.Evidence) loads
// them and takes a full-page screenshot, so the evidence shows the page
// as a visitor saw it, photos of certificates included.
type renderEngine struct {
	opts Options
	res  *resolver
	pool *browser.Pool

	mu     sync.Mutex
	gate   *socksGate // started with the first browser, without Options.Proxy
	closed bool

	// shotAlways makes every render take a screenshot, as all renders
	// did before evidence renders existed; only the benchmark that
	// compares the two sets it.
	shotAlways bool
}

var _ Engine = (*renderEngine)(nil)

func newRenderEngine(opts Options, res *resolver) (*renderEngine, error) {
	e := &renderEngine{opts: opts, res: res}
	bo := opts.BrowserOptions()
	bo.Network = e.network
	pool, err := browser.New(bo)
	if err != nil {
		return nil, fmt.Errorf("crawler: %w: %w", ErrOptions, err)
	}
	e.pool = pool
	return e, nil
}

// network returns the switches that route the browser's connections; the
// pool calls it before each browser starts.
func (e *renderEngine) network() ([]chromedp.ExecAllocatorOption, error) {
	if e.opts.Proxy != "" {
		var flags []chromedp.ExecAllocatorOption
		if rules := e.res.chromiumRules(); rules != "" {
			flags = append(flags, chromedp.Flag("host-resolver-rules", rules))
		}
		return append(flags, chromedp.ProxyServer(e.opts.Proxy)), nil
	}
	// Every connection goes through the gate, which applies the resolve
	// overrides and the address policy where it dials (see socksGate).
	// Loopback is not bypassed, the browser resolves no name itself (the
	// gate does), and WebRTC may not send UDP past the proxy.
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if e.gate == nil {
		g, err := startSocksGate(e.res)
		if err != nil {
			return nil, err
		}
		e.gate = g
	}
	return []chromedp.ExecAllocatorOption{
		chromedp.ProxyServer(e.gate.URL()),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("force-webrtc-ip-handling-policy", "disable_non_proxied_udp"),
	}, nil
}

// Fetch renders one page: no robots.txt, no politeness, no retries (the
// Crawler adds them). The Body is the document as serialized after its
// scripts ran (UTF-8); with Request.Evidence the Screenshot is a
// full-page PNG.
func (e *renderEngine) Fetch(ctx context.Context, req Request) *Result {
	res := &Result{RequestedURL: req.URL, Rendered: true, Attempts: 1}
	start := time.Now()
	res.FetchedAt = start.UTC()
	defer func() {
		res.Duration = time.Since(start)
		finishResult(res, req, "text/html; charset=utf-8")
		if res.Page != nil && len(res.Dialogs) > 0 {
			// What a dialog said is part of what the page shows.
			res.Page.AppendBlock(page.KindMain, "dialog", strings.Join(res.Dialogs, "\n"))
		}
	}()
	fail := func(o Outcome, err error) *Result {
		res.Outcome, res.Err = o, fmt.Errorf("crawler: render %s: %w", req.URL, err)
		return res
	}
	if err := checkURL(req.URL); err != nil {
		return fail(OutcomeNetwork, err)
	}
	if host, port, ok := hostPort(req.URL); !ok {
		return fail(OutcomeNetwork, ErrBadURL)
	} else if _, allowed := e.res.target(host, port); !allowed {
		return fail(OutcomeNetwork, fmt.Errorf("%s: %w", host, ErrHostNotResolvable))
	} else if err := e.precheck(ctx, host, port); errors.Is(err, ErrBlockedAddress) {
		// No tab for a page that could not be loaded anyway.
		res.Refused, res.RefusedURLs = 1, []string{req.URL}
		return fail(OutcomeBlockedAddress, err)
	}

	log := &tabLog{}
	var snap *snapshot
	err := e.pool.Tab(ctx, e.opts.Render.PageTimeout, func(tab context.Context) error {
		var err error
		snap, err = e.render(tab, req, log)
		return err
	})
	log.mu.Lock()
	res.Refused, res.RefusedURLs = log.refused, log.refusedURLs
	res.Dialogs = dialogTexts(log.dialogs)
	log.mu.Unlock()
	if snap != nil {
		res.Status = snap.status
		res.Header = snap.header
		res.RemoteAddr = snap.remote
		if gate := e.gateOf(); gate != nil && snap.finalURL != "" {
			// Chromium saw the gate; the gate saw the server.
			res.RemoteAddr = ""
			if host, port, ok := hostPort(snap.finalURL); ok {
				res.RemoteAddr = gate.remoteOf(net.JoinHostPort(host, port))
			}
		}
		res.FinalURL = snap.finalURL
		res.Body = snap.html
		res.Screenshot = snap.screenshot
		if !snap.respondedAt.IsZero() {
			res.FetchedAt = snap.respondedAt.UTC()
		}
		if int64(len(res.Body)) > e.opts.MaxBody {
			res.Body = res.Body[:e.opts.MaxBody:e.opts.MaxBody]
			res.Truncated = true
		}
	}
	switch {
	case err == nil:
		return res
	case errors.Is(err, browser.ErrClosed) || e.isClosed():
		return fail(OutcomeTimeout, fmt.Errorf("%w: %w", ErrClosed, err))
	case errors.Is(err, ErrBrowserCrashed):
		return fail(OutcomeRenderFailed, err)
	case ctx.Err() != nil:
		return fail(OutcomeTimeout, err)
	}
	return fail(chromeOutcome(err), err)
}

// dialogNames are the Chinese names of dialog types, for Page.Text.
var dialogNames = map[string]string{
	"alert": "提示框", "confirm": "确认框", "prompt": "输入框", "beforeunload": "离开页面确认",
}

// dialogTexts turns logged dialogs ("type\x00text") into the lines
// appended to the page's text.
func dialogTexts(logged []string) []string {
	var out []string
	for _, d := range logged {
		kind, text, _ := strings.Cut(d, "\x00")
		name := dialogNames[kind]
		if name == "" {
			name = kind
		}
		out = append(out, "【网页弹窗·"+name+"】"+strings.TrimSpace(text))
	}
	return out
}

// precheck applies the address policy to a page's own host.
func (e *renderEngine) precheck(ctx context.Context, host, port string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if e.opts.Proxy != "" {
		return e.res.precheck(ctx, host)
	}
	_, err := e.res.resolveChecked(ctx, host, port)
	return err
}

func (e *renderEngine) gateOf() *socksGate {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.gate
}

func (e *renderEngine) isClosed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// Close stops the browser and the gate. Pages still rendering fail.
func (e *renderEngine) Close() error {
	e.mu.Lock()
	e.closed = true
	gate := e.gate
	e.mu.Unlock()
	err := e.pool.Close()
	if gate != nil {
		err = errors.Join(err, gate.Close())
	}
	return err
}

// chromeOutcome classifies a browser error by Chromium's net error name.
func chromeOutcome(err error) Outcome {
	var le *chromedp.LoadError
	switch {
	case errors.Is(err, ErrBlockedAddress):
		return OutcomeBlockedAddress
	case errors.Is(err, ErrTooManyRedirects):
		return OutcomeTooManyRedirs
	case errors.Is(err, ErrNotPage):
		return OutcomeNotHTML
	case errors.Is(err, context.DeadlineExceeded):
		return OutcomeTimeout
	case !errors.As(err, &le):
		return OutcomeRenderFailed
	}
	switch t := le.ErrorText; {
	case strings.Contains(t, "ERR_TOO_MANY_REDIRECTS"):
		return OutcomeTooManyRedirs
	case strings.Contains(t, "TIMED_OUT"):
		return OutcomeTimeout
	case strings.Contains(t, "ERR_NAME_"), strings.Contains(t, "ERR_CONNECTION_"),
		strings.Contains(t, "ERR_ADDRESS_"), strings.Contains(t, "ERR_EMPTY_RESPONSE"),
		strings.Contains(t, "ERR_PROXY_"), strings.Contains(t, "ERR_TUNNEL_"),
		strings.Contains(t, "ERR_SSL_"), strings.Contains(t, "ERR_CERT_"),
		strings.Contains(t, "ERR_INTERNET_DISCONNECTED"), strings.Contains(t, "ERR_NETWORK_"),
		strings.Contains(t, "ERR_HTTP2_"), strings.Contains(t, "ERR_INVALID_HTTP_RESPONSE"):
		return OutcomeNetwork
	}
	return OutcomeRenderFailed
}

// toHeader converts DevTools headers (several values joined by newlines).
func toHeader(h network.Headers) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		for part := range strings.SplitSeq(fmt.Sprint(v), "\n") {
			out.Add(k, part)
		}
	}
	return out
}

func remoteAddr(ip string, port int64) string {
	if ip == "" {
		return ""
	}
	return net.JoinHostPort(strings.Trim(ip, "[]"), strconv.FormatInt(port, 10))
}

// hostPort splits a URL's host and port (the scheme's default port when
// none is written).
func hostPort(raw string) (host, port string, ok bool) {
	u, err := parseHTTPURL(raw)
	if err != nil {
		return "", "", false
	}
	port = u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return u.Hostname(), port, true
}

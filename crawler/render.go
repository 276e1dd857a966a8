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
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/page"
)

// ErrBrowserCrashed is wrapped by the error of a page whose browser or tab
// died; the browser is restarted for the next page.
var ErrBrowserCrashed = errors.New("browser crashed")

// renderEngine renders pages in Debian's Chromium through chromedp: one
// browser (started on the first page, with a context without timeout),
// at most Render.Tabs pages at once, each in a new tab with its own
// deadline. Images, fonts and media are failed at the request stage, so
// pages load fast and the browser stays small. The browser is replaced
// after RestartEvery pages or a crash, when its last tab is done.
type renderEngine struct {
	opts Options
	res  *resolver
	tabs chan struct{} // one token per open tab

	mu      sync.Mutex
	gate    *socksGate // started with the first browser, without Options.Proxy
	cur     *browser
	inUse   int           // tabs open on cur
	changed chan struct{} // closed and replaced when inUse drops
	closed  bool

	restarts atomic.Int64
}

var _ Engine = (*renderEngine)(nil)

func newRenderEngine(opts Options, res *resolver) *renderEngine {
	return &renderEngine{
		opts:    opts,
		res:     res,
		tabs:    make(chan struct{}, opts.Render.Tabs),
		changed: make(chan struct{}),
	}
}

// Fetch renders one page: no robots.txt, no politeness, no retries (the
// Crawler adds them). The Body is the document as serialized after its
// scripts ran (UTF-8), the Screenshot a full-page PNG.
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

	select {
	case e.tabs <- struct{}{}:
		defer func() { <-e.tabs }()
	case <-ctx.Done():
		return fail(OutcomeTimeout, ctx.Err())
	}
	b, err := e.acquire(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return fail(OutcomeTimeout, err)
		}
		return fail(OutcomeRenderFailed, err)
	}
	crashed := false
	defer func() { e.release(b, crashed) }()

	tabCtx, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	tctx, cancel := context.WithTimeout(tabCtx, e.opts.Render.PageTimeout)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()

	log := &tabLog{}
	snap, err := e.render(tctx, req.URL, log)
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
	if err != nil {
		if e.isClosed() {
			return fail(OutcomeTimeout, fmt.Errorf("%w: %w", ErrClosed, err))
		}
		if b.ctx.Err() != nil || errors.Is(err, ErrBrowserCrashed) {
			crashed = b.ctx.Err() != nil
			return fail(OutcomeRenderFailed, fmt.Errorf("%w: %w", ErrBrowserCrashed, err))
		}
		if ctx.Err() != nil || tctx.Err() != nil {
			return fail(OutcomeTimeout, err)
		}
		return fail(chromeOutcome(err), err)
	}
	return res
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

package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// snapshot is what a rendered page yielded.
type snapshot struct {
	status      int
	header      http.Header
	remote      string
	finalURL    string
	mimeType    string
	respondedAt time.Time
	html        []byte
	screenshot  []byte
}

// snapshotReserve is the part of a page's time kept for the settle wait,
// the HTML and the screenshot when the load event is late.
const snapshotReserve = 5 * time.Second

// Bounds of what a tab's log keeps.
const (
	maxRefusedURLs = 10
	maxDialogs     = 20
	maxDialogRunes = 2000
)

// tabLog is what happened in a tab besides the main document: requests
// the address policy refused and JavaScript dialogs. It outlives a failed
// render, so a page refused outright still counts its refusal.
type tabLog struct {
	mu          sync.Mutex
	refused     int
	refusedURLs []string
	dialogs     []string
}

func (l *tabLog) refuse(u string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refused++
	if len(l.refusedURLs) < maxRefusedURLs {
		l.refusedURLs = append(l.refusedURLs, u)
	}
}

func (l *tabLog) dialog(kind page.DialogType, text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.dialogs) >= maxDialogs {
		return
	}
	if r := []rune(text); len(r) > maxDialogRunes {
		text = string(r[:maxDialogRunes])
	}
	l.dialogs = append(l.dialogs, string(kind)+"\x00"+text)
}

// navigation follows the main document of a tab through its events.
type navigation struct {
	frame cdp.FrameID
	max   int // redirects allowed

	mu        sync.Mutex
	redirects int
	// redirectRefused: the interceptor failed a redirect beyond max.
	redirectRefused bool
	resp            *network.Response
	at              time.Time
	mainReq         network.RequestID
	failed          string
	loaded          bool
	crashed         bool
	signal          chan struct{} // cap 1

	ctx context.Context // the tab's
	res *resolver
	// proxied: requests go to Options.Proxy, which resolves names.
	proxied bool
	log     *tabLog
	// mainRefused: the page itself, or a redirect before its first
	// response, was refused by the address policy.
	mainRefused error
	// resources: images, fonts and media load (evidence renders).
	resources bool
}

func (n *navigation) notify() {
	select {
	case n.signal <- struct{}{}:
	default:
	}
}

// on runs on the tab's reader goroutine: it only records.
func (n *navigation) on(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Type != network.ResourceTypeDocument || ev.FrameID != n.frame {
			return
		}
		if ev.RedirectResponse != nil && ev.RequestID == n.mainReq {
			n.redirects++
		} else {
			n.redirects = 0 // a new navigation
		}
		n.mainReq = ev.RequestID
	case *network.EventResponseReceived:
		if ev.RequestID == n.mainReq && n.mainReq != "" {
			n.resp, n.at = ev.Response, time.Now()
		}
	case *network.EventLoadingFailed:
		if ev.RequestID == n.mainReq && n.mainReq != "" {
			n.failed = ev.ErrorText
		}
	case *page.EventLoadEventFired:
		n.loaded = n.resp != nil
	case *inspector.EventTargetCrashed:
		n.crashed = true
	case *page.EventJavascriptDialogOpening:
		// A dialog stops the page's scripts, and with them the load,
		// until it is answered. Its text is content. The answer is a
		// command, which cannot be sent from this reader goroutine.
		n.log.dialog(ev.Type, ev.Message)
		accept := ev.Type == page.DialogTypeAlert || ev.Type == page.DialogTypeBeforeunload
		go func() {
			_, _ = chromedp.Call(n.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
		}()
		return
	default:
		return
	}
	n.notify()
}

func (n *navigation) tooManyRedirects() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.redirectRefused || n.redirects > n.max
}

// snapshot starts a snapshot from the main document's response, or
// returns nil before it.
func (n *navigation) snapshot() *snapshot {
	n.mu.Lock()
	resp, at := n.resp, n.at
	n.mu.Unlock()
	if resp == nil {
		return nil
	}
	return &snapshot{
		status:      int(resp.Status),
		header:      toHeader(resp.Headers),
		remote:      remoteAddr(resp.RemoteIPAddress, resp.RemotePort),
		finalURL:    resp.URL,
		mimeType:    strings.ToLower(resp.MimeType),
		respondedAt: at,
	}
}

// render loads the request's URL in the tab of ctx and takes the
// snapshot (with a screenshot for evidence).
func (e *renderEngine) render(ctx context.Context, req Request, log *tabLog) (*snapshot, error) {
	// The first call opens the tab. Its main frame has the tab's id.
	if err := chromedp.Do(ctx); err != nil {
		return nil, fmt.Errorf("open tab: %w", err)
	}
	nav := &navigation{
		frame:   cdp.FrameID(chromedp.FromContext(ctx).Target.TargetID),
		max:     e.opts.MaxRedirects,
		signal:  make(chan struct{}, 1),
		ctx:     ctx,
		res:     e.res,
		proxied: e.opts.Proxy != "",
		log:     log,
		// Evidence loads what discovery blocks (see renderEngine).
		resources: req.Evidence,
	}
	if err := chromedp.Listen(ctx, nav.on); err != nil {
		return nil, err
	}
	if err := nav.intercept(ctx); err != nil {
		return nil, err
	}
	if snap, err := nav.navigate(ctx, req.URL); err != nil {
		return snap, err
	}
	if err := nav.waitLoad(ctx, e.loadDeadline(ctx)); err != nil {
		return nil, err
	}
	snap := nav.snapshot()
	if !isPageType(snap.mimeType) {
		return snap, fmt.Errorf("%w (%s)", ErrNotPage, snap.mimeType)
	}
	return snap, e.capture(ctx, snap, req.Evidence || e.shotAlways)
}

// navigate sends the tab to url.
func (n *navigation) navigate(ctx context.Context, url string) (*snapshot, error) {
	res, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url})
	switch {
	case n.refusedMain() != nil:
		return nil, n.refusedMain()
	case n.tooManyRedirects():
		return nil, fmt.Errorf("%w: more than %d", ErrTooManyRedirects, n.max)
	case err != nil:
		return nil, fmt.Errorf("navigate: %w", err)
	case res.ErrorText != "":
		// A body the browser does not display (a download) ends the
		// navigation with ERR_ABORTED after its response.
		if snap := n.snapshot(); snap != nil && !isPageType(snap.mimeType) {
			return snap, fmt.Errorf("%w (%s)", ErrNotPage, snap.mimeType)
		}
		return nil, &chromedp.LoadError{ErrorText: res.ErrorText}
	}
	return nil, nil
}

// loadDeadline is when waiting for the load event gives way to taking the
// page as it is: the time left must be enough for the snapshot.
func (e *renderEngine) loadDeadline(ctx context.Context) time.Time {
	end := time.Now().Add(e.opts.Render.PageTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(end) {
		end = d
	}
	return end.Add(-min(snapshotReserve, time.Until(end)/3))
}

// waitLoad waits for the load event of the main document. A page whose
// document arrived but whose load never ends (a hanging script or stream)
// is stopped at by and taken as it is.
func (n *navigation) waitLoad(ctx context.Context, by time.Time) error {
	timer := time.NewTimer(time.Until(by))
	defer timer.Stop()
	for {
		n.mu.Lock()
		failedText, loaded, crashed, resp := n.failed, n.loaded, n.crashed, n.resp
		n.mu.Unlock()
		switch {
		case crashed:
			return fmt.Errorf("tab: %w", ErrBrowserCrashed)
		case n.refusedMain() != nil:
			return n.refusedMain()
		case n.tooManyRedirects():
			_, _ = chromedp.Call(ctx, page.StopLoading, cdp.Empty{})
			return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, n.max)
		case failedText != "" && resp == nil:
			return &chromedp.LoadError{ErrorText: failedText}
		case loaded || failedText != "":
			return nil
		}
		select {
		case <-n.signal:
		case <-timer.C:
			if resp == nil {
				return fmt.Errorf("no response in time: %w", context.DeadlineExceeded)
			}
			_, _ = chromedp.Call(ctx, page.StopLoading, cdp.Empty{})
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// capture lets scripts settle, then reads the document, its URL and, with
// shot, a full-page PNG screenshot (none for error pages).
func (e *renderEngine) capture(ctx context.Context, snap *snapshot, shot bool) error {
	if err := sleepUntil(ctx, time.Now().Add(e.opts.Render.Settle)); err != nil {
		return err
	}
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		return fmt.Errorf("read HTML: %w", err)
	}
	snap.html = []byte(html)
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil &&
		(strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "https://")) {
		snap.finalURL = loc
	}
	if !shot || snap.status >= 400 {
		return nil
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	snap.screenshot = png
	return nil
}

// intercept pauses every request of the tab before it is sent and decides:
// image, font and media requests fail unless the render is for evidence
// (n.resources), so discovery renders load fast and the browser stays
// small, whatever the URLs look like; the browser's favicon request
// fails; a request to an internal address (after resolution, see
// netPolicy) fails and is logged as refused — the page's own document
// before its first response makes the page fail with ErrBlockedAddress, a
// later navigation of the main frame (meta refresh, script) is aborted so
// the page stays as it was; main-frame document requests continue unless
// they are a redirect beyond MaxRedirects. Deciding on the paused request,
// rather than watching events, stops a redirect loop at exactly the
// limit. Without Options.Proxy the browser's SOCKS gate applies the same
// policy where it dials; this check attributes the refusal to the page.
func (n *navigation) intercept(ctx context.Context) error {
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*"},
	}})
	if err != nil {
		return fmt.Errorf("intercept requests: %w", err)
	}
	go func() {
		hops := 0
		verdicts := map[string]error{} // "host:port" → the policy's answer
		fail := func(id fetch.RequestID, reason network.ErrorReason) {
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: reason})
		}
		for ev, err := range paused {
			if err != nil {
				return // the tab's context ended
			}
			switch ev.ResourceType {
			case network.ResourceTypeImage, network.ResourceTypeFont, network.ResourceTypeMedia:
				if !n.resources {
					fail(ev.RequestID, network.ErrorReasonBlockedByClient)
					continue
				}
			}
			if strings.HasSuffix(ev.Request.URL, "/favicon.ico") {
				fail(ev.RequestID, network.ErrorReasonBlockedByClient)
				continue
			}
			mainDoc := ev.ResourceType == network.ResourceTypeDocument && ev.FrameID == n.frame
			if refused := n.check(ctx, ev.Request.URL, verdicts); refused != nil {
				n.log.refuse(ev.Request.URL)
				reason := network.ErrorReasonBlockedByClient
				if mainDoc {
					n.mu.Lock()
					if n.resp == nil {
						n.mainRefused = fmt.Errorf("%s: %w", ev.Request.URL, refused)
					} else {
						// Leave the page where it is: an aborted
						// navigation shows no error page.
						reason = network.ErrorReasonAborted
					}
					n.mu.Unlock()
					n.notify()
				}
				fail(ev.RequestID, reason)
				continue
			}
			if mainDoc {
				if ev.RedirectedRequestID != "" {
					hops++
				}
				if hops > n.max {
					n.mu.Lock()
					n.redirectRefused = true
					n.mu.Unlock()
					n.notify()
					fail(ev.RequestID, network.ErrorReasonBlockedByClient)
					continue
				}
			}
			_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
	}()
	return nil
}

// check applies the address policy to a request's URL (cached per
// host:port for the tab): it returns an error wrapping ErrBlockedAddress
// when the request must not be sent. Other failures (a name that does not
// resolve, ResolveOnly) are left to the browser and the gate, which fail
// the request as a network error.
func (n *navigation) check(ctx context.Context, rawURL string, verdicts map[string]error) error {
	host, port, ok := hostPort(rawURL)
	if !ok {
		return nil // data:, blob:, about: — no connection
	}
	key := net.JoinHostPort(host, port)
	if v, seen := verdicts[key]; seen {
		return v
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var err error
	if n.proxied {
		err = n.res.precheck(cctx, host)
	} else {
		_, err = n.res.resolveChecked(cctx, host, port)
	}
	if !errors.Is(err, ErrBlockedAddress) {
		err = nil
	}
	if len(verdicts) < 1024 {
		verdicts[key] = err
	}
	return err
}

func (n *navigation) refusedMain() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.mainRefused
}

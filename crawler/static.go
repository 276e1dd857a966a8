package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
)

// staticEngine fetches pages with one colly Collector, configured once and
// used synchronously per request (the Crawler schedules; colly's async mode
// and LimitRule are not used, see pitfalls.md).
//
// colly is wrapped, not trusted, where evidence is concerned:
//   - it decompresses gzip itself, without a bound, after its body limit
//     (a gzip bomb would inflate into memory), so the transport below asks
//     for gzip itself, decodes with a cap of MaxDecompressed and marks the
//     response Uncompressed so that colly leaves it alone;
//   - it cuts bodies at MaxBodySize silently, so the limit is MaxBody+1 and
//     a longer body is recorded as Truncated;
//   - it converts the body to UTF-8 when the Content-Type names a charset,
//     which would falsify the raw bytes, so the transport keeps its own copy
//     of the body as received (after content decoding) and that copy is the
//     evidence. Charset decoding happens once, in page.FromHTML.
//
// Per-request state (deadline, cancellation, body copy, remote address)
// reaches the transport through a private header that the transport strips
// before the request leaves.
type staticEngine struct {
	opts      Options
	collector *colly.Collector
	transport *http.Transport
	res       *resolver
	states    sync.Map // fetch id → *fetchState
	nextID    atomic.Uint64
}

var _ Engine = (*staticEngine)(nil)

const (
	fetchIDHeader   = "X-Certwatch-Fetch"
	collyStateKey   = "certwatch.fetch"
	acceptHeader    = "text/html,application/xhtml+xml,application/json;q=0.9,text/*;q=0.8,*/*;q=0.5"
	acceptLanguage  = "zh-CN,zh;q=0.9,en;q=0.5"
	maxHeaderBytes  = 256 << 10
	idleConnTimeout = 30 * time.Second
)

func newStaticEngine(opts Options, res *resolver) (*staticEngine, error) {
	tr := &http.Transport{
		DialContext:            res.DialContext,
		DisableCompression:     true, // we decode, with a bound
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    max(2, opts.PerHostParallel),
		IdleConnTimeout:        idleConnTimeout,
		TLSHandshakeTimeout:    min(10*time.Second, opts.Timeout),
		ResponseHeaderTimeout:  opts.Timeout,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: maxHeaderBytes,
	}
	if opts.Proxy != "" {
		u, err := url.Parse(opts.Proxy)
		if err != nil {
			return nil, fmt.Errorf("crawler: proxy %q: %w", opts.Proxy, err)
		}
		tr.Proxy = http.ProxyURL(u)
		// Every dial goes to the proxy; the targets are checked per
		// request (see evidenceTransport.RoundTrip).
		tr.DialContext = res.dialProxy
	}
	e := &staticEngine{opts: opts, transport: tr, res: res}

	c := colly.NewCollector()
	// NewCollector applies COLLY_* environment variables (cache directory,
	// robots, body size, ...). Everything is set again here, so that only
	// Options decide how certwatch crawls.
	c.UserAgent = opts.UserAgent
	c.Headers = nil
	c.MaxDepth = 0
	c.MaxRequests = 0
	c.AllowedDomains = nil
	c.DisallowedDomains = nil
	c.URLFilters = nil
	c.DisallowedURLFilters = nil
	c.AllowURLRevisit = true // no visited set that grows for the crawler's life
	c.IgnoreRobotsTxt = true // the Crawler does robots.txt
	c.MaxBodySize = int(opts.MaxBody + 1)
	c.CacheDir = ""
	c.Async = false
	c.ParseHTTPErrorResponse = true // 4xx/5xx are results, not errors
	c.DetectCharset = false
	c.CheckHead = false
	c.TraceHTTP = false
	c.SetRequestTimeout(opts.Timeout)
	c.WithTransport(&evidenceTransport{base: tr, engine: e})
	c.SetRedirectHandler(e.checkRedirect)
	c.OnRequest(func(r *colly.Request) {
		// A UTF-8 "conversion" is a copy, not a transcoding: colly must not
		// fail on charsets it does not know.
		r.ResponseCharacterEncoding = "utf-8"
	})
	c.OnResponseHeaders(e.onResponseHeaders)
	c.OnResponse(e.onResponse)
	e.collector = c
	return e, nil
}

// checkRedirect enforces MaxRedirects and http(s) targets.
func (e *staticEngine) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > e.opts.MaxRedirects {
		return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, e.opts.MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), ErrBadURL)
	}
	return nil
}

func stateOf(ctx *colly.Context) *fetchState {
	st, _ := ctx.GetAny(collyStateKey).(*fetchState)
	return st
}

// onResponseHeaders records the final response's status and headers and
// aborts the download of bodies that are not pages.
func (e *staticEngine) onResponseHeaders(r *colly.Response) {
	st := stateOf(r.Ctx)
	if st == nil {
		return
	}
	st.mu.Lock()
	st.status = r.StatusCode
	st.header = r.Headers.Clone()
	st.finalURL = r.Request.URL.String()
	st.respondedAt = time.Now()
	anyType := st.anyType
	st.mu.Unlock()
	ct := r.Headers.Get("Content-Type")
	if !anyType && ct != "" && !isPageType(mediaType(ct)) {
		r.Request.Abort()
		return
	}
	// colly's body is not used (the evidence is the transport's copy):
	// unless another charset is declared, clearing the forced UTF-8
	// "conversion" lets colly leave the body alone, as it does by itself
	// for UTF-8 or no charset (DetectCharset is off), instead of copying
	// every page through a decoder (a third of a page's allocations).
	if !declaresOtherCharset(ct) {
		r.Request.ResponseCharacterEncoding = ""
	}
}

// declaresOtherCharset reports whether a Content-Type names a charset that
// colly does not recognise as UTF-8 (its fixCharset would transcode it).
func declaresOtherCharset(contentType string) bool {
	ct := strings.ToLower(contentType)
	return strings.Contains(ct, "charset") && !strings.Contains(ct, "utf-8") && !strings.Contains(ct, "utf8")
}

func (e *staticEngine) onResponse(r *colly.Response) {
	if st := stateOf(r.Ctx); st != nil {
		st.mu.Lock()
		st.complete = true
		st.mu.Unlock()
	}
}

// Fetch fetches one URL, once: no robots.txt, no politeness, no retries
// (the Crawler adds them).
func (e *staticEngine) Fetch(ctx context.Context, req Request) *Result {
	res := e.fetch(ctx, req.URL, false)
	finishResult(res, req, res.Header.Get("Content-Type"))
	return res
}

// fetch does one GET. anyType keeps bodies of every type (robots.txt).
func (e *staticEngine) fetch(ctx context.Context, rawURL string, anyType bool) *Result {
	res := &Result{RequestedURL: rawURL, Attempts: 1}
	start := time.Now()
	res.FetchedAt = start.UTC()
	if err := checkURL(rawURL); err != nil {
		res.Outcome, res.Err = OutcomeNetwork, err
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	st := &fetchState{ctx: ctx, keep: e.opts.MaxBody + 1, maxDecoded: e.opts.MaxDecompressed, anyType: anyType}
	id := strconv.FormatUint(e.nextID.Add(1), 36)
	e.states.Store(id, st)
	defer e.states.Delete(id)

	cctx := colly.NewContext()
	cctx.Put(collyStateKey, st)
	hdr := http.Header{}
	hdr.Set("User-Agent", e.opts.UserAgent)
	hdr.Set("Accept", acceptHeader)
	hdr.Set("Accept-Language", acceptLanguage)
	hdr.Set(fetchIDHeader, id)
	err := e.collector.Request(http.MethodGet, rawURL, nil, cctx, hdr)
	res.Duration = time.Since(start)

	st.mu.Lock()
	defer st.mu.Unlock()
	res.Status = st.status
	res.Header = st.header
	res.FinalURL = st.finalURL
	res.RemoteAddr = st.remote
	if !st.respondedAt.IsZero() {
		res.FetchedAt = st.respondedAt.UTC()
	}
	res.Body = st.body
	if int64(len(res.Body)) > e.opts.MaxBody {
		res.Body = res.Body[:e.opts.MaxBody:e.opts.MaxBody]
		res.Truncated = true
	}
	if st.cut {
		res.Truncated = true
	}
	if st.refusedURL != "" {
		res.Refused, res.RefusedURLs = 1, []string{st.refusedURL}
	}
	bodyRead := st.complete || (st.status != 0 && st.readErr == nil &&
		(st.sawEOF || st.cut || int64(len(st.body)) >= st.keep))
	switch {
	case errors.Is(err, colly.ErrAbortedAfterHeaders):
		res.Outcome = OutcomeNotHTML
		res.Err = fmt.Errorf("crawler: %s: %w (%s)", rawURL, ErrNotPage, mediaType(res.Header.Get("Content-Type")))
	case err != nil && !bodyRead:
		// A failure before or while reading the body. (After a complete
		// read, an error can only come from colly's post-processing, which
		// the evidence does not depend on.)
		res.Outcome = classify(ctx, err)
		res.Err = fmt.Errorf("crawler: fetch %s: %w", rawURL, err)
	case st.encodingErr != nil:
		res.Outcome = OutcomeNotHTML
		res.Err = fmt.Errorf("crawler: %s: %w", rawURL, st.encodingErr)
	}
	return res
}

// Close drops idle connections.
func (e *staticEngine) Close() error {
	e.transport.CloseIdleConnections()
	return nil
}

// checkURL accepts absolute http(s) URLs only.
func checkURL(raw string) error {
	_, err := parseHTTPURL(raw)
	return err
}

// parseHTTPURL parses an absolute http(s) URL.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("crawler: %q: %w: %w", raw, ErrBadURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("crawler: %q: %w", raw, ErrBadURL)
	}
	return u, nil
}

// fetchState is what the transport and colly's callbacks learn about one
// fetch. Redirects make several hops; only the last hop's body counts.
type fetchState struct {
	ctx        context.Context
	keep       int64 // bytes of body kept: MaxBody+1, to detect truncation
	maxDecoded int64
	anyType    bool

	mu          sync.Mutex
	hop         int
	status      int
	header      http.Header
	finalURL    string
	remote      string
	respondedAt time.Time
	body        []byte
	sawEOF      bool
	cut         bool // decoding stopped at MaxDecompressed
	readErr     error
	encodingErr error
	complete    bool // colly's OnResponse ran
	refusedURL  string
}

// refused records the URL of a hop the address policy refused.
func (st *fetchState) refused(u string) {
	st.mu.Lock()
	st.refusedURL = u
	st.mu.Unlock()
}

// newHop starts a new response: the body kept so far belonged to a
// redirect.
func (st *fetchState) newHop() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.hop++
	st.body, st.sawEOF, st.cut, st.readErr, st.encodingErr = nil, false, false, nil, nil
	return st.hop
}

// evidenceTransport is colly's http.RoundTripper: it applies the fetch's
// context, records the remote address, asks for and decodes gzip with a
// bound, and keeps a copy of the body as read.
type evidenceTransport struct {
	base   http.RoundTripper
	engine *staticEngine
}

func (t *evidenceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	v, ok := t.engine.states.Load(req.Header.Get(fetchIDHeader))
	if !ok {
		return nil, errors.New("crawler: request without fetch state")
	}
	st := v.(*fetchState)
	// The request's own context carries colly's client timeout; the
	// fetch's context carries the crawl's cancellation and deadline.
	ctx, cancel := context.WithCancelCause(req.Context())
	stop := context.AfterFunc(st.ctx, func() { cancel(context.Cause(st.ctx)) })
	release := func() { stop(); cancel(nil) }
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			st.mu.Lock()
			st.remote = info.Conn.RemoteAddr().String()
			st.mu.Unlock()
		},
	})
	out := req.Clone(ctx)
	out.Header.Del(fetchIDHeader)
	out.Header.Set("Accept-Encoding", "gzip")
	hop := st.newHop()
	if t.engine.opts.Proxy != "" {
		if err := t.engine.res.precheck(ctx, req.URL.Hostname()); err != nil {
			release()
			st.refused(req.URL.String())
			return nil, err
		}
	}
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		release()
		if errors.Is(err, ErrBlockedAddress) {
			st.refused(req.URL.String())
		}
		return nil, err
	}
	if n := resp.ContentLength; n > 0 && resp.Header.Get("Content-Encoding") == "" {
		// The body's size is known: keep it in one allocation.
		st.mu.Lock()
		if hop == st.hop && st.body == nil {
			st.body = make([]byte, 0, min(n, st.keep))
		}
		st.mu.Unlock()
	}
	b := &captureBody{rc: resp.Body, st: st, hop: hop, release: release}
	decoded, derr := decodeContent(resp.Body, resp.Header.Get("Content-Encoding"), st.maxDecoded, &b.cut)
	if derr != nil {
		// Keep the bytes as received; the result says why it is no page.
		decoded = resp.Body
		st.mu.Lock()
		st.encodingErr = derr
		st.mu.Unlock()
	}
	b.r = decoded
	resp.Body = b
	// colly decompresses (without a bound) unless the response says it
	// is done already.
	resp.Uncompressed = true
	return resp, nil
}

// captureBody is a response body that keeps what is read from it.
type captureBody struct {
	rc      io.ReadCloser
	r       io.Reader
	st      *fetchState
	hop     int
	cut     bool
	release func()
	once    sync.Once
}

func (b *captureBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	st := b.st
	st.mu.Lock()
	if b.hop == st.hop {
		if room := st.keep - int64(len(st.body)); n > 0 && room > 0 {
			st.body = append(st.body, p[:min(int64(n), room)]...)
		}
		switch {
		case err == io.EOF:
			st.sawEOF = true
			st.cut = st.cut || b.cut
		case err != nil:
			st.readErr = err
		}
	}
	st.mu.Unlock()
	return n, err
}

func (b *captureBody) Close() error {
	err := b.rc.Close()
	b.once.Do(b.release)
	return err
}

package crawler

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
)

// Sentinel errors wrapped by Result.Err.
var (
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrNotPage: the body is not a type certwatch reads (see isPageType).
	ErrNotPage = errors.New("not a page")
	// ErrContentEncoding: a body whose content coding could not be undone.
	ErrContentEncoding = errors.New("content encoding")
	// ErrRobots: refused by robots.txt.
	ErrRobots = errors.New("disallowed by robots.txt")
	// ErrHTTPStatus: a 4xx or 5xx response.
	ErrHTTPStatus = errors.New("HTTP error status")
	// ErrClosed: the crawler was closed before the request ran.
	ErrClosed = errors.New("crawler closed")
	// ErrBadURL: not an absolute http(s) URL.
	ErrBadURL = errors.New("not an absolute http(s) URL")
)

// mediaType returns the lower-case media type of a Content-Type value.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// isPageType reports whether a media type becomes a Page: HTML and other
// text, XHTML, and JSON (marketplace search APIs).
func isPageType(mt string) bool {
	switch {
	case strings.HasPrefix(mt, "text/"),
		mt == "application/xhtml+xml",
		mt == "application/json",
		strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"):
		return true
	}
	return false
}

// isHTMLType reports whether a media type is read as markup rather than as
// plain text.
func isHTMLType(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// effectiveType is the media type of a response: the header's, or sniffed
// from the body when the header has none.
func effectiveType(header http.Header, body []byte) string {
	if ct := header.Get("Content-Type"); ct != "" {
		return mediaType(ct)
	}
	return mediaType(http.DetectContentType(body))
}

// decodeContent undoes the content codings of a response body (gzip,
// x-gzip, deflate; at most two layers) and bounds the decoded stream at
// limit bytes, so that a compression bomb costs at most limit bytes of
// reading and never inflates into memory. cut is set when the stream had
// more. An unknown coding returns an error wrapping ErrContentEncoding.
func decodeContent(body io.Reader, codings string, limit int64, cut *bool) (io.Reader, error) {
	var layers []string
	for c := range strings.SplitSeq(codings, ",") {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
			layers = append(layers, c)
		}
	}
	if len(layers) == 0 {
		return body, nil
	}
	if len(layers) > 2 {
		return nil, fmt.Errorf("%w: %d layers (%s)", ErrContentEncoding, len(layers), codings)
	}
	r := body
	// Codings are listed in the order they were applied; undo from the end.
	for i := len(layers) - 1; i >= 0; i-- {
		switch layers[i] {
		case "gzip", "x-gzip":
			r = &lazyReader{open: func(src io.Reader) (io.Reader, error) { return gzip.NewReader(src) }, src: r}
		case "deflate":
			r = &lazyReader{open: openDeflate, src: r}
		default:
			return nil, fmt.Errorf("%w: unsupported coding %q", ErrContentEncoding, layers[i])
		}
	}
	return &cappedReader{r: r, left: limit, cut: cut}, nil
}

// openDeflate reads "deflate" bodies, which servers send zlib-wrapped (as
// the standard says) or raw.
func openDeflate(src io.Reader) (io.Reader, error) {
	br := bufio.NewReader(src)
	if h, err := br.Peek(2); err == nil && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 && h[0]&0x0f == 8 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// lazyReader opens its decoder on the first Read, so that a bad header is
// reported as a body error rather than stalling the round trip.
type lazyReader struct {
	open func(io.Reader) (io.Reader, error)
	src  io.Reader
	r    io.Reader
	err  error
}

func (l *lazyReader) Read(p []byte) (int, error) {
	if l.r == nil && l.err == nil {
		l.r, l.err = l.open(l.src)
	}
	if l.err != nil {
		return 0, fmt.Errorf("%w: %w", ErrContentEncoding, l.err)
	}
	n, err := l.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %w", ErrContentEncoding, err)
	}
	return n, err
}

// cappedReader returns at most left bytes of r, then io.EOF; it sets *cut
// when r had more.
type cappedReader struct {
	r    io.Reader
	left int64
	cut  *bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		if n, _ := io.ReadAtLeast(c.r, one[:], 1); n > 0 {
			*c.cut = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// classify maps a fetch error to an Outcome. ctx is the fetch's context: a
// fetch that failed because ctx ended is a timeout (or cancellation) even
// when the transport reports it as something else.
func classify(ctx context.Context, err error) Outcome {
	switch {
	case err == nil:
		return OutcomeOK
	case errors.Is(err, ErrTooManyRedirects):
		return OutcomeTooManyRedirs
	case errors.Is(err, ErrContentEncoding), errors.Is(err, ErrNotPage):
		return OutcomeNotHTML
	case errors.Is(err, ErrRobots):
		return OutcomeRobots
	case errors.Is(err, ErrBlockedAddress):
		return OutcomeBlockedAddress
	case errors.Is(err, ErrHostNotResolvable), errors.Is(err, ErrBadURL):
		return OutcomeNetwork
	case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return OutcomeTimeout
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return OutcomeTimeout
	}
	if strings.Contains(err.Error(), "Client.Timeout") {
		return OutcomeTimeout
	}
	return OutcomeNetwork
}

// retryable reports whether another attempt may succeed: timeouts (not a
// cancelled crawl), network errors other than refused host names, 5xx
// statuses and browser failures.
func retryable(ctx context.Context, r *Result) bool {
	if ctx.Err() != nil {
		return false
	}
	switch r.Outcome {
	case OutcomeTimeout, OutcomeRenderFailed:
		return true
	case OutcomeNetwork:
		return !errors.Is(r.Err, ErrHostNotResolvable) && !errors.Is(r.Err, ErrBadURL)
	case OutcomeHTTPError:
		return r.Status >= 500
	}
	return false
}

package hostfacts

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// HTTPFacts is the server's answer to a HEAD (or, when HEAD is refused,
// a GET whose body is not read) of the URL. Redirects are not followed.
type HTTPFacts struct {
	Method string `json:"method"`
	Addr   string `json:"addr"`
	Status int    `json:"status"`
	Proto  string `json:"proto"`
	// Header is every field the server sent (at most MaxHeaders names,
	// each value cut at 1,024 bytes), names canonical.
	Header http.Header `json:"header"`
	// Cut: fields or values were left out by the bounds.
	Cut bool `json:"cut,omitempty"`
}

// NotableHeaders are the response fields that say what software serves a
// site, shown first in a referral.
var NotableHeaders = []string{"Server", "X-Powered-By", "Via", "X-Generator", "X-Aspnet-Version",
	"X-Aspnetmvc-Version", "X-Runtime", "X-Cache", "X-Served-By", "Cf-Ray", "X-Amz-Cf-Id", "Set-Cookie", "Location"}

func (c *Collector) httpFacts(ctx context.Context, r *run, u *url.URL, targets []string, terr error) {
	if terr != nil {
		r.fail(PartHTTP, terr)
		return
	}
	var lastErr error
	for _, t := range targets {
		hf, err := c.ask(ctx, u, t, http.MethodHead)
		if err == nil && (hf.Status == http.StatusMethodNotAllowed || hf.Status == http.StatusNotImplemented) {
			hf, err = c.ask(ctx, u, t, http.MethodGet)
		}
		if err == nil {
			r.set(func(f *Facts) { f.HTTP = hf })
			return
		}
		lastErr = err
		if ctx.Err() != nil {
			break
		}
	}
	r.fail(PartHTTP, lastErr)
}

// ask sends one request to target (ip:port) for u, with a transport of
// its own (nothing pooled: each collection is a fresh view of the host).
func (c *Collector) ask(ctx context.Context, u *url.URL, target, method string) (*HTTPFacts, error) {
	ctx, cancel := context.WithTimeout(ctx, c.o.PartTimeout)
	defer cancel()
	d := &net.Dialer{Timeout: c.o.PartTimeout}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, target)
		},
		TLSClientConfig:        &tls.Config{ServerName: sni(u.Hostname()), InsecureSkipVerify: true},
		TLSHandshakeTimeout:    c.o.PartTimeout,
		ResponseHeaderTimeout:  c.o.PartTimeout,
		MaxResponseHeaderBytes: int64(c.o.MaxHeader),
		DisableKeepAlives:      true,
		DisableCompression:     true,
	}
	defer tr.CloseIdleConnections()
	cl := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	resp, err := cl.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%s %s: %w", method, target, err)
	}
	resp.Body.Close() // the body is the WARC's business, not this record's
	hf := &HTTPFacts{Method: method, Addr: target, Status: resp.StatusCode, Proto: resp.Proto, Header: http.Header{}}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range resp.Header {
			if !yield(k) {
				return
			}
		}
	})
	for i, k := range names {
		if i >= MaxHeaders {
			hf.Cut = true
			break
		}
		for j, v := range resp.Header[k] {
			if j >= 20 {
				hf.Cut = true
				break
			}
			if len(v) > maxHeaderValue {
				v, hf.Cut = clip(v, maxHeaderValue), true
			}
			hf.Header[clip(k, 200)] = append(hf.Header[clip(k, 200)], strings.ToValidUTF8(v, "\uFFFD"))
		}
	}
	return hf, nil
}

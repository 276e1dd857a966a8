package crawler

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"

	"github.com/certwatch/certwatch/page"
)

// finishResult completes a result both engines filled with what was
// received: hashes, the outcome of a response, the Page, links and
// listings. contentType is the Content-Type the body is decoded with.
func finishResult(res *Result, req Request, contentType string) {
	res.Request = req
	if res.RequestedURL == "" {
		res.RequestedURL = req.URL
	}
	if res.FinalURL == "" && res.Status != 0 {
		res.FinalURL = res.RequestedURL
	}
	if res.Status != 0 || res.Body != nil {
		res.BodySHA256 = sha256Hex(res.Body)
	}
	if res.Screenshot != nil {
		res.ScreenshotSHA = sha256Hex(res.Screenshot)
	}
	if res.Outcome != "" && res.Outcome != OutcomeOK {
		return
	}
	switch mt := effectiveType(res.Header, res.Body); {
	case res.Status >= 300:
		res.Outcome = OutcomeHTTPError
		res.Err = fmt.Errorf("crawler: %s: %w %d", res.RequestedURL, ErrHTTPStatus, res.Status)
		return
	case !res.Rendered && !isPageType(mt):
		res.Outcome = OutcomeNotHTML
		res.Err = fmt.Errorf("crawler: %s: %w (%s)", res.RequestedURL, ErrNotPage, mt)
		return
	}
	body := res.Body
	if len(body) > page.MaxBodySize {
		body = body[:page.MaxBodySize]
	}
	p, err := toPage(res.FinalURL, body, contentType, res.Rendered)
	if err != nil {
		res.Outcome = OutcomeNotHTML
		res.Err = fmt.Errorf("crawler: %s: %w", res.RequestedURL, err)
		return
	}
	res.Outcome = OutcomeOK
	res.Err = nil
	res.Page = p
	res.Links = pageLinks(p)
	if req.Listing != nil {
		res.Listings, res.NextPage = extractListings(body, contentType, res.FinalURL, req.Listing)
	}
}

// toPage decodes and extracts: markup as HTML, other text as plain text.
func toPage(pageURL string, body []byte, contentType string, rendered bool) (*page.Page, error) {
	mt := mediaType(contentType)
	if mt == "" {
		mt = effectiveType(nil, body)
	}
	if rendered || isHTMLType(mt) {
		return page.FromHTML(pageURL, body, contentType)
	}
	text, cs, err := page.Decode(body, contentType)
	if err != nil {
		return nil, err
	}
	p := page.FromText(pageURL, text)
	p.Charset = cs
	return p, nil
}

// pageLinks returns the page's absolute http(s) links without fragments,
// each once, in document order.
func pageLinks(p *page.Page) []string {
	if p == nil || len(p.Links) == 0 {
		return nil
	}
	seen := make(map[string]struct{}, len(p.Links))
	var out []string
	for _, l := range p.Links {
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		u.Fragment, u.RawFragment = "", ""
		s := u.String()
		if _, dup := seen[s]; dup {
			continue
		}
		seen[s] = struct{}{}
		out = append(out, s)
	}
	return out
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

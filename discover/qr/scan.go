package qr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// ScanStats counts what one Scan did, for the sweep health.
type ScanStats struct {
	Images    int // image addresses taken (at most ScanOptions.MaxImages)
	Fetched   int // images fetched
	FetchErr  int // fetch failures (refused address, HTTP error, timeout)
	TooLarge  int // refused by a byte or pixel limit
	Malformed int // unreadable images or damaged QR codes
	Codes     int // QR payloads decoded
	Strong    int // candidates that are strong signals
	Contacts  int // messaging or payment codes (the seller's contact)
}

// ScanResult is the outcome of one Scan.
type ScanResult struct {
	Candidates []Candidate
	Stats      ScanStats
	Errors     []string // one line per failed image, at most MaxImages
}

// ScanOptions bound a Scan. Zero fields take the defaults named.
type ScanOptions struct {
	MaxImages int      // images fetched per page (16)
	Limits    Limits   // per image
	Official  []string // official hosts and suffixes (see OfficialHosts)
	Text      string   // the page's text, whose claims ("官网可查") count
	NoFollow  bool     // do not follow candidates through redirects
}

// Scan fetches the images of one page (see page.ImageURLs) through the
// Follower's bounded client, decodes their QR codes, classifies the
// addresses and follows those that are not official. A failing image is
// counted and skipped; Scan itself fails only when ctx ends, and then
// returns what it has.
func (f *Follower) Scan(ctx context.Context, imageURLs []string, o ScanOptions) (ScanResult, error) {
	if o.MaxImages <= 0 {
		o.MaxImages = 16
	}
	lim := o.Limits.withDefaults()
	var res ScanResult
	var payloads []string
	imageOf := map[string]string{} // payload → first image holding it
	for _, u := range imageURLs {
		if res.Stats.Images >= o.MaxImages {
			break
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		res.Stats.Images++
		data, err := f.fetchImage(ctx, u, lim.MaxBytes)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				res.Stats.TooLarge++
			} else {
				res.Stats.FetchErr++
			}
			res.Errors = append(res.Errors, u+": "+err.Error())
			continue
		}
		res.Stats.Fetched++
		codes, err := Decode(bytes.NewReader(data), lim)
		switch {
		case errors.Is(err, ErrTooLarge):
			res.Stats.TooLarge++
		case err != nil:
			res.Stats.Malformed++
		}
		if err != nil {
			res.Errors = append(res.Errors, u+": "+err.Error())
			continue
		}
		res.Stats.Codes += len(codes)
		for _, c := range codes {
			if _, ok := imageOf[c]; !ok {
				imageOf[c] = u
			}
		}
		payloads = append(payloads, codes...)
	}
	res.Candidates = CandidatesNear(payloads, o.Official, o.Text)
	for i := range res.Candidates {
		res.Candidates[i].Image = imageOf[res.Candidates[i].Payload]
	}
	if !o.NoFollow {
		f.FollowAll(ctx, res.Candidates, o.Official)
	}
	for _, c := range res.Candidates {
		if c.Strong {
			res.Stats.Strong++
		}
		if c.Contact {
			res.Stats.Contacts++
		}
	}
	return res, ctx.Err()
}

// fetchImage GETs an image, following HTTP redirects (at most
// MaxRedirects), and reads at most max bytes of it: a body over max
// gives a *LimitError without reading further.
func (f *Follower) fetchImage(ctx context.Context, raw string, max int64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, f.o.Timeout)
	defer cancel()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not an http(s) address: %q", raw)
	}
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", f.o.UserAgent)
		req.Header.Set("Accept", "image/png,image/jpeg,image/gif,image/*;q=0.8")
		resp, err := f.client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.Header.Get("Location") != "" {
			loc := resp.Header.Get("Location")
			resp.Body.Close()
			if hop >= f.o.MaxRedirects {
				return nil, fmt.Errorf("%w: more than %d", ErrTooManyRedirects, f.o.MaxRedirects)
			}
			next, err := u.Parse(loc)
			if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
				return nil, fmt.Errorf("bad redirect %q", loc)
			}
			u = next
			continue
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		if resp.ContentLength > max {
			return nil, &LimitError{What: "bytes", Value: resp.ContentLength, Max: max}
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > max {
			return nil, &LimitError{What: "bytes", Value: int64(len(data)), Max: max}
		}
		return data, nil
	}
}

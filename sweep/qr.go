package sweep

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/discover/qr"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/store"
)

// kindQR is a frontier item found through a QR code: the final address
// of a strong candidate (discover/qr), checked for imitation like a page.
// Its Meta holds the image and the page the code was read from.
const kindQR = "qr"

// Meta keys of a kindQR item.
const (
	metaQRImage  = "qr_image"
	metaQRPage   = "qr_page"
	metaQRReason = "qr_reason"
)

// QRStats counts what the QR scan of a sweep did (discover.qr), summed
// over the pages scanned; stored with the sweep's summary.
type QRStats struct {
	Pages int `json:"pages"` // pages whose images were scanned
	qr.ScanStats
	Queued int `json:"queued"` // strong candidates queued as pages to check
}

// qrScanner is a run's QR follower, built on first use.
type qrScanner struct {
	once     sync.Once
	f        *qr.Follower
	err      error
	official []string
}

// qrFollower builds the follower from the sweep's config: its resolve
// overrides and allow_internal, the crawler's timeout and redirect limit.
func (r *run) qrFollower() (*qr.Follower, []string, error) {
	q := &r.qr
	q.once.Do(func() {
		c := r.s.Config
		o := qr.FollowOptions{
			MaxRedirects:  c.Limits.MaxRedirects,
			Timeout:       c.Limits.Timeout * 3,
			AllowInternal: c.AllowInternal,
			Dial:          c.Resolve,
			DialOnly:      c.ResolveOnly,
			UserAgent:     c.UserAgent,
		}
		q.f, q.err = qr.NewFollower(o)
		for _, p := range r.d.Matcher().Packs() {
			q.official = append(q.official, qr.OfficialHosts(p)...)
		}
	})
	return q.f, q.official, q.err
}

// scanQR reads the QR codes in the images of a page the sweep keeps as an
// offer or a listing (discover.qr on) and returns, for every strong
// candidate, a frontier item for its final address: a page to check for
// imitation, whose finding will say that a QR code led to it. The scan
// is bounded by the follower's limits and discover.qr_max_images; a
// failing image is counted and skipped, never stopping the sweep.
func (r *run) scanQR(src *config.Source, it store.FrontierItem, res *crawler.Result, p *page.Page) []store.FrontierItem {
	c := r.s.Config
	if !c.Discover.QR || src == nil || r.ctx == nil || r.ctx.Err() != nil {
		return nil
	}
	base := res.FinalURL
	if base == "" {
		base = it.URL
	}
	imgs := page.ImageURLs(base, string(res.Body), 0)
	if len(imgs) == 0 {
		return nil
	}
	f, official, err := r.qrFollower()
	if err != nil {
		r.s.Log.Warn("qr scan: follower not built", "err", err)
		return nil
	}
	max := c.Discover.QRMaxImages
	if max <= 0 {
		max = config.DefaultQRMaxImages
	}
	ctx, cancel := context.WithTimeout(r.ctx, 2*f.Timeout())
	defer cancel()
	sr, _ := f.Scan(ctx, imgs, qr.ScanOptions{MaxImages: max, Official: official, Text: p.Title + "\n" + p.Text})
	for _, e := range sr.Errors {
		r.s.Log.Info("qr scan: image skipped", "page", it.URL, "err", e)
	}
	var next []store.FrontierItem
	for _, cand := range sr.Candidates {
		if !cand.Strong {
			continue
		}
		target := cand.FinalURL
		if target == "" {
			target = cand.URL
		}
		next = append(next, store.FrontierItem{URL: store.CanonicalURL(target), SourceID: src.ID, Depth: src.Depth, Render: src.Render, Kind: kindQR,
			Meta: map[string]string{metaQRImage: cand.Image, metaQRPage: it.URL, metaQRReason: cand.Reason}})
	}
	r.stats.qrScanned(sr.Stats, len(next))
	return next
}

// qrReason is the reason a finding on a page found through a QR code
// starts with.
func qrReason(meta map[string]string) string {
	s := fmt.Sprintf("经二维码发现：页面 %s 的图片 %s 中的二维码指向本网址", meta[metaQRPage], meta[metaQRImage])
	if why := meta[metaQRReason]; why != "" {
		s += "（" + why + "）"
	}
	return s
}

// withQRReason puts the QR reason first in a finding of a kindQR item.
func withQRReason(f *matcher.Finding, it store.FrontierItem) {
	if it.Kind != kindQR || f == nil {
		return
	}
	f.Reasons = append([]string{qrReason(it.Meta)}, f.Reasons...)
}

// qrScanned adds one page's scan to the summary.
func (s *Summary) qrScanned(st qr.ScanStats, queued int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.QR == nil {
		s.QR = &QRStats{}
	}
	q := s.QR
	q.Pages++
	q.Images += st.Images
	q.Fetched += st.Fetched
	q.FetchErr += st.FetchErr
	q.TooLarge += st.TooLarge
	q.Malformed += st.Malformed
	q.Codes += st.Codes
	q.Strong += st.Strong
	q.Contacts += st.Contacts
	q.Queued += queued
}

// counts lists the stats as (key, value) pairs in a fixed order; keys
// are casework.DiscoveryCount values.
func (q *QRStats) counts() [][2]any {
	return [][2]any{
		{"qr_pages", q.Pages}, {"qr_images", q.Images}, {"qr_fetched", q.Fetched}, {"qr_fetch_err", q.FetchErr},
		{"qr_too_large", q.TooLarge}, {"qr_malformed", q.Malformed}, {"qr_codes", q.Codes}, {"qr_strong", q.Strong},
		{"qr_contacts", q.Contacts}, {"qr_queued", q.Queued},
	}
}

// printQR writes the QR line of a summary (caller holds s.mu), in
// Chinese (names from casework) or English (the keys).
func (s *Summary) printQR(w io.Writer, chinese bool) {
	if s.QR == nil {
		return
	}
	var parts []string
	for _, kv := range s.QR.counts() {
		k := kv[0].(string)
		if chinese {
			parts = append(parts, fmt.Sprintf("%s %d", casework.DiscoveryCount(k).Name(), kv[1]))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(k, "qr_"), kv[1]))
		}
	}
	if chinese {
		fmt.Fprintf(w, "  二维码发现：%s\n", strings.Join(parts, "，"))
	} else {
		fmt.Fprintf(w, "  qr discovery: %s\n", strings.Join(parts, ", "))
	}
}

// DiscoveryLine is one way of discovery in a stored summary, named in
// Chinese: its counts, in a fixed order.
type DiscoveryLine struct {
	Name   string       `json:"name"`
	Counts []NamedCount `json:"counts"`
	Err    string       `json:"err,omitempty"`
}

// NamedCount is one count with its Chinese name.
type NamedCount struct {
	Name  string `json:"name"`
	Value int    `json:"value"`
}

// discoveryLines are the QR and lookalike counts for the UI (caller
// holds s.mu).
func (s *Summary) discoveryLines() []DiscoveryLine {
	var out []DiscoveryLine
	line := func(name string, kvs [][2]any, err string) {
		l := DiscoveryLine{Name: name, Err: err}
		for _, kv := range kvs {
			l.Counts = append(l.Counts, NamedCount{Name: casework.DiscoveryCount(kv[0].(string)).Name(), Value: kv[1].(int)})
		}
		out = append(out, l)
	}
	if s.QR != nil {
		line("二维码发现", s.QR.counts(), "")
	}
	if s.Lookalike != nil {
		line("仿冒域名发现", s.Lookalike.counts(), s.Lookalike.Err)
	}
	out = append(out, s.searchLines()...)
	if s.CT != nil {
		line("证书透明度日志发现", s.CT.counts(), strings.Join(s.CT.problems(), "、"))
	}
	if s.Watch != nil {
		line("已知仿冒网站复查", s.Watch.counts(), "")
	}
	return out
}

package testbed

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/discover/qr"
)

// TestQRSiteLeadsOnlyThroughTheCode: the offer's image decodes to the
// shortener, the shortener redirects to the imitation site, and no page
// of the sample web names either host.
func TestQRSiteLeadsOnlyThroughTheCode(t *testing.T) {
	w := shared(t)
	c := noRedirects(client(t, w))
	img := get(t, c, QRImageURL())
	if img.status != http.StatusOK {
		t.Fatalf("QR image: status %d", img.status)
	}
	codes, err := qr.Decode(bytes.NewReader(img.body), qr.Limits{})
	if err != nil || len(codes) != 1 || codes[0] != QRShortURL() {
		t.Fatalf("QR image decodes to %q, %v; want %q", codes, err, QRShortURL())
	}
	if !strings.Contains(string(get(t, c, QROfferURL()).body), ershouQRPath) {
		t.Errorf("the offer does not show the QR image")
	}
	r := get(t, c, QRShortURL())
	if r.status != http.StatusFound || r.header.Get("Location") != QRImitationURL() {
		t.Errorf("shortener: status %d, Location %q", r.status, r.header.Get("Location"))
	}
	if r := get(t, c, QRImitationURL()); r.status != http.StatusOK || !strings.Contains(string(r.body), "查询") {
		t.Errorf("imitation: status %d", r.status)
	}
	// Nothing links to them: not the hand-written pages, not the ershou pages.
	bodies := []string{ershouIndex, ershouBike, ershouOffer}
	_ = fs.WalkDir(sitesFS, "sites", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := sitesFS.ReadFile(name)
			bodies = append(bodies, string(b))
		}
		return nil
	})
	if len(bodies) < 10 {
		t.Fatalf("only %d pages read", len(bodies))
	}
	for i, b := range bodies {
		if strings.Contains(b, HostShortener) || strings.Contains(b, HostQRImitation) || strings.Contains(b, HostLookalike) {
			t.Errorf("page %d names %s, %s or %s", i, HostShortener, HostQRImitation, HostLookalike)
		}
	}
}

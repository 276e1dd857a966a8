package qr

import (
	"context"
	"fmt"
	"image"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/page"
)

// A listing page on a local seller site shows several images: one with a
// short link QR code, one with the official address, a decompression
// bomb, an oversized file, a truncated PNG, a missing image and one on
// the cloud metadata address. Scan finds the imitation site through the
// short link, counts every failure and never stops.
func TestScanListingPage(t *testing.T) {
	w := newSampleWeb(t)
	off := officialFromPack(t)
	qrShort := encodePNG(t, listingImage(800, 600, 11, placed{image.Pt(480, 150), qrImage(t, w.short+"/s/AbC9", 220)}))
	qrOfficial := encodeJPEG(t, listingImage(800, 600, 12, placed{image.Pt(480, 150), qrImage(t, "https://cx.mem.gov.cn/", 200)}), 85)
	plain := encodePNG(t, listingImage(600, 400, 13))
	bomb := pngBomb(t, 100000, 100000)
	const maxBytes = 1 << 20
	seller := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/list":
			rw.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(rw, `<html><body><h1>特种作业操作证 高处作业 焊工</h1><p>全国联网，扫码官网可查</p>
<img src="/img/cover.png"><img data-original="/img/qr.png" src="/blank.gif" width="300">
<img src="/img/official.jpg"><img src="/img/bomb.png"><img src="/img/huge.png">
<img src="/img/broken.png"><img src="/img/gone.png"><img src="http://169.254.169.254/latest/x.png">
<img src="/img/old-cdn.png"></body></html>`)
		case "/img/cover.png":
			rw.Write(plain)
		case "/img/qr.png":
			rw.Write(qrShort)
		case "/img/old-cdn.png":
			http.Redirect(rw, r, "/img/qr.png", http.StatusMovedPermanently)
		case "/img/official.jpg":
			rw.Write(qrOfficial)
		case "/img/bomb.png":
			rw.Write(bomb)
		case "/img/huge.png":
			// no Content-Length: the limit must hold while reading
			rw.(http.Flusher).Flush()
			io.CopyN(rw, zeroReader{}, 3*maxBytes)
		case "/img/broken.png":
			rw.Write(qrShort[:len(qrShort)/2])
		default:
			http.NotFound(rw, r)
		}
	}))
	defer seller.Close()
	w.resolve["seller.test"] = "127.0.0.1"
	base := "http://seller.test:" + port(t, seller.URL)
	f := w.follower(t, "127.0.0.1")

	resp, err := http.Get(seller.URL + "/list")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	imgs := page.ImageURLs(base+"/list", string(body), 0)
	if len(imgs) != 10 {
		t.Fatalf("ImageURLs = %q; want 10", imgs)
	}
	res, err := f.Scan(context.Background(), imgs, ScanOptions{
		Official: off, Text: "特种作业操作证 全国联网，扫码官网可查", Limits: Limits{MaxBytes: maxBytes},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := ScanStats{Images: 10, Fetched: 6, FetchErr: 3, TooLarge: 2, Malformed: 1, Codes: 3, Strong: 1}
	// fetched: cover, qr, official, bomb, broken, old-cdn (redirected to qr)
	// fetch errors: blank.gif, gone.png (404), 169.254.169.254; too large: bomb, huge
	if res.Stats != want {
		t.Fatalf("stats %+v; want %+v\nerrors:\n%s", res.Stats, want, strings.Join(res.Errors, "\n"))
	}
	if len(res.Candidates) != 2 {
		t.Fatalf("candidates %+v; want the short link and the official address", res.Candidates)
	}
	for _, c := range res.Candidates {
		if c.Strong && (c.FinalHost != "cx-mem-gov.test" || len(c.Chain) != 3) {
			t.Errorf("strong candidate %+v; want it followed to the imitation site", c)
		}
	}
	// a cancelled context stops the scan between images
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := f.Scan(ctx, imgs, ScanOptions{Official: off}); err == nil || res.Stats.Images != 0 {
		t.Fatalf("cancelled scan = %+v, %v", res.Stats, err)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

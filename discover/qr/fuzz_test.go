package qr

import (
	"bytes"
	"errors"
	"image"
	"testing"
)

// FuzzDecode feeds arbitrary bytes (seeded with real, truncated and bomb
// images) to Decode: it must return payloads or one of its errors, never
// panic or exceed its limits. Run longer with
// go test -tags ne,demo -run XXX -fuzz FuzzDecode -fuzztime 10m ./discover/qr/
func FuzzDecode(f *testing.F) {
	img := listingImage(300, 240, 14, placed{image.Pt(100, 40), qrImage(f, "http://cx-mem.example/q", 150)})
	p := encodePNG(f, img)
	j := encodeJPEG(f, img, 70)
	g := encodeGIF(f, qrImage(f, "http://a.example/", 100))
	for _, s := range [][]byte{p, j, g, p[:len(p)/3], j[:len(j)/2], g[:40], nil, []byte("GIF89a")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(bytes.NewReader(data), Limits{MaxPixels: 1 << 20, MaxBytes: 1 << 20})
		if err != nil {
			if !errors.Is(err, ErrMalformedImage) && !errors.Is(err, ErrMalformedQR) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if len(got) > DefaultLimits.MaxCodes {
			t.Fatalf("%d payloads", len(got))
		}
	})
}

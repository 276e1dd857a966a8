package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand"
	"testing"
)

// qrImage encodes text as a QR code of about side×side pixels (with a
// quiet zone), the way a seller's QR generator would.
func qrImage(t testing.TB, text string, side int) image.Image {
	t.Helper()
	m, err := Encode(text, side)
	if err != nil {
		t.Fatalf("encode %q: %v", text, err)
	}
	return m
}

// placed is a QR code image at a position of a listing image.
type placed struct {
	at  image.Point
	img image.Image
}

// listingImage draws a listing-like picture: a coloured banner, a
// "product photo" gradient, rows of dark text-like strokes, a stamp-like
// red circle, and the QR codes given on white backgrounds.
func listingImage(w, h int, seed int64, codes ...placed) *image.RGBA {
	rnd := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{248, 246, 240, 255}}, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, w, h/8), &image.Uniform{color.RGBA{200, 30, 40, 255}}, image.Point{}, draw.Src)
	// product photo: a gradient block
	for y := h / 6; y < h/2; y++ {
		for x := w / 20; x < w/2; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 160, 255})
		}
	}
	// text-like strokes
	for row := h/2 + 20; row < h-30; row += 28 {
		for x := w / 20; x < w/2; {
			cw := 10 + rnd.Intn(8)
			for i := 0; i < 6; i++ {
				x0, y0 := x+rnd.Intn(cw), row+rnd.Intn(18)
				draw.Draw(img, image.Rect(x0, y0, x0+2+rnd.Intn(8), y0+2), &image.Uniform{color.RGBA{40, 40, 40, 255}}, image.Point{}, draw.Src)
			}
			x += cw + 4
		}
	}
	// a red stamp ring
	cx, cy, r := w/3, h/3, h/10
	for a := 0; a < 3600; a++ {
		for d := 0; d < 4; d++ {
			x := cx + int(float64(r-d)*cos(a))
			y := cy + int(float64(r-d)*sin(a))
			img.Set(x, y, color.RGBA{220, 20, 20, 255})
		}
	}
	for _, c := range codes {
		b := c.img.Bounds()
		draw.Draw(img, image.Rectangle{c.at, c.at.Add(b.Size())}, c.img, b.Min, draw.Src)
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cos and sin of a tenth of a degree.
func cos(a int) float64 { return math.Cos(float64(a) * math.Pi / 1800) }
func sin(a int) float64 { return math.Sin(float64(a) * math.Pi / 1800) }

package qr

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"io"
	"math/rand"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDecodeListingPNGTwoCodes(t *testing.T) {
	a := "http://cx-mem-gov.top/cx/zs.html?id=3101"
	b := "证书查询 https://cx.mem.gov.cn/"
	img := listingImage(1000, 700, 1,
		placed{image.Pt(560, 120), qrImage(t, a, 220)},
		placed{image.Pt(700, 420), qrImage(t, b, 200)})
	got, err := Decode(bytes.NewReader(encodePNG(t, img)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{a, b}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("decoded %q, want %q", got, want)
	}
}

func TestDecodeListingJPEG(t *testing.T) {
	a := "https://t.example/AbC9x"
	img := listingImage(900, 600, 2, placed{image.Pt(560, 200), qrImage(t, a, 200)})
	got, err := Decode(bytes.NewReader(encodeJPEG(t, img, 75)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{a}) {
		t.Fatalf("decoded %q, want [%q]", got, a)
	}
}

func TestDecodeGIF(t *testing.T) {
	a := "zscx-cnse.com/query"
	got, err := Decode(bytes.NewReader(encodeGIF(t, qrImage(t, a, 180))), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{a}) {
		t.Fatalf("decoded %q, want [%q]", got, a)
	}
}

func TestDecodeNoCode(t *testing.T) {
	got, err := Decode(bytes.NewReader(encodePNG(t, listingImage(800, 600, 3))), Limits{})
	if err != nil || len(got) != 0 {
		t.Fatalf("Decode of an image without a code = %q, %v; want none, nil", got, err)
	}
}

func TestDecodeMaxCodes(t *testing.T) {
	img := listingImage(1000, 700, 4,
		placed{image.Pt(560, 120), qrImage(t, "http://a.example/1", 200)},
		placed{image.Pt(760, 420), qrImage(t, "http://b.example/2", 200)})
	got, err := Decode(bytes.NewReader(encodePNG(t, img)), Limits{MaxCodes: 1})
	if err != nil || len(got) != 1 {
		t.Fatalf("Decode with MaxCodes 1 = %q, %v; want one payload", got, err)
	}
}

func TestDecodeMalformedImages(t *testing.T) {
	good := encodePNG(t, listingImage(400, 300, 5, placed{image.Pt(150, 50), qrImage(t, "http://x.example/", 150)}))
	rnd := rand.New(rand.NewSource(6))
	noise := make([]byte, 4096)
	rnd.Read(noise)
	corrupt := slices.Clone(good)
	for i := len(corrupt) / 3; i < len(corrupt)*2/3; i += 7 {
		corrupt[i] ^= 0x5a
	}
	for name, data := range map[string][]byte{
		"empty":         nil,
		"noise":         noise,
		"truncated png": good[:len(good)/2],
		"header only":   good[:40],
		"corrupt idat":  corrupt,
		"text":          []byte("<html>not an image</html>"),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := Decode(bytes.NewReader(data), Limits{})
			if !errors.Is(err, ErrMalformedImage) {
				t.Fatalf("Decode = %q, %v; want ErrMalformedImage", got, err)
			}
		})
	}
}

// pngHeader returns a PNG with a valid IHDR declaring w×h RGB pixels and
// an IDAT holding a small zlib stream of many zero bytes (a decompression
// bomb: a few KB inflating to far more).
func pngBomb(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		io.WriteString(c, typ)
		c.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(make([]byte, 8<<20))
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

func TestDecodeRefusesBombsBeforeDecoding(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h uint32
		what string
	}{
		{"100000x100000", 100000, 100000, "width"},
		{"tall", 100, 60000, "height"},
		{"6000x6000", 6000, 6000, "pixels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := pngBomb(t, tc.w, tc.h)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Decode(bytes.NewReader(data), Limits{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, ErrTooLarge) || le.What != tc.what {
				t.Fatalf("Decode of a %d×%d PNG = %v; want a %s LimitError", tc.w, tc.h, err, tc.what)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
				t.Errorf("refusing the bomb allocated %d bytes; the pixels must not be decoded", alloc)
			}
			if took > time.Second {
				t.Errorf("refusing the bomb took %v", took)
			}
		})
	}
}

func TestDecodeByteLimit(t *testing.T) {
	data := encodePNG(t, listingImage(600, 400, 7))
	_, err := Decode(bytes.NewReader(data), Limits{MaxBytes: int64(len(data)) - 1})
	var le *LimitError
	if !errors.As(err, &le) || le.What != "bytes" {
		t.Fatalf("Decode over the byte limit = %v; want a bytes LimitError", err)
	}
	if _, err := Decode(bytes.NewReader(data), Limits{MaxBytes: int64(len(data))}); err != nil {
		t.Fatalf("Decode at exactly the byte limit: %v", err)
	}
}

// A QR code whose data modules are scrambled (finder patterns intact) is
// reported as ErrMalformedQR, not as an image without a code.
func TestDecodeMalformedQR(t *testing.T) {
	code := qrImage(t, "http://cx-mem-gov.top/cx/zs.html?id=3101&name=zhang", 210)
	img := image.NewRGBA(image.Rect(0, 0, 400, 400))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(100, 100, 310, 310), code, image.Point{}, draw.Src)
	// scramble the central data area, leaving the three finder patterns
	rnd := rand.New(rand.NewSource(8))
	cell := 6
	for y := 175; y < 265; y += cell {
		for x := 175; x < 265; x += cell {
			c := color.Color(color.White)
			if rnd.Intn(2) == 0 {
				c = color.Black
			}
			draw.Draw(img, image.Rect(x, y, x+cell, y+cell), &image.Uniform{c}, image.Point{}, draw.Src)
		}
	}
	got, err := Decode(bytes.NewReader(encodePNG(t, img)), Limits{})
	if !errors.Is(err, ErrMalformedQR) {
		t.Fatalf("Decode of a damaged code = %q, %v; want ErrMalformedQR", got, err)
	}
}

func TestDecodeTextLimit(t *testing.T) {
	long := "http://a.example/" + strings.Repeat("q", 300)
	got, err := Decode(bytes.NewReader(encodePNG(t, qrImage(t, long, 300))), Limits{MaxText: 64})
	if err != nil || len(got) != 1 || len(got[0]) != 64 {
		t.Fatalf("Decode with MaxText 64 = %q, %v", got, err)
	}
}

// BenchmarkDecode measures listing images (1000×700) decoded per second:
// a PNG and a JPEG with one QR code, and a PNG without any (the common
// case, which costs every pass of the reader).
func BenchmarkDecode(b *testing.B) {
	code := qrImage(b, "http://cx-mem-gov.top/cx/zs.html?id=3101", 220)
	withCode := listingImage(1000, 700, 9, placed{image.Pt(600, 200), code})
	for _, bc := range []struct {
		name  string
		data  []byte
		codes int
	}{
		{"png", encodePNG(b, withCode), 1},
		{"jpeg", encodeJPEG(b, withCode, 80), 1},
		{"png-no-code", encodePNG(b, listingImage(1000, 700, 9)), 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			start := time.Now()
			for i := 0; i < b.N; i++ {
				got, err := Decode(bytes.NewReader(bc.data), Limits{})
				if err != nil || len(got) != bc.codes {
					b.Fatalf("Decode = %q, %v", got, err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "images/s")
		})
	}
}

// Every pixel layout the decoders produce reads the same: grey PNG,
// NRGBA PNG with a transparent background (black modules on nothing, as
// stickers are), 16-bit PNG (the generic path) and paletted GIF.
func TestDecodePixelFormats(t *testing.T) {
	const text = "http://zs-cx.example/verify?no=T3101"
	code := qrImage(t, text, 200)
	b := code.Bounds()
	gray := image.NewGray(b)
	draw.Draw(gray, b, code, b.Min, draw.Src)
	clear := image.NewNRGBA(b)
	gray16 := image.NewGray16(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := code.At(x, y).RGBA(); r == 0 {
				clear.Set(x, y, color.NRGBA{0, 0, 0, 255})
				gray16.Set(x, y, color.Gray16{0x0800})
			} else {
				gray16.Set(x, y, color.Gray16{0xf000})
			}
		}
	}
	for name, data := range map[string][]byte{
		"gray png":        encodePNG(t, gray),
		"transparent png": encodePNG(t, clear),
		"gray16 png":      encodePNG(t, gray16),
		"gif":             encodeGIF(t, code),
	} {
		got, err := Decode(bytes.NewReader(data), Limits{})
		if err != nil || !slices.Equal(got, []string{text}) {
			t.Errorf("%s: Decode = %q, %v", name, got, err)
		}
	}
}

// A GIF whose frame is smaller than its logical screen and offset in it
// (as animated offer banners are) decodes.
func TestDecodeGIFFrameOffset(t *testing.T) {
	const text = "http://cx-mem.example/verify"
	code := qrImage(t, text, 160)
	frame := image.NewPaletted(image.Rect(50, 30, 50+160, 30+160), color.Palette{color.White, color.Black})
	draw.Draw(frame, frame.Bounds(), code, image.Point{}, draw.Src)
	var b bytes.Buffer
	err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{frame}, Delay: []int{0},
		Config: image.Config{ColorModel: frame.Palette, Width: 300, Height: 260}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(&b, Limits{})
	if err != nil || !slices.Equal(got, []string{text}) {
		t.Fatalf("Decode = %q, %v", got, err)
	}
}

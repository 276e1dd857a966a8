// Package qr finds candidate addresses in the QR codes of offer and
// listing images (issue 14): Decode reads every QR code of a PNG, JPEG or
// GIF image within strict size bounds, Candidates classifies the decoded
// addresses against the official query hosts, and Follower follows a
// candidate through redirects and URL shorteners with a bounded client
// that refuses internal addresses.
package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // GIF decoder
	_ "image/jpeg" // JPEG decoder
	_ "image/png"  // PNG decoder
	"io"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Limits bounds one Decode call. Zero fields take the DefaultLimits value.
type Limits struct {
	MaxBytes  int64 // encoded image size
	MaxPixels int64 // width × height declared in the image header
	MaxSide   int   // width or height declared in the image header
	MaxCodes  int   // payloads returned (further ones are dropped)
	MaxText   int   // bytes kept of one payload
}

// DefaultLimits are the bounds used for zero Limits fields.
var DefaultLimits = Limits{
	MaxBytes:  10 << 20,
	MaxPixels: 25_000_000,
	MaxSide:   20_000,
	MaxCodes:  16,
	MaxText:   2048,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxBytes > 0 {
		d.MaxBytes = l.MaxBytes
	}
	if l.MaxPixels > 0 {
		d.MaxPixels = l.MaxPixels
	}
	if l.MaxSide > 0 {
		d.MaxSide = l.MaxSide
	}
	if l.MaxCodes > 0 {
		d.MaxCodes = l.MaxCodes
	}
	if l.MaxText > 0 {
		d.MaxText = l.MaxText
	}
	return d
}

// ErrTooLarge is wrapped by every *LimitError.
var ErrTooLarge = errors.New("image exceeds limit")

// ErrMalformedImage is wrapped by the error of an image that cannot be
// read: an unknown format, a truncated or corrupt file.
var ErrMalformedImage = errors.New("malformed image")

// ErrMalformedQR is returned when the image holds something that looks
// like a QR code (finder patterns were found) but no code could be read
// from it: damaged modules, a bad checksum or format information.
var ErrMalformedQR = errors.New("malformed QR code")

// LimitError reports an image refused before it was decoded.
type LimitError struct {
	What  string // "bytes", "pixels", "width", "height"
	Value int64
	Max   int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("image %s %d over limit %d", e.What, e.Value, e.Max)
}

// Unwrap makes errors.Is(err, ErrTooLarge) true.
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// Decode returns the text of every QR code in the image read from r (PNG,
// JPEG or GIF), without duplicates, in the order found. An image without
// any QR code gives no payloads and no error. The encoded size and the
// dimensions declared in the header are checked before any pixel is
// decoded, so a decompression bomb costs only its header. Errors wrap
// ErrTooLarge (see LimitError), ErrMalformedImage or ErrMalformedQR; a
// panic in the image or QR decoders is returned as an error.
func Decode(r io.Reader, lim Limits) ([]string, error) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, &LimitError{What: "bytes", Value: int64(len(data)), Max: lim.MaxBytes}
	}
	cfg, format, err := decodeConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedImage, err)
	}
	switch {
	case cfg.Width <= 0 || cfg.Height <= 0:
		return nil, fmt.Errorf("%w: %s image of %d×%d", ErrMalformedImage, format, cfg.Width, cfg.Height)
	case cfg.Width > lim.MaxSide:
		return nil, &LimitError{What: "width", Value: int64(cfg.Width), Max: int64(lim.MaxSide)}
	case cfg.Height > lim.MaxSide:
		return nil, &LimitError{What: "height", Value: int64(cfg.Height), Max: int64(lim.MaxSide)}
	case int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels:
		return nil, &LimitError{What: "pixels", Value: int64(cfg.Width) * int64(cfg.Height), Max: lim.MaxPixels}
	}
	img, err := decodeImage(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformedImage, format, err)
	}
	// A GIF's first frame may be smaller than its screen, never larger.
	if b := img.Bounds(); b.Dx() > cfg.Width || b.Dy() > cfg.Height {
		return nil, fmt.Errorf("%w: %s decoded to %v, header says %d×%d", ErrMalformedImage, format, b, cfg.Width, cfg.Height)
	}
	return decodeCodes(img, lim)
}

// DecodeImage reads the QR codes of an image already decoded (no byte or
// header bounds apply; the caller bounded it).
func DecodeImage(img image.Image, lim Limits) ([]string, error) {
	return decodeCodes(img, lim.withDefaults())
}

func decodeConfig(data []byte) (cfg image.Config, format string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic reading header: %v", p)
		}
	}()
	return image.DecodeConfig(bytes.NewReader(data))
}

func decodeImage(data []byte) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("panic decoding: %v", p)
		}
	}()
	img, _, err = image.Decode(bytes.NewReader(data))
	return img, err
}

var tryHarder = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}

// decodeCodes runs the multi-code reader over a hybrid and then a global
// histogram binarisation, and the single-code reader when neither found
// anything (it tells a damaged code from no code at all).
func decodeCodes(img image.Image, lim Limits) (out []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("%w: panic in decoder: %v", ErrMalformedQR, p)
		}
	}()
	src, err := luminanceSource(img)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedImage, err)
	}
	seen := map[string]bool{}
	add := func(results []*gozxing.Result) {
		for _, r := range results {
			if r == nil || len(out) >= lim.MaxCodes {
				continue
			}
			t := r.GetText()
			if len(t) > lim.MaxText {
				t = t[:lim.MaxText]
			}
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	binarizers := []gozxing.Binarizer{gozxing.NewHybridBinarizer(src), gozxing.NewGlobalHistgramBinarizer(src)}
	reader := multiqr.NewQRCodeMultiReader()
	for _, bin := range binarizers {
		bmp, err := gozxing.NewBinaryBitmap(bin)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformedImage, err)
		}
		res, err := reader.DecodeMultiple(bmp, tryHarder)
		if err == nil {
			add(res)
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	// Nothing read: ask the single-code reader whether a code is there.
	bmp, err := gozxing.NewBinaryBitmap(binarizers[0])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedImage, err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, tryHarder)
	switch {
	case err == nil:
		add([]*gozxing.Result{res})
		return out, nil
	case isNotFound(err):
		return nil, nil
	default:
		return nil, fmt.Errorf("%w: %v", ErrMalformedQR, err)
	}
}

func isNotFound(err error) bool {
	_, ok := err.(gozxing.NotFoundException)
	return ok
}

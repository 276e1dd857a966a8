package qr

import (
	"errors"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Encode draws text as a QR code image of about side×side pixels with a
// quiet zone of four modules, UTF-8 encoded. It exists for the sample web
// of the demo and for tests, which put codes into listing images.
func Encode(text string, side int) (image.Image, error) {
	if side <= 0 || side > 4096 {
		return nil, errors.New("QR code side must be within 1..4096 pixels")
	}
	hints := map[gozxing.EncodeHintType]interface{}{
		gozxing.EncodeHintType_CHARACTER_SET: "UTF-8",
		gozxing.EncodeHintType_MARGIN:        4,
	}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, side, side, hints)
	if err != nil {
		return nil, err
	}
	return m, nil
}

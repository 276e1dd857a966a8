package qr

import (
	"image"

	"github.com/makiuchi-d/gozxing"
)

// luminanceSource builds the reader's luminance plane straight from the
// pixel buffers of the common image types (the library's own converter
// calls At for every pixel, which is most of the cost of a decode).
// Transparent pixels are blended onto white, as the library does.
func luminanceSource(img image.Image) (gozxing.LuminanceSource, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	lum := make([]byte, w*h)
	switch m := img.(type) {
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			copy(lum[y*w:(y+1)*w], m.Y[off:off+w])
		}
	case *image.Gray:
		for y := 0; y < h; y++ {
			off := m.PixOffset(b.Min.X, b.Min.Y+y)
			copy(lum[y*w:(y+1)*w], m.Pix[off:off+w])
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				r, g, bl, a := uint32(p[4*x]), uint32(p[4*x+1]), uint32(p[4*x+2]), uint32(p[4*x+3])
				// premultiplied: add white for the transparent part
				lum[y*w+x] = byte((r+2*g+bl)/4 + (255 - a))
			}
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				r, g, bl, a := uint32(p[4*x]), uint32(p[4*x+1]), uint32(p[4*x+2]), uint32(p[4*x+3])
				l := (r + 2*g + bl) / 4
				lum[y*w+x] = byte((l*a + 255*(255-a)) / 255)
			}
		}
	case *image.Paletted:
		var pal [256]byte
		for i, c := range m.Palette {
			r, g, bl, a := c.RGBA()
			l := (r + 2*g + bl) * 255 / (4 * 0xffff)
			pal[i] = byte((l*a + (0xffff-a)*255) / 0xffff)
		}
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				lum[y*w+x] = pal[p[x]]
			}
		}
	default:
		return gozxing.NewLuminanceSourceFromImage(img), nil
	}
	return gozxing.NewPlanarYUVLuminanceSource(lum, w, h, 0, 0, w, h, false)
}

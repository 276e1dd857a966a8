package page

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestImageURLs(t *testing.T) {
	doc := `<html><head><base href="/shop/">
<meta property="og:image" content="https://img.example.com/cover.jpg">
</head><body>
<div class="item"><img src="p/1.jpg" alt="证书样本"><p>扫码官网可查</p></div>
<img src="/blank.gif" data-original="//cdn.example.com/qr.png" width="200">
<img src="pixel.gif" width="1" height="1"><img src="icon.png" width="16px">
<picture><source srcset="a-1x.webp 1x, a-2x.webp 2x"><img src="a.jpg"></picture>
<img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)">
<img src="p/1.jpg#zoom"><img src="ftp://x.example/z.jpg">
</body></html>`
	got := ImageURLs("http://seller.example/list?page=2", doc, 0)
	want := []string{
		"https://img.example.com/cover.jpg",
		"http://seller.example/shop/p/1.jpg",
		"http://cdn.example.com/qr.png",
		"http://seller.example/blank.gif",
		"http://seller.example/shop/a-1x.webp",
		"http://seller.example/shop/a-2x.webp",
		"http://seller.example/shop/a.jpg",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("ImageURLs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestImageURLsBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, `<img src="/i/%d.jpg">`, i)
	}
	if got := ImageURLs("http://x.example/", b.String(), 10); len(got) != 10 || got[9] != "http://x.example/i/9.jpg" {
		t.Fatalf("ImageURLs with max 10 = %d URLs, last %q", len(got), got[len(got)-1])
	}
	if got := ImageURLs("http://x.example/", b.String(), 0); len(got) != MaxImageURLs {
		t.Fatalf("ImageURLs with no max = %d URLs; want %d", len(got), MaxImageURLs)
	}
	if got := ImageURLs("", `<img src="rel.jpg"><img src="https://a.example/b.png">`, 0); !slices.Equal(got, []string{"https://a.example/b.png"}) {
		t.Fatalf("without a page URL = %q", got)
	}
}

package testbed

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"

	"github.com/certwatch/certwatch/discover/qr"
)

// The sites of issue 14's QR discovery: an imitation query site that no
// page links to, reached only through a QR code in a classified ad's
// image and a URL shortener.
const (
	// HostErshou is a classifieds site whose certificate offer shows a
	// QR code "扫码官网可查".
	HostErshou = "ershou.example"
	// HostShortener is a URL shortener: /s/<code> redirects (302).
	HostShortener = "dwz.example"
	// HostQRImitation is an imitation of the 应急管理部 query platform,
	// the same pages as cx-mem-gov.example, that nothing links to.
	HostQRImitation = "zscx-mem.example"
	// HostLookalike is an imitation of the same platform on a lookalike
	// name of cx.mem.gov.cn (hyphenation), which no page links to and no
	// source names: only the lookalike step of a sweep finds it. Like
	// yjj.demo.gov.cn, it is only ever resolved through the overrides.
	HostLookalike = "cx-mem-gov.cn"
)

// LookalikeURL is the home page of the lookalike imitation site.
func LookalikeURL() string { return urlOf(HostLookalike, "/") }

// QR discovery's addresses.
const (
	ershouOfferPath = "/item/501.html"
	ershouQRPath    = "/img/501-qr.png"
	shortCode       = "/s/Xq7k"
)

// QRShortURL is the address the QR code in the ershou offer's image holds.
func QRShortURL() string { return urlOf(HostShortener, shortCode) }

// QRImitationURL is the imitation page only the QR code leads to.
func QRImitationURL() string { return urlOf(HostQRImitation, "/") }

// QROfferURL is the offer whose image holds the QR code.
func QROfferURL() string { return urlOf(HostErshou, ershouOfferPath) }

// QRImageURL is the offer's QR image.
func QRImageURL() string { return urlOf(HostErshou, ershouQRPath) }

const ershouIndex = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>二手闲置 - 同城分类信息</title></head>
<body>
<h1>二手闲置 · 同城分类信息</h1>
<ul>
<li><a href="/item/500.html">九成新电动车转让，价格面议</a></li>
<li><a href="/item/501.html">电工证焊工证高处作业证，不用考试，扫码官网可查</a></li>
</ul>
<p class="footer">信息由用户发布，本站不对内容负责。</p>
</body></html>
`

const ershouBike = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>九成新电动车转让 - 二手闲置</title></head>
<body>
<h1>九成新电动车转让</h1>
<p>上班代步用了一年，电池续航四十公里，因搬家转让，价格面议，同城自提。</p>
<p><img src="/img/500-bike.png" width="240" height="160" alt="电动车照片"></p>
<p><a href="/">返回首页</a></p>
</body></html>
`

const ershouOffer = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>电工证焊工证高处作业证，不用考试，扫码官网可查 - 二手闲置</title></head>
<body>
<h1>电工证焊工证高处作业证，不用考试，扫码官网可查</h1>
<div class="desc">
<p>专业办理特种作业操作证：电工证、焊工证、高处作业证，不用考试，不用培训，包过，七天出证。</p>
<p>证书全国通用，应急管理部官网可查，扫下面二维码即可查询真伪。</p>
<p>联系电话：13912345678，微信同号。</p>
</div>
<p><img src="/img/501-qr.png" width="240" height="240" alt="扫码查询"></p>
<p><a href="/">返回首页</a></p>
</body></html>
`

// ershouSite is ershou.example: an index, an ordinary ad with a photo,
// and a certificate offer whose image is a QR code (drawn at startup with
// qr.Encode) pointing at the shortener.
func (w *Web) ershouSite() (http.Handler, error) {
	s := newSite(allowAll)
	code, err := qr.Encode(QRShortURL(), 240)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	var img bytes.Buffer
	if err := png.Encode(&img, code); err != nil {
		return nil, err
	}
	photo, err := emblemPNG() // any picture without a QR code
	if err != nil {
		return nil, err
	}
	s.page("/", ctHTML, []byte(ershouIndex))
	s.page("/item/500.html", ctHTML, []byte(ershouBike))
	s.page(ershouOfferPath, ctHTML, []byte(ershouOffer))
	s.page("/img/500-bike.png", ctPNG, photo)
	s.page(ershouQRPath, ctPNG, img.Bytes())
	return s, nil
}

// shortenerSite is dwz.example: a URL shortener whose one code
// redirects to the imitation site only the QR code names.
func (w *Web) shortenerSite() (http.Handler, error) {
	s := newSite(allowAll)
	s.page("/", ctHTML, []byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>短网址</title></head><body><h1>短网址服务</h1><p><a href="/about.html">关于我们</a></p></body></html>`))
	s.page("/about.html", ctHTML, []byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于短网址</title></head><body><p>把长网址变短。</p></body></html>`))
	s.handle("GET "+shortCode, func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, QRImitationURL(), http.StatusFound)
	})
	return s, nil
}

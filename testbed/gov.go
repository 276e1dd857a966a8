package testbed

import (
	"bytes"
	"fmt"
	"html/template"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/http"
	"strings"

	"github.com/certwatch/certwatch/discover/imitation/reference"
)

// govSite is yjj.demo.gov.cn, a district emergency-management bureau: a
// campaign notice that quotes the ads it warns about, an exam schedule, a
// service guide and a page pointing to the official query sites. Nothing
// on it may be flagged.
func (w *Web) govSite() (http.Handler, error) {
	s := newSite(allowAll)
	if _, err := s.addStatic(HostGov); err != nil {
		return nil, err
	}
	return s, nil
}

// HostOfficial is the official query platform of 应急管理部 as the sample
// web serves it: the page discover/imitation embeds as its reference (so
// the demo's references are the sample web's official pages). Like
// yjj.demo.gov.cn it is only ever reached through the resolve overrides.
const HostOfficial = "cx.mem.gov.cn"

// officialSite is HostOfficial: its query page, the emblem and the
// captcha. A sweep that fetches it keeps the page as the imitation
// verdict's reference; nothing on it may be flagged.
func (w *Web) officialSite() (http.Handler, error) {
	s := newSite(allowAll)
	home := reference.Page(HostOfficial)
	if home == nil {
		return nil, fmt.Errorf("no embedded reference page of %s", HostOfficial)
	}
	emblem, err := emblemPNG()
	if err != nil {
		return nil, err
	}
	captcha, err := captchaPNG()
	if err != nil {
		return nil, err
	}
	s.page("/", ctHTML, home)
	s.page("/static/emblem.png", ctPNG, emblem)
	s.page("/captcha.png", ctPNG, captcha)
	return s, nil
}

// schoolSite is school.example, a legitimate training school (courses, exam
// dates, "考试合格后颁发", phone numbers, "全国通用", "官网可查询": none of it
// flagged), and on /brand/kuaizhengtong.html the school's sister brand that
// promises certificates without classes (training_fraud).
func (w *Web) schoolSite() (http.Handler, error) {
	s := newSite(allowAll)
	if _, err := s.addStatic(HostSchool); err != nil {
		return nil, err
	}
	return s, nil
}

// newsSite is news.example, a city news portal: a reporter's investigation
// that quotes and paraphrases the new kinds of certificate ads (高仿职称证,
// 二建挂靠, disguised contacts) and a police warning about them. Both are
// hard negatives for the offer grammar: they name every family an offer
// uses, and neither may be flagged.
func (w *Web) newsSite() (http.Handler, error) {
	s := newSite(allowAll)
	if _, err := s.addStatic(HostNews); err != nil {
		return nil, err
	}
	s.page(searchExplainerPath, ctHTML, []byte(searchExplainer)) // linked only from sousuo.example's results
	return s, nil
}

// imitationSite is cx-mem-gov.example, a copy of the 应急管理部 query
// platform (cx.mem.gov.cn) on a look-alike name: the same title, the
// ministry's header and copyright line, and the same form. Like the real
// gangs' sites, /query answers any ID number with a valid-looking record.
func (w *Web) imitationSite() (http.Handler, error) {
	s := newSite(allowAll)
	if _, err := s.addStatic(HostImitation); err != nil {
		return nil, err
	}
	emblem, err := emblemPNG()
	if err != nil {
		return nil, err
	}
	captcha, err := captchaPNG()
	if err != nil {
		return nil, err
	}
	s.page("/static/emblem.png", ctPNG, emblem)
	s.page("/captcha.png", ctPNG, captcha)
	s.handle("/query", func(rw http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			rw.Header().Set("Allow", "GET, POST")
			http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(rw, r.Body, 4096)
		_ = r.ParseForm() // a bad form queries nothing, like the fake site
		rec := fakeRecord{
			Type:   "特种作业操作证",
			Name:   clip(r.Form.Get("xm"), 20),
			Number: clip(r.Form.Get("zjhm"), 18),
		}
		if r.Form.Get("zjlx") == "2" {
			rec.Type = "安全生产知识和管理能力考核合格证"
		}
		if rec.Name == "" {
			rec.Name = "张三"
		}
		if rec.Number == "" {
			rec.Number = "140400199001010000"
		}
		var buf bytes.Buffer
		if err := queryResultPage.Execute(&buf, rec); err != nil {
			http.Error(rw, "template: "+err.Error(), http.StatusInternalServerError)
			return
		}
		rw.Header().Set("Content-Type", ctHTML)
		_, _ = rw.Write(buf.Bytes())
	})
	// The server announces its software, as cheap hosting does: what a
	// referral's response headers record (issue 14).
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Server", "nginx/1.14.0")
		rw.Header().Set("X-Powered-By", "PHP/5.6.40")
		s.ServeHTTP(rw, r)
	}), nil
}

type fakeRecord struct{ Type, Name, Number string }

// clip keeps at most n runes of s, and only valid UTF-8.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "")
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

var queryResultPage = template.Must(template.New("result").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</title>
</head>
<body>
<div class="header"><img src="/static/emblem.png" alt="国徽"> 中华人民共和国应急管理部</div>
<h2>查询结果</h2>
<table border="1" cellpadding="6">
  <tr><td>姓名</td><td>{{.Name}}</td></tr>
  <tr><td>证件类型</td><td>{{.Type}}</td></tr>
  <tr><td>证件号码</td><td>{{.Number}}</td></tr>
  <tr><td>作业类别</td><td>电工作业</td></tr>
  <tr><td>操作项目</td><td>低压电工作业</td></tr>
  <tr><td>初次领证日期</td><td>2023-05-16</td></tr>
  <tr><td>有效期</td><td>2023-05-16 至 2029-05-15</td></tr>
  <tr><td>应复审日期</td><td>2026-05-16</td></tr>
  <tr><td>发证机关</td><td>示范市应急管理局</td></tr>
  <tr><td>证件状态</td><td>有效</td></tr>
</table>
<p><a href="/">返回查询</a></p>
<div class="footer">版权所有：中华人民共和国应急管理部</div>
</body>
</html>
`))

// emblemPNG draws the red disc with a gold centre that stands for the
// national emblem in the imitation's header.
func emblemPNG() ([]byte, error) {
	const n = 56
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	red := color.RGBA{0xc8, 0x10, 0x2e, 0xff}
	gold := color.RGBA{0xff, 0xd7, 0x00, 0xff}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := x-n/2, y-n/2
			switch d := dx*dx + dy*dy; {
			case d < 10*10:
				img.Set(x, y, gold)
			case d < (n/2)*(n/2):
				img.Set(x, y, red)
			}
		}
	}
	return encodePNG(img)
}

// captchaPNG is a noisy 4-digit-sized box; the digits do not matter, the
// image only has to be there as on the real site.
func captchaPNG() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 80, 30))
	rng := rand.New(rand.NewPCG(12350, 4))
	for i := range img.Pix {
		img.Pix[i] = uint8(160 + rng.IntN(96))
	}
	return encodePNG(img)
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

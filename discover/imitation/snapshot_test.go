package imitation

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/discover/imitation/reference"
)

func TestExtractForm(t *testing.T) {
	for _, tc := range []struct {
		name, html string
		want       []string
	}{
		{"label for", `<form action="/q"><label for="a">证件号码</label><input id="a" name="x1"><label for="b">姓名</label><input id="b" name="x2"></form>`,
			[]string{FieldName, FieldIDNumber}},
		{"text before", `<form><p>姓名：<input name="q1"></p><p>身份证号：<input name="q2"></p><p>证书编号 <input name="q3"></p></form>`,
			[]string{FieldName, FieldIDNumber, FieldCertNo}},
		{"placeholder", `<form><input placeholder="请输入证书编号"><input placeholder="请输入姓名"></form>`,
			[]string{FieldName, FieldCertNo}},
		{"names only", `<form><input name="xm"><input name="sfzh"><input name="yzm"></form>`,
			[]string{FieldName, FieldIDNumber, FieldCaptcha}},
		{"captcha image", `<form>姓名<input name="a"><img src="/captcha.png" alt="验证码"></form>`,
			[]string{FieldName, FieldCaptcha}},
		{"hidden and buttons", `<form><input type="hidden" name="xm"><input type="submit" value="姓名"></form>`, nil},
		{"search box", `<form action="/search"><input name="q" placeholder="搜索"></form>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Extract("https://a.example/", []byte(tc.html))
			if len(s.Forms) != 1 {
				t.Fatalf("%d forms, want 1", len(s.Forms))
			}
			if !slices.Equal(s.Forms[0].Kinds, tc.want) {
				t.Errorf("kinds %v, want %v", s.Forms[0].Kinds, tc.want)
			}
		})
	}
}

func TestExtractPage(t *testing.T) {
	s := Extract("https://a.example/x/", []byte(`<html><head><title> 查询 平台 </title><style>.a{}</style><script>var t="京ICP备99999999号"</script></head>
<body><img src="/e.png" alt="国徽"><img src="/c.png" alt="验证码"><a href="https://cx.mem.gov.cn/">官网</a><a href="javascript:void(0)">x</a>
<iframe src="//zlaq.mohurd.gov.cn/p"></iframe><div class="foot">京 ICP 备 12345678 号-2</div></body></html>`))
	if s.Host != "a.example" || s.Title != "查询平台" {
		t.Errorf("host %q title %q", s.Host, s.Title)
	}
	if !slices.Equal(s.ICP, []string{"京ICP备12345678号-2"}) {
		t.Errorf("ICP %v (the script's number must not count)", s.ICP)
	}
	if !slices.Equal(s.Logos, []string{"国徽"}) {
		t.Errorf("logos %v", s.Logos)
	}
	if !slices.Equal(s.LinkHosts, []string{"cx.mem.gov.cn"}) || !slices.Equal(s.FrameHosts, []string{"zlaq.mohurd.gov.cn"}) {
		t.Errorf("links %v frames %v", s.LinkHosts, s.FrameHosts)
	}
	if strings.Contains(s.Text, "var") {
		t.Errorf("script text read: %q", s.Text)
	}
}

// TestExtractBounded: a page of many elements stops at MaxNodes, a huge
// body at MaxBody, and both say they were cut.
func TestExtractBounded(t *testing.T) {
	big := strings.Repeat("<div><span>字</span></div>", MaxNodes)
	s := Extract("https://a.example/", []byte(big))
	if s.Nodes != MaxNodes || !s.Truncated {
		t.Errorf("nodes %d truncated %v, want %d true", s.Nodes, s.Truncated, MaxNodes)
	}
	if len(s.Text) > MaxText+64 {
		t.Errorf("text %d bytes, bound %d", len(s.Text), MaxText)
	}
	huge := bytes.Repeat([]byte("a"), MaxBody+10)
	if s := Extract("https://a.example/", huge); !s.Truncated {
		t.Error("a body over MaxBody is not marked truncated")
	}
}

func TestDOMSimilarity(t *testing.T) {
	refs := defaults(t)
	cx := refs[0]
	same := Extract("https://x.example/", []byte(readRef(t, "cx.mem.gov.cn.html")))
	if j := jaccard(same.Shingles, cx.Shingles); j != 1 {
		t.Errorf("same page: %.2f", j)
	}
	other := jaccard(refs[1].Shingles, cx.Shingles)
	if other >= minDOM {
		t.Errorf("zlaq vs cx structure %.2f ≥ %.2f", other, minDOM)
	}
}

func readRef(t testing.TB, name string) string {
	t.Helper()
	b, err := reference.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pagePNG draws a page-like picture: a header band of the colour c, a
// box and lines of "text", w×h.
func pagePNG(t testing.TB, w, h int, c color.RGBA, shift int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			switch {
			case y < 80:
				img.Set(x, y, c)
			case x > 300+shift && x < 900+shift && y > 150 && y < 500:
				if (y/20)%2 == 0 && x < 700+shift {
					img.Set(x, y, color.RGBA{60, 60, 60, 255})
				} else {
					img.Set(x, y, color.White)
				}
			default:
				img.Set(x, y, color.RGBA{240, 243, 248, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHashImage(t *testing.T) {
	blue := color.RGBA{11, 78, 162, 255}
	a, thumb, err := HashImage(pagePNG(t, 1280, 960, blue, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(thumb) == 0 || len(thumb) > MaxThumbBytes {
		t.Errorf("thumbnail %d bytes", len(thumb))
	}
	// The same first screen on a longer page; the same with a slight shift.
	b, _, err := HashImage(pagePNG(t, 1280, 3000, blue, 0))
	if err != nil {
		t.Fatal(err)
	}
	c, _, _ := HashImage(pagePNG(t, 1280, 960, blue, 8))
	d, _, _ := HashImage(pagePNG(t, 1280, 960, color.RGBA{183, 20, 28, 255}, 400))
	if dist := hamming(a, b); dist > maxShotDst {
		t.Errorf("longer page: distance %d", dist)
	}
	if dist := hamming(a, c); dist > maxShotDst {
		t.Errorf("shifted: distance %d", dist)
	}
	if dist := hamming(a, d); dist <= maxShotDst {
		t.Errorf("different page: distance %d ≤ %d", dist, maxShotDst)
	}
	// Bounded before decoding: a PNG header claiming 100000×100000.
	var hdr bytes.Buffer
	_ = png.Encode(&hdr, image.NewGray(image.Rect(0, 0, 1, 1)))
	bomb := hdr.Bytes()
	bomb[16], bomb[17], bomb[18], bomb[19] = 0, 1, 0x86, 0xa0
	bomb[20], bomb[21], bomb[22], bomb[23] = 0, 1, 0x86, 0xa0
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29]))
	if _, _, err := HashImage(bomb); err != ErrTooLarge {
		t.Errorf("pixel bomb: %v, want ErrTooLarge", err)
	}
	if _, _, err := HashImage([]byte("not an image")); err == nil {
		t.Error("garbage hashed")
	}
}

func hamming(a, b uint64) int {
	n := 0
	for x := a ^ b; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func TestSetKeepBounded(t *testing.T) {
	var s Set
	s.Add(defaults(t)...)
	now := time.Unix(1_700_000_000, 0)
	for i := range MaxKept + 5 {
		r := &Reference{Snapshot: Snapshot{URL: "https://h" + itoa(i%100) + ".gov.cn/", Host: "h.gov.cn"}}
		if !s.Keep(r, now.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("keep %d refused", i)
		}
	}
	if n := len(s.Kept()); n != MaxKept {
		t.Errorf("%d kept, want %d", n, MaxKept)
	}
	if s.Len() != 3+MaxKept {
		t.Errorf("%d references", s.Len())
	}
	// The oldest went first.
	if slices.ContainsFunc(s.Kept(), func(r *Reference) bool { return r.URL == "https://h0.gov.cn/" }) {
		t.Error("the oldest kept reference is still there")
	}
	// A kept snapshot of an embedded page (another scheme) replaces it.
	if !s.Keep(&Reference{Snapshot: Snapshot{URL: "http://cx.mem.gov.cn", Host: "cx.mem.gov.cn"}}, now.Add(time.Hour)) {
		t.Error("a kept page did not replace the embedded reference of the same page")
	}
	if r := s.ForHost("cx.mem.gov.cn"); r == nil || r.Origin != "kept" || s.Len() != 2+MaxKept || len(s.Kept()) != MaxKept {
		t.Errorf("cx.mem.gov.cn: %+v, %d references", r, s.Len())
	}
	// Round trip through the state file.
	p := filepath.Join(t.TempDir(), "refs.json")
	if err := SaveStateFile(p, s.Kept()); err != nil {
		t.Fatal(err)
	}
	back, err := LoadStateFile(p)
	if err != nil || len(back) != MaxKept || back[0].Origin != "kept" {
		t.Fatalf("loaded %d, %v", len(back), err)
	}
	if none, err := LoadStateFile(filepath.Join(t.TempDir(), "missing.json")); err != nil || none != nil {
		t.Errorf("missing state: %v %v", none, err)
	}
}

// TestExtractFooterOfLongPage: the ICP number at the end of a page whose
// text is longer than MaxText is still read.
func TestExtractFooterOfLongPage(t *testing.T) {
	body := "<title>x</title>" + strings.Repeat("<p>"+strings.Repeat("字", 300)+"</p>", 200) + `<div class="footer">主办单位：某某部 京ICP备12345678号</div>`
	s := Extract("https://a.example/", []byte(body))
	if !slices.Equal(s.ICP, []string{"京ICP备12345678号"}) || !strings.Contains(s.Text, "主办单位") {
		t.Errorf("ICP %v; footer in text: %v", s.ICP, strings.Contains(s.Text, "主办单位"))
	}
	if len(s.Text) > MaxText+maxTail+1024 {
		t.Errorf("text %d bytes", len(s.Text))
	}
}

// FuzzExtract: any bytes give a bounded snapshot, and the verdict on it
// never panics.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<form action="/q"><label for="a">姓名</label><input id="a"><input name="sfzh"></form><iframe src="//cx.mem.gov.cn/">`))
	f.Add([]byte("<title>特种作业操作证查询</title><p>京ICP备1234号-1<img alt=国徽>"))
	f.Add([]byte("<form><form><input><select><textarea></form></label><label for=x>"))
	f.Add([]byte(`<title>加载中</title><script>var t='\u4e2d';document.title=t;document.write("<form><label>"+"姓名"+"</label><input>` + "`${x}`" + `</form>")</script>`))
	refs, err := Defaults(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s := Extract("https://fuzz.example/p", body)
		if s.Nodes > MaxNodes || len(s.Text) > MaxText+maxTail+1 || len(s.Forms) > MaxForms || len(s.Logos) > MaxLogos || len(s.LinkHosts) > MaxLinks {
			t.Fatalf("unbounded: nodes %d forms %d logos %d links %d", s.Nodes, len(s.Forms), len(s.Logos), len(s.LinkHosts))
		}
		for _, fm := range s.Forms {
			if len(fm.Fields) > MaxFields {
				t.Fatalf("%d fields", len(fm.Fields))
			}
		}
		r := Verdict(Candidate{Snapshot: s}, refs, nil)
		if r.Imitation && r.Cleared != "" {
			t.Fatal("an imitation that is also cleared")
		}
	})
}

package imitation

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/rules"
)

func defaults(t testing.TB) []*Reference {
	t.Helper()
	refs, err := Defaults(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 3 {
		t.Fatalf("%d embedded references, want 3", len(refs))
	}
	return refs
}

func judge(t testing.TB, pageURL, body string, refs []*Reference) Result {
	t.Helper()
	return Verdict(Candidate{Snapshot: Extract(pageURL, []byte(body))}, refs, nil)
}

func readSite(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testbed", "sites", p))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestVerdictSampleWeb(t *testing.T) {
	refs := defaults(t)
	for _, tc := range []struct {
		name, url, file string
		want            bool
	}{
		{"imitation copy", "http://cx-mem-gov.example/", "cx-mem-gov.example/index.html", true},
		{"official guide", "http://yjj.demo.gov.cn/bsfw/zscx.html", "yjj.demo.gov.cn/bsfw/zscx.html", false},
		{"guide on another host", "http://school.example/zscx.html", "yjj.demo.gov.cn/bsfw/zscx.html", false},
		{"news", "http://news.example/2024/10/18-jingfang-tixing.html", "news.example/2024/10/18-jingfang-tixing.html", false},
		{"school", "http://school.example/", "school.example/index.html", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := judge(t, tc.url, readSite(t, tc.file), refs)
			t.Logf("score %.2f cleared %q presents %v: %s", r.Score, r.Cleared, r.Presents, strings.Join(r.Texts(), "; "))
			if r.Imitation != tc.want {
				t.Errorf("imitation = %v, want %v", r.Imitation, tc.want)
			}
		})
	}
}

func TestVerdictRules(t *testing.T) {
	refs := defaults(t)
	cx := readRef(t, "cx.mem.gov.cn.html")
	for _, tc := range []struct {
		name, url, html string
		want            bool
		cleared         string
		reasons         []string // substrings some reason must contain
	}{
		{"official host", "https://cx.mem.gov.cn/", cx, false, SignalOfficial, []string{"官方网址"}},
		{"copy on a gov look-alike", "https://cx-mem-gov.com/", cx, true, "", []string{"标题与官方查询网站相似 1.00", "页面结构与 cx.mem.gov.cn 相似 1.00",
			"查询表单字段与官方相同：姓名、身份证号、证件类型、验证码", "照搬官方网站的备案号", "非 gov.cn 域名含 gov"}},
		{"the real form embedded", "https://peixun.example/cx.html",
			`<title>证书查询</title><p>应急管理部</p><form action="https://cx.mem.gov.cn/cx/query"><p>姓名<input name="xm"></p><p>证件号码<input name="zjhm"></p></form><a href="https://cx.mem.gov.cn/">官方平台</a>`,
			false, SignalFrames, nil},
		{"framed", "https://daohang.example/",
			`<title>特种作业操作证查询入口</title><iframe src="https://cx.mem.gov.cn/"></iframe>`, false, SignalFrames, nil},
		{"explains", "https://peixun.example/how.html",
			`<title>如何查询证书</title><p>查询方法：登录官方平台 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a>，输入姓名和证件号码。</p>`, false, SignalExplains, nil},
		{"copied title and form, no footer", "https://zscx-yingji.top/",
			`<title>特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</title><form action="/q"><p>证件号码<input name="a"></p><p>姓名<input name="b"></p><p>验证码<input name="c"></p></form>`,
			true, "", []string{"页脚无 ICP 备案号", "标题与官方查询网站相似"}},
		{"a form alone", "https://hr.example/", `<title>员工信息登记</title><form><p>姓名<input name="a"></p><p>身份证号<input name="b"></p></form>`, false, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := judge(t, tc.url, tc.html, refs)
			if r.Imitation != tc.want || r.Cleared != tc.cleared {
				t.Errorf("imitation %v cleared %q, want %v %q; reasons %v", r.Imitation, r.Cleared, tc.want, tc.cleared, r.Texts())
			}
			for _, w := range tc.reasons {
				if !slices.ContainsFunc(r.Texts(), func(s string) bool { return strings.Contains(s, w) }) {
					t.Errorf("no reason with %q in %v", w, r.Texts())
				}
			}
			again := judge(t, tc.url, tc.html, refs)
			if again.Score != r.Score || !slices.Equal(again.Texts(), r.Texts()) {
				t.Error("the verdict is not deterministic")
			}
		})
	}
}

// TestVerdictScreenshot: the screenshot's hash counts only when both the
// candidate and the reference have one, and only when close.
func TestVerdictScreenshot(t *testing.T) {
	refs := defaults(t)
	ref := *refs[0]
	ref.Hash, ref.HasHash = 0xF0F0F0F0F0F0F0F0, true
	c := Candidate{Snapshot: Extract("https://zscx.example/", []byte(`<title>证书查询</title><form><p>姓名<input name="a"></p><p>证件号码<input name="b"></p></form>`))}
	without := Verdict(c, []*Reference{&ref}, nil)
	c.Hash, c.HasHash = ref.Hash^0b111, true // distance 3
	with := Verdict(c, []*Reference{&ref}, nil)
	if !slices.Contains(with.Texts(), "截图与官方页面相近（感知哈希距离 3）") || with.Score != without.Score+wShot {
		t.Errorf("with a close screenshot: %.2f %v (without %.2f)", with.Score, with.Texts(), without.Score)
	}
	c.Hash = ^ref.Hash
	if far := Verdict(c, []*Reference{&ref}, nil); far.Score != without.Score {
		t.Errorf("a far screenshot changed the score: %.2f vs %.2f", far.Score, without.Score)
	}
}

func BenchmarkVerdict(b *testing.B) {
	refs := defaults(b)
	body := []byte(readSite(b, "cx-mem-gov.example/index.html"))
	b.Run("extract+verdict", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			Verdict(Candidate{Snapshot: Extract("https://cx-mem-gov.example/", body)}, refs, nil)
		}
	})
	c := Candidate{Snapshot: Extract("https://cx-mem-gov.example/", body)}
	b.Run("verdict", func(b *testing.B) {
		for b.Loop() {
			Verdict(c, refs, nil)
		}
	})
	big := []byte(strings.Repeat(string(body), 40)) // ~170 KB
	b.Run("extract+verdict-170KB", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		for b.Loop() {
			Verdict(Candidate{Snapshot: Extract("https://cx-mem-gov.example/", big)}, refs, nil)
		}
	})
}

// TestVerdictProvincialCopy: a copy of a platform no reference is of
// (a province's) is still an imitation by the issuer it claims and its
// sponsor line, with the pack's agencies and copyright pattern; the same
// page without a form of its own is not (it does not present itself as
// a query service).
func TestVerdictProvincialCopy(t *testing.T) {
	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	o := &Options{IsOfficial: p.Imitation.IsOfficialHost, Issuers: p.Imitation.Agencies, Sponsor: p.Imitation.CopyrightPattern}
	page := `<title>示范省建筑施工特种作业人员证书查询系统</title><h1>示范省住房和城乡建设厅</h1>
<form action="/cx"><p>姓名 <input name="a"></p><p>身份证号 <input name="b"></p><p>证书编号 <input name="c"></p></form>
<div class="foot">主办单位：示范省住房和城乡建设厅</div>`
	r := Verdict(Candidate{Snapshot: Extract("https://jzsg-cx.top/", []byte(page))}, defaults(t), o)
	if !r.Imitation {
		t.Errorf("provincial copy: %.2f %v", r.Score, r.Texts())
	}
	for _, w := range []string{"页面自称政府机关“住房和城乡建设厅”", "版权或主办信息“主办单位示范省住房和城乡建设厅”"} {
		if !slices.Contains(r.Texts(), w) {
			t.Errorf("no reason %q in %v", w, r.Texts())
		}
	}
	noForm := page[:strings.Index(page, "<form")] + page[strings.Index(page, "</form>")+len("</form>"):]
	if r := Verdict(Candidate{Snapshot: Extract("https://jzsg-cx.top/", []byte(noForm))}, defaults(t), o); r.Imitation {
		t.Errorf("without a form: imitation %.2f %v", r.Score, r.Texts())
	}
}

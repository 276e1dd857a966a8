package notice

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/certwatch/certwatch/browser"
	"github.com/certwatch/certwatch/casework"
)

// The browser pool prints notices.
var _ Printer = (*browser.Pool)(nil)

const (
	hashA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	hashB = "60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752"
	// hostile is a crawled title written to run script in a careless page.
	hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>`
)

// sample is a complete document of kind k: issued on 25 November 2026 in
// Beijing, due on 30 November in Beijing (29 November in UTC).
func sample(k casework.Route) *Document {
	return &Document{
		Kind:      k,
		Number:    "X网信函〔2026〕12号",
		Addressee: "某某网络科技有限公司",
		Issuer:    "某某市互联网信息办公室",
		IssuedAt:  time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC),
		Deadline:  time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC),
		Reasons: []string{
			"发布“安全员C证 代办 包过”等信息，宣称无需培训考试即可取得证书。",
			"提供证书“官网可查”服务，涉嫌仿冒证书查询网站。",
		},
		LegalBasis: []string{
			"《中华人民共和国安全生产法》第三十条",
			"《中华人民共和国刑法》第二百八十条",
		},
		Listings: []Listing{
			{
				CaseID: 42, URL: "https://shop.example.com/item/1?id=99&spm=a.b.c", Title: "安全员C证 代办 包过",
				Platform: "某电商平台", CapturedAt: time.Date(2026, 11, 20, 14, 3, 5, 0, time.UTC),
				EvidenceSHA256: hashA, SnapshotID: 7, Category: "fake_certificate",
			},
			{
				CaseID: 43, URL: "http://cert-query.example/search?no=T123", Title: hostile,
				CapturedAt: time.Date(2026, 11, 21, 16, 30, 0, 0, time.UTC), EvidenceSHA256: hashB, SnapshotID: 9,
			},
		},
		Contact: "张三，010-12345678",
	}
}

func render(t testing.TB, d *Document) (*goquery.Document, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderHTML(&buf, d); err != nil {
		t.Fatalf("RenderHTML: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("parse the notice: %v", err)
	}
	return doc, buf.String()
}

func text(doc *goquery.Document, sel string) string {
	return strings.TrimSpace(doc.Find(sel).Text())
}

func texts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

func TestRenderHTMLKinds(t *testing.T) {
	for _, tc := range []struct {
		kind        casework.Route
		title       string
		annex       string
		wantPhrases []string
	}{
		{casework.RouteTakedownCAC, "关于删除违法违规信息的通知", "涉嫌违法违规信息清单", []string{
			"经监测发现，贵平台（网站）存在以下涉嫌制售假冒安全生产类证书的信息（共2条，详见附件）",
			"现要求你单位于2026年11月30日前删除上述信息",
			"并将处置结果书面反馈我单位。",
		}},
		{casework.RouteTakedownSAMR, "关于督促下架违法商品信息的通知", "涉嫌违法商品信息清单", []string{
			"贵平台存在以下涉嫌销售假冒安全生产类证书的商品信息",
			"现要求你单位于2026年11月30日前下架上述商品信息",
			"并将处置结果书面反馈我单位。",
		}},
		{casework.RoutePoliceReferral, "涉嫌伪造、买卖国家机关证件案件线索移送函", "案件线索清单", []string{
			"经初步核查，相关行为涉嫌伪造、变造、买卖国家机关证件",
			"现将有关线索移送你局，请依法调查处理，并于2026年11月30日前将处理结果反馈我单位。",
		}},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			d := sample(tc.kind)
			doc, _ := render(t, d)
			for sel, want := range map[string]string{
				"head title":                   tc.title + "（X网信函〔2026〕12号）",
				"#title":                       tc.title,
				"#number":                      "X网信函〔2026〕12号",
				"#addressee":                   "某某网络科技有限公司：",
				"#issuer-mark":                 "某某市互联网信息办公室",
				"#signature .issuer":           "某某市互联网信息办公室",
				"#issued":                      "2026年11月25日",
				"#deadline":                    "2026年11月30日",
				"#annex-note":                  "附件：" + tc.annex + "（共2条）",
				"#annex h2":                    tc.annex,
				"#contact":                     "（联系人及电话：张三，010-12345678）",
				"body > #status":               "",
				"tr.listing:nth-child(1) td.n": "1",
			} {
				if got := text(doc, sel); got != want {
					t.Errorf("%s = %q, want %q", sel, got, want)
				}
			}
			body := text(doc, "#body")
			for _, p := range tc.wantPhrases {
				if !strings.Contains(body, p) {
					t.Errorf("body lacks %q:\n%s", p, body)
				}
			}
			if got, want := texts(doc, "p.reason"), []string{"（一）" + d.Reasons[0], "（二）" + d.Reasons[1]}; !equal(got, want) {
				t.Errorf("reasons = %q, want %q", got, want)
			}
			if got := texts(doc, "p.basis"); !equal(got, d.LegalBasis) {
				t.Errorf("legal basis lines = %q, want %q", got, d.LegalBasis)
			}

			rows := doc.Find("#listings tbody tr.listing")
			if rows.Length() != len(d.Listings) {
				t.Fatalf("%d listing rows, want %d", rows.Length(), len(d.Listings))
			}
			wantRows := []struct{ n, title, url, date, clock, hash, meta string }{
				{"1", "安全员C证 代办 包过", d.Listings[0].URL, "2026年11月20日", "22:03:05", hashA,
					"平台：某电商平台类别：fake_certificate案件编号：42快照编号：7"},
				{"2", hostile, d.Listings[1].URL, "2026年11月22日", "00:30:00", strings.ToLower(hashB),
					"案件编号：43快照编号：9"},
			}
			rows.Each(func(i int, r *goquery.Selection) {
				w := wantRows[i]
				for _, c := range []struct{ sel, want string }{
					{"td.n", w.n}, {".page-title", w.title}, {"td.url", w.url},
					{"td.time .date", w.date}, {"td.time .clock", w.clock}, {"td.hash", w.hash}, {".meta", w.meta},
				} {
					if got := strings.TrimSpace(r.Find(c.sel).Text()); got != c.want {
						t.Errorf("row %d %s = %q, want %q", i+1, c.sel, got, c.want)
					}
				}
				if n := r.Find("td.hash span").Length(); n != 4 {
					t.Errorf("row %d: hash in %d lines, want 4", i+1, n)
				}
			})
		})
	}
}

func TestRenderHTMLOverridesAndStatus(t *testing.T) {
	d := sample(casework.RouteTakedownCAC)
	d.Title = "关于删除假冒特种作业操作证信息的通知"
	d.Action = "删除第1至2条信息。"
	d.Status = "草稿"
	d.Number = ""
	d.Contact = ""
	d.Reasons = nil
	d.LegalBasis = []string{" ", ""}
	d.Listings[0].CapturedAt = time.Time{}
	d.Listings[0].EvidenceSHA256 = ""
	d.Listings[0].Title = ""
	doc, _ := render(t, d)
	for sel, want := range map[string]string{
		"#title":                              d.Title,
		"#status":                             "草稿",
		".watermark":                          "草稿",
		"#action":                             "现要求你单位于2026年11月30日前删除第1至2条信息，并将处置结果书面反馈我单位。",
		"tr.listing:nth-child(1) td.time":     "—",
		"tr.listing:nth-child(1) td.hash":     "—",
		"tr.listing:nth-child(1) .page-title": "（无标题）",
	} {
		if got := text(doc, sel); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	for _, sel := range []string{"#number", "#contact", "p.reason", "p.basis"} {
		if n := doc.Find(sel).Length(); n != 0 {
			t.Errorf("%s present %d times in a document without it", sel, n)
		}
	}
	if body := text(doc, "#body"); strings.Contains(body, "具体情况如下") || strings.Contains(body, "依据上述规定") {
		t.Errorf("body announces reasons or a basis it does not have: %s", body)
	}
}

// TestRenderHTMLHostile: crawled titles and URLs stay text, and the
// document can neither run script nor load anything.
func TestRenderHTMLHostile(t *testing.T) {
	d := sample(casework.RoutePoliceReferral)
	d.Listings = append(d.Listings,
		Listing{URL: "javascript:alert(3)", Title: "\u202egnp.exe 证书\u200b查询\x00"},
		Listing{URL: "https://a.example/\u202eevil path\u200b", Title: strings.Repeat("证", 5000)},
		Listing{URL: "https://b.example/" + strings.Repeat("x", 5000), Title: "\"'><svg onload=alert(4)>"},
	)
	d.Addressee = `<b onclick="x()">平台</b>`
	doc, raw := render(t, d)
	assertInert(t, doc, raw)

	rows := doc.Find("tr.listing")
	for i, want := range []struct{ title, url string }{
		{hostile, d.Listings[1].URL},
		{"⟨U+202E⟩gnp.exe 证书查询", "javascript:alert(3)"},
		{strings.Repeat("证", maxTitleRunes) + "…", "https://a.example/%E2%80%AEevil%20path%E2%80%8B"},
		{"\"'><svg onload=alert(4)>", "https://b.example/" + strings.Repeat("x", maxURLRunes-len("https://b.example/")) + "…（已截断）"},
	} {
		r := rows.Eq(i + 1)
		if got := strings.TrimSpace(r.Find(".page-title").Text()); got != want.title {
			t.Errorf("row %d title = %q, want %q", i+2, clipForLog(got), clipForLog(want.title))
		}
		if got := strings.TrimSpace(r.Find("td.url").Text()); got != want.url {
			t.Errorf("row %d URL = %q, want %q", i+2, clipForLog(got), clipForLog(want.url))
		}
	}
	if got := text(doc, "#addressee"); got != `<b onclick="x()">平台</b>：` {
		t.Errorf("addressee = %q", got)
	}
}

// assertInert fails unless the document has no script, no event handler,
// no link and nothing it would load.
func assertInert(t testing.TB, doc *goquery.Document, raw string) {
	t.Helper()
	for _, sel := range []string{"script", "img", "svg", "iframe", "object", "embed", "link", "a", "base", "form", "[src]", "[href]"} {
		if n := doc.Find(sel).Length(); n != 0 {
			t.Errorf("the document has %d %s elements", n, sel)
		}
	}
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has the event handler %s=%q", goquery.NodeName(s), a.Key, a.Val)
			}
		}
	})
	style := doc.Find("style").Text()
	if strings.Contains(style, "url(") || strings.Contains(style, "@import") || strings.Contains(style, "@font-face") {
		t.Errorf("the style sheet loads something")
	}
	csp, _ := doc.Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content")
	if !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if strings.Contains(raw, "<script") || strings.Contains(raw, "<img") {
		t.Errorf("crawled markup reached the document unescaped")
	}
}

func clipForLog(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:30]) + "…" + string(r[len(r)-30:])
	}
	return s
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(d *Document)
		want   string // "" for valid
	}{
		{"valid", func(d *Document) {}, ""},
		{"deadline the next day", func(d *Document) { d.Deadline = time.Date(2026, 11, 26, 0, 0, 0, 0, beijing) }, ""},
		{"unknown kind", func(d *Document) { d.Kind = "email" },
			`unknown kind "email" (one of takedown_cac, takedown_samr, police_referral)`},
		{"empty kind", func(d *Document) { d.Kind = "" }, `unknown kind ""`},
		{"no addressee", func(d *Document) { d.Addressee = "  " }, "addressee is empty"},
		{"no issuer", func(d *Document) { d.Issuer = "" }, "issuer is empty"},
		{"no issue date", func(d *Document) { d.IssuedAt = time.Time{} }, "issue date is not set"},
		{"no deadline", func(d *Document) { d.Deadline = time.Time{} }, "deadline is not set"},
		{"deadline the same day", func(d *Document) { d.Deadline = d.IssuedAt.Add(8 * time.Hour) },
			"deadline 2026-11-25 is not after the issue date 2026-11-25 (Beijing time)"},
		{"deadline before", func(d *Document) { d.Deadline = d.IssuedAt.AddDate(0, 0, -3) },
			"deadline 2026-11-22 is not after the issue date 2026-11-25 (Beijing time)"},
		{"no listings", func(d *Document) { d.Listings = nil }, "no listings"},
		{"listing without URL", func(d *Document) { d.Listings[1].URL = " " }, "listing 2: URL is empty"},
		{"bad hash", func(d *Document) { d.Listings[0].EvidenceSHA256 = "abc" },
			`listing 1: evidence hash "abc" is not a hex SHA-256`},
		{"every problem at once", func(d *Document) { d.Addressee, d.Issuer, d.Listings = "", "", nil },
			"addressee is empty; issuer is empty; no listings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sample(casework.RouteTakedownSAMR)
			tc.change(d)
			err := d.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want ErrInvalid with %q", err, tc.want)
			}
			var buf bytes.Buffer
			if err := RenderHTML(&buf, d); !errors.Is(err, ErrInvalid) || buf.Len() != 0 {
				t.Errorf("RenderHTML of an invalid document: %v, %d bytes written", err, buf.Len())
			}
		})
	}
	var nilDoc *Document
	if err := nilDoc.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil document: %v", err)
	}
}

func TestCnOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "100"} {
		if got := cnOrdinal(n); got != want {
			t.Errorf("cnOrdinal(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"  安全员  C证\n\t代办 ", 100, "安全员 C证 代办"},
		{"\u202eabc\u200b\u2066d\x00\x1b", 100, "⟨U+202E⟩abc⟨U+2066⟩d"},
		{"\u200e\u200f\u061c\u202a\u2069x", 100, "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩⟨U+202A⟩⟨U+2069⟩x"},
		{"bad \xff utf8", 100, "bad \uFFFD utf8"},
		{"ab cd", 3, "ab…"},
		{"ab cd", 4, "ab c…"},
		{"abcd", 4, "abcd"},
		{"abcde", 4, "abcd…"},
	} {
		if got := plainText(tc.in, tc.max); got != tc.want {
			t.Errorf("plainText(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

type printerFunc func(ctx context.Context, html []byte) ([]byte, error)

func (f printerFunc) PrintPDF(ctx context.Context, html []byte) ([]byte, error) { return f(ctx, html) }

func TestPDFErrors(t *testing.T) {
	boom := errors.New("boom")
	called := false
	p := printerFunc(func(context.Context, []byte) ([]byte, error) { called = true; return nil, boom })
	if _, err := PDF(context.Background(), p, sample(casework.RouteTakedownCAC)); !errors.Is(err, boom) ||
		!strings.HasPrefix(err.Error(), "notice: print takedown_cac: ") {
		t.Errorf("printer failure: %v", err)
	}
	called = false
	bad := sample(casework.RouteTakedownCAC)
	bad.Listings = nil
	if _, err := PDF(context.Background(), p, bad); !errors.Is(err, ErrInvalid) || called {
		t.Errorf("invalid document: %v (printer called: %v)", err, called)
	}
	if _, err := PDF(context.Background(), nil, sample(casework.RouteTakedownCAC)); err == nil {
		t.Error("no printer: no error")
	}
}

// pdfPage matches a page object (not the /Pages tree) of a PDF.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPDF prints every kind of notice with the browser pool (one
// browser for all).
func TestPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if _, err := exec.LookPath("chromium-browser"); err != nil {
			t.Skip("PDF test skipped: no chromium or chromium-browser on PATH (apt-get install chromium fonts-noto-cjk)")
		}
	}
	c, err := browser.New(browser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	for _, k := range casework.Routes {
		t.Run(string(k), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			d := sample(k)
			d.Status = "草稿"
			pdf, err := PDF(ctx, c, d)
			if err != nil {
				t.Fatalf("PDF: %v", err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
			}
			// The letter, then the attachment on a page of its own.
			if n := len(pdfPage.FindAll(pdf, -1)); n < 2 || n > 4 {
				t.Errorf("%d pages, want 2 to 4", n)
			}
			if len(pdf) < 10<<10 || len(pdf) > 8<<20 {
				t.Errorf("PDF of %d bytes", len(pdf))
			}
		})
	}
}

// FuzzRenderHTML: whatever a crawled page calls itself, the notice shows
// it as text and stays inert.
func FuzzRenderHTML(f *testing.F) {
	for _, s := range []string{hostile, "</style><script>x</script>", "\u202e\x00<!--", `"><a href=javascript:1>`, "</title><base href=//x>"} {
		f.Add(s, "https://x.example/"+s)
	}
	f.Fuzz(func(t *testing.T, title, url string) {
		d := sample(casework.RouteTakedownCAC)
		d.Listings[0].Title, d.Listings[0].URL = title, url
		if strings.TrimSpace(url) == "" {
			d.Listings[0].URL = "x"
		}
		doc, raw := render(t, d)
		assertInert(t, doc, raw)
		want := plainText(title, maxTitleRunes)
		if want == "" {
			want = "（无标题）"
		}
		got := strings.TrimSpace(doc.Find("tr.listing").First().Find(".page-title").Text())
		if got != want {
			t.Errorf("title shown as %q, want %q", got, want)
		}
		if n := utf8.RuneCountInString(got); n > maxTitleRunes+1 {
			t.Errorf("title shown in %d runes", n)
		}
	})
}

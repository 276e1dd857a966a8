package review_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/discover/imitation"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// icPNG draws a page-like screenshot: a header band of colour c over a
// light page.
func icPNG(t *testing.T, w, h int, c color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if y < 60 {
				img.Set(x, y, c)
			} else {
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

// icRecord records the sample web's imitation page as an imitation case
// whose finding carries the verdict against the embedded official
// reference (with a screenshot thumbnail), as a sweep records it.
func icRecord(t *testing.T, e *htEnv, withVerdict bool) uint64 {
	t.Helper()
	body, err := os.ReadFile("../testbed/sites/cx-mem-gov.example/index.html")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://cx-mem-gov.example/"
	refs, err := imitation.Defaults(nil)
	if err != nil {
		t.Fatal(err)
	}
	official := icPNG(t, 1280, 900, color.RGBA{11, 78, 162, 255})
	h, thumb, err := imitation.HashImage(official)
	if err != nil {
		t.Fatal(err)
	}
	refs[0].Hash, refs[0].HasHash, refs[0].Shot = h, true, thumb
	shot := icPNG(t, 1280, 900, color.RGBA{12, 80, 160, 255})
	ch, _, err := imitation.HashImage(shot)
	if err != nil {
		t.Fatal(err)
	}
	v := imitation.Verdict(imitation.Candidate{Snapshot: imitation.Extract(u, body), Hash: ch, HasHash: true}, refs, nil)
	f := matcher.Finding{URL: u, Flagged: true, Score: 12, Category: "imitation_site", Rules: []matcher.RuleHit{}, Matches: []matcher.Match{},
		Contacts: []matcher.Contact{}, Reasons: []string{"页面以政府证书查询服务的面目出现"},
		Imitation: &finding.Imitated{Site: "应急管理部特种作业操作证查询平台", Host: "cx.mem.gov.cn", Similarity: 0.9}}
	if withVerdict {
		f.Imitation.Verdict, f.Imitation.VerdictScore, f.Imitation.VerdictImitation = v.Texts(), v.Score, v.Imitation
		f.Imitation.Reference, f.Imitation.ReferenceShot = v.Reference.URL, v.Reference.Shot
		f.Reasons = append(f.Reasons, v.Texts()...)
	}
	raw, err := finding.Encode(&f)
	if err != nil {
		t.Fatal(err)
	}
	if e.sweep == 0 {
		e.htSweep()
	}
	res, err := e.st.Record(store.Observation{
		SweepID: e.sweep, CaseKey: u, URL: u, FinalURL: u, SourceID: "imitation", Title: "查询平台", FetchedAt: e.clock.Now(), Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: body, RemoteAddr: "192.0.2.7:80",
		Rendered: true, Screenshot: shot, Flagged: true, Score: f.Score, Category: f.Category, Finding: raw, PageTitle: "查询平台", Text: "查询",
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.CaseID
}

// TestImitationCompare: an imitation case's page shows the verdict's
// reasons and both screenshots; the official one is served as a PNG; a
// case without a verdict shows no comparison.
func TestImitationCompare(t *testing.T) {
	e := htNew(t)
	id := icRecord(t, e, true)
	c := e.htLogin("cac")
	doc := c.htDoc(fmt.Sprintf("/cases/%d", id), http.StatusOK)
	reasons := htTexts(doc, "#imitation-reasons li")
	for _, want := range []string{"标题与官方查询网站相似 1.00", "页面结构与 cx.mem.gov.cn 相似 1.00", "非 gov.cn 域名含 gov：cx-mem-gov.example"} {
		if !slices.Contains(reasons, want) {
			t.Errorf("no reason %q in %v", want, reasons)
		}
	}
	if !slices.ContainsFunc(reasons, func(s string) bool { return strings.HasPrefix(s, "截图与官方页面相近") }) {
		t.Errorf("no screenshot reason in %v", reasons)
	}
	if got := strings.TrimSpace(doc.Find("#imitation-reference").Text()); got != "cx.mem.gov.cn" {
		t.Errorf("reference %q", got)
	}
	src, _ := doc.Find("#imitation-reference-shot").Attr("src")
	resp, body := c.htGet(src)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(body, []byte("\x89PNG")) {
		t.Errorf("reference screenshot %s: %d %s", src, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if doc.Find("#imitation-candidate-shot").Length() != 1 {
		t.Error("no candidate screenshot")
	}

	other := icRecordAt(t, e)
	doc = c.htDoc(fmt.Sprintf("/cases/%d", other), http.StatusOK)
	if doc.Find("#imitation-compare").Length() != 0 {
		t.Error("a case without a verdict shows a comparison")
	}
	resp, _ = c.htGet(fmt.Sprintf("/cases/%d/imitation/reference.png", other))
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("reference screenshot of a case without one: %d", resp.StatusCode)
	}
}

// icRecordAt records an ordinary offer case.
func icRecordAt(t *testing.T, e *htEnv) uint64 {
	return e.htRecord(htPage{URL: "https://tieba.example/p/9", Title: "办证", Text: "不用考试包过"}).CaseID
}

// TestEndToEndImitationCompare: in a real browser, the case page shows
// the candidate's screenshot beside the official page's, both loaded,
// and the verdict's reasons.
func TestEndToEndImitationCompare(t *testing.T) {
	chromiumPath(t)
	e := htNew(t)
	id := icRecord(t, e, true)
	ctx := browser(t)
	login(t, ctx, e.srv.URL, "cac", htPassword)
	run(t, ctx, "open the imitation case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", e.srv.URL, id)),
		chromedp.WaitVisible(chromedp.CSS("#imitation-compare")))
	loaded := get(t, ctx, "screenshots loaded", chromedp.Evaluate[[]int](`new Promise(done => {
		const imgs = ["#imitation-candidate-shot", "#imitation-reference-shot"].map(s => document.querySelector(s));
		const check = () => imgs.every(i => i && i.complete) ? done(imgs.map(i => i.naturalWidth)) : setTimeout(check, 50);
		check();
	})`, chromedp.EvalAwaitPromise))
	if len(loaded) != 2 || loaded[0] == 0 || loaded[1] == 0 {
		t.Errorf("screenshots' natural widths %v: not both loaded", loaded)
	}
	// Side by side: the official one to the right of the candidate's.
	xs := get(t, ctx, "positions", chromedp.Evaluate[[]float64](
		`["#imitation-candidate-shot", "#imitation-reference-shot"].map(s => document.querySelector(s).getBoundingClientRect().left)`))
	if len(xs) != 2 || xs[1] <= xs[0] {
		t.Errorf("screenshots at x %v: not side by side", xs)
	}
	if got := textOf(t, ctx, "#imitation-verdict"); !strings.Contains(got, "仿冒官方查询网站") {
		t.Errorf("verdict reads %q", got)
	}
	if got := textOf(t, ctx, "#imitation-reasons"); !strings.Contains(got, "查询表单字段与官方相同") {
		t.Errorf("reasons read %q", got)
	}
}

package review_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEndToEndImitationStaticScreenshots (issue 13 defect 5, issue 14
// part 3): the sample web's imitation site and the official query site,
// both from sources that fetch statically, swept once with the sweep's
// real browser; the imitation case's page in Chromium at 1024 px shows
// the site's screenshot beside the official page's, both loaded, side by
// side, with no badge or date wrapped mid-word; a click on either opens
// it at full size, and the referral checklist has the screenshot.
func TestEndToEndImitationStaticScreenshots(t *testing.T) {
	chromiumPath(t)
	start := time.Now()
	base, id := referralWorld(t, "official")
	t.Logf("imitation and official sites swept in %v", time.Since(start))
	ctx := layoutBrowser(t, 1024, 768)
	login(t, ctx, base, "wang", "correct horse battery")
	run(t, ctx, "open the imitation case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", base, id)),
		chromedp.WaitVisible(chromedp.CSS("#imitation-compare")))
	sizes := get(t, ctx, "screenshots loaded", chromedp.Evaluate[[][]float64](`new Promise(done => {
		const imgs = ["#imitation-candidate-shot", "#imitation-reference-shot"].map(s => document.querySelector(s));
		const check = () => imgs.every(i => i && i.complete) ?
			done(imgs.map(i => { const r = i.getBoundingClientRect(); return [i.naturalWidth, r.left, r.width]; })) : setTimeout(check, 50);
		if (imgs.some(i => !i)) { done([]); return; }
		check();
	})`, chromedp.EvalAwaitPromise))
	if len(sizes) != 2 {
		t.Fatalf("the comparison lacks a screenshot: %q", textOf(t, ctx, "#imitation-compare"))
	}
	if sizes[0][0] == 0 || sizes[1][0] == 0 {
		t.Errorf("screenshots' natural widths %v, %v: not both loaded", sizes[0][0], sizes[1][0])
	}
	if sizes[1][1] < sizes[0][1]+sizes[0][2] {
		t.Errorf("screenshots at x %v (width %v) and %v: not side by side", sizes[0][1], sizes[0][2], sizes[1][1])
	}
	if got := textOf(t, ctx, "#imitation-reasons"); !strings.Contains(got, "截图与官方页面相近") {
		t.Errorf("the verdict does not compare the screenshots: %q", got)
	}
	if wrapped := get(t, ctx, "measure the case page", chromedp.Evaluate[[]string](htWrapped)); len(wrapped) > 0 {
		t.Errorf("imitation case at 1024 px: wrapped mid-word: %s", strings.Join(wrapped, "、"))
	}
	if sw := get(t, ctx, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); sw > 1024 {
		t.Errorf("imitation case at 1024 px scrolls sideways: %d px wide", sw)
	}
	if dir := os.Getenv("CERTWATCH_SCREENSHOTS"); dir != "" {
		shot := get(t, ctx, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, "imitation-static.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A click on either screenshot opens it at full size; 关闭 closes it.
	for _, c := range []struct{ thumb, full string }{
		{"#imitation-candidate-shot", "#shot-full img"},
		{"#imitation-reference-shot", "#reference-shot-enlarged"},
	} {
		run(t, ctx, "click "+c.thumb, chromedp.ScrollIntoView(chromedp.CSS(c.thumb)), chromedp.Click(chromedp.CSS(c.thumb)),
			chromedp.WaitVisible(chromedp.CSS(c.full)))
		full := get(t, ctx, "enlarged "+c.thumb, chromedp.Evaluate[[]float64](fmt.Sprintf(
			`(() => { const i = document.querySelector(%q), t = document.querySelector(%q); return [i.naturalWidth, i.clientWidth, t.clientWidth]; })()`, c.full, c.thumb)))
		if len(full) != 3 || full[0] == 0 || full[1] != full[0] {
			t.Errorf("after a click on %s the picture (natural, shown) is %v px wide: not at full size", c.thumb, full)
		}
		if len(full) == 3 && c.thumb == "#imitation-candidate-shot" && full[2] >= full[0] {
			t.Errorf("the candidate's screenshot is shown %v px wide in the comparison, its full size %v: enlarging shows nothing more", full[2], full[0])
		}
		run(t, ctx, "close "+c.full, chromedp.Click(chromedp.CSS(".lightbox:target .close")), chromedp.WaitNotVisible(chromedp.CSS(c.full)))
	}
	state := get(t, ctx, "referral checklist", chromedp.Evaluate[string](
		`[...document.querySelectorAll('#referral-checklist tbody tr')].filter(r => r.querySelector('.ref-label').innerText.startsWith('页面截图')).map(r => r.dataset.state).join()`))
	if state != "present" {
		t.Errorf("referral checklist: the screenshot is %q, want present", state)
	}
}

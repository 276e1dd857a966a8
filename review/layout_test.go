package review_test

// Issue 13, defect 5: at 1024 px (a common office screen) badges, dates
// and times must not wrap mid-word, and a case's screenshot opens at full
// size. Real Chromium at 1024 px renders every page of a realistic day
// (the data of the raw-identifier test) and measures every badge, date
// and time: a text that the browser broke over two lines is a defect.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/certwatch/certwatch/review"
)

// layoutBrowser starts a headless Chromium whose window is width px wide.
func layoutBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(width, height),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		acancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// htWrapped finds the badges whose text, and the dates and times
// (2026-03-10, 2026-03-10 10:00 +08:00) whose characters, the browser
// broke over more than one line: a range with client rects on two rows,
// or a badge or time element taller than its line height.
const htWrapped = `(() => {
  const out = [];
  const rows = (r) => new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent;
    if (!text.trim() || n.parentElement.closest("script, style, textarea")) continue;
    const r = document.createRange();
    if (n.parentElement.closest(".status, .tag")) {
      r.selectNodeContents(n);
      if (rows(r) > 1) out.push("badge「" + text.trim() + "」");
    }
    for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2}( [+-]\d{2}:\d{2})?)?/g)) {
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      if (rows(r) > 1) out.push("date「" + m[0] + "」");
    }
  }
  // Element by element too: a badge or a time taller than one line of
  // its own text has wrapped (zone included: "2026-03-10 10:00 +08:00").
  for (const el of document.querySelectorAll(".status, .tag, time.when")) {
    const cs = getComputedStyle(el);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5;
    const h = el.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    if (h > line * 1.5) out.push("element「" + el.textContent.trim() + "」");
  }
  return out;
})()`

// TestLayoutAt1024 renders every page of a realistic day in Chromium at
// 1024 px and fails on a badge, date or time broken over two lines; the
// case page's screenshot is a link to the picture at full size. With
// CERTWATCH_SCREENSHOTS set to a directory, the pages' screenshots are
// written there to look at.
func TestLayoutAt1024(t *testing.T) {
	e := htNew(t, func(o *review.Options) { o.Printer = &htPrinter{} })
	pages := htDayOfWork(t, e)
	ctx := layoutBrowser(t, 1024, 768)
	base := e.srv.URL
	login(t, ctx, base, "super", htPassword)
	dir := os.Getenv("CERTWATCH_SCREENSHOTS")
	seen := map[string]bool{}
	measured := 0
	for _, p := range pages {
		if p.user == "" || seen[p.path] || strings.HasSuffix(p.path, "/999999") {
			continue
		}
		seen[p.path] = true
		run(t, ctx, "open "+p.path, chromedp.Navigate(base+p.path), chromedp.WaitReady(chromedp.CSS("body")))
		wrapped := get(t, ctx, "measure "+p.path, chromedp.Evaluate[[]string](htWrapped))
		if len(wrapped) > 0 {
			t.Errorf("%s at 1024 px: wrapped mid-word: %s", p.path, strings.Join(wrapped, "、"))
		}
		measured += get(t, ctx, "count "+p.path, chromedp.Evaluate[int](`document.querySelectorAll(".status, .tag").length + (document.body.innerText.match(/\d{4}-\d{2}-\d{2}/g) || []).length`))
		if dir != "" {
			shot := get(t, ctx, "screenshot "+p.path, chromedp.FullScreenshot(100))
			name := strings.NewReplacer("/", "_", "?", "_", "=", "_", "&", "_", ".", "_").Replace(strings.TrimPrefix(p.path, "/")) + ".png"
			if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if measured < 50 {
		t.Errorf("only %d badges, dates and times measured: the pages are not what the test thinks", measured)
	}

	// The screenshot on a case page opens at full size.
	casePath := ""
	for _, p := range pages {
		if strings.HasPrefix(p.path, "/cases/") && !strings.HasSuffix(p.path, "/999999") {
			casePath = p.path
			break
		}
	}
	run(t, ctx, "open a case", chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS("#screenshot")))
	shown := get(t, ctx, "screenshot size", chromedp.Evaluate[[]int](`(() => { const i = document.getElementById("screenshot"); return [i.naturalWidth, i.clientWidth]; })()`))
	if len(shown) != 2 || shown[0] != htShotWidth || shown[1] >= shown[0] {
		t.Fatalf("screenshot natural and shown widths %v: want a %d px picture shown smaller", shown, htShotWidth)
	}
	run(t, ctx, "click the screenshot", chromedp.Click(chromedp.CSS("#screenshot")), chromedp.WaitVisible(chromedp.CSS("#shot-full img")))
	full := get(t, ctx, "full-size screenshot", chromedp.Evaluate[[]int](`(() => { const i = document.querySelector("#shot-full img"); return [i.naturalWidth, i.clientWidth]; })()`))
	if len(full) != 2 || full[0] != htShotWidth || full[1] != htShotWidth {
		t.Errorf("after a click the picture (natural, shown) is %v px wide, want %d (full size)", full, htShotWidth)
	}
	if dir != "" {
		shot := get(t, ctx, "screenshot of the enlarged picture", chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(dir, "enlarged.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, ctx, "close it", chromedp.Click(chromedp.CSS("#shot-full .close")), chromedp.WaitNotVisible(chromedp.CSS("#shot-full img")))
}

package review_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestQueueControlsInBrowser uses the queue's order, page size and saved
// filters in Chromium at 1024 px: choose an order and a page size, save
// the view under a name, come back to it from the default queue.
func TestQueueControlsInBrowser(t *testing.T) {
	e, _, c := qWorld(t)
	ctx := layoutBrowser(t, 1024, 768)
	base := e.srv.URL
	login(t, ctx, base, "cac", htPassword)
	rowIDs := func(what string) []string {
		return get(t, ctx, what, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#case-table tbody tr[data-case]")].map(tr => tr.dataset.case)`))
	}
	run(t, ctx, "open the queue", chromedp.Navigate(base+"/cases"), chromedp.WaitVisible(chromedp.CSS("#filters")))
	if got, want := rowIDs("default order"), htIDs(c[1], c[4], c[2], c[3], c[5], c[0]); !slices.Equal(got, want) {
		t.Errorf("default order %v, want %v", got, want)
	}
	run(t, ctx, "sort by first seen, oldest first, 20 a page",
		chromedp.SetValue(chromedp.CSS("#sort"), "first_seen"),
		chromedp.SetValue(chromedp.CSS("#order"), "asc"),
		chromedp.SetValue(chromedp.CSS("#page-size"), "20"),
		chromedp.SetValue(chromedp.CSS("#host-filter"), "tieba.example"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)),
		chromedp.WaitReady(chromedp.CSS(`#sort option[value=first_seen][selected]`)))
	if got, want := rowIDs("sorted"), htIDs(c[3], c[0]); !slices.Equal(got, want) {
		t.Errorf("tieba.example by first seen, oldest first: %v, want %v", got, want)
	}
	run(t, ctx, "save the view",
		chromedp.SendKeys(chromedp.CSS(`#save-filter input[name=name]`), "贴吧 旧的在前"),
		chromedp.Click(chromedp.CSS(`#save-filter button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#saved-filters .saved-filter a`)))
	if got := get(t, ctx, "flash", chromedp.Text(chromedp.CSS("body"))); !strings.Contains(got, "筛选条件已保存") {
		t.Error("no 筛选条件已保存 message after saving")
	}
	if dir := os.Getenv("CERTWATCH_SCREENSHOTS"); dir != "" {
		shot := get(t, ctx, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, "queue-controls.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, ctx, "back to the default queue", chromedp.Navigate(base+"/cases"), chromedp.WaitVisible(chromedp.CSS(`#saved-filters .saved-filter a`)))
	run(t, ctx, "apply the saved filter", chromedp.Click(chromedp.CSS(`#saved-filters .saved-filter a`)),
		chromedp.WaitReady(chromedp.CSS(`#order option[value=asc][selected]`)))
	if got, want := rowIDs("saved view"), htIDs(c[3], c[0]); !slices.Equal(got, want) {
		t.Errorf("the saved view shows %v, want %v", got, want)
	}
	wrapped := get(t, ctx, "measure", chromedp.Evaluate[[]string](htWrapped))
	if len(wrapped) > 0 {
		t.Errorf("queue at 1024 px: wrapped mid-word: %s", strings.Join(wrapped, "、"))
	}
}

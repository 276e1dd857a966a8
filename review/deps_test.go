package review

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestReviewLinksNoBrowser: the review server reads pages, cases and
// evidence already stored; it must not link the crawler, the browser pool
// or chromedp (63 packages it once dragged in through the configuration).
func TestReviewLinksNoBrowser(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH; make test always has it")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-tags", "ne", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 20 || !slices.Contains(deps, "github.com/certwatch/certwatch/review") {
		t.Fatalf("go list printed %d packages without review itself: %q", len(deps), deps)
	}
	for _, d := range deps {
		switch {
		case strings.Contains(d, "chromedp"),
			d == "github.com/certwatch/certwatch/crawler",
			d == "github.com/certwatch/certwatch/browser",
			d == "github.com/certwatch/certwatch/sweep":
			t.Errorf("review depends on %s", d)
		}
	}
}

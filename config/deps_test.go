package config

import (
	"os/exec"
	"strings"
	"testing"
)

// TestConfigImportsNoEngine keeps the configuration plain data: it must
// not link an engine (crawler, browser, matcher, store, ...) nor chromedp,
// or every program that reads a configuration (the review server among
// them) drags the browser driver in again.
func TestConfigImportsNoEngine(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH; make test always has it")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-tags", "ne", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/certwatch/certwatch/"
	allowed := map[string]bool{mod + "config": true, mod + "casework": true,
		mod + "internal/strictyaml": true, mod + "internal/allowinternal": true}
	deps := strings.Fields(string(out))
	if len(deps) < 20 {
		t.Fatalf("go list printed %d packages, want the standard library too: %q", len(deps), deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, mod) && !allowed[d] {
			t.Errorf("config depends on %s; keep it plain data and convert where the engine is wired (e.g. sweep.CrawlerOptions)", d)
		}
		if strings.Contains(d, "chromedp") {
			t.Errorf("config depends on %s", d)
		}
	}
}

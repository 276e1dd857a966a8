package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigCheckSearchTerms: config check says what each search source
// searches for: its own terms, the official sites' names (official_sites),
// or the rule packs' search terms.
func TestConfigCheckSearchTerms(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	data := `database: x.db
sources:
  - id: engine
    type: search
    url: "https://sousuo.example/s?wd={q}"
    terms: [official_sites, 特种作业操作证查询, 官网可查 证书]
    listing: {item: .result, link: "h3 a"}
  - id: market
    type: search
    url: "https://shop.example/search?q={q}"
`
	if err := os.WriteFile(cfg, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "config", "check", cfg)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"search: https://sousuo.example/s?wd={q} × 1 result pages, 2 terms, the rule packs' official query sites' names and titles (official_sites)",
		"search: https://shop.example/search?q={q} × 1 result pages, the rule packs' search terms",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

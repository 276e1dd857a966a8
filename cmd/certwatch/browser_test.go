package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserChecked: with a rendering source and a browser that is
// missing, is not Chromium, or cannot render, `config check` exits
// non-zero saying what is wrong and how to install it, and `sweep`
// refuses to start (no database is even created). Without a rendering
// source the browser is not needed.
func TestBrowserChecked(t *testing.T) {
	dir := t.TempDir()
	notChromium := writeFile(t, dir, "not-chromium", "#!/bin/sh\necho 'Firefox 1.0'\n")
	cannotRender := writeFile(t, dir, "broken-chromium", "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'Chromium 999.0 (fake)'; exit 0; fi\necho 'cannot open display' >&2\nexit 1\n")
	for _, p := range []string{notChromium, cannotRender} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, path, want string
		mode             string // the source's render key
	}{
		{"missing", filepath.Join(dir, "no-such-chromium"), "不存在或不可执行", "true"},
		{"missing, render auto", filepath.Join(dir, "no-such-chromium"), "不存在或不可执行", "auto"},
		{"not executable", writeFile(t, dir, "plain-file", "not a program"), "不存在或不可执行", "true"},
		{"not chromium", notChromium, "不是 Chromium", "true"},
		{"cannot render", cannotRender, "无法打开空白页", "auto"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			cfg := writeFile(t, t.TempDir(), "c.yaml", "database: "+db+"\nrender: {chromium: "+tc.path+"}\n"+
				"resolve_only: true\nresolve: {shop.example: \"127.0.0.1:1\"}\n"+
				"sources:\n  - {id: shop, type: urls, urls: [\"http://shop.example/\"], render: "+tc.mode+"}\n")
			code, out, errOut := runCLI(t, "", "config", "check", cfg)
			if code == 0 || strings.Contains(out, "OK") {
				t.Errorf("config check exit %d, stdout %q", code, out)
			}
			for _, w := range []string{tc.want, "apt-get install -y chromium fonts-noto-cjk", "shop", "render.chromium"} {
				if !strings.Contains(errOut, w) {
					t.Errorf("config check says %q, want %q in it", errOut, w)
				}
			}
			code, _, errOut = runCLI(t, "", "sweep", "--config", cfg)
			if code == 0 || !strings.Contains(errOut, "sweep not started") || !strings.Contains(errOut, "apt-get install -y chromium") {
				t.Errorf("sweep exit %d: %q", code, errOut)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the refused sweep touched the database: %v", err)
			}
		})
	}
	t.Run("working chromium", func(t *testing.T) {
		if _, err := os.Stat("/usr/bin/chromium"); err != nil {
			t.Skip("chromium is not installed (.ci/run installs it)")
		}
		cfg := writeFile(t, t.TempDir(), "c.yaml", "database: c.db\nrender: {chromium: /usr/bin/chromium}\n"+
			"sources:\n  - {id: shop, type: urls, urls: [\"http://shop.example/\"], render: true}\n")
		if code, out, errOut := runCLI(t, "", "config", "check", cfg); code != 0 || !strings.Contains(out, "Chromium") || !strings.Contains(out, "a blank page renders") {
			t.Errorf("config check exit %d: %q %q", code, out, errOut)
		}
	})
	t.Run("no rendering source", func(t *testing.T) {
		cfg := writeFile(t, t.TempDir(), "c.yaml", "database: c.db\nrender: {chromium: /nonexistent}\n"+
			"sources:\n  - {id: site, type: urls, urls: [\"http://shop.example/\"]}\n")
		if code, out, errOut := runCLI(t, "", "config", "check", cfg); code != 0 || strings.Contains(out, "browser") {
			t.Errorf("config check exit %d: %q %q", code, out, errOut)
		}
	})
}

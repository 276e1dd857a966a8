package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProductionBuildLeavesOutSampleWeb builds certwatch the way `make
// build` does (tag ne, no demo tag) and checks that the sample web is not
// linked in and that `certwatch demo` says where it went.
func TestProductionBuildLeavesOutSampleWeb(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH; make test always has it")
	}
	deps, err := exec.Command(goBin, "list", "-deps", "-tags", "ne", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, d := range strings.Fields(string(deps)) {
		if d == "github.com/certwatch/certwatch/testbed" {
			t.Fatalf("the production build links %s", d)
		}
	}
	bin := filepath.Join(t.TempDir(), "certwatch")
	if out, err := exec.Command(goBin, "build", "-tags", "ne", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for lang, want := range map[string]string{"zh": "未包含示例网站", "en": "without the sample web"} {
		out, err := exec.Command(bin, "--lang", lang, "demo", "--dir", t.TempDir()).CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Fatalf("certwatch demo in a production build: err %v, want exit 2; output:\n%s", err, out)
		}
		if !strings.Contains(string(out), "make demo") || !strings.Contains(string(out), want) {
			t.Errorf("--lang %s: output lacks %q:\n%s", lang, want, out)
		}
	}
}

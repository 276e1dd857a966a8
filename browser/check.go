package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// InstallHint says how to get a working browser on Debian, where
// certwatch runs.
const InstallHint = "安装方法 / to install: apt-get install -y chromium fonts-noto-cjk（或在配置 render.chromium 中写明浏览器路径 / or set render.chromium）"

// ErrUnusable is wrapped by Check's error.
var ErrUnusable = errors.New("browser unusable")

// CheckResult is what Check found.
type CheckResult struct {
	Path    string
	Version string // "Chromium 156.0.8078.114 ..."
	// Warnings do not stop rendering but spoil evidence (no CJK fonts:
	// Chinese text shows as boxes in screenshots).
	Warnings []string
}

// checkTimeout bounds each step of Check.
const checkTimeout = 30 * time.Second

// Check checks that the browser of opts can render: the path exists and
// is executable, "--version" runs, and a blank page with Chinese text
// renders, screenshot included, in a browser started for the check. Its
// error (wrapping ErrUnusable) says in Chinese and English what is
// missing and how to install it. It leaves no process or profile behind.
func Check(ctx context.Context, opts Options) (*CheckResult, error) {
	chk, err := checkBinary(ctx, opts.Chromium)
	if err != nil {
		return nil, err
	}
	p, err := New(opts)
	if err != nil {
		return nil, err
	}
	err = p.blankPage(ctx)
	if cerr := p.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, unusable(fmt.Sprintf("浏览器 %s 无法打开空白页 / %s could not render a blank page", chk.Path, chk.Path), err)
	}
	return chk, nil
}

// Check is the package's Check run with the pool's warm browser (started
// when none runs, and kept): what a sweep's preflight asks without paying
// for a browser start each time.
func (p *Pool) Check(ctx context.Context) (*CheckResult, error) {
	chk, err := checkBinary(ctx, p.opts.Chromium)
	if err != nil {
		return nil, err
	}
	if err := p.blankPage(ctx); err != nil {
		return nil, unusable(fmt.Sprintf("浏览器 %s 无法打开空白页 / %s could not render a blank page", chk.Path, chk.Path), err)
	}
	return chk, nil
}

func unusable(what string, err error) error {
	return fmt.Errorf("%w: %s: %w\n%s", ErrUnusable, what, err, InstallHint)
}

// checkBinary finds the browser, runs "--version" and looks for CJK fonts.
func checkBinary(ctx context.Context, configured string) (*CheckResult, error) {
	path, err := chromiumPath(configured)
	if err != nil {
		if configured != "" {
			return nil, unusable(fmt.Sprintf("浏览器 %q 不存在或不可执行 / browser %q is missing or not executable", configured, configured), err)
		}
		return nil, unusable("找不到浏览器 chromium 或 chromium-browser / no chromium or chromium-browser on PATH", err)
	}
	chk := &CheckResult{Path: path}

	vctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	cmd := exec.CommandContext(vctx, path, "--version")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, unusable(fmt.Sprintf("浏览器 %s 无法运行（--version） / %s --version failed: %s", path, path, lastLine(out.String())), err)
	}
	chk.Version = lastLine(out.String())
	if !strings.Contains(strings.ToLower(chk.Version), "chrom") {
		return nil, unusable(fmt.Sprintf("%s 不是 Chromium / %s is not Chromium", path, path), fmt.Errorf("--version says %q", chk.Version))
	}
	if fc, err := exec.LookPath("fc-list"); err == nil {
		fctx, cancel := context.WithTimeout(ctx, checkTimeout)
		defer cancel()
		if out, err := exec.CommandContext(fctx, fc, ":lang=zh", "family").Output(); err == nil && len(bytes.TrimSpace(out)) == 0 {
			chk.Warnings = append(chk.Warnings, "没有中文字体，截图中的中文会显示为方框 / no CJK font: Chinese shows as boxes in screenshots (apt-get install -y fonts-noto-cjk)")
		}
	}
	return chk, nil
}

// blankPage renders a blank page with a line of Chinese in a tab and
// takes its screenshot.
func (p *Pool) blankPage(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	return p.Tab(ctx, checkTimeout, func(tab context.Context) error {
		if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
			return fmt.Errorf("open about:blank: %w", err)
		}
		text, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.body.innerHTML = "<p>证书 certwatch</p>"; document.body.innerText`))
		if err != nil {
			return fmt.Errorf("write the page: %w", err)
		}
		shot, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
		if err != nil {
			return fmt.Errorf("screenshot: %w", err)
		}
		if !strings.Contains(text, "证书") || len(shot) == 0 {
			return fmt.Errorf("the page rendered %q and a %d-byte screenshot", text, len(shot))
		}
		return nil
	})
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

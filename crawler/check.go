package crawler

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

// ErrBrowserUnusable is wrapped by CheckBrowser's error.
var ErrBrowserUnusable = errors.New("browser unusable")

// BrowserCheck is what CheckBrowser found.
type BrowserCheck struct {
	Path    string
	Version string // "Chromium 156.0.8078.114 ..."
	// Warnings do not stop rendering but spoil evidence (no CJK fonts:
	// Chinese text shows as boxes in screenshots).
	Warnings []string
}

// checkTimeout bounds each step of CheckBrowser.
const checkTimeout = 30 * time.Second

// CheckBrowser checks that the browser of opts can render: the path
// exists and is executable, "--version" runs, and a blank page with
// Chinese text renders, screenshot included. Its error (wrapping
// ErrBrowserUnusable) says in Chinese and English what is missing and how
// to install it. It leaves no process or profile behind.
func CheckBrowser(ctx context.Context, opts RenderOptions) (*BrowserCheck, error) {
	unusable := func(what string, err error) error {
		return fmt.Errorf("%w: %s: %w\n%s", ErrBrowserUnusable, what, err, InstallHint)
	}
	path, err := chromiumPath(opts.Chromium)
	if err != nil {
		if opts.Chromium != "" {
			return nil, unusable(fmt.Sprintf("浏览器 %q 不存在或不可执行 / browser %q is missing or not executable", opts.Chromium, opts.Chromium), err)
		}
		return nil, unusable("找不到浏览器 chromium 或 chromium-browser / no chromium or chromium-browser on PATH", err)
	}
	chk := &BrowserCheck{Path: path}

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

	o := (Options{Render: opts}).withDefaults()
	e := newRenderEngine(o, newResolver(nil, false))
	if err := blankPage(ctx, e); err != nil {
		return nil, unusable(fmt.Sprintf("浏览器 %s 无法打开空白页 / %s could not render a blank page", path, path), err)
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

// blankPage starts e's browser, renders a blank page with a line of
// Chinese and takes its screenshot, then closes the browser.
func blankPage(ctx context.Context, e *renderEngine) (err error) {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	b, err := e.acquire(ctx)
	if err != nil {
		return err
	}
	defer func() {
		e.release(b, false)
		if cerr := e.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	tctx, cancelTab := context.WithTimeout(tab, checkTimeout)
	defer cancelTab()
	defer context.AfterFunc(ctx, cancelTab)()
	if err := chromedp.Do(tctx, chromedp.Navigate("about:blank")); err != nil {
		return fmt.Errorf("open about:blank: %w", err)
	}
	text, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.innerHTML = "<p>证书 certwatch</p>"; document.body.innerText`))
	if err != nil {
		return fmt.Errorf("write the page: %w", err)
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if !strings.Contains(text, "证书") || len(shot) == 0 {
		return fmt.Errorf("the page rendered %q and a %d-byte screenshot", text, len(shot))
	}
	return nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

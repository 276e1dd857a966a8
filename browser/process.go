package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeouts of a browser's life cycle.
const (
	startTimeout = 30 * time.Second
	stopTimeout  = 5 * time.Second
)

// process is one Chromium process tree.
type process struct {
	ctx         context.Context // chromedp browser context
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	dir         string   // --user-data-dir, removed on stop
	lock        *os.File // holds the profile's lock (see profile.go)
	pid         int
	tree        []proc // its processes soon after the start (the crash handler)
	uses        int    // tabs it has opened
	retired     bool   // no new tab: replaced when its last tab closes
}

// start launches Chromium with a fresh profile directory and the pool's
// switches.
func (p *Pool) start() (*process, error) {
	path, err := chromiumPath(p.opts.Chromium)
	if err != nil {
		return nil, err
	}
	var network []chromedp.ExecAllocatorOption
	if p.opts.Network != nil {
		if network, err = p.opts.Network(); err != nil {
			return nil, fmt.Errorf("browser: network: %w", err)
		}
	}
	cleanStaleProfiles()
	dir, lock, err := newProfile()
	if err != nil {
		return nil, err
	}
	// Everything the browser writes goes inside the profile, which stop
	// removes: with --disable-dev-shm-usage it keeps shared memory files
	// in $TMPDIR (and leaves directories there), and its crash handler
	// writes under $XDG_CONFIG_HOME. Naming the profile in the crash
	// handler's command line also lets stop find it, although it
	// double-forks out of the browser's process tree.
	var env []string
	for _, v := range []string{"TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"} {
		sub := filepath.Join(dir, strings.ToLower(v))
		if err := os.Mkdir(sub, 0o700); err != nil {
			lock.Close()
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("browser: profile: %w", err)
		}
		env = append(env, v+"="+sub)
	}
	adoptOrphans()
	flags := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Env(env...),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
		chromedp.UserAgent(p.opts.UserAgent),
		chromedp.WindowSize(1280, 900),
	)
	flags = append(flags, browserCmdOptions()...)
	flags = append(flags, network...)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &process{ctx: ctx, cancel: cancel, allocCancel: allocCancel, dir: dir, lock: lock}

	// The first Run binds the browser's life to its context, so it gets
	// the browser context itself; a timer bounds the start instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case err = <-started:
	case <-timer.C:
		err = fmt.Errorf("no answer in %v", startTimeout)
	}
	if err != nil {
		_ = b.stop()
		return nil, fmt.Errorf("browser: start %s: %w", path, err)
	}
	if bp := chromedp.FromContext(ctx).Browser.Process(); bp != nil {
		b.pid = bp.Pid
	}
	// The crash handler leaves the browser's process group; it can only
	// be told from other processes while it lives.
	b.tree = processTree(b.pid, dir)
	return b, nil
}

// alive reports whether the browser still answers (its context ends when
// the process dies).
func (b *process) alive() bool { return b.ctx.Err() == nil }

// cpu is the processor time of its processes so far.
func (b *process) cpu() time.Duration { return treeCPU(b.pid, b.dir) }

// stop closes the browser gracefully (so it reaps its own children),
// kills and reaps what is left of its process tree and removes its
// profile. It reports processes it could not get rid of.
func (b *process) stop() error {
	tree := b.tree
	for _, p := range processTree(b.pid, b.dir) {
		if !containsProc(tree, p) {
			tree = append(tree, p)
		}
	}
	tctx, cancel := context.WithTimeout(b.ctx, stopTimeout)
	_ = chromedp.Cancel(tctx)
	cancel()
	b.cancel()
	b.allocCancel() // waits until the main process is reaped
	left := reapTree(tree, b.pid, b.dir)
	if b.lock != nil {
		_ = b.lock.Close()
	}
	var rmErr error
	for range 20 {
		if rmErr = os.RemoveAll(b.dir); rmErr == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(left) > 0 {
		return fmt.Errorf("browser: processes left after stop: %v", left)
	}
	if rmErr != nil {
		return fmt.Errorf("browser: remove profile: %w", rmErr)
	}
	return nil
}

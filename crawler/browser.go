package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeouts of the browser's life cycle.
const (
	browserStartTimeout = 30 * time.Second
	browserStopTimeout  = 5 * time.Second
	// snapshotReserve is the part of a page's time kept for the settle
	// wait, the HTML and the screenshot when the load event is late.
	snapshotReserve = 5 * time.Second
)

// browser is one Chromium process tree.
type browser struct {
	ctx         context.Context // chromedp browser context
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	dir         string   // --user-data-dir, removed on stop
	lock        *os.File // holds the profile's lock (see profile.go)
	pid         int
	tree        []proc // its processes soon after the start (the crash handler)
	pages       int
	retired     bool
}

// acquire returns the current browser for one page, starting or replacing
// it when needed.
func (e *renderEngine) acquire(ctx context.Context) (*browser, error) {
	for {
		e.mu.Lock()
		if e.closed {
			e.mu.Unlock()
			return nil, ErrClosed
		}
		b := e.cur
		if b != nil && !b.retired && b.ctx.Err() == nil {
			b.pages++
			if b.pages >= e.opts.Render.RestartEvery {
				b.retired = true // this page is its last
			}
			e.inUse++
			e.mu.Unlock()
			return b, nil
		}
		if e.inUse == 0 {
			// Replace the browser while holding the lock: every other page
			// waits for the new one anyway.
			if b != nil {
				e.cur = nil
				if err := b.stop(); err != nil {
					slog.Warn("crawler: restarting the browser", "err", err)
				}
				e.restarts.Add(1)
			}
			nb, err := e.start()
			if err != nil {
				e.mu.Unlock()
				return nil, err
			}
			e.cur = nb
			e.mu.Unlock()
			continue
		}
		changed := e.changed
		e.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (e *renderEngine) release(b *browser, crashed bool) {
	e.mu.Lock()
	e.inUse--
	if crashed {
		b.retired = true
	}
	close(e.changed)
	e.changed = make(chan struct{})
	e.mu.Unlock()
}

// start launches Chromium with a fresh profile directory.
func (e *renderEngine) start() (*browser, error) {
	path, err := chromiumPath(e.opts.Render.Chromium)
	if err != nil {
		return nil, err
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
			return nil, fmt.Errorf("crawler: browser profile: %w", err)
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
		chromedp.UserAgent(e.opts.UserAgent),
		chromedp.WindowSize(1280, 900),
	)
	flags = append(flags, browserCmdOptions()...)
	if e.opts.Proxy != "" {
		if rules := e.res.chromiumRules(); rules != "" {
			flags = append(flags, chromedp.Flag("host-resolver-rules", rules))
		}
		flags = append(flags, chromedp.ProxyServer(e.opts.Proxy))
	} else {
		// Every connection goes through the gate, which applies the
		// resolve overrides and the address policy where it dials (see
		// socksGate). Loopback is not bypassed, the browser resolves no
		// name itself (the gate does), and WebRTC may not send UDP past
		// the proxy.
		if e.gate == nil {
			g, err := startSocksGate(e.res)
			if err != nil {
				lock.Close()
				_ = os.RemoveAll(dir)
				return nil, err
			}
			e.gate = g
		}
		flags = append(flags,
			chromedp.ProxyServer(e.gate.URL()),
			chromedp.Flag("proxy-bypass-list", "<-loopback>"),
			chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
			chromedp.Flag("force-webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		)
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, cancel: cancel, allocCancel: allocCancel, dir: dir, lock: lock}

	// The first Run binds the browser's life to its context, so it gets
	// the browser context itself; a timer bounds the start instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err = <-started:
	case <-time.After(browserStartTimeout):
		err = fmt.Errorf("no answer in %v", browserStartTimeout)
	}
	if err != nil {
		_ = b.stop()
		return nil, fmt.Errorf("crawler: start %s: %w", path, err)
	}
	if p := chromedp.FromContext(ctx).Browser.Process(); p != nil {
		b.pid = p.Pid
	}
	// The crash handler leaves the browser's process group; it can only
	// be told from other processes while it lives.
	b.tree = processTree(b.pid, dir)
	return b, nil
}

// stop closes the browser gracefully (so it reaps its own children),
// kills and reaps what is left of its process tree and removes its
// profile. It reports processes it could not get rid of.
func (b *browser) stop() error {
	tree := b.tree
	for _, p := range processTree(b.pid, b.dir) {
		if !containsProc(tree, p) {
			tree = append(tree, p)
		}
	}
	tctx, cancel := context.WithTimeout(b.ctx, browserStopTimeout)
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
		return fmt.Errorf("crawler: browser processes left after stop: %v", left)
	}
	if rmErr != nil {
		return fmt.Errorf("crawler: remove browser profile: %w", rmErr)
	}
	return nil
}

func (e *renderEngine) isClosed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// Close stops the browser. Pages still rendering fail.
func (e *renderEngine) Close() error {
	e.mu.Lock()
	e.closed = true
	b := e.cur
	e.cur = nil
	gate := e.gate
	e.mu.Unlock()
	var err error
	if b != nil {
		err = b.stop()
	}
	if gate != nil {
		err = errors.Join(err, gate.Close())
	}
	return err
}

// Package browser owns the one Chromium (Debian's, driven through
// chromedp) that certwatch uses for everything a browser does: rendering
// pages built by JavaScript (the crawler), evidence screenshots, and
// printing notices and period reports to PDF.
//
// A Pool keeps one warm browser process for its whole life rather than one
// per use: the browser starts on first use (with a context that has no
// timeout, so the first use's deadline cannot kill it), and every use gets
// a new tab with its own deadline, closed afterwards. At most Options.Tabs
// tabs are open at once (on two cores rendering throughput is flat beyond
// two tabs while memory grows); other uses wait for a tab, bounded by
// their context. The browser is replaced, when its last tab closes, after
// it has opened RestartEvery tabs (Chromium grows over a long run) or when
// it died (a crash, an OOM kill): the next use starts another one.
//
// Process hygiene: each browser gets its own profile directory under
// $TMPDIR, locked while it lives and removed when it stops, together with
// every process of its tree (zombies reaped even when PID 1 does not,
// chromedp#894); profiles left by a killed certwatch are removed when the
// next browser starts (profile.go).
//
// The pool knows nothing about networks or address policies: its user
// passes the switches that route the browser's connections (the crawler's
// SOCKS gate) as Options.Network.
package browser

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"
)

var (
	// ErrClosed is wrapped by the error of a use after (or cut short by)
	// Close.
	ErrClosed = errors.New("browser closed")
	// ErrCrashed is wrapped by the error of a use whose browser or tab
	// died; the browser is restarted for the next use.
	ErrCrashed = errors.New("browser crashed")
	// ErrOptions is wrapped by New's error for bad Options.
	ErrOptions = errors.New("invalid browser options")
)

// Defaults of Options, applied by New to zero values.
const (
	DefaultTabs         = 2
	DefaultRestartEvery = 200
	DefaultPageTimeout  = 30 * time.Second
	// DefaultUserAgent is sent when Options names none: certwatch's
	// honest one, as the crawler's.
	DefaultUserAgent = "certwatch/1.0 (+regulatory crawler; contact: see robots)"
)

// Options configure a Pool. Zero values take the defaults.
type Options struct {
	// Chromium is the browser's path (default: chromium or
	// chromium-browser on PATH).
	Chromium string
	// Tabs bounds the tabs open at once (default 2).
	Tabs int
	// RestartEvery replaces the browser after it opened this many tabs
	// (default 200).
	RestartEvery int
	// PageTimeout bounds a use that names no timeout of its own: a print,
	// a check (default 30s).
	PageTimeout time.Duration
	// UserAgent is the browser's User-Agent.
	UserAgent string
	// Network, when set, returns the switches that route the browser's
	// connections (proxy, resolver rules); it is called before each
	// browser starts.
	Network func() ([]chromedp.ExecAllocatorOption, error)
}

func (o Options) withDefaults() Options {
	if o.Tabs == 0 {
		o.Tabs = DefaultTabs
	}
	if o.RestartEvery == 0 {
		o.RestartEvery = DefaultRestartEvery
	}
	if o.PageTimeout == 0 {
		o.PageTimeout = DefaultPageTimeout
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Pool is one warm browser shared by its users, at most Options.Tabs tabs
// at once. It is safe for concurrent use.
type Pool struct {
	opts Options
	tabs chan struct{} // one token per open tab

	life context.Context // ends with Close
	stop context.CancelFunc

	mu      sync.Mutex
	cur     *process
	inUse   int           // tabs open on cur
	changed chan struct{} // closed and replaced when inUse drops
	closed  bool
	cpuDone time.Duration // processor time of the browsers stopped so far

	starts, restarts, uses atomic.Int64

	keeping atomic.Bool  // KeepWarm's keeper runs (warm.go)
	warmed  atomic.Int64 // browsers the keeper warmed
}

// New makes a Pool. It starts no browser: the first use does.
func New(opts Options) (*Pool, error) {
	opts = opts.withDefaults()
	switch {
	case opts.Tabs < 0:
		return nil, fmt.Errorf("browser: %w: Tabs is negative", ErrOptions)
	case opts.RestartEvery < 0:
		return nil, fmt.Errorf("browser: %w: RestartEvery is negative", ErrOptions)
	case opts.PageTimeout < 0:
		return nil, fmt.Errorf("browser: %w: PageTimeout is negative", ErrOptions)
	}
	life, stop := context.WithCancel(context.Background())
	return &Pool{
		opts:    opts,
		tabs:    make(chan struct{}, opts.Tabs),
		life:    life,
		stop:    stop,
		changed: make(chan struct{}),
	}, nil
}

// Tab runs fn in a new tab of the browser, started or replaced first when
// needed. The tab's context ends after timeout (Options.PageTimeout when
// 0), when ctx ends or when the Pool is closed; the tab is closed when fn
// returns. The first chromedp action in the tab's context opens it.
//
// Tab's error is fn's, wrapping ErrClosed when the Pool was closed,
// ErrCrashed when the browser died (it is replaced for the next use), and
// context.DeadlineExceeded when the tab's time ran out; or the error of
// waiting for a tab (ctx's) or of starting the browser.
func (p *Pool) Tab(ctx context.Context, timeout time.Duration, fn func(tab context.Context) error) error {
	if timeout <= 0 {
		timeout = p.opts.PageTimeout
	}
	select {
	case p.tabs <- struct{}{}:
		defer func() { <-p.tabs }()
	case <-ctx.Done():
		return ctx.Err()
	case <-p.life.Done():
		return ErrClosed
	}
	b, err := p.acquire(ctx)
	if err != nil {
		return err
	}
	crashed := false
	defer func() { p.release(b, crashed) }()

	tabCtx, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	tctx, cancel := context.WithTimeout(tabCtx, timeout)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	defer context.AfterFunc(p.life, cancel)()

	err = fn(tctx)
	switch {
	case err == nil:
		return nil
	case p.isClosed():
		return fmt.Errorf("%w: %w", ErrClosed, err)
	case !b.alive():
		crashed = true
		return fmt.Errorf("%w: %w", ErrCrashed, err)
	case ctx.Err() == nil && errors.Is(tctx.Err(), context.DeadlineExceeded) && !errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	}
	return err
}

// acquire returns the current browser for one tab, starting or replacing
// it when needed.
func (p *Pool) acquire(ctx context.Context) (*process, error) {
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, ErrClosed
		}
		b := p.cur
		if b != nil && !b.retired && b.alive() {
			b.uses++
			if b.uses >= p.opts.RestartEvery {
				b.retired = true // this tab is its last
			}
			p.inUse++
			p.uses.Add(1)
			p.mu.Unlock()
			return b, nil
		}
		if p.inUse == 0 {
			// Replace the browser while holding the lock: every other
			// use waits for the new one anyway.
			if b != nil {
				p.cur = nil
				p.cpuDone += b.cpu()
				if err := b.stop(); err != nil {
					slog.Warn("browser: restarting the browser", "err", err)
				}
				p.restarts.Add(1)
			}
			nb, err := p.start()
			if err != nil {
				p.mu.Unlock()
				return nil, err
			}
			p.starts.Add(1)
			p.cur = nb
			p.mu.Unlock()
			continue
		}
		changed := p.changed
		p.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (p *Pool) release(b *process, crashed bool) {
	p.mu.Lock()
	p.inUse--
	if crashed {
		b.retired = true
	}
	close(p.changed)
	p.changed = make(chan struct{})
	p.mu.Unlock()
}

func (p *Pool) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

// Stats are a Pool's running totals.
type Stats struct {
	Starts   int64 // browsers started
	Restarts int64 // browsers replaced after RestartEvery tabs or a crash
	Tabs     int64 // tabs opened
}

// Stats returns the totals so far.
func (p *Pool) Stats() Stats {
	return Stats{Starts: p.starts.Load(), Restarts: p.restarts.Load(), Tabs: p.uses.Load()}
}

// CPU is the processor time the browsers' processes used so far: those of
// the running browser (and the children they reaped: the renderers of
// closed tabs) and of the browsers stopped, counted when they stopped.
// Linux only (0 elsewhere); it reads /proc, so it is not for hot paths.
func (p *Pool) CPU() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	cpu := p.cpuDone
	if p.cur != nil {
		cpu += p.cur.cpu()
	}
	return cpu
}

// Process describes the running browser: its process id and profile
// directory (ok false when none runs). For diagnostics and tests.
func (p *Pool) Process() (pid int, profile string, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil || !p.cur.alive() {
		return 0, "", false
	}
	return p.cur.pid, p.cur.dir, true
}

// Close stops the browser, leaving no process or profile behind. Uses in
// progress fail with ErrClosed, and so do later ones.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	b := p.cur
	p.cur = nil
	if b != nil {
		p.cpuDone += b.cpu()
	}
	p.mu.Unlock()
	p.stop()
	if b != nil {
		return b.stop()
	}
	return nil
}

// chromiumPath finds the browser: the configured path, or chromium or
// chromium-browser on PATH.
func chromiumPath(configured string) (string, error) {
	if configured != "" {
		p, err := exec.LookPath(configured)
		if err != nil {
			return "", fmt.Errorf("browser: %q: %w", configured, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("browser: no chromium or chromium-browser on PATH (install Debian's chromium, or set render.chromium)")
}

// Path returns the browser Options.Chromium names, or the one on PATH.
func Path(configured string) (string, error) { return chromiumPath(configured) }

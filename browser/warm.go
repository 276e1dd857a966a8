package browser

import (
	"context"
	"log/slog"
	"time"
)

// Keeping the browser warm for printing (issue 13, defect 3). A pool
// starts its browser on first use, so the first notice or report PDF
// after a start, after a crash and after every RestartEvery tabs waited
// for Chromium to start and for the CJK fonts to load: seconds on a busy
// machine, and the first prints timed out. KeepWarm has a background
// keeper start the browser at once and print a small Chinese document
// (which loads the fonts), then check every warmEvery that the browser is
// still there and replace at once one that died (a crash, an OOM kill) or
// retired, instead of leaving that to the next print. The keeper uses one
// of the pool's tabs only while it warms a browser, and ends with Close.

// warmEvery is how often the keeper looks at the browser.
const warmEvery = time.Second

// warmTimeout bounds one warming print (a start and a print).
const warmTimeout = 60 * time.Second

// warmBackoffMax bounds the wait after failed warmings (no Chromium, a
// browser that cannot start).
const warmBackoffMax = 5 * time.Minute

// warmPage is printed to warm a browser: Chinese in the fonts documents use.
const warmPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>预热</title>
<style>@page { size: A4; margin: 20mm; } body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
b { font-family: "Noto Sans CJK SC", sans-serif; }</style></head>
<body><h1>打印预热</h1><p>关于删除违法违规信息的通知 <b>特种作业操作证</b> 2026年12月3日</p></body></html>`

// KeepWarm starts the pool's keeper, once: from now until Close a browser
// runs, warmed by one print, and a browser that dies or retires is
// replaced at once. Calling it again does nothing. It returns at once.
func (p *Pool) KeepWarm() {
	if !p.keeping.CompareAndSwap(false, true) {
		return
	}
	go p.keep()
}

// Warmed is how many browsers the keeper has warmed (for tests and
// diagnostics).
func (p *Pool) Warmed() int64 { return p.warmed.Load() }

// needsWarm reports whether no usable browser runs.
func (p *Pool) needsWarm() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.closed && (p.cur == nil || p.cur.retired || !p.cur.alive())
}

func (p *Pool) keep() {
	backoff := warmEvery
	wait := time.Duration(0)
	for {
		select {
		case <-p.life.Done():
			return
		case <-time.After(wait):
		}
		wait = warmEvery
		if !p.needsWarm() {
			continue
		}
		ctx, cancel := context.WithTimeout(p.life, warmTimeout)
		t0 := time.Now()
		_, err := p.PrintPDF(ctx, []byte(warmPage))
		cancel()
		if p.life.Err() != nil {
			return
		}
		if err != nil {
			backoff = min(2*backoff, warmBackoffMax)
			wait = backoff
			slog.Warn("browser: warming the print browser failed; trying again later", "err", err, "retry_in", backoff)
			continue
		}
		backoff = warmEvery
		p.warmed.Add(1)
		slog.Debug("browser: print browser warmed", "took", time.Since(t0).Round(time.Millisecond))
	}
}

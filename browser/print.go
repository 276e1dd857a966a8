package browser

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// MaxPrintHTML bounds the document PrintPDF accepts.
const MaxPrintHTML = 8 << 20

// fontsWait bounds the wait for the document's fonts before printing: the
// fonts are local, so a longer wait means something else is wrong, and
// the document is printed as it is.
const fontsWait = 5 * time.Second

// ErrPrintTooLarge is wrapped by the error of PrintPDF for a document of
// more than MaxPrintHTML bytes.
var ErrPrintTooLarge = errors.New("document too large to print")

// PrintPDF prints a self-contained HTML document (inline styles, no
// external resources) as an A4 PDF in a tab of the pool's browser. The
// document never touches the network: it is written into a blank tab, and
// every request it would make is failed. Scripts are disabled in the tab,
// since documents quote crawled text. @page rules of the document set the
// page size and margins. The print is bounded by ctx and
// Options.PageTimeout; it takes one of the Options.Tabs.
//
// Without Chromium it fails with the error of starting the browser; after
// Close with ErrClosed.
func (p *Pool) PrintPDF(ctx context.Context, html []byte) ([]byte, error) {
	if len(html) > MaxPrintHTML {
		return nil, fmt.Errorf("browser: print PDF: %w: %d bytes (at most %d)", ErrPrintTooLarge, len(html), MaxPrintHTML)
	}
	var pdf []byte
	err := p.Tab(ctx, 0, func(tab context.Context) error {
		var err error
		pdf, err = printDocument(tab, html)
		return err
	})
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w: %w", context.Cause(ctx), err)
		}
		return nil, fmt.Errorf("browser: print PDF: %w", err)
	}
	return pdf, nil
}

// printDocument opens the tab of ctx, writes html into its blank page
// with scripts and requests off, waits for the fonts and prints.
func printDocument(ctx context.Context, html []byte) ([]byte, error) {
	if err := chromedp.Do(ctx); err != nil {
		return nil, fmt.Errorf("open tab: %w", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		return nil, fmt.Errorf("disable scripts: %w", err)
	}
	if err := failAllRequests(ctx); err != nil {
		return nil, err
	}
	// The tab is blank already; navigating there makes chromedp track
	// its main frame, which the document replaces.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, fmt.Errorf("open about:blank: %w", err)
	}
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("frame tree: %w", err)
	}
	if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
		return nil, errors.New("frame tree: the tab has no main frame")
	}
	if _, err := chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{
		FrameID: tree.FrameTree.Frame.ID, HTML: string(html),
	}); err != nil {
		return nil, fmt.Errorf("set document: %w", err)
	}
	if err := waitFonts(ctx); err != nil {
		return nil, err
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	return pdf, nil
}

// failAllRequests fails every request of the tab before it is sent, so a
// document that names a resource (crawled text is hostile) reaches
// nothing.
func failAllRequests(ctx context.Context) error {
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*"}},
	}); err != nil {
		return fmt.Errorf("block requests: %w", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return // the tab's context ended
			}
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{
				RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient,
			})
		}
	}()
	return nil
}

// waitFonts waits, at most fontsWait, until the document's fonts are
// loaded and laid out. DevTools evaluation runs with page scripts off.
func waitFonts(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, fontsWait)
	defer cancel()
	_, err := chromedp.Run(wctx, chromedp.Evaluate[string](
		`document.fonts.ready.then(function (f) { return f.status; })`, chromedp.EvalAwaitPromise))
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("wait for fonts: %w", err)
	case wctx.Err() != nil:
		return nil // print with what is there
	}
	return fmt.Errorf("wait for fonts: %w", err)
}

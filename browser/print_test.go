package browser

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// printPage is a one-page Chinese document that would grow by five pages
// if its script ran, and that names an image and a style sheet on a host
// the test site answers for.
const printPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>通知</title>
<link rel="stylesheet" href="http://print.example/style.css">
<style>@page { size: A4; margin: 25mm 20mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
h1 { color: #c00; text-align: center; }</style></head>
<body><h1>关于删除违法违规信息的通知</h1>
<p>经监测发现，贵平台存在涉嫌制售假冒特种作业操作证的信息。</p>
<img src="http://print.example/pic.png" alt="">
<script>
for (var i = 0; i < 5; i++) {
  var d = document.createElement("div");
  d.style.breakBefore = "page";
  d.textContent = "脚本插入的页";
  document.body.appendChild(d);
}
new Image().src = "http://print.example/script";
</script></body></html>`

// pdfPage matches a page object (not the /Pages tree) of a PDF.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// a4Box matches the MediaBox of an A4 page in points (210 × 297 mm).
var (
	a4Box       = regexp.MustCompile(`/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[[^\]]*\]`)
)

func printOne(t *testing.T, p *Pool, html string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	pdf, err := p.PrintPDF(ctx, []byte(html))
	if err != nil {
		t.Fatalf("PrintPDF: %v", err)
	}
	return pdf
}

// TestPrintPDF prints a Chinese page to A4 PDF without scripts or network,
// closes its tab, and leaves no process behind after Close.
func TestPrintPDF(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	// The site is the browser's proxy: Chromium itself refuses requests
	// from a blank page to a loopback address, which would hide a
	// request the print lets through.
	p, err := New(Options{Network: func() ([]chromedp.ExecAllocatorOption, error) {
		return []chromedp.ExecAllocatorOption{chromedp.ProxyServer(s.URL)}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			_ = p.Close()
		}
	}()

	pdf := printOne(t, p, printPage)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF- (%d bytes: %q)", len(pdf), pdf[:min(len(pdf), 16)])
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
		t.Errorf("the PDF has %d pages, want 1 (did the script run?)", n)
	}
	if m := a4Box.Find(pdf); m == nil {
		t.Errorf("no A4 page (595 × 842 pt) in the PDF: %q", pdfMediaBox.FindAll(pdf, -1))
	}
	if len(pdf) < 1000 || len(pdf) > 2<<20 {
		t.Errorf("PDF of %d bytes", len(pdf))
	}
	for _, path := range []string{"/style.css", "/pic.png", "/script"} {
		if n := s.count(path); n != 0 {
			t.Errorf("printing requested %s %d times; it must not reach the network", path, n)
		}
	}
	tabs := pageTabs(t, p)
	printOne(t, p, printPage) // a second print reuses the browser
	if got := pageTabs(t, p); got != tabs {
		t.Errorf("%d tabs open after a print, %d before: the print tab was not closed", got, tabs)
	}
	if st := p.Stats(); st.Starts != 1 || st.Tabs != 2 {
		t.Errorf("two prints: %+v, want one browser and two tabs", st)
	}

	_, dir, ok := p.Process()
	if !ok {
		t.Fatal("no browser runs after two prints")
	}
	closed = true
	if err := p.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if left := processesMentioning(dir); len(left) > 0 {
		t.Errorf("browser processes left after Close: %v", left)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("profile %s left after Close", dir)
	}
	if kids := childProcesses(); len(kids) > 0 {
		t.Errorf("child processes left after Close: %v", kids)
	}
	if _, err := p.PrintPDF(context.Background(), []byte(printPage)); !errors.Is(err, ErrClosed) {
		t.Errorf("PrintPDF after Close: %v, want ErrClosed", err)
	}
}

// TestPrintPDFRefused: a document too large, a pool without a browser
// and a closed pool fail at once with a clear error.
func TestPrintPDFRefused(t *testing.T) {
	p := newPool(t, Options{Chromium: "/nonexistent/chromium"})
	_, err := p.PrintPDF(context.Background(), make([]byte, MaxPrintHTML+1))
	if !errors.Is(err, ErrPrintTooLarge) || !strings.Contains(err.Error(), "8388609 bytes") {
		t.Errorf("large document: %v", err)
	}

	_, want := chromiumPath("/nonexistent/chromium")
	_, err = p.PrintPDF(context.Background(), []byte("<p>x</p>"))
	if err == nil || !strings.Contains(err.Error(), want.Error()) {
		t.Errorf("without a browser: %v, want the error of starting it: %v", err, want)
	}

	closed, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := closed.PrintPDF(context.Background(), []byte("<p>x</p>")); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v, want ErrClosed", err)
	}
}

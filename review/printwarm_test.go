package review_test

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/review"
)

// warmCounter is a printer that counts the requests to keep it warm.
type warmCounter struct{ warms atomic.Int32 }

func (p *warmCounter) PrintPDF(context.Context, []byte) ([]byte, error) {
	return []byte("%PDF-1.7"), nil
}
func (p *warmCounter) KeepWarm() { p.warms.Add(1) }

// TestPrinterWarmedByNoticePage: the queue does not start the print
// browser; a notice's page and the reports page have it kept warm (the
// browser's own test, browser.TestKeepWarm, times the prints and kills
// the browser).
func TestPrinterWarmedByNoticePage(t *testing.T) {
	printer := &warmCounter{}
	e := htNew(t, func(o *review.Options) { o.Printer = printer })
	a := e.htSimple("https://www.shop.example/a", casework.RouteTakedownCAC)
	cac := e.htLogin("cac")
	resp, body := cac.htGet("/cases")
	htExpect(t, "queue", resp, body, http.StatusOK, "")
	if n := printer.warms.Load(); n != 0 {
		t.Fatalf("the queue asked to warm the printer %d times", n)
	}
	resp, body = cac.htPost("/cases/"+htID(a)+"/decide", url.Values{"action": {"confirm"}})
	htExpect(t, "confirm", resp, body, http.StatusSeeOther, "")
	resp, body = cac.htGet("/notices/" + htID(e.htCase(a).NoticeID))
	htExpect(t, "notice page", resp, body, http.StatusOK, "")
	if n := printer.warms.Load(); n != 1 {
		t.Errorf("the notice page asked to warm the printer %d times, want 1", n)
	}
}

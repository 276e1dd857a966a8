package review

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// DefaultPrintTimeout is Options.PrintTimeout's default: long enough for
// a warm browser to print a long report on a busy machine (7–12 s were
// seen), short enough that nobody waits in front of a blank tab.
const DefaultPrintTimeout = 60 * time.Second

// printRetryAfter is the Retry-After of a print that timed out.
const printRetryAfter = 30 * time.Second

// printFailed answers a PDF that could not be printed. A print that ran
// out of time on every attempt (the browser busy, or a cold one starting)
// is no server fault: the page says so in Chinese with a link to try the
// same PDF again (retry) and one to the HTML version, 503 with
// Retry-After. Other failures (a broken document) stay server errors.
func (s *Server) printFailed(w http.ResponseWriter, r *http.Request, err error, retry, htmlURL string, tries int) {
	if !errors.Is(err, context.DeadlineExceeded) {
		s.serverError(w, r, err)
		return
	}
	s.log.Warn("print PDF timed out", "path", r.URL.Path, "timeout", s.opts.PrintTimeout, "attempts", tries, "err", err)
	status := http.StatusServiceUnavailable
	msg := fmt.Sprintf("生成 PDF 超时（已尝试 %d 次，每次超过 %s 秒）：浏览器正忙或正在启动，请稍后重试。", tries, strconvSeconds(s.opts.PrintTimeout))
	w.Header().Set("Retry-After", strconv.Itoa(int(printRetryAfter/time.Second)))
	s.render(w, r, status, "error", map[string]any{"Status": status, "Title": "PDF 暂时无法生成", "Message": msg,
		"Retry": retry, "RetryLabel": "重新生成 PDF", "Alt": htmlURL, "AltLabel": "打开 HTML 版本（可用浏览器打印）"})
}

func strconvSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Round(100*time.Millisecond).Seconds(), 'f', -1, 64)
}

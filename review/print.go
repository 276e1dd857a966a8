package review

import (
	"context"
	"errors"
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
// out of time (the browser busy, or a cold one starting) is no server
// fault: the page says so in Chinese with a link to try the same PDF
// again and one to the HTML version, 503 with Retry-After. Other
// failures (a broken document) stay server errors.
func (s *Server) printFailed(w http.ResponseWriter, r *http.Request, err error, htmlURL string) {
	switch {
	case r.Context().Err() != nil:
		return // the reader went away: nobody to answer
	case !errors.Is(err, context.DeadlineExceeded):
		s.serverError(w, r, err)
		return
	}
	s.log.Warn("print PDF timed out", "path", r.URL.Path, "timeout", s.opts.PrintTimeout, "err", err)
	status := http.StatusServiceUnavailable
	msg := "生成 PDF 超时（超过 " + strconvSeconds(s.opts.PrintTimeout) + " 秒）：浏览器正忙或正在启动，请稍后重试。"
	w.Header().Set("Retry-After", strconv.Itoa(int(printRetryAfter/time.Second)))
	s.render(w, r, status, "error", map[string]any{"Status": status, "Title": "PDF 暂时无法生成", "Message": msg,
		"Retry": r.URL.RequestURI(), "RetryLabel": "重新生成 PDF", "Alt": htmlURL, "AltLabel": "打开 HTML 版本（可用浏览器打印）"})
}

func strconvSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Round(100*time.Millisecond).Seconds(), 'f', -1, 64)
}

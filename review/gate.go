package review

import (
	"net/http"
	"runtime"
	"time"
)

// The queue (page and API) is the expensive request of a reviewer's day:
// a scan of the queue index when its answer is not cached and a page of
// up to 200 rows to render. Fifty at once used to run side by side, each
// taking fifty times as long, and every other page (a case page: a
// millisecond of work) waited behind them for the processor. At most
// queueSlots of them now run at once; the others wait their turn, up to
// queueWait, and are then answered 429 with Retry-After. Cheap pages are
// not held back.
var queueSlots = make(chan struct{}, max(2, 2*runtime.GOMAXPROCS(0)))

// queueWait bounds the wait for a queue slot.
var queueWait = 10 * time.Second // a variable for tests

// queueSlot takes a slot for an expensive queue request, or answers 429
// and returns ok false. release gives the slot back.
func (s *Server) queueSlot(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	select {
	case queueSlots <- struct{}{}:
		return func() { <-queueSlots }, true
	default:
	}
	t := time.NewTimer(queueWait)
	defer t.Stop()
	select {
	case queueSlots <- struct{}{}:
		return func() { <-queueSlots }, true
	case <-r.Context().Done():
		return nil, false
	case <-t.C:
		w.Header().Set("Retry-After", "5")
		s.fail(w, r, http.StatusTooManyRequests, "当前同时查看队列的人数过多，请稍后重试。")
		return nil, false
	}
}

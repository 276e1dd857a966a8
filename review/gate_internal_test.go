package review

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestQueueSlots: with every queue slot taken, a queue request waits,
// gets the slot given back meanwhile, or after queueWait a Chinese 429
// with Retry-After.
func TestQueueSlots(t *testing.T) {
	views, err := parseViews()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{views: views}
	defer func(d time.Duration) { queueWait = d }(queueWait)
	queueWait = 200 * time.Millisecond
	var held []func()
	for range cap(queueSlots) {
		release, ok := s.queueSlot(httptest.NewRecorder(), httptest.NewRequest("GET", "/cases", nil))
		if !ok {
			t.Fatal("a free slot was refused")
		}
		held = append(held, release)
	}
	w := httptest.NewRecorder()
	t0 := time.Now()
	if _, ok := s.queueSlot(w, httptest.NewRequest("GET", "/cases", nil)); ok {
		t.Fatal("a slot beyond the bound was given")
	}
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "请稍后重试") {
		t.Errorf("answer %d, Retry-After %q, body %.200q", w.Code, w.Header().Get("Retry-After"), w.Body.String())
	}
	if d := time.Since(t0); d < queueWait {
		t.Errorf("refused after %v, before waiting %v", d, queueWait)
	}
	// A slot given back while a request waits is taken by it.
	go func() { time.Sleep(50 * time.Millisecond); held[0]() }()
	release, ok := s.queueSlot(httptest.NewRecorder(), httptest.NewRequest("GET", "/cases", nil))
	if !ok {
		t.Fatal("a waiting request did not get the slot given back")
	}
	release()
	for _, r := range held[1:] {
		r()
	}
}

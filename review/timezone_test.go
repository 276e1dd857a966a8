package review

import (
	"html/template"
	"strings"
	"testing"
	"time"
)

// Issue 13: every time the UI shows is Beijing time with its zone, whatever
// the server's TZ (the test binary's TZ does not enter: the moment is UTC).
func TestTemplateTimesInBeijingWithZone(t *testing.T) {
	utc := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) // 10:00 in Beijing
	got := string(funcs["time"].(func(time.Time) template.HTML)(utc))
	if !strings.Contains(got, ">2026-03-10 10:00 +08:00<") || !strings.Contains(got, `datetime="2026-03-10T02:00:00Z"`) {
		t.Errorf("time = %s, want 2026-03-10 10:00 +08:00 with the UTC instant in datetime", got)
	}
	late := time.Date(2026, 3, 9, 16, 30, 0, 0, time.UTC) // already 10 March in Beijing
	if got := string(funcs["date"].(func(time.Time) template.HTML)(late)); !strings.Contains(got, ">2026-03-10<") {
		t.Errorf("date = %s, want Beijing's day 2026-03-10", got)
	}
}

package beijing

import (
	"testing"
	"time"
)

// The machine's zone must not matter: the same instant prints the same,
// with the zone shown, under TZ=UTC, TZ=America/New_York or none.
func TestFormatIgnoresMachineZone(t *testing.T) {
	instant := time.Date(2026, 12, 3, 7, 4, 5, 0, time.UTC) // 15:04:05 in Beijing
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no zone database: %v", err)
	}
	for _, tc := range []struct {
		name string
		t    time.Time
	}{
		{"utc", instant},
		{"new york", instant.In(ny)},
		{"local", instant.Local()},
		{"day before in utc", time.Date(2026, 12, 2, 16, 30, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantMin, wantDate := "2026-12-03 15:04:05 +08:00", "2026-12-03 15:04 +08:00", "2026-12-03"
			if tc.name == "day before in utc" {
				want, wantMin = "2026-12-03 00:30:00 +08:00", "2026-12-03 00:30 +08:00"
			}
			if got := Format(tc.t); got != want {
				t.Errorf("Format = %q, want %q", got, want)
			}
			if got := Minute(tc.t); got != wantMin {
				t.Errorf("Minute = %q, want %q", got, wantMin)
			}
			if got := Date(tc.t); got != wantDate {
				t.Errorf("Date = %q, want %q", got, wantDate)
			}
		})
	}
	if Format(time.Time{}) != "—" || Date(time.Time{}) != "—" || Minute(time.Time{}) != "—" {
		t.Error("the zero time should print as —")
	}
}

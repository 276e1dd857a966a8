// Package beijing prints moments for people: in Beijing time (UTC+8, no
// daylight saving) with the zone shown, whatever the machine's TZ is. Every
// time the CLI prints goes through Format or Date, so that a log read in a
// province office and one read on a UTC server say the same thing.
package beijing

import "time"

// Zone is Beijing time. A fixed offset rather than Asia/Shanghai: China has
// had no daylight saving since 1991, and it needs no zone database.
var Zone = time.FixedZone("CST", 8*60*60)

// Layout is how Format prints a moment: "2026-12-03 15:04:05 +08:00".
const Layout = "2006-01-02 15:04:05 -07:00"

// Format prints t in Beijing time with the zone, or "—" for the zero time.
func Format(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(Zone).Format(Layout)
}

// Minute prints t to the minute in Beijing time with the zone:
// "2026-12-03 15:04 +08:00" ("—" for the zero time).
func Minute(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(Zone).Format("2006-01-02 15:04 -07:00")
}

// Date prints the calendar day of t in Beijing ("2026-12-03"); a day needs
// no zone, but it is Beijing's day, not the machine's.
func Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(Zone).Format(time.DateOnly)
}

package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestQueueRowRoundTrip: every field of Case but the finding comes back
// from a queue row, so a field added to Case and forgotten by the row
// encoding fails here.
func TestQueueRowRoundTrip(t *testing.T) {
	var c Case
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch {
		case name == "Finding":
			f.SetBytes([]byte(`{"x":1}`))
		case f.Type() == reflect.TypeFor[time.Time]():
			f.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 6000+i, time.UTC)))
		case f.Kind() == reflect.String:
			f.SetString(fmt.Sprintf("%s 值 %d", name, i))
		case f.CanUint():
			f.SetUint(uint64(1000 + i*977))
		case f.CanInt():
			f.SetInt(int64(-5 - i))
		case f.CanFloat():
			f.SetFloat(31.25 + float64(i))
		default:
			t.Fatalf("field %s of kind %s: teach the test and encodeQueueRow", name, f.Kind())
		}
	}
	var tab rowStrings
	want := c
	want.Finding = nil
	got := decodeQueueRow(encodeQueueRow(&c, &tab), tab.strs)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("row round trip:\n got %+v\nwant %+v", got, want)
	}
	// The URL when it is the key (not stored twice), zero values, the
	// few-valued strings shared by rows.
	c2 := Case{ID: 7, Key: "https://a.example/x", URL: "https://a.example/x", Status: want.Status, Score: -0.5}
	got = decodeQueueRow(encodeQueueRow(&c2, &tab), tab.strs)
	if !reflect.DeepEqual(got, c2) {
		t.Fatalf("row round trip:\n got %+v\nwant %+v", got, c2)
	}
	if n := len(tab.strs); n != 12 { // "" and the 11 few-valued fields of c, c2's status shared
		t.Fatalf("row strings: %d, want 12: %q", n, tab.strs)
	}
}

// TestQueueRowTimes: a row's times are what decoding the stored JSON
// gives (no monotonic reading; UTC for a zero offset, else the offset),
// whatever location the written case's times had.
func TestQueueRowTimes(t *testing.T) {
	base := time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.UTC)
	times := []time.Time{
		{}, base, base.Local(), time.Now(), base.In(time.FixedZone("CST", 8*3600)),
		base.In(time.FixedZone("", -(3*3600 + 30*60))), time.Time{}.In(time.FixedZone("", 8*3600)),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Unix(0, 0).UTC(), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	if sh, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		times = append(times, base.In(sh))
	}
	for _, tm := range times {
		c := Case{ID: 1, FirstSeen: tm, LastSeen: tm, DecidedAt: tm, RemovalAt: tm}
		raw, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		var want Case
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		var tab rowStrings
		got := decodeQueueRow(encodeQueueRow(&c, &tab), tab.strs)
		for _, p := range [][2]time.Time{{got.FirstSeen, want.FirstSeen}, {got.LastSeen, want.LastSeen}, {got.DecidedAt, want.DecidedAt}, {got.RemovalAt, want.RemovalAt}} {
			g, w := p[0], p[1]
			gn, goff := g.Zone()
			wn, woff := w.Zone()
			if !g.Equal(w) || goff != woff || gn != wn || (g.Location() == time.Local) != (w.Location() == time.Local) ||
				(g.Location() == time.UTC) != (w.Location() == time.UTC) || g.IsZero() != w.IsZero() || (g == time.Time{}) != (w == time.Time{}) {
				t.Errorf("time %v: row gives %v (%s), JSON %v (%s)", tm, g, g.Location(), w, w.Location())
			}
			if gs, ws := g.String(), w.String(); gs != ws {
				t.Errorf("time %v: row gives %s, JSON %s", tm, gs, ws)
			}
		}
	}
}

package store

import (
	"encoding/binary"
	"math"
	"sync"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// The queue index's rows, compact (issue 13: serve under 500 MB with
// 100,000 cases). Each case is kept as one immutable string of varints
// and its own strings, the few-valued strings (source, category, status,
// routes, channel, dismissal reason, people, removal outcome) as ids into
// the index's row string table: about 130 bytes a case where a *Case
// took about 700 (its 440-byte struct and a dozen strings). The rows of
// an answered page are decoded (0.13 µs each); their long strings
// (key, URL, title…) are substrings of the row, not copies.
//
// A decoded row is the case as decoding its stored JSON gives it (without
// the finding, with SuggestedRoute and Channel set): times carry no
// monotonic reading, and their location is UTC for a zero offset, Local
// when Local has that offset at that instant, else a fixed zone, as
// time.Time's UnmarshalJSON does; TestQueueRowRoundTrip checks that every
// field of Case comes back.

// rowStrings is the index's table of the rows' few-valued strings: id 0
// is "". It only grows (under the index's write lock); a reader keeps the
// slice it saw, whose first entries never change.
type rowStrings struct {
	ids  map[string]uint32
	strs []string
}

func (t *rowStrings) id(s string) uint32 {
	if s == "" {
		return 0
	}
	if id, ok := t.ids[s]; ok {
		return id
	}
	if t.ids == nil {
		t.ids, t.strs = map[string]uint32{}, []string{""}
	}
	id := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.ids[s] = id
	return id
}

// encodeQueueRow encodes c (its Finding left out) with the strings of t.
func encodeQueueRow(c *Case, t *rowStrings) string {
	b := make([]byte, 0, 96+len(c.Key)+len(c.Title)+len(c.Recipient)+len(c.RemovalDetail))
	num := func(v uint64) { b = binary.AppendUvarint(b, v) }
	str := func(s string) { num(uint64(len(s))); b = append(b, s...) }
	tab := func(s string) { num(uint64(t.id(s))) }
	tm := func(v time.Time) {
		_, off := v.Zone()
		if v.IsZero() && off == 0 { // encoded "0001-01-01T00:00:00Z", decoded time.Time{}
			num(0)
			return
		}
		num(1)
		b = binary.AppendVarint(b, v.Unix())
		num(uint64(v.Nanosecond()))
		b = binary.AppendVarint(b, int64(off/60)) // as RFC 3339 keeps it: minutes
	}
	num(c.ID)
	str(c.Key)
	if c.URL == c.Key {
		num(0)
	} else {
		num(uint64(len(c.URL)) + 1)
		b = append(b, c.URL...)
	}
	tab(c.SourceID)
	tm(c.FirstSeen)
	tm(c.LastSeen)
	num(c.LastSweep)
	tab(c.Category)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.Score))
	str(c.Title)
	b = binary.AppendVarint(b, int64(c.Sightings))
	b = binary.AppendVarint(b, int64(c.Snapshots))
	num(c.LatestSnapshot)
	tab(string(c.Status))
	num(c.FirstSweep)
	tab(string(c.SuggestedRoute))
	tab(c.Channel)
	tab(string(c.Route))
	str(c.Recipient)
	tab(string(c.DismissReason))
	tab(c.ConfirmedBy)
	tab(c.ApprovedBy)
	tab(c.DecidedBy)
	tm(c.DecidedAt)
	num(c.NoticeID)
	tab(string(c.Removal))
	str(c.RemovalDetail)
	tm(c.RemovalAt)
	return string(b)
}

// rowReader reads a row.
type rowReader struct {
	s    string
	strs []string
}

func (r *rowReader) num() uint64 {
	var v uint64
	for shift := 0; ; shift += 7 {
		c := r.s[0]
		r.s = r.s[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
}

func (r *rowReader) snum() int64 {
	u := r.num()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (r *rowReader) str() string {
	n := r.num()
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *rowReader) tab() string {
	if id := r.num(); id != 0 {
		return r.strs[id]
	}
	return ""
}

// fixedZones are the fixed zones of decoded times, by offset (seconds).
var fixedZones sync.Map

func (r *rowReader) time() time.Time {
	if r.num() == 0 {
		return time.Time{}
	}
	sec, nsec, off := r.snum(), int64(r.num()), int(r.snum())*60
	t := time.Unix(sec, nsec)
	if off == 0 {
		return t.UTC()
	}
	if _, local := t.Zone(); local == off {
		return t
	}
	z, ok := fixedZones.Load(off)
	if !ok {
		z, _ = fixedZones.LoadOrStore(off, time.FixedZone("", off))
	}
	return t.In(z.(*time.Location))
}

// decodeQueueRow decodes a row made by encodeQueueRow with strs (the row
// string table when it was made, or later).
func decodeQueueRow(row string, strs []string) Case {
	r := rowReader{s: row, strs: strs}
	var c Case
	c.ID = r.num()
	c.Key = r.str()
	if n := r.num(); n == 0 {
		c.URL = c.Key
	} else {
		c.URL = r.s[:n-1]
		r.s = r.s[n-1:]
	}
	c.SourceID = r.tab()
	c.FirstSeen = r.time()
	c.LastSeen = r.time()
	c.LastSweep = r.num()
	c.Category = r.tab()
	var bits uint64
	for i := range 8 {
		bits |= uint64(r.s[i]) << (8 * i)
	}
	c.Score = math.Float64frombits(bits)
	r.s = r.s[8:]
	c.Title = r.str()
	c.Sightings = int(r.snum())
	c.Snapshots = int(r.snum())
	c.LatestSnapshot = r.num()
	c.Status = casework.CaseStatus(r.tab())
	c.FirstSweep = r.num()
	c.SuggestedRoute = casework.Route(r.tab())
	c.Channel = r.tab()
	c.Route = casework.Route(r.tab())
	c.Recipient = r.str()
	c.DismissReason = casework.DismissReason(r.tab())
	c.ConfirmedBy = r.tab()
	c.ApprovedBy = r.tab()
	c.DecidedBy = r.tab()
	c.DecidedAt = r.time()
	c.NoticeID = r.num()
	c.Removal = casework.Outcome(r.tab())
	c.RemovalDetail = r.str()
	c.RemovalAt = r.time()
	return c
}

package imitation

import (
	"testing"
	"time"
)

// TestSetKeptShot: only a reference a sweep kept with a screenshot of the
// same page (whatever the scheme and port) counts.
func TestSetKeptShot(t *testing.T) {
	page := DefaultPage("cx.mem.gov.cn")
	if page == nil {
		t.Fatal("no embedded page of cx.mem.gov.cn")
	}
	refs, err := Defaults(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &Set{}
	s.Add(refs...)
	if s.KeptShot("https://cx.mem.gov.cn/") {
		t.Error("an embedded reference counts as kept")
	}
	r, err := NewReference("http://cx.mem.gov.cn:8080/", page, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Keep(r, time.Now())
	if s.KeptShot("http://cx.mem.gov.cn/") {
		t.Error("a kept reference without a screenshot counts")
	}
	r2, err := NewReference("http://cx.mem.gov.cn:8080/", page, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r2.Hash, r2.HasHash = 1, true
	s.Keep(r2, time.Now())
	if !s.KeptShot("https://cx.mem.gov.cn/") || s.KeptShot("https://cx.mem.gov.cn/other") || s.KeptShot("https://zlaq.mohurd.gov.cn/") {
		t.Error("KeptShot does not match the kept page alone")
	}
}

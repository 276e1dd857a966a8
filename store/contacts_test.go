package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
)

func TestContactIndex(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	record := func(url string, contacts ...CaseContact) uint64 {
		t.Helper()
		o := observation(sweep, url, "出售电工证 "+url, clock.Now())
		o.FrontierURL = ""
		o.Contacts = contacts
		res, err := s.Record(o)
		if err != nil {
			t.Fatal(err)
		}
		return res.CaseID
	}
	wx := CaseContact{Kind: "wechat", Value: "seller-88"}
	a := record("https://a.example/1", wx, CaseContact{Kind: "phone", Value: "13900000001"})
	b := record("https://b.example/2", wx)
	c := record("https://c.example/3", CaseContact{Kind: "qq", Value: "13900000001"}) // same digits, another kind
	d := record("https://d.example/4", CaseContact{Kind: "phone", Value: "13900000001"}, CaseContact{Kind: "phone", Value: ""},
		CaseContact{Kind: "phone", Value: strings.Repeat("9", maxContactValue+1)})
	// Recording again (the next sweep, Batch retrying) adds nothing.
	record("https://a.example/1", wx)

	linked, err := s.LinkedCases(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(linked) != 2 || linked[0].CaseID != d || linked[1].CaseID != b ||
		linked[0].Shared[0] != (CaseContact{Kind: "phone", Value: "13900000001"}) || linked[1].Shared[0] != wx {
		t.Fatalf("linked to %d: %+v, want %d by phone and %d by wechat", a, linked, d, b)
	}
	if linked[1].URL != "https://b.example/2" || linked[1].Status != casework.CaseOpen || linked[1].First.IsZero() {
		t.Errorf("linked case fields %+v", linked[1])
	}
	if linked, err := s.LinkedCases(c); err != nil || len(linked) != 0 {
		t.Errorf("the QQ case is linked: %+v, %v", linked, err)
	}
	if cs, err := s.CaseContacts(d); err != nil || len(cs) != 1 {
		t.Errorf("contacts of %d: %+v, %v (empty and oversized values are not indexed)", d, cs, err)
	}
	if cs, err := s.CaseContacts(999); err != nil || len(cs) != 0 {
		t.Errorf("contacts of an unknown case: %+v, %v", cs, err)
	}
}

func TestModelChannelsStore(t *testing.T) {
	s, _ := openTest(t)
	if chs, err := s.ModelChannels(); err != nil || len(chs) != 0 {
		t.Fatalf("a new database has switches: %+v, %v", chs, err)
	}
	for _, tc := range []struct{ actor, category string }{{"", "exam_fraud"}, {"alice", ""}, {"alice", "Exam Fraud"}, {"alice", strings.Repeat("x", 65)}} {
		if err := s.SetModelChannel(tc.actor, tc.category, false); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetModelChannel(%q, %q): %v, want ErrInvalid", tc.actor, tc.category, err)
		}
	}
	if err := s.SetModelChannel("alice", "exam_fraud", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetModelChannel("bob", "exam_fraud", false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetModelChannel("alice", "cert_sale", false); err != nil {
		t.Fatal(err)
	}
	chs, err := s.ModelChannels()
	if err != nil || len(chs) != 2 || chs[0].Category != "cert_sale" || chs[1].Category != "exam_fraud" || chs[1].On || chs[1].By != "bob" {
		t.Fatalf("switches %+v, %v", chs, err)
	}
	es, err := s.AuditEntries(AuditFilter{ActionPrefix: "model.channel"})
	if err != nil || len(es) != 3 || es[1].Detail != "model channel off; was on" || es[1].Actor != "bob" {
		t.Errorf("audit %+v, %v", es, err)
	}
}

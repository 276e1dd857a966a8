package storetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
)

// testCaseFinding: CaseFinding (the case page's read) returns what Case
// returns, with the finding decoded as finding.Decode decodes it; nil
// for a case without one, an error for one that does not decode (the case
// page says why) and ErrNotFound for a case that does not exist.
func testCaseFinding(t *testing.T, b Backend) {
	sw := startSweep(t, b)
	want := &finding.Finding{URL: "http://shop.example/1", Flagged: true, Score: 0.93, Category: "fake_certificate",
		Route: casework.RouteTakedownCAC, Channel: "rules+model", Reasons: []string{"出售证书"}}
	enc, err := finding.Encode(want)
	if err != nil {
		t.Fatal(err)
	}
	o := observation(sw, "http://shop.example/1", "出售电工证 微信 abc12345")
	o.Finding = enc
	res, err := b.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	c, f, err := b.CaseFinding(res.CaseID)
	if err != nil {
		t.Fatalf("CaseFinding: %v", err)
	}
	if plain := mustCase(t, b, res.CaseID); !reflect.DeepEqual(c, plain) {
		t.Errorf("CaseFinding's case differs from Case's:\n%+v\n%+v", c, plain)
	}
	dec, err := finding.Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, dec) {
		t.Errorf("finding %+v, want %+v", f, dec)
	}
	if c.SuggestedRoute != casework.RouteTakedownCAC || c.Channel != "rules+model" {
		t.Errorf("suggested route %q, channel %q: not the finding's", c.SuggestedRoute, c.Channel)
	}

	// No finding: the case, and no finding.
	o = observation(sw, "http://shop.example/2", "出售焊工证")
	o.Finding = nil
	res, err = b.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	if c, f, err := b.CaseFinding(res.CaseID); err != nil || c == nil || f != nil {
		t.Errorf("case without a finding: %v, %v, %v", c, f, err)
	}

	// A finding that does not decode (rules that are not rule hits).
	o = observation(sw, "http://shop.example/3", "出售登高证")
	o.Finding = json.RawMessage(`{"score":0.9,"rules":["cert-sale"]}`)
	res, err = b.Record(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.CaseFinding(res.CaseID); err == nil {
		t.Error("a finding that does not decode gave no error")
	}
	mustCase(t, b, res.CaseID) // Case still reads it

	if _, _, err := b.CaseFinding(res.CaseID + 1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing case: %v, want ErrNotFound", err)
	}
}

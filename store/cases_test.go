package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/certwatch/certwatch/casework"
)

// TestCasesWithoutFindings: a listing without findings gives the same
// cases as one with them, minus the finding, with the suggested route
// read from it.
func TestCasesWithoutFindings(t *testing.T) {
	s, clock := openTest(t)
	sweep := startSweep(t, s)
	for i, f := range []string{
		`{"route":"takedown_samr","reasons":["a \"quoted\" }{ reason"],"matches":[{"start":1}]}`,
		`{"reasons":[],"route":"police_referral"}`,
		`{"flagged":true}`,
		``,
	} {
		o := observation(sweep, "https://x.example/"+string(rune('a'+i)), "offer", clock.Now())
		o.FrontierURL = ""
		o.Finding = nil
		if f != "" {
			o.Finding = json.RawMessage(f)
		}
		if _, err := s.Record(o); err != nil {
			t.Fatal(err)
		}
	}
	with, err := s.Cases(CaseFilter{WithFindings: true})
	if err != nil {
		t.Fatal(err)
	}
	without, err := s.Cases(CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantRoutes := map[string]casework.Route{"https://x.example/a": casework.RouteTakedownSAMR, "https://x.example/b": casework.RoutePoliceReferral}
	for i := range with {
		if with[i].Finding == nil && with[i].URL != "https://x.example/d" {
			t.Errorf("case %s lost its finding in the full listing", with[i].URL)
		}
		if without[i].Finding != nil {
			t.Errorf("case %s has a finding in the listing without findings", without[i].URL)
		}
		if without[i].SuggestedRoute != wantRoutes[without[i].URL] || with[i].SuggestedRoute != wantRoutes[with[i].URL] {
			t.Errorf("case %s: suggested route %q / %q, want %q", without[i].URL, without[i].SuggestedRoute, with[i].SuggestedRoute, wantRoutes[without[i].URL])
		}
		a, b := with[i], without[i]
		a.Finding = nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("case %d differs:\n%+v\n%+v", a.ID, a, b)
		}
	}
	one, err := s.Case(with[0].ID)
	if err != nil || string(one.Finding) != string(with[0].Finding) {
		t.Errorf("Case() finding %s, want %s (%v)", one.Finding, with[0].Finding, err)
	}
}

package sweep

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/internal/bidi"
	"github.com/certwatch/certwatch/store"
)

// A crawled title with U+202E reaches neither the e-mail text of a digest
// nor its webhook JSON raw; the override shows as ⟨U+202E⟩.
func TestDigestNeutralisesBidiControls(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)}
	st, err := store.Open(t.TempDir()+"/d.db", store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sw := &store.Sweep{}
	if err := st.StartSweep(sw); err != nil {
		t.Fatal(err)
	}
	f, _ := json.Marshal(map[string]any{"route": "takedown_cac"})
	if _, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: "k", URL: "http://a.example/\u2066x", Title: "办证\u202Egnp.exe\u200F",
		Status: 200, Body: []byte("x"), Score: 20, Category: "cert_sale", Finding: f}); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishSweep(sw.ID, "finished", nil); err != nil {
		t.Fatal(err)
	}
	d, err := BuildDigest(st, sw.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text(func(s string) string { return s })
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for what, s := range map[string]string{"text": text, "JSON": string(raw)} {
		if strings.ContainsFunc(s, bidi.IsControl) {
			t.Errorf("raw bidirectional control in the digest %s: %q", what, s)
		}
		if !strings.Contains(s, "⟨U+202E⟩") {
			t.Errorf("digest %s does not show the override: %q", what, s)
		}
	}
}

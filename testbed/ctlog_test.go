package testbed

import (
	"encoding/json"
	"net/http"
	"testing"

	ct "github.com/google/certificate-transparency-go"
)

// TestCTLogSameTreeEveryRun: the sample CT log serves the same tree in
// every run of the sample web (a demo run again must not see a forked
// log), and its entries over get-entries.
func TestCTLogSameTreeEveryRun(t *testing.T) {
	sth := func() ct.GetSTHResponse {
		w, err := Start(Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		c := client(t, w)
		var out ct.GetSTHResponse
		r := get(t, c, CTLogURL()+"/ct/v1/get-sth")
		if r.status != http.StatusOK || json.Unmarshal(r.body, &out) != nil {
			t.Fatalf("get-sth: %d %s", r.status, r.body)
		}
		e := get(t, c, CTLogURL()+"/ct/v1/get-entries?start=0&end=10")
		var entries ct.GetEntriesResponse
		if e.status != http.StatusOK || json.Unmarshal(e.body, &entries) != nil || len(entries.Entries) != len(ctLogNames) {
			t.Fatalf("get-entries: %d %.200s", e.status, e.body)
		}
		if bad := get(t, c, CTLogURL()+"/ct/v1/get-entries?start=9&end=10"); bad.status != http.StatusBadRequest {
			t.Errorf("get-entries past the end: %d", bad.status)
		}
		return out
	}
	a, b := sth(), sth()
	if a.TreeSize != uint64(len(ctLogNames)) || string(a.SHA256RootHash) != string(b.SHA256RootHash) || a.Timestamp != b.Timestamp {
		t.Errorf("two runs: %d %x @%d, %d %x @%d", a.TreeSize, a.SHA256RootHash, a.Timestamp, b.TreeSize, b.SHA256RootHash, b.Timestamp)
	}
}

package imitation

import (
	"os"
	"strings"
	"testing"
)

// TestReadEntriesBlindLabels: the blind labelled set's labels.jsonl (with
// its labellers' notes) is read as it is committed; only the labels are
// read here, never the verdict on them (the set is for measuring).
func TestReadEntriesBlindLabels(t *testing.T) {
	f, err := os.Open("../../testdata/imitation/blind/labels.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, err := ReadEntries(f, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, e := range es {
		n[e.Label]++
		if e.Note == "" {
			t.Errorf("%s: no note", e.File)
		}
	}
	if len(es) < 40 || n["imitation"] == 0 || n["legitimate"] == 0 || n["imitation"]+n["legitimate"] != len(es) {
		t.Errorf("%d entries, labels %v", len(es), n)
	}
	// An unknown key is still refused, with its line.
	if _, err := ReadEntries(strings.NewReader(`{"file": "a.html", "url": "http://a/"}`+"\n"+`{"file": "b.html", "url": "http://b/", "lable": "x"}`), 10); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("unknown key: %v", err)
	}
}

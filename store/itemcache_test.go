package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDecodeItemCache: an item decoded from the cache equals a fresh
// decoding of the same bytes, and its Meta is the caller's own.
func TestDecodeItemCache(t *testing.T) {
	items := []FrontierItem{
		{URL: "http://a.example/", State: FrontierPending},
		{URL: "http://a.example/x", SourceID: "s", Depth: 3, Render: true, Kind: "listing", Meta: map[string]string{"title": "证书"}, State: FrontierDone, Outcome: "ok"},
		{URL: "http://a.example/y", Meta: map[string]string{}, State: FrontierPending},
	}
	for _, want := range items {
		data, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var fresh FrontierItem
		if err := json.Unmarshal(data, &fresh); err != nil {
			t.Fatal(err)
		}
		for range 3 { // the first decodes, the others hit the cache
			var got FrontierItem
			if err := decodeItem(data, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, fresh) {
				t.Fatalf("decoded %+v, want %+v", got, fresh)
			}
			if got.Meta != nil {
				got.Meta["title"] = "changed by the caller"
			}
		}
	}
	if err := decodeItem([]byte(`{"url":`), new(FrontierItem)); err == nil {
		t.Fatal("bad JSON decoded without an error")
	}
}

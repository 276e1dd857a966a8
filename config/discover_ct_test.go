package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDiscoverCTAndWatchKeys(t *testing.T) {
	base := "database: cw.db\nsources:\n  - {id: a, type: urls, urls: [\"http://a.example/\"]}\n"
	c, err := Parse("/etc/cw/c.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if c.Discover.CT != nil || c.Discover.Watch != nil {
		t.Errorf("default discover %+v: want CT and watch off", c.Discover)
	}
	c, err = Parse("/etc/cw/c.yaml", []byte("discover:\n  ct:\n    logs:\n      - {url: \"https://ct.example/log\", public_key: \"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\"}\n"+
		"      - {url: \"http://127.0.0.1:9000\", start_at_head: true}\n    max_entries: 500\n    hosts: [cx.mem.gov.cn]\n  watch: {}\n"+base))
	if err != nil {
		t.Fatal(err)
	}
	ct, w := c.Discover.CT, c.Discover.Watch
	if ct == nil || len(ct.Logs) != 2 || ct.Logs[0].PublicKey == "" || !ct.Logs[1].StartAtHead || ct.MaxEntries != 500 || ct.MaxQueued != 500 ||
		ct.Timeout != 2*time.Minute || ct.RequestTimeout != 20*time.Second || ct.State != filepath.Join("/etc/cw", "ct-state.json") || len(ct.Hosts) != 1 ||
		ct.Names != filepath.Join("/etc/cw", "ct-names.json") || ct.Recheck != 30*24*time.Hour {
		t.Errorf("discover.ct %+v", ct)
	}
	if w == nil || w.MaxHosts != 200 || w.Category != DefaultWatchCategory || !w.Moves {
		t.Errorf("discover.watch %+v", w)
	}
	c, err = Parse("/etc/cw/c.yaml", []byte("discover:\n  ct: {logs: [{url: \"http://l.example/\"}], state: /var/ct.json}\n  watch: {max_hosts: 5, moves: false}\n"+base))
	if err != nil || c.Discover.CT.State != "/var/ct.json" || c.Discover.Watch.MaxHosts != 5 || c.Discover.Watch.Moves {
		t.Errorf("discover %+v, %v", c.Discover, err)
	}
	for _, bad := range []string{
		"discover: {ct: {}}",
		"discover: {ct: {logs: [{url: ftp://x.example/}]}}",
		"discover: {ct: {logs: [{url: \"http://x.example/\", public_key: \"not base64!\"}]}}",
		"discover: {ct: {logs: [{url: \"http://x.example/\"}], max_entries: 0}}",
		"discover: {ct: {logs: [{url: \"http://x.example/\", extra: 1}]}}",
		"discover: {ct: {logs: [{url: \"http://x.example/\"}], recheck: 1m}}",
		"discover: {watch: {max_hosts: 100000}}",
		"discover: {watch: {sleep: 1}}",
	} {
		if _, err := Parse("c.yaml", []byte(bad+"\n"+base)); err == nil || !strings.Contains(err.Error(), "discover") {
			t.Errorf("%s: accepted or unclear: %v", bad, err)
		}
	}
}

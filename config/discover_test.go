package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDiscoverKey(t *testing.T) {
	base := "database: cw.db\nsources:\n  - {id: a, type: urls, urls: [\"http://a.example/\"]}\n"
	c, err := Parse("/etc/cw/c.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if c.Discover.QR || c.Discover.Lookalike != nil {
		t.Errorf("default discover %+v: want everything off", c.Discover)
	}
	c, err = Parse("/etc/cw/c.yaml", []byte("discover:\n  qr: true\n  qr_max_images: 4\n  lookalike: {resolver: \"127.0.0.1:5353\", hosts: [cx.mem.gov.cn]}\n"+base))
	if err != nil {
		t.Fatal(err)
	}
	l := c.Discover.Lookalike
	if !c.Discover.QR || c.Discover.QRMaxImages != 4 || l == nil || l.Resolver != "127.0.0.1:5353" || l.QPS != 20 || l.MaxNames != 500 ||
		l.Timeout != 2*time.Minute || l.State != filepath.Join("/etc/cw", "lookalike-state.json") || len(l.Hosts) != 1 {
		t.Errorf("discover %+v, lookalike %+v", c.Discover, l)
	}
	for _, bad := range []string{
		"discover: {qr_max_images: 1000}",
		"discover: {lookalike: {resolver: dns.example}}",
		"discover: {lookalike: {qps: 5}}",
		"discover: {lookalike: {resolver: resolve, qps: 0}}",
		"discover: {nonsense: true}",
	} {
		if _, err := Parse("c.yaml", []byte(bad+"\n"+base)); err == nil || !strings.Contains(err.Error(), "discover") {
			t.Errorf("%s: accepted or unclear: %v", bad, err)
		}
	}
}

package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReferralKey(t *testing.T) {
	base := "database: cw.db\nsources:\n  - {id: a, type: urls, urls: [\"http://a.example/\"]}\n"
	c, err := Parse("/etc/cw/c.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if r := c.ReferralSettings(); c.Referral != nil || !r.HostFacts || r.Timeout != 20*time.Second || len(r.WHOIS) != 0 || r.IPDB != "" {
		t.Errorf("default referral %+v", r)
	}
	c, err = Parse("/etc/cw/c.yaml", []byte("referral:\n  resolver: \"127.0.0.1:5353\"\n  whois: {cn: \"whois.cnnic.cn:43\", \"*\": \"127.0.0.1:4343\"}\n  ipdb: asn.mmdb\n  part_timeout: 2s\n  max_whois: 16KiB\n"+base))
	if err != nil {
		t.Fatal(err)
	}
	r := c.ReferralSettings()
	if !r.HostFacts || r.Resolver != "127.0.0.1:5353" || r.WHOIS["cn"] != "whois.cnnic.cn:43" || r.WHOIS["*"] != "127.0.0.1:4343" ||
		r.IPDB != filepath.Join("/etc/cw", "asn.mmdb") || r.PartTimeout != 2*time.Second || r.Timeout != 20*time.Second || r.MaxWHOIS != 16<<10 {
		t.Errorf("referral %+v", r)
	}
	if c, err := Parse("c.yaml", []byte("referral: {host_facts: false}\n"+base)); err != nil || c.ReferralSettings().HostFacts {
		t.Errorf("host_facts: false: %+v, %v", c, err)
	}
	for _, bad := range []string{
		"referral: {resolver: dns.example}",
		"referral: {whois: {cn: whois.cnnic.cn}}",
		"referral: {whois: [cn]}",
		"referral: {timeout: 1h}",
		"referral: {max_whois: 10MiB}",
		"referral: {nonsense: true}",
	} {
		if _, err := Parse("c.yaml", []byte(bad+"\n"+base)); err == nil || !strings.Contains(err.Error(), "referral") {
			t.Errorf("%s: accepted or unclear: %v", bad, err)
		}
	}
}

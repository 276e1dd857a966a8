package testbed

import (
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// TestReferralParts: the config names the sample web's WHOIS server for
// every TLD and its IP database; the server answers a query for a
// domain with a registration record, the database exists while the web
// runs, and both are gone after Close.
func TestReferralParts(t *testing.T) {
	w, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := parseConfig(t, w.Config("c.db"))
	if cfg.Referral.WHOIS["*"] != w.WHOISAddr() || cfg.Referral.IPDB == "" {
		t.Fatalf("referral key %+v", cfg.Referral)
	}
	if _, err := os.Stat(cfg.Referral.IPDB); err != nil {
		t.Fatal(err)
	}
	c, err := net.DialTimeout("tcp", w.WHOISAddr(), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, HostLookalike+"\r\n")
	b, err := io.ReadAll(c)
	c.Close()
	if err != nil || !strings.Contains(string(b), "Domain Name: "+HostLookalike) || !strings.Contains(string(b), "Registration Time:") {
		t.Errorf("WHOIS answer %q, %v", b, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cfg.Referral.IPDB); !os.IsNotExist(err) {
		t.Errorf("the IP database outlives the web: %v", err)
	}
	if c, err := net.DialTimeout("tcp", w.WHOISAddr(), time.Second); err == nil {
		c.Close()
		t.Error("the WHOIS server outlives the web")
	}
}

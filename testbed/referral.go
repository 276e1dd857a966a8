package testbed

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/certwatch/certwatch/evidence/hostfacts/hostfactstest"
)

// The sample web's referral materials (issue 14, part 3): a WHOIS server
// on loopback answering for every domain, and an offline IP database
// naming the (fictional) provider hosting 127.0.0.0/8, so that a sweep of
// the sample web collects every host fact but the TLS certificate (the
// sample web speaks plain HTTP).

// DemoHosting is the provider the sample web's IP database names for its
// addresses: fictional, in the private-use AS range.
var DemoHosting = hostfactstest.Provider{Network: "127.0.0.0/8", ASN: 64512, ASOrg: "EXAMPLE-CLOUD-AS",
	ISP: "示例云主机服务有限公司（演示数据）", Country: "CN"}

// referralParts are the WHOIS server and the IP database of a Web.
type referralParts struct {
	whois     string // host:port
	stopWHOIS func()
	dir       string // holds the IP database
	ipdb      string
}

// whoisAnswer is the sample web's WHOIS answer: a domain registered days
// ago by a private person, as imitation sites' are.
func whoisAnswer(query string, w io.Writer) {
	q := strings.ToLower(strings.TrimSpace(query))
	if len(q) > 253 {
		q = q[:253]
	}
	fmt.Fprintf(w, "Domain Name: %s\r\nROID: 20261120s10001s00000000-cn\r\nDomain Status: ok\r\nRegistrant: 王某（演示数据）\r\n"+
		"Registrant Contact Email: fake-reg@mail.example\r\nSponsoring Registrar: 示例注册服务机构（演示数据）\r\n"+
		"Name Server: ns1.example-dns.example\r\nRegistration Time: 2026-11-20 08:00:00\r\nExpiration Time: 2027-11-20 08:00:00\r\n", q)
}

func (w *Web) startReferral() error {
	addr, stop, err := hostfactstest.StartWHOIS(whoisAnswer)
	if err != nil {
		return fmt.Errorf("testbed: whois: %w", err)
	}
	dir, err := os.MkdirTemp("", "certwatch-testbed-")
	if err != nil {
		stop()
		return err
	}
	path := filepath.Join(dir, "demo-ip.mmdb")
	if err := hostfactstest.WriteMMDB(path, DemoHosting); err != nil {
		stop()
		os.RemoveAll(dir)
		return fmt.Errorf("testbed: IP database: %w", err)
	}
	w.referral = referralParts{whois: addr, stopWHOIS: stop, dir: dir, ipdb: path}
	return nil
}

func (w *Web) stopReferral() {
	if w.referral.stopWHOIS != nil {
		w.referral.stopWHOIS()
	}
	if w.referral.dir != "" {
		os.RemoveAll(w.referral.dir)
	}
}

// WHOISAddr is the host:port of the sample web's WHOIS server.
func (w *Web) WHOISAddr() string { return w.referral.whois }

// referralConfig is the config's referral key: WHOIS for every TLD the
// sample web uses, and its IP database.
func (w *Web) referralConfig() string {
	return fmt.Sprintf("# Issue 14: what a police referral of an imitation site records about its host.\n"+
		"referral:\n  whois: {\"*\": %s}\n  ipdb: %s\n  part_timeout: 3s\n", yamlString(w.referral.whois), yamlString(w.referral.ipdb))
}

package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// startLookalikeDNS serves the given names (A 192.0.2.7) and NXDOMAIN for
// everything else, on 127.0.0.1.
func startLookalikeDNS(t *testing.T, registered ...string) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, n := range registered {
		known[dns.Fqdn(n)] = true
	}
	started := make(chan struct{})
	srv := &dns.Server{PacketConn: pc, NotifyStartedFunc: func() { close(started) },
		Handler: dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
			m := new(dns.Msg)
			m.SetReply(req)
			q := req.Question[0]
			switch {
			case !known[strings.ToLower(q.Name)]:
				m.Rcode = dns.RcodeNameError
			case q.Qtype == dns.TypeA:
				rr, _ := dns.NewRR(q.Name + " 60 IN A 192.0.2.7")
				m.Answer = append(m.Answer, rr)
			}
			_ = w.WriteMsg(m)
		})}
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })
	return pc.LocalAddr().String()
}

func TestLookalikeCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "", "lookalike", "cx.mem.gov.cn", "--max", "100")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"共生成 100 个仿冒候选域名", "子域嵌套", "cx.mem.gov.cn.com\t子域嵌套\tcx.mem.gov.cn", "cx-mem-gov.cn\t加连字符"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, "", "lookalike", "localhost"); code != 2 {
		t.Errorf("bad host: exit %d, want 2", code)
	}

	addr := startLookalikeDNS(t, "cx-mem-gov.cn", "cx.mem.gov.cn.com")
	state := filepath.Join(t.TempDir(), "lookalike.json")
	args := []string{"lookalike", "cx.mem.gov.cn", "--max", "100", "--resolve", "--dns", addr, "--qps", "1000", "--state", state}
	code, out, errOut = runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "检查 100 个域名") || !strings.Contains(out, "已注册 2，未注册 98，超时 0") {
		t.Errorf("summary:\n%s", out)
	}
	if !strings.Contains(out, "cx-mem-gov.cn\t192.0.2.7\tcx-mem-gov.cn 疑似仿冒官方查询网址 cx.mem.gov.cn（加连字符）") {
		t.Errorf("registered line missing:\n%s", out)
	}
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	var saved struct {
		Entries map[string]struct {
			Status string `json:"status"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(data, &saved); err != nil || len(saved.Entries) != 100 || saved.Entries["cx-mem-gov.cn"].Status != "registered" {
		t.Fatalf("state: %d entries, err %v", len(saved.Entries), err)
	}
	// Nothing is due again right away.
	code, out, _ = runCLI(t, "", args...)
	if code != 0 || !strings.Contains(out, "检查 0 个域名") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
}

package crawler

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// internalSecret is what the "internal service" serves: it must never be
// fetched by a crawl that does not allow it.
const internalSecret = "INTERNAL-SECRET-7f3a"

// newInternalService is a service on 127.0.0.1 that a crawled page tries
// to reach; its site records every request.
func newInternalService(t *testing.T) *site {
	t.Helper()
	in := newSite(t)
	in.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*") // readable by fetch() if reached
		in.writeHTML(w, "<title>internal</title><p>"+internalSecret+"</p>")
	})
	return in
}

func hitCount(s *site) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.hits)
}

// hostileSite serves pages (under the allowed host evil.example) that try
// to reach target in every way a page can.
func hostileSite(t *testing.T, target string) *site {
	t.Helper()
	s := newSite(t)
	s.handle("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	})
	s.html("/refresh", `<html><head><meta http-equiv="refresh" content="0; url=`+target+`"><title>刷新</title></head><body><p>原页面：办证包过</p></body></html>`)
	s.html("/location", `<html><head><title>跳转</title></head><body><p>原页面：办证包过</p><script>location.href = "`+target+`";</script></body></html>`)
	// fetch() is asynchronous; the synchronous XHR (which blocks the
	// parser until it is decided) makes the "failed" line deterministic.
	s.html("/fetch", `<html><head><title>请求</title></head><body><p>原页面：办证包过</p><p id="out">未取到</p>
<script>fetch("`+target+`").then(function (r) { return r.text(); }).then(function (t) { document.getElementById("out").textContent = t; }, function (e) { document.getElementById("out").textContent = "失败"; });</script>
<p id="xhr">未取到</p><script>var x = new XMLHttpRequest(); x.open("GET", "`+target+`", false);
try { x.send(); document.getElementById("xhr").textContent = x.responseText; } catch (e) { document.getElementById("xhr").textContent = "同步请求失败"; }</script>
<iframe src="`+target+`"></iframe></body></html>`)
	return s
}

// TestRefuseInternalAddresses plays a hostile page on an allowed host that
// tries to reach a service on 127.0.0.1 by redirect, meta refresh, script
// navigation, fetch() and a frame, with both engines: nothing reaches the
// service, the secret is in no result, every refusal is counted; with the
// service's network in AllowInternal it is reachable.
func TestRefuseInternalAddresses(t *testing.T) {
	in := newInternalService(t)
	target := in.URL + "/secret"
	s := hostileSite(t, target)
	opts := s.options("evil.example")
	// A name that resolve maps to the service is refused too: resolve
	// says where a name is, not that it may be reached.
	opts.Resolve["mapped.example"] = in.addr()
	opts.ResolveOnly = false
	opts.AllowInternal = []string{"evil.example"}
	// A meta refresh starts after the load event: the default settle
	// time (500ms) leaves it ample room to be tried (and refused, and
	// counted) before the snapshot.
	opts.Render.Settle = 0
	c := newCrawler(t, opts)

	type want struct {
		outcome Outcome
		text    string // on the page when it is kept
	}
	cases := []struct {
		name   string
		req    Request
		render bool
		want   want
	}{
		{"static redirect", Request{URL: "http://evil.example/redirect"}, false, want{OutcomeBlockedAddress, ""}},
		{"static literal", Request{URL: target}, false, want{OutcomeBlockedAddress, ""}},
		{"static mapped name", Request{URL: "http://mapped.example/secret"}, false, want{OutcomeBlockedAddress, ""}},
		{"rendered redirect", Request{URL: "http://evil.example/redirect", Render: true}, true, want{OutcomeBlockedAddress, ""}},
		{"rendered literal", Request{URL: target, Render: true}, true, want{OutcomeBlockedAddress, ""}},
		{"meta refresh", Request{URL: "http://evil.example/refresh", Render: true}, true, want{OutcomeOK, "原页面：办证包过"}},
		{"script location", Request{URL: "http://evil.example/location", Render: true}, true, want{OutcomeOK, "原页面：办证包过"}},
		{"fetch and frame", Request{URL: "http://evil.example/fetch", Render: true}, true, want{OutcomeOK, "原页面：办证包过"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.render {
				needChromium(t)
			}
			res := fetchOne(t, c, tc.req)
			if res.Outcome != tc.want.outcome {
				t.Fatalf("outcome %s (%v), want %s", res.Outcome, res.Err, tc.want.outcome)
			}
			if res.Outcome == OutcomeBlockedAddress && !errors.Is(res.Err, ErrBlockedAddress) {
				t.Errorf("error %v does not wrap ErrBlockedAddress", res.Err)
			}
			if res.Refused < 1 || len(res.RefusedURLs) < 1 {
				t.Errorf("refused %d %q, want at least one", res.Refused, res.RefusedURLs)
			}
			if strings.Contains(string(res.Body), internalSecret) || (res.Page != nil && strings.Contains(res.Page.Text, internalSecret)) {
				t.Errorf("the secret was fetched: %q", res.Body)
			}
			if tc.want.text != "" && (res.Page == nil || !strings.Contains(res.Page.Text, tc.want.text)) {
				t.Errorf("the page was not kept as it was: %v", res.Page)
			}
			if tc.name == "fetch and frame" && !strings.Contains(res.Page.Text, "同步请求失败") {
				t.Errorf("fetch() did not fail: %q", res.Page.Text)
			}
			if n := hitCount(in); n != 0 {
				t.Errorf("the internal service got %d requests", n)
			}
		})
	}
	st := c.Stats()
	if st.Failed[OutcomeBlockedAddress] == 0 || st.RefusedRequests < int64(len(cases)) {
		t.Errorf("stats: failed %v, refused %d (want ≥ %d)", st.Failed, st.RefusedRequests, len(cases))
	}

	t.Run("allowed", func(t *testing.T) {
		opts := s.options("evil.example")
		opts.ResolveOnly = false
		opts.AllowInternal = []string{"evil.example", "127.0.0.1/32"}
		c := newCrawler(t, opts)
		res := fetchOne(t, c, Request{URL: "http://evil.example/redirect"})
		if res.Outcome != OutcomeOK || !strings.Contains(res.Page.Text, internalSecret) || res.Refused != 0 {
			t.Fatalf("static with the network allowed: %s %v refused %d", res.Outcome, res.Err, res.Refused)
		}
		needChromium(t)
		res = fetchOne(t, c, Request{URL: "http://evil.example/fetch", Render: true})
		if res.Outcome != OutcomeOK || !strings.Contains(res.Page.Text, internalSecret) || res.Refused != 0 {
			t.Fatalf("rendered with the network allowed: %s %v refused %d %q", res.Outcome, res.Err, res.Refused, res.Page)
		}
	})
}

// TestGateRefusesAtDialTime speaks SOCKS5 to the browser's gate as
// Chromium does, for a loopback target the per-tab check never saw (as
// after a DNS answer that changed): the gate refuses it where it dials.
func TestGateRefusesAtDialTime(t *testing.T) {
	in := newInternalService(t)
	r := newResolver(map[string]string{"rebind.example": in.addr()}, false)
	r.policy = &netPolicy{hosts: map[string]bool{}}
	g, err := startSocksGate(r)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, target := range []string{"rebind.example", "127.0.0.1"} {
		c, err := net.Dial("tcp", strings.TrimPrefix(g.URL(), "socks5://"))
		if err != nil {
			t.Fatal(err)
		}
		_, port, _ := net.SplitHostPort(in.addr())
		var p uint16
		fmt.Sscan(port, &p)
		msg := []byte{5, 1, 0, 5, 1, 0, 3, byte(len(target))}
		msg = append(msg, target...)
		msg = binary.BigEndian.AppendUint16(msg, p)
		if _, err := c.Write(msg); err != nil {
			t.Fatal(err)
		}
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		reply := make([]byte, 12)
		if _, err := io.ReadFull(c, reply); err != nil {
			t.Fatal(err)
		}
		c.Close()
		if reply[0] != 5 || reply[1] != 0 || reply[3] != socksNotAllowed {
			t.Errorf("%s: reply %v, want method 0 then code %d (not allowed)", target, reply, socksNotAllowed)
		}
	}
	if n := hitCount(in); n != 0 {
		t.Errorf("the internal service got %d requests", n)
	}
}

// TestResolveCheckedDialsCheckedAddresses: a name whose DNS answer mixes
// public and internal addresses may only be dialed at the public ones,
// and one with internal addresses only is refused; the addresses
// returned are what is dialed (no second lookup).
func TestResolveCheckedDialsCheckedAddresses(t *testing.T) {
	r := newResolver(nil, false)
	r.lookup = func(ctx context.Context, network, host string) ([]netip.Addr, error) {
		switch host {
		case "mixed.example":
			return []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("::ffff:10.0.0.1")}, nil
		case "inside.example":
			return []netip.Addr{netip.MustParseAddr("169.254.169.254"), netip.MustParseAddr("fd00::1")}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	got, err := r.resolveChecked(context.Background(), "mixed.example", "80")
	if err != nil || len(got) != 1 || got[0] != "93.184.216.34:80" {
		t.Errorf("mixed: %q %v", got, err)
	}
	if _, err := r.resolveChecked(context.Background(), "inside.example", "80"); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("inside: %v, want ErrBlockedAddress", err)
	}
	r.policy, _ = parseAllowInternal([]string{"*.example"})
	if got, err := r.resolveChecked(context.Background(), "a.inside.example", "80"); err == nil {
		t.Errorf("a.inside.example resolved to %q without a DNS answer", got)
	}
	if got, err := r.resolveChecked(context.Background(), "inside.example", "80"); err != nil || len(got) != 2 {
		t.Errorf("allowed by *.example: %q %v", got, err)
	}
}

func TestAddressPolicy(t *testing.T) {
	p, err := parseAllowInternal([]string{"10.9.0.0/16", "192.168.1.5", "intranet.example", "*.lab.example"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		host, addr string
		refused    bool
	}{
		{"a.example", "93.184.216.34", false},
		{"a.example", "2606:2800:220:1::1", false},
		{"a.example", "127.0.0.1", true},
		{"a.example", "127.8.9.10", true},
		{"a.example", "::1", true},
		{"a.example", "0.0.0.0", true},
		{"a.example", "::", true},
		{"a.example", "10.1.2.3", true},
		{"a.example", "172.31.255.255", true},
		{"a.example", "192.168.0.1", true},
		{"a.example", "100.64.0.1", true},
		{"a.example", "169.254.169.254", true},
		{"a.example", "fe80::1", true},
		{"a.example", "fd12::1", true},
		{"a.example", "224.0.0.1", true},
		{"a.example", "ff02::1", true},
		{"a.example", "255.255.255.255", true},
		{"a.example", "198.18.0.1", true},
		{"a.example", "192.0.0.8", true},
		{"a.example", "::ffff:127.0.0.1", true},
		{"a.example", "::ffff:93.184.216.34", false},
		{"a.example", "64:ff9b::7f00:1", true},     // NAT64 of 127.0.0.1
		{"a.example", "64:ff9b::5db8:d822", false}, // NAT64 of a public address
		{"a.example", "2002:a00:1::1", true},       // 6to4 of 10.0.0.1
		{"a.example", "::7f00:1", true},            // IPv4-compatible
		{"a.example", "10.9.3.4", false},           // allowed network
		{"a.example", "192.168.1.5", false},        // allowed address
		{"a.example", "192.168.1.6", true},
		{"intranet.example", "10.1.1.1", false},  // allowed host
		{"x.intranet.example", "10.1.1.1", true}, // only the host itself
		{"db.lab.example", "127.0.0.1", false},   // *.lab.example
		{"lab.example", "127.0.0.1", true},
	} {
		err := p.checkAddr(tc.host, netip.MustParseAddr(tc.addr))
		if (err != nil) != tc.refused || (err != nil && !errors.Is(err, ErrBlockedAddress)) {
			t.Errorf("%s at %s: %v, want refused %v", tc.host, tc.addr, err, tc.refused)
		}
	}
	for _, bad := range []string{"", "10.0.0.0/33", "not a host", "a..b"} {
		if CheckAllowInternal(bad) == nil {
			t.Errorf("AllowInternal %q accepted", bad)
		}
	}
	if _, err := New(Options{AllowInternal: []string{"10.0.0.0/99"}}); !errors.Is(err, ErrOptions) {
		t.Errorf("New with a bad AllowInternal: %v", err)
	}
}

// TestRefuseInternalThroughProxy: through an operator's proxy, which
// resolves names itself, internal IP literals are refused before the
// request leaves (the proxy itself, on loopback, is reachable).
func TestRefuseInternalThroughProxy(t *testing.T) {
	proxy := newSite(t)
	proxy.handle("/", func(w http.ResponseWriter, r *http.Request) {
		proxy.writeHTML(w, `<p>经代理</p><script>var x = new XMLHttpRequest(); x.open("GET", "http://10.1.2.3/secret", false);
try { x.send(); document.body.append("取到"); } catch (e) { document.body.append("失败"); }</script>`)
	})
	c := newCrawler(t, Options{Proxy: proxy.URL, PerHostDelay: -1, Retries: -1,
		Render: RenderOptions{Settle: 200 * time.Millisecond}})
	for _, render := range []bool{false, true} {
		if render {
			needChromium(t)
		}
		for _, u := range []string{"http://169.254.169.254/latest/meta-data/", "http://localhost:8080/", "http://[::ffff:127.0.0.1]/"} {
			res := fetchOne(t, c, Request{URL: u, Render: render})
			if res.Outcome != OutcomeBlockedAddress || res.Refused != 1 {
				t.Errorf("render %v: %s through the proxy: %s %v", render, u, res.Outcome, res.Err)
			}
		}
	}
	if n := hitCount(proxy); n != 0 {
		t.Errorf("the proxy got %d requests for internal addresses", n)
	}
	res := fetchOne(t, c, Request{URL: "http://far.example/page", Render: true})
	if res.Outcome != OutcomeOK || !strings.Contains(res.Page.Text, "失败") || res.Refused != 1 {
		t.Errorf("rendered through the proxy: %s %v, refused %d, text %q", res.Outcome, res.Err, res.Refused, res.Page)
	}
	if n := len(proxy.hitsOf("10.1.2.3")); n != 0 {
		t.Errorf("the proxy was asked for 10.1.2.3 %d times", n)
	}
}

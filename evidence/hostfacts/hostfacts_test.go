package hostfacts

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/evidence/hostfacts/hostfactstest"
	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/miekg/dns"
	"golang.org/x/net/idna"
)

const testHost = "cx-mem-gov.example"

// cnames are the aliases of the test zone.
var cnames = map[string]string{"www." + testHost: "cdn-edge.hosting.example"}

// localDNS is a real DNS server on 127.0.0.1 (UDP) answering for a test
// zone: A records from addrs, PTR records from ptrs, CNAMEs from cnames.
func localDNS(t testing.TB, addrs map[string]string, ptrs map[string]string) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		q := req.Question[0]
		name := strings.TrimSuffix(strings.ToLower(q.Name), ".")
		if target, ok := cnames[name]; ok {
			m.Answer = append(m.Answer, &dns.CNAME{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeCNAME, Class: dns.ClassINET, Ttl: 60}, Target: target + "."})
			name = target
		}
		switch {
		case addrs[name] != "" && q.Qtype == dns.TypeA:
			m.Answer = append(m.Answer, &dns.A{Hdr: dns.RR_Header{Name: name + ".", Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 60}, A: net.ParseIP(addrs[name])})
		case addrs[name] != "":
			// exists, no AAAA
		case ptrs[name] != "" && q.Qtype == dns.TypePTR:
			m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: ptrs[name] + "."})
		default:
			m.Rcode = dns.RcodeNameError
		}
		_ = w.WriteMsg(m)
	})
	srv := &dns.Server{PacketConn: pc, Handler: h}
	started := make(chan struct{})
	srv.NotifyStartedFunc = func() { close(started) }
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })
	return pc.LocalAddr().String()
}

// testPKI is a CA made in the test and a leaf for testHost signed by it,
// with an embedded SCT list extension (one SCT) and one SCT sent in the
// handshake.
type testPKI struct {
	ca        *x509.Certificate
	leaf      tls.Certificate
	leafSHA   string
	embedded  ct.SignedCertificateTimestamp
	handshake ct.SignedCertificateTimestamp
}

func sct(t testing.TB, id byte, at time.Time) (ct.SignedCertificateTimestamp, []byte) {
	t.Helper()
	s := ct.SignedCertificateTimestamp{SCTVersion: ct.V1, Timestamp: uint64(at.UnixMilli()),
		Signature: ct.DigitallySigned{Algorithm: cttls.SignatureAndHashAlgorithm{Hash: cttls.SHA256, Signature: cttls.ECDSA}, Signature: []byte{1, 2, 3}}}
	for i := range s.LogID.KeyID {
		s.LogID.KeyID[i] = id
	}
	b, err := cttls.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, b
}

func newPKI(t testing.TB) *testPKI {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Imitation CA", Organization: []string{"测试签发机构"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	p := &testPKI{ca: ca}
	var emb []byte
	p.embedded, emb = sct(t, 0xAB, now.Add(-30*time.Minute).Truncate(time.Millisecond))
	var hs []byte
	p.handshake, hs = sct(t, 0xCD, now.Add(-20*time.Minute).Truncate(time.Millisecond))
	list, err := cttls.Marshal(ctx509.SignedCertificateTimestampList{SCTList: []ctx509.SerializedSCT{{Val: emb}}})
	if err != nil {
		t.Fatal(err)
	}
	extVal, err := asn1.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(0x1234ABCD), Subject: pkix.Name{CommonName: testHost},
		DNSNames: []string{testHost, "www." + testHost}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore: now.Add(-time.Hour).Truncate(time.Second), NotAfter: now.Add(90 * 24 * time.Hour).Truncate(time.Second),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		ExtraExtensions: []pkix.Extension{{Id: oidSCTList, Value: extVal}}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	p.leafSHA = hex.EncodeToString(sum[:])
	p.leaf = tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: key, SignedCertificateTimestamps: [][]byte{hs}}
	return p
}

// loopbackHosting is the IP database record of 127.0.0.0/8 in the tests.
var loopbackHosting = hostfactstest.Provider{Network: "127.0.0.0/8", ASN: 64500, ASOrg: "Example Hosting AS", ISP: "示例云计算有限公司", Country: "CN"}

func writeMMDB(t testing.TB) string { return hostfactstest.MMDB(t, loopbackHosting) }

func whoisServer(t testing.TB, answer func(q string, w io.Writer)) string {
	return hostfactstest.WHOISServer(t, answer)
}

func imitationServer(t testing.TB, p *testPKI) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "nginx/1.18.0 (Ubuntu)")
		w.Header().Set("X-Powered-By", "PHP/5.6.40")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Method == http.MethodHead {
			return
		}
		io.WriteString(w, "<html><title>全国安全生产资格证书查询</title></html>")
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.leaf}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestCollectAllParts(t *testing.T) {
	p := newPKI(t)
	srv := imitationServer(t, p)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	dnsAddr := localDNS(t, map[string]string{testHost: "127.0.0.1"}, map[string]string{"1.0.0.127.in-addr.arpa": "vps-17.hosting.example"})
	var asked string
	var mu sync.Mutex
	whois := whoisServer(t, func(q string, w io.Writer) {
		mu.Lock()
		asked = q
		mu.Unlock()
		io.WriteString(w, "Domain Name: "+q+"\r\nRegistrar: 示例注册商\r\nCreation Date: 2026-11-20T08:00:00Z\r\n")
	})
	c, err := New(Options{DNS: dnsAddr, AllowInternal: []string{"127.0.0.1"}, WHOIS: map[string]string{"example": whois},
		IPDB: writeMMDB(t), PartTimeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	f := c.Collect(context.Background(), "https://"+testHost+":"+port+"/query.php")
	t.Logf("collected in %v", time.Since(start))
	if len(f.Problems) != 0 {
		t.Fatalf("problems: %+v", f.Problems)
	}
	if len(f.Addresses) != 1 || f.Addresses[0].IP != "127.0.0.1" || f.Addresses[0].Source != "dns" {
		t.Fatalf("addresses %+v", f.Addresses)
	}
	if got := f.Addresses[0].PTR; len(got) != 1 || got[0] != "vps-17.hosting.example" {
		t.Errorf("PTR %v", got)
	}
	pv := f.Addresses[0].Provider
	if pv == nil || pv.ASN != 64500 || pv.Name() != "示例云计算有限公司" || pv.Country != "CN" || pv.Network != "127.0.0.0/8" {
		t.Errorf("provider %+v", pv)
	}
	if f.IPDB == nil || f.IPDB.Type != "Test-ASN-ISP" {
		t.Errorf("ipdb %+v", f.IPDB)
	}
	tf := f.TLS
	if tf == nil || len(tf.Chain) != 2 {
		t.Fatalf("tls %+v", tf)
	}
	leaf := tf.Chain[0]
	if leaf.SHA256 != p.leafSHA || leaf.Serial != "1234ABCD" || !strings.Contains(leaf.Issuer, "Test Imitation CA") ||
		leaf.Subject != "CN="+testHost || strings.Join(leaf.DNSNames, ",") != testHost+",www."+testHost {
		t.Errorf("leaf %+v", leaf)
	}
	if tf.Verified || tf.VerifyErr == "" {
		t.Errorf("a certificate from the test CA verified against the system roots: %+v", tf)
	}
	if len(tf.SCTs) != 2 {
		t.Fatalf("SCTs %+v", tf.SCTs)
	}
	for _, s := range tf.SCTs {
		want := p.embedded
		if s.Source == "tls" {
			want = p.handshake
		}
		if s.LogIDHex != hex.EncodeToString(want.LogID.KeyID[:]) || s.Timestamp.UnixMilli() != int64(want.Timestamp) || s.Version != 1 {
			t.Errorf("SCT %+v, want log %x at %d", s, want.LogID.KeyID, want.Timestamp)
		}
	}
	if f.HTTP == nil || f.HTTP.Method != "HEAD" || f.HTTP.Status != 200 || f.HTTP.Header.Get("Server") != "nginx/1.18.0 (Ubuntu)" ||
		f.HTTP.Header.Get("X-Powered-By") != "PHP/5.6.40" {
		t.Errorf("http %+v", f.HTTP)
	}
	mu.Lock()
	if asked != testHost {
		t.Errorf("WHOIS asked %q, want the registrable domain %q", asked, testHost)
	}
	mu.Unlock()
	if f.WHOIS == nil || !strings.Contains(f.WHOIS.Text, "示例注册商") || f.WHOIS.Truncated {
		t.Errorf("whois %+v", f.WHOIS)
	}

	// The facts survive encoding, and every item is present.
	b, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range HostItems(g) {
		if it.State != "present" {
			t.Errorf("item %s is %s (%s)", it.Key, it.State, it.Problem)
		}
		if len(it.Lines) == 0 {
			t.Errorf("item %s has no lines", it.Key)
		}
	}
}

// A stalled TLS handshake, a WHOIS server that never answers and one
// that answers 10 MB are each bounded, recorded, and stop nothing else.
func TestCollectBadPeers(t *testing.T) {
	stall, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := stall.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // accepted, never answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		stall.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	silent := whoisServer(t, nil)
	huge := whoisServer(t, func(q string, w io.Writer) {
		line := strings.Repeat("x", 1023) + "\n"
		for range 10 << 10 { // 10 MB
			if _, err := io.WriteString(w, line); err != nil {
				return
			}
		}
	})
	_, port, _ := net.SplitHostPort(stall.Addr().String())
	for _, tc := range []struct {
		name, tld, whois string
		wantWHOIS        func(t *testing.T, f *Facts)
	}{
		{"silent whois", "example", silent, func(t *testing.T, f *Facts) {
			if f.WHOIS != nil || !hasProblem(f, PartWHOIS, "no complete answer") {
				t.Errorf("whois %+v, problems %+v", f.WHOIS, f.Problems)
			}
		}},
		{"10 MB whois", "example", huge, func(t *testing.T, f *Facts) {
			if f.WHOIS == nil || !f.WHOIS.Truncated || f.WHOIS.Bytes != 4096 || hasProblem(f, PartWHOIS, "") {
				t.Errorf("whois %+v, problems %+v", f.WHOIS, f.Problems)
			}
		}},
		{"no whois server", "cn", silent, func(t *testing.T, f *Facts) {
			if f.WHOIS != nil || len(f.NotAsked) != 2 {
				t.Errorf("whois %+v, not asked %v", f.WHOIS, f.NotAsked)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(Options{ResolveOnly: true, Resolve: map[string]string{testHost: "127.0.0.1"}, AllowInternal: []string{"127.0.0.1"},
				WHOIS: map[string]string{tc.tld: tc.whois}, MaxWHOIS: 4096, PartTimeout: 300 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			f := c.Collect(context.Background(), "https://"+testHost+":"+port+"/")
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("took %v with 300 ms parts", el)
			}
			if f.TLS != nil || !hasProblem(f, PartTLS, "handshake") || !hasProblem(f, PartHTTP, "") {
				t.Errorf("stalled TLS: tls %+v, problems %+v", f.TLS, f.Problems)
			}
			if len(f.Addresses) != 1 || f.Addresses[0].Source != "resolve" {
				t.Errorf("addresses %+v", f.Addresses)
			}
			if !hasProblem(f, PartPTR, "no DNS server") {
				t.Errorf("PTR without a DNS server: %+v", f.Problems)
			}
			tc.wantWHOIS(t, f)
		})
	}
}

// Internal addresses are refused unless allow_internal re-opens them, and
// resolve_only asks no DNS server.
func TestCollectRefusals(t *testing.T) {
	dnsAddr := localDNS(t, map[string]string{"internal.example": "10.1.2.3"}, nil)
	c, err := New(Options{DNS: dnsAddr, PartTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f := c.Collect(context.Background(), "http://internal.example/")
	if !hasProblem(f, PartHTTP, "internal or special-purpose") || !hasProblem(f, PartTLS, "internal or special-purpose") || f.HTTP != nil {
		t.Errorf("internal address: %+v", f.Problems)
	}
	f = c.Collect(context.Background(), "http://nxdomain.example/")
	if !hasProblem(f, PartDNS, "NXDOMAIN") || len(f.Addresses) != 0 {
		t.Errorf("nxdomain: %+v", f.Problems)
	}
	c2, err := New(Options{ResolveOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	f = c2.Collect(context.Background(), "http://elsewhere.example/")
	if !hasProblem(f, PartDNS, "resolve overrides") {
		t.Errorf("resolve_only: %+v", f.Problems)
	}
	cn := localDNS(t, map[string]string{"cdn-edge.hosting.example": "198.51.100.9"}, nil)
	c3, err := New(Options{DNS: cn, PartTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f = c3.Collect(context.Background(), "http://www."+testHost+"/")
	if len(f.CNAMEs) != 1 || f.CNAMEs[0] != "cdn-edge.hosting.example" || len(f.Addresses) != 1 || f.Addresses[0].IP != "198.51.100.9" ||
		!hasProblem(f, PartHTTP, "internal or special-purpose") {
		t.Errorf("through a CNAME: cnames %v, addresses %+v, problems %+v", f.CNAMEs, f.Addresses, f.Problems)
	}
	if f = c2.Collect(context.Background(), "http://证书查询.example/"); !strings.HasPrefix(f.Host, "xn--") || f.Domain != f.Host ||
		mustUnicode(f.Host) != "证书查询.example" {
		t.Errorf("an IDN host is asked as %q (domain %q), want its A-label", f.Host, f.Domain)
	}
	f = c2.Collect(context.Background(), "ftp://x.example/")
	if !hasProblem(f, PartDNS, "not an http") {
		t.Errorf("ftp: %+v", f.Problems)
	}
	// A configured IP database that cannot be read is a problem of each
	// collection, not the end of them.
	bad := filepath.Join(t.TempDir(), "broken.mmdb")
	if err := os.WriteFile(bad, []byte("not an mmdb"), 0o644); err != nil {
		t.Fatal(err)
	}
	c4, err := New(Options{ResolveOnly: true, Resolve: map[string]string{testHost: "127.0.0.1:1"}, AllowInternal: []string{"127.0.0.1"}, IPDB: bad})
	if err != nil {
		t.Fatal(err)
	}
	f = c4.Collect(context.Background(), "http://"+testHost+"/")
	if !hasProblem(f, PartIPDB, "broken.mmdb") || len(f.Addresses) != 1 || f.IPDB != nil {
		t.Errorf("broken IP database: problems %+v", f.Problems)
	}
	for _, it := range HostItems(f) {
		if it.Key == "provider" && (it.State != "missing" || !strings.Contains(it.Problem, "broken.mmdb")) {
			t.Errorf("provider item %+v", it)
		}
	}
	if _, err := New(Options{WHOIS: map[string]string{"cn": "whois.example"}}); err == nil {
		t.Error("a WHOIS server without a port was accepted")
	}
}

func mustUnicode(h string) string {
	u, err := idna.Lookup.ToUnicode(h)
	if err != nil {
		return err.Error()
	}
	return u
}

func hasProblem(f *Facts, part, substr string) bool {
	for _, p := range f.Problems {
		if p.Part == part && strings.Contains(p.Err, substr) {
			return true
		}
	}
	return false
}

func BenchmarkCollect(b *testing.B) {
	p := newPKI(b)
	srv := imitationServer(b, p)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	dnsAddr := localDNS(b, map[string]string{testHost: "127.0.0.1"}, map[string]string{"1.0.0.127.in-addr.arpa": "vps-17.hosting.example"})
	whois := whoisServer(b, func(q string, w io.Writer) { io.WriteString(w, "Domain Name: "+q+"\r\n") })
	c, err := New(Options{DNS: dnsAddr, AllowInternal: []string{"127.0.0.1"}, WHOIS: map[string]string{"example": whois}, IPDB: writeMMDB(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for b.Loop() {
		if f := c.Collect(context.Background(), "https://"+testHost+":"+port+"/"); len(f.Problems) > 0 {
			b.Fatal(f.Problems)
		}
	}
}

// httptest's certificate is self-signed and carries no SCT: recorded as
// such, and the CT item is missing while the certificate is present.
func TestCollectSelfSignedWithoutSCT(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c, err := New(Options{ResolveOnly: true, Resolve: map[string]string{"example.com": srv.Listener.Addr().String()},
		AllowInternal: []string{"127.0.0.1"}, PartTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f := c.Collect(context.Background(), "https://example.com/")
	if f.TLS == nil || !f.TLS.Chain[0].SelfSigned || f.TLS.Verified || len(f.TLS.SCTs) != 0 {
		t.Fatalf("tls %+v", f.TLS)
	}
	states := map[string]string{}
	for _, it := range HostItems(f) {
		states[string(it.Key)] = string(it.State)
	}
	if states["certificate"] != "present" || states["ct"] != "missing" || states["headers"] != "present" {
		t.Errorf("item states %v", states)
	}
}

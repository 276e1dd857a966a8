package lookalike

import (
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// testZone is what the local DNS server knows.
type testZone struct {
	addrs    map[string][]string // registered names and their A/AAAA addresses
	nodata   map[string]bool     // names that exist without A/AAAA (NOERROR, empty)
	silent   map[string]bool     // names never answered
	servfail map[string]bool     // names answered SERVFAIL
	wildcard map[string]string   // registrable domain → A address for every name under it
}

// testDNS is a real DNS server on 127.0.0.1 (UDP) that counts queries.
type testDNS struct {
	addr  string
	zone  testZone
	mu    sync.Mutex
	times []time.Time
	names map[string]int
	tcp   int // queries over TCP
}

func startDNS(t testing.TB, zone testZone) *testDNS {
	t.Helper()
	// UDP and TCP on the same port (TCP for answers too large for UDP). The
	// kernel picks a free UDP port that may be taken for TCP by another
	// test process, so try a few ports before giving up.
	var (
		pc  net.PacketConn
		ln  net.Listener
		err error
	)
	for attempt := 0; attempt < 20; attempt++ {
		pc, err = net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ln, err = net.Listen("tcp", pc.LocalAddr().String())
		if err == nil {
			break
		}
		_ = pc.Close()
	}
	if err != nil {
		t.Fatalf("no port free for both UDP and TCP: %v", err)
	}
	d := &testDNS{addr: pc.LocalAddr().String(), zone: zone, names: map[string]int{}}
	for _, srv := range []*dns.Server{{PacketConn: pc, Handler: d}, {Listener: ln, Handler: d}} {
		started := make(chan struct{})
		srv.NotifyStartedFunc = func() { close(started) }
		go func() { _ = srv.ActivateAndServe() }()
		<-started
		t.Cleanup(func() { _ = srv.Shutdown() })
	}
	return d
}

func (d *testDNS) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	if len(req.Question) != 1 {
		return
	}
	q := req.Question[0]
	name := strings.TrimSuffix(strings.ToLower(q.Name), ".")
	d.mu.Lock()
	d.times = append(d.times, time.Now())
	d.names[name]++
	zone := d.zone
	d.mu.Unlock()
	if zone.silent[name] {
		return // never answers: the client must time out
	}
	m := new(dns.Msg)
	m.SetReply(req)
	switch {
	case zone.servfail[name]:
		m.Rcode = dns.RcodeServerFailure
	case zone.nodata[name]:
		if q.Qtype == dns.TypeNS {
			ns, _ := dns.NewRR(q.Name + " 300 IN NS ns1.parking.example.")
			m.Answer = append(m.Answer, ns)
		}
	case zone.addrs[name] != nil:
		for _, a := range zone.addrs[name] {
			ip := net.ParseIP(a)
			switch {
			case q.Qtype == dns.TypeA && ip.To4() != nil:
				m.Answer = append(m.Answer, &dns.A{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 300}, A: ip})
			case q.Qtype == dns.TypeAAAA && ip.To4() == nil:
				m.Answer = append(m.Answer, &dns.AAAA{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeAAAA, Class: dns.ClassINET, Ttl: 300}, AAAA: ip})
			}
		}
		if q.Qtype == dns.TypeNS {
			ns, _ := dns.NewRR(q.Name + " 300 IN NS ns1.fakehost.example.")
			m.Answer = append(m.Answer, ns)
		}
	case wildcardAddr(zone, name) != "":
		if q.Qtype == dns.TypeA {
			m.Answer = append(m.Answer, &dns.A{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 300}, A: net.ParseIP(wildcardAddr(zone, name))})
		}
	default:
		m.Rcode = dns.RcodeNameError
	}
	if w.LocalAddr().Network() == "udp" {
		size := dns.MinMsgSize
		if o := req.IsEdns0(); o != nil {
			size = int(o.UDPSize())
		}
		m.Truncate(size)
	} else {
		d.mu.Lock()
		d.tcp++
		d.mu.Unlock()
	}
	_ = w.WriteMsg(m)
}

func (d *testDNS) queryTimes() []time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]time.Time(nil), d.times...)
}

func (d *testDNS) queries(name string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.names[name]
}

func (d *testDNS) setSilent(m map[string]bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.zone.silent = m
}

func wildcardAddr(z testZone, name string) string {
	for dom, a := range z.wildcard {
		if strings.HasSuffix(name, "."+dom) {
			return a
		}
	}
	return ""
}

package lookalike

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/time/rate"
)

// Why miekg/dns and not net.Resolver: net.Resolver can be pointed at one
// server through Dial, but it still reads /etc/hosts and the search list of
// /etc/resolv.conf, retries on its own schedule, and folds NXDOMAIN and
// "name exists, no record of this type" into one IsNotFound. A registered
// domain with NS but no A record must not count as unregistered, and a
// timeout must not count as NXDOMAIN, so we read the response code ourselves.

// Status is the outcome of resolving one candidate.
type Status string

const (
	// Registered: the name exists (an answer, or NOERROR without records).
	Registered Status = "registered"
	// Unregistered: the server answered NXDOMAIN.
	Unregistered Status = "unregistered"
	// Timeout: no answer within the per-query timeout; check again later.
	Timeout Status = "timeout"
	// Failed: SERVFAIL, REFUSED or a network error; check again later.
	Failed Status = "failed"
)

// Label is the Chinese name of the status.
func (s Status) Label() string {
	switch s {
	case Registered:
		return "已注册"
	case Unregistered:
		return "未注册"
	case Timeout:
		return "解析超时"
	case Failed:
		return "解析失败"
	}
	return "未检查"
}

// Exchanger sends one DNS query and returns the response.
type Exchanger interface {
	Exchange(ctx context.Context, name string, qtype uint16) (*dns.Msg, error)
}

// Client queries one configured DNS server with miekg/dns.
type Client struct {
	Server  string        // host:port; empty means the first nameserver of /etc/resolv.conf
	Timeout time.Duration // per query, default 2 s, at most 30 s
	client  *dns.Client
	tcp     *dns.Client
}

var _ Exchanger = (*Client)(nil)

// NewClient returns a client for server ("127.0.0.1:53"); an empty server
// reads /etc/resolv.conf.
func NewClient(server string, timeout time.Duration) (*Client, error) {
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	if timeout > 30*time.Second {
		timeout = 30 * time.Second
	}
	if server == "" {
		cfg, err := dns.ClientConfigFromFile("/etc/resolv.conf")
		if err != nil || len(cfg.Servers) == 0 {
			return nil, fmt.Errorf("lookalike: no DNS server configured and none in /etc/resolv.conf: %v", err)
		}
		server = net.JoinHostPort(cfg.Servers[0], cfg.Port)
	}
	if _, _, err := net.SplitHostPort(server); err != nil {
		server = net.JoinHostPort(server, "53")
	}
	return &Client{
		Server:  server,
		Timeout: timeout,
		client:  &dns.Client{Net: "udp", Timeout: timeout, UDPSize: 1232},
		tcp:     &dns.Client{Net: "tcp", Timeout: timeout},
	}, nil
}

// Exchange sends one recursive query, falling back to TCP when the UDP
// answer is truncated.
func (c *Client) Exchange(ctx context.Context, name string, qtype uint16) (*dns.Msg, error) {
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.RecursionDesired = true
	m.SetEdns0(1232, false)
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	r, _, err := c.client.ExchangeContext(ctx, m, c.Server)
	if err == nil && r.Truncated {
		r, _, err = c.tcp.ExchangeContext(ctx, m, c.Server)
	}
	return r, err
}

// Limits bound a Resolve run.
type Limits struct {
	QPS         float64 // DNS queries per second, default 20, at most 1,000
	Burst       int     // token bucket size, default 1
	Concurrency int     // queries in flight, default 8, at most 64
	NS          bool    // also query NS records of registered names
	MaxNames    int     // candidates per run, default and at most 50,000
}

func (l Limits) norm() Limits {
	if l.QPS <= 0 {
		l.QPS = 20
	}
	if l.QPS > 1000 {
		l.QPS = 1000
	}
	if l.Burst <= 0 {
		l.Burst = 1
	}
	if l.Burst > 100 {
		l.Burst = 100
	}
	if l.Concurrency <= 0 {
		l.Concurrency = 8
	}
	if l.Concurrency > 64 {
		l.Concurrency = 64
	}
	if l.MaxNames <= 0 || l.MaxNames > HardMaxCandidates {
		l.MaxNames = HardMaxCandidates
	}
	return l
}

// ErrTooMany is returned when a run is given more candidates than MaxNames.
var ErrTooMany = errors.New("lookalike: too many candidates for one run")

// Result is the outcome for one candidate.
type Result struct {
	Candidate
	Status  Status    `json:"status"`
	Addrs   []string  `json:"addrs,omitempty"` // A and AAAA, sorted
	NS      []string  `json:"ns,omitempty"`    // of the registrable domain
	Rcode   string    `json:"rcode,omitempty"`
	Err     string    `json:"err,omitempty"`
	Checked time.Time `json:"checked"`
	// Wildcard: the registrable domain answers for any label, so this name
	// resolving says only that the registrable domain is registered.
	Wildcard bool `json:"wildcard,omitempty"`
}

// Stats summarise a run, for the sweep health.
type Stats struct {
	Names        int           `json:"names"`
	Queries      int           `json:"queries"`
	Registered   int           `json:"registered"`
	Unregistered int           `json:"unregistered"`
	Timeouts     int           `json:"timeouts"`
	Failed       int           `json:"failed"`
	Elapsed      time.Duration `json:"elapsed_ns"`
}

// Resolve looks up every candidate through ex, at most lim.QPS queries per
// second and lim.Concurrency at a time. It returns one result per candidate
// in input order; a cancelled context marks the rest Failed. Use Keep to
// retain the registered ones and State.Record to remember all of them.
func Resolve(ctx context.Context, cands []Candidate, ex Exchanger, lim Limits, now func() time.Time) ([]Result, Stats, error) {
	lim = lim.norm()
	if len(cands) > lim.MaxNames {
		return nil, Stats{}, fmt.Errorf("%w: %d > %d", ErrTooMany, len(cands), lim.MaxNames)
	}
	if now == nil {
		now = time.Now
	}
	start := time.Now()
	limiter := rate.NewLimiter(rate.Limit(lim.QPS), lim.Burst)
	results := make([]Result, len(cands))
	var (
		mu      sync.Mutex
		queries int
	)
	query := func(name string, qtype uint16) (*dns.Msg, error) {
		if err := limiter.Wait(ctx); err != nil {
			return nil, err
		}
		mu.Lock()
		queries++
		mu.Unlock()
		return ex.Exchange(ctx, name, qtype)
	}
	wild := &wildcards{known: map[string]*wildcardProbe{}}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range lim.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = lookup(cands[i], query, lim.NS)
				if results[i].Status == Registered {
					results[i].Wildcard = wild.check(cands[i].Host, query)
				}
				results[i].Checked = now()
			}
		}()
	}
feed:
	for i := range cands {
		select {
		case jobs <- i:
		case <-ctx.Done():
			for j := i; j < len(cands); j++ {
				results[j] = Result{Candidate: cands[j], Status: Failed, Err: ctx.Err().Error(), Checked: now()}
			}
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	st := Stats{Names: len(cands), Queries: queries, Elapsed: time.Since(start)}
	for _, r := range results {
		switch r.Status {
		case Registered:
			st.Registered++
		case Unregistered:
			st.Unregistered++
		case Timeout:
			st.Timeouts++
		default:
			st.Failed++
		}
	}
	return results, st, ctx.Err()
}

// lookup asks A first (NXDOMAIN ends it), then AAAA and optionally the NS
// records of the registrable domain (only a zone apex has NS records: the
// name servers of cx.rnem.cn are those of rnem.cn).
func lookup(c Candidate, query func(string, uint16) (*dns.Msg, error), withNS bool) Result {
	res := Result{Candidate: c}
	types := []uint16{dns.TypeA, dns.TypeAAAA}
	if withNS {
		types = append(types, dns.TypeNS)
	}
	exists := false
	for _, qt := range types {
		name := c.Host
		if qt == dns.TypeNS {
			if reg, err := publicsuffix.EffectiveTLDPlusOne(c.Host); err == nil {
				name = reg
			}
		}
		m, err := query(name, qt)
		if err != nil {
			if exists {
				continue // A said the name exists; a later miss does not undo it
			}
			res.Status, res.Err = classify(err), err.Error()
			return res
		}
		res.Rcode = dns.RcodeToString[m.Rcode]
		switch m.Rcode {
		case dns.RcodeSuccess:
			exists = true
		case dns.RcodeNameError:
			if !exists {
				res.Status = Unregistered
				return res
			}
			continue
		default:
			if !exists {
				res.Status = Failed
				res.Err = "rcode " + res.Rcode
				return res
			}
			continue
		}
		for _, rr := range m.Answer {
			switch v := rr.(type) {
			case *dns.A:
				res.Addrs = append(res.Addrs, v.A.String())
			case *dns.AAAA:
				res.Addrs = append(res.Addrs, v.AAAA.String())
			case *dns.NS:
				res.NS = append(res.NS, strings.TrimSuffix(strings.ToLower(v.Ns), "."))
			}
		}
	}
	res.Status = Registered
	res.Rcode = dns.RcodeToString[dns.RcodeSuccess]
	sort.Strings(res.Addrs)
	sort.Strings(res.NS)
	return res
}

func classify(err error) Status {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) ||
		(errors.As(err, &ne) && ne.Timeout()) {
		return Timeout
	}
	return Failed
}

// Keep returns the registered results.
func Keep(rs []Result) []Result {
	var out []Result
	for _, r := range rs {
		if r.Status == Registered {
			out = append(out, r)
		}
	}
	return out
}

// wildcards probes each registrable domain once per run with a random label:
// a wildcard record makes every lookalike under it "resolve".
type wildcards struct {
	mu    sync.Mutex
	known map[string]*wildcardProbe
}

type wildcardProbe struct {
	once sync.Once
	yes  bool
}

func (w *wildcards) check(host string, query func(string, uint16) (*dns.Msg, error)) bool {
	reg, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil || reg == host {
		return false
	}
	w.mu.Lock()
	p, ok := w.known[reg]
	if !ok {
		p = &wildcardProbe{}
		w.known[reg] = p
	}
	w.mu.Unlock()
	p.once.Do(func() {
		var b [6]byte
		_, _ = crand.Read(b[:])
		m, err := query("cw-probe-"+hex.EncodeToString(b[:])+"."+reg, dns.TypeA)
		p.yes = err == nil && m.Rcode == dns.RcodeSuccess && len(m.Answer) > 0
	})
	return p.yes
}

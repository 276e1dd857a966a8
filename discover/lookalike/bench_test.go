package lookalike

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

var officialHosts = []string{"cx.mem.gov.cn", "zlaq.mohurd.gov.cn", "cnse.e-cqs.cn"}

// BenchmarkGenerate reports candidates per official host and how long one
// host takes.
func BenchmarkGenerate(b *testing.B) {
	for _, h := range officialHosts {
		b.Run(h, func(b *testing.B) {
			var cs []Candidate
			for b.Loop() {
				var err error
				if cs, err = Generate(h, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(cs)), "candidates/host")
			counts := CountByTechnique(cs)
			var parts []string
			for _, t := range Techniques {
				parts = append(parts, fmt.Sprintf("%s=%d", t, counts[t]))
			}
			b.Logf("%s: %d candidates (%s)", h, len(cs), strings.Join(parts, " "))
		})
	}
}

// BenchmarkResolve resolves candidates against the local DNS server at the
// highest allowed rate (1,000 queries/s); a few are registered (3 queries
// each), the rest NXDOMAIN (1 query).
func BenchmarkResolve(b *testing.B) {
	cs, err := GenerateAll(officialHosts, Options{})
	if err != nil {
		b.Fatal(err)
	}
	addrs := map[string][]string{}
	for i, c := range cs {
		if i%50 == 0 {
			addrs[c.Host] = []string{"192.0.2.1"}
		}
	}
	srv := startDNS(b, testZone{addrs: addrs})
	client, err := NewClient(srv.addr, time.Second)
	if err != nil {
		b.Fatal(err)
	}
	names, queries := 0, 0
	var elapsed time.Duration
	for b.Loop() {
		_, st, err := Resolve(context.Background(), cs, client, Limits{QPS: 1000, Burst: 20, Concurrency: 16, NS: true}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if st.Registered != len(addrs) {
			b.Fatalf("registered %d, want %d", st.Registered, len(addrs))
		}
		names += st.Names
		queries += st.Queries
		elapsed += st.Elapsed
	}
	b.ReportMetric(float64(names)/elapsed.Seconds(), "names/s")
	b.ReportMetric(float64(queries)/elapsed.Seconds(), "queries/s")
}

// BenchmarkResolveUnbounded sends the same A queries one after another
// without the limiter, to show that the rate bound, not the machine, sets
// BenchmarkResolve's figure.
func BenchmarkResolveUnbounded(b *testing.B) {
	cs, err := GenerateAll(officialHosts, Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv := startDNS(b, testZone{})
	client, err := NewClient(srv.addr, time.Second)
	if err != nil {
		b.Fatal(err)
	}
	names := 0
	var elapsed time.Duration
	for b.Loop() {
		start := time.Now()
		res := make([]Result, 0, len(cs))
		for _, c := range cs {
			m, err := client.Exchange(context.Background(), c.Host, 1)
			if err != nil {
				b.Fatal(err)
			}
			res = append(res, Result{Candidate: c, Rcode: fmt.Sprint(m.Rcode)})
		}
		elapsed += time.Since(start)
		names += len(res)
	}
	b.ReportMetric(float64(names)/elapsed.Seconds(), "names/s")
}

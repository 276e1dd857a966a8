package ctlog

import (
	"context"
	"fmt"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"

	"github.com/certwatch/certwatch/discover/ctlog/ctlogtest"
)

// benchEntries builds n log entries, one in 20 a precertificate and one in
// 50 a lookalike name, each certificate with three SANs.
func benchEntries(b *testing.B, ca *ctlogtest.CA, n int) []ct.LeafEntry {
	out := make([]ct.LeafEntry, 0, n)
	ts := uint64(time.Now().UnixMilli())
	for i := range n {
		names := []string{fmt.Sprintf("host%d.example%d.com", i, i%97), fmt.Sprintf("www.shop%d.net", i), fmt.Sprintf("api-%d.example.org", i)}
		if i%50 == 0 {
			names[1] = fmt.Sprintf("cx.mem.gov.cn.verify%d.top", i)
		}
		pre := i%20 == 0
		out = append(out, ca.Leaf(b, pre, ca.Issue(b, pre, names...), ts))
	}
	return out
}

// BenchmarkPoll measures CT entries processed per second end to end: HTTP
// get-entries from the local log (batches of 256), JSON, MerkleTreeLeaf and
// X.509 decoding, name extraction and matching against 3 official hosts.
func BenchmarkPoll(b *testing.B) {
	const n = 4096
	log := ctlogtest.NewLog(b)
	ca := ctlogtest.NewCA(b)
	log.Add(benchEntries(b, ca, n)...)
	m := newMatcher(b)
	p := &Poller{Logs: []Log{{URL: log.URL()}}, Matcher: m, Limits: Limits{MaxEntriesPerPoll: n}}
	b.ResetTimer()
	total := 0
	for b.Loop() {
		st := NewState()
		res, err := p.Poll(context.Background(), st)
		if err != nil || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
		if res.Stats[0].Entries != n || len(res.Matches) != n/50+1 {
			b.Fatalf("entries %d matches %d", res.Stats[0].Entries, len(res.Matches))
		}
		total += n
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkMatch measures names matched per second (no HTTP, no parsing).
func BenchmarkMatch(b *testing.B) {
	m := newMatcher(b)
	names := []string{"www.example.com", "cx.mem.gov.cn.verify.top", "api-3.shop.example.org", "yingji-zhengshu-chaxun.top", "mail.google.com"}
	i := 0
	for b.Loop() {
		m.Match(names[i%len(names)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "names/s")
}

package pgstore

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// BenchmarkClaim measures one claim-and-release of a host (a lease of 16
// URLs, one fetch start, the host released to the back of the queue) on
// frontiers of 10^4 and 10^5 URLs, 100 URLs a host. The two figures
// should be about the same: a claim reads the first entry of the index of
// ready hosts and the first URLs of one host, whatever the frontier holds.
//
//	go test -tags ne -run '^$' -bench BenchmarkClaim -benchtime 2000x ./pgstore/
//
// PGSTORE_CLAIM_1E6=1 adds a frontier of 10^6 URLs (about a minute to
// load).
func BenchmarkClaim(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("PGSTORE_CLAIM_1E6") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, urls := range sizes {
		b.Run(fmt.Sprintf("urls=%d", urls), func(b *testing.B) {
			ctx := testCtx(b)
			st := open(b, migrated(b), Options{})
			sw := newSweep(b, st)
			const perHost = 100
			batch := make([]Item, 0, MaxAddBatch)
			for i := range urls {
				batch = append(batch, Item{URL: fmt.Sprintf("http://h%06d.test/p%d", i/perHost, i%perHost)})
				if len(batch) == cap(batch) || i == urls-1 {
					if _, err := st.AddURLs(ctx, sw, batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			for _, table := range []string{"hosts", "frontier"} {
				if _, err := st.Pool().Exec(ctx, "VACUUM ANALYZE "+table); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for range b.N {
				l, err := st.ClaimHost(ctx, "bench", time.Minute, ClaimOptions{Batch: 16})
				if err != nil {
					b.Fatal(err)
				}
				if len(l.URLs) != 16 {
					b.Fatalf("lease of %s has %d URLs", l.Host, len(l.URLs))
				}
				if err := l.Begin(ctx); err != nil {
					b.Fatal(err)
				}
				if err := st.Release(ctx, l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

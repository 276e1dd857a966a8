package pgstore

import (
	"context"
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
// load), PGSTORE_CLAIM_1E7=1 one of 10^7 (over ten minutes, 3.5 GB).
func BenchmarkClaim(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("PGSTORE_CLAIM_1E6") != "" {
		sizes = append(sizes, 1_000_000)
	}
	if os.Getenv("PGSTORE_CLAIM_1E7") != "" {
		sizes = append(sizes, 10_000_000)
	}
	for _, urls := range sizes {
		// The frontier is loaded once per size, not once per run of the
		// sub-benchmark (which runs with b.N = 1 first).
		st := loadClaimFrontier(b, urls)
		b.Run(fmt.Sprintf("urls=%d", urls), func(b *testing.B) {
			ctx := testCtx(b)
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

// loadClaimFrontier is a store whose frontier holds urls pending URLs,
// 100 a host, vacuumed and analysed.
func loadClaimFrontier(b *testing.B, urls int) *Store {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // 10^7 takes long
	defer cancel()
	st := open(b, migrated(b), Options{})
	sw := newSweep(b, st)
	const perHost = 100
	start := time.Now()
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
	b.Logf("%d URLs loaded in %v", urls, time.Since(start).Round(time.Second))
	return st
}

package store

import (
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkPrunePages measures PrunePages on one old sweep of 100,000 page
// records (1 % of them flagged, which stay), 10,000 a transaction:
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkPrunePages -benchtime 1x ./store/
func BenchmarkPrunePages(b *testing.B) {
	const pages = 100_000
	for range b.N {
		b.StopTimer()
		s, clock := openTest(b)
		old := startSweep(b, s)
		if err := s.FinishSweep(old, SweepFinished, nil); err != nil {
			b.Fatal(err)
		}
		err := s.db.Update(func(tx *bolt.Tx) error {
			pb := tx.Bucket(bucketPages)
			for i := range pages {
				u := fmt.Sprintf("https://h%d.test/p/%d", i%500, i)
				p := PageRecord{URL: u, SweepID: old, Status: 200, FetchedAt: clock.Now(), Outcome: "ok", Flagged: i%100 == 0}
				if err := putJSON(pb, stringKey(CanonicalURL(u)), &p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		clock.Add(40 * 24 * time.Hour)
		b.StartTimer()
		start := time.Now()
		n, err := s.PrunePages(clock.Now().Add(-30 * 24 * time.Hour))
		took := time.Since(start)
		b.StopTimer()
		if err != nil || n != pages-pages/100 {
			b.Fatalf("PrunePages: %d, %v; want %d", n, err, pages-pages/100)
		}
		b.ReportMetric(float64(n)/took.Seconds(), "pages/s")
	}
}

package pgstore

import (
	"testing"
	"time"
)

// BenchmarkPrunePages measures PrunePages on one old sweep of 100,000 page
// records (1 % of them flagged, which stay), 10,000 rows a statement:
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkPrunePages -benchtime 1x ./pgstore/
func BenchmarkPrunePages(b *testing.B) {
	const pages = 100_000
	ctx := testCtx(b)
	for range b.N {
		b.StopTimer()
		be := NewBackend(open(b, migrated(b), Options{}), nil)
		var sw int64
		if err := be.st.pool.QueryRow(ctx, `
			INSERT INTO sweeps (started_at, finished_at, status) VALUES (now() - interval '40 days', now() - interval '40 days', 'finished')
			RETURNING id`).Scan(&sw); err != nil {
			b.Fatal(err)
		}
		if _, err := be.st.pool.Exec(ctx, `
			INSERT INTO pages (url_sha256, url, sweep_id, fetched_at, status, flagged)
			SELECT sha256(('https://h' || (i % 500) || '.test/p/' || i)::bytea), 'https://h' || (i % 500) || '.test/p/' || i,
			       $1, now() - interval '40 days', 200, i % 100 = 0
			FROM generate_series(1, $2) AS i`, sw, pages); err != nil {
			b.Fatal(err)
		}
		if _, err := be.st.pool.Exec(ctx, `VACUUM ANALYZE pages`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		n, err := be.PrunePages(time.Now().Add(-30 * 24 * time.Hour))
		took := time.Since(start)
		b.StopTimer()
		if err != nil || n != pages-pages/100 {
			b.Fatalf("PrunePages: %d, %v; want %d", n, err, pages-pages/100)
		}
		b.ReportMetric(float64(n)/took.Seconds(), "pages/s")
		be.Close()
	}
}

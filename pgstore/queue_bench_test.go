package pgstore

import (
	"testing"
)

// BenchmarkQueue measures the review queue's first page (50 open cases of
// one department, highest score first) and a page further on (keyset:
// after a score), on 10^6 cases spread over four statuses and three
// departments, and the counts by status and department, counted and as
// kept by the trigger (case_counts). The setup inserts the cases in the server (about a minute
// here), so run it on its own:
//
//	go test -tags ne -run '^$' -bench BenchmarkQueue -benchtime 200x ./pgstore/
func BenchmarkQueue(b *testing.B) {
	ctx := testCtx(b)
	st := open(b, migrated(b), Options{})
	if _, err := st.Pool().Exec(ctx, `
		INSERT INTO sweeps (started_at, status) VALUES (now(), 'finished');
		INSERT INTO cases (case_key, case_key_sha256, url, host, first_seen, last_seen, first_sweep, last_sweep,
		                   category, score, title, status, department)
		SELECT 'http://h' || (i % 20000) || '.test/' || i, sha256(('k' || i)::bytea),
		       'http://h' || (i % 20000) || '.test/' || i, 'h' || (i % 20000) || '.test',
		       now() - i * interval '1 second', now() - (i % 1000) * interval '1 minute', 1, 1,
		       (ARRAY['fake_cert','imitation_site','exam_cheat'])[1 + i % 3], random(), '标题 ' || i,
		       (ARRAY['open','confirmed','dismissed','pending_approval'])[1 + i % 4],
		       (ARRAY['takedown_cac','takedown_samr','police_referral'])[1 + (i / 4) % 3]
		FROM generate_series(1, 1000000) AS i`); err != nil {
		b.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, "VACUUM ANALYZE cases"); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, sql string }{
		{"first-page", `SELECT id, url, title, category, score, first_seen, last_seen FROM cases
			WHERE status = 'open' AND department = 'takedown_cac' ORDER BY score DESC, id LIMIT 50`},
		{"later-page", `SELECT id, url, title, category, score, first_seen, last_seen FROM cases
			WHERE status = 'open' AND department = 'takedown_cac' AND score < 0.5
			ORDER BY score DESC, id LIMIT 50`},
		{"count-by-status", `SELECT status, department, count(*) FROM cases GROUP BY status, department`},
		{"kept-counts", `SELECT status, department, sum(n) FROM case_counts GROUP BY 1, 2`},
	} {
		b.Run(q.name, func(b *testing.B) {
			for range b.N {
				rows, err := st.Pool().Query(ctx, q.sql)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				if err := rows.Err(); err != nil || n == 0 {
					b.Fatalf("%d rows, %v", n, err)
				}
			}
		})
	}
}

package pgstore

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// fillQueueCases inserts n cases straight into the table (the bulk path
// of tests: no snapshots or findings), over 3 categories, 4 sources, 500
// hosts, 4 statuses and 3 routes, and analyzes it.
func fillQueueCases(tb testing.TB, st *Store, n int) {
	tb.Helper()
	ctx := testCtx(tb)
	if _, err := st.Pool().Exec(ctx, `INSERT INTO sweeps (started_at, status) VALUES (now(), 'finished')`); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `
		INSERT INTO cases (case_key, case_key_sha256, url, host, source_id, first_seen, last_seen, first_sweep, last_sweep,
		                   category, score, title, status, department, suggested_route, channel, route)
		SELECT 'http://h' || (i % 500) || '.test/' || i, sha256(('k' || i)::bytea),
		       'http://h' || (i % 500) || '.test/' || i, 'h' || (i % 500) || '.test',
		       (ARRAY['tieba','xianyu','shop','bbs'])[1 + i % 4],
		       now() - i * interval '1 second', now() - (i % 1000) * interval '1 minute', 1, 1,
		       (ARRAY['cert_sale','exam_fraud','imitation_site'])[1 + i % 3], (i % 40)::float8, '标题 ' || i,
		       st, r, r, 'rules', CASE WHEN st = 'open' THEN '' ELSE r END
		FROM generate_series(1, $1::int) AS i,
		     LATERAL (SELECT (ARRAY['open','open','open','confirmed','dismissed','pending_approval'])[1 + i % 6] AS st,
		                     (ARRAY['takedown_cac','takedown_samr','police_referral'])[1 + (i / 6) % 3] AS r) x`, n); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `ANALYZE cases`); err != nil {
		tb.Fatal(err)
	}
}

// TestQueryCasesUsesIndexes checks the plans of the queue's usual pages:
// a status tab in each sort order reads an index in that order and stops
// at the page (no sort of the tab's rows).
func TestQueryCasesUsesIndexes(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	fillQueueCases(t, st, 30000)
	for _, tc := range []struct {
		q        store.CaseQuery
		index    string // a part of the name of the index read
		sortsFew bool   // a filter narrow enough that sorting its rows is right
	}{
		{store.CaseQuery{Status: casework.CaseOpen, Sort: store.SortScore, Desc: true}, "score", false},
		{store.CaseQuery{Status: casework.CaseOpen, Sort: store.SortFirstSeen, Desc: true}, "first_seen", false},
		{store.CaseQuery{Status: casework.CaseOpen, Sort: store.SortLastSeen, Desc: true}, "last_seen", false},
		{store.CaseQuery{Status: casework.CaseOpen, Sort: store.SortHost}, "host", false},
		{store.CaseQuery{Sort: store.SortScore, Desc: true}, "score", false},
		{store.CaseQuery{Sort: store.SortHost}, "host", false},
		{store.CaseQuery{Host: "h7.test", Status: casework.CaseOpen, Sort: store.SortLastSeen, Desc: true}, "host", true},
	} {
		q := tc.q
		if err := q.Check(); err != nil {
			t.Fatal(err)
		}
		sql, args := queueListSQL(&q)
		rows, err := st.Pool().Query(ctx, "EXPLAIN "+sql, args...)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(lines, "\n")
		readsIndex := strings.Contains(plan, "Index Scan") && strings.Contains(plan, "cases_") &&
			strings.Contains(plan[strings.Index(plan, "cases_"):], tc.index)
		fullSort := strings.Contains(plan, "->  Sort ") || strings.HasPrefix(strings.TrimSpace(plan), "Sort ")
		if !readsIndex || strings.Contains(plan, "Seq Scan") || fullSort && !tc.sortsFew {
			t.Errorf("%s by %s: plan does not read an index on %s in order:\n%s", tc.q.Status, tc.q.Sort, tc.index, plan)
		}
	}
}

// BenchmarkQueryCases100k measures QueryCases (counts and one page) on
// 100,000 cases inserted in the server, idle and with 50 concurrent
// callers, and prints p50/p95. Run it on its own:
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkQueryCases100k -benchtime 1x ./pgstore/
func BenchmarkQueryCases100k(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CERTWATCH_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	st := open(b, migrated(b), Options{})
	fillQueueCases(b, st, n)
	be := NewBackend(st, nil)
	min20 := 20.0
	queries := []struct {
		name string
		q    store.CaseQuery
	}{
		{"open tab by score", store.CaseQuery{Status: casework.CaseOpen, Desc: true}},
		{"filtered", store.CaseQuery{Status: casework.CaseOpen, Category: "exam_fraud", Source: "xianyu", Sort: store.SortFirstSeen, Desc: true}},
		{"route+source routes", store.CaseQuery{Route: casework.RouteTakedownSAMR, SourceRoutes: map[string]casework.Route{"shop": casework.RouteTakedownSAMR},
			ScoreMin: &min20, Sort: store.SortHost, Offset: 100}},
		{"all, page 40", store.CaseQuery{Sort: store.SortLastSeen, Desc: true, Offset: 39 * 50}},
	}
	var out strings.Builder
	fmt.Fprintf(&out, "\nPostgreSQL QueryCases, %d cases\n%-22s %-14s %9s %9s\n", n, "query", "load", "p50", "p95")
	for _, qc := range queries {
		for _, clients := range []int{1, 50} {
			var mu sync.Mutex
			var lat []time.Duration
			var wg sync.WaitGroup
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 10 {
						t0 := time.Now()
						p, err := be.QueryCases(qc.q)
						d := time.Since(t0)
						if err != nil || len(p.Cases) == 0 {
							b.Errorf("%s: %v, %+v", qc.name, err, p)
							return
						}
						mu.Lock()
						lat = append(lat, d)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if len(lat) == 0 {
				b.FailNow()
			}
			slices.Sort(lat)
			mode := "idle"
			if clients > 1 {
				mode = fmt.Sprintf("%d concurrent", clients)
			}
			fmt.Fprintf(&out, "%-22s %-14s %9s %9s\n", qc.name, mode, lat[len(lat)/2].Round(10*time.Microsecond), lat[len(lat)*95/100].Round(10*time.Microsecond))
		}
	}
	b.Log(out.String())
	fmt.Print(out.String())
}

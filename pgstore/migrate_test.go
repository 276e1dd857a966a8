package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/certwatch/certwatch/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// migrated returns the URL of a fresh database at SchemaVersion.
func migrated(t testing.TB) string {
	t.Helper()
	return pgtest.Prepared(t, "pgstore", func(ctx context.Context, url string) error {
		_, err := Migrate(ctx, url)
		return err
	})
}

func open(t testing.TB, url string, opts Options) *Store {
	t.Helper()
	st, err := Open(testCtx(t), url, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// wantTables are the tables of the schema at SchemaVersion, sorted.
var wantTables = []string{
	"activations", "audit", "audit_head", "case_claims", "case_comments", "case_contacts", "case_counts", "case_merges", "cases", "check_evidence",
	"decisions", "frontier", "hosts", "item_checks", "known_addrs", "login_attempts",
	"login_bursts", "model_channels", "notice_events", "notice_items", "notices", "outbox",
	"pages", "saved_filters", "schedule_runs", "search_terms", "sessions", "sightings", "snapshot_texts", "snapshots", "sweeps", "users",
	// 00005_notice_tracking
	"notice_escalations", "notice_reminders", "notice_track_events",
	// 00011_source_caps
	"source_caps",
	// 00009_host_facts
	"host_facts",
	// 00010_watch_checks
	"watch_checks",
	// 00012_sweep_parts
	"sweep_parts",
}

func init() { slices.Sort(wantTables) }

func tables(t *testing.T, url string) []string {
	t.Helper()
	ctx := testCtx(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY 1`, versionTable)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestMigrateFreshThenAgain(t *testing.T) {
	ctx := testCtx(t)
	url := pgtest.DB(t)
	res, err := Migrate(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.From != 0 || res.To != SchemaVersion || len(res.Applied) != migrationCount(t) {
		t.Fatalf("first migrate: %+v, want 0 → %d with %d applied", res, SchemaVersion, migrationCount(t))
	}
	if got := tables(t, url); !slices.Equal(got, wantTables) {
		t.Fatalf("tables after migrate:\n got %v\nwant %v", got, wantTables)
	}
	res, err = Migrate(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.From != SchemaVersion || res.To != SchemaVersion || len(res.Applied) != 0 {
		t.Fatalf("second migrate: %+v, want nothing to do at %d", res, SchemaVersion)
	}
	if v, err := Version(ctx, url); err != nil || v != SchemaVersion {
		t.Fatalf("Version = %d, %v; want %d", v, err, SchemaVersion)
	}
	open(t, url, Options{})
}

func TestOpenRefusesUnmigrated(t *testing.T) {
	ctx := testCtx(t)
	url := pgtest.DB(t)
	_, err := Open(ctx, url, Options{})
	var se *SchemaError
	if !errors.As(err, &se) || !errors.Is(err, ErrSchemaOlder) || errors.Is(err, ErrSchemaNewer) {
		t.Fatalf("Open of an unmigrated database: %v; want a SchemaError (older)", err)
	}
	if se.Database != 0 || se.Binary != SchemaVersion {
		t.Fatalf("SchemaError %+v", se)
	}
	if msg := err.Error(); !strings.Contains(msg, "certwatch db migrate") || !strings.Contains(msg, "数据库结构版本") {
		t.Fatalf("message does not say what to run, in both languages: %s", msg)
	}
	if v, err := Version(ctx, url); err != nil || v != 0 {
		t.Fatalf("Version of an unmigrated database = %d, %v; want 0", v, err)
	}
	if got := tables(t, url); len(got) != 0 {
		t.Fatalf("Open or Version created tables: %v", got)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := testCtx(t)
	url := migrated(t)
	// A newer binary applied a migration this one does not know.
	newer := SchemaVersion + 1
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO `+versionTable+` (version_id, is_applied) VALUES ($1, true)`, newer); err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprint(newer), fmt.Sprint(SchemaVersion), "newer"}
	_, err = Migrate(ctx, url)
	if !errors.Is(err, ErrSchemaNewer) {
		t.Fatalf("Migrate of a newer schema: %v; want ErrSchemaNewer", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Migrate's error does not name %q: %v", w, err)
		}
	}
	_, err = Open(ctx, url, Options{})
	if !errors.Is(err, ErrSchemaNewer) {
		t.Fatalf("Open of a newer schema: %v; want ErrSchemaNewer", err)
	}
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+versionTable+` WHERE version_id = $1`, newer).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the refused migrate changed the version table: %d rows of %d, %v", n, newer, err)
	}
}

func TestMigrateConcurrently(t *testing.T) {
	ctx := testCtx(t)
	url := pgtest.DB(t)
	const n = 4
	var wg sync.WaitGroup
	results := make([]*MigrateResult, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { results[i], errs[i] = Migrate(ctx, url) })
	}
	wg.Wait()
	applied := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("migrator %d: %v", i, errs[i])
		}
		applied += len(results[i].Applied)
	}
	if applied != migrationCount(t) {
		t.Fatalf("%d migrators applied %d migrations in all, want each of %d once", n, applied, migrationCount(t))
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var rows, distinct int
	if err := conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT version_id) FROM `+versionTable).Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	if rows != distinct {
		t.Fatalf("version table has %d rows for %d versions: a migration ran twice", rows, distinct)
	}
}

// TestMigrationsGoDown runs every migration's Down and Up again, so a Down
// that does not undo its Up fails here rather than on an operator's
// server.
func TestMigrationsGoDown(t *testing.T) {
	ctx := testCtx(t)
	url := migrated(t)
	cfg, err := parseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(*cfg.ConnConfig)
	defer db.Close()
	sub, _ := fs.Sub(migrationFiles, "migrations")
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if got := tables(t, url); len(got) != 0 {
		t.Fatalf("tables left after migrating down to 0: %v", got)
	}
	if _, err := Migrate(ctx, url); err != nil {
		t.Fatal(err)
	}
	if got := tables(t, url); !slices.Equal(got, wantTables) {
		t.Fatalf("tables after down and up again: %v", got)
	}
}

func TestOpenBadInput(t *testing.T) {
	ctx := testCtx(t)
	for _, tc := range []struct {
		name, url string
		opts      Options
		want      string
	}{
		{"file path", "/var/lib/certwatch/certwatch.db", Options{}, "not a PostgreSQL URL"},
		{"unparsable, password hidden", "postgres://u:s3cret@host:notaport/db", Options{}, "cannot be parsed"},
		{"pool too large", "postgres://u@127.0.0.1:1/db", Options{MaxConns: MaxMaxConns + 1}, "pool size"},
		{"pool negative", "postgres://u@127.0.0.1:1/db", Options{MaxConns: -1}, "pool size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(ctx, tc.url, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open(%q): %v; want an error saying %q", tc.url, err, tc.want)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Fatalf("the error shows the password: %v", err)
			}
		})
	}
	if !IsURL("postgresql://x/y") || IsURL("certwatch.db") {
		t.Fatal("IsURL")
	}
}

func TestPoolBounded(t *testing.T) {
	st := open(t, migrated(t), Options{MaxConns: 3})
	if got := st.Pool().Config().MaxConns; got != 3 {
		t.Fatalf("pool MaxConns = %d, want 3", got)
	}
	st2 := open(t, migrated(t), Options{})
	if got := st2.Pool().Config().MaxConns; got != DefaultMaxConns {
		t.Fatalf("default pool MaxConns = %d, want %d", got, DefaultMaxConns)
	}
}

// TestQueueUsesIndex checks that the review queue's query (cases of a
// status and department, highest score first) reads the cases_queue index
// rather than sorting the table, on enough cases for the planner to care.
func TestQueueUsesIndex(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	if _, err := st.Pool().Exec(ctx, `
		INSERT INTO sweeps (started_at, status) VALUES (now(), 'finished');
		INSERT INTO cases (case_key, case_key_sha256, url, host, first_seen, last_seen, first_sweep, last_sweep, score, status, department)
		SELECT 'k' || i, sha256(('k' || i)::bytea), 'http://h' || (i % 500) || '.test/' || i, 'h' || (i % 500) || '.test',
		       now() - i * interval '1 second', now(), 1, 1, random(),
		       (ARRAY['open','confirmed','dismissed','pending_approval'])[1 + i % 4],
		       (ARRAY['takedown_cac','takedown_samr','police_referral'])[1 + i % 3]
		FROM generate_series(1, 50000) AS i;
		ANALYZE cases`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct{ name, sql, index string }{
		{"queue", `SELECT id FROM cases WHERE status = 'open' AND department = 'takedown_cac' ORDER BY score DESC, id LIMIT 50`, "cases_queue"},
		{"host", `SELECT id FROM cases WHERE host = 'h7.test' ORDER BY last_seen DESC LIMIT 50`, "cases_host"},
		{"first seen", `SELECT id FROM cases WHERE first_seen >= now() - interval '1 minute'`, "cases_first_seen"},
	} {
		rows, err := st.Pool().Query(ctx, "EXPLAIN "+q.sql)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(lines, "\n")
		if !strings.Contains(plan, q.index) || strings.Contains(plan, "Sort ") {
			t.Errorf("%s: plan does not read %s without sorting:\n%s", q.name, q.index, plan)
		}
	}
}

// TestCaseCounts checks the trigger-kept counts against counting the
// cases, after inserts, status and department changes, and deletes.
func TestCaseCounts(t *testing.T) {
	ctx := testCtx(t)
	st := open(t, migrated(t), Options{})
	db := st.Pool()
	for _, sql := range []string{
		`INSERT INTO sweeps (started_at, status) VALUES (now(), 'finished')`,
		`INSERT INTO cases (case_key, case_key_sha256, url, first_seen, last_seen, status, department)
		 SELECT 'k' || i, sha256(('k' || i)::bytea), 'u', now(), now(),
		        (ARRAY['open','confirmed','dismissed'])[1 + i % 3], (ARRAY['takedown_cac','takedown_samr'])[1 + i % 2]
		 FROM generate_series(1, 300) AS i`,
		`UPDATE cases SET status = 'dismissed' WHERE id % 7 = 0`,
		`UPDATE cases SET department = 'police_referral', status = 'pending_approval' WHERE id % 11 = 0`,
		`UPDATE cases SET title = 'no count change' WHERE id % 5 = 0`,
		`DELETE FROM cases WHERE id % 13 = 0`,
	} {
		if _, err := db.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	var mismatches []string
	rows, err := db.Query(ctx, `
		SELECT coalesce(c.status, k.status), coalesce(c.department, k.department), coalesce(c.n, 0), coalesce(k.n, 0)
		FROM (SELECT status, department, count(*) AS n FROM cases GROUP BY 1, 2) c
		FULL JOIN (SELECT status, department, sum(n) AS n FROM case_counts GROUP BY 1, 2) k
		ON k.status = c.status AND k.department = c.department
		WHERE coalesce(c.n, 0) <> coalesce(k.n, 0)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var status, dept string
		var counted, kept int64
		if err := rows.Scan(&status, &dept, &counted, &kept); err != nil {
			t.Fatal(err)
		}
		mismatches = append(mismatches, fmt.Sprintf("%s/%s: %d counted, %d kept", status, dept, counted, kept))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(mismatches) > 0 {
		t.Fatalf("case_counts disagrees with the cases:\n%s", strings.Join(mismatches, "\n"))
	}
	var total int64
	if err := db.QueryRow(ctx, `SELECT sum(n) FROM case_counts`).Scan(&total); err != nil || total != 300-300/13 {
		t.Fatalf("kept counts add up to %d, want %d (%v)", total, 300-300/13, err)
	}
}

// migrationCount is the number of embedded migrations (numbers may have
// gaps: features merged out of order keep the numbers they were given).
func migrationCount(t testing.TB) int {
	t.Helper()
	files, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("embedded migrations: %v (%d files)", err, len(files))
	}
	return len(files)
}

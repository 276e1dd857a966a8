package pgtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestDBIsFreshAndSeparate(t *testing.T) {
	ctx := context.Background()
	a, b := DB(t), DB(t)
	if a == b {
		t.Fatalf("two databases share a URL: %s", a)
	}
	ca, cb := connect(t, a), connect(t, b)
	if _, err := ca.Exec(ctx, "CREATE TABLE x (v int); INSERT INTO x VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := ca.QueryRow(ctx, "SELECT v FROM x").Scan(&n); err != nil || n != 42 {
		t.Fatalf("read back: %d, %v", n, err)
	}
	// The other database does not see the table: each test starts empty.
	var exists bool
	if err := cb.QueryRow(ctx, "SELECT to_regclass('x') IS NOT NULL").Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Fatal("a table created in one test database is visible in another")
	}
	var user string
	if err := ca.QueryRow(ctx, "SELECT current_user").Scan(&user); err != nil {
		t.Fatal(err)
	}
	if Current() != nil && user != "postgres" {
		t.Fatalf("connected as %q, want the cluster's superuser postgres", user)
	}
}

func TestDBDroppedAtCleanup(t *testing.T) {
	var name string
	t.Run("inner", func(t *testing.T) {
		url := DB(t)
		conn := connect(t, url)
		if err := conn.QueryRow(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
	})
	admin := connect(t, AdminURL())
	var n int
	if err := admin.QueryRow(context.Background(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("database %s still exists after its test ended", name)
	}
}

func TestDBName(t *testing.T) {
	for _, tc := range []struct{ test string }{
		{"TestX"},
		{"TestA/sub case/with spaces & symbols"},
		{strings.Repeat("TestVeryLongName", 10)},
	} {
		got := dbName(tc.test, 12345)
		if len(got) > 63 {
			t.Errorf("dbName(%q) = %q: %d bytes, PostgreSQL keeps 63", tc.test, got, len(got))
		}
		if unsafeName.MatchString(got) {
			t.Errorf("dbName(%q) = %q has characters that need quoting", tc.test, got)
		}
		if !strings.HasSuffix(got, "_12345") {
			t.Errorf("dbName(%q) = %q does not end with its sequence number", tc.test, got)
		}
	}
}

func TestFindBinMissingNamesPackage(t *testing.T) {
	t.Setenv(EnvBin, t.TempDir())
	_, err := FindBin()
	if err == nil {
		t.Fatal("FindBin found server binaries in an empty directory")
	}
	if !strings.Contains(err.Error(), "apt-get install -y postgresql") {
		t.Fatalf("error does not say which package to install: %v", err)
	}
}

func TestRestartKeepsData(t *testing.T) {
	c := Current()
	if c == nil {
		t.Skip("tests use the server in " + EnvServer + "; it is not ours to restart")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url := DB(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)"); err != nil {
		t.Fatal(err)
	}
	if err := c.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	// The old connection is gone with the old server.
	if err := conn.Ping(ctx); err == nil {
		t.Fatal("a connection to the server survived an immediate shutdown")
	}
	conn.Close(ctx)
	conn2 := connect(t, url)
	var v int
	if err := conn2.QueryRow(ctx, "SELECT v FROM kept").Scan(&v); err != nil || v != 7 {
		t.Fatalf("after restart: %d, %v", v, err)
	}
}

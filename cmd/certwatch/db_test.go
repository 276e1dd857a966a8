package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
)

// TestMain starts the throwaway PostgreSQL cluster the db command's tests
// use (internal/pgtest).
func TestMain(m *testing.M) { pgtest.Main(m) }

func TestDBMigrate(t *testing.T) {
	url := pgtest.DB(t)
	v := pgstore.SchemaVersion

	code, out, errOut := runCLI(t, "", "db", "status", "--database", url)
	if code != 1 || !strings.Contains(out, "database schema version 0") || !strings.Contains(errOut, "certwatch db migrate") {
		t.Fatalf("status before migrate: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "db", "migrate", "--database", url)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("migrated from version 0 to %d", v)) || strings.Contains(out, "迁移") {
		t.Fatalf("first migrate: exit %d\n%s%s", code, out, errOut)
	}
	t.Setenv("CERTWATCH_DATABASE", url)                                // the URL from the environment
	code, out, errOut = runCLI(t, "", "--lang", "zh", "db", "migrate") // one language at a time
	if code != 0 || !strings.Contains(out, "无需迁移") || strings.Contains(out, "nothing to do") {
		t.Fatalf("second migrate: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "db", "status")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("this binary's %d", v)) {
		t.Fatalf("status after migrate: exit %d\n%s%s", code, out, errOut)
	}

	// A newer certwatch migrated the database further: refused, loudly,
	// naming both versions.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO certwatch_schema_version (version_id, is_applied) VALUES ($1, true)`, v+5); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", "db", "migrate")
	want := fmt.Sprintf("the database schema is version %d, newer than version %d", v+5, v)
	if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "比本程序支持的版本") {
		t.Fatalf("migrate of a newer schema: exit %d, want 1 and %q\n%s%s", code, want, out, errOut)
	}
}

func TestDBMigrateBadInput(t *testing.T) {
	t.Setenv("CERTWATCH_DATABASE", "")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no database", []string{"db", "migrate"}, 2, "no database"},
		{"a bbolt file", []string{"db", "migrate", "--database", "certwatch.db"}, 2, "must be a postgres:// URL"},
		{"no server", []string{"db", "migrate", "--database", "postgres://nobody@127.0.0.1:1/x?connect_timeout=5"}, 1, "database operation failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, want %d and %q\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}
}

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

// TestDBQueueSchema: db migrate creates the job queue (river) and says so,
// db status reports its version beside certwatch's, and a queue schema
// migrated by a newer binary makes status exit 1 and migrate refuse.
func TestDBQueueSchema(t *testing.T) {
	url := pgtest.DB(t)
	qv := pgstore.QueueSchemaVersion
	code, out, errOut := runCLI(t, "", "db", "migrate", "--database", url)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("job queue schema (river) migrated from version 0 to %d", qv)) ||
		strings.Contains(out, "任务队列结构已从版本 0") {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "db", "status", "--database", url)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("job queue schema (river) version %d, this binary's %d", qv, qv)) {
		t.Fatalf("status: exit %d\n%s%s", code, out, errOut)
	}

	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO river.river_migration (line, version) VALUES ('main', $1)`, qv+1); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", "db", "status", "--database", url)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("version %d, this binary's %d", qv+1, qv)) || !strings.Contains(errOut, "任务队列结构版本") {
		t.Fatalf("status of a newer queue schema: exit %d, want 1\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "db", "migrate", "--database", url)
	want := fmt.Sprintf("the job queue schema (river) is version %d, newer than version %d", qv+1, qv)
	if code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("migrate of a newer queue schema: exit %d, want 1 and %q\n%s%s", code, want, out, errOut)
	}
}

package pgtest

import (
	"context"
	"sync/atomic"
	"testing"
)

// TestPreparedCopiesTemplate: prepare runs once per key; every copy starts
// with what prepare made and changes in one copy stay out of the others.
func TestPreparedCopiesTemplate(t *testing.T) {
	var runs atomic.Int32
	prepare := func(ctx context.Context, url string) error {
		runs.Add(1)
		return exec1(ctx, url, "CREATE TABLE things (n int); INSERT INTO things VALUES (1)")
	}
	ctx := context.Background()
	count := func(url string) int {
		conn := connect(t, url)
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM things").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	a := Prepared(t, "things", prepare)
	b := Prepared(t, "things", prepare)
	if a == b {
		t.Fatalf("two copies share a URL: %s", a)
	}
	if err := exec1(ctx, a, "INSERT INTO things VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	if got := count(a); got != 2 {
		t.Errorf("copy a: %d rows, want 2", got)
	}
	if got := count(b); got != 1 {
		t.Errorf("copy b: %d rows, want the template's 1", got)
	}
	if got := runs.Load(); got != 1 {
		t.Errorf("prepare ran %d times, want once", got)
	}
}

package pgstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
	"github.com/jackc/pgx/v5"
)

// benchBackend is a backend on a fresh migrated database.
func benchBackend(b *testing.B) *pgBackend {
	b.Helper()
	url := pgtest.DB(b)
	if _, err := pgstore.Migrate(context.Background(), url); err != nil {
		b.Fatal(err)
	}
	st, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	be := pgstore.NewBackend(st, dirBlobs(b, b.TempDir()))
	b.Cleanup(func() { be.Close() })
	return &pgBackend{Backend: be, url: url}
}

// fillAudit writes a valid chain of n entries with COPY, as a mover would.
func fillAudit(b *testing.B, pb *pgBackend, n int) {
	b.Helper()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, 0, n)
	prev := ""
	for i := range n {
		e := store.AuditEntry{Seq: uint64(i + 1), At: t0.Add(time.Duration(i) * time.Second), Actor: "alice",
			Action: "case.confirm", Object: fmt.Sprintf("case:%d", i), Detail: "route=takedown_cac; recipient=平台甲", Prev: prev}
		e.Hash = store.AuditHash(e)
		rows = append(rows, []any{int64(e.Seq), e.At, int16(0), e.Actor, e.Action, e.Object, e.Detail, e.Prev, e.Hash})
		prev = e.Hash
	}
	ctx := context.Background()
	if _, err := pb.Store().Pool().CopyFrom(ctx, pgx.Identifier{"audit"},
		[]string{"seq", "at", "at_ns", "actor", "action", "object", "detail", "prev", "hash"}, pgx.CopyFromRows(rows)); err != nil {
		b.Fatal(err)
	}
	if _, err := pb.Store().Pool().Exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2`, int64(n), prev); err != nil {
		b.Fatal(err)
	}
	if _, err := pb.Store().Pool().Exec(ctx, `VACUUM ANALYZE audit`); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAuditLog measures, on logs of 10^4 and 10^5 entries, one
// append (Audit), one page of the audit screen (100 entries by one actor
// and action prefix) and one VerifyAudit. Appends and pages should cost
// the same on both sizes; VerifyAudit grows with the log (its ns/entry is
// reported, against the 30 s a call may take).
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkAuditLog -benchtime 20x ./pgstore/
func BenchmarkAuditLog(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		pb := benchBackend(b)
		fillAudit(b, pb, n)
		b.Run(fmt.Sprintf("entries=%d/append", n), func(b *testing.B) {
			for range b.N {
				if _, err := pb.Audit(store.AuditEntry{Actor: "bob", Action: "login"}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("entries=%d/page", n), func(b *testing.B) {
			for range b.N {
				es, err := pb.AuditEntries(store.AuditFilter{Actor: "alice", ActionPrefix: "case.", Limit: 100})
				if err != nil || len(es) != 100 {
					b.Fatal(len(es), err)
				}
			}
		})
		b.Run(fmt.Sprintf("entries=%d/verify", n), func(b *testing.B) {
			for range b.N {
				r, err := pb.VerifyAudit()
				if err != nil || !r.OK() {
					b.Fatal(r, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}

package pgstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/store/storetest"
)

// BenchmarkDecide measures one confirmation (the case, its decision, its
// place in one of ten draft notices, the audit entry) on bbolt and on
// PostgreSQL, with GOMAXPROCS and four times as many reviewers deciding at
// once. The cases are recorded before the timer starts.
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkDecide -benchtime 2000x ./pgstore/
func BenchmarkDecide(b *testing.B) {
	backends := []struct {
		name string
		open func(b *testing.B) storetest.Backend
	}{
		{"bbolt", func(b *testing.B) storetest.Backend {
			s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}},
		{"postgres", func(b *testing.B) storetest.Backend {
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
			return be
		}},
	}
	for _, be := range backends {
		for _, par := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/reviewers=%d", be.name, par*runtime.GOMAXPROCS(0)), func(b *testing.B) {
				s := be.open(b)
				sw := store.Sweep{ConfigHash: "bench"}
				if err := s.StartSweep(&sw); err != nil {
					b.Fatal(err)
				}
				ids := make(chan uint64, b.N)
				for i := range b.N {
					url := fmt.Sprintf("https://forum.example/bench/%d", i)
					body := []byte("<html><body>出售安全员证 " + url + "</body></html>")
					sum := sha256.Sum256(body)
					res, err := s.Record(store.Observation{SweepID: sw.ID, CaseKey: store.CanonicalURL(url), URL: url, FinalURL: url,
						SourceID: "forum", FetchedAt: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), Status: 200, Body: body,
						Flagged: true, Score: 0.9, Category: "fake_certificate", ContentKey: hex.EncodeToString(sum[:])})
					if err != nil {
						b.Fatal(err)
					}
					ids <- res.CaseID
				}
				close(ids)
				b.SetParallelism(par)
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						id := <-ids
						d := store.Decision{CaseID: id, Action: casework.ActionConfirm, Route: casework.RouteTakedownCAC,
							Recipient: fmt.Sprintf("平台%d", id%10), By: "carol"}
						if _, _, err := s.Decide(d); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		}
	}
}

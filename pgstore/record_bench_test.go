package pgstore_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/internal/pgtest"
	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// benchObservation is flagged page i of a sweep: a new case with a body of
// about 16 KB, two contacts and a finding, as a sweep records one.
func benchObservation(sweepID uint64, i int64) store.Observation {
	url := fmt.Sprintf("https://h%d.example/t/%d", i%50, i)
	text := fmt.Sprintf("出售安全员证 %d 微信 seller-%d", i, i%500)
	body := []byte("<html><title>办证</title><body>" + strings.Repeat("<p>"+text+"</p>", 300) + "</body></html>")
	sum := sha256.Sum256([]byte(text))
	return store.Observation{
		SweepID: sweepID, CaseKey: store.CanonicalURL(url), URL: url, FinalURL: url, SourceID: "forum",
		Title: "办证", Status: 200, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body: body, RemoteAddr: "127.0.0.1:8080", Flagged: true, Score: 0.9, Category: "fake_certificate",
		Finding:   json.RawMessage(`{"version":1,"score":0.9,"rules":["cert-sale"],"route":"takedown_cac","channel":"rules"}`),
		PageTitle: "办证", Text: text, ContentKey: hex.EncodeToString(sum[:]),
		Contacts: []store.CaseContact{{Kind: "wechat", Value: fmt.Sprintf("seller-%d", i%500)}, {Kind: "phone", Value: "13900000001"}},
	}
}

// recorder is what BenchmarkRecord needs of a backend.
type recorder interface {
	StartSweep(sw *store.Sweep) error
	Record(o store.Observation) (store.RecordResult, error)
}

// BenchmarkRecord records new flagged pages on bbolt and on PostgreSQL in
// one run, by one writer and by eight at once (a sweep's handlers). The
// test cluster runs with fsync off while bbolt fsyncs each commit: the
// ratio is an upper bound for PostgreSQL on the same disk.
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkRecord -benchtime 2000x ./pgstore/
func BenchmarkRecord(b *testing.B) {
	backends := []struct {
		name string
		open func(b *testing.B) recorder
	}{
		{"bbolt", func(b *testing.B) recorder {
			st, err := store.Open(filepath.Join(b.TempDir(), "certwatch.db"), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			return st
		}},
		{"postgres", func(b *testing.B) recorder {
			url := pgtest.DB(b)
			if _, err := pgstore.Migrate(b.Context(), url); err != nil {
				b.Fatal(err)
			}
			st, err := pgstore.Open(b.Context(), url, pgstore.Options{})
			if err != nil {
				b.Fatal(err)
			}
			be := pgstore.NewBackend(st, dirBlobs(b, b.TempDir()))
			b.Cleanup(func() { be.Close() })
			return be
		}},
	}
	for _, writers := range []int{1, 8} {
		for _, be := range backends {
			b.Run(fmt.Sprintf("%s/writers=%d", be.name, writers), func(b *testing.B) {
				st := be.open(b)
				sw := store.Sweep{StartedAt: time.Now()}
				if err := st.StartSweep(&sw); err != nil {
					b.Fatal(err)
				}
				var next atomic.Int64
				var wg sync.WaitGroup
				b.ResetTimer()
				for range writers {
					wg.Go(func() {
						for {
							i := next.Add(1)
							if i > int64(b.N) {
								return
							}
							res, err := st.Record(benchObservation(sw.ID, i))
							if err != nil || !res.NewCase {
								b.Errorf("Record = %+v, %v", res, err)
								return
							}
						}
					})
				}
				wg.Wait()
			})
		}
	}
}

// Command metricsload measures what scrapes of /metrics do to the review
// pages of a real `certwatch serve` (issue 10, defect 11). It builds
// certwatch (or uses -bin), fills a database under a temporary directory
// with -cases flagged cases, starts serve on loopback, signs a reviewer in
// and times a case page, first alone and then while -clients clients
// fetch /metrics as fast as they can.
//
//	go run ./tools/metricsload
//	go run ./tools/metricsload -bin OLD_BINARY    # the same against another build
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/certwatch/certwatch/store"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/tools/internal/servetool"
)

func main() {
	bin := flag.String("bin", "", "certwatch binary (default: build ./cmd/certwatch with -tags ne)")
	cases := flag.Int("cases", 3000, "flagged cases in the database")
	clients := flag.Int("clients", 20, "concurrent /metrics clients")
	samples := flag.Int("samples", 40, "case page loads timed in each phase")
	flag.Parse()
	if err := run(*bin, *cases, *clients, *samples); err != nil {
		fmt.Fprintln(os.Stderr, "metricsload:", err)
		os.Exit(1)
	}
}

const password = "Metricsload-2026!"

func run(bin string, cases, clients, samples int) error {
	srv, err := servetool.Start(servetool.Options{Bin: bin, Prefix: "metricsload-",
		Fill: func(db string) error { return fill(db, cases) },
		User: "reviewer", Role: string(casework.RoleReviewerCAC), Password: password})
	if err != nil {
		return err
	}
	defer srv.Stop()
	base := srv.Base
	reviewer := servetool.NewClient("")
	if st, err := servetool.SignIn(reviewer, base, "reviewer", password); err != nil || st != http.StatusSeeOther {
		return fmt.Errorf("sign-in: %d %v", st, err)
	}
	page := fmt.Sprintf("%s/cases/%d", base, cases/2)
	time1 := func() (time.Duration, error) {
		t0 := time.Now()
		resp, err := reviewer.Get(page)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("GET %s: %d", page, resp.StatusCode)
		}
		return time.Since(t0), nil
	}
	phase := func() ([]time.Duration, error) {
		var d []time.Duration
		for range samples {
			x, err := time1()
			if err != nil {
				return nil, err
			}
			d = append(d, x)
			time.Sleep(20 * time.Millisecond)
		}
		slices.Sort(d)
		return d, nil
	}
	if _, err := time1(); err != nil { // warm up
		return err
	}
	alone, err := phase()
	if err != nil {
		return err
	}
	stop := make(chan struct{})
	var scrapes atomic.Int64
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(base + "/metrics")
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					scrapes.Add(1)
				}
			}
		})
	}
	t0 := time.Now()
	loaded, err := phase()
	took := time.Since(t0)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	fmt.Printf("%d cases; case page alone: median %s, p90 %s\n", cases, med(alone), p90(alone))
	fmt.Printf("with %d /metrics clients (%.0f scrapes/s): median %s, p90 %s\n", clients,
		float64(scrapes.Load())/took.Seconds(), med(loaded), p90(loaded))
	return nil
}

func med(d []time.Duration) time.Duration { return d[len(d)/2].Round(100 * time.Microsecond) }
func p90(d []time.Duration) time.Duration { return d[len(d)*9/10].Round(100 * time.Microsecond) }

// fill records n flagged cases in one sweep.
func fill(path string, n int) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	sw := store.Sweep{ConfigHash: "metricsload"}
	if err := st.StartSweep(&sw); err != nil {
		return err
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	encoded, err := finding.Encode(&finding.Finding{Route: casework.RouteTakedownCAC, Rules: []finding.RuleHit{},
		Matches: []finding.Match{}, Contacts: []finding.Contact{}, Reasons: []string{"test"}})
	if err != nil {
		return err
	}
	work := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range work {
				u := fmt.Sprintf("https://shop.example/item/%d", i)
				text := strings.Repeat("出售安全员证，无需考试，包过，联系微信 abc123。", 20)
				_, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: u, URL: u, SourceID: "a",
					Title: "出售安全员证 " + fmt.Sprint(i), Status: 200, Body: []byte("<p>" + text + "</p>"),
					Flagged: true, Score: 9, Category: "cert_sale", PageTitle: "出售安全员证", Text: text,
					Finding: encoded})
				if err != nil {
					mu.Lock()
					firstErr = cmpErr(firstErr, err)
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return fmt.Errorf("fill the database: %w", firstErr)
	}
	return st.FinishSweep(sw.ID, store.SweepFinished, nil)
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

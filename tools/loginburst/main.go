// Command loginburst measures what a burst of wrong sign-ins does to a real
// `certwatch serve` (issue 10, defect 2). It builds certwatch (or uses
// -bin), creates a database with one reviewer under a temporary directory,
// starts serve on loopback, signs the reviewer in, then fires -n
// concurrent wrong sign-ins while it samples serve's memory from
// /proc/PID/status (VmRSS, VmHWM) and keeps loading a signed-in page.
//
//	go run ./tools/loginburst                  # 200 wrong sign-ins, each from its own 127.x address and name
//	go run ./tools/loginburst -mode account    # 200 at the reviewer's account from one address
//
// It exits 1 when serve's peak RSS passes -max-rss or a signed-in page
// went unanswered. Nothing leaves the machine: serve listens on 127.0.0.1,
// every client connects from 127.0.0.0/8, and the configured source is
// resolved to a closed loopback port.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/tools/internal/servetool"
)

func main() {
	bin := flag.String("bin", "", "certwatch binary (default: build ./cmd/certwatch with -tags ne)")
	n := flag.Int("n", 200, "concurrent wrong sign-ins")
	mode := flag.String("mode", "spread", "spread: each attempt from its own address with its own name (every attempt reaches the password check); account: all at the reviewer from one address")
	maxRSS := flag.Int("max-rss", 400, "fail when serve's peak RSS (VmHWM) passes this many MB")
	flag.Parse()
	if err := run(*bin, *n, *mode, *maxRSS); err != nil {
		fmt.Fprintln(os.Stderr, "loginburst:", err)
		os.Exit(1)
	}
}

const password = "Loginburst-2026!"

func run(bin string, n int, mode string, maxRSS int) error {
	if mode != "spread" && mode != "account" {
		return fmt.Errorf("unknown -mode %q", mode)
	}
	srv, err := servetool.Start(servetool.Options{Bin: bin, Prefix: "loginburst-",
		User: "reviewer", Role: string(casework.RoleReviewerCAC), Password: password})
	if err != nil {
		return err
	}
	defer srv.Stop()
	base, pid := srv.Base, srv.PID

	reviewer := servetool.NewClient("127.0.0.1")
	if status, err := servetool.SignIn(reviewer, base, "reviewer", password); err != nil || status != http.StatusSeeOther {
		return fmt.Errorf("reviewer sign-in: %d %v", status, err)
	}
	if st, _, err := servetool.Get(reviewer, base+"/cases"); err != nil || st != http.StatusOK {
		return fmt.Errorf("reviewer's /cases before the burst: %d %v", st, err)
	}
	before, err := procStatus(pid)
	if err != nil {
		return err
	}

	// Sample memory and keep loading a signed-in page during the burst.
	ctx, stop := context.WithCancel(context.Background())
	var peakRSS atomic.Int64
	var pages, pageFails atomic.Int32
	var latMu sync.Mutex
	var lat []time.Duration
	var bg sync.WaitGroup
	bg.Go(func() {
		for ctx.Err() == nil {
			if s, err := procStatus(pid); err == nil && s.rss > peakRSS.Load() {
				peakRSS.Store(s.rss)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	bg.Go(func() {
		for ctx.Err() == nil {
			t0 := time.Now()
			st, _, err := servetool.Get(reviewer, base+"/cases")
			d := time.Since(t0)
			pages.Add(1)
			if err != nil || st != http.StatusOK {
				pageFails.Add(1)
			}
			latMu.Lock()
			lat = append(lat, d)
			latMu.Unlock()
			time.Sleep(50 * time.Millisecond)
		}
	})

	statuses := map[int]int{}
	var smu sync.Mutex
	var errs atomic.Int32
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			from, user := "127.0.0.9", "reviewer"
			if mode == "spread" {
				from = fmt.Sprintf("127.1.%d.%d", i/250, i%250+1)
				user = fmt.Sprintf("guess%d", i)
			}
			st, err := servetool.SignIn(servetool.NewClient(from), base, user, fmt.Sprintf("wrong-%d", i))
			if err != nil {
				errs.Add(1)
				return
			}
			smu.Lock()
			statuses[st]++
			smu.Unlock()
		})
	}
	wg.Wait()
	took := time.Since(start)
	time.Sleep(500 * time.Millisecond) // let the page loop and the sampler see the aftermath
	stop()
	bg.Wait()
	after, err := procStatus(pid)
	if err != nil {
		return err
	}
	realUser, _ := servetool.SignIn(servetool.NewClient("127.0.0.2"), base, "reviewer", password)

	slices.Sort(lat)
	fmt.Printf("mode %s: %d concurrent wrong sign-ins in %s\n", mode, n, took.Round(time.Millisecond))
	var keys []int
	for k := range statuses {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("  HTTP %d × %d\n", k, statuses[k])
	}
	if e := errs.Load(); e > 0 {
		fmt.Printf("  connection errors × %d\n", e)
	}
	fmt.Printf("serve RSS: before %d MB, peak sampled %d MB, after %d MB; VmHWM %d MB\n",
		before.rss>>20, peakRSS.Load()>>20, after.rss>>20, after.hwm>>20)
	if len(lat) > 0 {
		fmt.Printf("signed-in /cases during the burst: %d requests, %d failed, median %s, max %s\n",
			pages.Load(), pageFails.Load(), lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	}
	fmt.Printf("the reviewer signing in afterwards from another address: HTTP %d\n", realUser)
	var problems []string
	if after.hwm>>20 > int64(maxRSS) {
		problems = append(problems, fmt.Sprintf("peak RSS %d MB is over %d MB", after.hwm>>20, maxRSS))
	}
	if pageFails.Load() > 0 || pages.Load() == 0 {
		problems = append(problems, fmt.Sprintf("%d of %d signed-in page loads failed", pageFails.Load(), pages.Load()))
	}
	if errs.Load() > 0 {
		problems = append(problems, fmt.Sprintf("%d sign-ins got no answer", errs.Load()))
	}
	if realUser != http.StatusSeeOther {
		problems = append(problems, fmt.Sprintf("the reviewer could not sign in afterwards (HTTP %d)", realUser))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	fmt.Println("OK")
	return nil
}

type status struct{ rss, hwm int64 }

// procStatus reads VmRSS and VmHWM (bytes) of pid.
func procStatus(pid int) (status, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return status{}, err
	}
	defer f.Close()
	var s status
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmRSS":
			s.rss = kb << 10
		case "VmHWM":
			s.hwm = kb << 10
		}
	}
	return s, sc.Err()
}

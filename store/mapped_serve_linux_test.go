package store

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// mappedRSS is the resident size (kB) of this process's mappings of path
// (/proc/self/smaps).
func mappedRSS(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = len(fields) >= 6 && fields[len(fields)-1] == path
			continue
		}
		if in && len(fields) >= 2 && fields[0] == "Rss:" {
			n, _ := strconv.Atoi(fields[1])
			total += n
		}
	}
	return total
}

// TestReleaseMappedEvery: pages a server's reads mapped leave the
// resident set at the next drop, and reads still work after it.
func TestReleaseMappedEvery(t *testing.T) {
	s, _ := openTest(t)
	sw := startSweep(t, s)
	big := strings.Repeat("证书代办，全国通用。", 300) // ~8 KB a case
	var ids []uint64
	for i := range 400 {
		u := fmt.Sprintf("https://h.example/p/%d", i)
		res, err := s.Record(Observation{SweepID: sw, CaseKey: u, URL: u, FinalURL: u, Title: "t", Status: 200,
			Body: []byte(big), Flagged: true, Score: 1, Category: "cert_sale", Text: big})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.CaseID)
	}
	read := func() {
		for _, id := range ids {
			sn, err := s.Snapshots(id)
			if err != nil || len(sn) == 0 {
				t.Fatalf("snapshots of %d: %v", id, err)
			}
			if txt, err := s.SnapshotText(sn[0].ID); err != nil || txt.Text != big {
				t.Fatalf("text of case %d: %v", id, err)
			}
		}
	}
	read()
	before := mappedRSS(t, s.db.Path())
	if before < 1024 {
		t.Skipf("only %d kB of the file mapped after reading it all: nothing to measure", before)
	}
	stop := s.ReleaseMappedEvery(20 * time.Millisecond)
	defer stop()
	deadline := time.Now().Add(5 * time.Second)
	after := before
	for time.Now().Before(deadline) {
		if after = mappedRSS(t, s.db.Path()); after < before/4 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if after >= before/4 {
		t.Fatalf("mapped pages resident: %d kB before, %d kB after the drops", before, after)
	}
	read() // the dropped pages come back from the page cache
	stop()
	stop() // twice is harmless
	t.Logf("mapped database pages resident: %d kB after reading every case, %d kB after a drop", before, after)
}

package review_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// qbTextPool is the text the queue benchmark's cases are cut from: the
// real texts of testdata/real (pages, posts and listings quoted for
// evaluation, 600 texts, ~80,000 characters), so that the full-text
// index sees the bigrams of real Chinese pages rather than random
// characters, which would make its vocabulary far larger than a real
// one's.
type qbTextPool struct {
	runes  []rune
	starts []int // where each text begins in runes
}

// qbPageRunes is a benchmark page's length in characters: about what a
// crawled offer page's main text has (BenchmarkSearch100k's pages are as
// long).
const qbPageRunes = 700

// qbTexts reads the pool; it fails the benchmark when testdata is missing.
func qbTexts(b testing.TB) *qbTextPool {
	p := &qbTextPool{}
	for _, name := range []string{"../testdata/real/texts.jsonl", "../testdata/real/everyday.jsonl"} {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var rec struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			p.starts = append(p.starts, len(p.runes))
			p.runes = append(p.runes, []rune(strings.TrimSpace(rec.Text)+"\n")...)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
	}
	if len(p.runes) < 10*qbPageRunes {
		b.Fatalf("text pool of %d characters is too small", len(p.runes))
	}
	return p
}

// page is case i's title and text, the same for the same i: three runs of
// the pool taken from where texts begin (so every page reads as real text)
// with the seller's contacts (20 cases a seller) and a listing number in
// between, about qbPageRunes characters in all.
func (p *qbTextPool) page(i int) (title, text string) {
	rng := rand.New(rand.NewPCG(uint64(i), 13))
	var sb strings.Builder
	part := qbPageRunes / 3
	for k := range 3 {
		at := p.starts[rng.IntN(len(p.starts))]
		end := min(len(p.runes), at+part)
		run := p.runes[at:end]
		if k == 0 {
			t := run[:min(len(run), 30)]
			if n := strings.IndexAny(string(t), "\n，。,"); n > 0 {
				t = []rune(string(t)[:n])
			}
			title = string(t)
		}
		sb.WriteString(string(run))
		switch k {
		case 0:
			fmt.Fprintf(&sb, " 微信 wx%05d，电话 13%09d。", i/20, (i/20)*7919%1_000_000_000)
		case 1:
			fmt.Fprintf(&sb, " 编号 %d ", 100000+i)
		}
	}
	return title, sb.String()
}

// qbMappedFiles lists this process's file mappings with more than 1 MB
// resident ("path: N MB"), from /proc/self/smaps.
func qbMappedFiles() string {
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return "?"
	}
	rss := map[string]int{}
	cur := ""
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			cur = ""
			if len(f) >= 6 {
				cur = f[len(f)-1]
			}
		case len(f) >= 2 && f[0] == "Rss:" && cur != "":
			var n int
			fmt.Sscan(f[1], &n)
			rss[cur] += n
		}
	}
	var out []string
	for p, n := range rss {
		if n > 1024 {
			out = append(out, fmt.Sprintf("%s: %d MB", p, n>>10))
		}
	}
	return strings.Join(out, "; ")
}

// Command benchtable runs certwatch's matcher benchmarks and cold-start
// measurements in one go and prints them as ratios against baselines
// measured in the same run (machines here are noisy: compare ratios, not
// absolute times). It is what `make bench` runs.
//
// It measures:
//   - matcher throughput on ordinary pages (no candidate) and on pages dense
//     with hits, against raw multi-pattern matching of the same literals on
//     the same text and against segmenting all text with gse (go test -bench
//     in ./matcher, built without -tags ne so gse's own dictionary is there);
//   - cold start of `certwatch scan` on one page: wall time and peak RSS,
//     for a page with no candidate and for one that needs the segmenter,
//     against a program that loads gse's own dictionary the usual way;
//   - compile time and retained heap of a pack of the 65,000-term lexicon.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	benchtime := flag.String("benchtime", "2s", "go test -benchtime for the throughput benchmarks")
	runs := flag.Int("runs", 5, "cold-start runs per measurement (the median is reported)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "benchtable")
	check(err)
	defer os.RemoveAll(dir)

	fmt.Println("building…")
	bin := filepath.Join(dir, "certwatch")
	run("go", "build", "-tags", "ne", "-o", bin, "./cmd/certwatch")
	gsecold := filepath.Join(dir, "gsecold")
	run("go", "build", "-o", gsecold, "./tools/gsecold")

	fmt.Println("running go test -bench (this takes a minute)…")
	out := run("go", "test", "-run", "^$", "-bench", "Ordinary|Dense|CompileLexicon", "-benchtime", *benchtime, "-count", "1", "./matcher/")
	res := parseBench(out)

	fmt.Println("measuring cold start…")
	quiet := "testdata/bench/ordinary.html"
	hit := "testdata/bench/offer.html"
	cwQuiet := median(*runs, func() sample { return measure(bin, "scan", "--format", "jsonl", quiet) })
	cwHit := median(*runs, func() sample { return measure(bin, "scan", "--format", "jsonl", hit) })
	gse := median(*runs, func() sample { return measure(gsecold, hit) })

	fmt.Println()
	fmt.Println("| measurement | certwatch | baseline | ratio | target |")
	fmt.Println("|---|---|---|---|---|")
	row := func(name string, a, b float64, unit string, target string) {
		ratio := "n/a"
		if a > 0 && b > 0 {
			ratio = fmt.Sprintf("%.2f×", a/b)
		}
		fmt.Printf("| %s | %s | %s | %s | %s |\n", name, fmtVal(a, unit), fmtVal(b, unit), ratio, target)
	}
	row("ordinary pages: matcher vs raw automaton (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/RawAutomaton"].mbs, "MB/s", "≥ 0.5×")
	row("ordinary pages: matcher vs gse Segment (no HMM) of all text (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/SegmentAllGse"].mbs, "MB/s", "≥ 20×")
	row("ordinary pages: matcher vs gse Cut with HMM of all text (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/CutGseHMM"].mbs, "MB/s", "≥ 20×")
	row("ordinary pages: matcher vs trimmed-dictionary segmenting all (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/SegmentAll"].mbs, "MB/s", "")
	row("dense pages: matcher vs raw automaton (MB/s)", res["BenchmarkDense/Match"].mbs, res["BenchmarkDense/RawAutomaton"].mbs, "MB/s", "")
	row("dense pages: matcher vs gse Segment (no HMM) of all text (MB/s)", res["BenchmarkDense/Match"].mbs, res["BenchmarkDense/SegmentAllGse"].mbs, "MB/s", "")
	row("cold start, page without candidates: wall (s) vs gse dictionary load", cwQuiet.wall.Seconds(), gse.wall.Seconds(), "s", "≤ 1 s")
	row("cold start, page without candidates: peak RSS (MB) vs gse", cwQuiet.rssMB, gse.rssMB, "MB", "≤ 150 MB")
	row("cold start, page with an offer (segmenter loaded): wall (s) vs gse", cwHit.wall.Seconds(), gse.wall.Seconds(), "s", "≤ 1 s")
	row("cold start, page with an offer: peak RSS (MB) vs gse", cwHit.rssMB, gse.rssMB, "MB", "≤ 150 MB")
	lex := res["BenchmarkCompileLexicon"]
	fmt.Printf("| compile a pack of the lexicon (%.0f terms) | %.2f s, %.0f MB heap kept | | | measured |\n", lex.metrics["terms"], lex.nsop/1e9, lex.metrics["heapMB"])
	fmt.Println()
	fmt.Println("raw go test -bench output:")
	fmt.Print(out)
}

type benchResult struct {
	nsop, mbs float64
	metrics   map[string]float64
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func parseBench(out string) map[string]benchResult {
	res := map[string]benchResult{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		r := benchResult{metrics: map[string]float64{}}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				r.nsop = v
			case "MB/s":
				r.mbs = v
			default:
				r.metrics[f[i+1]] = v
			}
		}
		res[m[1]] = r
	}
	return res
}

type sample struct {
	wall  time.Duration
	rssMB float64
}

func measure(name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	cmd.Stdout = new(bytes.Buffer)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: %s %v: %v\n%s", name, args, err, stderr.String())
		os.Exit(1)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	rss := 0.0
	if ru != nil {
		rss = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	return sample{wall: wall, rssMB: rss}
}

func median(n int, f func() sample) sample {
	var ss []sample
	for range max(n, 1) {
		ss = append(ss, f())
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].wall < ss[j].wall })
	m := ss[len(ss)/2]
	sort.Slice(ss, func(i, j int) bool { return ss[i].rssMB < ss[j].rssMB })
	m.rssMB = ss[len(ss)/2].rssMB
	return m
}

func fmtVal(v float64, unit string) string {
	if v == 0 {
		return "n/a"
	}
	switch unit {
	case "s":
		return fmt.Sprintf("%.3f s", v)
	case "MB":
		return fmt.Sprintf("%.0f MB", v)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}

func run(name string, args ...string) string {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: %s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
		os.Exit(1)
	}
	return out.String()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

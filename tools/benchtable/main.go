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
//   - compile time and retained heap of a pack of the 65,000-term lexicon
//     (and of loading it: compile beside the default pack plus the
//     segmenter with its words, BenchmarkLoadLexicon),
//     and ordinary-page throughput with that pack loaded beside the
//     default one;
//   - a sweep's cost per page: a sweep end to end against plain colly plus
//     page.FromHTML plus the matcher on the same 2,000 local pages
//     (BenchmarkSweepCost in ./sweep), and the peak RSS, wall and CPU time
//     of `certwatch sweep` on a 50,000-page local site; -compare BIN sweeps
//     that site with another binary too (e.g. one built from an older
//     commit), for before/after figures from one run. -only sweep runs just
//     these.
//
// Throughput is also given per CPU second (cpuMB/s): on a machine shared
// with other work the wall time of a run stretches far more than its CPU
// time.
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

	"github.com/certwatch/certwatch/testbed"
)

func main() {
	benchtime := flag.String("benchtime", "2s", "go test -benchtime for the throughput benchmarks")
	runs := flag.Int("runs", 5, "cold-start runs per measurement (the median is reported)")
	bigPages := flag.Int("big", 50000, "pages of the local site for the crawl memory measurement (0: skip)")
	only := flag.String("only", "", `"sweep": only the sweep's rows (its cost against plain colly, the big sweep's memory)`)
	compare := flag.String("compare", "", "another certwatch binary (e.g. built from an older commit) to sweep the big site with too, for before/after figures from one run")
	flag.Parse()
	if *only != "" && *only != "sweep" {
		check(fmt.Errorf("-only %q: the only choice is \"sweep\"", *only))
	}
	dir, err := os.MkdirTemp("", "benchtable")
	check(err)
	defer os.RemoveAll(dir)

	fmt.Println("building…")
	bin := filepath.Join(dir, "certwatch")
	run("go", "build", "-tags", "ne", "-o", bin, "./cmd/certwatch")
	gsecold := filepath.Join(dir, "gsecold")
	run("go", "build", "-o", gsecold, "./tools/gsecold")

	if *only == "sweep" {
		sweepRows(bin, dir, *bigPages, *compare)
		return
	}

	fmt.Println("running go test -bench (this takes a minute)…")
	out := run("go", "test", "-run", "^$", "-bench", "Ordinary|Dense|CompileLexicon|LoadLexicon", "-benchtime", *benchtime, "-count", "1", "./matcher/")
	res := parseBench(out)

	fmt.Println("running the crawler and sweep benchmarks…")
	// A failing crawler or sweep benchmark is reported and leaves its rows
	// empty; the matcher's rows are still printed.
	crawlOut := runSoft("go", "test", "-tags", "ne", "-run", "^$", "-bench", "StaticPagesPerSecond|RenderedPagesPerSecond|RenderAuto", "-benchtime", "1x", "-count", "1", "./crawler/")
	sweepOut := runSoft("go", "test", "-tags", "ne", "-run", "^$", "-bench", "SweepPolitenessBound|SweepCost", "-benchtime", "1x", "-count", "1", "./sweep/")
	for k, v := range parseBench(crawlOut + sweepOut) {
		res[k] = v
	}
	var big, old sample
	if *bigPages > 0 {
		big, old = bigSweeps(bin, dir, *bigPages, *compare)
	}

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
	cpu := func(name string) float64 { return res[name].metrics["cpuMB/s"] }
	row("ordinary pages: matcher vs raw automaton (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/RawAutomaton"].mbs, "MB/s", "≥ 0.5×")
	row("ordinary pages: the same per CPU second (cpuMB/s; less disturbed by other processes)", cpu("BenchmarkOrdinary/Match"), cpu("BenchmarkOrdinary/RawAutomaton"), "MB/s", "≥ 0.5×")
	row("ordinary pages: matcher vs raw pass of its own automaton (cpuMB/s)", cpu("BenchmarkOrdinary/Match"), cpu("BenchmarkOrdinary/RawOwnAutomaton"), "MB/s", "")
	row("ordinary pages, 65,000-term lexicon loaded beside the default pack: matcher (MB/s) vs raw pass of its automaton", res["BenchmarkOrdinaryLexicon/Match"].mbs, res["BenchmarkOrdinaryLexicon/RawOwnAutomaton"].mbs, "MB/s", "≥ 20 MB/s")
	row("  the same per CPU second (cpuMB/s)", cpu("BenchmarkOrdinaryLexicon/Match"), cpu("BenchmarkOrdinaryLexicon/RawOwnAutomaton"), "MB/s", "≥ 20 MB/s")
	row("ordinary pages: matcher vs gse Segment (no HMM) of all text (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/SegmentAllGse"].mbs, "MB/s", "≥ 20×")
	row("ordinary pages: matcher vs gse Cut with HMM of all text (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/CutGseHMM"].mbs, "MB/s", "≥ 20×")
	row("ordinary pages: matcher vs trimmed-dictionary segmenting all (MB/s)", res["BenchmarkOrdinary/Match"].mbs, res["BenchmarkOrdinary/SegmentAll"].mbs, "MB/s", "")
	row("dense pages (candidates): matcher vs raw automaton (MB/s)", res["BenchmarkDense/Match"].mbs, res["BenchmarkDense/RawAutomaton"].mbs, "MB/s", "≥ 20 MB/s")
	row("dense pages: the same per CPU second (cpuMB/s)", cpu("BenchmarkDense/Match"), cpu("BenchmarkDense/RawAutomaton"), "MB/s", "≥ 20 MB/s")
	row("dense pages: matcher vs gse Segment (no HMM) of all text (MB/s)", res["BenchmarkDense/Match"].mbs, res["BenchmarkDense/SegmentAllGse"].mbs, "MB/s", "")
	row("cold start, page without candidates: wall (s) vs gse dictionary load", cwQuiet.wall.Seconds(), gse.wall.Seconds(), "s", "≤ 1 s")
	row("cold start, page without candidates: peak RSS (MB) vs gse", cwQuiet.rssMB, gse.rssMB, "MB", "≤ 150 MB")
	row("cold start, page with an offer (segmenter loaded): wall (s) vs gse", cwHit.wall.Seconds(), gse.wall.Seconds(), "s", "≤ 1 s")
	row("cold start, page with an offer: peak RSS (MB) vs gse", cwHit.rssMB, gse.rssMB, "MB", "≤ 150 MB")
	st := res["BenchmarkStaticPagesPerSecond"]
	row("static pages/s: certwatch crawler vs plain colly, same site and limits", st.metrics["crawler-pages/s"], st.metrics["colly-pages/s"], "pages/s", "≥ 0.8×")
	if r := res["BenchmarkRenderedPagesPerSecond"]; r.metrics["pages/s/tab"] > 0 {
		fmt.Printf("| rendered pages/s per tab (%.0f tabs, %.2f pages/s in all): discovery render vs a screenshot of every page (before issue 12) | %.2f pages/s/tab | %.2f pages/s/tab | %.2f× | measured |\n",
			r.metrics["pages/s"]/r.metrics["pages/s/tab"], r.metrics["pages/s"], r.metrics["pages/s/tab"], r.metrics["before-pages/s/tab"], r.metrics["now/before"])
		row("CPU per rendered page (certwatch and browser processes, ms): discovery render vs before", r.metrics["cpu-ms/page"], r.metrics["before-cpu-ms/page"], "ms", "")
	}
	if r := res["BenchmarkRenderAuto"]; r.metrics["auto-pages/s"] > 0 {
		row("render: auto vs every page rendered, 40 pages of which 8 script shells (pages/s)", r.metrics["auto-pages/s"], r.metrics["all-rendered-pages/s"], "pages/s", "")
		row("  CPU per page (ms)", r.metrics["auto-cpu-ms/page"], r.metrics["all-rendered-cpu-ms/page"], "ms", "")
	}
	if sw := res["BenchmarkSweepPolitenessBound"]; sw.metrics["bound-s"] > 0 {
		row("sweep wall time vs politeness bound (20 hosts × 50 pages, 100 ms/host)", sw.metrics["wall-s"], sw.metrics["bound-s"], "s", "≤ 1.5×")
	}
	costRows(row, res)
	if *bigPages > 0 {
		bigRows(*bigPages, big, old, *compare)
	}
	lex := res["BenchmarkCompileLexicon"]
	fmt.Printf("| compile a pack of the lexicon (%.0f terms) | %.2f s (%.2f CPU s), %.0f MB heap kept | | | ≤ 2 s, ≤ 300 MB |\n", lex.metrics["terms"], lex.nsop/1e9, lex.metrics["cpu-s/op"], lex.metrics["heapMB"])
	if ld := res["BenchmarkLoadLexicon"]; ld.nsop > 0 {
		fmt.Printf("| load the lexicon beside the default pack, segmenter built | %.2f s (%.2f CPU s), %.0f MB heap kept, %.0f MB allocated | | | ≤ 2 s, ≤ 300 MB |\n", ld.nsop/1e9, ld.metrics["cpu-s/op"], ld.metrics["heapMB"], ld.metrics["allocMB/op"])
	}
	fmt.Println()
	fmt.Println("raw go test -bench output:")
	fmt.Print(out)
	fmt.Print(crawlOut)
	fmt.Print(sweepOut)
}

// sweepRows is `benchtable -only sweep`: the sweep's cost against plain
// colly, and the big sweep's memory (with the compared binary's).
func sweepRows(bin, dir string, bigPages int, compare string) {
	fmt.Println("running BenchmarkSweepCost…")
	out := runSoft("go", "test", "-tags", "ne", "-run", "^$", "-bench", "SweepCost", "-benchtime", "1x", "-count", "1", "./sweep/")
	res := parseBench(out)
	var big, old sample
	if bigPages > 0 {
		big, old = bigSweeps(bin, dir, bigPages, compare)
	}
	fmt.Println()
	fmt.Println("| measurement | certwatch | baseline | ratio | target |")
	fmt.Println("|---|---|---|---|---|")
	costRows(func(name string, a, b float64, unit string, target string) {
		ratio := "n/a"
		if a > 0 && b > 0 {
			ratio = fmt.Sprintf("%.2f×", a/b)
		}
		fmt.Printf("| %s | %s | %s | %s | %s |\n", name, fmtVal(a, unit), fmtVal(b, unit), ratio, target)
	}, res)
	if bigPages > 0 {
		bigRows(bigPages, big, old, compare)
	}
	fmt.Println()
	fmt.Println("raw go test -bench output:")
	fmt.Print(out)
}

// costRows are BenchmarkSweepCost's rows: a sweep end to end against plain
// colly plus page.FromHTML plus the matcher on the same 2,000 pages.
func costRows(row func(name string, a, b float64, unit string, target string), res map[string]benchResult) {
	c := res["BenchmarkSweepCost"]
	if c.metrics["sweep-ns/page"] == 0 {
		return
	}
	perSec := func(ns float64) float64 { return 1e9 / ns }
	row("sweep vs plain colly + page.FromHTML + matcher, 2,000 static local pages, no politeness (pages/s)",
		perSec(c.metrics["sweep-ns/page"]), perSec(c.metrics["base-ns/page"]), "pages/s", "≥ 0.5×")
	row("  the same: CPU seconds (process, local server included)", c.metrics["sweep-cpu-s"], c.metrics["base-cpu-s"], "s", "")
}

// bigSweeps sweeps the big site with bin and, when compare is set, with
// that binary too (after bin, on the same site).
func bigSweeps(bin, dir string, pages int, compare string) (big, old sample) {
	fmt.Printf("sweeping a local site of %d pages (browser off) for peak RSS…\n", pages)
	big = bigSweep(bin, dir, "new", pages)
	if compare != "" {
		fmt.Printf("sweeping it again with %s…\n", compare)
		old = bigSweep(compare, dir, "old", pages)
	}
	return big, old
}

// bigRows prints the big sweep's row, and the compared binary's.
func bigRows(pages int, big, old sample, compare string) {
	perSec := func(s sample) float64 { return float64(pages) / s.wall.Seconds() }
	fmt.Printf("| peak RSS sweeping a %d-page local site (browser off) | %.0f MB (%.0f pages/s, %.0f s, %.0f CPU s) | | | ≤ 80 MB |\n",
		pages, big.rssMB, perSec(big), big.wall.Seconds(), big.cpu.Seconds())
	if compare != "" {
		fmt.Printf("| the same with %s | %.0f MB (%.0f pages/s, %.0f s, %.0f CPU s) | | %.2f× RSS, %.2f× CPU | |\n",
			compare, old.rssMB, perSec(old), old.wall.Seconds(), old.cpu.Seconds(), big.rssMB/old.rssMB, big.cpu.Seconds()/old.cpu.Seconds())
	}
}

// bigSweep runs `certwatch sweep` over the sample web's big site into a
// new database named name and returns its wall time, CPU time and peak
// RSS.
func bigSweep(bin, dir, name string, pages int) sample {
	web, err := testbed.Start(testbed.Options{BigSitePages: pages})
	check(err)
	defer web.Close()
	cfg := filepath.Join(dir, name+".yaml")
	y := fmt.Sprintf(`database: %q
resolve_only: true
resolve:
  big.example: %s
allow_internal: [big.example]
limits: {per_host_delay: 0s, per_host_parallel: 8, parallel: 8, timeout: 10s, retries: 0}
sources:
  - {id: big, type: site, start: ["http://big.example/"], depth: 12, max_pages: %d}
`, filepath.Join(dir, name+".db"), web.Addr(), pages+1)
	check(os.WriteFile(cfg, []byte(y), 0o644))
	return measure(bin, "sweep", "--config", cfg)
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
	cpu   time.Duration // user and system
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
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rssMB: rss}
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

// runSoft is run for measurements the table can do without: a failure is
// reported on stderr and what the command printed is still returned.
func runSoft(name string, args ...string) string {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "benchtable: %s %s: %v (its rows stay empty)\n", name, strings.Join(args, " "), err)
	}
	return out.String()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

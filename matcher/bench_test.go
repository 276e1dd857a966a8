package matcher

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/coregx/ahocorasick"
	"github.com/go-ego/gse"

	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// Benchmarks compare, on the same pages in the same run:
//   - Match: the whole matcher (normalize, automaton, and on candidate pages
//     segmentation, contacts and scoring);
//   - RawAutomaton: the same literals matched by coregx/ahocorasick over
//     the raw page text, with no normalization (the floor the issue's
//     ratio is measured against); RawOwnAutomaton: the same with the
//     matcher's own automaton (automaton.go);
//   - SegmentAll: gse segmentation of all the text (what matching without a
//     candidate filter would cost at least).
// `make bench` runs them and prints the ratios (tools/benchtable).

var (
	benchOnce                 sync.Once
	ordinaryPages, densePages []*page.Page
)

// benchPages splits the corpus into ordinary pages (no candidate at all:
// news, recipes, forums, shops, tech pages…) and pages dense with hits
// (the positives), each repeated to a workload of about 1 MiB.
func benchPages(b *testing.B) ([]*page.Page, []*page.Page) {
	m := defaultMatcher(b)
	benchOnce.Do(func() {
		var ord, dense []*page.Page
		for _, lp := range loadCorpus(&testing.T{}, "../testdata/corpus/*.jsonl") {
			if lp.label != "clean" {
				dense = append(dense, lp.p)
				continue
			}
			norm := NormalizeString(lp.p.Title + "\n" + lp.p.Text)
			if !m.opens([]byte(norm), len(NormalizeString(lp.p.Title))) && len(lp.p.Forms) == 0 {
				ord = append(ord, lp.p)
			}
		}
		ordinaryPages, densePages = repeatTo(ord, 1<<20), repeatTo(dense, 1<<20)
	})
	if len(ordinaryPages) == 0 || len(densePages) == 0 {
		b.Fatal("no benchmark pages")
	}
	return ordinaryPages, densePages
}

func repeatTo(ps []*page.Page, size int) []*page.Page {
	var out []*page.Page
	n := 0
	for n < size && len(ps) > 0 {
		for _, p := range ps {
			out = append(out, p)
			n += len(p.Title) + len(p.Text) + 1
		}
	}
	return out
}

func pagesBytes(ps []*page.Page) int64 {
	var n int64
	for _, p := range ps {
		n += int64(len(p.Title) + len(p.Text) + 1)
	}
	return n
}

// cpuTime is the CPU time the process has used (user and system, every
// thread: the garbage collector's work counts).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the throughput per CPU second ("cpuMB/s") to a
// benchmark: on a shared machine other processes stretch the wall time of
// a run, much less the CPU time it takes.
func reportCPU(b *testing.B, bytes int64, start time.Duration) {
	if d := cpuTime() - start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/d.Seconds(), "cpuMB/s")
	}
}

func benchMatch(b *testing.B, ps []*page.Page) {
	benchMatcher(b, defaultMatcher(b), ps)
}

func benchMatcher(b *testing.B, m *Matcher, ps []*page.Page) {
	m.Warm()
	b.SetBytes(pagesBytes(ps))
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		for _, p := range ps {
			m.Match(p)
		}
	}
	reportCPU(b, pagesBytes(ps), start)
}

// benchEach times fn over every page's title and text, prepared once by prep.
func benchEach(b *testing.B, ps []*page.Page, prep func(string) string, fn func([]byte)) {
	texts := make([][]byte, len(ps))
	for i, p := range ps {
		texts[i] = []byte(prep(p.Title + "\n" + p.Text))
	}
	b.SetBytes(pagesBytes(ps))
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			fn(t)
		}
	}
	reportCPU(b, pagesBytes(ps), start)
}

func asIs(s string) string { return s }

// benchRaw matches the matcher's literals over the raw text with the same
// automaton library: no normalization, no scoring.
func benchRaw(b *testing.B, ps []*page.Page) {
	ac, err := ahocorasick.NewBuilder().AddStrings(defaultMatcher(b).Literals()).Build()
	if err != nil {
		b.Fatal(err)
	}
	benchEach(b, ps, asIs, func(t []byte) { ac.FindAllOverlapping(t) })
}

// benchRawOwn is benchRaw with the matcher's own automaton (automaton.go)
// instead of coregx/ahocorasick: how much of the matcher's ratio to the
// raw pass comes from a faster automaton.
func benchRawOwn(b *testing.B, ps []*page.Page) {
	ac := newAutomaton(defaultMatcher(b).Literals())
	benchEach(b, ps, asIs, func(t []byte) { ac.each(t, func(int, int, int) bool { return true }) })
}

// benchSegmentAll segments all the normalized text with the matcher's own
// (trimmed) dictionary and its word segmenter (wordseg.go).
func benchSegmentAll(b *testing.B, ps []*page.Page) {
	m := defaultMatcher(b)
	m.Warm()
	benchEach(b, ps, NormalizeString, func(t []byte) { m.segment(unsafe.String(unsafe.SliceData(t), len(t))) })
}

var (
	gseFullOnce sync.Once
	gseFull     *gse.Segmenter
)

// loadGseFull loads gse's own simplified-Chinese dictionary, as gse's
// documentation does; nil in a build with -tags ne, which leaves it out.
func loadGseFull() *gse.Segmenter {
	gseFullOnce.Do(func() {
		var seg gse.Segmenter
		seg.SkipLog = true
		if err := seg.LoadDictEmbed("zh_s"); err == nil && seg.Dict != nil && seg.Dict.NumTokens() > 0 {
			gseFull = &seg
		}
	})
	return gseFull
}

// benchSegmentGse segments all the text with gse as it comes (its own
// dictionary, shortest path, no HMM): the naive design the matcher avoids.
func benchSegmentGse(b *testing.B, ps []*page.Page) {
	if loadGseFull() == nil {
		b.Skip("gse's embedded dictionary is not in this build (-tags ne)")
	}
	benchEach(b, ps, asIs, func(t []byte) { gseFull.Segment(t) })
}

// benchCutGseHMM cuts all the text with gse's Cut and its HMM for unknown
// words, gse's documented default for accurate segmentation.
func benchCutGseHMM(b *testing.B, ps []*page.Page) {
	if loadGseFull() == nil {
		b.Skip("gse's embedded dictionary is not in this build (-tags ne)")
	}
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.Title + "\n" + p.Text
	}
	b.SetBytes(pagesBytes(ps))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			gseFull.Cut(t, true)
		}
	}
}

func BenchmarkOrdinary(b *testing.B) {
	ord, _ := benchPages(b)
	b.Run("Match", func(b *testing.B) { benchMatch(b, ord) })
	b.Run("RawAutomaton", func(b *testing.B) { benchRaw(b, ord) })
	b.Run("RawOwnAutomaton", func(b *testing.B) { benchRawOwn(b, ord) })
	b.Run("SegmentAll", func(b *testing.B) { benchSegmentAll(b, ord) })
	b.Run("SegmentAllGse", func(b *testing.B) { benchSegmentGse(b, ord) })
	b.Run("CutGseHMM", func(b *testing.B) { benchCutGseHMM(b, ord) })
}

// BenchmarkOrdinaryInterleaved measures the ratio on a shared
// machine: the matcher, coregx/ahocorasick and the matcher's own byte
// automaton (both over the raw text, all literals) take turns on tenths of
// the ordinary pages, so that load from other processes falls on all
// three alike; it reports each one's throughput per CPU second and the
// matcher's ratio to each raw pass ("x-coregx", "x-own", the targets are
// 0.5).
func BenchmarkOrdinaryInterleaved(b *testing.B) {
	ord, _ := benchPages(b)
	m := defaultMatcher(b)
	m.Warm()
	ac, err := ahocorasick.NewBuilder().AddStrings(m.Literals()).Build()
	if err != nil {
		b.Fatal(err)
	}
	own := newAutomaton(m.Literals())
	texts := make([][]byte, len(ord))
	for i, p := range ord {
		texts[i] = []byte(p.Title + "\n" + p.Text)
	}
	var tm, tr, to time.Duration
	for b.Loop() {
		for part := range 10 {
			lo, hi := part*len(ord)/10, (part+1)*len(ord)/10
			s := cpuTime()
			for _, p := range ord[lo:hi] {
				m.Match(p)
			}
			tm += cpuTime() - s
			s = cpuTime()
			for _, t := range texts[lo:hi] {
				ac.FindAllOverlapping(t)
			}
			tr += cpuTime() - s
			s = cpuTime()
			for _, t := range texts[lo:hi] {
				own.each(t, func(int, int, int) bool { return true })
			}
			to += cpuTime() - s
		}
	}
	if tm <= 0 || tr <= 0 || to <= 0 {
		return
	}
	mb := float64(pagesBytes(ord)) * float64(b.N) / 1e6
	b.ReportMetric(mb/tm.Seconds(), "match-cpuMB/s")
	b.ReportMetric(mb/tr.Seconds(), "coregx-cpuMB/s")
	b.ReportMetric(mb/to.Seconds(), "own-cpuMB/s")
	b.ReportMetric(tr.Seconds()/tm.Seconds(), "x-coregx")
	b.ReportMetric(to.Seconds()/tm.Seconds(), "x-own")
}

var (
	lexOnce    sync.Once
	lexMatcher *Matcher
	lexErr     error
)

// lexiconMatcher compiles the default pack with the lexicon pack beside
// it, as a department that loads its own list runs.
func lexiconMatcher(b *testing.B) *Matcher {
	lp, _ := lexiconPack(b)
	lexOnce.Do(func() {
		dp, err := rules.Default()
		if err != nil {
			lexErr = err
			return
		}
		lexMatcher, lexErr = Compile(dp, lp)
	})
	if lexErr != nil {
		b.Fatal(lexErr)
	}
	return lexMatcher
}

// BenchmarkOrdinaryLexicon: ordinary pages (no candidate for the default
// pack) with the 65,000-term lexicon loaded beside the default pack; the
// target is an absolute floor (20 MB/s), the raw passes are for scale.
func BenchmarkOrdinaryLexicon(b *testing.B) {
	ord, _ := benchPages(b)
	m := lexiconMatcher(b)
	b.Run("Match", func(b *testing.B) { benchMatcher(b, m, ord) })
	b.Run("RawOwnAutomaton", func(b *testing.B) {
		ac := newAutomaton(m.Literals())
		benchEach(b, ord, asIs, func(t []byte) { ac.each(t, func(int, int, int) bool { return true }) })
	})
}

func BenchmarkDense(b *testing.B) {
	_, dense := benchPages(b)
	b.Run("Match", func(b *testing.B) { benchMatch(b, dense) })
	b.Run("RawAutomaton", func(b *testing.B) { benchRaw(b, dense) })
	b.Run("RawOwnAutomaton", func(b *testing.B) { benchRawOwn(b, dense) })
	b.Run("SegmentAll", func(b *testing.B) { benchSegmentAll(b, dense) })
	b.Run("SegmentAllGse", func(b *testing.B) { benchSegmentGse(b, dense) })
}

// lexiconPack builds a pack of one rule per 1,000 terms of the 65,000-term
// list in shared/data/lexicon (set CERTWATCH_LEXICON to another path).
func lexiconPack(b *testing.B) (*rules.Pack, int) {
	path := os.Getenv("CERTWATCH_LEXICON")
	if path == "" {
		path = "../../shared/data/lexicon/houbb-dict_v20240407.txt"
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("lexicon not available: %v", err)
	}
	defer f.Close()
	var y strings.Builder
	y.WriteString("name: lexicon\nissuer: bench\nversion: \"1\"\nthreshold: 5\ncategories: {cert_sale: x}\nrules:\n")
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.ContainsAny(t, "'\\") || strings.IndexFunc(t, unicode.IsControl) >= 0 || !utf8.ValidString(t) {
			continue
		}
		if n%1000 == 0 {
			fmt.Fprintf(&y, "  - id: r%d\n    category: cert_sale\n    description: d\n    legal_basis: l\n    route: takedown_cac\n    terms:\n", n/1000)
		}
		fmt.Fprintf(&y, "      - {term: '%s', weight: 1}\n", t)
		n++
	}
	p, err := rules.Parse("lexicon.yaml", []byte(y.String()))
	if err != nil {
		b.Fatal(err)
	}
	return p, n
}

// BenchmarkCompileLexicon measures compiling a pack of the 65,000-term
// lexicon: time per compile (wall and CPU) and the heap it keeps (MB).
func BenchmarkCompileLexicon(b *testing.B) {
	p, n := lexiconPack(b)
	var m *Matcher
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		var err error
		m, err = Compile(p)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(n), "terms")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heapMB")
	runtime.KeepAlive(m)
}

package detect

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/coregx/ahocorasick"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
)

// BenchmarkOrdinary measures detection on ordinary pages (the clean pages
// of the synthetic corpus that no rule touches, repeated to 1 MiB) side by
// side: the rules alone (Match), rules and model (Detect, what sweeps
// do), and a raw Aho-Corasick pass over the same pages with the
// matcher's literals (the yardstick of issue 11: detection ≥ 0.5× it).
func BenchmarkOrdinary(b *testing.B) {
	benchPages(b, "../testdata/corpus/clean_*.jsonl", func(f *matcher.Finding) bool { return len(f.Rules) == 0 })
}

// BenchmarkDense is BenchmarkOrdinary on the offers of the synthetic
// corpus: pages the rules score, which the model judges too.
func BenchmarkDense(b *testing.B) {
	benchPages(b, "../testdata/corpus/[a-z]*_[a-z]*.jsonl", func(f *matcher.Finding) bool { return len(f.Rules) > 0 })
}

func benchPages(b *testing.B, glob string, keep func(*matcher.Finding) bool) {
	m, model := defaultMatcher(b), defaultModel(b)
	m.Warm()
	var clean []*page.Page
	files, _ := filepath.Glob(glob)
	for _, f := range files {
		if err := page.Read(context.Background(), f, nil, func(it page.Item) error {
			if it.Page != nil && keep(m.Match(it.Page)) {
				clean = append(clean, it.Page)
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	var ps []*page.Page
	var n int64
	for n < 1<<20 && len(clean) > 0 {
		for _, p := range clean {
			ps = append(ps, p)
			n += int64(len(p.Title) + len(p.Text) + 1)
		}
	}
	if len(ps) == 0 {
		b.Fatal("no pages")
	}
	rulesOnly, both := New(m, Options{}), New(m, Options{Model: model})
	b.Run("Match", func(b *testing.B) {
		b.SetBytes(n)
		start := cpuTime()
		for b.Loop() {
			for _, p := range ps {
				rulesOnly.Detect(p)
			}
		}
		reportCPU(b, n, start)
	})
	b.Run("Detect", func(b *testing.B) {
		b.SetBytes(n)
		start := cpuTime()
		for b.Loop() {
			for _, p := range ps {
				both.Detect(p)
			}
		}
		reportCPU(b, n, start)
	})
	b.Run("RawAutomaton", func(b *testing.B) {
		ac, err := ahocorasick.NewBuilder().AddStrings(m.Literals()).Build()
		if err != nil {
			b.Fatal(err)
		}
		texts := make([][]byte, len(ps))
		for i, p := range ps {
			texts[i] = []byte(p.Title + "\n" + p.Text)
		}
		b.SetBytes(n)
		b.ResetTimer()
		start := cpuTime()
		for b.Loop() {
			for _, t := range texts {
				ac.FindAllOverlapping(t)
			}
		}
		reportCPU(b, n, start)
	})
}

// cpuTime is the CPU time the process has used (user and system, every
// thread).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the throughput per CPU second ("cpuMB/s"): on a shared
// machine other processes stretch the wall time of a run, much less the
// CPU time it takes.
func reportCPU(b *testing.B, bytes int64, start time.Duration) {
	if d := cpuTime() - start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/d.Seconds(), "cpuMB/s")
	}
}

package matcher

import (
	"runtime"
	"testing"

	"github.com/certwatch/certwatch/rules"
)

// BenchmarkLoadLexicon measures what a department that loads the
// 65,000-term lexicon pays before its first candidate page: compiling the
// lexicon beside the default pack and building the word segmenter over
// gse's dictionary with the lexicon's words added (built here each time,
// not taken from sharedSegs). It reports CPU seconds per load, the heap
// the matcher and its segmenter keep (heapMB) and the bytes allocated on
// the way (allocMB); the target is ≤ 2 s and ≤ 300 MB.
func BenchmarkLoadLexicon(b *testing.B) {
	lp, n := lexiconPack(b)
	dp, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	var m *Matcher
	var ws *wordSeg
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		m, err = Compile(dp, lp)
		if err != nil {
			b.Fatal(err)
		}
		ws = newWordSeg(newSegmenter(m.segTerms))
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(n), "terms")
	b.ReportMetric(float64(len(m.segTerms)), "segterms")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heapMB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "allocMB/op")
	runtime.KeepAlive(m)
	runtime.KeepAlive(ws)
}

package rank

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
	"github.com/certwatch/certwatch/rules"
)

// projectExamples are the project's labelled texts (the real corpus's
// train split only).
func projectExamples(b *testing.B) []Example {
	b.Helper()
	var files []string
	for _, g := range []string{"../testdata/corpus/*.jsonl", "../testdata/unseen/*.jsonl"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	files = append(files, "../testdata/real/texts.jsonl")
	var out []Example
	for _, f := range files {
		ex, _, err := ReadExamples(context.Background(), f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, ex...)
	}
	if len(out) == 0 {
		b.Fatal("no examples")
	}
	return out
}

// BenchmarkTrain10k trains on 10,000 texts: the project's labelled texts
// again and again, each copy starting a little further in so that the
// copies differ.
func BenchmarkTrain10k(b *testing.B) {
	base := projectExamples(b)
	ex := make([]Example, 10000)
	var bytes int64
	for i := range ex {
		e := base[i%len(base)]
		rs := []rune(e.Text)
		e.Text = string(rs[min(i/len(base), len(rs)/2):])
		ex[i] = e
		bytes += int64(len(e.Text))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		m, err := Train(context.Background(), ex, Options{Created: time.Unix(0, 0)})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/train")
		b.ReportMetric(float64(m.Header().VocabSize), "ngrams")
	}
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "cores")
}

// ordinaryPages are the synthetic corpus's negative pages on which the
// default rules match nothing at all (the matcher benchmark's "ordinary
// pages"), repeated to about 1 MiB of text.
func ordinaryPages(b *testing.B, mt *matcher.Matcher) []*page.Page {
	b.Helper()
	var ps []*page.Page
	m, _ := filepath.Glob("../testdata/corpus/clean_*.jsonl")
	for _, f := range m {
		err := page.Read(context.Background(), f, nil, func(it page.Item) error {
			if it.Page != nil {
				if f := mt.Match(it.Page); f.Score == 0 && len(f.Matches) == 0 {
					ps = append(ps, it.Page)
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	var out []*page.Page
	for n := 0; n < 1<<20 && len(ps) > 0; {
		for _, p := range ps {
			out = append(out, p)
			n += len(p.Title) + len(p.Text) + 1
		}
	}
	return out
}

// BenchmarkPredict measures the default model on ordinary pages, and the
// default rules' matcher on the same pages for the ratio.
func BenchmarkPredict(b *testing.B) {
	pack, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	mt, err := matcher.Compile(pack)
	if err != nil {
		b.Fatal(err)
	}
	mt.Warm()
	ps := ordinaryPages(b, mt)
	var n int64
	for _, p := range ps {
		n += int64(len(p.Title) + len(p.Text) + 1)
	}
	b.Run("Model", func(b *testing.B) {
		m, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(n)
		for b.Loop() {
			for _, p := range ps {
				m.Predict(PageText(p))
			}
		}
	})
	b.Run("Matcher", func(b *testing.B) {
		b.SetBytes(n)
		for b.Loop() {
			for _, p := range ps {
				mt.Match(p)
			}
		}
	})
}

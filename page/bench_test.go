package page

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// A typical page: a few hundred KB of nested layout, links and a form.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>证书查询</title><script>var x = 1;</script></head><body>`)
	for i := 0; i < 2000; i++ {
		b.WriteString(`<div class="item"><a href="/p/`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(`.html">特种作业操作证办理</a><p>安全生产考核合格证，<b>快速</b>拿证，联系电话 13800000000。</p></div>`)
	}
	b.WriteString(tableQueryPage)
	b.WriteString(`</body></html>`)
	return []byte(b.String())
}

// hostilePage is hostile markup of the largest accepted size: deep
// nesting, no text.
func hostilePage() []byte {
	return []byte(strings.Repeat("<div><a href=x><label><select><option>", MaxBodySize/40))
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

// reportCPU adds the throughput per CPU second ("cpuMB/s"): on a shared
// machine other processes stretch the wall time of a run, much less the
// CPU time it takes.
func reportCPU(b *testing.B, bytes int64, start time.Duration) {
	if d := cpuTime() - start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/d.Seconds(), "cpuMB/s")
	}
}

// benchPages runs f over every page once per iteration.
func benchPages(b *testing.B, pages [][]byte, f func(body []byte) error) {
	var n int64
	for _, p := range pages {
		n += int64(len(p))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, p := range pages {
			if err := f(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, n, start)
}

func fromHTML(body []byte) error {
	_, err := FromHTML("http://a.example/", body, "")
	return err
}

func BenchmarkFromHTML(b *testing.B) {
	benchPages(b, [][]byte{benchPage()}, fromHTML)
}

// Hostile markup of the largest accepted size: deep nesting, no text.
func BenchmarkFromHTMLHostile(b *testing.B) {
	benchPages(b, [][]byte{hostilePage()}, fromHTML)
}

// BenchmarkExtraction measures FromHTML against what it is compared with,
// on the same pages in one run (compare the ratios, not the absolute
// figures of different runs):
//
//   - FromHTML: the extraction (decoding, text, blocks, forms, links);
//   - Before: the extraction before issue 12, on golang.org/x/net/html's
//     tokenizer (oracle_ref_test.go);
//   - Tokenizer: one pass of that tokenizer reading every token's text,
//     tag name and attributes and nothing else: what any extraction built
//     on it pays at least;
//   - Parse: html.Parse, the tree goquery (and colly's OnHTML) builds.
//
// Pages: "typical" is benchPage; "repo" every HTML page the repository
// holds (fixtures, the sample web's static pages, the corpora's HTML
// records): 458 pages of 0.25–100 KB, 1.3 KB on average, where the
// per-page costs (decoding, URLs) weigh most; "hostile" the 32 MiB of deep
// nesting (html.Parse gives up on it at 512 levels, so it has no Parse
// row).
func BenchmarkExtraction(b *testing.B) {
	var repo [][]byte
	for _, p := range repoPages(b) {
		repo = append(repo, p.body)
	}
	sets := []struct {
		name  string
		pages [][]byte
	}{
		{"typical", [][]byte{benchPage()}},
		{"repo", repo},
		{"hostile", [][]byte{hostilePage()}},
	}
	impls := []struct {
		name string
		f    func([]byte) error
	}{
		{"FromHTML", fromHTML},
		{"Before", func(body []byte) error {
			_, err := refFromHTML("http://a.example/", body, "")
			return err
		}},
		{"Tokenizer", tokenizerPass},
		{"Parse", func(body []byte) error {
			// A page nested deeper than html.Parse allows is an error
			// to goquery too: it has paid for the parse all the same.
			_, _ = html.Parse(bytes.NewReader(body))
			return nil
		}},
	}
	for _, set := range sets {
		for _, impl := range impls {
			if set.name == "hostile" && impl.name == "Parse" {
				continue
			}
			b.Run(set.name+"/"+impl.name, func(b *testing.B) { benchPages(b, set.pages, impl.f) })
		}
	}
}

// tokenizerPass reads every token of body with golang.org/x/net/html's
// tokenizer: its text, or its tag name and attributes.
func tokenizerPass(body []byte) error {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.TextToken:
			z.Text()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			_, more := z.TagName()
			for more {
				_, _, more = z.TagAttr()
			}
		}
	}
}

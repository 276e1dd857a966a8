package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkSearch100k fills a store with 100,000 cases (set
// CERTWATCH_SEARCH_BENCH_CASES for another number) of generated Chinese
// offer text, then times searches and pivots of each kind and reports
// their p50 and p95, the database's size and the process's memory.
//
//	go test -tags ne,demo -run '^$' -bench BenchmarkSearch100k -benchtime 200x -timeout 30m ./store/
func BenchmarkSearch100k(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CERTWATCH_SEARCH_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	path := b.TempDir() + "/bench.db"
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sw := Sweep{ConfigHash: "bench"}
	if err := s.StartSweep(&sw); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	const writers = 16
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for i := w; i < n; i += writers {
				title, text := benchText(rng)
				wx := fmt.Sprintf("wx%05d", i%(n/20+1)) // 20 cases a seller
				host := fmt.Sprintf("host%04d.example", i%2000)
				o := Observation{SweepID: sw.ID, CaseKey: fmt.Sprintf("https://%s/p/%d", host, i),
					URL: fmt.Sprintf("https://%s/p/%d", host, i), Title: title, PageTitle: title,
					Text: text + " 微信 " + wx, Body: []byte(text), Score: float64(rng.IntN(1000)) / 100,
					Category: "cert_sale", Contacts: []CaseContact{{Kind: "wechat", Value: wx}}}
				if _, err := s.Record(o); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	fill := time.Since(start)
	runtime.GC()
	fi, _ := os.Stat(path)
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	t0 := time.Now()
	if err := s.terms.ensure(s.db); err != nil {
		b.Fatal(err)
	}
	build := time.Since(t0)
	runtime.GC()
	var ms1 runtime.MemStats
	runtime.ReadMemStats(&ms1)
	postings, capacity := 0, 0
	postings = len(s.terms.postings) - len(s.terms.lists)
	for _, l := range s.terms.lists {
		postings, capacity = postings+int(l.n), capacity+cap(l.data)
	}
	b.Logf("term index built in %v: %d terms, %d postings (%.0f a case; %d bytes of capacity), heap +%.0f MB", build.Round(time.Millisecond),
		len(s.terms.postings), postings, float64(postings)/float64(n), capacity, float64(int64(ms1.HeapInuse)-int64(ms0.HeapInuse))/(1<<20))
	b.Logf("%d cases recorded in %v; database %.0f MB; Go heap in use %.0f MB; VmRSS %s (the database's mapped pages included)",
		n, fill.Round(time.Second), float64(fi.Size())/(1<<20), float64(ms1.HeapInuse)/(1<<20), vmRSS())

	queries := []struct {
		name string
		q    SearchQuery
	}{
		{"common", SearchQuery{Text: "代办"}},
		{"two-words", SearchQuery{Text: "安全员证 加急"}},
		{"phrase", SearchQuery{Text: "特种作业操作证"}},
		{"contact-word", SearchQuery{Text: "wx00042"}},
		{"pivot-contact", SearchQuery{Pivot: &Pivot{Kind: PivotContact, Value: "wechat:wx00042"}}},
		{"pivot-host", SearchQuery{Pivot: &Pivot{Kind: PivotHost, Value: "host0042.example"}}},
		{"pivot+text", SearchQuery{Pivot: &Pivot{Kind: PivotHost, Value: "host0042.example"}, Text: "代办"}},
	}
	for _, q := range queries {
		res, err := s.Search(q.q)
		if err != nil {
			b.Fatal(err)
		}
		var lat []time.Duration
		for range 50 {
			t0 := time.Now()
			if _, err := s.Search(q.q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		slices.Sort(lat)
		b.Logf("%-14s %6d hits  p50 %6.1f ms  p95 %6.1f ms", q.name, res.Total,
			float64(lat[len(lat)/2].Microseconds())/1000, float64(lat[len(lat)*95/100].Microseconds())/1000)
	}
	var pl []time.Duration
	for i := range 200 {
		t0 := time.Now()
		if _, err := s.PivotCounts(uint64(i*(n/200) + 1)); err != nil {
			b.Fatal(err)
		}
		pl = append(pl, time.Since(t0))
	}
	slices.Sort(pl)
	b.Logf("PivotCounts p95 %.2f ms", float64(pl[len(pl)*95/100].Microseconds())/1000)

	b.ResetTimer()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)].q
		i++
		t0 := time.Now()
		if _, err := s.Search(q); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
}

func vmRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// benchWords are words of offers of fake certificates; benchFiller the
// characters of everything else.
var (
	benchWords = []string{"安全员证", "电工证", "焊工证", "高处作业证", "特种作业操作证", "代办", "包过", "免考", "官网可查",
		"加急", "出证", "培训", "考试", "联系", "价格", "全国通用", "三类人员", "建筑", "证书", "挂靠", "快速", "正规", "档案", "可查"}
	benchFiller = []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
)

func benchText(rng *rand.Rand) (title, text string) {
	var sb strings.Builder
	for range 200 {
		if rng.IntN(4) == 0 {
			sb.WriteString(benchWords[rng.IntN(len(benchWords))])
		} else {
			for range 2 + rng.IntN(3) {
				sb.WriteRune(benchFiller[rng.IntN(len(benchFiller))])
			}
		}
		if rng.IntN(6) == 0 {
			sb.WriteString("，")
		}
	}
	return benchWords[rng.IntN(len(benchWords))] + benchWords[rng.IntN(len(benchWords))], sb.String()
}

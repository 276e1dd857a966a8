package sweep

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/testbed"
)

// recordingFetcher passes a crawler's results through, noting which
// pages were rendered.
type recordingFetcher struct {
	*crawler.Crawler
	mu       sync.Mutex
	rendered map[string]bool // URL → rendered, for pages fetched OK
	fallback []string
}

func (f *recordingFetcher) Run(ctx context.Context, in <-chan crawler.Request, out chan<- *crawler.Result) {
	mid := make(chan *crawler.Result)
	go f.Crawler.Run(ctx, in, mid)
	for res := range mid {
		f.mu.Lock()
		if res.Outcome == crawler.OutcomeOK {
			f.rendered[res.Request.URL] = res.Rendered
		}
		if res.RenderErr != nil {
			f.fallback = append(f.fallback, res.Request.URL+": "+res.RenderErr.Error())
		}
		f.mu.Unlock()
		out <- res
	}
	close(out)
}

// needsJavaScript: the sample web's pages that show nothing without
// their scripts are the marketplace's result and item pages.
func needsJavaScript(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && pu.Hostname() == testbed.HostShop &&
		(pu.Path == "/search" || strings.HasPrefix(pu.Path, "/item/"))
}

// TestRenderAutoSampleWeb sweeps the sample web with every source on
// render: auto: exactly the pages that need JavaScript are rendered (the
// marketplace's shells), every other page stays static, the marketplace's
// offers are still found, and each flagged rendered page has its
// evidence screenshot.
func TestRenderAutoSampleWeb(t *testing.T) {
	web, cfg, m, terms := setup(t)
	for _, src := range cfg.Sources {
		src.Render, src.RenderAuto = false, true
	}
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cr, err := crawler.New(CrawlerOptions(cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer cr.Close()
	f := &recordingFetcher{Crawler: cr, rendered: map[string]bool{}}
	s := &Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: f, SearchTerms: terms,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	sum, err := s.Run(ctx, false)
	if err != nil {
		t.Fatal(err)
	}

	if len(f.fallback) > 0 {
		t.Errorf("renders failed: %q", f.fallback)
	}
	var rendered, static int
	for _, u := range slices.Sorted(func(yield func(string) bool) {
		for u := range f.rendered {
			if !yield(u) {
				return
			}
		}
	}) {
		switch need, got := needsJavaScript(u), f.rendered[u]; {
		case need && !got:
			t.Errorf("%s needs JavaScript but was not rendered", u)
		case !need && got:
			t.Errorf("%s was rendered; its static page is enough", u)
		case got:
			rendered++
		default:
			static++
		}
	}
	t.Logf("%d pages rendered, %d static", rendered, static)
	if rendered < 4 || static < 30 {
		t.Errorf("%d pages rendered and %d static: the sweep did not cover the sample web", rendered, static)
	}
	if sum.Total.Rendered != rendered || sum.Total.AutoStatic != static || sum.Total.RenderFallback != 0 {
		t.Errorf("summary: %d rendered, %d auto static, %d fallbacks; the fetcher saw %d and %d",
			sum.Total.Rendered, sum.Total.AutoStatic, sum.Total.RenderFallback, rendered, static)
	}
	for _, tr := range sum.Trouble {
		if tr.Kind == TroubleRenderFailed {
			t.Errorf("trouble: %s %s", tr.Source, tr.Detail)
		}
	}

	// The marketplace's offers are found, each with a screenshot taken
	// with images (an evidence render).
	cases, err := st.Cases(store.CaseFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Case{}
	for _, c := range cases {
		byURL[c.URL] = c
	}
	shots := 0
	for u, cat := range web.Expected().Flagged {
		if !needsJavaScript(u) {
			continue
		}
		c, ok := byURL[store.CanonicalURL(u)]
		if !ok {
			t.Errorf("no case for %s (%s)", u, cat)
			continue
		}
		sns, err := st.Snapshots(c.ID)
		if err != nil || len(sns) == 0 {
			t.Fatalf("snapshots of %s: %v", u, err)
		}
		if !sns[0].Rendered || sns[0].ScreenshotSHA256 == "" {
			t.Errorf("%s: rendered %v, screenshot %q", u, sns[0].Rendered, sns[0].ScreenshotSHA256)
		}
		shots++
	}
	if shots == 0 || sum.Total.Screenshots < shots || sum.Total.ScreenshotsFailed != 0 {
		t.Errorf("%d marketplace cases; summary: %d screenshots, %d failed", shots, sum.Total.Screenshots, sum.Total.ScreenshotsFailed)
	}
}

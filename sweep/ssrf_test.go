package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// TestSweepRefusesInternalAddresses sweeps a site (on an allowed host)
// whose page redirects to an "internal service" on 127.0.0.1 serving an
// offer with a secret: the service gets no request, nothing of it is
// stored, and the refusal is counted in the sweep health as its own
// reason. With the service's network in allow_internal, the same sweep
// reaches it and stores a case.
func TestSweepRefusesInternalAddresses(t *testing.T) {
	const secret = "内部机密-7f3a"
	var internalHits atomic.Int64
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<title>%s</title><p>安全员C证 代办 包过，不用考试，微信 abc123 联系。%s</p>", secret, secret)
	}))
	defer internal.Close()
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<title>论坛</title><p>欢迎</p><a href="/go">好东西</a>`)
		case "/go":
			http.Redirect(w, r, internal.URL+"/offer", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer public.Close()

	p, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	load := func(t *testing.T, allow string) *config.Config {
		dir := t.TempDir()
		y := fmt.Sprintf(`database: c.db
resolve_only: false
resolve: {forum.example: %q}
allow_internal: [%s]
limits: {per_host_delay: 0s, timeout: 5s, retries: 0}
sources:
  - {id: forum, type: site, start: ["http://forum.example/"], depth: 1}
`, strings.TrimPrefix(public.URL, "http://"), allow)
		path := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	run := func(t *testing.T, allow string) (*Summary, []store.Case) {
		cfg := load(t, allow)
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
		s := &Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		sum, err := s.Run(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := st.Cases(store.CaseFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return sum, cases
	}

	sum, cases := run(t, "forum.example")
	if n := internalHits.Load(); n != 0 {
		t.Errorf("the internal service got %d requests", n)
	}
	for _, c := range cases {
		if strings.Contains(c.Title, secret) || strings.Contains(c.URL, strings.TrimPrefix(internal.URL, "http://")) {
			t.Errorf("case %d stores the internal page: %s %q", c.ID, c.URL, c.Title)
		}
	}
	src := sum.BySource["forum"]
	if src == nil || src.BlockedAddress != 1 || src.Failed[string(crawler.OutcomeBlockedAddress)] != 1 || sum.Total.BlockedAddress != 1 {
		t.Fatalf("counts %+v, want one blocked_address", src)
	}
	found := false
	if n := sum.FailureNames[string(crawler.OutcomeBlockedAddress)]; n != "禁止访问的内网地址" {
		t.Errorf("the summary names the failure %q, want its Chinese name", n)
	}
	for _, tr := range sum.Trouble {
		if tr.Source == "forum" && tr.Kind == TroubleBlockedAddress && tr.Name == "禁止访问的内网地址" && strings.Contains(tr.Detail, "allow_internal") {
			found = true
		}
	}
	if !found {
		t.Errorf("no blocked_address trouble: %+v", sum.Trouble)
	}
	var out strings.Builder
	sum.Print(&out)
	if !strings.Contains(out.String(), "1 requests refused") {
		t.Errorf("summary does not say what was refused:\n%s", out.String())
	}

	t.Run("removal check", func(t *testing.T) {
		cr, err := crawler.New(CrawlerOptions(load(t, "forum.example")))
		if err != nil {
			t.Fatal(err)
		}
		defer cr.Close()
		s := &Sweeper{Matcher: m, Fetcher: cr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		rs, err := s.Recheck(ctx, []RecheckItem{{CaseID: 1, URL: "http://forum.example/go"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Outcome != casework.OutcomeFailed || !strings.Contains(rs[0].Detail, "内网地址") || strings.Contains(string(rs[0].Body), secret) {
			t.Errorf("removal check: %+v", rs)
		}
		if n := internalHits.Load(); n != 0 {
			t.Errorf("the internal service got %d requests", n)
		}
	})

	t.Run("allowed", func(t *testing.T) {
		sum, cases := run(t, "forum.example, 127.0.0.1/32")
		if internalHits.Load() == 0 || sum.Total.BlockedAddress != 0 {
			t.Fatalf("with 127.0.0.1/32 allowed: %d internal requests, %d refused", internalHits.Load(), sum.Total.BlockedAddress)
		}
		hit := false
		for _, c := range cases {
			hit = hit || strings.Contains(c.Title, secret)
		}
		if !hit {
			t.Errorf("no case for the internal page: %+v", cases)
		}
	})
}

// TestPreflightRefusesSweep: a failing Preflight (serve's browser check)
// refuses the sweep before anything is recorded.
func TestPreflightRefusesSweep(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "c.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := &config.Config{Hash: "x", Sources: []*config.Source{{ID: "shop", Kind: config.KindURLs, URLs: []string{"http://shop.example/"}, Render: true}}}
	want := errors.New("browser unusable")
	s := &Sweeper{Config: cfg, Store: st, Preflight: func(context.Context) error { return want }}
	if _, err := s.Run(context.Background(), false); !errors.Is(err, want) {
		t.Fatalf("Run = %v, want the preflight's error", err)
	}
	if sws, err := st.Sweeps(0); err != nil || len(sws) != 0 {
		t.Errorf("sweeps recorded after a refused preflight: %v %v", sws, err)
	}
}

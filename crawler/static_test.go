package crawler

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestStaticFetchEvidence(t *testing.T) {
	s := newSite(t)
	const body = `<html><head><title>安全员证 办理</title></head><body>
<p>考试包过，联系微信</p>
<a href="/b#top">B</a> <a href="/b">B again</a> <a href="c?x=1#frag">C</a>
<a href="mailto:x@example.com">mail</a> <a href="http://b.example/d">D</a>
</body></html>`
	s.handle("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	})
	s.handle("/new", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Evidence", "kept")
		_, _ = io.WriteString(w, body)
	})
	opts := s.options("a.example", "b.example")
	opts.UserAgent = "certwatch-test/1.0 (+tests)"
	c := newCrawler(t, opts)

	res := fetchOne(t, c, Request{URL: "http://a.example/old", SourceID: "src"})
	if res.Outcome != OutcomeOK {
		t.Fatalf("outcome %s: %v", res.Outcome, res.Err)
	}
	sum := sha256.Sum256([]byte(body))
	checks := []struct {
		name      string
		got, want any
	}{
		{"status", res.Status, 200},
		{"requested", res.RequestedURL, "http://a.example/old"},
		{"final", res.FinalURL, "http://a.example/new"},
		{"body", string(res.Body), body},
		{"sha", res.BodySHA256, hex.EncodeToString(sum[:])},
		{"remote", res.RemoteAddr, s.addr()},
		{"header", res.Header.Get("X-Evidence"), "kept"},
		{"title", res.Page.Title, "安全员证 办理"},
		{"attempts", res.Attempts, 1},
		{"source", res.Request.SourceID, "src"},
		{"truncated", res.Truncated, false},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
	if res.FetchedAt.IsZero() || time.Since(res.FetchedAt) > time.Minute {
		t.Errorf("FetchedAt = %v", res.FetchedAt)
	}
	if !strings.Contains(res.Page.Text, "考试包过") {
		t.Errorf("Page.Text = %q", res.Page.Text)
	}
	wantLinks := []string{"http://a.example/b", "http://a.example/c?x=1", "http://b.example/d"}
	if !slices.Equal(res.Links, wantLinks) {
		t.Errorf("Links = %q, want %q", res.Links, wantLinks)
	}
	for _, h := range s.hitsOf("a.example") {
		if ua := h.header.Get("User-Agent"); ua != opts.UserAgent {
			t.Errorf("%s: User-Agent %q", h.path, ua)
		}
		if v := h.header.Get(fetchIDHeader); v != "" {
			t.Errorf("%s: internal header leaked: %q", h.path, v)
		}
	}
	if st := c.Stats(); st.Fetched != 1 {
		t.Errorf("Stats.Fetched = %d", st.Fetched)
	}
}

func TestStaticGBK(t *testing.T) {
	const text = "安全生产许可证，特种作业操作证办理，包过"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(
		"<html><head><title>证书</title></head><body><p>" + text + "</p></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t)
	for path, ct := range map[string]string{
		"/none":   "text/html", // no charset anywhere: colly would garble it
		"/header": "text/html; charset=GBK",
	} {
		s.handle(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			_, _ = w.Write(gbk)
		})
	}
	c := newCrawler(t, s.options("gbk.example"))
	for _, path := range []string{"/none", "/header"} {
		t.Run(path, func(t *testing.T) {
			res := fetchOne(t, c, Request{URL: "http://gbk.example" + path})
			if res.Outcome != OutcomeOK {
				t.Fatalf("outcome %s: %v", res.Outcome, res.Err)
			}
			if !strings.Contains(res.Page.Text, text) {
				t.Errorf("Page.Text = %q, want it to contain %q", res.Page.Text, text)
			}
			if !bytes.Equal(res.Body, gbk) {
				t.Errorf("Body is not the raw GBK bytes (evidence must be as received)")
			}
		})
	}
}

func TestStaticRetries(t *testing.T) {
	s := newSite(t)
	var n atomic.Int32
	s.handle("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		s.writeHTML(w, "<p>ok</p>")
	})
	s.handle("/missing", http.NotFound)
	opts := s.options("a.example")
	opts.Retries = 3
	c := newCrawler(t, opts)

	t.Run("503 then success", func(t *testing.T) {
		res := fetchOne(t, c, Request{URL: "http://a.example/flaky"})
		if res.Outcome != OutcomeOK || res.Attempts != 3 {
			t.Errorf("outcome %s after %d attempts (%v), want ok after 3", res.Outcome, res.Attempts, res.Err)
		}
		if got := s.count("/flaky"); got != 3 {
			t.Errorf("server saw %d requests, want 3", got)
		}
	})
	t.Run("404 not retried", func(t *testing.T) {
		res := fetchOne(t, c, Request{URL: "http://a.example/missing"})
		if res.Outcome != OutcomeHTTPError || res.Status != 404 || res.Attempts != 1 {
			t.Errorf("outcome %s status %d after %d attempts", res.Outcome, res.Status, res.Attempts)
		}
		if !errors.Is(res.Err, ErrHTTPStatus) {
			t.Errorf("Err = %v", res.Err)
		}
		if got := s.count("/missing"); got != 1 {
			t.Errorf("server saw %d requests, want 1", got)
		}
	})
	if st := c.Stats(); st.Retries != 2 || st.Fetched != 1 || st.Failed[OutcomeHTTPError] != 1 {
		t.Errorf("Stats = %+v", st)
	}
}

func (s *site) writeHTML(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, "<html><body>"+body+"</body></html>")
}

func TestStaticLimits(t *testing.T) {
	s := newSite(t)
	big := strings.Repeat("<p>证书办理</p>\n", 20000) // ~300 KB
	s.html("/big", "<html><body>"+big+"</body></html>")
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	s.handle("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body>start")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	s.handle("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	s.handle("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(make([]byte, 1<<20))
	})
	opts := s.options("a.example")
	opts.MaxBody = 100 << 10
	opts.Timeout = 400 * time.Millisecond
	opts.MaxRedirects = 3
	c := newCrawler(t, opts)

	t.Run("truncated", func(t *testing.T) {
		res := fetchOne(t, c, Request{URL: "http://a.example/big"})
		if res.Outcome != OutcomeOK || !res.Truncated || int64(len(res.Body)) != opts.MaxBody {
			t.Errorf("outcome %s truncated %v body %d bytes, want ok, true, %d", res.Outcome, res.Truncated, len(res.Body), opts.MaxBody)
		}
	})
	t.Run("redirect loop", func(t *testing.T) {
		res := fetchOne(t, c, Request{URL: "http://a.example/loop"})
		if res.Outcome != OutcomeTooManyRedirs || !errors.Is(res.Err, ErrTooManyRedirects) {
			t.Errorf("outcome %s: %v", res.Outcome, res.Err)
		}
		if n := s.count("/loop"); n != opts.MaxRedirects+1 {
			t.Errorf("server saw %d requests, want %d", n, opts.MaxRedirects+1)
		}
	})
	for _, path := range []string{"/slow-body", "/slow-headers"} {
		t.Run(path, func(t *testing.T) {
			start := time.Now()
			res := fetchOne(t, c, Request{URL: "http://a.example" + path})
			if res.Outcome != OutcomeTimeout {
				t.Errorf("outcome %s: %v", res.Outcome, res.Err)
			}
			if d := time.Since(start); d > opts.Timeout+500*time.Millisecond {
				t.Errorf("took %v with a timeout of %v", d, opts.Timeout)
			}
		})
	}
	t.Run("not html", func(t *testing.T) {
		res := fetchOne(t, c, Request{URL: "http://a.example/image"})
		if res.Outcome != OutcomeNotHTML || res.Status != 200 || len(res.Body) != 0 {
			t.Errorf("outcome %s status %d body %d bytes: %v", res.Outcome, res.Status, len(res.Body), res.Err)
		}
	})
	t.Run("unknown host", func(t *testing.T) {
		for _, u := range []string{"http://unknown.example/", "http://" + s.addr() + "/big"} {
			res := fetchOne(t, c, Request{URL: u})
			if res.Outcome != OutcomeNetwork || !errors.Is(res.Err, ErrHostNotResolvable) || res.Attempts != 1 {
				t.Errorf("%s: outcome %s after %d attempts: %v", u, res.Outcome, res.Attempts, res.Err)
			}
		}
	})
	t.Run("bad url", func(t *testing.T) {
		res := fetchOne(t, c, Request{URL: "ftp://a.example/x"})
		if res.Outcome != OutcomeNetwork || !errors.Is(res.Err, ErrBadURL) {
			t.Errorf("outcome %s: %v", res.Outcome, res.Err)
		}
	})
}

// TestStaticGzipBomb: a small gzip body that inflates to 256 MiB is read
// only up to MaxDecompressed, without the memory of the whole.
func TestStaticGzipBomb(t *testing.T) {
	// 256 gzip members of 1 MiB of zeros each (readers take concatenated
	// members as one stream): 256 MiB inflated, about 260 KB sent.
	const inflated = 256 << 20
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, 1<<20))
	_ = zw.Close()
	bomb := bytes.NewBuffer(nil)
	for range inflated >> 20 {
		bomb.Write(member.Bytes())
	}

	s := newSite(t)
	for path, enc := range map[string]string{"/bomb": "gzip", "/bomb2": "gzip, gzip"} {
		payload := bomb.Bytes()
		if enc == "gzip, gzip" {
			var outer bytes.Buffer
			zw := gzip.NewWriter(&outer)
			_, _ = zw.Write(payload)
			_ = zw.Close()
			payload = outer.Bytes()
		}
		s.handle(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", enc)
			_, _ = w.Write(payload)
		})
	}
	opts := s.options("bomb.example")
	opts.MaxBody = 4 << 20
	opts.MaxDecompressed = 1 << 20
	c := newCrawler(t, opts)
	for _, path := range []string{"/bomb", "/bomb2"} {
		t.Run(path, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res := fetchOne(t, c, Request{URL: "http://bomb.example" + path})
			runtime.ReadMemStats(&after)
			if res.Outcome != OutcomeOK {
				t.Fatalf("outcome %s: %v", res.Outcome, res.Err)
			}
			if int64(len(res.Body)) != opts.MaxDecompressed || !res.Truncated {
				t.Errorf("body %d bytes, truncated %v; want %d, true", len(res.Body), res.Truncated, opts.MaxDecompressed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("fetching the bomb allocated %d MiB", alloc>>20)
			}
		})
	}
}

func TestStaticProxy(t *testing.T) {
	// The proxy answers itself: a request that reaches it names the
	// target host in its absolute URL.
	proxy := newSite(t)
	proxy.handle("/", func(w http.ResponseWriter, r *http.Request) {
		proxy.writeHTML(w, "<p>via proxy</p>")
	})
	c := newCrawler(t, Options{Proxy: proxy.URL, PerHostDelay: -1, Retries: -1})
	res := fetchOne(t, c, Request{URL: "http://far.example/page"})
	if res.Outcome != OutcomeOK || !strings.Contains(res.Page.Text, "via proxy") {
		t.Fatalf("outcome %s: %v", res.Outcome, res.Err)
	}
	var paths []string
	for _, h := range proxy.hitsOf("far.example") {
		paths = append(paths, h.path)
	}
	if want := []string{"/robots.txt", "/page"}; !slices.Equal(paths, want) {
		t.Errorf("proxy saw %q, want %q", paths, want)
	}
}

func TestOptionsValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"proxy with resolve-only", Options{Proxy: "http://127.0.0.1:1", ResolveOnly: true}},
		{"proxy scheme", Options{Proxy: "ftp://x"}},
		{"resolve target", Options{Resolve: map[string]string{"a.example": "1.2.3.4:99999"}}},
		{"negative", Options{Parallel: -1}},
		{"user agent", Options{UserAgent: "a\nb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.opts); !errors.Is(err, ErrOptions) {
				t.Errorf("New = %v, want ErrOptions", err)
			}
		})
	}
}

func TestResolverRules(t *testing.T) {
	r := newResolver(map[string]string{"a.example": "127.0.0.1:8080", "B.example:443": "10.0.0.1:8443", "c.example": "10.0.0.2"}, true)
	for _, tc := range []struct{ host, port, want string }{
		{"a.example", "80", "127.0.0.1:8080"},
		{"b.example", "443", "10.0.0.1:8443"},
		{"c.example", "81", "10.0.0.2:81"},
	} {
		if got, ok := r.target(tc.host, tc.port); !ok || got != tc.want {
			t.Errorf("target(%s, %s) = %s, %v", tc.host, tc.port, got, ok)
		}
	}
	if _, ok := r.target("b.example", "80"); ok {
		t.Errorf("b.example:80 allowed")
	}
	want := "MAP b.example:443 10.0.0.1:8443, MAP a.example 127.0.0.1:8080, MAP c.example 10.0.0.2, MAP * ~NOTFOUND"
	if got := r.chromiumRules(); got != want {
		t.Errorf("chromiumRules = %q\nwant %q", got, want)
	}
}

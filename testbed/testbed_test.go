package testbed

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// startWeb starts a sample web that the test closes.
func startWeb(t *testing.T, opts Options) *Web {
	t.Helper()
	w, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return w
}

// sharedWeb is one web for the tests that only read pages.
var sharedWeb *Web

func TestMain(m *testing.M) {
	w, err := Start(Options{SlowDelay: 3 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "testbed: Start:", err)
		os.Exit(1)
	}
	sharedWeb = w
	code := m.Run()
	if err := w.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "testbed: Close:", err)
		code = 1
	}
	os.Exit(code)
}

func shared(*testing.T) *Web { return sharedWeb }

// client reaches every host at w.Addr(), as resolve overrides would, and
// leaves Content-Encoding alone.
func client(t *testing.T, w *Web) *http.Client {
	t.Helper()
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, w.Addr())
		},
		DisableCompression: true,
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// noRedirects returns redirect responses instead of following them.
func noRedirects(c *http.Client) *http.Client {
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cc
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// get fetches u and reads at most 4 MiB of its body.
func get(t *testing.T, c *http.Client, u string) response {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		t.Fatalf("GET %s: read body: %v", u, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

func doc(t *testing.T, body []byte) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return d
}

func TestStartRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{{BigSitePages: -1}, {BigSitePages: MaxBigSitePages + 1}, {SlowDelay: -time.Second}} {
		if w, err := Start(o); err == nil {
			_ = w.Close()
			t.Errorf("Start(%+v) succeeded", o)
		}
	}
}

func TestEveryHostServesIndexAndRobots(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	want := []string{HostBBS, HostImitation, HostFenlei, HostHostile, HostSchool, HostShop, HostGov, HostNews, HostErshou, HostShortener, HostQRImitation, HostLookalike,
		HostSearch, HostSearchImitation, HostOfficial, HostCTLog, HostCTImitation}
	if got := w.Hosts(); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("Hosts() = %v, want %v", got, want)
	}
	for _, host := range w.Hosts() {
		t.Run(host, func(t *testing.T) {
			r := get(t, c, urlOf(host, "/"))
			if r.status != http.StatusOK {
				t.Fatalf("index: status %d", r.status)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("index: Content-Type %q", ct)
			}
			if links := doc(t, r.body).Find("a[href]").Length(); links == 0 && host != HostImitation && host != HostQRImitation && host != HostLookalike && host != HostSearchImitation && host != HostOfficial &&
				host != HostCTLog && host != HostCTImitation {
				t.Errorf("index links to nothing")
			}
			rb := get(t, c, urlOf(host, "/robots.txt"))
			if rb.status != http.StatusOK || !strings.HasPrefix(rb.header.Get("Content-Type"), "text/plain") ||
				!strings.Contains(string(rb.body), "User-agent: *") {
				t.Errorf("robots.txt: status %d, Content-Type %q, body %q", rb.status, rb.header.Get("Content-Type"), rb.body)
			}
			if nf := get(t, c, urlOf(host, "/no-such-page.html")); nf.status != http.StatusNotFound {
				t.Errorf("missing page: status %d", nf.status)
			}
		})
	}
	if r := get(t, c, "http://unknown.example/"); r.status != http.StatusMisdirectedRequest {
		t.Errorf("unknown host: status %d", r.status)
	}
}

func TestFenleiIsGBKWithNoCharsetAnywhere(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	for _, p := range []string{"/", "/post/88001.html", "/post/88002.html", "/post/88003.html", "/post/88004.html"} {
		r := get(t, c, urlOf(HostFenlei, p))
		if r.status != http.StatusOK {
			t.Fatalf("%s: status %d", p, r.status)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html" {
			t.Errorf("%s: Content-Type %q, want text/html without charset", p, ct)
		}
		if utf8.Valid(r.body) {
			t.Errorf("%s: body is valid UTF-8, want GBK", p)
		}
		if bytes.Contains(bytes.ToLower(r.body), []byte("charset")) {
			t.Errorf("%s: body declares a charset", p)
		}
		text, err := simplifiedchinese.GBK.NewDecoder().Bytes(r.body)
		if err != nil {
			t.Fatalf("%s: decode GBK: %v", p, err)
		}
		if !strings.Contains(string(text), "示范同城分类信息网") {
			t.Errorf("%s: GBK text lacks the site name", p)
		}
		if p == "/post/88001.html" && !strings.Contains(string(text), "办证") {
			t.Errorf("%s: the offer lacks 办证", p)
		}
	}
}

func TestShopListingsNeedJavaScript(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	q := url.QueryEscape("电工证")

	shells := map[string]string{
		"search": urlOf(HostShop, "/search?q="+q),
		"page 2": urlOf(HostShop, "/search?q="+q+"&page=2"),
		"item":   urlOf(HostShop, itemPath(listings[0].ID)),
	}
	for name, u := range shells {
		r := get(t, c, u)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != ctHTML {
			t.Fatalf("%s: status %d, Content-Type %q", name, r.status, r.header.Get("Content-Type"))
		}
		d := doc(t, r.body)
		if n := d.Find(".item, .title, .desc, .contact, a.detail, a.next").Length(); n != 0 {
			t.Errorf("%s: static HTML has %d listing elements", name, n)
		}
		if d.Find("script").Length() == 0 {
			t.Errorf("%s: no script", name)
		}
		for _, l := range listings {
			for _, s := range []string{l.Title, l.Desc, l.Contact, l.Seller} {
				if bytes.Contains(r.body, []byte(s)) {
					t.Errorf("%s: static HTML holds listing text %q", name, s)
				}
			}
		}
	}

	// The script's data: 3 pages of 5, every listing once.
	seen := map[int]bool{}
	for page := 1; page <= shopResultPages+1; page++ {
		r := get(t, c, urlOf(HostShop, "/api/search?q="+q+"&page="+strconv.Itoa(page)))
		var res searchResult
		if err := json.Unmarshal(r.body, &res); err != nil || r.header.Get("Content-Type") != ctJSON {
			t.Fatalf("api page %d: %v, Content-Type %q", page, err, r.header.Get("Content-Type"))
		}
		want := shopPageSize
		if page > shopResultPages {
			want = 0
		}
		if len(res.Items) != want || res.Pages != shopResultPages || res.Total != len(listings) || res.Page != page {
			t.Errorf("api page %d: %d items, page %d of %d, total %d", page, len(res.Items), res.Page, res.Pages, res.Total)
		}
		for _, it := range res.Items {
			if seen[it.ID] {
				t.Errorf("listing %d on two pages", it.ID)
			}
			seen[it.ID] = true
			if it.Title == "" || it.Price == "" || it.Seller == "" || it.Desc == "" || it.Contact == "" {
				t.Errorf("listing %d has an empty field: %+v", it.ID, it)
			}
		}
		if page == 1 && !strings.Contains(res.Items[0].Title, "电工证") {
			t.Errorf("first result for 电工证 is %q", res.Items[0].Title)
		}
	}
	if len(seen) != len(listings) {
		t.Errorf("pages hold %d distinct listings, want %d", len(seen), len(listings))
	}

	r := get(t, c, urlOf(HostShop, "/api/item/600101"))
	var l listing
	if err := json.Unmarshal(r.body, &l); err != nil || l.ID != 600101 || len(l.Detail) == 0 {
		t.Errorf("api item: %v, %+v", err, l)
	}
	for _, p := range []string{"/item/999", "/item/abc", "/item/", "/api/item/999"} {
		if r := get(t, c, urlOf(HostShop, p)); r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.status)
		}
	}
}

func TestSearchIsDeterministicAndRanked(t *testing.T) {
	a, b := search("焊工证"), search("焊工证")
	if !slices.EqualFunc(a, b, func(x, y listing) bool { return x.ID == y.ID }) {
		t.Fatal("two searches differ")
	}
	if !strings.Contains(a[0].Title, "焊工证") {
		t.Errorf("first result for 焊工证 is %q", a[0].Title)
	}
	if got := search(""); len(got) != len(listings) || got[0].ID != listings[0].ID {
		t.Errorf("empty query: %d results starting with %d", len(got), got[0].ID)
	}
}

func TestBBSRobotsForbidLinkedPages(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	robots := string(get(t, c, urlOf(HostBBS, "/robots.txt")).body)
	for _, line := range []string{"Disallow: /private/", "Disallow: /admin/"} {
		if !strings.Contains(robots, line) {
			t.Errorf("robots.txt lacks %q:\n%s", line, robots)
		}
	}
	links := doc(t, get(t, c, urlOf(HostBBS, "/")).body).Find("a[href]").Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("href", "")
	})
	for _, u := range w.Expected().RobotsDenied {
		pu, _ := url.Parse(u)
		if !slices.Contains(links, pu.Path) {
			t.Errorf("the index does not link to %s", pu.Path)
		}
	}
	for _, t1 := range threads {
		if !slices.Contains(links, threadPath(t1.ID)) {
			t.Errorf("the index does not link to thread %d", t1.ID)
		}
	}
}

func TestBBSThreadBuriesTheSeller(t *testing.T) {
	v := threadView(threads[0])
	if len(v.Posts) < 20 {
		t.Fatalf("thread has %d posts, want many", len(v.Posts))
	}
	at := slices.IndexFunc(v.Posts, func(p postView) bool { return p.Author == "证书顾问小王" })
	if at < 3 || at > len(v.Posts)-3 {
		t.Errorf("the seller's reply is post %d of %d, not buried", at, len(v.Posts))
	}
	if w := threadView(threads[0]); !slices.Equal(w.Posts, v.Posts) {
		t.Error("thread layout is not deterministic")
	}
}

func TestLoopRedirectsForEver(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	nr := noRedirects(c)
	for from, to := range map[string]string{"/loop": "/loop/next", "/loop/next": "/loop"} {
		r := get(t, nr, urlOf(HostHostile, from))
		if r.status != http.StatusFound || r.header.Get("Location") != to {
			t.Errorf("%s: status %d, Location %q, want 302 to %s", from, r.status, r.header.Get("Location"), to)
		}
	}
	_, err := c.Get(urlOf(HostHostile, "/loop"))
	if err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("following /loop: err = %v, want too many redirects", err)
	}
}

func TestBombIsSmallOnTheWireAndHugeInflated(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	r := get(t, c, urlOf(HostHostile, "/bomb"))
	if r.status != http.StatusOK || r.header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d, Content-Encoding %q", r.status, r.header.Get("Content-Encoding"))
	}
	if n := len(r.body); n < 64<<10 || n > 2<<20 {
		t.Errorf("compressed size %d, want about 1 MiB", n)
	}
	if size := binary.LittleEndian.Uint32(r.body[len(r.body)-4:]); size != uint32(BombSize) {
		t.Errorf("gzip ISIZE %d, want %d", size, BombSize)
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	const limit = 16 << 20 // twice the config's max_decompressed
	n, err := io.Copy(io.Discard, io.LimitReader(zr, limit))
	if err != nil || n != limit {
		t.Errorf("inflated %d bytes (err %v) before the limit of %d", n, err, limit)
	}
	// The same request again gets the same bytes (built once).
	if again := get(t, c, urlOf(HostHostile, "/bomb")); !bytes.Equal(again.body, r.body) {
		t.Error("second /bomb differs")
	}
}

func TestGzipBombIsValidToTheEnd(t *testing.T) {
	const mib = 5
	z, err := gzipBomb(mib)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr) // checks the CRC and size
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	if len(got) != mib<<20 || !bytes.HasPrefix(got, []byte("<!DOCTYPE html>")) || strings.Trim(string(got[1<<20:]), " ") != "" {
		t.Errorf("inflated %d bytes starting %q", len(got), got[:min(len(got), 40)])
	}
}

func TestSlowStallsAndStopsWhenTheClientGoes(t *testing.T) {
	w := shared(t) // SlowDelay 3s
	c := client(t, w)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, urlOf(HostHostile, "/slow"), nil)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if d := time.Since(start); resp.StatusCode != http.StatusOK || d > time.Second {
		t.Fatalf("headers: status %d after %v, want 200 at once", resp.StatusCode, d)
	}
	read := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(resp.Body)
		read <- err
	}()
	select {
	case err := <-read:
		t.Fatalf("body ended before the stall: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	cancel()
	select {
	case err := <-read:
		if err == nil {
			t.Error("body read succeeded after cancel")
		}
	case <-time.After(time.Second):
		t.Fatal("body read did not stop after cancel")
	}
	deadline := time.Now().Add(2 * time.Second)
	for w.slowOpen.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the /slow handler still runs after the client left")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSlowEventuallyAnswers(t *testing.T) {
	w := startWeb(t, Options{SlowDelay: 200 * time.Millisecond})
	start := time.Now()
	r := get(t, client(t, w), urlOf(HostHostile, "/slow"))
	if d := time.Since(start); d < 200*time.Millisecond || !bytes.Contains(r.body, []byte("</html>")) {
		t.Errorf("body complete after %v: %q", d, r.body)
	}
}

func TestCloseEndsStalledAndStreamingResponses(t *testing.T) {
	w, err := Start(Options{}) // SlowDelay 60s
	if err != nil {
		t.Fatal(err)
	}
	c := client(t, w)
	for _, p := range []string{"/slow", "/huge"} {
		resp, err := c.Get(urlOf(HostHostile, p))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close() // left unread: the server blocks writing /huge
	}
	done := make(chan error, 1)
	go func() { done <- w.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Close waits on the hostile handlers")
	}
}

func TestHugeStreams50MiB(t *testing.T) {
	w := shared(t)
	resp, err := client(t, w).Get(urlOf(HostHostile, "/huge"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != -1 {
		t.Errorf("Content-Length %d, want none", resp.ContentLength)
	}
	head := make([]byte, 1<<20)
	if _, err := io.ReadFull(resp.Body, head); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(head, []byte("小区门口的玉兰花")) {
		t.Errorf("not the expected text: %q", head[:200])
	}
	rest, err := io.Copy(io.Discard, resp.Body)
	if total := int64(len(head)) + rest; err != nil || total < HugeBodySize {
		t.Errorf("read %d bytes (err %v), want at least %d", total, err, HugeBodySize)
	}
}

func TestHostilePagesCarryTheirPayload(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	st := get(t, c, urlOf(HostHostile, "/script-title"))
	title := doc(t, st.body).Find("title").Text()
	for _, s := range []string{"<script>alert(1)</script>", "\x1b[31m", "免考包过"} {
		if !strings.Contains(title, s) {
			t.Errorf("/script-title: title %q lacks %q", title, s)
		}
	}
	if h1 := doc(t, st.body).Find("h1").Text(); !strings.Contains(h1, "<script>alert(1)</script>") || !strings.Contains(h1, "\x1b[") {
		t.Errorf("/script-title: text %q lacks the literal script and escapes", h1)
	}

	m := get(t, c, urlOf(HostHostile, "/malformed"))
	if !bytes.Contains(m.body, []byte("<div><span><b><div>")) || bytes.Count(m.body, []byte("<div>")) < MalformedDepth/2 {
		t.Error("/malformed is not deeply nested")
	}
	// Deeper than x/net/html's tree builder (and so goquery and colly's
	// OnHTML) accepts: a crawler must read it some other way.
	if _, err := html.Parse(bytes.NewReader(m.body)); err == nil {
		t.Error("/malformed: html.Parse accepts it; make it deeper")
	}
	var text strings.Builder
	for z := html.NewTokenizer(bytes.NewReader(m.body)); z.Next() != html.ErrorToken; {
		if tok := z.Token(); tok.Type == html.TextToken {
			text.WriteString(tok.Data)
		}
	}
	if !strings.Contains(text.String(), "免考") || !strings.Contains(text.String(), "139 0013 9000") {
		t.Errorf("/malformed: text lacks the offer: %.300q", text.String())
	}
}

func TestHitsCountRequests(t *testing.T) {
	w := startWeb(t, Options{SlowDelay: time.Second})
	c := client(t, w)
	get(t, c, urlOf(HostBBS, "/"))
	get(t, c, urlOf(HostBBS, "/"))
	get(t, c, urlOf(HostBBS, "/thread/1001.html"))
	get(t, c, urlOf(HostShop, "/search?q=a&page=2"))
	get(t, c, urlOf(HostShop, "/search?q=b"))
	get(t, c, urlOf(HostBBS, "/missing"))
	for _, tc := range []struct {
		host, path string
		want       int
	}{
		{HostBBS, "/", 2},
		{"BBS.example", "/", 2},
		{HostBBS, "/thread/1001.html", 1},
		{HostBBS, "/missing", 1},
		{HostBBS, "/private/secret.html", 0},
		{HostShop, "/search", 2},
		{HostShop, "/search?q=a&page=2", 1},
		{HostShop, "/search?q=c", 0},
		{HostSchool, "/", 0},
	} {
		if got := w.Hits(tc.host, tc.path); got != tc.want {
			t.Errorf("Hits(%q, %q) = %d, want %d", tc.host, tc.path, got, tc.want)
		}
	}
}

// sweepConfig is the part of the config format the tests check; decoding
// into it with KnownFields catches a misspelt key.
type sweepConfig struct {
	Database    string            `yaml:"database"`
	UserAgent   string            `yaml:"user_agent"`
	ResolveOnly bool              `yaml:"resolve_only"`
	Resolve     map[string]string `yaml:"resolve"`
	// AllowInternal must name every served host: they all run on
	// loopback, which crawling refuses otherwise.
	AllowInternal []string `yaml:"allow_internal"`
	Limits        struct {
		PerHostDelay    string `yaml:"per_host_delay"`
		PerHostParallel int    `yaml:"per_host_parallel"`
		Parallel        int    `yaml:"parallel"`
		Timeout         string `yaml:"timeout"`
		MaxBody         string `yaml:"max_body"`
		MaxDecompressed string `yaml:"max_decompressed"`
		MaxRedirects    int    `yaml:"max_redirects"`
		Retries         int    `yaml:"retries"`
	} `yaml:"limits"`
	Render struct {
		Tabs        int    `yaml:"tabs"`
		PageTimeout string `yaml:"page_timeout"`
	} `yaml:"render"`
	Discover struct {
		QR        bool `yaml:"qr"`
		Lookalike struct {
			Resolver string `yaml:"resolver"`
			MaxNames int    `yaml:"max_names"`
		} `yaml:"lookalike"`
		Imitation struct {
			State string `yaml:"state"`
		} `yaml:"imitation"`
		CT *struct {
			Logs []struct {
				URL string `yaml:"url"`
			} `yaml:"logs"`
		} `yaml:"ct"`
		Watch *struct {
			MaxHosts int `yaml:"max_hosts"`
		} `yaml:"watch"`
	} `yaml:"discover"`
	Referral struct {
		WHOIS       map[string]string `yaml:"whois"`
		IPDB        string            `yaml:"ipdb"`
		PartTimeout string            `yaml:"part_timeout"`
	} `yaml:"referral"`
	Sources []struct {
		ID           string            `yaml:"id"`
		Type         string            `yaml:"type"`
		Start        []string          `yaml:"start"`
		AllowedHosts []string          `yaml:"allowed_hosts"`
		Depth        int               `yaml:"depth"`
		MaxPages     int               `yaml:"max_pages"`
		URL          string            `yaml:"url"`
		Terms        []string          `yaml:"terms"`
		ResultPages  int               `yaml:"result_pages"`
		Render       string            `yaml:"render"` // true, false or auto
		Route        string            `yaml:"route"`
		Listing      map[string]string `yaml:"listing"`
		URLs         []string          `yaml:"urls"`
	} `yaml:"sources"`
}

func parseConfig(t *testing.T, b []byte) sweepConfig {
	t.Helper()
	var cfg sweepConfig
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf("config does not parse: %v\n%s", err, b)
	}
	return cfg
}

func TestConfigCoversEverySite(t *testing.T) {
	for _, big := range []int{0, 1000} {
		w := startWeb(t, Options{BigSitePages: big, SlowDelay: time.Second})
		db := `/tmp/a dir/"quoted" certwatch.db`
		cfg := parseConfig(t, w.Config(db))
		if cfg.Database != db || !cfg.ResolveOnly || cfg.UserAgent != "certwatch-test/1.0 (+testbed)" {
			t.Errorf("database %q, resolve_only %v, user_agent %q", cfg.Database, cfg.ResolveOnly, cfg.UserAgent)
		}
		if cfg.Limits.MaxBody != "2MiB" || cfg.Limits.MaxRedirects != 5 || cfg.Render.Tabs != 2 {
			t.Errorf("limits %+v, render %+v", cfg.Limits, cfg.Render)
		}
		if len(cfg.Resolve) != len(w.Resolve()) {
			t.Errorf("resolve has %d hosts, want %d", len(cfg.Resolve), len(w.Resolve()))
		}
		for host, addr := range w.Resolve() {
			if !slices.Contains(cfg.AllowInternal, host) {
				t.Errorf("allow_internal %q does not name %s", cfg.AllowInternal, host)
			}
			if cfg.Resolve[host] != addr || addr != w.Addr() {
				t.Errorf("resolve %s: %q, want %q", host, cfg.Resolve[host], w.Addr())
			}
		}
		covered := map[string]bool{}
		ids := map[string]bool{}
		for _, s := range cfg.Sources {
			if ids[s.ID] {
				t.Errorf("source id %q twice", s.ID)
			}
			ids[s.ID] = true
			var urls []string
			switch s.Type {
			case "site":
				urls = s.Start
				if len(s.AllowedHosts) != 1 || s.Depth < 2 || s.MaxPages < 1 {
					t.Errorf("source %s: %+v", s.ID, s)
				}
			case "search":
				urls = []string{strings.Replace(s.URL, "{q}", "x", 1)}
				if s.ID == "sousuo" {
					// Issue 14: the official platforms' names on a search
					// engine, its results in a typical engine's markup.
					if !slices.Equal(s.Terms, searchEngineTerms) || s.Listing["item"] != ".result" || s.Listing["link"] != "h3 a" || s.Route != "" {
						t.Errorf("source %s: %+v", s.ID, s)
					}
					break
				}
				if !strings.Contains(s.URL, "{q}") || s.Render != "auto" || s.ResultPages != shopResultPages ||
					!slices.Equal(s.Terms, shopSearchTerms) || s.Listing["item"] != ".item" || s.Listing["next"] != "a.next" ||
					s.Listing["link"] != "a.detail" || len(s.Listing) != 8 {
					t.Errorf("source %s: %+v", s.ID, s)
				}
			case "urls":
				urls = s.URLs
			default:
				t.Errorf("source %s: type %q", s.ID, s.Type)
			}
			for _, u := range urls {
				pu, err := url.Parse(u)
				if err != nil || cfg.Resolve[pu.Hostname()] == "" {
					t.Errorf("source %s: URL %q is not on a resolved host", s.ID, u)
				}
				covered[pu.Hostname()] = true
			}
		}
		if !cfg.Discover.QR || cfg.Discover.Lookalike.Resolver != "resolve" || cfg.Discover.CT == nil || len(cfg.Discover.CT.Logs) != 1 {
			t.Errorf("discover %+v: the QR-only or lookalike-only imitation site is never found", cfg.Discover)
		}
		for _, h := range w.Hosts() {
			// Only a QR code or the lookalike step leads to these (issue
			// 14): no source may.
			if discovered := h == HostShortener || h == HostQRImitation || h == HostLookalike || h == HostSearchImitation || h == HostCTLog || h == HostCTImitation; discovered != !covered[h] {
				t.Errorf("BigSitePages=%d: %s covered by a source: %v", big, h, covered[h])
			}
		}
	}
}

func TestExpectedPagesAreServed(t *testing.T) {
	w := shared(t)
	c := noRedirects(client(t, w))
	e := w.Expected()
	categories := []string{CategoryCertSale, CategoryExamFraud, CategoryTrainingFraud, CategoryImitationSite}
	seen := map[string]string{}
	check := func(list, u string) {
		if prev, ok := seen[u]; ok && !(prev == "Flagged" && list == "Hostile") {
			t.Errorf("%s is in both %s and %s", u, prev, list)
		}
		seen[u] = list
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme != "http" || w.Resolve()[pu.Hostname()] == "" {
			t.Errorf("%s %s: not an http URL on a testbed host", list, u)
		}
	}
	for u, cat := range e.Flagged {
		check("Flagged", u)
		if !slices.Contains(categories, cat) {
			t.Errorf("%s: category %q", u, cat)
		}
	}
	for _, u := range e.NotFlagged {
		check("NotFlagged", u)
	}
	for _, u := range e.RobotsDenied {
		check("RobotsDenied", u)
	}
	for _, u := range e.Hostile {
		check("Hostile", u)
	}
	for _, cat := range categories {
		if !slices.Contains(slicesOfMap(e.Flagged), cat) {
			t.Errorf("no page is expected as %s", cat)
		}
	}
	if len(e.Flagged) < 10 || len(e.NotFlagged) < 20 || len(e.RobotsDenied) < 2 || len(e.Hostile) != 6 {
		t.Errorf("Expected: %d flagged, %d not flagged, %d robots-denied, %d hostile",
			len(e.Flagged), len(e.NotFlagged), len(e.RobotsDenied), len(e.Hostile))
	}

	var plain []string
	for u := range e.Flagged {
		plain = append(plain, u)
	}
	plain = append(plain, e.NotFlagged...)
	plain = append(plain, e.RobotsDenied...)
	for _, u := range plain {
		if slices.Contains(e.Hostile, u) {
			continue
		}
		if r := get(t, c, u); r.status != http.StatusOK || len(r.body) < 200 {
			t.Errorf("%s: status %d, %d bytes", u, r.status, len(r.body))
		}
	}
	for _, u := range e.Hostile {
		switch {
		case strings.HasSuffix(u, "/slow") || strings.HasSuffix(u, "/huge"):
			continue // their own tests
		case strings.HasSuffix(u, "/loop"):
			if r := get(t, c, u); r.status != http.StatusFound {
				t.Errorf("%s: status %d", u, r.status)
			}
		default:
			if r := get(t, c, u); r.status != http.StatusOK {
				t.Errorf("%s: status %d", u, r.status)
			}
		}
	}
}

func slicesOfMap(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestImitationQueryAnswersAnything(t *testing.T) {
	w := shared(t)
	c := client(t, w)
	r := get(t, c, urlOf(HostImitation, "/"))
	d := doc(t, r.body)
	if got := d.Find("title").Text(); got != "特种作业操作证及安全生产知识和管理能力考核合格信息查询平台" {
		t.Errorf("title %q", got)
	}
	for _, label := range []string{"证件类型", "证件号码", "姓名", "验证码"} {
		if d.Find("form label").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == label }).Length() != 1 {
			t.Errorf("form lacks the label %s", label)
		}
	}
	if !strings.Contains(d.Find(".footer").Text(), "版权所有：中华人民共和国应急管理部") {
		t.Error("no copyright line")
	}
	resp, err := c.PostForm(urlOf(HostImitation, "/query"), url.Values{"zjhm": {"<b>110101199003070000</b>"}, "xm": {"李四"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(body, []byte("李四")) || !bytes.Contains(body, []byte("有效")) || bytes.Contains(body, []byte("<b>110")) {
		t.Errorf("query result: %s", body)
	}
	for _, p := range []string{"/captcha.png", "/static/emblem.png"} {
		if r := get(t, c, urlOf(HostImitation, p)); r.status != http.StatusOK || r.header.Get("Content-Type") != ctPNG ||
			!bytes.HasPrefix(r.body, []byte("\x89PNG")) {
			t.Errorf("%s: status %d, Content-Type %q", p, r.status, r.header.Get("Content-Type"))
		}
	}
}

func TestBigSiteIsReachableWithinItsDepth(t *testing.T) {
	const n = 300
	w := startWeb(t, Options{BigSitePages: n, SlowDelay: time.Second})
	c := client(t, w)
	depth := bigDepth(n)
	seen := map[string]bool{"/": true}
	frontier := []string{"/"}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for _, p := range frontier {
			r := get(t, c, urlOf(HostBig, p))
			if r.status != http.StatusOK {
				t.Fatalf("%s: status %d", p, r.status)
			}
			doc(t, r.body).Find("a[href]").Each(func(_ int, s *goquery.Selection) {
				h := s.AttrOr("href", "")
				if !seen[h] {
					seen[h] = true
					next = append(next, h)
				}
			})
		}
		frontier = next
	}
	if len(seen) != n+1 {
		t.Errorf("reached %d pages within depth %d, want %d", len(seen)-1, depth, n)
	}
	for _, p := range []string{"/p/0.html", "/p/301.html", "/p/01.html", "/p/7", "/p/x.html"} {
		if r := get(t, c, urlOf(HostBig, p)); r.status != http.StatusNotFound {
			t.Errorf("%s: status %d", p, r.status)
		}
	}
	if a, b := bigPage(42, n), bigPage(42, n); !bytes.Equal(a, b) || len(a) < 1000 {
		t.Errorf("page 42: %d bytes, deterministic %v", len(a), bytes.Equal(a, b))
	}
	if got := bigDepth(MaxBigSitePages); got != 7 {
		t.Errorf("bigDepth(%d) = %d", MaxBigSitePages, got)
	}
}

func TestPagesAreDeterministic(t *testing.T) {
	w1 := shared(t)
	w2 := startWeb(t, Options{SlowDelay: time.Second})
	c1, c2 := client(t, w1), client(t, w2)
	for _, u := range []string{
		urlOf(HostBBS, "/thread/1001.html"),
		urlOf(HostShop, "/api/search?q=%E7%84%8A%E5%B7%A5%E8%AF%81&page=2"),
		urlOf(HostFenlei, "/post/88001.html"),
		urlOf(HostImitation, "/captcha.png"),
	} {
		if a, b := get(t, c1, u), get(t, c2, u); !bytes.Equal(a.body, b.body) {
			t.Errorf("%s differs between two webs", u)
		}
	}
}

// Transport errors must not hide as a 200: a closed web refuses.
func TestClosedWebRefuses(t *testing.T) {
	w, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := client(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(urlOf(HostBBS, "/"))
	var op *net.OpError
	if !errors.As(err, &op) {
		t.Errorf("GET after Close: %v", err)
	}
}

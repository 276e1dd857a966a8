package qr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// imitationPage is a local imitation of the official query page.
const imitationPage = `<!doctype html><html><head><meta charset="utf-8">
<title>特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</title></head>
<body><h1>应急管理部</h1><form>证件类型 <select><option>身份证</option></select>
证件号码 <input name="sfz"> 姓名 <input name="xm"> 验证码 <input name="yzm"></form></body></html>`

// sampleWeb starts a shortener, a second (HTML meta refresh) shortener and
// an imitation query site on 127.0.0.1, each under its own host name
// (resolved through FollowOptions.Resolve), and returns their base URLs.
type sampleWeb struct {
	short, meta, site string // base URLs with host names
	resolve           map[string]string
	hits              atomic.Int64
}

func newSampleWeb(t *testing.T) *sampleWeb {
	t.Helper()
	w := &sampleWeb{resolve: map[string]string{}}
	site := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.hits.Add(1)
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(rw, imitationPage)
	}))
	t.Cleanup(site.Close)
	w.site = "http://cx-mem-gov.test:" + port(t, site.URL)
	meta := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.hits.Add(1)
		rw.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(rw, `<html><head><meta http-equiv="refresh" content="0; url=%s/cx/index.html?from=qr&amp;k=1"></head><body>跳转中</body></html>`, w.site)
	}))
	t.Cleanup(meta.Close)
	w.meta = "http://go.meta.test:" + port(t, meta.URL)
	short := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.hits.Add(1)
		switch {
		case r.URL.Path == "/s/AbC9":
			http.Redirect(rw, r, w.meta+"/m/1", http.StatusFound)
		case r.URL.Path == "/loop":
			http.Redirect(rw, r, "/loop2", http.StatusMovedPermanently)
		case r.URL.Path == "/loop2":
			http.Redirect(rw, r, "/loop", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, "/n/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/n/%d", &n)
			http.Redirect(rw, r, fmt.Sprintf("/n/%d", n+1), http.StatusFound)
		case r.URL.Path == "/metadata":
			http.Redirect(rw, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case r.URL.Path == "/js":
			rw.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(rw, `<script>window.location.href="%s/cx/";</script>`, w.site)
		default:
			http.NotFound(rw, r)
		}
	}))
	t.Cleanup(short.Close)
	w.short = "http://t.short.test:" + port(t, short.URL)
	for _, h := range []string{"cx-mem-gov.test", "go.meta.test", "t.short.test"} {
		w.resolve[h] = "127.0.0.1"
	}
	return w
}

func port(t *testing.T, u string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(strings.TrimPrefix(u, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (w *sampleWeb) follower(t *testing.T, allow ...string) *Follower {
	t.Helper()
	f, err := NewFollower(FollowOptions{Resolve: w.resolve, AllowInternal: allow})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFollowShortenerChain(t *testing.T) {
	w := newSampleWeb(t)
	f := w.follower(t, "127.0.0.1")
	final, chain, err := f.Follow(context.Background(), w.short+"/s/AbC9")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{w.short + "/s/AbC9", w.meta + "/m/1", w.site + "/cx/index.html?from=qr&k=1"}
	if final != want[2] || strings.Join(chain, " ") != strings.Join(want, " ") {
		t.Fatalf("Follow = %s via %q; want %s via %q", final, chain, want[2], want)
	}
	final, chain, err = f.Follow(context.Background(), w.short+"/js")
	if err != nil || final != w.site+"/cx/" || len(chain) != 2 {
		t.Fatalf("script redirect: Follow = %s via %q, %v", final, chain, err)
	}
}

func TestFollowBounds(t *testing.T) {
	w := newSampleWeb(t)
	f := w.follower(t, "127.0.0.1")
	_, chain, err := f.Follow(context.Background(), w.short+"/n/0")
	if !errors.Is(err, ErrTooManyRedirects) || len(chain) != 6 {
		t.Fatalf("endless chain: %v after %d requests; want ErrTooManyRedirects after 6", err, len(chain))
	}
	if _, _, err := f.Follow(context.Background(), w.short+"/loop"); err == nil || !strings.Contains(err.Error(), "loop") {
		t.Fatalf("redirect loop: %v; want a loop error", err)
	}
	// a hop to the cloud metadata address is refused even though the
	// shortener itself is allowed
	before := w.hits.Load()
	_, chain, err = f.Follow(context.Background(), w.short+"/metadata")
	if !errors.Is(err, ErrBlockedAddress) || len(chain) != 2 {
		t.Fatalf("redirect to 169.254.169.254: %v (chain %q); want ErrBlockedAddress at the second hop", err, chain)
	}
	if w.hits.Load() != before+1 {
		t.Fatalf("requests made: %d; want 1", w.hits.Load()-before)
	}
}

func TestFollowRefusesInternalAddresses(t *testing.T) {
	w := newSampleWeb(t)
	f := w.follower(t) // nothing allowed
	before := w.hits.Load()
	for _, u := range []string{w.short + "/s/AbC9", strings.Replace(w.site, "cx-mem-gov.test", "127.0.0.1", 1), "http://localhost:1/", "http://[::1]:1/", "http://10.1.2.3/"} {
		if _, _, err := f.Follow(context.Background(), u); !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("Follow(%s) = %v; want ErrBlockedAddress", u, err)
		}
	}
	if w.hits.Load() != before {
		t.Fatalf("a refused address was requested")
	}
	// allowing the host names (not the address) opens them
	f = w.follower(t, "*.test")
	if _, _, err := f.Follow(context.Background(), w.short+"/s/AbC9"); err != nil {
		t.Fatalf("with *.test allowed: %v", err)
	}
	if _, err := NewFollower(FollowOptions{AllowInternal: []string{"not a host!"}}); err == nil {
		t.Fatal("a bad allow_internal entry was accepted")
	}
}

// The whole path: a listing image carries a QR code with a short link;
// the offer text claims the certificate can be checked on the official
// site; decoding, classification and following end at the imitation site.
func TestListingQRToImitationSite(t *testing.T) {
	w := newSampleWeb(t)
	off := officialFromPack(t)
	short := w.short + "/s/AbC9"
	img := listingImage(1000, 700, 10,
		placed{image.Pt(600, 150), qrImage(t, short, 220)},
		placed{image.Pt(640, 430), qrImage(t, "https://cx.mem.gov.cn/", 200)})
	payloads, err := Decode(bytes.NewReader(encodeJPEG(t, img, 80)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	cands := CandidatesNear(payloads, off, "高处作业证 焊工证 全国联网 扫码官网可查")
	if len(cands) != 2 {
		t.Fatalf("candidates %+v; want 2", cands)
	}
	w.follower(t, "127.0.0.1").FollowAll(context.Background(), cands, off)
	var strong, official int
	for _, c := range cands {
		switch {
		case c.Official:
			official++
			if c.Chain != nil {
				t.Errorf("the official address was requested: %q", c.Chain)
			}
		case c.Strong:
			strong++
			if c.FinalHost != "cx-mem-gov.test" || len(c.Chain) != 3 || c.FollowErr != "" || !strings.Contains(c.Reason, "cx-mem-gov.test") {
				t.Errorf("strong candidate %+v; want the imitation host after 3 requests", c)
			}
		}
	}
	if strong != 1 || official != 1 {
		t.Fatalf("candidates %+v; want one strong, one official", cands)
	}
}

// A short link that ends at the official site is not a strong signal.
func TestFollowToOfficialIsNotStrong(t *testing.T) {
	off := []string{"cx.mem.gov.test"}
	site := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Host != "cx.mem.gov.test:"+r.URL.Query().Get("p") && strings.HasPrefix(r.URL.Path, "/s") {
			http.Redirect(rw, r, "http://cx.mem.gov.test:"+r.URL.Query().Get("p")+"/", http.StatusFound)
			return
		}
		fmt.Fprint(rw, "ok")
	}))
	defer site.Close()
	p := port(t, site.URL)
	cands := CandidatesNear([]string{"http://s.test:" + p + "/s?p=" + p}, off, "官网可查")
	if len(cands) != 1 || !cands[0].Strong {
		t.Fatalf("before following: %+v; want strong", cands)
	}
	f, err := NewFollower(FollowOptions{AllowInternal: []string{"127.0.0.1"}, Resolve: map[string]string{"s.test": "127.0.0.1", "cx.mem.gov.test": "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	f.FollowAll(context.Background(), cands, off)
	if c := cands[0]; c.Strong || c.FinalHost != "cx.mem.gov.test" || !strings.Contains(c.Reason, "官方") {
		t.Fatalf("after following to the official host: %+v; want not strong", c)
	}
}

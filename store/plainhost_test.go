package store

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestPlainURLHost holds PlainURLHost to url.Parse and Hostname on
// edge cases and random links over an alphabet of awkward characters.
func TestPlainURLHost(t *testing.T) {
	links := []string{
		"http://a.example", "http://a.example/", "https://a.example/p/1.html", "http://A.example/x", "HTTP://a.example/x",
		"http://a.example:80/x", "http://a.example/x?b=2", "http://a.example/x#f", "http://a.example/%zz", "http://证.example/x",
		"http://u@a.example/x", "http://[::1]/x", "http:///x", "http://a.example/a/../b", "http://a.example/x y",
		"ftp://a.example/x", "mailto:a@b.example", "http://a.example/$&+,;=@:~-_.",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("aZ09.-/_~:@?#%&=+$,; \tA证[]")
	for range 20000 {
		var b strings.Builder
		b.WriteString([]string{"http://", "https://"}[rng.IntN(2)])
		for range rng.IntN(24) {
			if rng.IntN(3) > 0 {
				b.WriteByte('a' + byte(rng.IntN(26)))
			} else {
				b.WriteRune(alphabet[rng.IntN(len(alphabet))])
			}
		}
		links = append(links, b.String())
	}
	fast := 0
	for _, l := range links {
		host, ok := PlainURLHost(l)
		if !ok {
			continue
		}
		fast++
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			t.Errorf("PlainURLHost(%q) = %q, but url.Parse: %v (scheme %q)", l, host, err, u.Scheme)
			continue
		}
		if want := strings.ToLower(u.Hostname()); host != want {
			t.Errorf("PlainURLHost(%q) = %q, url.Parse %q", l, host, want)
		}
	}
	if fast < 2000 {
		t.Fatalf("only %d of %d links on the fast path: the test does not cover it", fast, len(links))
	}
}

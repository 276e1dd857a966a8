package store

import (
	"math/rand/v2"
	"testing"
)

// TestPlainCanonical holds the fast path of CanonicalURL to the parsing
// one (reached by a leading space, which CanonicalURL trims), on edge
// cases and on random URLs over an alphabet of the awkward characters.
func TestPlainCanonical(t *testing.T) {
	urls := []string{
		"http://a.example", "http://a.example/", "https://a.example/p/1.html", "http://A.example/x", "HTTP://a.example/x",
		"http://a.example:80/x", "http://a.example:8080/x", "http://a.example/x?b=2&a=1", "http://a.example/x#f",
		"http://a.example/x?utm_source=y", "http://a.example/%E8%AF%81", "http://a.example/证", "http://证.example/x",
		"http://u@a.example/x", "http://[::1]/x", "http:///x", "http://a.example/a/../b", "http://a.example//x",
		"http://a.example/$&+,;=@:~-_.", "ftp://a.example/x", "http://a.example/x y", "http://a.example/x\t",
		"http://a..example/x", "http://-/x", "http://a.example/x?", "mailto:a@b.example", "http://a.example/b//a.example", "https://a.example",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := "aZ09.-/_~:@?#%&=+$,; \tA证"
	for range 20000 {
		b := []byte("http://")
		if rng.IntN(2) == 0 {
			b = []byte("https://")
		}
		for range rng.IntN(24) {
			if rng.IntN(3) > 0 {
				b = append(b, 'a'+byte(rng.IntN(26)))
				continue
			}
			r := []rune(alphabet)[rng.IntN(len([]rune(alphabet)))]
			b = append(b, string(r)...)
		}
		urls = append(urls, string(b))
	}
	fast := 0
	for _, u := range urls {
		got, ok := plainCanonical(u)
		if !ok {
			continue
		}
		fast++
		if want := CanonicalURL(" " + u); got != want {
			t.Errorf("plainCanonical(%q) = %q, CanonicalURL %q", u, got, want)
		}
		if again := CanonicalURL(got); again != got {
			t.Errorf("CanonicalURL(%q) = %q: not idempotent", got, again)
		}
	}
	if fast < 2000 {
		t.Fatalf("only %d of %d URLs on the fast path: the test does not cover it", fast, len(urls))
	}
}

package qr

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestFollowDialOverrides: Dial sends a host (any port in the URL) to one
// ip:port as the crawler's resolve overrides do; the address check still
// applies; DialOnly refuses every other host before any lookup.
func TestFollowDialOverrides(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Host == "dwz.test" {
			http.Redirect(rw, r, "http://cx-query.test/", http.StatusFound)
			return
		}
		rw.Header().Set("Content-Type", "text/plain")
		rw.Write([]byte(r.Host))
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	dial := map[string]string{"dwz.test": addr, "cx-query.test": addr}

	f, err := NewFollower(FollowOptions{Dial: dial, DialOnly: true, AllowInternal: []string{"dwz.test", "cx-query.test"}})
	if err != nil {
		t.Fatal(err)
	}
	final, chain, err := f.Follow(context.Background(), "http://dwz.test/s/1")
	if err != nil || final != "http://cx-query.test/" || len(chain) != 2 {
		t.Fatalf("Follow = %s via %q, %v", final, chain, err)
	}
	// DialOnly: a host not overridden is refused without a request.
	before := hits.Load()
	if _, _, err := f.Follow(context.Background(), "http://elsewhere.test/"); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("host outside the overrides: %v; want ErrBlockedAddress", err)
	}
	// The override's loopback IP is refused unless the host is allowed.
	f, err = NewFollower(FollowOptions{Dial: dial})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Follow(context.Background(), "http://dwz.test/s/1"); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("loopback override without allow_internal: %v; want ErrBlockedAddress", err)
	}
	if hits.Load() != before {
		t.Errorf("%d refused requests were made", hits.Load()-before)
	}
}

package review_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// BenchmarkQueue measures the queue page and the case page over a large
// database: 20,000 cases whose findings have a realistic size (~5 KB of
// reasons and matches each).
func BenchmarkQueue(b *testing.B) {
	st, sw := benchStore(b)
	f := matcher.Finding{Flagged: true, Score: 20, Category: "cert_sale", Route: casework.RouteTakedownCAC,
		Reasons: []string{strings.Repeat("达到阈值 6，建议：网信办下架通知。规则 cert-sale-no-exam 得分 31：“出证”（+2），", 20)}}
	for i := range 40 {
		f.Matches = append(f.Matches, matcher.Match{Field: "text", Start: i * 10, End: i*10 + 6, Text: "免考包过", Term: "免考", Kind: "term", Rules: []string{"cert-sale-no-exam"}})
	}
	fj, _ := json.Marshal(f)
	const n = 20000
	for i := range n {
		u := fmt.Sprintf("http://bbs.example/t/%d", i)
		if _, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: u, URL: u, Title: "电工证包过", Status: 200,
			Body: []byte(u), Score: float64(i % 40), Category: "cert_sale", Finding: fj}); err != nil {
			b.Fatal(err)
		}
	}
	get := benchServer(b, st, "cac", casework.RoleReviewerCAC)
	b.Run("queue", func(b *testing.B) {
		for range b.N {
			get("/cases", http.StatusOK)
		}
	})
	b.Run("case", func(b *testing.B) {
		for range b.N {
			get("/cases/777", http.StatusOK)
		}
	})
}

// benchStore is a bbolt store under b.TempDir with one sweep started,
// closed when b ends.
func benchStore(b *testing.B) (*store.Store, store.Sweep) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	sw := store.Sweep{}
	if err := st.StartSweep(&sw); err != nil {
		b.Fatal(err)
	}
	return st, sw
}

// benchServer is a review server over st with a signed-in account of
// the given roles; get requests a path as that account and fails b unless
// the answer has status want.
func benchServer(b *testing.B, st *store.Store, user string, roles ...casework.Role) (get func(path string, want int)) {
	b.Helper()
	pack, _ := rules.Default()
	srv, err := review.New(review.Options{Store: st, Packs: []*rules.Pack{pack}, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.CreateUser("bench", store.User{Name: user, Roles: roles, PasswordHash: "x"}); err != nil {
		b.Fatal(err)
	}
	tok := "bench-session-token"
	sum := sha256.Sum256([]byte(tok))
	if err := st.CreateSession(store.Session{TokenHash: hex.EncodeToString(sum[:]), User: user, CSRF: "c", Expires: time.Now().Add(time.Hour)}); err != nil {
		b.Fatal(err)
	}
	return func(path string, want int) {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "certwatch_session", Value: tok})
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != want {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
	}
}

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
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
)

// BenchmarkDashboard measures the dashboard and the 90-day charts for a
// user with every role over 20,000 cases first seen over 90 days, a
// tenth of them decided. Measured on the shared 2-core machine (9
// sessions running): /dashboard 0.53–0.86 s (one full read of the cases, as
// the queue page does), /dashboard/charts?days=90 52 ms (the period
// report's scan and the SVG).
func BenchmarkDashboard(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "d.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sw := store.Sweep{}
	if err := st.StartSweep(&sw); err != nil {
		b.Fatal(err)
	}
	cats := []string{"cert_sale", "exam_fraud", "training_fraud", "imitation_site"}
	now := time.Now()
	const n = 20000
	for i := range n {
		f := matcher.Finding{Flagged: true, Score: 20, Category: cats[i%4], Route: casework.RouteTakedownCAC}
		fj, _ := json.Marshal(f)
		u := fmt.Sprintf("http://bbs.example/t/%d", i)
		res, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: u, URL: u, Title: "电工证包过", Status: 200,
			Body: []byte(u), Score: float64(i % 40), Category: cats[i%4], Finding: fj, FetchedAt: now.Add(-time.Duration(i%90) * 24 * time.Hour)})
		if err != nil {
			b.Fatal(err)
		}
		if i%10 == 0 {
			if _, _, err := st.Decide(store.Decision{CaseID: res.CaseID, Action: casework.ActionDismiss, Reason: casework.DismissFalsePositive, By: "cac"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	pack, _ := rules.Default()
	srv, err := review.New(review.Options{Store: st, Packs: []*rules.Pack{pack}, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.CreateUser("bench", store.User{Name: "super", Roles: casework.Roles, PasswordHash: "x"}); err != nil {
		b.Fatal(err)
	}
	tok := "bench-session-token"
	sum := sha256.Sum256([]byte(tok))
	if err := st.CreateSession(store.Session{TokenHash: hex.EncodeToString(sum[:]), User: "super", CSRF: "c", Expires: time.Now().Add(time.Hour)}); err != nil {
		b.Fatal(err)
	}
	get := func(path string) {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "certwatch_session", Value: tok})
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
	}
	b.ResetTimer()
	b.Run("dashboard", func(b *testing.B) {
		for range b.N {
			get("/dashboard")
		}
	})
	b.Run("charts90", func(b *testing.B) {
		for range b.N {
			get("/dashboard/charts?days=90")
		}
	})
}

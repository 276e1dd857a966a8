package review_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// BenchmarkDashboard measures the dashboard and the 90-day charts for a
// user with every role over 20,000 cases first seen over 90 days, a
// tenth of them decided. Measured on the shared 2-core machine (9
// sessions running): /dashboard 0.53–0.86 s (one full read of the cases, as
// the queue page does), /dashboard/charts?days=90 52 ms (the period
// report's scan and the SVG).
func BenchmarkDashboard(b *testing.B) {
	st, sw := benchStore(b)
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
	get := benchServer(b, st, "super", casework.Roles...)
	b.ResetTimer()
	b.Run("dashboard", func(b *testing.B) {
		for range b.N {
			get("/dashboard", http.StatusOK)
		}
	})
	b.Run("charts90", func(b *testing.B) {
		for range b.N {
			get("/dashboard/charts?days=90", http.StatusOK)
		}
	})
}

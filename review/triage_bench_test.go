package review_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/store"
)

// BenchmarkTriageGroups measures what keyboard triage and linked cases add
// to the queue: 5,000 cases in sellers of five (a shared WeChat id), one
// in ten merged into its seller's first case; the queue page (with its
// group badges), a case page (with merged cases and candidates), and
// "next" (the next pending case of the filter).
func BenchmarkTriageGroups(b *testing.B) {
	st, sw := benchStore(b)
	f := matcher.Finding{Flagged: true, Score: 20, Category: "cert_sale", Route: casework.RouteTakedownCAC}
	fj, _ := json.Marshal(f)
	const n = 5000
	ids := make([]uint64, n)
	for i := range n {
		u := fmt.Sprintf("http://bbs.example/t/%d", i)
		res, err := st.Record(store.Observation{SweepID: sw.ID, CaseKey: u, URL: u, Title: "电工证包过", Status: 200,
			Body: []byte(u), Score: float64(i % 40), Category: "cert_sale", Finding: fj,
			Contacts: []store.CaseContact{{Kind: "wechat", Value: fmt.Sprintf("seller-%d", i/5)}}})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = res.CaseID
	}
	for i := 0; i < n; i += 10 {
		if _, err := st.Merge(store.Merge{Primary: ids[i], Cases: []uint64{ids[i+1]}, By: "cac"}); err != nil {
			b.Fatal(err)
		}
	}
	get := benchServer(b, st, "cac", casework.RoleReviewerCAC)
	b.Run("queue", func(b *testing.B) {
		for range b.N {
			get("/cases?category=cert_sale", http.StatusOK)
		}
	})
	b.Run("case", func(b *testing.B) {
		for range b.N {
			get(fmt.Sprintf("/cases/%d", ids[2000]), http.StatusOK)
		}
	})
	b.Run("next", func(b *testing.B) {
		for range b.N {
			get(fmt.Sprintf("/cases/%d/next?category=cert_sale", ids[2000]), http.StatusSeeOther)
		}
	})
}

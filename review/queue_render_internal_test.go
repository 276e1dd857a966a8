package review

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// awkwardRows are 200 decorated queue rows of awkward data: markup,
// quotes, plus signs, NUL, bidirectional controls, long titles, groups,
// removal outcomes, the zero time.
func awkwardRows() []caseRow {
	s := &Server{}
	var rows []caseRow
	t0 := time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC)
	for i := range 200 {
		c := store.Case{ID: uint64(1000 + i), Score: float64(i) / 3, Category: "cert_sale", SourceID: "src<'\"+&>\x00",
			Title:  fmt.Sprintf("电工证<script>alert('x')</script> \"引号\" a+b &amp; \u202e反向 %d %s", i, "很长的标题很长的标题很长的标题很长的标题很长的标题很长的标题很长的标题"),
			URL:    fmt.Sprintf("https://h%d.example/p?a=1&b=<x>+'y'#%d/very/long/path/that/goes/on/and/on/and/on/and/on/and/on/and/on", i, i),
			Status: casework.CaseStatuses[i%len(casework.CaseStatuses)], FirstSeen: t0.Add(time.Duration(i) * time.Hour),
			LastSeen: t0.Add(time.Duration(2*i) * time.Hour), Channel: []string{"", "model", "rules"}[i%3]}
		if i%7 == 0 {
			c.LastSeen = time.Time{}
			c.Removal = casework.Outcome("removed")
		}
		if i%11 == 0 {
			c.Removal = casework.Outcome("odd<&>'")
		}
		rows = append(rows, caseRow{Case: c, SuggestedRoute: casework.Routes[i%len(casework.Routes)], New: i%5 == 0})
	}
	rows = s.decorate(rows)
	for i := range rows {
		switch i % 9 {
		case 0:
			rows[i].Group = &queueGroup{Merged: []groupMember{{ID: 7, Title: "<b>合并</b>+很长的标题很长的标题很长的标题很长的标题很长的标题很长的标题", Status: casework.CaseOpen}},
				Linked: []groupMember{{ID: 8, Title: "同一'卖家'", Status: casework.CaseDismissed, Primary: 3}, {ID: 9, Title: "x", Status: casework.CaseOpen}}}
		case 1:
			rows[i].Group = &queueGroup{}
		case 2:
			rows[i].Group = &queueGroup{Linked: []groupMember{{ID: 10, Title: "\"", Status: casework.CaseOpen}}}
		}
	}
	return rows
}

// BenchmarkQueueRender is the cost of a queue page of 200 rows: the rows
// written (rowsHTML) and the page rendered. CERTWATCH_RENDER_OUT writes
// the page there (to compare the output of two versions byte for byte).
func BenchmarkQueueRender(b *testing.B) {
	views, err := parseViews()
	if err != nil {
		b.Fatal(err)
	}
	rows := awkwardRows()
	q := url.Values{"status": {"open"}, "sort": {"score"}, "host": {"a&b"}}
	v := queueView{Filter: readQueueFilter(q), Query: q, Rows: rows, Total: 1234, Page: 2, Last: 7,
		Counts: map[casework.CaseStatus]int{casework.CaseOpen: 3}, Statuses: casework.CaseStatuses, Routes: casework.Routes,
		Reasons: reasonChoices(), MyRoutes: casework.Routes[:1], Sorts: sortChoices(), Sizes: pageSizes(50)}
	p := page{Data: v, Nav: "queue", CSRF: "tok", User: &store.User{Name: "u"}, Can: map[string]bool{"decide": true, "cases": true}}
	render := func() []byte {
		qs, err := escapedTriageQuery(q)
		if err != nil {
			b.Fatal(err)
		}
		rowsHTML(rows, true, qs) // as the queue handler does
		var buf bytes.Buffer
		if err := views["queue"].Execute(&buf, p); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	if out := os.Getenv("CERTWATCH_RENDER_OUT"); out != "" {
		if err := os.WriteFile(out, render(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		render()
	}
}

package review

import (
	"html/template"
	"strconv"
)

// rowCells are what a queue or search row shows, worked out once in Go
// when the row is made (decorate). A page of 200 rows rendered from the
// case itself cost text/template a reflective call per function (score,
// short, date, caseStatus…) and a reflective search per promoted field
// of the embedded store.Case: with 50 reviewers at once, rendering was
// most of the queue's time. The templates only read these fields; what
// they print is the same.
type rowCells struct {
	ID, Version, Score string
	Title, URL         string // shortened as the row shows them
	CategoryName       string
	Model              bool // flagged by the learned model alone
	Source             string
	Route              string // the suggested route's name
	Status, StatusName string
	HasRemoval         bool
	Outcome            string // the removal check's outcome, by name
	First, Last        template.HTML
}

// shortText is the template function short: s cut to n characters and
// an ellipsis.
func shortText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// cells fills row.C from the row.
func (row *caseRow) cells() {
	c := &row.Case
	row.C = rowCells{ID: strconv.FormatUint(c.ID, 10), Version: caseVersion(c), Score: formatScore(c.Score),
		Title: shortText(c.Title, 60), URL: shortText(c.URL, 90), CategoryName: row.CategoryName, Model: c.Channel == "model",
		Source: c.SourceID, Route: row.SuggestedRoute.Name(), Status: string(c.Status), StatusName: c.Status.Name(),
		HasRemoval: c.Removal != "", Outcome: c.Removal.Name(),
		First: when(c.FirstSeen, "2006-01-02"), Last: when(c.LastSeen, "2006-01-02")}
}

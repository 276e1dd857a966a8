package tuning

import (
	"strings"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// Label is what reviewers said about a page (see the package comment).
type Label string

// Labels.
const (
	Positive   Label = "positive"   // confirmed (or awaiting a referral's approval)
	Negative   Label = "negative"   // dismissed as a false positive
	Excluded   Label = "excluded"   // dismissed as out of scope or a duplicate: not about the rules
	Unlabelled Label = "unlabelled" // open
)

// CaseLabel is the label a case's status gives it.
func CaseLabel(c *store.Case) Label {
	switch c.Status {
	case casework.CaseConfirmed, casework.CasePendingApproval:
		return Positive
	case casework.CaseDismissed:
		if c.DismissReason == casework.DismissFalsePositive {
			return Negative
		}
		return Excluded
	}
	return Unlabelled
}

// PageLabel is the label of an extra page from its "label" field: "clean"
// or "negative" is negative, another value positive, none unlabelled.
func PageLabel(value string) Label {
	switch v := strings.ToLower(strings.TrimSpace(value)); v {
	case "":
		return Unlabelled
	case "clean", "negative":
		return Negative
	default:
		return Positive
	}
}

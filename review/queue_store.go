package review

import "github.com/certwatch/certwatch/store"

// QueueStore is the review queue read without decoding cases (issue 13):
// a page of cases filtered, sorted and counted by the store, the values
// the filters offer, and each user's saved filters.
type QueueStore interface {
	QueryCases(q store.CaseQuery) (*store.CasePage, error)
	QueueFacets() (*store.QueueFacets, error)
	SaveFilter(f store.SavedFilter) error
	SavedFilters(user string) ([]store.SavedFilter, error)
	DeleteSavedFilter(user, name string) error
}

var _ QueueStore = (*store.Store)(nil)

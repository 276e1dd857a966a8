package review

import "github.com/certwatch/certwatch/store"

// SearchStore is full-text search over cases and the pivots from a case to
// the others that share a contact, host, listing id or page content.
type SearchStore interface {
	Search(q store.SearchQuery) (*store.SearchResult, error)
	PivotCounts(caseID uint64) ([]store.PivotCount, error)
}

var _ SearchStore = (*store.Store)(nil)

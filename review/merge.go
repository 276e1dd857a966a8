package review

import "github.com/certwatch/certwatch/store"

// MergeStore is duplicates merged into a primary case and unmerged (both
// audited). A merged case leaves the queue and is decided through its
// primary; both backends implement it and store/storetest checks them.
type MergeStore interface {
	Merge(m store.Merge) ([]store.MergedCase, error)
	Unmerge(caseID uint64, by, note string) (*store.MergedCase, error)
	// MergeOf is the merge of a case, store.ErrNotFound when it is not
	// merged.
	MergeOf(caseID uint64) (*store.MergedCase, error)
	MergedCases(primary uint64) ([]store.MergedCase, error)
	// MergedIDs maps every merged case to its primary (the queue hides
	// them).
	MergedIDs() (map[uint64]uint64, error)
}

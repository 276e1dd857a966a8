package pgstore

import (
	"fmt"

	"github.com/certwatch/certwatch/finding"
	"github.com/certwatch/certwatch/store"
)

// CaseFinding returns one case with its finding decoded (finding.Decode),
// for the case page (see store.(*Store).CaseFinding). The suggested route
// and channel are the case's columns, written from the finding when it
// was recorded. The finding is nil when the case has none; a finding that
// does not decode is an error.
func (b *Backend) CaseFinding(id uint64) (*store.Case, *finding.Finding, error) {
	c, err := b.Case(id)
	if err != nil {
		return nil, nil, err
	}
	if len(c.Finding) == 0 {
		return c, nil, nil
	}
	f, err := finding.Decode(c.Finding)
	if err != nil {
		return nil, nil, fmt.Errorf("case %d: %w", id, err)
	}
	return c, f, nil
}

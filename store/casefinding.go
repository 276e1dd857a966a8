package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/certwatch/certwatch/finding"
)

// CaseFinding returns one case with its finding decoded (finding.Decode),
// for the case page: the case is read and its finding decoded once, and
// the suggested route and channel come from the decoded finding instead
// of a second reading (finding.Peek, see Case). The finding is nil when
// the case has none; a finding that does not decode is an error.
func (s *Store) CaseFinding(id uint64) (*Case, *finding.Finding, error) {
	s.boundMapped()
	var c caseRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCases).Get(u64(id))
		if v == nil {
			return ErrNotFound
		}
		return json.Unmarshal(v, &c)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: case %d: %w", id, err)
	}
	if len(c.Finding) == 0 {
		return &c.Case, nil, nil
	}
	f, err := finding.Decode(c.Finding)
	if err != nil {
		return nil, nil, fmt.Errorf("case %d: %w", id, err)
	}
	c.SuggestedRoute, c.Channel = f.Route, f.Channel
	return &c.Case, f, nil
}

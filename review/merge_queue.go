package review

import (
	"slices"

	"github.com/certwatch/certwatch/casework"
)

// queueGroup is what the queue shows of a row's linked cases: the cases
// merged into it (hidden from the queue themselves) and the other cases
// of the same seller (a shared personal contact), each with a badge and
// a count that opens into the list (a <details>, no script needed).
type queueGroup struct {
	Merged []groupMember
	Linked []groupMember
}

type groupMember struct {
	ID      uint64
	Title   string
	Status  casework.CaseStatus
	Primary uint64 // a linked case merged into another: its primary
}

// maxGroupShown bounds the members a queue row lists.
const maxGroupShown = 20

// groupRows fills the group of each shown row (at most pageSize rows:
// one linked-cases read each).
func (s *Server) groupRows(rows []caseRow) error {
	if len(rows) == 0 {
		return nil
	}
	merged, err := s.st.MergedIDs()
	if err != nil {
		return err
	}
	into := map[uint64][]uint64{}
	for id, p := range merged {
		into[p] = append(into[p], id)
	}
	for i := range rows {
		row := &rows[i]
		g := &queueGroup{}
		ms, err := s.mergedMembers(into[row.ID])
		if err != nil {
			return err
		}
		g.Merged = ms
		linked, err := s.st.LinkedCases(row.ID)
		if err != nil {
			return err
		}
		for _, l := range linked {
			if merged[l.CaseID] == row.ID {
				continue // listed as merged
			}
			if len(g.Linked) == maxGroupShown {
				break
			}
			g.Linked = append(g.Linked, groupMember{ID: l.CaseID, Title: l.Title, Status: l.Status, Primary: merged[l.CaseID]})
		}
		if len(g.Merged) > 0 || len(g.Linked) > 0 {
			row.Group = g
		}
	}
	return nil
}

// mergedMembers are the cases of ids (merged into one row), by id.
func (s *Server) mergedMembers(ids []uint64) ([]groupMember, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []groupMember
	for _, id := range sortedIDs(ids) {
		if len(out) == maxGroupShown {
			break
		}
		c, err := s.st.Case(id)
		if err != nil {
			return nil, err
		}
		out = append(out, groupMember{ID: id, Title: c.Title, Status: c.Status})
	}
	return out, nil
}

func sortedIDs(ids []uint64) []uint64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

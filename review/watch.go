package review

import (
	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// WatchCheckStore is the re-checks of known imitation sites that sweeps
// record (discover.watch); the case page lists them. *store.Store and
// pgstore implement it; a Store without it shows none.
type WatchCheckStore interface {
	WatchChecks(caseID uint64, limit int) ([]store.WatchCheck, error)
}

var _ WatchCheckStore = (*store.Store)(nil)

// watchShown is how many re-checks the case page lists.
const watchShown = 20

// watchView is the case page's list of re-checks.
type watchView struct {
	Checks []watchCheckView
}

type watchCheckView struct {
	store.WatchCheck
	StateName string
}

// watchView reads a case's re-checks for its page; none when the store
// does not keep them.
func (s *Server) watchView(id uint64) (watchView, error) {
	ws, ok := s.st.(WatchCheckStore)
	if !ok {
		return watchView{}, nil
	}
	checks, err := ws.WatchChecks(id, watchShown)
	if err != nil {
		return watchView{}, err
	}
	v := watchView{}
	for _, c := range checks {
		v.Checks = append(v.Checks, watchCheckView{WatchCheck: c, StateName: casework.DiscoveryCount("watch_" + c.State).Name()})
	}
	return v, nil
}

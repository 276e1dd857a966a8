package review

import "github.com/certwatch/certwatch/store"

// HostFactsStore keeps what was collected about the host of a case's
// page for a police referral (issue 14; package evidence/hostfacts
// collects, the store keeps the encoded bytes with their SHA-256).
type HostFactsStore interface {
	AddHostFacts(h store.HostFacts) (*store.HostFacts, error)
	HostFacts(caseID uint64) ([]store.HostFacts, error)
}

var _ HostFactsStore = (*store.Store)(nil)

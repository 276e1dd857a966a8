package pgstore

import (
	"fmt"

	"github.com/certwatch/certwatch/store"
)

// ExportEvidence writes a case's evidence into dir as the bbolt store does
// (store.WriteEvidence: WARC, bodies, screenshots, manifest.json and
// SHA256SUMS), reading bodies and screenshots from Blobs; each is checked
// against its stored SHA-256 before anything is written.
func (b *Backend) ExportEvidence(caseID uint64, dir string) (*store.Manifest, error) {
	m, err := store.WriteEvidence(b, caseID, dir, b.now())
	if err != nil {
		return nil, fmt.Errorf("pgstore: export evidence of case %d: %w", caseID, err)
	}
	return m, nil
}

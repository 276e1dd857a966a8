package pgstore

import (
	"context"

	"github.com/certwatch/certwatch/store"
)

// hostFacts copies the host facts of a bbolt store (ImportBolt's step
// "host facts"), the bytes as kept and their hash; ids are kept, and the
// identity moves past them with the others (identities).
func (im *importer) hostFacts(ctx context.Context) error {
	var rows [][]any
	err := im.src.EachHostFacts(func(h store.HostFacts) error {
		rows = append(rows, []any{int64(h.ID), int64(h.CaseID), int64(h.SnapshotID), h.URL, h.CollectedAt.UTC(), h.By, h.SHA256, []byte(h.Data)})
		return nil
	})
	if err != nil {
		return err
	}
	return im.copyRows(ctx, "host_facts", []string{"id", "case_id", "snapshot_id", "url", "collected_at", "collected_by", "sha256", "data"}, rows)
}

// hostFactsCounts adds what VerifyImport expects in the host facts table.
func hostFactsCounts(src *store.Store, want map[string]int64) error {
	return src.EachHostFacts(func(store.HostFacts) error { want["host_facts"]++; return nil })
}

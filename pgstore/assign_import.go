package pgstore

import (
	"context"

	"github.com/certwatch/certwatch/store"
)

// assign copies the claims and comments of a bbolt store (ImportBolt's
// step "claims and comments"); comment ids are kept, and the identity
// moves past them with the others (identities).
func (im *importer) assign(ctx context.Context) error {
	var rows [][]any
	err := im.src.EachClaim(func(c store.Claim) error {
		rows = append(rows, []any{int64(c.CaseID), c.Holder, c.Since.UTC(), c.Until.UTC(), c.AssignedBy})
		return nil
	})
	if err != nil {
		return err
	}
	if err := im.copyRows(ctx, "case_claims", []string{"case_id", "holder", "since", "until", "assigned_by"}, rows); err != nil {
		return err
	}
	rows = nil
	err = im.src.EachComment(func(c store.Comment) error {
		rows = append(rows, []any{int64(c.ID), int64(c.CaseID), c.By, c.At.UTC(), c.Text})
		return nil
	})
	if err != nil {
		return err
	}
	return im.copyRows(ctx, "case_comments", []string{"id", "case_id", "author", "at", "body"}, rows)
}

// assignCounts adds what VerifyImport expects in the claims and comments
// tables.
func assignCounts(src *store.Store, want map[string]int64) error {
	if err := src.EachClaim(func(store.Claim) error { want["case_claims"]++; return nil }); err != nil {
		return err
	}
	return src.EachComment(func(store.Comment) error { want["case_comments"]++; return nil })
}

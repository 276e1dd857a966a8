package pgstore_test

import (
	"testing"
	"time"

	"github.com/certwatch/certwatch/pgstore"
	"github.com/certwatch/certwatch/store"
)

// TestImportAssign: a district's claims and comments move to PostgreSQL
// as they were, and comments added afterwards get new ids.
func TestImportAssign(t *testing.T) {
	d := buildDistrict(t, 6)
	src := openBolt(t, d.path)
	dst, _, _ := importTarget(t)
	if r, err := importAndVerify(t, src, dst, pgstore.ImportOptions{Sample: -1}); err != nil {
		t.Fatalf("verify: %v\n%v", err, r)
	}
	want, err := src.Comments(d.flagged[0])
	if err != nil || len(want) != 1 {
		t.Fatalf("bbolt comments: %+v, %v", want, err)
	}
	got, err := dst.Comments(d.flagged[0])
	if err != nil || len(got) != 1 || got[0].ID != want[0].ID || got[0].Text != want[0].Text || got[0].By != "bob" ||
		!got[0].At.Equal(pgT(want[0].At)) {
		t.Errorf("PostgreSQL comments: %+v, %v; want %+v", got, err, want)
	}
	cl, err := dst.CaseClaim(d.flagged[0], time.Now())
	if err != nil || cl.Holder != "alice" {
		t.Errorf("claim in PostgreSQL: %+v, %v", cl, err)
	}
	c, err := dst.AddComment(store.Comment{CaseID: d.flagged[1], By: "alice", Text: "迁移后"})
	if err != nil || c.ID <= want[0].ID {
		t.Errorf("a comment after the import: %+v, %v; want an id after %d", c, err, want[0].ID)
	}
}

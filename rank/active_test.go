package rank

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/store"
)

func TestActiveModel(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m, source, warn := Active(st)
	if warn != nil || m.Version() != def.Version() || source != DefaultName {
		t.Fatalf("nothing activated: %v %q %v", m.Version(), source, warn)
	}

	trained := trainFixture(t, Options{Name: "dept"})
	good, _ := trained.Bytes()
	if err := st.ActivateModel("alice", "/srv/dept.cwm", good, trained.Version()); err != nil {
		t.Fatal(err)
	}
	m, source, warn = Active(st)
	if warn != nil || m.Version() != trained.Version() || !strings.Contains(source, "/srv/dept.cwm") {
		t.Fatalf("activated: %v %q %v", m.Version(), source, warn)
	}

	// A model from a build whose normaliser differed is stored (the
	// store does not parse models): it is refused with a warning, and
	// detection goes on with the rules alone (no model).
	other := editHeader(t, good, func(h map[string]any) { h["features"].(map[string]any)["normaliser"] = "000000000000" })
	if err := st.ActivateModel("bob", "/srv/old.cwm", other, "dept@old"); err != nil {
		t.Fatal(err)
	}
	m, source, warn = Active(st)
	if m != nil || !strings.Contains(source, "/srv/old.cwm") {
		t.Fatalf("mismatched activation: %v %q", m, source)
	}
	if !errors.Is(warn, ErrMismatch) || !strings.Contains(warn.Error(), "dept@old") || !strings.Contains(warn.Error(), "normaliser") {
		t.Errorf("warning %v should name the activated version and the mismatch", warn)
	}
}

package rank

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/store"
)

func TestActiveModelFallsBackToTheDefault(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "certwatch.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m, source, warn, err := Active(st)
	if err != nil || warn != nil || m.Version() != def.Version() || source != DefaultName {
		t.Fatalf("nothing activated: %v %q %v %v", m.Version(), source, warn, err)
	}

	trained := trainFixture(t, Options{Name: "dept"})
	good, _ := trained.Bytes()
	if err := st.ActivateModel("alice", "/srv/dept.cwm", good, trained.Version()); err != nil {
		t.Fatal(err)
	}
	m, source, warn, err = Active(st)
	if err != nil || warn != nil || m.Version() != trained.Version() || !strings.Contains(source, "/srv/dept.cwm") {
		t.Fatalf("activated: %v %q %v %v", m.Version(), source, warn, err)
	}

	// A model from a build whose normaliser differed is stored (the
	// store does not parse models): it is refused with a warning, and
	// the default is used.
	other := editHeader(t, good, func(h map[string]any) { h["features"].(map[string]any)["normaliser"] = "000000000000" })
	if err := st.ActivateModel("bob", "/srv/old.cwm", other, "dept@old"); err != nil {
		t.Fatal(err)
	}
	m, source, warn, err = Active(st)
	if err != nil || m.Version() != def.Version() || source != DefaultName {
		t.Fatalf("mismatched activation: %v %q %v", m, source, err)
	}
	if !errors.Is(warn, ErrMismatch) || !strings.Contains(warn.Error(), "dept@old") || !strings.Contains(warn.Error(), "normaliser") {
		t.Errorf("warning %v should name the activated version and the mismatch", warn)
	}
}

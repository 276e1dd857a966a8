package rank

import (
	"errors"
	"fmt"

	"github.com/certwatch/certwatch/store"
)

// ActiveModels is what choosing the model in force reads from the store.
// *store.Store implements it.
type ActiveModels interface {
	ActiveModel() (*store.ActivatedModel, error)
}

var _ ActiveModels = (*store.Store)(nil)

// Active returns the model in force: the one activated in the store
// ("certwatch model activate"), else the embedded default. source says
// which, for logs and findings ("activation #3 (file)", DefaultName).
//
// When the activated model cannot be read or does not load (corrupt,
// another normaliser…), Active falls back to the default model and
// returns the reason as warn: the caller logs it as a warning and shows
// it. When no model at all can be used, m is nil and err says why: the
// caller goes on with the rules alone.
func Active(st ActiveModels) (m *Model, source string, warn, err error) {
	am, aerr := st.ActiveModel()
	switch {
	case aerr == nil:
		m, perr := Parse(fmt.Sprintf("activation #%d (%s)", am.Seq, am.File), am.Content)
		if perr == nil {
			return m, fmt.Sprintf("activation #%d (%s)", am.Seq, am.File), nil, nil
		}
		warn = fmt.Errorf("the activated model %s is not used, the embedded default is: %w", am.Version, perr)
	case !errors.Is(aerr, store.ErrNotFound):
		warn = fmt.Errorf("the activated model could not be read, the embedded default is used: %w", aerr)
	}
	d, derr := Default()
	if derr != nil {
		if warn != nil {
			derr = errors.Join(warn, derr)
		}
		return nil, "", nil, fmt.Errorf("no model can be used, rules only: %w", derr)
	}
	return d, DefaultName, warn, nil
}

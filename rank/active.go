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
// When the model that should be in force cannot be used — the activated
// one is corrupt, truncated or trained with another normaliser, the
// activation cannot be read, or the embedded default no longer loads — m
// is nil and warn says why: the caller goes on with the rules alone, logs
// warn and shows it. An activated model that does not load is not
// replaced by the embedded default: an analyst chose to replace that
// one, so detection falls back to what is certain, the rules.
func Active(st ActiveModels) (m *Model, source string, warn error) {
	am, err := st.ActiveModel()
	switch {
	case err == nil:
		source = fmt.Sprintf("activation #%d (%s)", am.Seq, am.File)
		m, err := Parse(source, am.Content)
		if err != nil {
			return nil, source, fmt.Errorf("the activated model %s does not load, rules only: %w", am.Version, err)
		}
		return m, source, nil
	case !errors.Is(err, store.ErrNotFound):
		return nil, "", fmt.Errorf("the activated model could not be read, rules only: %w", err)
	}
	d, err := Default()
	if err != nil {
		return nil, DefaultName, fmt.Errorf("the embedded default model does not load, rules only: %w", err)
	}
	return d, DefaultName, nil
}

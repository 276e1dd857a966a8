package rank

import (
	_ "embed"
	"sync"
)

//go:generate bash ../tools/trainmodel.sh

// tools/trainmodel.sh (`make model`, or go generate ./rank) trains the
// embedded model from the project's labelled data with the training
// defaults and writes what it learnt from, and its figures on the held-out
// data, to default.eval.txt beside it.

// defaultModel is the embedded default model (see Default).
//
//go:embed default.cwm
var defaultModel []byte

// DefaultName is how the embedded model is named in messages.
const DefaultName = "rank/default.cwm (embedded)"

var loadDefault = sync.OnceValues(func() (*Model, error) { return Parse(DefaultName, defaultModel) })

// Default returns the embedded default model, trained on the project's
// own labelled data (its header's trained_on says which). It fails, with
// a *LoadError, when this build's normaliser or feature scheme no longer
// matches the one it was trained with: then go generate ./rank.
func Default() (*Model, error) { return loadDefault() }

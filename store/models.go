package store

// Buckets of the model activation history. They are created by the first
// activation (databases from before models open unchanged, read-only
// too); reads treat a missing bucket as an empty history.
var (
	bucketModels        = []byte("models")
	bucketModelContents = []byte("model_contents")
)

// ActivatedModel is one entry of the model activation history: the learned
// model (package rank) that the second stage uses from then on, or with
// Deactivated the return to the embedded default model.
type ActivatedModel = Activation

// ActivateModel records content (a model file read from file) as the
// active model; the caller checks that it loads and passes its version.
// The same bytes twice fail with ErrConflict. Audited as "model.activate"
// in the same transaction.
func (s *Store) ActivateModel(actor, file string, content []byte, version string) error {
	return s.activate(modelHistory, actor, file, content, version)
}

// DeactivateModel ends the current activation (back to the embedded
// default model). ErrNotFound when no model is active. Audited as
// "model.deactivate".
func (s *Store) DeactivateModel(actor string) error { return s.deactivate(modelHistory, actor) }

// ActiveModel returns the active model with its content; ErrNotFound when
// none was activated or the last activation was ended.
func (s *Store) ActiveModel() (*ActivatedModel, error) { return s.active(modelHistory) }

// ModelHistory lists every model activation and deactivation, oldest
// first, without content.
func (s *Store) ModelHistory() ([]ActivatedModel, error) { return s.list(modelHistory) }

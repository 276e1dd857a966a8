package store

// Buckets of the rule-pack activation history (see the package comment's
// schema).
var (
	bucketPacks        = []byte("packs")
	bucketPackContents = []byte("pack_contents")
)

// ActivatedPack is one entry of the rule-pack activation history: a pack
// made the one sweeps and the server use, or with Deactivated the return
// to the configuration's packs.
type ActivatedPack = Activation

// ActivatePack records content (a rule-pack file, read from file) as the
// active pack; the caller checks that it loads and passes its version.
// The same bytes twice fail with ErrConflict. Audited as "rules.activate"
// in the same transaction.
func (s *Store) ActivatePack(actor, file string, content []byte, version string) error {
	return s.activate(packHistory, actor, file, content, version)
}

// DeactivatePack ends the current activation: sweeps and the server go
// back to the packs their configuration names. ErrNotFound when no pack
// is active. Audited as "rules.deactivate".
func (s *Store) DeactivatePack(actor string) error { return s.deactivate(packHistory, actor) }

// ActivePack returns the active pack with its content; ErrNotFound when
// none was activated or the last activation was ended.
func (s *Store) ActivePack() (*ActivatedPack, error) { return s.active(packHistory) }

// PackContent returns the bytes of the pack activated by history entry
// seq.
func (s *Store) PackContent(seq uint64) ([]byte, error) { return s.contentAt(packHistory, seq) }

// PackHistory lists every activation and deactivation, oldest first,
// without content.
func (s *Store) PackHistory() ([]ActivatedPack, error) { return s.list(packHistory) }

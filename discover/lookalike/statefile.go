package lookalike

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/certwatch/certwatch/internal/atomicfile"
)

// MaxStateFile bounds the state file LoadStateFile reads.
const MaxStateFile = 256 << 20

// LoadStateFile reads a state saved by SaveStateFile (at most
// MaxStateFile bytes); a missing file is an empty state.
func LoadStateFile(path string, s Schedule) (*State, error) {
	data, err := atomicfile.ReadFile(path, MaxStateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(s), nil
	}
	if err != nil {
		return nil, fmt.Errorf("lookalike: state: %w", err)
	}
	return LoadState(data, s)
}

// SaveStateFile writes st through a temporary file and a rename, so a
// crash never leaves half a state.
func SaveStateFile(path string, st *State) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

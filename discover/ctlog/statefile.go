package ctlog

import (
	"errors"
	"fmt"
	"github.com/certwatch/certwatch/internal/atomicfile"
	"os"
)

// MaxStateBytes bounds a state file read by LoadStateFile.
const MaxStateBytes = 16 << 20

// LoadStateFile reads a state saved by SaveStateFile; a missing file gives
// an empty state.
func LoadStateFile(path string) (*State, error) {
	data, err := atomicfile.ReadFile(path, MaxStateBytes)
	if errors.Is(err, os.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("ctlog: %w", err)
	}
	return LoadState(data)
}

// SaveStateFile writes the state through a temporary file and a rename, so
// a crash never leaves half a state.
func SaveStateFile(path string, s *State) error {
	data, err := s.Save()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

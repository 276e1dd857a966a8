package rules

import (
	_ "embed"
	"fmt"
	"sync"
)

//go:embed default.yaml
var defaultPack []byte

// DefaultFile is the name the embedded default pack carries in errors and findings.
const DefaultFile = "embedded:rules/default.yaml"

var (
	defaultOnce   sync.Once
	defaultLoaded *Pack
	defaultErr    error
)

// Default returns the pack embedded in the binary, written from the
// campaign's domain notes. It is parsed once; callers must not modify it.
func Default() (*Pack, error) {
	defaultOnce.Do(func() {
		defaultLoaded, defaultErr = Parse(DefaultFile, defaultPack)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("rules: embedded default pack is invalid: %w", defaultErr)
		}
	})
	return defaultLoaded, defaultErr
}

// DefaultSource returns the bytes of the embedded default pack, for
// `certwatch rules dump` and for analysts starting a pack of their own.
func DefaultSource() []byte { return append([]byte(nil), defaultPack...) }

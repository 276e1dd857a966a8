//go:build !race

// Package racemode tells tests whether the race detector is on. Tests that
// compare two implementations over large inputs and start no goroutines
// of their own find no races and take ten times longer under the detector:
// they skip under -race, and `make test` runs them once more without it
// (the Makefile's NORACE_TESTS).
package racemode

// Enabled reports whether the binary was built with the race detector.
const Enabled = false

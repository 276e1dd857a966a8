//go:build !demo

package main

import (
	"github.com/spf13/cobra"
)

// errNoSampleWeb is what `certwatch demo` says in a production build: the
// sample web (package testbed: fake shops, an imitation query site, hostile
// pages) is left out of the binary offices deploy, and is built into
// bin/certwatch-demo by `make demo` (build tag demo).
var errNoSampleWeb = newMsgError("demo.disabled")

func newDemoCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "demo",
		Short:  "Not in this build: the sample web is in bin/certwatch-demo (make demo)",
		Hidden: true,
		Args:   cobra.ArbitraryArgs,
		// Unknown flags (--dir, --serve …) must reach RunE, not a flag error.
		DisableFlagParsing: true,
		RunE: func(*cobra.Command, []string) error {
			return &exitError{code: 2, err: errNoSampleWeb}
		},
	}
}

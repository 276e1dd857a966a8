// Command certwatch finds online offers of fake safety-production
// certificates and imitation certificate-query sites. This package only wires
// flags, signals and output to the packages that do the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// errBadInput marks a run that finished but met bad input; it exits 1
// after everything else was processed.
var errBadInput = errors.New("some input could not be read")

// exitError carries an exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status; tests call it
// directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	l, err := chooseLang(args, os.Getenv)
	if err != nil {
		// No language to say it in yet: both.
		fmt.Fprintf(stderr, "certwatch: %v（语言只能是 zh 或 en）\n", err)
		return 2
	}
	root := newRoot(stdin, stdout, stderr)
	localize(root, l)
	root.SetArgs(args)
	err = root.ExecuteContext(withLang(ctx, l))
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != errBadInput {
			fmt.Fprintf(stderr, "certwatch: %s\n", errorText(ee.err, l))
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "certwatch: %s\n", errorText(err, l))
	return 2
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "certwatch",
		Short: "Find online offers of fake safety certificates and imitation query sites",
		Long: `Find online offers of fake safety-production certificates and imitation certificate-query
sites, keep the evidence, and review the cases in a web UI.

Language: output and help are in Chinese or in English: --lang zh|en, else the variable
CERTWATCH_LANG=zh|en, else the locale (LC_ALL, LC_MESSAGES, LANG: en… is English, zh…
Chinese), else Chinese. Times are printed in Beijing time (UTC+8) with the zone shown,
whatever the machine's time zone.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newScanCmd(), newRulesCmd(), newConfigCmd(), newSweepCmd(), newCasesCmd(), newEvidenceCmd(),
		newServeCmd(), newUserCmd(), newAuditCmd(), newScheduleCmd(), newBackupCmd(), newCompactCmd(), newDemoCmd(), newReportCmd(), newEvalCmd(), newModelCmd(), newDBCmd(), newWorkerCmd())
	root.AddCommand(newLookalikeCmd())
	root.AddCommand(newCTLogCmd())
	root.AddCommand(newPruneCmd())
	root.AddCommand(newImitationCmd())
	return root
}

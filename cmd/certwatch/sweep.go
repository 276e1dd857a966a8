package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/rules"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

type sweepOptions struct {
	configPath string
	rulesPath  string
	resume     bool
	abandon    bool
	cpuProfile string
	logFormat  string
}

func newSweepCmd() *cobra.Command {
	var o sweepOptions
	cmd := &cobra.Command{
		Use:   "sweep --config FILE",
		Short: "Crawl every configured source once, score the pages and keep the findings as cases",
		Long: `Crawl every configured source once: fetch politely, score each page with the rule
packs, and store every finding as a case with its evidence. The frontier is kept in
the database: after an interruption (even kill -9), "certwatch sweep --resume"
finishes the sweep without fetching finished pages again and without duplicate
cases or sightings.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSweep(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.configPath, "config", "certwatch.yaml", "sweep configuration (see config.example.yaml)")
	cmd.Flags().StringVar(&o.rulesPath, "rules", "", "rule pack file or directory (default: the configuration's rules, else the embedded pack)")
	cmd.Flags().BoolVar(&o.resume, "resume", false, "finish the sweep that was interrupted")
	cmd.Flags().BoolVar(&o.abandon, "abandon", false, "mark an interrupted sweep as abandoned and start a new one")
	cmd.Flags().StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the sweep to this file (for performance work)")
	cmd.Flags().StringVar(&o.logFormat, "log-format", "", "text or json logs on stderr at info level (default: a progress bar on a terminal, text logs otherwise)")
	return cmd
}

// loadMatcher compiles the packs named by a flag, else the pack active in
// the database (see activeRules), else the configuration's, else the
// embedded default.
func loadMatcher(flagPath string, active []*rules.Pack, cfg *config.Config) (*matcher.Matcher, []string, error) {
	m, _, terms, err := compilePacks(flagPath, active, cfg)
	return m, terms, err
}

// compilePacks is loadMatcher that also returns the packs.
func compilePacks(flagPath string, active []*rules.Pack, cfg *config.Config) (*matcher.Matcher, []*rules.Pack, []string, error) {
	var packs []*rules.Pack
	switch {
	case flagPath != "":
		ps, err := rules.LoadPath(flagPath)
		if err != nil {
			return nil, nil, nil, err
		}
		packs = ps
	case len(active) > 0:
		packs = active
	case cfg != nil && len(cfg.Rules) > 0:
		for _, p := range cfg.Rules {
			ps, err := rules.LoadPath(p)
			if err != nil {
				return nil, nil, nil, err
			}
			packs = append(packs, ps...)
		}
	default:
		p, err := rules.Default()
		if err != nil {
			return nil, nil, nil, err
		}
		packs = []*rules.Pack{p}
	}
	m, err := matcher.Compile(packs...)
	if err != nil {
		return nil, nil, nil, err
	}
	var terms []string
	for _, p := range packs {
		terms = append(terms, p.SearchTerms...)
	}
	return m, packs, terms, nil
}

// detectionInForce is the detection sweeps use with the rules m: the
// model in force and the analysts' channel switches (detect.InForce). A
// model that should be in force and does not load is logged as a warning;
// detection goes on with the rules alone.
func detectionInForce(m *matcher.Matcher, st detect.Settings, log *slog.Logger) *detect.Detector {
	d := detect.InForce(m, st)
	s := d.Status()
	if s.Error != "" {
		log.Warn("learned model not in use: detection by the rules alone", "err", s.Error)
	} else if s.Model != "" {
		log.Info("detection", "rules", s.Rules, "model", s.Model, "source", s.Source, "bar", s.Bar, "model_channel_off", s.Off)
	}
	return d
}

func runSweep(ctx context.Context, o sweepOptions, stdout, stderr io.Writer) error {
	cfg, err := config.Load(o.configPath)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return &exitError{code: 1, err: err}
		}
		defer pprof.StopCPUProfile()
	}
	return sweepWith(ctx, cfg, o, stdout, stderr)
}

func sweepWith(ctx context.Context, cfg *config.Config, o sweepOptions, stdout, stderr io.Writer) error {
	l := langOfCtx(ctx)
	cr, err := crawler.New(sweep.CrawlerOptions(cfg))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer cr.Close()
	// The check starts the crawler's browser, which the sweep then uses.
	if _, err := checkBrowser(ctx, cfg, cr.Browser()); err != nil {
		return &exitError{code: 1, err: l.errorf("sweep.not.started", err)}
	}
	st, err := openBackend(ctx, cfg, 0)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer st.Close()
	active, err := activeRules(st)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	m, terms, err := loadMatcher(o.rulesPath, active, cfg)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sw := &sweep.Sweeper{Config: cfg, Store: st, Matcher: m, Fetcher: cr, Log: log, SearchTerms: terms}
	if f, ok := stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) && o.logFormat == "" {
		sw.Progress = newBar(stderr)
	} else {
		if log, err = newLogger(stderr, o.logFormat); err != nil {
			return &exitError{code: 2, err: err}
		}
		sw.Log = log
	}
	sw.Detector = detectionInForce(m, st, log)
	if o.abandon {
		if err := sw.Abandon(); err != nil && !errors.Is(err, store.ErrNotFound) {
			return &exitError{code: 1, err: err}
		}
	}
	sum, err := sw.Run(ctx, o.resume)
	if sum != nil {
		fmt.Fprintln(stdout)
		printSummary(stdout, l, sum)
	}
	if err != nil {
		if ctx.Err() != nil {
			return &exitError{code: 130, err: l.errorf("sweep.interrupted", o.configPath)}
		}
		var nr *sweep.NothingToResumeError
		if errors.As(err, &nr) && l == zh {
			msg := l.errorf("sweep.nothing.to.resume", err)
			if nr.Last != nil {
				state := l.msg("sweep.state.finished")
				if nr.Last.Status == store.SweepInterrupted {
					state = l.msg("sweep.state.abandoned")
				}
				msg = l.errorf("sweep.nothing.after", nr.Last.ID, beijing.Format(nr.Last.StartedAt), state, err)
			}
			return &exitError{code: 1, err: msg}
		}
		return &exitError{code: 1, err: err}
	}
	return nil
}

// bar adapts a progress bar to sweep.Progress.
type bar struct{ b *progressbar.ProgressBar }

func newBar(w io.Writer) *bar {
	return &bar{b: progressbar.NewOptions(-1, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("sweeping"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())}
}

func (b *bar) Update(done, total int) {
	b.b.ChangeMax(total)
	_ = b.b.Set(done)
}
